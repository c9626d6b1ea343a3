"""Components of the ledger: fiscal costs, account flows and counts (index -> name)."""

from __future__ import annotations

#: Fiscal components simulated person by person (pesos; the CEAV transfer of Ley 73 choosers is
#: negative; ``ley73`` here is the new pensions of the simulated transition generation).  PBAM and
#: Mujeres Bienestar of the simulated account holders are kept apart (``*_afiliados``): the fiscal
#: cost of those programmes covers the whole population (``pensiones.reporting.fiscal``).
#: ``sobrevivientes_ley73``: widows' and orphans' pensions on the deaths of simulated Ley 73
#: pensioners and transition-generation members (LSS 1973 arts. 149-164; transitorio Duodécimo);
#: ``sobrevivientes_pg``: the government's part of the survivors' pensions of guaranteed-pension
#: pensioners once the balance is exhausted (LSS art. 172).  ``invalidez_ley73``: the Ley 73 invalidity
#: pensions of transition-generation members the engine declares invalid (LSS 1973 arts. 128-131, 167,
#: 169; LSS 1997 transitorio Duodécimo: the Federal Government pays them), zero unless the user supplies
#: an invalidity incidence (``Procesos.incidencia_invalidez``).  ``pareo_ahorro_voluntario``: the Federal
#: Government's matching contribution on the voluntary saving of the simulated members, paid into their
#: accounts (a reform's: zero unless table ``pareo_ahorro_voluntario`` sets a match and
#: ``Procesos.proporcion_ahorro_voluntario`` some voluntary saving).
FISCALES = (
    "cuota_social",
    "aportacion_estatal",
    "ley73",
    "pension_garantizada",
    "fondo_bienestar",
    "pbam_afiliados",
    "mujeres_bienestar_afiliadas",
    "transferencia_rcv_ley73",
    "sobrevivientes_ley73",
    "sobrevivientes_pg",
    "invalidez_ley73",
    "pareo_ahorro_voluntario",
    "pension_basica_universal",
    "subsidio_cobertura",
)
#: ``subsidio_cobertura``: the Federal Government's share of the worker-employer RCV contributions of a group
#: brought into the regime by a scenario that subsidises its coverage (``Procesos.cobertura``; issue #24 item 3),
#: paid into the accounts with the rest of the contributions; zero unless a scenario sets it.
#: ``pension_basica_universal``: the universal basic pension of the structural alternative of that name
#: (``Procesos.alternativa``; issue #24 item 4), paid from taxes to the people in its scope, who get no
#: PBAM and no guaranteed pension; zero unless a scenario sets it.
#: Account flows and stocks (pesos), for conservation checks and reporting, and the payments of the
#: insurers and of the IMSS: ``sobrevivientes_renta_vitalicia`` (the seguro de sobrevivencia of a
#: renta vitalicia pensioner), ``sobrevivientes_imss`` (pensions of the IMSS seguro de invalidez y
#: vida, Ley 97, on the death of an insured member: LSS arts. 127-128, 159 fr. VI), ``suma_asegurada_imss`` (what
#: the IMSS pays the insurer at the award beyond the balance: the monto constitutivo minus the
#: balance, art. 159 fr. VII; budget programme J002 "Rentas vitalicias Ley 1997") and
#: ``saldo_rentas_imss`` (the balance applied to those annuities); ``aportaciones_vivienda`` the
#: employer's housing contributions to the vivienda subaccount (LINFONAVIT art. 29 fr. II).
#: ``sobrevivientes_pg_cuenta`` is a memo line, the part of ``pagos_pg_cuenta`` that pays the survivors
#: of a guaranteed-pension pensioner from the balance (LSS art. 172): already in ``pagos_pg_cuenta``,
#: so it has no payer of its own (it would count twice).  ``pagos_viudez`` and ``pagos_orfandad`` are
#: memo lines too: every survivors' pension paid (whoever pays it) split into the widow's or widower's
#: part and the orphans' (LSS arts. 130-135 and 144; LSS 1973 arts. 152-157 and 164).  ``pagos_cesantia_ley73``
#: and ``pagos_cesantia_ley97``: memo lines, the payments of the cesantía pensions in payment (granted before
#: the regime's vejez age), whoever pays them; with the counts ``pensionados_cesantia_*`` they split each
#: regime's pensions in payment into cesantía and vejez.
#: The Ley 97 invalidity pension (LSS arts. 119-122, 141, 159 fr. VI-VII), only with a user's incidence
#: table: ``pensiones_invalidez`` is the renta vitalicia the insurer pays (from the monto constitutivo),
#: ``suma_asegurada_invalidez_imss`` what the IMSS hands the insurer at the award beyond the balance
#: (art. 120; J002), ``saldo_rentas_invalidez`` the balance applied to the monto constitutivo and
#: ``retiros_invalidez`` the balance above it, withdrawn by the pensioner (art. 120).
#: ``aportaciones_voluntarias``: the members' voluntary contributions to their accounts (LSAR art. 74), zero
#: unless ``Procesos.proporcion_ahorro_voluntario`` models voluntary saving; with the Government's match
#: (``pareo_ahorro_voluntario``) they join the retiro subaccount.
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
    "sobrevivientes_renta_vitalicia",
    "sobrevivientes_imss",
    "suma_asegurada_imss",
    "saldo_rentas_imss",
    "aportaciones_vivienda",
    "sobrevivientes_pg_cuenta",
    "pensiones_invalidez",
    "suma_asegurada_invalidez_imss",
    "saldo_rentas_invalidez",
    "retiros_invalidez",
    "pagos_viudez",
    "pagos_orfandad",
    "pagos_cesantia_ley73",
    "pagos_cesantia_ley97",
    "aportaciones_voluntarias",
    "aportaciones_alternativa",
    "pensiones_alternativa",
    "deuda_implicita_alternativa",
    "pbam_sustituida",
)
#: The structural alternatives (``Procesos.alternativa``; issue #24 item 4), zero unless a scenario sets one:
#: ``aportaciones_alternativa`` the contributions of the people in scope to the public defined benefit or to
#: the notional accounts (a revenue of the scheme, which replaces their RCV contributions);
#: ``pensiones_alternativa`` the pensions it pays (paid by the IMSS, which would run the scheme as it runs
#: the seguro de invalidez y vida; its deficit, contributions less pensions, is the public cost);
#: ``deuda_implicita_alternativa`` a stock at the end of the year, the scheme's implicit debt to the people
#: in scope alive (the accrued-to-date liability of the defined benefit, the notional balances, and the
#: pensions in payment valued with the year's annuity factor); ``pbam_sustituida`` a memo line, the PBAM the
#: people in the scope of a universal basic pension would have been paid (the fiscal cost's PBAM line covers
#: the whole population, so the fiscal table takes it off there: ``pensiones.reporting.tablas``).
#: Counts (people represented).  ``pensionados_*``, ``beneficiari*`` and ``activos`` are stocks
#: (people in that state during the year); ``nuevos_pensionados`` and ``nuevas_*`` are flows (awards
#: granted in the year, by type: Ley 73, renta vitalicia, guaranteed pension, negativa de pensión).
#: ``pensionados_sobrevivientes`` counts beneficiaries in payment (a widow and two orphans: 3);
#: ``nuevas_pensiones_sobrevivientes`` the deaths that open survivors' pensions (one per family).
#: ``nuevas_cesantia_ley73`` and ``nuevas_cesantia_ley97``: the own pensions of the year granted
#: before the regime's vejez age, cesantía en edad avanzada (LSS 1973 arts. 143-146: from 60, below
#: the vejez age of art. 138; LSS arts. 154 and 162 with transitorio Cuarto); the vejez awards are the
#: regime's new pensions minus these.  ``pensionados_viudez`` and ``pensionados_orfandad`` split
#: ``pensionados_sobrevivientes``: the surviving spouse (LSS 1973 arts. 152-153; LSS arts. 130-131)
#: and each child under the age limit (LSS 1973 arts. 156-157; LSS arts. 134-135).
#: ``nuevas_invalidez_ley73`` / ``_ley97`` and ``pensionados_invalidez_ley73`` / ``_ley97``: invalidity
#: pensions granted in the year and in payment (LSS 1973 arts. 128-131; LSS arts. 119-122), apart from
#: ``nuevos_pensionados`` (the retirements); ``nuevas_negativas_invalidez``: members declared invalid
#: without the weeks of the invalidity pension (no pension).  ``ahorradores_voluntarios``: the members who
#: make voluntary contributions in the year (only with ``Procesos.proporcion_ahorro_voluntario``).
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
    "pensionados_sobrevivientes",
    "nuevas_pensiones_sobrevivientes",
    "nuevas_cesantia_ley73",
    "nuevas_cesantia_ley97",
    "pensionados_viudez",
    "pensionados_orfandad",
    "nuevas_invalidez_ley73",
    "nuevas_invalidez_ley97",
    "pensionados_invalidez_ley73",
    "pensionados_invalidez_ley97",
    "nuevas_negativas_invalidez",
    "pensionados_cesantia_ley73",
    "pensionados_cesantia_ley97",
    "ahorradores_voluntarios",
    "pensionados_alternativa",
    "nuevas_pensiones_alternativa",
    "beneficiarios_pension_basica",
    "cotizantes_cobertura",
)
#: ``cotizantes_cobertura``: the contributors of the year among the groups brought into the regime by a
#: scenario (``Procesos.cobertura``), already counted in ``cotizantes``.
#: ``pensionados_alternativa`` / ``nuevas_pensiones_alternativa``: pensions of a structural alternative in
#: payment and granted in the year; ``beneficiarios_pension_basica``: the people paid the universal basic
#: pension (``Procesos.alternativa``).
COMPONENTES = FISCALES + FLUJOS + CONTEOS

