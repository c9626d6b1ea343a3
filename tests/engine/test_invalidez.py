"""Invalidity in the person-year step, pluggable (LSS arts. 119-122, 141, 159 fr. VI-VII; LSS 1973 arts. 128-131).

The package ships no incidence: every table here is written in the test.  A zero table is the run without
one, bit for bit; a certain incidence at one age grants every eligible member of that age an invalidity
pension and no one else; the amounts are checked by hand (35 % of the average, the floor, the monto
constitutivo against the balance), the Ley 73 path against the calculator, the survivors of an invalidity
pensioner are paid, the draws do not depend on the threads, the twin is the kernel, and bad tables fail
naming the field and the allowed range.
"""

from __future__ import annotations

import tomllib

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import Population, Procesos, Scenario, ley73, ley97, simulate
from pensiones._jit import python_twin
from pensiones.engine import componentes as C
from pensiones.engine.driver import preparar
from pensiones.engine.procesos import huella_incidencia, tabla_incidencia_invalidez

START, END = 2025, 2040
POP = Population.synthetic(2000, seed=11)  # enough members of 40 for the certain-incidence test
NUEVAS = ("invalidez_ley73", "pensiones_invalidez", "suma_asegurada_invalidez_imss", "saldo_rentas_invalidez",
          "retiros_invalidez", "nuevas_invalidez_ley73", "nuevas_invalidez_ley97", "pensionados_invalidez_ley73",
          "pensionados_invalidez_ley97", "nuevas_negativas_invalidez")


def _tabla(q, edades=range(15, 60)) -> pd.DataFrame:
    """An incidence table written for the test: ``q`` (a number, or a dict age -> q) for both sexes."""
    filas = []
    for edad in edades:
        valor = q.get(edad, 0.0) if isinstance(q, dict) else q
        filas += [{"edad": edad, "sexo": "H", "q": valor}, {"edad": edad, "sexo": "M", "q": valor}]
    return pd.DataFrame(filas)


def _escenario(tabla, **procesos) -> Scenario:
    return Scenario.default().with_reform({"procesos": {"incidencia_invalidez": tabla, **procesos}})


def _miembro(**campos) -> dict:
    """A Ley 97 member of 40 in 2025, contributing, with 600 weeks and a daily SBC of 500 (no family)."""
    base = {
        "sexo": "H", "anio_nacimiento": 1985, "anio_afiliacion": 2005.0, "semanas": 600.0, "sbc_diario": 500.0,
        "saldo_rcv": 100_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 0.0, "salario_promedio_uma": 4.0,
        "cotizando": True, "peso": 10.0, "modalidad": 0, "pension_mensual": 0.0, "complemento_fondo": 0.0,
        "anio_pension": 0, "conyuge": False, "diferencia_edad_conyuge": 0, "hijos": 0, "diferencia_edad_hijos": 0,
    }
    base.update(campos)
    return base


def _una(rows, tabla, end=2027, **procesos):
    sc = _escenario(tabla, mortalidad=False, **procesos)
    return simulate(Population.from_frame(pd.DataFrame(rows)), sc, paths=1, seed=7, start=START, end=end)


_TP = {}


def _tp():
    if not _TP:
        _TP["v"] = preparar(pensiones.rules.load(), Procesos(), START, 2030)
    return _TP["v"]


@pytest.fixture(scope="module")
def base():
    return simulate(POP, paths=2, seed=5, start=START, end=END)


# -- no table: not modelled -------------------------------------------------------------------------
def test_without_a_table_invalidity_is_not_modelled(base):
    assert Procesos().incidencia_invalidez is None
    assert base.provenance["invalidez"].startswith("not modelled")
    for name in NUEVAS:
        assert base.component(name).sum() == 0.0, name


def test_a_zero_table_is_the_run_without_one_bit_for_bit(base):
    cero = simulate(POP, _escenario(_tabla(0.0)), paths=2, seed=5, start=START, end=END)
    assert np.array_equal(cero.ledger_array, base.ledger_array)
    tabla = tabla_incidencia_invalidez(_tabla(0.0))
    assert f"sha256:{huella_incidencia(tabla)}" in cero.provenance["invalidez"]
    assert cero.provenance["parametros_hash"] != base.provenance["parametros_hash"]


