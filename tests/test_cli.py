"""The command line: ``pensiones rules``, ``scenarios``, ``run``; clean failures, atomic output folders,
Ctrl-C and broken pipes."""

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
from pensiones.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures"
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
    assert capsys.readouterr().err == "pensiones rules: error: argument YEAR|TABLE: year must be in [1997, 2100], got 1990\n"
    assert main(["rules", "umas"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pensiones rules: error: argument YEAR|TABLE: rule set 'lss2020' has no table 'umas'; tables: ")
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
    proc = subprocess.Popen([sys.executable, "-m", "pensiones", "rules", "2026"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
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
    parser = cli._parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        for action in p._actions:
            assert action.help, f"pensiones {name} {action.option_strings or action.dest} has no help"
    assert main(["run", "--help"]) == 0
    out = capsys.readouterr().out
    for text in ("--start", "first simulated year", "--end", "last simulated year", "--threads", "Numba threads", "--overwrite"):
        assert text in out


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
    assert err.startswith("pensiones scenarios: error: argument NAME: unknown scenario 'semanas_125'; built-in scenarios:")


# -- clean failures ------------------------------------------------------------------------------------------
BAD_ARGUMENTS = [
    (["run", ""], "argument SCENARIO: must be a built-in scenario name"),
    (["run", "."], "argument SCENARIO: . is a folder"),
    (["run", "no_such_scenario"], "argument SCENARIO: unknown scenario 'no_such_scenario'; built-in scenarios: edad_retiro_67"),
    (["run", str(FIX / "malo_rango.toml")], "argument SCENARIO:"),
    (["run", "reforma_2020", "--baseline", "reforma_202"], "argument --baseline: unknown scenario 'reforma_202'; built-in scenarios:"),
    (["run", "reforma_2020", "--persons", "0"], "argument --persons: must be a whole number from 1 to 50,000,000, got '0'"),
    (["run", "reforma_2020", "--persons", "1e3"], "argument --persons: must be a whole number"),
    (["run", "reforma_2020", "--paths", "x"], "argument --paths: must be a whole number from 1 to 10,000, got 'x'"),
    (["run", "reforma_2020", "--seed", "-1"], "argument --seed: must be a whole number from 0 to"),
    (["run", "reforma_2020", "--start", "2024"], "argument --start: must be a whole number from 2025 to 2100, got '2024'"),
    (["run", "reforma_2020", "--end", "2101"], "argument --end: must be a whole number from 2025 to 2100, got '2101'"),
    (["run", "reforma_2020", "--start", "2030", "--end", "2027"], "argument --end: must be from --start (2030) to 2100, got 2027"),
    (["run", "reforma_2020", "--threads", "0"], "argument --threads: must be a whole number from 1 to"),
    (["run", "reforma_2020", "--threads", "1000"], "argument --threads: must be a whole number from 1 to"),
    (["run", "reforma_2020", "--frob"], "unrecognized argument(s): --frob (allowed options: 'pensiones run --help')"),
    (["run"], "the following arguments are required: SCENARIO"),
    (["rnu"], "argument {run,sweep,scenarios,rules}: invalid choice: 'rnu' (choose from 'run', 'sweep', 'scenarios', 'rules')"),
    ([], "the following arguments are required: {run,sweep,scenarios,rules}"),
    (["rules", "--regimen", "lss2000"], "argument --regimen: invalid choice: 'lss2000' (choose from 'lss2020', 'lss1997')"),
    (["rules", "uma", "--year", "1900"], "argument --year: must be a whole number from 1997 to 2100, got '1900'"),
    (["scenarios", ""], "argument NAME: must be one of edad_retiro_67"),
    (["scenarios", "/dev/zero"], "argument NAME: /dev/zero is not a regular file"),
    (["run", "/dev/zero"], "argument SCENARIO: /dev/zero is not a regular file"),
    (["run", "reforma_2020", "--out", "a\x00b"], "argument --out:"),
    (["run", "reforma_2020", "--out", "x" * 5000], "argument --out:"),
    (["run", "reforma_2020", "--out", "x" * 300], "argument --out: 'xxxx"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_ARGUMENTS, ids=[" ".join(a)[:60].replace("\x00", "NUL") or "(none)" for a, _ in BAD_ARGUMENTS])
def test_bad_arguments_are_one_line_before_any_work(argv, message, capsys, tmp_path, monkeypatch):
    out = tmp_path / "nuevo"
    if argv[:1] == ["run"] and "--out" not in argv:
        argv = argv + ["--out", str(out)]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pensiones.Population, "synthetic", lambda *a, **k: pytest.fail("work started before validation"))
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
    assert err == f"pensiones run: error: argument --out: {full} is not empty (1 entries: a.csv); pass --overwrite to replace it\n"
    monkeypatch.setattr(cli.os, "access", lambda path, mode: False)  # as for a user without write permission
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


@pytest.mark.parametrize("argv", [["run", ""], ["run", "."], ["rules", "1990"], ["run", "reforma_2020", "--persons", "0"]])
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
    assert {"costo_fiscal.csv", "resultados.xlsx", "resumen.txt", "costo_fiscal_abanico.png", "diferencia_reforma.png", "comparacion.csv"} <= names
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
    before = _snapshot(out)
    assert main(["run", "reforma_2020", *TINY, "--out", str(out)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert _snapshot(out) == before


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
    assert err.strip().splitlines()[-1] in ("pensiones: error: [Errno 28] No space left on device", "pensiones: interrupted")
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
    code, err, elapsed, out = _interrupt_when(tmp_path, "Preparing the engine", ["--paths", "1", "--persons", "200", "--end", "2027"])
    assert code == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert elapsed < 10
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_ctrl_c_while_simulating_stops_with_130(tmp_path):
    # a run long enough that the signal arrives inside the compiled kernel
    code, err, elapsed, out = _interrupt_when(tmp_path, "Simulating reforma_2020", ["--paths", "40", "--persons", "40000", "--end", "2070"])
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
