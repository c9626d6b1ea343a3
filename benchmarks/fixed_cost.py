"""The fixed cost of ``simulate``: everything but the kernel, for the old path and the new, in one run.

    PYTHONPATH=$PWD python benchmarks/fixed_cost.py --json [--persons 50] [--paths 5] [--end 2070] [--repeat 5]

``simulate`` of a tiny population (``--persons`` records, ``--paths`` paths, ``--start`` to ``--end``,
the law in force) is timed whole and the kernel's share (``pensiones.simulation.ejecutar``) is
subtracted: what is left is the fixed cost of a call, the rule set loaded, the rules resolved into the
engine's arrays, the yearly series, the IMSS lines (RJP and 140 Bis), the returns and the results.
Three ways, each the best of ``--repeat`` calls after one warm-up call (kernel compiled, tables loaded):

- ``old``: the row-by-row resolver (``tests/engine/_resolver_referencia.py``, one lookup per year and
  table) with every cache off (``PENSIONES_SIN_CACHE=1``);
- ``computed``: the array resolver, every cache off: what a scenario seen for the first time costs;
- ``cached``: the array resolver with the cache warm (a second call in a process, or a new process
  whose cache folder holds the results): the fixed cost of every later call.

Besides: the parts of the fixed cost in each way (``resolve``, ``yearly``, ``imss_lines``,
``scenario_rules``: the scenario's rule set with its overlays), the rule tables of a new process
parsed and checked from the CSV files against read from the cache folder, and the ratios
``old / cached`` and ``old / computed``.  One JSON line; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the reference resolver lives in tests/

import pensiones  # noqa: E402
from pensiones import _derivados as _cache, simulation  # noqa: E402
from pensiones.engine import driver  # noqa: E402
from pensiones.rules import ruleset  # noqa: E402
from tests.engine._resolver_referencia import resolver_referencia  # noqa: E402


class _Reloj:
    """Seconds spent in the wrapped functions since the last reset, by part."""

    def __init__(self):
        self.partes: dict[str, float] = {}

    def envolver(self, modulo, nombre: str, parte: str):
        real = getattr(modulo, nombre)

        def medido(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.partes[parte] = self.partes.get(parte, 0.0) + time.perf_counter() - t0

        setattr(modulo, nombre, medido)
        return real


def _modo(modo: str, reloj: _Reloj, reales: dict) -> None:
    """Put the resolver and the cache switch of ``modo`` in place."""
    if modo == "cached":
        os.environ.pop("PENSIONES_SIN_CACHE", None)
    else:
        os.environ["PENSIONES_SIN_CACHE"] = "1"
    resolver = resolver_referencia if modo == "old" else reales["resolver"]

    def resolve(rs, start, end, procesos, **kwargs):
        t0 = time.perf_counter()
        try:
            return resolver(rs, start, end, procesos, **kwargs)
        finally:
            reloj.partes["resolve"] = reloj.partes.get("resolve", 0.0) + time.perf_counter() - t0

    driver.resolver = resolve


def medir(persons: int, paths: int, start: int, end: int, repeat: int) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a tiny synthetic population warns about its sampling error
        pop = pensiones.Population.synthetic(persons, seed=1, anio_fin=max(2070, end))
    scenario = pensiones.Scenario.default()
    reloj = _Reloj()
    reales = {"resolver": driver.resolver}
    reloj.envolver(simulation, "ejecutar", "kernel")
    reloj.envolver(simulation, "anuales", "yearly")
    reloj.envolver(simulation, "lineas_imss", "imss_lines")
    reloj.envolver(pensiones.Scenario, "rules", "scenario_rules")
    out: dict = {"persons": persons, "paths": paths, "years": end - start + 1, "start": start, "end": end}
    try:
        for modo in ("old", "computed", "cached"):
            _modo(modo, reloj, reales)
            _cache.clear()
            mejores: list[tuple[float, dict]] = []
            for _ in range(repeat + 1):  # the first call warms up (and fills the cache)
                reloj.partes = {}
                t0 = time.perf_counter()
                pensiones.simulate(pop, scenario, paths=paths, seed=1, start=start, end=end, progress=False)
                total = time.perf_counter() - t0
                mejores.append((total - reloj.partes.get("kernel", 0.0), dict(reloj.partes)))
            fijo, partes = min(mejores[1:], key=lambda m: m[0])
            out[f"{modo}_fixed_seconds"] = round(fijo, 4)
            out[f"{modo}_parts"] = {k: round(v, 4) for k, v in sorted(partes.items()) if k != "kernel"}
            out[f"{modo}_kernel_seconds"] = round(partes.get("kernel", 0.0), 4)
    finally:
        driver.resolver = reales["resolver"]
        os.environ.pop("PENSIONES_SIN_CACHE", None)
    out["ratio_old_over_cached"] = round(out["old_fixed_seconds"] / out["cached_fixed_seconds"], 1)
    out["ratio_old_over_computed"] = round(out["old_fixed_seconds"] / out["computed_fixed_seconds"], 1)
    # the rule tables of a new process: parsed and checked from the package's CSV files, or read back
    t0 = time.perf_counter()
    ruleset._read_tables("lss2020")
    out["tables_parsed_seconds"] = round(time.perf_counter() - t0, 4)

    def no_file():
        raise LookupError

    t0 = time.perf_counter()
    try:
        _cache.pickled("reglas_lss2020", no_file, ruleset._are_tables)
        out["tables_from_cache_seconds"] = round(time.perf_counter() - t0, 4)
    except LookupError:
        out["tables_from_cache_seconds"] = None  # no writable cache folder
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--persons", type=int, default=50)
    parser.add_argument("--paths", type=int, default=5)
    parser.add_argument("--start", type=int, default=2025)
    parser.add_argument("--end", type=int, default=2070)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    result = medir(args.persons, args.paths, args.start, args.end, args.repeat)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:28s} {v}")


if __name__ == "__main__":
    main()