# -- a certain incidence at one age -----------------------------------------------------------------
def test_certain_invalidity_at_40_grants_every_eligible_member_of_40():
    r = simulate(POP, _escenario(_tabla({40: 1.0})), paths=1, seed=5, start=START, end=2027)
    edad = START - POP.anio_nacimiento
    candidato = ((edad == 40) & (POP.modalidad == C.ACTIVO) & POP.cotizando
                 & (np.floor(POP.anio_afiliacion) <= START))
    ley97_ok = candidato & ~POP.transicion & (POP.semanas >= 250)
    ley73_ok = candidato & POP.transicion & (POP.semanas >= 150)
    sin_semanas = candidato & ~ley97_ok & ~ley73_ok
    tol = 0.005 * len(POP)  # each event's weight rounded to the hundredth
    c = r.component
    assert ley97_ok.sum() > 10 and sin_semanas.sum() > 0
    assert c("nuevas_invalidez_ley97")[0, 0] == pytest.approx(POP.peso[ley97_ok].sum(), abs=tol)
    assert c("nuevas_invalidez_ley73")[0, 0] == pytest.approx(POP.peso[ley73_ok].sum(), abs=tol)
    assert c("nuevas_negativas_invalidez")[0, 0] == pytest.approx(POP.peso[sin_semanas].sum(), abs=tol)
    # granted at the start of the year and paid in it; nobody else is an invalidity pensioner
    assert c("pensionados_invalidez_ley97")[0, 0] == pytest.approx(c("nuevas_invalidez_ley97")[0, 0], abs=tol)
    assert c("pensionados_invalidez_ley73")[0, 0] == pytest.approx(c("nuevas_invalidez_ley73")[0, 0], abs=tol)
    assert c("pensiones_invalidez")[0, 0] > 0 and c("suma_asegurada_invalidez_imss")[0, 0] > 0


def test_weeks_below_the_minimum_give_no_pension():
    tabla = _tabla({40: 1.0})
    r = _una([_miembro(semanas=200.0), _miembro(semanas=100.0)], tabla)
    assert r.component("nuevas_invalidez_ley97").sum() == 0.0
    assert r.component("pensiones_invalidez").sum() == 0.0
    assert r.component("nuevas_negativas_invalidez")[0, 0] == 20.0
    # the member goes on contributing (the withdrawal of art. 122 is not modelled)
    assert r.component("cotizantes")[0, 0] == 20.0
    # LSS art. 122: 150 weeks suffice for an invalidity of 75 % or more
    r = _una([_miembro(semanas=200.0), _miembro(semanas=100.0)], tabla, proporcion_invalidez_grado_75=1.0)
    assert r.component("nuevas_invalidez_ley97")[0, 0] == 10.0
    assert r.component("nuevas_negativas_invalidez")[0, 0] == 10.0


def test_the_weeks_are_a_rule_table_a_reform_can_change():
    """An overlay on table ``sobrevivientes`` (concept ``semanas_invalidez``) moves the requirement of art. 122."""
    reforma = {"tabla": "sobrevivientes", "desde": "2025-01-01", "valor": 180.0,
               "donde": {"ley": "ley97", "concepto": "semanas_invalidez"}}
    sc = _escenario(_tabla({40: 1.0}), mortalidad=False).with_reform(reforma)
    pop = Population.from_frame(pd.DataFrame([_miembro(semanas=200.0), _miembro(semanas=170.0)]))
    r = simulate(pop, sc, paths=1, seed=7, start=START, end=2026)
    assert r.component("nuevas_invalidez_ley97")[0, 0] == 10.0
    assert r.component("nuevas_negativas_invalidez")[0, 0] == 10.0


