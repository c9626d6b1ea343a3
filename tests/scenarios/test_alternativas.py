"""The structural alternatives for the cohorts first insured from a date (issue #24 item 4).

``beneficio_definido_publico``, ``cuentas_nocionales`` and ``pension_basica_universal`` (``Procesos.alternativa``):
each runs from ``simulate``, the command line and ``sweep``; each changes what it should from 2027 and nothing
before; the people insured before the date are simulated exactly as in the baseline (a population of them
alone gives a bit-identical ledger, and in a mixed population their outcomes are bit-identical); the
kernel's twin equals Numba with each alternative on; bad parameters name the field.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from pensiones import Population, Scenario, simulate
from pensiones.cli import main
from pensiones.engine import componentes as C

START, END = 2025, 2070
DESDE = 2027
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    POP = Population.synthetic(1500, seed=24)
RUN = dict(paths=2, seed=24, start=START, end=END, outcomes=True)

#: Scenario -> {component: the sign of its change from 2027 over the baseline}.
ALTERNATIVAS = {
    "beneficio_definido_publico": {
        "aportaciones_obrero_patronales": -1, "cuota_social": -1, "aportaciones_alternativa": +1,
        "pensiones_alternativa": +1, "deuda_implicita_alternativa": +1, "pensionados_alternativa": +1,
    },
    "cuentas_nocionales": {
        "aportaciones_obrero_patronales": -1, "cuota_social": -1, "aportaciones_alternativa": +1,
        "pensiones_alternativa": +1, "deuda_implicita_alternativa": +1, "pensionados_alternativa": +1,
    },
    "pension_basica_universal": {
        "pension_basica_universal": +1, "beneficiarios_pension_basica": +1, "pbam_afiliados": -1,
        "pbam_sustituida": +1,
    },
}
#: The components of the alternatives, zero without one.
NUEVOS = ("pension_basica_universal", "aportaciones_alternativa", "pensiones_alternativa",
          "deuda_implicita_alternativa", "pensionados_alternativa", "nuevas_pensiones_alternativa",
          "beneficiarios_pension_basica", "pbam_sustituida")


@pytest.fixture(scope="module")
def base():
    return simulate(POP, **RUN)


@pytest.fixture(scope="module")
def corridas():
    return {name: simulate(POP, Scenario.load(name), **RUN) for name in ALTERNATIVAS}


@pytest.mark.parametrize("name", sorted(ALTERNATIVAS))
def test_each_alternative_changes_what_it_should_from_its_date_and_nothing_before(name, base, corridas):
    r = corridas[name]
    k = DESDE - START
    assert np.array_equal(base.ledger_array[:, :k], r.ledger_array[:, :k]), f"{name} changed the ledger before {DESDE}"
    for componente, signo in ALTERNATIVAS[name].items():
        antes, despues = base.component(componente)[:, k:].sum(), r.component(componente)[:, k:].sum()
        assert np.sign(despues - antes) == signo, (name, componente, antes, despues)
    basica = ("pension_basica_universal", "beneficiarios_pension_basica", "pbam_sustituida")
    ajenos = [n for n in NUEVOS if (n in basica) != (name == "pension_basica_universal")]
    assert not r.ledger_array[:, :, [C.INDICE[n] for n in ajenos]].any()


def test_without_an_alternative_its_components_are_zero(base):
    assert not base.ledger_array[:, :, [C.INDICE[n] for n in NUEVOS]].any()


@pytest.mark.parametrize("name", sorted(ALTERNATIVAS))
def test_the_people_insured_before_the_date_are_simulated_exactly_as_in_the_baseline(name, base, corridas):
    """In the mixed population every record insured before 2027 has the baseline's outcomes bit for bit; in a
    population of them alone the whole ledger is the baseline's bit for bit."""
    antes = POP.to_frame()["anio_afiliacion"].to_numpy() < DESDE
    assert antes.any() and not antes.all()
    a, b = base.outcomes_array[:, antes], corridas[name].outcomes_array[:, antes]
    np.testing.assert_array_equal(a, b)
    despues = ~antes
    assert not np.array_equal(base.outcomes_array[:, despues], corridas[name].outcomes_array[:, despues]) or (
        name == "pension_basica_universal")
    sub = Population.from_frame(POP.to_frame()[antes].reset_index(drop=True),
                                anio_fin_entrantes=POP.anio_fin_entrantes)
    corta = dict(paths=2, seed=24, start=START, end=2060)
    assert np.array_equal(simulate(sub, **corta).ledger_array, simulate(sub, Scenario.load(name), **corta).ledger_array)


@pytest.mark.parametrize("name", sorted(ALTERNATIVAS))
def test_twin_equals_numba_with_the_alternative_on(name):
    # from 1998: most records in scope, some with opening balances and pensions by 2060
    sc = Scenario.load(name).with_reform({"procesos": {"alternativa_desde": 1998, "alternativa_edad": 60,
                                                       "alternativa_edad_pension_basica": 60,
                                                       "alternativa_indexacion": "salarios"}})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        small = Population.synthetic(150, seed=9)
    a = simulate(small, sc, paths=2, seed=3, end=2060, outcomes=True)
    b = simulate(small, sc, paths=2, seed=3, end=2060, outcomes=True, backend="python")
    assert np.array_equal(a.ledger_array, b.ledger_array)
    np.testing.assert_array_equal(a.outcomes_array, b.outcomes_array)
    assert a.ledger_array[:, :, [C.INDICE[n] for n in NUEVOS]].any()


@pytest.mark.parametrize("cambios, mensaje", [
    ({"procesos": {"alternativa": "bd"}}, "alternativa must be one of"),
    ({"procesos": {"alternativa_tasa_cotizacion": 0.9}}, "alternativa_tasa_cotizacion must be in [0, 0.5], got 0.9"),
    ({"procesos": {"alternativa_indexacion": "uma"}}, "alternativa_indexacion must be one of"),
    ({"procesos": {"alternativa_edad": 40}}, "alternativa_edad must be in [55, 75], got 40"),
])
def test_bad_parameters_name_the_field(cambios, mensaje):
    with pytest.raises(ValueError) as info:
        Scenario.default().with_reform(cambios)
    assert mensaje in str(info.value), str(info.value)


@pytest.mark.parametrize("name", sorted(ALTERNATIVAS))
def test_each_alternative_runs_from_the_command_line(name, tmp_path, capsys):
    out = tmp_path / "res"
    argv = ["run", name, "--persons", "800", "--paths", "2", "--seed", "4", "--end", "2060", "--no-outcomes",
            "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    assert {"costo_fiscal.csv", "comparacion.csv", "resumen.txt"} <= {p.name for p in out.iterdir()}


@pytest.mark.slow
def test_the_alternatives_run_in_a_sweep(tmp_path, capsys):
    out = tmp_path / "sweep"
    argv = ["sweep", *sorted(ALTERNATIVAS), "--persons", "300", "--paths", "1", "--seed", "4", "--end", "2040",
            "--workers", "1", "--no-outcomes", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    tabla = pd.read_csv(out / "comparacion.csv")
    tabla = tabla[tabla.stat == "mean"]
    assert set(tabla.scenario) >= set(ALTERNATIVAS) - {sorted(ALTERNATIVAS)[0]}
    assert not tabla[tabla.year < DESDE].value.any()
