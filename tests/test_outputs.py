"""Outputs: whole or absent (atomic folders), sanitised names, Excel limits, units and labels."""

from __future__ import annotations

import hashlib
import importlib
import json
import threading
import warnings

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import _atomic
from pensiones.reporting import tablas as T

E = importlib.import_module("pensiones.reporting.export")  # the module (the package exports the function)


@pytest.fixture(scope="module")
def res():
    pop = pensiones.Population.synthetic(60, seed=4)
    return pensiones.simulate(pop, paths=2, seed=5, end=2028, outcomes=True)


def _snapshot(folder):
    """Name -> sha256 of every file (recursively), to prove a folder was left untouched."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _siblings(folder):
    return sorted(p.name for p in folder.parent.iterdir())


def _export(res, folder, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        files = E.export(res, folder, **kw)
    return files, [str(w.message) for w in caught]


# -- whole or absent ---------------------------------------------------------------------------------
def test_export_writes_a_whole_folder_with_a_manifest(res, tmp_path):
    out = tmp_path / "a" / "b" / "run"  # parents are created
    files, _ = _export(res, out, formatos=("csv", "xlsx"))
    assert all(f.parent == out and f.exists() for f in files)
    manifest = json.loads((out / _atomic.MANIFEST).read_text())["files"]
    assert set(manifest) == {f.name for f in files}
    assert _siblings(out) == ["run"]  # no temporary folder left beside it


def test_export_refuses_a_non_empty_folder(res, tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    (out / "notas.txt").write_text("mine")
    with pytest.raises(ValueError, match=r"folder .*run is not empty \(1 entries: notas.txt\); pass overwrite=True"):
        E.export(res, out)
    assert _snapshot(out) == {"notas.txt": hashlib.sha256(b"mine").hexdigest()}
    assert _siblings(out) == ["run"]


def test_export_into_a_file_or_empty_path_is_refused(res, tmp_path):
    f = tmp_path / "file.csv"
    f.write_text("x")
    with pytest.raises(ValueError, match="exists and is not a folder"):
        E.export(res, f)
    with pytest.raises(ValueError, match="empty string"):
        E.export(res, "")
    link = tmp_path / "link"
    link.symlink_to(tmp_path)
    with pytest.raises(ValueError, match="symbolic link"):
        E.export(res, link)


def test_overwrite_replaces_the_previous_run_as_a_whole_and_keeps_foreign_files(res, tmp_path):
    out = tmp_path / "run"
    _export(res, out, formatos=("csv",), extra={"comparacion": res.fiscal_cost()})
    assert (out / "comparacion.csv").exists()
    (out / "notas.txt").write_text("my notes")
    (out / "mis_graficas").mkdir()
    (out / "mis_graficas" / "g.png").write_bytes(b"png")
    files, messages = _export(res, out, formatos=("parquet",), overwrite=True)
    names = {p.name for p in out.iterdir()}
    # nothing of the previous run survives (no stale comparacion.csv or CSV files) ...
    assert not any(n.endswith(".csv") for n in names)
    assert {f.name for f in files} | {_atomic.MANIFEST, "notas.txt", "mis_graficas"} == names
    # ... and the user's files are kept, and said so
    assert (out / "notas.txt").read_text() == "my notes" and (out / "mis_graficas" / "g.png").exists()
    assert any("kept 2 file(s)" in m and "notas.txt" in m for m in messages)
    assert _siblings(out) == ["run"]
    # the kept files are not the library's: a third run keeps them again
    _, messages = _export(res, out, formatos=("csv",), overwrite=True)
    assert (out / "notas.txt").exists() and not (out / "costo_fiscal.parquet").exists()


def test_overwrite_of_a_folder_without_manifest_keeps_every_file(res, tmp_path):
    """Without a manifest nothing proves a file is the library's (issue 21): all are kept; one
    with the name of a new file is kept as NAME.kept."""
    out = tmp_path / "run"
    out.mkdir()
    for name in ("comparacion.csv", "diferencia_reforma.png", "resultados.xlsx", "otro.csv", "ledger.csv"):
        (out / name).write_text("old")
    _export(res, out, formatos=("csv",), overwrite=True)
    for name in ("comparacion.csv", "diferencia_reforma.png", "resultados.xlsx", "otro.csv", "ledger.csv.kept"):
        assert (out / name).read_text() == "old"
    assert (out / "ledger.csv").read_text() != "old"


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failure_mid_export_leaves_the_old_folder_untouched(res, tmp_path, monkeypatch, error):
    out = tmp_path / "run"
    _export(res, out, formatos=("csv", "xlsx"))
    before = _snapshot(out)

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(E, "_write_workbook", broken)  # after the CSV files are written
    with pytest.raises(type(error)):
        E.export(res, out, formatos=("csv", "xlsx"), overwrite=True)
    assert _snapshot(out) == before
    assert _siblings(out) == ["run"]  # the temporary folder is gone


def test_a_failed_first_export_leaves_nothing(res, tmp_path, monkeypatch):
    monkeypatch.setattr(pd.DataFrame, "to_parquet", lambda *a, **k: (_ for _ in ()).throw(OSError("no space")))
    with pytest.raises(OSError, match="no space"):
        E.export(res, tmp_path / "new" / "run")
    assert list(tmp_path.iterdir()) == []  # not even the parent folder it created


def test_a_failed_swap_restores_the_old_folder(res, tmp_path, monkeypatch):
    out = tmp_path / "run"
    _export(res, out, formatos=("csv",))
    (out / "notas.txt").write_text("mine")
    before = _snapshot(out)
    monkeypatch.setattr(_atomic, "_exchange", lambda a, b: False)  # the two-rename fallback
    real = _atomic.os.rename

    def rename(src, dst):
        if _atomic._PART in str(src) and str(dst) == str(out.absolute()):
            raise OSError("simulated failure while moving the new folder into place")
        return real(src, dst)

    monkeypatch.setattr(_atomic.os, "rename", rename)
    with pytest.raises(OSError, match="simulated failure"):
        E.export(res, out, formatos=("parquet",), overwrite=True)
    assert _snapshot(out) == before
    assert _siblings(out) == ["run"]


def test_concurrent_exports_to_one_folder_leave_one_whole_run(res, tmp_path):
    out = tmp_path / "run"
    outcomes = {}

    def run(i, formats, overwrite):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                outcomes[i] = {p.name for p in E.export(res, out, formatos=formats, overwrite=overwrite)}
        except ValueError as exc:
            outcomes[i] = exc

    for overwrite in (False, True):
        threads = [
            threading.Thread(target=run, args=(i, f, overwrite))
            for i, f in enumerate([("csv",), ("parquet",), ("csv", "xlsx")])
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        names = {p.name for p in out.iterdir()} - {_atomic.MANIFEST}
        successes = [v for v in outcomes.values() if isinstance(v, set)]
        assert names in successes  # the folder is exactly one run's files
        if not overwrite:
            assert len(successes) == 1 and all(
                "not empty" in str(v) or "filled by another run" in str(v)
                for v in outcomes.values()
                if not isinstance(v, set)
            )
        assert set(json.loads((out / _atomic.MANIFEST).read_text())["files"]) == names
        assert _siblings(out) == ["run"]
        outcomes.clear()


def test_check_target_names_a_folder_that_cannot_be_written(tmp_path, monkeypatch):
    monkeypatch.setattr(_atomic.os, "access", lambda path, mode: False)
    with pytest.raises(ValueError, match="permission denied"):
        _atomic.check_target(tmp_path / "run")


# -- one file whole or absent (the on-disk caches) ---------------------------------------------------------
def test_atomic_file_replaces_whole_or_leaves_the_old_file(tmp_path):
    target = tmp_path / "x.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="midway"):
        with _atomic.atomic_file(target, prefix=".x-") as f:
            f.write(b"half")
            raise RuntimeError("midway")
    assert target.read_bytes() == b"old" and _siblings(target) == ["x.bin"]
    with _atomic.atomic_file(target, prefix=".x-") as f:
        f.write(b"new")
    assert target.read_bytes() == b"new" and _siblings(target) == ["x.bin"]
    with pytest.raises(OSError):  # no folder to write in: the caller decides whether that matters
        with _atomic.atomic_file(tmp_path / "absent" / "y.bin"):
            pass


def test_en_cache_writes_its_json_and_a_read_only_cache_is_no_error(tmp_path, monkeypatch):
    from pensiones import _jit

    calls = []

    def calcular():
        calls.append(1)
        return {"fraccion": 0.25}

    monkeypatch.setattr(_jit, "archivo_cache", lambda nombre: tmp_path / nombre)
    assert _jit.en_cache("a.json", calcular) == {"fraccion": 0.25}
    assert (tmp_path / "a.json").read_text() == '{"fraccion": 0.25}' and _siblings(tmp_path / "a.json") == ["a.json"]
    assert _jit.en_cache("a.json", calcular) == {"fraccion": 0.25} and len(calls) == 1  # read back
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setattr(_jit, "archivo_cache", lambda nombre: blocker / nombre)
    assert _jit.en_cache("b.json", calcular) == {"fraccion": 0.25} and len(calls) == 2


# -- names and Excel limits ------------------------------------------------------------------------------
def test_a_table_named_with_a_path_stays_inside_the_folder(res, tmp_path):
    out = tmp_path / "box" / "run"
    files, messages = _export(res, out, extra={"../escape": res.fiscal_cost(), "a/b\\c:d": res.fiscal_cost()})
    inside = {p.resolve() for p in out.rglob("*")}
    assert all(f.resolve() in inside for f in files)
    assert sorted(p.name for p in (tmp_path / "box").iterdir()) == ["run"]  # nothing written beside
    assert not (tmp_path / "escape.csv").exists() and not list(tmp_path.glob("*escape*"))
    assert (out / "_escape.csv").exists() and (out / "a_b_c_d.csv").exists()
    assert any("'../escape' is written as _escape" in m for m in messages)
    sheets = pd.ExcelFile(out / E.WORKBOOK).sheet_names
    assert not any(set(s) & set("/\\[]:*?") for s in sheets)


def test_bad_extra_tables_are_refused_before_writing(res, tmp_path):
    with pytest.raises(ValueError, match="no letter or digit"):
        E.export(res, tmp_path / "run", extra={"..": res.fiscal_cost()})
    with pytest.raises(ValueError, match="must be a pandas DataFrame"):
        E.export(res, tmp_path / "run", extra={"x": [1, 2]})
    with pytest.raises(ValueError, match="would both be written as"):
        E.export(res, tmp_path / "run", extra={"a/b": res.fiscal_cost(), "a_b": res.fiscal_cost()})
    with pytest.raises(ValueError, match="name of a table every run writes"):
        E.export(res, tmp_path / "run", extra={"ledger": res.fiscal_cost()})
    assert list(tmp_path.iterdir()) == []


def test_names_sharing_31_characters_get_their_own_sheets(res, tmp_path):
    long = "comparacion_reforma_semanas_1250_vs_base"
    a = pd.DataFrame({"x": [1, 2]})
    b = pd.DataFrame({"x": [3, 4, 5]})
    out = tmp_path / "run"
    _export(res, out, formatos=("xlsx",), extra={long + "_a": a, long + "_b": b})
    book = pd.read_excel(out / E.WORKBOOK, sheet_name=None)
    ours = [s for s in book if s.startswith(long[:20])]
    assert len(ours) == 2 and all(len(s) <= 31 for s in ours)
    assert sorted(len(book[s]) for s in ours) == [2, 3]
    notes = book[E.NOTES_SHEET].astype(str).to_string()
    assert long + "_a" in notes and long + "_b" in notes


def test_a_table_over_the_row_limit_is_split_across_sheets(res, tmp_path, monkeypatch):
    monkeypatch.setattr(E, "EXCEL_MAX_ROWS", 41)  # 40 data rows per sheet
    out = tmp_path / "run"
    _, messages = _export(res, out, formatos=("xlsx",))
    ledger = res.ledger
    parts = -(-len(ledger) // 40)
    assert parts > 2
    book = pd.read_excel(out / E.WORKBOOK, sheet_name=None)
    sheets = [s for s in book if s == "ledger" or s.startswith("ledger~")]
    assert len(sheets) == parts
    whole = pd.concat([book[s] for s in sheets], ignore_index=True)
    pd.testing.assert_frame_equal(whole, ledger, check_dtype=False)
    assert any("'ledger' has" in m and "split across sheets" in m for m in messages)
    assert "split across sheets" in book[E.NOTES_SHEET].astype(str).to_string()


def test_a_table_over_the_column_limit_is_written_elsewhere(res, tmp_path, monkeypatch):
    monkeypatch.setattr(E, "EXCEL_MAX_COLUMNS", 5)
    out = tmp_path / "run"
    wide = pd.DataFrame(np.zeros((2, 7)), columns=[f"c{i}" for i in range(7)])
    _, messages = _export(res, out, formatos=("xlsx",), extra={"ancha": wide})
    assert (out / "ancha.csv").exists()
    assert "ancha" not in pd.ExcelFile(out / E.WORKBOOK).sheet_names
    assert any("written to ancha.csv instead of the workbook" in m for m in messages)


# -- units and labels -------------------------------------------------------------------------------
def test_every_table_has_english_columns_and_units(res):
    fc = res.fiscal_cost()
    assert list(fc.columns) == ["year", "component", "measure", "stat", "value", "unit"]
    assert set(fc.measure) == {"MXN", "MXN_2025", "pct_GDP"}  # each measure id is its unit
    assert (fc.measure == fc.unit).all()
    led = res.ledger
    assert list(led.columns) == ["year", "path", "component", "value", "unit"]
    units = dict(led[["component", "unit"]].drop_duplicates().values)
    assert units["cotizantes"] == "persons" and units["poblacion_viva"] == "persons"
    assert units["cuota_social"] == "MXN" and units["saldo_final"] == "MXN"
    o = res.outcomes()
    assert list(o.columns[:5]) == [
        "group", "value", "retirees_persons", "replacement_rate_mean", "replacement_rate_p50"
    ]
    assert set(o.unit) == {"fraction"}
    assert not any(c in o.columns for c in ("grupo", "valor", "jubilados", "con_pension"))
    a = T.annual_series(res)
    assert list(a.columns) == ["year", "series", "value", "unit"]
    assert dict(a[["series", "unit"]].drop_duplicates().values)["deflactor"] == "index_2025"
    d = pensiones.compare(res, res)
    assert "unit" in d.columns and (d.value == 0).all()
    for table in (fc, led, o, a, d):
        assert set(table.unit) <= set(T.UNITS)


def test_provenance_names_currency_and_price_base(res, tmp_path):
    out = tmp_path / "run"
    _export(res, out, formatos=("csv",))
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["currency"] == "MXN" and "INPC of June" in prov["price_base"]
    assert prov["seed"] == 5 and set(prov["units"]) == set(T.UNITS)
    assert prov["sex_codes"] == {"H": "hombre (male)", "M": "mujer (female)"}
    table = pd.read_csv(out / "procedencia.csv")
    assert list(table.columns) == ["key", "value"] and "currency" in set(table.key)


def test_workbook_has_a_notes_sheet_frozen_headers_and_widths(res, tmp_path):
    import openpyxl

    out = tmp_path / "run"
    _export(res, out, formatos=("xlsx",))
    book = openpyxl.load_workbook(out / E.WORKBOOK, read_only=False)
    try:
        assert book.sheetnames[0] == E.NOTES_SHEET
        notes = "\n".join(str(c.value) for row in book[E.NOTES_SHEET].iter_rows() for c in row if c.value is not None)
        for text in (
            "MXN_2025", "pct_GDP", "persons", "fraction", "Seed", "5", "reforma_2020", "Sources", "CONAPO",
            "H = hombre (male)",
        ):
            assert text in notes
        for name in ("costo_fiscal", "ledger", "resultados", "anuales", "procedencia"):
            ws = book[name]
            assert ws.freeze_panes == "A2"
            assert ws.column_dimensions["A"].width >= 8
        assert book["costo_fiscal"].column_dimensions["B"].width >= len("transferencia_rcv_ley73")
    finally:
        book.close()


# -- the workbook, written with XlsxWriter, reads back as the tables -------------------------------------
def _hostile_table():
    """Text that looks like a formula, a link or a number; missing values of every kind; other dtypes."""
    return pd.DataFrame({
        "text": pd.Series(["=1+1", "http://example.org", "123", None, "-y", "ok"], dtype="str"),
        "number": [0.1, np.nan, 1 / 3, -2.5, 1e300, 7.0],
        "count": np.arange(6, dtype=np.int64) - 3,
        "flag": [True, False, True, False, True, False],
        "category": pd.Categorical(["a", None, "=b", "a", "c", "a"]),
        "nullable": pd.array([1, None, 3, 4, 5, 6], dtype="Int64"),
        "when": pd.to_datetime(["2025-01-01 00:00", None, "2025-02-01 10:30", "2030-12-31 00:00",
                                "2001-01-01 00:00", "2025-06-30 00:00"]),
        "mixed": pd.Series([np.int64(3), np.float64(2.5), np.bool_(True), pd.NA, "x", None], dtype=object),
        "infinite": [np.inf, -np.inf, 1.0, 2.0, 3.0, 4.0],
    })


def _assert_reads_back(read: pd.DataFrame, table: pd.DataFrame):
    """``read`` (from pd.read_excel) holds the values of ``table`` as written: text inert, missing empty;
    numbers to Excel's 16 significant digits (pandas with openpyxl wrote them so too)."""
    table = E.tabla_inerte(table).reset_index(drop=True)
    assert list(read.columns) == list(table.columns)
    assert len(read) == len(table)
    for column in table.columns:
        want, got = table[column], read[column]
        if pd.api.types.is_float_dtype(want) and np.isfinite(want.dropna()).all():
            np.testing.assert_allclose(got.to_numpy(dtype=float), want.to_numpy(dtype=float), rtol=1e-15, atol=0)
        elif isinstance(want.dtype, np.dtype) and want.dtype.kind in "biu":
            assert got.tolist() == want.tolist(), column
        else:
            assert [None if pd.isna(v) else v for v in got.tolist()] == [
                None if pd.isna(v) else v for v in want.astype(object).tolist()], column


