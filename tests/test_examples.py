"""The scripts in examples/ run end to end (as a user would run them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script, tmp_path):
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=900, cwd=tmp_path,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip()


def test_adviser_example_compares_the_three_options(capsys):
    sys.path.insert(0, str(EXAMPLES[0].parent))
    try:
        import asesor_individual
    finally:
        sys.path.pop(0)
    table = asesor_individual.main([])
    assert list(table.option.str[:6]) == ["Ley 73", "Ley 73", "Ley 97"]
    assert table.monthly_pension.iloc[1] > table.monthly_pension.iloc[0]
    assert "Modalidad 40" in capsys.readouterr().out
