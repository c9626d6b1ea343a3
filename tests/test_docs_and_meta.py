"""Meta-tests: generated docs match the tables, every table is used and cited, README and CI agree."""

from __future__ import annotations

import re
from pathlib import Path

import pensiones
from pensiones.rules.doc import documentar

ROOT = Path(__file__).resolve().parents[1]

#: Tables that no rule reads yet, with the reason they are packaged.
DATA_ONLY = {
    "inflacion_anual": "published Dec/Dec inflation, cross-checked against the monthly INPC",
    "mortalidad_emssi_imss_rcs12": "invalid-lives mortality (reference only)",
}


def test_generated_rule_pages_are_up_to_date():
    for regimen in pensiones.rules.REGIMENES:
        committed = (ROOT / "docs" / f"reglas_{regimen}.md").read_text(encoding="utf-8")
        assert committed == documentar(regimen), f"run: python -m pensiones.rules.doc docs/  ({regimen})"


def _code_text() -> str:
    files = [p for p in (ROOT / "pensiones").rglob("*.py") if "data" not in p.parts and p.name != "doc.py"]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_every_table_is_used_by_a_rule_or_listed():
    code = _code_text()
    names = set(pensiones.rules.load("lss2020").names) | set(pensiones.rules.load("lss1997").names)
    for name in names:
        used = re.search(rf"[\"']{name}[\"']", code) is not None
        assert used or name in DATA_ONLY, f"table {name} is read by no rule"
        assert not (used and name in DATA_ONLY), f"table {name} is now used: remove it from DATA_ONLY"


def test_every_table_cites_an_article_with_dof_date():
    for regimen in pensiones.rules.REGIMENES:
        rs = pensiones.rules.load(regimen)
        for name in rs.names:
            meta = rs.rule_table(name).meta
            assert meta.citations and all(c.article.strip() and c.dof for c in meta.citations), name


def test_every_public_function_cites_the_law():
    for module in (pensiones.ley73, pensiones.ley97, pensiones.garantizada, pensiones.pbam):
        for name in module.__all__:
            obj = getattr(module, name)
            if not callable(obj) or isinstance(obj, type):
                continue  # constants and result classes
            doc = obj.__doc__ or ""
            assert re.search(r"LSS|Decreto|CPEUM|Reglas de Operación|transitorio", doc, re.IGNORECASE), (
                f"{module.__name__}.{name}"
            )


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert command.replace(" -q", "") in readme.replace(" -q", "")
