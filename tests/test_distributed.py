"""Runs on a Dask cluster (a LocalCluster of 2 processes) equal single-process runs, bit for bit."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest
from distributed import Client, LocalCluster, WorkerPlugin

import pensiones
from pensiones.engine.parquet import ParquetPopulation

RUN = dict(paths=3, seed=11, end=2040)


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def pop():
    return pensiones.Population.synthetic(2_000, seed=5)


@pytest.fixture(scope="module")
def local(pop):
    return pensiones.simulate(pop, outcomes=True, **RUN)


def same(a, b, *, outcomes=True):
    assert a.ledger_array.dtype == np.int64
    assert np.array_equal(a.ledger_array, b.ledger_array)
    assert a.provenance == b.provenance
    if outcomes:
        assert np.array_equal(a.outcomes_array, b.outcomes_array, equal_nan=True)
        assert a.personas.equals(b.personas)


def test_workers_import_this_package(client):
    files = client.run(lambda: __import__("pensiones").__file__)
    assert len(files) == 2 and set(files.values()) == {pensiones.__file__}


@pytest.mark.parametrize("partition_size, paths_per_task", [(300, 2), (2_000, 1), (None, None)])
def test_distributed_equals_local_bit_for_bit(client, pop, local, partition_size, paths_per_task):
    r = pensiones.simulate(pop, client=client, outcomes=True, partition_size=partition_size,
                           paths_per_task=paths_per_task, **RUN)
    same(r, local)


def test_parquet_population_read_on_the_workers(client, pop, local, tmp_path, monkeypatch):
    handle = pop.to_parquet(tmp_path / "pop", partition_size=700)
    assert handle.filas == (700, 700, 600)
    back = pensiones.Population.from_parquet(tmp_path / "pop")
    for name in pensiones.engine.population.COLUMNAS:
        assert np.array_equal(getattr(back, name), getattr(pop, name)), name
    # the parts are read on the workers only: reading one here fails the run
    def no_reading_here(self, k):
        raise AssertionError("the driver read a part")

    with monkeypatch.context() as m:
        m.setattr(ParquetPopulation, "parte", no_reading_here)
        r = pensiones.simulate(ParquetPopulation.open(tmp_path / "pop"), client=client, outcomes=True, **RUN)
        lean = pensiones.simulate(handle, client=client, paths_per_task=1, **RUN)
    same(r, local)
    assert np.array_equal(lean.ledger_array, local.ledger_array) and lean.provenance == local.provenance
    assert len(lean.personas) == 0  # nothing O(persons) gathered without outcomes
    # without a client: the parts one at a time in this process
    same(pensiones.simulate(handle, outcomes=True, **RUN), local)


def test_bad_part_is_named(client, pop, tmp_path):
    frame = pop[:400].to_frame()
    frame.loc[150, "peso"] = -1.0
    (tmp_path / "p").mkdir()
    pop[:300].to_frame().to_parquet(tmp_path / "p" / "a.parquet", index=False)
    frame.to_parquet(tmp_path / "p" / "b.parquet", index=False)
    with pytest.raises(
        ValueError, match=r"b\.parquet \(records 300 to 699\): column 'peso' must be in \(0, \+inf\); row 150"
    ):
        pensiones.simulate(ParquetPopulation.open(tmp_path / "p"), client=client, **RUN)
    with pytest.raises(ValueError, match="is not empty"):
        pop.to_parquet(tmp_path / "p")


def test_bad_arguments(client, pop, tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="partition_size must be in \\[1, 2000\\]"):
        pensiones.simulate(pop, client=client, partition_size=0, **RUN)
    with pytest.raises(ValueError, match="paths_per_task must be in \\[1, 3\\]"):
        pensiones.simulate(pop, client=client, paths_per_task=4, **RUN)
    with pytest.raises(ValueError, match="need a client"):
        pensiones.simulate(pop, partition_size=100, **RUN)
    with pytest.raises(ValueError, match="client must be a dask.distributed.Client"):
        pensiones.simulate(pop, client="tcp://localhost:8786", **RUN)
    handle = pop.to_parquet(tmp_path / "q", partition_size=1_000)
    with pytest.raises(ValueError, match="split by its part files"):
        pensiones.simulate(handle, client=client, partition_size=100, **RUN)
    monkeypatch.setattr(pensiones._version, "__version__", "0.0.0")  # here only: the workers run the real one
    with pytest.raises(ValueError, match="2 Dask worker\\(s\\) run another pensiones version"):
        pensiones.simulate(pop, client=client, **RUN)


class KillOnce(WorkerPlugin):
    """Kill the worker process while it runs its second work unit, once in the cluster's life
    (a marker file says it happened, so the restarted worker is spared)."""

    def __init__(self, marker: str):
        self.marker = marker
        self.seen = 0

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or "-unidad-" not in str(key):
            return
        self.seen += 1
        if self.seen == 2 and not os.path.exists(self.marker):
            open(self.marker, "w").close()
            threading.Timer(0.05, os._exit, args=(1,)).start()  # mid-unit


def test_worker_killed_mid_run_gives_the_same_result(pop, local, tmp_path):
    # a cluster of its own: the other tests never meet a worker that is being restarted
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)
    try:
        _killed_mid_run(client, pop, local, tmp_path)
    finally:
        client.close()
        cluster.close()


def _killed_mid_run(client, pop, local, tmp_path):
    marker = tmp_path / "killed"
    client.register_plugin(KillOnce(str(marker)), name="kill-once")
    # the cluster is this test's own and is closed afterwards: the plugin is not unregistered (a
    # worker may still be restarting, and the marker already spares the restarted one)
    r = pensiones.simulate(pop, client=client, outcomes=True, partition_size=250, paths_per_task=1, **RUN)
    assert marker.exists(), "no worker was killed: the test proved nothing"
    same(r, local)


def test_sweep_equals_separate_simulates(client, pop):
    reforma = pensiones.Scenario.load("sin_fondo_bienestar")
    out = pensiones.sweep(pop, {"base": pensiones.Scenario.default(), "sin_fondo": reforma}, client=client,
                          outcomes=True, **RUN)
    assert list(out) == ["base", "sin_fondo"]
    same(out["base"], pensiones.simulate(pop, outcomes=True, **RUN))
    same(out["sin_fondo"], pensiones.simulate(pop, reforma, outcomes=True, **RUN))
    assert not np.array_equal(out["base"].ledger_array, out["sin_fondo"].ledger_array)
    diff = pensiones.compare(out["base"], out["sin_fondo"])  # common random numbers: comparable
    assert len(diff)
    by_name = pensiones.sweep(pop, ["reforma_2020", "sin_fondo_bienestar"], client=client, **RUN)
    assert list(by_name) == ["reforma_2020", "sin_fondo_bienestar"]
    assert np.array_equal(by_name["sin_fondo_bienestar"].ledger_array, out["sin_fondo"].ledger_array)
    with pytest.raises(ValueError, match="two scenarios are named 'reforma_2020'"):
        pensiones.sweep(pop, ["reforma_2020", "reforma_2020"], client=client, **RUN)
    with pytest.raises(ValueError, match="unknown scenario 'nope'"):
        pensiones.sweep(pop, ["nope"], client=client, **RUN)


def test_command_line_sweep_on_a_scheduler(client, tmp_path, capsys):
    from pensiones.cli import main

    out = tmp_path / "sweep"
    argv = ["sweep", "reforma_2020", "sin_fondo_bienestar", "--paths", "2", "--persons", "1500", "--seed", "3",
            "--end", "2035", "--scheduler", client.scheduler.address, "--out", str(out)]
    assert main(argv) == 0
    for name in ("reforma_2020", "sin_fondo_bienestar"):
        files = {p.name for p in (out / name).iterdir()}
        assert {"costo_fiscal.csv", "ledger.csv", "resultados.csv", "resultados.xlsx", "provenance.json",
                "costo_fiscal_abanico.png", "tasas_reemplazo.png", "resumen.txt"} <= files, files
    assert "comparacion.csv" in {p.name for p in (out / "sin_fondo_bienestar").iterdir()}
    table = __import__("pandas").read_csv(out / "comparacion.csv")
    assert set(table.scenario) == {"sin_fondo_bienestar"}
    # the same numbers as simulate
    pop = pensiones.Population.synthetic(1500, seed=3)
    r = pensiones.simulate(pop, pensiones.Scenario.load("sin_fondo_bienestar"), paths=2, seed=3, end=2035)
    ledger = __import__("pandas").read_csv(out / "sin_fondo_bienestar" / "ledger.csv")
    assert np.array_equal(ledger["value"].to_numpy(), r.ledger["value"].to_numpy())
    capsys.readouterr()
    assert main(argv) == 0  # again as written: the folder holds only the previous sweep's files
    assert "holds only a previous run's files: they are replaced" in capsys.readouterr().err
    (out / "notas.txt").write_text("mine")
    assert main(argv) == 2
    assert "is not empty" in capsys.readouterr().err
    assert main(argv[:-2] + ["--workers", "1", "--out", str(tmp_path / "x")]) == 2
    assert "with --scheduler" in capsys.readouterr().err


def test_sweep_without_client_starts_a_local_cluster(pop, capsys):
    out = pensiones.sweep(pop[:500], ["reforma_2020"], paths=1, seed=2, end=2030)
    assert "Dask dashboard:" in capsys.readouterr().out
    ref = pensiones.simulate(pop[:500], paths=1, seed=2, end=2030)
    assert np.array_equal(out["reforma_2020"].ledger_array, ref.ledger_array)


# -- a cluster that fails fast ---------------------------------------------------------------------------
def _fake_server(reply: bytes | None):
    """A TCP server on 127.0.0.1 that answers every connection with ``reply`` and closes it, or (None) never
    answers; returns (address, stop)."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()
    held = []

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            if reply is None:
                held.append(conn)  # silent: the client waits for an answer that never comes
            else:
                try:
                    conn.recv(4096)
                    conn.sendall(reply)
                finally:
                    conn.close()
        for c in held:
            c.close()
        server.close()

    threading.Thread(target=serve, daemon=True).start()
    host, port = server.getsockname()
    return f"tcp://{host}:{port}", stop.set


