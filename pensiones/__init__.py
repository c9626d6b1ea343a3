"""pensiones: Mexico's IMSS old-age pension system, exact to the law, as a Python library.

Public API
----------
rules        the law as dated, cited tables (``pensiones.rules.load``)
ley73        Ley 73 defined benefit (art. 167 table, cesantía, asignaciones, 11 %, minimum, Modalidad 40)
ley97        Ley 97 individual accounts (weeks, contributions, account projection, decumulation,
             Fondo Bienestar complement)
garantizada  the Art. 170 guaranteed pension and the whole Ley 97 outcome of a retiree
pbam         the universal PBAM pension and Pensión Mujeres Bienestar
imss         IMSS's own pension lines: the RJP of its employees (J003) and the LSS art. 140 Bis leave
demography   mortality tables and CONAPO projections
eleccion_regimen  Ley 73 against Ley 97 for the transition generation
tasa_reemplazo    gross and net replacement rates of a full career (the OECD's method) or a given one
unidades     pesos, UMA and minimum wages for a date or year (``pesos_a_uma``, ``uma_a_pesos``, ...)
impuestos    ISR on wages and pensions and the worker's IMSS contributions
simulate, sweep   the Monte Carlo engine on a population, in one process or on a Dask cluster
sensibilidad      one-at-a-time sensitivities of the fiscal cost to the scenario's assumptions (a tornado)
precompile        compile the engine for this machine ahead of the first run
"""

from pensiones._avisos import PensionesDeprecationWarning, SmallSampleWarning
from pensiones import demography, garantizada, impuestos, imss, ley73, ley97, pbam, rules
from pensiones.eleccion import EleccionRegimen, eleccion_regimen
from pensiones.simulation import simulate, sweep
from pensiones.engine import Population, Procesos, precompile
from pensiones.engine.parquet import ParquetPopulation
from pensiones.reemplazo import TasaReemplazo, tasa_reemplazo, tasa_reemplazo_carrera
from pensiones.reporting import Results, compare
from pensiones.reporting.sensibilidad import sensibilidad
from pensiones.rules import Criterios, Supuestos
from pensiones.scenarios import Scenario
from pensiones.unidades import (
    pesos_a_salarios_minimos,
    pesos_a_uma,
    salario_minimo_pesos,
    salarios_minimos_a_pesos,
    uma_a_pesos,
    uma_pesos,
)

from pensiones._version import __version__

__all__ = [
    "rules",
    "ley73",
    "ley97",
    "garantizada",
    "pbam",
    "impuestos",
    "imss",
    "demography",
    "eleccion_regimen",
    "EleccionRegimen",
    "tasa_reemplazo",
    "TasaReemplazo",
    "tasa_reemplazo_carrera",
    "pesos_a_uma",
    "uma_a_pesos",
    "pesos_a_salarios_minimos",
    "salarios_minimos_a_pesos",
    "uma_pesos",
    "salario_minimo_pesos",
    "simulate",
    "sweep",
    "precompile",
    "Population",
    "ParquetPopulation",
    "Procesos",
    "Results",
    "Scenario",
    "compare",
    "sensibilidad",
    "Supuestos",
    "Criterios",
    "SmallSampleWarning",
    "PensionesDeprecationWarning",
    "__version__",
]
