"""The reforms on the table (issue #24, items 1, 2 and 5), as built-in scenarios.

Each runs from ``simulate``, the command line and ``sweep``; each changes, on common random numbers, what
it should from its date and nothing before; the Government's match on voluntary saving is a federal
component, nonzero only where a scenario sets a match; the calculators read the minimum-wage reading
of the RCV rules as the engine does; the kernel's twin equals the compiled kernel with every new rule
at work; bad parameters are errors naming the field and the allowed range.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import Criterios, Population, Scenario, garantizada, ley97, simulate
from pensiones.cli import main
from pensiones.engine import componentes as C
from pensiones.engine.procesos import PROPORCION_AHORRO_VOLUNTARIO, TASA_AHORRO_VOLUNTARIO
from pensiones.scenarios import builtin_scenarios

START, END = 2025, 2050
POP = Population.synthetic(3000, seed=24)
RUN = dict(paths=2, seed=24, start=START, end=END)

#: Scenario -> (its date, {component: the sign of its change over the years from the date}).
NUEVOS = {
    # cuota social to salaries up to 4 minimum wages; employer CEAV rates of the minimum-wage bands
    "uma_a_salario_minimo": (2027, {"cuota_social": +1, "aportaciones_obrero_patronales": -1}),
    "fondo_bienestar_cesantia_60": (2027, {"fondo_bienestar": +1, "beneficiarios_fondo": +1}),
    "fondo_bienestar_umbral_75": (2027, {"fondo_bienestar": -1}),
    "fondo_bienestar_tope_complemento": (2027, {"fondo_bienestar": -1}),
    # voluntary saving is behaviour from the start year: its reference is the baseline
    "ahorro_voluntario": (START, {"aportaciones_voluntarias": +1, "ahorradores_voluntarios": +1}),
}


@pytest.fixture(scope="module")
def base():
    return simulate(POP, **RUN)


@pytest.fixture(scope="module")
def corridas():
    return {name: simulate(POP, Scenario.load(name), **RUN) for name in (*NUEVOS, "ahorro_voluntario_pareo")}


def _igual_antes(a, b, anio: int) -> bool:
    k = anio - START
    return np.array_equal(a.ledger_array[:, :k], b.ledger_array[:, :k])


@pytest.mark.parametrize("name", sorted(NUEVOS))
def test_each_scenario_changes_what_it_should_from_its_date_and_nothing_before(name, base, corridas):
    anio, signos = NUEVOS[name]
    r = corridas[name]
    assert _igual_antes(base, r, anio), f"{name} changed the ledger before {anio}"
    k = anio - START
    for componente, signo in signos.items():
        antes, despues = base.component(componente)[:, k:].sum(), r.component(componente)[:, k:].sum()
        assert np.sign(despues - antes) == signo, (name, componente, antes, despues)


def test_the_match_changes_nothing_before_2027_and_is_a_federal_component(corridas):
    ref, pareo = corridas["ahorro_voluntario"], corridas["ahorro_voluntario_pareo"]
    assert _igual_antes(ref, pareo, 2027)
    m = pareo.component("pareo_ahorro_voluntario")
    assert not m[:, : 2027 - START].any() and (m[:, 2027 - START:] > 0).all()
    # the same savers save the same: the match is added on top, and the account grows by it
    assert np.array_equal(ref.component("aportaciones_voluntarias"), pareo.component("aportaciones_voluntarias"))
    assert pareo.component("saldo_final")[:, -1].sum() > ref.component("saldo_final")[:, -1].sum()
    assert C.PAGADOR["pareo_ahorro_voluntario"] == "gobierno_federal"
    fiscal = pareo.fiscal_cost(measure="MXN", stat="mean", wide=True)
    np.testing.assert_allclose(fiscal["pareo_ahorro_voluntario"].to_numpy(), m.mean(axis=0))
    por_pagador = pareo.cost_by_payer(payer="gobierno_federal", measure="MXN", stat="mean", wide=True)
    assert (por_pagador[("gobierno_federal", "pareo_ahorro_voluntario")].iloc[2027 - START:] > 0).all()
    # at most the cap: 0.1 annual UMA a saver a year
    uma = pensiones.rules.load().uma_diaria(2030) * 30.4 * 12
    k = 2030 - START
    assert (m[:, k] <= 0.1 * uma * pareo.component("ahorradores_voluntarios")[:, k] + 1.0).all()


def test_the_match_is_zero_in_every_other_scenario(base, corridas):
    assert not base.component("pareo_ahorro_voluntario").any()
    for name in builtin_scenarios():
        if name == "ahorro_voluntario_pareo":
            continue
        r = corridas[name] if name in corridas else simulate(POP[:600], Scenario.load(name), paths=1, seed=24, end=2035)
        assert not r.component("pareo_ahorro_voluntario").any(), name


def test_voluntary_saving_is_conserved_in_the_accounts(corridas):
    """Every peso in the accounts, the voluntary contributions and the match included, is accounted for."""
    c = corridas["ahorro_voluntario_pareo"].component
    entradas = (
        c("saldo_inicial") + c("aportaciones_obrero_patronales") + c("cuota_social") + c("aportacion_estatal")
        + c("rendimientos") + c("aportaciones_voluntarias") + c("pareo_ahorro_voluntario")
    )
    salidas = (
        c("comisiones") + c("retiros_negativa") + c("retiros_fallecimiento") + c("compra_renta_vitalicia")
        + c("pagos_pg_cuenta") + c("retiro_ley73_trabajador") - c("transferencia_rcv_ley73") + c("saldo_rentas_imss")
    )
    assert np.abs(entradas - salidas - c("saldo_final")).max() <= len(POP) * 15 * 0.005


def test_the_calibrated_saving_is_consars_share():
    """A run of ``ahorro_voluntario`` has CONSAR's 12 % of active account holders saving in 2025."""
    s = Scenario.load("ahorro_voluntario")
    assert s.procesos.proporcion_ahorro_voluntario == PROPORCION_AHORRO_VOLUNTARIO
    assert s.procesos.tasa_ahorro_voluntario == TASA_AHORRO_VOLUNTARIO
    r = simulate(Population.synthetic(20_000, seed=3), s, paths=2, seed=1, end=2026)
    share = (r.component("ahorradores_voluntarios")[:, 0] / r.component("activos")[:, 0]).mean()
    assert share == pytest.approx(8.5 / 70.4, abs=0.01)


