"""Demography: mortality tables (CNSF) and CONAPO population projections."""

from pensiones.demography.mortalidad import TABLAS_MORTALIDAD, qx, supervivencia

__all__ = ["qx", "supervivencia", "TABLAS_MORTALIDAD"]
