"""Dask mechanics for runs beyond one process: connecting to a cluster, checking it, submitting work units.

A run (:class:`pensiones.simulation.Run`) is split into work units of (records a..b) x (paths
p0..p1). The kernel keys every random draw by the record's and the path's number in the whole run,
and ledgers are exact integer sums, so the units' ledgers add up to the single-process ledger bit for
bit, in any order, for any number of workers or units, and when a lost worker's units are run again
elsewhere. This module knows nothing of scenarios or results: the run passes it the function of a
unit and receives each unit's result.

Dask (``dask.distributed``) is an optional dependency: ``pip install 'pensiones[distributed]'``.
Nothing here imports it until a cluster is used. Failing fast:

- :func:`cluster_local` starts at most one worker process per core and per
  :data:`MEMORIA_POR_TRABAJADOR` of memory (:func:`trabajadores_maximos`);
- :func:`conectar` gives up on an address that does not answer as a Dask scheduler within
  ``timeout`` seconds, with an error naming the address;
- :func:`comprobar_cliente` retries the setup calls to the workers when a worker is lost meanwhile.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
import warnings

from pensiones._validation import check_integer

__all__ = [
    "cluster_local",
    "conectar",
    "comprobar_cliente",
    "en_cluster",
    "resumir_en_cluster",
    "trabajadores_maximos",
    "MEMORIA_POR_TRABAJADOR",
    "ESPERA_CONEXION",
    "INTENTOS",
    "PREFIJO",
]

#: Prefix of the Dask keys of the work units (shown on the dashboard).
PREFIJO = "pensiones"
#: Memory a local worker process needs (Numba, the compiled kernel, the rules and one work unit), bytes.
MEMORIA_POR_TRABAJADOR = 1 << 30
#: Seconds to wait for a scheduler to answer the handshake (:func:`conectar`).
ESPERA_CONEXION = 10.0
#: Attempts at a setup call to the workers that fails because a worker was lost meanwhile.
INTENTOS = 3


def _dask():
    try:
        import distributed
    except ImportError:
        raise ValueError("running on a cluster needs Dask: pip install 'pensiones[distributed]'") from None
    return distributed


def _nucleos() -> int:
    try:
        from dask.system import CPU_COUNT

        return int(CPU_COUNT)
    except ImportError:  # pragma: no cover - the caller needs Dask anyway
        import os

        return os.cpu_count() or 1


def _memoria() -> int | None:
    import os

    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return None


def trabajadores_maximos() -> tuple[int, str]:
    """The most local worker processes this machine can run, and why: (number, explanation).

    One per core (each worker runs one work unit at a time on one thread) and one per
    :data:`MEMORIA_POR_TRABAJADOR` of physical memory, whichever is fewer, and at least one.
    """
    nucleos = _nucleos()
    memoria = _memoria()
    por_memoria = max(1, memoria // MEMORIA_POR_TRABAJADOR) if memoria else nucleos
    maximo = max(1, min(nucleos, por_memoria))
    razon = f"{nucleos} core(s)"
    if memoria:
        razon += f" and {memoria / 2**30:.0f} GiB of memory at {MEMORIA_POR_TRABAJADOR / 2**30:.0f} GiB a worker"
    return maximo, razon


def cluster_local(workers: int | None = None):
    """A :class:`dask.distributed.LocalCluster` of ``workers`` processes, one thread each, and its client.

    Parameters
    ----------
    workers : int, optional
        Worker processes: 1 to :func:`trabajadores_maximos` (default: that maximum, one per core
        when memory allows).

    Returns
    -------
    (LocalCluster, Client)
        The dashboard link is printed.

    Raises
    ------
    ValueError
        More workers than the machine's cores or memory hold (the message gives both), or Dask is
        not installed.
    """
    distributed = _dask()
    maximo, razon = trabajadores_maximos()
    if workers is None:
        workers = maximo
    workers = check_integer("workers", workers, minimum=1, maximum=1024)
    if workers > maximo:
        raise ValueError(f"workers must be from 1 to {maximo} on this machine ({razon}); got {workers}")
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    client = distributed.Client(cluster)
    try:
        import bokeh  # noqa: F401

        print(f"Dask dashboard: {client.dashboard_link}", flush=True)
    except ImportError:
        print("Dask dashboard: not available (install bokeh, part of pensiones[distributed])", flush=True)
    return cluster, client


async def _saludo(address: str, timeout: float) -> dict:
    """Connect to ``address`` and ask it who it is, all within ``timeout`` seconds."""
    from distributed.comm import connect

    async def pregunta():
        comm = await connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    return await asyncio.wait_for(pregunta(), timeout)


def _identidad_scheduler(address: str, timeout: float):
    """The scheduler's answer to ``identity`` or the exception met, in a thread of its own (so that a
    caller inside an event loop, a notebook, is not blocked by another loop) bounded by ``timeout``."""
    caja: dict = {}

    def correr():
        try:
            caja["respuesta"] = asyncio.run(_saludo(address, timeout))
        except BaseException as exc:  # noqa: BLE001 - reported to the caller, whatever it is
            caja["error"] = exc

    hilo = threading.Thread(target=correr, name="pensiones-handshake", daemon=True)
    hilo.start()
    hilo.join(timeout + 5.0)
    if hilo.is_alive():
        return None, TimeoutError(f"no answer within {timeout:g} s")
    return caja.get("respuesta"), caja.get("error")


def conectar(address: str, *, timeout: float | None = None):
    """A :class:`dask.distributed.Client` of the scheduler at ``address``, or a clear error within ``timeout``.

    The address is first asked who it is (Dask's ``identity`` call) under one time limit for the
    connection and the answer, so an address that is not a Dask scheduler (a web server, a closed
    port, a host that drops packets) fails in ``timeout`` seconds with its address named, instead of
    hanging or failing on a garbled answer.

    Parameters
    ----------
    address : str
        ``tcp://host:port`` (or ``host:port``) of a running ``dask scheduler``.
    timeout : float, optional
        Seconds for the handshake (default :data:`ESPERA_CONEXION`, 10).

    Raises
    ------
    ValueError
        The address is malformed, does not answer in time, or does not answer as a Dask scheduler.
    """
    distributed = _dask()
    timeout = ESPERA_CONEXION if timeout is None else float(timeout)
    if not isinstance(address, str) or not address.strip():
        raise ValueError(f"scheduler address must be like tcp://host:8786, got {address!r}")
    try:
        from distributed.comm.addressing import parse_address

        parse_address(address)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"scheduler address {address!r} is malformed: {exc} (expected tcp://host:8786)") from None
    respuesta, error = _identidad_scheduler(address, timeout)
    if error is not None:
        motivo = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if isinstance(error, MemoryError):
            motivo = "its answer is not Dask's protocol"
        raise ValueError(
            f"scheduler {address} did not answer as a Dask scheduler within {timeout:g} s ({' '.join(motivo.split())})"
        ) from None
    if not isinstance(respuesta, dict) or respuesta.get("type") != "Scheduler":
        raise ValueError(f"{address} answered, but not as a Dask scheduler (got {str(respuesta)[:80]!r})")
    try:
        return distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError, asyncio.TimeoutError) as exc:
        raise ValueError(f"scheduler {address}: could not connect within {timeout:g} s ({exc})") from None


def _version_instalada() -> str:
    """The pensiones version a worker runs."""
    from pensiones._version import __version__

    return __version__


def _transitorio(exc: BaseException) -> bool:
    """Whether a failed call to the workers is worth retrying (a worker lost or restarting meanwhile)."""
    from distributed.comm import CommClosedError

    return isinstance(exc, (CommClosedError, ConnectionError, TimeoutError, asyncio.TimeoutError, EOFError))


def comprobar_cliente(client, *, intentos: int = INTENTOS, espera: float = 1.0) -> int:
    """Check the client and that every worker runs this version of pensiones; return the worker threads.

    A worker lost during the check (``CommClosedError`` and the like) is retried up to ``intentos``
    times, ``espera`` seconds apart (doubling): a restarting worker should not abort a long run.

    Raises
    ------
    ValueError
        Not a client, no workers, workers with another version, or the workers unreachable after
        every attempt.
    """
    from pensiones._version import __version__ as aqui

    distributed = _dask()
    if not isinstance(client, distributed.Client):
        raise ValueError(f"client must be a dask.distributed.Client, got {type(client).__name__}")
    for intento in range(1, intentos + 1):
        try:
            slots = sum(client.nthreads().values())
            if slots == 0:
                raise ValueError(f"the Dask cluster at {client.scheduler.address} has no workers")
            versiones = client.run(_version_instalada)
            break
        except Exception as exc:
            if not _transitorio(exc):
                raise
            if intento == intentos:
                raise ValueError(
                    f"the Dask cluster at {client.scheduler.address} lost workers during setup {intentos} times "
                    f"in a row ({type(exc).__name__}: {' '.join(str(exc).split())})"
                ) from None
            time.sleep(espera * 2 ** (intento - 1))
    otras = {w: v for w, v in versiones.items() if v != aqui}
    if otras:
        w, v = next(iter(otras.items()))
        raise ValueError(
            f"{len(otras)} Dask worker(s) run another pensiones version (e.g. {w}: {v}; here {aqui}): "
            "install the same version on every node"
        )
    return slots


def _identidad(x):
    return x


def resumir_en_cluster(client, funcion, population, partes: int, *args) -> list:
    """``funcion(population, k, *args)`` for each part ``k`` of a Parquet population, on the workers."""
    marca = uuid.uuid4().hex
    futs = [client.submit(funcion, population, k, *args, key=f"{PREFIJO}-resumen-{marca}-{k}") for k in range(partes)]
    return client.gather(futs)


def en_cluster(client, funcion, population, parquet: bool, tramos, entradas, unidades, argumentos, acumular) -> None:
    """Submit every unit; gather as they finish; on an error cancel the rest and raise it.

    Parameters
    ----------
    client : dask.distributed.Client
    funcion : callable
        The work unit, ``funcion(fuente, k, primera_persona, entrada, *argumentos(unidad))``.
    population : Population or ParquetPopulation
    parquet : bool
        Whether ``population`` is read by parts on the workers (else it is cut into ``tramos``).
    tramos : list of (int, int)
        Records of each chunk.
    entradas : list
        One input per scenario (its resolved rules), sent once as a task.
    unidades : list of (scenario, chunk, p0, p1)
    argumentos : callable
        The unit's other arguments from its tuple.
    acumular : callable
        Receives (unit, result) as each unit finishes.
    """
    distributed = _dask()
    run = uuid.uuid4().hex[:12]
    futures = []
    try:
        # inputs as tasks (not scattered data): a lost worker's copy is rebuilt from the task
        tps = [client.submit(_identidad, e, key=f"{PREFIJO}-reglas-{run}-{s}", pure=False)
               for s, e in enumerate(entradas)]
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
            s, k, p0, _ = unidad
            fut = client.submit(funcion, fuentes[k], k, tramos[k][0], tps[s], *argumentos(unidad),
                                key=f"{PREFIJO}-unidad-{run}-{s}-{k}-{p0}", pure=False)
            futures.append(fut)
            por_clave[fut.key] = unidad
        for fut, resultado in distributed.as_completed([f for f in futures if f.key in por_clave], with_results=True):
            acumular(por_clave[fut.key], resultado)
            fut.release()
    finally:
        client.cancel(futures)


#: Old names of this module, now in :mod:`pensiones.simulation` (deprecated; removed in the next release).
_MOVIDOS = {"sweep": "pensiones.simulation", "ejecutar_corridas": "pensiones.simulation",
            "ParquetPopulation": "pensiones.engine.parquet"}


def __getattr__(name):
    if name not in _MOVIDOS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    warnings.warn(f"pensiones.distributed.{name} moved to {_MOVIDOS[name]}.{name}; the old name will be removed",
                  DeprecationWarning, stacklevel=2)
    return getattr(importlib.import_module(_MOVIDOS[name]), name)
