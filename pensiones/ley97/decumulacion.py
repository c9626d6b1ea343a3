"""Decumulation of a Ley 97 account: annuity factor, renta vitalicia, retiro programado.

All amounts in this module are in constant pesos of the pension year: returns and the
technical rate are real, and pensions in payment are INPC-indexed (renta vitalicia and the
guaranteed pension are updated each February).
"""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd

from pensiones._validation import check_choice, check_integer, check_number
from pensiones.calendario import ANIO_MAX, MESES_POR_ANIO
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA, TABLAS_MORTALIDAD, qx, supervivencia
from pensiones.ley97.formula import anualidad_sobrevivientes, pagos_del_anio, renta_mensual, tasa_mensual
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date, load

__all__ = [
    "factor_anualidad",
    "factor_anualidad_qx",
    "factores_anualidad_qx",
    "factor_sobrevivencia",
    "prima_sobrevivencia_conjunta",
    "renta_vitalicia",
    "retiro_programado",
    "tasa_tecnica",
    "proporciones_sobrevivientes",
]

#: Most children with an orphan's pension a calculator takes.
MAXIMO_HIJOS = 20

#: Former module constants, now read from the rule tables (``sobrevivientes``, ``tasa_tecnica``):
#: name -> (table, axes).  Reading one warns; it gives the packaged law's value.
_DEPRECADAS = {
    "TASA_TECNICA": ("tasa_tecnica", {}),
    "PROPORCION_VIUDEZ": ("sobrevivientes", {"ley": "ley97", "concepto": "viudez"}),
    "PROPORCION_ORFANDAD": ("sobrevivientes", {"ley": "ley97", "concepto": "orfandad"}),
    "PROPORCION_ORFANDAD_DOBLE": ("sobrevivientes", {"ley": "ley97", "concepto": "orfandad_doble"}),
    "EDAD_LIMITE_ORFANDAD": ("sobrevivientes", {"ley": "ley97", "concepto": "edad_limite_orfandad"}),
}


def __getattr__(name: str):
    if name in _DEPRECADAS:
        tabla, axes = _DEPRECADAS[name]
        warnings.warn(
            f"pensiones.ley97.decumulacion.{name} is deprecated: the number lives in rule table {tabla!r} "
            f"(read it with reglas.value({tabla!r}, fecha{''.join(f', {k}={v!r}' for k, v in axes.items())}))",
            DeprecationWarning,
            stacklevel=2,
        )
        value = load().value(tabla, _FECHA_POR_OMISION, **axes)
        return int(value) if name == "EDAD_LIMITE_ORFANDAD" else float(value)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Date the rule tables are read on when a calculator is given no ``anio``: the end of the horizon,
#: so a reform overlay dated anywhere in it applies (the law's latest word).
_FECHA_POR_OMISION = dt.date(ANIO_MAX, 12, 31)


def _reglas_y_fecha(anio, regimen, reglas) -> tuple[RuleSet, dt.date]:
    rs = resolve_reglas(regimen, reglas)
    return rs, (_FECHA_POR_OMISION if anio is None else lookup_date(anio))


def tasa_tecnica(anio=None, *, regimen: str | None = None, reglas: RuleSet | None = None) -> float:
    """Real technical interest rate of annuities in force for a pension granted in ``anio`` (table ``tasa_tecnica``).

    Parameters
    ----------
    anio : int or datetime.date, optional
        Year of the grant (1997-2100); default the end of the horizon (31-12-2100).
    regimen, reglas
        Rule set (default ``"lss2020"``) or a :class:`~pensiones.rules.RuleSet`.

    Returns
    -------
    float
        Decimal (3.5 % by default: an assumption; the CNSF publishes the rate insurers use).

    References
    ----------
    LSS art. 159 fr. IV and VI; shared/reference/decumulacion/annuity_rules.md section 5.

    Examples
    --------
    >>> from pensiones.ley97 import tasa_tecnica
    >>> tasa_tecnica(2030)
    0.035
    """
    rs, fecha = _reglas_y_fecha(anio, regimen, reglas)
    return float(rs.value("tasa_tecnica", fecha))


