"""Generate the rules reference pages (``docs/reglas_<regimen>.md``) from the tables.

The pages are written by ``python -m pensiones.rules.doc docs/`` and a test checks that the
committed pages equal what the tables generate, so the documentation cannot drift.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd

from pensiones.rules.ruleset import REGIMENES, load

__all__ = ["documentar", "main", "TABLAS_RESUMEN", "primer_anio_resumen", "comprobar_anio_resumen"]

#: The tables ``pensiones rules YEAR`` reads for every line of its summary of the rules in force
#: (the Fondo Bienestar threshold is optional: the summary says when it does not exist yet).
TABLAS_RESUMEN = (
    "uma", "salario_minimo", "semanas_minimas", "tasa_retiro", "tasa_trabajador_ceav",
    "aportacion_estatal_ceav", "tasa_patronal_ceav", "cuota_social", "pbam",
)

_MAX_ROWS = 40


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value).replace("|", "\\|")


def _inicios(regimen: str) -> dict[str, dt.date]:
    """The first date on which each summary table has a value for every one of its axis keys."""
    rs = load(regimen)
    out = {}
    for name in TABLAS_RESUMEN:
        table = rs.rule_table(name)
        frame, axes = table.frame, list(table.meta.axes)
        firsts = frame.groupby(axes)["effective_from"].min() if axes else frame["effective_from"].agg(["min"])
        out[name] = max(firsts)
    return out


def primer_anio_resumen(regimen: str = "lss2020") -> int:
    """The first year whose summary (``pensiones rules YEAR``) every table can answer.

    Annual values are read on 1 February (:func:`~pensiones.rules.lookup_date`).

    Examples
    --------
    >>> primer_anio_resumen("lss2020"), primer_anio_resumen("lss1997")
    (2019, 2019)
    """
    inicio = max(_inicios(regimen).values())
    return inicio.year if inicio <= dt.date(inicio.year, 2, 1) else inicio.year + 1


def comprobar_anio_resumen(anio: int, regimen: str = "lss2020") -> int:
    """``anio`` if the summary of the rules in force can show it, else a ValueError naming the
    tables that start later (with their first dates, the UMA's among them) and how to see one table.
    """
    primero = primer_anio_resumen(regimen)
    if anio >= primero:
        return anio
    fecha = dt.date(anio, 2, 1)
    tarde = sorted((d, n) for n, d in _inicios(regimen).items() if d > fecha)
    raise ValueError(
        f"the summary of the rules in force ({regimen}) starts in {primero}: some of its tables have no value on "
        f"{fecha} ({', '.join(f'{n} starts on {d}' for d, n in tarde)}); "
        f"see one table's rows with: pensiones rules TABLE --year {anio}"
    )


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