#: Who pays: the Federal Government (fiscal cost), the IMSS from its own resources, the worker's
#: individual account (or the insurer its balance bought an annuity from), and the Fondo de
#: Pensiones para el Bienestar (a public trust; its complements count in the fiscal cost).
PAGADORES = ("gobierno_federal", "imss", "cuenta_individual", "fondo_bienestar")
#: Payer of every money component of the ledger that is a payment to people or a cost.
PAGADOR = {
    "cuota_social": "gobierno_federal",
    "aportacion_estatal": "gobierno_federal",
    "ley73": "gobierno_federal",
    "pension_garantizada": "gobierno_federal",
    "fondo_bienestar": "fondo_bienestar",
    "pbam_afiliados": "gobierno_federal",
    "mujeres_bienestar_afiliadas": "gobierno_federal",
    "transferencia_rcv_ley73": "gobierno_federal",
    "pensiones_renta_vitalicia": "cuenta_individual",
    "pagos_pg_cuenta": "cuenta_individual",
    "sobrevivientes_ley73": "gobierno_federal",
    "sobrevivientes_pg": "gobierno_federal",
    "sobrevivientes_renta_vitalicia": "cuenta_individual",
    # the survivors of a Ley 97 member are paid by the insurer from the monto constitutivo: the member's
    # balance plus the suma asegurada the IMSS hands over at the death (the IMSS's cost, J002)
    "sobrevivientes_imss": "cuenta_individual",
    "suma_asegurada_imss": "imss",
    # invalidity: a Ley 73 pension is the Federal Government's (transitorio Duodécimo); a Ley 97 one is a
    # renta vitalicia the insurer pays from the monto constitutivo, the balance plus the IMSS's suma
    # asegurada (LSS art. 120; J002)
    "invalidez_ley73": "gobierno_federal",
    "pensiones_invalidez": "cuenta_individual",
    "suma_asegurada_invalidez_imss": "imss",
    # a matching contribution on voluntary saving, paid into the accounts by the Federal Government
    "pareo_ahorro_voluntario": "gobierno_federal",
    # the structural alternatives (issue #24 item 4): a tax-financed basic pension is the Federal
    # Government's, like the PBAM it replaces; a public defined benefit or notional scheme financed by
    # contributions is the IMSS's, like the seguro de invalidez y vida it would sit beside
    "pension_basica_universal": "gobierno_federal",
    "pensiones_alternativa": "imss",
    # a subsidy to the contributions of a group brought into the regime (issue #24 item 3)
    "subsidio_cobertura": "gobierno_federal",
}
INDICE = {name: i for i, name in enumerate(COMPONENTES)}
N_COMPONENTES = len(COMPONENTES)

