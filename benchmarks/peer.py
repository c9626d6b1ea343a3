"""The closest open peer's walking skeleton beside our run of its workload, alternated in fresh processes.

    python benchmarks/peer.py --json --peer-dir DIR   # an existing checkout of Datos-Mexico/datos-mexico-py
    python benchmarks/peer.py --json --fetch          # clone it at the pinned commit into a temporary folder

The peer is the actuarial microsimulation skeleton of Datos-Mexico/datos-mexico-py (folder ``motor/``, MIT
licence), pinned at commit ``11b38f22e7d4`` ("walking skeleton del motor", #16). It runs from its own
folder (nothing of it is copied here): ``python -m motor.run_skeleton --sin-api`` with the checkout as
working directory and on ``PYTHONPATH``. ``--fetch`` clones ``--repo`` (default GitHub) at the pinned
commit into a temporary folder that is removed at the end; a machine without GitHub can give a local clone
or mirror as ``--repo`` (``git clone`` accepts a path), or an extracted tree as ``--peer-dir``. A
``--peer-dir`` checkout receives the peer's own outputs in ``motor/outputs/`` (ignored by its git).

Rounds alternate ours, ours without the cache of derived results, the peer (A A' B A A' B ...), each a new
process, after one discarded run of each side (ours compiles into Numba's cache the first time on a
machine; the peer's first run writes its bytecode and matplotlib's font cache). Prints the time of every
run, the medians and the ratios ours / peer, the cores and the load averages (1, 5, 15 minutes) before the
first and after the last run, as one JSON line with ``--json``. No timing is asserted anywhere; the
target of issue #22 is ours at most half the peer's time.

What each side does
-------------------
**Ours** (``benchmarks/first_result.py``'s peer workload; see its docstring): ``import pensiones``;
``Population.synthetic(5000, seed=1, anio_fin=2100)``: 3,750 people affiliated to the IMSS on 1 January
2025, weighted to the December-2025 contributors, whose careers (weeks, wages, RCV balances, Ley 73
averages, pensions granted since 2021) are simulated year by year from their first affiliation by the
engine's own processes, plus 1,250 future entrants affiliating 2026-2100; then ``simulate(paths=5, seed=1,
end=2100)``, 2025-2100 (76 years), for three laws: ``reforma_2020`` (the law in force), ``sin_reforma``
(the ``lss1997`` rule set: the law before the 2020 reform, without the Fondo Bienestar as before 2024) and
``sin_fondo_bienestar`` (the law in force, ``fondo_bienestar_umbral`` set to 0 from 2025). Each path draws
survival, the contribution chain, wages and returns; contributions, cuota social, Ley 73 and Ley 97
retirements, the guaranteed pension, the Fondo complement, PBAM and survivors' pensions follow the dated
rule tables; the yearly fiscal tables include the Ley 73 stock and IMSS's own lines. Results stay in
memory; nothing is written. ``ours_uncached_*``: the same process with ``PENSIONES_SIN_CACHE=1`` (the rule
arrays, yearly series and IMSS lines computed again, as for a scenario seen for the first time).

**The peer** (``motor/run_skeleton.py`` and ``motor/config.yaml`` at the pinned commit): imports numpy,
pandas, PyYAML and matplotlib; reads its CSV inputs (EMSSA-09, CONAPO 2025-2070, CONSAR returns, IMSS
SBC, INPC); with ``--sin-api`` the ENOE shares and CONSAR targets are its static fallbacks (the
``datos_mexico`` SDK is not imported). Then 3 scenarios x 5 seeds = 15 independent runs of
``motor.simular``; the scenarios are ``base``, ``optimista`` and ``pesimista``, one law (the one in force)
with the probability of moving into formal work shifted by 0, +2 and -2 points from 2026; a seed is one
path. Each run draws 5,000 agents aged 15-64 in 2025 from the CONAPO population (everyone, not only IMSS
affiliates) and adds the cohorts turning 15 in 2026-2070 (9,482 agents at the end), and steps 1997-2070
(74 years): a backcast 1997-2025 that builds the careers (4-state Markov labour chain, log-normal wages,
the CONSAR returns observed), then the projection 2026-2070 (constant 4 % real return, EMSSA-09 deaths,
retirement at 65 with a flat guaranteed pension and the Fondo complement, an accounting check every
year). Then a validation table against CONSAR 2025, two PNG figures and four CSV files (``agentes.csv``:
142,230 rows). ``peer_simulate_seconds`` is the peer's own "listo en" time of the 15 runs (0.1 s steps).

Where they differ: the peer's horizon is 2070 with the careers' backcast in the same loop, ours 2100 with
the careers built once in the population and shared by the three scenarios; the peer's three scenarios are
one law under three labour markets, ours three laws under one; the peer's seeds are separate runs of the
whole loop, ours five paths of one call; the peer's population is everyone aged 15-64 (informal and
inactive included), ours the IMSS-affiliated; the peer writes figures and files, ours returns tables.
``peer_workload`` in the output is read from the peer's own code and outputs at each run's end.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The peer's repository and the commit benchmarked.
REPO = "https://github.com/Datos-Mexico/datos-mexico-py"
COMMIT = "11b38f22e7d433c38d43a97adcb9e72f35bf042b"
#: The peer's command, run with its checkout as working directory.
COMMAND = ["-m", "motor.run_skeleton", "--sin-api"]
#: What the peer imports (besides the standard library) with --sin-api, and its PyPI names.
PEER_MODULES = {"numpy": "numpy", "pandas": "pandas", "yaml": "pyyaml", "matplotlib": "matplotlib"}

# Run with the peer's interpreter in its checkout: its workload as its code defines it.
_PEER_WORKLOAD = r"""
import json, yaml
from motor import run_skeleton
cfg = yaml.safe_load(open("motor/config.yaml"))
print(json.dumps({"scenarios": list(cfg["escenarios"]), "seeds": run_skeleton.REPS,
                  "initial_agents": cfg["simulacion"]["n_agentes"],
                  "years": [cfg["simulacion"]["anio_backcast"], cfg["simulacion"]["anio_fin"]]}))
