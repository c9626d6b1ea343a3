"""Components of the ledger: fiscal costs, account flows and counts (index -> name)."""

from __future__ import annotations

#: Fiscal components simulated person by person (pesos; the CEAV transfer of Ley 73 choosers is
#: negative; ``ley73`` here is the new pensions of the simulated transition generation).  PBAM and
#: Mujeres Bienestar of the simulated account holders are kept apart (``*_afiliados``): the fiscal
#: cost of those programmes covers the whole population (``pensiones.reporting.fiscal``).
FISCALES = (
    "cuota_social",
    "aportacion_estatal",
    "ley73",
    "pension_garantizada",
    "fondo_bienestar",
    "pbam_afiliados",
    "mujeres_bienestar_afiliadas",
    "transferencia_rcv_ley73",
)
#: Account flows and stocks (pesos), for conservation checks and reporting.
FLUJOS = (
    "saldo_inicial",
    "aportaciones_obrero_patronales",
    "rendimientos",
    "comisiones",
    "retiros_negativa",
    "retiros_fallecimiento",
    "compra_renta_vitalicia",
    "pagos_pg_cuenta",
    "retiro_ley73_trabajador",
    "saldo_final",
    "pensiones_renta_vitalicia",
    "masa_salarial",
)
#: Counts (people represented).
CONTEOS = (
    "poblacion_viva",
    "activos",
    "cotizantes",
    "nuevos_pensionados",
    "pensionados_ley73",
    "pensionados_renta_vitalicia",
    "pensionados_pg",
    "pensionados_pg_gobierno",
    "negativas",
    "beneficiarios_fondo",
    "beneficiarios_pbam",
    "beneficiarias_mujeres",
)
COMPONENTES = FISCALES + FLUJOS + CONTEOS
INDICE = {name: i for i, name in enumerate(COMPONENTES)}
N_COMPONENTES = len(COMPONENTES)

#: Per-person outcome columns (one row per person and path, when requested).
RESULTADOS_PERSONA = (
    "anio_retiro",
    "edad_retiro",
    "regimen",  # 0 = Ley 97, 1 = Ley 73
    "modalidad",  # 0 = none yet, 1 = renta vitalicia, 2 = pension garantizada, 3 = negativa, 4 = Ley 73
    "pension_mensual",
    "tasa_reemplazo",
    "anios_pg_gobierno",
    "complemento_fondo",
    "anio_muerte",
)