# One named constant per ledger component, generated from COMPONENTES: ``L_COTIZANTES`` is the
# column of ``"cotizantes"`` (the kernel reads them as compile-time constants).
for _i, _nombre in enumerate(COMPONENTES):
    globals()["L_" + _nombre.upper()] = _i
del _i, _nombre

#: Modality of a record (codes shared by the kernel and reporting).
ACTIVO = 0  # not retired (yet)
RENTA_VITALICIA = 1  # LSS art. 159 fr. IV: the balance buys at least the guaranteed pension
PENSION_GARANTIZADA = 2  # LSS art. 170: retiro programado of the guaranteed pension, then the government
NEGATIVA = 3  # negativa de pensión: weeks short, the balance is withdrawn (LSS art. 154)
LEY73 = 4  # the transition generation chose the Ley 73 pension (LSS 1997 transitorio Tercero)
INVALIDEZ = 5  # LSS arts. 119-122, 141: Ley 97 invalidity pension, a renta vitalicia bought by balance + suma asegurada
INVALIDEZ_LEY73 = 6  # LSS 1973 arts. 128-131, 167: a transition-generation member's invalidity pension
ALTERNATIVA = 7  # a structural alternative's pension (public defined benefit or notional account; Procesos.alternativa)
#: Modality names by code: the package's one vocabulary of modalities (the calculators'
#: ``PensionLey97.modalidad`` uses the same names, see ``garantizada.MODALIDADES_LEY97``).
MODALIDADES = (
    "activo", "renta_vitalicia", "pension_garantizada", "negativa_de_pension", "ley73", "invalidez", "invalidez_ley73",
    "alternativa",
)
#: Modalities that pay a retirement (cesantía or vejez) pension.
CON_PENSION = (RENTA_VITALICIA, PENSION_GARANTIZADA, LEY73, ALTERNATIVA)
#: Modalities of an invalidity pensioner (only with a user's incidence table, ``Procesos.incidencia_invalidez``):
#: the state of the record, never a per-person retirement outcome.
DE_INVALIDEZ = (INVALIDEZ, INVALIDEZ_LEY73)

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
