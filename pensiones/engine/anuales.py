"""Deterministic yearly series of a scenario (the model beside the simulated records): GDP, prices, the stock of Ley 73 pensions in payment,
and PBAM and Pensión Mujeres Bienestar for the whole population (CONAPO)."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from pensiones import pbam
from pensiones.demography.mortalidad import qx
from pensiones.rules.ruleset import RuleSet, load

__all__ = ["anuales", "j001_2025", "calibracion_bienestar", "PROPORCION_HOMBRES_STOCK"]

#: Share of men among Ley 73 pensioners in payment (assumption; most old-age pensioners are men).
PROPORCION_HOMBRES_STOCK = 0.65


def j001_2025(rs: RuleSet | None = None) -> float:
    """Budget line J001 "Pensiones en curso de pago Ley 1973", 2025 approved, pesos (table ``presupuesto``)."""
    rs = load() if rs is None else rs
    return float(rs.valor("presupuesto", dt.date(2025, 6, 1), linea="J001 IMSS (Ramo 50)")) * 1e6


def _poblacion(rs: RuleSet, year: int) -> pd.DataFrame:
    return rs.rows("poblacion_conapo", dt.date(year, 7, 1))


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


def _stock_ley73(rs: RuleSet, years: np.ndarray) -> np.ndarray:
    """J001 in 2025 run off with mortality and indexed by INPC each February.

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
    return j001_2025(rs) * alive * index


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
        pop = _poblacion(rs, min(t, 2070))
        n65 = float(pop[pop.edad >= pbam.edad_minima(t, bimestre=4, reglas=rs)]["value"].sum())
        pbam_cost.append(n65 * cal["pbam"] * cobertura_pbam * pbam.monto_anual(t, reglas=rs))
        lo, hi = pbam.edades_mujeres_bienestar(t, reglas=rs) if t >= 2025 else (999, -1)
        women = float(pop[(pop.sexo == "M") & (pop.edad >= lo) & (pop.edad <= hi)]["value"].sum())
        annual = sum(pbam.monto_bimestral_mujeres_bienestar(t, bimestre=b, reglas=rs) for b in range(1, 7)) if t >= 2025 else 0.0
        muj_cost.append(women * cal["mujeres_bienestar"] * cobertura_mujeres * annual)
    if end > 2070:
        raise ValueError("the CONAPO projections end in 2070: end must be at most 2070 for fiscal costs")
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
