"""``simulate``: a scenario on a population, from the validated inputs to :class:`~pensiones.Results`."""

from __future__ import annotations

import hashlib
import os

import attrs
import numpy as np
import pandas as pd

from pensiones._validation import check_integer
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA
from pensiones.calendario import ANIO_INICIAL_SIMULACION, ANIO_MAX, SEMILLA_MAX, TRAYECTORIAS_MAX
from pensiones.engine import componentes as C
from pensiones.engine.anuales import anuales
from pensiones.engine.driver import ejecutar, preparar, rendimientos_reales
from pensiones.engine.parquet import ParquetPopulation
from pensiones.engine.population import COLUMNAS, COLUMNAS_FAMILIA, Population, semanas_posibles
from pensiones.engine.procesos import BANDAS_SALARIO_REL
from pensiones.reporting.results import Results
from pensiones.scenarios import Scenario, verificar_reformas

__all__ = ["simulate", "ANIO_INICIAL_MINIMO", "ANIO_FINAL_MAXIMO"]

#: Youngest age at which a record may enter a simulation (formal work from 15, LFT art. 22).
EDAD_MINIMA_ENTRADA = 15
#: First year a simulation may start: 2021, the first year of the reformed law (DOF 16-12-2020).
ANIO_INICIAL_MINIMO = ANIO_INICIAL_SIMULACION
#: Last year a simulation may reach: 2100, the horizon of published evaluations of the 2020 reform
#: (after CONAPO's 2070, the population follows ``Supuestos.poblacion_post_2070``).
ANIO_FINAL_MAXIMO = ANIO_MAX


def _hash(T, P, real) -> str:
    h = hashlib.sha256()
    # the named parameters field by field (some are arrays), flattened in order
    escalares = np.concatenate([np.asarray(x, dtype=float).ravel() for x in P])
    for arr in (*[np.asarray(x) for x in T], escalares, real):
        h.update(np.ascontiguousarray(arr, dtype=float).tobytes())
    return h.hexdigest()[:16]


