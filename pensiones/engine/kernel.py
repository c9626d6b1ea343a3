"""The person-year kernel: one record's life, year by year, in small compiled steps.

Python validates and allocates (:mod:`pensiones.engine.driver`); the kernel takes only arrays,
the resolved rules (:class:`~pensiones.engine.resolve.Tablas`) and the named parameters
(:class:`~pensiones.engine.resolve.Parametros`).  Each person's state lives in a small array
(``estado``, fields named below), so memory is O(persons).  Amounts are added to integer ledgers
in hundredths (centavos for pesos), so totals are exact and identical for any number of threads
or chunk size; an amount or a sum that would leave the exact range is reported, never wrapped.

Every legal formula comes from its regime's module (``ley73.formula``, ``ley97.formula``,
``garantizada.formula``, ``rules.bands``): the calculators call the same functions.

A person-year runs these steps, each a function below:

1. :func:`indexar_pensiones` -- February INPC update of pensions in payment.
2. :func:`retirarse` -- at the cesantía age or later, the retirement decision (claiming
   probabilities by age, :func:`probabilidad_reclamo`, and waiting for the Fondo Bienestar
   complement, :func:`espera_complemento`) and the pension
   granted (Ley 73 against Ley 97, renta vitalicia with the family's survivors' cover
   (:func:`factor_renta`) or guaranteed pension, negativa de pensión),
   with the Fondo Bienestar complement.
3. :func:`cotizar` -- an active member's contributions, returns and fees.
4. :func:`pagar_pensiones` -- pensions in payment: Ley 73, renta vitalicia, the guaranteed-pension
   drawdown (account, then government), Fondo Bienestar complements.
5. :func:`pensiones_no_contributivas` -- PBAM and Pensión Mujeres Bienestar.
6. :func:`sobrevivir` -- the death draw at the end of the year; on a death,
   :func:`otorgar_sobrevivientes` grants the survivors' pensions the family has a right to.
7. :func:`evolucionar_carrera` -- next year's wage and contribution state.

With a user's invalidity incidence (``Procesos.incidencia_invalidez``; without one invalidity is not
modelled), :func:`invalidarse` draws, after step 2, the invalidity of an active contributing member
below the cesantía age and grants the invalidity pension (:func:`otorgar_invalidez_ley97`,
:func:`otorgar_invalidez_ley73`), which :func:`pagar_invalidez` pays after step 4.

A scenario's structural alternative (``Procesos.alternativa``; issue #24 item 4) changes these steps only for
the records first insured from its date (:func:`en_alternativa`): a public defined benefit or notional
scheme replaces their RCV contributions in :func:`cotizar` and their retirement
(:func:`retirarse_alternativa`, :func:`pension_alternativa`), and its implicit debt is a stock of the ledger
(:func:`deuda_alternativa`); a universal basic pension replaces their guaranteed pension in
:func:`retirarse` and their PBAM in :func:`pensiones_no_contributivas`.  Every other record runs the same
operations as without it.

After a death that leaves survivors, the record runs on as its survivors:
:func:`pagar_sobrevivientes` pays their pensions each year (and draws the spouse's death) until
the spouse has died and the children are past the orphans' age limit.

:func:`correr_tramo` is the one compiled entry point (cached on disk; it releases the interpreter's lock):
:func:`correr` runs it over chunks of persons interleaved across Python threads, :data:`KERNEL` for the projection
and :data:`HISTORIAS` for the synthetic careers; :data:`KERNEL_PYTHON` and :data:`HISTORIAS_PYTHON` run its
plain-Python twin, the same source run by the interpreter (tests compare them).
"""

from __future__ import annotations

import functools
import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from pensiones._jit import SIN_NUMBA, asumir, asumir_py, by_reference, jit, num_threads, python_twin, suma_int64
from pensiones._redondeo import centavos
from pensiones.engine import componentes as C
from pensiones.engine import rng
from pensiones.engine.componentes import (
    ACTIVO,
    ALTERNATIVA,
    INVALIDEZ,
    INVALIDEZ_LEY73,
    LEY73,
    NEGATIVA,
    O_ANIO_MUERTE,
    O_ANIO_RETIRO,
    O_ANIOS_PG_GOBIERNO,
    O_COMPLEMENTO_FONDO,
    O_EDAD_RETIRO,
    O_MODALIDAD,
    O_PENSION_MENSUAL,
    O_REGIMEN,
    O_TASA_REEMPLAZO,
    PENSION_GARANTIZADA,
    RENTA_VITALICIA,
)
from pensiones.calendario import DIAS_POR_SEMANA
from pensiones.engine.procesos import EDADES_CESANTIA
from pensiones.engine.rng import clave, normal_clave, uniforme, uniforme_clave
from pensiones.garantizada.formula import columna_semanas, fila_edad, monto_actualizado
from pensiones.ley73.formula import DIAS_POR_ANIO, cuantia_anual, indice_cesantia, numero_incrementos, pension_mensual
from pensiones.ley97.formula import (
    MESES_POR_ANIO,
    anualidad_beneficiarios,
    anualidad_sobrevivientes,
    aportaciones_rcv,
    complemento_fondo,
    cuantia_sobrevivientes,
    cuota_social_periodo,
    pagos_del_anio,
    parte_viudez,
    paso_cuenta_factores,
    pension_invalidez_mensual,
    renta_mensual,
    tasa_mensual,
)
from pensiones.rules.bands import indice_banda

__all__ = [
    "KERNEL", "KERNEL_PYTHON", "kernel", "correr", "correr_tramo", "CORRER_TRAMO_PYTHON", "CORRER", "CORRER_PYTHON",
    "historias", "HISTORIAS", "HISTORIAS_PYTHON", "iniciar", "agregar",
    "ley73_mensual", "pg_mensual",
    "probabilidad_reclamo", "espera_complemento", "derechos_ley73", "base_sobrevivientes_ley97", "N_ESTADO",
    "ERROR_CAMPOS", "rendimientos_nominales", "TASA_NOMINAL", "FACTOR_MEDIO", "TASA_MENSUAL",
    "invalidarse", "otorgar_invalidez_ley97", "otorgar_invalidez_ley73", "pagar_invalidez",
]

#: First and last age of the cesantía claiming probabilities (``Procesos.probabilidad_cesantia``).
_EDAD_CESANTIA0, _EDAD_CESANTIA1 = EDADES_CESANTIA[0], EDADES_CESANTIA[-1]
#: Who pays a survivors' pension in payment (``estado[SOBREVIVIENTES]``).
(SIN_SOBREVIVIENTES, SOBREVIVIENTES_LEY73, SOBREVIVIENTES_RV, SOBREVIVIENTES_PG, SOBREVIVIENTES_IMSS) = range(5)
#: Who pays the survivors' pensions of a pensioner who dies, by the pensioner's modality code (indexed by
#: ``estado[MODALIDAD]``; the base is the pension in payment, :func:`otorgar_sobrevivientes`): a Ley 73 pension
#: and a Ley 73 invalidity pension the Federal Government (LSS 1973 arts. 149-153; LSS 1997 transitorio
#: Duodécimo), a renta vitalicia the insurer (LSS art. 159 fr. VI), a guaranteed pension the balance then the
#: Federal Government (LSS arts. 172, 172 A), a Ley 97 invalidity pension the insurer from the seguro de
#: sobrevivencia bought at the award (LSS arts. 120, 127, 131).  An active member's survivors
#: (modality ``ACTIVO``) are decided by the weeks, not by this table; a negativa de
#: pensión or an alternative's pension leaves none.
SOBREVIVIENTES_POR_MODALIDAD = tuple(
    {
        LEY73: SOBREVIVIENTES_LEY73,
        RENTA_VITALICIA: SOBREVIVIENTES_RV,
        PENSION_GARANTIZADA: SOBREVIVIENTES_PG,
        INVALIDEZ_LEY73: SOBREVIVIENTES_LEY73,
        INVALIDEZ: SOBREVIVIENTES_IMSS,
    }.get(modalidad, SIN_SOBREVIVIENTES)
    for modalidad in range(len(C.MODALIDADES))
)

#: Weeks of a year of contributions.
SEMANAS_POR_ANIO = DIAS_POR_ANIO / DIAS_POR_SEMANA
#: Weeks of the Ley 73 average salary (LSS 1973 art. 167: the last 250 weeks).
SEMANAS_PROMEDIO_LEY73 = 250.0
#: Largest amount, in hundredths, one add and one ledger total may hold: 2**62 (int64 holds 2**63).
LIMITE_LEDGER = 4.611686018427388e18

# fields of a person's state array
(
    SALDO_RET,  # retiro subaccount, pesos
    SALDO_CEAV,  # cesantía y vejez subaccount (with cuota social and state contribution), pesos
    SALDO_PG,  # balance drawn down by a guaranteed pension, pesos
    COTIZANDO,  # 1.0 while contributing
    MODALIDAD,  # a modality code of pensiones.engine.componentes
    PENSION,  # monthly pension in payment, pesos of the year
    COMPLEMENTO,  # monthly Fondo Bienestar complement, pesos of the year
    SBC,  # daily SBC (latent wage when not contributing)
    ULTIMO_SBC,  # daily SBC of the last year contributed
    SEMANAS,  # weeks of contribution
    SEMANAS_PROMEDIO,  # weeks behind the lifetime average
    PROMEDIO_UMA,  # lifetime average SBC in UMA
    PROMEDIO_LEY73,  # Ley 73 average of the last 250 weeks, pesos a day
    ANIOS_PG_GOBIERNO,  # years in which the government paid part of a guaranteed pension
    PROMEDIO_500,  # average SBC of the last 500 weeks, capped, pesos a day (LSS art. 141)
    SOBREVIVIENTES,  # after a death: who pays the survivors' pensions (SOBREVIVIENTES_*), 0 for none
    BASE_SOBREVIVIENTES,  # monthly pension the survivors' shares apply to, pesos of the year
    CONYUGE_VIVO,  # 1.0 while the spouse of the record's family lives
    FALLECIDO,  # 1.0 once the record has died (its survivors' pensions may go on)
    SALDO_VIVIENDA,  # vivienda subaccount, pesos (contributions; INFONAVIT pays its own return)
    ANIO_BAJA,  # last calendar year with contributions (the baja of LSS 1973 art. 182)
    TOMA_FONDO,  # share of the Fondo Bienestar complement applied for (the expected take-up), 0-1
    CESANTIA,  # 1.0 for a pension granted before the regime's vejez age (cesantía en edad avanzada)
    CUENTA_ALTERNATIVA,  # a structural alternative's right: defined-benefit years at the average SBC, or notional pesos
) = range(24)
#: Fields of the state array.
N_ESTADO = 24
#: Codes of ``Procesos.alternativa`` (``procesos.ALTERNATIVAS``): none, public defined benefit, notional
#: defined contribution, universal basic pension.
SIN_ALTERNATIVA, BENEFICIO_DEFINIDO, CUENTAS_NOCIONALES, PENSION_BASICA_UNIVERSAL = range(4)
#: Weeks of the Ley 97 invalidity pension's average salary (LSS art. 141: the last 500 weeks).
SEMANAS_PROMEDIO_INVALIDEZ = 500.0
#: Fields of a year's returns (:func:`rendimientos_nominales`): the nominal return, its half-year factor, the
#: monthly rate.
TASA_NOMINAL, FACTOR_MEDIO, TASA_MENSUAL = range(3)
#: Fields of a chunk's error record: (flag, component, year index).
ERROR_CAMPOS = ("error", "component", "year")


