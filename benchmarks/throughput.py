"""Throughput of the full model, as ratios measured in one run.

    python benchmarks/throughput.py --json [--persons 100000] [--paths 4] [--years 45] [--repeats 3]

Prints one JSON line: person_years_per_second (full model, JIT warmed up), python_ratio
(against the pure-Python twin on a smaller workload, per person-year), roofline_fraction
(against a minimal kernel that only draws the same random numbers and accumulates them, in
the same run), threads and peak memory.  The full model and the minimal kernel run alternately
``--repeats`` times: the seconds and rates are each one's fastest run (the least disturbed by the
rest of the machine), and ``roofline_fractions`` gives the ratio of every pair, so the spread shows.
No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

import numba
import numpy as np

import pensiones
from pensiones.engine import rng
from pensiones.engine.kernel import KERNEL_PYTHON  # noqa: F401  (the twin simulate(backend="python") runs)

_SUP, _COT, _W1, _W2 = (rng.STREAM[k] for k in ("supervivencia", "cotizacion", "salario_u1", "salario_u2"))


@numba.njit(parallel=True, cache=False)
def _minimo(seed, n, n_paths, start, n_years, out):
    """The same draws as the kernel per person-year (survival, contribution, wage normal), summed."""
    for i in numba.prange(n):
        acc = 0.0
        for p in range(n_paths):
            for y in range(n_years):
                t = start + y
                acc += rng.uniforme(seed, p, i, t, _SUP) + rng.uniforme(seed, p, i, t, _COT)
                acc += rng.normal(seed, p, i, t, _W1, _W2)
        out[i] = acc


def medir(persons: int, paths: int, years: int, python_persons: int, repeats: int = 3) -> dict:
    start, end = 2025, 2025 + years - 1
    pop = pensiones.Population.synthetic(persons, seed=1, anio_fin=max(2070, end))
    small = pensiones.Population.synthetic(python_persons, seed=2, anio_fin=max(2070, end))
    pensiones.simulate(small, paths=1, seed=1, end=start + 2)  # JIT warm-up
    out = np.zeros(persons)
    _minimo(1, 10, 1, start, 2, np.zeros(10))
    fulls, minimals = [], []
    for _ in range(repeats):  # alternately, so that a disturbance of the machine falls on both
        t0 = time.perf_counter()
        pensiones.simulate(pop, paths=paths, seed=1, start=start, end=end, progress=False)
        fulls.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        _minimo(1, persons, paths, start, years, out)
        minimals.append(time.perf_counter() - t0)
    full, minimal = min(fulls), min(minimals)
    # person-years actually simulated are at most persons x paths x years; report on that workload
    workload = persons * paths * years
    t0 = time.perf_counter()
    pensiones.simulate(small, paths=1, seed=1, start=start, end=end, backend="python")
    twin = time.perf_counter() - t0
    full_rate = workload / full
    python_rate = python_persons * years / twin
    return {
        "persons": persons,
        "paths": paths,
        "years": years,
        "seconds": round(full, 3),
        "person_years_per_second": round(full_rate),
        "python_person_years_per_second": round(python_rate),
        "python_ratio": round(full_rate / python_rate, 1),
        "roofline_person_years_per_second": round(workload / minimal),
        "roofline_fraction": round(minimal / full, 3),
        "roofline_fractions": [round(m / f, 3) for f, m in zip(fulls, minimals)],
        "repeats": repeats,
        "threads": numba.get_num_threads(),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--paths", type=int, default=4)
    parser.add_argument("--years", type=int, default=45)
    parser.add_argument("--python-persons", type=int, default=300, help="persons for the pure-Python twin")
    parser.add_argument("--repeats", type=int, default=3, help="alternate runs of the full model and the roofline")
    args = parser.parse_args()
    result = medir(args.persons, args.paths, args.years, args.python_persons, args.repeats)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:35s} {v}")


if __name__ == "__main__":
    main()
