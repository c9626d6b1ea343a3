"""Hypothesis strategies shared by the property tests (STYLE.md, tests layer 5)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

anios = st.integers(min_value=2021, max_value=2070)
anios_transicion = st.integers(min_value=2023, max_value=2030)
edades_pension = st.floats(min_value=60.0, max_value=110.0, allow_nan=False)
salario_uma = st.floats(min_value=0.05, max_value=25.0, allow_nan=False)
trimestres = st.integers(min_value=1, max_value=4)
bimestres = st.integers(min_value=1, max_value=6)
fechas = st.dates(min_value=dt.date(2016, 2, 1), max_value=dt.date(2070, 12, 31))
#: multiples of the minimum wage (>= 1: the SBC floor) up to the 25 UMA cap and beyond
veces_salario_minimo = st.floats(min_value=1.0, max_value=15.0, allow_nan=False)


@st.composite
def semanas_elegibles(draw, anio: int) -> float:
    """Weeks at or above the minimum for a pension granted in ``anio``."""
    from pensiones.ley97 import semanas_minimas

    return draw(st.floats(min_value=float(semanas_minimas(anio)), max_value=3000.0, allow_nan=False))

#: Ley 73 inputs: average daily salary (pesos), weeks, age, year of the pension
salario_promedio_ley73 = st.floats(min_value=50.0, max_value=5000.0, allow_nan=False)
semanas_ley73 = st.floats(min_value=500.0, max_value=3000.0, allow_nan=False)
anios_ley73 = st.integers(min_value=2021, max_value=2045)
sexos = st.sampled_from(["H", "M"])
tasas_tecnicas = st.floats(min_value=0.0, max_value=0.08, allow_nan=False)
saldos = st.floats(min_value=0.0, max_value=5e6, allow_nan=False)
pesos_mensuales = st.floats(min_value=0.0, max_value=60_000.0, allow_nan=False)

#: Monthly taxable incomes (pesos) and years of the tax rules (the ISR tariff is encoded from 2023)
ingresos_mensuales = st.floats(min_value=0.0, max_value=600_000.0, allow_nan=False)
anios_fiscales = st.integers(min_value=2023, max_value=2070)
#: multiples of the average wage for a full career (0.5 x the average is about 1.07 minimum wages in 2026)
multiplos_salario = st.floats(min_value=0.5, max_value=5.0, allow_nan=False)

#: Unit conversions: amounts in pesos (any period) and every year of the law's timeline (1 July 1997 to 2100)
montos_pesos = st.floats(min_value=0.0, max_value=1e7, allow_nan=False)
anios_ley = st.integers(min_value=1997, max_value=2100)
#: A person's career from the AFORE statement: weeks so far (born 1964: at most 2,503 by 2026)
semanas_previas = st.floats(min_value=0.0, max_value=1500.0, allow_nan=False)