@jit(nrt=False)
def agregar(ledger, error, y, componente, monto):
    """Add ``monto`` (pesos or persons, already weighted) to year ``y``'s row of the ledger, ``ledger``
    (components), in hundredths, rounded half up.

    An amount that is not finite or whose hundredths would leave 2**62, or whose addition would take
    the cell out of the int64 range (the processor's overflow flag, :func:`~pensiones._jit.suma_int64`),
    is not added: the first such event is written to ``error`` (flag, component, year).  A cell never
    wraps, so the driver's check of each total against 2**62 (``driver.comprobar_rango``) sees the true
    sums of the chunks.

    A real call at its sixty sites in the kernel, which LLVM inlines: inlined by Numba (once typed) each
    site added a pass over the whole kernel, 14 s of its 24 s compile, for the same run time.
    """
    v = monto * 100.0
    if not abs(v) < LIMITE_LEDGER:
        if error[0] == 0:
            error[0], error[1], error[2] = 1, componente, y
        return
    despues, desborde = suma_int64(ledger[componente], np.int64(math.floor(v + 0.5)))
    if desborde:
        if error[0] == 0:
            error[0], error[1], error[2] = 1, componente, y
        return
    ledger[componente] = despues



@jit(inline="always")
def ley73_mensual(promedio, semanas, edad, y, T, P):
    """Ley 73 monthly pension of a grant in year index ``y`` (LSS 1973 arts. 167-171, the 11 %, art. 168 minimum).

    The salary group in UMA (de-indexation decree DOF 27-01-2016), the average capped at the SBC cap
    (art. 28), whole increments; the asignaciones share of the grant year (``T.ley73_asignaciones``).
    """
    salario = min(promedio, T.tope_sbc_diario[y])
    g = indice_banda(salario / T.uma_diaria[y], T.ley73_grupo_inferior[y], T.ley73_grupo_superior[y])
    n = numero_incrementos(semanas - T.ley73_semanas_minimas[y], P.incrementos_medios_ley73)
    fila = indice_cesantia(edad, T.ley73_edad_vejez[y], T.ley73_factor_edad_primera[y], T.ley73_factor_edad_ultima[y])
    anual = cuantia_anual(
        salario, T.ley73_cuantia_basica[y, g], T.ley73_incremento_anual[y, g], n, T.ley73_asignaciones[y],
        T.incremento_11[y], T.ley73_factor_cesantia[y, fila], P.redondeo_diario_ley73
    )[6]
    return pension_mensual(anual, T.ley73_pension_minima[y])


@jit(inline="always")
def pg_mensual(edad, semanas, promedio_uma, y, T):
    """Guaranteed pension of a grant in year index ``y`` (LSS art. 170 and transitorio Cuarto); 0 if not eligible."""
    k = columna_semanas(semanas, T.pension_garantizada_semanas[y])
    f = fila_edad(edad, T.pension_garantizada_edad_minima[y], T.pension_garantizada_edad_ultima[y])
    if k < 0 or f < 0:
        return 0.0
    b = indice_banda(promedio_uma, T.pension_garantizada_banda_inferior[y], T.pension_garantizada_banda_superior[y])
    return monto_actualizado(T.pension_garantizada_montos[y, f, k, b], T.pension_garantizada_factor[y])


@jit(inline="always")
def en_alternativa(R, i, P, codigo):
    """True if record ``i`` is in the scope of the structural alternative ``codigo`` (``Procesos.alternativa``):
    the scenario sets it and the record was first insured from ``P.alternativa_desde`` (issue #24 item 4)."""
    return P.alternativa == codigo and R.anio_afiliacion[i] >= P.alternativa_desde


@jit(inline="always")
def pension_alternativa(estado, R, i, y, edad, T, P):
    """Monthly pension of a structural alternative at the retirement at ``edad`` in year index ``y`` (0: none).

    Public defined benefit (World Bank PROST's defined-benefit formula): ``P.alternativa_tasa_acumulacion``
    per year of contributions of the career-average SBC revalued by the average SBC (``CUENTA_ALTERNATIVA``
    holds the years of contributions weighted by the capped SBC over the year's average SBC, so the
    revalued average times the years is that sum times this year's average SBC), at least
    ``P.alternativa_minima`` monthly minimum wages, and only with ``P.alternativa_anios_minimos`` years.
    Notional defined contribution (Sweden's inkomstpension, Palmer 2000): the notional balance over the
    annuity divisor, the year's ä(12) of the pensioner's sex and age at the technical rate (the single-life
    factor: the notional pension leaves no survivors' pension).
    """
    if P.alternativa == BENEFICIO_DEFINIDO:
        if estado[SEMANAS] < P.alternativa_anios_minimos * SEMANAS_POR_ANIO:
            return 0.0
        devengada = P.alternativa_tasa_acumulacion * estado[CUENTA_ALTERNATIVA] * T.sbc_promedio[y] * P.dias_por_mes
        return centavos(max(devengada, P.alternativa_minima * T.salario_minimo_diario[y] * P.dias_por_mes))
    return renta_mensual(estado[CUENTA_ALTERNATIVA], T.factor_anualidad[y, R.sexo[i], edad], 0.0)


@jit(inline="always")
def retirarse_alternativa(estado, R, i, path, t, y, edad, T, P, ledger, error, out):
    """Retirement under a public defined benefit or notional scheme (``Procesos.alternativa``), at its age.

    Everyone in its scope retires at ``P.alternativa_edad`` (no cesantía, no draw); the pension is
    :func:`pension_alternativa`, paid by the scheme (:func:`pagar_pensiones`); a defined-benefit member
    without the years gets none (the contributions stay with the scheme), counted with the negativas.  An
    RCV balance (only of a record in scope that had one at the start: a date at or before the start year)
    is withdrawn as at a negativa de pensión (LSS art. 190), in ``retiros_negativa``.
    """
    peso = R.peso[i]
    saldo = estado[SALDO_RET] + estado[SALDO_CEAV]
    if saldo > 0.0:
        agregar(ledger, error, y, C.L_RETIROS_NEGATIVA, saldo * peso)
        estado[SALDO_RET] = 0.0
        estado[SALDO_CEAV] = 0.0
    mensual = pension_alternativa(estado, R, i, y, edad, T, P)
    ultimo_mensual = estado[ULTIMO_SBC] * P.dias_por_mes
    if mensual > 0.0:
        estado[MODALIDAD] = ALTERNATIVA
        estado[PENSION] = mensual
        agregar(ledger, error, y, C.L_NUEVAS_PENSIONES_ALTERNATIVA, peso)
        agregar(ledger, error, y, C.L_NUEVOS_PENSIONADOS, peso)
    else:
        estado[MODALIDAD] = NEGATIVA
        agregar(ledger, error, y, C.L_NUEVAS_NEGATIVAS, peso)
    estado[CUENTA_ALTERNATIVA] = 0.0
    if out.shape[0] > 0:
        out[path, i, O_ANIO_RETIRO] = t
        out[path, i, O_EDAD_RETIRO] = edad
        out[path, i, O_REGIMEN] = 0.0
        out[path, i, O_MODALIDAD] = estado[MODALIDAD]
        out[path, i, O_PENSION_MENSUAL] = estado[PENSION]
        out[path, i, O_TASA_REEMPLAZO] = estado[PENSION] / ultimo_mensual if mensual > 0.0 else 0.0
        out[path, i, O_COMPLEMENTO_FONDO] = 0.0


@jit(inline="always")
def deuda_alternativa(estado, R, i, y, edad, T, P):
    """The implicit debt of a public defined benefit or notional scheme to record ``i`` at the end of year ``y``.

    PROST's accrued-to-date liability, simplified: an active member's accrued defined-benefit pension
    (without the minimum) valued with the annuity factor ä(12) at the larger of his age and the retirement
    age, neither discounted nor weighted by survival to that age (an upper value); a notional member's
    balance (the notional scheme's debt is its balances, as in the Swedish balance sheet); a pensioner's
    pension in payment valued with ä(12) at his age.
    """
    sexo = R.sexo[i]
    ultima = T.factor_anualidad.shape[2] - 1
    if estado[MODALIDAD] == ALTERNATIVA:
        return MESES_POR_ANIO * estado[PENSION] * T.factor_anualidad[y, sexo, min(edad, ultima)]
    if estado[MODALIDAD] != ACTIVO:
        return 0.0
    if P.alternativa == CUENTAS_NOCIONALES:
        return estado[CUENTA_ALTERNATIVA]
    anual = P.alternativa_tasa_acumulacion * estado[CUENTA_ALTERNATIVA] * T.sbc_promedio[y] * DIAS_POR_ANIO
    return anual * T.factor_anualidad[y, sexo, min(max(edad, int(P.alternativa_edad)), ultima)]


@jit(inline="always")
def indexar_pensiones(estado, inflacion, y, T, P):
    """February update of pensions in payment by the INPC (LSS art. 170 last paragraph; renta vitalicia and
    Ley 73 alike).

    A guaranteed pension takes the update of the guaranteed-pension amounts
    (``T.pension_garantizada_indexacion``: the same INPC, or the minimum wage under
    ``Criterios.unidad_de_cuenta_rcv = "salario_minimo"``).  A Ley 73 pension never falls below the
    year's minimum pension (LSS 1973 art. 168 with the 11 % of the decree DOF 20-12-2001:
    ``T.ley73_pension_minima``), which follows the minimum wage: IMSS practice,
    ``Criterios.indexacion_ley73 = "inpc_y_minima"`` (``P.indexacion_minima_ley73``).
    """
    if estado[MODALIDAD] == PENSION_GARANTIZADA:
        estado[PENSION] *= T.pension_garantizada_indexacion[y]
    elif estado[MODALIDAD] == ALTERNATIVA and P.alternativa_indexacion_salarios:
        # a structural alternative's pension indexed by the growth of the average SBC (Procesos.alternativa_indexacion)
        estado[PENSION] *= T.sbc_promedio[y] / T.sbc_promedio[y - 1]
    else:
        estado[PENSION] *= inflacion
    estado[COMPLEMENTO] *= inflacion
    if P.indexacion_minima_ley73 and estado[MODALIDAD] == LEY73:
        estado[PENSION] = max(estado[PENSION], T.ley73_pension_minima[y])


