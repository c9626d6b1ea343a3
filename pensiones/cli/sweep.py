"""``pensiones sweep``: several scenarios on one population and seed, on a Dask cluster.

``pensiones sweep SCENARIO... --paths N --persons N --seed S --workers W [--scheduler ADDRESS] --out DIR``

Writes ``DIR/<scenario>/`` with the same files as ``pensiones run`` for each scenario (tables in CSV
and one workbook, plots, ``resumen.txt``; every scenario after the first with its comparison
against the first), plus ``DIR/comparacion.csv`` (each scenario minus the first, path by path on
common random numbers) and ``DIR/resumen.txt``. The folder is written beside its final place and
renamed into it when whole. Every argument is checked, and a ``--scheduler`` asked who it is, before
the population is built or a cluster started.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from pensiones.cli.options import PERSONS_DEFAULT, add_draws, add_out, add_years, check_years
from pensiones.cli.run import check_out, prepare_engine
from pensiones.cli.terminal import UsageError, epilog, integer, load_scenario
from pensiones.cli.validate import check as check_overlays

__all__ = ["add_parser", "run", "escribir_escenario", "carpetas_escenarios"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``sweep`` subcommand to the ``pensiones`` parser's subparsers."""
    p = subparsers.add_parser(
        "sweep", help="run several scenarios on one population and seed on a Dask cluster, with comparisons",
        description="Simulate several scenarios on one population and seed (common random numbers) on a Dask "
        "cluster and write one folder per scenario plus a comparison against the first.",
        epilog=epilog(
            "pensiones sweep reforma_2020 semanas_1250 edad_retiro_67 --paths 10 --out barrido",
            "pensiones sweep reforma_2020 mi_reforma.toml --scheduler tcp://10.0.0.5:8786 --population poblacion/",
        ),
    )
    p.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                   help="built-in scenario names or TOML files; the first is the baseline of the comparisons")
    add_draws(p, population_metavar="FOLDER",
              population_help="a population in Parquet parts (Population.to_parquet), read on the workers")
    p.add_argument("--workers", metavar="W", type=integer(1, 1024), default=None,
                   help="worker processes of the local Dask cluster, 1 to one per core as memory allows (default: "
                   "that many)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="address of a running Dask scheduler (e.g. tcp://10.0.0.5:8786) instead of a local cluster; "
                   "it must answer within 10 s")
    add_out(p, default="resultados_sweep",
            out_help="output folder (default ./resultados_sweep): absent, empty, or holding only a previous run's "
            "files")
    add_years(p, first="first simulated year", last="last simulated year")
    p.add_argument("--no-outcomes", action="store_true",
                   help="skip per-person outcomes (replacement-rate tables and plot): they take persons x paths "
                   "memory here")
    return p


#: Top-level files of a sweep's folder: no scenario folder may take their names.
_RESERVADOS = {"resumen.txt", "comparacion.csv", ".pensiones-manifest.json"}


def carpetas_escenarios(names: list[str]) -> dict[str, str]:
    """A safe, distinct folder name for each scenario name (a scenario's ``nombre`` comes from its file).

    Characters other than letters, digits, ``_``, ``-``, ``+`` and ``.`` become ``_``; no leading dot;
    names that collide (ignoring case) or take a reserved file name get ``~2``, ``~3`` ...

    >>> carpetas_escenarios(["reforma_2020", "../x", "/abs", "", "resumen.txt", "A", "a"])
    {'reforma_2020': 'reforma_2020', '../x': '_._x', '/abs': '_abs', '': 'escenario',
     'resumen.txt': 'resumen.txt~2', 'A': 'A', 'a': 'a~2'}
    """
    import re

    out: dict[str, str] = {}
    used = {r.lower() for r in _RESERVADOS}
    for name in names:
        base = re.sub(r"[^A-Za-z0-9_+.-]", "_", name)[:100] or "escenario"
        if base.startswith("."):
            base = "_" + base[1:]
        folder, k = base, 1
        while folder.lower() in used:
            k += 1
            folder = f"{base}~{k}"
        used.add(folder.lower())
        out[name] = folder
    return out


def escribir_escenario(results, out: Path, *, comparacion=None, baseline: str | None = None) -> list[Path]:
    """Write one scenario's files as ``pensiones run`` does
    (:func:`pensiones.reporting.carpeta.escribir_resultados`)."""
    from pensiones.cli.terminal import nota
    from pensiones.reporting.carpeta import escribir_resultados

    out.mkdir(parents=True)
    written, _ = escribir_resultados(results, out, comparacion=comparacion, baseline=baseline, note=nota)
    return written


def _check(args: argparse.Namespace):
    """Every argument, before the population is built or a cluster started: (scenarios by name, replace)."""
    from pensiones import distributed
    from pensiones.simulation import escenarios_por_nombre

    check_years(args, "sweep")
    if args.scheduler is not None and args.workers is not None:
        raise UsageError("pensiones sweep: error: argument --workers: sizes the local cluster; with --scheduler the "
                         "cluster's own workers are used")
    if args.workers is not None:
        maximo, razon = distributed.trabajadores_maximos()
        if args.workers > maximo:
            raise UsageError(f"pensiones sweep: error: argument --workers: must be from 1 to {maximo} on this "
                             f"machine ({razon}), got {args.workers}")
    loaded = [load_scenario(text, "SCENARIO", "sweep") for text in args.scenarios]
    try:
        escenarios = escenarios_por_nombre(loaded)
    except ValueError as exc:
        raise UsageError(f"pensiones sweep: error: argument SCENARIO: {exc}") from None
    for sc in escenarios.values():
        check_overlays(sc, args.start, args.end, "SCENARIO", "sweep")
    replace = check_out(Path(args.out).resolve(), args.overwrite, "sweep")
    return escenarios, replace


def run(args: argparse.Namespace) -> int:
    """Run ``pensiones sweep``; errors are :class:`UsageError` or ``ValueError`` with a one-line message."""
    import pensiones
    from pensiones import distributed
    from pensiones._atomic import atomic_folder

    from pensiones.cli.terminal import nota

    escenarios, replace = _check(args)
    out = Path(args.out).resolve()
    if replace and not args.overwrite:
        nota(f"{out} holds only a previous run's files: they are replaced")
    names = list(escenarios)
    carpetas = carpetas_escenarios(names)
    client = cluster = None
    if args.scheduler is not None:  # asked who it is before any work: a wrong address fails in seconds
        try:
            client = distributed.conectar(args.scheduler)
        except ValueError as exc:
            raise UsageError(f"pensiones sweep: error: argument --scheduler: {exc}") from None
    try:
        if client is None:  # local workers load what this process compiles from the on-disk cache
            prepare_engine()
        if args.population is not None:
            population = pensiones.ParquetPopulation.open(args.population)
            print(f"Population: {len(population):,} records in {len(population.partes)} Parquet parts at "
                  f"{population.path}")
        else:
            persons = args.persons if args.persons is not None else PERSONS_DEFAULT
            print(f"Building a synthetic population of {persons:,} records (seed {args.seed})...", flush=True)
            # records at 1 January of --start; entrants until the last simulated year (2070 at least)
            population = pensiones.Population.synthetic(persons, seed=args.seed, year=args.start,
                                                        anio_fin=max(2070, args.end))
        if client is not None:
            print(f"Dask scheduler {args.scheduler}: {len(client.nthreads())} workers; "
                  f"dashboard {client.dashboard_link}")
        else:
            cluster, client = distributed.cluster_local(args.workers)
        print(f"Simulating {', '.join(names)}: {args.paths} paths, {args.start}-{args.end}, seed {args.seed}...",
              flush=True)
        results = pensiones.sweep(
            population, escenarios, paths=args.paths, seed=args.seed, start=args.start, end=args.end, client=client,
            outcomes=not args.no_outcomes, progress=True,
        )
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    # whole or absent, as pensiones run
    with atomic_folder(out, overwrite=replace, what="argument --out:", hint="pass --overwrite") as tmp:
        base = names[0]
        comparaciones = []
        lines = [
            (f"pensiones sweep: {len(names)} scenarios, seed {args.seed}, {args.paths} paths, "
             f"{len(population):,} records, years {args.start}-{args.end}; baseline {base}"),
            "",
        ]
        files = 0
        for name in names:
            comparacion = None
            if name != base:
                comparacion = pensiones.compare(results[base], results[name])
                comparaciones.append(comparacion.assign(scenario=name))
            folder = tmp / carpetas[name]
            files += len(escribir_escenario(results[name], folder, comparacion=comparacion, baseline=base))
            lines.append(f"== {name} ({carpetas[name]}/)")
            lines.append((folder / "resumen.txt").read_text(encoding="utf-8"))
        if comparaciones:
            table = pd.concat(comparaciones, ignore_index=True)
            table = table[["scenario"] + [c for c in table.columns if c != "scenario"]]
            from pensiones.reporting.export import tabla_inerte

            tabla_inerte(table).to_csv(tmp / "comparacion.csv", index=False)
            files += 1
        (tmp / "resumen.txt").write_text("\n".join(lines), encoding="utf-8")
    for name in names:
        print(f"== {name}")
        print((out / carpetas[name] / "resumen.txt").read_text(encoding="utf-8"))
    print(f"Wrote {files + 1} files to {out}/")
    return 0
