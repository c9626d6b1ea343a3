"""The Ley 73 opening stock as a count: an input (``Supuestos.pensionados_ley73``), never invented."""

from __future__ import annotations

import numpy as np
import pytest

import pensiones
from pensiones import Population, Scenario, Supuestos, simulate

POP = Population.synthetic(1_000, seed=5)


def test_without_a_count_the_stock_is_money_only():
    r = simulate(POP, paths=2, seed=1, end=2030)
    assert np.isnan(r.yearly["ley73_stock_personas"]).all()
    p = r.pensions()
    assert not (p["type"] == "stock_inicial").any()


def test_a_count_gives_the_stock_in_payment_and_its_average_pension():
    sc = Scenario(supuestos=Supuestos(pensionados_ley73=3_000_000))
    r = simulate(POP, sc, paths=2, seed=1, end=2030)
    a = r.yearly
    personas = a["ley73_stock_personas"].to_numpy()
    assert personas[0] == pytest.approx(3_000_000) and (np.diff(personas) < 0).all()
    p = r.pensions(stat="mean")
    fila = p[(p.type == "stock_inicial") & (p.measure == "average_monthly_pension")].set_index("year")["value"]
    # count x average pension x 12 = the stock's money (J001 less the year's new pensions)
    assert (fila.to_numpy() * 12 * personas) == pytest.approx(a["ley73_stock"].to_numpy())
    en_pago = p[(p.type == "stock_inicial") & (p.measure == "in_payment")].set_index("year")["value"]
    assert en_pago.to_numpy() == pytest.approx(personas)
    # the money and the ledger do not change: a count is a reading of the stock, not a new cost
    base = simulate(POP, paths=2, seed=1, end=2030)
    assert np.array_equal(base.ledger_array, r.ledger_array)
    assert np.array_equal(base.yearly["ley73_stock"], a["ley73_stock"])


@pytest.mark.parametrize("bad", [0.0, -5.0, 3e7, float("nan")])
def test_bad_counts_are_refused(bad):
    with pytest.raises(ValueError, match="pensionados_ley73"):
        Supuestos(pensionados_ley73=bad)
