"""Non-contributory pensions: PBAM (65+) and Pensión Mujeres Bienestar (women 60-64)."""

from pensiones.pbam.montos import (
    edad_minima,
    edades_mujeres_bienestar,
    monto_anual,
    monto_bimestral,
    monto_bimestral_mujeres_bienestar,
    monto_persona,
)

__all__ = [
    "monto_bimestral",
    "edad_minima",
    "monto_anual",
    "monto_bimestral_mujeres_bienestar",
    "edades_mujeres_bienestar",
    "monto_persona",
]
