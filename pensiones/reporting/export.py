"""Export Results: CSV, Parquet and one Excel workbook (a sheet per table), with provenance.

A run's folder is whole or absent (:mod:`pensiones._atomic`): the files are written into a
temporary folder beside the target and moved into place when all are written. Table names become
file and sheet names only after sanitising (no path separators, Excel's 31 characters, unique), and
a table longer than an Excel sheet is split across sheets, with a note; nothing is dropped.
"""

from __future__ import annotations

import datetime
import json
import re
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from pensiones._atomic import atomic_folder
from pensiones.reporting import tablas as T

__all__ = [
    "export", "write_tables", "tablas_resultado", "texto_inerte", "tabla_inerte", "FORMATOS", "WORKBOOK",
    "LIBRARY_FILES", "INICIO_FORMULA", "TABLE_NAME_MAX",
]

FORMATOS = ("csv", "parquet", "xlsx")
#: The Excel workbook a run writes.
WORKBOOK = "resultados.xlsx"
#: Rows of an Excel sheet, header included (Excel 2007+).
EXCEL_MAX_ROWS = 1_048_576
#: Columns of an Excel sheet.
EXCEL_MAX_COLUMNS = 16_384
#: Characters of an Excel sheet name.
SHEET_NAME_MAX = 31
#: The workbook's first sheet: units, scenario, seed, sources and where each table went.
NOTES_SHEET = "notes"

#: What each table of a run holds (the notes sheet and the README repeat it).
DESCRIPTIONS = {
    "costo_fiscal": "fiscal cost by year and component: nominal (MXN), constant 2025 pesos (MXN_2025) and % of GDP "
                    "(pct_GDP); mean, its standard error (se), p5, p50, p95 over paths",
    "costo_por_pagador": "every peso by who pays (Federal Government, IMSS, individual accounts, Fondo Bienestar) and "
                         "component: MXN, MXN_2025 and pct_GDP; mean, se, p5, p50, p95 over paths",
    "pensions": "new pension awards and people in payment (persons) by regime and type (cesantia, vejez, "
                "renta_vitalicia, pension_garantizada, negativa_de_pension, viudez, orfandad, fondo_bienestar, pbam), "
                "and the average monthly pension (MXN); mean, se, p5, p50, p95 over paths",
    "anuales": "deterministic yearly series: GDP, deflator, Ley 73 stock in payment, PBAM and Mujeres Bienestar",
    "ledger": "simulated ledger by year, path and component (pesos or persons)",
    "resultados": "outcomes of the people who retire within the horizon, by sex and salary band",
    "procedencia": "provenance of the run: version, scenario, seed, hashes, currency and price base",
    "comparacion": "reform minus baseline, path by path on the same draws; mean, se, p5, p50, p95",
}
#: The tables every run writes (``resultados`` only with per-person outcomes).
RUN_TABLES = ("costo_fiscal", "costo_por_pagador", "pensions", "anuales", "ledger", "resultados", "procedencia")
#: Names of the files pensiones writes, to recognise them in a folder written before manifests.
LIBRARY_FILES = frozenset(
    [f"{t}.{ext}" for t in DESCRIPTIONS for ext in ("csv", "parquet")] + [WORKBOOK, "provenance.json"]
)
_SOURCES = (
    "Rules: the library's dated rule tables with their legal citations and DOF dates (pensiones rules TABLE)",
    "GDP: SHCP 2025 estimate, then the scenario's real growth and INPC",
    "Prices: INPC (INEGI), projected by the scenario's inflation",
    "Population for PBAM and Mujeres Bienestar: CONAPO projections 2025-2070, then the scenario's poblacion_post_2070",
    "Ley 73 stock: J001 2025 (Cuenta Publica), run off with EMSSA-09 mortality",
    "Calibration of the synthetic population: IMSS open data and CONSAR, December 2025",
)


#: First characters that make a spreadsheet read a text cell as a formula (OWASP, "CSV Injection"):
#: a text cell starting with one of them is written with a single quote in front.
INICIO_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def texto_inerte(value):
    """A text cell that no spreadsheet will run: ``'`` before a leading ``= + - @``, tab or CR.

    Numbers, dates and other non-text values are returned unchanged (a negative number is a
    number, not text).  Every CSV and Excel writer of the library passes its cells through this.

    Examples
    --------
    >>> texto_inerte("=1+1"), texto_inerte("-5"), texto_inerte(-5.0), texto_inerte("ley73")
    ("'=1+1", "'-5", -5.0, 'ley73')
    """
    if isinstance(value, str) and value.startswith(INICIO_FORMULA):
        return "'" + value
    return value


