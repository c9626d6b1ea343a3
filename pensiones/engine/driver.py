"""Run the kernel: resolve the rules once, allocate, run in chunks, reduce the integer ledgers.

The engine returns arrays; :func:`pensiones.simulate` (the face) turns them into
:class:`~pensiones.reporting.results.Results`.
"""

from __future__ import annotations

import numpy as np

from pensiones._validation import check_integer
from pensiones.engine import componentes as C
from pensiones.engine import rng
from pensiones.engine.kernel import ERROR_CAMPOS, KERNEL, KERNEL_PYTHON, LIMITE_LEDGER
from pensiones.engine.population import Population
from pensiones.engine.procesos import Procesos
from pensiones.engine.registros import Claves, Registros, registros
from pensiones.engine.resolve import Parametros, Tablas, parametros, resolver
from pensiones.rules.ruleset import RuleSet

__all__ = [
    "rendimientos_reales", "preparar", "ejecutar", "comprobar_rango", "LedgerOverflowError", "SUPUESTOS_POR_COMPONENTE",
    "LOTE",
]

#: Persons per kernel call when a progress bar is shown (the bar advances between calls).
LOTE = 100_000

#: Assumptions that drive each kind of amount, named in overflow messages.
SUPUESTOS_POR_COMPONENTE = {
    "counts": "the record weights (Population.peso)",
    "pesos": "supuestos.inflacion, procesos.rendimiento_real_medio / rendimiento_real_volatilidad, "
    "procesos.crecimiento_real_salarial, the scenario's reform overlays or the record weights (Population.peso)",
}


class LedgerOverflowError(ValueError):
    """A ledger amount left the exact integer range (|sum| < 2**62 hundredths, about 4.6 x 10^16 pesos)."""


def rendimientos_reales(
    seed: int, paths: int, years: np.ndarray, procesos: Procesos, *, primer_path: int = 0
) -> np.ndarray:
    """Path-level real returns (paths, years): mean + volatility x N(0, 1), keyed (seed, path, -1, year).

    ``primer_path`` numbers the first of the ``paths`` paths (a work unit of a split run).
    """
    out = np.empty((paths, len(years)))
    u1, u2 = rng.STREAM["rendimiento_u1"], rng.STREAM["rendimiento_u2"]
    for p in range(paths):
        for y, t in enumerate(years):
            z = rng.normal(seed, primer_path + p, -1, int(t), u1, u2)
            out[p, y] = procesos.rendimiento_real_medio + procesos.rendimiento_real_volatilidad * z
    return out


def preparar(reglas: RuleSet, procesos: Procesos, start: int, end: int) -> tuple[Tablas, Parametros]:
    """Resolve the rules for every year of the run and the named parameters: (Tablas, Parametros)."""
    return resolver(reglas, start, end, procesos), parametros(procesos, reglas.criterios, reglas)


def _overflow(error: np.ndarray, start: int) -> None:
    hit = error[error[:, 0] != 0]
    if not len(hit):
        return
    comp, y = int(hit[0, 1]), int(hit[0, 2])
    name = C.COMPONENTES[comp]
    kind = "counts" if name in C.CONTEOS else "pesos"
    raise LedgerOverflowError(
        f"ledger component {name!r} in {start + y} left the exact range of the integer ledger "
        f"(|amount| < 4.6e16 pesos or persons per cell): lower {SUPUESTOS_POR_COMPONENTE[kind]}"
    )


def comprobar_rango(suma: np.ndarray, start: int) -> None:
    """Raise if a ledger total, summed in floating point from its parts (paths, years, components),
    leaves the exact range.

    The int64 sum of the parts is exact whenever the true total fits (two's-complement sums wrap
    and unwrap), so the total alone decides, whatever the chunking or the work units.
    """
    bad = np.argwhere(~(np.abs(suma) < LIMITE_LEDGER))
    if len(bad):
        _, y, comp = bad[0]
        _overflow(np.array([[1, comp, y]], dtype=np.int64), start)


