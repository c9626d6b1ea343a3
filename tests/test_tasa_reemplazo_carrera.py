"""pensiones.tasa_reemplazo_carrera: a given person's replacement rate, from the AFORE statement to retirement."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones.garantizada import pension_ley97
from pensiones.ley97 import complemento_fondo_bienestar, proyectar_cuenta
from pensiones.pbam import monto_persona
from tests import strategies as S

#: The worker of docs/transicion.md's Ley 97 side, without the transition: born 1980, 600 pesos a day in 2026.
PERSONA = dict(anio_nacimiento=1980, sexo="H", semanas=1000, saldo_rcv=450_000, anio=2026)


def _rs(inflacion=0.02):
    return pensiones.rules.load().evolve(supuestos=pensiones.Supuestos(inflacion=inflacion))


def test_exported_and_returns_the_same_type():
    assert "tasa_reemplazo_carrera" in pensiones.__all__
    r = pensiones.tasa_reemplazo_carrera(600.0, **PERSONA)
    assert isinstance(r, pensiones.TasaReemplazo)
    assert inspect.signature(pensiones.tasa_reemplazo_carrera).return_annotation in (
        "TasaReemplazo", pensiones.TasaReemplazo
    )


def test_the_projection_starts_from_the_statement():
    r = pensiones.tasa_reemplazo_carrera(600.0, **PERSONA)
    rs = _rs()
    cuenta = proyectar_cuenta(
        600.0, 2026, 2044, saldo_inicial=450_000, rendimiento_real=0.03, comision=0.0, crecimiento_real_sbc=0.0125,
        reglas=rs,
    )
    assert r.anio_retiro == 2045  # born 1980, retires at 65
    assert r.saldo == pytest.approx(float(cuenta["saldo_final"].iloc[-1]), rel=1e-12)
    assert r.semanas == pytest.approx(1000 + 19 * 365 / 7)  # the statement's weeks + 19 full years
    assert r.ultimo_salario_mensual == pytest.approx(float(cuenta["sbc_diario"].iloc[-1]) * 30.4, rel=1e-12)
    uma = [rs.unidad_de_cuenta(y) for y in range(2026, 2045)]
    promedio = sum(c / u for c, u in zip(cuenta["sbc_cotizable"], uma)) / len(uma)
    assert r.salario_promedio_uma == pytest.approx(promedio, rel=1e-12)


def test_the_rates_are_the_calculators_put_together():
    r = pensiones.tasa_reemplazo_carrera(600.0, **PERSONA)
    rs = _rs()
    ley97 = pension_ley97(r.saldo, 65, r.semanas, r.salario_promedio_uma, "H", 2045, rendimiento_real=0.03, reglas=rs)
    assert r.pension_mensual == ley97.mensual and r.modalidad == ley97.modalidad
    assert r.complemento_fondo == complemento_fondo_bienestar(
        r.pension_mensual, r.ultimo_salario_mensual, 65, 2045, reglas=rs
    )
    assert r.pbam_mensual == monto_persona(65, "H", 2045, reglas=rs) / 2
    total = r.pension_mensual + r.complemento_fondo + r.pbam_mensual
    assert r.bruta == pytest.approx(total / r.ultimo_salario_mensual, rel=1e-12)
    net_wage = r.ultimo_salario_mensual - r.isr_salario - r.cuotas_obreras
    assert r.neta == pytest.approx((total - r.isr_pension) / net_wage, rel=1e-12)


def test_one_year_to_go_by_hand():
    # born 1961, retires at 65 in 2026: only 2025 is projected, from a 1,000,000-peso statement
    r = pensiones.tasa_reemplazo_carrera(
        1000.0, anio_nacimiento=1961, sexo="M", semanas=1500, saldo_rcv=1_000_000, anio=2025, fondo_bienestar=False,
        pbam=False,
    )
    cuenta = proyectar_cuenta(1000.0, 2025, 2025, saldo_inicial=1_000_000, rendimiento_real=0.03, comision=0.0,
                              reglas=_rs())
    fila = cuenta.iloc[0]
    assert r.anio_retiro == 2026
    assert r.semanas == pytest.approx(1500 + 365 / 7)
    assert r.saldo == pytest.approx(1_000_000 + fila["aportaciones"] + fila["rendimiento"], rel=1e-12)
    assert r.ultimo_salario_mensual == pytest.approx(1000.0 * 30.4)
    assert r.salario_promedio_uma == pytest.approx(1000.0 / 113.14)
    assert r.bruta == r.bruta_sin_complementos == pytest.approx(r.pension_mensual / 30_400.0)


def test_the_average_band_can_be_given():
    a = pensiones.tasa_reemplazo_carrera(600.0, **PERSONA, salario_promedio_uma=1.0)
    b = pensiones.tasa_reemplazo_carrera(600.0, **PERSONA)
    assert a.salario_promedio_uma == 1.0 and a.saldo == b.saldo


def test_a_lower_density_gives_fewer_weeks_and_less_balance():
    full = pensiones.tasa_reemplazo_carrera(600.0, **PERSONA)
    half = pensiones.tasa_reemplazo_carrera(600.0, **PERSONA, densidad=0.5)
    assert half.semanas == pytest.approx(1000 + 19 * 365 / 7 / 2)
    assert half.saldo < full.saldo


def test_too_few_weeks_is_a_negativa_de_pension():
    r = pensiones.tasa_reemplazo_carrera(
        600.0, anio_nacimiento=1962, sexo="H", semanas=0, saldo_rcv=50_000, anio=2026, fondo_bienestar=False
    )
    assert r.modalidad == "negativa_de_pension" and r.complemento_fondo == 0.0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"salario_diario": 0.0}, r"salario_diario must be in \(0, "),
        ({"salario_diario": 100.0}, r"salario_diario must be at least the minimum wage of 2026 \(315.04\)"),
        ({"salario_diario": float("nan")}, "salario_diario must be finite"),
        ({"sexo": "X"}, "sexo must be one of 'H', 'M'"),
        ({"anio": 1996}, r"anio must be in \[1997, 2100\]"),
        ({"anio_nacimiento": 2020}, r"anio_nacimiento must be in \[1962, 2012\]"),
        ({"anio_nacimiento": 1950}, r"anio_nacimiento must be in \[1962, 2012\]"),
        ({"edad_retiro": 59}, r"edad_retiro must be in \[60, 75\]"),
        ({"semanas": -1}, r"semanas must be in \[0, "),
        ({"semanas": 2000}, r"semanas must be in \[0, 1668.57"),
        ({"semanas": 600, "anio_afiliacion": 2020}, r"semanas must be in \[0, 312.857"),
        ({"anio_afiliacion": 2027}, r"anio_afiliacion must be in \[1994, 2026\]"),
        ({"saldo_rcv": -5.0}, r"saldo_rcv must be in \[0, "),
        ({"densidad": 1.5}, r"densidad must be in \[0, 1\]"),
        ({"salario_promedio_uma": 30.0}, r"salario_promedio_uma must be in \[0, 25\]"),
        ({"rendimiento_real": 0.2}, r"rendimiento_real must be in \[-0.05, 0.1\]"),
        ({"inflacion": 0.5}, r"inflacion must be in \[-0.02, 0.15\]"),
        ({"pbam": 1}, "pbam must be True or False"),
        ({"anio": 2000, "anio_nacimiento": 1950, "edad_retiro": 60, "semanas": 0},
         "is the year of the last wage and must be at least 2023"),
        ({"anio": 2090, "anio_nacimiento": 2050, "edad_retiro": 75, "semanas": 0},
         "is the year of retirement and must be at most 2100"),
    ],
)
def test_bad_arguments_are_named_with_their_range(kwargs, message):
    args = {**PERSONA, "salario_diario": 600.0, **kwargs}
    salario = args.pop("salario_diario")
    with pytest.raises(ValueError, match=message):
        pensiones.tasa_reemplazo_carrera(salario, **args)


@settings(max_examples=8, deadline=None)
@given(S.saldos, st.floats(min_value=1.0, max_value=1e6))
def test_more_balance_never_lowers_the_pension(saldo, extra):
    a = pensiones.tasa_reemplazo_carrera(600.0, **{**PERSONA, "saldo_rcv": saldo})
    b = pensiones.tasa_reemplazo_carrera(600.0, **{**PERSONA, "saldo_rcv": saldo + extra})
    assert b.saldo > a.saldo
    assert b.pension_mensual >= a.pension_mensual
    assert b.bruta_sin_complementos >= a.bruta_sin_complementos


@settings(max_examples=8, deadline=None)
@given(S.semanas_previas, st.floats(min_value=1.0, max_value=150.0))
def test_more_weeks_never_lower_the_pension(semanas, extra):
    base = {**PERSONA, "anio_nacimiento": 1964, "saldo_rcv": 200_000}  # retires in 2029: weeks decide
    a = pensiones.tasa_reemplazo_carrera(400.0, **{**base, "semanas": semanas})
    b = pensiones.tasa_reemplazo_carrera(400.0, **{**base, "semanas": semanas + extra})
    assert b.pension_mensual >= a.pension_mensual
    assert b.bruta_sin_complementos >= a.bruta_sin_complementos


@settings(max_examples=6, deadline=None)
@given(st.floats(min_value=320.0, max_value=3000.0), st.sampled_from(["H", "M"]))
def test_rate_bounds(salario, sexo):
    r = pensiones.tasa_reemplazo_carrera(salario, **{**PERSONA, "sexo": sexo})
    assert 0.0 < r.bruta_sin_complementos <= r.bruta
    assert r.neta_sin_complementos >= r.bruta_sin_complementos * 0.999


def test_the_transition_generation_gets_no_fondo_complement():
    import datetime as dt

    base = {**PERSONA, "anio_nacimiento": 1966, "semanas": 1450, "saldo_rcv": 200_000}
    ley97 = pensiones.tasa_reemplazo_carrera(500.0, **base, anio_afiliacion=1998)
    assert ley97.complemento_fondo > 0
    for afiliacion in (1990, dt.date(1997, 6, 30)):
        r = pensiones.tasa_reemplazo_carrera(500.0, **base, anio_afiliacion=afiliacion)
        assert r.complemento_fondo == 0.0
        assert r.pension_mensual == ley97.pension_mensual and r.saldo == ley97.saldo
    assert pensiones.tasa_reemplazo_carrera(500.0, **base, anio_afiliacion=dt.date(1997, 7, 1)) == ley97
    with pytest.raises(ValueError, match=r"anio_afiliacion \(year of the date\) must be in \[1980, 2026\]"):
        pensiones.tasa_reemplazo_carrera(500.0, **base, anio_afiliacion=dt.date(1975, 1, 1))


def test_a_salary_that_falls_below_the_minimum_wage_is_named():
    message = r"salario_diario grown by crecimiento_real_salario=-0.05 falls below the minimum wage \(sbc_diario in 20"
    with pytest.raises(ValueError, match=message):
        pensiones.tasa_reemplazo_carrera(320.0, **PERSONA, crecimiento_real_salario=-0.05)
