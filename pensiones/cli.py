"""The ``pensiones`` command line.

``pensiones rules``             list the rule tables of a regime
``pensiones rules 2026``        the rules in force in a year, with their legal citations
``pensiones rules TABLE``       one table (``--year Y``: only the rows in force that year)
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from pensiones import garantizada, ley97, pbam
from pensiones.rules import REGIMENES, load
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.ruleset import fecha_de_anio


def _summary(anio: int, regimen: str) -> str:
    rs = load(regimen)
    fecha = fecha_de_anio(anio)
    lines = [f"Rules in force in {anio} (regime {regimen}; annual values as of {fecha})", ""]

    def cite(name: str) -> str:
        c = rs.tabla(name).meta.citation_for(fecha)
        return f"{c.article} (DOF {c.dof:%d-%m-%Y})"

    def proj(name: str, **axes) -> str:
        return " [projected]" if rs.row(name, fecha, **axes).get("projected") else ""

    uma = rs.uma_diaria(fecha)
    sm = rs.salario_minimo_diario(fecha)
    lines += [
        f"UMA                      {uma:10.2f} pesos/day{proj('uma')}   {cite('uma')}",
        f"Minimum wage (general)   {sm:10.2f} pesos/day{proj('salario_minimo', zona='general')}   {cite('salario_minimo')}",
        f"Minimum wage (ZLFN)      {rs.salario_minimo_diario(fecha, zona='zlfn'):10.2f} pesos/day",
        f"Minimum weeks (Ley 97)   {ley97.semanas_minimas(fecha, regimen=regimen):10d}            {cite('semanas_minimas')}",
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
            lines.append(f"Guaranteed pension       {low:10.2f} to {high:.2f} pesos/month   {cite('pension_garantizada')}")
        else:
            lines.append(f"Guaranteed pension       {low:10.2f} pesos/month")
    except RuleLookupError as exc:
        lines.append(f"Guaranteed pension       not available: {exc}")
    lines.append(
        f"PBAM                     {pbam.monto_bimestral(anio):10.2f} pesos/bimester from age {pbam.edad_minima(anio)}{proj('pbam')}"
    )
    try:
        umbral = rs.valor("fondo_bienestar_umbral", fecha)
        lines.append(f"Fondo Bienestar threshold{umbral:10.2f} pesos/month{proj('fondo_bienestar_umbral')}")
    except RuleLookupError:
        lines.append("Fondo Bienestar threshold   none (the fund starts on 2024-05-01)")
    if anio >= 2020:
        lines.append(f"Modalidad 40 rate        {rs.valor('modalidad40_tasa', fecha):10.3%}")
    return "\n".join(lines)


def _rules(args: argparse.Namespace) -> int:
    rs = load(args.regimen)
    if args.what is None:
        width = max(map(len, rs.names))
        for name in rs.names:
            meta = rs.tabla(name).meta
            print(f"{name:<{width}}  [{meta.unit}] {meta.label}")
        return 0
    if args.what.isdigit():
        print(_summary(int(args.what), args.regimen))
        return 0
    table = rs.tabla(args.what)
    frame = table.to_frame()
    if args.year is not None:
        fecha = fecha_de_anio(args.year, "--year")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pensiones", description="Mexico's IMSS pension rules and projections")
    sub = parser.add_subparsers(dest="command", required=True)
    p_rules = sub.add_parser("rules", help="show the rules in force in a year, or one rule table")
    p_rules.add_argument("what", nargs="?", help="a year (e.g. 2026) or a table name; omit to list the tables")
    p_rules.add_argument("--year", type=int, help="with a table name: only the rows in force that year")
    p_rules.add_argument("--regimen", choices=REGIMENES, default="lss2020", help="rule set (default lss2020)")
    args = parser.parse_args(argv)
    try:
        return _rules(args)
    except (ValueError, KeyError) as exc:
        print(f"pensiones: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