_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mezcla(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser on uint64 arrays (wrapping arithmetic)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def huella_parcial(population: Population, primera_persona: int = 0) -> np.ndarray:
    """Per field of ``COLUMNAS`` and then of ``COLUMNAS_FAMILIA``, the sum (mod 2**64) of a 64-bit mix
    of (record number, value); a family field sums only its records with a non-zero value.

    The sums of the parts of a population add up (mod 2**64) to the whole population's, whatever
    the partitioning, so a population in memory and the same records in Parquet parts get the
    same fingerprint (:func:`huella`), computed on the workers from the parts.
    """
    idx = np.arange(primera_persona, primera_persona + len(population), dtype=np.uint64)
    campos = (*COLUMNAS, *COLUMNAS_FAMILIA)
    sums = np.zeros(len(campos), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for f, name in enumerate(campos):
            values = getattr(population, name)
            if values.dtype == np.float64:
                bits = values.view(np.uint64)
            else:
                bits = values.astype(np.int64).view(np.uint64)
            key = _mezcla(idx * np.uint64(0x9E3779B97F4A7C15) + np.uint64(f + 1))
            mix = _mezcla(bits ^ key)
            if name in COLUMNAS_FAMILIA:
                mix = np.where(bits != 0, mix, np.uint64(0))
            sums[f] = mix.sum(dtype=np.uint64)
    return sums


def huella(sumas: np.ndarray, personas: int) -> str:
    """The population fingerprint (16 hex digits) from the summed :func:`huella_parcial` of its parts.

    The family fields count only when some record has a family, so a population without one keeps
    the fingerprint it had before those columns existed.
    """
    sumas = np.asarray(sumas, dtype=np.uint64)
    familia = sumas[len(COLUMNAS):]
    h = hashlib.sha256(sumas[: len(COLUMNAS)].tobytes())
    h.update(np.int64(personas).tobytes())
    if familia.any():
        h.update(familia.tobytes())
    return h.hexdigest()[:16]


def edades_entrada(population: Population, start: int) -> tuple[int, int]:
    """Youngest and oldest age at which the records enter the simulation (``start`` or affiliation);
    an empty population gives the neutral (EDAD_MINIMA_ENTRADA, EDAD_MINIMA_ENTRADA).

    Raises ValueError if a record holds more weeks than the weeks since age 15 allow at ``start``
    (:func:`~pensiones.engine.population.semanas_posibles`).
    """
    if not len(population):
        return EDAD_MINIMA_ENTRADA, EDAD_MINIMA_ENTRADA
    posibles = semanas_posibles(population.anio_nacimiento, start)
    bad = population.semanas > posibles + 1e-6
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(
            f"column 'semanas' must be at most the weeks since age 15 at the start year {start} "
            f"(the calendar days from 1 January of anio_nacimiento + 15, / 7); "
            f"row {i} has {float(population.semanas[i])!r} weeks, "
            f"born {int(population.anio_nacimiento[i])}: at most {float(posibles[i]):.1f}"
        )
    entry = np.maximum(np.floor(population.anio_afiliacion), start)
    ages = entry - population.anio_nacimiento
    return int(ages.min()), int(ages.max())


def personas(population: Population, sbc_ref: np.ndarray, start: int) -> pd.DataFrame:
    """Per record: ``sexo``, ``banda`` (salary band against the average SBC), ``peso``, ``generacion``."""
    idx = np.clip(np.maximum(np.floor(population.anio_afiliacion), start).astype(int) - start, 0, len(sbc_ref) - 1)
    rel = population.sbc_diario / sbc_ref[idx]
    return pd.DataFrame(
        {
            "sexo": np.where(population.sexo == 0, "H", "M"),
            "banda": np.where(rel <= BANDAS_SALARIO_REL[0], "baja", np.where(rel <= BANDAS_SALARIO_REL[1], "media", "alta")),
            "peso": population.peso,
            "generacion": np.where(population.transicion, "ley73_transicion", "ley97"),
        }
    )


def lineas_imss(reglas, years: np.ndarray, *, paths: int, seed: int) -> dict:
    """IMSS's own pension lines beside the records: the RJP (J003) and the art. 140 Bis leave, each
    with ``paths`` draws of its uncertain inputs from a seed derived from the run's seed (so a
    baseline and a reform share them)."""
    from pensiones.imss import proyeccion_licencias_140bis, proyeccion_rjp

    semillas = np.random.SeedSequence([seed, 140]).generate_state(2, dtype=np.uint64) >> np.uint64(1)
    return {
        "rjp": proyeccion_rjp(reglas, years, paths=paths, seed=int(semillas[0])),
        "licencias_140bis": proyeccion_licencias_140bis(reglas, years, paths=paths, seed=int(semillas[1])),
    }


def validar_edades(minimo: int, maximo: int) -> None:
    if minimo < EDAD_MINIMA_ENTRADA or maximo > EDAD_MAXIMA_TABLA:
        raise ValueError(
            f"population ages when they enter the simulation must be in [{EDAD_MINIMA_ENTRADA}, {EDAD_MAXIMA_TABLA}]; "
            f"got {minimo} to {maximo}"
        )


@attrs.frozen(eq=False)
class Corrida:
    """One scenario prepared for a run: resolved rules, returns of every path, and the run's numbers."""

    scenario: Scenario
    T: object
    P: object
    real: np.ndarray
    years: np.ndarray
    series: pd.DataFrame
    seed: int
    paths: int
    start: int
    end: int
    lineas: dict

    @classmethod
    def preparar(cls, scenario: Scenario, *, paths: int, seed: int, start: int, end: int) -> Corrida:
        reglas, procesos = scenario.reglas(), scenario.procesos
        with reglas.registro_lecturas() as leidas:
            T, P = preparar(reglas, procesos, start, end)
            series = anuales(
                reglas, start, end, cobertura_pbam=procesos.cobertura_pbam, cobertura_mujeres=procesos.cobertura_mujeres
            )
            lineas = lineas_imss(reglas, np.arange(start, end + 1), paths=paths, seed=seed)
        # an overlay on a table this run never reads, or dated after it, would silently change nothing
        verificar_reformas(scenario, leidas, start, end)
        years = np.arange(start, end + 1)
        real = rendimientos_reales(seed, paths, years, procesos)
        return cls(scenario, T, P, real, years, series, seed, paths, start, end, lineas)

    def resultados(self, ledger: np.ndarray, out, n: int, huella_poblacion: str, personas: pd.DataFrame) -> Results:
        """:class:`Results` of this run from its summed ledger and outcomes."""
        import pensiones

        s = self.scenario
        provenance = {
            "version": pensiones.__version__,
            "parametros_hash": _hash(self.T, self.P, self.real),
            "escenario": s.nombre,
            "seed": self.seed,
            "personas": n,
            "paths": self.paths,
            "anios": f"{self.start}-{self.end}",
            "poblacion_hash": huella_poblacion,
            "reformas": [f"{r.tabla} from {r.desde}: {r.descripcion}" for r in s.reformas],
        }
        series = self.series
        return Results(ledger, self.years, self.seed, self.paths, provenance, series, s, personas, out, self.lineas)


#: Bytes of per-person outcomes per person-path (``componentes.RESULTADOS_PERSONA`` float64 values).
BYTES_RESULTADOS = len(C.RESULTADOS_PERSONA) * 8
#: Share of the machine's physical memory that per-person outcomes may take.
FRACCION_MEMORIA = 0.5


def memoria_fisica() -> int | None:
    """Physical memory of this machine in bytes (None where the system does not say)."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return None


def comprobar_memoria_resultados(personas: int, paths: int) -> None:
    """Refuse, before any work, per-person outcomes that would not fit in memory.

    They take persons x paths x 72 bytes (1 million persons x 20 paths: 1.4 GB), gathered in this
    process; more than half the machine's memory is an error with the figures and the ways out.
    """
    need = personas * paths * BYTES_RESULTADOS
    total = memoria_fisica()
    if total is not None and need > FRACCION_MEMORIA * total:
        raise ValueError(
            f"outcomes=True keeps per-person outcomes of {personas:,} persons x {paths} paths: "
            f"{need / 2**30:.1f} GiB, more than half of this machine's {total / 2**30:.1f} GiB; "
            "use outcomes=False (the fiscal cost needs none), fewer paths or a sample of the population"
        )


def validar(paths, seed, start, end, motor) -> tuple[int, int, int, int]:
    """Check the run's numbers; return them as ints."""
    paths = check_integer("paths", paths, minimum=1, maximum=TRAYECTORIAS_MAX)
    seed = check_integer("seed", seed, minimum=0, maximum=SEMILLA_MAX)
    start = check_integer("start", start, minimum=ANIO_INICIAL_MINIMO, maximum=ANIO_FINAL_MAXIMO)
    end = check_integer("end", end, minimum=start, maximum=ANIO_FINAL_MAXIMO)
    if motor not in ("numba", "python"):
        raise ValueError(f"motor must be one of 'numba', 'python'; got {motor!r}")
    return paths, seed, start, end


def simulate(
    population: Population | ParquetPopulation,
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
    client=None,
    partition_size: int | None = None,
    paths_per_task: int | None = None,
) -> Results:
    """Project a population year by year over ``paths`` stochastic paths.

    Parameters
    ----------
    population : Population or ParquetPopulation
        Records at 1 January of ``start``: in memory, or a folder of Parquet parts
        (:meth:`Population.to_parquet`, :meth:`ParquetPopulation.open
        <pensiones.engine.parquet.ParquetPopulation.open>`) read one part at a time, here or on
        the workers of ``client``.
    scenario : Scenario, optional
        Rules, assumptions and behaviour; ``None`` means the law in force (``lss2020``) with the
        default assumptions and :class:`~pensiones.engine.procesos.Procesos`.
    paths : int
        Stochastic paths (1-10,000).
    seed : int
        Seed of the counter-based generator (0 to 2**63 - 1): the same seed gives the same
        numbers, bit for bit, for any ``threads``, ``chunk_size``, ``client``, ``partition_size``
        or ``paths_per_task``.
    start, end : int
        First and last simulated year (2021 <= start <= end <= 2100).  The CONAPO projections
        the fiscal cost needs end in 2070; later years follow ``Supuestos.poblacion_post_2070``,
        and the synthetic population's entrants stop at its ``anio_fin`` (default 2070: pass
        ``anio_fin=end`` for a run past 2070).
    threads : int, optional
        Numba threads (default: all; with a ``client``, per work unit, default 1: the Dask
        workers' threads are the parallelism).
    chunk_size : int, optional
        Persons per Numba parallel chunk (default: persons / (16 x threads)).
    outcomes : bool
        Also return per-person outcomes (memory persons x paths x 9 x 8 bytes, gathered here).
    progress : bool, optional
        Show a progress bar (default: when persons x paths x years exceeds 20 million, about a second).
    motor : {"numba", "python"}
        ``"python"`` runs the pure-Python twin (slow; for tests and debugging).
    client : dask.distributed.Client, optional
        Run on a Dask cluster (``pip install 'pensiones[distributed]'``): work units of
        (records x paths) run on the workers, each returns its integer ledger and their exact
        sum is the single-process ledger, bit for bit, for any number of workers, chunking, or
        worker lost and its units rerun. A :class:`~pensiones.engine.parquet.ParquetPopulation`
        is read on the workers, one part per unit, and never here.
    partition_size : int, optional
        With a ``client`` and an in-memory population: records per work unit (default: enough
        units for two per worker thread, at most 250,000 records each). A Parquet population is
        split by its parts.
    paths_per_task : int, optional
        Paths per work unit (1-``paths``; default: all, or fewer when there are fewer record
        chunks than twice the worker threads).

    Returns
    -------
    Results
        ``provenance["poblacion_hash"]`` is the same for the same records in memory or in any
        Parquet partitioning. With a Parquet population and ``outcomes=False``,
        ``Results.personas`` (per-record groups, used only to group per-person outcomes) is
        empty, so that nothing of size O(persons) reaches this process; with ``outcomes=True`` it
        is gathered with the outcomes.

    Raises
    ------
    ValueError
        Invalid arguments (the message names the argument and its range), a population whose
        ages at entry are outside 15-110, a reform overlay that the run would not feel (its table
        is not read, or it takes effect after ``end``), or a ledger amount outside the exact integer
        range (:class:`~pensiones.engine.driver.LedgerOverflowError`).
    """
    paths, seed, start, end = validar(paths, seed, start, end, motor)
    if not isinstance(population, (Population, ParquetPopulation)):
        raise ValueError(
            f"population must be a pensiones.Population or ParquetPopulation, got {type(population).__name__}"
        )
    if scenario is None:
        scenario = Scenario.default()
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario must be a pensiones.Scenario or None, got {type(scenario).__name__}")
    if outcomes:
        comprobar_memoria_resultados(len(population), paths)
    if client is None and isinstance(population, Population):
        if partition_size is not None or paths_per_task is not None:
            raise ValueError("partition_size and paths_per_task split a run into Dask work units: they need a client")
        if len(population):
            validar_edades(*edades_entrada(population, start))
        corrida = Corrida.preparar(scenario, paths=paths, seed=seed, start=start, end=end)
        ledger, out = ejecutar(
            population, corrida.T, corrida.P, corrida.real, seed, threads=threads, chunk_size=chunk_size,
            outcomes=outcomes, progress=progress, motor=motor,
        )
        return corrida.resultados(
            ledger, out, len(population), huella(huella_parcial(population), len(population)),
            personas(population, corrida.T.sbc_ref, start),
        )
    from pensiones.distributed import ejecutar_corridas

    (results,) = ejecutar_corridas(
        population, [scenario], paths=paths, seed=seed, start=start, end=end, client=client, threads=threads,
        chunk_size=chunk_size, outcomes=outcomes, progress=progress, motor=motor, partition_size=partition_size,
        paths_per_task=paths_per_task,
    )
    return results
