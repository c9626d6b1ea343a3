"""The command line: ``pensiones rules``."""

from __future__ import annotations

import subprocess
import sys

from pensiones.cli import main


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
    assert "anio must be in [1997, 2100], got 1990" in capsys.readouterr().err
    assert main(["rules", "umas"]) == 2
    assert "has no table 'umas'" in capsys.readouterr().err


def test_python_dash_m_entry_point():
    done = subprocess.run([sys.executable, "-m", "pensiones", "rules", "2026", "--regimen", "lss1997"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Minimum weeks (Ley 97)         1250" in done.stdout
