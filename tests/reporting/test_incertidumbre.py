"""Reading the uncertainty (#23 items 4 and 5): Results.prob against direct counts over paths, the Monte Carlo
standard error of every mean a table reports, the band of a cost by source of uncertainty on known inputs,
one-at-a-time sensitivities (their sign, a null range, common random numbers) and their charts; bad inputs
name the field and what is allowed."""

from __future__ import annotations

import importlib
import math

import attrs
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import pensiones
from pensiones.engine import componentes as C
from pensiones.reporting import FISCAL_COMPONENTS, band_decomposition, plots, present_value, present_value_by_period
from pensiones.reporting.incertidumbre import BAND_COLUMNS, BAND_STATS, BAND_STATS_REFERENCE, Probability
from pensiones.reporting.pagadores import costo_por_pagador_paths
from pensiones.reporting.sensibilidad import COLUMNS
from pensiones.reporting.tablas import difference_paths, pensiones_paths, present_value_paths

END = 2040
KW = dict(paths=12, seed=3, end=END)


@pytest.fixture(scope="module")
def population():
    return pensiones.Population.synthetic(1_000, seed=8)


@pytest.fixture(scope="module")
def run(population):
    return pensiones.simulate(population, **KW)


@pytest.fixture(scope="module")
def reform(population):
    return pensiones.simulate(population, pensiones.Scenario.load("sin_fondo_bienestar"), **KW)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _se(x: np.ndarray) -> np.ndarray:
    """The Monte Carlo standard error of the mean over axis 0, by hand."""
    n = x.shape[0]
    mean = x.sum(axis=0) / n
    return np.sqrt(((x - mean) ** 2).sum(axis=0) / (n - 1)) / math.sqrt(n)


def _pct_gdp(results, component, year):
    k = list(results.years).index(year)
    return 100.0 * results.fiscal_cost_paths()[component][:, k] / results.yearly["pib"].to_numpy()[k]


# --- Results.prob -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("component", ["total", "pension_garantizada", "ley73"])
def test_prob_is_the_share_of_paths_counted_directly(run, component):
    x = _pct_gdp(run, component, 2035)
    for level in (np.min(x) - 1.0, np.median(x), float(np.sort(x)[3]), np.max(x) + 1.0):
        p = run.prob(component, 2035, above=level)
        count = sum(1 for v in x if v > level)  # strictly above: a path at the level is not counted
        assert isinstance(p, Probability) and p.count == count and p.paths == 12
        assert float(p) == p.value == count / 12
        assert p.se == pytest.approx(math.sqrt(p.value * (1 - p.value) / 12), abs=0.0)
        q = run.prob(component, 2035, below=level)
        assert q.count == sum(1 for v in x if v < level) and q.side == "below"


def test_prob_at_a_paths_own_value_is_strict_on_both_sides(run):
    x = _pct_gdp(run, "total", 2040)
    level = float(np.sort(x)[5])
    above, below = run.prob("total", 2040, above=level), run.prob("total", 2040, below=level)
    assert above.count + below.count == 12 - int((x == level).sum())


def test_prob_in_constant_pesos(run):
    k = list(run.years).index(2030)
    x = run.fiscal_cost_paths()["pension_garantizada"][:, k] / run.yearly["deflactor"].to_numpy()[k]
    level = float(np.median(x))
    p = run.prob("pension_garantizada", 2030, above=level, measure="MXN_2025")
    assert p.count == int((x > level).sum()) and p.unit == "MXN_2025" and p.level == level


def test_prob_says_what_it_measured(run):
    p = run.prob("total", 2030, above=0.0)
    assert (p.component, p.year, p.measure, p.level, p.side) == ("total", 2030, "pct_GDP", 0.0, "above")
    assert p.value == 1.0 and p.se == 0.0  # every path has a positive cost
    assert repr(p) == "Probability(total 2030 above 0 pct_GDP: 1, se 0; 12 of 12 paths)"


