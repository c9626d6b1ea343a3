"""Decumulation of a Ley 97 account: annuity factor, renta vitalicia, retiro programado.

All amounts in this module are in constant pesos of the pension year: returns and the
technical rate are real, and pensions in payment are INPC-indexed (renta vitalicia and the
guaranteed pension are updated each February).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pensiones._validation import check_choice, check_integer, check_number
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA, TABLAS_MORTALIDAD, qx, supervivencia
from pensiones.ley97.formula import pagos_del_anio, renta_mensual

__all__ = ["factor_anualidad", "factor_anualidad_qx", "renta_vitalicia", "retiro_programado", "TASA_TECNICA"]

#: Default real technical rate of annuities: 3.5 %.  The reference found it only in a
#: repository ("Tasa técnica: 3.5 % anual"); the CNSF publishes the rate actually used.
TASA_TECNICA = 0.035


def _check(edad, sexo, tasa_tecnica, tabla):
    e = check_number("edad", edad, minimum=0.0, maximum=float(EDAD_MAXIMA_TABLA))
    check_choice("sexo", sexo, ("H", "M"))
    r = check_number("tasa_tecnica", tasa_tecnica, minimum=-0.02, maximum=0.15)
    check_choice("tabla", tabla, tuple(TABLAS_MORTALIDAD))
    return int(e), r


def factor_anualidad(
    edad, sexo: str, *, tasa_tecnica: float = TASA_TECNICA, tabla: str = "emssa09", pagos_por_anio: int = 12
) -> float:
    """Present value of a life annuity of 1 peso a year paid in ``pagos_por_anio`` instalments in advance.

    Parameters
    ----------
    edad : float
        Age in years (0-110); completed years are used.
    sexo : {"H", "M"}
    tasa_tecnica : float
        Real technical interest rate (-0.02 to 0.15; default 3.5 %, an assumption: see
        ``TASA_TECNICA``).
    tabla : {"emssa09", "emssa97"}
        Mortality table (default EMSSAH/M-09).
    pagos_por_anio : int
        Instalments a year (1-12; default monthly).

    Returns
    -------
    float
        ä(m)_x = sum_k v^k kp_x - (m - 1) / (2m) (Woolhouse, two terms).

    References
    ----------
    LSS art. 159 fr. IV (renta vitalicia) and fr. V (retiro programado: "tomando en cuenta su
    esperanza de vida, así como los rendimientos previsibles"); CNSF circular S-22.2 (EMSSA-09).

    Examples
    --------
    >>> from pensiones.ley97 import factor_anualidad
    >>> round(factor_anualidad(65, "H"), 4), round(factor_anualidad(65, "M"), 4)
    (14.0263, 15.7596)
    """
    x, r = _check(edad, sexo, tasa_tecnica, tabla)
    m = check_integer("pagos_por_anio", pagos_por_anio, minimum=1, maximum=12)
    supervivencia(x, sexo, tabla=tabla)  # validates that the table covers the age
    return factor_anualidad_qx(qx(sexo, tabla=tabla), x, r, m)


def factor_anualidad_qx(q: np.ndarray, edad: int, tasa_tecnica: float, pagos_por_anio: int = 12) -> float:
    """:func:`factor_anualidad` on a given q(x) array (ages 0..110, q(110) = 1); the engine uses it on
    the mortality table of each simulated year (reform overlays included)."""
    p = np.concatenate(([1.0], np.cumprod(1.0 - q[edad:])))[:-1]  # alive at the start of each year
    v = 1.0 / (1.0 + tasa_tecnica)
    annual_due = float(np.sum(p * v ** np.arange(len(p))))
    return annual_due - (pagos_por_anio - 1) / (2.0 * pagos_por_anio)


def renta_vitalicia(
    saldo, edad, sexo: str, *, tasa_tecnica: float = TASA_TECNICA, tabla: str = "emssa09", prima_sobrevivencia: float = 0.0
) -> float:
    """Monthly renta vitalicia that a balance buys, pesos of the pension year.

    Parameters
    ----------
    saldo : float
        Balance available for the pension, pesos (>= 0).
    edad, sexo, tasa_tecnica, tabla
        As in :func:`factor_anualidad`.
    prima_sobrevivencia : float
        Share of the balance paid first for the mandatory seguro de sobrevivencia (0-0.5;
        default 0: it depends on the beneficiaries, which are not modelled).

    Returns
    -------
    float
        saldo x (1 - prima) / (12 x ä(12)_x), rounded to cents.

    References
    ----------
    LSS arts. 157 fr. I and 159 fr. IV and VI.

    Examples
    --------
    >>> from pensiones.ley97 import renta_vitalicia
    >>> renta_vitalicia(1_000_000, 65, "H")
    5941.23
    """
    s = check_number("saldo", saldo, minimum=0.0)
    prima = check_number("prima_sobrevivencia", prima_sobrevivencia, minimum=0.0, maximum=0.5)
    return renta_mensual(s, factor_anualidad(edad, sexo, tasa_tecnica=tasa_tecnica, tabla=tabla), prima)


def retiro_programado(
    saldo, edad, sexo: str, *, rendimiento_real: float = TASA_TECNICA, tasa_tecnica: float = TASA_TECNICA, tabla: str = "emssa09"
) -> pd.DataFrame:
    """Retiro programado recomputed each year: balance / (12 x ä(12)) at the current age.

    Parameters
    ----------
    saldo : float
        Balance at the start, pesos (>= 0).
    edad, sexo, tasa_tecnica, tabla
        As in :func:`factor_anualidad`; ``edad`` in completed years.
    rendimiento_real : float
        Real return earned by the balance (-0.5 to 0.5; default the technical rate).

    Returns
    -------
    pandas.DataFrame
        One row a year of age to 110, for a pensioner who survives: ``edad``, ``saldo_inicial``,
        ``pension_mensual``, ``pagado`` (twelve payments, made at the start of each month),
        ``rendimiento`` and ``saldo_final``.

    Notes
    -----
    The statute (art. 159 fr. V) divides the balance "tomando en cuenta su esperanza de vida,
    así como los rendimientos previsibles"; the annuity-factor reading (CONSAR's unidad de
    renta vitalicia, and Chile's DL 3500 art. 65) is a model assumption.

    References
    ----------
    LSS art. 159 fr. V.

    Examples
    --------
    >>> from pensiones.ley97 import retiro_programado
    >>> rp = retiro_programado(1_000_000, 65, "H")
    >>> float(rp.pension_mensual.iloc[0])
    5941.23
    """
    x, r = _check(edad, sexo, tasa_tecnica, tabla)
    ret = check_number("rendimiento_real", rendimiento_real, minimum=-0.5, maximum=0.5)
    balance = check_number("saldo", saldo, minimum=0.0)
    monthly_rate = (1.0 + ret) ** (1.0 / 12.0) - 1.0
    rows = []
    for age in range(x, EDAD_MAXIMA_TABLA + 1):
        pension = renta_mensual(balance, factor_anualidad(age, sexo, tasa_tecnica=r, tabla=tabla), 0.0)
        opening = balance
        balance, paid, _ = pagos_del_anio(pension, balance, monthly_rate)
        rows.append((age, opening, pension, paid, balance - opening + paid, balance))
    return pd.DataFrame(rows, columns=["edad", "saldo_inicial", "pension_mensual", "pagado", "rendimiento", "saldo_final"])
