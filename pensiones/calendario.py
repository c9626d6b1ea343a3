"""Calendar and limit constants, defined once for the whole package.

Every module that counts days, weeks or months, or bounds a year, a number of paths or of
persons, imports its constant from here.  Legal numbers that can change by law (shares, ages,
rates) are not here: they live in the rule tables (``pensiones/rules/data``).

Days and months
---------------
Two legal months coexist and are not interchangeable:

* :data:`DIAS_POR_MES` (30.4) turns a daily amount into a monthly one wherever the law or
  its practice reads money in UMA or in daily salary (LDVUMA art. 5: monthly UMA = daily UMA
  x 30.4).  The package uses it for the UMA, the Fondo Bienestar's last salary, taxes and
  worker contributions, and the invalidity pension's monthly amount.
* :data:`DIAS_POR_MES_SALARIO_MINIMO` (365/12) turns a daily minimum wage into "one monthly
  minimum wage", the unit of the Ley 73 minimum pension (LSS 1973 art. 168) and the pre-reform
  guaranteed pension (LSS art. 170, DOF 21-12-1995).  Neither law defines the month; 365/12
  reproduces the IMSS published Ley 73 minimum pensions (5,836.52 pesos in 2022 = 172.87 x
  365/12 x 1.11; 30.4 gives 5,833.32), so it is the legal practice for that unit.

Weeks
-----
:data:`SEMANAS_POR_ANIO` is 365/7: a year fully contributed holds :data:`DIAS_POR_ANIO` days,
and IMSS weeks are days contributed / 7 (the engine accrues exactly this).  The check that a
record holds no more weeks than the calendar allows
(:func:`pensiones.engine.population.semanas_posibles`) counts the calendar days between two
dates instead (leap days included), so a record built by the engine always passes and real
data with leap years is not rejected.
"""

from __future__ import annotations

__all__ = [
    "DIAS_POR_ANIO",
    "DIAS_POR_SEMANA",
    "SEMANAS_POR_ANIO",
    "DIAS_POR_MES",
    "DIAS_POR_MES_SALARIO_MINIMO",
    "MESES_POR_ANIO",
    "ANIO_MIN",
    "ANIO_MAX",
    "ANIO_INICIAL_SIMULACION",
    "TRAYECTORIAS_MAX",
    "PERSONAS_MAX",
    "SEMILLA_MAX",
]

#: Days of a year of contributions and of annual amounts (a daily salary x 365 is the year's).
#: A calendar year without its leap day (a modelling convention: the package's annual
#: contributions, Ley 73 annual cuantía of LSS 1973 art. 167 and salary masses all use it).
DIAS_POR_ANIO = 365.0
#: Days of a week of contribution (the LSS counts "cotizaciones semanales", arts. 154 and 162).
DIAS_POR_SEMANA = 7.0
#: Weeks of contribution in a year fully contributed: ``DIAS_POR_ANIO / DIAS_POR_SEMANA`` (52.14).
SEMANAS_POR_ANIO = DIAS_POR_ANIO / DIAS_POR_SEMANA
#: Months of a year (monthly pensions x 12 are the year's).
MESES_POR_ANIO = 12
#: Days of a month for amounts in UMA or daily salary (LDVUMA art. 5, DOF 30-12-2016: monthly UMA =
#: daily UMA x 30.4).
DIAS_POR_MES = 30.4
#: Days of "one monthly minimum wage" (LSS 1973 art. 168; LSS art. 170 before DOF 16-12-2020): 365/12,
#: the reading that reproduces the IMSS published Ley 73 minimum pensions (see the module notes).
DIAS_POR_MES_SALARIO_MINIMO = 365.0 / 12.0

#: First year the library answers for: the LSS 1997 came into force on 1 July 1997 (DOF 21-12-1995).
ANIO_MIN = 1997
#: Last year of every projection, simulation and overlay: 2100, the horizon of published
#: evaluations of the 2020 reform; it also makes a typo (``anio=20260``) fail loudly.
ANIO_MAX = 2100
#: First year a simulation may start: 2021, the first year of the reformed law (DOF 16-12-2020).
ANIO_INICIAL_SIMULACION = 2021

#: Most stochastic paths of one run (memory of the per-path ledgers; an engineering limit).
TRAYECTORIAS_MAX = 10_000
#: Most records of a synthetic population built in one process (an engineering limit).
PERSONAS_MAX = 50_000_000
#: Largest seed of the counter-based generator (a signed 64-bit integer).
SEMILLA_MAX = 2**63 - 1
