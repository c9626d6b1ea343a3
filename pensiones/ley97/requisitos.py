"""Ley 97 requirements: minimum weeks and ages (LSS arts. 154 and 162, transitorio Cuarto)."""

from __future__ import annotations

from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = ["semanas_minimas", "edad_cesantia", "edad_vejez"]


def semanas_minimas(anio, *, regimen: str | None = None, reglas: RuleSet | None = None) -> int:
    """Minimum weeks of contribution for a cesantía or vejez pension granted in ``anio``.

    Parameters
    ----------
    anio : int or datetime.date
        Year the pension is granted (1997-2100), or an exact date.
    regimen : {"lss2020", "lss1997"}, optional
        Rule set (default ``"lss2020"``).
    reglas : RuleSet, optional
        A rule set with other assumptions or criteria.

    Returns
    -------
    int
        Weeks: 750 in 2021, +25 a year, 1,000 from 2031 (``lss2020``); 1,250 (``lss1997``).

    Notes
    -----
    The same weeks open the guaranteed pension of art. 170 (first column of that year's
    table).

    References
    ----------
    LSS arts. 154 and 162; Decreto DOF 16-12-2020, transitorio Cuarto.  Before the
    reform: LSS arts. 154 and 162 (DOF 21-12-1995).

    Examples
    --------
    >>> from pensiones.ley97 import semanas_minimas
    >>> semanas_minimas(2026)
    875
    >>> semanas_minimas(2040)
    1000
    >>> semanas_minimas(2026, regimen="lss1997")
    1250
    """
    rs = resolve_reglas(regimen, reglas)
    return int(rs.value("semanas_minimas", lookup_date(anio)))


def edad_cesantia(anio, *, regimen: str | None = None, reglas: RuleSet | None = None) -> int:
    """Minimum age for cesantía en edad avanzada (LSS art. 154): 60.

    >>> from pensiones.ley97 import edad_cesantia
    >>> edad_cesantia(2030)
    60
    """
    rs = resolve_reglas(regimen, reglas)
    return int(rs.value("ley97_edades", lookup_date(anio), concepto="cesantia"))


def edad_vejez(anio, *, regimen: str | None = None, reglas: RuleSet | None = None) -> int:
    """Age for vejez (LSS art. 162): 65.

    >>> from pensiones.ley97 import edad_vejez
    >>> edad_vejez(2030)
    65
    """
    rs = resolve_reglas(regimen, reglas)
    return int(rs.value("ley97_edades", lookup_date(anio), concepto="vejez"))
