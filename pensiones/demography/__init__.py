"""Demography: mortality tables (CNSF) and CONAPO population projections."""

from pensiones.demography.mortalidad import TABLAS_MORTALIDAD, qx, supervivencia
from pensiones.demography.conapo import poblacion, poblacion_post_2070

__all__ = ["qx", "supervivencia", "TABLAS_MORTALIDAD", "poblacion", "poblacion_post_2070"]