def test_prob_bad_inputs_name_the_field_and_what_is_allowed(run):
    with pytest.raises(ValueError, match=r"component must be among cuota_social, .*total; got 'totl' \(did you mean "
                                         r"'total'\?\)"):
        run.prob("totl", 2030, above=1.0)
    with pytest.raises(ValueError, match=r"component must be one of .*got \['total'\]"):
        run.prob(["total"], 2030, above=1.0)
    with pytest.raises(ValueError, match=r"year must be in \[2025, 2040\], got 2041"):
        run.prob("total", 2041, above=1.0)
    with pytest.raises(ValueError, match=r"year must be an integer"):
        run.prob("total", 2030.5, above=1.0)
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError, match="above must be finite"):
            run.prob("total", 2030, above=bad)
    with pytest.raises(ValueError, match="below must be a real number"):
        run.prob("total", 2030, below="3")
    with pytest.raises(ValueError, match="needs a level: above=.* or below="):
        run.prob("total", 2030)
    with pytest.raises(ValueError, match="one level, above= or below=, not both"):
        run.prob("total", 2030, above=1.0, below=2.0)
    with pytest.raises(ValueError, match="measure must be among MXN, MXN_2025, pct_GDP; got 'pct'"):
        run.prob("total", 2030, above=1.0, measure="pct")


# --- the standard error of every mean ---------------------------------------------------------------------------


def test_fiscal_cost_se_is_the_standard_deviation_over_paths_over_root_paths(run):
    t = run.fiscal_cost(measure="MXN", stat="se", wide=True)
    for component, x in run.fiscal_cost_paths().items():
        np.testing.assert_allclose(t[component].to_numpy(), _se(x), rtol=1e-9, atol=1e-6)


def test_cost_by_payer_se(run):
    t = run.cost_by_payer(measure="MXN", stat="se", wide=True)
    for (payer, component), x in costo_por_pagador_paths(run).items():
        np.testing.assert_allclose(t[(payer, component)].to_numpy(), _se(x), rtol=1e-9, atol=1e-6)


def test_pensions_se(run):
    t = run.pensions(stat="se")
    for (regime, tipo, measure), x in pensiones_paths(run).items():
        got = t[(t.regime == regime) & (t.type == tipo) & (t.measure == measure)].sort_values("year")["value"]
        np.testing.assert_allclose(got.to_numpy(), _se(x), rtol=1e-9, atol=1e-9)


def test_compare_se_is_of_the_path_by_path_difference(run, reform):
    t = pensiones.compare(run, reform, measure="MXN", stat="se", wide=True)
    for component, x in difference_paths(run, reform, "test").items():
        np.testing.assert_allclose(t[component].to_numpy(), _se(x), rtol=1e-9, atol=1e-6)


def test_present_value_se_is_of_the_paths_present_values(run, reform):
    for reforma in (None, reform):
        vp = present_value(run, reforma, tasa_descuento=0.03)
        costos = run.fiscal_cost_paths() if reforma is None else difference_paths(run, reforma, "test")
        vps, _ = present_value_paths(costos, run, 0.03, 2025)
        se = vp[(vp.stat == "se") & (vp.measure == "MXN_2025")].set_index("component")["value"]
        for component, x in vps.items():
            assert se[component] == pytest.approx(float(_se(x[:, None])[0]), rel=1e-9)


def test_present_value_by_period_se_over_all_years_is_present_values(run, reform):
    by_period = present_value_by_period(reform, run, tasas=0.03, measure="pct_GDP", stat="se", wide=True)
    vp = present_value(run, reform, tasa_descuento=0.03)
    se = vp[(vp.stat == "se") & (vp.measure == "pct_GDP")].set_index("component")["value"]
    for component in (*FISCAL_COMPONENTS, "total"):
        assert by_period.loc[component, (0.03, "all")] == pytest.approx(se[component], rel=1e-9, abs=1e-15)


