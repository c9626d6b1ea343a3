"""Layer 1: every packaged table equals ``shared/reference`` cell by cell."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

import pensiones
from pensiones import garantizada, ley97, pbam


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_uma(ref, rs):
    uma = pd.read_csv(ref / "series/uma.csv")
    assert len(rs.table("uma")) == len(uma)
    for r in uma.itertuples():
        fecha = d(r.in_force_from)
        assert rs.uma_diaria(fecha) == r.daily_pesos
        assert rs.uma_mensual(fecha) == pytest.approx(r.monthly_pesos, abs=0.005)
        assert rs.uma_anual(fecha) == pytest.approx(r.annual_pesos, abs=0.005)
        assert rs.uma_diaria(r.year) == r.daily_pesos  # the year's value (1 February)
        if r.year > 2016:  # the day before, the previous year's value was in force
            assert rs.uma_diaria(fecha - dt.timedelta(days=1)) != r.daily_pesos


def test_salario_minimo(ref, rs):
    sm = pd.read_csv(ref / "series/minimum_wage.csv", dtype={"in_force_from": str})
    assumed = {1997: "1997-01-01", 1999: "1998-12-03", 2000: "2000-01-01", 2006: "2006-01-01"}
    checked = 0
    for r in sm.itertuples():
        if r.year < 1997 or r.zone not in ("A", "unica", "general", "ZLFN"):
            continue
        fecha = d(r.in_force_from) if isinstance(r.in_force_from, str) else d(assumed[r.year])
        zona = "zlfn" if r.zone == "ZLFN" else "general"
        assert rs.salario_minimo_diario(fecha, zona=zona) == r.daily_pesos, (r.year, r.zone)
        checked += 1
    assert checked == 38 + 3  # 38 packaged rows + three repeats (2012-11-27 A, 2015-10-01 unica, 2018)


def test_inpc(ref, rs):
    inpc = pd.read_csv(ref / "series/inpc_mensual.csv")
    table = rs.table("inpc")
    assert len(table) == len(inpc)
    assert (table["value"].to_numpy() == inpc["inpc"].to_numpy()).all()
    assert [(x.year, x.month) for x in table.effective_from] == list(zip(inpc.anio, inpc.mes))


def test_inflacion_anual(ref, rs):
    infl = pd.read_csv(ref / "series/inpc_inflation.csv")
    for r in infl.itertuples():
        assert rs.value("inflacion_anual", dt.date(r.year, 12, 15)) * 100 == pytest.approx(r.dec_on_dec_pct, abs=1e-9)


def test_inflacion_anual_consistent_with_monthly_index(ref, rs):
    for year in range(2016, 2026):  # the years whose UMA ratio confirms the series
        implied = rs.inpc(year, 12) / rs.inpc(year - 1, 12) - 1
        assert implied == pytest.approx(rs.value("inflacion_anual", dt.date(year, 12, 1)), abs=6e-5)


def test_comision_afore(ref, rs):
    fees = pd.read_csv(ref / "series/afore_fees.csv")
    n = 0
    for r in fees.itertuples():
        for concepto, col in (
            ("tope", "max_fee_pct"), ("promedio", "system_avg_fee_pct"), ("pensionissste", "pensionissste_fee_pct")
        ):
            v = getattr(r, col)
            if pd.notna(v):
                assert rs.value("comision_afore", dt.date(r.year, 6, 1), concepto=concepto) * 100 == pytest.approx(v)
                n += 1
    assert n == len(rs.table("comision_afore"))


def test_sbc_promedio_imss(ref, rs):
    sbc = pd.read_csv(ref / "series/imss_sbc_promedio.csv")
    for r in sbc.itertuples():
        row = rs.row("sbc_promedio_imss", dt.date(r.anio, r.mes, 1))
        assert (row["cotizantes"], row["masa_salarial"], row["value"]) == (
            r.ta_sal, r.masa_sal_ta, r.sbc_diario_nominal
        )


def test_rendimiento_consar(ref, rs):
    ret = pd.read_csv(ref / "series/consar_rendimiento_bruto_anual.csv")
    for r in ret.itertuples():
        row = rs.row("rendimiento_bruto_consar", dt.date(r.anio, 6, 1))
        assert (row["rendimiento_nominal"], row["inflacion"], row["value"], row["n_afores"]) == (
            r.r_nominal_bruto,
            r.inflacion_dic_dic,
            r.r_real_bruto,
            r.n_afores,
        )


def test_pib_and_presupuesto(ref, rs):
    pib = pd.read_csv(ref / "series/pib.csv")
    for r in pib.itertuples():
        row = rs.row("pib", dt.date(r.year, 6, 1))
        assert row["value"] == r.pib_nominal_mdp and row["tipo"] == r.kind
        if pd.notna(r.real_growth_pct):
            assert row["crecimiento_real"] * 100 == pytest.approx(r.real_growth_pct)
    pre = pd.read_csv(ref / "series/presupuesto.csv")
    for r in pre.itertuples():
        assert rs.value("presupuesto", dt.date(r.year, 6, 1), linea=r.line) == r.amount_mdp


def test_pbam(ref, rs):
    t = pd.read_csv(ref / "bienestar/pbam.csv")
    for r in t.itertuples():
        row = rs.row("pbam", d(r.valid_from))
        assert row["value"] == r.bimonthly_pesos and row["edad_minima"] == r.min_age
        for col, ref_col in (("beneficiarios", r.beneficiaries), ("presupuesto_mdp", r.budget_mdp)):
            if pd.notna(ref_col):
                assert row[col] == ref_col
            else:
                assert pd.isna(row[col])
    assert pbam.monto_bimestral(2026) == 6400.0


def test_mujeres_bienestar(ref):
    t = pd.read_csv(ref / "bienestar/pension_mujeres_bienestar.csv")
    for r in t.itertuples():
        assert pbam.monto_bimestral_mujeres_bienestar(r.year) == r.bimonthly_pesos
    assert pbam.edades_mujeres_bienestar(2025) == (63, 64)  # "63-64 from Jan 2025"
    rs = pensiones.rules.load()
    assert rs.row("pension_mujeres_bienestar", d("2025-11-18"))["edad_minima"] == 60  # "60-62 added from 2025-11-18"
    assert rs.row("pension_mujeres_bienestar", d("2025-11-17"))["edad_minima"] == 63
    assert pbam.edades_mujeres_bienestar(2026) == (60, 64)


def test_fondo_bienestar_umbral(ref, rs):
    text = (ref / "bienestar/fpb.md").read_text()
    assert "16,777.68" in text and "17,364" in text
    assert rs.value("fondo_bienestar_umbral", d("2024-05-01")) == 16777.68
    assert rs.value("fondo_bienestar_umbral", d("2025-06-01")) == 17364.00


@pytest.mark.parametrize(
    "src, name, cols",
    [
        ("emssa09_activos.csv", "mortalidad_emssa09", ("edad", "qx_hombres", "qx_mujeres")),
        ("emssah_emssam_97_activos.csv", "mortalidad_emssa97", ("age", "qx_male", "qx_female")),
    ],
)
def test_mortality_by_sex(ref, rs, src, name, cols):
    t = pd.read_csv(ref / "demografia/mortalidad" / src)
    table = rs.rows(name, d("2030-01-01"))
    for sexo, col in (("H", cols[1]), ("M", cols[2])):
        got = table[table.sexo == sexo].set_index("edad")["value"]
        assert got.to_dict() == dict(zip(t[cols[0]], t[col]))


def test_mortality_invalids(ref, rs):
    t = pd.read_csv(ref / "demografia/mortalidad/emssi_imss_rcs_12_invalidos_unisex.csv")
    got = rs.rows("mortalidad_emssi_imss_rcs12", d("2030-01-01")).set_index("edad")["value"]
    assert got.to_dict() == dict(zip(t.age, t.qx_unisex))


def test_conapo(ref, rs):
    pop = pd.read_csv(ref / "demografia/conapo_proyecciones_nacional_2025_2070.csv")
    table = rs.table("poblacion_conapo")
    assert len(table) == len(pop)
    merged = pop.assign(sexo=pop.sexo.map({"Hombres": "H", "Mujeres": "M"})).merge(
        table.assign(anio=[x.year for x in table.effective_from]), on=["anio", "edad", "sexo"], suffixes=("", "_pkg")
    )
    assert len(merged) == len(pop)
    assert (merged.poblacion == merged.value).all()


def test_ley73_art167(ref, rs):
    t = pd.read_csv(ref / "ley73/ley73_art167.csv")
    got = rs.rows("ley73_art167", d("2030-01-01")).set_index("grupo")
    for r in t.itertuples():
        g = got.loc[r.group]
        assert g.band_from == r.salary_low_vsm
        assert (pd.isna(g.band_to) and pd.isna(r.salary_high_vsm)) or g.band_to == r.salary_high_vsm
        assert g.cuantia_basica * 100 == pytest.approx(r.cuantia_basica_pct, abs=1e-9)
        assert g.incremento_anual * 100 == pytest.approx(r.incremento_anual_pct, abs=1e-9)


def test_ley73_rules_md(ref, rs):
    """Art. 171 factors, asignaciones, 11 %, requirements as stated in ley73_rules.md."""
    text = (ref / "ley73/ley73_rules.md").read_text()
    assert "| factor | 75% | 80% | 85% | 90% | 95% | 100% |" in text
    factors = rs.rows("ley73_cesantia", d("2030-01-01")).set_index("edad")["value"].to_dict()
    assert factors == {60: 0.75, 61: 0.80, 62: 0.85, 63: 0.90, 64: 0.95, 65: 1.00}
    asign = rs.rows("ley73_asignaciones", d("2030-01-01")).set_index("concepto")["value"].to_dict()
    assert asign == {
        "esposa": 0.15, "hijo": 0.10, "padre": 0.10, "ayuda_un_padre": 0.10, "ayuda_sin_beneficiarios": 0.15
    }
    assert "**15%** for the wife" in text and "**10%** for each child" in text
    assert rs.value("ley73_incremento_decreto", d("2030-01-01")) == 0.11
    assert rs.value("ley73_requisitos", d("2030-01-01"), concepto="semanas_minimas") == 500


def test_modalidad40(ref, rs):
    t = pd.read_csv(ref / "ley73/modalidad40_rates.csv")
    for r in t.itertuples():
        assert rs.value("modalidad40_tasa", dt.date(r.year, 6, 1)) * 100 == pytest.approx(
            r.total_rate_pct_of_registered_daily_salary, abs=1e-9
        )


@pytest.mark.parametrize(
    "src, col", [("weeks_schedule.csv", "min_weeks"), ("ley97_min_weeks_secondary.csv", "min_weeks_cesantia_vejez")]
)
def test_semanas_minimas(ref, src, col):
    t = pd.read_csv(ref / "lss2020" / src)
    for r in t.itertuples():
        assert ley97.semanas_minimas(r.year) == getattr(r, col)


def test_employer_ceav(ref, rs):
    t = pd.read_csv(ref / "lss2020/employer_ceav_schedule.csv")
    for year, group in t.groupby("year"):
        got = rs.rows("tasa_patronal_ceav", dt.date(year, 1, 1))
        assert got["banda"].tolist() == group["band"].tolist()
        assert (got["value"] * 100).round(6).tolist() == group["rate_percent"].round(6).tolist()
        assert got["band_from"].tolist() == group["band_low"].tolist()


def test_cuota_social_published_amounts(ref, rs):
    t = pd.read_csv(ref / "lss2020/cuota_social.csv")
    published = t[t.regime != "reformed_art168_IV_updated"]
    for r in published.itertuples():
        got = rs.rows("cuota_social", d(r.valid_from) if len(r.valid_from) == 10 else d(r.valid_from + "-01"))
        row = got[got.banda == r.band]
        assert len(row) == 1, r.band
        assert row["value"].item() == r.pesos_per_day
        assert row["band_from"].item() == r.band_low
        if isinstance(r.valid_to, str):  # gone the day after
            after = rs.rows("cuota_social", d(r.valid_to) + dt.timedelta(days=1))
            assert r.band not in after.banda.tolist() or r.band in ("1.00 SM",)


def test_cuota_social_reported_2026_values(ref):
    """CONSAR's January-April 2026 amounts (secondary source) within 0.0001 pesos."""
    t = pd.read_csv(ref / "lss2020/cuota_social.csv")
    reported = t[t.regime == "reformed_art168_IV_updated"]
    sm, uma = 315.04, 117.31
    for r in reported.itertuples():
        table = ley97.tabla_cuota_social(2026)
        got = table.loc[table.banda == r.band, "pesos_diarios"].item()
        assert got == pytest.approx(r.pesos_per_day, abs=1e-4), r.band
        if r.band_unit == "UMA" and r.band_high * uma >= sm:  # a salary can fall in this band
            assert ley97.cuota_social_diaria(2026, r.band_high * uma) == pytest.approx(r.pesos_per_day, abs=1e-4)


