"""``simulate``: validate, resolve the rules once, run the kernel in batches, return Results."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from pensiones._validation import check_integer
from pensiones.engine import componentes as C
from pensiones.engine import rng
from pensiones.engine.kernel import KERNEL, KERNEL_PYTHON
from pensiones.engine.population import Population
from pensiones.engine.procesos import Procesos
from pensiones.engine.resolve import parametros, resolver
from pensiones.engine.results import Results
from pensiones.rules.ruleset import RuleSet

__all__ = ["simulate", "rendimientos_reales", "preparar"]

#: Persons per kernel call when a progress bar is shown (the bar advances between calls).
LOTE = 100_000


def rendimientos_reales(seed: int, paths: int, years: np.ndarray, procesos: Procesos) -> np.ndarray:
    """Path-level real returns (paths, years): mean + volatility x N(0, 1), keyed (seed, path, -1, year)."""
    out = np.empty((paths, len(years)))
    u1, u2 = rng.STREAM["rendimiento_u1"], rng.STREAM["rendimiento_u2"]
    for p in range(paths):
        for y, t in enumerate(years):
            z = rng.normal(seed, p, -1, int(t), u1, u2)
            out[p, y] = procesos.rendimiento_real_medio + procesos.rendimiento_real_volatilidad * z
    return out


def _hash(T, P, real) -> str:
    h = hashlib.sha256()
    for arr in (*[np.asarray(x) for x in T], P, real):
        h.update(np.ascontiguousarray(arr, dtype=float).tobytes())
    return h.hexdigest()[:16]


def preparar(reglas: RuleSet, procesos: Procesos, start: int, end: int):
    """Resolve the rules and parameters for a run: (Tablas, P)."""
    T = resolver(reglas, start, end, procesos)
    semanas73 = float(reglas.valor("ley73_requisitos", f"{start}-02-01", concepto="semanas_minimas"))
    return T, parametros(procesos, semanas73)


def simulate(
    population: Population,
    scenario=None,
    *,
    paths: int,
    seed: int,
    start: int = 2025,
    end: int = 2070,
    threads: int | None = None,
    chunk_size: int | None = None,
    outcomes: bool = False,
    progress: bool | None = None,
    motor: str = "numba",
) -> Results:
    """Project a population year by year over ``paths`` stochastic paths.

    Parameters
    ----------
    population : Population
        Records at 1 January of ``start``.
    scenario : Scenario, optional
        Rules, assumptions and behaviour; ``None`` means the law in force (``lss2020``) with the
        default assumptions and :class:`~pensiones.engine.procesos.Procesos`.
    paths : int
        Stochastic paths (1-10,000).
    seed : int
        Seed of the counter-based generator (0 to 2**63 - 1): the same seed gives the same
        numbers, bit for bit, for any ``threads`` or ``chunk_size``.
    start, end : int
        First and last simulated year (2025 <= start <= end <= 2070, the end of the CONAPO
        projections the fiscal cost needs).
    threads : int, optional
        Numba threads (default: all).
    chunk_size : int, optional
        Persons per parallel work unit (default: persons / (16 x threads)).
    outcomes : bool
        Also return per-person outcomes (memory persons x paths x 9).
    progress : bool, optional
        Show a progress bar (default: when persons x paths x years exceeds 50 million).
    motor : {"numba", "python"}
        ``"python"`` runs the pure-Python twin (slow; for tests and debugging).

    Returns
    -------
    Results
    """
    from pensiones.scenarios import Scenario

    if not isinstance(population, Population):
        raise ValueError(f"population must be a pensiones.Population, got {type(population).__name__}")
    paths = check_integer("paths", paths, minimum=1, maximum=10_000)
    seed = check_integer("seed", seed, minimum=0, maximum=2**63 - 1)
    start = check_integer("start", start, minimum=2025, maximum=2100)
    end = check_integer("end", end, minimum=start, maximum=2070)
    if motor not in ("numba", "python"):
        raise ValueError(f"motor must be one of 'numba', 'python'; got {motor!r}")
    if scenario is None:
        scenario = Scenario.default()
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario must be a pensiones.Scenario or None, got {type(scenario).__name__}")
    entry = np.maximum(np.floor(population.anio_afiliacion), start)
    ages = entry - population.anio_nacimiento
    if ages.min() < 15 or ages.max() > 110:
        raise ValueError(
            f"population ages when they enter the simulation must be in [15, 110]; got {int(ages.min())} to {int(ages.max())}"
        )
    reglas = scenario.reglas()
    procesos = scenario.procesos
    T, P = preparar(reglas, procesos, start, end)
    years = np.arange(start, end + 1)
    real = rendimientos_reales(seed, paths, years, procesos)
    n = len(population)
    if threads is not None:
        check_integer("threads", threads, minimum=1, maximum=1024)
    import numba

    n_threads = threads or numba.config.NUMBA_NUM_THREADS
    size = chunk_size or max(1, -(-n // (16 * n_threads)))
    size = check_integer("chunk_size", size, minimum=1, maximum=max(n, 1))
    starts = np.arange(0, n, size, dtype=np.int64)
    ends = np.minimum(starts + size, n).astype(np.int64)
    ledger = np.zeros((len(starts), paths, len(years), C.N_COMPONENTES), dtype=np.int64)
    out = np.full((paths, n, len(C.RESULTADOS_PERSONA)), np.nan) if outcomes else np.zeros((0, 0, 0))
    if outcomes:
        out[:, :, 3] = 0.0
    kernel = KERNEL if motor == "numba" else KERNEL_PYTHON
    arrays = (
        population.sexo.astype(np.int64),
        population.anio_nacimiento.astype(np.int64),
        population.anio_afiliacion,
        population.semanas,
        population.sbc_diario,
        population.saldo_rcv,
        population.promedio_250_ley73,
        population.salario_promedio_uma,
        population.cotizando,
        population.peso,
        population.transicion,
    )
    show = progress if progress is not None else n * paths * len(years) > 50_000_000
    previous = numba.get_num_threads()
    if threads is not None:
        numba.set_num_threads(min(threads, numba.config.NUMBA_NUM_THREADS))
    try:
        step = max(1, LOTE // size) if show else len(starts)
        batches = [(lo, min(lo + step, len(starts))) for lo in range(0, len(starts), step)]
        bar = None
        if show:
            from tqdm.auto import tqdm

            bar = tqdm(total=n, unit="person", desc=f"pensiones {paths} paths x {len(years)} years")
        for lo, hi in batches:
            kernel(seed, starts[lo:hi], ends[lo:hi], *arrays, T, P, real, ledger[lo:hi], out)
            if bar is not None:
                bar.update(int(ends[hi - 1] - starts[lo]))
        if bar is not None:
            bar.close()
    finally:
        numba.set_num_threads(previous)
    import pensiones
    from pensiones.reporting.fiscal import anuales

    entry = np.clip(np.maximum(np.floor(population.anio_afiliacion), start).astype(int) - start, 0, len(years))
    rel = population.sbc_diario / T.sbc_ref[entry]
    personas = pd.DataFrame(
        {
            "sexo": np.where(population.sexo == 0, "H", "M"),
            "banda": np.where(rel <= 2.0 / 3.0, "baja", np.where(rel <= 4.0 / 3.0, "media", "alta")),
            "peso": population.peso,
            "generacion": np.where(population.transicion, "ley73_transicion", "ley97"),
        }
    )
    h = hashlib.sha256()
    for name in ("sexo", "anio_nacimiento", "anio_afiliacion", "semanas", "sbc_diario", "saldo_rcv", "peso"):
        h.update(np.ascontiguousarray(getattr(population, name)).tobytes())
    provenance = {
        "version": pensiones.__version__,
        "parametros_hash": _hash(T, P, real),
        "escenario": scenario.nombre,
        "seed": seed,
        "personas": n,
        "paths": paths,
        "anios": f"{start}-{end}",
        "poblacion_hash": h.hexdigest()[:16],
        "reformas": [f"{r.tabla} from {r.desde}: {r.descripcion}" for r in scenario.reformas],
    }
    return Results(
        ledger.sum(axis=0), years, seed, paths, provenance, anuales(reglas, start, end, cobertura_pbam=procesos.cobertura_pbam, cobertura_mujeres=procesos.cobertura_mujeres),
        scenario, personas,
        out if outcomes else None,
    )


