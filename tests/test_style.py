"""Code style: no line of the package, tests, tools, benchmarks, examples or documentation scripts is
longer than the 120 characters of ``[tool.ruff] line-length`` (ruff's E501, pyproject.toml)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The checked folders; ruff finds every Python file below them (docs/**/*.py included).
FOLDERS = ("pensiones", "tests", "tools", "benchmarks", "examples", "docs")


def _ruff() -> list[str]:
    """The ruff command of this environment, else the one on the PATH; skip when there is none."""
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    executable = shutil.which("ruff")
    if executable is None:
        pytest.skip("ruff is not installed (it comes with the test extra: pip install -e '.[test]')")
    return [executable]


def test_no_line_is_longer_than_the_limit():
    folders = [name for name in FOLDERS if (ROOT / name).is_dir()]
    done = subprocess.run(
        [*_ruff(), "check", "--no-cache", "--select", "E501", "--output-format", "json", *folders],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode in (0, 1), f"ruff failed (exit status {done.returncode}):\n{done.stderr}"
    violations = json.loads(done.stdout or "[]")
    lines = [
        f"{Path(v['filename']).relative_to(ROOT).as_posix()}:{v['location']['row']}: {v['message']}"
        for v in violations
    ]
    assert not lines, f"{len(lines)} line(s) longer than the limit (wrap them):\n" + "\n".join(lines)
