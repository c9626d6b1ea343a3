"""Back-test: the baseline's 2025 figures against published aggregates (docs/backtest.md)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pensiones import pbam
from pensiones.engine import componentes as C
from pensiones.engine.synthetic import SALDO_RCV_2025
from pensiones.rules.ruleset import load

__all__ = ["backtest", "backtest_2021", "PUBLICADOS_2021"]


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
    fc = results.fiscal_cost_paths()
    a = results.yearly.set_index("year")
    contrib = float(rs.row("sbc_promedio_imss", dt.date(2025, 12, 1))["cotizantes"])
    rows = [
        ("saldo_rcv", results.component("saldo_inicial")[:, y].mean(), SALDO_RCV_2025, True,
         "CONSAR, RCV-IMSS balance, December 2025"),
        ("cotizantes", results.component("cotizantes")[:, y].mean(), contrib, True,
         "IMSS open data asg-2025-12 (ta_sal)"),
        ("pbam_2025", float(a.loc[2025, "pbam"]),
         float(rs.value("pbam", "2025-06-01", column="presupuesto_mdp")) * 1e6, True,
         "PEF 2025 S176 (PPEF figure, bienestar/pbam.csv)"),
        ("j001_2025", float(fc["ley73"][:, y].mean()),
         float(rs.value("presupuesto", "2025-06-01", linea="J001 IMSS (Ramo 50)")) * 1e6,
         True, "Cuenta Pública 2025, J001 aprobado (stock calibrated; plus new pensions granted in 2025)"),
        ("mujeres_bienestar_2025", float(a.loc[2025, "mujeres_bienestar"]),
         float(rs.value("presupuesto", "2025-06-01", linea="Mujeres Bienestar")) * 1e6, False,
         "PEF 2025 allocation (CEFP)"),
    ]
    for year in (2023, 2024):
        row = rs.row("pbam", dt.date(year, 6, 1))
        model = pbam.monto_anual(year) * float(row["beneficiarios"])
        rows.append((f"pbam_{year}", model,
                     float(rs.value("presupuesto", f"{year}-06-01", linea="S176 Bienestar")) * 1e6, False,
                     f"PEF {year} S176 approved; beneficiaries from the Informe de Gobierno"))
    frame = pd.DataFrame(rows, columns=["indicator", "model", "published", "calibrated", "source"])
    frame["ratio"] = frame["model"] / frame["published"]
    frame["unit"] = ["persons" if name == "cotizantes" else "MXN" for name in frame["indicator"]]
    return frame[["indicator", "model", "published", "ratio", "unit", "calibrated", "source"]]



#: Published figures of 2021-2025 a run from 2021 is set against (not calibration targets).
#: Each: (indicator, published value, unit, source).
PUBLICADOS_2021 = (
    ("nuevas_pensiones_ley97_2021", 27_396.0, "persons",
     "CONSAR year balance, La Jornada 2022-01-18 'Por reformas se pensionaron 27 mil trabajadores en 2021'"),
    ("nuevas_pensiones_ley97_2021_2024", 106_000.0, "persons",
     "CONSAR president J. C. Cervantes, La Jornada 2025-10-24 ('mas de 106 mil' pensioned under Ley 97, 2021-2024)"),
    ("proporcion_transicion_ley97", 4_232.0 / 58_018.0, "share",
     "CONSAR quarterly report to Congress 2023, as reported by El Economista: 4,232 of the 58,018 Ley 97 "
     "pensions granted since the 2020 reform went to the transition generation (calibration target of "
     "Procesos.preferencia_ley73)"),
    ("beneficiarios_fondo_2025", 3_236.0, "persons",
     "SHCP, tenth monthly payment of the Fondo de Pensiones para el Bienestar, April 2025 (IMSS and ISSSTE)"),
    ("fondo_bienestar_2024_2025", 201.29e6, "MXN",
     "Fondo de Pensiones para el Bienestar: complements paid to December 2025 (Cronica 2026-01-19)"),
)


def backtest_2021(results) -> pd.DataFrame:
    """A run from 2021 against what happened in 2021-2025: ``indicator``, ``model``, ``published``,
    ``ratio``, ``unit``, ``calibrated``, ``source`` (see ``docs/backtest.md``).

    Only the start year is calibrated (contributors and their SBC in December 2021, the Ley 73
    spending of 2021); every later figure is the model's.  Indicators: new Ley 97 pensions
    (renta vitalicia and guaranteed pension) in 2021 and in 2021-2024; contributors and their
    average daily SBC in December 2022-2025 (IMSS ``ta_sal``); Ley 73 spending in 2022 (DEC PEF
    art. 5) and 2025 (J001); PBAM spending 2021-2024 (approved budgets); the RCV-IMSS balance of
    December 2025 (CONSAR); Fondo Bienestar beneficiaries (April 2025) and complements paid in
    2024-2025.

    Raises
    ------
    ValueError
        If the run does not cover 2021 to 2025.
    """
    rs = load()
    years = [int(t) for t in results.years]
    if years[0] != 2021 or 2025 not in years:
        raise ValueError(f"the 2021 back-test needs a run from 2021 to 2025 or later; got {years[0]}-{years[-1]}")

    def comp(name, year):
        return float(results.component(name)[:, years.index(year)].mean())

    fc = results.fiscal_cost_paths()
    a = results.yearly.set_index("year")
    nuevas = {t: comp("nuevas_pensiones_rv", t) + comp("nuevas_pensiones_pg", t) for t in range(2021, 2025)}
    published = {name: (value, unit, source) for name, value, unit, source in PUBLICADOS_2021}
    rows = [
        ("nuevas_pensiones_ley97_2021", nuevas[2021], *published["nuevas_pensiones_ley97_2021"], False),
        ("nuevas_pensiones_ley97_2021_2024", sum(nuevas.values()), *published["nuevas_pensiones_ley97_2021_2024"],
         False),
    ]
    for t in range(2021, 2026):
        row = rs.row("sbc_promedio_imss", dt.date(t, 12, 1))
        cot = comp("cotizantes", t)
        rows.append((f"cotizantes_{t}", cot, float(row["cotizantes"]), "persons",
                     "IMSS open data asg (ta_sal), December", t == 2021))
        sbc = comp("masa_salarial", t) / max(cot, 1.0) / 365.0
        rows.append((f"sbc_promedio_{t}", sbc, float(row["value"]), "MXN",
                     "IMSS open data asg (masa_sal_ta / ta_sal), December", t == 2021))
    rows.append(("ley73_2021", float(fc["ley73"][:, 0].mean()),
                 float(rs.value("presupuesto", "2021-06-01", linea="Art. 5 DEC PEF")) * 1e6, "MXN",
                 "DEC PEF 2021 art. 5 (opening stock, calibrated)", True))
    rows.append(("ley73_2022", float(fc["ley73"][:, years.index(2022)].mean()),
                 float(rs.value("presupuesto", "2022-06-01", linea="Art. 5 DEC PEF")) * 1e6, "MXN",
                 "DEC PEF 2022 art. 5", False))
    rows.append(("ley73_2025", float(fc["ley73"][:, years.index(2025)].mean()),
                 float(rs.value("presupuesto", "2025-06-01", linea="J001 IMSS (Ramo 50)")) * 1e6, "MXN",
                 "Cuenta Publica 2025, J001", False))
    for t in range(2021, 2025):
        rows.append((f"pbam_{t}", float(a.loc[t, "pbam"]),
                     float(rs.value("pbam", dt.date(t, 6, 1), column="presupuesto_mdp")) * 1e6, "MXN",
                     f"PEF {t} S176 approved (bienestar/pbam.csv)", False))
    rows.append(("saldo_rcv_2025", comp("saldo_final", 2025), SALDO_RCV_2025, "MXN",
                 "CONSAR, RCV-IMSS balance, December 2025", False))
    if results.outcomes_array is not None:
        # who the new Ley 97 pensions of 2021-2024 went to (per-person outcomes: simulate(..., outcomes=True))
        o = results.outcomes_array
        w = results.personas["peso"].to_numpy()
        transicion = (results.personas["generacion"] == "ley73_transicion").to_numpy()
        anio = o[:, :, C.O_ANIO_RETIRO]
        nuevas97 = (np.isin(o[:, :, C.O_MODALIDAD], (C.RENTA_VITALICIA, C.PENSION_GARANTIZADA))
                    & (anio >= 2021) & (anio <= 2024))
        total = float((nuevas97 * w).sum())
        share = float((nuevas97 * w * transicion).sum()) / total if total > 0 else float("nan")
        rows.append(("proporcion_transicion_ley97", share, *published["proporcion_transicion_ley97"], True))
    rows.append(("beneficiarios_fondo_2025", comp("beneficiarios_fondo", 2025), *published["beneficiarios_fondo_2025"],
                 False))
    rows.append(("fondo_bienestar_2024_2025", comp("fondo_bienestar", 2024) + comp("fondo_bienestar", 2025),
                 *published["fondo_bienestar_2024_2025"], False))
    frame = pd.DataFrame(rows, columns=["indicator", "model", "published", "unit", "source", "calibrated"])
    frame["ratio"] = frame["model"] / frame["published"]
    return frame[["indicator", "model", "published", "ratio", "unit", "calibrated", "source"]]