def test_other_rates(ref):
    t = pd.read_csv(ref / "lss2020/other_rates.csv")
    rates = {(r.concept, r.payer): r.rate_percent / 100 for r in t.itertuples()}
    assert ley97.tasa_retiro(2026) == rates[("retiro", "employer")]
    assert ley97.tasa_trabajador_ceav(2026) == rates[("cesantia_y_vejez", "worker")]
    for sbc in (315.04, 500.0, 3000.0):
        assert ley97.tasa_patronal_ceav(2021, sbc) == rates[("cesantia_y_vejez", "employer")]
        assert ley97.tasa_patronal_ceav(dt.date(2022, 12, 31), sbc) == rates[("cesantia_y_vejez", "employer")]
        assert ley97.tasa_patronal_ceav(2026, sbc, regimen="lss1997") == rates[("cesantia_y_vejez", "employer")]
    estatal = rates[("cesantia_y_vejez_aportacion_estatal", "federal_government")]
    assert ley97.tasa_aportacion_estatal(dt.date(2022, 12, 31)) == estatal
    assert ley97.tasa_aportacion_estatal(dt.date(2023, 1, 1)) == 0.0
    assert ley97.tasa_aportacion_estatal(2040, regimen="lss1997") == estatal


def test_pension_garantizada_table(ref, rs):
    t = pd.read_csv(ref / "lss2020/pg_table_2020.csv")
    assert len(t) == 330
    packaged = rs.rows("pension_garantizada", d("2031-02-01"))
    assert len(packaged) == 330
    mid = {1: 1.5, 2: 2.5, 3: 3.5, 4: 4.5, 5: 7.0}
    bands = sorted(t.band_low.unique())
    for r in t.itertuples():
        row = packaged[(packaged.edad == r.age) & (packaged.semanas == r.weeks_min) & (packaged.banda == r.salary_band)]
        assert row["value"].item() == r.monthly_pesos
        band_no = bands.index(r.band_low) + 1
        assert garantizada.monto_tabla(r.age, r.weeks_min, mid[band_no], 2031) == r.monthly_pesos


