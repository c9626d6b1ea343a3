"""The ``pensiones`` command line.

``pensiones run SCENARIO``       run a scenario end to end: tables (CSV, one .xlsx), charts (PNG), summary
``pensiones sweep A B ...``      several scenarios on one seed on a Dask cluster (:mod:`pensiones.cli_sweep`)
``pensiones scenarios``          list the built-in scenarios
``pensiones scenarios NAME``     one scenario: its description, rationale and TOML
``pensiones rules``              list the rule tables of a regime
``pensiones rules 2026``         the rules in force in a year, with their legal citations
``pensiones rules TABLE``        one table (``--year Y``: only the rows in force that year)
``pensiones --version``

Every argument is checked before any work is done or any folder is made; an error is one line on
stderr naming the argument and what it accepts, with exit status 2 (1 for a failure to read or
write files, 130 when interrupted). ``pensiones run`` writes its folder whole or not at all.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import signal
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

from pensiones import __version__, cli_sweep, garantizada, ley97, pbam
from pensiones._atomic import atomic_folder, check_target
from pensiones._validation import check_integer
from pensiones.calendario import ANIO_MAX, PERSONAS_MAX, SEMILLA_MAX, TRAYECTORIAS_MAX
from pensiones.engine import componentes as C
from pensiones.reporting.fiscal import COMPONENTES_FISCALES
from pensiones.rules import REGIMENES, load
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.ruleset import fecha_de_anio

#: Exit statuses: bad input, failure to read or write, interrupted (128 + SIGINT), broken pipe.
EXIT_USAGE, EXIT_IO, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 2, 1, 130, 141

#: Limits of ``pensiones run`` (those of :func:`pensiones.simulate` and ``Population.synthetic``).
PATHS_MAX, PERSONS_MAX, SEED_MAX, YEAR_MIN, YEAR_MAX = TRAYECTORIAS_MAX, PERSONAS_MAX, SEMILLA_MAX, 2025, ANIO_MAX

#: Charts written by ``pensiones run`` (and, with a baseline, ``diferencia_reforma.png``).
FIGURES = ("costo_fiscal_abanico.png", "costo_fiscal_componentes.png", "tasas_reemplazo.png", "diferencia_reforma.png")
SUMMARY = "resumen.txt"

#: Labels of the payers (``Results.cost_by_payer``), for the summary.
PAGADORES_ETIQUETAS = {
    "gobierno_federal": "Federal Government",
    "fondo_bienestar": "Fondo de Pensiones para el Bienestar",
    "imss": "IMSS (RJP J003, survivors J002)",
    "cuenta_individual": "Individual accounts and insurers",
}

#: English labels of the fiscal components, for the summary.
LABELS = {
    "cuota_social": "Cuota social",
    "aportacion_estatal": "State CEAV contribution",
    "ley73": "Ley 73 pensions",
    "pension_garantizada": "Guaranteed pension",
    "fondo_bienestar": "Fondo Bienestar",
    "pbam": "PBAM",
    "mujeres_bienestar": "Mujeres Bienestar",
    "transferencia_rcv_ley73": "CEAV transferred (Ley 73)",
    "licencias_140bis": "Art. 140 Bis leave",
    "sobrevivientes_ley73": "Survivors' pensions (Ley 73)",
    "sobrevivientes_pg": "Survivors' pensions (guaranteed pension)",
    "total": "Total",
}


class _UsageError(Exception):
    """A bad command line: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage block) raised to :func:`main`."""

    def _print_message(self, message, file=None):
        # argparse swallows a failed write (OSError) and exits 0: here --help and --version either
        # reach their reader or fail loudly (a closed pipe is handled by main)
        if message:
            file = file or sys.stderr
            file.write(message)
            file.flush()

    def error(self, message: str):  # noqa: D401 - argparse's hook
        raise _UsageError(f"{self.prog}: error: {message}")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _number(n: int) -> str:
    return f"{n:,}" if n >= 10_000 else str(n)


def _integer(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {_number(low)} to {_number(high)}, got {text!r}")
        return value

    return parse


def _not_a_file(text: str) -> str | None:
    """Why an existing path cannot be a scenario file (a folder, a device, a FIFO), or None."""
    try:
        path = Path(text)
        if path.is_dir():
            return f"{text} is a folder, not a scenario .toml file"
        if path.exists() and not path.is_file():
            return f"{text} is not a regular file (a device, a FIFO or a socket), not a scenario .toml file"
    except (OSError, ValueError):  # a name the system cannot look up: Scenario.load reports it
        return None
    return None


def _is_year(text: str) -> bool:
    return text.isascii() and text.isdigit()


# -- pensiones rules ---------------------------------------------------------------------------------
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
    if _is_year(args.what):
        print(_summary(int(args.what), args.regimen))
        return 0
    table = rs.tabla(args.what)
    frame = table.to_frame()
    if args.year is not None:
        fecha = fecha_de_anio(args.year, "argument --year:")
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


# -- pensiones run: summary ----------------------------------------------------------------------------
def _years_shown(years) -> list[int]:
    years = [int(y) for y in years]
    if len(years) <= 10:
        return years
    step = 5 if len(years) <= 50 else 10
    shown = [y for y in years if (y - years[0]) % step == 0]
    return shown + ([years[-1]] if shown[-1] != years[-1] else [])


def _fmt(value: float, spec: str) -> str:
    return "n/a" if pd.isna(value) else format(value, spec)


def _resumen(results, comparacion=None, baseline: str | None = None) -> str:
    """The plain-text summary of a run (``resumen.txt``)."""
    fc = results.fiscal_cost()
    pct = fc[fc.measure == "pct_pib"]
    mean = pct[pct.stat == "mean"].pivot(index="year", columns="component", values="value")
    band = pct[pct.component == "total"].pivot(index="year", columns="stat", values="value")
    p = results.provenance
    years = _years_shown(mean.index)
    width = max(len(v) for v in LABELS.values()) + 4
    head = " " * width + "".join(f"{y:>8}" for y in years)
    lines = [
        f"pensiones {p['version']} - scenario {p['escenario']}: {results.escenario.descripcion}",
        f"Seed {p['seed']}, {p['paths']} paths, {p['personas']:,} records, years {p['anios']}; "
        f"parameters {p['parametros_hash']}, population {p.get('poblacion_hash', 'n/a')}",
        "Amounts in Mexican pesos (MXN); constant pesos at 2025 prices (INPC of June). "
        "Sex: H = hombre (male), M = mujer (female).",
        "",
        f"Fiscal cost, % of GDP (mean over {p['paths']} paths; total with its 5-95 % band over paths)",
        head,
    ]
    components = [c for c in COMPONENTES_FISCALES if c in mean.columns]
    components += [c for c in mean.columns if c not in components and c != "total"]
    for c in components + ["total"]:
        lines.append(f"{LABELS.get(c, c):<{width}}" + "".join(f"{mean.loc[y, c]:8.3f}" for y in years))
    lines.append(f"{'  total, 5th percentile':<{width}}" + "".join(f"{band.loc[y, 'p5']:8.3f}" for y in years))
    lines.append(f"{'  total, 95th percentile':<{width}}" + "".join(f"{band.loc[y, 'p95']:8.3f}" for y in years))
    cb = results.cost_by_payer()
    cb = cb[(cb.component == "total") & (cb.measure == "pct_pib") & (cb.stat == "mean")]
    por_pagador = cb.pivot(index="year", columns="payer", values="value")
    lines += ["", "Every peso by who pays, % of GDP (mean; costo_por_pagador.csv has each line)", head]
    for payer, label in PAGADORES_ETIQUETAS.items():
        if payer in por_pagador.columns:
            lines.append(f"{label:<{width}}" + "".join(f"{por_pagador.loc[y, payer]:8.3f}" for y in years))
    if results.outcomes_array is not None:
        o = results.outcomes().set_index(["group", "value"])
        last = int(results.years[-1])
        lines += [
            "",
            f"Outcomes of the people retiring by {last} (weighted; shares of retirees)",
            f"{'':<22}{'retirees':>12}{'replacement rate':>18}{'':>8}{'with a':>9}{'guaranteed':>12}{'negativa':>10}{'Fondo':>11}",
            f"{'':<22}{'(persons)':>12}{'mean':>18}{'median':>8}{'pension':>9}{'pension':>12}{'':>10}{'Bienestar':>11}",
        ]
        for key, label in ((("todos", "todos"), "all"), (("sexo", "H"), "men (H, hombres)"), (("sexo", "M"), "women (M, mujeres)")):
            if key not in o.index:
                continue
            r = o.loc[key]
            lines.append(
                f"{label:<22}{r.retirees_persons:>12,.0f}{_fmt(r.replacement_rate_mean, '.2f'):>18}"
                f"{_fmt(r.replacement_rate_p50, '.2f'):>8}{_fmt(r.share_pensioned, '.1%'):>9}"
                f"{_fmt(r.share_pension_garantizada, '.1%'):>12}{_fmt(r.share_negativa, '.1%'):>10}"
                f"{_fmt(r.share_fondo_bienestar, '.1%'):>11}"
            )
    if comparacion is not None:
        c = comparacion[(comparacion.component == "total") & (comparacion.measure == "pct_pib")].pivot(
            index="year", columns="stat", values="value"
        )
        lines += ["", f"Reform minus baseline ({baseline}), total fiscal cost, % of GDP: mean [5th, 95th percentile]"]
        for year in years:
            lines.append(f"  {year}: {c.loc[year, 'mean']:+.3f} [{c.loc[year, 'p5']:+.3f}, {c.loc[year, 'p95']:+.3f}]")
    return "\n".join(lines) + "\n"


# -- pensiones run: phases, interrupts -----------------------------------------------------------------
class _Interrupts:
    """Ctrl-C stops a run at any stage with exit status 130.

    Python raises ``KeyboardInterrupt`` only between bytecodes of the main thread: not while a
    compiled kernel runs, and a compiler may catch it. So the signal also wakes a watcher thread
    (``signal.set_wakeup_fd``). While the engine works (nothing is on disk yet) the watcher ends
    the process with status 130 if the main thread has not stopped within half a second; while
    files are written, the ``KeyboardInterrupt`` unwinds the run and its temporary folder is removed.
    """

    def __init__(self):
        self.engine = False
        self.handled = threading.Event()
        self._fds = None
        self._previous = None
        self._thread = None

    def __enter__(self):
        if threading.current_thread() is not threading.main_thread():
            return self
        r, w = os.pipe()
        os.set_blocking(w, False)
        try:
            self._previous = signal.set_wakeup_fd(w)
        except ValueError:
            os.close(r)
            os.close(w)
            return self
        self._fds = (r, w)
        self._thread = threading.Thread(target=self._watch, args=(r,), name="pensiones-sigint", daemon=True)
        self._thread.start()
        return self

    def _watch(self, fd: int) -> None:
        # the watcher owns the read end: it closes it itself when the write end is closed (EOF).
        # Closing it from another thread while this one reads would let a later os.pipe() reuse the
        # number and this thread read someone else's pipe (a child process's output, say).
        try:
            while True:
                try:
                    data = os.read(fd, 64)
                except OSError:
                    return
                if not data:
                    return
                if signal.SIGINT in data and self.engine and not self.handled.wait(0.5):
                    os.write(2, b"\npensiones: interrupted\n")
                    os._exit(EXIT_INTERRUPTED)
        finally:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __exit__(self, kind, value, tb):
        if kind is not None and issubclass(kind, KeyboardInterrupt):
            self.handled.set()
        if self._fds is not None:
            signal.set_wakeup_fd(self._previous)
            _, w = self._fds
            os.close(w)  # EOF for the watcher, which closes the read end and ends
            self._thread.join(timeout=5)
        return False


@contextlib.contextmanager
def _phase(label: str, *, spinner: bool = True):
    """A phase line on stderr: ``label... done (3.2 s)``, with a spinner on a terminal."""
    start = time.monotonic()
    tty = sys.stderr.isatty()
    stop = threading.Event()
    if tty and spinner:

        def spin():
            for mark in itertools.cycle("|/-\\"):
                if stop.wait(0.2):
                    return
                sys.stderr.write(f"\r{label}... {mark} {time.monotonic() - start:4.0f} s")
                sys.stderr.flush()

        thread = threading.Thread(target=spin, daemon=True)
        sys.stderr.write(f"{label}...")
        sys.stderr.flush()
        thread.start()
    else:
        thread = None
        print(f"{label}...", file=sys.stderr, flush=True, end="" if spinner else "\n")
    try:
        yield
    except BaseException as exc:
        stop.set()
        if thread is not None:
            thread.join()
        word = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        sys.stderr.write(f"\r{label}... {word}        \n" if thread is not None else (f" {word}\n" if spinner else f"  {word}\n"))
        sys.stderr.flush()
        raise
    stop.set()
    if thread is not None:
        thread.join()
    done = f"done ({time.monotonic() - start:.1f} s)"
    if thread is not None:
        sys.stderr.write(f"\r{label}... {done}        \n")
    elif spinner:
        sys.stderr.write(f" {done}\n")
    else:
        sys.stderr.write(f"  {done}\n")
    sys.stderr.flush()


def _note(message: str) -> None:
    print(f"pensiones: note: {_one_line(message)}", file=sys.stderr, flush=True)


# -- pensiones run -------------------------------------------------------------------------------------
def _check_run(args: argparse.Namespace):
    """Every argument of ``run``, before any work or folder; returns (scenario, baseline or None)."""
    import numba

    import pensiones

    if args.end < args.start:
        raise _UsageError(f"pensiones run: error: argument --end: must be from --start ({args.start}) to {YEAR_MAX}, got {args.end}")
    threads_max = numba.config.NUMBA_NUM_THREADS
    if args.threads is not None and not 1 <= args.threads <= threads_max:
        raise _UsageError(
            f"pensiones run: error: argument --threads: must be a whole number from 1 to {threads_max} "
            f"(the threads Numba can use here), got {args.threads}"
        )
    loaded = []
    for option, text in (("SCENARIO", args.scenario), ("--baseline", args.baseline)):
        if not text.strip():
            raise _UsageError(
                f"pensiones run: error: argument {option}: must be a built-in scenario name (see 'pensiones scenarios') "
                "or a .toml file, got an empty string"
            )
        problem = _not_a_file(text)
        if problem:
            raise _UsageError(f"pensiones run: error: argument {option}: {problem}")
        try:
            loaded.append(pensiones.Scenario.load(text))
        except (ValueError, OSError) as exc:
            raise _UsageError(f"pensiones run: error: argument {option}: {exc}") from None
    scenario, baseline = loaded
    from pensiones.scenarios import verificar_reformas
    from pensiones.simulation import comprobar_memoria_resultados

    try:  # the run keeps per-person outcomes for its tables: they must fit in memory
        comprobar_memoria_resultados(args.persons, args.paths)
    except ValueError as exc:
        raise _UsageError(f"pensiones run: error: arguments --persons and --paths: {exc}") from None
    for option, sc in zip(("SCENARIO", "--baseline"), loaded):
        try:  # an overlay dated after --end would change nothing: say so before any work
            verificar_reformas(sc, set(sc.reglas().names), args.start, args.end)
        except ValueError as exc:
            raise _UsageError(f"pensiones run: error: argument --end (with {option}): {exc}") from None
    try:
        check_target(args.out, overwrite=args.overwrite, what="argument --out:", hint="pass --overwrite")
    except (ValueError, OSError) as exc:
        message = str(exc) if str(exc).startswith("argument --out:") else f"argument --out: {exc}"
        raise _UsageError(f"pensiones run: error: {message}") from None
    # the same scenario (every setting and overlay alike, whatever its name) needs no comparison; a
    # different scenario that happens to share the baseline's name still gets one
    return scenario, (None if baseline.to_toml() == scenario.to_toml() else baseline)


def _run(args: argparse.Namespace, interrupts: _Interrupts) -> int:
    scenario, baseline = _check_run(args)

    import pensiones
    from pensiones.reporting.export import LIBRARY_FILES

    out = Path(args.out)
    bar = sys.stderr.isatty()  # the engine's own progress bar, on a terminal
    sizes = dict(paths=args.paths, seed=args.seed, start=args.start, end=args.end, threads=args.threads)
    interrupts.engine = True
    with _phase(f"Building a synthetic population of {args.persons:,} records (seed {args.seed})"):
        # entrants until the last simulated year (2070 at least, the builder's default), after CONAPO's
        # 2070 in the cohorts the scenario assumes
        population = pensiones.Population.synthetic(
            args.persons, seed=args.seed, anio_fin=max(2070, args.end),
            poblacion_post_2070=scenario.supuestos.poblacion_post_2070,
        )
    with _phase("Preparing the engine (the first run on a machine compiles it: up to a minute)"):
        pensiones.simulate(pensiones.Population.synthetic(1, seed=0), scenario, **{**sizes, "paths": 1, "end": args.start})
    label = f"Simulating {scenario.nombre}: {args.paths} paths x {args.end - args.start + 1} years x {args.persons:,} records"
    with _phase(label, spinner=not bar):
        results = pensiones.simulate(population, scenario, outcomes=True, progress=bar, **sizes)
    comparacion = None
    if baseline is not None:
        with _phase(f"Simulating the baseline {baseline.nombre} on the same draws", spinner=not bar):
            base = pensiones.simulate(population, baseline, outcomes=False, progress=bar, **sizes)
        comparacion = pensiones.compare(base, results)
    interrupts.engine = False

    known = LIBRARY_FILES | set(FIGURES) | {SUMMARY}
    with atomic_folder(out, overwrite=args.overwrite, known=known, note=_note, what="argument --out:", hint="pass --overwrite") as tmp:
        written, summary = escribir_resultados(
            results, tmp, comparacion=comparacion, baseline=baseline.nombre if baseline is not None else None
        )
    print(summary)
    print(f"Wrote {len(written)} files to {out}{os.sep}")
    return 0


def escribir_resultados(results, folder: Path, *, comparacion=None, baseline: str | None = None, fase=None):
    """Write a run's files into ``folder`` (an existing, empty, temporary folder): the tables (CSV and
    ``resultados.xlsx``), the charts and ``resumen.txt``; ``pensiones run`` and ``pensiones sweep`` both
    write through it.  Returns (paths written, the summary text)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from pensiones.reporting import plots
    from pensiones.reporting.export import write_tables

    fase = fase or _phase
    with fase("Writing tables (CSV and resultados.xlsx)"):
        written = write_tables(
            results, folder, formatos=("csv", "xlsx"), extra={"comparacion": comparacion} if comparacion is not None else None,
            note=_note,
        )
    with fase("Drawing charts"):
        figures = {
            FIGURES[0]: lambda: plots.abanico_costo_fiscal(results),
            FIGURES[1]: lambda: plots.componentes_pib(results),
            FIGURES[2]: lambda: plots.tasas_reemplazo(results),
        }
        if comparacion is not None:
            titulo = f"{results.provenance['escenario']} minus {baseline}"
            figures[FIGURES[3]] = lambda: plots.diferencia_reforma(comparacion, titulo=titulo)
        for name, draw in figures.items():
            if name == FIGURES[2]:
                if results.outcomes_array is None:
                    continue  # outcomes not kept (pensiones sweep --no-outcomes)
                if not np.isin(results.outcomes_array[:, :, C.O_MODALIDAD], C.CON_PENSION).any():
                    _note(f"{name} not drawn: nobody retires with a pension within the horizon of this run")
                    continue
            fig = draw()
            try:
                fig.savefig(folder / name, dpi=120, bbox_inches="tight")
            finally:
                plt.close(fig)
            written.append(folder / name)
    summary = _resumen(results, comparacion, baseline)
    (folder / SUMMARY).write_text(summary, encoding="utf-8")
    written.append(folder / SUMMARY)
    return written, summary