@jit(inline="always")
def derechos_ley73(estado, R, i, t, y, T, P):
    """True while a transition-generation member keeps the right to a Ley 73 pension in year ``t``.

    LSS 1973 art. 182: after the baja the rights are kept for a quarter of the weeks contributed,
    never less than twelve months; the baja is the end of the last year with contributions
    (``estado[ANIO_BAJA]``), so the years since are ``t - ANIO_BAJA - 1``.  Art. 183: a return to
    contributions restores them (the year contributed holds the 26 or 52 weeks the article asks after
    three or six years away, and moves the baja).  The readings of
    ``Criterios.conservacion_derechos_ley73`` (``P.conservacion_ley73``): 0 ``"art_182"``, the period
    for everyone; 1 ``"derechos_adquiridos"``, the period, except that a member who had the cesantía
    age and weeks when contributing last keeps the right; 2 ``"sin_caducidad"``, always.
    """
    if P.conservacion_ley73 == 2 or estado[COTIZANDO] > 0.5:
        return True
    baja = estado[ANIO_BAJA]
    periodo = max(estado[SEMANAS] / (4.0 * SEMANAS_POR_ANIO), 1.0)
    if t - baja - 1.0 <= periodo:
        return True
    # the right acquired: age and weeks of cesantía reached while insured
    return (P.conservacion_ley73 == 1 and baja - R.anio_nacimiento[i] >= T.ley73_edad_cesantia[y]
            and estado[SEMANAS] >= T.ley73_semanas_minimas[y])


@jit(inline="always")
def factor_renta(edad, R, i, y, T, P):
    """ä(12) of the pensioner plus the survivors' pensions of the record's family (LSS art. 159 fr. IV and VI).

    The spouse is of the other sex, ``dif_conyuge`` years older; the children ``dif_hijos`` years
    older (negative); both lives on the year's table (the pensioner's improvement included).
    Without spouse and children, the single-life factor.
    """
    sexo = R.sexo[i]
    hijos = R.hijos[i]
    factor = T.factor_anualidad[y, sexo, edad]
    if R.conyuge[i] or hijos > 0:
        edad_conyuge = edad + R.diferencia_edad_conyuge[i] if R.conyuge[i] else -1
        factor = factor + anualidad_sobrevivientes(
            T.qx[y, sexo], edad, T.qx[y, 1 - sexo], edad_conyuge, hijos, edad + R.diferencia_edad_hijos[i],
            T.tasa_tecnica[y], T.sobrevivientes_viudez[y, 1], T.sobrevivientes_orfandad[y, 1],
            T.sobrevivientes_orfandad_doble[y, 1], P.edad_limite_orfandad,
        )
    return factor


@jit(inline="always")
def probabilidad_reclamo(edad, cotiza, P):
    """Yearly probability that an eligible member who has not retired claims the pension at ``edad``.

    At 60-64 (cesantía, LSS art. 154) ``P.probabilidad_cesantia`` by age, or
    ``P.probabilidad_cesantia_cotizando`` for a member still contributing (an age below 60, after a
    reform of the cesantía age, takes the value of 60).  From 65 (vejez, art. 162) a member out of
    work always claims and a contributor does not (he retires at ``P.edad_retiro``).
    """
    if edad > _EDAD_CESANTIA1:
        return 0.0 if cotiza else 1.0
    k = max(int(edad) - _EDAD_CESANTIA0, 0)
    return P.probabilidad_cesantia_cotizando[k] if cotiza else P.probabilidad_cesantia[k]


@jit(inline="always")
def espera_complemento(estado, edad, R, i, y, T, P):
    """True if the Ley 97 pension claimable now would get the Fondo Bienestar complement had it started at the
    Fondo's age (``T.fondo_bienestar_edad``, 65 under the decree).

    The complement is paid only to pensions that start at ``T.fondo_bienestar_edad`` or later (decree DOF
    01-05-2024), so a member at 60-64 whose pension (the larger of the renta vitalicia and the
    guaranteed pension, :func:`retirarse`) is at or below the year's threshold and below the last
    salary gains it by waiting.  The test uses this year's pension as the proxy of the pension at 65.
    """
    total = estado[SALDO_RET] + estado[SALDO_CEAV]
    rv = renta_mensual(total, factor_renta(edad, R, i, y, T, P), 0.0)
    pg = 0.0 if en_alternativa(R, i, P, PENSION_BASICA_UNIVERSAL) else pg_mensual(
        edad, estado[SEMANAS], estado[PROMEDIO_UMA], y, T)
    ultimo_mensual = estado[ULTIMO_SBC] * P.dias_por_mes
    edad_fondo = T.fondo_bienestar_edad[y]
    return complemento_fondo(
        max(rv, pg), ultimo_mensual, edad_fondo, edad_fondo, T.umbral_fondo_bienestar[y],
        T.fondo_bienestar_tope_complemento[y],
    ) > 0.0


@jit(inline="always")
def retirarse(estado, R, i, path, t, y, edad, h, T, P, ledger, error, out):
    """Retirement at the start of the year, when the person decides (behaviour) and the law allows.

    LSS arts. 154 and 162: cesantía from the cesantía age and vejez at 65 with the year's minimum
    weeks (transitorio Cuarto); a transition-generation member takes Ley 73 only while he keeps the
    rights (:func:`derechos_ley73`, LSS 1973 arts. 182-183); the balance buys a renta vitalicia with the
    seguro de sobrevivencia of
    the record's family (art. 159 fr. IV and VI: :func:`factor_renta`) or, when it
    cannot buy the guaranteed pension, a retiro programado of the guaranteed pension (art. 170);
    without the weeks at the retirement age, negativa de pensión (the balance is withdrawn).  The
    transition generation takes the larger of Ley 73 and Ley 97 (LSS 1997 transitorio Tercero); the
    Ley 73 pension hands the CEAV balance to the government and the retiro balance to the worker.
    The Fondo Bienestar complement is fixed at the grant (decree DOF 01-05-2024).

    Behaviour: when Ley 97 pays more, a transition-generation worker still keeps Ley 73 if the
    uniform draw of stream ``eleccion_regimen`` falls below ``P.preferencia_ley73`` (``Procesos.preferencia_ley73``,
    calibrated to CONSAR's share of the transition generation among new Ley 97 pensions).  The draws
    are keyed by the record, the path, the year and their streams (``eleccion_regimen``,
    ``retiro_cesantia``): ``h`` is the hash of the person-year's key (:func:`~pensiones.engine.rng.clave`).

    When: at ``P.edad_retiro`` everyone still active retires; before it an eligible member claims if
    the uniform draw of stream ``retiro_cesantia`` falls below :func:`probabilidad_reclamo`, lowered by the share
    ``P.espera_fondo`` at 60-64 when the Ley 97 pension would get the Fondo Bienestar complement
    by waiting for its age (:func:`espera_complemento`); calibrated in ``docs/retiro.md``.  A transition-generation
    member who has the age and weeks of Ley 73 but has lost the rights (:func:`derechos_ley73`) and
    decides to claim goes back to contributions for a year to restore them with the probability
    ``P.reingreso_ley73`` (stream ``reingreso_ley73``; ``Procesos.reingreso_ley73``), and otherwise
    takes what Ley 97 gives.
    """
    transicion = R.transicion[i]
    peso = R.peso[i]
    semanas = estado[SEMANAS]
    elig97 = semanas >= T.semanas_minimas[y] and edad >= T.edad_cesantia[y]
    requisitos73 = transicion and semanas >= T.ley73_semanas_minimas[y] and edad >= T.ley73_edad_cesantia[y]
    elig73 = requisitos73 and derechos_ley73(estado, R, i, t, y, T, P)
    cotiza = estado[COTIZANDO] > 0.5
    decide = edad >= P.edad_retiro
    if not decide and P.retiro_cesantia and (elig97 or requisitos73):
        # a draw is keyed by record, path, year and stream: drawn only where it decides something
        u_retiro = uniforme_clave(h, rng.S_RETIRO_CESANTIA)
        p = probabilidad_reclamo(edad, cotiza, P)
        if (u_retiro < p and P.espera_fondo > 0.0 and elig97 and not transicion and edad < T.fondo_bienestar_edad[y]
                and espera_complemento(estado, edad, R, i, y, T, P)):
            p *= 1.0 - P.espera_fondo
        decide = u_retiro < p
    if not decide:
        return
    if requisitos73 and not elig73 and P.reingreso_ley73 > 0.0:
        # LSS 1973 art. 183: the rights come back after a year of contributions (insured work or the
        # continuación voluntaria of LSS art. 218); he contributes this year and claims from the next
        if uniforme_clave(h, rng.S_REINGRESO_LEY73) < P.reingreso_ley73:
            estado[COTIZANDO] = 1.0
            return
    total = estado[SALDO_RET] + estado[SALDO_CEAV]
    m97 = 0.0
    rv = 0.0
    pg = 0.0
    if elig97:
        rv = renta_mensual(total, factor_renta(edad, R, i, y, T, P), 0.0)
        if not en_alternativa(R, i, P, PENSION_BASICA_UNIVERSAL):
            # the universal basic pension replaces the guaranteed pension of its scope (Procesos.alternativa)
            pg = pg_mensual(edad, semanas, estado[PROMEDIO_UMA], y, T)
        m97 = max(rv, pg)
    m73 = ley73_mensual(estado[PROMEDIO_LEY73], semanas, edad, y, T, P) if elig73 else 0.0
    modalidad = ACTIVO
    if elig73 and (
        m73 >= m97 or uniforme_clave(h, rng.S_ELECCION_REGIMEN) < P.preferencia_ley73
    ):
        modalidad = LEY73
        estado[PENSION] = m73
        agregar(ledger, error, y, C.L_NUEVAS_PENSIONES_LEY73, peso)
        agregar(ledger, error, y, C.L_TRANSFERENCIA_RCV_LEY73, -estado[SALDO_CEAV] * peso)
        agregar(ledger, error, y, C.L_RETIRO_LEY73_TRABAJADOR, estado[SALDO_RET] * peso)
        if edad < T.ley73_edad_vejez[y]:
            # LSS 1973 art. 143: cesantía en edad avanzada, before the vejez age of art. 138
            agregar(ledger, error, y, C.L_NUEVAS_CESANTIA_LEY73, peso)
            estado[CESANTIA] = 1.0
    elif elig97 and rv >= pg:
        modalidad = RENTA_VITALICIA
        estado[PENSION] = rv
        agregar(ledger, error, y, C.L_NUEVAS_PENSIONES_RV, peso)
        agregar(ledger, error, y, C.L_COMPRA_RENTA_VITALICIA, total * peso)
    elif elig97:
        modalidad = PENSION_GARANTIZADA
        estado[PENSION] = pg
        agregar(ledger, error, y, C.L_NUEVAS_PENSIONES_PG, peso)
        estado[SALDO_PG] = total
    elif edad >= P.edad_retiro:
        modalidad = NEGATIVA
        agregar(ledger, error, y, C.L_RETIROS_NEGATIVA, total * peso)
        agregar(ledger, error, y, C.L_NUEVAS_NEGATIVAS, peso)
    if modalidad == ACTIVO:
        return
    if (modalidad == RENTA_VITALICIA or modalidad == PENSION_GARANTIZADA) and edad < T.edad_vejez[y]:
        # LSS art. 154: cesantía en edad avanzada, before the vejez age of art. 162
        agregar(ledger, error, y, C.L_NUEVAS_CESANTIA_LEY97, peso)
        estado[CESANTIA] = 1.0
    estado[MODALIDAD] = modalidad
    estado[SALDO_RET] = 0.0
    estado[SALDO_CEAV] = 0.0
    agregar(ledger, error, y, C.L_NUEVOS_PENSIONADOS, peso)
    ultimo_mensual = estado[ULTIMO_SBC] * P.dias_por_mes
    if (modalidad == RENTA_VITALICIA or modalidad == PENSION_GARANTIZADA) and not transicion:
        estado[COMPLEMENTO] = complemento_fondo(
            estado[PENSION], ultimo_mensual, edad, T.fondo_bienestar_edad[y], T.umbral_fondo_bienestar[y],
            T.fondo_bienestar_tope_complemento[y],
        )
        # the application for the complement: the share applied for in the grant year
        estado[TOMA_FONDO] = P.solicitud_fondo
    if out.shape[0] > 0:
        out[path, i, O_ANIO_RETIRO] = t
        out[path, i, O_EDAD_RETIRO] = edad
        out[path, i, O_REGIMEN] = 1.0 if modalidad == LEY73 else 0.0
        out[path, i, O_MODALIDAD] = modalidad
        out[path, i, O_PENSION_MENSUAL] = estado[PENSION]
        out[path, i, O_TASA_REEMPLAZO] = estado[PENSION] / ultimo_mensual if modalidad != NEGATIVA else 0.0
        out[path, i, O_COMPLEMENTO_FONDO] = estado[COMPLEMENTO]


