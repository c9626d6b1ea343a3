"""present_value_by_period (#19 item 4): the present value of reform minus counterfactual by component and period.

A null reform gives zero in every cell; the periods add up to present_value's total; the discounting, the
periods and the crossover year by hand on a three-year toy ledger; the CEAV transfer of Ley 73 choosers is
its own line and the total is given with and without it; bad inputs name the field and its range."""

from __future__ import annotations

import numpy as np
import pytest

import pensiones
from pensiones.reporting import FISCAL_COMPONENTS, present_value_by_period, present_value
from pensiones.reporting.descomposicion import COLUMNS, COMPONENTS, PERIODS, TOTAL_EXCLUDING_TRANSFER
from tests.engine.test_horizonte import _toy

KW = dict(start=2021, end=2055, paths=2, seed=5)


@pytest.fixture(scope="module")
def poblacion():
    return pensiones.Population.synthetic(1_500, seed=4, year=2021)


@pytest.fixture(scope="module")
def ley(poblacion):
    return pensiones.simulate(poblacion, **KW)


@pytest.fixture(scope="module")
def sin_reforma(poblacion):
    return pensiones.simulate(poblacion, pensiones.Scenario.load("sin_reforma"), **KW)


def _valores(frame, **sel):
    mask = np.ones(len(frame), dtype=bool)
    for column, value in sel.items():
        mask &= (frame[column] == value).to_numpy()
    return frame[mask].set_index("component")["value"]


def test_a_null_reform_gives_exactly_zero_everywhere(poblacion, ley):
    null = pensiones.simulate(poblacion, pensiones.Scenario.default().with_reform(
        {"tabla": "uma", "desde": "2027-02-01", "factor": 1.0}), **KW)
    vp = present_value_by_period(null, ley)
    assert list(vp.columns) == list(COLUMNS)
    assert (vp["value"] == 0.0).all()
    assert set(vp.period) == set(PERIODS) and set(vp.component) == set(COMPONENTS)
    assert vp.attrs["period_years"]["neutral"] == list(range(2021, 2056))
    assert vp.attrs["crossover_year"] == {"total": None, TOTAL_EXCLUDING_TRANSFER: None}
    assert all(y is None for rates in vp.attrs["breakeven_year"].values() for y in rates.values())


def test_the_periods_add_up_to_present_values_total(ley, sin_reforma):
    vp = present_value_by_period(ley, sin_reforma)
    assert sorted(vp.discount_rate.unique()) == [0.02, 0.03, 0.05] and (vp.base_year == 2021).all()
    years = vp.attrs["period_years"]
    assert years["saving"] and years["cost"]  # the 2020 reform saves first and costs later
    assert sorted(years["saving"] + years["cost"] + years["neutral"]) == list(range(2021, 2056))
    for r in (0.02, 0.03, 0.05):
        pv = present_value(sin_reforma, ley, tasa_descuento=r, anio_base=2021)
        for measure in ("MXN_2025", "pct_GDP"):
            for stat in ("mean", "se", "p5", "p50", "p95"):
                todo = _valores(vp, discount_rate=r, period="all", measure=measure, stat=stat)
                esperado = _valores(pv, measure=measure, stat=stat)
                assert todo[list(esperado.index)].tolist() == esperado.tolist()  # the same present value, exactly
            # the mean is linear: the periods add up to all, line by line
            partes = sum(_valores(vp, discount_rate=r, period=p, measure=measure, stat="mean")
                         for p in ("saving", "cost", "neutral"))
            todo = _valores(vp, discount_rate=r, period="all", measure=measure, stat="mean")
            np.testing.assert_allclose(partes.to_numpy(), todo[partes.index].to_numpy(), rtol=1e-12, atol=1e-9)
            # the total with and without the CEAV balances handed over: they differ by exactly that line
            assert todo[TOTAL_EXCLUDING_TRANSFER] == pytest.approx(
                todo["total"] - todo["transferencia_rcv_ley73"], rel=1e-12)
        saving = _valores(vp, discount_rate=r, period="saving", measure="MXN_2025", stat="mean")
        cost = _valores(vp, discount_rate=r, period="cost", measure="MXN_2025", stat="mean")
        assert saving["total"] < 0 < cost["total"]
    # the Ley 73 choosers' CEAV balances are money the Government receives: never counted as a lower cost
    todo = _valores(vp, discount_rate=0.03, period="all", measure="MXN_2025", stat="mean")
    assert todo["transferencia_rcv_ley73"] < 0 and todo[TOTAL_EXCLUDING_TRANSFER] > todo["total"]
    crossover = vp.attrs["crossover_year"]["total"]
    assert crossover is None or crossover > years["saving"][0]


