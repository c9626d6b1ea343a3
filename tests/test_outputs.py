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


def test_population_repr_is_short_and_explains_sex_codes():
    pop = pensiones.Population.synthetic(1_000, seed=1)
    text = repr(pop)
    assert len(text) < 300
    assert "1,000 records" in text and "H (hombre, male)" in text and "M (mujer, female)" in text
    assert "transition generation" in text and "born" in text
    html = pop._repr_html_()
    assert "<table>" in html and "M (mujer, female)" in html and len(html) < 2_000
