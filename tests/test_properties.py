"""Layer 5: properties of the rule tables (monotonicity, piecewise constancy, floors)."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

import pensiones
from pensiones import garantizada, ley97

from . import strategies as S

RS = pensiones.rules.load()


@given(S.anios, st.data())
def test_art170_non_decreasing_in_age_weeks_and_band(anio, data):
    edad = data.draw(S.edades_pension)
    semanas = data.draw(S.semanas_elegibles(anio))
    salario = data.draw(S.salario_uma)
    base = garantizada.monto_tabla(edad, semanas, salario, anio)
    assert garantizada.monto_tabla(edad + data.draw(st.floats(0, 10)), semanas, salario, anio) >= base
    assert garantizada.monto_tabla(edad, semanas + data.draw(st.floats(0, 500)), salario, anio) >= base
    assert garantizada.monto_tabla(edad, semanas, min(25.0, salario + data.draw(st.floats(0, 10))), anio) >= base


@given(S.anios, st.data())
def test_guaranteed_pension_in_pesos_of_the_year_is_at_least_the_table(anio, data):
    semanas = data.draw(S.semanas_elegibles(anio))
    edad, salario = data.draw(S.edades_pension), data.draw(S.salario_uma)
    assert garantizada.monto_mensual(edad, semanas, salario, anio) >= garantizada.monto_tabla(
        edad, semanas, salario, anio
    )


@given(st.floats(min_value=2.75, max_value=25.0))
def test_ceav_employer_non_decreasing_in_year_2023_2030(veces_uma):
    """Same position in the UMA bands (above one minimum wage every year): the rate never falls."""
    rates = [ley97.tasa_patronal_ceav(a, veces_uma * RS.uma_diaria(a)) for a in range(2023, 2032)]
    assert rates == sorted(rates)


def test_ceav_employer_each_band_non_decreasing_in_year():
    table = RS.table("tasa_patronal_ceav")
    for banda, rows in table[table.effective_from >= dt.date(2023, 1, 1)].groupby("banda"):
        assert rows.sort_values("effective_from")["value"].is_monotonic_increasing, banda


@given(S.anios, S.veces_salario_minimo, S.veces_salario_minimo)
def test_ceav_employer_non_decreasing_in_band(anio, v1, v2):
    sm = RS.salario_minimo_diario(anio)
    low, high = sorted((v1 * sm, v2 * sm))
    assert ley97.tasa_patronal_ceav(anio, low) <= ley97.tasa_patronal_ceav(anio, high)
    assert 0.0315 <= ley97.tasa_patronal_ceav(anio, low) <= 0.11875


@given(st.integers(2021, 2070), S.trimestres, S.veces_salario_minimo, S.veces_salario_minimo)
def test_cuota_social_non_increasing_in_band(anio, q, v1, v2):
    sm = RS.salario_minimo_diario(dt.date(anio, 3 * q - 1, 1))
    low, high = sorted((v1 * sm, v2 * sm))
    a, b = ley97.cuota_social_diaria(anio, low, trimestre=q), ley97.cuota_social_diaria(anio, high, trimestre=q)
    assert a >= b >= 0.0


@given(S.fechas)
def test_lookups_piecewise_constant_in_time(fecha):
    """A value depends only on the last effective date on or before the lookup date."""
    for name, axes in (("uma", {}), ("salario_minimo", {"zona": "general"}), ("semanas_minimas", {}), ("pbam", {})):
        table = RS.table(name)
        if axes:
            table = table[table.zona == axes["zona"]]
        dates = sorted(set(table.effective_from))
        assume(dates[0] <= fecha)
        start = max(x for x in dates if x <= fecha)
        later = [x for x in dates if x > fecha]
        end = later[0] if later else fecha + dt.timedelta(days=1)
        probe = start + (end - start) * 0.5 if later else fecha
        if not later and name != "semanas_minimas":
            continue  # past the last value: projections are tested in test_lookup
        assert RS.value(name, probe, **axes) == RS.value(name, start, **axes)


@given(st.floats(0.0, 0.15), st.floats(0.0, 0.15), st.integers(2027, 2070))
def test_uma_projection_non_decreasing_in_inflation(i1, i2, anio):
    lo, hi = sorted((i1, i2))
    r_lo = pensiones.rules.load(supuestos=pensiones.Supuestos(inflacion=lo))
    r_hi = pensiones.rules.load(supuestos=pensiones.Supuestos(inflacion=hi))
    assert r_lo.uma_diaria(anio) <= r_hi.uma_diaria(anio)
