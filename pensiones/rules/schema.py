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
    [domain]                         # required: the interval each numeric value column must lie in
    value = "[0, 1]"                 #   "[a, b]", "(a, b]", "[a, inf)"...; "(" excludes the end
    [variacion_anual]                # optional, for price and wage indices: the interval the change
    value = "[-0.5, 2]"              #   over a year (v(d) / v(d - 1 year) - 1) must lie in
    orden = [["edad_minima", "edad_maxima"]]  # optional: pairs of value columns, first <= second in a row
    referencia = ["beneficiarios"]   # optional: value columns of published figures no calculation reads
                                     #   (kept for back-tests); reform overlays on them are refused
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

import math
import re

from pensiones.rules.errors import RuleTableError

STATUSES = ("official", "secondary", "assumption", "mixed")
LAYOUTS = ("series", "snapshot")
VALIDITIES = ("indefinite", "annual", "monthly")
COLUMN_TYPES = ("date", "int", "float", "str")

_REQUIRED = ("label", "unit", "status", "layout", "validity", "projection", "indexation", "columns", "citations")
_OPTIONAL = ("values", "key", "notes", "axes", "bands", "periodic", "domain", "variacion_anual", "orden", "referencia")
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


_NUMBER = r"[+-]?(?:inf|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)"
_INTERVAL = re.compile(rf"\s*([\[(])\s*({_NUMBER})\s*,\s*({_NUMBER})\s*([\])])\s*")


@attrs.frozen
class Domain:
    """The interval a value column must lie in, e.g. ``[0, 1]`` for rates or ``(0, inf)`` for prices.

    Declared per value column in the ``[domain]`` table of the metadata, in interval notation:
    a square bracket includes the end, a parenthesis excludes it, ``inf`` has no bound.

    Examples
    --------
    >>> from pensiones.rules.schema import Domain
    >>> d = Domain.parse("(0, inf)")
    >>> d.contains(0.0), d.contains(117.31), str(d)
    (False, True, '(0, inf)')
    """

    low: float
    high: float
    low_closed: bool
    high_closed: bool

    @classmethod
    def parse(cls, text: object) -> Domain:
        """Parse interval notation; raises ValueError naming the text when it is not an interval."""
        m = _INTERVAL.fullmatch(text) if isinstance(text, str) else None
        if m is None:
            raise ValueError(f"{text!r} is not an interval such as \"[0, 1]\" or \"(0, inf)\"")
        left, low, high, right = m.groups()
        lo, hi = float(low), float(high)
        if lo >= hi:
            raise ValueError(f"{text!r}: the lower end must be below the upper end")
        if (left == "[" and math.isinf(lo)) or (right == "]" and math.isinf(hi)):
            raise ValueError(f"{text!r}: an infinite end takes a parenthesis")
        return cls(lo, hi, left == "[", right == "]")

    def contains(self, x: float) -> bool:
        """Whether ``x`` (a finite number) lies in the interval; NaN never does."""
        if math.isnan(x):
            return False
        above = x >= self.low if self.low_closed else x > self.low
        below = x <= self.high if self.high_closed else x < self.high
        return above and below

    def __str__(self) -> str:
        def end(v: float) -> str:
            return ("-inf" if v < 0 else "inf") if math.isinf(v) else f"{v:g}"

        return f"{'[' if self.low_closed else '('}{end(self.low)}, {end(self.high)}{']' if self.high_closed else ')'}"


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
    domain: dict[str, Domain] = attrs.field(factory=dict)
    notes: str = ""
    #: Per value column, the interval of its change over one year (price and wage indices).
    variacion_anual: dict[str, Domain] = attrs.field(factory=dict)
    #: Pairs of value columns ``(low, high)``: in every row ``low <= high``.
    orden: tuple[tuple[str, str], ...] = ()
    #: Value columns of published figures that no calculation reads.
    referencia: tuple[str, ...] = ()

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

    domain = _parse_domain(raw.get("domain"), columns, values, fail)
    citations = _parse_citations(raw["citations"], fail)
    notes = raw.get("notes", "")
    if not isinstance(notes, str):
        raise fail("key 'notes' must be a string")
    variacion = _parse_variacion(raw.get("variacion_anual", {}), domain, raw["layout"], fail)
    orden = _parse_orden(raw.get("orden", []), domain, fail)
    referencia = raw.get("referencia", [])
    if not isinstance(referencia, list) or any(c not in domain for c in referencia):
        raise fail(f"key 'referencia' must list numeric value columns ({', '.join(domain)}); got {referencia!r}")
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
        domain=domain,
        notes=notes,
        variacion_anual=variacion,
        orden=orden,
        referencia=tuple(referencia),
    )


def _choice(raw: dict[str, Any], key: str, allowed: tuple[str, ...], fail) -> None:
    if raw[key] not in allowed:
        raise fail(f"key '{key}' is {raw[key]!r}; allowed: {', '.join(allowed)}")


def _parse_domain(raw: object, columns: list[Column], values: tuple[str, ...], fail) -> dict[str, Domain]:
    """Every numeric value column needs an interval; no other column may have one."""
    numeric = [c.name for c in columns if c.name in values and c.type in ("int", "float")]
    if raw is None:
        raise fail(f"missing required key 'domain' (an interval for each value column: {', '.join(numeric)})")
    if not isinstance(raw, dict):
        raise fail("key 'domain' must be a table of value column = interval, e.g. value = \"[0, 1]\"")
    unknown = sorted(set(raw) - set(numeric))
    if unknown:
        raise fail(
            f"[domain] names {', '.join(unknown)}, not a numeric value column; value columns: {', '.join(numeric)}"
        )
    out = {}
    for col in numeric:
        if col not in raw:
            raise fail(f"[domain] has no interval for value column '{col}'")
        try:
            out[col] = Domain.parse(raw[col])
        except ValueError as exc:
            raise fail(f"[domain] {col}: {exc}") from None
    return out


def _parse_variacion(raw: object, domain: dict[str, Domain], layout: str, fail) -> dict[str, Domain]:
    """``[variacion_anual]``: an interval of yearly relative change per numeric value column of a series."""
    if not isinstance(raw, dict):
        raise fail("key 'variacion_anual' must be a table of value column = interval, e.g. value = \"[-0.5, 2]\"")
    if raw and layout != "series":
        raise fail("[variacion_anual] applies to series tables only")
    out = {}
    for col, text in raw.items():
        if col not in domain:
            raise fail(
                f"[variacion_anual] names {col!r}, not a numeric value column; value columns: {', '.join(domain)}"
            )
        try:
            out[col] = Domain.parse(text)
        except ValueError as exc:
            raise fail(f"[variacion_anual] {col}: {exc}") from None
        if out[col].low < -1:
            raise fail(f"[variacion_anual] {col}: a change below -1 (-100 %) is impossible for a positive index")
    return out


def _parse_orden(raw: object, domain: dict[str, Domain], fail) -> tuple[tuple[str, str], ...]:
    """``orden``: pairs ``[low, high]`` of numeric value columns."""
    ok = isinstance(raw, list) and all(
        isinstance(p, list) and len(p) == 2 and all(c in domain for c in p) and p[0] != p[1] for p in raw
    )
    if not ok:
        raise fail(
            f"key 'orden' must list pairs [low, high] of numeric value columns ({', '.join(domain)}); got {raw!r}"
        )
    return tuple((a, b) for a, b in raw)


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
