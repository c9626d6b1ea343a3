"""The command line: ``pensiones rules``, ``scenarios``, ``validate``, ``run``; clean failures, atomic output
folders, Ctrl-C and broken pipes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import pensiones
from pensiones import cli
from pensiones.cli import app, main
from pensiones.scenarios import builtin_scenarios

ROOT = Path(__file__).resolve().parents[2]
FIX = Path(__file__).parents[1] / "fixtures"
#: a tiny run: seconds once the kernel is compiled
TINY = ["--paths", "1", "--persons", "120", "--seed", "3", "--end", "2027"]


def _python(*args, **kwargs):
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "pensiones", *args], capture_output=True, text=True, env=env, **kwargs)


def _snapshot(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


# -- rules ------------------------------------------------------------------------------------------------
def test_rules_for_a_year(capsys):
    assert main(["rules", "2026"]) == 0
    out = capsys.readouterr().out
    assert "UMA                          117.31 pesos/day" in out
    assert "Minimum weeks (Ley 97)          875" in out
    assert "4.01 UMA en adelante         7.513%" in out
    assert "DOF 16-12-2020" in out


def test_rules_projected_year_is_marked(capsys):
    assert main(["rules", "2040"]) == 0
    assert "[projected]" in capsys.readouterr().out


def test_rules_table_and_list(capsys):
    assert main(["rules", "semanas_minimas", "--year", "2035"]) == 0
    out = capsys.readouterr().out
    assert "transitorio Cuarto" in out and "1000" in out
    assert main(["rules"]) == 0
    assert "pension_garantizada" in capsys.readouterr().out


def test_rules_bad_input_is_a_clear_error(capsys):
    assert main(["rules", "1990"]) == 2
    assert capsys.readouterr().err == (
        "pensiones rules: error: argument YEAR|TABLE: year must be in [1997, 2100], got 1990\n"
    )
    assert main(["rules", "umas"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "pensiones rules: error: argument YEAR|TABLE: rule set 'lss2020' has no table 'umas'; tables: "
    )
    assert err.count("\n") == 1


def test_python_dash_m_entry_point():
    done = _python("rules", "2026", "--regimen", "lss1997")
    assert done.returncode == 0, done.stderr
    assert "Minimum weeks (Ley 97)         1250" in done.stdout


def test_broken_pipe_is_quiet(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m pensiones rules 2026 | head -n 0; echo \"status ${{PIPESTATUS[0]}}\""],
        capture_output=True, text=True, env=env,
    )
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() in ("status 141", "status 0")  # 0 only if it finished before head left
    # deterministic: the reader is gone before the first line is written
    proc = subprocess.Popen(
        [sys.executable, "-m", "pensiones", "rules", "2026"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == cli.EXIT_BROKEN_PIPE
    assert err == ""


# -- version, help, scenarios ----------------------------------------------------------------------------
def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"pensiones {pensiones.__version__}\n"
    done = _python("--version")
    assert done.returncode == 0 and done.stdout == f"pensiones {pensiones.__version__}\n", done


def test_every_option_has_help(capsys):
    parser = app.parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        for action in p._actions:
            assert action.help, f"pensiones {name} {action.option_strings or action.dest} has no help"
    assert main(["run", "--help"]) == 0
    out = capsys.readouterr().out
    for text in (
        "--start", "first simulated year", "--end", "last simulated year", "--threads", "Numba threads", "--overwrite"
    ):
        assert text in out


def test_every_help_has_an_example_and_takes_no_abbreviation(capsys):
    parser = app.parser()
    assert not parser.allow_abbrev and "examples:" in parser.epilog
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert not p.allow_abbrev, name
        assert main([name, "--help"]) == 0
        out = capsys.readouterr().out
        assert "examples:\n  pensiones " + name in out, name


def test_documented_ranges_are_the_accepted_ranges(capsys):
    """--help, the README and the check agree on --start and --end."""
    assert main(["run", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "first simulated year, 2021 to 2025" in out and "last simulated year, --start to 2100" in out
    readme = (ROOT / "README.md").read_text()
    assert "--start Y] [--end Y]" in readme and "`--start` from 2021 to 2025" in readme
    for start in ("2021", "2025"):
        assert app.parser().parse_args(["run", "x", "--start", start]).start == int(start)
    for bad in ("2020", "2026"):
        assert main(["run", "x", "--start", bad]) == 2
        assert "argument --start: must be a whole number from 2021 to 2025" in capsys.readouterr().err


def test_validate_a_scenario_without_running_it(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(pensiones, "simulate", lambda *a, **k: pytest.fail("validate ran a simulation"))
    assert main(["validate", "semanas_1250"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: semanas_1250: scenario 'semanas_1250'") and out.count("\n") == 1
    bad = tmp_path / "malo.toml"
    bad.write_text('nombre = "malo"\n[supuestos]\ninflacoin = 0.03\n')
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown key(s) inflacoin" in err and "did you mean 'inflacion'?" in err
    overlay = tmp_path / "overlay.toml"
    overlay.write_text('nombre = "o"\n[[reformas]]\ntabla = "umas"\ndesde = 2027-01-01\nvalor = 1.0\n'
                       'descripcion = "x"\n')
    assert main(["validate", str(overlay)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown table 'umas'" in err and "did you mean 'uma'?" in err


def test_scenarios_list_and_one(capsys):
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    assert "reforma_2020" in out and "semanas_1250" in out
    assert main(["scenarios", "semanas_1250"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("semanas_1250: Illustrative reform: minimum weeks back to 1,250 from 2027.")
    assert "Rationale\n  Reverses the 2020 cut in required weeks" in out  # the rationale, wrapped
    assert 'nombre = "semanas_1250"' in out and "[[reformas]]" in out and "valor = 1250" in out  # the TOML
    assert main(["scenarios", "semanas_125"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "pensiones scenarios: error: argument NAME: unknown scenario 'semanas_125'; built-in scenarios:"
    )


# -- clean failures ------------------------------------------------------------------------------------------
BAD_ARGUMENTS = [
    (["run", ""], "argument SCENARIO: must be a built-in scenario name"),
    (["run", "."], "argument SCENARIO: . is a folder"),
    (
        ["run", "no_such_scenario"],
        "argument SCENARIO: unknown scenario 'no_such_scenario'; built-in scenarios: ahorro_voluntario, "
        "ahorro_voluntario_pareo, beneficio_definido_publico",
    ),
    (["run", str(FIX / "malo_rango.toml")], "argument SCENARIO:"),
    (
        ["run", "reforma_2020", "--baseline", "reforma_202"],
        "argument --baseline: unknown scenario 'reforma_202'; built-in scenarios:",
    ),
    (
        ["run", "reforma_2020", "--persons", "0"],
        "argument --persons: must be a whole number from 1 to 50,000,000, got '0'",
    ),
    (["run", "reforma_2020", "--persons", "1e3"], "argument --persons: must be a whole number"),
    (["run", "reforma_2020", "--paths", "x"], "argument --paths: must be a whole number from 1 to 10,000, got 'x'"),
    (["run", "reforma_2020", "--seed", "-1"], "argument --seed: must be a whole number from 0 to"),
    (
        ["run", "reforma_2020", "--start", "2020"],
        "argument --start: must be a whole number from 2021 to 2025, got '2020'",
    ),
    (
        ["run", "reforma_2020", "--start", "2026"],
        "argument --start: must be a whole number from 2021 to 2025, got '2026'",
    ),
    (["run", "reforma_2020", "--end", "2101"], "argument --end: must be a whole number from 2021 to 2100, got '2101'"),
    (
        ["run", "reforma_2020", "--start", "2025", "--end", "2024"],
        "argument --end: must be from --start (2025) to 2100, got 2024",
    ),
    (["run", "semanas_1250", "--end", "2026"], "argument --end (with SCENARIO): scenario 'semanas_1250': reform 1"),
    (
        ["run", "reforma_2020", "--baselin", "sin_reforma"],
        (
            "unrecognized argument(s): --baselin sin_reforma (allowed options: 'pensiones run --help'); "
            "did you mean '--baseline'?"
        ),
    ),
    (["run", "reforma_2020", "--population", "no_such_folder"], "argument --population:"),
    (
        ["run", "reforma_2020", "--persons", "10", "--population", "x"],
        "argument --population: not allowed with argument --persons",
    ),
    (
        ["run", "semanas_125"],
        (
            "unknown scenario 'semanas_125'; built-in scenarios: ahorro_voluntario, ahorro_voluntario_pareo, "
            "beneficio_definido_publico, cuentas_nocionales, edad_retiro_67, fondo_bienestar_cesantia_60, "
            "fondo_bienestar_tope_complemento, fondo_bienestar_umbral_75, independientes_subsidiados, "
            "pension_basica_universal, pg_indexada_salario_minimo, plataformas_digitales, reforma_2020, semanas_1250, "
            "sin_fondo_bienestar, sin_reforma, trabajadoras_hogar_obligatoria, uma_a_salario_minimo (or give a .toml "
            "path); did you mean 'semanas_1250'?"
        ),
    ),
    (["run", "reforma_2020", "--threads", "0"], "argument --threads: must be a whole number from 1 to"),
    (["run", "reforma_2020", "--threads", "1000"], "argument --threads: must be a whole number from 1 to"),
    (["run", "reforma_2020", "--frob"], "unrecognized argument(s): --frob (allowed options: 'pensiones run --help')"),
    (["run"], "the following arguments are required: SCENARIO"),
    (
        ["rnu"],
        (
            "argument {run,sweep,validate,scenarios,rules,cache}: invalid choice: 'rnu' "
            "(choose from 'run', 'sweep', 'validate', 'scenarios', 'rules', 'cache'); did you mean 'run'?"
        ),
    ),
    ([], "the following arguments are required: {run,sweep,validate,scenarios,rules,cache}"),
    (["rules", "umas"], "has no table 'umas'; tables:"),
    (
        ["validate", "semanas_1250", "--end", "2026"],
        "pensiones validate: error: argument --end (with FILE): scenario 'semanas_1250': reform 1",
    ),
    (["validate", "no_such.toml"], "pensiones validate: error: argument FILE:"),
    (
        ["sweep", "reforma_2020", "--start", "2026"],
        "pensiones sweep: error: argument --start: must be a whole number from 2021 to 2025",
    ),
    (
        ["sweep", "reforma_2020", "--start", "2025", "--end", "2024"],
        "pensiones sweep: error: argument --end: must be from --start (2025) to 2100, got 2024",
    ),
    (
        ["sweep", "reforma_2020", "semanas_1250", "--end", "2026"],
        "pensiones sweep: error: argument --end (with SCENARIO): scenario 'semanas_1250'",
    ),
    (["sweep", "reforma_2020", "--workers", "1000"], "pensiones sweep: error: argument --workers: must be from 1 to"),
    (
        ["sweep", "reforma_2020", "--workers", "1", "--scheduler", "tcp://127.0.0.1:1"],
        "pensiones sweep: error: argument --workers:",
    ),
    (
        ["rules", "--regimen", "lss2000"],
        "argument --regimen: invalid choice: 'lss2000' (choose from 'lss2020', 'lss1997')",
    ),
    (["rules", "uma", "--year", "1900"], "argument --year: must be a whole number from 1997 to 2100, got '1900'"),
    (["scenarios", ""],
     "argument NAME: must be one of ahorro_voluntario, ahorro_voluntario_pareo, beneficio_definido_publico"),
    (["scenarios", "/dev/zero"], "argument NAME: /dev/zero is not a regular file"),
    (["run", "/dev/zero"], "argument SCENARIO: /dev/zero is not a regular file"),
    (["run", "reforma_2020", "--out", "a\x00b"], "argument --out:"),
    (["run", "reforma_2020", "--out", "x" * 5000], "argument --out:"),
    (["run", "reforma_2020", "--out", "x" * 300], "argument --out: 'xxxx"),
]


@pytest.mark.parametrize(
    ("argv", "message"),
    BAD_ARGUMENTS,
    ids=[" ".join(a)[:60].replace("\x00", "NUL") or "(none)" for a, _ in BAD_ARGUMENTS],
)
def test_bad_arguments_are_one_line_before_any_work(argv, message, capsys, tmp_path, monkeypatch):
    out = tmp_path / "nuevo"
    if argv[:1] in (["run"], ["sweep"]) and "--out" not in argv:
        argv = argv + ["--out", str(out)]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        pensiones.Population, "synthetic", lambda *a, **k: pytest.fail("work started before validation")
    )
    from pensiones import distributed

    monkeypatch.setattr(
        distributed, "cluster_local", lambda *a, **k: pytest.fail("a cluster started before validation")
    )
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and message in captured.err, captured.err
    assert captured.err.startswith("pensiones")
    assert "Traceback" not in captured.err and captured.out == ""
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_out_on_a_file_a_non_empty_or_read_only_folder(capsys, tmp_path, monkeypatch):
    f = tmp_path / "f.txt"
    f.write_text("x")
    assert main(["run", "reforma_2020", "--out", str(f)]) == 2
    assert capsys.readouterr().err == f"pensiones run: error: argument --out: {f} exists and is not a folder\n"
    full = tmp_path / "full"
    full.mkdir()
    (full / "a.csv").write_text("old")
    assert main(["run", "reforma_2020", "--out", str(full)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"pensiones run: error: argument --out: {full} is not empty (1 entries: a.csv); "
        "pass --overwrite to replace it\n"
    )
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # as for a user without write permission
    assert main(["run", "reforma_2020", "--out", str(tmp_path / "new")]) == 2
    assert "argument --out:" in (err := capsys.readouterr().err) and "permission denied" in err and err.count("\n") == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write into read-only folders")
def test_out_in_a_read_only_folder_for_real(capsys, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        assert main(["run", "reforma_2020", "--out", str(ro / "run")]) == 2
        err = capsys.readouterr().err
        assert "permission denied" in err and err.count("\n") == 1
    finally:
        ro.chmod(0o755)


@pytest.mark.parametrize(
    "argv", [["run", ""], ["run", "."], ["rules", "1990"], ["run", "reforma_2020", "--persons", "0"]]
)
def test_no_traceback_from_the_real_command(argv):
    done = _python(*argv)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr


# -- run: outputs whole or absent ----------------------------------------------------------------------------
def test_run_writes_a_whole_folder_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "res"
    assert main(["run", "sin_fondo_bienestar", *TINY, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    names = {p.name for p in out.iterdir()}
    assert {
        "costo_fiscal.csv", "resultados.xlsx", "resumen.txt", "costo_fiscal_abanico.png", "diferencia_reforma.png",
        "comparacion.csv",
    } <= names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]
    for phase in ("Building a synthetic population", "Preparing the engine", "Simulating sin_fondo_bienestar",
                  "Simulating the baseline reforma_2020", "Writing tables", "Drawing charts"):
        assert phase in captured.err
    summary = (out / "resumen.txt").read_text()
    assert "Reform minus baseline (reforma_2020)" in summary
    assert "H = hombre (male), M = mujer (female)" in summary and "Mexican pesos (MXN)" in summary
    assert "CEAV transferred (Ley 73)" in summary and "Guaranteed pension" in summary  # full labels, not cut
    assert "men (H, hombres)" in summary and "women (M, mujeres)" in summary
    comparison = pd.read_csv(out / "comparacion.csv")
    assert set(comparison.unit) == {"MXN", "MXN_2025", "pct_GDP"}
    (out / "notas.txt").write_text("mine")  # a file pensiones did not write: the folder is refused
    before = _snapshot(out)
    assert main(["run", "reforma_2020", *TINY, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not empty" in err and "pass --overwrite" in err
    assert _snapshot(out) == before


def test_the_readme_command_runs_twice_as_written(tmp_path, capsys, monkeypatch):
    """``pensiones run SCENARIO --out resultados`` again: a folder holding only the previous run's files
    (those its manifest lists) is replaced, with a note."""
    monkeypatch.chdir(tmp_path)
    assert main(["run", "sin_fondo_bienestar", *TINY, "--out", "resultados"]) == 0
    capsys.readouterr()
    assert main(["run", "reforma_2020", *TINY, "--out", "resultados"]) == 0
    err = capsys.readouterr().err
    assert "holds only a previous run's files: they are replaced" in err
    names = {p.name for p in (tmp_path / "resultados").iterdir()}
    assert "comparacion.csv" not in names and "resumen.txt" in names  # the second run's files, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resultados"]


def test_run_overwrite_replaces_the_whole_previous_run(tmp_path, capsys):
    out = tmp_path / "res"
    assert main(["run", "sin_fondo_bienestar", *TINY, "--out", str(out)]) == 0
    (out / "notas.txt").write_text("mine")
    capsys.readouterr()
    # the baseline itself: no comparison this time
    assert main(["run", "reforma_2020", *TINY, "--out", str(out), "--overwrite"]) == 0
    captured = capsys.readouterr()
    names = {p.name for p in out.iterdir()}
    assert "comparacion.csv" not in names and "diferencia_reforma.png" not in names  # nothing stale survives
    assert (out / "notas.txt").read_text() == "mine"
    assert "pensiones: note: kept 1 file(s)" in captured.err and "notas.txt" in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]


@pytest.mark.parametrize(("error", "code"), [(OSError(28, "No space left on device"), 1), (KeyboardInterrupt(), 130)])
def test_a_failure_while_writing_leaves_the_old_folder_untouched(tmp_path, capsys, monkeypatch, error, code):
    out = tmp_path / "res"
    assert main(["run", "reforma_2020", *TINY, "--out", str(out)]) == 0
    before = _snapshot(out)
    capsys.readouterr()
    from pensiones.reporting import plots

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(plots, "tasas_reemplazo", broken)  # after the tables are written
    assert main(["run", "sin_fondo_bienestar", *TINY, "--out", str(out), "--overwrite"]) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] in (
        "pensiones: error: [Errno 28] No space left on device", "pensiones: interrupted"
    )
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]  # no temporary folder left


def _interrupt_when(tmp_path, marker: str, extra: list[str]):
    out = tmp_path / "res"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pensiones", "run", "reforma_2020", *extra, "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    seen = ""
    try:
        while marker not in seen:
            line = proc.stderr.readline()
            assert line, f"the run ended before {marker!r}: {seen}"
            seen += line if line.endswith("\n") else line
            if marker in line:
                break
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        started = time.monotonic()
        code = proc.wait(timeout=60)
        elapsed = time.monotonic() - started
        seen += proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    return code, seen, elapsed, out


def test_ctrl_c_while_the_engine_compiles_stops_with_130(tmp_path):
    code, err, elapsed, out = _interrupt_when(
        tmp_path, "Preparing the engine", ["--paths", "1", "--persons", "200", "--end", "2027"]
    )
    assert code == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert elapsed < 10
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_ctrl_c_while_simulating_stops_with_130(tmp_path):
    # a run long enough that the signal arrives inside the compiled kernel
    code, err, elapsed, out = _interrupt_when(
        tmp_path, "Simulating reforma_2020", ["--paths", "40", "--persons", "40000", "--end", "2070"]
    )
    assert code == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert elapsed < 10
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_in_process_run_leaves_no_thread_reading_a_reused_descriptor():
    """main() in-process, then a child process: the child's output reaches us (the SIGINT watcher
    once kept reading a closed descriptor whose number the child's pipe reused)."""
    for _ in range(3):
        assert main(["--version"]) == 0
        done = _python("--version")
        assert done.stdout == f"pensiones {pensiones.__version__}\n", done
    assert not [t for t in threading.enumerate() if t.name == "pensiones-sigint"]


