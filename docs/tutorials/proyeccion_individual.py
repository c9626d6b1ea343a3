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
# # An actuary's individual projection
#
# An AFORE actuary is asked what pension a member can expect. She is 41 in 2026, first insured in
# 2008 (so Ley 97 applies), earns a daily salary (SBC) of 520 pesos, has 600 weeks of contribution and
# 180,000 pesos in her retirement account (RCV). She has contributed about three quarters of the
# time and expects to go on doing so; she will retire at 65, in 2050.
#
# We project her account year by year with the contribution rules of each year (the 2020 reform
# raises the employer CEAV rate until 2030), find what the balance buys at retirement, check it
# against the guaranteed pension of art. 170 and the Fondo Bienestar complement, and see how the
# answer moves with her contribution density and the return. Every number comes from the
# library's dated, cited rule tables; this page is executed when the documentation is built.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import pensiones
from pensiones import garantizada, ley97

rules = pensiones.rules.load()  # the law in force (lss2020) with the default assumptions

# %% [markdown]
# ## What she and her employer pay in 2026
#
# Rates are decimals of the SBC. The employer CEAV rate depends on the salary band (here 520 / 117.31
# = 4.4 UMA); the cuota social is paid by the government per day contributed, only up to 4 UMA from
# 2024, so she gets none.

# %%
sbc = 520.0
print("UMA 2026 (pesos a day):", rules.uma_diaria(2026))
print("employer CEAV:", ley97.tasa_patronal_ceav(2026, sbc))
print("worker CEAV:", ley97.tasa_trabajador_ceav(2026))
print("retiro (employer):", ley97.tasa_retiro(2026))
print("cuota social (pesos a day):", ley97.cuota_social_diaria(2026, sbc))
print("minimum weeks for a pension in 2050:", ley97.semanas_minimas(2050))

# %% [markdown]
# ## Projecting the account to retirement
#
# `ley97.proyectar_cuenta` applies each year's contribution rules, a 75 % density (days
# contributed = 365 × 0.75), 1 % real wage growth on top of inflation, a 4 % real gross return and
# the legal fee cap. Amounts are nominal pesos; the last row's `saldo_final` is the balance on
# 31 December 2049.

# %%
cuenta = ley97.proyectar_cuenta(sbc, 2026, 2049, saldo_inicial=180_000, densidad=0.75, crecimiento_real_sbc=0.01)
cuenta[["anio", "sbc_diario", "semanas", "aportaciones", "rendimiento", "comision", "saldo_final"]].iloc[
    [0, 1, 2, 5, 10, 15, 20, 23]
].round(2)

# %% [markdown]
# In pesos of 2026 (deflated by the December INPC, projected at the assumed 3 % inflation), the
# balance and where it comes from:

# %%
deflator = np.array([rules.inpc(int(y), 12) / rules.inpc(2025, 12) for y in cuenta.anio])
balance = cuenta.saldo_final / deflator
contributions = (cuenta.aportaciones / deflator).cumsum()
opening = np.full(len(cuenta), 180_000.0)
fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
ax.stackplot(
    cuenta.anio,
    opening,
    contributions,
    balance - opening - contributions,  # what returns added beyond fees and inflation
    labels=["opening balance", "contributions (cumulative)", "real returns net of fees (cumulative)"],
    alpha=0.8,
)
ax.plot(cuenta.anio, balance, color="black", label="balance at year end")
ax.set_xlabel("year")
ax.set_ylabel("pesos of 2026")
ax.yaxis.set_major_formatter(lambda v, _: f"{v / 1e6:.1f} M")
ax.set_title("Her RCV account, constant pesos of 2026")
ax.legend(loc="upper left")
ax.grid(alpha=0.3)

# %% [markdown]
# ## At 65: what the balance buys
#
# The guaranteed pension depends on age, weeks and the lifetime average SBC in UMA. We know her
# weeks; for the average salary we use her projected salaries (her earlier career is not in
# the file, an assumption worth stating to the member).

# %%
saldo = float(cuenta.saldo_final.iloc[-1])
semanas = 600 + float(cuenta.semanas.sum())
salario_uma = float(
    np.mean([s / rules.uma_diaria(int(y)) for s, y in zip(cuenta.sbc_cotizable, cuenta.anio, strict=True)])
)
r = garantizada.pension_ley97(saldo, 65, semanas, salario_uma, "M", 2050)
inpc_2050 = rules.inpc(2049, 12) / rules.inpc(2025, 12)
pd.Series(
    {
        "balance at retirement (pesos of 2050)": round(saldo),
        "weeks": round(semanas),
        "lifetime average SBC (UMA)": round(salario_uma, 2),
        "modality": r.modalidad,
        "the balance buys a renta vitalicia of (monthly, pesos of 2050)": r.pension_cuenta_mensual,
        "guaranteed pension (monthly, pesos of 2050)": r.pension_garantizada_mensual,
        "her pension (monthly, pesos of 2050)": r.mensual,
        "her pension (monthly, pesos of 2026)": round(r.mensual / inpc_2050, 2),
        "replacement rate (of her last monthly salary)": round(r.mensual / (cuenta.sbc_diario.iloc[-1] * 365 / 12), 3),
        "balance exhausted in": r.anio_agotamiento,
        "government payments, present value (pesos of 2050)": round(r.valor_presente_gobierno),
    }
).to_frame("value")