def test_se_is_nan_with_one_path(population):
    one = pensiones.simulate(population, paths=1, seed=3, end=2027)
    assert one.fiscal_cost(measure="pct_GDP", stat="se", wide=True).isna().all().all()
    assert np.isnan(present_value(one).query("stat == 'se'")["value"]).all()


# --- band_decomposition -----------------------------------------------------------------------------------------


def _known(results, values_pesos: np.ndarray):
    """``results`` with every ledger line zero but the guaranteed pension, ``values_pesos`` (paths,) each year."""
    ledger = np.zeros_like(results.ledger_array)
    ledger[:, :, C.INDICE["pension_garantizada"]] = np.round(values_pesos * 100.0).astype(np.int64)[:, None]
    return attrs.evolve(results, ledger_array=ledger)


def test_band_decomposition_on_known_inputs(run):
    x = np.arange(12, dtype=float) * 1_000.0  # pesos on paths 0..11, every year
    a, b = _known(run, x), _known(run, 2.0 * x)
    t = band_decomposition({"narrow": a, "wide": b}, "pension_garantizada", measure="MXN", reference="wide")
    assert list(t.columns) == list(BAND_COLUMNS)
    assert list(dict.fromkeys(t.source)) == ["narrow", "wide"]
    assert list(dict.fromkeys(t.stat)) == [*BAND_STATS, *BAND_STATS_REFERENCE]

    def value(source, stat):
        part = t[(t.source == source) & (t.stat == stat)]
        assert len(part) == len(run.years) and part["value"].nunique() == 1  # the same every year
        return part["value"].iloc[0]

    # numpy's linear percentiles of 0, 1000, ..., 11000: p5 = 0.55 x 1000, p95 = 10.45 x 1000
    assert value("narrow", "p5") == pytest.approx(550.0) and value("narrow", "p95") == pytest.approx(10_450.0)
    assert value("narrow", "p50") == pytest.approx(5_500.0) and value("narrow", "mean") == pytest.approx(5_500.0)
    assert value("narrow", "width") == pytest.approx(9_900.0) and value("wide", "width") == pytest.approx(19_800.0)
    assert value("narrow", "sd") == pytest.approx(np.std(x, ddof=1))
    assert value("narrow", "width_ratio") == pytest.approx(0.5) and value("narrow", "variance_ratio") == pytest.approx(
        0.25)
    assert value("wide", "width_ratio") == 1.0 and value("wide", "variance_ratio") == 1.0
    assert set(t.unit) == {"MXN", "fraction"}
    assert set(t[t.stat.isin(BAND_STATS_REFERENCE)].unit) == {"fraction"}


def test_band_decomposition_is_the_fiscal_cost_band_of_each_run(run, reform):
    t = band_decomposition({"law": run, "no fondo": reform}, "pension_garantizada")
    for label, r in (("law", run), ("no fondo", reform)):
        fc = r.fiscal_cost(measure="pct_GDP", components="pension_garantizada", wide=False)
        for stat in ("mean", "p5", "p50", "p95"):
            want = fc[fc.stat == stat].sort_values("year")["value"].to_numpy()
            got = t[(t.source == label) & (t.stat == stat)].sort_values("year")["value"].to_numpy()
            np.testing.assert_allclose(got, want, rtol=1e-12)
    assert t.attrs["provenance"]["no fondo"]["escenario"] == "sin_fondo_bienestar"
    assert t.attrs["component"] == "pension_garantizada" and t.attrs["unit"] == "pct_GDP"


