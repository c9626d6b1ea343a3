"""Deterministic yearly series of a scenario (the model beside the simulated records): GDP, prices, the stock of Ley 73 pensions in payment,
and PBAM and Pensión Mujeres Bienestar for the whole population (CONAPO)."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from pensiones import pbam
from pensiones.calendario import ANIO_MAX
from pensiones.demography.mortalidad import qx
from pensiones.rules.ruleset import RuleSet, load

__all__ = [
    "anuales",
    "j001_2025",
    "gasto_ley73_inicial",
    "calibracion_bienestar",
    "poblacion",
    "PROPORCION_HOMBRES_STOCK",
    "RETROPROYECCIONES",
    "PRIMER_ANIO_CONAPO",
    "ULTIMO_ANIO_CONAPO",
    "ULTIMO_ANIO_POBLACION",
    "POBLACIONES_POST_2070",
]

#: Share of men among Ley 73 pensioners in payment (assumption; most old-age pensioners are men).
PROPORCION_HOMBRES_STOCK = 0.65
#: First year of the CONAPO 2025-2070 projections (table ``poblacion_conapo``).
PRIMER_ANIO_CONAPO = 2025
#: Last year of the CONAPO projections; later years follow ``Supuestos.poblacion_post_2070``.
ULTIMO_ANIO_CONAPO = 2070
#: Last year whose population is available (the end of the simulable horizon).
ULTIMO_ANIO_POBLACION = ANIO_MAX
#: How the population after 2070 is obtained (``Supuestos.poblacion_post_2070``).
POBLACIONES_POST_2070 = ("cohortes", "crecimiento_2060_2070", "constante")
#: How the population of a year before 2025 is obtained (see :func:`poblacion`).
RETROPROYECCIONES = ("crecimiento_2025_2026", "estructura_2025")


def j001_2025(rs: RuleSet | None = None) -> float:
    """Budget line J001 "Pensiones en curso de pago Ley 1973", 2025 approved, pesos (table ``presupuesto``)."""
    rs = load() if rs is None else rs
    return float(rs.valor("presupuesto", dt.date(2025, 6, 1), linea="J001 IMSS (Ramo 50)")) * 1e6


def poblacion(rs: RuleSet, year: int, *, retroproyeccion: str = "crecimiento_2025_2026") -> pd.DataFrame:
    """CONAPO population by sex and age on 1 July of ``year`` (columns ``edad``, ``sexo``, ``value``).

    The CONAPO projections (table ``poblacion_conapo``) run from 2025 to 2070.  For 2071-2100,
    the rule set's ``supuestos.poblacion_post_2070`` decides (see :func:`poblacion_post_2070`).
    For 2021-2024, ``retroproyeccion`` decides, explicitly:

    ``"crecimiento_2025_2026"`` (default)
        Each sex-age cell of 2025 divided by its own 2025-2026 growth factor once per year back:
        the projection's first-year growth extended backwards (the 65+ population then grows
        about 3.8 % a year, as in the CONAPO 2025-2030 projections).
    ``"estructura_2025"``
        The 2025 population unchanged.

    Raises
    ------
    ValueError
        For a year before 2021 or after 2100, or an unknown ``retroproyeccion``.
    """
    if retroproyeccion not in RETROPROYECCIONES:
        raise ValueError(f"retroproyeccion must be one of {', '.join(RETROPROYECCIONES)}; got {retroproyeccion!r}")
    if not 2021 <= int(year) <= ULTIMO_ANIO_POBLACION:
        raise ValueError(
            f"year must be in [2021, {ULTIMO_ANIO_POBLACION}] for the population (CONAPO 2025-2070, backcast to 2021, "
            f"Supuestos.poblacion_post_2070 after 2070); got {year}"
        )
    if year > ULTIMO_ANIO_CONAPO:
        return poblacion_post_2070(rs, int(year))
    if year >= PRIMER_ANIO_CONAPO:
        return _poblacion_conapo(rs, int(year))
    base = _poblacion_conapo(rs, PRIMER_ANIO_CONAPO)
    if retroproyeccion == "estructura_2025":
        return base
    nxt = _poblacion_conapo(rs, PRIMER_ANIO_CONAPO + 1).set_index(["sexo", "edad"])["value"]
    growth = nxt.reindex(pd.MultiIndex.from_frame(base[["sexo", "edad"]])).to_numpy() / base["value"].to_numpy()
    out = base.copy()
    out["value"] = base["value"].to_numpy() * growth ** (int(year) - PRIMER_ANIO_CONAPO)
    return out


def _poblacion_conapo(rs: RuleSet, year: int) -> pd.DataFrame:
    return rs.rows("poblacion_conapo", dt.date(year, 7, 1)).reset_index(drop=True)


def _celdas(frame: pd.DataFrame) -> pd.Series:
    return frame.set_index(["sexo", "edad"])["value"].astype(float).sort_index()


def poblacion_post_2070(rs: RuleSet, year: int) -> pd.DataFrame:
    """The population of ``year`` (2071-2100) from CONAPO's 2070 by ``rs.supuestos.poblacion_post_2070``.

    ``"cohortes"`` (default)
        Each cohort ages with CONAPO's last one-year change by sex and age,
        ``P(x+1, t+1) = P(x, t) x P(x+1, 2070) / P(x, 2069)`` (survival and net migration of
        2069-2070), the last age (109) open: ``P(109, t+1) = (P(108, t) + P(109, t)) x P(109, 2070)
        / (P(108, 2069) + P(109, 2069))``; newborns ``P(0, t+1) = P(0, t) x (P(0, 2070) / P(0,
        2060)) ** (1/10)``.
    ``"crecimiento_2060_2070"``
        ``P(x, t) = P(x, 2070) x (P(x, 2070) / P(x, 2060)) ** ((t - 2070) / 10)`` for every cell.
    ``"constante"``
        ``P(x, t) = P(x, 2070)``.

    Returns the frame of :func:`poblacion` (``edad``, ``sexo``, ``value``; ``value`` as float).
    """
    year = int(year)
    if not ULTIMO_ANIO_CONAPO < year <= ULTIMO_ANIO_POBLACION:
        raise ValueError(f"year must be in [{ULTIMO_ANIO_CONAPO + 1}, {ULTIMO_ANIO_POBLACION}]; got {year}")
    criterio = rs.supuestos.poblacion_post_2070
    if criterio not in POBLACIONES_POST_2070:
        raise ValueError(f"poblacion_post_2070 must be one of {', '.join(POBLACIONES_POST_2070)}; got {criterio!r}")
    ultimo = _poblacion_conapo(rs, ULTIMO_ANIO_CONAPO)
    p = _celdas(ultimo)
    n = year - ULTIMO_ANIO_CONAPO
    if criterio == "crecimiento_2060_2070":
        decada = _celdas(_poblacion_conapo(rs, ULTIMO_ANIO_CONAPO - 10)).reindex(p.index)
        p = p * (p / decada) ** (n / 10.0)
    elif criterio == "cohortes":
        antes = _celdas(_poblacion_conapo(rs, ULTIMO_ANIO_CONAPO - 1)).reindex(p.index)
        decada = _celdas(_poblacion_conapo(rs, ULTIMO_ANIO_CONAPO - 10)).reindex(p.index)
        partes = []
        for sexo in ("H", "M"):
            x = p.loc[sexo].to_numpy()
            x0 = antes.loc[sexo].to_numpy()
            # CONAPO's 2069-2070 change of each cohort: survival and net migration from age a to a + 1
            paso = x[1:] / x0[:-1]
            paso[-1] = x[-1] / (x0[-2] + x0[-1])  # the last age is open
            nacimientos = (x[0] / decada.loc[sexo].to_numpy()[0]) ** 0.1
            for _ in range(n):
                siguiente = np.empty_like(x)
                siguiente[0] = x[0] * nacimientos
                siguiente[1:-1] = x[:-2] * paso[:-1]
                siguiente[-1] = (x[-2] + x[-1]) * paso[-1]
                x = siguiente
            partes.append(pd.Series(x, index=pd.MultiIndex.from_product([[sexo], p.loc[sexo].index], names=["sexo", "edad"])))
        p = pd.concat(partes)
    out = ultimo[["edad", "sexo"]].copy()
    out["effective_from"] = dt.date(year, 7, 1)
    out["value"] = p.reindex(pd.MultiIndex.from_frame(ultimo[["sexo", "edad"]])).to_numpy()
    return out[[c for c in ultimo.columns]]


def _poblacion(rs: RuleSet, year: int) -> pd.DataFrame:
    return poblacion(rs, year)


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
        return float(rs.valor("presupuesto", dt.date(year, 6, 1), linea="Art. 5 DEC PEF")) * 1e6
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
    budget = float(rs.valor("pbam", dt.date(2025, 6, 1), column="presupuesto_mdp")) * 1e6
    pop = _poblacion(rs, 2025)
    n65 = float(pop[pop.edad >= pbam.edad_minima(2025)]["value"].sum())
    f_pbam = budget / (pbam.monto_anual(2025) * n65)
    budget_m = float(rs.valor("presupuesto", dt.date(2026, 6, 1), linea="Mujeres Bienestar")) * 1e6
    lo, hi = pbam.edades_mujeres_bienestar(2026)
    pop = _poblacion(rs, 2026)
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
    Computed once per source tree and kept in the on-disk cache.
    """
    from pensiones._jit import en_cache

    return float(en_cache(f"altas_ley73_{int(anio)}.json", lambda: {"fraccion": _fraccion_altas(int(anio))})["fraccion"])