def tabla_inerte(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell and column name passed through :func:`texto_inerte`.

    Numeric columns are untouched; the table is copied only when a cell or a name changes.
    """
    out = table
    names = [texto_inerte(c) for c in table.columns]
    if names != list(table.columns):
        out = out.copy()
        out.columns = names
    for j, col in enumerate(out.columns):
        series = out.iloc[:, j]
        if isinstance(series.dtype, pd.CategoricalDtype):
            cats = list(series.cat.categories)
            new = [texto_inerte(c) for c in cats]
            if new != cats:
                out = out.copy() if out is table else out
                out.isetitem(j, series.cat.rename_categories(dict(zip(cats, new))))
        elif pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype):
            if pd.api.types.infer_dtype(series, skipna=True) == "string":  # text only: pandas' vectorised test
                mask = series.str.startswith(INICIO_FORMULA, na=False).to_numpy(dtype=bool)
            else:
                mask = series.map(lambda v: isinstance(v, str) and v.startswith(INICIO_FORMULA)).to_numpy(dtype=bool)
            if mask.any():
                out = out.copy() if out is table else out
                out.isetitem(j, series.map(texto_inerte))
    return out


def _warn(message: str) -> None:
    warnings.warn(message, UserWarning, stacklevel=3)


def provenance(results) -> dict:
    """``Results.provenance`` plus the currency, the price base and the meaning of each unit."""
    prov = dict(results.provenance)
    prov.setdefault("currency", T.CURRENCY)
    prov.setdefault("price_base", T.PRICE_BASE)
    prov.setdefault("units", dict(T.UNITS))
    prov.setdefault("sex_codes", dict(T.SEX_CODES))
    return prov


def tablas_resultado(results) -> dict[str, pd.DataFrame]:
    """The tables a run produces, by name (each with English column names; measures with a ``unit``)."""
    tables = {
        "costo_fiscal": results.fiscal_cost(),
        "costo_por_pagador": results.cost_by_payer(),
        "pensions": results.pensions(),
        "anuales": T.annual_series(results),
        "ledger": T.ledger(results),
    }
    if results.outcomes_array is not None:
        tables["resultados"] = results.outcomes()
    prov = {
        k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
        for k, v in provenance(results).items()
    }
    tables["procedencia"] = pd.DataFrame({"key": list(prov), "value": [str(v) for v in prov.values()]})
    return tables


#: Longest table name (characters): its file name, with ``.parquet`` or ``.csv.kept-NN``, must fit
#: the 255 bytes most file systems allow.
TABLE_NAME_MAX = 200


def _file_stem(name: str) -> str:
    """A table name as a file name: letters, digits, ``_``, ``-`` and ``.``; no leading dot."""
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", name).lstrip(".")
    if not stem.strip("._-"):
        raise ValueError(f"table name {name!r} has no letter or digit to make a file name from")
    if len(stem) > TABLE_NAME_MAX:
        raise ValueError(
            f"table name {name[:40]!r}... has {len(name)} characters; a table name has at most {TABLE_NAME_MAX} "
            f"(it becomes a file name)"
        )
    return stem


def _sheet_names(base: str, taken: set[str], count: int) -> list[str]:
    """``count`` unique sheet names from a table name (Excel: 31 characters, no ``[]:*?/\\``, no ``'`` first
    or last)."""
    clean = re.sub(r"[\[\]:*?/\\]", "_", base).strip("'") or "table"
    if clean.lower() == "history":  # reserved by Excel
        clean += "_"
    names = []
    k = 1
    while len(names) < count:
        suffix = "" if k == 1 else f"~{k}"
        name = _utf16_prefix(clean, SHEET_NAME_MAX - len(suffix)).rstrip("'") + suffix
        k += 1
        if name.lower() in taken:
            continue
        taken.add(name.lower())
        names.append(name)
    return names


def _utf16_prefix(text: str, units: int) -> str:
    """The longest start of ``text`` of at most ``units`` UTF-16 code units (how Excel counts characters)."""
    if len(text.encode("utf-16-le")) <= 2 * units:
        return text
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            break
        out.append(ch)
    return "".join(out)


def _validate(formatos, extra) -> tuple[tuple[str, ...], dict]:
    if isinstance(formatos, str):
        formatos = (formatos,)
    formatos = tuple(formatos)
    bad = [str(f) for f in formatos if f not in FORMATOS]
    if bad or not formatos:
        raise ValueError(f"formatos must be among {', '.join(FORMATOS)}; got {', '.join(bad) or 'none'}")
    extra = dict(extra or {})
    stems = {_file_stem(name).lower(): name for name in RUN_TABLES}
    for name, table in extra.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"extra table names must be non-empty strings, got {name!r}")
        if not isinstance(table, pd.DataFrame):
            raise ValueError(f"extra table {name!r} must be a pandas DataFrame, got {type(table).__name__}")
        if name in RUN_TABLES:
            raise ValueError(
                f"extra table {name!r} has the name of a table every run writes ({', '.join(RUN_TABLES)}); "
                "choose another name"
            )
        stem = _file_stem(name)
        if stem.lower() in stems:
            raise ValueError(
                f"tables {stems[stem.lower()]!r} and {name!r} would both be written as {stem}.*; rename one"
            )
        stems[stem.lower()] = name
    return formatos, extra


def _column_widths(ws, table: pd.DataFrame) -> None:
    """Widths in characters: the header and the first 200 numbers, or every distinct label."""
    sample = table.head(200)
    for j, column in enumerate(table.columns):
        col = table.iloc[:, j]
        if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
            cells = [f"{v:.6g}" if isinstance(v, float) else str(v) for v in sample.iloc[:, j].tolist()]
        else:  # labels: every distinct value counts (a long component name may come late)
            cells = [str(v) for v in pd.unique(col)[:2_000]]
        values = [str(column)] + cells
        ws.set_column(j, j, min(60, max(8, max(map(len, values)) + 2)))


#: Options of the workbook: a text cell stays text (XlsxWriter would otherwise write text starting with
#: ``=`` as a formula and text like ``http://...`` as a link).
_WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
#: Number formats of date cells, as pandas writes them; a duration is written in days, format ``0``.
_DATETIME_FORMAT = "YYYY-MM-DD HH:MM:SS"
_DATE_FORMAT = "YYYY-MM-DD"
_DAYS_FORMAT = "0"
#: Characters (UTF-16 code units) of a text cell: a longer text is cut there in the workbook.
EXCEL_MAX_TEXT = 32_767


def _cell(value) -> tuple[object, str | None]:
    """One value as an Excel cell and its number format (or None), as pandas' Excel writer has it.

    Missing values (None, NaN, NaT, ``pd.NA``) are empty cells, infinities the text ``inf`` and ``-inf``,
    NumPy scalars Python numbers and booleans; dates keep pandas' formats and durations are days;
    anything else is its text.
    """
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None, None
    if getattr(value, "tzinfo", None) is not None:
        raise ValueError(
            f"Excel does not support datetimes with timezones ({value!r}): make them timezone-unaware first"
        )
    if isinstance(value, str):
        return value, None
    if isinstance(value, (bool, np.bool_)):
        return bool(value), None
    if isinstance(value, (int, np.integer)):
        return int(value), None
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return (value, None) if np.isfinite(value) else ("inf" if value > 0 else "-inf", None)
    if isinstance(value, Decimal):
        return value, None
    if isinstance(value, datetime.datetime):
        return value, _DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return value, _DATE_FORMAT
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / 86_400, _DAYS_FORMAT
    return str(value), None


def _cells(series: pd.Series) -> tuple[list, list | None]:
    """A column as Excel cells: (values, their number formats, or None when no cell has one).

    Columns of numbers, booleans and text (every table of a run) take a vectorised path; categories,
    nullable numbers, dates and mixed objects go value by value through :func:`_cell`.
    """
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biu":
        return series.tolist(), None
    if isinstance(dtype, np.dtype) and dtype.kind == "f" and np.isfinite(series.to_numpy()).all():
        return series.tolist(), None
    if pd.api.types.is_string_dtype(dtype) and pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
        values = series.tolist()
        missing = series.isna().to_numpy()
        if missing.any():
            values = [None if m else v for v, m in zip(values, missing)]
        return values, None
    cells = [_cell(v) for v in series.astype(object).tolist()]
    formats = [f for _, f in cells]
    return [v for v, _ in cells], (formats if any(formats) else None)


class _Workbook:
    """An XlsxWriter workbook being written, the number formats it has made and how many text cells it cut."""

    def __init__(self, path: Path):
        import xlsxwriter

        # XlsxWriter assembles the file from temporary files: beside it, in the run's temporary folder
        self.book = xlsxwriter.Workbook(str(path), {**_WORKBOOK_OPTIONS, "tmpdir": str(Path(path).parent)})
        self.bold = self.book.add_format({"bold": True})
        self._formats: dict[str, object] = {}
        self.cut = 0

    def number_format(self, code: str | None):
        """The cell format of number format ``code`` (one per workbook), or None."""
        if code is not None and code not in self._formats:
            self._formats[code] = self.book.add_format({"num_format": code})
        return self._formats.get(code)

    def table(self, name: str, table: pd.DataFrame, *, index: bool = False):
        """A sheet ``name`` with ``table``, names in the first row (and the index first, headed by its name)."""
        if isinstance(table.columns, pd.MultiIndex):
            raise NotImplementedError(f"sheet {name!r}: a table with several levels of column names")
        ws = self.book.add_worksheet(name)
        columns = [table.iloc[:, j] for j in range(table.shape[1])]
        if index:
            columns.insert(0, table.index.to_series(name=table.index.name))
        for j, column in enumerate(columns):
            self._cells(ws, 0, j, [_cell(column.name)])
            values, formats = _cells(column)
            # write_column stops at a text over EXCEL_MAX_TEXT (XlsxWriter cuts it): then cell by cell
            if formats is not None or ws.write_column(1, j, values):
                self._cells(ws, 1, j, list(zip(values, formats or [None] * len(values))))
        return ws

    def _cells(self, ws, first: int, j: int, cells: list[tuple[object, str | None]]) -> None:
        """Cells down column ``j`` from row ``first``, each with its number format."""
        for i, (value, code) in enumerate(cells, start=first):
            if value is not None:
                self.cut += ws.write(i, j, value, self.number_format(code)) == -2


def _notes_rows(results, placed: list[tuple[str, list[str], int]], messages: list[str]) -> list[tuple[str, str]]:
    p = provenance(results)
    esc = results.scenario
    rows = [
        ("pensiones results", f"version {p.get('version')}"),
        ("", ""),
        ("Scenario", f"{p.get('escenario')}: {getattr(esc, 'description', '')}"),
        ("Regime (rule set)", str(getattr(esc, "regimen", ""))),
        ("Reforms", "; ".join(p.get("reformas") or []) or "none"),
        ("Seed", str(p.get("seed"))),
        ("Paths", str(p.get("paths"))),
        ("Records", f"{p.get('personas'):,}" if isinstance(p.get("personas"), int) else str(p.get("personas"))),
        ("Years", str(p.get("anios"))),
        ("Parameters hash", str(p.get("parametros_hash"))),
        ("Population hash", str(p.get("poblacion_hash"))),
        ("Invalidity", str(p.get("invalidez", "not modelled"))),
        ("", ""),
        ("Currency", f"{T.CURRENCY} (Mexican pesos)"),
        ("Price base", T.PRICE_BASE),
        ("Units (column 'unit')", ""),
    ]
    rows += [(f"  {unit}", meaning) for unit, meaning in T.UNITS.items()]
    rows += [("Sex codes", "; ".join(f"{k} = {v}" for k, v in T.SEX_CODES.items()))]
    rows += [("", ""), ("Tables", "")]
    for name, sheets, n in placed:
        where = sheets[0] if len(sheets) == 1 else f"{len(sheets)} sheets: {', '.join(sheets)}"
        what = DESCRIPTIONS.get(name) or WIDE_DESCRIPTIONS.get(name, "table")
        rows.append((f"  {name}", f"{what} ({n:,} rows; sheet {where})"))
    rows += [("", ""), ("Sources", "")]
    rows += [("", s) for s in _SOURCES]
    if messages:
        rows += [("", ""), ("Messages", "")]
        rows += [("", m) for m in messages]
    return rows


def _write_workbook(
    results, path: Path, tables: dict[str, pd.DataFrame], note: Callable[[str], None], elsewhere
) -> None:
    taken = {NOTES_SHEET}
    placed, messages = [], []
    per_sheet = EXCEL_MAX_ROWS - 1  # the header takes a row
    out = _Workbook(path)
    with out.book:
        notes_sheet = out.book.add_worksheet(NOTES_SHEET)  # first; written last, when it knows every sheet
        for name, table in tables.items():
            if table.shape[1] > EXCEL_MAX_COLUMNS:
                target = elsewhere(name, table)
                msg = (
                    f"table {name!r} has {table.shape[1]:,} columns, over Excel's {EXCEL_MAX_COLUMNS:,}: "
                    f"written to {target} instead of the workbook"
                )
                messages.append(msg)
                note(msg)
                continue
            parts = max(1, -(-len(table) // per_sheet))
            sheets = _sheet_names(name, taken, parts)
            cut = out.cut
            for k, sheet in enumerate(sheets):
                chunk = tabla_inerte(table.iloc[k * per_sheet : (k + 1) * per_sheet])
                ws = out.table(sheet, chunk)
                ws.freeze_panes(1, 0)
                _column_widths(ws, chunk)
            placed.append((name, sheets, len(table)))
            if parts > 1:
                msg = (
                    f"table {name!r} has {len(table):,} rows, over Excel's {per_sheet:,} per sheet: "
                    f"split across sheets {', '.join(sheets)} (whole in CSV/Parquet)"
                )
                messages.append(msg)
                note(msg)
            elif sheets[0] != name:
                messages.append(
                    f"table {name!r} is in sheet {sheets[0]!r} (Excel sheet names: 31 characters, no []:*?/\\)"
                )
            if out.cut > cut:
                msg = (
                    f"table {name!r}: text over Excel's {EXCEL_MAX_TEXT:,} characters in {out.cut - cut:,} cell(s), "
                    "cut there in the workbook (whole in CSV/Parquet)"
                )
                messages.append(msg)
                note(msg)
        for sheet, table in hojas_anchas(results).items():
            _write_wide_sheet(out, sheet, table, taken, placed)
        notes = tabla_inerte(pd.DataFrame(_notes_rows(results, placed, messages), columns=["item", "value"]))
        _write_notes(out, notes_sheet, notes)


def _write_notes(out: _Workbook, ws, notes: pd.DataFrame) -> None:
    """The notes sheet: ``item`` and ``value``, section labels (not indented) in bold; the active sheet."""
    ws.write_row(0, 0, list(notes.columns))
    for i, (label, value) in enumerate(notes.itertuples(index=False), start=1):
        ws.write(i, 0, label, out.bold if label and not label.startswith("  ") else None)
        ws.write(i, 1, value)
    ws.freeze_panes(1, 0)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 120)
    ws.activate()


#: What each wide sheet of the workbook holds.
WIDE_DESCRIPTIONS = {
    **{f"fiscal_{m}": f"fiscal cost, mean over paths, {m}: years by component (wide)" for m in T.MEASURES},
    **{f"payer_{m}": f"cost of each payer (its total), mean over paths, {m}: years by payer (wide)"
       for m in T.MEASURES},
}


def hojas_anchas(results) -> dict[str, pd.DataFrame]:
    """The workbook's wide sheets: per measure, the mean fiscal cost (years x components) and the
    mean cost of each payer (years x payers), named ``fiscal_<measure>`` and ``payer_<measure>``."""
    sheets = {}
    for measure in T.MEASURES:
        sheets[f"fiscal_{measure}"] = results.fiscal_cost(measure=measure, stat="mean", wide=True)
    for measure in T.MEASURES:
        t = results.cost_by_payer(measure=measure, stat="mean", components="total", wide=True)
        t.columns = t.columns.get_level_values("payer")
        sheets[f"payer_{measure}"] = t
    return sheets


def _write_wide_sheet(out: _Workbook, sheet: str, table: pd.DataFrame, taken: set[str], placed: list) -> None:
    """One wide table (years as rows) on a sheet of its own, its measure and stat in the notes."""
    (name,) = _sheet_names(sheet, taken, 1)
    ws = out.table(name, tabla_inerte(table), index=True)
    ws.freeze_panes(1, 1)
    ws.set_column(0, 0, 8)
    _column_widths_wide(ws, table)
    placed.append((sheet, [name], len(table)))


def _column_widths_wide(ws, table: pd.DataFrame) -> None:
    for j, column in enumerate(table.columns, start=1):
        ws.set_column(j, j, min(40, max(10, len(str(column)) + 2)))


def write_tables(
    results,
    folder,
    *,
    formatos=FORMATOS,
    extra: dict[str, pd.DataFrame] | None = None,
    note: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write every table in each format into an existing folder; return the paths.

    This is the non-atomic core of :func:`export` (which calls it on a temporary folder); the
    command line uses it to add plots and a summary to the same folder before it is published.
    """
    formatos, extra = _validate(formatos, extra)
    note = note or _warn
    out = Path(folder)
    tables = tablas_resultado(results)
    tables.update(extra)
    for name in tables:
        stem = _file_stem(name)
        if stem != name:
            note(f"table {name!r} is written as {stem}.* (file names: letters, digits, '_', '-', '.')")
    written: list[Path] = []
    for name, table in tables.items():
        stem = _file_stem(name)
        if "csv" in formatos:
            path = out / f"{stem}.csv"
            tabla_inerte(table).to_csv(path, index=False)
            written.append(path)
        if "parquet" in formatos:
            path = out / f"{stem}.parquet"
            table.to_parquet(path, index=False)
            written.append(path)

    def elsewhere(name: str, table: pd.DataFrame) -> Path:
        path = out / f"{_file_stem(name)}.csv"
        if not path.exists():
            tabla_inerte(table).to_csv(path, index=False)
            written.append(path)
        return path.name

    if "xlsx" in formatos:
        path = out / WORKBOOK
        _write_workbook(results, path, tables, note, elsewhere)
        written.append(path)
    path = out / "provenance.json"
    path.write_text(json.dumps(provenance(results), indent=2, default=str, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    return written


def export(
    results,
    folder,
    *,
    formatos=FORMATOS,
    extra: dict[str, pd.DataFrame] | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write every table in each format to ``folder`` plus ``provenance.json``; return the paths.

    The folder is whole or absent: the files are written into a temporary folder beside it and
    moved into place when all are written; if anything fails (or the run is interrupted) the
    temporary folder is removed and ``folder`` is left as it was.

    Parameters
    ----------
    results : Results
    folder : path
        Created (with its parents) if missing. An existing non-empty folder is refused unless
        ``overwrite``.
    formatos : iterable of {"csv", "parquet", "xlsx"}
        CSV and Parquet write one file per table; xlsx writes ``resultados.xlsx`` with a ``notes``
        sheet (units, scenario, seed, sources) and a sheet per table (frozen header row); a table
        over Excel's row limit is split across sheets, with a note.
    extra : dict, optional
        More tables to write alongside (e.g. a comparison). Names become file names with anything
        other than letters, digits, ``_``, ``-``, ``.`` replaced by ``_``.
    overwrite : bool
        Replace a non-empty ``folder``: the files of the previous run go as a whole (none
        survives beside the new ones); files pensiones did not write are kept, with a warning.

    Raises
    ------
    ValueError
        Unknown format; a bad extra table name; ``folder`` is a file, not writable, or not empty
        without ``overwrite``.

    Examples
    --------
    >>> import pensiones, tempfile, pathlib
    >>> r = pensiones.simulate(pensiones.Population.synthetic(50, seed=1), paths=2, seed=1, end=2026)
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "run"
    >>> sorted(p.name for p in pensiones.reporting.export(r, out, formatos=("csv",)))[:3]
    ['anuales.csv', 'costo_fiscal.csv', 'costo_por_pagador.csv']
    >>> pensiones.reporting.export(r, out, formatos=("csv",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: folder ... is not empty (... entries: ...); pass overwrite=True to replace it
    """
    formatos, extra = _validate(formatos, extra)
    note = _warn
    with atomic_folder(folder, overwrite=overwrite, known=LIBRARY_FILES, note=note) as tmp:
        written = write_tables(results, tmp, formatos=formatos, extra=extra, note=note)
    return [Path(folder) / p.relative_to(tmp) for p in written]
