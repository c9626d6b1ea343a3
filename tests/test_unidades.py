"""pensiones.unidades: pesos, UMA and minimum wages for a date or year, per day, month or year."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import unidades
from tests import strategies as S


def test_exported_from_the_package():
    for name in ("pesos_a_uma", "uma_a_pesos", "pesos_a_salarios_minimos", "salarios_minimos_a_pesos",
                 "uma_pesos", "salario_minimo_pesos"):
        assert name in pensiones.__all__
        assert getattr(pensiones, name) is getattr(unidades, name)


def test_published_uma_values():
    # INEGI, DOF 10-01-2025: UMA 2025 = 113.14 a day, 3,439.46 a month, 41,273.52 a year
    assert unidades.uma_pesos(2025) == 113.14
    assert unidades.uma_pesos(2025, periodo="mensual") == 3439.46
    assert unidades.uma_pesos(2025, periodo="anual") == 41273.52
    # the UMA changes on 1 February: January 2025 still reads the 2024 value (108.57)
    assert unidades.uma_pesos(dt.date(2025, 1, 31)) == 108.57
    assert unidades.uma_pesos(dt.date(2025, 2, 1)) == 113.14


def test_before_the_uma_the_minimum_wage_is_the_unit_of_account():
    # decree DOF 27-01-2016: the UMA replaced the minimum wage from 28-01-2016 with the same value
    assert unidades.uma_pesos(2015) == unidades.salario_minimo_pesos(2015) == 70.10
    assert unidades.uma_pesos(1997) == unidades.salario_minimo_pesos(1997)
    rs = pensiones.rules.load()
    for year in (1997, 2010, 2016, 2026):
        assert unidades.uma_pesos(year) == rs.unidad_de_cuenta(year)


def test_minimum_wage_periods():
    # CONASAMI, DOF 23-12-2024: 278.80 pesos a day in 2025 (general zone), 419.88 in the northern border zone
    assert unidades.salario_minimo_pesos(2025) == 278.80
    assert unidades.salario_minimo_pesos(2025, zona="zlfn") == 419.88
    assert unidades.salario_minimo_pesos(2025, periodo="mensual") == pytest.approx(278.80 * 365 / 12)
    assert unidades.salario_minimo_pesos(2025, periodo="anual") == pytest.approx(278.80 * 365)


def test_conversions_by_hand():
    assert unidades.pesos_a_uma(113.14 * 3, 2025) == pytest.approx(3.0)
    assert unidades.pesos_a_uma(3439.46, 2025, periodo="mensual") == pytest.approx(1.0)
    assert unidades.pesos_a_uma(41273.52 * 2, 2025, periodo="anual") == pytest.approx(2.0)
    assert unidades.uma_a_pesos(25, 2025) == pytest.approx(2828.5)  # the SBC cap, LSS art. 28
    assert unidades.uma_a_pesos(25, 2025) == pytest.approx(pensiones.rules.load().tope_sbc_diario(2025))
    assert unidades.pesos_a_salarios_minimos(557.60, 2025) == pytest.approx(2.0)
    assert unidades.salarios_minimos_a_pesos(10, 2025) == pytest.approx(2788.0)
    assert unidades.pesos_a_uma(0.0, 2025) == 0.0


@settings(max_examples=30)
@given(S.montos_pesos, S.anios_ley, st.sampled_from(unidades.PERIODOS))
def test_round_trips(monto, anio, periodo):
    back = unidades.uma_a_pesos(unidades.pesos_a_uma(monto, anio, periodo=periodo), anio, periodo=periodo)
    assert back == pytest.approx(monto, rel=1e-12, abs=1e-9)
    veces = unidades.pesos_a_salarios_minimos(monto, anio, periodo=periodo)
    assert unidades.salarios_minimos_a_pesos(veces, anio, periodo=periodo) == pytest.approx(monto, rel=1e-12, abs=1e-9)


def test_overlays_apply():
    rs = pensiones.rules.load()
    assert unidades.uma_pesos(2025, reglas=rs) == 113.14


@pytest.mark.parametrize("funcion", [unidades.pesos_a_uma, unidades.uma_a_pesos, unidades.pesos_a_salarios_minimos,
                                     unidades.salarios_minimos_a_pesos])
@pytest.mark.parametrize(
    "monto, anio, kwargs, message",
    [
        (-1.0, 2025, {}, r"monto must be in \[0, "),
        (math.nan, 2025, {}, "monto must be finite"),
        (math.inf, 2025, {}, "monto must be finite"),
        ("100", 2025, {}, "monto must be a real number"),
        (True, 2025, {}, "monto must be a real number"),
        (100.0, 1996, {}, r"anio must be in \[1997, 2100\], got 1996"),
        (100.0, 2101, {}, r"anio must be in \[1997, 2100\], got 2101"),
        (100.0, 2025.5, {}, "anio must be an integer"),
        (100.0, 2025, {"periodo": "semanal"}, "periodo must be one of 'diario', 'mensual', 'anual'; got 'semanal'"),
        (100.0, dt.date(1996, 12, 1), {}, r"anio \(year of the date\) must be in \[1997, 2100\]"),
    ],
)
def test_bad_input_names_the_argument(funcion, monto, anio, kwargs, message):
    with pytest.raises(ValueError, match=message):
        funcion(monto, anio, **kwargs)


def test_bad_zone_is_named():
    with pytest.raises(ValueError, match="zona must be one of 'general', 'zlfn'"):
        unidades.pesos_a_salarios_minimos(100.0, 2025, zona="norte")


@pytest.mark.parametrize("modulo", ["ley73", "ley97", "garantizada", "pbam"])
def test_every_money_calculator_points_to_the_conversions(modulo):
    import importlib
    import inspect

    m = importlib.import_module(f"pensiones.{modulo}")
    sin = []
    for name in m.__all__:
        obj = getattr(m, name)
        if not inspect.isfunction(obj) or not obj.__doc__:
            continue
        doc = obj.__doc__
        if "pesos" in doc and "pensiones.unidades" not in doc:  # takes or returns money
            sin.append(name)
    assert not sin, f"pensiones.{modulo}: money calculators without a See Also to pensiones.unidades: {sin}"
