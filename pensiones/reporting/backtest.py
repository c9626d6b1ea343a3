"""Back-test: the baseline's 2025 figures against published aggregates (docs/backtest.md)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pensiones import pbam
from pensiones.engine.synthetic import SALDO_RCV_2025
from pensiones.rules.ruleset import load

__all__ = ["backtest"]


def backtest(results) -> pd.DataFrame:
    """Model against published figure, with their ratio and whether the model was calibrated to it.

    Returns a table with ``indicator``, ``model``, ``published``, ``ratio`` (model / published),
    ``unit`` of the model and published figures (``MXN``, nominal pesos of the year, or
    ``persons``), ``calibrated`` and ``source``.

    Indicators: RCV-IMSS balance (6.89 x 10^12, CONSAR Dec 2025); IMSS contributors (22.45 million,
    Dec 2025); PBAM spending 2025 (budget 483,428 million), 2023 and 2024 (amount x reported
    beneficiaries against the approved budget); J001 2025 (753,202.1 million: the stock, calibrated,
    plus the new Ley 73 pensions the model grants in 2025); Pensión Mujeres Bienestar 2025 (15,000
    million; the model is calibrated on 2026).
    """
    rs = load()
    years = list(results.years)
    if 2025 not in years:
        raise ValueError("the back-test needs a run that includes 2025")
    y = years.index(2025)
    fc = results.costo_fiscal_paths()
    a = results.anuales.set_index("year")
    contrib = float(rs.row("sbc_promedio_imss", dt.date(2025, 12, 1))["cotizantes"])
    rows = [
        ("saldo_rcv", results.componente("saldo_inicial")[:, y].mean(), SALDO_RCV_2025, True, "CONSAR, RCV-IMSS balance, December 2025"),
        ("cotizantes", results.componente("cotizantes")[:, y].mean(), contrib, True, "IMSS open data asg-2025-12 (ta_sal)"),
        ("pbam_2025", float(a.loc[2025, "pbam"]), float(rs.valor("pbam", "2025-06-01", column="presupuesto_mdp")) * 1e6, True,
         "PEF 2025 S176 (PPEF figure, bienestar/pbam.csv)"),
        ("j001_2025", float(fc["ley73"][:, y].mean()), float(rs.valor("presupuesto", "2025-06-01", linea="J001 IMSS (Ramo 50)")) * 1e6,
         True, "Cuenta Pública 2025, J001 aprobado (stock calibrated; plus new pensions granted in 2025)"),
        ("mujeres_bienestar_2025", float(a.loc[2025, "mujeres_bienestar"]),
         float(rs.valor("presupuesto", "2025-06-01", linea="Mujeres Bienestar")) * 1e6, False, "PEF 2025 allocation (CEFP)"),
    ]
    for year in (2023, 2024):
        row = rs.row("pbam", dt.date(year, 6, 1))
        model = pbam.monto_anual(year) * float(row["beneficiarios"])
        rows.append((f"pbam_{year}", model, float(rs.valor("presupuesto", f"{year}-06-01", linea="S176 Bienestar")) * 1e6, False,
                     f"PEF {year} S176 approved; beneficiaries from the Informe de Gobierno"))
    frame = pd.DataFrame(rows, columns=["indicator", "model", "published", "calibrated", "source"])
    frame["ratio"] = frame["model"] / frame["published"]
    frame["unit"] = ["persons" if name == "cotizantes" else "MXN" for name in frame["indicator"]]
    return frame[["indicator", "model", "published", "ratio", "unit", "calibrated", "source"]]

