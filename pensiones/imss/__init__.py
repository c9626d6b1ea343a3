"""IMSS's own pension lines: the RJP of its employees (J003, paid by the IMSS) and the LSS art.
140 Bis leave for parents of children with cancer (a Federal Government line).

Each projection returns a :class:`ProjectedLine` (cases and nominal cost by path and year) for
the fiscal ledger by payer; :func:`backtest_imss` compares them with every published figure.
"""

from pensiones.imss.backtest import backtest_imss
from pensiones.imss.licencias import (
    VIGENCIA_140BIS,
    SupuestosLicencias,
    licencias_acumuladas,
    proyeccion_licencias_140bis,
    subsidio_140bis,
)
from pensiones._deprecation import modulo_renombrado
from pensiones.imss.linea import PAYERS, ProjectedLine
from pensiones.imss.publicados import PUBLISHED, Published
from pensiones.imss.rjp import ANIO_BASE_RJP, historia_rjp, proyeccion_rjp
from pensiones.imss.rjp_parametros import SupuestosRJP
from pensiones.imss.rjp_reglas import (
    CORTE_MODIFICADO,
    CORTE_NUEVA_GENERACION,
    cohorte_rjp,
    cuantia_rjp,
    requisitos_rjp,
)

__all__ = [
    "ProjectedLine",
    "PAYERS",
    "proyeccion_rjp",
    "historia_rjp",
    "SupuestosRJP",
    "ANIO_BASE_RJP",
    "cohorte_rjp",
    "requisitos_rjp",
    "cuantia_rjp",
    "CORTE_MODIFICADO",
    "CORTE_NUEVA_GENERACION",
    "proyeccion_licencias_140bis",
    "subsidio_140bis",
    "licencias_acumuladas",
    "SupuestosLicencias",
    "VIGENCIA_140BIS",
    "backtest_imss",
    "PUBLISHED",
    "Published",
]

#: Spanish spellings of machinery names, deprecated (removed in 0.3; pensiones._deprecation).
__getattr__ = modulo_renombrado("pensiones.imss", globals(), {
    "LineaProyectada": "ProjectedLine", "PAGADORES": "PAYERS", "PUBLICADOS": "PUBLISHED", "Publicado": "Published",
    "ParametrosRJP": "SupuestosRJP", "ParametrosLicencias": "SupuestosLicencias",
})
