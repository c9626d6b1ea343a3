"""Runs beyond one process: work units on a Dask cluster, scenario sweeps, populations in Parquet parts.

A run is split into work units of (records a..b) x (paths p0..p1). The kernel keys every random
draw by the record's and the path's number in the whole run, and ledgers are exact integer sums,
so the units' ledgers add up to the single-process ledger bit for bit, in any order, for any
number of workers or units, and when a lost worker's units are run again elsewhere.

Dask (``dask.distributed``) is an optional dependency: ``pip install 'pensiones[distributed]'``.
Nothing here imports it until a cluster is used.
"""

from __future__ import annotations

import threading
import uuid
import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from pensiones._validation import check_integer
from pensiones.engine import componentes as C
from pensiones.engine.driver import comprobar_rango, ejecutar
from pensiones.engine.parquet import ParquetPopulation
from pensiones.engine.population import Population
from pensiones.scenarios import Scenario
from pensiones.simulation import Corrida, edades_entrada, huella, huella_parcial, personas, validar, validar_edades

__all__ = ["sweep", "ejecutar_corridas", "cluster_local", "ParquetPopulation"]

#: Largest default work unit of an in-memory population, records (about 22 MB of input).
PARTICION_MAXIMA = 250_000

#: Prefix of the Dask keys of the work units (shown on the dashboard).
PREFIJO = "pensiones"

_CERROJO = threading.Lock()
_SIN_TAREAS_CONCURRENTES = ("workqueue", None)


def _dask():
    try:
        import distributed
    except ImportError:
        raise ValueError("running on a cluster needs Dask: pip install 'pensiones[distributed]'") from None
    return distributed


def _unidad(fuente, parte, primera_persona, tp, real, seed, primer_path, threads, chunk_size, outcomes, motor):
    """One work unit: the records of ``fuente`` (a population, or part ``parte`` of a Parquet one) on
    the paths whose returns are ``real``; returns (ledger, outcomes or None)."""
    import numba

    T, P = tp
    pop = fuente if isinstance(fuente, Population) else fuente.parte(parte)
    kwargs = dict(
        threads=threads, chunk_size=min(chunk_size, len(pop)) if chunk_size else None, outcomes=outcomes,
        progress=False, motor=motor, primera_persona=primera_persona, primer_path=primer_path,
    )
    try:
        layer = numba.threading_layer()
    except ValueError:
        layer = None
    if layer in _SIN_TAREAS_CONCURRENTES:
        # Numba's workqueue layer must not be entered by two threads at once (nor before it is known)
        with _CERROJO:
            return ejecutar(pop, T, P, real, seed, **kwargs)
    return ejecutar(pop, T, P, real, seed, **kwargs)


def _resumen_parte(fuente: ParquetPopulation, parte: int, start: int, refs):
    """Records, entry ages, fingerprint sums and (if ``refs``) per-record groups of one part."""
    pop = fuente.parte(parte)
    lo, hi = edades_entrada(pop, start)
    grupos = [personas(pop, ref, start) for ref in refs] if refs is not None else None
    return len(pop), lo, hi, huella_parcial(pop, int(fuente.inicios[parte])), grupos


def _identidad(x):
    return x


def _version() -> str:
    import pensiones

    return pensiones.__version__


def _check_client(client):
    """Check the client and that every worker runs this version of pensiones; return the worker threads."""
    import pensiones

    distributed = _dask()
    if not isinstance(client, distributed.Client):
        raise ValueError(f"client must be a dask.distributed.Client, got {type(client).__name__}")
    slots = sum(client.nthreads().values())
    if slots == 0:
        raise ValueError(f"the Dask cluster at {client.scheduler.address} has no workers")
    otras = {w: v for w, v in client.run(_version).items() if v != pensiones.__version__}
    if otras:
        w, v = next(iter(otras.items()))
        raise ValueError(
            f"{len(otras)} Dask worker(s) run another pensiones version (e.g. {w}: {v}; here {pensiones.__version__}): "
            "install the same version on every node"
        )
    return slots


def _tramos(total: int, size: int) -> list[tuple[int, int]]:
    return [(a, min(a + size, total)) for a in range(0, total, size)]


