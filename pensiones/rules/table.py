"""A loaded rule table and its date lookups."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt

import attrs
import numpy as np
import pandas as pd

from pensiones.rules.errors import RuleLookupError
from pensiones.rules.schema import TableMeta

__all__ = ["Table", "BeyondLastValue", "period_end", "DenseIndex"]

#: Day number standing for "no end" in :attr:`DenseIndex.ends` (a value in force indefinitely).
SIN_FIN = np.iinfo(np.int64).max


class BeyondLastValue(RuleLookupError):
    """The date is after the period of the last known value; only a projection may answer."""

    def __init__(self, table: str, date: dt.date, last: pd.DataFrame, key: dict[str, object]):
        self.table, self.date, self.last, self.key = table, date, last, key
        start = last["effective_from"].iloc[0]
        super().__init__(
            f"rule table '{table}' has no value for {date}{_key_text(key)}: its last value took effect on {start} "
            f"and the table declares no projection"
        )


def period_end(start: dt.date, validity: str) -> dt.date | None:
    """First date after the period that a value starting on ``start`` covers (None: no end)."""
    if validity == "indefinite":
        return None
    if validity == "annual":
        return _add_months(start, 12)
    return _add_months(start, 1)


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _key_text(key: dict[str, object]) -> str:
    return "" if not key else " (" + ", ".join(f"{k}={v!r}" for k, v in key.items()) + ")"


@attrs.frozen(eq=False)
class DenseIndex:
    """The rows of one axis key of a table as arrays, for lookups on many dates at once.

    Built once per table and key by :meth:`Table.dense_index`; read by
    :meth:`pensiones.rules.RuleSet.values`.

    Attributes
    ----------
    days : numpy.ndarray
        ``date.toordinal()`` of each distinct effective date, increasing, shape ``(n,)``.
    ends : numpy.ndarray
        Day number of the first day after the period each value covers (:data:`SIN_FIN`: none).
    columns : dict of str to list
        The value of each column in the row of each date, as a lookup's row gives it.
    numbers : dict of str to numpy.ndarray
        The columns whose values are all numbers, as float64 arrays.
    last : dict
        The last row, as a projection receives it (``BeyondLastValue.last``).
    """

    days: np.ndarray
    ends: np.ndarray
    columns: dict
    numbers: dict
    last: dict


@attrs.frozen(eq=False)
class Table:
    """One validated rule table.

    Attributes
    ----------
    meta : TableMeta
        Unit, label, status, citations, validity and projection.
    frame : pandas.DataFrame
        The rows, one column per CSV column plus ``csv_line`` (the CSV line number).
    """

    meta: TableMeta
    frame: pd.DataFrame
    _indice: dict = attrs.field(factory=dict, init=False, repr=False)
    _densos: dict = attrs.field(factory=dict, init=False, repr=False)

    def _grupo(self, axes: dict) -> tuple[pd.DataFrame, list, dict]:
        """(rows of an axis key, their sorted distinct dates, the rows of each date), built once per key.

        The lookups of a 46-year run ask each table dozens of times: the filtering is done here
        once and every later lookup is a binary search.  The frames are shared: callers copy before
        changing them.
        """
        key = tuple(sorted(axes.items())) if self.meta.layout == "series" else ()
        hit = self._indice.get(key)
        if hit is None:
            frame = self.frame
            for axis, value in key:
                frame = frame[frame[axis] == value]
            dates = sorted(set(frame["effective_from"]))
            por_fecha = {d: g for d, g in frame.groupby("effective_from", sort=True)} if len(frame) else {}
            hit = (frame, dates, por_fecha)
            self._indice[key] = hit
        return hit

    @property
    def name(self) -> str:
        return self.meta.name

    def to_frame(self) -> pd.DataFrame:
        """A copy of the rows for notebooks, with the metadata in ``.attrs['meta']``."""
        out = self.frame.drop(columns="csv_line").copy()
        out.attrs["meta"] = self.meta
        return out

    def rows_in_force(self, date: dt.date, **axes: object) -> pd.DataFrame:
        """Rows in force on ``date`` (filtered by ``axes``).

        Series layout: the latest row with ``effective_from <= date`` for the given axis key.
        Snapshot layout: all rows of the latest ``effective_from <= date``, filtered by ``axes``.

        Raises
        ------
        RuleLookupError
            Before the first date, in a gap of a periodic series, or for an unknown axis value.
        BeyondLastValue
            After the period of the last value (the caller may project).
        """
        for axis, value in axes.items():
            allowed = self.meta.axes.get(axis)
            if allowed is None and axis not in self.frame.columns:
                raise RuleLookupError(f"rule table '{self.name}' has no column '{axis}'")
            if allowed is not None and value not in allowed:
                raise RuleLookupError(
                    f"rule table '{self.name}': {axis}={value!r} is not one of {', '.join(map(repr, allowed))}"
                )
        frame, dates, por_fecha = self._grupo(axes)
        if self.meta.layout == "series" and frame.empty:
            raise RuleLookupError(f"rule table '{self.name}' has no rows{_key_text(axes)}")
        k = bisect.bisect_right(dates, date)
        if k == 0:
            raise RuleLookupError(
                f"rule table '{self.name}' starts on {dates[0]}{_key_text(axes)}: no value for {date}"
            )
        start = dates[k - 1]
        rows = por_fecha[start].copy()  # the index's frames are shared: callers get their own
        is_last = k == len(dates)
        end = period_end(start, self.meta.validity)
        if end is not None and date >= end:
            if is_last:
                raise BeyondLastValue(self.name, date, rows, dict(axes))
            if self.meta.periodic:
                raise RuleLookupError(
                    f"rule table '{self.name}' has no value for {date}{_key_text(axes)} "
                    f"(gap after the period starting {start})"
                )
        if self.meta.layout == "snapshot":
            for axis, value in axes.items():
                rows = rows[rows[axis] == value]
        return rows

    def dense_index(self, **axes: object) -> DenseIndex | None:
        """The rows of the series key ``axes`` as arrays (:class:`DenseIndex`), built once per key.

        None when a lookup of this key can fail or is not one row a date (an unknown axis or
        value, no rows, several rows on a date, a snapshot table): the caller then looks each date
        up, and gets the lookup's error.
        """
        key = tuple(sorted(axes.items()))
        if key not in self._densos:
            self._densos[key] = self._dense_index(axes)
        return self._densos[key]

    def _dense_index(self, axes: dict) -> DenseIndex | None:
        if self.meta.layout != "series":
            return None
        for axis, value in axes.items():
            allowed = self.meta.axes.get(axis)
            if (allowed is None and axis not in self.frame.columns) or (allowed is not None and value not in allowed):
                return None
        frame, dates, por_fecha = self._grupo(axes)
        if frame.empty or any(len(g) != 1 for g in por_fecha.values()):
            return None
        ordered = frame.sort_values("effective_from", kind="stable").drop(columns="csv_line")
        ends = []
        for d in dates:
            end = period_end(d, self.meta.validity)
            ends.append(SIN_FIN if end is None else end.toordinal())
        # as a row's dict gives them (Series.to_dict turns a nullable column's NA into None)
        columns = {c: [None if v is pd.NA else v for v in ordered[c].tolist()] for c in ordered.columns}
        numbers = {
            c: np.array(v, dtype=float) for c, v in columns.items()
            if all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
        }
        return DenseIndex(
            days=np.array([d.toordinal() for d in dates], dtype=np.int64),
            ends=np.array(ends, dtype=np.int64),
            columns=columns,
            numbers=numbers,
            last=por_fecha[dates[-1]].iloc[0].to_dict(),
        )

    def value(self, date: dt.date, column: str = "value", **axes: object):
        """The single value in force on ``date`` for ``axes`` (see :meth:`rows_in_force`)."""
        rows = self.rows_in_force(date, **axes)
        if len(rows) != 1:
            raise RuleLookupError(
                f"rule table '{self.name}': {len(rows)} rows in force on {date}{_key_text(axes)}; name the key"
            )
        return rows[column].iloc[0]
