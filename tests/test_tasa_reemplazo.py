"""pensiones.tasa_reemplazo: the contract, the validation, the arithmetic behind the rates, properties."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones.garantizada import pension_ley97
from pensiones.ley97 import complemento_fondo_bienestar
from pensiones.pbam import monto_persona
from pensiones.reemplazo import salario_promedio_diario
from tests import strategies as S


def test_signature_is_the_contract():
    sig = inspect.signature(pensiones.tasa_reemplazo)
    assert str(sig.replace(return_annotation=inspect.Signature.empty)) == (
        "(multiplo_salario, *, sexo='H', edad_entrada=22, anio_entrada=2024, edad_retiro=65, "
        "crecimiento_real_salario=0.0125, rendimiento_real=0.03, inflacion=0.02, fondo_bienestar=True, "
        "pbam=True, reglas=None)"
    )
    assert sig.return_annotation in ("TasaReemplazo", pensiones.TasaReemplazo)
    assert "tasa_reemplazo" in pensiones.__all__


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"multiplo_salario": 0.0}, r"multiplo_salario must be in \(0, 10\]"),
        ({"multiplo_salario": 0.3}, r"multiplo_salario=0.3 gives an SBC of .* below that year's minimum wage"),
        ({"multiplo_salario": 1.0, "sexo": "X"}, "sexo must be one of 'H', 'M'"),
        ({"multiplo_salario": 1.0, "edad_retiro": 59}, r"edad_retiro must be in \[60, 75\]"),
        ({"multiplo_salario": 1.0, "edad_entrada": 60}, r"edad_entrada must be in \[14, 59\]"),
        ({"multiplo_salario": 1.0, "anio_entrada": 2070}, r"anio_entrada must be in \[1998, 2057\]"),
        ({"multiplo_salario": 1.0, "anio_entrada": 1998, "edad_entrada": 40, "edad_retiro": 60},
         "is the year of the last wage and must be at least 2023"),
        ({"multiplo_salario": 1.0, "rendimiento_real": 0.2}, r"rendimiento_real must be in \[-0.05, 0.1\]"),
        ({"multiplo_salario": 1.0, "inflacion": 0.5}, r"inflacion must be in \[-0.02, 0.15\]"),
        ({"multiplo_salario": 1.0, "crecimiento_real_salario": -0.1}, r"crecimiento_real_salario must be in"),
        ({"multiplo_salario": 1.0, "fondo_bienestar": "yes"}, "fondo_bienestar must be True or False"),
        ({"multiplo_salario": 1.0, "pbam": 1}, "pbam must be True or False"),
        ({"multiplo_salario": 1.0, "reglas": "lss2020"}, "reglas must be a pensiones.rules.RuleSet"),
    ],
)
def test_bad_arguments_are_named_with_their_range(kwargs, message):
    m = kwargs.pop("multiplo_salario")
    with pytest.raises(ValueError, match=message):
        pensiones.tasa_reemplazo(m, **kwargs)


def test_average_wage_is_the_imss_series_then_projected():
    assert salario_promedio_diario(2024, 0.0125) == 587.3939  # December 2024, IMSS asg-2024
    assert salario_promedio_diario(2026, 0.0125) == 671.251  # May 2026, the last observation
    rs = pensiones.rules.load()
    expected = 671.251 * rs.inpc(2027, 12) / rs.inpc(2026, 12) * 1.0125
    assert salario_promedio_diario(2027, 0.0125) == pytest.approx(expected, rel=1e-12)


def test_the_rates_are_the_calculators_put_together():
    r = pensiones.tasa_reemplazo(0.5, sexo="M")
    rs = pensiones.rules.load().evolve(supuestos=pensiones.Supuestos(inflacion=0.02))
    # the pension is pension_ley97 on the balance; the complements are their own calculators
    ley97 = pension_ley97(
        r.saldo, 65, r.semanas, r.salario_promedio_uma, "M", r.anio_retiro, rendimiento_real=0.03, reglas=rs
    )
    assert r.pension_mensual == ley97.mensual and r.modalidad == ley97.modalidad
    assert r.complemento_fondo == complemento_fondo_bienestar(
        r.pension_mensual, r.ultimo_salario_mensual, 65, r.anio_retiro, reglas=rs
    )
    assert r.complemento_fondo > 0  # half the average wage: below the Fondo threshold
    assert r.pbam_mensual == monto_persona(65, "M", r.anio_retiro, reglas=rs) / 2
    total = r.pension_mensual + r.complemento_fondo + r.pbam_mensual
    assert r.bruta == pytest.approx(total / r.ultimo_salario_mensual, rel=1e-12)
    net_wage = r.ultimo_salario_mensual - r.isr_salario - r.cuotas_obreras
    assert r.neta == pytest.approx((total - r.isr_pension) / net_wage, rel=1e-12)
    assert r.semanas == pytest.approx(43 * 365 / 7)
    assert r.anio_retiro == 2067


def test_complements_can_be_left_out():
    con = pensiones.tasa_reemplazo(0.5)
    sin = pensiones.tasa_reemplazo(0.5, fondo_bienestar=False, pbam=False)
    assert sin.complemento_fondo == 0.0 and sin.pbam_mensual == 0.0
    assert sin.bruta == sin.bruta_sin_complementos == con.bruta_sin_complementos
    assert sin.neta == pytest.approx(sin.neta_sin_complementos)
    assert con.bruta > sin.bruta


def test_the_inflation_argument_replaces_the_rule_set_assumption():
    a = pensiones.tasa_reemplazo(1.0, inflacion=0.02)
    b = pensiones.tasa_reemplazo(
        1.0, inflacion=0.02, reglas=pensiones.rules.load(supuestos=pensiones.Supuestos(inflacion=0.02))
    )
    c = pensiones.tasa_reemplazo(1.0, inflacion=0.04)
    assert a == b
    assert c.ultimo_salario_mensual > a.ultimo_salario_mensual


@settings(max_examples=15)
@given(S.multiplos_salario, st.sampled_from(["H", "M"]))
def test_rate_bounds(multiplo, sexo):
    r = pensiones.tasa_reemplazo(multiplo, sexo=sexo)
    assert 0.0 < r.bruta_sin_complementos <= r.bruta
    assert r.bruta_sin_complementos < 1.0  # a full career's annuity stays below the last wage
    # taxes on the pension (above 15 UMA only) are lighter than those on the wage: net >= gross
    assert r.neta_sin_complementos >= r.bruta_sin_complementos
    assert 0.0 <= r.isr_pension and 0.0 < r.cuotas_obreras < r.ultimo_salario_mensual
