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
    o = run.outcomes(by=["generation", "retirement_year"])
    todos = o[o.group == "all"].iloc[0]
    gen = o[o.group == "generation"]
    years = o[o.group == "retirement_year"]
    assert set(gen.value) == {"ley73_transicion", "ley97"}
    assert gen.retirees_persons.sum() == pytest.approx(todos.retirees_persons, rel=1e-12)
    assert years.retirees_persons.sum() == pytest.approx(todos.retirees_persons, rel=1e-12)
    assert set(years.value.astype(int)) <= set(range(2025, 2041))
    assert (gen.set_index("value").loc["ley97", "share_ley73"]) == 0.0  # the Ley 97 generation has no Ley 73 choice
    # shares weighted back by head-counts give everyone's share
    w = gen.retirees_persons.to_numpy()
    assert np.average(gen.share_pensioned, weights=w) == pytest.approx(todos.share_pensioned, rel=1e-9)


def test_default_grouping_is_unchanged_and_bad_groupings_are_named(run):
    assert list(run.outcomes().group.unique()) == ["all", "sex", "salary_band", "sex_salary_band"]
    with pytest.raises(ValueError, match="by must be among sex, salary_band, sex_salary_band, generation, "
                                         "retirement_year; got 'edad'"):
        run.outcomes(by="edad")


def test_net_rates_and_rates_with_the_fondo_are_recomputed_person_by_person(run):
    from pensiones.engine import componentes as C
    from pensiones.impuestos import cuotas_obreras_mensuales, isr_pension_mensual, isr_salario_mensual

    todos = run.outcomes().iloc[0]
    out = run.outcomes_array.reshape(-1, run.outcomes_array.shape[2])
    w = np.tile(run.personas["peso"].to_numpy(), run.paths)
    keep = np.isin(out[:, C.O_MODALIDAD], C.CON_PENSION) & (out[:, C.O_TASA_REEMPLAZO] > 0)
    rs = run.scenario.rules()
    net, net_f, gross_f = [], [], []
    for row in out[keep]:
        p, tasa, c, year = (
            row[C.O_PENSION_MENSUAL], row[C.O_TASA_REEMPLAZO], row[C.O_COMPLEMENTO_FONDO], int(row[C.O_ANIO_RETIRO])
        )
        wage = p / tasa
        neto = (wage - isr_salario_mensual(wage, year - 1, reglas=rs)
                - cuotas_obreras_mensuales(wage / 30.4, year - 1, reglas=rs))
        net.append((p - isr_pension_mensual(p, year, reglas=rs)) / neto)
        net_f.append((p + c - isr_pension_mensual(p + c, year, reglas=rs)) / neto)
        gross_f.append((p + c) / wage)
    wk = w[keep]
    assert todos.net_replacement_rate_mean == pytest.approx(np.average(net, weights=wk), rel=1e-12)
    assert todos.net_replacement_rate_with_fondo_mean == pytest.approx(np.average(net_f, weights=wk), rel=1e-12)
    assert todos.replacement_rate_with_fondo_mean == pytest.approx(np.average(gross_f, weights=wk), rel=1e-12)
    # taxes on the wage exceed those on the pension: the net rate is above the gross one
    assert todos.net_replacement_rate_mean > todos.replacement_rate_mean
    assert todos.replacement_rate_with_fondo_mean >= todos.replacement_rate_mean
