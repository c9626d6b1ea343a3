"""Ley 73 minimum pension (LSS 1973 art. 168)."""

from __future__ import annotations

import numpy as np

from pensiones.calendario import DIAS_POR_MES_SALARIO_MINIMO as DIAS_POR_MES
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = ["pension_minima_mensual"]


def pension_minima_mensual(anio, *, con_incremento_11: bool = True, reglas: RuleSet | None = None) -> float:
    """Minimum Ley 73 cesantía or vejez pension, pesos a month, for a pension granted in ``anio``.

    One monthly general minimum wage (365/12 days), including asignaciones and ayudas, plus
    the 11 % increase by default.

    Parameters
    ----------
    anio : int or datetime.date
        Year the pension is granted (its minimum wage, from 1 January).
    con_incremento_11 : bool
        Include the 11 % increase of the 2001 decree (default True: reproduces the IMSS
        amounts published for 2022, 5,836.52, and 2023, 7,003.69, and the "8 mil 400" of
        2024).  False gives one minimum wage (an amount one repository uses).

    Returns
    -------
    float
        Pesos a month, rounded to cents.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    LSS 1973 art. 168 (minimum: 100 % of the Distrito Federal minimum wage, including
    asignaciones familiares and ayudas asistenciales); Decreto DOF 20-12-2001, Décimo
    Cuarto transitorio.

    Examples
    --------
    >>> from pensiones.ley73 import pension_minima_mensual
    >>> pension_minima_mensual(2022), pension_minima_mensual(2023)
    (5836.52, 7003.69)
    """
    rs = resolve_reglas(None, reglas)
    fecha = lookup_date(anio)
    veces = float(rs.value("ley73_pension_minima", fecha))
    amount = veces * rs.salario_minimo_diario(fecha) * DIAS_POR_MES
    if con_incremento_11:
        amount *= 1.0 + float(rs.value("ley73_incremento_decreto", fecha))
    return round(amount, 2)


def pensiones_minimas_mensuales(fechas, *, reglas: RuleSet) -> np.ndarray:
    """:func:`pension_minima_mensual` (with the 11 %) on each of ``fechas`` (dates or years), as an array."""
    fechas = [lookup_date(f) for f in fechas]
    veces = reglas.values("ley73_pension_minima", fechas)
    # LSS 1973 art. 168: one monthly minimum wage; Decreto DOF 20-12-2001: the 11 % increase
    amount = veces * reglas.values("salario_minimo", fechas, zona="general") * DIAS_POR_MES
    amount = amount * (1.0 + reglas.values("ley73_incremento_decreto", fechas))
    return np.array([round(float(a), 2) for a in amount])
