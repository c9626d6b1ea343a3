"""A policy team's comparison: the law in force against a reform, fiscal cost difference with bands.

    python examples/comparacion_politica.py [--reforma edad_retiro_67] [--persons 20000] [--paths 16]

Both runs use the same population and seed, so every path of the reform sees the same draws as the
same path of the baseline (common random numbers) and the difference isolates the reform.
"""

from __future__ import annotations

import argparse

import matplotlib

matplotlib.use("Agg")

import pensiones
from pensiones.reporting import plots


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reforma", default="edad_retiro_67")
    parser.add_argument("--persons", type=int, default=8_000)
    parser.add_argument("--paths", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", default="comparacion.png")
    args = parser.parse_args(argv)

    pop = pensiones.Population.synthetic(args.persons, seed=args.seed)
    base = pensiones.simulate(pop, paths=args.paths, seed=args.seed)
    reforma = pensiones.Scenario.load(args.reforma)
    alt = pensiones.simulate(pop, reforma, paths=args.paths, seed=args.seed)
    d = pensiones.compare(base, alt, measure="pct_GDP")
    print(f"{reforma.name}: {reforma.description}")
    table = d[d.year % 10 == 0].pivot_table(index=["year", "component"], columns="stat", values="value")
    print("Reform minus baseline, % of GDP (mean and 5-95 % band over paths):")
    print(
        table.loc[(slice(None), ["total", "ley73", "pension_garantizada", "fondo_bienestar"]), ["mean", "p5", "p95"]]
        .round(3)
        .to_string()
    )
    fig = plots.diferencia_reforma(d, titulo=f"{reforma.name} minus reforma_2020")
    fig.savefig(args.out, dpi=100, bbox_inches="tight")
    print(f"chart: {args.out}")
    return d


if __name__ == "__main__":
    main()