def test_voluntary_saving_and_the_match_at_the_ends_of_their_ranges_give_sane_costs():
    """Everyone saving half his SBC, matched ten pesos per peso up to 100 annual UMA, to 2070: every cost
    finite and not negative, the exact ledger within range."""
    sc = Scenario.default().with_reform({
        "procesos": {"proporcion_ahorro_voluntario": 1.0, "tasa_ahorro_voluntario": 0.5},
        "reformas": [
            {"tabla": "pareo_ahorro_voluntario", "desde": "2026-01-01", "columna": "tasa", "valor": 10.0},
            {"tabla": "pareo_ahorro_voluntario", "desde": "2026-01-01", "columna": "tope", "valor": 100.0},
        ],
    })
    r = simulate(POP[:1500], sc, paths=2, seed=9, end=2070)
    fc = r.fiscal_cost(measure="MXN", stat=["mean", "p5", "p95"])
    assert np.isfinite(fc["value"]).all()
    assert (fc[fc.component == "pareo_ahorro_voluntario"].value >= 0).all()
    assert (r.component("pareo_ahorro_voluntario")[:, 1:] > r.component("aportaciones_voluntarias")[:, 1:]).all()


# -- the minimum-wage reading of the RCV rules, in the calculators ------------------------------------------
RCV = Criterios(unidad_de_cuenta_rcv="salario_minimo", unidad_de_cuenta_rcv_desde="2027-01")


