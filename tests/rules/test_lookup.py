"""Lookups by date: before the first date, gaps, projections, year bounds, piecewise constancy."""

from __future__ import annotations

import datetime as dt

import pytest

import pensiones
from pensiones.rules import Criterios, RuleLookupError, Supuestos


def test_before_first_date_raises(rs):
    with pytest.raises(RuleLookupError, match="'uma' starts on 2016-01-28: no value for 2015-12-31"):
        rs.value("uma", dt.date(2015, 12, 31))
    with pytest.raises(RuleLookupError, match="'pension_garantizada_columnas' starts on 2021-01-01"):
        pensiones.garantizada.monto_tabla(60, 1000, 1.5, 2020)
    with pytest.raises(RuleLookupError, match="'cuota_social' starts on 1997-07-01"):
        rs.rows("cuota_social", dt.date(1997, 6, 30))  # the law's timeline starts with the LSS 1997


def test_gap_in_periodic_series_raises(rs):
    # AFORE average fee: 2016 then 2019; 2017 was not collected and must not reuse 2016.
    assert rs.value("comision_afore", dt.date(2016, 6, 1), concepto="promedio") == pytest.approx(0.0106)
    with pytest.raises(RuleLookupError, match="gap after the period starting 2016-01-01"):
        rs.value("comision_afore", dt.date(2017, 6, 1), concepto="promedio")


def test_series_without_projection_raises_after_last(rs):
    with pytest.raises(RuleLookupError, match="declares no projection"):
        rs.value("rendimiento_bruto_consar", dt.date(2026, 6, 1))
    with pytest.raises(RuleLookupError, match="declares no projection"):
        rs.rows("poblacion_conapo", dt.date(2071, 7, 1))


def test_uma_projection_follows_ldvuma(rs):
    # UMA 2027 = UMA 2026 x INPC(Dec 2026)/INPC(Dec 2025), rounded to cents.
    expected = round(117.31 * rs.inpc(2026, 12) / rs.inpc(2025, 12), 2)
    assert rs.uma_diaria(2027) == expected
    assert rs.row("uma", dt.date(2027, 2, 1))["projected"] is True
    # January 2027 is still the 2026 value (the UMA changes on 1 February).
    assert rs.uma_diaria(dt.date(2027, 1, 31)) == 117.31


def test_inpc_projection_compounds_assumed_inflation():
    rs = pensiones.rules.load(supuestos=Supuestos(inflacion=0.04))
    last = rs.inpc(2026, 5)
    assert rs.inpc(2027, 5) == pytest.approx(last * 1.04)
    assert rs.inpc(2026, 11) == pytest.approx(last * 1.04**0.5)


def test_projections_follow_assumptions():
    base = pensiones.rules.load()
    high = pensiones.rules.load(
        supuestos=Supuestos(inflacion=0.05, crecimiento_real_salario_minimo=0.02, crecimiento_real_pbam=0.01)
    )
    assert high.uma_diaria(2035) > base.uma_diaria(2035)
    assert high.salario_minimo_diario(2035) > base.salario_minimo_diario(2035)
    assert pensiones.pbam.monto_bimestral(2035, reglas=high) > pensiones.pbam.monto_bimestral(2035)
    # published values never change with the assumptions
    assert high.uma_diaria(2026) == base.uma_diaria(2026) == 117.31
    assert pensiones.pbam.monto_bimestral(2026, reglas=high) == 6400.0


def test_salario_minimo_projection_real_growth():
    rs = pensiones.rules.load(supuestos=Supuestos(crecimiento_real_salario_minimo=0.05))
    expected = round(315.04 * rs.inpc(2026, 12) / rs.inpc(2025, 12) * 1.05, 2)
    assert rs.salario_minimo_diario(2027) == expected


def test_fondo_bienestar_threshold_projection():
    rs = pensiones.rules.load(supuestos=Supuestos(inflacion=0.035))
    assert rs.value("fondo_bienestar_umbral", dt.date(2026, 3, 1)) == round(17364.00 * 1.035, 2)


def test_fee_projection():
    assert pensiones.rules.load().value("comision_afore", dt.date(2030, 1, 1), concepto="tope") == pytest.approx(0.0054)
    rs = pensiones.rules.load(supuestos=Supuestos(comision_anual=0.004))
    assert rs.value("comision_afore", dt.date(2030, 1, 1), concepto="tope") == 0.004


def test_law_tables_stay_in_force(rs):
    # 'indefinite' tables: the 2031 rows are the permanent law.
    assert pensiones.ley97.semanas_minimas(2070) == 1000
    assert pensiones.ley97.tasa_patronal_ceav(2070, 2000.0) == 0.11875


@pytest.mark.parametrize("anio", [1990, 2101, 20260])
def test_year_outside_the_rules(anio):
    with pytest.raises(ValueError, match=r"anio must be in \[1997, 2100\]"):
        pensiones.ley97.semanas_minimas(anio)


def test_lookups_every_year_2021_2070():
    for anio in range(2021, 2071):
        assert pensiones.ley97.semanas_minimas(anio) >= 750
        assert pensiones.ley97.tasa_patronal_ceav(anio, 10_000.0) > 0
        assert pensiones.ley97.cuota_social_diaria(anio, pensiones.rules.load().salario_minimo_diario(anio)) > 0
        assert pensiones.garantizada.monto_mensual(65, 1250, 3.0, anio) > 0
        assert pensiones.pbam.monto_bimestral(anio) > 0


def test_rule_set_is_immutable_and_tables_are_copies(rs):
    frame = rs.table("uma")
    frame.loc[:, "value"] = 0.0
    assert rs.uma_diaria(2026) == 117.31
    with pytest.raises(AttributeError):
        rs.regimen = "lss1997"


def test_unknown_regimen_table_and_axis(rs):
    with pytest.raises(ValueError, match="regimen must be one of 'lss2020', 'lss1997'"):
        pensiones.rules.load("lss2030")
    with pytest.raises(KeyError, match="has no table 'umas'"):
        rs.table("umas")
    with pytest.raises(RuleLookupError, match="zona='norte' is not one of"):
        rs.value("salario_minimo", dt.date(2026, 3, 1), zona="norte")


def test_assumptions_and_criteria_validate():
    with pytest.raises(ValueError, match=r"inflacion must be in \[-0.02, 0.15\]"):
        Supuestos(inflacion=3.0)
    with pytest.raises(ValueError, match="inflacion must be finite"):
        Supuestos(inflacion=float("nan"))
    with pytest.raises(ValueError, match="limites_banda must be one of 'continuo', 'redondeo_centesimas'"):
        Criterios(limites_banda="nearest")
    with pytest.raises(ValueError, match="base_inpc_cuota_social must be a month 'YYYY-MM'"):
        Criterios(base_inpc_cuota_social="2022")
    with pytest.raises(TypeError):
        Supuestos(inflation=0.03)  # an unknown parameter is an error, not ignored


def test_reglas_and_regimen_must_agree():
    rs97 = pensiones.rules.load("lss1997")
    assert pensiones.ley97.semanas_minimas(2026, reglas=rs97) == 1250
    with pytest.raises(ValueError, match="disagrees with reglas"):
        pensiones.ley97.semanas_minimas(2026, regimen="lss2020", reglas=rs97)
