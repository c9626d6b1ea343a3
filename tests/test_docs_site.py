"""The documentation site: every page in the nav exists and every page is in the nav, the API
reference covers the public API, the tutorials run as plain scripts, and -- when the ``docs``
extra is installed -- ``mkdocs build --strict`` succeeds.

CI runs the test suite with the ``test`` extra only and then builds the site with the ``docs``
extra (``.ci/run``), so there the build test is skipped rather than run twice; the tutorials run
here as scripts (fast, and a failure names the line) and again, executed in a kernel, in the build.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pensiones

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TUTORIALS = sorted((DOCS / "tutorials").glob("*.py"))


def _nav() -> list[str]:
    """The file of every nav entry of mkdocs.yml (``- Title: path`` or ``- path``)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:") :]
    return re.findall(r"^\s*-\s+(?:[^\n]*?:\s+)?([\w./-]+\.(?:md|py))\s*$", nav, flags=re.MULTILINE)


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "MPLBACKEND": "Agg",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }


def test_every_nav_entry_exists_and_every_page_is_in_the_nav():
    nav = _nav()
    assert len(nav) == len(set(nav)), "a page is listed twice in the nav"
    missing = [p for p in nav if not (DOCS / p).is_file()]
    assert not missing, f"nav entries without a file: {missing}"
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")} | {
        p.relative_to(DOCS).as_posix() for p in TUTORIALS
    }
    assert pages - set(nav) == set(), "pages missing from the nav of mkdocs.yml"


def test_site_has_the_sections_the_issue_asks_for():
    nav = set(_nav())
    guides = {
        "rules.md", "ley73.md", "ley97.md", "engine.md", "escenarios.md", "backtest.md", "decisions.md", "results.md"
    }
    assert {"index.md", "getting-started.md", "reglas_lss2020.md", "reglas_lss1997.md"} | guides <= nav
    assert len(TUTORIALS) >= 2 and {p.relative_to(DOCS).as_posix() for p in TUTORIALS} <= nav


def test_getting_started_has_the_readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(python3 -m venv[^\n]+)\n```", readme)
    assert len(commands) == 2 and all(c in page for c in commands)


def test_api_reference_covers_the_public_api():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "reference").glob("*.md"))
    documented = set(re.findall(r"^::: ([\w.]+)", text, flags=re.MULTILINE))
    for name in pensiones.__all__:
        obj = getattr(pensiones, name)
        if name == "__version__":
            continue
        path = obj.__name__ if isinstance(obj, type(pensiones)) else f"pensiones.{name}"
        assert path in documented, f"{path} has no API reference entry"
    assert "pensiones.reporting.plots" in documented and "pensiones.reporting" in documented


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=[p.stem for p in TUTORIALS])
def test_tutorial_runs_as_a_script(tutorial, tmp_path):
    # jupytext "percent" scripts are plain Python: the magics are comments
    done = subprocess.run(
        [sys.executable, str(tutorial)],
        cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_tutorials_are_jupytext_percent_scripts_with_inline_charts():
    for tutorial in TUTORIALS:
        text = tutorial.read_text(encoding="utf-8")
        assert "#     formats: py:percent" in text and text.count("# %% [markdown]") >= 3, tutorial.name
        # MPLBACKEND=Agg (CI) would otherwise keep the kernel from rendering the charts into the page
        assert "# %matplotlib inline" in text, tutorial.name
        assert "../shared" not in text


def test_sphinx_roles_become_cross_references():
    griffe = pytest.importorskip("griffe")
    spec = importlib.util.spec_from_file_location("sphinx_roles", DOCS / "_ext" / "sphinx_roles.py")
    roles = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roles)
    pkg = griffe.load("pensiones", search_paths=[str(ROOT)])
    rs = pkg["rules.ruleset.RuleSet"]
    text = roles.rewrite(
        rs, ":func:`load` :class:`~pensiones.rules.overlay.Reforma` :class:`datetime.date` :func:`nada`"
    )
    assert text == (
        '<autoref identifier="pensiones.rules.ruleset.load" optional><code>load</code></autoref> '
        '<autoref identifier="pensiones.rules.overlay.Reforma" optional><code>Reforma</code></autoref> '
        "`datetime.date` `nada`"
    )
    # a target in the package that does not exist is a required reference: the strict build fails
    assert roles.rewrite(rs, ":meth:`pensiones.Results.no_such`") == (
        "[`pensiones.Results.no_such`][pensiones.Results.no_such]"
    )
    procesos = pkg["engine.procesos.Procesos"]
    roles.AttrsInit().on_package(pkg=pkg)
    params = [p.name for p in procesos.members["__init__"].parameters]
    assert params[:3] == ["self", "p_entrada", "p_permanencia"] and "edad_retiro" in params


def test_mkdocs_build_strict(tmp_path):
    for module in ("mkdocs", "material", "mkdocstrings_handlers.python", "mkdocs_jupyter", "ipykernel"):
        pytest.importorskip(module, reason="the docs extra is not installed: pip install -e '.[docs]'")
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env={**_env(), "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr[-5000:]
    for tutorial in TUTORIALS:
        page = (site / "tutorials" / tutorial.stem / "index.html").read_text(encoding="utf-8")
        assert page.count("data:image/png;base64") >= 3, f"{tutorial.name}: charts not rendered"
        assert "Traceback" not in page
    api = (site / "reference" / "plots" / "index.html").read_text(encoding="utf-8")
    assert "tasas_reemplazo" in api and "abanico" in api