# -- pensiones scenarios -------------------------------------------------------------------------------
def _scenarios(args: argparse.Namespace) -> int:
    from importlib import resources

    from pensiones.scenarios import Scenario, escenarios_incluidos

    builtin = escenarios_incluidos()
    if args.name is None:
        width = max(map(len, builtin))
        for name, description in builtin.items():
            print(f"{name:<{width}}  {description}")
        print("\n'pensiones scenarios NAME' shows one scenario's rationale and TOML.")
        return 0
    text = args.name
    if not text.strip():
        raise _UsageError(f"pensiones scenarios: error: argument NAME: must be one of {', '.join(builtin)} or a .toml file, got an empty string")
    problem = _not_a_file(text)
    if problem:
        raise _UsageError(f"pensiones scenarios: error: argument NAME: {problem}")
    try:
        scenario = Scenario.load(text)
    except (ValueError, OSError) as exc:
        raise _UsageError(f"pensiones scenarios: error: argument NAME: {exc}") from None
    if text in builtin:
        source = resources.files("pensiones.scenarios") / "data" / f"{text}.toml"
        where = f"built-in scenario {text}"
    else:
        source = Path(text)
        where = str(source)
    toml = source.read_text(encoding="utf-8")
    print(f"{scenario.nombre}: {scenario.descripcion}")
    print(f"Rule set {scenario.regimen}; {len(scenario.reformas)} reform overlay(s)")
    for r in scenario.reformas:
        print(f"  {r.tabla} from {r.desde}: {r.descripcion}")
    print("\nRationale")
    for paragraph in (scenario.fundamento or "(none given)").split("\n\n"):
        print(textwrap.fill(" ".join(paragraph.split()), width=100, initial_indent="  ", subsequent_indent="  "))
    print(f"\nTOML ({where}; save it as a .toml file, edit it and pass it to 'pensiones run')\n")
    print(toml.rstrip("\n"))
    return 0


