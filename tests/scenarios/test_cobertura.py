"""Wider coverage: groups brought into the régimen obligatorio on a date (issue #24 item 3).

``trabajadoras_hogar_obligatoria``, ``plataformas_digitales`` and ``independientes_subsidiados``
(``Procesos.cobertura``, :mod:`pensiones.engine.cobertura`): each runs from ``simulate``, the command line and
``sweep``; each changes what it should from its date and nothing before; the population's own records are
simulated exactly as in the baseline (the ledger's difference is the groups' records run alone); only a
subsidised scenario has the federal ``subsidio_cobertura``; the twin equals Numba; bad input names the field.
"""

from __future__ import annotations

import math
import tomllib
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pensiones import Population, Scenario, simulate
from pensiones.cli import main
from pensiones.engine import cobertura as cb
from pensiones.engine.cobertura_registros import poblacion_cobertura
from pensiones.engine import componentes as C
from pensiones.engine.procesos import (
    DENSIDAD_OBJETIVO, Procesos, cadena_grupo, densidad_estacionaria, densidad_grupo,
)

START, END = 2025, 2060
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    POP = Population.synthetic(1500, seed=31, anio_fin=END)
RUN = dict(paths=2, seed=31, start=START, end=END, outcomes=True)

#: Scenario -> (its group, the first year it changes, whether it subsidises).
ESCENARIOS = {
    "trabajadoras_hogar_obligatoria": ("trabajadoras_hogar", 2027, False),
    "plataformas_digitales": ("plataformas_digitales", 2025, False),
    "independientes_subsidiados": ("independientes", 2027, True),
}
#: Components the groups' contributions raise from their date.
SUBEN = ("cotizantes", "cotizantes_cobertura", "aportaciones_obrero_patronales", "cuota_social", "masa_salarial",
         "activos", "poblacion_viva")


@pytest.fixture(scope="module")
def base():
    return simulate(POP, **RUN)


@pytest.fixture(scope="module")
def corridas():
    return {name: simulate(POP, Scenario.load(name), **RUN) for name in ESCENARIOS}


@pytest.mark.parametrize("name", sorted(ESCENARIOS))
def test_each_scenario_changes_what_it_should_from_its_date_and_nothing_before(name, base, corridas):
    grupo, desde, subsidia = ESCENARIOS[name]
    r = corridas[name]
    k = desde - START
    assert np.array_equal(base.ledger_array[:, :k], r.ledger_array[:, :k]), f"{name} changed the ledger before {desde}"
    for componente in SUBEN:
        antes, despues = base.component(componente)[:, k:], r.component(componente)[:, k:]
        assert (despues >= antes).all() and despues.sum() > antes.sum(), (name, componente)
    subsidio = r.component("subsidio_cobertura")
    assert (subsidio[:, k:].sum() > 0) == subsidia
    assert not subsidio[:, :k].any()
    # the groups' contributors are the difference in contributors, year by year
    cot, grupos = C.INDICE["cotizantes"], C.INDICE["cotizantes_cobertura"]
    diferencia = r.ledger_array[:, :, cot] - base.ledger_array[:, :, cot]
    np.testing.assert_array_equal(diferencia, r.ledger_array[:, :, grupos])
    assert r.provenance["cobertura"][0].startswith(f"{grupo} from ")


@pytest.mark.parametrize("name", sorted(ESCENARIOS))
def test_the_populations_records_are_simulated_exactly_as_in_the_baseline(name, base, corridas):
    """The groups' records come after the population's: the population's outcomes are the baseline's bit for bit,
    and the ledger's difference is exactly the groups' records run alone."""
    r = corridas[name]
    n = len(POP)
    np.testing.assert_array_equal(base.outcomes_array, r.outcomes_array[:, :n])
    assert r.provenance["personas"] == n
    assert r.outcomes_array.shape[1] == n + r.provenance["personas_cobertura"] > n
    from pensiones.simulation import Grupos, PreparedScenario, Run

    sc = Scenario.load(name)
    run = Run.create(POP, [sc], paths=2, seed=31, start=START, end=END, outcomes=True)
    grupos = Grupos.de(sc, float(POP.peso.sum()), n, seed=31, start=START, end=END)
    prep = PreparedScenario.preparar(sc, paths=2, seed=31, start=START, end=END)
    solo, _ = grupos.correr(n, prep, run)
    np.testing.assert_array_equal(r.ledger_array - base.ledger_array, solo)


def test_without_coverage_its_components_are_zero(base):
    assert not base.ledger_array[:, :, [C.INDICE["subsidio_cobertura"], C.INDICE["cotizantes_cobertura"]]].any()
    assert "cobertura" not in base.provenance


