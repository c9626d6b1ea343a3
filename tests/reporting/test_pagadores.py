"""The ledger by payer (#14): every line once, the federal lines add up to the fiscal cost, IMSS's own
lines come from their projections with the run's draws, and overlays on their tables reach them."""

from __future__ import annotations

import numpy as np
import pytest

import pensiones
from pensiones.engine import componentes as C
from pensiones.reporting.pagadores import LINEAS, costo_por_pagador_paths


@pytest.fixture(scope="module")
def poblacion():
    return pensiones.Population.synthetic(800, seed=3)


@pytest.fixture(scope="module")
def corrida(poblacion):
    return pensiones.simulate(poblacion, paths=3, seed=11, end=2040)


def _total(frame):
    sel = (frame.component == "total") & (frame.measure == "MXN") & (frame.stat == "mean")
    return frame[sel].groupby("year").value.sum()


def test_every_line_has_a_known_payer_and_appears_once():
    pares = [(p, c) for p, c, _ in LINEAS]
    assert len(set(pares)) == len(pares)
    assert len({c for _, c in pares}) == len(pares)  # a component is paid by one payer
    assert {p for p, _ in pares} == set(C.PAGADORES)
    # every money component of the ledger is a line with its payer; the account holders' PBAM and
    # Mujeres Bienestar are inside the population-wide lines of those programmes
    en_lineas = {"pbam_afiliados": "pbam", "mujeres_bienestar_afiliadas": "mujeres_bienestar"}
    for componente, pagador in C.PAGADOR.items():
        assert (pagador, en_lineas.get(componente, componente)) in pares, componente


def test_federal_and_fondo_lines_add_up_to_the_fiscal_cost(corrida):
    cb = corrida.cost_by_payer()
    assert list(cb.columns) == ["payer", "component", "year", "measure", "stat", "value", "unit"]
    federal = _total(cb[cb.payer.isin(["gobierno_federal", "fondo_bienestar"])])
    fiscal = _total(corrida.fiscal_cost())
    np.testing.assert_allclose(federal.to_numpy(), fiscal.to_numpy(), rtol=1e-12)
    # each payer's total is the sum of its lines, path by path
    arrays = costo_por_pagador_paths(corrida)
    for payer in C.PAGADORES:
        lines = sum(v for (p, _), v in arrays.items() if p == payer)
        got = cb[(cb.payer == payer) & (cb.component == "total") & (cb.measure == "MXN") & (cb.stat == "mean")]
        np.testing.assert_allclose(got.value.to_numpy(), lines.mean(axis=0), rtol=1e-12)


def test_imss_lines_come_from_their_projections(corrida):
    rjp = corrida.lines["rjp"]
    assert rjp.pagador == "imss" and rjp.costo.shape == (3, len(corrida.years))
    assert (rjp.costo > 0).all() and (rjp.casos > 300_000).all()
    # the RJP draws differ by path (uncertain inputs) but are the run's: the same seed gives the same line
    assert not np.allclose(rjp.costo[0], rjp.costo[1])
    again = pensiones.simulation.lineas_imss(pensiones.rules.load(), corrida.years, paths=3, seed=11)
    np.testing.assert_array_equal(again["rjp"].costo, rjp.costo)
    cb = corrida.cost_by_payer()
    imss = cb[(cb.payer == "imss") & (cb.component == "rjp") & (cb.measure == "MXN") & (cb.stat == "mean")]
    np.testing.assert_allclose(imss.value.to_numpy(), rjp.costo.mean(axis=0))
    lic = corrida.lines["licencias_140bis"]
    assert lic.pagador == "gobierno_federal" and (lic.costo > 0).all()


def test_rjp_indexation_overlay_reaches_the_payer_table_from_its_date(poblacion, corrida):
    reforma = pensiones.Scenario.default().with_reform(
        {"tabla": "rjp_indexacion", "desde": "2030-01-01", "valor": 0.01,
         "descripcion": "RJP pensions +1 % real a year"}
    )
    r = pensiones.simulate(poblacion, reforma, paths=3, seed=11, end=2040)
    base, ref = corrida.lines["rjp"].costo, r.lines["rjp"].costo
    k = list(corrida.years).index(2030)
    np.testing.assert_array_equal(base[:, :k], ref[:, :k])
    assert (ref[:, k + 1 :] > base[:, k + 1 :]).all()
    # the rest of the ledger is untouched: the overlay is an IMSS line only
    np.testing.assert_array_equal(corrida.ledger_array, r.ledger_array)


def test_null_reform_changes_no_line(poblacion, corrida):
    nulo = pensiones.Scenario.default().with_reform({"tabla": "rjp_indexacion", "desde": "2030-01-01", "factor": 1.0})
    r = pensiones.simulate(poblacion, nulo, paths=3, seed=11, end=2040)
    for name in corrida.lines:
        np.testing.assert_array_equal(corrida.lines[name].costo, r.lines[name].costo)