def test_discounting_periods_and_crossover_by_hand_on_a_toy_ledger():
    # real (2025 pesos) amounts; the toy's deflator is 1.0, 1.1, 1.2 and its GDP 1,000 2025 pesos a year
    deflactor = np.array([1.0, 1.1, 1.2])
    contrafactual = _toy({"cuota_social": np.array([[20.0, 20.0, 20.0]] * 2) * deflactor})
    reforma = _toy({
        "pension_garantizada": np.array([[0.0, 30.0, 40.0], [0.0, 20.0, 40.0]]) * deflactor,
        "transferencia_rcv_ley73": np.array([[0.0, -10.0, 0.0]] * 2) * deflactor,
    })
    # differences: cuota_social -20 a year; PG 0, 30 | 20, 40; transfer -10 in 2026
    # total: path 0: -20, 0, 20; path 1: -20, -10, 20; mean -20, -5, 20 -> saving 2025-2026, cost 2027
    vp = present_value_by_period(reforma, contrafactual, tasas=(0.05, 0.0))
    d = 1.05
    assert vp.attrs["period_years"] == {"saving": [2025, 2026], "cost": [2027], "neutral": []}
    saving = _valores(vp, discount_rate=0.05, period="saving", measure="MXN_2025", stat="mean")
    cost = _valores(vp, discount_rate=0.05, period="cost", measure="MXN_2025", stat="mean")
    assert saving["cuota_social"] == pytest.approx(-20.0 - 20.0 / d, rel=1e-12)
    assert saving["pension_garantizada"] == pytest.approx(25.0 / d, rel=1e-12)
    assert saving["transferencia_rcv_ley73"] == pytest.approx(-10.0 / d, rel=1e-12)
    assert saving["total"] == pytest.approx(-20.0 - 5.0 / d, rel=1e-12)
    assert saving[TOTAL_EXCLUDING_TRANSFER] == pytest.approx(-20.0 + 5.0 / d, rel=1e-12)
    assert cost["total"] == pytest.approx(20.0 / d**2, rel=1e-12)
    assert cost["transferencia_rcv_ley73"] == 0.0
    p5 = _valores(vp, discount_rate=0.05, period="saving", measure="MXN_2025", stat="p5")["total"]
    assert p5 == pytest.approx(np.percentile([-20.0, -20.0 - 10.0 / d], 5), rel=1e-12)
    pct = _valores(vp, discount_rate=0.05, period="all", measure="pct_GDP", stat="mean")["total"]
    assert pct == pytest.approx(100.0 * (-20.0 - 5.0 / d + 20.0 / d**2) / 1000.0, rel=1e-12)
    # the yearly total stays positive from 2027; without the transfer, from 2026
    assert vp.attrs["crossover_year"] == {"total": 2027, TOTAL_EXCLUDING_TRANSFER: 2026}
    # cumulated undiscounted: -20, -25, -5 (never paid back); without the transfer -20, -15, +5
    assert vp.attrs["breakeven_year"] == {"total": {0.05: None, 0.0: None},
                                          TOTAL_EXCLUDING_TRANSFER: {0.05: 2027, 0.0: 2027}}
    assert vp.attrs["base_year"] == 2025 and (vp.n_years[vp.period == "neutral"] == 0).all()


def test_the_wide_table_reads_components_by_rate_and_period():
    contrafactual = _toy({"cuota_social": np.full((2, 3), 10.0)})
    reforma = _toy({"pension_garantizada": np.full((2, 3), 30.0)})
    t = present_value_by_period(reforma, contrafactual, tasas=[0.03], measure="pct_GDP", stat="mean", wide=True)
    assert list(t.index) == list(COMPONENTS)
    assert list(t.columns) == [(0.03, p) for p in PERIODS]
    assert t.attrs["unit"] == "pct_GDP" and t.attrs["crossover_year"]["total"] == 2025
    assert t.loc["pbam", (0.03, "all")] == 0.0 and set(FISCAL_COMPONENTS) < set(t.index)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"tasas": ()}, r"tasas must name at least one discount rate in \[0, 0.1\], got an empty sequence"),
        ({"tasas": (0.03, 0.2)}, r"tasas\[1\] must be in \[0, 0.1\], got 0.2"),
        ({"tasas": -0.01}, r"tasas\[0\] must be in \[0, 0.1\], got -0.01"),
        ({"tasas": "0.03"}, r"tasas must be a discount rate or a sequence of them, each in \[0, 0.1\]"),
        ({"tasas": (float("nan"),)}, r"tasas\[0\] must be finite"),
        ({"measure": "MXN"}, r"measure must be among MXN_2025, pct_GDP; got 'MXN'"),
        ({"wide": True}, r"wide=True needs one measure and one stat"),
    ],
)
def test_bad_inputs_name_the_field_and_its_range(kwargs, message):
    with pytest.raises(ValueError, match=message):
        present_value_by_period(_toy({}), _toy({}), **kwargs)


def test_runs_on_different_seeds_are_refused_naming_which_is_which():
    mensaje = "present_value_by_period needs runs on the same seed: contrafactual 1, reforma 2"
    with pytest.raises(ValueError, match=mensaje):
        present_value_by_period(_toy({}, seed=2), _toy({}, seed=1))
