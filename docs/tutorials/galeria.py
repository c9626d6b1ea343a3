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
# # Chart gallery
#
# Every chart of `pensiones`, with the code that draws it. This page is executed when the site is
# built, so each chart below is what the code above it draws today.
#
# Every chart:
#
# - speaks one language, `lang="en"` (default) or `lang="es"`, from one label dictionary
#   (`pensiones.reporting.plots.ETIQUETAS`);
# - keeps its legend outside the data;
# - leaves out the components that are zero in every year (and says so where it matters);
# - notes under its axes the source, the records × paths and the seed, and, with fewer than 20 paths,
#   that its 5-95 % bands are a rough estimate;
# - takes `ax=` to draw into a figure of your own and returns the Axes.
#
# The run: 3,000 records, 20 paths, to 2050 (real studies use 100,000 records or more).

# %%
# %matplotlib inline
import matplotlib.pyplot as plt

import pensiones
from pensiones.reporting import plots

pop = pensiones.Population.synthetic(3_000, seed=1)
base = pensiones.simulate(pop, paths=20, seed=7, end=2050, outcomes=True)
reform = pensiones.simulate(pop, pensiones.Scenario.load("sin_fondo_bienestar"), paths=20, seed=7, end=2050)
base.plot

# %% [markdown]
# ## Fan chart of one component: `results.plot.abanico`
#
# The mean over paths and the band from the 5th to the 95th percentile of the paths.

# %%
ax = base.plot.abanico("total")

# %% [markdown]
# ## Fan chart of every component
#
# `component=None` draws every component that is not zero in every year, and the total; the title
# names those left out. `plots.abanico_costo_fiscal(results)` (the chart `pensiones run` writes) draws
# the same and returns the Figure.

# %%
ax = base.plot.abanico(None)

# %% [markdown]
# ## The components stacked: `results.plot.componentes`
#
# Above zero what the government pays; below zero the CEAV balances that Ley 73 choosers hand over; the
# black line is the net total. In constant pesos of 2025 with `measure="MXN_2025"`.

# %%
ax = base.plot.componentes()

# %% [markdown]
# ## The same chart in Spanish: `lang="es"`

# %%
ax = base.plot.componentes(measure="MXN_2025", lang="es")

# %% [markdown]
# ## Replacement rates: `results.plot.tasas_reemplazo`
#
# The first pension over the last salary of the people who retire within the run, by sex and salary band:
# weighted median, 25-75 % box and 5-95 % whiskers (needs `simulate(..., outcomes=True)`).

# %%
ax = base.plot.tasas_reemplazo()

# %% [markdown]
# ## A reform against its baseline: `results.plot.diferencia`
#
# Reform minus baseline path by path (both runs share every draw), so the band is the uncertainty of the
# *effect*. `plots.comparacion(pensiones.compare(base, reform), ...)` draws the same from the table.

# %%
ax = reform.plot.diferencia(base, "fondo_bienestar")

# %% [markdown]
# ## Several charts in one figure, and runs on one Axes
#
# With `label=` a fan chart can share its Axes with another run's.

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.5), layout="constrained")
base.plot.abanico(label="reforma_2020 (baseline)", ax=left)
reform.plot.abanico(label="sin_fondo_bienestar", ax=left)
ax = plots.comparacion(pensiones.compare(base, reform), "total", measure="MXN_2025", ax=right)

# %% [markdown]
# ## The numbers behind the charts
#
# Every chart draws a table you can get without masks: one measure and one statistic as years by
# component, its unit in `.attrs["unit"]`.

# %%
table = base.fiscal_cost(measure="pct_GDP", stat="mean", wide=True)
table.loc[::5].round(3)
