"""Ley 73 eligibility and conservación de derechos (LSS 1973 arts. 138, 145, 182)."""

from __future__ import annotations

import datetime as dt

from pensiones._validation import as_date, check_number
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = ["elegible", "conservacion_derechos", "edad_computada"]


def edad_computada(edad: float) -> int:
    """Age in whole years for art. 171: a fraction over six months counts as one more year.

    >>> edad_computada(60.5), edad_computada(60.51)
    (60, 61)
    """
    whole = int(edad)
    return whole + 1 if edad - whole > 0.5 else whole


def elegible(semanas, edad, anio, *, reglas: RuleSet | None = None) -> bool:
    """Whether a Ley 73 cesantía or vejez pension can be granted: 500 weeks and age 60 or more.

    Parameters
    ----------
    semanas : float
        Weeks of contribution recognised (0-5,500).
    edad : float
        Age in years (0-120), computed as in art. 171.
    anio : int or datetime.date
        Year the pension is requested.

    References
    ----------
    LSS 1973 arts. 138 (vejez, 65) and 143-145 (cesantía, 60), 500 weekly contributions.

    Examples
    --------
    >>> from pensiones.ley73 import elegible
    >>> elegible(500, 60, 2026), elegible(499, 65, 2026), elegible(1200, 59.4, 2026)
    (True, False, False)
    """
    rs = resolve_reglas(None, reglas)
    s = check_number("semanas", semanas, minimum=0.0, maximum=5500.0)
    e = check_number("edad", edad, minimum=0.0, maximum=120.0)
    fecha = lookup_date(anio)
    minimo = int(rs.value("ley73_requisitos", fecha, concepto="semanas_minimas"))
    edad_min = int(rs.value("ley73_requisitos", fecha, concepto="edad_cesantia"))
    return s >= minimo and edad_computada(e) >= edad_min


def conservacion_derechos(semanas, fecha_baja) -> dt.date:
    """Last day the insured keeps the right to a Ley 73 pension after leaving the obligatory regime.

    One quarter of the time covered by weekly contributions, counted from the baja, and never
    less than twelve months.

    Parameters
    ----------
    semanas : float
        Weeks of contribution at the baja (0-5,500).
    fecha_baja : datetime.date or 'YYYY-MM-DD'
        Date of leaving the obligatory regime.

    References
    ----------
    LSS 1973 art. 182 (LSS 1997 art. 150 is the equivalent).  The twelve-month minimum is
    single-source (shared/reference/ley73/ley73_rules.md section 10).

    Examples
    --------
    >>> import datetime
    >>> from pensiones.ley73 import conservacion_derechos
    >>> conservacion_derechos(1000, datetime.date(2020, 1, 15))   # 250 weeks
    datetime.date(2024, 10, 30)
    >>> conservacion_derechos(100, datetime.date(2020, 1, 15))    # 25 weeks < 12 months
    datetime.date(2021, 1, 15)
    """
    s = check_number("semanas", semanas, minimum=0.0, maximum=5500.0)
    baja = as_date("fecha_baja", fecha_baja)
    by_quarter = baja + dt.timedelta(weeks=s / 4.0)
    twelve_months = (
        baja.replace(year=baja.year + 1) if not (baja.month == 2 and baja.day == 29) else dt.date(baja.year + 1, 2, 28)
    )
    return max(by_quarter, twelve_months)
