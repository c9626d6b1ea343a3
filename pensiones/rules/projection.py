"""Declared projections: how a series continues past its last published value.

A table names its projection in its TOML (``projection = "uma"``); a lookup past the
period of the last value calls it.  Tables that declare ``"none"`` raise instead.
Nothing is frozen silently: each projection below is a rule of law run on assumed
inputs, or an assumption named in :class:`~pensiones.rules.supuestos.Supuestos`.

Each projection takes the rule set, the table and the :class:`BeyondLastValue`
raised by the lookup, and returns the projected row as a dict of column -> value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from pensiones.rules.table import BeyondLastValue, Table

if TYPE_CHECKING:
    from pensiones.rules.ruleset import RuleSet

Projection = Callable[["RuleSet", Table, BeyondLastValue], dict]


def _years_after(start: dt.date, date: dt.date) -> int:
    """Whole anniversaries of ``start`` on or before ``date``."""
    n = date.year - start.year
    if (date.month, date.day) < (start.month, start.day):
        n -= 1
    return n


def _last_row(exc: BeyondLastValue) -> dict:
    return exc.last.iloc[0].to_dict()


def _shift_years(start: dt.date, years: int) -> dt.date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


# Each projection takes the rule set, the table's last row (as ``BeyondLastValue.last`` gives it) and
# the dates past its period, and returns the row each date gets.  A yearly recurrence is run once up to
# the latest date instead of once per date; a lookup of one date runs it for that date alone
# (:data:`PROJECTIONS`), so the one-date and the many-dates lookups answer alike by construction.
DenseProjection = Callable[["RuleSet", dict, list], list]


def _decs(rs: RuleSet, first: int, n: int) -> list[float]:
    """December-on-December INPC of years ``first`` .. ``first + n - 1``: INPC December of each year
    over December of the year before (projected if needed)."""
    if n <= 0:
        return []
    inpc = [float(v) for v in rs.values("inpc", [dt.date(y, 12, 1) for y in range(first - 1, first + n)])]
    return [inpc[j + 1] / inpc[j] for j in range(n)]


def _anniversaries(last: dict, dates: list, step: Callable[[float, int], float]) -> list:
    """Rows of the yearly projections: value after ``n`` anniversaries of the last row, each step
    ``value = step(value, k)`` for anniversary ``k`` (1, 2, ...)."""
    start = last["effective_from"]
    ns = [_years_after(start, d) for d in dates]
    path = [last["value"]]
    for k in range(1, max(ns, default=0) + 1):
        path.append(step(path[-1], k))
    out = []
    for n in ns:
        row = dict(last)
        row["value"] = path[n]
        row["effective_from"] = _shift_years(start, n)
        out.append(row)
    return out


def _max_years(last: dict, dates: list) -> int:
    return max((_years_after(last["effective_from"], d) for d in dates), default=0)


def factor_trayectoria(desde: int, hasta: int, tasa: float, trayectoria) -> float:
    """Growth factor from year ``desde`` to year ``hasta`` at the rate of each year in between: the product of
    ``1 + rate(s)`` over ``s = desde + 1 .. hasta`` (its inverse when ``hasta < desde``), ``rate(s)`` the
    value of ``trayectoria`` (``(year, rate)`` pairs, :func:`pensiones.rules.supuestos.trayectoria_anual`)
    for year ``s``, else ``tasa``.  Without a trajectory it is ``(1 + tasa) ** (hasta - desde)``."""
    if not trayectoria:
        return (1.0 + tasa) ** (hasta - desde)
    por_anio = dict(trayectoria)
    factor = 1.0
    for s in range(min(desde, hasta) + 1, max(desde, hasta) + 1):
        factor *= 1.0 + por_anio.get(s, tasa)
    return factor if hasta >= desde else 1.0 / factor


def _meses_trayectoria(start: dt.date, d: dt.date, tasa: float, por_anio: dict, diciembres: dict) -> float:
    """Growth from ``start`` to ``d`` (firsts of months, ``d`` after ``start``), each month at the twelfth
    root of ``1 + rate`` of its year (``por_anio``, else ``tasa``).  ``diciembres`` keeps the growth to each
    December already computed (year -> factor), for the next dates of the same lookup."""
    if d.year == start.year:
        return (1.0 + por_anio.get(d.year, tasa)) ** ((d.month - start.month) / 12.0)
    if start.year not in diciembres:
        diciembres[start.year] = (1.0 + por_anio.get(start.year, tasa)) ** ((12 - start.month) / 12.0)
    for anio in range(max(diciembres) + 1, d.year):
        diciembres[anio] = diciembres[anio - 1] * (1.0 + por_anio.get(anio, tasa))
    return diciembres[d.year - 1] * (1.0 + por_anio.get(d.year, tasa)) ** (d.month / 12.0)


def dense_inpc(rs: RuleSet, last: dict, dates: list) -> list:
    """INPC: the last index compounded monthly at ``supuestos.inflacion`` a year, on each of ``dates``;
    a month of a year in ``supuestos.trayectoria_inflacion`` at that year's rate."""
    start, growth = last["effective_from"], 1.0 + rs.supuestos.inflacion
    trayectoria = dict(rs.supuestos.trayectoria_inflacion)
    diciembres: dict = {}
    out = []
    for d in dates:
        row = dict(last)
        months = (d.year - start.year) * 12 + d.month - start.month
        if trayectoria:
            row["value"] = last["value"] * _meses_trayectoria(start, dt.date(d.year, d.month, 1),
                                                              rs.supuestos.inflacion, trayectoria, diciembres)
        else:
            row["value"] = last["value"] * growth ** (months / 12.0)
        row["effective_from"] = dt.date(d.year, d.month, 1)
        out.append(row)
    return out


