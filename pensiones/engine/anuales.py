"""Deterministic yearly series of a scenario (the model beside the simulated records): GDP, prices, the
stock of Ley 73 pensions in payment, and PBAM and Pensión Mujeres Bienestar for the whole population.

The CONAPO population lives in :mod:`pensiones.demography.conapo` and the calibrations these series
use in :mod:`pensiones.engine.calibracion`; their old names here still work and warn.
"""

from __future__ import annotations

import datetime as dt
import sys
import warnings

import numpy as np
import pandas as pd

from pensiones.pbam import montos as pbam
from pensiones.demography import conapo as _conapo
from pensiones.demography.mortalidad import qx
from pensiones.engine import calibracion as _calibracion
from pensiones.rules.projection import factor_trayectoria
from pensiones.rules.ruleset import RuleSet

__all__ = ["anuales", "PROPORCION_HOMBRES_STOCK"]

#: Share of men among Ley 73 pensioners in payment (assumption; most old-age pensioners are men).
PROPORCION_HOMBRES_STOCK = 0.65

#: Names that moved: the CONAPO population to ``demography.conapo``, the calibrations to
#: ``engine.calibracion`` (deprecated here; removed in the next release).
_MOVIDOS = {
    **{n: _conapo for n in ("poblacion", "poblacion_post_2070", "RETROPROYECCIONES", "PRIMER_ANIO_CONAPO",
                                "ULTIMO_ANIO_CONAPO", "ULTIMO_ANIO_POBLACION", "POBLACIONES_POST_2070")},
    **{n: _calibracion for n in ("j001_2025", "gasto_ley73_inicial", "calibracion_bienestar", "fraccion_altas_ley73")},
}


def __getattr__(name):
    modulo = _MOVIDOS.get(name)
    if modulo is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    caller = sys._getframe(1).f_globals.get("__name__", "")
    if not caller.startswith(("pensiones.", "importlib")):  # the package's own modules move with it
        warnings.warn(f"pensiones.engine.anuales.{name} moved to {modulo.__name__}.{name}; "
                      "the old name will be removed", DeprecationWarning, stacklevel=2)
    return getattr(modulo, name)


def _supervivencia_stock(n: int) -> np.ndarray:
    """Share of the Ley 73 pensioners of the opening stock alive in each of ``n`` years (1 in the first):
    ages 60-110 as a stationary population entering at 60, :data:`PROPORCION_HOMBRES_STOCK` men, EMSSA-09."""
    alive = np.zeros(n)
    for sexo, share in (("H", PROPORCION_HOMBRES_STOCK), ("M", 1 - PROPORCION_HOMBRES_STOCK)):
        q = qx(sexo)
        surv = np.concatenate(([1.0], np.cumprod(1.0 - q[60:110])))  # ages 60 to 110
        w = surv / surv.sum() * share
        for k in range(n):
            alive[k] += w.sum()
            # one year on: each age moves up after its deaths; q(110) = 1 closes the table
            w = np.concatenate(([0.0], w[:-1] * (1.0 - q[60:110])))
    return alive


def _stock_ley73(rs: RuleSet, years: np.ndarray) -> np.ndarray:
    """The Ley 73 pensions in payment on 1 January of the first year, run off with mortality and
    updated each year as ``Criterios.indexacion_ley73`` says: by the INPC each February, and under the
    default ``"inpc_y_minima"`` the share of the money paid at the minimum pension
    (:func:`~pensiones.engine.calibracion.fraccion_minima_ley73`) following the minimum pension (LSS
    1973 art. 168, the minimum wage) instead: the first year's spending
    (:func:`~pensiones.engine.calibracion.gasto_ley73_inicial`) less the share that goes to that year's
    new pensions (:func:`~pensiones.engine.calibracion.fraccion_altas_ley73`), which the engine simulates.

    Pensioners in payment are spread over ages 60-100 like a stationary population entering at
    60 (density proportional to survival from 60), 65 % men, EMSSA-09 mortality.
    """
    alive = _supervivencia_stock(len(years))
    index = np.array([rs.inpc(int(t) - 1, 12) / rs.inpc(int(years[0]) - 1, 12) for t in years])
    primero = int(years[0])
    if rs.criterios.indexacion_ley73 == "inpc_y_minima":
        from pensiones.ley73.minima import pensiones_minimas_mensuales

        minimas = pensiones_minimas_mensuales([int(t) for t in years], reglas=rs)
        s = _calibracion.fraccion_minima_ley73(primero)
        index = s * minimas / minimas[0] + (1.0 - s) * index
    inicial = _calibracion.gasto_ley73_inicial(rs, primero) * (1.0 - _calibracion.fraccion_altas_ley73(primero))
    return inicial * alive * index


