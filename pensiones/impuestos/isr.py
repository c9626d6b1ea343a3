"""ISR on wages and pensions: the LISR art. 96 monthly tariff, its art. 152 update, the subsidio para el empleo.

The structure of the subsidy changed on 1 May 2024 (a table of amounts by income, then a share of the
UMA up to an income limit): the two readings are registered by date in ``ESTRUCTURAS_SUBSIDIO``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pensiones.impuestos._arrays import devolver, importes
from pensiones.calendario import DIAS_POR_MES
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = [
    "tarifa_isr_mensual",
    "isr_salario_mensual",
    "subsidio_empleo_mensual",
    "isr_pension_mensual",
    "factor_actualizacion_art152",
    "ESTRUCTURAS_SUBSIDIO",
    "UMBRAL_ACTUALIZACION",
    "MES_INPC_ACTUALIZACION",
]

#: LISR art. 152: the tariffs are updated when the INPC accumulated since the last update exceeds 10 %.
UMBRAL_ACTUALIZACION = 0.10
#: Month whose INPC closes an update (CFF art. 17-A: the month before the last month of the period, which
#: ends in December of the year the 10 % is exceeded): November.  The 2026 factor is INPC November 2025 /
#: INPC November 2022 = 1.1321, which reproduces the published 2026 tariff from the 2023 one.
MES_INPC_ACTUALIZACION = 11


def factor_actualizacion_art152(inicio: dt.date, fecha: dt.date, rs: RuleSet) -> float:
    """Factor that updates the peso amounts of a tariff in force since ``inicio`` to ``fecha``.

    LISR art. 152 (last paragraphs): when the INPC accumulated since the month of the last update
    exceeds 10 %, the amounts are updated from 1 January of the next year by the factor of CFF art.
    17-A (INPC of November of that year over INPC of the November before the last update, computed to
    the ten-thousandth).  Each year from ``inicio`` to the year before ``fecha`` is checked on the INPC
    (projected past the last published month by ``Supuestos.inflacion``); 1.0 while no update falls due.
    """
    base = (inicio.year - 1, MES_INPC_ACTUALIZACION)
    factor = 1.0
    for year in range(inicio.year, fecha.year):  # an update found in `year` applies from 1 January of year + 1
        ratio = rs.inpc(year, MES_INPC_ACTUALIZACION) / rs.inpc(*base)
        if ratio > 1.0 + UMBRAL_ACTUALIZACION:
            factor *= round(ratio, 4)  # CFF art. 17-A: factors to the ten-thousandth
            base = (year, MES_INPC_ACTUALIZACION)
    return factor


def _tarifa(rs: RuleSet, fecha: dt.date) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(lower limits, fixed amounts, rates, update factor) of the art. 96 tariff in force on ``fecha``."""
    key = ("impuestos.tarifa", fecha)
    hit = rs._cache.get(key)
    if hit is None:
        rows = rs.rows("isr_tarifa_mensual", fecha)
        inicio = max(rows["effective_from"])
        f = factor_actualizacion_art152(inicio, fecha, rs)
        lows = np.round(rows["band_from"].to_numpy(dtype=float) * f, 2)
        if f == 1.0:
            lows = rows["band_from"].to_numpy(dtype=float)
        hit = (lows, np.round(rows["cuota_fija"].to_numpy(dtype=float) * f, 2), rows["value"].to_numpy(dtype=float), f)
        rs._cache[key] = hit
    return hit


def tarifa_isr_mensual(anio, *, reglas: RuleSet | None = None) -> pd.DataFrame:
    """The monthly ISR tariff in force (LISR art. 96), pesos a month.

    Parameters
    ----------
    anio : int or datetime.date
        Year (its 1 February) or an exact date, 2023-2100.
    reglas : RuleSet, optional

    Returns
    -------
    pandas.DataFrame
        One row per bracket: ``limite_inferior``, ``cuota_fija`` (pesos a month), ``tasa_excedente``
        (decimal, on the income above ``limite_inferior``) and ``factor_actualizacion`` (1.0 for a
        published tariff; the LISR art. 152 factor when the last published one has been updated
        on the INPC).

    References
    ----------
    LISR arts. 96 and 152 (DOF 11-12-2013); CFF art. 17-A; RMF Anexo 8 (DOF 27-12-2022, 28-12-2025).

    Examples
    --------
    >>> from pensiones.impuestos import tarifa_isr_mensual
    >>> t = tarifa_isr_mensual(2026)
    >>> t.loc[1, ["limite_inferior", "cuota_fija", "tasa_excedente"]].tolist()
    [844.6, 16.22, 0.064]
    """
    rs = resolve_reglas(None, reglas)
    lows, cuotas, tasas, f = _tarifa(rs, lookup_date(anio))
    return pd.DataFrame(
        {"limite_inferior": lows, "cuota_fija": cuotas, "tasa_excedente": tasas, "factor_actualizacion": f}
    )


