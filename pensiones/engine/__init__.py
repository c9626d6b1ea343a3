"""The Monte Carlo engine: population, processes, resolved rules, the Numba kernel and its Python twin.

The engine returns arrays; :func:`pensiones.simulate` builds :class:`pensiones.Results` from them.
"""

from pensiones.engine.population import Population
from pensiones.engine.procesos import Procesos

__all__ = ["Population", "Procesos"]