def test_the_subsidy_is_a_federal_fiscal_component(base, corridas):
    assert C.PAGADOR["subsidio_cobertura"] == "gobierno_federal"
    r = corridas["independientes_subsidiados"]
    costo = r.fiscal_cost()
    assert costo[costo.component == "subsidio_cobertura"].value.sum() > 0
    # half of the worker-employer RCV contributions of the group's members (to a hundredth per record-year)
    grupo = r.component("aportaciones_obrero_patronales") - base.component("aportaciones_obrero_patronales")
    assert grupo.sum() > 0
    assert np.abs(r.component("subsidio_cobertura") - 0.5 * grupo).max() <= 0.01 * len(r.outcomes_array[0])


def test_the_twin_equals_numba_with_coverage_on():
    sc = Scenario.load("independientes_subsidiados").with_reform(
        {"procesos": {"cobertura": {"independientes": {"desde": 2026, "incorporacion": 0.5, "subsidio": 0.5},
                                    "trabajadoras_hogar": {"desde": 2027.5}}}})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        small = Population.synthetic(60, seed=9, anio_fin=2045)
    a = simulate(small, sc, paths=2, seed=3, end=2045, outcomes=True)
    b = simulate(small, sc, paths=2, seed=3, end=2045, outcomes=True, backend="python")
    assert np.array_equal(a.ledger_array, b.ledger_array)
    np.testing.assert_array_equal(a.outcomes_array, b.outcomes_array)
    assert a.component("subsidio_cobertura").any()


def test_the_same_seed_gives_the_same_groups_and_another_seed_other_ones():
    c = Procesos(cobertura={"trabajadoras_hogar": {"desde": 2027}}).cobertura
    kw = dict(personas_por_registro=20_000.0, start=2025, end=2040, procesos=Procesos())
    a, ga = poblacion_cobertura(c, seed=1, **kw)
    b, gb = poblacion_cobertura(c, seed=1, **kw)
    d, _ = poblacion_cobertura(c, seed=2, **kw)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    np.testing.assert_array_equal(ga, gb)
    assert not np.array_equal(a.sbc_diario, d.sbc_diario)


def test_the_groups_records_stand_for_their_sourced_size():
    """The stock at the date is the members outside the regime times incorporacion; each later year adds that
    divided by the 47 working ages; women and wages as the group's figures say."""
    g = cb.grupos()["trabajadoras_hogar"]
    assert g.fuera == 2_295_874 - 60_073
    c = Procesos(cobertura={"trabajadoras_hogar": {"desde": 2027, "incorporacion": 0.5}}).cobertura
    pop, grupo = poblacion_cobertura(c, personas_por_registro=2_000.0, seed=4, start=2025, end=2030,
                                        procesos=Procesos())
    assert (grupo == 1).all()
    entrada = np.floor(pop.anio_afiliacion)
    assert math.isclose(pop.peso[entrada == 2027].sum(), 0.5 * g.fuera, rel_tol=1e-12)
    for t in range(2028, 2031):
        assert math.isclose(pop.peso[entrada == t].sum(), 0.5 * g.fuera / 47, rel_tol=1e-12)
    mujeres = pop.peso[pop.sexo == 1].sum() / pop.peso.sum()
    assert abs(mujeres - 0.902) < 0.03
    edades = 2027 - pop.anio_nacimiento[entrada == 2027]
    assert edades.min() >= 18 and edades.max() <= 64


def test_every_group_cites_its_sources():
    for nombre, g in cb.grupos().items():
        assert g.personas > g.afiliados >= 0 and g.ingreso_mensual > 0, nombre
        for texto in (g.fundamento, g.fuente_personas, g.fuente_afiliados, g.fuente_ingreso):
            assert len(texto) > 40, (nombre, texto)
        assert (g.proporcion_mujeres is None) == (g.fuente_mujeres == ""), nombre
        assert (g.densidad is None) == (g.fuente_densidad == ""), nombre


@given(st.floats(min_value=0.01, max_value=0.99))
def test_the_groups_chain_has_the_density_it_is_given(d):
    p01, p11 = cadena_grupo(d)
    assert 0.0 <= p01 <= p11 <= 1.0
    assert math.isclose(float(densidad_estacionaria(np.array(p01), np.array(p11))), d, rel_tol=1e-12)