def _isr_tarifa(x: np.ndarray, rs: RuleSet, fecha: dt.date) -> np.ndarray:
    """cuota fija + (income - lower limit) x rate of the bracket (LISR art. 96); 0 for no income."""
    lows, cuotas, tasas, _ = _tarifa(rs, fecha)
    i = np.searchsorted(lows, x, side="right") - 1
    j = np.maximum(i, 0)
    return np.where(i >= 0, cuotas[j] + (x - lows[j]) * tasas[j], 0.0)


def _subsidio_tabla(x: np.ndarray, rs: RuleSet, fecha: dt.date) -> np.ndarray:
    """2014-01-01 to 2024-04-30: the amount of the income's band (decree DOF 11-12-2013, Décimo transitorio)."""
    rows = rs.rows("subsidio_empleo_tabla", fecha)
    lows = rows["band_from"].to_numpy(dtype=float)
    amounts = rows["value"].to_numpy(dtype=float)
    i = np.searchsorted(lows, x, side="right") - 1
    return np.where(i >= 0, amounts[np.maximum(i, 0)], 0.0)


def _subsidio_uma(x: np.ndarray, rs: RuleSet, fecha: dt.date) -> np.ndarray:
    """From 2024-05-01: a share of the monthly UMA for incomes up to the limit (decree DOF 01-05-2024 as amended)."""
    row = rs.row("subsidio_empleo", fecha)
    monto = round(float(row["tasa_uma"]) * rs.uma_mensual(fecha), 2)
    return np.where(x <= float(row["value"]), monto, 0.0)


#: The structures of the subsidio para el empleo by date of effect: (reading, whether a subsidy above
#: the tax is paid to the worker).  Until April 2024 the employer paid the difference (LISR 2014,
#: Décimo transitorio fr. I); the decree of 1 May 2024 gives no refund.
ESTRUCTURAS_SUBSIDIO = {
    dt.date(2014, 1, 1): (_subsidio_tabla, True),
    dt.date(2024, 5, 1): (_subsidio_uma, False),
}


def _estructura(fecha: dt.date):
    chosen = None
    for desde, estructura in sorted(ESTRUCTURAS_SUBSIDIO.items()):
        if desde <= fecha:
            chosen = estructura
    if chosen is None:
        raise ValueError(f"no subsidio para el empleo is encoded before {min(ESTRUCTURAS_SUBSIDIO)}; got {fecha}")
    return chosen


def subsidio_empleo_mensual(ingreso_mensual, anio, *, reglas: RuleSet | None = None):
    """Subsidio para el empleo of a monthly wage, pesos a month (before comparing it with the tax).

    Parameters
    ----------
    ingreso_mensual : float or array_like
        Taxable wage of the month, pesos (>= 0).
    anio : int or datetime.date
        Year (its 1 February) or an exact date.
    reglas : RuleSet, optional

    Returns
    -------
    float or numpy.ndarray
        Until April 2024, the amount of the income's band of the 2014 table; from May 2024, the
        year's share of the monthly UMA (11.82 % in 2024, 13.80 % in 2025, 15.02 % in 2026) when the
        income is at most the limit (9,081.00; 10,171.00; 11,492.66 pesos), else 0.

    References
    ----------
    LISR (Decreto DOF 11-12-2013) Artículo Décimo transitorio fr. I; Decreto que otorga el subsidio
    para el empleo, DOF 01-05-2024, modified DOF 31-12-2024 and DOF 31-12-2025.

    Examples
    --------
    >>> from pensiones.impuestos import subsidio_empleo_mensual
    >>> subsidio_empleo_mensual(9_000.0, 2025)     # 13.80 % x 3,439.46 (UMA 113.14 x 30.4)
    474.65
    >>> subsidio_empleo_mensual(12_000.0, 2026)
    0.0
    """
    rs = resolve_reglas(None, reglas)
    x, scalar = importes("ingreso_mensual", ingreso_mensual)
    fecha = lookup_date(anio)
    leer, _ = _estructura(fecha)
    return devolver(leer(x, rs, fecha), scalar)