# -- amounts by hand --------------------------------------------------------------------------------
def test_ley97_amount_and_monto_constitutivo_by_hand():
    T, _ = _tp()
    r = _una([_miembro()], _tabla({40: 1.0}))
    c = r.component
    # LSS art. 141: 35 % of the last-500-weeks average (500 a day), 30.4 days a month
    pension = 500.0 * 0.35 * 30.4
    assert pension == pytest.approx(5320.0) and ley97.pension_invalidez(500.0, 2025) == pytest.approx(5320.0)
    assert c("pensiones_invalidez")[0, 0] == pytest.approx(12 * 5320.0 * 10.0, abs=0.01)
    # the February update of the pension in payment
    assert c("pensiones_invalidez")[0, 1] == pytest.approx(12 * 5320.0 * T.factor_inflacion[0] * 10.0, abs=0.01)
    assert c("pensionados_invalidez_ley97")[0].tolist() == [10.0, 10.0, 10.0]
    # monto constitutivo of a single life at 40 (no family): the balance applies, the IMSS adds the rest
    monto = 12 * 5320.0 * T.factor_anualidad[0, 0, 40]
    assert c("saldo_rentas_invalidez")[0, 0] == pytest.approx(100_000.0 * 10.0, abs=0.01)
    assert c("suma_asegurada_invalidez_imss")[0, 0] == pytest.approx((monto - 100_000.0) * 10.0, abs=0.1)
    assert c("retiros_invalidez")[0, 0] == 0.0
    assert c("activos")[0, 0] == 0.0 and c("saldo_final")[0, 0] == 0.0
    assert C.PAGADOR["pensiones_invalidez"] == "cuenta_individual"
    assert C.PAGADOR["suma_asegurada_invalidez_imss"] == "imss"


def test_a_balance_above_the_monto_constitutivo_is_withdrawn():
    T, _ = _tp()
    r = _una([_miembro(saldo_rcv=5_000_000.0)], _tabla({40: 1.0}))
    monto = 12 * 5320.0 * T.factor_anualidad[0, 0, 40]
    c = r.component
    assert c("suma_asegurada_invalidez_imss")[0, 0] == 0.0
    assert c("saldo_rentas_invalidez")[0, 0] == pytest.approx(monto * 10.0, abs=0.1)
    assert c("retiros_invalidez")[0, 0] == pytest.approx((5_000_000.0 - monto) * 10.0, abs=0.1)


def test_the_floor_of_art_141():
    # 35 % of 100 a day is 1,064 a month, below the smallest guaranteed pension of 2025
    r = _una([_miembro(sbc_diario=100.0, salario_promedio_uma=0.9)], _tabla({40: 1.0}))
    minima = pensiones.garantizada.monto_mensual(60, 850, 1.5, 2025)
    assert minima == 3414.41 and ley97.pension_invalidez(100.0, 2025) == minima
    assert r.component("pensiones_invalidez")[0, 0] == pytest.approx(12 * minima * 10.0, abs=0.01)


def test_the_family_raises_the_monto_constitutivo():
    sola = _una([_miembro()], _tabla({40: 1.0}))
    familia = _una([_miembro(conyuge=True, diferencia_edad_conyuge=-2, hijos=2, diferencia_edad_hijos=-30)],
                   _tabla({40: 1.0}))
    a, b = (x.component("suma_asegurada_invalidez_imss")[0, 0] for x in (sola, familia))
    assert b > a > 0
    assert familia.component("pensiones_invalidez")[0, 0] == sola.component("pensiones_invalidez")[0, 0]


