"""Ley 73 (LSS 1973) defined benefit for the transition generation: cesantía and vejez.

References: LSS 1973 arts. 149-164 (survivors), 138, 143-145, 164-169, 171, 182; LSS 1997 transitorios Tercero,
Undécimo, Duodécimo; Decreto DOF 20-12-2001 artículo Décimo Cuarto transitorio (11 %).
"""

from pensiones.ley73.calculo import PensionLey73, pension
from pensiones.ley73.minima import pension_minima_mensual
from pensiones.ley73.modalidad40 import (
    EfectoModalidad40,
    costo_mensual_modalidad40,
    efecto_modalidad40,
    promedio_250_semanas,
)
from pensiones.ley73.requisitos import conservacion_derechos, elegible
from pensiones.ley73.sobrevivientes import pension_viudez

__all__ = [
    "pension",
    "PensionLey73",
    "pension_minima_mensual",
    "costo_mensual_modalidad40",
    "promedio_250_semanas",
    "efecto_modalidad40",
    "EfectoModalidad40",
    "elegible",
    "conservacion_derechos",
    "pension_viudez",
]