def test_every_sheet_reads_back_as_its_table(res, tmp_path):
    import openpyxl

    out = tmp_path / "run"
    _export(res, out, formatos=("xlsx",), extra={"hostile": _hostile_table()})
    book = pd.read_excel(out / E.WORKBOOK, sheet_name=None)
    tables = {**E.tablas_resultado(res), "hostile": _hostile_table()}
    wide = E.hojas_anchas(res)
    assert list(book) == [E.NOTES_SHEET, *tables, *wide]
    for name, table in tables.items():
        if name != "hostile":
            _assert_reads_back(book[name], table)
    for name, table in wide.items():
        read = pd.read_excel(out / E.WORKBOOK, sheet_name=name, index_col=0)
        assert read.index.name == "year" and read.index.tolist() == table.index.tolist()
        assert list(read.columns) == list(table.columns)
        np.testing.assert_allclose(read.to_numpy(), table.to_numpy(), rtol=1e-15, atol=0)
    hostile = book["hostile"]
    assert hostile["text"].tolist()[:3] == ["'=1+1", "http://example.org", "123"]  # text, no formula, link, number
    assert pd.isna(hostile["text"][3]) and pd.isna(hostile["number"][1]) and pd.isna(hostile["category"][1])
    assert hostile["category"].tolist()[2] == "'=b" and hostile["flag"].tolist() == _hostile_table()["flag"].tolist()
    assert hostile["nullable"].tolist()[2] == 3 and pd.isna(hostile["nullable"][1])
    assert hostile["when"][2] == pd.Timestamp("2025-02-01 10:30") and pd.isna(hostile["when"][1])
    assert hostile["mixed"].tolist()[:3] == [3, 2.5, True] and pd.isna(hostile["mixed"][3])
    assert hostile["infinite"].tolist()[:2] == [np.inf, -np.inf]  # the text "inf", "-inf" (below), read back
    keep = [c for c in hostile.columns if c not in ("mixed", "infinite")]
    _assert_reads_back(hostile[keep], _hostile_table()[keep])

    wb = openpyxl.load_workbook(out / E.WORKBOOK)
    try:
        assert wb.sheetnames[0] == E.NOTES_SHEET and wb.active.title == E.NOTES_SHEET
        for name in wb.sheetnames:
            assert wb[name].freeze_panes == ("B2" if name in wide else "A2"), name
        ws = wb["hostile"]
        assert [ws.cell(i, 1).data_type for i in (2, 3, 4)] == ["s", "s", "s"] and ws.cell(3, 1).hyperlink is None
        assert ws.cell(5, 1).value is None and ws.cell(3, 2).value is None  # missing values are empty cells
        assert ws.cell(4, 7).number_format == "YYYY-MM-DD HH:MM:SS" and ws.cell(2, 4).data_type == "b"
        assert [ws.cell(2, 9).value, ws.cell(3, 9).value] == ["inf", "-inf"]  # as pandas writes infinities
        notes = wb[E.NOTES_SHEET]
        labels = {notes.cell(i, 1).value: notes.cell(i, 1).font.b for i in range(2, notes.max_row + 1)}
        assert labels["Scenario"] and labels["Tables"] and not labels["  ledger"]
        assert notes.column_dimensions["B"].width >= 120
    finally:
        wb.close()