# -- the parser and main ---------------------------------------------------------------------------------
def _parser() -> _Parser:
    parser = _Parser(
        prog="pensiones",
        description="Mexico's IMSS old-age pension rules, and Monte Carlo projections of pensions and their fiscal cost.",
        epilog="Errors are one line on stderr; exit status 2 for bad arguments, 1 for files, 130 when interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"pensiones {__version__}", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{run,sweep,scenarios,rules}", parser_class=_Parser)

    p_run = sub.add_parser(
        "run",
        help="run a scenario end to end and write tables, charts and a summary",
        description="Simulate a scenario and a baseline on the same random draws and write a folder with the "
        "fiscal cost, outcome and ledger tables (CSV and one Excel workbook with a notes sheet), charts and "
        "resumen.txt. The folder is written whole or not at all.",
    )
    p_run.add_argument("scenario", metavar="SCENARIO", help="a built-in scenario name (see 'pensiones scenarios') or a .toml file")
    p_run.add_argument("--paths", metavar="N", type=_integer(1, PATHS_MAX), default=20, help=f"stochastic paths, 1 to {PATHS_MAX:,} (default 20)")
    p_run.add_argument(
        "--persons", metavar="N", type=_integer(1, PERSONS_MAX), default=100_000,
        help=f"records of the synthetic population, 1 to {PERSONS_MAX:,} (default 100,000)",
    )
    p_run.add_argument("--seed", metavar="S", type=_integer(0, SEED_MAX), default=2025, help="random seed, 0 to 2**63-1 (default 2025)")
    p_run.add_argument("--start", metavar="YEAR", type=_integer(YEAR_MIN, YEAR_MAX), default=2025, help=f"first simulated year, {YEAR_MIN} to {YEAR_MAX} (default 2025)")
    p_run.add_argument(
        "--end", metavar="YEAR", type=_integer(YEAR_MIN, YEAR_MAX), default=2070,
        help=f"last simulated year, --start to {YEAR_MAX} (default 2070, the end of the CONAPO projections; "
        "later years follow the scenario's Supuestos.poblacion_post_2070)",
    )
    p_run.add_argument("--threads", metavar="N", type=_integer(1, 1024), default=None, help="Numba threads, 1 to the machine's (default: all)")
    p_run.add_argument(
        "--baseline", default="reforma_2020", metavar="SCENARIO",
        help="scenario to compare against on the same draws (default reforma_2020, the law in force); "
        "no comparison when it is the scenario itself",
    )
    p_run.add_argument("--out", default="resultados", metavar="DIR", help="output folder, written whole or not at all (default ./resultados)")
    p_run.add_argument(
        "--overwrite", action="store_true",
        help="replace DIR if it is not empty: the previous run's files go as a whole; files pensiones did not write are kept",
    )

    cli_sweep.add_parser(sub)

    p_sc = sub.add_parser("scenarios", help="list the built-in scenarios, or show one", description="List the built-in scenarios, or show one scenario's rationale and TOML.")
    p_sc.add_argument("name", nargs="?", metavar="NAME", help="a built-in scenario (or a .toml file) to show")

    p_rules = sub.add_parser(
        "rules", help="show the rules in force in a year, or one rule table",
        description="List the rule tables, show the rules in force in a year with their legal citations, or one table.",
    )
    p_rules.add_argument("what", nargs="?", metavar="YEAR|TABLE", help="a year (e.g. 2026) or a table name; omit to list the tables")
    p_rules.add_argument("--year", metavar="YEAR", type=_integer(1997, 2100), help="with a table name: only the rows in force that year (1997 to 2100)")
    p_rules.add_argument("--regimen", choices=REGIMENES, default="lss2020", help="rule set: lss2020, the law in force (default), or lss1997, before the 2020 reform")
    return parser


