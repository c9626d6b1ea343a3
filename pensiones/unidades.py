"""Pesos, UMA and minimum wages: conversions for a date or a year, per day, month or year.

The calculators take pesos (``pensiones.ley73.pension`` a daily average salary, the Ley 97 account a
daily SBC), while legal limits and many statements speak in UMA or in minimum wages.  These helpers read
the rule set's tables, so they never disagree with the calculators:

* **UMA** (Unidad de Medida y Actualización): the daily value in force on the date (table ``uma``,
  updated every 1 February); monthly = daily x 30.4 and annual = monthly x 12, each rounded to cents as
  INEGI publishes them (LDVUMA art. 5).  Before 28-01-2016 the UMA did not exist and the minimum wage
  was the unit of account (:meth:`pensiones.rules.RuleSet.unidad_de_cuenta`), so a date before it
  converts with the minimum wage.
* **Minimum wage** (salario mínimo general, table ``salario_minimo``, updated every 1 January): monthly =
  daily x 365/12, "one monthly minimum wage" of LSS 1973 art. 168
  (:data:`pensiones.calendario.DIAS_POR_MES_SALARIO_MINIMO`); annual = daily x 365.

A year means its 1 February (1 July for 1997), the day every annual value of the year is in force
(:func:`pensiones.rules.lookup_date`); pass a :class:`datetime.date` for another day.
"""

from __future__ import annotations

from pensiones._validation import check_choice, check_number
from pensiones.calendario import DIAS_POR_ANIO, DIAS_POR_MES, DIAS_POR_MES_SALARIO_MINIMO, MESES_POR_ANIO
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = [
    "PERIODOS",
    "uma_pesos",
    "salario_minimo_pesos",
    "pesos_a_uma",
    "uma_a_pesos",
    "pesos_a_salarios_minimos",
    "salarios_minimos_a_pesos",
]

#: Periods an amount may be expressed in.
PERIODOS = ("diario", "mensual", "anual")

_ZONAS = ("general", "zlfn")


def uma_pesos(anio, *, periodo: str = "diario", reglas: RuleSet | None = None) -> float:
    """Value of one UMA in pesos on a date or year, per day, month or year (the minimum wage before 2016).

    Parameters
    ----------
    anio : int or datetime.date
        Year (1997-2100; its 1 February, 1 July for 1997) or date.
    periodo : {"diario", "mensual", "anual"}
        Daily value; monthly = daily x 30.4; annual = monthly x 12 (each rounded to cents).
    reglas : RuleSet, optional
        Rule set (default ``lss2020``); overlays on table ``uma`` apply.

    Returns
    -------
    float
        Pesos per UMA.

    Notes
    -----
    Before 28-01-2016 the value is the general minimum wage, the unit of account the UMA replaced
    with the same initial value (:meth:`pensiones.rules.RuleSet.unidad_de_cuenta`).

    References
    ----------
    CPEUM art. 26 B and decree DOF 27-01-2016, transitorios Segundo and Tercero; LDVUMA arts. 4-5
    (DOF 30-12-2016); UMA values published by INEGI in the DOF each January.

    Examples
    --------
    >>> from pensiones.unidades import uma_pesos
    >>> uma_pesos(2025), uma_pesos(2025, periodo="mensual"), uma_pesos(2025, periodo="anual")
    (113.14, 3439.46, 41273.52)
    >>> uma_pesos(2010)  # the minimum wage was the unit of account
    57.46
    """
    rs = resolve_reglas(None, reglas)
    check_choice("periodo", periodo, PERIODOS)
    diario = rs.unidad_de_cuenta(lookup_date(anio, "anio"))
    if periodo == "diario":
        return diario
    mensual = round(diario * DIAS_POR_MES, 2)  # LDVUMA art. 5: monthly UMA = daily x 30.4
    return mensual if periodo == "mensual" else round(mensual * MESES_POR_ANIO, 2)


def salario_minimo_pesos(
    anio, *, periodo: str = "diario", zona: str = "general", reglas: RuleSet | None = None
) -> float:
    """The general minimum wage in pesos on a date or year, per day, month or year.

    Parameters
    ----------
    anio : int or datetime.date
        Year (1997-2100; its 1 February, 1 July for 1997) or date.
    periodo : {"diario", "mensual", "anual"}
        Daily value; monthly = daily x 365/12 (one monthly minimum wage); annual = daily x 365.
    zona : {"general", "zlfn"}
        The general zone (the one the LSS uses) or the northern border free zone.
    reglas : RuleSet, optional
        Rule set (default ``lss2020``); past the last published wage, its declared projection.

    Returns
    -------
    float
        Pesos.

    References
    ----------
    CPEUM art. 123 A fr. VI; LSS 1973 art. 168 (one monthly minimum wage); CONASAMI resolutions
    published in the DOF each December.

    Examples
    --------
    >>> from pensiones.unidades import salario_minimo_pesos
    >>> salario_minimo_pesos(2025), round(salario_minimo_pesos(2025, periodo="mensual"), 2)
    (278.8, 8480.17)
    """
    rs = resolve_reglas(None, reglas)
    check_choice("periodo", periodo, PERIODOS)
    check_choice("zona", zona, _ZONAS)
    diario = rs.salario_minimo_diario(lookup_date(anio, "anio"), zona=zona)
    if periodo == "diario":
        return diario
    return diario * (DIAS_POR_MES_SALARIO_MINIMO if periodo == "mensual" else DIAS_POR_ANIO)


