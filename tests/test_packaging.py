"""Installable like the libraries our users know: metadata with an SPDX license, the version in one
place, a Keep a Changelog changelog, and a CI step that builds, checks and installs the wheel."""

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import pensiones

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_license_is_an_spdx_expression_with_its_file():
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"  # PEP 639: the TOML-table form is deprecated by setuptools
    assert project["license-files"] == ["LICENSE"] and (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert not any(c.startswith("License ::") for c in project.get("classifiers", []))  # PEP 639 forbids both
    (requirement,) = PYPROJECT["build-system"]["requires"]
    assert re.fullmatch(r"setuptools>=(\d+)", requirement) and int(requirement.split(">=")[1]) >= 77


def test_the_version_is_written_in_one_place():
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "pensiones._version.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", pensiones.__version__)
    written = [p for p in (ROOT / "pensiones").rglob("*.py")
               if re.search(rf"""['"]{re.escape(pensiones.__version__)}['"]""", p.read_text(encoding="utf-8"))]
    assert written == [ROOT / "pensiones" / "_version.py"]


def test_pensiones_version_agrees_with_the_package():
    out = subprocess.run([sys.executable, "-m", "pensiones", "--version"], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.strip() == f"pensiones {pensiones.__version__}"


def test_the_changelog_follows_keep_a_changelog():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n") and "keepachangelog.com" in text
    releases = re.findall(r"^## (.*)$", text, flags=re.MULTILINE)
    assert releases[0] == "[Unreleased]"
    assert all(re.fullmatch(r"\[\d+\.\d+\.\d+\] - (\d{4}-\d{2}-\d{2}|Unreleased)", r) for r in releases[1:]), releases
    sections = set(re.findall(r"^### (.*)$", text, flags=re.MULTILINE))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, sections
    assert not [line for line in text.splitlines() if line.startswith("#### ")]


def test_ci_builds_checks_and_installs_the_wheel_outside_the_checkout():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q build twine" in run and "python -m build" in run and "twine check --strict dist/*" in run
    assert "pip install -q dist/*.whl" in run  # the wheel, not the checkout (-e .)
    assert 'cd "$(mktemp -d)"' in run and "smoke_wheel.py" in run
    assert "pensiones\" --version" in run and "pensiones\" scenarios" in run
    assert "python -m pytest\n" in run and "not slow" not in run  # CI runs every test


@pytest.mark.slow
def test_the_wheel_carries_the_data_the_license_and_the_metadata(tmp_path):
    # pip builds the wheel as `python -m build` does (PEP 517, in an isolated environment with setuptools>=77)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--wheel-dir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("pensiones-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = z.read(f"pensiones-{pensiones.__version__}.dist-info/METADATA").decode()
    assert f"Version: {pensiones.__version__}" in meta and "License-Expression: MIT" in meta
    assert any(n.endswith("dist-info/licenses/LICENSE") for n in names)
    assert any(n.startswith("pensiones/rules/data/lss2020/") and n.endswith(".csv") for n in names)
    assert any(n.startswith("pensiones/scenarios/data/") and n.endswith(".toml") for n in names)
    assert "pensiones/engine/data/calibraciones.json" in names  # the default calibrations, read at run time


def test_every_test_marked_slow_at_collection_exists():
    import ast

    from tests.conftest import LENTOS

    for name, tests in LENTOS.items():
        path = ROOT / "tests" / name
        assert path.is_file(), f"LENTOS names {name}, which does not exist"
        if tests == "*":
            continue
        defined = {n.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
        assert not set(tests) - defined, f"{name}: no test named {sorted(set(tests) - defined)}"
