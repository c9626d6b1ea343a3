"""``pensiones run SCENARIO``: one scenario and its baseline on the same draws, written to a folder.

Every argument is checked before any work is done or any folder is made. The folder (default
``./resultados``) is written whole or not at all; a folder that holds only a previous run's files
(those its manifest lists) is replaced, so the same command can be run again; a folder with other
files is refused unless ``--overwrite`` is given (then the previous run's files are replaced and the
others kept).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pensiones.cli.options import PERSONS_DEFAULT, add_draws, add_out, add_years, check_years
from pensiones.cli.terminal import Interrupts, UsageError, epilog, fase, integer, load_scenario, nota
from pensiones.cli.validate import check as check_overlays

__all__ = [
    "add_parser", "run", "check_out", "prepare_engine", "COMPILE_SECONDS", "COMPILE_MINUTES", "COMPILE_TIME",
]

#: Seconds the engine takes to compile on a machine with 2 cores and an empty cache, to the nearest 5, as
#: ``benchmarks/cold_start.py`` measured it (benchmarks/README.md, "The first run"): stated before a compile.
COMPILE_SECONDS = 10
#: The same in whole minutes, at least 1 (kept for scripts that read it; the messages state seconds).
COMPILE_MINUTES = max(1, round(COMPILE_SECONDS / 60))
#: How the messages state it.
COMPILE_TIME = f"about {COMPILE_SECONDS} s on 2 cores"


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``run`` to the ``pensiones`` parser's subparsers."""
    p = subparsers.add_parser(
        "run",
        help="run a scenario end to end and write tables, charts and a summary",
        description="Simulate a scenario and a baseline on the same random draws and write a folder with the "
        "fiscal cost, outcome and ledger tables (CSV and one Excel workbook with a notes sheet), charts and "
        "resumen.txt. The folder is written whole or not at all; a folder holding only a previous run's files "
        "is replaced.",
        epilog=epilog(
            "pensiones run reforma_2020 --out resultados",
            "pensiones run semanas_1250 --persons 20000 --paths 10 --end 2060 --out semanas",
            "pensiones run mi_reforma.toml --population poblacion/ --no-outcomes --out mi_reforma",
        ),
    )
    p.add_argument("scenario", metavar="SCENARIO",
                   help="a built-in scenario name (see 'pensiones scenarios') or a .toml file")
    add_draws(p, population_metavar="DIR",
              population_help="a population in Parquet parts (Population.to_parquet), records at 1 January of "
              "--start, instead of the synthetic one")
    add_years(p, first="first simulated year", last="last simulated year",
              start_note="; the synthetic population and the Ley 73 opening stock exist for these years",
              end_note=", the end of the CONAPO projections; later years follow the scenario's "
              "Supuestos.poblacion_post_2070")
    p.add_argument("--threads", metavar="N", type=integer(1, 1024), default=None,
                   help="Numba threads, 1 to the machine's (default: all)")
    p.add_argument("--baseline", default="reforma_2020", metavar="SCENARIO",
                   help="scenario to compare against on the same draws (default reforma_2020, the law in force); "
                   "no comparison when it is the scenario itself")
    p.add_argument("--no-outcomes", action="store_true",
                   help="skip per-person outcomes (replacement-rate tables and chart): they take persons x paths "
                   "memory")
    add_out(p, default="resultados",
            out_help="output folder, written whole or not at all (default ./resultados); a folder holding only a "
            "previous run's files is replaced")
    return p


def check_out(out, overwrite: bool, command: str) -> bool:
    """Check ``--out`` before any work; return whether it may be replaced (``overwrite``, or it holds only
    a previous run's files)."""
    from pensiones._atomic import check_target, previous_run_only

    replace = overwrite or previous_run_only(out)
    try:
        check_target(out, overwrite=replace, what="argument --out:", hint="pass --overwrite")
    except (ValueError, OSError) as exc:
        message = str(exc) if str(exc).startswith("argument --out:") else f"argument --out: {exc}"
        raise UsageError(f"pensiones {command}: error: {message}") from None
    return replace


