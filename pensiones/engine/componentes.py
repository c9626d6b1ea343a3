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
#: Counts (people represented).  ``pensionados_*``, ``beneficiari*`` and ``activos`` are stocks
#: (people in that state during the year); ``nuevos_pensionados`` and ``nuevas_*`` are flows (awards
#: granted in the year, by type: Ley 73, renta vitalicia, guaranteed pension, negativa de pensión).
CONTEOS = (
    "poblacion_viva",
    "activos",
    "cotizantes",
    "nuevos_pensionados",
    "pensionados_ley73",
    "pensionados_renta_vitalicia",
    "pensionados_pg",
    "pensionados_pg_gobierno",
    "nuevas_negativas",
    "beneficiarios_fondo",
    "beneficiarios_pbam",
    "beneficiarias_mujeres",
    "nuevas_pensiones_ley73",
    "nuevas_pensiones_rv",
    "nuevas_pensiones_pg",
)
COMPONENTES = FISCALES + FLUJOS + CONTEOS
INDICE = {name: i for i, name in enumerate(COMPONENTES)}
N_COMPONENTES = len(COMPONENTES)

#: Modality of a record (codes shared by the kernel and reporting).
ACTIVO = 0  # not retired (yet)
RENTA_VITALICIA = 1  # LSS art. 159 fr. IV: the balance buys at least the guaranteed pension
PENSION_GARANTIZADA = 2  # LSS art. 170: retiro programado of the guaranteed pension, then the government
NEGATIVA = 3  # negativa de pensión: weeks short, the balance is withdrawn (LSS art. 154)
LEY73 = 4  # the transition generation chose the Ley 73 pension (LSS 1997 transitorio Tercero)
#: Modality names by code.
MODALIDADES = ("activo", "renta_vitalicia", "pension_garantizada", "negativa", "ley73")
#: Modalities that pay a pension.
CON_PENSION = (RENTA_VITALICIA, PENSION_GARANTIZADA, LEY73)

#: Per-person outcome columns (one row per person and path, when requested).
RESULTADOS_PERSONA = (
    "anio_retiro",
    "edad_retiro",
    "regimen",  # 0 = Ley 97, 1 = Ley 73
    "modalidad",  # a code of MODALIDADES
    "pension_mensual",
    "tasa_reemplazo",
    "anios_pg_gobierno",
    "complemento_fondo",
    "anio_muerte",
)
#: Column of each outcome in the kernel's ``out`` array.
(
    O_ANIO_RETIRO,
    O_EDAD_RETIRO,
    O_REGIMEN,
    O_MODALIDAD,
    O_PENSION_MENSUAL,
    O_TASA_REEMPLAZO,
    O_ANIOS_PG_GOBIERNO,
    O_COMPLEMENTO_FONDO,
    O_ANIO_MUERTE,
) = range(len(RESULTADOS_PERSONA))
