"""Modalidad 40 (continuación voluntaria): cost, and its effect on the Ley 73 average and pension."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np

from pensiones import _repr
from pensiones._validation import check_integer, check_number
from pensiones.ley73.calculo import PensionLey73, pension
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = ["costo_mensual_modalidad40", "promedio_250_semanas", "efecto_modalidad40", "EfectoModalidad40"]

SEMANAS_PROMEDIO = 250


def costo_mensual_modalidad40(
    salario_registrado_diario, anio, *, dias: int = 30, reglas: RuleSet | None = None
) -> float:
    """Monthly Modalidad 40 payment for a registered daily salary, pesos.

    Parameters
    ----------
    salario_registrado_diario : float
        Salary registered for voluntary continuation, pesos a day: at least one minimum wage
        and at most 25 UMA (LSS arts. 28 and 218).
    anio : int or datetime.date
        Year of the payment (its rate, UMA and minimum wage).
    dias : int
        Days of the month paid (28-31; default 30, the convention of the published examples).

    Returns
    -------
    float
        Salary x rate x days, rounded to cents.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    LSS arts. 218-221 (continuación voluntaria en el régimen obligatorio); rates follow LSS
    art. 168 as reformed DOF 16-12-2020 (``modalidad40_tasa``).

    Examples
    --------
    >>> from pensiones.ley73 import costo_mensual_modalidad40
    >>> costo_mensual_modalidad40(2932.75, 2026)         # 25 UMA in 2026
    12702.91
    """
    rs = resolve_reglas(None, reglas)
    fecha = lookup_date(anio)
    d = check_integer("dias", dias, minimum=28, maximum=31)
    sm = rs.salario_minimo_diario(fecha)
    salario = check_number(
        "salario_registrado_diario", salario_registrado_diario, minimum=sm, maximum=rs.tope_sbc_diario(fecha)
    )
    return round(salario * float(rs.value("modalidad40_tasa", fecha)) * d, 2)


def promedio_250_semanas(salarios_semanales: Sequence[float]) -> float:
    """Average daily salary of the last 250 weeks of contributions (LSS 1973 art. 167).

    Parameters
    ----------
    salarios_semanales : sequence of float
        Daily salary of each contributed week, oldest first; at least 250 weeks.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    LSS 1973 art. 167 ("promedio de las últimas 250 semanas de cotización").

    Examples
    --------
    >>> from pensiones.ley73 import promedio_250_semanas
    >>> promedio_250_semanas([100.0] * 300 + [200.0] * 50)
    120.0
    """
    arr = np.asarray(salarios_semanales, dtype=float)
    if arr.ndim != 1 or len(arr) < SEMANAS_PROMEDIO:
        raise ValueError(f"salarios_semanales must list at least {SEMANAS_PROMEDIO} weeks, got {arr.size}")
    if not np.isfinite(arr).all() or (arr <= 0).any():
        raise ValueError("salarios_semanales must be finite and positive")
    return float(arr[-SEMANAS_PROMEDIO:].mean())


@attrs.frozen
class EfectoModalidad40:
    """Cost against gain of Modalidad 40 for one worker (pesos of the pension year)."""

    _REPR_CORTO = ("semanas_modalidad", "salario_registrado_diario", "costo_total", "promedio_sin", "promedio_con",
                   "sin", "con")
    _UNIDADES = {"promedio_sin": "pesos a day", "promedio_con": "pesos a day"}
    __repr__ = _repr.texto
    _repr_html_ = _repr.html

    semanas_modalidad: int
    salario_registrado_diario: float
    costo_total: float
    promedio_sin: float
    promedio_con: float
    sin: PensionLey73
    con: PensionLey73

    @property
    def aumento_mensual(self) -> float:
        """Extra monthly pension bought, pesos."""
        return round(self.con.mensual - self.sin.mensual, 2)

    @property
    def meses_para_recuperar(self) -> float:
        """Months of the extra pension that repay the cost (infinite if it buys nothing)."""
        return float("inf") if self.aumento_mensual <= 0 else self.costo_total / self.aumento_mensual


def efecto_modalidad40(
    salarios_semanales: Sequence[float],
    semanas: float,
    salario_registrado_diario: float,
    semanas_modalidad: int,
    anio_inicio: int,
    edad_pension: float,
    anio_pension: int,
    *,
    reglas: RuleSet | None = None,
    **opciones,
) -> EfectoModalidad40:
    """Pension with and without ``semanas_modalidad`` weeks of Modalidad 40 before retiring.

    Parameters
    ----------
    salarios_semanales : sequence of float
        Daily salary of each contributed week so far, oldest first (at least 250).
    semanas : float
        Weeks recognised so far.
    salario_registrado_diario : float
        Salary registered in Modalidad 40 (constant, pesos a day; within the year's limits).
    semanas_modalidad : int
        Weeks paid in Modalidad 40 (1-520), from January of ``anio_inicio``.
    anio_inicio, anio_pension : int
        Year voluntary contributions start, and year of the pension.
    edad_pension : float
        Age at the pension.
    **opciones
        Passed to :func:`pensiones.ley73.pension` (family, ``unidad_grupo``, caps).

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    The cost is the monthly payment of each year (30-day months, the year's rate) over
    ``semanas_modalidad`` weeks (7/30.4 months a week), in nominal pesos.  The weeks join
    the history at the registered salary, so the new average is that of the last 250 weeks.

    References
    ----------
    LSS arts. 218-221; LSS 1973 art. 167.

    Examples
    --------
    >>> from pensiones.ley73 import efecto_modalidad40
    >>> e = efecto_modalidad40([400.0] * 1200, 1200, 2900.0, 250, 2026, 65, 2031)
    >>> e.promedio_con, e.aumento_mensual > 0
    (2900.0, True)
    """
    rs = resolve_reglas(None, reglas)
    k = check_integer("semanas_modalidad", semanas_modalidad, minimum=1, maximum=520)
    start = check_integer("anio_inicio", anio_inicio, minimum=1997, maximum=2100)
    historial = np.asarray(salarios_semanales, dtype=float)
    promedio_sin = promedio_250_semanas(historial)
    promedio_con = promedio_250_semanas(np.concatenate([historial, np.full(k, float(salario_registrado_diario))]))
    costo = 0.0
    remaining = k
    year = start
    while remaining > 0:
        weeks = min(remaining, 52)
        costo += costo_mensual_modalidad40(salario_registrado_diario, year, reglas=rs) * weeks * 7 / 30.4
        remaining -= weeks
        year += 1
    sin = pension(promedio_sin, semanas, edad_pension, anio_pension, reglas=rs, **opciones)
    con = pension(promedio_con, float(semanas) + k, edad_pension, anio_pension, reglas=rs, **opciones)
    return EfectoModalidad40(k, float(salario_registrado_diario), round(costo, 2), promedio_sin, promedio_con, sin, con)
