"""The tables of docs/incertidumbre.md: the total cost's bands by source of uncertainty, for the baseline and for
``sin_fondo_bienestar`` against it, the probability that the total exceeds 5 % of GDP in 2040, and the time each
source costs against the run with careers and returns only.

    PYTHONPATH=. python tools/bandas_incertidumbre.py 20000 50      # records, paths (about a minute)

Each source is switched on alone (``Procesos.macro = "estocastico"``, ``comportamiento_incierto``, ``bootstrap``)
and then all together, on one population and seed (common random numbers).
"""
import sys, time, warnings
warnings.simplefilter("ignore")
import numpy as np
import pensiones
from pensiones.reporting import band_decomposition, compare

n, paths = int(sys.argv[1]), int(sys.argv[2])
pop = pensiones.Population.synthetic(n, seed=1)
fuentes = {
    "careers and returns": {},
    "macro": {"macro": "estocastico"},
    "behaviour": {"comportamiento_incierto": True},
    "sampling": {"bootstrap": True},
    "all": {"macro": "estocastico", "comportamiento_incierto": True, "bootstrap": True},
}
kw = dict(paths=paths, seed=3, end=2070)
runs, diffs, secs = {}, {}, {}
for label, procesos in fuentes.items():
    t0 = time.perf_counter()
    base_sc = pensiones.Scenario.default()
    base_sc = base_sc.with_reform({"procesos": procesos}) if procesos else base_sc
    runs[label] = pensiones.simulate(pop, base_sc, **kw)
    secs[label] = time.perf_counter() - t0
    sf = pensiones.Scenario.load("sin_fondo_bienestar")
    sf = sf.with_reform({"procesos": procesos}) if procesos else sf
    r = pensiones.simulate(pop, sf, **kw)
    d = compare(runs[label], r, measure="pct_GDP", components="total")
    diffs[label] = d.set_index(["year", "stat"])["value"]
b = band_decomposition(runs, "total", reference="all")
print(f"{n:,} records x {paths} paths, 2025-2070, seed 3 (population seed 1)")
print("| source | seconds | x deterministic | 2040 mean (p5-p95) | width | 2070 mean (p5-p95) | width "
      "| P(total > 5 % GDP, 2040) |")
print("|---|---:|---:|---|---:|---|---:|---:|")
for label in fuentes:
    r = runs[label]
    fc = r.fiscal_cost(measure="pct_GDP", components="total").set_index(["year", "stat"])["value"]
    p = r.prob("total", 2040, above=5.0)
    cells = []
    for y in (2040, 2070):
        lo, hi = fc[(y, "p5")], fc[(y, "p95")]
        cells.append(f"{fc[(y, 'mean')]:.2f} ({lo:.2f}-{hi:.2f}) | {hi - lo:.2f}")
    veces = secs[label] / secs["careers and returns"]
    print(f"| {label} | {secs[label]:.1f} | {veces:.2f} | {cells[0]} | {cells[1]} | {float(p):.2f} ± {p.se:.2f} |")
print()
print("sin_fondo_bienestar - baseline, total, pp of GDP: mean (p5-p95)")
print("| source | 2040 | 2070 |")
print("|---|---|---|")
for label in fuentes:
    d = diffs[label]
    celdas = [f"{d[(y, 'mean')]:.3f} ({d[(y, 'p5')]:.3f} to {d[(y, 'p95')]:.3f})" for y in (2040, 2070)]
    print(f"| {label} | " + " | ".join(celdas) + " |")
print()
w = b[(b.stat.isin(["width", "variance_ratio"])) & (b.year.isin([2030, 2050, 2070]))]
print(w.pivot_table(index="source", columns=["stat", "year"], values="value").round(3).to_string())
