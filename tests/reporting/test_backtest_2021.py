"""Back-test: a run from 2021 against the published figures of 2021-2025 (docs/backtest.md).

Only the start year is calibrated; each tolerance below is the one stated in docs/backtest.md.
"""

from __future__ import annotations

import pytest

import pensiones
from pensiones.reporting.backtest import backtest_2021

TOLERANCIAS = {
    "cotizantes_2022": (0.9, 1.1), "cotizantes_2023": (0.9, 1.1), "cotizantes_2024": (0.9, 1.1),
    "cotizantes_2025": (0.9, 1.1),
    "sbc_promedio_2022": (0.9, 1.1), "sbc_promedio_2023": (0.9, 1.1), "sbc_promedio_2024": (0.9, 1.1),
    "sbc_promedio_2025": (0.9, 1.1),
    "ley73_2022": (0.85, 1.15), "ley73_2025": (0.85, 1.15),
    "pbam_2022": (0.85, 1.2), "pbam_2023": (0.85, 1.15), "pbam_2024": (0.85, 1.15), "pbam_2021": (1.0, 1.6),
    "saldo_rcv_2025": (0.8, 1.5),
    "nuevas_pensiones_ley97_2021": (0.6, 1.6), "nuevas_pensiones_ley97_2021_2024": (0.6, 1.3),
    # calibration target of Procesos.preferencia_ley73 (few records: a wide band)
    "proporcion_transicion_ley97": (0.3, 2.0),
    # the take-up (Procesos.solicitud_fondo) is fitted to the April 2025 beneficiaries; the money is a check
    "beneficiarios_fondo_2025": (0.8, 1.25), "fondo_bienestar_2024_2025": (0.5, 3.0),
}


#: The run: 500,000 records (seed 1), 4 paths (seed 3).  The counts set against CONSAR's are of a few
#: hundred records (the Ley 97 generation's late entrants, the Fondo's 3,236 people): with 20,000 records
#: the new Ley 97 pensions of 2021 ran from 0.87 to 2.6 times the published count over population seeds
#: 1-4, the Fondo's beneficiaries from 1.05 to 1.95; at 500,000 they stay within 0.1 of their mean.
CORRIDA = dict(n=500_000, paths=4)


@pytest.fixture(scope="module")
def bt():
    pop = pensiones.Population.synthetic(CORRIDA["n"], seed=1, year=2021)
    r = pensiones.simulate(pop, paths=CORRIDA["paths"], seed=3, start=2021, end=2025, outcomes=True)
    return backtest_2021(r).set_index("indicator")


@pytest.mark.parametrize("indicator", sorted(TOLERANCIAS))
def test_backtest_2021_within_tolerance(bt, indicator):
    lo, hi = TOLERANCIAS[indicator]
    assert lo <= bt.loc[indicator, "ratio"] <= hi, (indicator, bt.loc[indicator, "ratio"])


def test_ledger_2025_shows_guaranteed_pension_and_fondo_spending():
    pop = pensiones.Population.synthetic(6_000, seed=1, year=2025)
    r = pensiones.simulate(pop, paths=2, seed=3, start=2025, end=2025)
    fc = r.fiscal_cost_paths()
    assert fc["pension_garantizada"][:, 0].mean() > 0 and fc["fondo_bienestar"][:, 0].mean() > 0
    assert r.component("pensionados_pg")[:, 0].mean() > 0


def test_backtest_2021_needs_a_run_from_2021():
    pop = pensiones.Population.synthetic(200, seed=1)
    r = pensiones.simulate(pop, paths=1, seed=3, start=2025, end=2025)
    with pytest.raises(ValueError, match="from 2021"):
        backtest_2021(r)