def test_calculators_read_the_bands_and_updates_in_minimum_wages_from_the_date():
    ley, rs = pensiones.rules.load(), pensiones.rules.load(criterios=RCV)
    sm = {a: ley.salario_minimo_diario(a) for a in (2026, 2027, 2030)}
    # before the date, the law; 2026's employer CEAV of 1.2 minimum wages is a UMA band's
    assert ley97.tasa_patronal_ceav(2026, 1.2 * sm[2026], reglas=rs) == ley97.tasa_patronal_ceav(2026, 1.2 * sm[2026])
    assert ley97.cuota_social_diaria(2026, 1.2 * sm[2026], reglas=rs) == ley97.cuota_social_diaria(2026, 1.2 * sm[2026])
    # from the date, 1.2 minimum wages is the "1.01 SM a 1.50 UMA" band read in minimum wages
    banda = float(ley.rows("tasa_patronal_ceav", "2030-02-01", banda="1.01 SM a 1.50 UMA")["value"].iloc[0])
    assert ley97.tasa_patronal_ceav(2030, 1.2 * sm[2030], reglas=rs) == banda < ley97.tasa_patronal_ceav(
        2030, 1.2 * sm[2030]
    )
    # the cuota social reaches 4 minimum wages (0 above 4 UMA under the law), its amounts still the INPC's in
    # the first quarter of 2027 and the minimum wage's after
    assert ley97.cuota_social_diaria(2030, 3.5 * sm[2030]) == 0.0 < ley97.cuota_social_diaria(2030, 3.5 * sm[2030],
                                                                                              reglas=rs)
    assert ley97.cuota_social_diaria(2027, sm[2027], reglas=rs) == ley97.cuota_social_diaria(2027, sm[2027])
    # one band, "1.00 SM" (the minimum wage itself): from 2027 to 2028 it moves with the minimum wage
    crece = ley.salario_minimo_diario(2028) / sm[2027]
    antes, despues = (ley97.cuota_social_diaria(a, ley.salario_minimo_diario(a), reglas=rs) for a in (2027, 2028))
    assert despues == pytest.approx(antes * crece, abs=1e-5)
    # the Art. 170 bands: 2.5 UMA of lifetime average is the first band in minimum wages
    assert garantizada.monto_mensual(65, 1100, 2.5, 2026, reglas=rs) == garantizada.monto_mensual(65, 1100, 2.5, 2026)
    assert garantizada.monto_tabla(65, 1100, 2.5, 2030, reglas=rs) == garantizada.monto_tabla(65, 1100, 1.5, 2030)
    assert garantizada.monto_tabla(65, 1100, 2.5, 2030) > garantizada.monto_tabla(65, 1100, 1.5, 2030)
    # the update: the INPC's to February 2027, then the minimum wage's
    f = {a: garantizada.tabla.factor_actualizacion(rs, a) for a in (2026, 2027, 2031, 2032)}
    ley_f = {a: garantizada.tabla.factor_actualizacion(ley, a) for a in (2026, 2027)}
    assert (f[2026], f[2027]) == (ley_f[2026], ley_f[2027])
    assert f[2032] / f[2031] == pytest.approx(ley.salario_minimo_diario(2032) / ley.salario_minimo_diario(2031))


def test_a_rising_real_minimum_wage_raises_the_minimum_wage_updates():
    alza = pensiones.Supuestos(crecimiento_real_salario_minimo=0.02)
    rs = pensiones.rules.load(supuestos=alza, criterios=RCV)
    ley = pensiones.rules.load(supuestos=alza)
    assert garantizada.monto_mensual(65, 1100, 1.5, 2040, reglas=rs) > garantizada.monto_mensual(
        65, 1100, 1.5, 2040, reglas=ley
    )


# -- the kernel's twin, with every new rule at work -------------------------------------------------------
def test_twin_equals_numba_with_the_new_rules():
    sc = Scenario.load("ahorro_voluntario_pareo").with_reform({
        "criterios": {"unidad_de_cuenta_rcv": "salario_minimo", "unidad_de_cuenta_rcv_desde": "2027-01"},
        "reformas": [
            {"tabla": "fondo_bienestar_edad", "desde": "2028-01-01", "valor": 60},
            {"tabla": "fondo_bienestar_tope_complemento", "desde": "2029-01-01", "valor": 0.3},
        ],
    })
    small = Population.synthetic(150, seed=9)
    a = simulate(small, sc, paths=2, seed=3, end=2060, outcomes=True)
    b = simulate(small, sc, paths=2, seed=3, end=2060, outcomes=True, backend="python")
    assert np.array_equal(a.ledger_array, b.ledger_array)
    np.testing.assert_array_equal(a.outcomes_array, b.outcomes_array)
    assert a.component("pareo_ahorro_voluntario").any() and a.component("fondo_bienestar").any()


