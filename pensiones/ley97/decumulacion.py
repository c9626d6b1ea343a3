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
from pensiones.ley97.formula import anualidad_sobrevivientes, pagos_del_anio, renta_mensual

__all__ = [
    "factor_anualidad",
    "factor_anualidad_qx",
    "factor_sobrevivencia",
    "prima_sobrevivencia_conjunta",
    "renta_vitalicia",
    "retiro_programado",
    "TASA_TECNICA",
    "PROPORCION_VIUDEZ",
    "PROPORCION_ORFANDAD",
    "PROPORCION_ORFANDAD_DOBLE",
    "EDAD_LIMITE_ORFANDAD",
]

#: Default real technical rate of annuities: 3.5 %.  The reference found it only in a
#: repository ("Tasa técnica: 3.5 % anual"); the CNSF publishes the rate actually used.
TASA_TECNICA = 0.035

#: Widow's or widower's pension, share of the pensioner's (LSS art. 131: 90 %).
PROPORCION_VIUDEZ = 0.90
#: Orphan's pension of each child while the other parent lives, share of the pensioner's (LSS art. 135: 20 %).
PROPORCION_ORFANDAD = 0.20
#: Orphan's pension of a child who has lost both parents (LSS art. 135: 30 %).
PROPORCION_ORFANDAD_DOBLE = 0.30
#: Age at which the orphan's pension ends as priced: 25, the limit for a child who studies (LSS art.
#: 134 second paragraph; 16 otherwise).  The insurer must fund the pensions "hasta la extinción legal"
#: (art. 159 fr. VI), and the extension to 25 may be granted after the purchase (docs/decisions.md).
EDAD_LIMITE_ORFANDAD = 25
#: Most children with an orphan's pension a calculator takes.
MAXIMO_HIJOS = 20


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


def _familia(edad, sexo, conyuge_edad, conyuge_sexo, hijos, edad_hijos, tabla, proporcion_viudez, edad_limite_orfandad):
    """Validated family of the survivors' cover: (spouse's age or -1, spouse's sex, children, their age, viudez, limit)."""
    n = check_integer("hijos", hijos, minimum=0, maximum=MAXIMO_HIJOS)
    limite = check_integer("edad_limite_orfandad", edad_limite_orfandad, minimum=0, maximum=EDAD_MAXIMA_TABLA)
    viudez = check_number("proporcion_viudez", proporcion_viudez, minimum=0.0, maximum=1.0)
    if conyuge_edad is None:
        if conyuge_sexo is not None:
            raise ValueError("conyuge_sexo needs conyuge_edad (the spouse's age)")
        y, s_y = -1, "M" if sexo == "H" else "H"
    else:
        y = int(check_number("conyuge_edad", conyuge_edad, minimum=0.0, maximum=float(EDAD_MAXIMA_TABLA)))
        s_y = ("M" if sexo == "H" else "H") if conyuge_sexo is None else check_choice("conyuge_sexo", conyuge_sexo, ("H", "M"))
        supervivencia(y, s_y, tabla=tabla)  # validates that the table covers the spouse's age
    if n == 0:
        if edad_hijos is not None:
            raise ValueError("edad_hijos needs hijos > 0 (the number of children with an orphan's pension)")
        e_h = 0
    else:
        if edad_hijos is None:
            raise ValueError("edad_hijos (the children's age at the grant, 0-110) is required when hijos > 0")
        e_h = int(check_number("edad_hijos", edad_hijos, minimum=0.0, maximum=float(EDAD_MAXIMA_TABLA)))
    return y, s_y, n, e_h, viudez, limite


