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

After a death that leaves survivors, the record runs on as its survivors:
:func:`pagar_sobrevivientes` pays their pensions each year (and draws the spouse's death) until
the spouse has died and the children are past the orphans' age limit.

:data:`KERNEL` is compiled (parallel over chunks of persons, cached on disk); :data:`KERNEL_PYTHON`
is its plain-Python twin, the same source run by the interpreter (tests compare them).
"""

from __future__ import annotations

import math

import numpy as np

from pensiones._jit import jit, prange, python_twin
from pensiones.engine import componentes as C
from pensiones.engine.componentes import (
    ACTIVO,
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
from pensiones.engine.rng import STREAM, normal, normal_py, uniforme, uniforme_py
from pensiones.garantizada.formula import columna_semanas, fila_edad, monto_actualizado
from pensiones.ley73.formula import DIAS_POR_ANIO, cuantia_anual, indice_cesantia, numero_incrementos, pension_mensual
from pensiones._redondeo import centavos
from pensiones.ley97.formula import (
    MESES_POR_ANIO,
    anualidad_beneficiarios,
    anualidad_sobrevivientes,
    cuantia_sobrevivientes,
    pension_invalidez_mensual,
    aportaciones_rcv,
    complemento_fondo,
    cuota_social_periodo,
    pagos_del_anio,
    paso_cuenta,
    renta_mensual,
)
from pensiones.rules.bands import indice_banda

__all__ = [
    "KERNEL", "KERNEL_PYTHON", "kernel", "persona", "ley73_mensual", "pg_mensual", "probabilidad_reclamo",
    "espera_complemento", "base_sobrevivientes_ley97", "N_ESTADO", "ERROR_CAMPOS",
]

# ledger components (compile-time constants)
_CS, _EST, _L73, _PG, _FONDO, _PBAM, _MUJ, _TRANSF = (
    C.INDICE[n]
    for n in ("cuota_social", "aportacion_estatal", "ley73", "pension_garantizada", "fondo_bienestar", "pbam_afiliados",
              "mujeres_bienestar_afiliadas", "transferencia_rcv_ley73")
)
_SL73, _SPG = (C.INDICE[n] for n in ("sobrevivientes_ley73", "sobrevivientes_pg"))
(_SINI, _APOR, _REND, _COM, _NEG, _FALL, _RV, _PGC, _RET73, _SFIN, _PRV, _MASA) = (
    C.INDICE[n]
    for n in ("saldo_inicial", "aportaciones_obrero_patronales", "rendimientos", "comisiones", "retiros_negativa",
              "retiros_fallecimiento", "compra_renta_vitalicia", "pagos_pg_cuenta", "retiro_ley73_trabajador",
              "saldo_final", "pensiones_renta_vitalicia", "masa_salarial")
)
_SRV, _SIMSS, _SUMA, _SALDO_IMSS = (
    C.INDICE[n] for n in ("sobrevivientes_renta_vitalicia", "sobrevivientes_imss", "suma_asegurada_imss", "saldo_rentas_imss")
)
(_VIV, _ACT, _COT, _NUEVOS, _NL73, _NRV, _NPG, _NPGG, _NNEG, _NFONDO, _NPBAM, _NMUJ, _ALTA73, _ALTARV, _ALTAPG) = (
    C.INDICE[n]
    for n in ("poblacion_viva", "activos", "cotizantes", "nuevos_pensionados", "pensionados_ley73",
              "pensionados_renta_vitalicia", "pensionados_pg", "pensionados_pg_gobierno", "nuevas_negativas",
              "beneficiarios_fondo", "beneficiarios_pbam", "beneficiarias_mujeres", "nuevas_pensiones_ley73",
              "nuevas_pensiones_rv", "nuevas_pensiones_pg")
)
_NSOB, _ALTASOB = (C.INDICE[n] for n in ("pensionados_sobrevivientes", "nuevas_pensiones_sobrevivientes"))
_S_SUP, _S_COT, _S_W1, _S_W2, _S_ELE, _S_RET, _S_CONY = (
    STREAM[k]
    for k in ("supervivencia", "cotizacion", "salario_u1", "salario_u2", "eleccion_regimen", "retiro_cesantia",
              "supervivencia_conyuge")
)
#: First and last age of the cesantía claiming probabilities (``Procesos.probabilidad_cesantia``).
_EDAD_CESANTIA0, _EDAD_CESANTIA1 = EDADES_CESANTIA[0], EDADES_CESANTIA[-1]
#: Who pays a survivors' pension in payment (``estado[SOBREVIVIENTES]``).
(SIN_SOBREVIVIENTES, SOBREVIVIENTES_LEY73, SOBREVIVIENTES_RV, SOBREVIVIENTES_PG, SOBREVIVIENTES_IMSS) = range(5)

#: Weeks of a year of contributions.
SEMANAS_POR_ANIO = DIAS_POR_ANIO / DIAS_POR_SEMANA
#: Weeks of the Ley 73 average salary (LSS 1973 art. 167: the last 250 weeks).
SEMANAS_PROMEDIO_LEY73 = 250.0
#: Largest amount, in hundredths, one ledger cell may hold: 2**62 (int64 holds 2**63).
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
) = range(18)
#: Fields of the state array.
N_ESTADO = 18
#: Weeks of the Ley 97 invalidity pension's average salary (LSS art. 141: the last 500 weeks).
SEMANAS_PROMEDIO_INVALIDEZ = 500.0
#: Fields of a chunk's error record: (flag, component, year index).
ERROR_CAMPOS = ("error", "component", "year")


@jit(inline="always")
def agregar(ledger, error, y, componente, monto):
    """Add ``monto`` (pesos or persons, already weighted) to the ledger in hundredths, rounded half up.

    An amount that is not finite or whose hundredths, or the cell's new sum, would leave the exact
    int64 range is not added: the first such event is written to ``error`` (flag, component, year).
    """
    v = monto * 100.0
    if not abs(v) < LIMITE_LEDGER:
        if error[0] == 0:
            error[0], error[1], error[2] = 1, componente, y
        return
    iv = np.int64(math.floor(v + 0.5))
    antes = ledger[y, componente]
    despues = antes + iv
    if (iv > 0 and despues < antes) or (iv < 0 and despues > antes) or abs(despues) > LIMITE_LEDGER:
        if error[0] == 0:
            error[0], error[1], error[2] = 1, componente, y
        return
    ledger[y, componente] = despues


@jit(inline="always")
def ley73_mensual(promedio, semanas, edad, y, T, P):
    """Ley 73 monthly pension of a grant in year index ``y`` (LSS 1973 arts. 167-171, the 11 %, art. 168 minimum).

    The salary group in UMA (de-indexation decree DOF 27-01-2016), the average capped at the SBC cap
    (art. 28), whole increments; the asignaciones share of the grant year (``T.l73_asig``).
    """
    salario = min(promedio, T.tope[y])
    g = indice_banda(salario / T.uma[y], T.l73_lower[y], T.l73_upper[y])
    n = numero_incrementos(semanas - T.l73_smin[y], P.incrementos_medios_ley73)
    fila = indice_cesantia(edad, T.l73_edad_vejez[y], T.l73_factor_edad0[y], T.l73_factor_edad1[y])
    anual = cuantia_anual(
        salario, T.l73_cb[y, g], T.l73_inc[y, g], n, T.l73_asig[y], T.inc11[y], T.l73_factor[y, fila], P.redondeo_diario_ley73
    )[6]
    return pension_mensual(anual, T.min73[y])


@jit(inline="always")
def pg_mensual(edad, semanas, promedio_uma, y, T):
    """Guaranteed pension of a grant in year index ``y`` (LSS art. 170 and transitorio Cuarto); 0 if not eligible."""
    k = columna_semanas(semanas, T.pg_cols[y])
    f = fila_edad(edad, T.pg_edad_min[y], T.pg_edad_ultima[y])
    if k < 0 or f < 0:
        return 0.0
    b = indice_banda(promedio_uma, T.pg_band_lower[y], T.pg_band_upper[y])
    return monto_actualizado(T.pg_tabla[y, f, k, b], T.pg_factor[y])


@jit(inline="always")
def indexar_pensiones(estado, inflacion):
    """February update of pensions in payment by the INPC (LSS art. 170 last paragraph; renta vitalicia and Ley 73 alike)."""
    estado[PENSION] *= inflacion
    estado[COMPLEMENTO] *= inflacion


@jit(inline="always")
def factor_renta(edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, y, T, P):
    """ä(12) of the pensioner plus the survivors' pensions of the record's family (LSS art. 159 fr. IV and VI).

    The spouse is of the other sex, ``dif_conyuge`` years older; the children ``dif_hijos`` years
    older (negative); both lives on the year's table (the pensioner's improvement included).
    Without spouse and children, the single-life factor.
    """
    factor = T.a12[y, sexo, edad]
    if conyuge or hijos > 0:
        edad_conyuge = edad + dif_conyuge if conyuge else -1
        factor = factor + anualidad_sobrevivientes(
            T.qx[y, sexo], edad, T.qx[y, 1 - sexo], edad_conyuge, hijos, edad + dif_hijos, T.tasa_tecnica[y],
            T.sob_viudez[y, 1], T.sob_orfandad[y, 1], T.sob_orfandad_doble[y, 1], P.edad_limite_orfandad,
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
def espera_complemento(estado, edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, y, T, P):
    """True if the Ley 97 pension claimable now would get the Fondo Bienestar complement had it started at 65.

    The complement is paid only to pensions that start at ``P.edad_fondo`` or later (decree DOF
    01-05-2024), so a member at 60-64 whose pension (the larger of the renta vitalicia and the
    guaranteed pension, :func:`retirarse`) is at or below the year's threshold and below the last
    salary gains it by waiting.  The test uses this year's pension as the proxy of the pension at 65.
    """
    total = estado[SALDO_RET] + estado[SALDO_CEAV]
    rv = renta_mensual(total, factor_renta(edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, y, T, P), 0.0)
    pg = pg_mensual(edad, estado[SEMANAS], estado[PROMEDIO_UMA], y, T)
    ultimo_mensual = estado[ULTIMO_SBC] * P.dias_por_mes
    return complemento_fondo(max(rv, pg), ultimo_mensual, P.edad_fondo, P.edad_fondo, T.umbral[y]) > 0.0


@jit(inline="always")
def retirarse(estado, i, path, y, t, edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, transicion, u_eleccion, u_retiro, peso,
              T, P, ledger, error, out):
    """Retirement at the start of the year, when the person decides (behaviour) and the law allows.

    LSS arts. 154 and 162: cesantía from the cesantía age and vejez at 65 with the year's minimum
    weeks (transitorio Cuarto); the balance buys a renta vitalicia with the seguro de sobrevivencia of
    the record's family (art. 159 fr. IV and VI: :func:`factor_renta`) or, when it
    cannot buy the guaranteed pension, a retiro programado of the guaranteed pension (art. 170);
    without the weeks at the retirement age, negativa de pensión (the balance is withdrawn).  The
    transition generation takes the larger of Ley 73 and Ley 97 (LSS 1997 transitorio Tercero); the
    Ley 73 pension hands the CEAV balance to the government and the retiro balance to the worker.
    The Fondo Bienestar complement is fixed at the grant (decree DOF 01-05-2024).

    Behaviour: when Ley 97 pays more, a transition-generation worker still keeps Ley 73 if the
    uniform draw ``u_eleccion`` falls below ``P.preferencia_ley73`` (``Procesos.preferencia_ley73``,
    calibrated to CONSAR's share of the transition generation among new Ley 97 pensions).

    When: at ``P.edad_retiro`` everyone still active retires; before it an eligible member claims if
    the uniform draw ``u_retiro`` falls below :func:`probabilidad_reclamo`, lowered by the share
    ``P.espera_fondo`` at 60-64 when the Ley 97 pension would get the Fondo Bienestar complement
    by waiting for 65 (:func:`espera_complemento`); calibrated in ``docs/retiro.md``.
    """
    semanas = estado[SEMANAS]
    elig97 = semanas >= T.smin[y] and edad >= T.edad_ces[y]
    elig73 = transicion and semanas >= T.l73_smin[y] and edad >= T.l73_edad_ces[y]
    cotiza = estado[COTIZANDO] > 0.5
    decide = edad >= P.edad_retiro
    if not decide and P.retiro_cesantia and (elig97 or elig73):
        p = probabilidad_reclamo(edad, cotiza, P)
        if (u_retiro < p and P.espera_fondo > 0.0 and elig97 and not transicion and edad < P.edad_fondo
                and espera_complemento(estado, edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, y, T, P)):
            p *= 1.0 - P.espera_fondo
        decide = u_retiro < p
    if not decide:
        return
    total = estado[SALDO_RET] + estado[SALDO_CEAV]
    m97 = 0.0
    rv = 0.0
    pg = 0.0
    if elig97:
        rv = renta_mensual(total, factor_renta(edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, y, T, P), 0.0)
        pg = pg_mensual(edad, semanas, estado[PROMEDIO_UMA], y, T)
        m97 = max(rv, pg)
    m73 = ley73_mensual(estado[PROMEDIO_LEY73], semanas, edad, y, T, P) if elig73 else 0.0
    modalidad = ACTIVO
    if elig73 and (m73 >= m97 or u_eleccion < P.preferencia_ley73):
        modalidad = LEY73
        estado[PENSION] = m73
        agregar(ledger, error, y, _ALTA73, peso)
        agregar(ledger, error, y, _TRANSF, -estado[SALDO_CEAV] * peso)
        agregar(ledger, error, y, _RET73, estado[SALDO_RET] * peso)
    elif elig97 and rv >= pg:
        modalidad = RENTA_VITALICIA
        estado[PENSION] = rv
        agregar(ledger, error, y, _ALTARV, peso)
        agregar(ledger, error, y, _RV, total * peso)
    elif elig97:
        modalidad = PENSION_GARANTIZADA
        estado[PENSION] = pg
        agregar(ledger, error, y, _ALTAPG, peso)
        estado[SALDO_PG] = total
    elif edad >= P.edad_retiro:
        modalidad = NEGATIVA
        agregar(ledger, error, y, _NEG, total * peso)
        agregar(ledger, error, y, _NNEG, peso)
    if modalidad == ACTIVO:
        return
    estado[MODALIDAD] = modalidad
    estado[SALDO_RET] = 0.0
    estado[SALDO_CEAV] = 0.0
    agregar(ledger, error, y, _NUEVOS, peso)
    ultimo_mensual = estado[ULTIMO_SBC] * P.dias_por_mes
    if (modalidad == RENTA_VITALICIA or modalidad == PENSION_GARANTIZADA) and not transicion:
        estado[COMPLEMENTO] = complemento_fondo(estado[PENSION], ultimo_mensual, edad, P.edad_fondo, T.umbral[y])
    if out.shape[0] > 0:
        out[path, i, O_ANIO_RETIRO] = t
        out[path, i, O_EDAD_RETIRO] = edad
        out[path, i, O_REGIMEN] = 1.0 if modalidad == LEY73 else 0.0
        out[path, i, O_MODALIDAD] = modalidad
        out[path, i, O_PENSION_MENSUAL] = estado[PENSION]
        out[path, i, O_TASA_REEMPLAZO] = estado[PENSION] / ultimo_mensual if modalidad != NEGATIVA else 0.0
        out[path, i, O_COMPLEMENTO_FONDO] = estado[COMPLEMENTO]


@jit(inline="always")
def cotizar(estado, y, transicion, peso, nominal, T, ledger, error):
    """An active member's year: contributions if contributing (LSS art. 168 and transitorios), returns, fees.

    The SBC counts at least the minimum wage and at most the cap of 25 UMA (art. 28); employer
    CEAV by band of the capped SBC, cuota social by band of the SBC; contributions go half to the
    year's return.  Weeks and the lifetime and Ley 73 averages are updated.
    """
    agregar(ledger, error, y, _ACT, peso)
    aporte_ret = 0.0
    aporte_ceav = 0.0
    if estado[COTIZANDO] > 0.5:
        s = max(estado[SBC], T.sm[y])
        estado[ULTIMO_SBC] = s
        cotizable = min(s, T.tope[y])
        bc = indice_banda(cotizable, T.ceav_lower[y], T.ceav_upper[y])
        retiro, patron, trabajador, estatal = aportaciones_rcv(
            cotizable, DIAS_POR_ANIO, T.t_ret[y], T.ceav_rate[y, bc], T.t_trab[y], T.t_est[y]
        )
        bs = indice_banda(s, T.cs_lower[y], T.cs_upper[y])
        cuota = cuota_social_periodo(T.cs_anual[y, bs], DIAS_POR_ANIO)
        aporte_ret = retiro
        aporte_ceav = patron + trabajador + estatal + cuota
        agregar(ledger, error, y, _APOR, (retiro + patron + trabajador) * peso)
        agregar(ledger, error, y, _EST, estatal * peso)
        agregar(ledger, error, y, _CS, cuota * peso)
        agregar(ledger, error, y, _COT, peso)
        agregar(ledger, error, y, _MASA, s * DIAS_POR_ANIO * peso)
        w = SEMANAS_POR_ANIO
        previas = estado[SEMANAS_PROMEDIO]
        estado[PROMEDIO_UMA] = (estado[PROMEDIO_UMA] * previas + (s / T.uma[y]) * w) / (previas + w)
        estado[SEMANAS_PROMEDIO] = previas + w
        if transicion:
            estado[PROMEDIO_LEY73] = (estado[PROMEDIO_LEY73] * (SEMANAS_PROMEDIO_LEY73 - w) + cotizable * w) / SEMANAS_PROMEDIO_LEY73
        # LSS art. 141: the average of the last 500 weeks, as a moving average
        estado[PROMEDIO_500] = (
            estado[PROMEDIO_500] * (SEMANAS_PROMEDIO_INVALIDEZ - w) + cotizable * w
        ) / SEMANAS_PROMEDIO_INVALIDEZ
        estado[SEMANAS] += w
    fee = T.fee[y]
    bruto_r, cobro_r, final_r = paso_cuenta(estado[SALDO_RET], aporte_ret, nominal, fee)
    bruto_c, cobro_c, final_c = paso_cuenta(estado[SALDO_CEAV], aporte_ceav, nominal, fee)
    rendimiento = bruto_r - estado[SALDO_RET] - aporte_ret + bruto_c - estado[SALDO_CEAV] - aporte_ceav
    agregar(ledger, error, y, _REND, rendimiento * peso)
    agregar(ledger, error, y, _COM, (cobro_r + cobro_c) * peso)
    estado[SALDO_RET] = final_r
    estado[SALDO_CEAV] = final_c


@jit(inline="always")
def pagar_pensiones(estado, y, transicion, peso, nominal, ledger, error):
    """A year of the pension in payment and of the Fondo Bienestar complement.

    Ley 73 pensions are paid by the Federal Government (LSS 1997 transitorio Duodécimo); a renta
    vitalicia by the insurer; a guaranteed pension by retiro programado from the balance until it is
    exhausted, then by the Federal Government (LSS art. 172 as reformed).
    """
    modalidad = estado[MODALIDAD]
    if modalidad == LEY73:
        agregar(ledger, error, y, _L73, MESES_POR_ANIO * estado[PENSION] * peso)
        agregar(ledger, error, y, _NL73, peso)
    elif modalidad == RENTA_VITALICIA:
        agregar(ledger, error, y, _PRV, MESES_POR_ANIO * estado[PENSION] * peso)
        agregar(ledger, error, y, _NRV, peso)
    elif modalidad == PENSION_GARANTIZADA:
        mensual = (1.0 + nominal) ** (1.0 / MESES_POR_ANIO) - 1.0
        inicio = estado[SALDO_PG]
        saldo, cuenta, gobierno = pagos_del_anio(estado[PENSION], inicio, mensual)
        estado[SALDO_PG] = saldo
        agregar(ledger, error, y, _REND, (saldo - inicio + cuenta) * peso)
        agregar(ledger, error, y, _PGC, cuenta * peso)
        agregar(ledger, error, y, _PG, gobierno * peso)
        agregar(ledger, error, y, _NPG, peso)
        if gobierno > 0.0:
            agregar(ledger, error, y, _NPGG, peso)
            estado[ANIOS_PG_GOBIERNO] += 1.0
    if estado[COMPLEMENTO] > 0.0 and (modalidad == RENTA_VITALICIA or modalidad == PENSION_GARANTIZADA):
        agregar(ledger, error, y, _FONDO, MESES_POR_ANIO * estado[COMPLEMENTO] * peso)
        agregar(ledger, error, y, _NFONDO, peso)


@jit(inline="always")
def pensiones_no_contributivas(edad, sexo, y, peso, T, P, ledger, error):
    """PBAM from its age (CPEUM art. 4; Reglas de Operación) and Pensión Mujeres Bienestar for women of its ages."""
    if edad >= T.pbam_edad[y]:
        agregar(ledger, error, y, _PBAM, T.pbam_anual[y] * P.cobertura_pbam * peso)
        agregar(ledger, error, y, _NPBAM, P.cobertura_pbam * peso)
    elif sexo == 1 and edad >= T.muj_min[y] and edad <= T.muj_max[y]:
        agregar(ledger, error, y, _MUJ, T.muj_anual[y] * P.cobertura_mujeres * peso)
        agregar(ledger, error, y, _NMUJ, P.cobertura_mujeres * peso)


@jit(inline="always")
def base_sobrevivientes_ley97(promedio_500, y, T, P):
    """The Ley 97 invalidity pension an insured member would have had, monthly (LSS art. 141): the base
    of the survivors' pensions on the member's death (art. 131).

    ``T.inv_cuantia`` (35 %) of the last-500-weeks average, capped at the SBC cap (art. 28), at least
    the smallest guaranteed pension of the year (first age row, first weeks column, lowest band of
    the Art. 170 table; docs/decisions.md).
    """
    minima = monto_actualizado(T.pg_tabla[y, 0, 0, 0], T.pg_factor[y])
    return pension_invalidez_mensual(min(promedio_500, T.tope[y]), T.inv_cuantia[y], P.dias_por_mes, minima)


@jit(inline="always")
def otorgar_sobrevivientes(estado, y, edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, transicion, peso, T, P, ledger,
                           error):
    """On a death at the end of year ``y``: the survivors' pensions the record's family has a right to.

    Paid from the next year to the spouse alive then (``estado[CONYUGE_VIVO]``) and to the children
    under the orphans' age limit, as shares of a base pension (:func:`pagar_sobrevivientes`):

    - a Ley 73 pensioner: the pension in payment, paid by the Federal Government (LSS 1973 arts.
      149-153; LSS 1997 transitorio Duodécimo);
    - a renta vitalicia pensioner: the pension in payment, paid by the insurer from the seguro de
      sobrevivencia bought with the balance (LSS art. 159 fr. VI);
    - a guaranteed-pension pensioner: the guaranteed pension, drawn from the remaining balance and
      then paid by the Federal Government (LSS art. 172 and 172 A);
    - an insured member contributing at the death with the weeks (150: LSS 1973 art. 150, LSS art.
      128): a transition-generation member's survivors take Ley 73 (transitorio Tercero), the
      invalidity pension the member would have had (LSS 1973 art. 153: arts. 167 and 169 with the
      vejez factor) paid by the Federal Government, the CEAV balance going to the government and the
      retiro balance to the family, as at a Ley 73 retirement; a Ley 97 member's survivors get the
      shares of the invalidity pension of art. 141 (:func:`base_sobrevivientes_ley97`), an annuity
      the IMSS buys with the balance plus the suma asegurada (art. 159 fr. VI-VII).
    """
    siguiente = edad + 1
    n = hijos if siguiente + dif_hijos < P.edad_limite_orfandad else 0
    if estado[CONYUGE_VIVO] < 0.5 and n == 0:
        return
    modalidad = estado[MODALIDAD]
    tipo = SIN_SOBREVIVIENTES
    if modalidad == LEY73:
        tipo = SOBREVIVIENTES_LEY73
        estado[BASE_SOBREVIVIENTES] = estado[PENSION]
    elif modalidad == RENTA_VITALICIA:
        tipo = SOBREVIVIENTES_RV
        estado[BASE_SOBREVIVIENTES] = estado[PENSION]
    elif modalidad == PENSION_GARANTIZADA:
        tipo = SOBREVIVIENTES_PG
        estado[BASE_SOBREVIVIENTES] = estado[PENSION]
    elif modalidad == ACTIVO and estado[COTIZANDO] > 0.5:
        r = 0 if transicion else 1
        if estado[SEMANAS] >= T.sob_smin[y, r]:
            if transicion:
                tipo = SOBREVIVIENTES_LEY73
                estado[BASE_SOBREVIVIENTES] = ley73_mensual(estado[PROMEDIO_LEY73], estado[SEMANAS], T.l73_edad_vejez[y], y, T, P)
                agregar(ledger, error, y, _TRANSF, -estado[SALDO_CEAV] * peso)
                agregar(ledger, error, y, _RET73, estado[SALDO_RET] * peso)
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
                    T.sob_viudez[y, 1], T.sob_orfandad[y, 1], T.sob_orfandad_doble[y, 1], P.edad_limite_orfandad,
                )
                monto = centavos(MESES_POR_ANIO * base * valor)
                saldo = estado[SALDO_RET] + estado[SALDO_CEAV]
                aplicado = min(saldo, monto)
                agregar(ledger, error, y, _SALDO_IMSS, aplicado * peso)
                agregar(ledger, error, y, _SUMA, (monto - aplicado) * peso)
                # art. 159 fr. VII: a balance above the monto constitutivo may be withdrawn
                estado[SALDO_RET] = saldo - aplicado
                estado[SALDO_CEAV] = 0.0
    if tipo == SIN_SOBREVIVIENTES:
        return
    estado[SOBREVIVIENTES] = tipo
    agregar(ledger, error, y, _ALTASOB, peso)


@jit(inline="always")
def sobrevivir_conyuge(estado, seed, clave_path, clave_i, t, y, edad_conyuge, sexo_conyuge, T):
    """The spouse's death draw at the end of the year (q(x) of the other sex on the year's table)."""
    ultima = T.qx.shape[2] - 1
    if edad_conyuge > ultima or uniforme(seed, clave_path, clave_i, t, _S_CONY) < T.qx[y, sexo_conyuge, max(edad_conyuge, 0)]:
        estado[CONYUGE_VIVO] = 0.0


@jit(inline="always")
def sobrevivir(estado, seed, clave_path, clave_i, path, i, t, y, edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos,
               transicion, peso, T, P, ledger, error, out):
    """The death draw at the end of the year (q(x) of the year's table). True if alive.

    On a death, the survivors' pensions (:func:`otorgar_sobrevivientes`, when ``P.sobrevivientes``);
    every balance they do not take is withdrawn by the heirs.
    """
    if not P.mortalidad:
        return True
    if uniforme(seed, clave_path, clave_i, t, _S_SUP) >= T.qx[y, sexo, edad]:
        return True
    if P.sobrevivientes:
        otorgar_sobrevivientes(estado, y, edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, transicion, peso, T, P,
                               ledger, error)
    queda_pg = estado[SALDO_PG] if estado[SOBREVIVIENTES] == SOBREVIVIENTES_PG else 0.0
    agregar(ledger, error, y, _FALL, (estado[SALDO_RET] + estado[SALDO_CEAV] + estado[SALDO_PG] - queda_pg) * peso)
    estado[SALDO_RET] = 0.0
    estado[SALDO_CEAV] = 0.0
    estado[SALDO_PG] = queda_pg
    if out.shape[0] > 0:
        out[path, i, O_ANIO_MUERTE] = t
    return False


@jit(inline="always")
def pagar_sobrevivientes(estado, seed, clave_path, clave_i, t, y, edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, peso,
                         nominal, T, P, ledger, error):
    """A year of the survivors' pensions of a deceased record; False when nobody is left to pay.

    ``edad`` is the age the deceased would have; the spouse is ``dif_conyuge`` years older and the
    children ``dif_hijos``.  The shares of the death year's law (Ley 73: LSS 1973 arts. 153, 157,
    164; Ley 97: LSS arts. 131, 135, 144) apply to the base pension, INPC-indexed each February;
    then the spouse's death draw.  A guaranteed pension's survivors are paid from the balance while
    it lasts, then by the Federal Government (LSS art. 172).
    """
    n = hijos if edad + dif_hijos < P.edad_limite_orfandad else 0
    conyuge_vivo = estado[CONYUGE_VIVO] > 0.5
    if not conyuge_vivo and n == 0:
        return False
    tipo = estado[SOBREVIVIENTES]
    r = 0 if tipo == SOBREVIVIENTES_LEY73 else 1
    mensual = cuantia_sobrevivientes(
        estado[BASE_SOBREVIVIENTES], conyuge_vivo, n, conyuge, T.sob_viudez[y, r], T.sob_orfandad[y, r],
        T.sob_orfandad_doble[y, r],
    )
    if tipo == SOBREVIVIENTES_PG:
        tasa = (1.0 + nominal) ** (1.0 / MESES_POR_ANIO) - 1.0
        inicio = estado[SALDO_PG]
        saldo, cuenta, gobierno = pagos_del_anio(mensual, inicio, tasa)
        estado[SALDO_PG] = saldo
        agregar(ledger, error, y, _REND, (saldo - inicio + cuenta) * peso)
        agregar(ledger, error, y, _PGC, cuenta * peso)
        agregar(ledger, error, y, _SPG, gobierno * peso)
    elif tipo == SOBREVIVIENTES_LEY73:
        agregar(ledger, error, y, _SL73, MESES_POR_ANIO * mensual * peso)
    elif tipo == SOBREVIVIENTES_RV:
        agregar(ledger, error, y, _SRV, MESES_POR_ANIO * mensual * peso)
    else:
        agregar(ledger, error, y, _SIMSS, MESES_POR_ANIO * mensual * peso)
    agregar(ledger, error, y, _NSOB, ((1.0 if conyuge_vivo else 0.0) + n) * peso)
    if conyuge_vivo:
        sobrevivir_conyuge(estado, seed, clave_path, clave_i, t, y, edad + dif_conyuge, 1 - sexo, T)
    return True


@jit(inline="always")
def evolucionar_carrera(estado, seed, clave_path, clave_i, t, y, edad, sexo, T, P):
    """Next year's wage (age parabola, persistent shock, real growth, inflation) and contribution state.

    The contribution state follows the Markov chain by sex, age band and salary band relative to
    next year's average SBC (``Procesos.p_entrada`` / ``p_permanencia``).
    """
    siguiente = edad + 1
    delta = -P.curvatura_edad * (2.0 * (edad - P.pico_edad) + 1.0)
    z = normal(seed, clave_path, clave_i, t, _S_W1, _S_W2)
    v = P.volatilidad_salarial
    estado[SBC] = estado[SBC] * T.infl[y] * (1.0 + P.crecimiento_real_salarial) * math.exp(delta + v * z - 0.5 * v * v)
    banda_edad = 0
    for b in range(T.bandas_edad.shape[0]):
        if siguiente >= T.bandas_edad[b]:
            banda_edad = b + 1
    veces = estado[SBC] / T.sbc_ref[y + 1]
    banda_salario = 0
    for b in range(T.bandas_salario.shape[0]):
        if veces > T.bandas_salario[b]:
            banda_salario = b + 1
    if estado[COTIZANDO] > 0.5:
        p = T.p11[sexo, banda_edad, banda_salario]
    else:
        p = T.p01[sexo, banda_edad, banda_salario]
    estado[COTIZANDO] = 1.0 if uniforme(seed, clave_path, clave_i, t, _S_COT) < p else 0.0


@jit(inline="always")
def persona(i, path, clave_i, clave_path, seed, sexo, nac, afil, semanas, sbc, saldo, prom73, prom_uma, cot0, peso,
            transicion, modalidad0, pension0, complemento0, conyuge, dif_conyuge, hijos, dif_hijos, T, P, real, ledger,
            error, out, estado):
    """One record on one path, from the first simulated year (or its entry) to death or the horizon.

    ``i`` and ``path`` index the arrays of this call; ``clave_i`` and ``clave_path`` are the record's
    and the path's numbers in the whole run, which key the random draws (so a run split into work
    units draws exactly what the whole run draws).
    """
    ny = T.uma.shape[0]
    edad_maxima = T.qx.shape[2] - 1
    estado[:] = 0.0
    estado[SALDO_RET] = saldo * P.proporcion_retiro
    estado[SALDO_CEAV] = saldo - estado[SALDO_RET]
    estado[COTIZANDO] = 1.0 if cot0 else 0.0
    estado[MODALIDAD] = ACTIVO
    estado[SBC] = sbc
    estado[ULTIMO_SBC] = sbc
    estado[SEMANAS] = semanas
    estado[SEMANAS_PROMEDIO] = semanas
    estado[PROMEDIO_UMA] = prom_uma
    estado[PROMEDIO_LEY73] = prom73
    if modalidad0 != ACTIVO:
        # a pension already in payment at the start (amounts in pesos of the start year)
        estado[MODALIDAD] = modalidad0
        estado[PENSION] = pension0
        estado[COMPLEMENTO] = complemento0
        estado[SALDO_RET] = 0.0
        estado[SALDO_CEAV] = 0.0
        estado[SALDO_PG] = saldo if modalidad0 == PENSION_GARANTIZADA else 0.0
    estado[PROMEDIO_500] = prom73 if prom73 > 0.0 else sbc
    estado[CONYUGE_VIVO] = 1.0 if conyuge else 0.0
    entrada = math.floor(afil)
    fallecido = False
    for y in range(ny):
        t = T.start + y
        if t < entrada:
            continue  # a future entrant: not in the system yet
        edad = t - nac
        if fallecido:
            # the deceased record's survivors: their pensions until the last one ends
            estado[BASE_SOBREVIVIENTES] *= T.infl[y - 1]
            agregar(ledger, error, y, _SINI, estado[SALDO_PG] * peso)
            nominal = (1.0 + real[y]) * T.infl[y] - 1.0
            sigue = pagar_sobrevivientes(estado, seed, clave_path, clave_i, t, y, edad, sexo, conyuge, dif_conyuge, hijos,
                                         dif_hijos, peso, nominal, T, P, ledger, error)
            if not sigue:
                agregar(ledger, error, y, _FALL, estado[SALDO_PG] * peso)
                estado[SALDO_PG] = 0.0
            agregar(ledger, error, y, _SFIN, estado[SALDO_PG] * peso)
            if not sigue:
                break
            continue
        if edad > edad_maxima:
            break
        if y > 0 and estado[MODALIDAD] != ACTIVO:
            indexar_pensiones(estado, T.infl[y - 1])
        agregar(ledger, error, y, _SINI, (estado[SALDO_RET] + estado[SALDO_CEAV] + estado[SALDO_PG]) * peso)
        agregar(ledger, error, y, _VIV, peso)
        nominal = (1.0 + real[y]) * T.infl[y] - 1.0
        edad_minima = min(T.edad_ces[y], T.l73_edad_ces[y]) if transicion else T.edad_ces[y]
        if estado[MODALIDAD] == ACTIVO and edad >= edad_minima:
            u_eleccion = uniforme(seed, clave_path, clave_i, t, _S_ELE) if transicion else 1.0
            u_retiro = uniforme(seed, clave_path, clave_i, t, _S_RET)
            retirarse(estado, i, path, y, t, edad, sexo, conyuge, dif_conyuge, hijos, dif_hijos, transicion, u_eleccion, u_retiro,
                      peso, T, P, ledger, error, out)
        if estado[MODALIDAD] == ACTIVO:
            cotizar(estado, y, transicion, peso, nominal, T, ledger, error)
        else:
            pagar_pensiones(estado, y, transicion, peso, nominal, ledger, error)
        pensiones_no_contributivas(edad, sexo, y, peso, T, P, ledger, error)
        if P.sobrevivientes and estado[MODALIDAD] != ACTIVO and estado[CONYUGE_VIVO] > 0.5:
            # the spouse's life from the pension on (the family is the population's at the pension)
            sobrevivir_conyuge(estado, seed, clave_path, clave_i, t, y, edad + dif_conyuge, 1 - sexo, T)
        vivo = sobrevivir(estado, seed, clave_path, clave_i, path, i, t, y, edad, sexo, conyuge, dif_conyuge, hijos,
                          dif_hijos, transicion, peso, T, P, ledger, error, out)
        agregar(ledger, error, y, _SFIN, (estado[SALDO_RET] + estado[SALDO_CEAV] + estado[SALDO_PG]) * peso)
        if not vivo:
            if estado[SOBREVIVIENTES] == SIN_SOBREVIVIENTES:
                break
            fallecido = True
            continue
        if estado[MODALIDAD] == ACTIVO:
            evolucionar_carrera(estado, seed, clave_path, clave_i, t, y, edad, sexo, T, P)
    if out.shape[0] > 0:
        out[path, i, O_ANIOS_PG_GOBIERNO] = estado[ANIOS_PG_GOBIERNO]


@jit(parallel=True)
def kernel(seed, primera_persona, primer_path, starts, ends, sexo, nac, afil, semanas, sbc, saldo, prom73, prom_uma, cot,
           peso, transicion, modalidad, pension, complemento, conyuge, dif_conyuge, hijos, dif_hijos, T, P, real, ledger,
           error, out):
    """Every record of every chunk on every path; chunk ``c`` adds to ``ledger[c]`` and reports to ``error[c]``.

    Record ``i`` of these arrays is record ``primera_persona + i`` of the run and path ``p`` is path
    ``primer_path + p``: the random draws are keyed by the run's numbers.
    """
    n_paths = real.shape[0]
    for c in prange(starts.shape[0]):
        estado = np.zeros(N_ESTADO)
        for i in range(starts[c], ends[c]):
            for path in range(n_paths):
                persona(i, path, primera_persona + i, primer_path + path, seed, sexo[i], nac[i], afil[i], semanas[i],
                        sbc[i], saldo[i], prom73[i], prom_uma[i], cot[i], peso[i], transicion[i], modalidad[i],
                        pension[i], complemento[i], conyuge[i], dif_conyuge[i], hijos[i], dif_hijos[i], T, P,
                        real[path], ledger[c, path], error[c], out, estado)


#: The compiled kernel.
KERNEL = kernel
#: Its plain-Python twin (same source; the random generator's twin wraps uint64 products).
KERNEL_PYTHON = python_twin(kernel, {uniforme: uniforme_py, normal: normal_py})
