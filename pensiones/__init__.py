"""pensiones: Mexico's IMSS old-age pension system, exact to the law, as a Python library.

Public API
----------
rules        the law as dated, cited tables (``pensiones.rules.load``)
ley97        Ley 97 individual-account rules (weeks, contribution rates, cuota social)
garantizada  the Art. 170 guaranteed pension
pbam         the universal PBAM pension and Pensión Mujeres Bienestar
"""

from pensiones import garantizada, ley97, pbam, rules
from pensiones.rules import Criterios, Supuestos

__version__ = "0.1.0"

__all__ = ["rules", "ley97", "garantizada", "pbam", "Supuestos", "Criterios", "__version__"]
