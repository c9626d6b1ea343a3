"""Time to a first result in a fresh process, after the kernel has been compiled once on this machine.

    python benchmarks/first_result.py --json

Two workloads, each in its own fresh process (interpreter start to exit):

- **the peer's workload** (the main measure): the work of the closest open peer's walking skeleton
  (Datos-Mexico/datos-mexico-py, ``python -m motor.run_skeleton --sin-api``: 3 scenarios x 5 seeds x
  5,000 agents; ``benchmarks/peer.py`` runs it beside this one). ``import pensiones``, then
  ``Population.synthetic(5000, seed=1, anio_fin=2100)`` (the records' careers are simulated from their
  first affiliation, and future entrants affiliate up to 2100, as ``simulate`` asks of a run past 2070),
  then ``simulate(paths=5, seed=1, end=2100)`` 2025-2100 for three scenarios: the law in force
  (``reforma_2020``, the default), the law before the 2020 reform (``sin_reforma``: the ``lss1997`` rule
  set, without the Fondo de Pensiones para el Bienestar as before 2024) and the law in force without the
  Fondo (``sin_fondo_bienestar``: the ``fondo_bienestar_umbral`` table set to 0 from 2025, so no pension
  qualifies for the complement). Measured twice: as a user's second run finds it (the results derived
  from the rules, computed by the warm-up process, read from the cache folder) and with
  ``PENSIONES_SIN_CACHE=1`` (every rule array, yearly series and IMSS line computed again, as for
  scenarios seen for the first time; the compiled kernel still comes from Numba's cache);
- **the first result** (kept from earlier versions, for continuity): ``Population.synthetic(5000,
  seed=1)`` and ``simulate(paths=15, seed=1)`` of the law in force to 2070.

A warm-up process runs each workload first (it compiles the kernel and the law's formulas into Numba's
on-disk cache the first time on a machine, and fills the cache of derived results), so compilation is
not counted; ``warmup_seconds`` reports it. Prints one JSON line:

- ``peer_workload_seconds``: wall time of the fresh process running the peer's workload;
- ``peer_import_seconds`` (Numba and ``pensiones``), ``peer_population_seconds``,
  ``peer_simulate_seconds`` (the three calls) and ``peer_simulate_seconds_by_scenario``;
  ``peer_startup_seconds``: the rest (interpreter start and exit);
- ``peer_compile_seconds``: time that process spent compiling with Numba (0 when the cache served it);
- ``peer_workload_uncached_seconds``, ``peer_simulate_uncached_seconds``: the same with
  ``PENSIONES_SIN_CACHE=1``;
- ``fresh_process_seconds``, ``import_seconds`` (``pensiones`` alone: Numba is imported before the clock
  starts, as in earlier versions), ``population_seconds``, ``simulate_seconds``, ``compile_seconds``:
  the first result;
- ``warmup_seconds``: wall time of the warm-up processes (includes compiling when the cache was cold);
- ``cores``, ``load_average`` (1 minute, before the measured processes), ``date``.

Compile times count the outermost Numba compilations only (a function's callees compile inside it).
No timing is asserted anywhere; the goals are a fresh process under 2 seconds on 2 cores for the first
result and at most half the peer's time for its workload.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' shared child code
from _compilaciones import ESCUCHA_COMPILACIONES  # noqa: E402

#: The peer's workload: 5,000 records, three scenarios (the law in force, before the 2020 reform,
#: without the Fondo Bienestar), 5 paths (the peer's 5 seeds), 2025-2100.
PEER = {"persons": 5000, "paths": 5, "end": 2100,
        "scenarios": ["reforma_2020", "sin_reforma", "sin_fondo_bienestar"]}
#: The first result of earlier versions: 5,000 records, the law in force, 15 paths, 2025-2070.
FIRST = {"persons": 5000, "paths": 15, "end": 2070, "scenarios": [None]}

# Runs one workload (JSON in argv[1]) and prints its measures as one JSON line.
_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
work = json.loads(sys.argv[1])
""" + ESCUCHA_COMPILACIONES + r"""
t1 = time.perf_counter()
import pensiones
t2 = time.perf_counter()
pop = pensiones.Population.synthetic(work["persons"], seed=1, anio_fin=max(work["end"], 2070))
t3 = time.perf_counter()
by_scenario = {}
for name in work["scenarios"]:
    t = time.perf_counter()
    scenario = None if name is None else pensiones.Scenario.load(name)
    pensiones.simulate(pop, scenario, paths=work["paths"], seed=1, end=work["end"], progress=False)
    by_scenario[name or "reforma_2020"] = time.perf_counter() - t
t4 = time.perf_counter()
print(json.dumps({"numba_import_seconds": t1 - t0, "import_seconds": t2 - t1, "population_seconds": t3 - t2,
                  "simulate_seconds": t4 - t3, "by_scenario": by_scenario, "compile_seconds": compile_["seconds"],
                  "inside_seconds": t4 - t0}))
"""


def run_fresh(work: dict, *, uncached: bool = False) -> tuple[float, dict]:
    """Run ``work`` (``PEER`` or ``FIRST``) in a fresh process: its wall time and its own measures."""
    env = dict(os.environ)
    env.pop("PENSIONES_SIN_CACHE", None)
    if uncached:
        env["PENSIONES_SIN_CACHE"] = "1"
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(work)], capture_output=True, text=True,
                          env=env, check=False)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"the benchmark process failed with status {done.returncode}:\n{done.stderr[-3000:]}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])


def peer_fields(wall: float, inside: dict) -> dict:
    """The ``peer_*`` fields of a fresh process that ran ``PEER``."""
    import_ = inside["numba_import_seconds"] + inside["import_seconds"]
    return {
        "peer_workload_seconds": round(wall, 3),
        "peer_startup_seconds": round(wall - inside["inside_seconds"], 3),
        "peer_import_seconds": round(import_, 3),
        "peer_population_seconds": round(inside["population_seconds"], 3),
        "peer_simulate_seconds": round(inside["simulate_seconds"], 3),
        "peer_simulate_seconds_by_scenario": {k: round(v, 3) for k, v in inside["by_scenario"].items()},
        "peer_compile_seconds": round(inside["compile_seconds"], 3),
    }


def warm_up(*works: dict) -> float:
    """Run each workload once, discarded (compiles on a cold cache); the wall time of it all."""
    return sum(run_fresh(work)[0] for work in works)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def medir() -> dict:
    warm = warm_up(FIRST, PEER)
    load = os.getloadavg()[0]
    peer = peer_fields(*run_fresh(PEER))
    wall_uncached, uncached = run_fresh(PEER, uncached=True)
    wall, inside = run_fresh(FIRST)
    return {
        **peer,
        "peer_workload_uncached_seconds": round(wall_uncached, 3),
        "peer_simulate_uncached_seconds": round(uncached["simulate_seconds"], 3),
        "peer_workload": {**PEER, "start": 2025},
        "fresh_process_seconds": round(wall, 3),
        "import_seconds": round(inside["import_seconds"], 3),
        "population_seconds": round(inside["population_seconds"], 3),
        "simulate_seconds": round(inside["simulate_seconds"], 3),
        "compile_seconds": round(inside["compile_seconds"], 3),
        "warmup_seconds": round(warm, 3),
        "cores": cores(),
        "load_average": round(load, 2),
        "date": dt.date.today().isoformat(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args(argv)
    result = medir()
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:35s} {v}")


if __name__ == "__main__":
    main()
