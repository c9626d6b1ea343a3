"""The arithmetic of a Ley 97 account, once, for the calculators and the kernel.

Scalar functions in the subset Numba compiles: contributions (LSS art. 168 as reformed DOF
16-12-2020), a year of the account (returns and fees, LSAR art. 37), the renta vitalicia a balance
buys (art. 159 fr. IV), a year of monthly payments from a balance (retiro programado and the
guaranteed-pension drawdown, arts. 159 fr. V and 172 as reformed), the survivors' pensions the
seguro de sobrevivencia buys with it (arts. 159 fr. VI, 131, 134-135 and 144), and the Fondo de
Pensiones para el Bienestar complement (decree DOF 01-05-2024).  Rates, amounts and thresholds come in as arguments.
"""

from __future__ import annotations

from pensiones._jit import jit
from pensiones._redondeo import centavos
from pensiones.calendario import MESES_POR_ANIO

__all__ = [
    "aportaciones_rcv",
    "cuota_social_periodo",
    "paso_cuenta",
    "paso_cuenta_factores",
    "renta_mensual",
    "anualidad_sobrevivientes",
    "proporcion_sobrevivientes",
    "cuantia_sobrevivientes",
    "anualidad_beneficiarios",
    "pension_invalidez_mensual",
    "pagos_del_anio",
    "tasa_mensual",
    "complemento_fondo",
    "MESES_POR_ANIO",
]


@jit
def aportaciones_rcv(cotizable, dias, tasa_retiro, tasa_patronal_ceav, tasa_trabajador_ceav, tasa_estatal):
    """Contributions of ``dias`` days on a daily SBC ``cotizable`` (already capped at 25 UMA, LSS art. 28).

    Returns
    -------
    tuple of float
        (retiro, employer CEAV, worker CEAV, state CEAV contribution), pesos.  Retiro and the CEAV
        shares are rates of the SBC (art. 168 frs. I-II); the state contribution (to 2022) is a
        share of the employer's CEAV (art. 168 fr. III before the reform).
    """
    retiro = cotizable * dias * tasa_retiro
    patron = cotizable * dias * tasa_patronal_ceav
    trabajador = cotizable * dias * tasa_trabajador_ceav
    estatal = patron * tasa_estatal
    return retiro, patron, trabajador, estatal


@jit
def cuota_social_periodo(suma_trimestral_diaria, dias):
    """Cuota social of ``dias`` days contributed evenly through the year (LSS art. 168 fr. IV).

    ``suma_trimestral_diaria`` is the sum of the four quarterly daily amounts of the worker's band
    (each INPC-updated for its quarter); each quarter holds a quarter of the days.
    """
    return suma_trimestral_diaria * dias / 4.0


@jit
def paso_cuenta(saldo, aportaciones, rendimiento_nominal, comision):
    """One year of an account: returns, contributions arriving evenly (half a year's return), fee.

    Returns
    -------
    tuple of float
        (balance before the fee, fee, closing balance), pesos.  The fee is charged on the average of
        the opening and the pre-fee closing balance (LSAR art. 37: a rate on the balance).
    """
    factor = 1.0 + rendimiento_nominal
    return paso_cuenta_factores(saldo, aportaciones, factor, factor ** 0.5, comision)


@jit
def paso_cuenta_factores(saldo, aportaciones, factor, factor_medio, comision):
    """:func:`paso_cuenta` from the year's return factor ``factor`` (1 + the nominal return) and its
    half-year factor ``factor_medio`` (``factor ** 0.5``), which the kernel computes once per path and year."""
    bruto = saldo * factor + aportaciones * factor_medio
    cobro = comision * (saldo + bruto) / 2.0
    return bruto, cobro, bruto - cobro


@jit
def renta_mensual(saldo, factor_anualidad, prima_sobrevivencia):
    """Monthly renta vitalicia bought by ``saldo`` after the survivors' premium, in cents (LSS art. 159 fr. IV).

    ``factor_anualidad`` is ä(12) of the pensioner (present value of 1 peso a year paid monthly).
    """
    return centavos(saldo * (1.0 - prima_sobrevivencia) / (12.0 * factor_anualidad))


@jit
def proporcion_sobrevivientes(conyuge_vivo, hijos, con_conyuge, viudez, orfandad, orfandad_doble):
    """Share of the deceased's pension the survivors get together (LSS arts. 131, 135 and 144; LSS 1973
    arts. 153, 157, 164).

    A living spouse ``viudez`` (0.90) and each of the ``hijos`` orphans ``orfandad`` (0.20); without
    a living spouse each orphan ``orfandad_doble`` (0.30) if the deceased had a spouse (the other
    parent, now dead too) and ``orfandad`` if not; together at most the whole pension (art. 144:
    each reduced in proportion).
    """
    if conyuge_vivo:
        return min(1.0, viudez + orfandad * hijos)
    return min(1.0, (orfandad_doble if con_conyuge else orfandad) * hijos)