def test_band_decomposition_wide_and_a_zero_band(population, run):
    calm = pensiones.simulate(population, pensiones.Scenario.default().with_reform(
        {"procesos": {"rendimiento_real_volatilidad": 0.0}}), **KW)
    w = band_decomposition({"careers": calm, "careers and returns": run}, "pbam", stat="width", wide=True)
    assert list(w.columns) == ["careers", "careers and returns"] and w.attrs["stat"] == "width"
    assert (w.to_numpy() == 0.0).all()  # the PBAM is deterministic: no band in any run
    r = band_decomposition({"careers": calm, "all": run}, "pbam", stat="width_ratio", reference="all", wide=True)
    assert r.isna().all().all() and r.attrs["unit"] == "fraction"  # a zero reference band has no ratio


def test_band_decomposition_bad_inputs(population, run):
    other_paths = pensiones.simulate(population, paths=4, seed=3, end=END)
    with pytest.raises(ValueError, match=r"same records, years and paths: paths is 12 in 'a' and 4 in 'b'"):
        band_decomposition({"a": run, "b": other_paths})
    other_pop = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=9), **KW)
    with pytest.raises(ValueError, match=r"poblacion_hash is .* in 'a' and .* in 'b'"):
        band_decomposition({"a": run, "b": other_pop})
    with pytest.raises(ValueError, match="dict of labelled runs"):
        band_decomposition([run])
    with pytest.raises(ValueError, match=r"\(empty\)"):
        band_decomposition({})
    with pytest.raises(ValueError, match="run 'a' is a str, not a Results"):
        band_decomposition({"a": "run"})
    with pytest.raises(ValueError, match="reference must be one of the runs' labels 'a'; got 'all'"):
        band_decomposition({"a": run}, reference="all")
    with pytest.raises(ValueError, match="need reference="):
        band_decomposition({"a": run}, stat="width_ratio")
    with pytest.raises(ValueError, match="component must be among .*got 'pg'"):
        band_decomposition({"a": run}, "pg")
    with pytest.raises(ValueError, match="wide=True needs one measure and one stat"):
        band_decomposition({"a": run}, wide=True)


def test_a_different_seed_is_a_different_band_but_the_same_kind_of_table(population, run):
    other = pensiones.simulate(population, paths=12, seed=4, end=END)
    t = band_decomposition({"seed 3": run, "seed 4": other}, "pension_garantizada", stat="p95", wide=True)
    assert t.attrs["provenance"]["seed 4"]["seed"] == 4
    assert not np.array_equal(t["seed 3"].to_numpy(), t["seed 4"].to_numpy())


# --- sensibilidad -----------------------------------------------------------------------------------------------

SMALL = dict(paths=6, seed=2, end=2040)


@pytest.fixture(scope="module")
def pop_small():
    return pensiones.Population.synthetic(600, seed=5)


def test_higher_gdp_growth_lowers_the_cost_in_percent_of_gdp(pop_small):
    t = pensiones.sensibilidad(pop_small, parameters={"supuestos.crecimiento_real_pib": (0.01, 0.03)}, year=2040,
                               **SMALL)
    assert list(t.columns) == list(COLUMNS) and list(t.bound) == ["low", "high"]
    low, high = t.set_index("bound")["change"]
    assert low > 0 > high
    assert t["swing"].iloc[0] == pytest.approx(high - low if high > low else low - high)
    # GDP changes no peso: each path's cost is scaled by the same ratio of GDPs, and with common random numbers
    # the change is known far better than either run's mean
    assert (t["se"] > 0).all() and (t["se"] < 0.1 * t["change"].abs()).all()
    # the present value in % of the base year's GDP does not see the growth of GDP; in % of the present value
    # of GDP it does, the same way
    pv = pensiones.sensibilidad(pop_small, parameters={"supuestos.crecimiento_real_pib": (0.01, 0.03)}, **SMALL)
    assert pv["change"].abs().max() < 1e-9
    pv_gdp = pensiones.sensibilidad(pop_small, parameters={"supuestos.crecimiento_real_pib": (0.01, 0.03)},
                                    measure="pct_PV_GDP", **SMALL)
    low, high = pv_gdp.set_index("bound")["change"]
    assert low > 0 > high


