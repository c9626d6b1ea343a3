"""The Fondo Bienestar threshold as a legal reading (docs/decisions.md section 19), the horizon to 2100
with the population after CONAPO's 2070 (section 20), and present values of a run or a comparison."""

from __future__ import annotations

import datetime as dt
import tomllib
import types

import attrs
import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import Criterios, Population, Procesos, Scenario, Supuestos, ley97, simulate
from pensiones.engine import componentes as C
from pensiones.demography.conapo import poblacion
from pensiones.engine.anuales import anuales
from pensiones.engine.driver import preparar
from pensiones.reporting import FISCAL_COMPONENTS, present_value
from pensiones.reporting.results import Results
from pensiones.rules.projection import CRECIMIENTO_REAL_SALARIAL

SALARIO = Criterios(umbral_fondo_bienestar="salario_promedio")

# INPC of December 2024 and 2025 and the last published month (May 2026), table inpc (INEGI)
INPC_DIC_2024, INPC_DIC_2025, INPC_MAY_2026 = 137.949, 143.042, 145.527


def _salario(**kwargs):
    return pensiones.rules.load(criterios=SALARIO, **kwargs)


# -- the threshold: both readings by hand ------------------------------------------------------------------
def test_published_thresholds_under_both_readings():
    for rs in (pensiones.rules.load(), _salario()):
        assert ley97.umbral_fondo_bienestar(2024, reglas=rs) == 16777.68  # from 1 May 2024
        assert ley97.umbral_fondo_bienestar(2025, reglas=rs) == 17364.0
        with pytest.raises(pensiones.rules.RuleLookupError):
            ley97.umbral_fondo_bienestar(dt.date(2024, 4, 30), reglas=rs)


def test_threshold_by_estimated_inflation_by_hand():
    # the decree: each 1 January x (1 + estimated inflation), 3 % by default, rounded to cents
    u = 17364.0
    for anio in range(2026, 2041):
        u = round(u * 1.03, 2)
        if anio == 2026:
            assert ley97.umbral_fondo_bienestar(2026) == u == 17884.92
    assert ley97.umbral_fondo_bienestar(2040) == u == 27052.56


def test_threshold_rebased_on_the_average_salary_by_hand():
    rs = _salario()
    # S(t) / S(2025) = INPC(Dec t-1) / INPC(Dec 2024) x 1.01 ** (t - 2025)
    hand_2026 = 17364.0 * INPC_DIC_2025 / INPC_DIC_2024 * 1.01
    inpc_dic_2039 = INPC_MAY_2026 * 1.03 ** ((12 * (2039 - 2026) + 12 - 5) / 12)  # compounded monthly at 3 %
    hand_2040 = 17364.0 * inpc_dic_2039 / INPC_DIC_2024 * 1.01**15
    assert ley97.umbral_fondo_bienestar(2026, reglas=rs) == pytest.approx(hand_2026, abs=0.005) == 18185.12
    assert ley97.umbral_fondo_bienestar(2040, reglas=rs) == pytest.approx(hand_2040, abs=0.005)
    # with no real wage growth the salary follows prices: December-on-December INPC, not the 3 % estimate
    flat = ley97.umbral_fondo_bienestar(2040, reglas=rs, crecimiento_real_salarial=0.0)
    assert flat == pytest.approx(17364.0 * inpc_dic_2039 / INPC_DIC_2024, abs=0.005)
    # forty years of 1 % real growth: the two readings part by about the real wage growth
    ratio = ley97.umbral_fondo_bienestar(2065, reglas=rs) / ley97.umbral_fondo_bienestar(2065)
    assert 1.01**40 * 0.97 < ratio < 1.01**40 * 1.03


def test_complement_under_both_readings_by_hand():
    # pension 8,000, last salary 50,000 a month: the complement reaches the threshold
    assert ley97.complemento_fondo_bienestar(8000.0, 50_000.0, 65, 2040) == round(27052.56 - 8000.0, 2)
    umbral = ley97.umbral_fondo_bienestar(2040, reglas=_salario())
    assert ley97.complemento_fondo_bienestar(8000.0, 50_000.0, 65, 2040, reglas=_salario()) == round(umbral - 8000.0, 2)
    # a pension of 30,000 is above the 2040 inflation threshold (no complement) but under the salary one
    assert ley97.complemento_fondo_bienestar(30_000.0, 50_000.0, 65, 2040) == 0.0
    assert ley97.complemento_fondo_bienestar(30_000.0, 50_000.0, 65, 2040, reglas=_salario()) == round(
        umbral - 30_000.0, 2
    )