def test_ley73_invalidity_of_a_transition_member():
    """A member first insured in 1990, 50 in 2025, 800 weeks, Ley 73 average 400 a day: the Ley 73 pension
    (art. 167 without the cesantía factor, the ayuda asistencial and the 11 %), paid by the Federal
    Government; the CEAV balance to the government and the retiro balance to the worker."""
    fila = _miembro(anio_nacimiento=1975, anio_afiliacion=1990.0, semanas=800.0, sbc_diario=400.0,
                    promedio_250_ley73=400.0, saldo_rcv=200_000.0)
    r = _una([fila], _tabla({50: 1.0}))
    c = r.component
    esperado = ley73.pension(400.0, 800.0, 65, 2025).mensual
    assert c("invalidez_ley73")[0, 0] == pytest.approx(12 * esperado * 10.0, abs=0.01)
    assert c("nuevas_invalidez_ley73")[0, 0] == 10.0 and c("pensionados_invalidez_ley73")[0, 0] == 10.0
    retiro = 200_000.0 * 2.0 / 6.5
    assert c("retiro_ley73_trabajador")[0, 0] == pytest.approx(retiro * 10.0, abs=0.01)
    assert c("transferencia_rcv_ley73")[0, 0] == pytest.approx(-(200_000.0 - retiro) * 10.0, abs=0.01)
    assert c("pensiones_invalidez").sum() == 0.0 and c("nuevas_pensiones_ley73").sum() == 0.0
    assert C.PAGADOR["invalidez_ley73"] == "gobierno_federal"
    fc = r.fiscal_cost(measure="MXN", stat="mean", wide=True)
    assert fc.loc[2025, "invalidez_ley73"] == pytest.approx(12 * esperado * 10.0, abs=0.01)
    # 149 weeks: no pension (LSS 1973 art. 131: 150)
    r = _una([{**fila, "semanas": 149.0}], _tabla({50: 1.0}))
    assert r.component("invalidez_ley73").sum() == 0.0 and r.component("nuevas_negativas_invalidez")[0, 0] == 10.0


# -- survivors of an invalidity pensioner -----------------------------------------------------------
@pytest.mark.parametrize("ley", ["ley97", "ley73"])
def test_an_invalidity_pensioners_survivors_are_granted_and_paid(ley):
    """The step's twin: the death of an invalidity pensioner with two children of 10 opens their orphans'
    pensions, shares of the pension in payment (LSS arts. 127, 131, 134; LSS 1973 arts. 149, 153, 156)."""
    from pensiones.engine.kernel import (
        BASE_SOBREVIVIENTES,
        MODALIDAD,
        N_ESTADO,
        PENSION,
        SOBREVIVIENTES,
        SOBREVIVIENTES_IMSS,
        SOBREVIVIENTES_LEY73,
        otorgar_sobrevivientes,
        pagar_sobrevivientes,
    )
    from pensiones.engine.registros import Registros
    from pensiones.engine.rng import clave_py

    # the Ley 97 pension's survivors are paid by the insurer (the IMSS seguro de invalidez y vida's annuity),
    # the Ley 73 pension's by the Federal Government
    ley97_ = ley == "ley97"
    modalidad, tipo = (C.INVALIDEZ, SOBREVIVIENTES_IMSS) if ley97_ else (C.INVALIDEZ_LEY73, SOBREVIVIENTES_LEY73)
    T, P = _tp()
    estado = np.zeros(N_ESTADO)
    estado[MODALIDAD] = modalidad
    estado[PENSION] = 6_000.0
    R = Registros(*(np.array([v]) for v in (
        0, 1985, 2005.0, 600.0, 500.0, 0.0, 0.0, 0.0, 4.0, True, 10.0, ley == "ley73",
        0, 0.0, 0.0, False, 0, 2, -30, 0, 0, 0,
    )))
    ledger = np.zeros((T.uma_diaria.shape[0], C.N_COMPONENTES), dtype=np.int64)
    error = np.zeros(3, dtype=np.int64)
    python_twin(otorgar_sobrevivientes)(estado, R, 0, 0, 40, T, P, ledger[0], error)
    assert estado[SOBREVIVIENTES] == tipo and estado[BASE_SOBREVIVIENTES] == 6_000.0
    assert ledger[0, C.INDICE["nuevas_pensiones_sobrevivientes"]] == 1000
    h = clave_py(7, 0, 0, 2026)  # the person-year's key: seed 7, path 0, record 0, 2026
    sigue = python_twin(pagar_sobrevivientes)(estado, R, 0, 1, 41, h, 0.004, T, P, ledger[1], error)
    assert sigue
    linea = "sobrevivientes_imss" if ley == "ley97" else "sobrevivientes_ley73"
    esperado = 12 * ley97.pensiones_sobrevivientes(6_000.0, 2026, ley=ley, conyuge_vivo=False, hijos=2) * 10.0
    assert ledger[1, C.INDICE[linea]] / 100.0 == pytest.approx(esperado, abs=0.01)
    assert ledger[1, C.INDICE["pensionados_orfandad"]] == 2000