def ejecutar_corridas(
    population: Population | ParquetPopulation,
    scenarios: list[Scenario],
    *,
    paths: int,
    seed: int,
    start: int,
    end: int,
    client=None,
    threads: int | None = None,
    chunk_size: int | None = None,
    outcomes: bool = False,
    progress: bool | None = None,
    motor: str = "numba",
    partition_size: int | None = None,
    paths_per_task: int | None = None,
) -> list:
    """Run each scenario on the population, on a Dask ``client`` or here one unit at a time.

    All scenarios share the seed (common random numbers) and the work units; their units are
    submitted together so the workers stay busy. Returns one :class:`~pensiones.Results` per
    scenario, each equal to its own single-process :func:`pensiones.simulate`.
    Arguments as in :func:`pensiones.simulate`.
    """
    paths, seed, start, end = validar(paths, seed, start, end, motor)
    slots = _check_client(client) if client is not None else 1
    if threads is not None:
        threads = check_integer("threads", threads, minimum=1, maximum=1024)
    elif client is not None:
        threads = 1
    if chunk_size is not None:
        chunk_size = check_integer("chunk_size", chunk_size, minimum=1, maximum=max(len(population), 1))
    parquet = isinstance(population, ParquetPopulation)
    n = len(population)
    if parquet:
        if partition_size is not None:
            raise ValueError(
                "partition_size splits an in-memory population; a ParquetPopulation is split by its part files "
                "(write it again with Population.to_parquet(path, partition_size=...))"
            )
        tramos = [(int(a), int(a) + r) for a, r in zip(population.inicios, population.filas)]
    else:
        if client is None:
            raise ValueError("an in-memory population without a client runs in one process: use pensiones.simulate")
        if partition_size is None:
            partition_size = min(PARTICION_MAXIMA, max(1, -(-n // (2 * slots))))
        partition_size = check_integer("partition_size", partition_size, minimum=1, maximum=max(n, 1))
        tramos = _tramos(n, partition_size)
    if paths_per_task is None:
        blocks = min(paths, max(1, -(-2 * slots // len(tramos)))) if client is not None else 1
        paths_per_task = -(-paths // blocks)
    paths_per_task = check_integer("paths_per_task", paths_per_task, minimum=1, maximum=paths)
    bloques = _tramos(paths, paths_per_task)
    corridas = [Corrida.preparar(s, paths=paths, seed=seed, start=start, end=end) for s in scenarios]

    # the population's summary: here if in memory, else from the parts (on the workers if any)
    if parquet:
        refs = [c.T.sbc_promedio for c in corridas] if outcomes else None
        if client is not None:
            futs = [client.submit(_resumen_parte, population, k, start, refs, key=f"{PREFIJO}-resumen-{uuid.uuid4().hex}-{k}")
                    for k in range(len(tramos))]
            partes = client.gather(futs)
        else:
            partes = [_resumen_parte(population, k, start, refs) for k in range(len(tramos))]
        lo, hi = min(p[1] for p in partes), max(p[2] for p in partes)
        sumas = np.zeros_like(partes[0][3])
        with np.errstate(over="ignore"):
            for p in partes:
                sumas += p[3]
        if outcomes:
            grupos = [pd.concat([p[4][s] for p in partes], ignore_index=True) for s in range(len(corridas))]
        else:
            # nothing of size O(persons) here: the groups serve only per-person outcomes
            grupos = [pd.DataFrame({"sexo": [], "banda": [], "peso": [], "generacion": []}) for _ in corridas]
    else:
        lo, hi = edades_entrada(population, start)
        sumas = huella_parcial(population)
        grupos = [personas(population, c.T.sbc_promedio, start) for c in corridas]
    validar_edades(lo, hi)

    ny = len(corridas[0].years)
    ledgers = [np.zeros((paths, ny, C.N_COMPONENTES), dtype=np.int64) for _ in corridas]
    approx = [np.zeros((paths, ny, C.N_COMPONENTES)) for _ in corridas]
    outs = [np.empty((paths, n, len(C.RESULTADOS_PERSONA))) for _ in corridas] if outcomes else None
    unidades = [(s, k, p0, p1) for s in range(len(corridas)) for k in range(len(tramos)) for p0, p1 in bloques]
    show = progress if progress is not None else n * paths * ny * len(corridas) > 20_000_000
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(unidades), unit="unit", desc=f"pensiones {len(corridas)} x {paths} paths x {n:,} records")

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

    try:
        if client is None:
            for unidad in unidades:
                s, k, p0, p1 = unidad
                c = corridas[s]
                res = _unidad(population, k, tramos[k][0], (c.T, c.P), c.real[p0:p1], seed, p0, threads, chunk_size,
                              outcomes, motor)
                acumular(unidad, res)
        else:
            _en_cluster(client, population, parquet, tramos, corridas, unidades, seed, threads, chunk_size, outcomes,
                        motor, acumular)
    finally:
        if bar is not None:
            bar.close()
    resultados = []
    for s, c in enumerate(corridas):
        comprobar_rango(approx[s], start)
        resultados.append(c.resultados(ledgers[s], outs[s] if outcomes else None, n, huella(sumas, n), grupos[s]))
    return resultados


def _en_cluster(client, population, parquet, tramos, corridas, unidades, seed, threads, chunk_size, outcomes, motor,
                acumular):
    """Submit every unit; gather as they finish; on an error cancel the rest and raise it."""
    distributed = _dask()
    run = uuid.uuid4().hex[:12]
    futures = []
    try:
        # inputs as tasks (not scattered data): a lost worker's copy is rebuilt from the task
        tps = [client.submit(_identidad, (c.T, c.P), key=f"{PREFIJO}-reglas-{run}-{s}", pure=False)
               for s, c in enumerate(corridas)]
        futures += tps
        if parquet:
            fuentes = [population] * len(tramos)
        else:
            # each chunk travels once, inside its task (Dask warns about graphs over 10 MB and suggests
            # scatter; scattered data lost with its worker cannot be rebuilt, a task can)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
                fuentes = [client.submit(_identidad, population[a:b], key=f"{PREFIJO}-registros-{run}-{k}", pure=False)
                           for k, (a, b) in enumerate(tramos)]
            futures += fuentes
        por_clave = {}
        for unidad in unidades:
            s, k, p0, p1 = unidad
            fut = client.submit(
                _unidad, fuentes[k], k, tramos[k][0], tps[s], corridas[s].real[p0:p1], seed, p0, threads, chunk_size,
                outcomes, motor, key=f"{PREFIJO}-unidad-{run}-{s}-{k}-{p0}", pure=False,
            )
            futures.append(fut)
            por_clave[fut.key] = unidad
        for fut, resultado in distributed.as_completed([f for f in futures if f.key in por_clave], with_results=True):
            acumular(por_clave[fut.key], resultado)
            fut.release()
    finally:
        client.cancel(futures)


def cluster_local(workers: int | None = None):
    """A :class:`dask.distributed.LocalCluster` of ``workers`` processes (default: one per core),
    one thread each, and its client; prints the dashboard link."""
    distributed = _dask()
    from dask.system import CPU_COUNT

    workers = check_integer("workers", workers if workers is not None else CPU_COUNT, minimum=1, maximum=1024)
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    client = distributed.Client(cluster)
    try:
        import bokeh  # noqa: F401

        print(f"Dask dashboard: {client.dashboard_link}", flush=True)
    except ImportError:
        print("Dask dashboard: not available (install bokeh, part of pensiones[distributed])", flush=True)
    return cluster, client


def _escenarios(scenarios) -> dict[str, Scenario]:
    if isinstance(scenarios, Mapping):
        out = dict(scenarios)
        for name, s in out.items():
            if not isinstance(name, str) or not isinstance(s, Scenario):
                raise ValueError(f"scenarios must map names (str) to pensiones.Scenario; got {name!r}: {type(s).__name__}")
    elif isinstance(scenarios, (list, tuple)):
        out = {}
        for item in scenarios:
            s = item if isinstance(item, Scenario) else Scenario.load(item)
            if s.nombre in out:
                raise ValueError(f"scenarios: two scenarios are named {s.nombre!r}; pass a dict name -> Scenario")
            out[s.nombre] = s
    else:
        raise ValueError(
            f"scenarios must be a dict name -> Scenario or a list of scenario names or TOML files, got {type(scenarios).__name__}"
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
        Default: a :class:`~dask.distributed.LocalCluster` with one worker process per core,
        started for the sweep and closed after it (its dashboard link is printed).
    outcomes, threads, progress, partition_size, paths_per_task
        As in :func:`pensiones.simulate`.

    Returns
    -------
    dict of str to Results
        In the order given; each equal, bit for bit, to its own :func:`pensiones.simulate`.
    """
    escenarios = _escenarios(scenarios)
    kwargs = dict(paths=paths, seed=seed, start=start, end=end, outcomes=outcomes, threads=threads,
                  progress=progress, partition_size=partition_size, paths_per_task=paths_per_task)
    validar(paths, seed, start, end, "numba")
    if client is None:
        cluster, client = cluster_local()
        try:
            results = ejecutar_corridas(population, list(escenarios.values()), client=client, **kwargs)
        finally:
            client.close()
            cluster.close()
    else:
        results = ejecutar_corridas(population, list(escenarios.values()), client=client, **kwargs)
    return dict(zip(escenarios, results))