def dense_uma(rs: RuleSet, last: dict, dates: list) -> list:
    """UMA: each 1 February, previous value x December-on-December INPC, rounded to cents (LDVUMA art. 5),
    on each of ``dates``."""
    decs = _decs(rs, last["effective_from"].year, _max_years(last, dates))
    return _anniversaries(last, dates, lambda v, k: round(v * decs[k - 1], 2))


def dense_salario_minimo(rs: RuleSet, last: dict, dates: list) -> list:
    """Minimum wage: each 1 January, previous value x December-on-December INPC x (1 + real growth), on each
    of ``dates``."""
    decs = _decs(rs, last["effective_from"].year, _max_years(last, dates))
    growth = 1.0 + rs.supuestos.crecimiento_real_salario_minimo
    out = _anniversaries(last, dates, lambda v, k: round(v * decs[k - 1] * growth, 2))
    for row in out:
        row["nota"] = "projected"
    return out


def dense_inflacion(rs: RuleSet, last: dict, dates: list) -> list:
    """Amount updated each year by the estimated inflation (``supuestos.inflacion``, or the year's value in
    ``supuestos.trayectoria_inflacion``: the year of the update), rounded to cents, on each of ``dates``."""
    trayectoria = dict(rs.supuestos.trayectoria_inflacion)
    if not trayectoria:
        return _anniversaries(last, dates, lambda v, k: round(v * (1.0 + rs.supuestos.inflacion), 2))
    inicio = last["effective_from"].year
    return _anniversaries(
        last, dates, lambda v, k: round(v * (1.0 + trayectoria.get(inicio + k, rs.supuestos.inflacion)), 2)
    )


def dense_pbam(rs: RuleSet, last: dict, dates: list) -> list:
    """Bienestar amounts: previous x December-on-December INPC x (1 + real growth); ages carry over; on
    each of ``dates``."""
    decs = _decs(rs, last["effective_from"].year, _max_years(last, dates))
    growth = 1.0 + rs.supuestos.crecimiento_real_pbam
    out = _anniversaries(last, dates, lambda v, k: round(v * decs[k - 1] * growth, 2))
    for row in out:
        for column in ("beneficiarios", "presupuesto_mdp"):
            if column in row:
                row[column] = None
    return out


def dense_comision(rs: RuleSet, last: dict, dates: list) -> list:
    """AFORE fee: ``supuestos.comision_anual`` if set, else the last published value, on each of ``dates``."""
    out = []
    for _ in dates:
        row = dict(last)
        if rs.supuestos.comision_anual is not None:
            row["value"] = rs.supuestos.comision_anual
        out.append(row)
    return out


#: The projections a table may declare, on many dates at once (``"none"`` raises, through the lookup).
DENSE_PROJECTIONS: dict[str, DenseProjection | None] = {
    "none": None,
    "inpc": dense_inpc,
    "uma": dense_uma,
    "salario_minimo": dense_salario_minimo,
    "inflacion": dense_inflacion,
    "pbam": dense_pbam,
    "comision": dense_comision,
}


