"""The model's calibrations in one place: every structural number derived from published aggregates.

- :func:`gasto_ley73_inicial` and :func:`j001_2025`: the published federal spending on Ley 73 pensions
  in payment, the target of the opening stock;
- :func:`fraccion_altas_ley73`: the share of a start year's Ley 73 spending that goes to that year's
  new pensions (it runs the kernel on the default model), so that the opening stock is the rest;
- :func:`calibracion_bienestar`: PBAM and Pensión Mujeres Bienestar beneficiaries per person of the
  eligible CONAPO population, from the budgets;
- :func:`calibracion_carreras`: the synthetic population's past careers, calibrated on December 2025
  (computed in :mod:`pensiones.engine.synthetic`, next to the builder it serves).

The default values of the two that need the kernel (the careers, and the new-awards share for the start
years 2021-2025) ship as package data (:mod:`pensiones.engine.calibracion_empaquetada`): a run reads
them and never recomputes them.  :func:`recalcular` computes them anew, for ``tools/calibraciones.py``
(which writes the file, or with ``--check`` compares) and for the test that catches a stale file; other
arguments are computed when asked for, those of the new-awards share kept in the on-disk cache
(:func:`pensiones._jit.en_cache`).  The behavioural levels calibrated by hand on the 2021-2024 back-test
(``Procesos`` defaults) are documented where they are defined (``tools/calibrar_retiro.py``).
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np

from pensiones import pbam
from pensiones.demography.conapo import poblacion
from pensiones.rules.ruleset import RuleSet, load

__all__ = [
    "j001_2025",
    "gasto_ley73_inicial",
    "fraccion_altas_ley73",
    "fraccion_minima_ley73",
    "calibracion_bienestar",
    "calibracion_carreras",
    "recalcular",
    "FRACCION_ALTAS_MAXIMA",
]

#: Largest credible share of a year's Ley 73 spending that goes to the pensions granted that year.
FRACCION_ALTAS_MAXIMA = 0.5


def j001_2025(rs: RuleSet | None = None) -> float:
    """Budget line J001 "Pensiones en curso de pago Ley 1973", 2025 approved, pesos (table ``presupuesto``)."""
    rs = load() if rs is None else rs
    return float(rs.value("presupuesto", dt.date(2025, 6, 1), linea="J001 IMSS (Ramo 50)")) * 1e6


def gasto_ley73_inicial(rs: RuleSet, year: int) -> float:
    """Federal spending on the Ley 73 pensions in payment in ``year``, pesos: the opening stock of a run.

    2021 and 2022: the approved federal contribution for Ley 1973 pensions in payment (DEC PEF
    art. 5: 409,179.3 and 474,317.2 million); 2025: budget line J001 (753,202.1 million); 2023
    and 2024 (no figure in the tables): log-linear interpolation between 2022 and 2025, an
    explicit assumption; from 2026: J001 2025 (the stock of a later start is run off from it).
    """
    year = int(year)
    if year < 2021:
        raise ValueError(f"the Ley 73 stock is known from 2021; got {year}")
    if year in (2021, 2022):
        return float(rs.value("presupuesto", dt.date(year, 6, 1), linea="Art. 5 DEC PEF")) * 1e6
    j001 = j001_2025(rs)
    if year in (2023, 2024):
        g2022 = gasto_ley73_inicial(rs, 2022)
        return g2022 * (j001 / g2022) ** ((year - 2022) / 3.0)
    return j001


@functools.cache
def calibracion_bienestar() -> dict[str, float]:
    """Beneficiaries per person of the eligible CONAPO population, from the budgets.

    PBAM: 2025 budget (483,428 million pesos) / annual amount (37,200) / CONAPO population 65+
    of 2025 -- about 1.11, i.e. more beneficiaries than CONAPO's 65+ population (13.2 million
    reported at the end of 2025 against 11.7 million); the ratio is kept as reported.
    Mujeres Bienestar: 2026 budget (56,969 million) / annual amount / CONAPO women 60-64 of 2026.
    """
    rs = load()
    budget = float(rs.value("pbam", dt.date(2025, 6, 1), column="presupuesto_mdp")) * 1e6
    pop = poblacion(rs, 2025)
    n65 = float(pop[pop.edad >= pbam.edad_minima(2025)]["value"].sum())
    f_pbam = budget / (pbam.monto_anual(2025) * n65)
    budget_m = float(rs.value("presupuesto", dt.date(2026, 6, 1), linea="Mujeres Bienestar")) * 1e6
    lo, hi = pbam.edades_mujeres_bienestar(2026)
    pop = poblacion(rs, 2026)
    women = float(pop[(pop.sexo == "M") & (pop.edad >= lo) & (pop.edad <= hi)]["value"].sum())
    annual_m = sum(pbam.monto_bimestral_mujeres_bienestar(2026, bimestre=b) for b in range(1, 7))
    return {"pbam": f_pbam, "mujeres_bienestar": budget_m / (annual_m * women)}


@functools.cache
def fraccion_altas_ley73(anio: int) -> float:
    """Share of a start year's federal Ley 73 spending that goes to the pensions granted in that year.

    The published spending of the year (:func:`gasto_ley73_inicial`) pays the pensions in payment
    on 1 January *and* the year's new ones, which the engine simulates itself (ledger component
    ``ley73``); the opening stock is the rest.  The share comes from the default model -- the law in
    force, default :class:`~pensiones.engine.procesos.Procesos`, ``Population.synthetic(20_000,
    seed=0, year=anio)``, 4 paths, one year -- so it is the same for a baseline and every reform.
    The start years 2021-2025 are read from the package data
    (:mod:`pensiones.engine.calibracion_empaquetada`); another year is computed once per source tree
    and kept in the on-disk cache.

    Raises
    ------
    RuntimeError
        If the share is outside 0 to :data:`FRACCION_ALTAS_MAXIMA` (the calibration is off).
    """
    from pensiones._jit import en_cache
    from pensiones.engine import calibracion_empaquetada

    anio = int(anio)
    empaquetada = calibracion_empaquetada.fraccion_altas_ley73(anio)
    if empaquetada is not None:
        return empaquetada
    return float(en_cache(f"altas_ley73_{anio}.json", lambda: {"fraccion": _fraccion_altas(anio)})["fraccion"])


def fraccion_minima_ley73(anio: int) -> float:
    """Share of the money of the Ley 73 pensions in payment at the start of ``anio`` paid at the minimum
    pension (LSS 1973 art. 168), the model's estimate from its careers
    (:func:`pensiones.engine.synthetic.fraccion_minima_ley73`): that share of the opening stock follows
    the minimum pension, the rest the INPC (``Criterios.indexacion_ley73 = "inpc_y_minima"``).  The start
    years 2021-2025 are read from the package data; another year is computed once and cached.
    """
    from pensiones._jit import en_cache
    from pensiones.engine import calibracion_empaquetada
    from pensiones.engine.synthetic import fraccion_minima_ley73 as calcular

    anio = int(anio)
    empaquetada = calibracion_empaquetada.fraccion_minima_ley73(anio)
    if empaquetada is not None:
        return empaquetada
    return float(en_cache(f"minima_ley73_{anio}.json", lambda: {"fraccion": calcular(anio)})["fraccion"])


def _fraccion_altas(anio: int, carreras: dict[str, float] | None = None) -> float:
    """The share of :func:`fraccion_altas_ley73`, computed; ``carreras``: the careers' calibration of the
    population (default: the packaged one)."""
    from pensiones.engine import componentes as C
    from pensiones.engine.driver import ejecutar, preparar, rendimientos_reales
    from pensiones.engine.population import Population
    from pensiones.engine.procesos import Procesos

    rs = load()
    procesos = Procesos()
    pop = Population.synthetic(20_000, seed=0, year=anio, calibracion=carreras)
    T, P = preparar(rs, procesos, anio, anio)
    real = rendimientos_reales(0, 4, np.arange(anio, anio + 1), procesos)
    ledger, _ = ejecutar(pop, T, P, real, 0, progress=False)
    fraccion = float(ledger[:, 0, C.INDICE["ley73"]].mean()) / 100.0 / gasto_ley73_inicial(rs, anio)
    if not 0.0 <= fraccion < FRACCION_ALTAS_MAXIMA:
        raise RuntimeError(
            f"the new Ley 73 pensions of {anio} take {fraccion:.1%} of that year's published spending in the default "
            "model (expected 0 to 50 %): the calibration of the opening stock is off; please report it"
        )
    return fraccion


def calibracion_carreras(procesos=None, **kwargs) -> dict[str, float]:
    """The synthetic population's career calibration (:func:`pensiones.engine.synthetic.calibracion_carreras`)."""
    from pensiones.engine.synthetic import calibracion_carreras as calcular

    return calcular(procesos, **kwargs)