# -- bad parameters ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cambios, mensaje", [
    ({"procesos": {"proporcion_ahorro_voluntario": 1.5}}, "proporcion_ahorro_voluntario must be in [0, 1], got 1.5"),
    ({"procesos": {"tasa_ahorro_voluntario": -0.01}}, "tasa_ahorro_voluntario must be in [0, 0.5], got -0.01"),
    ({"criterios": {"unidad_de_cuenta_rcv": "sm"}}, "unidad_de_cuenta_rcv must be one of"),
    ({"criterios": {"unidad_de_cuenta_rcv_desde": "2027"}}, "unidad_de_cuenta_rcv_desde must be a month 'YYYY-MM'"),
    ({"tabla": "pareo_ahorro_voluntario", "desde": "2027-01-01", "columna": "tasa", "valor": 20.0},
     "field 'valor': 20 is outside the domain [0, 10]"),
    ({"tabla": "pareo_ahorro_voluntario", "desde": "2027-01-01", "columna": "tope", "valor": -1.0},
     "field 'valor': -1 is outside the domain [0, 100]"),
    ({"tabla": "fondo_bienestar_tope_complemento", "desde": "2027-01-01", "valor": 1.5},
     "field 'valor': 1.5 is outside the domain [0, 1]"),
    ({"tabla": "fondo_bienestar_edad", "desde": "2027-01-01", "valor": 200},
     "field 'valor': 200 is outside the domain [0, 120]"),
])
def test_bad_parameters_name_the_field_and_the_range(cambios, mensaje):
    with pytest.raises(ValueError) as info:
        Scenario.default().with_reform(cambios)
    assert mensaje in str(info.value), str(info.value)


# -- the command line: run and sweep ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted((*NUEVOS, "ahorro_voluntario_pareo")))
def test_each_new_scenario_runs_from_the_command_line(name, tmp_path, capsys):
    out = tmp_path / "res"
    argv = ["run", name, "--persons", "300", "--paths", "1", "--seed", "4", "--end", "2032", "--no-outcomes",
            "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    assert {"costo_fiscal.csv", "comparacion.csv", "resumen.txt"} <= {p.name for p in out.iterdir()}
    costo = pd.read_csv(out / "costo_fiscal.csv")
    pareo = costo[(costo.component == "pareo_ahorro_voluntario") & (costo.measure == "MXN")]
    assert len(pareo) and (pareo.value.abs().sum() > 0) == (name == "ahorro_voluntario_pareo")


@pytest.mark.slow
def test_the_new_scenarios_run_in_a_sweep(tmp_path, capsys):
    out = tmp_path / "sweep"
    argv = ["sweep", "ahorro_voluntario", *sorted(set(NUEVOS) - {"ahorro_voluntario"}), "ahorro_voluntario_pareo",
            "--persons", "300", "--paths", "1", "--seed", "4", "--end", "2032", "--workers", "1", "--no-outcomes",
            "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    tabla = pd.read_csv(out / "comparacion.csv")
    tabla = tabla[tabla.stat == "mean"]
    assert set(tabla.scenario) == set(NUEVOS) - {"ahorro_voluntario"} | {"ahorro_voluntario_pareo"}
    pareo = tabla[(tabla.component == "pareo_ahorro_voluntario") & (tabla.year >= 2027)]
    assert (pareo[pareo.scenario == "ahorro_voluntario_pareo"].value != 0).any()
    assert (pareo[pareo.scenario != "ahorro_voluntario_pareo"].value == 0).all()
    assert not tabla[(tabla.scenario == "ahorro_voluntario_pareo") & (tabla.year < 2027)].value.any()
