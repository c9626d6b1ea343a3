"""Regression tests of issue 21 (a hostile second pass): each test is named after what it guards.

Engine runs here are tiny (tens of records, one path, a few years); everything else needs no kernel.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import json
import math
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import Population, Scenario, simulate
from pensiones import _atomic as A
from pensiones.cli import main
from pensiones.engine.parquet import ParquetPopulation
from pensiones.reporting.tablas import PCT_PIB_MAX, PESOS_MAX, MedidaFueraDeRangoError, comprobar_medidas
from pensiones.rules import overlay as O

E = importlib.import_module("pensiones.reporting.export")

POP = Population.synthetic(60, seed=2)


@pytest.fixture(scope="module")
def corrida():
    return simulate(POP, paths=1, seed=1, end=2028)


# -- 1. every measure guarded ------------------------------------------------------------------------
def test_inpc_overlay_of_1e_minus_9_is_refused_naming_the_overlay():
    with pytest.raises(ValueError, match=r"reform 1 \(inpc from 2027-01-01\), field 'valor': "
                                         r"inpc.value would be 1e-09 .*"
                                         r"outside the yearly change -50 % to 200 %"):
        Scenario.default().with_reform({"tabla": "inpc", "desde": "2027-01-01", "valor": 1e-9})


@pytest.mark.parametrize("tabla, cambio", [
    ("uma", {"desde": "2027-02-01", "factor": 5.0}),
    ("salario_minimo", {"desde": "2027-01-01", "factor": 0.1}),
    ("pib", {"desde": "2025-01-01", "valor": 1.0}),
    ("inpc", {"trayectoria": {"2027-01-01": 150.0, "2028-01-01": 1e6}}),
])
def test_price_and_wage_index_overlays_are_checked_against_the_year_before(tabla, cambio):
    with pytest.raises(ValueError, match=rf"reform 1 \({tabla} from .*a change of .* outside the yearly change"):
        Scenario.default().with_reform({"tabla": tabla, **cambio})


def test_price_index_overlay_within_the_yearly_bound_is_accepted():
    s = Scenario.default().with_reform({"tabla": "inpc", "desde": "2027-01-01", "factor": 1.5})
    assert s.rules().inpc(2027, 6) > 1.4 * pensiones.rules.load().inpc(2027, 6)


def test_packaged_price_indices_pass_their_own_yearly_bound():
    rs = pensiones.rules.load()
    for name in ("inpc", "uma", "salario_minimo", "pib", "sbc_promedio_imss"):
        assert "value" in rs.rule_table(name).meta.variacion_anual


def test_measure_guard_refuses_an_absurd_deflator_or_gdp(corrida):
    assert comprobar_medidas(corrida) is corrida
    a = corrida.yearly.copy()
    a.loc[a.index[-1], "deflactor"] = 1e-20
    with pytest.raises(MedidaFueraDeRangoError, match=r"fiscal cost '\w+' in 2028 \(path 0\), measure MXN_2025"):
        attrs.evolve(corrida, yearly=a).fiscal_cost()
    a = corrida.yearly.copy()
    a.loc[a.index[0], "pib"] = 1e3
    with pytest.raises(MedidaFueraDeRangoError, match=r"measure pct_GDP: .* pct_GDP is outside the plausible range"):
        attrs.evolve(corrida, yearly=a).cost_by_payer()
    a = corrida.yearly.copy()
    a.loc[a.index[0], "deflactor"] = np.nan
    with pytest.raises(MedidaFueraDeRangoError, match="yearly series 'deflactor' is nan"):
        comprobar_medidas(attrs.evolve(corrida, yearly=a))


def test_measure_guard_refuses_a_nominal_series_beyond_the_exact_range(corrida):
    a = corrida.yearly.copy()
    a["pbam"] = 1e300
    with pytest.raises(MedidaFueraDeRangoError, match=r"fiscal cost 'pbam' in 2025 \(path 0\), measure MXN"):
        comprobar_medidas(attrs.evolve(corrida, yearly=a))


def _tablas_numericas():
    rs = pensiones.rules.load()
    out = []
    for name in rs.names:
        meta = rs.rule_table(name).meta
        for col, domain in meta.domain.items():
            if col not in meta.referencia:
                out.append((name, col, domain, meta.column(col).type))
    return out


TABLAS = _tablas_numericas()


@st.composite
def overlays(draw):
    """One overlay anywhere in a table's declared domain (or a factor up to 10^6), from 2026 to 2028."""
    name, col, domain, kind = draw(st.sampled_from(TABLAS))
    desde = dt.date(draw(st.integers(2026, 2028)), draw(st.sampled_from([1, 2, 7])), 1)
    cambio = {"tabla": name, "columna": col, "desde": desde.isoformat()}
    if draw(st.booleans()):
        cambio["factor"] = draw(st.one_of(st.sampled_from([0.0, 1e-9, 1.0, 1e6]), st.floats(0, 1e6)))
        return cambio
    low, high = domain.low, min(domain.high, 1e15)
    if kind == "int":
        lo = math.ceil(low) + (1 if not domain.low_closed and float(math.ceil(low)) == low else 0)
        hi = math.floor(high) - (1 if not domain.high_closed and float(math.floor(high)) == high else 0)
        cambio["valor"] = draw(st.integers(max(lo, -10**9), min(hi, 10**9)))
    else:
        lo = max(low, -1e15)
        edges = [x for x in (lo, high, 1e-9, 0.5, 1e9) if domain.contains(x)]
        cambio["valor"] = draw(st.one_of(
            st.sampled_from(edges) if edges else st.nothing(),
            st.floats(lo, high, exclude_min=not domain.low_closed,
                      exclude_max=not domain.high_closed or high < domain.high,
                      allow_nan=False, allow_infinity=False),
        ))
    return cambio


