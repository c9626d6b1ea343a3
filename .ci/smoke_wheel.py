"""Smoke test of an installed wheel (run by .ci/run from outside the checkout, in a clean environment).

It checks that the package imported is the installed one, that its data files are there (a calculator
reads the rule tables), and that the engine runs (a tiny simulation, which compiles the kernel).
"""

import importlib.metadata
import sys
import warnings
from pathlib import Path

import pensiones
from pensiones import garantizada

where = Path(pensiones.__file__).resolve()
meta = importlib.metadata.metadata("pensiones")
assert meta["Version"] == pensiones.__version__ and meta["License-Expression"] == "MIT", dict(meta)
assert "site-packages" in where.parts, f"pensiones imported from {where}, not from the installed wheel"
r = garantizada.pension_ley97(300_000, 65, 1000, 1.5, "H", 2030)
assert r.modalidad == "pension_garantizada" and r.mensual > 0, r
with warnings.catch_warnings():
    warnings.simplefilter("ignore", pensiones.SmallSampleWarning)
    pop = pensiones.Population.synthetic(60, seed=1)
results = pensiones.simulate(pop, paths=1, seed=1, end=2026)
assert results.fiscal_cost(measure="pct_GDP", stat="mean", wide=True)["total"].gt(0).all()
print(f"pensiones {pensiones.__version__} from {where.parent}: calculator and simulate OK", file=sys.stderr)
