"""The array resolver gives the row-by-row resolver's arrays, bit for bit, and reads the same tables.

``_resolver_referencia.resolver_referencia`` is the resolver as it was before the resolution became
array work (each quantity looked up year by year through the calculators).  Every field of
:class:`~pensiones.engine.resolve.Tablas` must have the same dtype, shape and values (NaN where NaN),
and ``RuleSet.record_lookups`` must record the same tables up to the same dates (so
``check_reforms`` judges an overlay alike), for every built-in scenario, the start years a
simulation takes with the ends 2030, 2070 and 2100, the synthetic careers' past from 1997 (published
wages), reform overlays on every table the engine reads, and the assumptions, criteria and processes
that change what is read.  The arrays are compared as :func:`pensiones.engine.resolve_arrays.tablas`
computes them (no cache) and as :func:`pensiones.engine.resolve.resolver` returns them (cached).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import Procesos, Scenario
from pensiones.engine.resolve import Tablas, resolver
from pensiones.engine.resolve_arrays import tablas
from pensiones.scenarios import builtin_scenarios
from tests.engine._resolver_referencia import resolver_referencia

ESCENARIOS = sorted(builtin_scenarios())

#: One overlay per table the engine reads, dated 2035 (as tests/engine/test_parity.py's), with the
#: scenario changes it needs to be read.
OVERLAYS = {
    "uma": ({"factor": 1.3}, {}),
    "salario_minimo": ({"factor": 1.4, "donde": {"zona": "general"}}, {}),
    "tope_sbc": ({"valor": 5.0}, {}),
    "inpc": ({"factor": 1.1}, {}),
    "comision_afore": ({"valor": 0.02, "donde": {"concepto": "tope"}}, {}),
    "tasa_retiro": ({"valor": 0.04}, {}),
    "tasa_trabajador_ceav": ({"valor": 0.03}, {}),
    "aportacion_estatal_ceav": ({"valor": 0.10}, {}),
    "semanas_minimas": ({"valor": 1250}, {}),
    "tasa_patronal_ceav": ({"factor": 1.2}, {}),
    "cuota_social": ({"factor": 2.0}, {}),
    "pension_garantizada": ({"factor": 1.5}, {}),
    "pension_garantizada_columnas": ({"factor": 1.2}, {}),
    "pension_garantizada_1997": ({"factor": 2.0}, {"regimen": "lss1997"}),
    "ley73_art167": ({"factor": 1.2, "columna": "cuantia_basica"}, {}),
    "ley73_cesantia": ({"factor": 0.8}, {}),
    "ley73_requisitos": ({"valor": 1500, "donde": {"concepto": "semanas_minimas"}}, {}),
    "ley73_asignaciones": ({"valor": 0.5, "donde": {"concepto": "esposa"}}, {}),
    "ley73_incremento_decreto": ({"valor": 0.5}, {}),
    "ley73_pension_minima": ({"factor": 2.0}, {}),
    "fondo_bienestar_umbral": ({"factor": 2.0}, {}),
    "pbam": ({"factor": 2.0}, {}),
    "pension_mujeres_bienestar": ({"factor": 2.0}, {}),
    "mortalidad_emssa09": ({"factor": 0.3}, {}),
    "mortalidad_emssa97": ({"factor": 0.3}, {"procesos": {"tabla_mortalidad": "emssa97"}}),
    "ley97_edades": ({"valor": 63, "donde": {"concepto": "cesantia"}}, {}),
    "sbc_promedio_imss": ({"factor": 2.0}, {}),
    "sobrevivientes": ({"valor": 0.5, "donde": {"ley": "ley73", "concepto": "viudez"}}, {}),
    "tasa_tecnica": ({"valor": 0.06}, {}),
    "aportacion_vivienda": ({"valor": 0.08}, {}),
    "fondo_bienestar_edad": ({"valor": 60}, {}),
    "fondo_bienestar_tope_complemento": ({"valor": 0.1}, {}),
    # read only with voluntary saving (the match multiplies it)
    "pareo_ahorro_voluntario": (
        {"valor": 1.0, "columna": "tasa"},
        {"procesos": {"proporcion_ahorro_voluntario": 0.5, "tasa_ahorro_voluntario": 0.02}},
    ),
}


def assert_same_tablas(new: Tablas, ref: Tablas) -> None:
    """Field by field: same dtype, shape and values (NaN where NaN); C-contiguous and writable, as the
    kernel's compiled signature takes them."""
    assert new._fields == ref._fields
    for name in ref._fields:
        a, b = getattr(new, name), getattr(ref, name)
        if name == "start":
            assert type(a) is type(b) and a == b
            continue
        assert isinstance(a, np.ndarray), name
        assert a.dtype == b.dtype and a.shape == b.shape, (name, a.dtype, b.dtype, a.shape, b.shape)
        assert np.array_equal(a, b, equal_nan=True), (name, np.argwhere(~((a == b) | (np.isnan(a) & np.isnan(b))))[:5])
        assert a.flags.c_contiguous and a.flags.writeable, name


