"""Properties and invariants of the individual calculators (issue: individual calculators)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pensiones
from pensiones import garantizada, ley73, ley97

from . import strategies as S


@given(S.salario_promedio_ley73, S.semanas_ley73, st.floats(0, 1500), st.integers(60, 70), S.anios_ley73)
def test_ley73_non_decreasing_in_weeks(salario, semanas, extra, edad, anio):
    a = ley73.pension(salario, semanas, edad, anio)
    b = ley73.pension(salario, semanas + extra, edad, anio)
    assert b.mensual >= a.mensual


@given(S.salario_promedio_ley73, S.semanas_ley73, S.anios_ley73, st.booleans(), st.integers(0, 4))
def test_ley73_non_decreasing_in_cesantia_age(salario, semanas, anio, esposa, hijos):
    values = [ley73.pension(salario, semanas, edad, anio, esposa=esposa, hijos=hijos).mensual for edad in range(60, 67)]
    assert values == sorted(values)


@given(S.salario_promedio_ley73, S.semanas_ley73, st.floats(60, 80), S.anios_ley73)
def test_ley73_minimum_binds_exactly_below_its_level(salario, semanas, edad, anio):
    p = ley73.pension(salario, semanas, edad, anio)
    calculated = round(p.anual_calculada / 12, 2)
    assert p.minima_aplicada == (calculated < p.pension_minima_mensual)
    assert p.mensual == (p.pension_minima_mensual if p.minima_aplicada else calculated)
    assert p.mensual >= p.pension_minima_mensual


@given(S.salario_promedio_ley73, S.semanas_ley73, S.anios_ley73, st.booleans(), st.integers(0, 6), st.integers(0, 2))
def test_ley73_asignaciones_never_exceed_100_percent(salario, semanas, anio, esposa, hijos, padres):
    p = ley73.pension(salario, semanas, 65, anio, esposa=esposa, hijos=hijos, padres=padres)
    total = p.pension_vejez_anual + p.asignaciones_anual
    assert total <= max(p.salario_computable_diario * 365, p.pension_vejez_anual) + 1e-6
    assert p.asignaciones_anual >= 0


@given(S.sexos, st.integers(40, 105), S.tasas_tecnicas)
def test_annuity_factor_decreasing_in_age_and_rate(sexo, edad, tasa):
    f = ley97.factor_anualidad(edad, sexo, tasa_tecnica=tasa)
    assert ley97.factor_anualidad(edad + 1, sexo, tasa_tecnica=tasa) < f
    assert ley97.factor_anualidad(edad, sexo, tasa_tecnica=tasa + 0.01) < f


@given(S.saldos, st.floats(60, 75), st.floats(0, 2500), S.salario_uma, S.sexos, st.integers(2021, 2060))
def test_guaranteed_pension_floor(saldo, edad, semanas, salario, sexo, anio):
    r = garantizada.pension_ley97(saldo, edad, semanas, salario, sexo, anio)
    if semanas >= ley97.semanas_minimas(anio):
        assert r.modalidad != "negativa_de_pension"
        assert r.mensual >= r.pension_garantizada_mensual > 0
        # the account and the government together pay the pension every year the pensioner lives
        paid = r.flujos.pagado_cuenta + r.flujos.pagado_gobierno
        assert (abs(paid - 12 * r.mensual) < 1e-6).all()
    else:
        assert r.modalidad == "negativa_de_pension" and r.retiro_unico == pytest.approx(saldo, abs=0.005)


@given(S.pesos_mensuales, S.pesos_mensuales, st.floats(55, 90), st.integers(2024, 2060))
def test_fondo_bienestar_never_above_threshold_or_salary(pension, salario, edad, anio):
    comp = ley97.complemento_fondo_bienestar(pension, salario, edad, anio)
    assert comp >= 0
    if comp > 0:
        umbral = pensiones.rules.load().value(
            "fondo_bienestar_umbral", pensiones.rules.lookup_date(anio) if anio != 2024 else "2024-05-01"
        )
        assert pension + comp <= min(umbral, salario) + 0.005
        assert edad >= 65


@given(
    st.floats(1.0, 12.0), st.integers(2021, 2050), st.integers(0, 20), st.floats(0, 1), st.floats(-0.05, 0.1), S.saldos
)
def test_account_ledger_identity(veces_sm, start, years, densidad, real, saldo):
    sm = pensiones.rules.load().salario_minimo_diario(start + years)  # high enough for every year
    c = ley97.proyectar_cuenta(
        veces_sm * sm, start, start + years, densidad=densidad, rendimiento_real=real, saldo_inicial=saldo
    )
    step = c.saldo_inicial + c.aportaciones + c.rendimiento - c.comision - c.saldo_final
    assert (step.abs() <= 1e-6 * (1 + c.saldo_final.abs())).all()
    assert (c.saldo_inicial.iloc[1:].to_numpy() == c.saldo_final.iloc[:-1].to_numpy()).all()
    parts = c[
        ["retiro", "ceav_patron", "ceav_trabajador", "aportacion_estatal", "cuota_social", "voluntaria"]
    ].sum(axis=1)
    assert ((parts - c.aportaciones).abs() < 1e-6).all()
    # conservation over the whole path: every peso is in the balance or was charged as a fee
    total = saldo + c.aportaciones.sum() + c.rendimiento.sum() - c.comision.sum()
    assert math.isclose(total, c.saldo_final.iloc[-1], rel_tol=1e-9, abs_tol=1e-6)


def test_retiro_programado_exhausts_only_at_the_end():
    rp = ley97.retiro_programado(1_000_000, 65, "M")
    assert (rp.pension_mensual.iloc[:30] > 0).all()
    assert rp.saldo_final.iloc[-1] == pytest.approx(0.0, abs=1e-6)


def test_regime_choice_destinations():
    r = pensiones.eleccion_regimen(
        salario_promedio_diario=800.0, semanas=1500, edad=65, anio=2026, sexo="H", salario_uma=4.0,
        saldo_retiro=150_000, saldo_ceav=450_000, saldo_sar92=20_000, saldo_vivienda=80_000,
    )
    assert r.elegido == "ley73" and r.mensual == r.ley73.mensual
    s = r.resumen().set_index("regimen")
    assert s.loc["ley73", "transferencia_gobierno"] == 450_000  # CEAV to the Federal Government
    assert s.loc["ley73", "pago_unico_trabajador"] == 150_000 + 20_000 + 80_000
    assert s.loc["ley97", "pago_unico_trabajador"] == 20_000 + 80_000


def test_regime_choice_without_ley73_weeks_is_ley97():
    r = pensiones.eleccion_regimen(
        salario_promedio_diario=800.0, semanas=499, edad=65, anio=2026, sexo="M", salario_uma=2.0,
        saldo_retiro=50_000, saldo_ceav=100_000,
    )
    assert r.ley73 is None and r.elegido == "ley97" and r.ley97.modalidad == "negativa_de_pension"
    assert r.resumen().set_index("regimen").loc["ley97", "pago_unico_trabajador"] == 150_000


BAD = [
    (lambda: ley73.pension(500.0, -3, 65, 2026), r"semanas must be in \[0, 5500\], got -3"),
    (lambda: ley73.pension(500.0, 499, 65, 2026), r"semanas must be at least 500"),
    (lambda: ley73.pension(500.0, 800, 200, 2026), r"edad must be in \[0, 120\], got 200"),
    (lambda: ley73.pension(500.0, 800, 59, 2026), r"edad must be at least 60"),
    (lambda: ley73.pension(math.nan, 800, 65, 2026), r"salario_promedio_diario must be finite"),
    (lambda: ley73.pension(500.0, 800, 65, 2026, hijos=-1), r"hijos must be in \[0, 20\]"),
    (lambda: ley73.pension(500.0, 800, 65, 2026, unidad_grupo="VSM"), r"unidad_grupo must be one of 'UMA', 'SM'"),
    (lambda: ley73.pension(500.0, 800, 65, 1990), r"anio must be in \[1997, 2100\]"),
    (lambda: ley73.costo_mensual_modalidad40(5000.0, 2026),
     r"salario_registrado_diario must be in \[315.04, 2932.75\]"),
    (lambda: ley73.promedio_250_semanas([100.0] * 10), r"at least 250 weeks"),
    (lambda: ley97.factor_anualidad(65, "X"), r"sexo must be one of 'H', 'M'"),
    (lambda: ley97.factor_anualidad(120, "H"), r"edad must be in \[0, 110\]"),
    (lambda: ley97.renta_vitalicia(-1.0, 65, "H"), r"saldo must be in \[0, \+inf\)"),
    (lambda: ley97.proyectar_cuenta(200.0, 2026, 2027),
     r"sbc_diario in 2026 \(200.00\) is below that year's minimum wage"),
    (lambda: ley97.proyectar_cuenta(500.0, 2026, 2025), r"anio_fin must be in \[2026, 2100\]"),
    (lambda: ley97.proyectar_cuenta(500.0, 2026, 2027, densidad=1.5), r"densidad must be in \[0, 1\]"),
    (lambda: ley97.proyectar_cuenta([500.0], 2026, 2027), r"one per year"),
    (lambda: ley97.complemento_fondo_bienestar(math.nan, 1000.0, 65, 2025), r"pension_mensual must be finite"),
    (lambda: garantizada.pension_ley97(1e5, 59, 1000, 1.5, "H", 2030), r"edad must be at least 60"),
    (lambda: garantizada.pension_ley97(1e5, 65, 1000, 1.5, "F", 2030), r"sexo must be one of 'H', 'M'"),
    (lambda: pensiones.pbam.monto_persona(70, "X", 2026), r"sexo must be one of"),
]


@pytest.mark.parametrize("call, message", BAD)
def test_calculator_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