@pytest.mark.parametrize("reply", [None, b"HTTP/1.0 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<html>no</html>",
                                   b"\xff" * 64], ids=["silent", "http", "garbage"])
def test_a_scheduler_address_that_is_not_dask_fails_fast_and_names_it(reply):
    import time

    from pensiones import distributed

    address, stop = _fake_server(reply)
    try:
        started = time.monotonic()
        with pytest.raises(ValueError, match=f"scheduler {address} did not answer as a Dask scheduler within 2 s"):
            distributed.conectar(address, timeout=2)
        assert time.monotonic() - started < 10
    finally:
        stop()


def test_command_line_scheduler_that_is_not_dask_is_one_line_before_any_work(tmp_path, capsys, monkeypatch):
    from pensiones import distributed
    from pensiones.cli import main

    address, stop = _fake_server(b"HTTP/1.0 200 OK\r\n\r\nhello")
    monkeypatch.setattr(distributed, "ESPERA_CONEXION", 2.0)
    monkeypatch.setattr(pensiones.Population, "synthetic", lambda *a, **k: pytest.fail("work before the handshake"))
    try:
        assert main(["sweep", "reforma_2020", "--scheduler", address, "--out", str(tmp_path / "o")]) == 2
    finally:
        stop()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"pensiones sweep: error: argument --scheduler: scheduler {address}")
    assert not (tmp_path / "o").exists()