def test_a_split_table_reads_back_whole_with_its_text_and_gaps(res, tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setattr(E, "EXCEL_MAX_ROWS", 3)  # 2 data rows per sheet
    out = tmp_path / "run"
    _, messages = _export(res, out, formatos=("xlsx",), extra={"hostile": _hostile_table()})
    book = pd.read_excel(out / E.WORKBOOK, sheet_name=None, dtype={"text": object})  # "123" alone is text
    assert [s for s in book if s.startswith("hostile")] == ["hostile", "hostile~2", "hostile~3"]
    whole = pd.concat([book[s] for s in ("hostile", "hostile~2", "hostile~3")], ignore_index=True)
    keep = ["text", "number", "count", "flag", "category", "when"]
    _assert_reads_back(whole[keep], _hostile_table()[keep])
    assert any("'hostile' has 6 rows" in m and "hostile~3" in m for m in messages)
    wb = openpyxl.load_workbook(out / E.WORKBOOK, read_only=False)
    try:
        assert all(wb[s].freeze_panes == "A2" for s in ("hostile", "hostile~2", "hostile~3"))
    finally:
        wb.close()


def test_a_text_over_excels_cell_limit_is_cut_with_a_note_and_its_row_is_whole(res, tmp_path):
    long = "x" * (E.EXCEL_MAX_TEXT + 10)
    out = tmp_path / "run"
    _, messages = _export(res, out, formatos=("xlsx",), extra={"t": pd.DataFrame({"a": [long, "b"], "v": [1.5, 2.5]})})
    t = pd.read_excel(out / E.WORKBOOK, sheet_name="t")
    assert t["a"].tolist() == [long[: E.EXCEL_MAX_TEXT], "b"] and t["v"].tolist() == [1.5, 2.5]
    assert any("table 't': text over Excel's 32,767 characters in 1 cell(s)" in m for m in messages)
    assert "over Excel's 32,767 characters" in pd.read_excel(out / E.WORKBOOK, sheet_name=E.NOTES_SHEET).to_string()


def test_sheet_names_fit_excel_counting_utf16_and_never_end_with_a_quote(res, tmp_path):
    quoted = "a" * 30 + "'b"
    emoji = "t" + "\N{GRINNING FACE}" * 20  # 41 UTF-16 code units
    assert E._sheet_names(quoted, set(), 1) == ["a" * 30]
    (name,) = E._sheet_names(emoji, set(), 1)
    assert len(name.encode("utf-16-le")) // 2 <= E.SHEET_NAME_MAX
    out = tmp_path / "run"
    _export(res, out, formatos=("xlsx",), extra={quoted: pd.DataFrame({"x": [1]}), emoji: pd.DataFrame({"x": [2]})})
    book = pd.read_excel(out / E.WORKBOOK, sheet_name=None)
    assert book["a" * 30]["x"].tolist() == [1] and book[name]["x"].tolist() == [2]


def test_a_run_computes_its_outcomes_and_net_rates_once(res, tmp_path, monkeypatch):
    import attrs

    from pensiones.reporting import carpeta, neto

    calls = []
    original = neto.tasas_netas
    monkeypatch.setattr(neto, "tasas_netas", lambda results: calls.append(1) or original(results))
    fresh = attrs.evolve(res)  # nothing computed yet
    E.write_tables(fresh, tmp_path, formatos=("csv", "xlsx"), note=lambda m: None)
    summary = carpeta.resumen(fresh)
    assert len(calls) == 1 and "Outcomes of the people retiring" in summary
    first = fresh.outcomes()
    first.loc[0, "retirees_persons"] = -1.0  # a caller's change does not reach the next caller
    pd.testing.assert_frame_equal(fresh.outcomes(), res.outcomes())
    wide = fresh.outcomes(columns="share_pensioned", wide=True)
    assert list(wide.columns) == ["share_pensioned"] and len(calls) == 1
    fresh.outcomes(by="generation")  # another grouping is computed (once)
    fresh.outcomes(by="generation")
    assert len(calls) == 2


def test_population_repr_is_short_and_explains_sex_codes():
    pop = pensiones.Population.synthetic(1_000, seed=1)
    text = repr(pop)
    assert len(text) < 300
    assert "1,000 records" in text and "H (hombre, male)" in text and "M (mujer, female)" in text
    assert "transition generation" in text and "born" in text
    html = pop._repr_html_()
    assert "<table>" in html and "M (mujer, female)" in html and len(html) < 2_000