def isr_salario_mensual(ingreso_mensual, anio, reglas: RuleSet | None = None):
    """ISR withheld from a monthly wage, net of the subsidio para el empleo, pesos a month.

    Parameters
    ----------
    ingreso_mensual : float or array_like
        Taxable wage of the month, pesos (>= 0).
    anio : int or datetime.date
        Year (its 1 February) or an exact date, 2023-2100.
    reglas : RuleSet, optional

    Returns
    -------
    float or numpy.ndarray
        Tariff tax minus the subsidy.  From May 2024 never negative (the subsidy gives no refund);
        until April 2024 negative when the subsidy exceeded the tax (the employer paid the difference).

    Notes
    -----
    The tax of the art. 96 tariff is cuota fija + (income - lower limit) x rate.  The worker's IMSS
    contributions do not reduce the base.  The monthly withholding stands for the annual tax
    (art. 152); year-end adjustments, exempt benefits (aguinaldo, prima vacacional) and other
    deductions are not modelled.

    References
    ----------
    LISR arts. 94, 96 and 152 (DOF 11-12-2013); RMF Anexo 8; Decreto que otorga el subsidio para el
    empleo, DOF 01-05-2024 (modified DOF 31-12-2024, 31-12-2025).

    Examples
    --------
    A 2025 wage of 15,000 a month: bracket 12,935.83-15,487.71, 1,182.88 + (15,000 - 12,935.83)
    x 17.92 % = 1,552.78; no subsidy above 10,171.00.

    >>> from pensiones.impuestos import isr_salario_mensual
    >>> round(isr_salario_mensual(15_000.0, 2025), 2)
    1552.78

    In 2026, 8,000 a month owes 420.95 + (8,000 - 7,168.52) x 10.88 % = 511.42, less than the subsidy of
    15.02 % x 3,566.22 = 535.65, so none; 30,000 owes 1,856.84 + (30,000 - 17,533.65) x 21.36 % = 4,519.65.

    >>> isr_salario_mensual([8_000.0, 30_000.0], 2026).round(2)
    array([   0.  , 4519.65])
    """
    rs = resolve_reglas(None, reglas)
    x, scalar = importes("ingreso_mensual", ingreso_mensual)
    fecha = lookup_date(anio)
    leer, reembolso = _estructura(fecha)
    neto = _isr_tarifa(x, rs, fecha) - leer(x, rs, fecha)
    if not reembolso:
        neto = np.maximum(neto, 0.0)
    return devolver(neto, scalar)


def isr_pension_mensual(pension_mensual, anio, *, reglas: RuleSet | None = None):
    """ISR withheld from a monthly pension, pesos a month.

    Parameters
    ----------
    pension_mensual : float or array_like
        Pension (jubilación, pensión, haber de retiro) of the month, pesos (>= 0).
    anio : int or datetime.date
        Year (its 1 February) or an exact date, 2023-2100.
    reglas : RuleSet, optional

    Returns
    -------
    float or numpy.ndarray
        The art. 96 tariff on the pension above the exemption of 15 UMA a day (15 x the monthly UMA);
        no subsidio para el empleo (it is for wages only).

    References
    ----------
    LISR art. 93 fr. IV and art. 96 (DOF 11-12-2013); art. 94 (pensions are taxed as wages).

    Examples
    --------
    >>> from pensiones.impuestos import isr_pension_mensual
    >>> isr_pension_mensual(20_000.0, 2026)          # below 15 x 3,566.22 = 53,493.30 a month
    0.0
    >>> round(isr_pension_mensual(60_000.0, 2026), 2)   # 16.22 + (6,506.70 - 844.60) x 6.40 %
    378.59
    """
    rs = resolve_reglas(None, reglas)
    x, scalar = importes("pension_mensual", pension_mensual)
    fecha = lookup_date(anio)
    veces = float(rs.value("exencion_pension_isr", fecha))
    exento = veces * round(rs.unidad_de_cuenta(fecha) * DIAS_POR_MES, 2)
    return devolver(_isr_tarifa(np.maximum(x - exento, 0.0), rs, fecha), scalar)
