"""Strict loader of one rule table: ``name.csv`` plus its ``name.toml`` metadata.

Every defect is a :class:`~pensiones.rules.errors.RuleTableError` naming the file,
the CSV line and the field: unknown or missing columns or keys, unparsable or
missing cells, values outside a declared axis or outside the column's declared domain
(rates in [0, 1], weeks >= 0, positive prices...), unsorted or duplicate dates, gaps and
overlaps between salary bands, effective dates without a citation.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import math
import tomllib
from collections import defaultdict
from pathlib import Path

import pandas as pd

from pensiones.rules.errors import RuleTableError
from pensiones.rules.schema import TableMeta, parse_meta
from pensiones.rules.table import Table

#: Band limits are printed with two decimals ("1.51 a 2.00 UMA"): the next band starts one step above.
BAND_STEP = 0.01
_TOL = 1e-9


def load_table(csv_path: Path, projections: tuple[str, ...]) -> Table:
    """Load and validate one table.

    Parameters
    ----------
    csv_path : Path
        The CSV file; its metadata is the ``.toml`` file with the same stem.
    projections : tuple of str
        Names of the registered projections a table may declare.
    """
    csv_path = Path(csv_path)
    toml_path = csv_path.with_suffix(".toml")
    if not toml_path.exists():
        raise RuleTableError(f"{csv_path.name}: metadata file {toml_path.name} is missing")
    try:
        raw = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleTableError(f"{toml_path.name}: invalid TOML: {exc}") from None
    meta = parse_meta(csv_path.stem, raw, toml_path.name, projections)
    frame = _read_csv(csv_path, meta)
    _check_rows(csv_path.name, frame, meta)
    return Table(meta, frame)


def _read_csv(path: Path, meta: TableMeta) -> pd.DataFrame:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise RuleTableError(f"{path.name}: empty file") from None
        declared = [c.name for c in meta.columns]
        unknown = [h for h in header if h not in declared]
        if unknown:
            raise RuleTableError(
                f"{path.name}: unknown column(s) {', '.join(unknown)}; declared: {', '.join(declared)}"
            )
        missing = [d for d in declared if d not in header]
        if missing:
            raise RuleTableError(f"{path.name}: missing column(s) {', '.join(missing)}")
        if len(set(header)) != len(header):
            raise RuleTableError(f"{path.name}: repeated column name in header")
        data: dict[str, list] = {h: [] for h in header}
        lines: list[int] = []
        for row in reader:
            line = reader.line_num
            if len(row) != len(header):
                raise RuleTableError(f"{path.name}, line {line}: {len(row)} cells, header has {len(header)}")
            for h, cell in zip(header, row):
                data[h].append(_parse_cell(path.name, line, meta.column(h), cell))
            lines.append(line)
    if not lines:
        raise RuleTableError(f"{path.name}: no rows")
    frame = pd.DataFrame({c.name: data[c.name] for c in meta.columns})
    for c in meta.columns:
        if c.type == "int":
            frame[c.name] = frame[c.name].astype("Int64" if c.nullable else "int64")
        elif c.type == "float":
            frame[c.name] = frame[c.name].astype("float64")
        elif c.type == "str":
            frame[c.name] = frame[c.name].astype(object)
    frame["csv_line"] = lines
    return frame


def _parse_cell(file: str, line: int, column, cell: str):
    where = f"{file}, line {line}, field '{column.name}'"
    text = cell.strip()
    if text == "":
        if column.nullable:
            return None if column.type in ("str", "int") else math.nan
        raise RuleTableError(f"{where}: empty cell in a required column")
    try:
        if column.type == "date":
            return dt.date.fromisoformat(text)
        if column.type == "int":
            return int(text)
        if column.type == "float":
            value = float(text)
            if math.isnan(value) or math.isinf(value):
                raise ValueError
            return value
    except ValueError:
        raise RuleTableError(f"{where}: {text!r} is not a valid {column.type}") from None
    return text


def _check_rows(file: str, frame: pd.DataFrame, meta: TableMeta, *, variacion: bool = True) -> None:
    """Every check of a table's rows.  ``variacion``: compare each row with the row in force a year
    before (false for a table rewritten by overlays, whose rows past the law's last one skip the
    projected years; :mod:`pensiones.rules.overlay` checks those against its lookups)."""
    dates = frame["effective_from"].tolist()
    lines = frame["csv_line"].tolist()
    for prev, cur, line in zip(dates, dates[1:], lines[1:]):
        if cur < prev:
            raise RuleTableError(
                f"{file}, line {line}, field 'effective_from': {cur} is before {prev} (dates must be sorted)"
            )
    first = meta.citations[0].desde
    if dates[0] < first:
        raise RuleTableError(
            f"{file}, line {lines[0]}, field 'effective_from': {dates[0]} has no citation (first citation from {first})"
        )
    for axis, allowed in meta.axes.items():
        for value, line in zip(frame[axis], lines):
            if value not in allowed:
                raise RuleTableError(
                    f"{file}, line {line}, field '{axis}': {value!r} is not one of {', '.join(allowed)}"
                )
    key = ["effective_from", *(meta.key if meta.layout == "snapshot" else meta.axes)]
    seen: dict[tuple, int] = {}
    for row, line in zip(frame[key].itertuples(index=False), lines):
        k = tuple(row)
        if k in seen:
            raise RuleTableError(
                f"{file}, line {line}, field 'effective_from': duplicate of line {seen[k]} for "
                f"({', '.join(f'{n}={v}' for n, v in zip(key, k))})"
            )
        seen[k] = line
    if meta.bands is not None:
        _check_bands(file, frame, meta)
    _check_domain(file, frame, meta)
    _check_orden(file, frame, meta)
    if variacion:
        _check_variacion(file, frame, meta)


def un_anio_antes(d: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def fuera_de_orden(frame: pd.DataFrame, meta: TableMeta) -> tuple[int, str, str] | None:
    """The first row (position) and pair ``(low, high)`` of ``meta.orden`` with low > high, or None."""
    for low, high in meta.orden:
        a = frame[low].to_numpy(dtype=float, na_value=math.nan)
        b = frame[high].to_numpy(dtype=float, na_value=math.nan)
        bad = [r for r in range(len(frame)) if a[r] > b[r]]
        if bad:
            return bad[0], low, high
    return None


def _check_orden(file: str, frame: pd.DataFrame, meta: TableMeta) -> None:
    hit = fuera_de_orden(frame, meta)
    if hit is not None:
        r, low, high = hit
        row = frame.iloc[r]
        raise RuleTableError(
            f"{file}, line {row['csv_line']}, field '{high}': {row[high]!r} is below {low} = {row[low]!r} "
            f"({low} <= {high} in every row)"
        )


def _check_variacion(file: str, frame: pd.DataFrame, meta: TableMeta) -> None:
    """The law's own rows: each value against the value in force a year before, per axis key."""
    for col, bound in meta.variacion_anual.items():
        groups = frame.groupby(list(meta.axes), sort=False) if meta.axes else [((), frame)]
        for _, g in groups:
            dates = g["effective_from"].tolist()
            values = g[col].to_numpy(dtype=float, na_value=math.nan)
            for r, d in enumerate(dates):
                j = bisect.bisect_right(dates, un_anio_antes(d)) - 1
                if j < 0 or math.isnan(values[r]) or math.isnan(values[j]) or values[j] <= 0:
                    continue
                change = values[r] / values[j] - 1.0
                if not bound.contains(change):
                    raise RuleTableError(
                        f"{file}, line {g['csv_line'].iloc[r]}, field '{col}': {values[r]:g} against {values[j]:g} "
                        f"a year before is a change of {change:+.4g}, outside the yearly change {bound} declared "
                        f"for '{col}'"
                    )