@jit(inline="always")
def cotizar(estado, R, i, path, y, tasas, T, P, K, ledger, error, sistema):
    """An active member's year: contributions if contributing (LSS art. 168 and transitorios), returns, fees.

    The SBC counts at least the minimum wage and at most the cap of 25 UMA (art. 28); employer
    CEAV by band of the capped SBC, cuota social by band of the SBC; contributions go half to the
    year's return.  The year of the first affiliation counts from the affiliation date: its weeks,
    wage bill and contributions are that share of the year.  The accounts receive the share of the
    year in which they existed (``T.fraccion_aportaciones``: half of 1997, LSS 1997 in force from
    1 July 1997), times ``P.multiplicador_aportaciones`` (1 except in the synthetic careers'
    calibrated past).  The housing contribution goes to the vivienda
    subaccount (LINFONAVIT art. 29 fr. II).  Weeks and the lifetime and Ley 73 averages are updated.

    A record of a group brought into the regime (``R.grupo_cobertura`` above 0, ``Procesos.cobertura``)
    counts in ``cotizantes_cobertura`` while contributing; when the scenario subsidises the group, the
    Federal Government pays ``P.cobertura_subsidio`` of its worker-employer RCV contributions
    (``subsidio_cobertura``), which reach the account in full as anyone's.

    Voluntary saving (LSAR art. 74), only with ``P.proporcion_ahorro_voluntario`` above 0: a record is
    a saver when the uniform draw of stream ``ahorro_voluntario`` (keyed by record and path, the same
    every year) falls below it, and a saver contributing this year adds ``P.tasa_ahorro_voluntario`` of
    the capped SBC (``aportaciones_voluntarias``) and the Federal Government's match, the year's
    ``T.pareo_ahorro_voluntario_tasa`` per peso, at most ``T.pareo_ahorro_voluntario_tope`` annual UMA
    (``pareo_ahorro_voluntario``; zero under the law), to the retiro subaccount.

    A member in the scope of a public defined benefit or notional scheme (``sistema``, ``Procesos.alternativa``)
    pays ``P.alternativa_tasa_cotizacion`` of the capped SBC to it instead of the RCV contributions (no
    cuota social or state contribution, no voluntary saving); the defined benefit records the year's
    capped SBC over the year's average SBC, the notional account is credited the contribution and,
    every year before the pension, the notional rate: the growth of the average SBC to next year
    (``T.sbc_promedio``, the wage assumption's; simplified from Sweden's income index, which follows the
    average covered wage too).
    """
    peso = R.peso[i]
    agregar(ledger, error, y, C.L_ACTIVOS, peso)
    if sistema and P.alternativa == CUENTAS_NOCIONALES:
        # the notional rate on the opening balance: the growth of the average SBC to next year (the
        # year's contribution, added at its end, earns it from the next year)
        estado[CUENTA_ALTERNATIVA] *= T.sbc_promedio[y + 1] / T.sbc_promedio[y]
    aporte_ret = 0.0
    aporte_ceav = 0.0
    if estado[COTIZANDO] > 0.5:
        s = max(estado[SBC], T.salario_minimo_diario[y])
        # the first year counts from the affiliation date (later years: the whole year)
        fraccion = min(1.0, T.start + y + 1.0 - R.anio_afiliacion[i])
        estado[ULTIMO_SBC] = s
        estado[ANIO_BAJA] = T.start + y
        cotizable = min(s, T.tope_sbc_diario[y])
        bc = indice_banda(cotizable, T.ceav_banda_inferior[y], T.ceav_banda_superior[y])
        retiro, patron, trabajador, estatal = aportaciones_rcv(
            cotizable, DIAS_POR_ANIO, T.tasa_retiro[y], T.tasa_patronal_ceav[y, bc], T.tasa_trabajador_ceav[y],
            T.tasa_aportacion_estatal[y],
        )
        bs = indice_banda(s, T.cuota_social_banda_inferior[y], T.cuota_social_banda_superior[y])
        cuota = cuota_social_periodo(T.cuota_social_anual[y, bs], DIAS_POR_ANIO)
        parte = min(fraccion, T.fraccion_aportaciones[y]) * P.multiplicador_aportaciones
        retiro, patron, trabajador = retiro * parte, patron * parte, trabajador * parte
        estatal, cuota = estatal * parte, cuota * parte
        if sistema:
            # the alternative's contribution replaces the RCV ones (Procesos.alternativa)
            aporte = cotizable * DIAS_POR_ANIO * fraccion * P.alternativa_tasa_cotizacion
            agregar(ledger, error, y, C.L_APORTACIONES_ALTERNATIVA, aporte * peso)
            if P.alternativa == BENEFICIO_DEFINIDO:
                estado[CUENTA_ALTERNATIVA] += cotizable / T.sbc_promedio[y] * fraccion
            else:
                estado[CUENTA_ALTERNATIVA] += aporte
            retiro, patron, trabajador, estatal, cuota = 0.0, 0.0, 0.0, 0.0, 0.0
        vivienda = cotizable * DIAS_POR_ANIO * T.tasa_vivienda[y] * fraccion
        estado[SALDO_VIVIENDA] += vivienda
        agregar(ledger, error, y, C.L_APORTACIONES_VIVIENDA, vivienda * peso)
        aporte_ret = retiro
        aporte_ceav = patron + trabajador + estatal + cuota
        if not sistema and P.proporcion_ahorro_voluntario > 0.0 and (
            uniforme(K.seed, K.primer_path + path, K.primera_persona + i, 0, rng.S_AHORRO_VOLUNTARIO)
            < P.proporcion_ahorro_voluntario
        ):
            voluntaria = cotizable * DIAS_POR_ANIO * parte * P.tasa_ahorro_voluntario
            # the cap in annual UMA (LDVUMA art. 5: the daily UMA x 30.4 x 12)
            tope = T.pareo_ahorro_voluntario_tope[y] * T.uma_diaria[y] * P.dias_por_mes * MESES_POR_ANIO * parte
            pareo = min(voluntaria * T.pareo_ahorro_voluntario_tasa[y], tope)
            aporte_ret += voluntaria + pareo
            agregar(ledger, error, y, C.L_APORTACIONES_VOLUNTARIAS, voluntaria * peso)
            agregar(ledger, error, y, C.L_PAREO_AHORRO_VOLUNTARIO, pareo * peso)
            agregar(ledger, error, y, C.L_AHORRADORES_VOLUNTARIOS, peso)
        agregar(ledger, error, y, C.L_APORTACIONES_OBRERO_PATRONALES, (retiro + patron + trabajador) * peso)
        g = R.grupo_cobertura[i]
        if g > 0:
            # a group brought into the regime: its contributors, and the Government's share of their
            # worker-employer contributions when the scenario subsidises them (Procesos.cobertura)
            agregar(ledger, error, y, C.L_COTIZANTES_COBERTURA, peso)
            if P.cobertura_subsidio[g] > 0.0:
                subsidio = (retiro + patron + trabajador) * P.cobertura_subsidio[g]
                agregar(ledger, error, y, C.L_SUBSIDIO_COBERTURA, subsidio * peso)
        agregar(ledger, error, y, C.L_APORTACION_ESTATAL, estatal * peso)
        agregar(ledger, error, y, C.L_CUOTA_SOCIAL, cuota * peso)
        agregar(ledger, error, y, C.L_COTIZANTES, peso)
        agregar(ledger, error, y, C.L_MASA_SALARIAL, s * DIAS_POR_ANIO * fraccion * peso)
        w = SEMANAS_POR_ANIO * fraccion
        previas = estado[SEMANAS_PROMEDIO]
        estado[PROMEDIO_UMA] = (estado[PROMEDIO_UMA] * previas + (s / T.uma_diaria[y]) * w) / (previas + w)
        estado[SEMANAS_PROMEDIO] = previas + w
        if R.transicion[i]:
            estado[PROMEDIO_LEY73] = (
                estado[PROMEDIO_LEY73] * (SEMANAS_PROMEDIO_LEY73 - w) + cotizable * w
            ) / SEMANAS_PROMEDIO_LEY73
        # LSS art. 141: the average of the last 500 weeks, as a moving average
        estado[PROMEDIO_500] = (
            estado[PROMEDIO_500] * (SEMANAS_PROMEDIO_INVALIDEZ - w) + cotizable * w
        ) / SEMANAS_PROMEDIO_INVALIDEZ
        estado[SEMANAS] += w
    fee = T.comision_afore[y]
    factor, medio = 1.0 + tasas[TASA_NOMINAL], tasas[FACTOR_MEDIO]
    bruto_r, cobro_r, final_r = paso_cuenta_factores(estado[SALDO_RET], aporte_ret, factor, medio, fee)
    bruto_c, cobro_c, final_c = paso_cuenta_factores(estado[SALDO_CEAV], aporte_ceav, factor, medio, fee)
    rendimiento = bruto_r - estado[SALDO_RET] - aporte_ret + bruto_c - estado[SALDO_CEAV] - aporte_ceav
    agregar(ledger, error, y, C.L_RENDIMIENTOS, rendimiento * peso)
    agregar(ledger, error, y, C.L_COMISIONES, (cobro_r + cobro_c) * peso)
    estado[SALDO_RET] = final_r
    estado[SALDO_CEAV] = final_c


