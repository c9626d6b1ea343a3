"""IMSS's own pension lines: the RJP of its employees (J003, paid by the IMSS) and the LSS art.
140 Bis leave for parents of children with cancer (a Federal Government line).

Each projection returns a :class:`LineaProyectada` (cases and nominal cost by path and year) for
the fiscal ledger by payer; :func:`backtest_imss` compares them with every published figure.
"""

from pensiones.imss.backtest import backtest_imss
from pensiones.imss.licencias import (
    VIGENCIA_140BIS,
    ParametrosLicencias,
    licencias_acumuladas,
    proyeccion_licencias_140bis,
    subsidio_140bis,
)
from pensiones.imss.linea import PAGADORES, LineaProyectada
from pensiones.imss.publicados import PUBLICADOS, Publicado
from pensiones.imss.rjp import ANIO_BASE_RJP, historia_rjp, proyeccion_rjp
from pensiones.imss.rjp_parametros import ParametrosRJP
from pensiones.imss.rjp_reglas import (
    CORTE_MODIFICADO,
    CORTE_NUEVA_GENERACION,
    cohorte_rjp,
    cuantia_rjp,
    requisitos_rjp,
)

__all__ = [
    "LineaProyectada",
    "PAGADORES",
    "proyeccion_rjp",
    "historia_rjp",
    "ParametrosRJP",
    "ANIO_BASE_RJP",
    "cohorte_rjp",
    "requisitos_rjp",
    "cuantia_rjp",
    "CORTE_MODIFICADO",
    "CORTE_NUEVA_GENERACION",
    "proyeccion_licencias_140bis",
    "subsidio_140bis",
    "licencias_acumuladas",
    "ParametrosLicencias",
    "VIGENCIA_140BIS",
    "backtest_imss",
    "PUBLICADOS",
    "Publicado",
]