def _reduce(ledger: np.ndarray, start: int) -> np.ndarray:
    """Sum the chunks' ledgers exactly, or raise if the total leaves the exact range."""
    comprobar_rango(ledger.astype(float).sum(axis=0), start)
    return ledger.sum(axis=0)


def ejecutar(
    population: Population,
    T: Tablas,
    P: Parametros,
    real: np.ndarray,
    seed: int,
    *,
    threads: int | None = None,
    chunk_size: int | None = None,
    outcomes: bool = False,
    progress: bool | None = None,
    backend: str = "numba",
    primera_persona: int = 0,
    primer_path: int = 0,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Run every record on every path.

    Parameters
    ----------
    population : Population or Registros
        The records, or their arrays as the kernel reads them (:func:`pensiones.engine.registros.registros`).
    T, P : Tablas, Parametros
        From :func:`preparar`.
    real : ndarray (paths, years)
        Real returns of each path (:func:`rendimientos_reales`).
    seed : int
    threads, chunk_size, outcomes, progress, backend
        As in :func:`pensiones.simulate`.
    primera_persona, primer_path : int
        Numbers, in the whole run, of this call's first record and first path (``real`` must be the
        returns of those paths): a run split into work units (records x paths) draws what the whole
        run draws, so the units' ledgers add up to the whole run's, bit for bit.

    Returns
    -------
    ledger : ndarray (paths, years, components), int64
        Sums in hundredths.
    out : ndarray (paths, persons, outcomes) or None
        Per-person outcomes when ``outcomes``.

    Raises
    ------
    LedgerOverflowError
        An amount or a sum left the exact integer range; the message names the component, the year
        and the assumptions to lower.
    """
    import numba

    paths, ny = real.shape
    # the records as the kernel reads them (a caller may pass them so, with per-path weights or wages)
    R = population if isinstance(population, Registros) else registros(population)
    n = len(R.peso)
    if threads is not None:
        check_integer("threads", threads, minimum=1, maximum=1024)
    n_threads = threads or numba.config.NUMBA_NUM_THREADS
    size = chunk_size or max(1, -(-n // (16 * n_threads)))
    size = check_integer("chunk_size", size, minimum=1, maximum=max(n, 1))
    starts = np.arange(0, n, size, dtype=np.int64)
    ends = np.minimum(starts + size, n).astype(np.int64)
    ledger = np.zeros((len(starts), paths, ny, C.N_COMPONENTES), dtype=np.int64)
    error = np.zeros((len(starts), len(ERROR_CAMPOS)), dtype=np.int64)
    out = np.full((paths, n, len(C.RESULTADOS_PERSONA)), np.nan) if outcomes else np.zeros((0, 0, 0))
    if outcomes:
        out[:, :, C.O_MODALIDAD] = C.ACTIVO
    kernel = KERNEL if backend == "numba" else KERNEL_PYTHON
    K = Claves(seed=int(seed), primera_persona=int(primera_persona), primer_path=int(primer_path))
    show = progress if progress is not None else n * paths * ny > 20_000_000
    previous = numba.get_num_threads()
    if threads is not None:
        numba.set_num_threads(min(threads, numba.config.NUMBA_NUM_THREADS))
    try:
        step = max(1, LOTE // size) if show else len(starts)
        batches = [(lo, min(lo + step, len(starts))) for lo in range(0, len(starts), step)]
        bar = None
        if show:
            from tqdm.auto import tqdm

            bar = tqdm(total=n, unit="person", desc=f"pensiones {paths} paths x {ny} years")
        for lo, hi in batches:
            # views: each chunk adds to its own ledger row and reports to its own error row
            kernel(R, T, P, K, starts[lo:hi], ends[lo:hi], real, ledger[lo:hi], error[lo:hi], out)
            if bar is not None:
                bar.update(int(ends[hi - 1] - starts[lo]))
        if bar is not None:
            bar.close()
    finally:
        numba.set_num_threads(previous)
    _overflow(error, T.start)
    return _reduce(ledger, T.start), (out if outcomes else None)