def test_a_group_without_a_sourced_density_takes_the_general_chains():
    c = Procesos(cobertura={"independientes": {"desde": 2027}, "plataformas_digitales": {"desde": 2026}}).cobertura
    assert [densidad_grupo(x) for x in c] == [0.136, DENSIDAD_OBJETIVO]
    assert densidad_grupo(cb.Cobertura(grupo="independientes", desde=2027, densidad=0.6)) == 0.6


@pytest.mark.parametrize("cobertura, mensaje", [
    ({"domesticas": {"desde": 2027}}, "cobertura grupo must be one of 'trabajadoras_hogar', 'plataformas_digitales'"),
    ({"independientes": {"desde": 2027, "tasa": 0.1}}, "cobertura independientes: unknown key(s) tasa; allowed: desde"),
    ({"independientes": {"incorporacion": 0.5}}, "cobertura independientes needs 'desde'"),
    ({"independientes": {"desde": 2200}}, "cobertura desde must be"),
    ({"independientes": {"desde": 2027, "incorporacion": 0.0}}, "cobertura incorporacion must be above 0"),
    ({"independientes": {"desde": 2027, "subsidio": 1.5}}, "cobertura subsidio must be"),
    ({"independientes": {"desde": 2027, "densidad": 1.0}}, "cobertura densidad must be in (0, 1)"),
    ({"independientes": {"desde": float("nan")}}, "cobertura desde"),
    ({"independientes": 2027}, "cobertura independientes must be a table"),
    ([{"grupo": "independientes"}], "cobertura must be a table of groups"),
    ("independientes", "cobertura must be a table of groups"),
])
def test_bad_coverage_names_the_field(cobertura, mensaje):
    with pytest.raises(ValueError) as info:
        Scenario.default().with_reform({"procesos": {"cobertura": cobertura}})
    assert mensaje in str(info.value), str(info.value)


def test_a_group_entering_after_the_run_is_refused_before_any_work():
    with pytest.raises(ValueError, match=r"cobertura trabajadoras_hogar enters in 2027, after the last simulated year"):
        simulate(POP[:50], Scenario.load("trabajadoras_hogar_obligatoria"), paths=1, seed=1, end=2026)


def test_a_group_named_twice_is_refused():
    x = cb.Cobertura(grupo="independientes", desde=2027)
    with pytest.raises(ValueError, match="names group"):
        cb.coberturas((x, x))


@pytest.mark.parametrize("name", sorted(ESCENARIOS))
def test_the_scenario_file_reads_back_to_the_same_coverage(name):
    s = Scenario.load(name)
    texto = s.to_toml()
    again = Scenario.from_dict(tomllib.loads(texto))
    assert again.procesos.cobertura == s.procesos.cobertura and again.to_toml() == texto
    assert s.fundamento and "DOF" in s.fundamento


@pytest.mark.parametrize("name", sorted(ESCENARIOS))
def test_each_scenario_runs_from_the_command_line(name, tmp_path, capsys):
    out = tmp_path / "res"
    argv = ["run", name, "--persons", "800", "--paths", "2", "--seed", "4", "--end", "2050", "--no-outcomes",
            "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    costo = pd.read_csv(out / "costo_fiscal.csv")
    assert "subsidio_cobertura" in set(costo.component)


@pytest.mark.slow
def test_the_coverage_scenarios_run_in_a_sweep(tmp_path, capsys):
    out = tmp_path / "sweep"
    argv = ["sweep", "reforma_2020", *sorted(ESCENARIOS), "--persons", "300", "--paths", "1", "--seed", "4",
            "--end", "2040", "--workers", "1", "--no-outcomes", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    tabla = pd.read_csv(out / "comparacion.csv")
    tabla = tabla[(tabla.stat == "mean") & (tabla.scenario == "trabajadoras_hogar_obligatoria")]
    assert not tabla[tabla.year < 2027].value.any()
    assert tabla[tabla.year >= 2027].value.abs().sum() > 0


def test_a_parquet_population_gives_the_same_groups_and_ledger(tmp_path):
    """The groups' records follow the population's whatever holds it: in memory, or Parquet parts run as units."""
    from pensiones.engine.parquet import ParquetPopulation

    pop = POP[:400]
    sc = Scenario.load("trabajadoras_hogar_obligatoria")
    corta = dict(paths=2, seed=8, start=START, end=2040)
    pop.to_parquet(tmp_path / "pop", partition_size=150)
    a = simulate(pop, sc, **corta)
    b = simulate(ParquetPopulation.open(tmp_path / "pop"), sc, **corta)
    np.testing.assert_array_equal(a.ledger_array, b.ledger_array)
    assert a.provenance["cobertura"] == b.provenance["cobertura"]
    assert a.component("cotizantes_cobertura").sum() > 0