def _rules_checked(args: argparse.Namespace) -> int:
    if args.what is not None and _is_year(args.what):
        try:
            check_integer("year", int(args.what), minimum=1997, maximum=2100)
        except ValueError as exc:
            raise _UsageError(f"pensiones rules: error: argument YEAR|TABLE: {exc}") from None
    try:
        return _rules(args)
    except KeyError as exc:
        raise _UsageError(f"pensiones rules: error: argument YEAR|TABLE: {exc.args[0] if exc.args else exc}") from None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0, or 1, 2, 130, 141; see the module docstring)."""
    interrupts = _Interrupts()
    try:
        with interrupts:
            try:
                parser = _parser()
                args, unknown = parser.parse_known_args(argv)
                if unknown:
                    command = f"pensiones {args.command}"
                    raise _UsageError(
                        f"{command}: error: unrecognized argument(s): {' '.join(unknown)} (allowed options: '{command} --help')"
                    )
            except SystemExit as exc:  # --help, --version
                return exc.code if isinstance(exc.code, int) else 0
            if args.command == "run":
                return _run(args, interrupts)
            if args.command == "sweep":
                return cli_sweep.run(args)
            if args.command == "scenarios":
                return _scenarios(args)
            return _rules_checked(args)
    except _UsageError as exc:
        print(_one_line(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        interrupts.handled.set()
        print(("\n" if sys.stderr.isatty() else "") + "pensiones: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``pensiones rules 2026 | head``): stop quietly; point stdout at
        # /dev/null so that the interpreter's final flush does not fail again
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except ValueError as exc:
        print(f"pensiones: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"pensiones: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_IO
    except Exception as exc:
        if os.environ.get("PENSIONES_TRACEBACK"):
            raise
        print(
            f"pensiones: internal error: {type(exc).__name__}: {_one_line(exc)} "
            "(please report it; set PENSIONES_TRACEBACK=1 to see where)",
            file=sys.stderr,
        )
        return EXIT_IO


if __name__ == "__main__":
    sys.exit(main())