TINY = Population.synthetic(30, seed=5)


@settings(max_examples=25, deadline=None)
@given(overlays())
def test_any_overlay_in_any_domain_ends_in_sane_results_or_an_error_naming_it(cambio):
    """Plausibility bounds: every measure finite, |pesos| <= PESOS_MAX, |% of GDP| <= PCT_PIB_MAX."""
    etiqueta = f"({cambio['tabla']} from {cambio['desde']})"
    try:
        s = Scenario.default().with_reform(cambio)
        fc = simulate(TINY, s, paths=1, seed=3, end=2029).fiscal_cost()
    except ValueError as exc:
        # the overlay by name; an overflow of the integer ledger names the overlays as a cause to check
        assert etiqueta in str(exc) or "reform overlays" in str(exc), str(exc)
        assert "\n" not in str(exc)
        return
    fc = fc[fc.stat != "se"]  # the standard error over one path is NaN by construction
    assert np.isfinite(fc["value"]).all()
    assert (fc.loc[fc.measure == "pct_GDP", "value"].abs() <= PCT_PIB_MAX).all()
    assert (fc.loc[fc.measure != "pct_GDP", "value"].abs() <= PESOS_MAX).all()


@pytest.mark.parametrize(("tabla", "filtro"), [
    ("sobrevivientes", {"donde": {"concepto": "edad_limite_orfandad"}}),
])
def test_an_overlay_on_a_number_the_engine_reads_once_is_refused_by_name(tabla, filtro):
    """The orphans' age limit is one number per run: a dated overlay is refused, naming it (the Fondo's age is
    read year by year since the Fondo variants of issue #24)."""
    cambio = {"tabla": tabla, "columna": "value", "desde": "2026-01-01", "valor": 20, **filtro}
    with pytest.raises(ValueError, match=r"reform 1 \(" + tabla + r" from 2026-01-01\).*one number for the whole run"):
        simulate(TINY, Scenario.default().with_reform(cambio), paths=1, seed=3, end=2029)


# -- 2. text that cannot execute -------------------------------------------------------------------------
def test_text_cells_starting_like_a_formula_are_neutralised_and_numbers_stay_numbers():
    t = pd.DataFrame({"a": ["=1+1", "+x", "-y", "@z", "\tt", "\rr", "ok"], "n": [-1.0, -2, 3, 4, 5, 6, 7]})
    out = E.tabla_inerte(t)
    assert out["a"].tolist() == ["'=1+1", "'+x", "'-y", "'@z", "'\tt", "'\rr", "ok"]
    assert out["n"].tolist() == t["n"].tolist() and out["n"].dtype == t["n"].dtype
    assert t["a"].iloc[0] == "=1+1"  # the caller's table is not changed
    assert E.tabla_inerte(pd.DataFrame({"=c": [1]})).columns.tolist() == ["'=c"]


