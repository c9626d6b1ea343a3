"""Fuzz the command line: every argument list ends in a result or one clear error line, never a
traceback, a hang or a wrong sign.

Most cases fail in validation (fast, no simulation); a few tiny runs go end to end. Examples are
few and fixed per test (the ``ci`` profile's 300 would be minutes of simulation).
"""

from __future__ import annotations

import atexit
import contextlib
import io
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pensiones.cli import main
from pensiones.reporting.fiscal import FISCAL_COMPONENTS
from pensiones.scenarios import builtin_scenarios

BUILTIN = sorted(builtin_scenarios())
#: a folder that is never empty: every fuzzed ``run`` writes into it, so a run that passes every
#: other check is still refused (no simulation, nothing written anywhere)
FULL = Path(tempfile.mkdtemp(prefix="pensiones-fuzz-"))
(FULL / "keep.txt").write_text("not empty")
atexit.register(shutil.rmtree, FULL, True)

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
numbers = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(
        [
            "", "0", "1", "2", "2024", "2025", "2070", "2071", "2100", "2101", "1e3", "0x10", "\u0663", "1_000", " 5",
            "-0", "nan", "10000", "50000001",
        ]
    ),
    text,
)
scenario = st.one_of(
    st.sampled_from(
        BUILTIN + ["", ".", "..", "/", "/dev/null", "/dev/zero", "nada.toml", "reforma_2020.toml", "no_such"]
    ),
    text,
)
OPTIONS = {
    "--paths": numbers,
    "--persons": numbers,
    "--seed": numbers,
    "--start": numbers,
    "--end": numbers,
    "--threads": numbers,
    "--baseline": scenario,
}
option = st.one_of(
    st.sampled_from(sorted(OPTIONS)).flatmap(lambda o: OPTIONS[o].map(lambda v: [o, v])),
    st.sampled_from([["--frob"], ["-x"], ["--paths"], ["--"], ["--regimen", "lss2020"]]),
)
run_args = st.tuples(scenario, st.lists(option, max_size=5)).map(lambda t: ["run", t[0], *[x for o in t[1] for x in o]])
rules_args = st.lists(
    st.one_of(
        numbers,
        st.sampled_from(["uma", "semanas_minimas", "pension_garantizada", "tasa_patronal_ceav", "pbam", "umas"]),
        st.sampled_from(["--year", "--regimen"]).flatmap(
            lambda o: st.one_of(numbers, st.sampled_from(["lss2020", "lss1997"])).map(lambda v: [o, v])
        ),
    ),
    max_size=3,
).map(lambda items: ["rules", *[x for i in items for x in (i if isinstance(i, list) else [i])]])
other_args = st.one_of(
    st.lists(
        st.one_of(text, st.sampled_from(["--version", "--help", "-h", "scenarios", "rules", "runs", "--frob"])),
        max_size=3,
    ),
    st.tuples(st.just("scenarios"), scenario).map(list),
)


def _call(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _clean(argv, code, out, err) -> None:
    assert isinstance(code, int), (argv, code)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    if code != 0:
        assert code == 2, (argv, code, err)
        assert err.count("\n") == 1 and err.startswith("pensiones"), (argv, err)
        assert "error:" in err, (argv, err)


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(run_args)
def test_fuzzed_run_arguments_fail_cleanly_in_validation(argv):
    argv = argv + ["--out", str(FULL)]
    code, out, err = _call(argv)
    _clean(argv, code, out, err)
    if "--help" not in argv and "-h" not in argv:
        assert code == 2, (argv, out, err)  # never gets past validation: FULL is not empty
    assert sorted(p.name for p in FULL.iterdir()) == ["keep.txt"]


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(rules_args, other_args))
def test_fuzzed_rules_scenarios_and_top_level_arguments(argv):
    if argv[:1] == ["run"] or (argv and argv[0] not in ("rules", "scenarios") and "run" in argv[:1]):
        return
    code, out, err = _call(argv)
    _clean(argv, code, out, err)


# each example is a simulation: no shrinking (a failure is reported as generated)
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    scenario=st.sampled_from(BUILTIN),
    baseline=st.sampled_from(["reforma_2020", "sin_fondo_bienestar"]),
    persons=st.integers(20, 150),
    paths=st.integers(1, 2),
    start=st.sampled_from([2024, 2025]),  # --start is 2021 to 2025 (the Ley 73 opening stock)
    span=st.integers(0, 2),
    seed=st.integers(0, 2**63 - 1),
)
def test_fuzzed_tiny_runs_end_in_a_whole_folder_with_the_right_signs(
    scenario, baseline, persons, paths, start, span, seed
):
    box = Path(tempfile.mkdtemp(prefix="pensiones-fuzz-run-"))
    try:
        _tiny_run(box / "res", scenario, baseline, persons, paths, start, span, seed)
    finally:
        shutil.rmtree(box, ignore_errors=True)


def _tiny_run(out, scenario, baseline, persons, paths, start, span, seed):
    argv = ["run", scenario, "--baseline", baseline, "--persons", str(persons), "--paths", str(paths),
            "--start", str(start), "--end", str(start + span), "--seed", str(seed), "--out", str(out)]
    code, stdout, err = _call(argv)
    _clean(argv, code, stdout, err)
    from pensiones import Scenario

    escenarios = (Scenario.load(scenario), Scenario.load(baseline))
    fechas = [r.desde.year for s in escenarios for r in s.reformas] + [
        int(c.desde) for s in escenarios for c in s.procesos.cobertura
    ]
    if any(anio > start + span for anio in fechas):
        # an overlay or a coverage group dated after --end would change nothing: refused before any work or folder
        assert code == 2 and "no effect" in err and not out.exists(), err
        return
    assert code == 0, err
    names = {p.name for p in out.iterdir()}
    assert {"costo_fiscal.csv", "resultados.xlsx", "resumen.txt", "provenance.json"} <= names
    assert ("comparacion.csv" in names) == (scenario != baseline)
    assert sorted(p.name for p in out.parent.iterdir()) == ["res"]
    fc = pd.read_csv(out / "costo_fiscal.csv")
    assert set(fc.year) == set(range(start, start + span + 1))
    mean = fc[(fc.measure == "MXN") & (fc.stat == "mean")].pivot(index="year", columns="component", values="value")
    costs = [c for c in FISCAL_COMPONENTS if c != "transferencia_rcv_ley73"]
    assert (mean[costs] >= 0).all().all(), mean
    assert (mean["transferencia_rcv_ley73"] <= 0).all()
    pd.testing.assert_series_equal(
        mean[list(FISCAL_COMPONENTS)].sum(axis=1), mean["total"], check_names=False, rtol=1e-9
    )
    pct = fc[(fc.measure == "pct_GDP") & (fc.stat == "mean")].pivot(index="year", columns="component", values="value")
    assert ((pct > 0) == (mean > 0)).all().all()  # the same sign in % of GDP as in pesos
    if scenario == "sin_fondo_bienestar" and baseline == "reforma_2020":
        d = pd.read_csv(out / "comparacion.csv")
        assert (d[(d.component == "fondo_bienestar") & (d.stat == "mean")].value <= 0).all()
