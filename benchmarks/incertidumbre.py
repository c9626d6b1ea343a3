"""Each source of uncertainty alone and all together: fiscal-cost bands and time against the deterministic run.

    PYTHONPATH=. python benchmarks/incertidumbre.py --persons 20000 --paths 50 --json

Runs the baseline (the law in force, 2025-2070, a synthetic population) once per setting of
``Procesos``: the deterministic engine (returns and careers only), ``macro = "estocastico"``,
``comportamiento_incierto``, ``bootstrap`` and all three, on the same seed, after a warm-up that compiles
the kernel.  For each it prints the total fiscal cost in % of GDP (mean, 5th and 95th percentiles over
paths) in the years of ``--years``, the wall time of ``pensiones.simulate`` and its ratio to the
deterministic run's, and the time spent preparing the paths' own scenarios (``PreparedScenario.preparar``).
With ``--json``, one JSON line with all of it.  Nothing here is asserted (benchmarks/README.md keeps figures).
"""

from __future__ import annotations

import argparse
import json
import time

FUENTES = {
    "deterministic": {},
    "macro": {"macro": "estocastico"},
    "behaviour": {"comportamiento_incierto": True},
    "bootstrap": {"bootstrap": True},
    "all": {"macro": "estocastico", "comportamiento_incierto": True, "bootstrap": True},
}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--persons", type=int, default=20_000)
    p.add_argument("--paths", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--end", type=int, default=2070)
    p.add_argument("--years", type=int, nargs="+", default=[2040, 2070])
    p.add_argument("--only", nargs="+", choices=list(FUENTES), default=list(FUENTES))
    p.add_argument("--json", action="store_true", help="print one JSON line")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    import pensiones
    from pensiones.simulation import PreparedScenario

    pop = pensiones.Population.synthetic(args.persons, seed=args.seed, anio_fin=max(args.end, 2070))
    pensiones.simulate(pop[:200], paths=1, seed=1, end=2027)  # warm-up: compile or load the kernel
    out = {"persons": args.persons, "paths": args.paths, "seed": args.seed, "end": args.end, "sources": {}}
    for nombre in args.only:
        escenario = pensiones.Scenario.default().with_reform({"procesos": FUENTES[nombre]})
        t0 = time.perf_counter()
        PreparedScenario.preparar(escenario, paths=args.paths, seed=args.seed, start=2025, end=args.end)
        preparar = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = pensiones.simulate(pop, escenario, paths=args.paths, seed=args.seed, end=args.end)
        total = time.perf_counter() - t0
        fc = r.fiscal_cost(measure="pct_GDP", components="total", stat=["mean", "p5", "p95"])
        bandas = {str(y): {s: round(float(fc[(fc.year == y) & (fc.stat == s)]["value"].iloc[0]), 3)
                           for s in ("mean", "p5", "p95")} for y in args.years}
        out["sources"][nombre] = {"seconds": round(total, 2), "prepare_seconds": round(preparar, 2), "bands": bandas}
        if not args.json:
            texto = "; ".join(f"{y}: {b['mean']:.2f} ({b['p5']:.2f}-{b['p95']:.2f})" for y, b in bandas.items())
            print(f"{nombre:>13}: {total:6.1f} s (preparing the paths {preparar:5.1f} s)  % of GDP {texto}", flush=True)
    base = out["sources"].get("deterministic", {}).get("seconds")
    if base:
        for v in out["sources"].values():
            v["ratio"] = round(v["seconds"] / base, 2)
    if args.json:
        print(json.dumps(out))
    elif base:
        print("time / deterministic: " + ", ".join(f"{k} {v['ratio']}" for k, v in out["sources"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