def _check_domain(file: str, frame: pd.DataFrame, meta: TableMeta) -> None:
    """Every value of a value column lies in its declared domain (empty cells of nullable columns aside)."""
    for col, domain in meta.domain.items():
        for value, line in zip(frame[col], frame["csv_line"]):
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                continue
            if not domain.contains(float(value)):
                raise RuleTableError(
                    f"{file}, line {line}, field '{col}': {value!r} is outside the domain {domain} declared for "
                    f"'{col}' (unit {meta.unit})"
                )


def _check_bands(file: str, frame: pd.DataFrame, meta: TableMeta) -> None:
    has_units = "unit_from" in frame.columns
    group_cols = ["effective_from", *[k for k in meta.key if k not in ("banda", "band_from", "band_to")]]
    groups: dict[tuple, list] = defaultdict(list)
    for row in frame.itertuples(index=False):
        groups[tuple(getattr(row, c) for c in group_cols)].append(row)
    for rows in groups.values():
        for i, row in enumerate(rows):
            unit_from = row.unit_from if has_units else meta.bands["unit"]
            unit_to = row.unit_to if has_units else meta.bands["unit"]
            lo, hi = row.band_from, row.band_to
            open_top = hi is None or (isinstance(hi, float) and math.isnan(hi))
            if open_top and i != len(rows) - 1:
                raise RuleTableError(
                    f"{file}, line {row.csv_line}, field 'band_to': only the last band of a group may be open"
                )
            if not open_top and unit_from == unit_to and hi < lo - _TOL:
                raise RuleTableError(f"{file}, line {row.csv_line}, field 'band_to': {hi} is below band_from {lo}")
            if i == 0:
                continue
            prev = rows[i - 1]
            prev_unit = prev.unit_to if has_units else meta.bands["unit"]
            if prev_unit != unit_from:
                raise RuleTableError(
                    f"{file}, line {row.csv_line}, field 'unit_from': band starts in {unit_from} but the previous band "
                    f"ends in {prev_unit}"
                )
            expected = prev.band_to + BAND_STEP
            if lo < expected - _TOL:
                raise RuleTableError(
                    f"{file}, line {row.csv_line}, field 'band_from': {lo} overlaps the previous band "
                    f"(ends at {prev.band_to})"
                )
            if lo > expected + _TOL:
                raise RuleTableError(
                    f"{file}, line {row.csv_line}, field 'band_from': gap after the previous band "
                    f"(ends at {prev.band_to}; next should start at {expected:.2f})"
                )