"""


def _first_result():
    """``benchmarks/first_result.py`` as a module (this folder is not a package)."""
    spec = importlib.util.spec_from_file_location("first_result", Path(__file__).with_name("first_result.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fetch(repo: str, commit: str, into: Path) -> Path:
    """Clone ``repo`` at ``commit`` into ``into/datos-mexico-py``."""
    target = into / "datos-mexico-py"
    for command in (["git", "clone", "--quiet", "--no-checkout", repo, str(target)],
                    ["git", "-C", str(target), "checkout", "--quiet", commit]):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}\n"
                             "without access to GitHub, give a local clone or mirror as --repo, or --peer-dir")
    return target


def commit_of(peer_dir: Path) -> str | None:
    """The checked-out commit of ``peer_dir`` (None when it is not a git checkout)."""
    done = subprocess.run(["git", "-C", str(peer_dir), "rev-parse", "--show-toplevel", "HEAD"],
                          capture_output=True, text=True, check=False)
    lines = done.stdout.split()
    # a tree extracted inside another repository is not that repository's checkout
    if done.returncode != 0 or len(lines) != 2 or Path(lines[0]).resolve() != peer_dir.resolve():
        return None
    return lines[1]


def _has_modules(python: str) -> bool:
    code = "import " + ", ".join(PEER_MODULES)
    return subprocess.run([python, "-c", code], capture_output=True, check=False).returncode == 0


def peer_python(python: str | None, venv: bool, work: Path) -> str:
    """The interpreter for the peer: ``python`` (default this one) if it has what the peer imports, else a
    temporary venv with those packages from PyPI (always with ``venv``)."""
    python = python or sys.executable
    if not venv and _has_modules(python):
        return python
    folder = work / "venv-peer"
    subprocess.run([python, "-m", "venv", str(folder)], check=True)
    new = str(folder / "bin" / "python")
    subprocess.run([new, "-m", "pip", "install", "--quiet", *PEER_MODULES.values()], check=True)
    return new


def _peer_env(peer_dir: Path) -> dict:
    """Our environment without our paths: the peer's checkout (and its SDK's ``src``) on ``PYTHONPATH``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PENSIONES_", "NUMBA_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(peer_dir), str(peer_dir / "src")])
    env["MPLBACKEND"] = "Agg"
    return env


def run_peer(python: str, peer_dir: Path) -> tuple[float, float | None]:
    """Run the skeleton in a fresh process: its wall time and its own time of the simulations."""
    t0 = time.perf_counter()
    done = subprocess.run([python, *COMMAND], cwd=peer_dir, env=_peer_env(peer_dir), capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"the peer's run failed with status {done.returncode}:\n{done.stderr[-3000:]}")
    found = re.search(r"listo en ([\d.]+)s", done.stdout)
    return wall, float(found.group(1)) if found else None


