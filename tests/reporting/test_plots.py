"""Results.plot and the comparison chart: Axes returned, ``ax=`` honoured, units on the axes, the
plotted numbers are the tables' numbers, and clear errors."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import pensiones
from pensiones.reporting import plots
from pensiones.reporting.fiscal import FISCAL_COMPONENTS

END = 2040


@pytest.fixture(scope="module")
def population():
    return pensiones.Population.synthetic(1_500, seed=11)


@pytest.fixture(scope="module")
def run(population):
    """The law in force, with per-person outcomes."""
    return pensiones.simulate(population, paths=4, seed=5, end=END, outcomes=True)


@pytest.fixture(scope="module")
def run_no_outcomes(population):
    return pensiones.simulate(population, paths=4, seed=5, end=END)


@pytest.fixture(scope="module")
def reform(population):
    return pensiones.simulate(population, pensiones.Scenario.load("sin_fondo_bienestar"), paths=4, seed=5, end=END)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _stat(frame, component, measure, stat):
    part = frame[(frame.component == component) & (frame.measure == measure) & (frame.stat == stat)]
    return part.sort_values("year")["value"].to_numpy()


def test_results_has_a_plot_accessor(run):
    assert isinstance(run.plot, plots.PlotAccessor)


@pytest.mark.parametrize("method", ["abanico", "componentes", "tasas_reemplazo"])
def test_methods_return_axes_on_a_new_figure_or_the_given_ax(run, method):
    ax = getattr(run.plot, method)()
    assert isinstance(ax, Axes)
    fig, given = plt.subplots()
    assert getattr(run.plot, method)(ax=given) is given
    assert given.figure is fig and len(fig.axes) == 1
    assert given.get_xlabel() and given.get_ylabel() and given.get_title()


def test_abanico_draws_the_mean_and_band_of_fiscal_cost_in_percent_of_gdp(run):
    ax = run.plot.abanico("pension_garantizada")
    fc = run.fiscal_cost()
    assert ax.get_xlabel() == "year"
    assert ax.get_ylabel() == "% of GDP"
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), run.years)
    np.testing.assert_allclose(line.get_ydata(), _stat(fc, "pension_garantizada", "pct_GDP", "mean"))
    (band,) = ax.collections
    ys = band.get_paths()[0].vertices[:, 1]
    lo, hi = _stat(fc, "pension_garantizada", "pct_GDP", "p5"), _stat(fc, "pension_garantizada", "pct_GDP", "p95")
    assert ys.min() == pytest.approx(lo.min()) and ys.max() == pytest.approx(hi.max())
    assert "Guaranteed pension" in ax.get_title() and "reforma_2020" in ax.get_title()


def test_abanico_in_constant_pesos_is_in_thousands_of_millions(run):
    ax = run.plot.abanico(measure="MXN_2025")
    assert "pesos of 2025" in ax.get_ylabel() and "10⁹" in ax.get_ylabel()
    want = _stat(run.fiscal_cost(), "total", "MXN_2025", "mean") / 1e9
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), want)


def test_abanico_several_components_and_runs_on_one_axes(run, reform):
    ax = run.plot.abanico(["total", "ley73"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Total", "Ley 73 pensions", "5-95 % of paths (only 4: rough)"]
    _, ax = plt.subplots()
    run.plot.abanico(label="baseline", ax=ax)
    reform.plot.abanico(label="reform", ax=ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["baseline", "5-95 % of paths (only 4: rough)", "reform"]
    assert "sin_fondo_bienestar" not in ax.get_title()  # the title names no single run


def test_componentes_stacks_the_components_and_draws_the_net_total(run):
    ax = run.plot.componentes()
    assert ax.get_ylabel() == "% of GDP"
    fc = run.fiscal_cost()
    wide = run.fiscal_cost(measure="pct_GDP", stat="mean", wide=True)
    positive = [c for c in FISCAL_COMPONENTS if c != "transferencia_rcv_ley73" and (wide[c] != 0).any()]
    assert "aportacion_estatal" not in positive  # always zero from 2025: left out
    top = sum(_stat(fc, c, "pct_GDP", "mean") for c in positive)
    stack_top = ax.collections[len(positive) - 1].get_paths()[0].vertices[:, 1]
    assert stack_top.max() == pytest.approx(top.max())
    total = next(line for line in ax.get_lines() if line.get_label() == "Total (net)")
    np.testing.assert_allclose(total.get_ydata(), _stat(fc, "total", "pct_GDP", "mean"))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[: len(positive)] == [plots.ETIQUETAS["en"][c] for c in positive]
    assert "CEAV transferred (Ley 73)" in labels


def test_tasas_reemplazo_labels_and_groups(run):
    ax = run.plot.tasas_reemplazo()
    assert "replacement rate" in ax.get_ylabel() and "%" in ax.get_ylabel()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks and all(t.startswith(("men", "women")) for t in ticks)
    assert ax.yaxis.get_major_formatter()(0.5, 0) == "50%"


def test_tasas_reemplazo_medians_match_the_outcomes_table(run):
    # the boxes' medians are the weighted medians that Results.outcomes() reports per sex x band
    groups = plots._replacement_rates(run)
    table = run.outcomes().set_index("value")
    names = {"H": "men", "M": "women", "baja": "low", "media": "middle", "alta": "high"}
    for (sexo, banda), (rates, weights) in zip(plots._GROUPS, groups.values(), strict=True):
        if len(rates):
            (median,) = plots._weighted_quantiles(rates, weights, (0.5,))
            assert median == pytest.approx(table.loc[f"{names[sexo]}_{names[banda]}", "replacement_rate_p50"])


def test_weighted_quantiles():
    v = np.array([3.0, 1.0, 2.0, 10.0])
    w = np.array([1.0, 1.0, 1.0, 0.0])
    assert list(plots._weighted_quantiles(v, w, (0.0, 0.34, 0.5, 1.0))) == [1.0, 2.0, 2.0, 3.0]


def test_tasas_reemplazo_without_outcomes_says_how_to_get_them(run_no_outcomes):
    with pytest.raises(ValueError, match=r"outcomes=True"):
        run_no_outcomes.plot.tasas_reemplazo()


def test_bad_component_or_measure_names_the_field_and_the_choices(run):
    with pytest.raises(ValueError, match=r"component must be one of .*pension_garantizada.*'pgarantizada'"):
        run.plot.abanico("pgarantizada")
    with pytest.raises(ValueError, match=r"measure must be among MXN, MXN_2025, pct_GDP; got 'pib'"):
        run.plot.abanico(measure="pib")
    with pytest.raises(ValueError, match=r"measure"):
        run.plot.componentes(measure="percent")


def test_comparacion_draws_what_compare_returns(run_no_outcomes, reform):
    d = pensiones.compare(run_no_outcomes, reform)
    ax = plots.comparacion(d, "fondo_bienestar")
    assert isinstance(ax, Axes)
    assert ax.get_ylabel() == "reform − baseline, percentage points of GDP"
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), _stat(d, "fondo_bienestar", "pct_GDP", "mean"))
    _fig, given = plt.subplots()
    assert plots.comparacion(d, measure="MXN", title="mine", ax=given) is given
    assert "nominal pesos" in given.get_ylabel() and given.get_title() == "mine"
    with pytest.raises(ValueError, match=r"component must be one of"):
        plots.comparacion(d, "fondo")
    with pytest.raises(ValueError, match=r"compare_frame must have the columns"):
        plots.comparacion(d.drop(columns="stat"))


def test_comparacion_of_a_null_reform_is_flat_zero(run, run_no_outcomes):
    ax = plots.comparacion(pensiones.compare(run_no_outcomes, run))
    assert np.all(ax.get_lines()[0].get_ydata() == 0.0)


def test_figure_returning_functions_of_the_cli(run, run_no_outcomes, reform):
    figures = [
        plots.abanico_costo_fiscal(run),
        plots.componentes_pib(run),
        plots.tasas_reemplazo(run),
        plots.diferencia_reforma(pensiones.compare(run_no_outcomes, reform), titulo="x"),
    ]
    assert all(isinstance(f, Figure) and f.axes[0].get_ylabel() for f in figures)
    assert figures[3].axes[0].get_title() == "x"


# -- charts for a report ------------------------------------------------------------------------------
def _footnote(ax):
    return next(t.get_text() for t in ax.texts if t.get_gid() == "pensiones-footnote")


@pytest.mark.parametrize("method", ["abanico", "componentes", "tasas_reemplazo"])
def test_every_chart_has_a_footnote_with_source_records_paths_and_seed(run, method):
    ax = getattr(run.plot, method)()
    note = _footnote(ax)
    assert "Source: pensiones" in note and "reforma_2020" in note and "1,500 records × 4 paths, seed 5" in note
    assert ("fewer than 20" in note) == (method == "abanico")  # the caveat goes with bands only


def test_a_chart_speaks_one_language(run):
    ax = run.plot.componentes(lang="es")
    words = [ax.get_xlabel(), ax.get_ylabel(), ax.get_title(), _footnote(ax)]
    words += [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_xlabel() == "año" and ax.get_ylabel() == "% del PIB"
    assert "Total (neto)" in words and "Pensiones Ley 73" in words
    assert "1,500 registros × 4 trayectorias" in _footnote(ax)
    english = {v for k, v in plots.ETIQUETAS["en"].items() if v != plots.ETIQUETAS["es"][k]}
    english |= {"year", "paths", "Source"}
    assert not [w for w in words if any(e in w for e in english)]
    assert set(plots.ETIQUETAS["en"]) == set(plots.ETIQUETAS["es"]) == {*FISCAL_COMPONENTS, "total"}
    with pytest.raises(ValueError, match="lang must be one of en, es; got 'fr'"):
        run.plot.abanico(lang="fr")


def test_legends_sit_outside_the_data(run):
    for ax in (run.plot.abanico(None), run.plot.componentes()):
        ax.figure.canvas.draw()
        legend = ax.get_legend().get_window_extent()
        assert legend.x0 >= ax.get_window_extent().x1  # to the right of the Axes


def test_the_fan_of_every_component_shows_each_one_not_always_zero_and_says_which_are_left_out(run):
    ax = run.plot.abanico(None)
    wide = run.fiscal_cost(measure="pct_GDP", stat="mean", wide=True)
    nonzero = [c for c in FISCAL_COMPONENTS if (wide[c] != 0).any()]
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == [plots.ETIQUETAS["en"][c] for c in nonzero] + ["Total"]
    assert "PBAM" in labels
    assert "always zero, not drawn: State CEAV contribution" in ax.get_title()
    fig = plots.abanico_costo_fiscal(run)
    assert [line.get_label() for line in fig.axes[0].get_lines()] == labels


def test_plot_diferencia_is_the_comparison_chart(run_no_outcomes, reform):
    ax = reform.plot.diferencia(run_no_outcomes, "fondo_bienestar")
    d = pensiones.compare(run_no_outcomes, reform)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), _stat(d, "fondo_bienestar", "pct_GDP", "mean"))
    assert "sin_fondo_bienestar − reforma_2020" in ax.get_title()
    assert "sin_fondo_bienestar − reforma_2020" in _footnote(ax) and "fewer than 20" in _footnote(ax)


def test_old_measure_ids_in_charts_warn(run):
    with pytest.warns(pensiones.PensionesDeprecationWarning, match="pct_pib"):
        assert run.plot.abanico(measure="pct_pib").get_ylabel() == "% of GDP"


def test_the_accessor_lists_its_charts(run):
    assert repr(run.plot).endswith(": abanico, componentes, diferencia, tasas_reemplazo>")
    assert "<code>.diferencia()</code>" in run.plot._repr_html_()


def test_runs_sharing_an_axes_share_one_footnote_without_a_scenario(run, reform):
    _, ax = plt.subplots()
    run.plot.abanico(label="baseline", ax=ax)
    reform.plot.abanico(label="reform", ax=ax)
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "pensiones-footnote"]
    assert len(notes) == 1 and notes[0].startswith("Source: pensiones ") and "scenario" not in notes[0]


def test_the_labels_looked_up_the_old_way_warn_and_give_english():
    with pytest.warns(pensiones.PensionesDeprecationWarning, match=r"use ETIQUETAS\['en'\]\['ley73'\]"):
        assert plots.ETIQUETAS["ley73"] == plots.ETIQUETAS["en"]["ley73"] == "Ley 73 pensions"
    with pytest.raises(KeyError):
        plots.ETIQUETAS["fr"]
    with pytest.warns(pensiones.PensionesDeprecationWarning, match=r"use MEDIDAS\['en'\]\['pct_GDP'\]"):
        assert plots.MEDIDAS["pct_pib"] == plots.MEDIDAS["en"]["pct_GDP"] == ("% of GDP", 1.0)