@jit(inline="always")
def pagar_pensiones(estado, y, peso, tasa_mensual, ledger, error):
    """A year of the pension in payment and of the Fondo Bienestar complement.

    Ley 73 pensions are paid by the Federal Government (LSS 1997 transitorio Duodécimo); a renta
    vitalicia by the insurer; a guaranteed pension by retiro programado from the balance until it is
    exhausted, then by the Federal Government (LSS art. 172 as reformed); a structural alternative's
    pension by its scheme (``Procesos.alternativa``).  The complement is paid to the
    expected share of the entitled who have applied for it (``estado[TOMA_FONDO]``: an application
    each year with the probability ``Procesos.solicitud_fondo`` from the grant year on).  ``tasa_mensual`` is
    the year's monthly nominal return of the balance drawn down (:func:`rendimientos_nominales`).
    """
    modalidad = estado[MODALIDAD]
    if estado[CESANTIA] > 0.5:
        # the cesantía pensions in payment and their money (the vejez ones are the rest of each regime's)
        if modalidad == LEY73:
            agregar(ledger, error, y, C.L_PENSIONADOS_CESANTIA_LEY73, peso)
            agregar(ledger, error, y, C.L_PAGOS_CESANTIA_LEY73, MESES_POR_ANIO * estado[PENSION] * peso)
        elif modalidad == RENTA_VITALICIA or modalidad == PENSION_GARANTIZADA:
            agregar(ledger, error, y, C.L_PENSIONADOS_CESANTIA_LEY97, peso)
            agregar(ledger, error, y, C.L_PAGOS_CESANTIA_LEY97, MESES_POR_ANIO * estado[PENSION] * peso)
    if modalidad == LEY73:
        agregar(ledger, error, y, C.L_LEY73, MESES_POR_ANIO * estado[PENSION] * peso)
        agregar(ledger, error, y, C.L_PENSIONADOS_LEY73, peso)
    elif modalidad == RENTA_VITALICIA:
        agregar(ledger, error, y, C.L_PENSIONES_RENTA_VITALICIA, MESES_POR_ANIO * estado[PENSION] * peso)
        agregar(ledger, error, y, C.L_PENSIONADOS_RENTA_VITALICIA, peso)
    elif modalidad == ALTERNATIVA:
        # a structural alternative's pension, paid by the scheme (Procesos.alternativa)
        agregar(ledger, error, y, C.L_PENSIONES_ALTERNATIVA, MESES_POR_ANIO * estado[PENSION] * peso)
        agregar(ledger, error, y, C.L_PENSIONADOS_ALTERNATIVA, peso)
    elif modalidad == PENSION_GARANTIZADA:
        inicio = estado[SALDO_PG]
        saldo, cuenta, gobierno = pagos_del_anio(estado[PENSION], inicio, tasa_mensual)
        estado[SALDO_PG] = saldo
        agregar(ledger, error, y, C.L_RENDIMIENTOS, (saldo - inicio + cuenta) * peso)
        agregar(ledger, error, y, C.L_PAGOS_PG_CUENTA, cuenta * peso)
        agregar(ledger, error, y, C.L_PENSION_GARANTIZADA, gobierno * peso)
        agregar(ledger, error, y, C.L_PENSIONADOS_PG, peso)
        if gobierno > 0.0:
            agregar(ledger, error, y, C.L_PENSIONADOS_PG_GOBIERNO, peso)
            estado[ANIOS_PG_GOBIERNO] += 1.0
    if estado[COMPLEMENTO] > 0.0 and (modalidad == RENTA_VITALICIA or modalidad == PENSION_GARANTIZADA):
        # paid to the share of the entitled who have applied (the expected take-up, TOMA_FONDO)
        toma = estado[TOMA_FONDO] * peso
        agregar(ledger, error, y, C.L_FONDO_BIENESTAR, MESES_POR_ANIO * estado[COMPLEMENTO] * toma)
        agregar(ledger, error, y, C.L_BENEFICIARIOS_FONDO, toma)


@jit(inline="always")
def pensiones_no_contributivas(R, i, edad, y, T, P, ledger, error):
    """PBAM from its age (CPEUM art. 4; Reglas de Operación) and Pensión Mujeres Bienestar for women of its ages.

    In the scope of a universal basic pension (``Procesos.alternativa``), that pension instead of the
    PBAM: ``P.alternativa_pension_basica`` of the year's average SBC a month from
    ``P.alternativa_edad_pension_basica``, to everyone (no take-up below one).
    """
    peso = R.peso[i]
    if en_alternativa(R, i, P, PENSION_BASICA_UNIVERSAL):
        if edad >= T.pbam_edad[y]:
            # the PBAM it replaces, a memo line (the fiscal cost's PBAM covers the whole population)
            agregar(ledger, error, y, C.L_PBAM_SUSTITUIDA, T.pbam_anual[y] * P.cobertura_pbam * peso)
        if edad >= P.alternativa_edad_pension_basica:
            monto = P.alternativa_pension_basica * T.sbc_promedio[y] * P.dias_por_mes * MESES_POR_ANIO
            agregar(ledger, error, y, C.L_PENSION_BASICA_UNIVERSAL, monto * peso)
            agregar(ledger, error, y, C.L_BENEFICIARIOS_PENSION_BASICA, peso)
            return
        if edad >= T.pbam_edad[y]:
            return
    if edad >= T.pbam_edad[y]:
        agregar(ledger, error, y, C.L_PBAM_AFILIADOS, T.pbam_anual[y] * P.cobertura_pbam * peso)
        agregar(ledger, error, y, C.L_BENEFICIARIOS_PBAM, P.cobertura_pbam * peso)
    elif R.sexo[i] == 1 and edad >= T.mujeres_bienestar_edad_minima[y] and edad <= T.mujeres_bienestar_edad_maxima[y]:
        monto = T.mujeres_bienestar_anual[y] * P.cobertura_mujeres * peso
        agregar(ledger, error, y, C.L_MUJERES_BIENESTAR_AFILIADAS, monto)
        agregar(ledger, error, y, C.L_BENEFICIARIAS_MUJERES, P.cobertura_mujeres * peso)


@jit(inline="always")
def base_sobrevivientes_ley97(promedio_500, y, T, P):
    """The Ley 97 invalidity pension an insured member would have had, monthly (LSS art. 141): the base
    of the survivors' pensions on the member's death (art. 131).

    ``T.cuantia_invalidez`` (35 %) of the last-500-weeks average, capped at the SBC cap (art. 28), at least
    the smallest guaranteed pension of the year (first age row, first weeks column, lowest band of
    the Art. 170 table; docs/decisions.md).
    """
    minima = monto_actualizado(T.pension_garantizada_montos[y, 0, 0, 0], T.pension_garantizada_factor[y])
    salario = min(promedio_500, T.tope_sbc_diario[y])
    return pension_invalidez_mensual(salario, T.cuantia_invalidez[y], P.dias_por_mes, minima)


@jit(inline="always")
def otorgar_sobrevivientes(estado, R, i, y, edad, T, P, ledger, error):
    """On a death at the end of year ``y``: the survivors' pensions the record's family has a right to.

    Paid from the next year to the spouse alive then (``estado[CONYUGE_VIVO]``) and to the children
    under the orphans' age limit, as shares of a base pension (:func:`pagar_sobrevivientes`):

    - a Ley 73 pensioner: the pension in payment, paid by the Federal Government (LSS 1973 arts.
      149-153; LSS 1997 transitorio Duodécimo);
    - a renta vitalicia pensioner: the pension in payment, paid by the insurer from the seguro de
      sobrevivencia bought with the balance (LSS art. 159 fr. VI);
    - a guaranteed-pension pensioner: the guaranteed pension, drawn from the remaining balance and
      then paid by the Federal Government (LSS art. 172 and 172 A);
    - an invalidity pensioner (only with a user's incidence table): the invalidity pension in
      payment, a Ley 73 one paid by the Federal Government (LSS 1973 arts. 149, 153), a Ley 97 one by
      the insurer from the seguro de sobrevivencia bought at the award (LSS arts. 120, 127, 131);
    - an insured member contributing at the death with the weeks (150: LSS 1973 art. 150, LSS art.
      128): a transition-generation member's survivors take Ley 73 (transitorio Tercero), the
      invalidity pension the member would have had (LSS 1973 art. 153: arts. 167 and 169 with the
      vejez factor) paid by the Federal Government, the CEAV balance going to the government and the
      retiro balance to the family, as at a Ley 73 retirement; a Ley 97 member's survivors get the
      shares of the invalidity pension of art. 141 (:func:`base_sobrevivientes_ley97`), an annuity
      the IMSS buys with the balance plus the suma asegurada (art. 159 fr. VI-VII).
    """
    sexo, transicion, peso = R.sexo[i], R.transicion[i], R.peso[i]
    dif_conyuge, dif_hijos = R.diferencia_edad_conyuge[i], R.diferencia_edad_hijos[i]
    siguiente = edad + 1
    n = R.hijos[i] if siguiente + dif_hijos < P.edad_limite_orfandad else 0
    if estado[CONYUGE_VIVO] < 0.5 and n == 0:
        return
    modalidad = estado[MODALIDAD]
    # a pensioner's survivors: shares of the pension in payment, the payer by modality
    tipo = SOBREVIVIENTES_POR_MODALIDAD[int(modalidad)]
    if tipo != SIN_SOBREVIVIENTES:
        estado[BASE_SOBREVIVIENTES] = estado[PENSION]
    elif modalidad == ACTIVO and estado[COTIZANDO] > 0.5:
        r = 0 if transicion else 1
        if estado[SEMANAS] >= T.sobrevivientes_semanas_minimas[y, r]:
            if transicion:
                tipo = SOBREVIVIENTES_LEY73
                estado[BASE_SOBREVIVIENTES] = ley73_mensual(
                    estado[PROMEDIO_LEY73], estado[SEMANAS], T.ley73_edad_vejez[y], y, T, P
                )
                agregar(ledger, error, y, C.L_TRANSFERENCIA_RCV_LEY73, -estado[SALDO_CEAV] * peso)
                agregar(ledger, error, y, C.L_RETIRO_LEY73_TRABAJADOR, estado[SALDO_RET] * peso)
                estado[SALDO_RET] = 0.0
                estado[SALDO_CEAV] = 0.0
            else:
                tipo = SOBREVIVIENTES_IMSS
                base = base_sobrevivientes_ley97(estado[PROMEDIO_500], y, T, P)
                estado[BASE_SOBREVIVIENTES] = base
                edad_conyuge = max(siguiente + dif_conyuge, 0) if estado[CONYUGE_VIVO] > 0.5 else -1
                if edad_conyuge > T.qx.shape[2] - 1:
                    edad_conyuge = -1
                valor = anualidad_beneficiarios(
                    T.qx[y, 1 - sexo], edad_conyuge, n, siguiente + dif_hijos, T.tasa_tecnica[y],
                    T.sobrevivientes_viudez[y, 1], T.sobrevivientes_orfandad[y, 1],
                    T.sobrevivientes_orfandad_doble[y, 1], P.edad_limite_orfandad,
                )
                monto = centavos(MESES_POR_ANIO * base * valor)
                saldo = estado[SALDO_RET] + estado[SALDO_CEAV]
                aplicado = min(saldo, monto)
                agregar(ledger, error, y, C.L_SALDO_RENTAS_IMSS, aplicado * peso)
                agregar(ledger, error, y, C.L_SUMA_ASEGURADA_IMSS, (monto - aplicado) * peso)
                # art. 159 fr. VII: a balance above the monto constitutivo may be withdrawn
                estado[SALDO_RET] = saldo - aplicado
                estado[SALDO_CEAV] = 0.0
    if tipo == SIN_SOBREVIVIENTES:
        return
    estado[SOBREVIVIENTES] = tipo
    agregar(ledger, error, y, C.L_NUEVAS_PENSIONES_SOBREVIVIENTES, peso)