def test_a_null_range_gives_exactly_zero_and_the_central_run_is_the_tables(pop_small):
    central = pensiones.simulate(pop_small, **SMALL)
    edad = pensiones.Scenario.default().procesos.edad_retiro
    t = pensiones.sensibilidad(pop_small, parameters={"procesos.edad_retiro": (edad, edad)}, **SMALL)
    assert (t["change"] == 0.0).all() and (t["swing"] == 0.0).all() and (t["se"] == 0.0).all()
    vp = present_value(central, tasa_descuento=0.03)
    want = vp[(vp.component == "total") & (vp.measure == "pct_GDP") & (vp.stat == "mean")]["value"].iloc[0]
    assert t.attrs["central"] == pytest.approx(want, rel=1e-12)
    assert (t.attrs["base_year"], t.attrs["discount_rate"], t.attrs["unit"]) == (2025, 0.03, "pct_GDP")
    y = pensiones.sensibilidad(pop_small, parameters={"procesos.edad_retiro": (edad, edad)}, year=2035,
                               component="pension_garantizada", measure="MXN_2025", stat="p95", **SMALL)
    fc = central.fiscal_cost(measure="MXN_2025", stat="p95", components="pension_garantizada", wide=True)
    assert y.attrs["central"] == pytest.approx(fc.loc[2035, "pension_garantizada"], rel=1e-12)
    assert y["se"].isna().all()  # no standard error of a percentile's change


def test_the_change_of_the_mean_and_its_se_are_of_the_path_by_path_differences(pop_small):
    scenario = pensiones.Scenario.default()
    t = pensiones.sensibilidad(pop_small, scenario, parameters={"procesos.rendimiento_real_medio": (0.02, 0.05)},
                               year=2040, component="pension_garantizada", **SMALL)
    central = _pct_gdp(pensiones.simulate(pop_small, scenario, **SMALL), "pension_garantizada", 2040)
    for bound, value in (("low", 0.02), ("high", 0.05)):
        other = _pct_gdp(pensiones.simulate(pop_small, scenario.with_reform(
            {"procesos": {"rendimiento_real_medio": value}}), **SMALL), "pension_garantizada", 2040)
        row = t.set_index("bound").loc[bound]
        assert row["change"] == pytest.approx(other.mean() - central.mean(), rel=1e-9, abs=1e-15)
        assert row["se"] == pytest.approx(float(_se((other - central)[:, None])[0]), rel=1e-9, abs=1e-15)
        assert row["value"] == value
    # a higher return leaves more in the accounts: the guaranteed pension costs less
    assert t.set_index("bound").loc["high", "outcome"] <= t.set_index("bound").loc["low", "outcome"]


def test_parameters_are_sorted_by_swing(pop_small):
    edad = pensiones.Scenario.default().procesos.edad_retiro
    t = pensiones.sensibilidad(pop_small, parameters={
        "procesos.edad_retiro": (edad, edad),
        "supuestos.crecimiento_real_pib": (0.0, 0.04),
        "supuestos.inflacion": (0.03, 0.03),
    }, year=2035, **SMALL)
    assert list(dict.fromkeys(t.parameter)) == [
        "supuestos.crecimiento_real_pib", "procesos.edad_retiro", "supuestos.inflacion"]  # ties keep their order
    assert t["swing"].is_monotonic_decreasing


