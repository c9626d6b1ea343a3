"""Results.outcomes(by=...): groups by generation and by grant year add up to everyone."""

from __future__ import annotations

import numpy as np
import pytest

import pensiones


@pytest.fixture(scope="module")
def run():
    pop = pensiones.Population.synthetic(3000, seed=1)
    return pensiones.simulate(pop, paths=3, seed=1, end=2040, outcomes=True)


def test_groups_by_generation_and_grant_year_add_up_to_everyone(run):
    o = run.outcomes(by=["generacion", "anio_retiro"])
    todos = o[o.group == "todos"].iloc[0]
    gen = o[o.group == "generacion"]
    years = o[o.group == "anio_retiro"]
    assert set(gen.value) == {"ley73_transicion", "ley97"}
    assert gen.retirees_persons.sum() == pytest.approx(todos.retirees_persons, rel=1e-12)
    assert years.retirees_persons.sum() == pytest.approx(todos.retirees_persons, rel=1e-12)
    assert set(years.value.astype(int)) <= set(range(2025, 2041))
    assert (gen.set_index("value").loc["ley97", "share_ley73"]) == 0.0  # the Ley 97 generation has no Ley 73 choice
    # shares weighted back by head-counts give everyone's share
    w = gen.retirees_persons.to_numpy()
    assert np.average(gen.share_pensioned, weights=w) == pytest.approx(todos.share_pensioned, rel=1e-9)


def test_default_grouping_is_unchanged_and_bad_groupings_are_named(run):
    assert list(run.outcomes().group.unique()) == ["todos", "sexo", "banda", "sexo_banda"]
    with pytest.raises(ValueError, match="by must be among sexo, banda, sexo_banda, generacion, anio_retiro; got 'edad'"):
        run.outcomes(by="edad")
