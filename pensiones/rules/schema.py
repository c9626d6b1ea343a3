"""Metadata of a rule table: the TOML file that sits beside each CSV.

A table ``name.csv`` is described by ``name.toml``::

    label = "English label"          # required
    unit = "pesos_diarios"           # required
    status = "official"              # official | secondary | assumption | mixed
    layout = "series"                # series: one value per key and date; snapshot: the
                                     # rows sharing an effective_from are the table in force
    validity = "annual"              # indefinite | annual | monthly: how long the last row lasts
    periodic = false                 # true for measurements: each row covers only its own period
    projection = "uma"               # none, or a projection registered in pensiones.rules.projection
    indexation = "text"              # required: how the values are updated
    values = ["value"]               # value columns (default ["value"])
    key = ["edad"]                   # snapshot layout: columns that identify a row within a date
    notes = "text"                   # optional
    [columns]                        # every CSV column and its type: date, int, float, str (+ "?" nullable)
    [axes]                           # categorical columns and their allowed values
    [bands]                          # present when the table has band_from / band_to columns
    unit = "veces"                   #   unit of the limits when there are no unit_from / unit_to columns
    [[citations]]                    # one or more, sorted by ``from``; each covers the effective
    from = 2016-01-28                #   dates from ``from`` until the next citation
    article = "LSS art. ..."
    dof = 2016-01-27                 #   publication date in the Diario Oficial de la Federación
    status = "official"
    source = "where the values were read"
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from pensiones.rules.errors import RuleTableError

STATUSES = ("official", "secondary", "assumption", "mixed")
LAYOUTS = ("series", "snapshot")
VALIDITIES = ("indefinite", "annual", "monthly")
COLUMN_TYPES = ("date", "int", "float", "str")

_REQUIRED = ("label", "unit", "status", "layout", "validity", "projection", "indexation", "columns", "citations")
_OPTIONAL = ("values", "key", "notes", "axes", "bands", "periodic")
_CITATION_REQUIRED = ("from", "article", "dof", "status")
_CITATION_OPTIONAL = ("source",)


@attrs.frozen
class Citation:
    """Legal citation covering effective dates from ``desde`` until the next citation."""

    desde: dt.date
    article: str
    dof: dt.date
    status: str
    source: str = ""


@attrs.frozen
class Column:
    name: str
    type: str
    nullable: bool


@attrs.frozen
class TableMeta:
    """Validated metadata of one rule table (see the module docstring for the format)."""

    name: str
    label: str
    unit: str
    status: str
    layout: str
    validity: str
    periodic: bool
    projection: str
    indexation: str
    columns: tuple[Column, ...]
    values: tuple[str, ...]
    key: tuple[str, ...]
    axes: dict[str, tuple[str, ...]]
    bands: dict[str, str] | None
    citations: tuple[Citation, ...]
    notes: str = ""

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def citation_for(self, date: dt.date) -> Citation:
        """The citation in force for an effective date."""
        chosen = None
        for c in self.citations:
            if c.desde <= date:
                chosen = c
        if chosen is None:
            raise KeyError(date)
        return chosen


def parse_meta(name: str, raw: dict[str, Any], where: str, projections: tuple[str, ...]) -> TableMeta:
    """Validate the parsed TOML of table ``name``; errors name ``where`` and the key."""

    def fail(message: str) -> RuleTableError:
        return RuleTableError(f"{where}: {message}")

    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_REQUIRED + _OPTIONAL)}")
    for key in _REQUIRED:
        if key not in raw:
            raise fail(f"missing required key '{key}'")
    for key in ("label", "unit", "indexation"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise fail(f"key '{key}' must be a non-empty string")
    _choice(raw, "status", STATUSES, fail)
    _choice(raw, "layout", LAYOUTS, fail)
    _choice(raw, "validity", VALIDITIES, fail)
    _choice(raw, "projection", projections, fail)
    periodic = raw.get("periodic", False)
    if not isinstance(periodic, bool):
        raise fail("key 'periodic' must be true or false")

    if not isinstance(raw["columns"], dict) or not raw["columns"]:
        raise fail("key 'columns' must be a table of column = type")
    columns = []
    for col, typ in raw["columns"].items():
        base = typ[:-1] if isinstance(typ, str) and typ.endswith("?") else typ
        if base not in COLUMN_TYPES:
            raise fail(f"column '{col}' has type {typ!r}; allowed: {', '.join(COLUMN_TYPES)} (with '?' if nullable)")
        columns.append(Column(col, base, typ.endswith("?")))
    names = [c.name for c in columns]
    if "effective_from" not in names or raw["columns"]["effective_from"] != "date":
        raise fail("column 'effective_from' of type 'date' is required")

    values = tuple(raw.get("values", ["value"]))
    for v in values:
        if v not in names:
            raise fail(f"value column '{v}' is not declared in [columns]")
    key = tuple(raw.get("key", ()))
    for k in key:
        if k not in names:
            raise fail(f"key column '{k}' is not declared in [columns]")
    if raw["layout"] == "snapshot" and not key:
        raise fail("a snapshot table needs 'key' (the columns that identify a row within a date)")

    axes: dict[str, tuple[str, ...]] = {}
    for axis, allowed in raw.get("axes", {}).items():
        if axis not in names:
            raise fail(f"axis '{axis}' is not declared in [columns]")
        if not isinstance(allowed, list) or not allowed or not all(isinstance(a, str) for a in allowed):
            raise fail(f"axis '{axis}' must list its allowed values as strings")
        axes[axis] = tuple(allowed)

    bands = raw.get("bands")
    if bands is not None:
        if not isinstance(bands, dict) or set(bands) - {"unit"}:
            raise fail("[bands] accepts only the key 'unit'")
        for col in ("band_from", "band_to"):
            if col not in names:
                raise fail(f"a banded table needs column '{col}'")
        has_units = "unit_from" in names and "unit_to" in names
        if not has_units and "unit" not in bands:
            raise fail("[bands] needs 'unit' when the table has no unit_from / unit_to columns")

    citations = _parse_citations(raw["citations"], fail)
    notes = raw.get("notes", "")
    if not isinstance(notes, str):
        raise fail("key 'notes' must be a string")
    return TableMeta(
        name=name,
        label=raw["label"],
        unit=raw["unit"],
        status=raw["status"],
        layout=raw["layout"],
        validity=raw["validity"],
        periodic=periodic,
        projection=raw["projection"],
        indexation=raw["indexation"],
        columns=tuple(columns),
        values=values,
        key=key,
        axes=axes,
        bands=bands,
        citations=citations,
        notes=notes,
    )


def _choice(raw: dict[str, Any], key: str, allowed: tuple[str, ...], fail) -> None:
    if raw[key] not in allowed:
        raise fail(f"key '{key}' is {raw[key]!r}; allowed: {', '.join(allowed)}")


def _parse_citations(raw: object, fail) -> tuple[Citation, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail("at least one [[citations]] entry is required")
    out = []
    for i, c in enumerate(raw, start=1):
        if not isinstance(c, dict):
            raise fail(f"citation {i} must be a table")
        unknown = sorted(set(c) - set(_CITATION_REQUIRED) - set(_CITATION_OPTIONAL))
        if unknown:
            raise fail(f"citation {i}: unknown key(s) {', '.join(unknown)}")
        for key in _CITATION_REQUIRED:
            if key not in c:
                raise fail(f"citation {i}: missing required key '{key}'")
        for key in ("from", "dof"):
            if not isinstance(c[key], dt.date) or isinstance(c[key], dt.datetime):
                raise fail(f"citation {i}: '{key}' must be a TOML date (YYYY-MM-DD)")
        if not isinstance(c["article"], str) or not c["article"].strip():
            raise fail(f"citation {i}: 'article' must be a non-empty string")
        if c["status"] not in STATUSES:
            raise fail(f"citation {i}: status {c['status']!r}; allowed: {', '.join(STATUSES)}")
        out.append(Citation(c["from"], c["article"], c["dof"], c["status"], c.get("source", "")))
    for a, b in zip(out, out[1:]):
        if b.desde <= a.desde:
            raise fail(f"citations must be sorted by 'from' without repeats ({b.desde} after {a.desde})")
    return tuple(out)