def test_scenario_name_and_description_starting_with_equals_write_no_formula(corrida, tmp_path):
    import openpyxl

    esc = attrs.evolve(Scenario.default(), name='=HYPERLINK("http://x","y")', description="=1+1 @SUM(A1)")
    r = attrs.evolve(corrida, scenario=esc, provenance={**corrida.provenance, "escenario": esc.name})
    out = tmp_path / "run"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        E.export(
            r, out, formatos=("csv", "xlsx"), extra={"t": pd.DataFrame({"x": ["=cmd|' /C calc'!A0"], "v": [-3.0]})}
        )
    book = openpyxl.load_workbook(out / E.WORKBOOK)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(E.INICIO_FORMULA), (ws.title, cell.coordinate, cell.value)
    assert book["t"]["B2"].value == -3.0
    with open(out / "procedencia.csv", newline="", encoding="utf-8") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert "'" + esc.name in cells and not any(c.startswith(E.INICIO_FORMULA) for c in cells)
    with open(out / "t.csv", newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh))[1] == ["'=cmd|' /C calc'!A0", "-3.0"]


def test_a_300_character_table_name_is_a_clear_error(corrida, tmp_path):
    with pytest.raises(ValueError, match="has 300 characters; a table name has at most 200"):
        E.export(corrida, tmp_path / "run", formatos=("csv",), extra={"x" * 300: pd.DataFrame({"a": [1]})})
    assert not (tmp_path / "run").exists()


# -- 5. confined inputs ------------------------------------------------------------------------------------
@pytest.fixture()
def carpeta(tmp_path):
    POP.to_parquet(tmp_path / "pop", partition_size=25)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.parquet").write_bytes((tmp_path / "pop" / "part-00000.parquet").read_bytes())
    return tmp_path


def _manifiesto(folder: Path, names: list[str]) -> None:
    m = json.loads((folder / "poblacion.json").read_text())
    for part, name in zip(m["partes"], names):
        part["archivo"] = name
    (folder / "poblacion.json").write_text(json.dumps(m))


@pytest.mark.parametrize("name", ["../outside/x.parquet", "ABS", "sub/../../outside/x.parquet"])
def test_parquet_manifest_entries_outside_the_folder_are_refused(carpeta, name):
    name = str(carpeta / "outside" / "x.parquet") if name == "ABS" else name
    _manifiesto(carpeta / "pop", [name])
    with pytest.raises(ValueError, match="parts must be relative paths inside"):
        ParquetPopulation.open(carpeta / "pop")


def test_parquet_parts_that_are_symlinks_out_of_the_folder_are_refused(carpeta):
    (carpeta / "pop" / "link.parquet").symlink_to(carpeta / "outside" / "x.parquet")
    _manifiesto(carpeta / "pop", ["link.parquet"])
    with pytest.raises(ValueError, match="a symbolic link to .*outside the population folder"):
        ParquetPopulation.open(carpeta / "pop")
    (carpeta / "pop" / "poblacion.json").unlink()  # without a manifest: the *.parquet files, links checked too
    with pytest.raises(ValueError, match="symbolic link"):
        ParquetPopulation.open(carpeta / "pop")


def test_a_truncated_or_corrupt_parquet_part_is_named_in_the_error(carpeta):
    part = carpeta / "pop" / "part-00001.parquet"
    data = part.read_bytes()
    part.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match=r"population part .*part-00001.parquet cannot be read") as exc:
        Population.from_parquet(carpeta / "pop")
    assert "\n" not in str(exc.value)
    corrupt = bytearray(data)
    corrupt[100:400] = b"\xff" * 300
    part.write_bytes(bytes(corrupt))
    handle = ParquetPopulation.open(carpeta / "pop")
    with pytest.raises(ValueError, match=r"population part .*part-00001.parquet cannot be read"):
        handle.parte(1)


# -- 6, 7. overwrite by recorded hash, stale .part folders, umask --------------------------------------
def _run(target, files: dict[str, str], overwrite=False):
    notes = []
    with A.atomic_folder(target, overwrite=overwrite, note=notes.append) as tmp:
        for name, text in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_text(text)
    return notes


