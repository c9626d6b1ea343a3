"""Tables without masks: the filters and wide tables of fiscal_cost, cost_by_payer, outcomes and compare,
the deprecated ids, the standard error of the mean, and the workbook's wide sheets."""

import warnings

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import PensionesDeprecationWarning
from pensiones.reporting import FISCAL_COMPONENTS
from pensiones.reporting.tablas import MEASURES, RENAMED


@pytest.fixture(scope="module")
def runs():
    pop = pensiones.Population.synthetic(1_000, seed=3)
    base = pensiones.simulate(pop, paths=3, seed=5, end=2032, outcomes=True)
    reform = pensiones.simulate(pop, pensiones.Scenario.load("sin_fondo_bienestar"), paths=3, seed=5, end=2032)
    return base, reform


def _masked(frame, **eq):
    sel = np.ones(len(frame), dtype=bool)
    for column, value in eq.items():
        sel &= (frame[column] == value).to_numpy()
    return frame[sel]


def test_filters_select_the_rows_a_mask_would(runs):
    base, _ = runs
    fc = base.fiscal_cost()
    assert set(fc.measure) == set(MEASURES) and (fc.measure == fc.unit).all()
    got = base.fiscal_cost(measure="pct_GDP", stat="mean", components=["pbam", "total"])
    want = fc[(fc.measure == "pct_GDP") & (fc.stat == "mean") & fc.component.isin(["pbam", "total"])]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))


def test_wide_is_years_by_component_in_the_order_asked(runs):
    base, _ = runs
    t = base.fiscal_cost(measure="MXN_2025", stat="p95", components=["total", "ley73"], wide=True)
    assert list(t.columns) == ["total", "ley73"] and list(t.index) == list(base.years)
    assert t.attrs == {"measure": "MXN_2025", "stat": "p95", "unit": "MXN_2025"}
    long = _masked(base.fiscal_cost(), measure="MXN_2025", stat="p95", component="ley73").set_index("year").value
    np.testing.assert_array_equal(t["ley73"].to_numpy(), long.to_numpy())
    every = base.fiscal_cost(measure="pct_GDP", stat="mean", wide=True)
    assert list(every.columns) == [*FISCAL_COMPONENTS, "total"]
    np.testing.assert_allclose(every[list(FISCAL_COMPONENTS)].sum(axis=1), every["total"], rtol=1e-12)
    with pytest.raises(ValueError, match=r"wide=True needs one measure and one stat.*fiscal_cost\(measure='pct_GDP'"):
        base.fiscal_cost(wide=True)


def test_the_standard_error_is_the_std_over_paths_over_root_paths(runs):
    base, _ = runs
    paths = base.fiscal_cost_paths()["total"] / base.yearly["pib"].to_numpy()[None, :] * 100
    se = base.fiscal_cost(measure="pct_GDP", stat="se", components="total", wide=True)["total"]
    np.testing.assert_allclose(se.to_numpy(), paths.std(axis=0, ddof=1) / np.sqrt(base.paths), rtol=1e-12)
    for table in (base.cost_by_payer(), pensiones.compare(*runs)):
        assert {"mean", "se", "p5", "p50", "p95"} == set(table.stat)


def test_cost_by_payer_filters_and_wide(runs):
    base, _ = runs
    t = base.cost_by_payer(payer=["imss", "fondo_bienestar"], components="total", measure="MXN", stat="mean", wide=True)
    assert list(t.columns) == [("imss", "total"), ("fondo_bienestar", "total")]
    assert t.columns.names == ["payer", "component"]
    rows = base.cost_by_payer(payer="imss", measure="pct_GDP", stat="mean")
    assert set(rows.payer) == {"imss"}
    assert set(rows.component) == {"pensiones_alternativa", "rjp", "suma_asegurada_imss",
                                   "suma_asegurada_invalidez_imss", "total"}
    with pytest.raises(ValueError, match=r"payer must be among .*; got 'gobierno' \(did you mean 'gobierno_"):
        base.cost_by_payer(payer="gobierno")