def _check(args: argparse.Namespace):
    """Every argument of ``run``, before any work or folder; returns (scenario, baseline or None,
    population or None, persons, replace)."""
    import numba

    from pensiones.simulation import comprobar_memoria_resultados

    check_years(args, "run")
    threads_max = numba.config.NUMBA_NUM_THREADS
    if args.threads is not None and not 1 <= args.threads <= threads_max:
        raise UsageError(
            f"pensiones run: error: argument --threads: must be a whole number from 1 to {threads_max} "
            f"(the threads Numba can use here), got {args.threads}"
        )
    scenario = load_scenario(args.scenario, "SCENARIO", "run")
    baseline = load_scenario(args.baseline, "--baseline", "run")
    population = None
    if args.population is not None:
        from pensiones.engine.parquet import ParquetPopulation
        from pensiones.engine.population import comprobar_fin_entrantes

        try:
            population = ParquetPopulation.open(args.population)
        except (ValueError, OSError) as exc:
            raise UsageError(f"pensiones run: error: argument --population: {exc}") from None
        try:  # as simulate refuses it, before the engine is compiled
            comprobar_fin_entrantes(population, args.end)
        except ValueError as exc:
            raise UsageError(f"pensiones run: error: arguments --population and --end: {exc}") from None
        persons = len(population)
    else:
        persons = args.persons if args.persons is not None else PERSONS_DEFAULT
    if not args.no_outcomes:
        try:  # the run keeps per-person outcomes for its tables: they must fit in memory
            comprobar_memoria_resultados(persons, args.paths)
        except ValueError as exc:
            raise UsageError(
                f"pensiones run: error: arguments --persons and --paths: {exc} (or pass --no-outcomes)"
            ) from None
    for option, sc in (("SCENARIO", scenario), ("--baseline", baseline)):
        check_overlays(sc, args.start, args.end, option, "run")
    replace = check_out(args.out, args.overwrite, "run")
    # the same scenario (every setting and overlay alike, whatever its name) needs no comparison; a
    # different scenario that happens to share the baseline's name still gets one
    same = baseline.to_toml() == scenario.to_toml()
    return scenario, (None if same else baseline), population, persons, replace


def prepare_engine() -> float:
    """The phase that compiles the engine when the on-disk cache does not hold it yet
    (:func:`pensiones.precompile`); returns the seconds spent compiling.

    It reads ``Preparing the engine``; when a compilation begins, a new line says so, with the time it
    takes on 2 cores and, on a terminal, the elapsed seconds, and ends ``compiled in N s``.
    """
    import pensiones

    with fase("Preparing the engine") as phase:

        def progress(event: str, seconds: float) -> None:
            if event == "start":
                phase.relabel(f"Compiling the engine for this machine (once; {COMPILE_TIME})")
            elif event == "end":
                phase.result = f"compiled in {seconds:.0f} s"

        return pensiones.precompile(progress=progress)


def run(args: argparse.Namespace, interrupts: Interrupts) -> int:
    """Run ``pensiones run``; errors are :class:`UsageError` or ``ValueError`` with a one-line message."""
    scenario, baseline, population, persons, replace = _check(args)

    import pensiones
    from pensiones._atomic import atomic_folder
    from pensiones.reporting.carpeta import archivos, escribir_resultados

    out = Path(args.out)
    if replace and not args.overwrite:
        nota(f"{out} holds only a previous run's files: they are replaced")
    bar = sys.stderr.isatty()  # the engine's own progress bar, on a terminal
    sizes = dict(paths=args.paths, seed=args.seed, start=args.start, end=args.end, threads=args.threads)
    outcomes = not args.no_outcomes
    interrupts.engine = True
    prepare_engine()
    if population is None:
        with fase(f"Building a synthetic population of {persons:,} records (seed {args.seed})"):
            # records at 1 January of --start; entrants until the last simulated year (2070 at least,
            # the builder's default), after CONAPO's 2070 in the cohorts the scenario assumes
            population = pensiones.Population.synthetic(
                persons, seed=args.seed, year=args.start, anio_fin=max(2070, args.end),
                poblacion_post_2070=scenario.supuestos.poblacion_post_2070,
            )
    years = args.end - args.start + 1
    label = f"Simulating {scenario.name}: {args.paths} paths x {years} years x {len(population):,} records"
    with fase(label, spinner=not bar):
        results = pensiones.simulate(population, scenario, outcomes=outcomes, progress=bar, **sizes)
    comparacion = None
    if baseline is not None:
        with fase(f"Simulating the baseline {baseline.name} on the same draws", spinner=not bar):
            base = pensiones.simulate(population, baseline, outcomes=False, progress=bar, **sizes)
        comparacion = pensiones.compare(base, results)
    interrupts.engine = False

    with atomic_folder(out, overwrite=replace, known=archivos(), note=nota, what="argument --out:",
                       hint="pass --overwrite") as tmp:
        written, summary = escribir_resultados(
            results, tmp, comparacion=comparacion, baseline=baseline.name if baseline is not None else None,
            fase=fase, note=nota,
        )
    print(summary)
    print(f"Wrote {len(written)} files to {out}{os.sep}")
    return 0
