"""Sensitivity of the fiscal cost to the return on the accounts and to contribution density.

    python examples/sensibilidad.py [--persons 8000] [--paths 8]

Each variant changes one behavioural assumption of the baseline with Scenario.with_reform and runs on
the same seed; the table shows the guaranteed-pension and total cost in % of GDP in 2050 and 2070.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import pensiones
from pensiones.engine.procesos import Procesos


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=6_000)
    parser.add_argument("--paths", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    base = pensiones.Scenario.default()
    p = Procesos()
    variants = {
        "baseline": {},
        "return 3 % real": {"procesos": {"rendimiento_real_medio": 0.03}},
        "return 6 % real": {"procesos": {"rendimiento_real_medio": 0.06}},
        "density -20 %": {"procesos": {"p_entrada": (np.asarray(p.p_entrada) * 0.8).tolist()}},
        "density +20 %": {"procesos": {"p_entrada": np.clip(np.asarray(p.p_entrada) * 1.2, 0, 1).tolist()}},
    }
    pop = pensiones.Population.synthetic(args.persons, seed=args.seed)
    rows = []
    for name, change in variants.items():
        scenario = base.with_reform(change, name=name) if change else base
        fc = pensiones.simulate(pop, scenario, paths=args.paths, seed=args.seed).fiscal_cost(
            measure="pct_GDP", stat="mean", components=["pension_garantizada", "total"], wide=True)
        for year in (2050, 2070):
            for comp, value in fc.loc[year].items():
                rows.append({"variant": name, "year": year, "component": comp, "pct_GDP": value})
    table = pd.DataFrame(rows).pivot_table(index="variant", columns=["component", "year"], values="pct_GDP")
    print("Fiscal cost, % of GDP (mean over paths)")
    print(table.round(3).to_string())
    return table


if __name__ == "__main__":
    main()
