"""Generate the rules reference pages (``docs/reglas_<regimen>.md``) from the tables.

The pages are written by ``python -m pensiones.rules.doc docs/`` and a test checks that the
committed pages equal what the tables generate, so the documentation cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from pensiones.rules.ruleset import REGIMENES, load

__all__ = ["documentar", "main"]

_MAX_ROWS = 40


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value).replace("|", "\\|")


def documentar(regimen: str) -> str:
    """Markdown page listing every table of ``regimen`` with its values, dates and citations."""
    rs = load(regimen)
    out = [
        f"# Rules of the `{regimen}` rule set",
        "",
        "Generated from `pensiones/rules/data` by `python -m pensiones.rules.doc docs/`; do not edit by hand.",
        "",
    ]
    for name in rs.names:
        table = rs.rule_table(name)
        meta = table.meta
        frame = table.to_frame()
        out += [
            f"## `{name}`",
            "",
            f"{meta.label}.",
            "",
            f"- unit: `{meta.unit}`; status: {meta.status}; layout: {meta.layout}; "
            f"validity: {meta.validity}{' (periodic)' if meta.periodic else ''}; projection: `{meta.projection}`",
            f"- indexation: {meta.indexation}",
        ]
        if meta.notes:
            out.append(f"- notes: {meta.notes}")
        out.append("- citations:")
        for c in meta.citations:
            # the project's own reference folder is a development oracle, not a source a reader can open
            source = f" Source: {c.source}." if c.source and not c.source.startswith("shared/") else ""
            out.append(f"  - from {c.desde}: {c.article} (DOF {c.dof:%d-%m-%Y}; {c.status}).{source}")
        out.append("")
        shown = frame if len(frame) <= _MAX_ROWS else frame.head(_MAX_ROWS)
        out.append("| " + " | ".join(shown.columns) + " |")
        out.append("|" + "---|" * len(shown.columns))
        for row in shown.itertuples(index=False):
            out.append("| " + " | ".join(_cell(v) for v in row) + " |")
        if len(frame) > _MAX_ROWS:
            out.append(f"\n({len(frame) - _MAX_ROWS} more rows: `pensiones rules {name}`.)")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "docs")
    for regimen in REGIMENES:
        (folder / f"reglas_{regimen}.md").write_text(documentar(regimen), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
