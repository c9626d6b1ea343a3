"""The Monte Carlo engine: population, processes, Numba kernel and its pure-Python twin."""

from pensiones.engine.driver import simulate
from pensiones.engine.population import Population
from pensiones.engine.procesos import Procesos
from pensiones.engine.results import Results

__all__ = ["simulate", "Population", "Procesos", "Results"]
