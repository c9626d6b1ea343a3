"""Income tax and worker social-security contributions on wages and pensions, for net replacement rates.

Functions take amounts as numbers or NumPy arrays (vectorised) and a year (its 1 February) or a
:class:`datetime.date`; every table is read through the :class:`~pensiones.rules.RuleSet`, so a
scenario's overlays change them like any other rule.

isr_salario_mensual      ISR on a monthly wage (LISR art. 96) net of the subsidio para el empleo
subsidio_empleo_mensual  the subsidio para el empleo of a monthly wage
isr_pension_mensual      ISR on a monthly pension above the exemption of 15 UMA a day (LISR art. 93 fr. IV)
cuotas_obreras_mensuales the worker's IMSS contributions (LSS arts. 25, 106, 107, 147, 168)
tarifa_isr_mensual       the art. 96 tariff in force, updated by LISR art. 152 past the last published one
"""

from pensiones.impuestos.cuotas import cuotas_obreras_mensuales
from pensiones.impuestos.isr import (
    isr_pension_mensual,
    isr_salario_mensual,
    subsidio_empleo_mensual,
    tarifa_isr_mensual,
)

__all__ = [
    "isr_salario_mensual",
    "subsidio_empleo_mensual",
    "isr_pension_mensual",
    "cuotas_obreras_mensuales",
    "tarifa_isr_mensual",
]