def factor_sobrevivencia(
    edad,
    sexo: str,
    *,
    conyuge_edad=None,
    hijos: int = 0,
    edad_hijos=None,
    conyuge_sexo: str | None = None,
    tasa_tecnica: float = TASA_TECNICA,
    tabla: str = "emssa09",
    proporcion_viudez: float = PROPORCION_VIUDEZ,
    edad_limite_orfandad: int = EDAD_LIMITE_ORFANDAD,
) -> float:
    """Present value of the survivors' pensions per peso a year of the pensioner's pension.

    What the seguro de sobrevivencia costs, in the units of :func:`factor_anualidad`: a renta
    vitalicia of ``P`` pesos a month with its survivors' cover costs ``12 P (ä(12)_x + factor)``.

    Parameters
    ----------
    edad, sexo, tasa_tecnica, tabla
        As in :func:`factor_anualidad` (the pensioner).
    conyuge_edad : float, optional
        Age of the spouse or partner (cónyuge or concubina/concubinario) at the grant, 0-110
        (completed years); None for none.
    hijos : int
        Children with a right to an orphan's pension (0-20; default 0).
    edad_hijos : float, optional
        Their age at the grant (completed years; one age for all), required when ``hijos > 0``.
    conyuge_sexo : {"H", "M"}, optional
        Sex of the spouse, for their mortality (default: the other sex).
    proporcion_viudez : float
        Widow's or widower's pension as a share of the pensioner's (0-1; default 0.90, LSS art. 131).
    edad_limite_orfandad : int
        Age at which an orphan's pension ends (default 25, the limit for a child who studies, LSS
        art. 134; 16 otherwise).

    Returns
    -------
    float
        sum over k >= 1 of v^k (1 - kp_x) E[min(1, viudez 1{spouse alive at k} + orphans' shares)],
        on the table's mortality for both lives (the spouse on the table of their sex); 0 without
        spouse and children.  Without children it is the reversionary annuity
        ``proporcion_viudez x (ä_y - ä_xy)``.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    Orphans get 20 % each while the other parent (the spouse, if any) lives and 30 % after (art.
    135), to ``edad_limite_orfandad`` (children's deaths before it are neglected: q(x) < 0.0025 a
    year under 25 in EMSSA-09); the survivors' pensions together are capped at the pensioner's
    (art. 144).  Parents (pensión de ascendientes, art. 137) are not priced.

    References
    ----------
    LSS arts. 159 fr. VI (seguro de sobrevivencia), 130-131 (viudez), 134-136 (orfandad) and 144.

    Examples
    --------
    >>> from pensiones.ley97 import factor_sobrevivencia
    >>> round(factor_sobrevivencia(65, "H", conyuge_edad=62), 4)
    3.782
    >>> factor_sobrevivencia(65, "H")
    0.0
    """
    x, r = _check(edad, sexo, tasa_tecnica, tabla)
    supervivencia(x, sexo, tabla=tabla)
    y, s_y, n, e_h, viudez, limite = _familia(edad, sexo, conyuge_edad, conyuge_sexo, hijos, edad_hijos, tabla, proporcion_viudez, edad_limite_orfandad)
    return _valor(x, sexo, y, s_y, n, e_h, r, tabla, viudez, limite)


def _valor(x, sexo, y, s_y, n, e_h, r, tabla, viudez, limite) -> float:
    if y < 0 and n == 0:
        return 0.0
    return float(
        anualidad_sobrevivientes(
            qx(sexo, tabla=tabla), x, qx(s_y, tabla=tabla), y, n, e_h, r, viudez, PROPORCION_ORFANDAD,
            PROPORCION_ORFANDAD_DOBLE, limite,
        )
    )