@jit
def parte_viudez(conyuge_vivo, hijos, viudez, orfandad):
    """The widow's or widower's part of the survivors' pensions together (LSS art. 144, LSS 1973 art. 164:
    when the shares exceed the pension each is reduced in proportion, so the part is the spouse's share
    over all the shares); 0 without a living spouse."""
    if not conyuge_vivo:
        return 0.0
    return viudez / (viudez + orfandad * hijos)


@jit
def cuantia_sobrevivientes(pension_mensual, conyuge_vivo, hijos, con_conyuge, viudez, orfandad, orfandad_doble):
    """Monthly survivors' pensions together, in cents: the share of :func:`proporcion_sobrevivientes`
    of ``pension_mensual``, the pension the deceased had or would have had (LSS art. 131; LSS 1973 art. 153)."""
    return centavos(
        pension_mensual * proporcion_sobrevivientes(conyuge_vivo, hijos, con_conyuge, viudez, orfandad, orfandad_doble)
    )


@jit
def anualidad_beneficiarios(qx_conyuge, edad_conyuge, hijos, edad_hijos, tasa_tecnica, viudez, orfandad, orfandad_doble,
                            edad_limite_orfandad):
    """Present value, at the insured's death, of the survivors' pensions per peso a year of the base pension.

    The monto constitutivo the IMSS buys from an insurer on the death of an insured member (LSS
    arts. 127 and 159 fr. VI): payments at the start of each year from the death, the spouse (alive
    at the death, of age ``edad_conyuge``; negative for none) while alive, each of the ``hijos``
    children (age ``edad_hijos`` at the death) until ``edad_limite_orfandad``; shares by
    :func:`proporcion_sobrevivientes`.  Yearly sums (no Woolhouse term); children's deaths neglected,
    as in :func:`anualidad_sobrevivientes`.
    """
    ultima = qx_conyuge.shape[0] - 1
    v = 1.0 / (1.0 + tasa_tecnica)
    con_conyuge = edad_conyuge >= 0
    p_conyuge = 1.0 if con_conyuge else 0.0
    descuento = 1.0
    total = 0.0
    k = 0
    while True:
        n = hijos if edad_hijos + k < edad_limite_orfandad else 0
        if p_conyuge <= 0.0 and n == 0:
            break
        con_viuda = proporcion_sobrevivientes(True, n, con_conyuge, viudez, orfandad, orfandad_doble)
        sin_viuda = proporcion_sobrevivientes(False, n, con_conyuge, viudez, orfandad, orfandad_doble)
        total += descuento * (p_conyuge * con_viuda + (1.0 - p_conyuge) * sin_viuda)
        if con_conyuge:
            p_conyuge = p_conyuge * (1.0 - qx_conyuge[edad_conyuge + k]) if edad_conyuge + k <= ultima else 0.0
        k += 1
        descuento *= v
    return total


@jit
def pension_invalidez_mensual(promedio_diario, cuantia_basica, dias_por_mes, minima_mensual):
    """Monthly Ley 97 invalidity pension, in cents (LSS art. 141): ``cuantia_basica`` (0.35) of the average
    daily salary of the last 500 weeks, monthly (``dias_por_mes``), at least ``minima_mensual``."""
    return centavos(max(promedio_diario * cuantia_basica * dias_por_mes, minima_mensual))