# -- run: every built-in scenario, a Parquet population ---------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("scenario", sorted(builtin_scenarios()))
def test_every_builtin_scenario_runs_through_the_cli(scenario, tmp_path, capsys):
    """Each built-in scenario, including the reforms dated after the start year (semanas_1250 from 2027,
    edad_retiro_67 from 2030), at a small size; the warm-up no longer stops a reform dated inside the run."""
    out = tmp_path / "res"
    argv = ["run", scenario, "--persons", "60", "--paths", "1", "--seed", "4", "--end", "2030",
            "--baseline", scenario, "--no-outcomes", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    assert {"costo_fiscal.csv", "resumen.txt", "provenance.json"} <= {p.name for p in out.iterdir()}
    assert set(pd.read_csv(out / "costo_fiscal.csv").year) == set(range(2025, 2031))


def test_run_a_parquet_population_without_outcomes(tmp_path, capsys):
    pop = pensiones.Population.synthetic(150, seed=7)
    pop.to_parquet(tmp_path / "pop", partition_size=100)
    out = tmp_path / "res"
    argv = ["run", "semanas_1250", "--population", str(tmp_path / "pop"), "--no-outcomes", "--paths", "1",
            "--end", "2027", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    names = {p.name for p in out.iterdir()}
    assert "tasas_reemplazo.png" not in names and "comparacion.csv" in names
    expected = pensiones.simulate(pop, pensiones.Scenario.load("semanas_1250"), paths=1, seed=2025, end=2027)
    fc = pd.read_csv(out / "costo_fiscal.csv")
    got = fc[(fc.measure == "MXN") & (fc.stat == "mean") & (fc.component == "total")].value.to_numpy()
    want = expected.fiscal_cost()
    want = want[(want.measure == "MXN") & (want.stat == "mean") & (want.component == "total")].value.to_numpy()
    assert len(got) == 3 and got == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("size", [20_000, 53_248], ids=["in a CSV", "in the workbook"])
def test_a_file_size_limit_is_one_line_without_noise(tmp_path, size):
    """``ulimit -f``: the write fails with one line, no "Exception ignored ... Traceback" after it (the
    workbook writer's generators, closed after the failure, used to print one)."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "pensiones", "run", "reforma_2020", *TINY, "--out",
                           str(tmp_path / "res")], capture_output=True, text=True, env=env, preexec_fn=limit)
    assert done.returncode == 1, done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "pensiones: error: [Errno 27] File too large"
    assert not (tmp_path / "res").exists()
