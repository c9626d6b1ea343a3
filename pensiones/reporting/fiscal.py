"""The components of the Federal Government's fiscal cost, in the order tables and plots show them.

``sobrevivientes_ley73`` and ``sobrevivientes_pg`` are the survivors' pensions opened by the deaths the
engine simulates (the survivors' pensions already in payment are in the Ley 73 opening stock, J001).
``invalidez_ley73`` is the Ley 73 invalidity pensions of the transition-generation members the engine
declares invalid: zero unless the scenario supplies an incidence table (``Procesos.incidencia_invalidez``).
``pareo_ahorro_voluntario`` is a reform's matching contribution on voluntary saving, paid into the accounts:
zero unless the scenario sets a match (table ``pareo_ahorro_voluntario``) and voluntary saving
(``Procesos.proporcion_ahorro_voluntario``), as the built-in ``ahorro_voluntario_pareo`` does.
``pension_basica_universal`` is the universal basic pension of the structural alternative of that name
(``Procesos.alternativa``), zero without it; the PBAM it replaces leaves the whole population's PBAM line.
``subsidio_cobertura`` is the Government's share of the contributions of a group brought into the regime by a
scenario that subsidises its coverage (``Procesos.cobertura``), zero without one.
"""

from __future__ import annotations

__all__ = ["FISCAL_COMPONENTS"]

#: Components of the fiscal cost, in order.
FISCAL_COMPONENTS = (
    "cuota_social",
    "aportacion_estatal",
    "ley73",
    "pension_garantizada",
    "fondo_bienestar",
    "pbam",
    "mujeres_bienestar",
    "transferencia_rcv_ley73",
    "licencias_140bis",
    "sobrevivientes_ley73",
    "sobrevivientes_pg",
    "invalidez_ley73",
    "pareo_ahorro_voluntario",
    "pension_basica_universal",
    "subsidio_cobertura",
)