def test_sensibilidad_bad_inputs_fail_before_any_run(pop_small, monkeypatch):
    def no_run(*args, **kwargs):
        raise AssertionError("simulate ran before the inputs were checked")

    # the module, not the function of the same name that pensiones exports
    monkeypatch.setattr(importlib.import_module("pensiones.reporting.sensibilidad"), "simulate", no_run)

    def call(parameters, **kw):
        return pensiones.sensibilidad(pop_small, parameters=parameters, **{**SMALL, **kw})

    with pytest.raises(ValueError, match=r"unknown parameter 'crecimiento_real_pib': a parameter is 'section.field', "
                                         r"the section one of supuestos, criterios, procesos"):
        call({"crecimiento_real_pib": (0.01, 0.03)})
    with pytest.raises(ValueError, match=r"unknown parameter 'supuesto.inflacion': the section must be one of "
                                         r"supuestos, criterios, procesos; got 'supuesto'; did you mean 'supuestos'"):
        call({"supuesto.inflacion": (0.01, 0.03)})
    with pytest.raises(ValueError, match=r"unknown parameter 'procesos.probabilidad_cesantias': procesos has no "
                                         r"field 'probabilidad_cesantias'; its fields: .*did you mean "
                                         r"'probabilidad_cesantia'"):
        call({"procesos.probabilidad_cesantias": (0.1, 0.2)})
    with pytest.raises(ValueError, match=r"parameters\['supuestos.inflacion'\] must be a \(low, high\) pair"):
        call({"supuestos.inflacion": 0.03})
    # a value the field does not allow: the field's own message, after the parameter and the bound
    with pytest.raises(ValueError, match=r"parameters\['supuestos.crecimiento_real_pib'\] high = 0.5: .*"
                                         r"crecimiento_real_pib must be in \[-0.05, 0.08\], got 0.5"):
        call({"supuestos.inflacion": (0.02, 0.04), "supuestos.crecimiento_real_pib": (0.01, 0.5)})
    with pytest.raises(ValueError, match=r"parameters\['procesos.edad_retiro'\] low = 50: .*edad_retiro must be in "
                                         r"\[60, 75\]"):
        call({"procesos.edad_retiro": (50, 70)})
    with pytest.raises(ValueError, match="at least one 'section.field'"):
        call({})
    with pytest.raises(ValueError, match=r"component must be among .*got 'totl'"):
        call({"supuestos.inflacion": (0.02, 0.04)}, component="totl")
    with pytest.raises(ValueError, match=r"measure must be among pct_GDP, MXN_2025, pct_PV_GDP; got 'MXN'"):
        call({"supuestos.inflacion": (0.02, 0.04)}, measure="MXN")
    with pytest.raises(ValueError, match=r"year must be in \[2025, 2040\], got 2050"):
        call({"supuestos.inflacion": (0.02, 0.04)}, year=2050)
    with pytest.raises(ValueError, match=r"stat must be among mean, p5, p50, p95; got 'se'"):
        call({"supuestos.inflacion": (0.02, 0.04)}, stat="se")
    with pytest.raises(ValueError, match=r"tasa_descuento must be in \[0, 0.1\]"):
        call({"supuestos.inflacion": (0.02, 0.04)}, tasa_descuento=0.2)
    with pytest.raises(ValueError, match="anio_base applies to a present value"):
        call({"supuestos.inflacion": (0.02, 0.04)}, year=2030, anio_base=2025)


# --- charts -----------------------------------------------------------------------------------------------------


def test_abanico_fuentes_draws_each_runs_band_and_median(run, reform):
    t = band_decomposition({"law": run, "no fondo": reform}, "pension_garantizada")
    ax = plots.abanico_fuentes(t)
    medians = {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}
    assert set(medians) == {"law: median, 5-95 %", "no fondo: median, 5-95 %"}
    for label in ("law", "no fondo"):
        want = t[(t.source == label) & (t.stat == "p50")].sort_values("year")["value"].to_numpy()
        np.testing.assert_allclose(medians[f"{label}: median, 5-95 %"].get_ydata(), want)
    assert len(ax.collections) == 2 and ax.get_ylabel() == "% of GDP" and ax.get_xlabel() == "year"
    assert "12 paths, seed 3" in " ".join(text.get_text() for text in ax.texts)
    fig, given = plt.subplots()
    assert plots.abanico_fuentes(t, lang="es", ax=given) is given and given.get_ylabel() == "% del PIB"
    with pytest.raises(ValueError, match="needs the stats p5, p50 and p95"):
        plots.abanico_fuentes(band_decomposition({"law": run}, stat="width"))