@jit(inline="always")
def invalidarse(estado, R, i, y, edad, h, T, P, ledger, error):
    """The invalidity draw of an active contributing member below the cesantía age, and its pension.

    The uniform draw of stream ``invalidez`` (keyed by record, path and year, so a baseline and a
    reform share it; ``h`` is the hash of the person-year's key, :func:`~pensiones.engine.rng.clave`) below
    the user's incidence ``P.incidencia_invalidez[sex, age]`` declares the member invalid (LSS art. 119; LSS
    1973 art. 128) at the start of the year.  The pension needs the weeks when the invalidity is declared: a
    transition-generation member 150 (LSS 1973 art. 131) for
    the Ley 73 pension (:func:`otorgar_invalidez_ley73`); a Ley 97 member 250, or 150 if the dictamen
    finds 75 % or more of invalidity (LSS art. 122: the draw of stream ``grado_invalidez`` below
    ``P.proporcion_invalidez_grado_75``, drawn only where it decides) for the Ley 97 pension
    (:func:`otorgar_invalidez_ley97`).  Without the weeks there is no pension
    (``nuevas_negativas_invalidez``) and the record goes on as before: the withdrawal of the balance
    that art. 122 allows is not modelled.
    """
    q = P.incidencia_invalidez[R.sexo[i], edad]
    if q <= 0.0:
        return
    if uniforme_clave(h, rng.S_INVALIDEZ) >= q:
        return
    peso = R.peso[i]
    semanas = estado[SEMANAS]
    if R.transicion[i]:
        # LSS 1997 transitorio Tercero: the transition generation takes the Ley 73 invalidity pension
        if semanas < T.invalidez_semanas_minimas[y, 0]:
            agregar(ledger, error, y, C.L_NUEVAS_NEGATIVAS_INVALIDEZ, peso)
            return
        otorgar_invalidez_ley73(estado, peso, y, T, P, ledger, error)
    else:
        minimas = T.invalidez_semanas_minimas[y, 1]
        grado_75 = T.invalidez_semanas_minimas_grado_75[y]
        if (semanas < minimas and semanas >= grado_75 and P.proporcion_invalidez_grado_75 > 0.0
                and uniforme_clave(h, rng.S_GRADO_INVALIDEZ) < P.proporcion_invalidez_grado_75):
            minimas = grado_75
        if semanas < minimas:
            agregar(ledger, error, y, C.L_NUEVAS_NEGATIVAS_INVALIDEZ, peso)
            return
        otorgar_invalidez_ley97(estado, R, i, y, edad, T, P, ledger, error)
    # the pensioner leaves work and the account: the balances went to the pension (or to the worker)
    estado[SALDO_RET] = 0.0
    estado[SALDO_CEAV] = 0.0
    estado[COTIZANDO] = 0.0


@jit(inline="always")
def otorgar_invalidez_ley97(estado, R, i, y, edad, T, P, ledger, error):
    """The Ley 97 invalidity pension, definitive, granted at age ``edad`` in year index ``y`` (LSS arts. 120, 141).

    The pension is the one the survivors of a member would have had a share of
    (:func:`base_sobrevivientes_ley97`): 35 % of the last-500-weeks average, capped at the SBC cap, at
    least the smallest guaranteed pension (art. 141).  The IMSS works out the monto constitutivo of a
    renta vitalicia of that pension with the seguro de sobrevivencia of the record's family
    (12 x pension x :func:`factor_renta`, art. 120 and art. 159 fr. VI); the balance applies first
    (``saldo_rentas_invalidez``), the IMSS hands the insurer the rest, the suma asegurada
    (``suma_asegurada_invalidez_imss``, art. 159 fr. VII), and a balance above the monto constitutivo
    is withdrawn by the pensioner (``retiros_invalidez``, art. 120).
    """
    peso = R.peso[i]
    pension = base_sobrevivientes_ley97(estado[PROMEDIO_500], y, T, P)
    monto = centavos(MESES_POR_ANIO * pension * factor_renta(edad, R, i, y, T, P))
    saldo = estado[SALDO_RET] + estado[SALDO_CEAV]
    aplicado = min(saldo, monto)
    agregar(ledger, error, y, C.L_SALDO_RENTAS_INVALIDEZ, aplicado * peso)
    agregar(ledger, error, y, C.L_SUMA_ASEGURADA_INVALIDEZ_IMSS, (monto - aplicado) * peso)
    agregar(ledger, error, y, C.L_RETIROS_INVALIDEZ, (saldo - aplicado) * peso)
    agregar(ledger, error, y, C.L_NUEVAS_INVALIDEZ_LEY97, peso)
    estado[PENSION] = pension
    estado[MODALIDAD] = INVALIDEZ


@jit(inline="always")
def otorgar_invalidez_ley73(estado, peso, y, T, P, ledger, error):
    """The Ley 73 invalidity pension of a transition-generation member, granted in year index ``y``.

    LSS 1973 art. 167 (cuantía básica and increments of the last-250-weeks average), with the
    asignaciones and the 11 %, at least the minimum of art. 168, without the cesantía factor of art.
    171 (:func:`ley73_mensual` at the vejez age, as for a member's survivors); paid by the Federal
    Government (LSS 1997 transitorio Duodécimo).  The CEAV balance goes to the government and the
    retiro balance to the worker, as at a Ley 73 retirement.
    """
    estado[PENSION] = ley73_mensual(estado[PROMEDIO_LEY73], estado[SEMANAS], T.ley73_edad_vejez[y], y, T, P)
    agregar(ledger, error, y, C.L_TRANSFERENCIA_RCV_LEY73, -estado[SALDO_CEAV] * peso)
    agregar(ledger, error, y, C.L_RETIRO_LEY73_TRABAJADOR, estado[SALDO_RET] * peso)
    agregar(ledger, error, y, C.L_NUEVAS_INVALIDEZ_LEY73, peso)
    estado[MODALIDAD] = INVALIDEZ_LEY73


@jit(inline="always")
def pagar_invalidez(estado, y, peso, ledger, error):
    """A year of an invalidity pension in payment (definitive, for life: the model does not review it).

    Ley 73: the Federal Government (``invalidez_ley73``; LSS 1997 transitorio Duodécimo); Ley 97:
    the insurer the monto constitutivo bought the renta vitalicia from (``pensiones_invalidez``).
    """
    modalidad = estado[MODALIDAD]
    if modalidad == INVALIDEZ:
        agregar(ledger, error, y, C.L_PENSIONES_INVALIDEZ, MESES_POR_ANIO * estado[PENSION] * peso)
        agregar(ledger, error, y, C.L_PENSIONADOS_INVALIDEZ_LEY97, peso)
    elif modalidad == INVALIDEZ_LEY73:
        agregar(ledger, error, y, C.L_INVALIDEZ_LEY73, MESES_POR_ANIO * estado[PENSION] * peso)
        agregar(ledger, error, y, C.L_PENSIONADOS_INVALIDEZ_LEY73, peso)


@jit(inline="always")
def sobrevivir_conyuge(estado, R, i, y, edad, h, T):
    """The spouse's death draw at the end of the year (q(x) of the other sex on the year's table);
    ``edad`` is the record's age (alive or as it would be), ``h`` the hash of the person-year's key
    (:func:`~pensiones.engine.rng.clave`; stream ``supervivencia_conyuge``)."""
    ultima = T.qx.shape[2] - 1
    edad_conyuge = edad + R.diferencia_edad_conyuge[i]
    u = uniforme_clave(h, rng.S_SUPERVIVENCIA_CONYUGE)
    if edad_conyuge > ultima or u < T.qx[y, 1 - R.sexo[i], max(edad_conyuge, 0)]:
        estado[CONYUGE_VIVO] = 0.0


@jit(inline="always")
def sobrevivir(estado, R, i, path, t, y, edad, u, T, P, ledger, error, out):
    """The death at the end of the year: the uniform ``u`` (stream ``supervivencia``, drawn by the
    person-year of :func:`correr_tramo`) below q(x) of the year's table. True if alive.

    On a death, the survivors' pensions (:func:`otorgar_sobrevivientes`, when ``P.sobrevivientes``);
    every balance they do not take is withdrawn by the heirs.
    """
    if not P.mortalidad:
        return True
    if u >= T.qx[y, R.sexo[i], edad]:
        return True
    peso = R.peso[i]
    if P.sobrevivientes:
        otorgar_sobrevivientes(estado, R, i, y, edad, T, P, ledger, error)
    queda_pg = estado[SALDO_PG] if estado[SOBREVIVIENTES] == SOBREVIVIENTES_PG else 0.0
    herencia = estado[SALDO_RET] + estado[SALDO_CEAV] + estado[SALDO_PG] - queda_pg
    agregar(ledger, error, y, C.L_RETIROS_FALLECIMIENTO, herencia * peso)
    estado[SALDO_RET] = 0.0
    estado[SALDO_CEAV] = 0.0
    estado[SALDO_PG] = queda_pg
    if out.shape[0] > 0:
        out[path, i, O_ANIO_MUERTE] = t
    return False


@jit(inline="always")
def pagar_sobrevivientes(estado, R, i, y, edad, h, tasa_mensual, T, P, ledger, error):
    """A year of the survivors' pensions of a deceased record; False when nobody is left to pay.

    ``edad`` is the age the deceased would have; the spouse is ``dif_conyuge`` years older and the
    children ``dif_hijos``.  The shares of the death year's law (Ley 73: LSS 1973 arts. 153, 157,
    164; Ley 97: LSS arts. 131, 135, 144) apply to the base pension, INPC-indexed each February;
    then the spouse's death draw.  A guaranteed pension's survivors are paid from the balance while
    it lasts, then by the Federal Government (LSS art. 172), at the year's monthly nominal return
    ``tasa_mensual`` (:func:`rendimientos_nominales`).
    """
    peso = R.peso[i]
    n = R.hijos[i] if edad + R.diferencia_edad_hijos[i] < P.edad_limite_orfandad else 0
    conyuge_vivo = estado[CONYUGE_VIVO] > 0.5
    if not conyuge_vivo and n == 0:
        return False
    tipo = estado[SOBREVIVIENTES]
    r = 0 if tipo == SOBREVIVIENTES_LEY73 else 1
    mensual = cuantia_sobrevivientes(
        estado[BASE_SOBREVIVIENTES], conyuge_vivo, n, R.conyuge[i], T.sobrevivientes_viudez[y, r],
        T.sobrevivientes_orfandad[y, r],
        T.sobrevivientes_orfandad_doble[y, r],
    )
    if tipo == SOBREVIVIENTES_PG:
        inicio = estado[SALDO_PG]
        saldo, cuenta, gobierno = pagos_del_anio(mensual, inicio, tasa_mensual)
        estado[SALDO_PG] = saldo
        agregar(ledger, error, y, C.L_RENDIMIENTOS, (saldo - inicio + cuenta) * peso)
        agregar(ledger, error, y, C.L_PAGOS_PG_CUENTA, cuenta * peso)
        agregar(ledger, error, y, C.L_SOBREVIVIENTES_PG_CUENTA, cuenta * peso)
        agregar(ledger, error, y, C.L_SOBREVIVIENTES_PG, gobierno * peso)
    elif tipo == SOBREVIVIENTES_LEY73:
        agregar(ledger, error, y, C.L_SOBREVIVIENTES_LEY73, MESES_POR_ANIO * mensual * peso)
    elif tipo == SOBREVIVIENTES_RV:
        agregar(ledger, error, y, C.L_SOBREVIVIENTES_RENTA_VITALICIA, MESES_POR_ANIO * mensual * peso)
    else:
        agregar(ledger, error, y, C.L_SOBREVIVIENTES_IMSS, MESES_POR_ANIO * mensual * peso)
    agregar(ledger, error, y, C.L_PENSIONADOS_SOBREVIVIENTES, ((1.0 if conyuge_vivo else 0.0) + n) * peso)
    # memo: the year's payments split into the spouse's part and the orphans' (art. 144: in proportion)
    viudez_anual = MESES_POR_ANIO * mensual * parte_viudez(conyuge_vivo, n, T.sobrevivientes_viudez[y, r],
                                                           T.sobrevivientes_orfandad[y, r]) * peso
    agregar(ledger, error, y, C.L_PAGOS_VIUDEZ, viudez_anual)
    agregar(ledger, error, y, C.L_PAGOS_ORFANDAD, MESES_POR_ANIO * mensual * peso - viudez_anual)
    if conyuge_vivo:
        # LSS 1973 art. 152; LSS art. 130: the widow's or widower's pension
        agregar(ledger, error, y, C.L_PENSIONADOS_VIUDEZ, peso)
    if n > 0:
        # LSS 1973 art. 156; LSS art. 134: an orphan's pension per child under the age limit
        agregar(ledger, error, y, C.L_PENSIONADOS_ORFANDAD, n * peso)
    if conyuge_vivo:
        sobrevivir_conyuge(estado, R, i, y, edad, h, T)
    return True