def _fraccion_altas(anio: int) -> float:
    from pensiones.engine import componentes as C
    from pensiones.engine.driver import ejecutar, preparar, rendimientos_reales
    from pensiones.engine.population import Population
    from pensiones.engine.procesos import Procesos

    rs = load()
    procesos = Procesos()
    pop = Population.synthetic(20_000, seed=0, year=anio)
    T, P = preparar(rs, procesos, anio, anio)
    real = rendimientos_reales(0, 4, np.arange(anio, anio + 1), procesos)
    ledger, _ = ejecutar(pop, T, P, real, 0, progress=False)
    fraccion = float(ledger[:, 0, C.INDICE["ley73"]].mean()) / 100.0 / gasto_ley73_inicial(rs, anio)
    if not 0.0 <= fraccion < 0.5:
        raise RuntimeError(
            f"the new Ley 73 pensions of {anio} take {fraccion:.1%} of that year's published spending in the default "
            "model (expected 0 to 50 %): the calibration of the opening stock is off; please report it"
        )
    return fraccion


def _stock_ley73(rs: RuleSet, years: np.ndarray) -> np.ndarray:
    """The Ley 73 pensions in payment on 1 January of the first year, run off with mortality and
    indexed by INPC each February: the first year's spending (:func:`gasto_ley73_inicial`) less the
    share that goes to that year's new pensions (:func:`fraccion_altas_ley73`), which the engine
    simulates.

    Pensioners in payment are spread over ages 60-100 like a stationary population entering at
    60 (density proportional to survival from 60), 65 % men, EMSSA-09 mortality.
    """
    alive = np.zeros(len(years))
    for sexo, share in (("H", PROPORCION_HOMBRES_STOCK), ("M", 1 - PROPORCION_HOMBRES_STOCK)):
        q = qx(sexo)
        surv = np.concatenate(([1.0], np.cumprod(1.0 - q[60:110])))  # ages 60 to 110
        w = surv / surv.sum() * share
        for k in range(len(years)):
            alive[k] += w.sum()
            # one year on: each age moves up after its deaths; q(110) = 1 closes the table
            w = np.concatenate(([0.0], w[:-1] * (1.0 - q[60:110])))
    index = np.array([rs.inpc(int(t) - 1, 12) / rs.inpc(int(years[0]) - 1, 12) for t in years])
    inicial = gasto_ley73_inicial(rs, int(years[0])) * (1.0 - fraccion_altas_ley73(int(years[0])))
    return inicial * alive * index