def proporciones_sobrevivientes(
    anio=None, *, ley: str = "ley97", regimen: str | None = None, reglas: RuleSet | None = None
) -> dict[str, float]:
    """The survivors' shares and the orphans' age limit in force in ``anio`` (table ``sobrevivientes``).

    Parameters
    ----------
    anio : int or datetime.date, optional
        Year of the grant or of the death (1997-2100); default the end of the horizon (31-12-2100).
    ley : {"ley97", "ley73"}
        The law of the deceased.
    regimen, reglas
        Rule set (default ``"lss2020"``) or a :class:`~pensiones.rules.RuleSet`.

    Returns
    -------
    dict
        ``viudez``, ``orfandad``, ``orfandad_doble`` (shares of the pension) and
        ``edad_limite_orfandad`` (years).

    References
    ----------
    LSS arts. 131, 134-135 (LSS 1973 arts. 153, 156-157).

    Examples
    --------
    >>> from pensiones.ley97 import proporciones_sobrevivientes
    >>> proporciones_sobrevivientes(2030)
    {'viudez': 0.9, 'orfandad': 0.2, 'orfandad_doble': 0.3, 'edad_limite_orfandad': 25.0}
    """
    check_choice("ley", ley, ("ley97", "ley73"))
    rs, fecha = _reglas_y_fecha(anio, regimen, reglas)
    return {
        c: float(rs.value("sobrevivientes", fecha, ley=ley, concepto=c))
        for c in ("viudez", "orfandad", "orfandad_doble", "edad_limite_orfandad")
    }


def _check(edad, sexo, tasa_tecnica, tabla, rs: RuleSet, fecha: dt.date):
    """Validated (completed age, technical rate): ``tasa_tecnica`` if given, else table ``tasa_tecnica``."""
    e = check_number("edad", edad, minimum=0.0, maximum=float(EDAD_MAXIMA_TABLA))
    check_choice("sexo", sexo, ("H", "M"))
    if tasa_tecnica is None:
        tasa_tecnica = float(rs.value("tasa_tecnica", fecha))
    r = check_number("tasa_tecnica", tasa_tecnica, minimum=-0.02, maximum=0.15)
    check_choice("tabla", tabla, tuple(TABLAS_MORTALIDAD))
    return int(e), r



