"""Many-dates lookups (RuleSet.values, RuleSet.rows_by_date, the array twins) answer what the one-date
lookups answer, bit for bit, with the same errors and the same tables read; the validated tables a new
process reads from the cache are those the loader builds."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import Criterios, Supuestos
from pensiones.rules.overlay import Reforma
from pensiones.rules.ruleset import _are_tables, _read_tables

_rnd = random.Random(20251205)
#: 1 February of every year of the law, and dates anywhere in it (projections count anniversaries).
FECHAS = sorted({dt.date(y, 2, 1) for y in range(1997, 2101)}
                | {dt.date(_rnd.randint(1997, 2100), _rnd.randint(1, 12), _rnd.randint(1, 28)) for _ in range(40)})

OVERLAYS = [
    Reforma(tabla="inpc", desde="2035-01-01", factor=1.1),
    Reforma(tabla="uma", desde="2030-02-01", factor=1.3),
    Reforma(tabla="salario_minimo", desde="2028-01-01", trayectoria={2028: 400, 2031: 500}, donde={"zona": "general"}),
    Reforma(tabla="pbam", desde="2029-01-01", valor=9000),
    Reforma(tabla="comision_afore", desde="2030-01-01", valor=0.02, donde={"concepto": "tope"}),
    Reforma(tabla="semanas_minimas", desde="2027-01-01", valor=1250),
    Reforma(tabla="sobrevivientes", desde="2030-01-01", valor=0.5, donde={"ley": "ley73", "concepto": "viudez"}),
    Reforma(tabla="fondo_bienestar_umbral", desde="2030-01-01", factor=2.0),
    Reforma(tabla="ley73_asignaciones", desde="2031-01-01", valor=0.2, donde={"concepto": "esposa"}),
    Reforma(tabla="tasa_patronal_ceav", desde="2027-01-01", factor=1.2),
    Reforma(tabla="mortalidad_emssa09", desde="2040-01-01", factor=0.9, donde={"sexo": "M"}),
]

REGLAS = {
    "lss2020": lambda: pensiones.rules.load(),
    "lss1997": lambda: pensiones.rules.load("lss1997"),
    "supuestos": lambda: pensiones.rules.load(supuestos=Supuestos(
        inflacion=0.07, crecimiento_real_salario_minimo=0.02, crecimiento_real_pbam=0.01, comision_anual=0.005)),
    "overlays": lambda: pensiones.rules.load().with_reforms(OVERLAYS),
}


def _same(a, b) -> bool:
    if isinstance(b, bool) or not isinstance(b, (int, float)):
        return type(a) is type(b) and (a is b or a == b)
    return np.float64(a).tobytes() == np.float64(b).tobytes() or (np.isnan(a) and np.isnan(b))


def _one_by_one(rs, name, dates, column, key):
    out = []
    for d in dates:
        try:
            out.append(rs.value(name, d, column, **key))
        except Exception as exc:  # noqa: BLE001 -- the error is part of the answer
            out.append(exc)
    return out


def _keys(table) -> list[dict]:
    return [dict(zip(table.meta.axes, combo)) for combo in itertools.product(*table.meta.axes.values())] or [{}]


@pytest.mark.parametrize("which", sorted(REGLAS))
def test_values_equal_value_on_every_table_column_key_and_date(which):
    rs = REGLAS[which]()
    for name in rs.names:
        table = rs.rule_table(name)
        for key in _keys(table):
            for column in (c for c in table.frame.columns if c not in ("csv_line", "effective_from")):
                expected = _one_by_one(rs, name, FECHAS, column, key)
                failures = [e for e in expected if isinstance(e, Exception)]
                if failures:
                    with pytest.raises(type(failures[0])) as got:
                        rs.values(name, FECHAS, column, **key)
                    assert str(got.value) == str(failures[0]), (name, key, column)
                fine = [(d, e) for d, e in zip(FECHAS, expected) if not isinstance(e, Exception)]
                if not fine:
                    continue
                got = rs.values(name, [d for d, _ in fine], column, **key)
                assert len(got) == len(fine)
                for (d, e), g in zip(fine, got):
                    g = g.item() if hasattr(g, "item") else g
                    assert _same(g, float(e) if got.dtype == float else e), (which, name, key, column, d, g, e)


def test_values_read_the_tables_a_lookup_reads():
    for make in REGLAS.values():
        for name, key in (("uma", {}), ("pbam", {}), ("salario_minimo", {"zona": "general"}), ("inpc", {}),
                          ("fondo_bienestar_umbral", {}), ("comision_afore", {"concepto": "tope"})):
            one, many = make(), make()
            with one.record_lookups() as a:
                answers = _one_by_one(one, name, FECHAS, "value", key)
            dates = [d for d, e in zip(FECHAS, answers) if not isinstance(e, Exception)]
            with one.record_lookups() as a:
                _one_by_one(one, name, dates, "value", key)
            with many.record_lookups() as b:
                many.values(name, dates, **key)
            assert a == b, name


def test_unknown_table_column_and_axis_fail_as_the_lookup_does():
    rs = pensiones.rules.load()
    for args, kwargs in ((("umaa", FECHAS), {}), (("uma", FECHAS, "valor"), {}),
                         (("salario_minimo", FECHAS), {"zona": "norte"}), (("salario_minimo", FECHAS), {}),
                         (("uma", [dt.date(2010, 2, 1)]), {}), (("uma", ["2026-13-01"]), {})):
        with pytest.raises(Exception) as one:
            for d in args[1]:
                rs.value(args[0], d, *args[2:], **kwargs)
        with pytest.raises(type(one.value)) as many:
            rs.values(*args, **kwargs)
        assert str(many.value) == str(one.value)
    assert rs.values("uma", []).shape == (0,)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.dates(min_value=dt.date(1997, 7, 1), max_value=dt.date(2100, 12, 31)), min_size=1, max_size=30),
       st.sampled_from([("uma", {}), ("salario_minimo", {"zona": "general"}), ("pbam", {}), ("inpc", {}),
                        ("pension_mujeres_bienestar", {}), ("fondo_bienestar_umbral", {}), ("tope_sbc", {})]),
       st.floats(min_value=-0.02, max_value=0.15))
def test_values_on_random_dates_in_any_order(dates, table_key, inflacion):
    name, key = table_key
    rs = pensiones.rules.load(supuestos=Supuestos(inflacion=inflacion))
    expected = _one_by_one(rs, name, dates, "value", key)
    if any(isinstance(e, Exception) for e in expected):
        with pytest.raises(Exception):  # noqa: B017 -- the lookup's error, checked above for its text
            rs.values(name, dates, **key)
        return
    got = pensiones.rules.load(supuestos=Supuestos(inflacion=inflacion)).values(name, dates, **key)
    assert all(_same(g.item(), float(e)) for g, e in zip(got, expected))


@pytest.mark.parametrize("which", sorted(REGLAS))
def test_rows_by_date_equal_rows_on_every_snapshot_table(which):
    rs = REGLAS[which]()
    for name in rs.names:
        table = rs.rule_table(name)
        if table.meta.layout != "snapshot" or name == "poblacion_conapo":
            continue
        keys = [{}] + [{a: v} for a, values in table.meta.axes.items() for v in values]
        for key in keys:
            try:
                expected = [rs.rows(name, d, **key) for d in FECHAS[FECHAS.index(dt.date(2010, 2, 1)):]]
            except pensiones.rules.RuleLookupError:
                continue
            frames, which_frame = rs.rows_by_date(name, FECHAS[FECHAS.index(dt.date(2010, 2, 1)):], **key)
            for e, k in zip(expected, which_frame):
                pd.testing.assert_frame_equal(frames[k], e)


def test_array_twins_equal_the_calculators():
    from pensiones import garantizada, ley73, ley97, pbam
    from pensiones.garantizada import tabla as pg
    from pensiones.ley97.cuenta import comision_en_vigor, comisiones_en_vigor
    from pensiones.ley97.fondo_bienestar import umbral_fondo_bienestar, umbrales_fondo_bienestar
    from pensiones.pbam import montos
    from pensiones.rules.projection import sbc_promedio_imss, sbc_promedio_imss_anios

    crit = Criterios(umbral_fondo_bienestar="salario_promedio", indexacion_pension_garantizada="salario_minimo")
    for rs in (pensiones.rules.load(), pensiones.rules.load(criterios=crit), REGLAS["overlays"]()):
        years = list(range(2024, 2101))
        fechas = [pensiones.rules.lookup_date(y) for y in years]
        pairs = [
            (comisiones_en_vigor(rs, range(1997, 2101)), [comision_en_vigor(rs, y) for y in range(1997, 2101)]),
            (umbrales_fondo_bienestar(years, reglas=rs, crecimiento_real_salarial=0.02),
             [umbral_fondo_bienestar(y, reglas=rs, crecimiento_real_salarial=0.02) for y in years]),
            (sbc_promedio_imss_anios(rs, range(1998, 2101), 0.015),
             [sbc_promedio_imss(rs, y, 0.015) for y in range(1998, 2101)]),
            (montos.montos_anuales(years, reglas=rs), [pbam.monto_anual(y, reglas=rs) for y in years]),
            (montos.edades_minimas(years, bimestre=4, reglas=rs), [pbam.edad_minima(y, bimestre=4, reglas=rs)
                                                                  for y in years]),
            (ley73.minima.pensiones_minimas_mensuales(fechas, reglas=rs),
             [ley73.pension_minima_mensual(f, reglas=rs) for f in fechas]),
            (pg.montos_1997(rs, fechas), [pg.monto_1997(rs, f) for f in fechas]),
            (rs.unidades_de_cuenta(range(1997, 2101)), [rs.unidad_de_cuenta(y) for y in range(1997, 2101)]),
            (rs.topes_sbc_diarios(range(1997, 2101)), [rs.tope_sbc_diario(y) for y in range(1997, 2101)]),
        ]
        for regla in (pg.PENSION_GARANTIZADA_1997, pg.PENSION_GARANTIZADA_2020):
            pairs.append((regla.factores_actualizacion(rs, range(1998, 2101)),
                          [regla.factor_actualizacion(rs, y) for y in range(1998, 2101)]))
        for got, expected in pairs:
            assert np.array_equal(got, np.array(expected, dtype=float))
        assert pg.semanas_tablas(fechas, reglas=rs) == [garantizada.semanas_tabla(f, reglas=rs) for f in fechas]
        assert ley97.semanas_minimas(2030, reglas=rs) == int(rs.values("semanas_minimas", ["2030-02-01"])[0])


def test_the_cached_tables_are_the_loaders():
    for regimen in pensiones.rules.REGIMENES:
        read = _read_tables(regimen)
        cached = pensiones.rules.ruleset._load_tables(regimen)
        again = pickle.loads(pickle.dumps(read))
        assert _are_tables(cached) and list(cached) == list(read)
        for other in (cached, again):
            for name, table in read.items():
                assert other[name].meta == table.meta
                pd.testing.assert_frame_equal(other[name].frame, table.frame)
    assert not _are_tables({"uma": object()}) and not _are_tables([])
