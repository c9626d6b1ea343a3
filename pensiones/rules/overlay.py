"""Reform overlays: dated changes of a rule table's values (a reform is a list of them)."""

from __future__ import annotations

import datetime as dt

import attrs
import pandas as pd

from pensiones._validation import as_date, check_number
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.loader import _check_rows
from pensiones.rules.schema import Citation
from pensiones.rules.table import BeyondLastValue, Table

__all__ = ["Reforma", "aplicar"]


def _date(instance, attribute, value):
    d = as_date(attribute.name, value)
    if not dt.date(1997, 7, 1) <= d <= dt.date(2100, 12, 31):
        raise ValueError(f"{attribute.name} must be between 1997-07-01 and 2100-12-31, got {d}")


@attrs.frozen(kw_only=True)
class Reforma:
    """Change ``columna`` of table ``tabla`` from ``desde`` on, for the rows matching ``donde``.

    Exactly one of ``valor`` (the new value) or ``factor`` (a multiplier of the value in force
    on ``desde``) is given.  Rows of the table dated on or after ``desde`` (for the matching keys)
    are replaced: the reform holds from then on.

    Examples
    --------
    >>> from pensiones.rules.overlay import Reforma
    >>> Reforma(tabla="semanas_minimas", desde="2027-01-01", valor=1250)
    Reforma(tabla='semanas_minimas', desde=datetime.date(2027, 1, 1), valor=1250.0, factor=None, donde={}, columna='value', descripcion='')
    """

    tabla: str
    desde: dt.date = attrs.field(converter=lambda v: as_date("desde", v), validator=_date)
    valor: float | None = attrs.field(default=None, converter=lambda v: None if v is None else check_number("valor", v))
    factor: float | None = attrs.field(default=None, converter=lambda v: None if v is None else check_number("factor", v, minimum=0.0))
    donde: dict = attrs.field(factory=dict)
    columna: str = "value"
    descripcion: str = ""

    def __attrs_post_init__(self):
        if (self.valor is None) == (self.factor is None):
            raise ValueError(f"reform of '{self.tabla}': give exactly one of 'valor' or 'factor'")
        if not isinstance(self.donde, dict):
            raise ValueError(f"reform of '{self.tabla}': 'donde' must be a table of column = value")


def aplicar(table: Table, reforma: Reforma) -> Table:
    """A new :class:`Table` with the reform applied (validated like a packaged table)."""
    meta = table.meta
    where = f"reform of '{meta.name}'"
    if reforma.columna not in meta.values:
        raise ValueError(f"{where}: columna must be one of {', '.join(meta.values)}; got {reforma.columna!r}")
    for col, value in reforma.donde.items():
        if col not in table.frame.columns or col in ("effective_from", "csv_line"):
            raise ValueError(f"{where}: 'donde' names unknown column {col!r}")
        if value not in set(table.frame[col]):
            raise ValueError(f"{where}: {col}={value!r} matches no row; values: {sorted(map(str, set(table.frame[col])))}")
    frame = table.frame
    desde = reforma.desde
    if meta.layout == "series":
        axes = list(meta.axes)
        keys = frame[axes].drop_duplicates().to_dict("records") if axes else [{}]
        keys = [k for k in keys if all(k.get(c) == v for c, v in reforma.donde.items() if c in axes)]
        new_rows, drop = [], pd.Series(False, index=frame.index)
        for key in keys:
            try:
                rows = table.rows_in_force(desde, **key)
            except BeyondLastValue as exc:
                rows = exc.last
            except RuleLookupError as exc:
                raise ValueError(f"{where}: {exc}") from None
            row = rows.iloc[[-1]].copy()
            old = float(row[reforma.columna].iloc[0])
            row[reforma.columna] = reforma.valor if reforma.valor is not None else old * reforma.factor
            row["effective_from"] = desde
            new_rows.append(row)
            mask = frame["effective_from"] >= desde
            for c, v in key.items():
                mask &= frame[c] == v
            drop |= mask
        out = pd.concat([frame[~drop], *new_rows])
    else:
        try:
            rows = table.rows_in_force(desde).copy()
        except RuleLookupError as exc:
            raise ValueError(f"{where}: {exc}") from None
        match = pd.Series(True, index=rows.index)
        for c, v in reforma.donde.items():
            match &= rows[c] == v
        old = rows.loc[match, reforma.columna].astype(float)
        rows.loc[match, reforma.columna] = reforma.valor if reforma.valor is not None else old * reforma.factor
        rows["effective_from"] = desde
        out = pd.concat([frame[frame["effective_from"] < desde], rows])
    out = out.sort_values("effective_from", kind="stable").reset_index(drop=True)
    citations = tuple(c for c in meta.citations if c.desde < desde) + (
        Citation(desde, f"Reform overlay: {reforma.descripcion or reforma.columna + ' changed'}", desde, "assumption", "scenario"),
    )
    new = Table(attrs.evolve(meta, citations=citations), out)
    _check_rows(f"{meta.name} ({where})", out, new.meta)
    return new
