"""Fuzz: hypothesis-made population tables, valid and broken, end in a result or a clear ValueError."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pensiones import Population, simulate
from pensiones.engine.population import COLUMNAS

BASE = Population.synthetic(40, seed=4).to_frame()
BASE = BASE[BASE.anio_afiliacion <= 2025].reset_index(drop=True)

valores_raros = st.one_of(
    st.just(np.nan), st.just(np.inf), st.just(-np.inf), st.floats(-1e20, 1e20), st.integers(-10**6, 10**6),
    st.text(max_size=4), st.none(), st.booleans(),
)


@st.composite
def tablas(draw):
    frame = BASE.copy()
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["value", "drop", "extra", "rows"]))
        if kind == "value":
            col = draw(st.sampled_from(list(COLUMNAS)))
            row = draw(st.integers(0, len(frame) - 1))
            frame[col] = frame[col].astype(object)
            frame.at[row, col] = draw(valores_raros)
        elif kind == "drop":
            frame = frame.drop(columns=draw(st.sampled_from(list(frame.columns))))
        elif kind == "extra":
            frame[draw(st.sampled_from(["x", "peso2", "modalidad"]))] = 0
        else:
            frame = frame.iloc[: draw(st.integers(0, len(frame)))]
    return frame


def _clear(exc: ValueError) -> None:
    """One line that names what is wrong: a column, the population, or the ledger component."""
    text = str(exc)
    assert text and "\n" not in text, text
    assert re.search(r"column|population|ledger component|ages when they enter", text), text


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(tablas())
def test_fuzzed_populations_end_in_a_result_or_a_clear_error(frame):
    try:
        pop = Population.from_frame(frame)
    except ValueError as exc:
        _clear(exc)
        return
    try:
        r = simulate(pop, paths=1, seed=2, end=2030)
    except ValueError as exc:
        _clear(exc)
        return
    fc = r.fiscal_cost(stat=["mean", "p5", "p50", "p95"])  # the standard error of one path is NaN
    assert np.isfinite(fc["value"]).all()
    nominal = fc[(fc.measure == "MXN") & (fc.component != "transferencia_rcv_ley73") & (fc.component != "total")]
    assert (nominal["value"] >= 0).all()


def test_the_unbroken_table_simulates():
    r = simulate(Population.from_frame(BASE), paths=1, seed=2, end=2030)
    assert len(r.fiscal_cost()) and isinstance(BASE, pd.DataFrame)
