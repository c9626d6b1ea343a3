"""Transcribe ``../shared/reference`` into the library's tidy rule tables (CSV).

This script made the first version of every CSV under ``pensiones/rules/data``.
It is kept so that the transcription is reviewable; the packaged CSVs are the
source of truth from then on, and ``tests/rules/test_reference_tables.py`` compares
them with the reference cell by cell, whichever way they were written.

Decisions taken while transcribing (each also stated in the table's TOML):

* Percentages become decimals (``rate_percent / 100``), per STYLE.md.
* The minimum wage keeps the legally relevant series only: ``general`` (zone A =
  Distrito Federal until 2015-09-30, the single zone until 2018, the general
  zone from 2019) and ``zlfn`` (northern border zone, 2019 on).  Effective
  dates the reference does not give are assumptions, flagged in the ``nota``
  column.
* Band limits keep the printed values and their units (SM or UMA).

Run from the repository root: ``python tools/import_reference.py ../shared/reference``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[1] / "pensiones" / "rules" / "data"


def write(frame: pd.DataFrame, folder: str, name: str) -> None:
    path = DATA / folder / f"{name}.csv"
    frame.to_csv(path, index=False, lineterminator="\n")
    print(f"{path.relative_to(DATA)}: {len(frame)} rows")


def pct(series: pd.Series) -> pd.Series:
    return (series.astype(float) / 100).round(10)


def main(ref: Path) -> None:
    # --- series -----------------------------------------------------------
    uma = pd.read_csv(ref / "series/uma.csv")
    write(pd.DataFrame({"effective_from": uma.in_force_from, "value": uma.daily_pesos}), "comun", "uma")

    sm = pd.read_csv(ref / "series/minimum_wage.csv", dtype={"in_force_from": str})
    assumed = {1997: "1997-01-01", 1999: "1998-12-03", 2000: "2000-01-01", 2006: "2006-01-01"}
    rows = []
    for r in sm.itertuples():
        if r.year < 1997 or r.zone not in ("A", "unica", "general", "ZLFN"):
            continue
        date = r.in_force_from if isinstance(r.in_force_from, str) else assumed[r.year]
        nota = "" if isinstance(r.in_force_from, str) else "effective date assumed (not in the reference)"
        zona = "zlfn" if r.zone == "ZLFN" else "general"
        rows.append((date, zona, r.daily_pesos, nota))
    frame = pd.DataFrame(rows, columns=["effective_from", "zona", "value", "nota"])
    frame = frame.drop_duplicates(["effective_from", "zona", "value"])
    # A value repeated at a later date (zone A on 2012-11-27, the single zone on 2015-10-01)
    # is not a change: keep the first date it took effect.
    frame = frame[frame.groupby("zona")["value"].diff().fillna(1) != 0]
    frame = frame.sort_values(["effective_from", "zona"])
    write(frame, "comun", "salario_minimo")

    inpc = pd.read_csv(ref / "series/inpc_mensual.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{a:04d}-{m:02d}-01" for a, m in zip(inpc.anio, inpc.mes)],
                "value": inpc.inpc,
            }
        ),
        "comun",
        "inpc",
    )
    infl = pd.read_csv(ref / "series/inpc_inflation.csv")
    write(
        pd.DataFrame({"effective_from": [f"{y}-12-01" for y in infl.year], "value": pct(infl.dec_on_dec_pct)}),
        "comun",
        "inflacion_anual",
    )

    fees = pd.read_csv(ref / "series/afore_fees.csv")
    rows = []
    for r in fees.itertuples():
        for concepto, col in (
            ("tope", "max_fee_pct"), ("promedio", "system_avg_fee_pct"), ("pensionissste", "pensionissste_fee_pct")
        ):
            v = getattr(r, col)
            if pd.notna(v):
                rows.append((f"{r.year}-01-01", concepto, round(v / 100, 10)))
    write(pd.DataFrame(rows, columns=["effective_from", "concepto", "value"]), "comun", "comision_afore")

    sbc = pd.read_csv(ref / "series/imss_sbc_promedio.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{a:04d}-{m:02d}-01" for a, m in zip(sbc.anio, sbc.mes)],
                "cotizantes": sbc.ta_sal,
                "masa_salarial": sbc.masa_sal_ta,
                "value": sbc.sbc_diario_nominal,
            }
        ),
        "comun",
        "sbc_promedio_imss",
    )
    ret = pd.read_csv(ref / "series/consar_rendimiento_bruto_anual.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{a}-01-01" for a in ret.anio],
                "rendimiento_nominal": ret.r_nominal_bruto,
                "inflacion": ret.inflacion_dic_dic,
                "value": ret.r_real_bruto,
                "n_afores": ret.n_afores,
            }
        ),
        "comun",
        "rendimiento_bruto_consar",
    )
    pib = pd.read_csv(ref / "series/pib.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{y}-01-01" for y in pib.year],
                "value": pib.pib_nominal_mdp,
                "crecimiento_real": pct(pib.real_growth_pct),
                "tipo": pib.kind,
            }
        ),
        "comun",
        "pib",
    )
    pre = pd.read_csv(ref / "series/presupuesto.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{y}-01-01" for y in pre.year],
                "linea": pre.line,
                "concepto": pre.concept,
                "etapa": pre.stage,
                "value": pre.amount_mdp,
            }
        ).sort_values(["effective_from", "linea"]),
        "comun",
        "presupuesto",
    )

    # --- bienestar ----------------------------------------------------------
    pbam = pd.read_csv(ref / "bienestar/pbam.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": pbam.valid_from,
                "value": pbam.bimonthly_pesos,
                "edad_minima": pbam.min_age,
                "beneficiarios": pbam.beneficiaries.astype("Int64"),
                "presupuesto_mdp": pbam.budget_mdp.astype("Int64"),
            }
        ),
        "comun",
        "pbam",
    )
    # Pensión Mujeres Bienestar: ages 63-64 from January 2025, 60-62 added 2025-11-18
    # (pension_mujeres_bienestar.csv notes).
    write(
        pd.DataFrame(
            {
                "effective_from": ["2025-01-01", "2025-11-18", "2026-01-01"],
                "value": [3000, 3000, 3100],
                "edad_minima": [63, 60, 60],
                "edad_maxima": [64, 64, 64],
            }
        ),
        "comun",
        "pension_mujeres_bienestar",
    )
    write(
        pd.DataFrame({"effective_from": ["2024-05-01", "2025-01-01"], "value": [16777.68, 17364.00]}),
        "comun",
        "fondo_bienestar_umbral",
    )

    # --- demography -----------------------------------------------------------
    for src, name, cols in (
        ("emssa09_activos.csv", "mortalidad_emssa09", ("edad", "qx_hombres", "qx_mujeres")),
        ("emssah_emssam_97_activos.csv", "mortalidad_emssa97", ("age", "qx_male", "qx_female")),
    ):
        t = pd.read_csv(ref / "demografia/mortalidad" / src)
        long = pd.concat(
            [
                pd.DataFrame({"edad": t[cols[0]], "sexo": "H", "value": t[cols[1]]}),
                pd.DataFrame({"edad": t[cols[0]], "sexo": "M", "value": t[cols[2]]}),
            ]
        ).sort_values(["sexo", "edad"])
        long.insert(0, "effective_from", {"mortalidad_emssa09": "2009-11-27", "mortalidad_emssa97": "1997-07-01"}[name])
        write(long, "comun", name)
    t = pd.read_csv(ref / "demografia/mortalidad/emssi_imss_rcs_12_invalidos_unisex.csv")
    write(
        pd.DataFrame({"effective_from": "2015-04-04", "edad": t.age, "value": t.qx_unisex}),
        "comun",
        "mortalidad_emssi_imss_rcs12",
    )

    pop = pd.read_csv(ref / "demografia/conapo_proyecciones_nacional_2025_2070.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{a}-07-01" for a in pop.anio],
                "edad": pop.edad,
                "sexo": pop.sexo.map({"Hombres": "H", "Mujeres": "M"}),
                "value": pop.poblacion,
            }
        ).sort_values(["effective_from", "sexo", "edad"]),
        "comun",
        "poblacion_conapo",
    )

    # --- Ley 73 ---------------------------------------------------------------
    a167 = pd.read_csv(ref / "ley73/ley73_art167.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": "1997-07-01",
                "grupo": a167.group,
                "band_from": a167.salary_low_vsm,
                "band_to": a167.salary_high_vsm,
                "cuantia_basica": pct(a167.cuantia_basica_pct),
                "incremento_anual": pct(a167.incremento_anual_pct),
            }
        ),
        "comun",
        "ley73_art167",
    )
    m40 = pd.read_csv(ref / "ley73/modalidad40_rates.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{y}-01-01" for y in m40.year],
                "value": pct(m40.total_rate_pct_of_registered_daily_salary),
            }
        ),
        "comun",
        "modalidad40_tasa",
    )

    # --- LSS 2020 ---------------------------------------------------------------
    weeks = pd.read_csv(ref / "lss2020/weeks_schedule.csv")
    write(
        pd.DataFrame({"effective_from": [f"{y}-01-01" for y in weeks.year], "value": weeks.min_weeks}),
        "lss2020",
        "semanas_minimas",
    )

    ceav = pd.read_csv(ref / "lss2020/employer_ceav_schedule.csv")
    unit_from = ceav.band_unit.str.split("/").str[0]
    unit_to = ceav.band_unit.str.split("/").str[-1]
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{y}-01-01" for y in ceav.year],
                "banda": ceav.band,
                "band_from": ceav.band_low,
                "unit_from": unit_from,
                "band_to": ceav.band_high,
                "unit_to": unit_to,
                "value": pct(ceav.rate_percent),
            }
        ),
        "lss2020",
        "tasa_patronal_ceav",
    )

    cs = pd.read_csv(ref / "lss2020/cuota_social.csv")
    cs = cs[cs.regime != "reformed_art168_IV_updated"]
    rows = []

    def add(effective_from, r, base):
        units = r.band_unit.split("/")
        rows.append(
            (effective_from, r.band, r.band_low, units[0], r.band_high, units[-1], r.pesos_per_day, base)
        )

    old = cs[cs.regime == "pre_reform_2009_table"]
    for r in old.itertuples():
        add("2009-05-26", r, "" if r.pesos_per_day == 0 else "2009-05")
    perm = cs[(cs.regime == "reformed_art168_IV") & (cs.pesos_per_day > 0)]
    trans = cs[cs.regime == "transitional_2023_only"]
    for r in list(perm.itertuples()) + list(trans.itertuples()):
        add("2023-01-01", r, "2022-12")
    add(
        "2023-01-01",
        cs[(cs.regime == "reformed_art168_IV") & (cs.band_low == 7.10)]
        .iloc[0].pipe(lambda s: pd.Series(s)).to_frame().T.itertuples().__next__(),
        "",
    )
    for r in perm.itertuples():
        add("2024-01-01", r, "2022-12")
    add(
        "2024-01-01",
        cs[(cs.regime == "reformed_art168_IV") & (cs.band_low == 4.01) & (cs.valid_from == "2024-01-01")]
        .iloc[0].to_frame().T.itertuples().__next__(),
        "",
    )
    frame = pd.DataFrame(
        rows, columns=["effective_from", "banda", "band_from", "unit_from", "band_to", "unit_to", "value", "base_inpc"]
    )
    lss2020_cs = frame.sort_values(
        ["effective_from", "unit_from", "band_from"],
        key=lambda s: s if s.name != "unit_from" else s.map({"SM": 0, "UMA": 1}),
    )
    write(lss2020_cs, "lss2020", "cuota_social")
    write(frame[frame.effective_from == "2009-05-26"], "lss1997", "cuota_social")

    pg = pd.read_csv(ref / "lss2020/pg_table_2020.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": "2021-01-01",
                "edad": pg.age,
                "semanas": pg.weeks_min,
                "banda": pg.salary_band,
                "band_from": pg.band_low,
                "unit_from": pg.band_low_unit,
                "band_to": pg.band_high,
                "unit_to": pg.band_high_unit,
                "value": pg.monthly_pesos,
            }
        ).sort_values(["edad", "semanas", "band_from"]),
        "lss2020",
        "pension_garantizada",
    )
    cols = pd.read_csv(ref / "lss2020/pg_transition_weeks.csv")
    write(
        pd.DataFrame(
            {
                "effective_from": [f"{y}-01-01" for y in cols.year],
                "columna": cols.column_index,
                "semanas_art170": cols.art170_column_weeks,
                "value": cols.weeks_min,
            }
        ),
        "lss2020",
        "pension_garantizada_columnas",
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference").resolve())