@jit(inline="always")
def evolucionar_carrera(estado, R, i, y, edad, z, u, T, P):
    """Next year's wage (age parabola, persistent shock, real growth, inflation) and contribution state.

    The contribution state follows the Markov chain by sex, age band and salary band relative to
    next year's average SBC (``Procesos.p_entrada`` / ``p_permanencia``); a record of a group brought
    into the regime (``R.grupo_cobertura`` above 0, :mod:`pensiones.engine.cobertura`) follows its
    group's chain instead, one pair of probabilities for every cell.  The draws come from the
    person-year of :func:`correr_tramo`: ``z`` the wage shock (a normal of streams ``salario_u1`` and
    ``salario_u2``), ``u`` the uniform of the chain (stream ``cotizacion``).
    """
    siguiente = edad + 1
    delta = -P.curvatura_edad * (2.0 * (edad - P.pico_edad) + 1.0)
    sexo = R.sexo[i]
    v = P.volatilidad_salarial
    crecimiento_real = 1.0 + T.crecimiento_real_salarial[y]
    estado[SBC] = estado[SBC] * T.factor_inflacion[y] * crecimiento_real * math.exp(delta + v * z - 0.5 * v * v)
    banda_edad = 0
    for b in range(T.bandas_edad.shape[0]):
        if siguiente >= T.bandas_edad[b]:
            banda_edad = b + 1
    veces = estado[SBC] / T.sbc_promedio[y + 1]
    banda_salario = 0
    for b in range(T.bandas_salario.shape[0]):
        if veces > T.bandas_salario[b]:
            banda_salario = b + 1
    asumir(banda_edad >= 0)  # built from 0 up: the table needs no wrap-around of negative indices
    asumir(banda_salario >= 0)
    g = R.grupo_cobertura[i]
    if g > 0:
        # a group brought into the regime (Procesos.cobertura): its own chain, the same in every cell
        p = P.cobertura_p_permanencia[g] if estado[COTIZANDO] > 0.5 else P.cobertura_p_entrada[g]
    elif estado[COTIZANDO] > 0.5:
        p = T.p_permanencia[sexo, banda_edad, banda_salario]
    else:
        p = T.p_entrada[sexo, banda_edad, banda_salario]
    estado[COTIZANDO] = 1.0 if u < p else 0.0


@jit(inline="always")
def iniciar(estado, R, i, T, P):
    """A record's state at the first simulated year from its population columns (pensions in payment
    and balances in pesos of the start year).  A last year of contributions not known (0) is taken
    as the year before the start year (``COLUMNAS_HISTORIA``)."""
    saldo = R.saldo_rcv[i]
    prom73 = R.promedio_250_ley73[i]
    estado[:] = 0.0
    estado[SALDO_RET] = saldo * P.proporcion_retiro
    estado[SALDO_CEAV] = saldo - estado[SALDO_RET]
    estado[COTIZANDO] = 1.0 if R.cotizando[i] else 0.0
    estado[MODALIDAD] = ACTIVO
    estado[SBC] = R.sbc_diario[i]
    estado[ULTIMO_SBC] = R.sbc_diario[i]
    estado[SEMANAS] = R.semanas[i]
    estado[SEMANAS_PROMEDIO] = R.semanas[i]
    estado[PROMEDIO_UMA] = R.salario_promedio_uma[i]
    estado[PROMEDIO_LEY73] = prom73
    modalidad0 = R.modalidad[i]
    if modalidad0 != ACTIVO:
        # a pension already in payment at the start (amounts in pesos of the start year)
        estado[MODALIDAD] = modalidad0
        estado[PENSION] = R.pension_mensual[i]
        estado[COMPLEMENTO] = R.complemento_fondo[i]
        estado[SALDO_RET] = 0.0
        estado[SALDO_CEAV] = 0.0
        estado[SALDO_PG] = saldo if modalidad0 == PENSION_GARANTIZADA else 0.0
        # applications for the complement since the grant year, included
        estado[TOMA_FONDO] = 1.0 - (1.0 - P.solicitud_fondo) ** (T.start - R.anio_pension[i] + 1)
        # a pension granted before the vejez age is a cesantía pension
        if R.anio_pension[i] - R.anio_nacimiento[i] < T.edad_vejez[0]:
            estado[CESANTIA] = 1.0
    estado[PROMEDIO_500] = prom73 if prom73 > 0.0 else R.sbc_diario[i]
    estado[CONYUGE_VIVO] = 1.0 if R.conyuge[i] else 0.0
    estado[SALDO_VIVIENDA] = R.saldo_vivienda[i]
    ultima = R.anio_ultima_cotizacion[i]
    estado[ANIO_BAJA] = ultima if ultima > 0 else T.start - 1


@jit(inline="always")
def rendimientos_nominales(real, y, T, tasas):
    """The accounts' nominal return of year index ``y`` from the path's real return ``real`` and the year's
    inflation, written to ``tasas`` (fields ``TASA_NOMINAL``, ``FACTOR_MEDIO``, ``TASA_MENSUAL``): the
    return, the half-year factor of the contributions (:func:`~pensiones.ley97.formula.paso_cuenta`) and the
    monthly rate (the retiro programado of a guaranteed pension, LSS art. 172).

    A function of the path and the year only: :func:`correr_tramo` computes it once per chunk.
    """
    nominal = (1.0 + real) * T.factor_inflacion[y] - 1.0
    tasas[TASA_NOMINAL] = nominal
    tasas[FACTOR_MEDIO] = (1.0 + nominal) ** 0.5
    tasas[TASA_MENSUAL] = tasa_mensual(nominal)