def test_overwrite_deletes_only_files_whose_recorded_hash_matches(tmp_path):
    out = tmp_path / "run"
    _run(out, {"a.csv": "1", "b.csv": "2", "sub/c.csv": "3"})
    manifest = json.loads((out / A.MANIFEST).read_text())
    assert set(manifest["sha256"]) == {"a.csv", "b.csv", "sub/c.csv"}
    (out / "a.csv").write_text("edited by hand")  # recorded name, other content
    (out / "victim.txt").write_text("the user's")  # a hand-edited manifest lists the user's file
    manifest["files"].append("victim.txt")
    (out / A.MANIFEST).write_text(json.dumps(manifest))
    notes = _run(out, {"a.csv": "new", "d.csv": "4"}, overwrite=True)
    assert (out / "victim.txt").read_text() == "the user's"
    assert (out / "a.csv").read_text() == "new" and (out / "a.csv.kept").read_text() == "edited by hand"
    assert not (out / "b.csv").exists() and not (out / "sub").exists()  # unchanged: the previous run's, gone
    assert any("whose content changed" in n and "a.csv" in n and "victim.txt" in n for n in notes)
    assert any("a.csv -> a.csv.kept" in n for n in notes)


def test_overwrite_of_a_folder_without_manifest_deletes_nothing(tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    (out / "ledger.csv").write_text("mine")
    notes = _run(out, {"ledger.csv": "new"}, overwrite=True)
    assert (out / "ledger.csv").read_text() == "new" and (out / "ledger.csv.kept").read_text() == "mine"
    assert notes


def test_stale_part_folders_of_a_killed_run_are_cleaned_and_reported(tmp_path):
    code = (
        "import os, pathlib\nfrom pensiones import _atomic as A\n"
        f"with A.atomic_folder(pathlib.Path({str(tmp_path / 'run')!r})) as t:\n"
        "    (t / 'x').write_text('x'); os.kill(os.getpid(), 9)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(pensiones.__file__).parents[1]))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
    assert done.returncode == -9
    stale = [p for p in tmp_path.iterdir() if p.name.startswith(".run.part-")]
    assert len(stale) == 1
    assert _run(tmp_path / "run", {"a": "1"}) == []  # younger than the grace period: kept
    assert stale[0].exists()
    old = time.time() - 2 * A.PART_GRACE_SECONDS
    os.utime(stale[0], (old, old))
    notes = _run(tmp_path / "run", {"a": "2"}, overwrite=True)
    assert not stale[0].exists()
    assert any("removed 1 temporary folder(s)" in n and stale[0].name in n for n in notes)


def test_a_live_runs_part_folder_is_never_cleaned(tmp_path):
    with A.atomic_folder(tmp_path / "run") as tmp:
        old = time.time() - 10 * A.PART_GRACE_SECONDS
        os.utime(tmp, (old, old))
        assert A.clean_stale_parts(tmp_path, "run") == []
        (tmp / "a").write_text("1")
    assert (tmp_path / "run" / "a").exists()


def test_result_folders_take_the_users_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        _run(tmp_path / "run", {"a": "1"})
    finally:
        os.umask(previous)
    assert (tmp_path / "run").stat().st_mode & 0o777 == 0o755


# -- 9. loading cost ---------------------------------------------------------------------------------------
def _muchas(n: int, tabla: str = "semanas_minimas") -> list[dict]:
    d0 = dt.date(2027, 1, 1)
    return [{"tabla": tabla, "desde": (d0 + dt.timedelta(days=i)).isoformat(), "factor": 1.0} for i in range(n)]


def test_overlays_beyond_the_documented_cap_are_a_clear_error():
    assert O.CAMBIOS_MAX == 10_000
    with pytest.raises(
        ValueError, match=r"15,231 reform overlays give 15,231 dated changes; a rule set takes at most 10,000"
    ):
        Scenario.default().with_reform({"reformas": _muchas(15_231)})


def test_overlay_loading_grows_as_n_log_n(monkeypatch):
    calls = {"n": 0}
    real = O._componer

    def counted(a, b):
        calls["n"] += 1
        return real(a, b)

    monkeypatch.setattr(O, "_componer", counted)
    work = []
    for n in (500, 2000):
        calls["n"] = 0
        Scenario.default().with_reform({"reformas": _muchas(n)})
        work.append(calls["n"])
    # quadruple the overlays: n log n work grows about 4.9 times; quadratic work would grow 16 times
    assert work[1] / work[0] < 6.0, work


def test_many_overlays_give_the_same_values_as_one():
    rs = pensiones.rules.load()
    many = Scenario.default().with_reform(
        {"reformas": _muchas(300) + [{"tabla": "semanas_minimas", "desde": "2029-01-01", "valor": 1100}]}
    )
    one = Scenario.default().with_reform({"tabla": "semanas_minimas", "desde": "2029-01-01", "valor": 1100})
    for year in (2026, 2027, 2028, 2029, 2035):
        f = dt.date(year, 2, 1)
        assert many.rules().value("semanas_minimas", f) == one.rules().value("semanas_minimas", f)
    assert one.rules().value("semanas_minimas", dt.date(2028, 2, 1)) == rs.value("semanas_minimas", dt.date(2028, 2, 1))


# -- 10. minor cases ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("col", ["semanas", "saldo_rcv"])
def test_booleans_are_refused_as_numbers(col):
    frame = POP.to_frame()
    frame[col] = frame[col].astype(object)
    frame.loc[3, col] = True
    with pytest.raises(ValueError, match=rf"column '{col}' must hold numbers, not True/False; row 3"):
        Population.from_frame(frame)
    frame[col] = False
    with pytest.raises(ValueError, match=rf"column '{col}' must hold numbers, not True/False"):
        Population.from_frame(frame)
    with pytest.raises(ValueError, match=rf"column '{col}' must hold numbers"):
        attrs.evolve(POP, **{col: np.zeros(len(POP), dtype=bool)})


@pytest.mark.parametrize("col, bad", [("promedio_250_ley73", 1e6), ("saldo_vivienda", 1e12)])
def test_promedio_250_and_saldo_vivienda_have_a_documented_upper_bound(col, bad):
    frame = POP.to_frame()
    frame.loc[0, col] = bad
    with pytest.raises(ValueError, match=rf"column '{col}' must be in \[0.0, .*row 0"):
        Population.from_frame(frame)


@pytest.mark.parametrize("columna, leidas", [("beneficiarios", "pbam.value, pbam.edad_minima"),
                                              ("presupuesto_mdp", "pbam.value, pbam.edad_minima")])
def test_overlays_on_columns_no_calculation_reads_are_refused(columna, leidas):
    with pytest.raises(ValueError, match=rf"pbam.{columna} is a published figure .* the engine reads {leidas}"):
        Scenario.default().with_reform({"tabla": "pbam", "desde": "2027-01-01", "columna": columna, "valor": 1})


def test_edad_maxima_below_edad_minima_is_refused():
    with pytest.raises(ValueError, match=r"reform 1 \(pension_mujeres_bienestar from 2027-01-01\).*"
                                         r"edad_maxima would be 50, "
                                         r"below edad_minima = 60"):
        Scenario.default().with_reform(
            {"tabla": "pension_mujeres_bienestar", "desde": "2027-01-01", "columna": "edad_maxima", "valor": 50}
        )


def test_a_factor_of_1e300_on_semanas_minimas_is_a_clear_error():
    with pytest.raises(
        ValueError, match=r"semanas_minimas.value would be 9e\+302 .*outside the domain \[0, 5200\]"
    ) as exc:
        Scenario.default().with_reform({"tabla": "semanas_minimas", "desde": "2027-01-01", "factor": 1e300})
    assert "-9.22e" not in str(exc.value)
    with pytest.raises(ValueError, match="beyond the largest whole number"):
        Scenario.default().with_reform({"tabla": "ley73_requisitos", "desde": "2027-01-01", "factor": 1e300})


def test_rules_for_a_year_before_the_uma_is_a_clear_error_naming_its_first_date(capsys):
    assert main(["rules", "1997"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "uma starts on 2016-01-28" in err and "starts in 2019" in err
    assert main(["rules", "2021"]) == 0
    assert main(["rules", "2019", "--regimen", "lss1997"]) == 0