def test_a_factor_overlay_moves_both_readings_alike():
    reforma = {"tabla": "fondo_bienestar_umbral", "desde": "2030-01-01", "factor": 1.5}
    for criterios in (Criterios(), SALARIO):
        rs = Scenario(criterios=criterios).with_reform(reforma).rules()
        law = pensiones.rules.load(criterios=criterios)
        assert ley97.umbral_fondo_bienestar(2029, reglas=rs) == ley97.umbral_fondo_bienestar(2029, reglas=law)
        assert ley97.umbral_fondo_bienestar(2040, reglas=rs) == pytest.approx(
            1.5 * ley97.umbral_fondo_bienestar(2040, reglas=law), abs=0.01
        )


def test_default_real_wage_growth_is_the_engines():
    assert CRECIMIENTO_REAL_SALARIAL == Procesos().crecimiento_real_salarial


@pytest.mark.parametrize("criterios", [Criterios(), SALARIO], ids=["inflacion", "salario_promedio"])
def test_engine_reads_the_calculators_threshold(criterios):
    procesos = Procesos(crecimiento_real_salarial=0.02)
    rs = pensiones.rules.load(criterios=criterios)
    T, _ = preparar(rs, procesos, 2024, 2100)
    expected = [ley97.umbral_fondo_bienestar(t, reglas=rs, crecimiento_real_salarial=0.02) for t in range(2024, 2101)]
    assert T.umbral_fondo_bienestar.tolist() == expected


#: never contributing, no deaths, retiring at 65 (test_parity's person-level oracle)
NO_COTIZA = Procesos(
    p_entrada=np.zeros((2, 4, 3)),
    p_permanencia=np.zeros((2, 4, 3)),
    volatilidad_salarial=0.0,
    curvatura_edad=0.0,
    crecimiento_real_salarial=0.02,
    rendimiento_real_volatilidad=0.0,
    rendimiento_real_medio=0.03,
    mortalidad=False,
    retiro_cesantia=False,
)


def test_engine_complement_equals_the_calculators_under_both_readings():
    """A Ley 97 member reaching 65 in 2040 with a small balance and a last salary above both thresholds."""
    persona = {
        "sexo": "H", "anio_nacimiento": 1975, "anio_afiliacion": 1998.0, "semanas": 1100.0, "sbc_diario": 2500.0,
        "saldo_rcv": 150_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 0.0, "salario_promedio_uma": 4.5,
        "cotizando": False, "peso": 1.0,
    }
    pop = Population.from_frame(pd.DataFrame([persona]))
    complementos = {}
    for criterios in (Criterios(), SALARIO):
        sc = Scenario(procesos=NO_COTIZA, criterios=criterios)
        r = simulate(pop, sc, paths=1, seed=3, start=2025, end=2041, outcomes=True, backend="numba")
        out = r.person_outcomes().iloc[0]
        assert out.anio_retiro == 2040 and out.modalidad in (C.PENSION_GARANTIZADA, C.RENTA_VITALICIA)
        ultimo = out.pension_mensual / out.tasa_reemplazo
        calc = ley97.complemento_fondo_bienestar(
            out.pension_mensual, ultimo, 65, 2040, reglas=sc.rules(), crecimiento_real_salarial=0.02
        )
        assert calc > 0 and out.complemento_fondo == calc
        complementos[criterios.umbral_fondo_bienestar] = calc
    assert complementos["salario_promedio"] > complementos["inflacion"]


# -- the population after 2070 -------------------------------------------------------------------------------
def _cells(frame):
    return frame.set_index(["sexo", "edad"])["value"].astype(float).sort_index()