def test_tornado_draws_the_changes_widest_on_top(pop_small):
    t = pensiones.sensibilidad(pop_small, parameters={
        "supuestos.inflacion": (0.03, 0.03), "supuestos.crecimiento_real_pib": (0.01, 0.03)}, year=2035, **SMALL)
    ax = plots.tornado(t)
    assert [label.get_text() for label in ax.get_yticklabels()] == [
        "supuestos.inflacion", "supuestos.crecimiento_real_pib"]  # from the bottom: the widest on top
    widths = sorted((round(p.get_y(), 2), p.get_width()) for p in ax.patches)
    changes = t.set_index(["parameter", "bound"])["change"]
    # from the bottom: inflation high, low; GDP growth high, low
    assert [w for _, w in widths] == pytest.approx([
        changes[("supuestos.inflacion", "high")], changes[("supuestos.inflacion", "low")],
        changes[("supuestos.crecimiento_real_pib", "high")], changes[("supuestos.crecimiento_real_pib", "low")]])
    assert ax.get_xlabel() == "change against the central run, percentage points of GDP"
    assert "in 2035" in ax.get_title() and "central run" in ax.get_title()
    es = plots.tornado(t, lang="es").get_xlabel()
    assert es == "cambio respecto de la corrida central, puntos porcentuales del PIB"
    with pytest.raises(ValueError, match="must be what pensiones.sensibilidad returns"):
        plots.tornado(t.drop(columns="change"))


def test_sensibilidad_defaults_to_the_documented_ranges():
    """Without ``parameters`` the behavioural ranges of ``engine.incertidumbre.RANGOS`` are run, at the ends a
    path's draw applies them (odds factors, the density's chain, the additive improvement)."""
    from pensiones.engine.incertidumbre import RANGOS, rangos_sensibilidad

    procesos = pensiones.Procesos()
    rangos = rangos_sensibilidad(procesos)
    assert set(rangos) == {"procesos.probabilidad_cesantia", "procesos.p_entrada", "procesos.solicitud_fondo",
                           "procesos.espera_fondo", "procesos.mejora_mortalidad"}
    lo, hi = rangos["procesos.solicitud_fondo"]
    odds = procesos.solicitud_fondo / (1 - procesos.solicitud_fondo)
    assert lo / (1 - lo) == pytest.approx(odds * RANGOS["solicitud_fondo"].bajo)
    assert hi / (1 - hi) == pytest.approx(odds * RANGOS["solicitud_fondo"].alto)
    assert rangos["procesos.mejora_mortalidad"] == (0.0, RANGOS["mejora_mortalidad"].alto)
    bajo, alto = (np.asarray(v) for v in rangos["procesos.p_entrada"])
    assert (bajo < np.asarray(procesos.p_entrada)).all() and (alto > np.asarray(procesos.p_entrada)).all()
    t = pensiones.sensibilidad(pensiones.Population.synthetic(300, seed=2), paths=2, seed=1, end=2035,
                               progress=False)
    assert set(t.parameter) == set(rangos)


def test_sensibilidad_takes_the_issue_spelling_parametros():
    pop = pensiones.Population.synthetic(300, seed=2)
    rango = {"supuestos.crecimiento_real_pib": (0.01, 0.03)}
    a = pensiones.sensibilidad(pop, parametros=rango, paths=2, seed=1, end=2030, progress=False)
    b = pensiones.sensibilidad(pop, parameters=rango, paths=2, seed=1, end=2030, progress=False)
    assert a.equals(b)
    with pytest.raises(ValueError, match="not both"):
        pensiones.sensibilidad(pop, parametros=rango, parameters=rango, paths=2, seed=1, end=2030)
