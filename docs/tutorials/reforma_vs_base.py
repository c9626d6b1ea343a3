# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A reform against the baseline
#
# A policy team wants to know what returning the minimum weeks of contribution to 1,250 would
# do, the level in force before the 2020 reform. The library ships this as the illustrative scenario
# `semanas_1250`: from 2027 the weeks a Ley 97 worker needs for a pension (1,000 from 2031 under
# the law in force, LSS 1997 transitorio Cuarto as reformed in 2020) go back to 1,250.
#
# We simulate the law in force (`reforma_2020`, the baseline) and the reform on the same
# synthetic population and the same random draws, and compare them year by year: the fiscal
# cost with its uncertainty over paths, by component, and what happens to people's pensions.
#
# This page is executed when the documentation is built, with a small population (10,000
# records) and 16 paths to 2050 so that it runs in seconds; the `pensiones run` command and
# real studies use 100,000 records or more and more paths.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import pensiones
from pensiones.reporting.plots import comparacion

# %% [markdown]
# ## The two scenarios
#
# A scenario is a TOML file (see the [scenarios guide](../../escenarios/)): a rule set, dated
# overlays on its tables, assumptions and behaviour. The reform overlays one row on the table
# `semanas_minimas`:

# %%
base_scenario = pensiones.Scenario.load("reforma_2020")
reform_scenario = pensiones.Scenario.load("semanas_1250")
print(reform_scenario.description)
print(reform_scenario.fundamento)
for year in (2026, 2027, 2031, 2040):
    print(
        year,
        "minimum weeks: baseline",
        pensiones.ley97.semanas_minimas(year, reglas=base_scenario.rules()),
        "reform",
        pensiones.ley97.semanas_minimas(year, reglas=reform_scenario.rules()),
    )

# %% [markdown]
# ## Simulating both on common random numbers
#
# The same population, seed and paths: every person's careers, wages, returns and deaths are the
# same draws in both runs, so the difference between them is the reform's effect path by path,
# not noise. `outcomes=True` keeps each person's retirement outcome for the replacement-rate
# charts.

# %%
population = pensiones.Population.synthetic(10_000, seed=1)
options = {"paths": 16, "seed": 2025, "end": 2050, "outcomes": True}
base = pensiones.simulate(population, base_scenario, **options)
reform = pensiones.simulate(population, reform_scenario, **options)
base

# %% [markdown]
# ## Fan charts: the fiscal cost of both
#
# `Results.plot.abanico` draws the mean over paths and the band between the 5th and 95th
# percentiles. Two runs can share one Axes; `label=` names each line.

# %%
fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
base.plot.abanico("total", label="baseline (reforma_2020)", ax=ax)
ax = reform.plot.abanico("total", label="reform (semanas_1250)", ax=ax)

# %% [markdown]
# The total is dominated by PBAM and Ley 73 pensions, which the reform does not touch. The
# components it does change are the guaranteed pension paid by the government and the Fondo
# Bienestar complement:

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained", sharey=True)
for ax, component in zip(axes, ["pension_garantizada", "fondo_bienestar"], strict=True):
    base.plot.abanico(component, label="baseline", ax=ax)
    reform.plot.abanico(component, label="reform", ax=ax)
    ax.set_title(f"{component}: mean and 5-95 % band over paths")

# %% [markdown]
# ## The difference, path by path
#
# `pensiones.compare(base, reform)` subtracts the baseline from the reform on each path and then
# takes the mean and percentiles, so its band is the uncertainty of the *effect*, much narrower
# than the bands of either run. `pensiones.reporting.plots.comparacion` draws it.

# %%
d = pensiones.compare(base, reform)
fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
comparacion(d, "total", ax=axes[0])
ax = comparacion(d, "pension_garantizada", measure="MXN_2025", ax=axes[1])

# %% [markdown]
# The same numbers as a table: the effect in % of GDP (percentage points) every five years, the
# mean and the 5-95 % band over paths.

# %%
table = pensiones.compare(base, reform, measure="pct_GDP", stat=["mean", "p5", "p95"],
                          components=["pension_garantizada", "fondo_bienestar", "total"])
table[table.year % 5 == 0].pivot_table(index=["component", "year"], columns="stat", values="value").round(4)

# %% [markdown]
# ## The baseline by component
#
# `Results.plot.componentes` stacks the components in % of GDP; the CEAV balances that Ley 73
# choosers hand to the government are an offset, drawn below zero.

# %%
ax = base.plot.componentes()

# %% [markdown]
# ## What happens to people
#
# Savings come from people who no longer qualify: with 1,250 weeks more retirees get their
# balance back in one payment (negativa de pensión) instead of a pension. `Results.outcomes()`
# gives the shares among the people who retire within the horizon (all, then men and women):

# %%
pd.concat({"baseline": base.outcomes().head(3), "reform": reform.outcomes().head(3)}).round(3)

# %% [markdown]
# and `Results.plot.tasas_reemplazo` the replacement rates of those who do get a pension (first
# monthly pension over the last monthly salary), by sex and salary band:

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), layout="constrained", sharey=True)
base.plot.tasas_reemplazo(ax=axes[0])
reform.plot.tasas_reemplazo(ax=axes[1])
for ax, title in zip(axes, ["baseline (reforma_2020)", "reform (semanas_1250)"], strict=True):
    ax.set_title(f"Replacement rates, {title}")

# %% [markdown]
# ## Going further
#
# - Any reform is a few lines of TOML or `Scenario.with_reform({...})`: see the
#   [scenarios guide](../../escenarios/).
# - `pensiones run semanas_1250 --persons 100000 --paths 20 --out resultados` writes these tables
#   (CSV, Excel) and charts (PNG) with the run's provenance.
# - `base.export("folder")` writes the tables of a run from Python.
