"""The ``pensiones`` command line.

``pensiones run SCENARIO``      run a scenario end to end: tables (CSV, one .xlsx), plots (PNG), summary
``pensiones sweep A B ...``     several scenarios on one seed on a Dask cluster (:mod:`pensiones.cli_sweep`)
``pensiones scenarios``         list the built-in scenarios
``pensiones rules``             list the rule tables of a regime
``pensiones rules 2026``        the rules in force in a year, with their legal citations
``pensiones rules TABLE``       one table (``--year Y``: only the rows in force that year)
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from pensiones import cli_sweep, garantizada, ley97, pbam
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


def _resumen(results, comparacion=None) -> str:
    fc = results.fiscal_cost()
    mean = fc[(fc.stat == "mean") & (fc.measure == "pct_pib")].pivot(index="year", columns="component", values="value")
    band = fc[(fc.component == "total") & (fc.measure == "pct_pib")].pivot(index="year", columns="stat", values="value")
    p = results.provenance
    lines = [
        f"pensiones {p['version']} - scenario {p['escenario']}: {results.escenario.descripcion}",
        f"seed {p['seed']}, {p['paths']} paths, {p['personas']:,} records, years {p['anios']}, parameters {p['parametros_hash']}",
        "",
        "Fiscal cost, % of GDP (mean over paths; total with 5-95 % band)",
        f"{'year':>6} {'total':>7} {'p5':>6} {'p95':>6} " + " ".join(f"{c[:10]:>10}" for c in mean.columns if c != "total"),
    ]
    for year in mean.index:
        if year % 5 == 0 or year == mean.index[0]:
            row = mean.loc[year]
            lines.append(
                f"{year:>6} {row['total']:7.2f} {band.loc[year, 'p5']:6.2f} {band.loc[year, 'p95']:6.2f} "
                + " ".join(f"{row[c]:10.3f}" for c in mean.columns if c != "total")
            )
    if results.outcomes_array is not None:
        o = results.outcomes().set_index(["grupo", "valor"])
        lines += ["", "Outcomes of people retiring by the end of the horizon (shares of retirees)"]
        for key, label in ((("todos", "todos"), "all"), (("sexo", "H"), "men"), (("sexo", "M"), "women")):
            r = o.loc[key]
            lines.append(
                f"  {label:6s} replacement rate {r.tasa_reemplazo_media:5.2f} (median {r.tasa_reemplazo_p50:4.2f}); "
                f"pension {r.con_pension:5.1%}, guaranteed {r.pension_garantizada:5.1%}, negativa {r.negativa:5.1%}, "
                f"Fondo Bienestar {r.fondo_bienestar:5.1%}"
            )
    if comparacion is not None:
        c = comparacion[(comparacion.component == "total") & (comparacion.measure == "pct_pib")].pivot(
            index="year", columns="stat", values="value"
        )
        lines += ["", "Reform minus baseline, total fiscal cost, % of GDP (mean [p5, p95])"]
        for year in c.index:
            if year % 10 == 0:
                lines.append(f"  {year}: {c.loc[year, 'mean']:+.3f} [{c.loc[year, 'p5']:+.3f}, {c.loc[year, 'p95']:+.3f}]")
    return "\n".join(lines) + "\n"


def _run(args: argparse.Namespace) -> int:
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import pensiones
    from pensiones.reporting import plots

    scenario = pensiones.Scenario.load(args.scenario)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"Building a synthetic population of {args.persons:,} records (seed {args.seed})...", flush=True)
    population = pensiones.Population.synthetic(args.persons, seed=args.seed)
    print(f"Simulating {scenario.nombre}: {args.paths} paths, {args.start}-{args.end}...", flush=True)
    results = pensiones.simulate(
        population, scenario, paths=args.paths, seed=args.seed, start=args.start, end=args.end,
        threads=args.threads, outcomes=True, progress=True,
    )
    comparacion = None
    extra = {}
    if scenario.nombre != args.baseline:
        print(f"Simulating the baseline {args.baseline} on the same draws...", flush=True)
        base = pensiones.simulate(
            population, pensiones.Scenario.load(args.baseline), paths=args.paths, seed=args.seed, start=args.start,
            end=args.end, threads=args.threads, outcomes=False, progress=True,
        )
        comparacion = pensiones.compare(base, results)
        extra["comparacion"] = comparacion
    written = results.export(out, formatos=("csv", "xlsx")) if not extra else pensiones.reporting.export(
        results, out, formatos=("csv", "xlsx"), extra=extra
    )
    figures = {
        "costo_fiscal_abanico.png": plots.abanico_costo_fiscal(results),
        "costo_fiscal_componentes.png": plots.componentes_pib(results),
        "tasas_reemplazo.png": plots.tasas_reemplazo(results),
    }
    if comparacion is not None:
        figures["diferencia_reforma.png"] = plots.diferencia_reforma(comparacion, titulo=f"{scenario.nombre} minus {args.baseline}")
    for name, fig in figures.items():
        fig.savefig(out / name, dpi=120, bbox_inches="tight")
        plt.close(fig)
        written.append(out / name)
    summary = _resumen(results, comparacion)
    (out / "resumen.txt").write_text(summary, encoding="utf-8")
    written.append(out / "resumen.txt")
    print(summary)
    print(f"Wrote {len(written)} files to {out}/")
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    from pensiones.scenarios import escenarios_incluidos

    for name, description in escenarios_incluidos().items():
        print(f"{name:28s} {description}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pensiones", description="Mexico's IMSS pension rules and projections")
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="run a scenario end to end and write tables, plots and a summary")
    p_run.add_argument("scenario", help="a built-in scenario name (see 'pensiones scenarios') or a TOML file")
    p_run.add_argument("--paths", type=int, default=20, help="stochastic paths (default 20)")
    p_run.add_argument("--persons", type=int, default=100_000, help="records of the synthetic population (default 100,000)")
    p_run.add_argument("--seed", type=int, default=2025, help="random seed (default 2025)")
    p_run.add_argument("--out", default="resultados", help="output folder (default ./resultados)")
    p_run.add_argument("--start", type=int, default=2025)
    p_run.add_argument("--end", type=int, default=2070)
    p_run.add_argument("--threads", type=int, default=None)
    p_run.add_argument("--baseline", default="reforma_2020", help="scenario to compare against (default reforma_2020)")
    cli_sweep.add_parser(sub)
    p_sc = sub.add_parser("scenarios", help="list the built-in scenarios")
    del p_sc
    p_rules = sub.add_parser("rules", help="show the rules in force in a year, or one rule table")
    p_rules.add_argument("what", nargs="?", help="a year (e.g. 2026) or a table name; omit to list the tables")
    p_rules.add_argument("--year", type=int, help="with a table name: only the rows in force that year")
    p_rules.add_argument("--regimen", choices=REGIMENES, default="lss2020", help="rule set (default lss2020)")
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "sweep":
            return cli_sweep.run(args)
        if args.command == "scenarios":
            return _scenarios(args)
        return _rules(args)
    except (ValueError, KeyError) as exc:
        print(f"pensiones: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
