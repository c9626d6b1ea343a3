"""Survivors' pensions paid by the engine (LSS 1973 arts. 149-164; LSS arts. 127-144, 159 fr. VI-VII, 172).

Hand-computed legal cases for the calculators, the monto constitutivo on toy tables, kernel ==
calculator on records that die in the first year (q(110) = 1), the twin, the counts, the payers,
an overlay of the table, and the switch ``Procesos.sobrevivientes`` as a null.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import Population, Procesos, Scenario, ley73, ley97, simulate
from pensiones._jit import python_twin
from pensiones.engine import componentes as C
from pensiones.engine.driver import preparar
from pensiones.engine.kernel import base_sobrevivientes_ley97
from pensiones.ley97.formula import anualidad_beneficiarios, cuantia_sobrevivientes, proporcion_sobrevivientes

V = 1.0 / 1.1


# -- hand-computed legal cases ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, expected, why",
    [
        ({}, 9000.0, "widow alone: 90 % (art. 131)"),
        ({"hijos": 1}, 10000.0, "widow 90 % + orphan 20 % = 110 %, capped at 100 % (art. 144)"),
        ({"conyuge_vivo": False, "hijos": 1}, 2000.0, "an orphan, no spouse ever: 20 % (art. 135)"),
        ({"conyuge_vivo": False, "hijos": 2, "tenia_conyuge": True}, 6000.0, "two orphans of both parents: 30 % each"),
        ({"conyuge_vivo": False, "hijos": 4, "tenia_conyuge": True}, 10000.0,
         "four orphans of both parents: 120 %, capped"),
        ({"ley": "ley73"}, 9000.0, "Ley 73 widow: 90 % (LSS 1973 art. 153)"),
        ({"ley": "ley73", "conyuge_vivo": False, "hijos": 3}, 6000.0, "Ley 73 orphans: 20 % each (art. 157)"),
    ],
)
def test_survivors_shares_hand_computed(kwargs, expected, why):
    assert ley97.pensiones_sobrevivientes(10_000, 2030, **kwargs) == expected, why


def test_ley73_widow_pension():
    # 90 % of 12,345.67 = 11,111.103 -> 11,111.10 (cents, half up)
    assert ley73.pension_viudez(12_345.67, 2026) == 11111.10


def test_ley97_invalidity_pension_hand_computed():
    # art. 141: 35 % of the last-500-weeks average, 30.4 days a month
    assert ley97.pension_invalidez(1000.0, 2025) == pytest.approx(1000.0 * 0.35 * 30.4)
    # capped at 25 UMA (2025 UMA 113.14): 2,828.50 x 0.35 x 30.4 = 30,095.24
    assert ley97.pension_invalidez(5000.0, 2025) == 30095.24
    # at least the smallest guaranteed pension of 2025 (60 years, 850 weeks, lowest band)
    assert ley97.pension_invalidez(50.0, 2025) == pensiones.garantizada.monto_mensual(60, 850, 1.5, 2025) == 3414.41


def test_bad_inputs_name_the_field():
    with pytest.raises(ValueError, match="hijos"):
        ley97.pensiones_sobrevivientes(1000, 2030, hijos=-1)
    with pytest.raises(ValueError, match="ley"):
        ley97.pensiones_sobrevivientes(1000, 2030, ley="ley2000")
    with pytest.raises(ValueError, match="tenia_conyuge"):
        ley97.pensiones_sobrevivientes(1000, 2030, conyuge_vivo=True, tenia_conyuge=False)
    with pytest.raises(ValueError, match="pension_mensual"):
        ley73.pension_viudez(-1, 2030)
    with pytest.raises(ValueError, match="promedio_500_diario"):
        ley97.pension_invalidez(-5, 2030)


# -- the monto constitutivo on toy tables ----------------------------------------------------------
def test_beneficiaries_annuity_toy_tables():
    q = np.array([0.0, 0.5, 1.0, 1.0])
    # a spouse of 0: paid at k = 0 (alive), k = 1 (p = 1), k = 2 (p = 0.5), then dead
    got = anualidad_beneficiarios(q, 0, 0, 0, 0.1, 0.9, 0.2, 0.3, 25)
    assert got == pytest.approx(0.9 * (1 + V + 0.5 * V**2))
    # one orphan of 22 without spouse: 20 % for ages 22, 23, 24
    got = anualidad_beneficiarios(q, -1, 1, 22, 0.1, 0.9, 0.2, 0.3, 25)
    assert got == pytest.approx(0.2 * (1 + V + V**2))
    # spouse of 1 and an orphan of 24: k = 0 both (capped at 1.0); k = 1 spouse alive w.p. 0.5, orphan gone
    got = anualidad_beneficiarios(q, 1, 1, 24, 0.1, 0.9, 0.2, 0.3, 25)
    assert got == pytest.approx(1.0 + V * 0.5 * 0.9)
    assert anualidad_beneficiarios(q, -1, 0, 0, 0.1, 0.9, 0.2, 0.3, 25) == 0.0


@given(st.booleans(), st.integers(0, 8), st.booleans(), st.floats(0.0, 1.0), st.floats(0.0, 0.5), st.floats(0.0, 0.5))
def test_shares_never_exceed_the_pension(vivo, hijos, con, viudez, orf, orf2):
    con = con or vivo
    share = proporcion_sobrevivientes(vivo, hijos, con, viudez, orf, orf2)
    assert 0.0 <= share <= 1.0
    assert cuantia_sobrevivientes(1000.0, vivo, hijos, con, viudez, orf, orf2) <= 1000.0


# -- kernel == calculator ---------------------------------------------------------------------------
_TP = {}


def _tp():
    if not _TP:
        _TP["v"] = preparar(pensiones.rules.load(), Procesos(), 2025, 2070)
    return _TP["v"]


@settings(deadline=None, max_examples=40)
@given(st.floats(0.0, 6000.0), st.integers(2025, 2070))
def test_kernel_survivors_base_equals_calculator(promedio, anio):
    T, P = _tp()
    got = python_twin(base_sobrevivientes_ley97)(promedio, anio - 2025, T, P)
    assert got == base_sobrevivientes_ley97(promedio, anio - 2025, T, P)
    assert got == ley97.pension_invalidez(promedio, anio)


def _registro(**campos) -> dict:
    base = {
        "sexo": "H", "anio_nacimiento": 1915, "anio_afiliacion": 1960.0, "semanas": 1500.0, "sbc_diario": 500.0,
        "saldo_rcv": 0.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 500.0, "salario_promedio_uma": 3.0,
        "cotizando": False, "peso": 10.0, "modalidad": 4, "pension_mensual": 10_000.0, "complemento_fondo": 0.0,
        "anio_pension": 1980, "conyuge": True, "diferencia_edad_conyuge": -40, "hijos": 0, "diferencia_edad_hijos": 0,
    }
    base.update(campos)
    return base


def _run(rows, procesos=None, end=2030):
    sc = Scenario.default() if procesos is None else Scenario.default().with_reform({"procesos": procesos})
    return simulate(Population.from_frame(pd.DataFrame(rows)), sc, paths=1, seed=7, start=2025, end=end)


def test_ley73_pensioner_of_110_leaves_a_widow_paid_by_the_government():
    """A Ley 73 pensioner of 110 dies in 2025 (q(110) = 1); his widow of 70 gets 90 % from 2026, indexed."""
    r = _run([_registro()])
    infl = _tp()[0].factor_inflacion
    mensual_2026 = ley73.pension_viudez(10_000.0 * infl[0], 2026)  # the base, indexed in February 2026
    assert r.component("sobrevivientes_ley73")[0, 1] == pytest.approx(12 * mensual_2026 * 10.0, abs=0.01)
    assert r.component("sobrevivientes_ley73")[0, 0] == 0.0
    assert r.component("nuevas_pensiones_sobrevivientes")[0, 0] == 10.0
    assert r.component("pensionados_sobrevivientes")[0, 1] == 10.0
    assert r.component("poblacion_viva")[0, 1] == 0.0  # the widow is not a living record
    assert C.PAGADOR["sobrevivientes_ley73"] == "gobierno_federal"


def test_renta_vitalicia_survivors_are_the_insurers():
    r = _run([_registro(modalidad=1, anio_pension=2021)])
    infl = _tp()[0].factor_inflacion
    mensual = ley97.pensiones_sobrevivientes(10_000.0 * infl[0], 2026)
    assert r.component("sobrevivientes_renta_vitalicia")[0, 1] == pytest.approx(12 * mensual * 10.0, abs=0.01)
    assert r.component("sobrevivientes_ley73").sum() == 0.0
    assert C.PAGADOR["sobrevivientes_renta_vitalicia"] == "cuenta_individual"


def test_guaranteed_pension_survivors_balance_then_government():
    """Balance first (LSS art. 172), then the government: 200,000 pays 2025's 12 x 10,000 and part of 2026's 9,000s."""
    r = _run([_registro(modalidad=2, anio_pension=2021, saldo_rcv=200_000.0)])
    cuenta = r.component("pagos_pg_cuenta")[0, 1]
    gobierno = r.component("sobrevivientes_pg")[0, 1]
    infl = _tp()[0].factor_inflacion
    mensual = ley97.pensiones_sobrevivientes(10_000.0 * infl[0], 2026)
    assert cuenta + gobierno == pytest.approx(12 * mensual * 10.0, abs=0.05)
    assert cuenta > 0 and gobierno > 0
    # the balance does not go to the heirs at the death while survivors draw it
    assert r.component("retiros_fallecimiento")[0, 0] == 0.0


def test_orphans_stop_at_the_age_limit():
    """No spouse, two orphans: paid while under 25 (art. 134, while studying), nothing from 25 (the step's twin)."""
    from pensiones.engine.kernel import (
        BASE_SOBREVIVIENTES,
        N_ESTADO,
        SOBREVIVIENTES,
        SOBREVIVIENTES_LEY73,
        pagar_sobrevivientes,
    )
    from pensiones.engine.registros import Registros
    from pensiones.engine.rng import clave_py

    T, P = _tp()
    paso = python_twin(pagar_sobrevivientes)
    for edad_hijos, paga in ((24, True), (25, False)):
        estado = np.zeros(N_ESTADO)
        estado[SOBREVIVIENTES] = SOBREVIVIENTES_LEY73
        estado[BASE_SOBREVIVIENTES] = 10_000.0
        ledger = np.zeros((T.uma_diaria.shape[0], C.N_COMPONENTES), dtype=np.int64)
        error = np.zeros(3, dtype=np.int64)
        # the deceased would be 80 in 2030 (y = 5); the children are edad_hijos
        R = Registros(*(np.array([v]) for v in (
            0, 1950, 1970.0, 0.0, 300.0, 0.0, 0.0, 0.0, 0.0, False, 10.0, True,
            0, 0.0, 0.0, False, 0, 2, edad_hijos - 80, 0, 0, 0,
        )))
        sigue = paso(estado, R, 0, 5, 80, clave_py(7, 0, 0, 2030), 0.004, T, P, ledger[5], error)
        assert sigue is paga
        pagado = ledger[5, C.INDICE["sobrevivientes_ley73"]] / 100.0
        esperado = 12 * ley97.pensiones_sobrevivientes(10_000.0, 2030, ley="ley73", conyuge_vivo=False, hijos=2) * 10.0
        assert pagado == (esperado if paga else 0.0)
        assert ledger[5, C.INDICE["pensionados_sobrevivientes"]] == (2000 if paga else 0)
        # the orphans' part is every peso paid (no spouse)
        assert ledger[5, C.INDICE["pagos_orfandad"]] == ledger[5, C.INDICE["sobrevivientes_ley73"]]
        assert ledger[5, C.INDICE["pagos_viudez"]] == 0


def test_ley97_member_death_imss_buys_the_annuity(assert_accounts_balance):
    """An insured Ley 97 member contributing with 150+ weeks dies (q(110) = 1 is not reachable for a member:
    use a one-path run of many members and check the IMSS lines and the balance identity)."""
    pop = Population.synthetic(2000, seed=3)
    r = simulate(pop, paths=1, seed=11, start=2025, end=2032)
    c = r.componente
    assert (c("suma_asegurada_imss") >= 0).all() and c("suma_asegurada_imss").sum() > 0
    assert c("saldo_rentas_imss").sum() > 0 and c("sobrevivientes_imss")[0, 1:].sum() > 0
    assert C.PAGADOR["suma_asegurada_imss"] == "imss"  # J002: the IMSS pays the suma asegurada
    assert C.PAGADOR["sobrevivientes_imss"] == "cuenta_individual"  # the insurer pays the annuity
    # conservation of the accounts with the balance applied to the IMSS annuities
    assert_accounts_balance(r, len(pop))
    # the federal survivors' pensions are in the fiscal cost
    fc = r.fiscal_cost()
    assert {"sobrevivientes_ley73", "sobrevivientes_pg"} <= set(fc.component)


# -- the switch --------------------------------------------------------------------------------------
def test_switch_off_pays_no_survivors():
    r = _run([_registro(), _registro(modalidad=1, anio_pension=2021)], procesos={"sobrevivientes": False})
    for name in ("sobrevivientes_ley73", "sobrevivientes_pg", "sobrevivientes_renta_vitalicia", "sobrevivientes_imss",
                 "suma_asegurada_imss", "saldo_rentas_imss", "pensionados_sobrevivientes",
                 "nuevas_pensiones_sobrevivientes"):
        assert r.component(name).sum() == 0.0, name


def test_without_family_the_switch_changes_nothing():
    """Records without spouse or children leave no survivors: the switch is a null, bit for bit."""
    pop = Population.synthetic(800, seed=21)
    frame = pop.to_frame()
    frame["conyuge"] = False
    frame["diferencia_edad_conyuge"] = 0
    sin_familia = Population.from_frame(frame)
    a = simulate(sin_familia, paths=2, seed=4, start=2025, end=2040)
    b = simulate(
        sin_familia, Scenario.default().with_reform({"procesos": {"sobrevivientes": False}}),
        paths=2, seed=4, start=2025, end=2040,
    )
    assert np.array_equal(a.ledger_array, b.ledger_array)


def test_twin_equals_kernel_with_survivors():
    rows = [_registro(), _registro(modalidad=2, anio_pension=2021, saldo_rcv=80_000.0, sexo="M"),
            _registro(modalidad=1, anio_pension=2022, hijos=2, diferencia_edad_hijos=-60)]
    # the hand-made records have no last year of contributions (0: not known)
    pop = pd.concat([pd.DataFrame(rows).assign(anio_ultima_cotizacion=0), Population.synthetic(120, seed=2).to_frame()],
                    ignore_index=True)
    pop = Population.from_frame(pop)
    a = simulate(pop, paths=2, seed=9, start=2025, end=2060, outcomes=True)
    b = simulate(pop, paths=2, seed=9, start=2025, end=2060, outcomes=True, backend="python")
    assert np.array_equal(a.ledger_array, b.ledger_array)
    assert a.component("pensionados_sobrevivientes").sum() > 0


def test_the_spouses_and_the_orphans_parts_are_in_proportion_to_their_shares():
    """A widow and two orphans (shares 0.9 + 2 x 0.2 = 1.3 > 1, art. 144: reduced in proportion): the
    widow's part of the whole pension paid is 0.9 / 1.3, the orphans' 0.4 / 1.3."""
    from pensiones.engine.kernel import (
        BASE_SOBREVIVIENTES, CONYUGE_VIVO, N_ESTADO, SOBREVIVIENTES, SOBREVIVIENTES_LEY73, pagar_sobrevivientes,
    )
    from pensiones.engine.registros import Registros
    from pensiones.engine.rng import clave_py

    T, P = _tp()
    estado = np.zeros(N_ESTADO)
    estado[SOBREVIVIENTES] = SOBREVIVIENTES_LEY73
    estado[BASE_SOBREVIVIENTES] = 10_000.0
    estado[CONYUGE_VIVO] = 1.0
    ledger = np.zeros((T.uma_diaria.shape[0], C.N_COMPONENTES), dtype=np.int64)
    error = np.zeros(3, dtype=np.int64)
    R = Registros(*(np.array([v]) for v in (
        0, 1950, 1970.0, 0.0, 300.0, 0.0, 0.0, 0.0, 0.0, False, 1.0, True,
        0, 0.0, 0.0, True, -3, 2, -60, 0, 0, 0,
    )))
    python_twin(pagar_sobrevivientes)(estado, R, 0, 5, 80, clave_py(7, 0, 0, 2030), 0.004, T, P, ledger[5], error)
    viudez, orfandad = ledger[5, C.INDICE["pagos_viudez"]] / 100.0, ledger[5, C.INDICE["pagos_orfandad"]] / 100.0
    total = ledger[5, C.INDICE["sobrevivientes_ley73"]] / 100.0
    assert total == pytest.approx(12 * 10_000.0)  # capped at the whole pension
    assert viudez == pytest.approx(total * 0.9 / 1.3, abs=0.01) and viudez + orfandad == pytest.approx(total, abs=0.01)
