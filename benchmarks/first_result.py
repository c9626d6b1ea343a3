"""Time to a first result in a fresh process, after the kernel has been compiled once on this machine.

    python benchmarks/first_result.py --json

Runs a warm-up process (which compiles the kernel and the law's formulas into Numba's on-disk cache
the first time on a machine), then a fresh process that imports the package, builds
``Population.synthetic(5000)`` and runs ``simulate(paths=15)`` to 2070, and prints one JSON line:

- ``fresh_process_seconds``: wall time of the fresh process, interpreter start to exit;
- ``import_seconds``: ``import pensiones``;
- ``population_seconds``: the synthetic population;
- ``simulate_seconds``: ``simulate`` (rules resolved for every year, kernel, tables);
- ``compile_seconds``: time the fresh process spent compiling with Numba (0 when the cache served it);
- ``warmup_seconds``: wall time of the warm-up process (includes compiling when the cache was cold).

No timing is asserted anywhere; the goal is a fresh process under 2 seconds on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

_CHILD = r"""
import json, time
t0 = time.perf_counter()
import numba.core.event as ev
compiled = []
class _Listener(ev.Listener):
    def on_start(self, event):
        self._t = time.perf_counter()
    def on_end(self, event):
        compiled.append(time.perf_counter() - self._t)
ev.register("numba:compile", _Listener())
t1 = time.perf_counter()
import pensiones
t2 = time.perf_counter()
pop = pensiones.Population.synthetic(5000, seed=1)
t3 = time.perf_counter()
pensiones.simulate(pop, paths=15, seed=1, end=2070, progress=False)
t4 = time.perf_counter()
print(json.dumps({"import_seconds": t2 - t1, "population_seconds": t3 - t2, "simulate_seconds": t4 - t3,
                  "compile_seconds": sum(compiled), "inside_seconds": t4 - t0}))
"""


def _run() -> tuple[float, dict]:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, json.loads(done.stdout.strip().splitlines()[-1])


def medir() -> dict:
    warm, _ = _run()
    wall, inside = _run()
    return {
        "fresh_process_seconds": round(wall, 3),
        "import_seconds": round(inside["import_seconds"], 3),
        "population_seconds": round(inside["population_seconds"], 3),
        "simulate_seconds": round(inside["simulate_seconds"], 3),
        "compile_seconds": round(inside["compile_seconds"], 3),
        "warmup_seconds": round(warm, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    result = medir()
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:25s} {v}")


if __name__ == "__main__":
    main()