def test_compare_filters_and_wide(runs):
    base, reform = runs
    d = pensiones.compare(base, reform, measure="pct_GDP", stat="mean", wide=True)
    long = pensiones.compare(base, reform)
    want = _masked(long, measure="pct_GDP", stat="mean", component="fondo_bienestar").set_index("year").value
    np.testing.assert_array_equal(d["fondo_bienestar"].to_numpy(), want.to_numpy())
    assert (d["fondo_bienestar"] <= 0).all() and d["fondo_bienestar"].loc[2032] < 0  # abolishing the Fondo saves money
    assert float(pensiones.compare(base, base, stat="se")["value"].abs().max()) == 0.0


def test_outcomes_speak_english_and_select_columns(runs):
    base, _ = runs
    o = base.outcomes()
    assert list(o.group.unique()) == ["all", "sex", "salary_band", "sex_salary_band"]
    assert set(o.value) == {"all", "men", "women", "low", "middle", "high",
                            *(f"{s}_{b}" for s in ("men", "women") for b in ("low", "middle", "high"))}
    w = base.outcomes(by=["generation"], columns=["share_pensioned"], wide=True)
    assert list(w.columns) == ["share_pensioned"]
    assert list(w.index) == [("all", "all"), ("generation", "ley73_transicion"), ("generation", "ley97")]
    with pytest.raises(ValueError, match=r"columns must be among .*got 'share_pension' \(did you mean 'share_"):
        base.outcomes(columns="share_pension")


@pytest.mark.parametrize("old,new", sorted(RENAMED["measure"].items()))
def test_an_old_measure_id_warns_and_maps_to_the_new_one(runs, old, new):
    base, reform = runs
    with pytest.warns(PensionesDeprecationWarning, match=f"measure='{old}' is deprecated.*use '{new}'") as record:
        got = base.fiscal_cost(measure=old, stat="mean")
    assert record[0].filename == __file__  # the warning points at the caller's line
    pd.testing.assert_frame_equal(got, base.fiscal_cost(measure=new, stat="mean"))
    with pytest.warns(FutureWarning):  # a FutureWarning: shown to users by default
        assert set(base.cost_by_payer(measure=old).measure) == {new}
    with pytest.warns(PensionesDeprecationWarning):
        assert set(pensiones.compare(base, reform, measure=old).measure) == {new}
    assert set(pensiones.reporting.present_value(base).measure) == {"MXN_2025", "pct_GDP"}


def test_old_grouping_ids_warn_and_map(runs):
    base, _ = runs
    with pytest.warns(PensionesDeprecationWarning, match="by='sexo_banda' is deprecated.*use 'sex_salary_band'"):
        o = base.outcomes(by="sexo_banda")
    pd.testing.assert_frame_equal(o, base.outcomes(by="sex_salary_band"))


def test_new_ids_do_not_warn(runs):
    base, reform = runs
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        base.fiscal_cost(measure=list(MEASURES), stat="mean")
        base.outcomes(by=["sex", "retirement_year"])
        pensiones.compare(base, reform, measure="MXN", stat="p50", components="total")


def test_the_workbook_has_wide_sheets_per_measure(runs, tmp_path):
    from openpyxl import load_workbook

    base, _ = runs
    base.export(tmp_path / "run", formatos=("xlsx",))
    book = load_workbook(tmp_path / "run" / "resultados.xlsx", read_only=True)
    for measure in MEASURES:
        assert f"fiscal_{measure}" in book.sheetnames and f"payer_{measure}" in book.sheetnames
    sheet = pd.read_excel(tmp_path / "run" / "resultados.xlsx", sheet_name="fiscal_pct_GDP", index_col=0)
    want = base.fiscal_cost(measure="pct_GDP", stat="mean", wide=True)
    np.testing.assert_allclose(sheet.to_numpy(), want.to_numpy(), rtol=1e-12)
    assert list(sheet.columns) == list(want.columns)
    notes = pd.read_excel(tmp_path / "run" / "resultados.xlsx", sheet_name="notes")
    assert notes["value"].astype(str).str.contains("years by component").any()