@pytest.fixture(scope="module")
def conapo():
    table = pensiones.rules.load().table("poblacion_conapo")
    table["year"] = [d.year for d in table["effective_from"]]
    return {y: g.set_index(["sexo", "edad"])["value"].astype(float).sort_index() for y, g in table.groupby("year")}


@pytest.mark.parametrize("criterio", ["cohortes", "crecimiento_2060_2070", "constante"])
def test_conapo_years_are_the_table(conapo, criterio):
    rs = pensiones.rules.load(supuestos=Supuestos(poblacion_post_2070=criterio))
    for year in (2025, 2048, 2070):
        assert _cells(poblacion(rs, year)).equals(conapo[year])


def test_after_2070_constant(conapo):
    rs = pensiones.rules.load(supuestos=Supuestos(poblacion_post_2070="constante"))
    for year in (2071, 2100):
        assert np.array_equal(_cells(poblacion(rs, year)).to_numpy(), conapo[2070].to_numpy())


def test_after_2070_growth_by_age(conapo):
    rs = pensiones.rules.load(supuestos=Supuestos(poblacion_post_2070="crecimiento_2060_2070"))
    p = _cells(poblacion(rs, 2085))
    hand = conapo[2070] * (conapo[2070] / conapo[2060]) ** (15 / 10)
    np.testing.assert_allclose(p.to_numpy(), hand.to_numpy(), rtol=1e-12)


def test_after_2070_cohorts_by_hand(conapo):
    rs = pensiones.rules.load()  # the default
    assert rs.supuestos.poblacion_post_2070 == "cohortes"
    p71, p72 = _cells(poblacion(rs, 2071)), _cells(poblacion(rs, 2072))
    c70, c69, c60 = conapo[2070], conapo[2069], conapo[2060]
    for sexo in ("H", "M"):
        # a cohort ages with CONAPO's 2069-2070 change of the same ages
        for x in (0, 30, 64, 90):
            paso = c70[(sexo, x + 1)] / c69[(sexo, x)]
            assert p71[(sexo, x + 1)] == pytest.approx(c70[(sexo, x)] * paso, rel=1e-12)
            assert p72[(sexo, x + 2)] == pytest.approx(
                c70[(sexo, x)] * paso * c70[(sexo, x + 2)] / c69[(sexo, x + 1)], rel=1e-12
            )
        # newborns at the 2060-2070 growth of age 0; the last age open
        assert p71[(sexo, 0)] == pytest.approx(c70[(sexo, 0)] * (c70[(sexo, 0)] / c60[(sexo, 0)]) ** 0.1, rel=1e-12)
        top = c70[(sexo, 109)] / (c69[(sexo, 108)] + c69[(sexo, 109)])
        assert p71[(sexo, 109)] == pytest.approx((c70[(sexo, 108)] + c70[(sexo, 109)]) * top, rel=1e-12)
    # everyone aged 65+ in 2100 is alive in 2070 (aged 35+): about CONAPO's own trend, no explosion
    p2100 = poblacion(rs, 2100)
    assert 30e6 < p2100[p2100.edad >= 65]["value"].sum() < 45e6


def test_pbam_after_2070_follows_the_population():
    for criterio in ("cohortes", "constante"):
        rs = pensiones.rules.load(supuestos=Supuestos(poblacion_post_2070=criterio))
        a = anuales(rs, 2025, 2100).set_index("year")
        for year in (2070, 2090):
            pop = poblacion(rs, year)
            n65 = pop[pop.edad >= 65]["value"].sum()
            assert a.loc[year, "pbam"] == pytest.approx(
                n65 * pensiones.engine.calibracion.calibracion_bienestar()["pbam"]
                * pensiones.pbam.monto_anual(year, reglas=rs),
                rel=1e-12,
            )


# -- a run to 2100 -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def run_2100():
    pop = Population.synthetic(2000, seed=4, anio_fin=2100)
    return pop, simulate(pop, paths=2, seed=7, end=2100)


def test_synthetic_entrants_to_2100(run_2100):
    pop, _ = run_2100
    entrants = pop.anio_afiliacion > 2026
    assert 2099.0 <= pop.anio_afiliacion.max() < 2101.0
    assert pop.peso[pop.anio_afiliacion >= 2071].sum() > 0 and np.all(pop.peso[entrants] > 0)