def factor_anualidad(
    edad,
    sexo: str,
    *,
    tasa_tecnica: float | None = None,
    tabla: str = "emssa09",
    pagos_por_anio: int = 12,
    anio=None,
    regimen: str | None = None,
    reglas: RuleSet | None = None,
) -> float:
    """Present value of a life annuity of 1 peso a year paid in ``pagos_por_anio`` instalments in advance.

    Parameters
    ----------
    edad : float
        Age in years (0-110); completed years are used.
    sexo : {"H", "M"}
    tasa_tecnica : float, optional
        Real technical interest rate (-0.02 to 0.15); default the rule table ``tasa_tecnica`` (3.5 %,
        an assumption: see :func:`tasa_tecnica`).
    tabla : {"emssa09", "emssa97"}
        Mortality table (default EMSSAH/M-09).
    pagos_por_anio : int
        Instalments a year (1-12; default monthly).
    anio : int or datetime.date, optional
        Year of the grant: the technical rate in force then (default: at the end of the horizon).
    regimen, reglas
        Rule set (default ``"lss2020"``) or a :class:`~pensiones.rules.RuleSet`.

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
    rs, fecha = _reglas_y_fecha(anio, regimen, reglas)
    x, r = _check(edad, sexo, tasa_tecnica, tabla, rs, fecha)
    m = check_integer("pagos_por_anio", pagos_por_anio, minimum=1, maximum=MESES_POR_ANIO)
    supervivencia(x, sexo, tabla=tabla)  # validates that the table covers the age
    return factor_anualidad_qx(qx(sexo, tabla=tabla), x, r, m)


def factor_anualidad_qx(q: np.ndarray, edad: int, tasa_tecnica: float, pagos_por_anio: int = 12) -> float:
    """:func:`factor_anualidad` on a given q(x) array (ages 0..110, q(110) = 1); the engine uses it on
    the mortality table of each simulated year (reform overlays included)."""
    p = np.concatenate(([1.0], np.cumprod(1.0 - q[edad:])))[:-1]  # alive at the start of each year
    v = 1.0 / (1.0 + tasa_tecnica)
    annual_due = float(np.sum(p * v ** np.arange(len(p))))
    return annual_due - (pagos_por_anio - 1) / (2.0 * pagos_por_anio)


def factores_anualidad_qx(q: np.ndarray, edad: int, tasas_tecnicas: np.ndarray, pagos_por_anio: int = 12) -> np.ndarray:
    """:func:`factor_anualidad_qx` at one age on several q(x) arrays at once: ``q`` of shape (m, 111), one
    technical rate per row; the same arithmetic row by row, so each value equals the scalar function's."""
    q = np.asarray(q, dtype=float)
    p = np.concatenate((np.ones((len(q), 1)), np.cumprod(1.0 - q[:, edad:], axis=1)), axis=1)[:, :-1]
    v = 1.0 / (1.0 + np.asarray(tasas_tecnicas, dtype=float))
    annual_due = np.sum(p * v[:, None] ** np.arange(p.shape[1])[None, :], axis=1)
    return annual_due - (pagos_por_anio - 1) / (2.0 * pagos_por_anio)


def _familia(edad, sexo, conyuge_edad, conyuge_sexo, hijos, edad_hijos, tabla, proporcion_viudez, edad_limite_orfandad,
             rs: RuleSet, fecha: dt.date):
    """Validated family of the survivors' cover and its shares: (spouse's age or -1, spouse's sex, children,
    their age, (viudez, orfandad, orfandad doble), limit); shares not given are read from table
    ``sobrevivientes`` (Ley 97) on ``fecha``."""
    tabla_sob = proporciones_sobrevivientes(fecha, reglas=rs)
    if proporcion_viudez is None:
        proporcion_viudez = tabla_sob["viudez"]
    if edad_limite_orfandad is None:
        edad_limite_orfandad = int(tabla_sob["edad_limite_orfandad"])
    n = check_integer("hijos", hijos, minimum=0, maximum=MAXIMO_HIJOS)
    limite = check_integer("edad_limite_orfandad", edad_limite_orfandad, minimum=0, maximum=EDAD_MAXIMA_TABLA)
    viudez = check_number("proporcion_viudez", proporcion_viudez, minimum=0.0, maximum=1.0)
    shares = (viudez, tabla_sob["orfandad"], tabla_sob["orfandad_doble"])
    if conyuge_edad is None:
        if conyuge_sexo is not None:
            raise ValueError("conyuge_sexo needs conyuge_edad (the spouse's age)")
        y, s_y = -1, "M" if sexo == "H" else "H"
    else:
        y = int(check_number("conyuge_edad", conyuge_edad, minimum=0.0, maximum=float(EDAD_MAXIMA_TABLA)))
        s_y = (
            ("M" if sexo == "H" else "H") if conyuge_sexo is None
            else check_choice("conyuge_sexo", conyuge_sexo, ("H", "M"))
        )
        supervivencia(y, s_y, tabla=tabla)  # validates that the table covers the spouse's age
    if n == 0:
        if edad_hijos is not None:
            raise ValueError("edad_hijos needs hijos > 0 (the number of children with an orphan's pension)")
        e_h = 0
    else:
        if edad_hijos is None:
            raise ValueError("edad_hijos (the children's age at the grant, 0-110) is required when hijos > 0")
        e_h = int(check_number("edad_hijos", edad_hijos, minimum=0.0, maximum=float(EDAD_MAXIMA_TABLA)))
    return y, s_y, n, e_h, shares, limite


