"""The run layer: ``simulate`` and ``sweep`` over one run object (:class:`Run`), here or on a Dask cluster.

A :class:`Run` is a population, one or more scenarios prepared on it (:class:`PreparedScenario`:
resolved rules, returns of every path, the yearly series) and the run's sizes. It is executed as work
units of (records x paths): here one unit at a time, or on the workers of a Dask client
(:mod:`pensiones.distributed`, which knows only how to submit units). :func:`simulate`,
:func:`sweep` and the ``pensiones`` command all go through it.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
import warnings
from collections.abc import Mapping

import attrs
import numpy as np
import pandas as pd

from pensiones._deprecation import RENOMBRES, avisar
from pensiones._jit import jit, prange
from pensiones._validation import check_integer
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA
from pensiones.calendario import ANIO_INICIAL_SIMULACION, ANIO_MAX, SEMILLA_MAX, TRAYECTORIAS_MAX
from pensiones.engine import componentes as C
from pensiones.engine import incertidumbre, rng
from pensiones.engine.anuales import anuales
from pensiones.engine.driver import comprobar_rango, ejecutar, preparar, rendimientos_reales
from pensiones.engine.parquet import ParquetPopulation
from pensiones.engine.population import (
    COLUMNAS, COLUMNAS_FAMILIA, COLUMNAS_HISTORIA, Population, comprobar_fin_entrantes, semanas_posibles,
)
from pensiones.engine.cobertura_registros import poblacion_cobertura
from pensiones.engine.procesos import BANDAS_SALARIO_REL, huella_incidencia
from pensiones.engine.registros import Registros, registros
from pensiones.reporting.results import Results
from pensiones.reporting.tablas import comprobar_medidas
from pensiones.scenarios import Scenario, check_reforms

__all__ = ["simulate", "sweep", "Run", "PreparedScenario", "ANIO_INICIAL_MINIMO", "ANIO_INICIAL_MAXIMO",
           "ANIO_FINAL_MAXIMO"]

#: Youngest age at which a record may enter a simulation (formal work from 15, LFT art. 22).
EDAD_MINIMA_ENTRADA = 15
#: First year a simulation may start: 2021, the first year of the reformed law (DOF 16-12-2020).
ANIO_INICIAL_MINIMO = ANIO_INICIAL_SIMULACION
#: Last year a simulation may start: 2025, the last year whose Ley 73 opening stock is calibrated
#: (published spending and the synthetic population of that year, which is built for 2021-2025).
ANIO_INICIAL_MAXIMO = 2025
#: Last year a simulation may reach: 2100, the horizon of published evaluations of the 2020 reform
#: (after CONAPO's 2070, the population follows ``Supuestos.poblacion_post_2070``).
ANIO_FINAL_MAXIMO = ANIO_MAX
#: Largest default work unit of an in-memory population on a cluster, records (about 22 MB of input).
PARTICION_MAXIMA = 250_000

def _hash(T, P, real) -> str:
    h = hashlib.sha256()
    # the named parameters field by field (some are arrays), flattened in order
    escalares = np.concatenate([np.asarray(x, dtype=float).ravel() for x in P])
    for arr in (*[np.asarray(x) for x in T], escalares, real):
        h.update(np.ascontiguousarray(arr, dtype=float).tobytes())
    return h.hexdigest()[:16]


@jit(parallel=True)
def _suma_huella(bits, primera_persona, campo, opcional):
    """Sum (mod 2**64) over the records of the 64-bit mix of (record number, ``bits``) of field ``campo``
    (``bits``: the column's bits as uint64, :func:`huella_parcial`).

    The mix is the SplitMix64 finaliser of the draws (:func:`pensiones.engine.rng.mezcla`); with
    ``opcional`` a record whose value is zero adds nothing.  One compiled pass, no temporary arrays.
    """
    total = np.uint64(0)
    clave_campo = np.uint64(campo + 1)
    for k in prange(bits.shape[0]):  # a sum mod 2**64: the same in any order, on any number of threads
        b = bits[k]
        clave = rng.mezcla((np.uint64(primera_persona) + np.uint64(k)) * rng.DORADO + clave_campo)
        mezclado = rng.mezcla(b ^ clave)
        if opcional and b == np.uint64(0):
            mezclado = np.uint64(0)
        total += mezclado
    return total


def huella_parcial(population: Population, primera_persona: int = 0) -> np.ndarray:
    """Per field of ``COLUMNAS`` and then of ``COLUMNAS_FAMILIA`` and ``COLUMNAS_HISTORIA``, the sum (mod
    2**64) of a 64-bit mix of (record number, value); an optional field sums only its records with a
    non-zero value.

    The sums of the parts of a population add up (mod 2**64) to the whole population's, whatever
    the partitioning, so a population in memory and the same records in Parquet parts get the
    same fingerprint (:func:`huella`), computed on the workers from the parts.
    """
    campos = (*COLUMNAS, *COLUMNAS_FAMILIA, *COLUMNAS_HISTORIA)
    sums = np.zeros(len(campos), dtype=np.uint64)
    with np.errstate(over="ignore"):  # the plain-Python build (PENSIONES_SIN_NUMBA) wraps as compiled code does
        for f, name in enumerate(campos):
            values = getattr(population, name)
            # a float's bits, an integer or boolean column's int64 value's bits: one uint64 array (so the
            # compiled sum has one signature: a parallel loop takes a second or so to compile per signature)
            if values.dtype not in (np.float64, np.int64):
                values = values.astype(np.int64)
            bits = np.ascontiguousarray(values).view(np.uint64)
            bits.flags.writeable = False  # read-only like the population's columns: the same signature
            sums[f] = _suma_huella(bits, primera_persona, f, name not in COLUMNAS)
    return sums


def huella(sumas: np.ndarray, personas: int) -> str:
    """The population fingerprint (16 hex digits) from the summed :func:`huella_parcial` of its parts.

    The family fields count only when some record has a family, and the history fields only when
    some record has one, so a population without them keeps the fingerprint it had before those
    columns existed.
    """
    sumas = np.asarray(sumas, dtype=np.uint64)
    familia = sumas[len(COLUMNAS): len(COLUMNAS) + len(COLUMNAS_FAMILIA)]
    historia = sumas[len(COLUMNAS) + len(COLUMNAS_FAMILIA):]
    h = hashlib.sha256(sumas[: len(COLUMNAS)].tobytes())
    h.update(np.int64(personas).tobytes())
    if familia.any():
        h.update(familia.tobytes())
    if historia.any():
        h.update(historia.tobytes())
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


@jit
def _bandas(anio_afiliacion, sbc_diario, sbc_ref, start, limite_baja, limite_media):
    """Per record, the code of its salary band (0 baja, 1 media, 2 alta): its SBC over the average SBC of its
    entry year (``start`` or the affiliation's), against the bands' upper limits, in one pass."""
    codigos = np.empty(anio_afiliacion.shape[0], dtype=np.int8)
    ultimo = sbc_ref.shape[0] - 1
    for k in range(anio_afiliacion.shape[0]):
        entrada = int(max(math.floor(anio_afiliacion[k]), start))
        rel = sbc_diario[k] / sbc_ref[min(max(entrada - start, 0), ultimo)]
        codigos[k] = 0 if rel <= limite_baja else (1 if rel <= limite_media else 2)
    return codigos


def personas(population: Population, sbc_ref: np.ndarray, start: int) -> pd.DataFrame:
    """Per record: ``sexo``, ``banda`` (salary band against the average SBC), ``peso``, ``generacion``."""
    referencia = np.asarray(sbc_ref, dtype=np.float64)
    banda = _bandas(population.anio_afiliacion, population.sbc_diario, referencia, int(start),
                    float(BANDAS_SALARIO_REL[0]), float(BANDAS_SALARIO_REL[1]))
    # categorical columns from their codes: a million records' labels as strings took most of a second
    return pd.DataFrame(
        {
            "sexo": pd.Categorical.from_codes((population.sexo != 0).astype(np.int8), categories=["H", "M"]),
            "banda": pd.Categorical.from_codes(banda, categories=["baja", "media", "alta"]),
            "peso": population.peso,
            "generacion": pd.Categorical.from_codes(
                np.where(population.transicion, 0, 1).astype(np.int8), categories=["ley73_transicion", "ley97"]
            ),
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
class PreparedScenario:
    """One scenario prepared for a run: resolved rules, returns of every path, and the yearly series."""

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
    lines: dict
    per_path: object = None
    yearly_paths: dict | None = None

    @property
    def inputs(self) -> tuple:
        """What a work unit runs on: (T, P), and the per-path inputs when each path draws its own scenario."""
        return (self.T, self.P) if self.per_path is None else (self.T, self.P, self.per_path)

    @classmethod
    def preparar(cls, scenario: Scenario, *, paths: int, seed: int, start: int, end: int) -> PreparedScenario:
        """Resolve ``scenario`` for ``start``..``end``; raise if one of its overlays would change nothing."""
        reglas, procesos = scenario.rules(), scenario.procesos
        with reglas.record_lookups() as leidas:
            T, P = preparar(reglas, procesos, start, end)
            series = anuales(
                reglas, start, end, cobertura_pbam=procesos.cobertura_pbam, cobertura_mujeres=procesos.cobertura_mujeres
            )
            lineas = lineas_imss(reglas, np.arange(start, end + 1), paths=paths, seed=seed)
        # an overlay on a table this run never reads, or dated after it, would silently change nothing
        check_reforms(scenario, leidas, start, end)
        years = np.arange(start, end + 1)
        real = rendimientos_reales(seed, paths, years, procesos)
        if not incertidumbre.per_path(procesos):
            return cls(scenario, T, P, real, years, series, seed, paths, start, end, lineas)
        # each path draws its own scenario: macro paths, behaviour, bootstrap (pensiones.engine.incertidumbre)
        per_path, real, anuales_paths, lineas = incertidumbre.preparar(
            reglas, procesos, T, P, real, series, lineas, seed=seed, paths=paths, start=start, end=end
        )
        return cls(scenario, T, P, real, years, series, seed, paths, start, end, lineas, per_path, anuales_paths)

    def resultados(self, ledger: np.ndarray, out, n: int, huella_poblacion: str, personas: pd.DataFrame, *,
                   grupos: Grupos | None = None) -> Results:
        """:class:`Results` of this scenario from its summed ledger and outcomes (``n`` records of the population;
        ``grupos`` the records its coverage groups added after them, if any)."""
        from pensiones import _version

        s = self.scenario
        provenance = {
            "version": _version.__version__,
            "parametros_hash": _hash(self.T, self.P, self.real),
            "escenario": s.name,
            "seed": self.seed,
            "personas": n,
            "paths": self.paths,
            "anios": f"{self.start}-{self.end}",
            "poblacion_hash": huella_poblacion,
            "reformas": [f"{r.tabla} from {r.desde}: {r.descripcion}" for r in s.reformas],
            "invalidez": _invalidez_procedencia(s.procesos),
        }
        if self.per_path is not None:
            provenance["incertidumbre"] = _incertidumbre_procedencia(s.procesos)
        if grupos is not None:
            # the groups' records follow the population's in the outcomes; "personas" stays the population's
            provenance["cobertura"] = grupos.procedencia(s)
            provenance["personas_cobertura"] = len(grupos.population)
        results = Results(
            ledger, self.years, self.seed, self.paths, provenance, self.series, s, personas, out, self.lines,
            yearly_paths=self.yearly_paths,
        )
        return comprobar_medidas(results)  # real and % of GDP measures guarded as the nominal ledger is


def _incertidumbre_procedencia(procesos) -> str:
    """What each path drew besides its returns and careers (``Procesos.macro``, ``comportamiento_incierto``,
    ``bootstrap``)."""
    from pensiones.engine import macro

    partes = []
    if procesos.macro == "estocastico":
        fit = macro.leer()
        partes.append(f"macro paths: VAR(1) of {', '.join(macro.VARIABLES)} fitted to "
                      f"{fit.anios[0] - 1}-{fit.anios[1]} (pensiones/engine/data/macro_var.json), long-run means "
                      "drawn per path")
    if procesos.comportamiento_incierto:
        partes.append(f"behaviour drawn per path: {', '.join(incertidumbre.RANGOS)}")
    if procesos.bootstrap:
        partes.append("records re-weighted per path by a Poisson(1) bootstrap")
    return "; ".join(partes)


def _invalidez_procedencia(procesos) -> str:
    """What the run did about invalidity: not modelled, or the user's incidence table (its hash)."""
    tabla = procesos.incidencia_invalidez
    if tabla is None:
        return "not modelled (no incidence table: Procesos.incidencia_invalidez)"
    return (
        f"user incidence table sha256:{huella_incidencia(tabla)} (Procesos.incidencia_invalidez), "
        f"share of 75 % or more {procesos.proporcion_invalidez_grado_75!r}"
    )


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


def validar(paths, seed, start, end, backend) -> tuple[int, int, int, int]:
    """Check the run's numbers; return them as ints."""
    paths = check_integer("paths", paths, minimum=1, maximum=TRAYECTORIAS_MAX)
    seed = check_integer("seed", seed, minimum=0, maximum=SEMILLA_MAX)
    start = check_integer("start", start, minimum=ANIO_INICIAL_MINIMO, maximum=ANIO_INICIAL_MAXIMO)
    end = check_integer("end", end, minimum=start, maximum=ANIO_FINAL_MAXIMO)
    if backend not in ("numba", "python"):
        raise ValueError(f"backend must be one of 'numba', 'python'; got {backend!r}")
    return paths, seed, start, end


_CERROJO = threading.Lock()
_SIN_TAREAS_CONCURRENTES = ("workqueue", None)


def _unidad(fuente, parte, primera_persona, tp, real, seed, primer_path, threads, chunk_size, outcomes, backend,
            progress=False):
    """One work unit: the records of ``fuente`` (a population, its :class:`Registros`, or part ``parte`` of a Parquet
    one) on the paths whose returns are ``real``; returns (ledger, outcomes or None). Runs here or on a worker."""
    import numba

    T, P = tp[0], tp[1]
    per_path = tp[2] if len(tp) > 2 else None
    pop = fuente if isinstance(fuente, (Population, Registros)) else fuente.parte(parte)
    if per_path is not None:  # each path on its own scenario (pensiones.engine.incertidumbre)
        T = P = None
    kwargs = dict(
        threads=threads, chunk_size=min(chunk_size, len(pop.peso)) if chunk_size else None, outcomes=outcomes,
        progress=progress, backend=backend, primera_persona=primera_persona, primer_path=primer_path,
    )
    try:
        layer = numba.threading_layer()
    except ValueError:
        layer = None
    def correr():
        if per_path is not None:
            kwargs.pop("primera_persona"), kwargs.pop("primer_path")
            return per_path.run(pop, primera_persona, real, seed, primer_path, **kwargs)
        return ejecutar(pop, T, P, real, seed, **kwargs)

    if layer in _SIN_TAREAS_CONCURRENTES:
        # Numba's workqueue layer must not be entered by two threads at once (nor before it is known)
        with _CERROJO:
            return correr()
    return correr()


@attrs.frozen
class Grupos:
    """The records a scenario's ``Procesos.cobertura`` appends to a run's population
    (:mod:`pensiones.engine.cobertura`)."""

    population: Population
    registros: Registros

    @classmethod
    def de(cls, scenario: Scenario, personas: float, n: int, *, seed: int, start: int, end: int) -> Grupos | None:
        """The groups' records for a population of ``n`` records standing for ``personas`` people, or None."""
        if not scenario.procesos.cobertura:
            return None
        pop, grupo = poblacion_cobertura(
            scenario.procesos.cobertura, personas_por_registro=personas / max(n, 1), seed=seed, start=start, end=end,
            procesos=scenario.procesos, reglas=scenario.rules(),
        )
        validar_edades(*edades_entrada(pop, start))
        return cls(pop, registros(pop, grupo))

    def correr(self, primera_persona: int, prep: PreparedScenario, run: Run) -> tuple:
        """(ledger, outcomes) of the groups' records, numbered from ``primera_persona`` (after the population's)."""
        return _unidad(self.registros, 0, primera_persona, prep.inputs, prep.real, run.seed, 0, run.threads, None,
                       run.outcomes, run.backend, progress=False)

    def procedencia(self, scenario: Scenario) -> list[str]:
        """The provenance's lines: each group, its date, share entering, subsidy and records."""
        numeros = self.registros.grupo_cobertura
        from pensiones.engine.cobertura import GRUPOS

        return [
            f"{c.grupo} from {c.desde:g}: incorporacion {c.incorporacion:g}, subsidio {c.subsidio:g}, "
            f"{int((numeros == GRUPOS.index(c.grupo) + 1).sum())} records, "
            f"{float(self.population.peso[numeros == GRUPOS.index(c.grupo) + 1].sum()):,.0f} people"
            for c in scenario.procesos.cobertura
        ]


def _con_grupos(grupos: Grupos | None, prep, run, n: int, ledger, outcomes, personas_df):
    """A scenario's ledger, outcomes and per-person groups with its coverage groups' records added after the ``n``
    records of the population (unchanged without groups)."""
    if grupos is None:
        return ledger, outcomes, personas_df
    extra, extra_out = grupos.correr(n, prep, run)
    ledger = ledger + extra
    if outcomes is not None:
        outcomes = np.concatenate([outcomes, extra_out], axis=1)
    if len(personas_df) == n:  # the per-person groups are kept (outcomes); else empty, as the population's
        personas_df = pd.concat([personas_df, personas(grupos.population, prep.T.sbc_promedio, run.start)],
                                ignore_index=True)
    return ledger, outcomes, personas_df


def _resumen_parte(fuente: ParquetPopulation, parte: int, start: int, refs):
    """Records, entry ages, fingerprint sums and (if ``refs``) per-record groups of one part."""
    pop = fuente.parte(parte)
    lo, hi = edades_entrada(pop, start)
    grupos = [personas(pop, ref, start) for ref in refs] if refs is not None else None
    return len(pop), lo, hi, huella_parcial(pop, int(fuente.inicios[parte])), grupos, float(pop.peso.sum())


def _tramos(total: int, size: int) -> list[tuple[int, int]]:
    return [(a, min(a + size, total)) for a in range(0, total, size)]


@attrs.frozen(eq=False)
class Run:
    """A run: scenarios on one population and seed, checked and ready to execute here or on a cluster.

    Build it with :meth:`create` (which checks every argument before any work) and call
    :meth:`execute`. All scenarios share the seed (common random numbers) and the work units; on a
    cluster their units are submitted together so the workers stay busy. Each scenario's
    :class:`~pensiones.Results` equals its own single-process run, bit for bit.
    """

    population: Population | ParquetPopulation
    scenarios: tuple
    paths: int
    seed: int
    start: int
    end: int
    threads: int | None = None
    chunk_size: int | None = None
    outcomes: bool = False
    progress: bool | None = None
    backend: str = "numba"
    partition_size: int | None = None
    paths_per_task: int | None = None

    @classmethod
    def create(cls, population, scenarios, *, paths, seed, start=2025, end=2070, threads=None, chunk_size=None,
               outcomes=False, progress=None, backend="numba", partition_size=None, paths_per_task=None) -> Run:
        """Check the arguments (as :func:`simulate` documents them) and return the run."""
        paths, seed, start, end = validar(paths, seed, start, end, backend)
        if not isinstance(population, (Population, ParquetPopulation)):
            raise ValueError(
                f"population must be a pensiones.Population or ParquetPopulation, got {type(population).__name__}"
            )
        comprobar_fin_entrantes(population, end)
        scenarios = tuple(Scenario.default() if s is None else s for s in scenarios)
        for s in scenarios:
            if not isinstance(s, Scenario):
                raise ValueError(f"scenario must be a pensiones.Scenario or None, got {type(s).__name__}")
        if not scenarios:
            raise ValueError("scenarios is empty")
        if outcomes:
            comprobar_memoria_resultados(len(population), paths)
        return cls(population, scenarios, paths, seed, start, end, threads, chunk_size, bool(outcomes), progress,
                   backend, partition_size, paths_per_task)

    def execute(self, client=None) -> list[Results]:
        """Run every scenario, on the Dask ``client`` or here; one :class:`~pensiones.Results` per scenario."""
        population = self.population
        if client is None and isinstance(population, Population):
            return self._here(population)
        return self._units(population, client)

    def _here(self, population: Population) -> list[Results]:
        """An in-memory population in this process: the whole population and every path in one unit."""
        if self.partition_size is not None or self.paths_per_task is not None:
            raise ValueError("partition_size and paths_per_task split a run into Dask work units: they need a client")
        if self.chunk_size is not None:  # one unit of the whole population: its chunks split it
            check_integer("chunk_size", self.chunk_size, minimum=1, maximum=max(len(population), 1))
        if len(population):
            validar_edades(*edades_entrada(population, self.start))
        sumas = huella_parcial(population)
        out = []
        for scenario in self.scenarios:
            prep = PreparedScenario.preparar(scenario, paths=self.paths, seed=self.seed, start=self.start,
                                             end=self.end)
            ledger, outcomes = _unidad(population, 0, 0, prep.inputs, prep.real, self.seed, 0, self.threads,
                                       self.chunk_size, self.outcomes, self.backend, progress=self.progress)
            grupos = Grupos.de(scenario, float(population.peso.sum()), len(population), seed=self.seed,
                               start=self.start, end=self.end)
            ledger, outcomes, grupos_df = _con_grupos(
                grupos, prep, self, len(population), ledger, outcomes,
                personas(population, prep.T.sbc_promedio, self.start),
            )
            out.append(prep.resultados(ledger, outcomes, len(population), huella(sumas, len(population)), grupos_df,
                                       grupos=grupos))
        return out

    def _units(self, population, client) -> list[Results]:
        """Work units of (records x paths): a Parquet population's parts here, or anything on a cluster."""
        from pensiones import distributed

        paths, seed, start, outcomes = self.paths, self.seed, self.start, self.outcomes
        slots = distributed.comprobar_cliente(client) if client is not None else 1
        threads, chunk_size = self.threads, self.chunk_size
        if threads is not None:
            threads = check_integer("threads", threads, minimum=1, maximum=1024)
        elif client is not None:
            threads = 1
        if chunk_size is not None:
            chunk_size = check_integer("chunk_size", chunk_size, minimum=1, maximum=max(len(population), 1))
        parquet = isinstance(population, ParquetPopulation)
        n = len(population)
        partition_size = self.partition_size
        if parquet:
            if partition_size is not None:
                raise ValueError(
                    "partition_size splits an in-memory population; a ParquetPopulation is split by its part files "
                    "(write it again with Population.to_parquet(path, partition_size=...))"
                )
            tramos = [(int(a), int(a) + r) for a, r in zip(population.inicios, population.filas)]
        else:
            if partition_size is None:
                partition_size = min(PARTICION_MAXIMA, max(1, -(-n // (2 * slots))))
            partition_size = check_integer("partition_size", partition_size, minimum=1, maximum=max(n, 1))
            tramos = _tramos(n, partition_size)
        paths_per_task = self.paths_per_task
        if paths_per_task is None:
            blocks = min(paths, max(1, -(-2 * slots // len(tramos)))) if client is not None else 1
            paths_per_task = -(-paths // blocks)
        paths_per_task = check_integer("paths_per_task", paths_per_task, minimum=1, maximum=paths)
        bloques = _tramos(paths, paths_per_task)
        preps = [PreparedScenario.preparar(s, paths=paths, seed=seed, start=start, end=self.end)
                 for s in self.scenarios]

        # the population's summary: here if in memory, else from the parts (on the workers if any)
        if parquet:
            refs = [c.T.sbc_promedio for c in preps] if outcomes else None
            if client is not None:
                partes = distributed.resumir_en_cluster(client, _resumen_parte, population, len(tramos), start, refs)
            else:
                partes = [_resumen_parte(population, k, start, refs) for k in range(len(tramos))]
            lo, hi = min(p[1] for p in partes), max(p[2] for p in partes)
            gente = sum(p[5] for p in partes)
            sumas = np.zeros_like(partes[0][3])
            with np.errstate(over="ignore"):
                for p in partes:
                    sumas += p[3]
            if outcomes:
                grupos = [pd.concat([p[4][s] for p in partes], ignore_index=True) for s in range(len(preps))]
            else:
                # nothing of size O(persons) here: the groups serve only per-person outcomes
                grupos = [pd.DataFrame({"sexo": [], "banda": [], "peso": [], "generacion": []}) for _ in preps]
        else:
            lo, hi = edades_entrada(population, start)
            gente = float(population.peso.sum())
            sumas = huella_parcial(population)
            grupos = [personas(population, c.T.sbc_promedio, start) for c in preps]
        validar_edades(lo, hi)

        ny = len(preps[0].years)
        ledgers = [np.zeros((paths, ny, C.N_COMPONENTES), dtype=np.int64) for _ in preps]
        approx = [np.zeros((paths, ny, C.N_COMPONENTES)) for _ in preps]
        outs = [np.empty((paths, n, len(C.RESULTADOS_PERSONA))) for _ in preps] if outcomes else None
        unidades = [(s, k, p0, p1) for s in range(len(preps)) for k in range(len(tramos)) for p0, p1 in bloques]
        show = self.progress if self.progress is not None else n * paths * ny * len(preps) > 20_000_000
        bar = None
        if show:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(unidades), unit="unit", desc=f"pensiones {len(preps)} x {paths} paths x {n:,} records")

        def acumular(unidad, resultado):
            s, k, p0, p1 = unidad
            ledger, out = resultado
            ledgers[s][p0:p1] += ledger
            approx[s][p0:p1] += ledger.astype(float)  # the signed total, as engine.driver.comprobar_rango reads it
            if outcomes:
                a, b = tramos[k]
                outs[s][p0:p1, a:b] = out
            if bar is not None:
                bar.update(1)

        def argumentos(unidad):
            s, _, p0, p1 = unidad
            return preps[s].real[p0:p1], seed, p0, threads, chunk_size, outcomes, self.backend

        try:
            if client is None:
                for unidad in unidades:
                    s, k, _, _ = unidad
                    c = preps[s]
                    acumular(unidad, _unidad(population, k, tramos[k][0], c.inputs, *argumentos(unidad)))
            else:
                distributed.en_cluster(client, _unidad, population, parquet, tramos, [c.inputs for c in preps],
                                       unidades, argumentos, acumular)
        finally:
            if bar is not None:
                bar.close()
        resultados = []
        for s, c in enumerate(preps):
            # the scenario's coverage groups: a unit of their own here, after the population's records
            extra = Grupos.de(self.scenarios[s], gente, n, seed=seed, start=start, end=self.end)
            ledger, out_s, grupos_s = _con_grupos(extra, c, self, n, ledgers[s], outs[s] if outcomes else None,
                                                  grupos[s])
            comprobar_rango(approx[s] + (ledger - ledgers[s]).astype(float), start)
            resultados.append(c.resultados(ledger, out_s, n, huella(sumas, n), grupos_s, grupos=extra))
        return resultados


def ejecutar_corridas(population, scenarios: list, *, client=None, **kwargs) -> list[Results]:
    """Each scenario on the population, on a Dask ``client`` or here: ``Run.create(...).execute(client)``.

    Arguments as in :func:`simulate`; kept for callers of the former ``pensiones.distributed`` name.
    """
    return Run.create(population, scenarios, **kwargs).execute(client)


RENOMBRES["simulate(motor=)"] = "simulate(backend=)"


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
    backend: str = "numba",
    client=None,
    partition_size: int | None = None,
    paths_per_task: int | None = None,
    motor: str | None = None,
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
        First and last simulated year (2021 <= start <= 2025, start <= end <= 2100: the Ley 73 opening
        stock is calibrated for the start years 2021-2025).  The CONAPO projections
        the fiscal cost needs end in 2070; later years follow ``Supuestos.poblacion_post_2070``.
        The synthetic population's entrants stop at its ``anio_fin`` (default 2070), kept as
        ``population.anio_fin_entrantes``: a run that ends after it is refused, so a run past
        2070 needs ``Population.synthetic(..., anio_fin=end)`` (``pensiones run`` builds it so).
    threads : int, optional
        Threads of the engine (default: all; with a ``client``, per work unit, default 1: the Dask
        workers' threads are the parallelism).
    chunk_size : int, optional
        Persons per chunk of the kernel's threads (default: persons / (16 x threads)).
    outcomes : bool
        Also return per-person outcomes (memory persons x paths x 9 x 8 bytes, gathered here).
    progress : bool, optional
        Show a progress bar (default: when persons x paths x years exceeds 20 million, about a second).
    backend : {"numba", "python"}
        ``"python"`` runs the pure-Python twin (slow; for tests and debugging).  ``backend=`` is its
        deprecated spelling.
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
        entrants stop before ``end`` (naming its ``anio_fin``), or whose ages at entry are outside
        15-110, a reform overlay that the run would not feel (its table
        is not read, or it takes effect after ``end``), or a ledger amount outside the exact integer
        range (:class:`~pensiones.engine.driver.LedgerOverflowError`).
    """
    if motor is not None:
        avisar("simulate(motor=)", "simulate(backend=)")
        backend = motor
    run = Run.create(
        population, [scenario], paths=paths, seed=seed, start=start, end=end, threads=threads, chunk_size=chunk_size,
        outcomes=outcomes, progress=progress, backend=backend, partition_size=partition_size,
        paths_per_task=paths_per_task,
    )
    (results,) = run.execute(client)
    return results


def escenarios_por_nombre(scenarios) -> dict[str, Scenario]:
    """Scenarios by name from a dict name -> Scenario, or a list of names, TOML files or Scenarios."""
    if isinstance(scenarios, Mapping):
        out = dict(scenarios)
        for name, s in out.items():
            if not isinstance(name, str) or not isinstance(s, Scenario):
                raise ValueError(
                    f"scenarios must map names (str) to pensiones.Scenario; got {name!r}: {type(s).__name__}"
                )
    elif isinstance(scenarios, (list, tuple)):
        out = {}
        for item in scenarios:
            s = item if isinstance(item, Scenario) else Scenario.load(item)
            if s.name in out:
                raise ValueError(f"scenarios: two scenarios are named {s.name!r}; pass a dict name -> Scenario")
            out[s.name] = s
    else:
        raise ValueError(
            "scenarios must be a dict name -> Scenario or a list of scenario names or TOML files, "
            f"got {type(scenarios).__name__}"
        )
    if not out:
        raise ValueError("scenarios is empty")
    return out


def sweep(
    population: Population | ParquetPopulation,
    scenarios,
    *,
    paths: int,
    seed: int,
    start: int = 2025,
    end: int = 2070,
    client=None,
    outcomes: bool = False,
    threads: int | None = None,
    progress: bool | None = None,
    partition_size: int | None = None,
    paths_per_task: int | None = None,
) -> dict:
    """Run several scenarios on one population with common random numbers, on a Dask cluster.

    Parameters
    ----------
    population : Population or ParquetPopulation
    scenarios : dict of str to Scenario, or list of str
        Scenarios by name, or built-in scenario names and TOML files (named by their ``nombre``).
    paths, seed, start, end
        As in :func:`pensiones.simulate`; every scenario gets the same seed, so their differences
        are the reforms', path by path (:func:`pensiones.compare`).
    client : dask.distributed.Client, optional
        Default: a :class:`~dask.distributed.LocalCluster` with one worker process per core (as
        memory allows, :func:`pensiones.distributed.cluster_local`), started for the sweep and
        closed after it (its dashboard link is printed).
    outcomes, threads, progress, partition_size, paths_per_task
        As in :func:`pensiones.simulate`.

    Returns
    -------
    dict of str to Results
        In the order given; each equal, bit for bit, to its own :func:`pensiones.simulate`.
    """
    from pensiones import distributed

    escenarios = escenarios_por_nombre(scenarios)
    run = Run.create(
        population, list(escenarios.values()), paths=paths, seed=seed, start=start, end=end, outcomes=outcomes,
        threads=threads, progress=progress, partition_size=partition_size, paths_per_task=paths_per_task,
    )
    if client is None:
        cluster, client = distributed.cluster_local()
        try:
            results = run.execute(client)
        finally:
            client.close()
            cluster.close()
    else:
        results = run.execute(client)
    return dict(zip(escenarios, results))


#: Former names in this module (deprecated; removed in the next release).
_MOVIDOS = {"Corrida": "PreparedScenario"}


def __getattr__(name):
    if name not in _MOVIDOS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(f"pensiones.simulation.{name} is now pensiones.simulation.{_MOVIDOS[name]}; the old name will be "
                  "removed", DeprecationWarning, stacklevel=2)
    return globals()[_MOVIDOS[name]]
