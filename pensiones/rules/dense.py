"""Rule tables read on many dates at once: what the engine resolves for every year of a run.

:meth:`RuleSet.values <pensiones.rules.RuleSet.values>` answers, for a list of dates, what
:meth:`RuleSet.value <pensiones.rules.RuleSet.value>` answers for each of them, bit for bit, and
:meth:`RuleSet.rows_by_date <pensiones.rules.RuleSet.rows_by_date>` what :meth:`RuleSet.rows` answers.

- A series table is turned into arrays once per axis key (:meth:`Table.dense_index
  <pensiones.rules.table.Table.dense_index>`); each date is placed by one binary search; the dates
  past the last value follow the table's declared projection as one yearly recurrence
  (:data:`~pensiones.rules.projection.DENSE_PROJECTIONS`) instead of one recursion per date; reform
  overlays apply after the projection, as in a lookup.
- A snapshot table is looked up once per stretch of dates over which neither the law's rows nor an
  overlay change, and every date of the stretch shares those rows.

What this path does not cover (a date before the first value, a gap of a periodic table, a date past
the last value of a table without a projection, a key that is not one row a date) goes through the
one-date lookups, which raise the same errors as ever.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from pensiones.rules.overlay import modificar_fila
from pensiones.rules.projection import DENSE_PROJECTIONS
from pensiones.rules.table import Table

__all__ = ["values_on", "rows_on", "as_array"]


def as_array(values: list) -> np.ndarray:
    """``values`` as float64 when every one is a number (ints are exact up to 2**53), else as objects."""
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return np.array(values, dtype=float)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _stretches(table: Table, dates: list[dt.date], overlay_dates: list[dt.date]) -> list[int] | None:
    """For a table in force indefinitely, the stretch of each date: the law's rows and the overlays'
    changes are the same on the dates of one stretch; None for a table whose values expire."""
    if table.meta.validity != "indefinite":
        return None
    bounds = sorted(set(table.frame["effective_from"]) | set(overlay_dates))
    return [bisect.bisect_right(bounds, d) for d in dates]


def _one_by_one(table: Table, dates: list[dt.date], overlay_dates: list[dt.date],
                one_date: Callable[[dt.date], object]) -> np.ndarray:
    """The one-date lookups, one per stretch (every date when the table's values expire)."""
    which = _stretches(table, dates, overlay_dates)
    if which is None:
        return as_array([one_date(d) for d in dates])
    seen: dict[int, object] = {}
    out = []
    for d, w in zip(dates, which):
        if w not in seen:
            seen[w] = one_date(d)  # the first date of a stretch, in order: a failing lookup fails first here
        out.append(seen[w])
    return as_array(out)


def values_on(rs, table: Table, dates: list[dt.date], column: str, axes: dict, compuesta,
              overlay_dates: list[dt.date], one_date: Callable[[dt.date], object]) -> np.ndarray:
    """Column ``column`` of table ``table`` (key ``axes``) in force on each of ``dates``.

    ``compuesta`` is the rule set's compiled overlays of the table (None without overlays) and
    ``overlay_dates`` the dates of their steps; ``one_date(d)`` is the one-date lookup, used for
    whatever the arrays do not cover (a snapshot table: once per stretch of dates).
    """
    if not dates:
        return np.empty(0)
    index = table.dense_index(**axes)
    projection = DENSE_PROJECTIONS.get(table.meta.projection)
    if index is None or column not in index.columns:
        return _one_by_one(table, dates, overlay_dates, one_date)
    days = np.fromiter((d.toordinal() for d in dates), dtype=np.int64, count=len(dates))
    k = np.searchsorted(index.days, days, side="right") - 1
    if k.min() < 0:
        return as_array([one_date(d) for d in dates])  # before the first value: the lookup's error
    past = days >= index.ends[k]
    last = len(index.days) - 1
    projected = past & (k == last)
    gaps = past & (k != last)
    if (table.meta.periodic and gaps.any()) or (projected.any() and projection is None):
        return as_array([one_date(d) for d in dates])  # a gap, or no projection: the lookup's error
    if compuesta is None and not projected.any() and column in index.numbers:
        return index.numbers[column][k]
    values = [index.columns[column][i] for i in k]
    rows: dict[int, dict] = {}
    where = np.flatnonzero(projected)
    if len(where):
        for i, row in zip(where, projection(rs, index.last, [dates[i] for i in where])):
            row.pop("csv_line", None)
            row["projected"] = True
            rows[int(i)] = row
            values[i] = row[column]
    if compuesta is not None:
        # overlays apply after the projection, on the whole row (their ``donde`` reads other columns)
        for i, d in enumerate(dates):
            row = rows.get(i)
            if row is None:
                row = {c: v[k[i]] for c, v in index.columns.items()}
            values[i] = modificar_fila(compuesta, row, d, table.meta)[column]
    return as_array([v.item() if hasattr(v, "item") else v for v in values])


def rows_on(rs, table: Table, name: str, dates: list[dt.date], axes: dict,
            overlay_dates: list[dt.date]) -> tuple[list[pd.DataFrame], np.ndarray]:
    """The rows ``rs.rows(name, d, **axes)`` of each of ``dates``: (distinct frames, frame of each date).

    A table in force indefinitely changes only on its own dates and on the dates of its overlays'
    steps (``overlay_dates``): one lookup per stretch between them.  The frames are shared by the
    dates of a stretch; callers copy before changing one.
    """
    stretches = _stretches(table, dates, overlay_dates)
    if stretches is None:
        return [rs.rows(name, d, **axes) for d in dates], np.arange(len(dates))
    frames: list[pd.DataFrame] = []
    first: dict[int, int] = {}
    which = np.empty(len(dates), dtype=np.int64)
    for i, (d, stretch) in enumerate(zip(dates, stretches)):
        if stretch not in first:
            first[stretch] = len(frames)
            frames.append(rs.rows(name, d, **axes))
        which[i] = first[stretch]
    return frames, which
