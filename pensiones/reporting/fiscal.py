"""The components of the Federal Government's fiscal cost, in the order tables and plots show them."""

from __future__ import annotations

__all__ = ["COMPONENTES_FISCALES"]

#: Components of the fiscal cost, in order.
COMPONENTES_FISCALES = (
    "cuota_social",
    "aportacion_estatal",
    "ley73",
    "pension_garantizada",
    "fondo_bienestar",
    "pbam",
    "mujeres_bienestar",
    "transferencia_rcv_ley73",
    "licencias_140bis",
)
