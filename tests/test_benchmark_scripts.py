"""The command lines of ``benchmarks/first_result.py`` and ``benchmarks/peer.py``: help and argument checks.

Nothing here runs a benchmark or times anything (benchmarks/README.md keeps the figures).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["first_result", "peer"])
def test_help_runs_and_names_the_json_option(name):
    done = subprocess.run([sys.executable, str(BENCHMARKS / f"{name}.py"), "--help"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "--json" in done.stdout


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "one of the arguments --peer-dir --fetch is required"),
        (["--fetch", "--peer-dir", "."], "not allowed with argument"),
        (["--fetch", "--rounds", "0"], "--rounds must be at least 1"),
        (["--peer-dir", "."], "no motor/run_skeleton.py there"),
    ],
)
def test_peer_arguments_are_checked(argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        _script("peer").parse_args(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_peer_defaults_are_the_pin_and_three_rounds(tmp_path):
    (tmp_path / "motor").mkdir()
    (tmp_path / "motor" / "run_skeleton.py").write_text("")
    peer = _script("peer")
    args = peer.parse_args(["--peer-dir", str(tmp_path)])
    assert (args.rounds, args.commit, args.repo) == (3, peer.COMMIT, peer.REPO)
    assert peer.COMMIT == "11b38f22e7d433c38d43a97adcb9e72f35bf042b"


def test_a_folder_that_is_not_a_checkout_has_no_commit(tmp_path):
    assert _script("peer").commit_of(tmp_path) is None


def test_the_peer_runs_without_our_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("PENSIONES_CACHE_DIR", "/somewhere")
    monkeypatch.setenv("PYTHONPATH", "/our/checkout")
    env = _script("peer")._peer_env(tmp_path)
    assert "PENSIONES_CACHE_DIR" not in env
    assert env["PYTHONPATH"].split(":")[0] == str(tmp_path)


def test_the_peer_workload_is_three_laws_five_paths_to_2100():
    work = _script("first_result").PEER
    assert work == {"persons": 5000, "paths": 5, "end": 2100,
                    "scenarios": ["reforma_2020", "sin_reforma", "sin_fondo_bienestar"]}


def test_the_peer_workload_scenarios_are_the_laws_the_docstring_names():
    from pensiones import Scenario

    en_vigor, antes, sin_fondo = (Scenario.load(name) for name in _script("first_result").PEER["scenarios"])
    assert (en_vigor.regimen, en_vigor.reformas) == ("lss2020", ())
    assert antes.regimen == "lss1997"
    assert sin_fondo.regimen == "lss2020"
    assert [(r.tabla, r.valor) for r in sin_fondo.reformas] == [("fondo_bienestar_umbral", 0.0)]
