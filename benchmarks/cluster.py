"""Dask runs: speed-up of 1 against 2 local workers, overhead per task, and a cluster estimate.

    PYTHONPATH=$PWD python benchmarks/cluster.py --json [--persons 400000] [--paths 4]

Prints one JSON object, every figure measured in this run (JIT warmed up on every worker):

* ``single_process_seconds``: ``simulate`` in this process with one Numba thread;
* ``workers_1_seconds``, ``workers_2_seconds``: the same run on a ``LocalCluster`` of 1 and 2
  worker processes (one thread each, one Numba thread per unit) with the same work units
  (``partition_size`` = persons / 8, all paths per unit); ``speedup_2_workers`` is their ratio;
* ``person_years_per_second_per_worker``: persons x paths x years over ``workers_1_seconds``
  less ``driver_seconds``;
* ``overhead_per_task_seconds``: wall time per unit of ``tasks`` units of one record, one path and
  one year on the 2-worker cluster (the units compute almost nothing: what is left is Dask's
  scheduling, serialisation and transfer, and the engine's per-call cost), times the 2 workers;
* ``estimate``: from those figures, the hours for 22 million people x 100 paths x 46 years
  (2025-2070) on N workers with the default units (250,000 records each), counting whole waves
  of units and the per-task overhead; the driver's own work (rules, returns, reduction) is
  ``driver_seconds``, measured here on the benchmark workload.

* ``weak_scaling``: records grow with the workers (``persons`` per worker, on 1 and 2 workers of
  their own ``LocalCluster``, the same units of ``persons / 4`` records x all paths): each row gives
  the workers, the records, the seconds and the efficiency, the 1-worker time over the N-worker time
  (1.0 is perfect weak scaling: twice the records on twice the workers in the same time);
* ``estimate_accounts``: the same estimate for the 77.8 million AFORE accounts x 100 paths.

The machine's cores may be shared: ``machine_parallelism_before`` / ``_after`` measure, in the same
run, how many cores two busy processes actually get (2.0 on an idle 2-core machine), the ceiling of
``speedup_2_workers``.

Every ledger is checked equal to the single-process one. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

import numpy as np

import pensiones


def _cluster(n):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)
    # load the cached kernel on every worker before timing
    warm = pensiones.Population.synthetic(200, seed=9)
    pensiones.simulate(warm, paths=2 * n, seed=1, end=2027, client=client, partition_size=100, paths_per_task=1)
    return cluster, client


def _busy(_=None) -> float:
    t0 = time.perf_counter()
    s = 0
    for i in range(20_000_000):
        s += i
    return time.perf_counter() - t0


def paralelismo() -> float:
    """How many cores two processes get now: twice one busy loop's time over two at once (2.0 on an idle
    2-core machine; less when other work shares the cores)."""
    import multiprocessing as mp

    one = _busy()
    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(_busy, [0])  # start both processes before timing
        t0 = time.perf_counter()
        pool.map(_busy, [0, 1], chunksize=1)
        two = time.perf_counter() - t0
    return 2 * one / two


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def medir(persons: int, paths: int, tasks: int) -> dict:
    start, end = 2025, 2070
    years = end - start + 1
    pop = pensiones.Population.synthetic(persons, seed=1)
    pensiones.simulate(pop[:200], paths=1, seed=1, end=2027)  # JIT warm-up here
    run = dict(paths=paths, seed=1, start=start, end=end, progress=False)
    single, ref = _timed(lambda: pensiones.simulate(pop, threads=1, **run))
    corrida = _timed(lambda: pensiones.simulation.PreparedScenario.preparar(pensiones.Scenario.default(), paths=paths,
                                                                    seed=1, start=start, end=end))[0]
    units = dict(partition_size=-(-persons // 8), paths_per_task=paths)
    out = {"persons": persons, "paths": paths, "years": years, "cores": os.cpu_count(),
           "single_process_seconds": round(single, 3), "driver_seconds": round(corrida, 3)}
    out["machine_parallelism_before"] = round(paralelismo(), 2)
    out["load_average_before"] = round(os.getloadavg()[0], 2)
    for n in (1, 2):
        cluster, client = _cluster(n)
        try:
            seconds, res = _timed(lambda c=client: pensiones.simulate(pop, client=c, **run, **units))
            assert np.array_equal(res.ledger_array, ref.ledger_array), "distributed ledger differs"
            out[f"workers_{n}_seconds"] = round(seconds, 3)
            if n == 2:
                tiny = pensiones.Population.synthetic(tasks, seed=3)
                pensiones.simulate(tiny[:4], paths=1, seed=1, end=start, client=client, partition_size=1)
                wall, _ = _timed(lambda c=client, t=tiny: pensiones.simulate(t, paths=1, seed=1, end=start, client=c,
                                                                             partition_size=1, progress=False))
                out["tasks"] = tasks
                out["overhead_per_task_seconds"] = round(wall / tasks * n, 5)
        finally:
            client.close()
            cluster.close()
    out["weak_scaling"] = escalado_debil(pop, persons, run)
    out["speedup_2_workers"] = round(out["workers_1_seconds"] / out["workers_2_seconds"], 2)
    out["machine_parallelism_after"] = round(paralelismo(), 2)
    # the driver's rule resolution is counted once in the estimate, not in the workers' rate
    rate = persons * paths * years / (out["workers_1_seconds"] - out["driver_seconds"])
    out["person_years_per_second_per_worker"] = round(rate)
    out["estimate"] = estimar(22_000_000, 100, 46, rate, out["overhead_per_task_seconds"], out["driver_seconds"])
    out["estimate_accounts"] = estimar(CUENTAS_AFORE, 100, 46, rate, out["overhead_per_task_seconds"],
                                       out["driver_seconds"])
    return out


#: AFORE accounts registered with CONSAR (the population an all-accounts run would carry).
CUENTAS_AFORE = 77_800_000


def escalado_debil(pop, persons: int, run: dict, workers=(1, 2)) -> list:
    """Weak scaling: ``persons`` records per worker on clusters of ``workers`` workers, each record
    count split in units of ``persons / 4`` records x all paths; the efficiency is the 1-worker
    time over the N-worker time.  Every ledger is checked equal to the single-process run of the same
    records (one Numba thread)."""
    rows, base = [], None
    for n in workers:
        m = persons * n
        grande = pop if m <= len(pop) else pensiones.Population.synthetic(m, seed=1)
        grande = grande[:m]
        ref = pensiones.simulate(grande, threads=1, **run)
        cluster, client = _cluster(n)
        try:
            units = dict(partition_size=-(-persons // 4), paths_per_task=run["paths"])
            seconds, res = _timed(lambda c=client: pensiones.simulate(grande, client=c, **run, **units))
            assert np.array_equal(res.ledger_array, ref.ledger_array), "distributed ledger differs"
        finally:
            client.close()
            cluster.close()
        base = seconds if base is None else base
        rows.append({"workers": n, "persons": m, "seconds": round(seconds, 3), "efficiency": round(base / seconds, 2)})
    return rows


def estimar(persons, paths, years, rate, overhead, driver, partition=250_000, workers=(1, 8, 32, 128, 512)) -> list:
    """Hours on N workers: whole waves of units of ``partition`` records x all paths (split over
    paths when there are fewer record chunks than twice the workers, as ``simulate`` does)."""
    rows = []
    chunks = math.ceil(persons / partition)
    for n in workers:
        blocks = min(paths, max(1, math.ceil(2 * n / chunks)))
        units = chunks * blocks
        per_unit = (persons / chunks) * (paths / blocks) * years / rate + overhead
        waves = math.ceil(units / n)
        hours = (waves * per_unit + driver) / 3600
        rows.append({"workers": n, "units": units, "unit_seconds": round(per_unit, 1), "hours": round(hours, 3)})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=400_000)
    parser.add_argument("--paths", type=int, default=4)
    parser.add_argument("--tasks", type=int, default=400, help="tiny units for the per-task overhead")
    parser.add_argument("--json", action="store_true", help="print one JSON object (default: indented)")
    args = parser.parse_args(argv)
    result = medir(args.persons, args.paths, args.tasks)
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