def recalcular(progress=None) -> dict:
    """Every packaged calibration computed anew (nothing read from the package data or the cache).

    The careers first, then the new-awards share of each start year on a population built with those
    careers, as a fresh install would have computed them.  Takes the compiled kernel and about a
    minute on 2 cores.

    Parameters
    ----------
    progress : callable, optional
        Called with a short description of each step before it runs.

    Returns
    -------
    dict
        ``{"calibracion_carreras": {"c0": ..., "multiplicador_aportaciones": ...},
        "fraccion_altas_ley73": {"2021": ..., ..., "2025": ...}}``, the sections of
        :data:`pensiones.engine.calibracion_empaquetada.ARCHIVO` (without its header).
    """
    from pensiones.engine import calibracion_empaquetada
    from pensiones.engine.procesos import Procesos
    from pensiones.engine.synthetic import EDAD_AFILIACION_ESCALA, EDAD_AFILIACION_FORMA, _calibrar

    decir = progress or (lambda texto: None)
    decir("careers: c0 and multiplicador_aportaciones (three passes on 20,000 records)")
    carreras = _calibrar(Procesos(), EDAD_AFILIACION_FORMA, EDAD_AFILIACION_ESCALA)
    from pensiones.engine.synthetic import fraccion_minima_ley73 as minima

    fracciones, minimas = {}, {}
    for anio in calibracion_empaquetada.ANIOS_ALTAS_LEY73:
        decir(f"share of the Ley 73 spending of {anio} that goes to that year's new pensions")
        fracciones[str(anio)] = _fraccion_altas(anio, carreras)
        decir(f"share of the Ley 73 stock's money at the minimum pension in {anio}")
        minimas[str(anio)] = minima(anio, carreras)
    return {"calibracion_carreras": carreras, "fraccion_altas_ley73": fracciones, "fraccion_minima_ley73": minimas}