def anuales(
    reglas: RuleSet, start: int, end: int, *, cobertura_pbam: float = 1.0, cobertura_mujeres: float = 1.0
) -> pd.DataFrame:
    """Yearly deterministic series for ``start`` .. ``end``.

    Columns: ``year``, ``pib`` (nominal GDP, pesos: 2025 SHCP estimate 36.17 x 10^12, then real
    growth ``Supuestos.crecimiento_real_pib``, or each year's in ``Supuestos.trayectoria_crecimiento_real_pib``,
    x December-on-December INPC), ``deflactor``
    (INPC of June over June 2025: divide nominal by it for constant 2025 pesos), ``ley73_stock``
    (pensions in payment at the start, J001 run off), ``ley73_stock_personas`` (their count, run off,
    when ``Supuestos.pensionados_ley73`` gives it; NaN otherwise), ``pbam`` and ``mujeres_bienestar``
    (CONAPO eligible population x beneficiaries per person x annual amount x the scenario's
    take-up relative to 2025-2026, ``Procesos.cobertura_pbam`` / ``cobertura_mujeres``).

    The series are cached by the rule set's content and the arguments (:mod:`pensiones._derivados`).
    """
    from pensiones import _derivados as _cache

    def plano(frame: pd.DataFrame) -> dict:
        return {c: frame[c].to_numpy() for c in frame.columns}

    return _cache.cached(
        "anuales", reglas, (start, end, cobertura_pbam, cobertura_mujeres),
        lambda: _anuales(reglas, start, end, cobertura_pbam, cobertura_mujeres), to_plain=plano,
        from_plain=pd.DataFrame,
    )


def _anuales(rs: RuleSet, start: int, end: int, cobertura_pbam: float, cobertura_mujeres: float, *,
             memo: dict | None = None) -> pd.DataFrame:
    """The series of :func:`anuales`, uncached; ``memo`` (a dict kept by the caller across calls on rule sets
    that differ only in their year-by-year paths) keeps the CONAPO populations, which do not depend on them."""
    years = np.arange(start, end + 1)
    pib0 = float(rs.value("pib", dt.date(2025, 6, 1))) * 1e6
    g = rs.supuestos.crecimiento_real_pib
    trayectoria = rs.supuestos.trayectoria_crecimiento_real_pib
    if trayectoria:  # the real growth of each year of the path (Supuestos.trayectoria_crecimiento_real_pib)
        pib = np.array([pib0 * factor_trayectoria(2025, int(t), g, trayectoria) * rs.inpc(int(t), 12)
                        / rs.inpc(2025, 12) for t in years])
    else:
        pib = np.array([pib0 * (1.0 + g) ** (t - 2025) * rs.inpc(int(t), 12) / rs.inpc(2025, 12) for t in years])
    deflactor = np.array([rs.inpc(int(t), 6) / rs.inpc(2025, 6) for t in years])
    cal = _calibracion.calibracion_bienestar()
    clave = ("poblaciones", int(start), int(end), rs.supuestos.poblacion_post_2070)
    if memo is not None and clave in memo:
        poblaciones = memo[clave]
    else:
        poblaciones = [_conapo.poblacion(rs, int(t)) for t in years]
        if memo is not None:
            memo[clave] = poblaciones
    # each programme's amounts and ages for all the years at once (the calculators' array twins)
    edad_pbam = pbam.edades_minimas(years, bimestre=4, reglas=rs)
    monto_pbam = pbam.montos_anuales(years, reglas=rs)
    mujeres = years >= 2025
    edades_mujeres = pbam.edades_mujeres_bienestar_anios(years[mujeres], reglas=rs)
    monto_mujeres = pbam.montos_anuales_mujeres_bienestar(years[mujeres], reglas=rs)
    pbam_cost, muj_cost = [], []
    for k, (t, pop) in enumerate(zip(years, poblaciones)):
        t = int(t)
        n65 = float(pop[pop.edad >= int(edad_pbam[k])]["value"].sum())
        pbam_cost.append(n65 * cal["pbam"] * cobertura_pbam * float(monto_pbam[k]))
        lo, hi, annual = 999, -1, 0.0
        if t >= 2025:
            j = k - int(np.count_nonzero(~mujeres))
            lo, hi, annual = int(edades_mujeres[0][j]), int(edades_mujeres[1][j]), float(monto_mujeres[j])
        women = float(pop[(pop.sexo == "M") & (pop.edad >= lo) & (pop.edad <= hi)]["value"].sum())
        muj_cost.append(women * cal["mujeres_bienestar"] * cobertura_mujeres * annual)
    return pd.DataFrame(
        {
            "year": years,
            "pib": pib,
            "deflactor": deflactor,
            "ley73_stock": _stock_ley73(rs, years),
            # the count of the opening stock, when given (Supuestos.pensionados_ley73)
            "ley73_stock_personas": (
                np.full(len(years), np.nan) if rs.supuestos.pensionados_ley73 is None
                else rs.supuestos.pensionados_ley73 * _supervivencia_stock(len(years))
            ),
            "pbam": pbam_cost,
            "mujeres_bienestar": muj_cost,
        }
    )