@jit
def anualidad_sobrevivientes(
    qx_titular, edad, qx_conyuge, edad_conyuge, hijos, edad_hijos, tasa_tecnica, viudez, orfandad, orfandad_doble,
    edad_limite_orfandad,
):
    """Present value at the grant of the survivors' pensions, per peso a year of the pensioner's pension.

    The seguro de sobrevivencia (LSS art. 159 fr. VI) pays, from the year after the pensioner's
    death: the widow's or widower's pension, ``viudez`` (0.90) of the pensioner's while the spouse
    lives (art. 131); each child's orphan's pension, ``orfandad`` (0.20) while the other parent
    lives and ``orfandad_doble`` (0.30) after (art. 135), until the child reaches
    ``edad_limite_orfandad`` (16, or 25 while studying: art. 134); the survivors' pensions together
    at most the pensioner's (art. 144, each reduced in proportion).

    Parameters
    ----------
    qx_titular, qx_conyuge : 1-D arrays
        q(x) of the pensioner and of the spouse, ages 0..110, q(110) = 1.
    edad : int
        Pensioner's age at the grant (completed years).
    edad_conyuge : int
        Spouse's age at the grant; negative for no spouse (the tables close with q(110) = 1: a
        spouse of 110 dies within the year).
    hijos : int
        Children with a right to an orphan's pension (0 for none), all of age ``edad_hijos`` at the
        grant; the other parent of the children is the spouse, if any.
    tasa_tecnica : float
        Real technical rate.
    viudez, orfandad, orfandad_doble : float
        Shares of the pensioner's pension (0.90, 0.20, 0.30).
    edad_limite_orfandad : int
        Age at which an orphan's pension ends.

    Returns
    -------
    float
        sum over k >= 1 of v^k (1 - kp_x) E[min(1, viudez 1{spouse alive} + share x children under the
        limit)], with the spouse's, the pensioner's and the children's lives independent and the
        children's deaths before the limit neglected.  Without children it is the reversionary
        annuity ``viudez x (ä_y - ä_xy)``; monthly payments change it only by the Woolhouse terms,
        which cancel in the difference.
    """
    ultima = qx_titular.shape[0] - 1
    v = 1.0 / (1.0 + tasa_tecnica)
    con_conyuge = edad_conyuge >= 0
    p_titular = 1.0  # kp_x
    p_conyuge = 1.0 if con_conyuge else 0.0  # kp_y
    descuento = 1.0  # v^k
    total = 0.0
    k = 0
    while True:
        # alive at the start of year k + 1 (the tables close with q(110) = 1)
        p_titular = p_titular * (1.0 - qx_titular[edad + k]) if edad + k <= ultima else 0.0
        if con_conyuge:
            p_conyuge = p_conyuge * (1.0 - qx_conyuge[edad_conyuge + k]) if edad_conyuge + k <= ultima else 0.0
        k += 1
        descuento *= v
        n = hijos if edad_hijos + k < edad_limite_orfandad else 0
        if p_conyuge <= 0.0 and n == 0:
            break  # nobody left to pay: the spouse is dead and the children past the limit
        # arts. 131 and 135, capped by art. 144 at the pensioner's pension
        con_viuda = proporcion_sobrevivientes(True, n, con_conyuge, viudez, orfandad, orfandad_doble)
        sin_viuda = proporcion_sobrevivientes(False, n, con_conyuge, viudez, orfandad, orfandad_doble)
        total += descuento * (1.0 - p_titular) * (p_conyuge * con_viuda + (1.0 - p_conyuge) * sin_viuda)
    return total


@jit
def tasa_mensual(rendimiento_anual):
    """The monthly rate equivalent to ``rendimiento_anual`` (compounded: ``(1 + r) ** (1/12) - 1``), at which a
    balance drawn down month by month earns (:func:`pagos_del_anio`)."""
    return (1.0 + rendimiento_anual) ** (1.0 / MESES_POR_ANIO) - 1.0


@jit
def pagos_del_anio(pension_mensual, saldo, tasa_mensual):
    """Twelve monthly payments of ``pension_mensual`` from ``saldo``, each at the start of its month.

    The account pays while it lasts; the rest of each payment is the Federal Government's (LSS art.
    172 as reformed: the guaranteed pension once the balance is exhausted).  The balance earns
    ``tasa_mensual`` after each payment.

    Returns
    -------
    tuple of float
        (closing balance, paid from the account, paid by the government), pesos.
    """
    cuenta = 0.0
    gobierno = 0.0
    for _ in range(MESES_POR_ANIO):
        pago = min(pension_mensual, saldo)
        saldo -= pago
        cuenta += pago
        gobierno += pension_mensual - pago
        saldo *= 1.0 + tasa_mensual
    return saldo, cuenta, gobierno


@jit
def complemento_fondo(pension_mensual, ultimo_salario_mensual, edad, edad_minima, umbral, tope=1.0):
    """Monthly Fondo Bienestar complement, in cents (decree DOF 01-05-2024).

    ``min(ultimo_salario, umbral) - pension`` when ``edad >= edad_minima`` and the pension is at or
    below the year's threshold ``umbral``, at most ``tope`` times the threshold (table
    ``fondo_bienestar_tope_complemento``: 1 in the decree, where the complement never exceeds the
    threshold; a lower share is a reform); 0 otherwise.
    """
    if edad < edad_minima or pension_mensual > umbral:
        return 0.0
    return centavos(max(0.0, min(min(ultimo_salario_mensual, umbral) - pension_mensual, tope * umbral)))