def prima_sobrevivencia_conjunta(
    edad,
    sexo: str,
    *,
    conyuge_edad=None,
    hijos: int = 0,
    edad_hijos=None,
    conyuge_sexo: str | None = None,
    tasa_tecnica: float = TASA_TECNICA,
    tabla: str = "emssa09",
    proporcion_viudez: float = PROPORCION_VIUDEZ,
    edad_limite_orfandad: int = EDAD_LIMITE_ORFANDAD,
) -> float:
    """Share of the balance the seguro de sobrevivencia takes before the renta vitalicia, 0-1.

    Parameters are those of :func:`factor_sobrevivencia`.

    Returns
    -------
    float
        factor / (ä(12)_x + factor): the balance pays the pensioner's annuity and the survivors'
        pensions at the same monthly amount, so this share goes to the survivors.

    References
    ----------
    LSS arts. 157 fr. I and 159 fr. IV and VI (the survivors' premium is paid from the balance).

    Examples
    --------
    >>> from pensiones.ley97 import prima_sobrevivencia_conjunta
    >>> round(prima_sobrevivencia_conjunta(65, "H", conyuge_edad=62), 4)
    0.2124
    """
    s = factor_sobrevivencia(
        edad, sexo, conyuge_edad=conyuge_edad, hijos=hijos, edad_hijos=edad_hijos, conyuge_sexo=conyuge_sexo,
        tasa_tecnica=tasa_tecnica, tabla=tabla, proporcion_viudez=proporcion_viudez, edad_limite_orfandad=edad_limite_orfandad,
    )
    return s / (factor_anualidad(edad, sexo, tasa_tecnica=tasa_tecnica, tabla=tabla) + s)


def renta_vitalicia(
    saldo,
    edad,
    sexo: str,
    *,
    conyuge_edad=None,
    hijos: int = 0,
    edad_hijos=None,
    conyuge_sexo: str | None = None,
    tasa_tecnica: float = TASA_TECNICA,
    tabla: str = "emssa09",
    prima_sobrevivencia: float | None = None,
    proporcion_viudez: float = PROPORCION_VIUDEZ,
    edad_limite_orfandad: int = EDAD_LIMITE_ORFANDAD,
) -> float:
    """Monthly renta vitalicia that a balance buys with the survivors' cover, pesos of the pension year.

    Parameters
    ----------
    saldo : float
        Balance available for the pension, pesos (>= 0).
    edad, sexo, tasa_tecnica, tabla
        As in :func:`factor_anualidad`.
    conyuge_edad, hijos, edad_hijos, conyuge_sexo, proporcion_viudez, edad_limite_orfandad
        The family the seguro de sobrevivencia covers, as in :func:`factor_sobrevivencia`
        (default none: a single-life annuity).
    prima_sobrevivencia : float, optional
        A given share of the balance for the seguro de sobrevivencia instead of pricing it from
        the family (0-0.5); not together with ``conyuge_edad`` or ``hijos``.

    Returns
    -------
    float
        saldo / (12 x (ä(12)_x + factor_sobrevivencia)), rounded to cents; with
        ``prima_sobrevivencia``, saldo x (1 - prima) / (12 x ä(12)_x).

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    LSS arts. 157 fr. I and 159 fr. IV and VI; survivors' pensions arts. 131, 134-135 and 144.

    Examples
    --------
    >>> from pensiones.ley97 import renta_vitalicia
    >>> renta_vitalicia(1_000_000, 65, "H")
    5941.23
    >>> renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62)
    4679.46
    """
    s = check_number("saldo", saldo, minimum=0.0)
    a = factor_anualidad(edad, sexo, tasa_tecnica=tasa_tecnica, tabla=tabla)
    if prima_sobrevivencia is not None:
        if conyuge_edad is not None or hijos != 0:
            raise ValueError("give prima_sobrevivencia or the family (conyuge_edad, hijos), not both")
        prima = check_number("prima_sobrevivencia", prima_sobrevivencia, minimum=0.0, maximum=0.5)
        return renta_mensual(s, a, prima)
    x, r = _check(edad, sexo, tasa_tecnica, tabla)
    y, s_y, n, e_h, viudez, limite = _familia(edad, sexo, conyuge_edad, conyuge_sexo, hijos, edad_hijos, tabla, proporcion_viudez, edad_limite_orfandad)
    return renta_mensual(s, a + _valor(x, sexo, y, s_y, n, e_h, r, tabla, viudez, limite), 0.0)


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

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

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