def _one_date(dense: DenseProjection) -> Projection:
    """The one-date form of a projection: ``dense`` on the date of the lookup alone.

    Parameters
    ----------
    dense : DenseProjection
        A projection of :data:`DENSE_PROJECTIONS`.

    Returns
    -------
    Projection
        ``projection(rs, table, exc)``: the row ``dense`` gives ``exc.date`` from the last row
        ``exc.last``, a new dict.
    """

    def projection(rs: RuleSet, table: Table, exc: BeyondLastValue) -> dict:
        return dense(rs, _last_row(exc), [exc.date])[0]

    projection.__name__ = projection.__qualname__ = dense.__name__.replace("dense_", "project_", 1)
    projection.__doc__ = f":func:`{dense.__name__}` on the date of the lookup (``exc.date``) alone."
    return projection


#: Registry of projections a table may declare (``"none"`` raises): those of
#: :data:`DENSE_PROJECTIONS`, each on one date.
PROJECTIONS: dict[str, Projection | None] = {
    name: None if dense is None else _one_date(dense) for name, dense in DENSE_PROJECTIONS.items()
}
project_inpc, project_uma, project_salario_minimo, project_inflacion, project_pbam, project_comision = (
    PROJECTIONS[name] for name in ("inpc", "uma", "salario_minimo", "inflacion", "pbam", "comision")
)


#: Default real growth of the economy-wide wage a year: the default of
#: ``pensiones.Procesos.crecimiento_real_salarial``, for calculators that project the IMSS average
#: SBC outside a simulation (a test keeps the two equal).
CRECIMIENTO_REAL_SALARIAL = 0.01


def sbc_promedio_imss(rs: RuleSet, anio: int, crecimiento_real_salarial: float = CRECIMIENTO_REAL_SALARIAL) -> float:
    """The IMSS average daily SBC of year ``anio`` as the engine projects it, pesos a day.

    The table's latest December (``sbc_promedio_imss``: 627.87 pesos in December 2025) is the
    average of its year; year ``t`` multiplies it by the INPC of December ``t - 1`` over December of
    the year before the base year, and by ``(1 + crecimiento_real_salarial) ** (t - base)``.  The
    engine's reference wage (salary bands of the contribution chain, entrants' wages) and the
    ``salario_promedio`` reading of the Fondo Bienestar threshold both use it.
    """
    fechas = rs.rule_table("sbc_promedio_imss").frame["effective_from"]
    base_anio = max(d.year for d in fechas if d.month == 12)
    base = float(rs.row("sbc_promedio_imss", dt.date(base_anio, 12, 1))["value"])
    ratio = rs.inpc(int(anio) - 1, 12) / rs.inpc(base_anio - 1, 12)
    return base * ratio * (1.0 + crecimiento_real_salarial) ** (int(anio) - base_anio)


def sbc_promedio_imss_anios(rs: RuleSet, anios, crecimiento_real_salarial: float = CRECIMIENTO_REAL_SALARIAL,
                            trayectoria=()):
    """:func:`sbc_promedio_imss` on each of ``anios``, as a float64 array.

    ``trayectoria`` (``(year, rate)`` pairs, ``Procesos.trayectoria_crecimiento_real_salarial``) gives the
    real growth from year ``s - 1`` to ``s`` for the years it names (:func:`factor_trayectoria`).
    """
    fechas = rs.rule_table("sbc_promedio_imss").frame["effective_from"]
    base_anio = max(d.year for d in fechas if d.month == 12)
    base = float(rs.row("sbc_promedio_imss", dt.date(base_anio, 12, 1))["value"])
    anios = [int(a) for a in anios]
    inpc = rs.values("inpc", [dt.date(a - 1, 12, 1) for a in anios] + [dt.date(base_anio - 1, 12, 1)])
    den = float(inpc[-1])
    if trayectoria:
        return np.array([base * (float(x) / den) * factor_trayectoria(base_anio, a, crecimiento_real_salarial,
                                                                        trayectoria)
                         for x, a in zip(inpc[:-1], anios)])
    g = 1.0 + crecimiento_real_salarial
    return np.array([base * (float(x) / den) * g ** (a - base_anio) for x, a in zip(inpc[:-1], anios)])