def test_survivors_of_invalidity_pensioners_in_a_run():
    """Many invalidity pensioners, the usual mortality: their deaths open survivors' pensions the run pays."""
    r = simulate(POP, _escenario(_tabla(0.05)), paths=1, seed=3, start=START, end=END)
    sin = simulate(POP, _escenario(_tabla(0.0)), paths=1, seed=3, start=START, end=END)
    assert r.component("pensionados_invalidez_ley97")[0, -1] > 0
    # invalidity pensioners who die leave survivors the base run's members would not have had
    nuevas = "nuevas_pensiones_sobrevivientes"
    assert r.component(nuevas).sum() != sin.component(nuevas).sum()
    assert r.component("sobrevivientes_imss").sum() > 0


# -- the ledger: conservation, tables, payers -------------------------------------------------------
@pytest.fixture(scope="module")
def con_invalidez():
    return simulate(POP, _escenario(_tabla(0.02), proporcion_invalidez_grado_75=0.3), paths=2, seed=5,
                    start=START, end=END)


def test_the_accounts_balance_with_invalidity(con_invalidez, assert_accounts_balance):
    c = con_invalidez.component
    assert c("nuevas_invalidez_ley97").sum() > 0 and c("nuevas_invalidez_ley73").sum() > 0
    assert_accounts_balance(con_invalidez, len(POP), outflows=("saldo_rentas_invalidez", "retiros_invalidez"))


def test_pensions_table_and_payers(con_invalidez):
    from pensiones.reporting.tablas import pensiones_paths

    arrays = pensiones_paths(con_invalidez)
    c = con_invalidez.component
    for regimen, dinero, pagados in (("ley97", "pensiones_invalidez", "pensionados_invalidez_ley97"),
                                     ("ley73", "invalidez_ley73", "pensionados_invalidez_ley73")):
        promedio = arrays[(regimen, "invalidez", "average_monthly_pension")]
        personas = arrays[(regimen, "invalidez", "in_payment")]
        np.testing.assert_allclose(personas, c(pagados))
        reconstruido = np.where(personas > 0, np.nan_to_num(promedio) * personas * 12, 0.0)
        np.testing.assert_allclose(reconstruido, c(dinero), rtol=1e-9, atol=0.01)
    cb = con_invalidez.cost_by_payer(measure="MXN", stat="mean", wide=True)
    assert cb[("imss", "suma_asegurada_invalidez_imss")].sum() > 0
    assert cb[("cuenta_individual", "pensiones_invalidez")].sum() > 0
    assert cb[("gobierno_federal", "invalidez_ley73")].sum() > 0


def test_the_summary_shows_invalidity_only_when_modelled(con_invalidez, base):
    from pensiones.reporting.carpeta import resumen

    assert "Ley 97 invalidez" in resumen(con_invalidez)
    assert "invalidez" not in resumen(base).split("Pensions, persons")[1]


# -- determinism and the twin -----------------------------------------------------------------------
def test_the_same_draws_for_any_number_of_threads():
    sc = _escenario(_tabla(0.05), proporcion_invalidez_grado_75=0.5)
    one = simulate(POP, sc, paths=2, seed=9, end=2035, threads=1, chunk_size=97)
    two = simulate(POP, sc, paths=2, seed=9, end=2035, threads=2, chunk_size=700)
    assert np.array_equal(one.ledger_array, two.ledger_array)
    assert one.component("nuevas_invalidez_ley97").sum() > 0


def test_twin_equals_kernel_with_invalidity():
    rows = [_miembro(), _miembro(semanas=200.0), _miembro(conyuge=True, diferencia_edad_conyuge=-2, hijos=1,
                                                          diferencia_edad_hijos=-30, sexo="M"),
            _miembro(anio_nacimiento=1975, anio_afiliacion=1990.0, semanas=800.0, sbc_diario=400.0,
                     promedio_250_ley73=400.0, saldo_rcv=200_000.0)]
    pop = Population.from_frame(pd.concat([pd.DataFrame(rows).assign(anio_ultima_cotizacion=0),
                                           Population.synthetic(100, seed=2).to_frame()], ignore_index=True))
    sc = _escenario(_tabla({**{e: 0.15 for e in range(20, 60)}, 40: 1.0, 50: 1.0}), proporcion_invalidez_grado_75=0.5)
    a = simulate(pop, sc, paths=2, seed=9, start=START, end=END, outcomes=True)
    b = simulate(pop, sc, paths=2, seed=9, start=START, end=END, outcomes=True, backend="python")
    assert np.array_equal(a.ledger_array, b.ledger_array)
    np.testing.assert_array_equal(a.outcomes_array, b.outcomes_array)
    assert a.component("nuevas_invalidez_ley97").sum() > 0 and a.component("nuevas_invalidez_ley73").sum() > 0