def anuales(reglas: RuleSet, start: int, end: int, *, cobertura_pbam: float = 1.0, cobertura_mujeres: float = 1.0) -> pd.DataFrame:
    """Yearly deterministic series for ``start`` .. ``end``.

    Columns: ``year``, ``pib`` (nominal GDP, pesos: 2025 SHCP estimate 36.17 x 10^12, then real
    growth ``Supuestos.crecimiento_real_pib`` x December-on-December INPC), ``deflactor``
    (INPC of June over June 2025: divide nominal by it for constant 2025 pesos), ``ley73_stock``
    (pensions in payment at the start, J001 run off), ``pbam`` and ``mujeres_bienestar``
    (CONAPO eligible population x beneficiaries per person x annual amount x the scenario's
    take-up relative to 2025-2026, ``Procesos.cobertura_pbam`` / ``cobertura_mujeres``).
    """
    rs = reglas
    years = np.arange(start, end + 1)
    pib0 = float(rs.valor("pib", dt.date(2025, 6, 1))) * 1e6
    g = rs.supuestos.crecimiento_real_pib
    pib = np.array([pib0 * (1.0 + g) ** (t - 2025) * rs.inpc(int(t), 12) / rs.inpc(2025, 12) for t in years])
    deflactor = np.array([rs.inpc(int(t), 6) / rs.inpc(2025, 6) for t in years])
    cal = calibracion_bienestar()
    pbam_cost, muj_cost = [], []
    for t in years:
        t = int(t)
        pop = poblacion(rs, t)
        n65 = float(pop[pop.edad >= pbam.edad_minima(t, bimestre=4, reglas=rs)]["value"].sum())
        pbam_cost.append(n65 * cal["pbam"] * cobertura_pbam * pbam.monto_anual(t, reglas=rs))
        lo, hi = pbam.edades_mujeres_bienestar(t, reglas=rs) if t >= 2025 else (999, -1)
        women = float(pop[(pop.sexo == "M") & (pop.edad >= lo) & (pop.edad <= hi)]["value"].sum())
        annual = sum(pbam.monto_bimestral_mujeres_bienestar(t, bimestre=b, reglas=rs) for b in range(1, 7)) if t >= 2025 else 0.0
        muj_cost.append(women * cal["mujeres_bienestar"] * cobertura_mujeres * annual)
    return pd.DataFrame(
        {
            "year": years,
            "pib": pib,
            "deflactor": deflactor,
            "ley73_stock": _stock_ley73(rs, years),
            "pbam": pbam_cost,
            "mujeres_bienestar": muj_cost,
        }
    )