def compare(rules, start: int, end: int, procesos, *, salarios_observados: bool = False) -> None:
    """The array resolver, uncached and cached, against the reference on fresh copies of ``rules``
    (no lookup cached by an earlier call), with the tables each reads."""
    ref_rules, new_rules, cached_rules = rules.evolve(), rules.evolve(), rules.evolve()
    with ref_rules.record_lookups() as read_ref:
        ref = resolver_referencia(ref_rules, start, end, procesos, salarios_observados=salarios_observados)
    with new_rules.record_lookups() as read_new:
        new = Tablas(**tablas(new_rules, start, end, procesos, salarios_observados=salarios_observados))
    assert_same_tablas(new, ref)
    assert read_new == read_ref
    for _ in range(2):  # computed or from the cache, then surely from the cache
        with cached_rules.record_lookups() as read_cached:
            got = resolver(cached_rules, start, end, procesos, salarios_observados=salarios_observados)
        assert_same_tablas(got, ref)
        assert read_cached == read_ref


def _overlay(tabla: str) -> Scenario:
    overlay, changes = OVERLAYS[tabla]
    sc = Scenario.load("sin_reforma") if "regimen" in changes else Scenario.default()
    if "procesos" in changes:
        sc = sc.with_reform({"procesos": changes["procesos"]}, name=sc.name)
    # the sbc_promedio_imss table is read at December 2025 only: the overlay starts there
    desde = "2025-12-01" if tabla == "sbc_promedio_imss" else "2035-01-01"
    return sc.with_reform({"tabla": tabla, "desde": desde, **overlay})


# -- the fast tier ------------------------------------------------------------------------------
def test_law_in_force_2025_2070():
    compare(pensiones.rules.load(), 2025, 2070, Procesos())


def test_synthetic_careers_past_from_1997_with_published_wages():
    # pensiones.engine.synthetic.historias_desde_1997: the law in force, 1997 to the year before the start
    for year in (2021, 2025):
        compare(pensiones.rules.load(), 1997, year - 1, Procesos(), salarios_observados=True)


@pytest.mark.parametrize("name", ESCENARIOS)
def test_builtin_scenario_1997_to_2100(name):
    sc = Scenario.load(name)
    compare(sc.rules(), 1997, 2100, sc.procesos)


@pytest.mark.parametrize("tabla", sorted(OVERLAYS))
def test_an_overlay_on_each_table_the_engine_reads(tabla):
    sc = _overlay(tabla)
    compare(sc.rules(), 2025, 2045, sc.procesos)


def test_overlays_in_the_past_trajectories_and_several_on_one_table():
    sc = Scenario.default().with_reform({"reformas": [
        {"tabla": "inpc", "desde": "2003-01-01", "factor": 1.05},
        {"tabla": "salario_minimo", "desde": "2010-01-01", "trayectoria": {2010: 80.0, 2012: 90.0},
         "donde": {"zona": "general"}},
        {"tabla": "tasa_patronal_ceav", "desde": "2024-01-01", "trayectoria": {2024: 0.06, 2030: 0.07},
         "donde": {"banda": "4.01 UMA en adelante"}},
        {"tabla": "cuota_social", "desde": "2001-01-01", "factor": 1.5},
        {"tabla": "cuota_social", "desde": "2028-01-01", "factor": 0.5},
        {"tabla": "mortalidad_emssa09", "desde": "2030-01-01", "trayectoria": {2030: 0.01, 2040: 0.02},
         "donde": {"sexo": "M", "edad": 90}},
        {"tabla": "pbam", "desde": "2027-01-01", "trayectoria": {2027: 7000.0, 2033: 9000.0}},
        {"tabla": "semanas_minimas", "desde": "2027-01-01", "trayectoria": {2027: 900, 2029: 1100}},
    ]})
    compare(sc.rules(), 1997, 2060, sc.procesos)
    compare(sc.rules(), 1997, 2024, sc.procesos, salarios_observados=True)


