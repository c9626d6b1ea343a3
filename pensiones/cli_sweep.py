"""``pensiones sweep``: several scenarios on one population and seed, on a Dask cluster.

``pensiones sweep SCENARIO... --paths N --persons N --seed S --workers W [--scheduler ADDRESS] --out DIR``

Writes ``DIR/<scenario>/`` with the same files as ``pensiones run`` for each scenario (tables in CSV
and one workbook, plots, ``resumen.txt``; every scenario after the first with its comparison
against the first), plus ``DIR/comparacion.csv`` (each scenario minus the first, path by path on
common random numbers) and ``DIR/resumen.txt``. The folder is written beside its final place and
renamed into it when whole.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

__all__ = ["add_parser", "run", "escribir_escenario"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``sweep`` subcommand to the ``pensiones`` parser's subparsers."""
    from pensiones.cli import PATHS_MAX, PERSONS_MAX, SEED_MAX, YEAR_MAX, YEAR_MIN, _integer

    p = subparsers.add_parser(
        "sweep", help="run several scenarios on one population and seed on a Dask cluster, with comparisons",
        description="Simulate several scenarios on one population and seed (common random numbers) on a Dask "
        "cluster and write one folder per scenario plus a comparison against the first.",
    )
    p.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                   help="built-in scenario names or TOML files; the first is the baseline of the comparisons")
    p.add_argument("--paths", metavar="N", type=_integer(1, PATHS_MAX), default=20, help=f"stochastic paths, 1 to {PATHS_MAX:,} (default 20)")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--persons", metavar="N", type=_integer(1, PERSONS_MAX), default=None,
                        help="records of the synthetic population (default 100,000)")
    source.add_argument("--population", default=None, metavar="FOLDER",
                        help="a population in Parquet parts (Population.to_parquet), read on the workers")
    p.add_argument("--seed", metavar="S", type=_integer(0, SEED_MAX), default=2025, help="random seed, 0 to 2**63-1 (default 2025)")
    p.add_argument("--workers", metavar="W", type=_integer(1, 1024), default=None,
                   help="worker processes of the local Dask cluster (default: one per core)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="address of a running Dask scheduler (e.g. tcp://10.0.0.5:8786) instead of a local cluster")
    p.add_argument("--out", default="resultados_sweep", metavar="DIR", help="output folder, must not exist or be empty (default ./resultados_sweep)")
    p.add_argument(
        "--overwrite", action="store_true",
        help="replace DIR if it is not empty: the previous run's files go as a whole; files pensiones did not write are kept",
    )
    p.add_argument("--start", metavar="YEAR", type=_integer(YEAR_MIN, YEAR_MAX), default=2025, help=f"first simulated year, {YEAR_MIN} to {YEAR_MAX} (default 2025)")
    p.add_argument("--end", metavar="YEAR", type=_integer(YEAR_MIN, YEAR_MAX), default=2070, help=f"last simulated year, --start to {YEAR_MAX} (default 2070)")
    p.add_argument("--no-outcomes", action="store_true",
                   help="skip per-person outcomes (replacement-rate tables and plot): they take persons x paths memory here")
    return p


#: Top-level files of a sweep's folder: no scenario folder may take their names.
_RESERVADOS = {"resumen.txt", "comparacion.csv", ".pensiones-manifest.json"}


def carpetas_escenarios(names: list[str]) -> dict[str, str]:
    """A safe, distinct folder name for each scenario name (a scenario's ``nombre`` comes from its file).

    Characters other than letters, digits, ``_``, ``-``, ``+`` and ``.`` become ``_``; no leading dot;
    names that collide (ignoring case) or take a reserved file name get ``~2``, ``~3`` ...

    >>> carpetas_escenarios(["reforma_2020", "../x", "/abs", "", "resumen.txt", "A", "a"])
    {'reforma_2020': 'reforma_2020', '../x': '_._x', '/abs': '_abs', '': 'escenario', 'resumen.txt': 'resumen.txt~2', 'A': 'A', 'a': 'a~2'}
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
    """Write one scenario's files as ``pensiones run`` does (:func:`pensiones.cli.escribir_resultados`)."""
    import contextlib

    from pensiones.cli import escribir_resultados

    out.mkdir(parents=True)
    written, _ = escribir_resultados(
        results, out, comparacion=comparacion, baseline=baseline, fase=lambda label: contextlib.nullcontext()
    )
    return written


def run(args: argparse.Namespace) -> int:
    """Run ``pensiones sweep``; errors are ``ValueError`` with a one-line message."""
    import pensiones
    from pensiones.distributed import _dask, _escenarios, cluster_local

    from pensiones._atomic import atomic_folder, check_target
    from pensiones.reporting.export import tabla_inerte

    out = Path(args.out).resolve()
    check_target(out, overwrite=args.overwrite, what="argument --out:", hint="pass --overwrite")
    if args.scheduler is not None and args.workers is not None:
        raise ValueError("--workers sizes the local cluster; with --scheduler the cluster's own workers are used")
    escenarios = _escenarios(list(args.scenarios))
    names = list(escenarios)
    carpetas = carpetas_escenarios(names)
    if args.population is not None:
        population = pensiones.ParquetPopulation.open(args.population)
        print(f"Population: {len(population):,} records in {len(population.partes)} Parquet parts at {population.path}")
    else:
        persons = args.persons if args.persons is not None else 100_000
        print(f"Building a synthetic population of {persons:,} records (seed {args.seed})...", flush=True)
        # entrants until the last simulated year (2070 at least, the builder's default)
        population = pensiones.Population.synthetic(persons, seed=args.seed, anio_fin=max(2070, args.end))
    distributed = _dask()
    cluster = None
    if args.scheduler is not None:
        client = distributed.Client(args.scheduler)
        print(f"Dask scheduler {args.scheduler}: {len(client.nthreads())} workers; dashboard {client.dashboard_link}")
    else:
        cluster, client = cluster_local(args.workers)
    try:
        print(f"Simulating {', '.join(names)}: {args.paths} paths, {args.start}-{args.end}, seed {args.seed}...", flush=True)
        results = pensiones.sweep(
            population, escenarios, paths=args.paths, seed=args.seed, start=args.start, end=args.end, client=client,
            outcomes=not args.no_outcomes, progress=True,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    # whole or absent, as pensiones run
    with atomic_folder(out, overwrite=args.overwrite, what="argument --out:", hint="pass --overwrite") as tmp:
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
            tabla_inerte(table).to_csv(tmp / "comparacion.csv", index=False)
            files += 1
        (tmp / "resumen.txt").write_text("\n".join(lines), encoding="utf-8")
    for name in names:
        print(f"== {name}")
        print((out / carpetas[name] / "resumen.txt").read_text(encoding="utf-8"))
    print(f"Wrote {files + 1} files to {out}/")
    return 0