def _monto(monto: object) -> float:
    return check_number("monto", monto, minimum=0.0)


def pesos_a_uma(monto, anio, *, periodo: str = "diario", reglas: RuleSet | None = None) -> float:
    """Express an amount in pesos as UMA of the same period (daily pesos in daily UMA, and so on).

    Parameters
    ----------
    monto : float
        Amount in pesos per ``periodo`` (finite, >= 0).
    anio : int or datetime.date
        Year (1997-2100) or date whose UMA applies (before 28-01-2016, the minimum wage).
    periodo : {"diario", "mensual", "anual"}
        Period of ``monto``: it is divided by the UMA of the same period (:func:`uma_pesos`).
    reglas : RuleSet, optional
        Rule set (default ``lss2020``).

    Returns
    -------
    float
        Number of UMA.

    Raises
    ------
    ValueError
        A negative, NaN or infinite ``monto``, an unknown ``periodo`` or a year outside 1997-2100;
        the message names the argument.

    References
    ----------
    LDVUMA arts. 4-5 (DOF 30-12-2016); decree DOF 27-01-2016, transitorio Tercero.

    Examples
    --------
    >>> from pensiones.unidades import pesos_a_uma
    >>> pesos_a_uma(452.56, 2025)
    4.0
    >>> round(pesos_a_uma(20_000, 2025, periodo="mensual"), 2)
    5.81
    """
    return _monto(monto) / uma_pesos(anio, periodo=periodo, reglas=reglas)


def uma_a_pesos(monto, anio, *, periodo: str = "diario", reglas: RuleSet | None = None) -> float:
    """Express an amount in UMA as pesos of the same period: ``monto`` x :func:`uma_pesos`.

    Parameters
    ----------
    monto : float
        Number of UMA (finite, >= 0).
    anio : int or datetime.date
        Year (1997-2100) or date whose UMA applies (before 28-01-2016, the minimum wage).
    periodo : {"diario", "mensual", "anual"}
        Period of the result.
    reglas : RuleSet, optional
        Rule set (default ``lss2020``).

    Returns
    -------
    float
        Pesos per ``periodo``.

    References
    ----------
    LDVUMA arts. 4-5 (DOF 30-12-2016).

    Examples
    --------
    >>> from pensiones.unidades import uma_a_pesos
    >>> round(uma_a_pesos(25, 2025), 2)  # the SBC cap of LSS art. 28, pesos a day
    2828.5
    """
    return _monto(monto) * uma_pesos(anio, periodo=periodo, reglas=reglas)


def pesos_a_salarios_minimos(
    monto, anio, *, periodo: str = "diario", zona: str = "general", reglas: RuleSet | None = None
) -> float:
    """Express an amount in pesos as general minimum wages of the same period.

    Parameters
    ----------
    monto : float
        Amount in pesos per ``periodo`` (finite, >= 0).
    anio : int or datetime.date
        Year (1997-2100) or date whose minimum wage applies.
    periodo : {"diario", "mensual", "anual"}
        Period of ``monto``: it is divided by the minimum wage of that period
        (:func:`salario_minimo_pesos`).
    zona : {"general", "zlfn"}
        Minimum-wage zone.
    reglas : RuleSet, optional
        Rule set (default ``lss2020``).

    Returns
    -------
    float
        Number of minimum wages ("veces el salario mínimo").

    References
    ----------
    CPEUM art. 123 A fr. VI; LSS 1973 arts. 167-168.

    Examples
    --------
    >>> from pensiones.unidades import pesos_a_salarios_minimos
    >>> pesos_a_salarios_minimos(557.6, 2025)
    2.0
    """
    return _monto(monto) / salario_minimo_pesos(anio, periodo=periodo, zona=zona, reglas=reglas)


def salarios_minimos_a_pesos(
    monto, anio, *, periodo: str = "diario", zona: str = "general", reglas: RuleSet | None = None
) -> float:
    """Express an amount in general minimum wages as pesos: ``monto`` x :func:`salario_minimo_pesos`.

    Parameters
    ----------
    monto : float
        Number of minimum wages (finite, >= 0).
    anio : int or datetime.date
        Year (1997-2100) or date whose minimum wage applies.
    periodo : {"diario", "mensual", "anual"}
        Period of the result.
    zona : {"general", "zlfn"}
        Minimum-wage zone.
    reglas : RuleSet, optional
        Rule set (default ``lss2020``).

    Returns
    -------
    float
        Pesos per ``periodo``.

    References
    ----------
    CPEUM art. 123 A fr. VI; LSS 1973 art. 168.

    Examples
    --------
    >>> from pensiones.unidades import salarios_minimos_a_pesos
    >>> round(salarios_minimos_a_pesos(10, 2025), 2)  # 10 minimum wages: the cap of 2a./J. 85/2010
    2788.0
    """
    return _monto(monto) * salario_minimo_pesos(anio, periodo=periodo, zona=zona, reglas=reglas)
