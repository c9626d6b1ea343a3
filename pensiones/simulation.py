"""``simulate``: a scenario on a population, from the validated inputs to :class:`~pensiones.Results`."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from pensiones._validation import check_integer
from pensiones.engine.anuales import anuales
from pensiones.engine.driver import ejecutar, preparar, rendimientos_reales
from pensiones.engine.population import Population
from pensiones.reporting.results import Results
from pensiones.scenarios import Scenario, verificar_reformas

__all__ = ["simulate", "ANIO_INICIAL_MINIMO", "ANIO_FINAL_MAXIMO"]

#: First year a simulation may start.
ANIO_INICIAL_MINIMO = 2025
#: Last year a simulation may reach: the end of the CONAPO projections the fiscal cost needs.
ANIO_FINAL_MAXIMO = 2070


def _hash(T, P, real) -> str:
    h = hashlib.sha256()
    for arr in (*[np.asarray(x) for x in T], np.asarray(P, dtype=float), real):
        h.update(np.ascontiguousarray(arr, dtype=float).tobytes())
    return h.hexdigest()[:16]


def simulate(
    population: Population,
    scenario: Scenario | None = None,
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
        Also return per-person outcomes (memory persons x paths x 9 x 8 bytes).
    progress : bool, optional
        Show a progress bar (default: when persons x paths x years exceeds 20 million, about a second).
    motor : {"numba", "python"}
        ``"python"`` runs the pure-Python twin (slow; for tests and debugging).

    Returns
    -------
    Results

    Raises
    ------
    ValueError
        Invalid arguments (the message names the argument and its range), a population whose
        ages at entry are outside 15-110, a reform overlay that the run would not feel (its table
        is not read, or it takes effect after ``end``), or a ledger amount outside the exact integer
        range (:class:`~pensiones.engine.driver.LedgerOverflowError`).
    """
    if not isinstance(population, Population):
        raise ValueError(f"population must be a pensiones.Population, got {type(population).__name__}")
    paths = check_integer("paths", paths, minimum=1, maximum=10_000)
    seed = check_integer("seed", seed, minimum=0, maximum=2**63 - 1)
    start = check_integer("start", start, minimum=ANIO_INICIAL_MINIMO, maximum=ANIO_FINAL_MAXIMO)
    end = check_integer("end", end, minimum=start, maximum=ANIO_FINAL_MAXIMO)
    if motor not in ("numba", "python"):
        raise ValueError(f"motor must be one of 'numba', 'python'; got {motor!r}")
    if scenario is None:
        scenario = Scenario.default()
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario must be a pensiones.Scenario or None, got {type(scenario).__name__}")
    entry = np.maximum(np.floor(population.anio_afiliacion), start)
    ages = entry - population.anio_nacimiento
    if len(population) and (ages.min() < 15 or ages.max() > 110):
        raise ValueError(
            f"population ages when they enter the simulation must be in [15, 110]; got {int(ages.min())} to {int(ages.max())}"
        )
    reglas = scenario.reglas()
    procesos = scenario.procesos
    with reglas.registro_lecturas() as leidas:
        T, P = preparar(reglas, procesos, start, end)
        series = anuales(reglas, start, end, cobertura_pbam=procesos.cobertura_pbam, cobertura_mujeres=procesos.cobertura_mujeres)
    # an overlay on a table this run never reads, or dated after it, would silently change nothing
    verificar_reformas(scenario, leidas, start, end)
    years = np.arange(start, end + 1)
    real = rendimientos_reales(seed, paths, years, procesos)
    ledger, out = ejecutar(
        population, T, P, real, seed, threads=threads, chunk_size=chunk_size, outcomes=outcomes, progress=progress, motor=motor
    )
    import pensiones

    idx = np.clip(np.maximum(np.floor(population.anio_afiliacion), start).astype(int) - start, 0, len(years))
    rel = population.sbc_diario / T.sbc_ref[idx]
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
        "personas": len(population),
        "paths": paths,
        "anios": f"{start}-{end}",
        "poblacion_hash": h.hexdigest()[:16],
        "reformas": [f"{r.tabla} from {r.desde}: {r.descripcion}" for r in scenario.reformas],
    }
    return Results(ledger, years, seed, paths, provenance, series, scenario, personas, out)