def test_pension_garantizada_columns(ref, rs):
    t = pd.read_csv(ref / "lss2020/pg_transition_weeks.csv")
    for year, group in t.groupby("year"):
        assert garantizada.semanas_tabla(year) == group.sort_values("column_index").weeks_min.tolist()
        got = rs.rows("pension_garantizada_columnas", dt.date(year, 2, 1)).sort_values("columna")
        assert got.semanas_art170.tolist() == group.sort_values("column_index").art170_column_weeks.tolist()
        assert garantizada.semanas_tabla(year)[0] == ley97.semanas_minimas(year)


def test_pre_reform_rules(ref):
    text = (ref / "lss2020/pre_reform.md").read_text()
    assert "1,250" in text and "7.143%" in text and "3.87077" in text
    assert ley97.semanas_minimas(2026, regimen="lss1997") == 1250
    rs97 = pensiones.rules.load("lss1997")
    table = rs97.rows("cuota_social", d("2030-01-01"))
    assert table.value.tolist() == [3.87077, 3.70949, 3.54820, 3.38692, 3.22564, 0.0]
    assert table.band_to.iloc[-2] == 15.0


def test_every_reference_csv_is_compared(ref):
    """Guard: a new reference CSV must get a comparison here (or an explicit exclusion)."""
    compared = {
        "series/uma.csv", "series/minimum_wage.csv", "series/inpc_mensual.csv", "series/inpc_inflation.csv",
        "series/afore_fees.csv", "series/imss_sbc_promedio.csv", "series/consar_rendimiento_bruto_anual.csv",
        "series/pib.csv", "series/presupuesto.csv", "bienestar/pbam.csv", "bienestar/pension_mujeres_bienestar.csv",
        "demografia/mortalidad/emssa09_activos.csv", "demografia/mortalidad/emssah_emssam_97_activos.csv",
        "demografia/mortalidad/emssi_imss_rcs_12_invalidos_unisex.csv",
        "demografia/conapo_proyecciones_nacional_2025_2070.csv",
        "ley73/ley73_art167.csv", "ley73/modalidad40_rates.csv", "lss2020/weeks_schedule.csv",
        "lss2020/ley97_min_weeks_secondary.csv", "lss2020/employer_ceav_schedule.csv", "lss2020/cuota_social.csv",
        "lss2020/other_rates.csv", "lss2020/pg_table_2020.csv", "lss2020/pg_transition_weeks.csv",
        # compared in tests/imss/test_imss.py (pensiones.imss.PUBLISHED and the table rjp_requisitos)
        "imss/rjp_indicadores.csv", "imss/rjp_reglas.csv",
    }
    excluded = {
        # Point observations quoted by the press; the official IMSS open-data series
        # (imss_sbc_promedio.csv) is packaged instead.
        "series/imss_avg_salary.csv",
        # Truncated (ages 37-55 and 93+ missing); its README says not to use it.
        "demografia/mortalidad/emssa_rcs_09_activos_PARTIAL.csv",
        # IMSS and CONSAR indicators from secondary sources ("pointers and order-of-magnitude checks",
        # their README): back-test and calibration targets of the population and survivors work,
        # not rule tables; not packaged.  (The RJP ones are compared in tests/imss/test_imss.py.)
        "imss/densidad_cotizacion.csv",
        "imss/imss_gasto_pensiones_agregado.csv",
        "imss/imss_pensionados_total.csv",
        "imss/nuevas_pensiones.csv",
        "imss/saldo_promedio_cuenta_individual.csv",
    }
    found = {str(p.relative_to(ref)) for p in ref.rglob("*.csv")}
    assert found - compared - excluded == set()
    assert not math.isnan(0.0)