def test_a_run_to_2100_has_finite_costs_every_year(run_2100):
    _, r = run_2100
    assert r.years[-1] == 2100 and r.provenance["anios"] == "2025-2100"
    fc = r.fiscal_cost()
    assert set(fc.year) == set(range(2025, 2101))
    assert np.isfinite(fc["value"]).all()
    total = fc[(fc.component == "total") & (fc.measure == "pct_GDP") & (fc.stat == "mean")].set_index("year")["value"]
    assert (total > 0).all() and total.loc[2100] < 10.0
    pbam = fc[(fc.component == "pbam") & (fc.measure == "MXN") & (fc.stat == "mean")].set_index("year")["value"]
    assert (pbam.loc[2071:] > 0).all()


# -- present values ------------------------------------------------------------------------------------------
def _toy(values: dict[str, np.ndarray], *, seed=1) -> Results:
    """A hand-made Results: 2 paths x 3 years (2025-2027), simulated components in pesos."""
    years = np.array([2025, 2026, 2027])
    ledger = np.zeros((2, 3, C.N_COMPONENTES), dtype=np.int64)
    for name, v in values.items():
        ledger[:, :, C.INDICE[name]] = np.round(np.asarray(v) * 100).astype(np.int64)
    anuales_ = pd.DataFrame({
        "year": years, "pib": [1000.0, 1100.0, 1200.0], "deflactor": [1.0, 1.1, 1.2],
        "ley73_stock": [0.0, 0.0, 0.0], "pbam": [10.0, 11.0, 12.0], "mujeres_bienestar": [0.0, 0.0, 0.0],
    })
    provenance = {"seed": seed, "paths": 2, "personas": 1, "anios": "2025-2027", "poblacion_hash": "x"}
    lineas = {"licencias_140bis": types.SimpleNamespace(costo=np.zeros((2, 3)))}  # the art. 140 Bis line: nothing
    return Results(ledger, years, seed, 2, provenance, anuales_, None, pd.DataFrame(), None, lineas)


def test_present_value_by_hand_on_a_toy_run():
    fondo = np.array([[11.0, 22.0, 36.0], [0.0, 11.0, 0.0]])  # nominal; real = 11/1, 22/1.1 = 20, 36/1.2 = 30
    base = _toy({"fondo_bienestar": fondo})
    vp = present_value(base, tasa_descuento=0.05, anio_base=2026).set_index(["component", "measure", "stat"])["value"]
    path0 = 11.0 * 1.05 + 20.0 + 30.0 / 1.05  # 2025 compounded forward, 2027 discounted
    path1 = 10.0
    assert vp[("fondo_bienestar", "MXN_2025", "mean")] == pytest.approx((path0 + path1) / 2, rel=1e-12)
    assert vp[("fondo_bienestar", "MXN_2025", "p95")] == pytest.approx(np.percentile([path0, path1], 95), rel=1e-12)
    # % of the 2026 GDP in 2025 pesos: 1100 / 1.1 = 1000
    assert vp[("fondo_bienestar", "pct_GDP", "p50")] == pytest.approx(100 * (path0 + path1) / 2 / 1000.0, rel=1e-12)
    pbam = 10.0 * 1.05 + 10.0 + 10.0 / 1.05  # 10, 11, 12 nominal = 10 a year in 2025 pesos
    assert vp[("pbam", "MXN_2025", "mean")] == pytest.approx(pbam, rel=1e-12)
    assert vp[("total", "MXN_2025", "mean")] == pytest.approx((path0 + path1) / 2 + pbam, rel=1e-12)
    assert set(vp.index.get_level_values("component")) == {*FISCAL_COMPONENTS, "total"}
    frame = present_value(base)
    assert (frame.discount_rate == 0.03).all() and (frame.base_year == 2025).all()
    assert set(frame.unit) == {"MXN_2025", "pct_GDP"}