# %% [markdown]
# With her weeks and salary band she is entitled to a guaranteed pension larger than the renta
# vitalicia her balance buys. So retiro programado pays her the guaranteed amount from the
# balance until it runs out, and from then on the Federal Government pays it for life.
# `r.flujos` holds the payments year by year, with her probability of being alive (EMSSA-09):

# %%
assert r.modalidad == "pension_garantizada"  # what the paragraph above says
flujos = r.flujos
fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
ax.bar(flujos.anio, flujos.supervivencia * flujos.pagado_cuenta / 1e3, label="paid from her account")
ax.bar(flujos.anio, flujos.supervivencia * flujos.pagado_gobierno / 1e3,
       bottom=flujos.supervivencia * flujos.pagado_cuenta / 1e3, label="paid by the Federal Government")
ax.set_xlabel("year")
ax.set_ylabel("expected payments, thousands of pesos of 2050 a year")
ax.set_title("Who pays her guaranteed pension (weighted by survival)")
ax.set_xlim(2049, 2095)
ax.legend()
ax.grid(alpha=0.3, axis="y")

# %% [markdown]
# At 65 the Fondo de Pensiones para el Bienestar (decree DOF 1-5-2024) tops a Ley 97 pension up
# to the last salary when the pension is at or below the threshold of the year, the top-up capped
# at the threshold:

# %%
ultimo_salario_mensual = float(cuenta.sbc_diario.iloc[-1]) * 365 / 12
complemento = ley97.complemento_fondo_bienestar(r.mensual, ultimo_salario_mensual, 65, 2050)
print(
    f"last monthly salary {ultimo_salario_mensual:,.2f}; "
    f"Fondo Bienestar complement {complemento:,.2f} pesos a month (2050)"
)

# %% [markdown]
# ## How sure is that? Density and returns
#
# The two things she and the actuary cannot know are how often she will contribute and what the
# account will earn. The same calculation over a grid of densities and real returns; below the
# guaranteed pension (the dashed line) the account pays the guaranteed amount and then the
# government does, and with too few weeks there is no pension at all (negativa de pensión).

# %%
rows = []
for rendimiento in (0.03, 0.04, 0.05):
    for densidad in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
        c = ley97.proyectar_cuenta(
            sbc, 2026, 2049, saldo_inicial=180_000, densidad=densidad, rendimiento_real=rendimiento,
            crecimiento_real_sbc=0.01,
        )
        res = garantizada.pension_ley97(
            float(c.saldo_final.iloc[-1]), 65, 600 + float(c.semanas.sum()), salario_uma, "M", 2050
        )
        rows.append(
            {
                "real return": rendimiento,
                "density": densidad,
                "weeks": round(600 + c.semanas.sum()),
                "modality": res.modalidad,
                "monthly pension, pesos of 2026": round(res.mensual / inpc_2050, 2),
                "government cost, present value (pesos of 2050)": round(res.valor_presente_gobierno),
            }
        )
grid = pd.DataFrame(rows)
grid[grid["real return"] == 0.04]

# %%
fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
for rendimiento, g in grid.groupby("real return"):
    ax.plot(g.density * 100, g["monthly pension, pesos of 2026"], marker="o", label=f"real return {rendimiento:.0%}")
ax.axhline(r.pension_garantizada_mensual / inpc_2050, color="grey", ls="--", label="guaranteed pension (her band, 65)")
ax.set_xlabel("contribution density, % of the time")
ax.set_ylabel("monthly pension at 65, pesos of 2026")
ax.set_title("Her pension by density and return (0 = negativa de pensión)")
ax.legend()
ax.grid(alpha=0.3)

# %% [markdown]
# ## A member of the transition generation
#
# A colleague first insured in 1994 may choose Ley 73 at retirement (LSS 1997 transitorio
# Tercero). `pensiones.eleccion_regimen` computes both: under Ley 73 the CEAV balance goes to the
# government and the retiro, SAR 92 and housing balances come back to him.

# %%
eleccion = pensiones.eleccion_regimen(
    salario_promedio_diario=700.0, semanas=1_450, edad=65, anio=2027, sexo="H", salario_uma=4.5,
    saldo_retiro=160_000, saldo_ceav=520_000, saldo_sar92=25_000, saldo_vivienda=90_000,
)
eleccion.resumen().round(2)

# %% [markdown]
# ## The same for a population
#
# For many members at once, the engine projects a population with the same rules and stochastic
# careers, wages, returns and deaths; `Results.plot.tasas_reemplazo` shows the replacement rates
# of those who retire with a pension by 2050 (a small synthetic population here; see the
# [policy tutorial](../reforma_vs_base/) and the [engine guide](../../engine/)).

# %%
poblacion = pensiones.Population.synthetic(5_000, seed=3)
resultados = pensiones.simulate(poblacion, paths=4, seed=11, end=2050, outcomes=True)
ax = resultados.plot.tasas_reemplazo()