# -- the table: forms, TOML, errors -----------------------------------------------------------------
def test_the_table_from_a_csv_file_a_frame_or_an_array(tmp_path):
    frame = _tabla({30: 0.01, 31: 0.02})
    path = tmp_path / "incidencia.csv"
    frame.to_csv(path, index=False)
    desde_csv, desde_frame = Procesos(incidencia_invalidez=path), Procesos(incidencia_invalidez=frame)
    np.testing.assert_array_equal(desde_csv.incidencia_invalidez, desde_frame.incidencia_invalidez)
    tabla = desde_frame.incidencia_invalidez
    assert tabla.shape == (2, 111) and not tabla.flags.writeable
    assert tabla[0, 30] == 0.01 and tabla[1, 31] == 0.02 and tabla[0, 29] == 0.0 and tabla.sum() == 0.06
    np.testing.assert_array_equal(Procesos(incidencia_invalidez=tabla).incidencia_invalidez, tabla)
    # a scenario file holds the array and reads it back
    s = _escenario(str(path))
    again = Scenario.from_dict(tomllib.loads(s.to_toml()))
    np.testing.assert_array_equal(again.procesos.incidencia_invalidez, tabla)


@pytest.mark.parametrize(
    "tabla, mensaje",
    [
        (pd.DataFrame({"edad": [30], "sexo": ["H"]}), "missing q"),
        (pd.DataFrame({"edad": [30], "sexo": ["H"], "q": [0.1], "fuente": ["x"]}), "unknown fuente"),
        (pd.DataFrame({"edad": [111], "sexo": ["H"], "q": [0.1]}), r"whole age in \[0, 110\]"),
        (pd.DataFrame({"edad": [-1], "sexo": ["H"], "q": [0.1]}), r"whole age in \[0, 110\]"),
        (pd.DataFrame({"edad": [30.5], "sexo": ["H"], "q": [0.1]}), r"whole age in \[0, 110\]"),
        (pd.DataFrame({"edad": [30], "sexo": ["X"], "q": [0.1]}), "sexo must be 'H' or 'M'"),
        (pd.DataFrame({"edad": [30], "sexo": ["H"], "q": [1.5]}), r"probability in \[0, 1\]"),
        (pd.DataFrame({"edad": [30], "sexo": ["H"], "q": [np.nan]}), r"probability in \[0, 1\] \(not missing\)"),
        (pd.DataFrame({"edad": [30, 30], "sexo": ["M", "M"], "q": [0.1, 0.2]}), "edad 30, sexo 'M' is given more"),
        (pd.DataFrame({"edad": [], "sexo": [], "q": []}), "no rows"),
        (np.zeros((2, 100)), r"shape \(2, 111\)"),
        (np.full((2, 111), -0.1), r"probability in \[0, 1\]"),
        ("/no/such/incidencia.csv", "cannot read the CSV file"),
        (object(), "a CSV path, a DataFrame"),
    ],
)
def test_bad_tables_name_the_field_and_the_range(tabla, mensaje):
    with pytest.raises(ValueError, match=mensaje) as info:
        Procesos(incidencia_invalidez=tabla)
    assert "incidencia_invalidez" in str(info.value)


def test_bad_tables_in_a_scenario_name_the_section():
    with pytest.raises(ValueError, match=r"\[procesos\] incidencia_invalidez: .*whole age"):
        _escenario(pd.DataFrame({"edad": [200], "sexo": ["H"], "q": [0.1]}))
    with pytest.raises(ValueError, match="proporcion_invalidez_grado_75"):
        Procesos(proporcion_invalidez_grado_75=1.5)