def test_present_value_of_a_comparison_is_path_by_path():
    base = _toy({"fondo_bienestar": np.array([[11.0, 22.0, 36.0], [0.0, 11.0, 0.0]])})
    reform = _toy({"fondo_bienestar": np.array([[0.0, 0.0, 0.0], [11.0, 11.0, 0.0]])})
    vp = present_value(base, reform, tasa_descuento=0.0).set_index(["component", "measure", "stat"])["value"]
    diffs = [-(11.0 + 20.0 + 30.0), 11.0]
    assert vp[("fondo_bienestar", "MXN_2025", "mean")] == pytest.approx(np.mean(diffs), rel=1e-12)
    assert vp[("fondo_bienestar", "MXN_2025", "p5")] == pytest.approx(np.percentile(diffs, 5), rel=1e-12)
    assert vp[("pbam", "MXN_2025", "mean")] == 0.0
    # the mean present value is the present value of compare's yearly means
    d = pensiones.compare(base, reform)
    yearly = d[(d.component == "fondo_bienestar") & (d.measure == "MXN_2025") & (d.stat == "mean")]["value"]
    assert vp[("fondo_bienestar", "MXN_2025", "mean")] == pytest.approx(yearly.sum(), rel=1e-12)
    with pytest.raises(ValueError, match="present_value needs runs on the same seed"):
        present_value(base, _toy({}, seed=2))


# -- bad inputs ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: simulate(Population.synthetic(10, seed=1), paths=1, seed=1, end=2101),
         r"end must be in \[2025, 2100\], got 2101"),
        (lambda: Population.synthetic(10, seed=1, anio_fin=2101), r"anio_fin must be in \[2025, 2100\], got 2101"),
        (lambda: Population.synthetic(10, seed=1, poblacion_post_2070="lineal"),
         "poblacion_post_2070 must be one of 'cohortes'"),
        (lambda: Supuestos(poblacion_post_2070="lineal"),
         "poblacion_post_2070 must be one of 'cohortes', 'crecimiento_2060_2070', 'constante'; got 'lineal'"),
        (lambda: Criterios(umbral_fondo_bienestar="pib"),
         "umbral_fondo_bienestar must be one of 'inflacion', 'salario_promedio'; got 'pib'"),
        (lambda: poblacion(pensiones.rules.load(), 2101), r"year must be in \[2021, 2100\]"),
        (lambda: present_value(_toy({}), tasa_descuento=-0.01), r"tasa_descuento must be in \[0, 0.1\], got -0.01"),
        (lambda: present_value(_toy({}), tasa_descuento=0.2), r"tasa_descuento must be in \[0, 0.1\], got 0.2"),
        (lambda: present_value(_toy({}), anio_base=2030), r"anio_base must be in \[2025, 2027\], got 2030"),
        (lambda: ley97.umbral_fondo_bienestar(2030, crecimiento_real_salarial=0.5),
         r"crecimiento_real_salarial must be in \[-0.05, 0.08\]"),
        (lambda: Scenario.default().with_reform({"tabla": "uma", "desde": "2101-02-01", "factor": 1.1}),
         "desde must be between 1997-07-01 and 2100-12-31"),
    ],
)
def test_bad_inputs_name_the_field_and_range(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_scenario_files_take_the_new_fields():
    sc = Scenario.from_dict({
        "nombre": "largo",
        "supuestos": {"poblacion_post_2070": "constante"},
        "criterios": {"umbral_fondo_bienestar": "salario_promedio"},
    })
    assert sc.supuestos.poblacion_post_2070 == "constante" and sc.criterios.umbral_fondo_bienestar == "salario_promedio"
    back = Scenario.from_dict(tomllib.loads(sc.to_toml()))
    assert back.supuestos == sc.supuestos and back.criterios == sc.criterios
    assert attrs.evolve(sc.criterios, umbral_fondo_bienestar="inflacion") == Criterios()


def test_the_command_runs_to_2100(tmp_path, capsys):
    from pensiones.cli import main

    out = tmp_path / "largo"
    assert main(["run", "reforma_2020", "--persons", "300", "--paths", "1", "--end", "2100", "--out", str(out)]) == 0
    costs = pd.read_csv(out / "costo_fiscal.csv")
    assert costs.year.max() == 2100 and np.isfinite(costs[costs.stat != "se"].value).all()
    assert costs[costs.stat == "se"].value.isna().all()  # one path: no standard error