def peer_workload(python: str, peer_dir: Path) -> dict:
    """The peer's workload as its code and its last run's outputs state it."""
    done = subprocess.run([python, "-c", _PEER_WORKLOAD], cwd=peer_dir, env=_peer_env(peer_dir),
                          capture_output=True, text=True, check=True)
    workload = json.loads(done.stdout.strip().splitlines()[-1])
    runs: dict[tuple[str, str], int] = {}
    with open(peer_dir / "motor" / "outputs" / "agentes.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["escenario"], row["semilla"])
            runs[key] = runs.get(key, 0) + 1
    with open(peer_dir / "motor" / "outputs" / "agregados_anuales.csv", newline="", encoding="utf-8") as f:
        years = sorted({int(row["anio"]) for row in csv.DictReader(f)})
    workload["runs"] = len(runs)
    workload["agents_per_run_at_end"] = sorted(set(runs.values()))
    workload["years_output"] = [years[0], years[-1]]
    return workload


def _versions(python: str, env: dict | None = None) -> dict:
    code = "import json, platform, numpy, pandas; print(json.dumps({'python': platform.python_version(), " \
           "'numpy': numpy.__version__, 'pandas': pandas.__version__}))"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def measure(peer_dir: Path, *, rounds: int = 3, python: str | None = None, venv: bool = False,
            work: Path) -> dict:
    fr = _first_result()
    python = peer_python(python, venv, work)
    ours_warm = fr.warm_up(fr.PEER)
    peer_warm, _ = run_peer(python, peer_dir)
    load_before = os.getloadavg()
    ours, ours_simulate, ours_uncached, peer, peer_simulate = [], [], [], [], []
    for _ in range(rounds):
        wall, inside = fr.run_fresh(fr.PEER)
        ours.append(wall)
        ours_simulate.append(inside["simulate_seconds"])
        ours_uncached.append(fr.run_fresh(fr.PEER, uncached=True)[0])
        wall, simulate = run_peer(python, peer_dir)
        peer.append(wall)
        peer_simulate.append(simulate)
    load_after = os.getloadavg()
    median = {name: statistics.median(values) for name, values in
              (("ours", ours), ("ours_uncached", ours_uncached), ("peer", peer))}
    commit = commit_of(peer_dir)
    return {
        "ratio_ours_peer": round(median["ours"] / median["peer"], 3),
        "ratio_ours_uncached_peer": round(median["ours_uncached"] / median["peer"], 3),
        "ours_median_seconds": round(median["ours"], 3),
        "ours_uncached_median_seconds": round(median["ours_uncached"], 3),
        "peer_median_seconds": round(median["peer"], 3),
        "ours_seconds": [round(v, 3) for v in ours],
        "ours_simulate_seconds": [round(v, 3) for v in ours_simulate],
        "ours_uncached_seconds": [round(v, 3) for v in ours_uncached],
        "peer_seconds": [round(v, 3) for v in peer],
        "peer_simulate_seconds": peer_simulate,
        "ours_warmup_seconds": round(ours_warm, 3),
        "peer_warmup_seconds": round(peer_warm, 3),
        "rounds": rounds,
        "cores": fr.cores(),
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in load_after],
        "ours_workload": {**fr.PEER, "start": 2025},
        "peer_workload": peer_workload(python, peer_dir),
        "peer_commit": commit,
        "peer_commit_pinned": commit == COMMIT if commit else None,
        "ours_versions": _versions(sys.executable),
        "peer_versions": _versions(python, _peer_env(peer_dir)),
        "date": dt.date.today().isoformat(),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--peer-dir", type=Path, metavar="DIR",
                       help="an existing checkout of datos-mexico-py (its motor/outputs/ is written)")
    where.add_argument("--fetch", action="store_true",
                       help="clone --repo at --commit into a temporary folder (needs network for GitHub)")
    parser.add_argument("--repo", default=REPO, help=f"repository to clone with --fetch (default {REPO})")
    parser.add_argument("--commit", default=COMMIT, help="commit to check out with --fetch (default the pin)")
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds (default 3)")
    parser.add_argument("--peer-python", metavar="PYTHON",
                        help="interpreter for the peer (default this one, if it has numpy, pandas, "
                             "matplotlib and PyYAML; else a temporary venv with them)")
    parser.add_argument("--peer-venv", action="store_true",
                        help="always run the peer in a temporary venv with its packages from PyPI")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.peer_dir is not None and not (args.peer_dir / "motor" / "run_skeleton.py").is_file():
        parser.error(f"--peer-dir {args.peer_dir}: no motor/run_skeleton.py there")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pensiones_peer_"))
    try:
        peer_dir = fetch(args.repo, args.commit, work) if args.fetch else args.peer_dir.resolve()
        if commit_of(peer_dir) not in (None, COMMIT):
            print(f"warning: {peer_dir} is not at the pinned commit {COMMIT}", file=sys.stderr)
        result = measure(peer_dir, rounds=args.rounds, python=args.peer_python, venv=args.peer_venv, work=work)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(work)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:32s} {v}")


if __name__ == "__main__":
    main()
