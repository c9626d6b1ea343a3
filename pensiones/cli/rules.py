"""``pensiones rules``: the rule tables, the rules in force in a year, or one table."""

from __future__ import annotations

import argparse

import pandas as pd

from pensiones import garantizada, ley97, pbam
from pensiones._validation import check_integer
from pensiones.cli.terminal import UsageError, epilog, integer, is_year
from pensiones.rules import REGIMENES, load
from pensiones.rules.doc import comprobar_anio_resumen
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.ruleset import lookup_date

__all__ = ["add_parser", "run", "summary"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``rules`` to the ``pensiones`` parser's subparsers."""
    p = subparsers.add_parser(
        "rules", help="show the rules in force in a year, or one rule table",
        description="List the rule tables, show the rules in force in a year with their legal citations, or one table.",
        epilog=epilog("pensiones rules 2026", "pensiones rules semanas_minimas --year 2030",
                      "pensiones rules 2026 --regimen lss1997"),
    )
    p.add_argument("what", nargs="?", metavar="YEAR|TABLE",
                   help="a year (e.g. 2026) or a table name; omit to list the tables")
    p.add_argument("--year", metavar="YEAR", type=integer(1997, 2100),
                   help="with a table name: only the rows in force that year (1997 to 2100)")
    p.add_argument("--regimen", choices=REGIMENES, default="lss2020",
                   help="rule set: lss2020, the law in force (default), or lss1997, before the 2020 reform")
    return p


def summary(anio: int, regimen: str) -> str:
    rs = load(regimen)
    fecha = lookup_date(anio)
    lines = [f"Rules in force in {anio} (regime {regimen}; annual values as of {fecha})", ""]

    def cite(name: str) -> str:
        c = rs.rule_table(name).meta.citation_for(fecha)
        return f"{c.article} (DOF {c.dof:%d-%m-%Y})"

    def proj(name: str, **axes) -> str:
        return " [projected]" if rs.row(name, fecha, **axes).get("projected") else ""

    uma = rs.uma_diaria(fecha)
    sm = rs.salario_minimo_diario(fecha)
    lines += [
        f"UMA                      {uma:10.2f} pesos/day{proj('uma')}   {cite('uma')}",
        f"Minimum wage (general)   {sm:10.2f} pesos/day{proj('salario_minimo', zona='general')}   "
        f"{cite('salario_minimo')}",
        f"Minimum wage (ZLFN)      {rs.salario_minimo_diario(fecha, zona='zlfn'):10.2f} pesos/day",
        f"Minimum weeks (Ley 97)   {ley97.semanas_minimas(fecha, regimen=regimen):10d}            "
        f"{cite('semanas_minimas')}",
        f"Retiro (employer)        {ley97.tasa_retiro(fecha, regimen=regimen):10.4%}",
        f"CEAV (worker)            {ley97.tasa_trabajador_ceav(fecha, regimen=regimen):10.4%}",
        f"State CEAV contribution  {ley97.tasa_aportacion_estatal(fecha, regimen=regimen):10.4%} of employer CEAV",
        "",
        f"Employer CEAV by band    {cite('tasa_patronal_ceav')}",
    ]
    for row in rs.rows("tasa_patronal_ceav", fecha).itertuples():
        lines.append(f"  {row.banda:<26} {row.value:8.3%}")
    lines += ["", f"Cuota social, pesos/day, first quarter   {cite('cuota_social')}"]
    for row in ley97.tabla_cuota_social(anio, regimen=regimen).itertuples():
        note = "  (empty: below one minimum wage)" if row.vacia else ""
        lines.append(f"  {row.banda:<26} {row.pesos_diarios:10.5f}{note}")
    lines.append("")
    try:
        low = garantizada.monto_mensual(60, ley97.semanas_minimas(fecha, regimen=regimen), 1.0, fecha, regimen=regimen)
        if regimen == "lss2020":
            high = garantizada.monto_mensual(65, 2000, 6.0, fecha, regimen=regimen)
            lines.append(
                f"Guaranteed pension       {low:10.2f} to {high:.2f} pesos/month   {cite('pension_garantizada')}"
            )
        else:
            lines.append(f"Guaranteed pension       {low:10.2f} pesos/month")
    except RuleLookupError as exc:
        lines.append(f"Guaranteed pension       not available: {exc}")
    lines.append(
        f"PBAM                     {pbam.monto_bimestral(anio):10.2f} pesos/bimester from age "
        f"{pbam.edad_minima(anio)}{proj('pbam')}"
    )
    try:
        umbral = rs.value("fondo_bienestar_umbral", fecha)
        lines.append(f"Fondo Bienestar threshold{umbral:10.2f} pesos/month{proj('fondo_bienestar_umbral')}")
    except RuleLookupError:
        lines.append("Fondo Bienestar threshold   none (the fund starts on 2024-05-01)")
    if anio >= 2020:
        lines.append(f"Modalidad 40 rate        {rs.value('modalidad40_tasa', fecha):10.3%}")
    return "\n".join(lines)


def _rules(args: argparse.Namespace) -> int:
    rs = load(args.regimen)
    if args.what is None:
        width = max(map(len, rs.names))
        for name in rs.names:
            meta = rs.rule_table(name).meta
            print(f"{name:<{width}}  [{meta.unit}] {meta.label}")
        return 0
    if is_year(args.what):
        print(summary(comprobar_anio_resumen(int(args.what), args.regimen), args.regimen))
        return 0
    table = rs.rule_table(args.what)
    frame = table.to_frame()
    if args.year is not None:
        fecha = lookup_date(args.year, "argument --year:")
        if table.meta.layout == "snapshot":
            frame = rs.rows(args.what, fecha)
        else:
            axes = list(table.meta.axes)
            keys = frame[axes].drop_duplicates().to_dict("records") if axes else [{}]
            found = []
            for key in keys:
                try:
                    found.append(rs.row(args.what, fecha, **key))
                except RuleLookupError:
                    continue
            frame = pd.DataFrame(found)
    meta = table.meta
    print(f"{meta.name}: {meta.label} [{meta.unit}; status {meta.status}]")
    for c in meta.citations:
        print(f"  from {c.desde}: {c.article} (DOF {c.dof:%d-%m-%Y})")
    with pd.option_context("display.max_rows", 400, "display.width", 160):
        print(frame.to_string(index=False))
    return 0



def run(args: argparse.Namespace) -> int:
    """Run ``pensiones rules``; a bad year or table is a :class:`UsageError`."""
    if args.what is not None and is_year(args.what):
        try:
            check_integer("year", int(args.what), minimum=1997, maximum=2100)
        except ValueError as exc:
            raise UsageError(f"pensiones rules: error: argument YEAR|TABLE: {exc}") from None
    try:
        return _rules(args)
    except KeyError as exc:
        raise UsageError(f"pensiones rules: error: argument YEAR|TABLE: {exc.args[0] if exc.args else exc}") from None

