"""The first run on a fresh machine: the README's main job with an empty cache, then again with a warm one.

    python benchmarks/cold_start.py --json             # this checkout (PYTHONPATH), an empty temporary cache
    python benchmarks/cold_start.py --json --install   # first a fresh venv and `pip install` of this checkout

Runs ``pensiones run reforma_2020 --out <temporary folder>`` (the README's main job: 100,000 records
x 20 paths x 2025-2070 and its tables, charts and summary) in a subprocess whose
``PENSIONES_CACHE_DIR`` is a new empty temporary folder (cold: the engine is compiled), then the same
command again in a fresh subprocess on the same cache (warm), and prints one JSON line:

- ``cold_seconds``, ``warm_seconds``: wall time of each process, interpreter start to exit;
- ``compile_seconds``: time the cold process spent compiling with Numba (outermost compilations only:
  a function's callees compile inside it), ``compile_count`` their number;
- ``warm_compile_seconds``: the same in the warm process (0 when the cache serves everything);
- ``calibration_seconds``: time the cold process spent computing calibrations (0: the default ones ship
  with the package and are only read);
- ``install_seconds`` with ``--install``: ``python -m venv`` and ``pip install`` of this checkout;
- ``cores`` (usable by this process), ``load_average`` (1 minute, before the cold run: the machine may be
  shared), ``numba_threads``, ``python``, ``numba``, ``version``, ``date``.

The temporary folders are removed at the end.  Takes minutes (the cold compile); no timing is asserted
anywhere.  benchmarks/README.md ("The first run") keeps the figures, and every statement of the first
run's time in the documentation and in the command line's messages comes from them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # the benchmarks' shared child code
from _compilaciones import ESCUCHA_COMPILACIONES  # noqa: E402

#: The README's main job (the output folder is appended).
COMMAND = ["run", "reforma_2020", "--out"]

# Runs the command line in-process, watching Numba's compilations and the calibration functions; writes
# its measures to the JSON file named by argv[2].
_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import numba
""" + ESCUCHA_COMPILACIONES + r"""

import pensiones
from pensiones.cli import main
from pensiones.engine import calibracion, synthetic

calibration = {"seconds": 0.0, "depth": 0}

def _timed(module, name):
    inner = getattr(module, name, None)
    if inner is None:
        return
    def wrapper(*args, **kwargs):
        calibration["depth"] += 1
        t = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            calibration["depth"] -= 1
            if calibration["depth"] == 0:
                calibration["seconds"] += time.perf_counter() - t
    setattr(module, name, wrapper)

_timed(synthetic, "_calibrar")
_timed(calibracion, "_fraccion_altas")
status = main(["run", "reforma_2020", "--out", sys.argv[1]])
with open(sys.argv[2], "w") as f:
    json.dump({"status": status, "compile_seconds": compile_["seconds"], "compile_count": compile_["count"],
               "calibration_seconds": calibration["seconds"], "inside_seconds": time.perf_counter() - t0,
               "numba_threads": numba.config.NUMBA_NUM_THREADS,
               "version": pensiones.__version__}, f)
sys.exit(status)
"""


def _run(python: str, env: dict, work: Path, name: str) -> tuple[float, dict]:
    out = work / f"resultados_{name}"
    measures = work / f"{name}.json"
    t0 = time.perf_counter()
    done = subprocess.run([python, "-c", _CHILD, str(out), str(measures)], cwd=work, env=env,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"the {name} run failed with status {done.returncode}:\n{done.stderr[-3000:]}")
    return wall, json.loads(measures.read_text())


def _install(work: Path) -> tuple[str, float]:
    """A fresh venv with this checkout installed (not editable); its python and the seconds it took."""
    t0 = time.perf_counter()
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", str(ROOT)], check=True, cwd=work)
    return python, time.perf_counter() - t0


def measure(*, install: bool = False) -> dict:
    work = Path(tempfile.mkdtemp(prefix="pensiones_cold_"))
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("NUMBA_CACHE_DIR", "PENSIONES_SIN_NUMBA")}
        env["PENSIONES_CACHE_DIR"] = str(work / "cache")  # empty: nothing compiled
        extra = {}
        if install:
            python, extra["install_seconds"] = _install(work)
            env.pop("PYTHONPATH", None)
        else:
            python = sys.executable
            env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        load = os.getloadavg()[0]
        cold, inside_cold = _run(python, env, work, "cold")
        warm, inside_warm = _run(python, env, work, "warm")
        return {
            "cold_seconds": round(cold, 1),
            "warm_seconds": round(warm, 1),
            "compile_seconds": round(inside_cold["compile_seconds"], 1),
            "compile_count": inside_cold["compile_count"],
            "warm_compile_seconds": round(inside_warm["compile_seconds"], 1),
            "calibration_seconds": round(inside_cold["calibration_seconds"], 1),
            **{k: round(v, 1) for k, v in extra.items()},
            "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "load_average": round(load, 2),
            "numba_threads": inside_cold["numba_threads"],
            "python": platform.python_version(),
            "numba": _numba_version(python, env),
            "version": inside_cold["version"],
            "date": dt.date.today().isoformat(),
            "command": "pensiones " + " ".join(COMMAND) + " <temporary folder>",
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _numba_version(python: str, env: dict) -> str:
    done = subprocess.run([python, "-c", "import numba; print(numba.__version__)"], env=env, capture_output=True,
                          text=True, check=False)
    return done.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--install", action="store_true",
                        help="first time a fresh `python -m venv` and `pip install` of this checkout, and run that")
    args = parser.parse_args()
    result = measure(install=args.install)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:22s} {v}")


if __name__ == "__main__":
    main()
