"""The Monte Carlo engine: population, processes, resolved rules, the Numba kernel and its Python twin.

The engine returns arrays; :func:`pensiones.simulate` builds :class:`pensiones.Results` from them.
:func:`precompile` compiles it ahead of the first run (:mod:`pensiones.engine.compiler`).
"""

from pensiones.engine.compiler import precompile
from pensiones.engine.population import Population
from pensiones.engine.procesos import Procesos

__all__ = ["Population", "Procesos", "precompile"]