def factor_sobrevivencia(
    edad,
    sexo: str,
    *,
    conyuge_edad=None,
    hijos: int = 0,
    edad_hijos=None,
    conyuge_sexo: str | None = None,
    tasa_tecnica: float | None = None,
    tabla: str = "emssa09",
    proporcion_viudez: float | None = None,
    edad_limite_orfandad: int | None = None,
    anio=None,
    regimen: str | None = None,
    reglas: RuleSet | None = None,
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
    proporcion_viudez : float, optional
        Widow's or widower's pension as a share of the pensioner's (0-1); default the rule table
        ``sobrevivientes`` (0.90, LSS art. 131).
    edad_limite_orfandad : int, optional
        Age at which an orphan's pension ends; default the rule table ``sobrevivientes`` (25, the
        limit for a child who studies, LSS art. 134; 16 otherwise).
    anio : int or datetime.date, optional
        Year of the grant (1997-2100): the rule tables in force then give the technical rate and the
        survivors' shares (default: those in force at the end of the horizon, 31-12-2100, so a reform
        overlay dated anywhere applies).
    regimen, reglas
        Rule set (default ``"lss2020"``) or a :class:`~pensiones.rules.RuleSet` (reform overlays apply).

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
    135; the shares of table ``sobrevivientes``), to ``edad_limite_orfandad`` (children's deaths before it
    are neglected: q(x) < 0.0025 a
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
    rs, fecha = _reglas_y_fecha(anio, regimen, reglas)
    x, r = _check(edad, sexo, tasa_tecnica, tabla, rs, fecha)
    supervivencia(x, sexo, tabla=tabla)
    y, s_y, n, e_h, shares, limite = _familia(
        edad, sexo, conyuge_edad, conyuge_sexo, hijos, edad_hijos, tabla, proporcion_viudez, edad_limite_orfandad,
        rs, fecha,
    )
    return _valor(x, sexo, y, s_y, n, e_h, r, tabla, shares, limite)


def _valor(x, sexo, y, s_y, n, e_h, r, tabla, shares, limite) -> float:
    if y < 0 and n == 0:
        return 0.0
    viudez, orfandad, orfandad_doble = shares
    return float(
        anualidad_sobrevivientes(
            qx(sexo, tabla=tabla), x, qx(s_y, tabla=tabla), y, n, e_h, r, viudez, orfandad, orfandad_doble, limite,
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
    tasa_tecnica: float | None = None,
    tabla: str = "emssa09",
    proporcion_viudez: float | None = None,
    edad_limite_orfandad: int | None = None,
    anio=None,
    regimen: str | None = None,
    reglas: RuleSet | None = None,
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
    rs = resolve_reglas(regimen, reglas)
    s = factor_sobrevivencia(
        edad, sexo, conyuge_edad=conyuge_edad, hijos=hijos, edad_hijos=edad_hijos, conyuge_sexo=conyuge_sexo,
        tasa_tecnica=tasa_tecnica, tabla=tabla, proporcion_viudez=proporcion_viudez,
        edad_limite_orfandad=edad_limite_orfandad,
        anio=anio, reglas=rs,
    )
    return s / (factor_anualidad(edad, sexo, tasa_tecnica=tasa_tecnica, tabla=tabla, anio=anio, reglas=rs) + s)


def renta_vitalicia(
    saldo,
    edad,
    sexo: str,
    *,
    conyuge_edad=None,
    hijos: int = 0,
    edad_hijos=None,
    conyuge_sexo: str | None = None,
    tasa_tecnica: float | None = None,
    tabla: str = "emssa09",
    prima_sobrevivencia: float | None = None,
    proporcion_viudez: float | None = None,
    edad_limite_orfandad: int | None = None,
    anio=None,
    regimen: str | None = None,
    reglas: RuleSet | None = None,
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
        (default none: a single-life annuity); its shares from table ``sobrevivientes``.
    prima_sobrevivencia : float, optional
        A given share of the balance for the seguro de sobrevivencia instead of pricing it from
        the family (0-0.5); not together with ``conyuge_edad`` or ``hijos``.
    anio, regimen, reglas
        The date and rule set the technical rate and the survivors' shares are read from, as in
        :func:`factor_sobrevivencia`.

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
    >>> import pensiones
    >>> from pensiones.scenarios import Reforma
    >>> donde = {"ley": "ley97", "concepto": "viudez"}
    >>> viudez = Reforma(tabla="sobrevivientes", desde="2030-01-01", valor=1.0, donde=donde)
    >>> reformed = pensiones.rules.load().with_reforms([viudez])
    >>> renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62, reglas=reformed)   # a 100 % widow's pension costs more
    4571.58
    >>> renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62, anio=2029, reglas=reformed)   # before the reform
    4679.46
    """
    rs, fecha = _reglas_y_fecha(anio, regimen, reglas)
    s = check_number("saldo", saldo, minimum=0.0)
    a = factor_anualidad(edad, sexo, tasa_tecnica=tasa_tecnica, tabla=tabla, anio=fecha, reglas=rs)
    if prima_sobrevivencia is not None:
        if conyuge_edad is not None or hijos != 0:
            raise ValueError("give prima_sobrevivencia or the family (conyuge_edad, hijos), not both")
        prima = check_number("prima_sobrevivencia", prima_sobrevivencia, minimum=0.0, maximum=0.5)
        return renta_mensual(s, a, prima)
    x, r = _check(edad, sexo, tasa_tecnica, tabla, rs, fecha)
    y, s_y, n, e_h, shares, limite = _familia(
        edad, sexo, conyuge_edad, conyuge_sexo, hijos, edad_hijos, tabla, proporcion_viudez, edad_limite_orfandad,
        rs, fecha,
    )
    return renta_mensual(s, a + _valor(x, sexo, y, s_y, n, e_h, r, tabla, shares, limite), 0.0)


def retiro_programado(
    saldo,
    edad,
    sexo: str,
    *,
    rendimiento_real: float | None = None,
    tasa_tecnica: float | None = None,
    tabla: str = "emssa09",
    anio=None,
    regimen: str | None = None,
    reglas: RuleSet | None = None,
) -> pd.DataFrame:
    """Retiro programado recomputed each year: balance / (12 x ä(12)) at the current age.

    Parameters
    ----------
    saldo : float
        Balance at the start, pesos (>= 0).
    edad, sexo, tasa_tecnica, tabla
        As in :func:`factor_anualidad`; ``edad`` in completed years.
    rendimiento_real : float, optional
        Real return earned by the balance (-0.5 to 0.5; default the technical rate).
    anio, regimen, reglas
        The date and rule set the technical rate and the survivors' shares are read from, as in
        :func:`factor_sobrevivencia`.

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
    rs, fecha = _reglas_y_fecha(anio, regimen, reglas)
    x, r = _check(edad, sexo, tasa_tecnica, tabla, rs, fecha)
    ret = check_number("rendimiento_real", r if rendimiento_real is None else rendimiento_real, minimum=-0.5,
                       maximum=0.5)
    balance = check_number("saldo", saldo, minimum=0.0)
    monthly_rate = tasa_mensual(ret)
    rows = []
    for age in range(x, EDAD_MAXIMA_TABLA + 1):
        pension = renta_mensual(balance, factor_anualidad(age, sexo, tasa_tecnica=r, tabla=tabla, reglas=rs), 0.0)
        opening = balance
        balance, paid, _ = pagos_del_anio(pension, balance, monthly_rate)
        rows.append((age, opening, pension, paid, balance - opening + paid, balance))
    columnas = ["edad", "saldo_inicial", "pension_mensual", "pagado", "rendimiento", "saldo_final"]
    return pd.DataFrame(rows, columns=columnas)