@jit(nrt=False)
def correr_tramo(R, T, P, K, starts, ends, primero, paso, real, ledgers, errores, out, estados, estado, rendimientos):
    """Chunks ``primero``, ``primero + paso``, ... to the last, each on every path, serially: one thread's share
    of :func:`correr`.

    Chunk ``c`` runs records ``starts[c]`` to ``ends[c] - 1``, adds to its own ``ledgers[c]`` (paths,
    years, components) and reports to ``errores[c]``.  ``estado`` is the thread's scratch state
    (:data:`N_ESTADO` fields) and ``rendimientos`` (paths, years, 3) its scratch of each path's nominal
    returns (:func:`rendimientos_nominales`, computed once per call).  Each record starts from its population
    columns (:func:`iniciar`) or, when ``estados`` has a row per record, from that state, and its state at
    the end is written back there.

    **The person-year.**  The body of the loop over years is the one step that the projection, the years
    since the 2020 reform and the synthetic careers since 1 July 1997 all run: what happens to record ``i``
    on path ``path`` in year ``t`` (index ``y``), over the rules in force in year ``t`` (``T``).  A record not
    yet affiliated waits; a living record gets the February update of its pension
    (:func:`indexar_pensiones`), may retire (:func:`retirarse`), contributes (:func:`cotizar`) or is
    paid (:func:`pagar_pensiones`), receives the non-contributory pensions
    (:func:`pensiones_no_contributivas`), may die (:func:`sobrevivir`) and otherwise moves to next
    year's wage and contribution state (:func:`evolucionar_carrera`); a deceased record's survivors are
    paid (:func:`pagar_sobrevivientes`).  ``tasas`` holds the path's returns of year ``t`` and ``ledger``
    is year ``t``'s row of the chunk's ledger for the path.  The record's years end once nothing more can
    happen to it (death without survivors, the last survivor's pension ended, or the mortality table's
    last age) or at the horizon.

    This is the one compiled entry point: the steps are inlined into its loop, it is compiled once as an
    ordinary function and it releases the interpreter's lock, so :func:`correr` runs it on Python threads.
    The person-year is written here, not as a function inlined into the loop: Numba copies an inlined
    function's code block by block with all its variables, and this one, the size of the whole step, took
    7 s of the compile.  It is compiled without Numba's reference-counted runtime (``jit(nrt=False)``): it
    allocates nothing, so its many reads of the records' and the tables' arrays cost no atomic reference
    counts.  A parallel loop calling it (``parallel=True``) would link its code into the loop's function and
    optimise it again, a third of the compile time.
    """
    n_paths = real.shape[0]
    n_anios = T.uma_diaria.shape[0]
    desde_estados = estados.shape[0] > 0
    for path in range(n_paths):
        for y in range(n_anios):
            rendimientos_nominales(real[path, y], y, T, rendimientos[path, y])
    for c in range(primero, starts.shape[0], paso):
        error = errores[c]
        for i in range(starts[c], ends[c]):
            for path in range(n_paths):
                if desde_estados:
                    for f in range(N_ESTADO):
                        estado[f] = estados[i, f]
                else:
                    iniciar(estado, R, i, T, P)
                for y in range(n_anios):
                    # the person-year
                    t = T.start + y
                    tasas, ledger = rendimientos[path, y], ledgers[c, path, y]
                    asumir(i >= 0)  # loop indices: the arrays they index need no wrap-around of negative indices
                    asumir(y >= 0)
                    if t < math.floor(R.anio_afiliacion[i]):
                        continue  # not affiliated yet (a future entrant or a career not started)
                    peso = R.peso[i]
                    edad = t - R.anio_nacimiento[i]
                    # the hash of the person-year's key, once for all the year's draws (rng.clave: each draw is bit
                    # for bit the uniforme of its full key)
                    h = clave(K.seed, K.primer_path + path, K.primera_persona + i, t)
                    if estado[FALLECIDO] > 0.5:
                        # the deceased record's survivors: their pensions until the last one ends
                        estado[BASE_SOBREVIVIENTES] *= T.factor_inflacion[y - 1]
                        agregar(ledger, error, y, C.L_SALDO_INICIAL, estado[SALDO_PG] * peso)
                        sigue = pagar_sobrevivientes(estado, R, i, y, edad, h, tasas[TASA_MENSUAL], T, P, ledger, error)
                        if not sigue:
                            agregar(ledger, error, y, C.L_RETIROS_FALLECIMIENTO, estado[SALDO_PG] * peso)
                            estado[SALDO_PG] = 0.0
                        agregar(ledger, error, y, C.L_SALDO_FINAL, estado[SALDO_PG] * peso)
                        if not sigue:
                            break
                        continue
                    if edad > T.qx.shape[2] - 1:
                        break
                    # The year's draws of the death and of an active member's next career year, taken first: a
                    # draw is a function of its key alone, so taking it before the year's steps changes no number,
                    # and the hashes, logarithm and cosine then run while the steps do, off the chain of the
                    # record's state (drawn also in the one year an active member retires or dies and does not use
                    # them).
                    u_muerte = uniforme_clave(h, rng.S_SUPERVIVENCIA) if P.mortalidad else 1.0
                    z_salario = 0.0
                    u_cotizacion = 1.0
                    if estado[MODALIDAD] == ACTIVO:
                        z_salario = normal_clave(h, rng.S_SALARIO_U1, rng.S_SALARIO_U2)
                        u_cotizacion = uniforme_clave(h, rng.S_COTIZACION)
                    if y > 0 and estado[MODALIDAD] != ACTIVO:
                        indexar_pensiones(estado, T.factor_inflacion[y - 1], y, T, P)
                        # another year of applications for the Fondo Bienestar complement
                        estado[TOMA_FONDO] += (1.0 - estado[TOMA_FONDO]) * P.solicitud_fondo
                    saldo = estado[SALDO_RET] + estado[SALDO_CEAV] + estado[SALDO_PG]
                    if saldo != 0.0:  # a pensioner's balances are mostly none (adding zero changes nothing)
                        agregar(ledger, error, y, C.L_SALDO_INICIAL, saldo * peso)
                    agregar(ledger, error, y, C.L_POBLACION_VIVA, peso)
                    edad_minima = T.edad_cesantia[y]
                    if R.transicion[i]:
                        edad_minima = min(edad_minima, T.ley73_edad_cesantia[y])
                    # in the scope of a public defined benefit or notional scheme (Procesos.alternativa)
                    sistema = en_alternativa(R, i, P, BENEFICIO_DEFINIDO) or en_alternativa(R, i, P, CUENTAS_NOCIONALES)
                    if sistema:
                        if estado[MODALIDAD] == ACTIVO and edad >= P.alternativa_edad:
                            retirarse_alternativa(estado, R, i, path, t, y, edad, T, P, ledger, error, out)
                    elif estado[MODALIDAD] == ACTIVO and edad >= edad_minima:
                        retirarse(estado, R, i, path, t, y, edad, h, T, P, ledger, error, out)
                    if (P.invalidez and not sistema and estado[MODALIDAD] == ACTIVO and edad < edad_minima
                            and estado[COTIZANDO] > 0.5):
                        invalidarse(estado, R, i, y, edad, h, T, P, ledger, error)
                    if estado[MODALIDAD] == ACTIVO:
                        cotizar(estado, R, i, path, y, tasas, T, P, K, ledger, error, sistema)
                    else:
                        pagar_pensiones(estado, y, peso, tasas[TASA_MENSUAL], ledger, error)
                        pagar_invalidez(estado, y, peso, ledger, error)
                    pensiones_no_contributivas(R, i, edad, y, T, P, ledger, error)
                    if P.sobrevivientes and estado[MODALIDAD] != ACTIVO and estado[CONYUGE_VIVO] > 0.5:
                        # the spouse's life from the pension on (the family is the population's at the pension)
                        sobrevivir_conyuge(estado, R, i, y, edad, h, T)
                    vivo = sobrevivir(estado, R, i, path, t, y, edad, u_muerte, T, P, ledger, error, out)
                    saldo = estado[SALDO_RET] + estado[SALDO_CEAV] + estado[SALDO_PG]
                    if saldo != 0.0:
                        agregar(ledger, error, y, C.L_SALDO_FINAL, saldo * peso)
                    if sistema and vivo:
                        deuda = deuda_alternativa(estado, R, i, y, edad, T, P)
                        agregar(ledger, error, y, C.L_DEUDA_IMPLICITA_ALTERNATIVA, deuda * peso)
                    if not vivo:
                        estado[FALLECIDO] = 1.0
                        if estado[SOBREVIVIENTES] == SIN_SOBREVIVIENTES:
                            break
                        continue
                    if estado[MODALIDAD] == ACTIVO:
                        evolucionar_carrera(estado, R, i, y, edad, z_salario, u_cotizacion, T, P)
                if out.shape[0] > 0:
                    out[path, i, O_ANIOS_PG_GOBIERNO] = estado[ANIOS_PG_GOBIERNO]
                if desde_estados:
                    for f in range(N_ESTADO):
                        estados[i, f] = estado[f]


#: The compiled entry point's plain-Python twin (same source; the random generator's twin wraps uint64
#: products).
CORRER_TRAMO_PYTHON = python_twin(correr_tramo, {**rng.GEMELOS, asumir: asumir_py})


def correr(R, T, P, K, starts, ends, real, ledger, error, out, estados, *, tramo=correr_tramo):
    """Every record of every chunk on every path; chunk ``c`` adds to ``ledger[c]`` and reports to
    ``error[c]``.  With ``h`` threads (``num_threads()``), thread ``k`` runs chunks ``k, k + h, k + 2h, ...``
    by :func:`correr_tramo` on its own Python thread (it releases the interpreter's lock): records sorted by
    cohort cost unequal work (the older ones die or retire within the horizon), and in contiguous blocks one
    thread's block took 15 % longer than the other's; interleaved, each thread takes chunks from every part
    of the population.

    ``R`` holds the records (:class:`~pensiones.engine.registros.Registros`), ``T`` and ``P`` the
    resolved rules and parameters, ``K`` the keys of the draws
    (:class:`~pensiones.engine.registros.Claves`): record ``i`` of these arrays is record
    ``K.primera_persona + i`` of the run and path ``p`` is path ``K.primer_path + p``; ``real`` holds
    each path's real returns (paths, years).  Each record starts from its population columns
    (:func:`iniciar`) or, when ``estados`` has a row per record, from that state, and its state at
    the end is written back there (the synthetic careers, one path).

    The projection (:func:`kernel`) and the careers (:func:`historias`) both run it.  ``tramo`` is
    :func:`correr_tramo` or its twin :data:`CORRER_TRAMO_PYTHON` (run on one thread).  Every chunk has its
    own ledger and error rows, so the result does not depend on the number of threads.  The compiled entry
    point takes ``R``, ``T`` and ``P`` by reference (:func:`~pensiones._jit.by_reference`: a pointer, not
    kilobytes of arrays copied into every inlined step, which cost a third of the compile).
    """
    hilos = max(1, min(num_threads() if tramo is correr_tramo else 1, starts.shape[0]))
    tablas = (R, T, P) if tramo is not correr_tramo or SIN_NUMBA else tuple(map(by_reference, (R, T, P)))

    def bloque(k):
        estado = np.zeros(N_ESTADO)
        tasas = np.zeros((real.shape[0], T.uma_diaria.shape[0], 3))
        tramo(*tablas, K, starts, ends, k, hilos, real, ledger, error, out, estados, estado, tasas)

    if hilos == 1:
        bloque(0)
        return
    with ThreadPoolExecutor(max_workers=hilos, thread_name_prefix="pensiones-kernel") as hilo:
        for hecho in [hilo.submit(bloque, k) for k in range(hilos)]:
            hecho.result()


#: The runner, on the compiled entry point and on its plain-Python twin.
CORRER = correr
CORRER_PYTHON = functools.partial(correr, tramo=CORRER_TRAMO_PYTHON)
#: States of no record: :func:`correr` starts each record from its population columns.
_SIN_ESTADOS = np.zeros((0, N_ESTADO))


def _fijar(campos):
    """``campos`` (a named tuple of arrays and scalars) with every array a read-only C-contiguous view.

    The compiled runner is specialised on the layout and writability of its arrays: one form for
    every caller means it is compiled once, whatever built the records or the tables.
    """
    def uno(x):
        if not isinstance(x, np.ndarray):
            return x
        a = np.ascontiguousarray(x).view()
        a.flags.writeable = False
        return a

    return type(campos)(*(uno(x) for x in campos))


def kernel(R, T, P, K, starts, ends, real, ledger, error, out, *, correr=CORRER):
    """Every record of every chunk on every path (:func:`correr` from the records' columns).

    Each chunk adds to its own ``ledger[c]`` (paths, years, components) and reports to ``error[c]``,
    so the sums are the same for any number of threads.  ``correr`` is :data:`CORRER` or its twin
    :data:`CORRER_PYTHON`.
    """
    correr(_fijar(R), _fijar(T), P, K, starts, ends, real, ledger, error, out, _SIN_ESTADOS)


def historias(R, T, P, K, estados, real, ledger, error, out, *, correr=CORRER, chunks=64):
    """Run every record from the given states (one path) over the years of ``T``, in place.

    The synthetic population's careers since 1 July 1997 (:mod:`pensiones.engine.synthetic`): the
    same person-year step as the projection, over the rules in force in each past year, in
    ``chunks`` chunks of records run in parallel.  ``real`` holds the path's real returns (years),
    ``ledger`` (years, components) receives the sums and ``error`` the first chunk's error record
    that has one.
    """
    m = estados.shape[0]
    if not estados.flags.c_contiguous or estados.dtype != np.float64:
        raise ValueError("estados must be a C-contiguous float64 array (its rows are updated in place)")
    limites = np.linspace(0, m, min(chunks, max(m, 1)) + 1).astype(np.int64)
    starts, ends = limites[:-1], limites[1:]
    sumas = np.zeros((len(starts), 1) + ledger.shape, dtype=np.int64)
    errores = np.zeros((len(starts), error.shape[0]), dtype=np.int64)
    correr(_fijar(R), _fijar(T), P, K, starts, ends, np.ascontiguousarray(real, dtype=np.float64)[np.newaxis],
           sumas, errores, out, estados)
    ledger += sumas.sum(axis=(0, 1))
    malos = errores[errores[:, 0] != 0]
    if len(malos) and error[0] == 0:
        error[:] = malos[0]


#: The projection and the careers, compiled and as plain-Python twins.
KERNEL = kernel
KERNEL_PYTHON = functools.partial(kernel, correr=CORRER_PYTHON)
HISTORIAS = historias
HISTORIAS_PYTHON = functools.partial(historias, correr=CORRER_PYTHON)