def test_a_real_scheduler_passes_the_handshake(client):
    from pensiones import distributed

    other = distributed.conectar(client.scheduler.address, timeout=10)
    try:
        assert sum(other.nthreads().values()) == 2
    finally:
        other.close()


def test_worker_lost_during_the_version_check_is_retried(client, monkeypatch):
    from distributed.comm import CommClosedError

    from pensiones import distributed

    real = client.run
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise CommClosedError("in <TCP (closed) ConnectionPool.broadcast local=... remote=...>: Stream is closed")
        return real(*args, **kwargs)

    monkeypatch.setattr(client, "run", flaky)
    assert distributed.comprobar_cliente(client, espera=0.01) == 2 and len(calls) == 2
    calls.clear()

    def always(*args, **kwargs):
        raise CommClosedError("Stream is closed")

    monkeypatch.setattr(client, "run", always)
    with pytest.raises(ValueError, match="lost workers during setup 3 times in a row"):
        distributed.comprobar_cliente(client, espera=0.01)


def test_local_workers_are_capped_by_cores_and_memory(monkeypatch):
    from pensiones import distributed

    monkeypatch.setattr(distributed, "_nucleos", lambda: 2)
    monkeypatch.setattr(distributed, "_memoria", lambda: 23 * 2**30)
    assert distributed.trabajadores_maximos()[0] == 2
    with pytest.raises(ValueError, match=r"workers must be from 1 to 2 on this machine \(2 core\(s\) and 23 GiB"):
        distributed.cluster_local(1000)
    monkeypatch.setattr(distributed, "_nucleos", lambda: 64)
    monkeypatch.setattr(distributed, "_memoria", lambda: 3 * 2**30)
    assert distributed.trabajadores_maximos()[0] == 3