def test_assumptions_criteria_and_processes_that_change_the_reads():
    supuestos = pensiones.Supuestos(inflacion=0.07, crecimiento_real_salario_minimo=0.02, crecimiento_real_pbam=0.01,
                                    comision_anual=0.005, comision_previa=0.02)
    criterios = pensiones.Criterios(umbral_fondo_bienestar="salario_promedio", base_inpc_cuota_social="2022-06",
                                    base_inpc_pension_garantizada="2020-12",
                                    base_inpc_pension_garantizada_1997="1998-06")
    rules = pensiones.rules.load(supuestos=supuestos, criterios=criterios)
    procesos = Procesos(tasa_tecnica=0.045, asignacion_ley73=0.2, crecimiento_real_salarial=0.03)
    compare(rules, 1997, 2100, procesos)
    overlay = rules.with_reforms([pensiones.scenarios.Reforma(tabla="fondo_bienestar_umbral", desde="2031-01-01",
                                                              factor=0.5)])
    compare(overlay, 2024, 2060, Procesos(crecimiento_real_salarial=-0.02))
    compare(pensiones.rules.load(), 2025, 2040, Procesos(tabla_mortalidad="emssa97", mejora_mortalidad=0.01))
    sm = pensiones.Criterios(indexacion_pension_garantizada="salario_minimo")
    compare(pensiones.rules.load("lss1997", criterios=sm), 2021, 2050, Procesos())
    # the RCV rules in minimum wages (issue #24): from the whole timeline, from a date mid-year, and
    # together with the guaranteed pension indexed by the minimum wage and a rising real minimum wage
    for desde in ("2016-01", "2029-07"):
        rcv = pensiones.Criterios(unidad_de_cuenta_rcv="salario_minimo", unidad_de_cuenta_rcv_desde=desde)
        compare(pensiones.rules.load(criterios=rcv), 1997, 2060, Procesos())
    rcv = pensiones.Criterios(unidad_de_cuenta_rcv="salario_minimo", unidad_de_cuenta_rcv_desde="2027-03",
                              indexacion_pension_garantizada="salario_minimo")
    alza = pensiones.Supuestos(crecimiento_real_salario_minimo=0.03)
    compare(pensiones.rules.load(supuestos=alza, criterios=rcv), 2025, 2060, Procesos())
    compare(pensiones.rules.load("lss1997", criterios=rcv), 2021, 2050, Procesos())


def test_errors_stay_the_lookups():
    rs = pensiones.rules.load()
    for start, end in ((1996, 2030), (2025, 2101)):
        with pytest.raises(ValueError) as ref:
            resolver_referencia(rs.evolve(), start, end, Procesos())
        with pytest.raises(ValueError) as new:
            resolver(rs.evolve(), start, end, Procesos())
        assert str(new.value) == str(ref.value)
    with pytest.raises(ValueError, match="limites_banda='continuo'"):
        resolver(pensiones.rules.load(criterios=pensiones.Criterios(limites_banda="redondeo_centesimas")), 2025, 2030,
                 Procesos())
    with pytest.raises(ValueError, match="end must be at least start"):
        resolver(rs, 2030, 2025, Procesos())


@settings(max_examples=12, deadline=None)
@given(name=st.sampled_from(ESCENARIOS), start=st.integers(1997, 2100), length=st.integers(0, 103),
       observados=st.booleans())
def test_random_year_ranges(name, start, length, observados):
    sc = Scenario.load(name)
    compare(sc.rules(), start, min(start + length, 2100), sc.procesos, salarios_observados=observados)


# -- every start and end a simulation takes ------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", ESCENARIOS)
def test_every_start_and_end_of_a_simulation(name):
    sc = Scenario.load(name)
    for start in range(2021, 2026):
        for end in (2030, 2070, 2100):
            compare(sc.rules(), start, end, sc.procesos)
