"""The seguro de sobrevivencia in the Ley 97 renta vitalicia (LSS arts. 131, 134-135, 144, 159 fr. VI).

Hand-computed cases on a toy mortality table, the single-life null case, properties (a family
never raises the pension; a younger spouse costs more), the issue's example, and the population's
family columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pensiones import Population, ley97
from pensiones._jit import python_twin
from pensiones.engine.synthetic import familia_sintetica
from pensiones.ley97.decumulacion import factor_anualidad
from pensiones.ley97.formula import anualidad_sobrevivientes, renta_mensual
from pensiones.rules import load

from tests.strategies import saldos, sexos, tasas_tecnicas

# a toy table: ages 0..3, closed with q(3) = 1
Q_TITULAR = np.array([0.0, 0.5, 0.5, 1.0])
Q_CONYUGE = np.array([0.2, 0.5, 1.0, 1.0])
V = 1.0 / 1.1


@pytest.mark.parametrize("formula", [anualidad_sobrevivientes, python_twin(anualidad_sobrevivientes)])
def test_reversionary_annuity_by_hand(formula):
    # pensioner 1, spouse 0, 10 %: k = 1: 1p_x = 0.5, 1p_y = 0.8; k = 2: 0.25, 0.4; k = 3: both dead
    # 0.9 x [v (1 - 0.5) 0.8 + v^2 (1 - 0.25) 0.4] = 0.9 x (ä_y - ä_xy)
    esperado = 0.9 * (V * 0.5 * 0.8 + V**2 * 0.75 * 0.4)
    a_y = 1 + 0.8 * V + 0.4 * V**2
    a_xy = 1 + 0.4 * V + 0.1 * V**2
    assert esperado == pytest.approx(0.9 * (a_y - a_xy), rel=1e-15)
    valor = formula(Q_TITULAR, 1, Q_CONYUGE, 0, 0, 0, 0.1, 0.9, 0.2, 0.3, 25)
    assert valor == pytest.approx(esperado, rel=1e-14)
    assert valor == pytest.approx(0.36 / 1.1 + 0.27 / 1.21, rel=1e-14)


def test_spouse_and_children_by_hand_with_the_art_144_cap():
    # two children of 0, limit 2: paid at k = 1 only (aged 1).  Spouse alive: min(1, 0.9 + 2 x 0.2) = 1
    # (art. 144); spouse dead: 2 x 0.3 (orphans of both parents, art. 135)
    k1 = V * 0.5 * (0.8 * 1.0 + 0.2 * 0.6)
    k2 = V**2 * 0.75 * 0.4 * 0.9
    assert anualidad_sobrevivientes(Q_TITULAR, 1, Q_CONYUGE, 0, 2, 0, 0.1, 0.9, 0.2, 0.3, 2) == pytest.approx(
        k1 + k2, rel=1e-14
    )


def test_children_without_spouse_by_hand():
    # one child of 0, limit 3: 20 % at k = 1 and k = 2 (aged 1 and 2), nothing from age 3
    esperado = V * 0.5 * 0.2 + V**2 * 0.75 * 0.2
    assert anualidad_sobrevivientes(Q_TITULAR, 1, Q_CONYUGE, -1, 1, 0, 0.1, 0.9, 0.2, 0.3, 3) == pytest.approx(
        esperado, rel=1e-14
    )
    assert anualidad_sobrevivientes(Q_TITULAR, 1, Q_CONYUGE, -1, 0, 0, 0.1, 0.9, 0.2, 0.3, 25) == 0.0


def test_single_life_is_exactly_todays_renta_vitalicia():
    for edad, sexo in ((60, "H"), (65, "M"), (80, "H")):
        antes = renta_mensual(1_234_567.0, factor_anualidad(edad, sexo), 0.0)
        assert ley97.renta_vitalicia(1_234_567.0, edad, sexo) == antes
        assert ley97.renta_vitalicia(1_234_567.0, edad, sexo, prima_sobrevivencia=0.0) == antes
        assert ley97.factor_sobrevivencia(edad, sexo) == 0.0
        assert ley97.prima_sobrevivencia_conjunta(edad, sexo) == 0.0


def test_issue_example_man_65_wife_62():
    """Issue #13: the joint premium for a married man of 65 with a wife of 62 is "about a fifth" of the balance."""
    prima = ley97.prima_sobrevivencia_conjunta(65, "H", conyuge_edad=62)
    assert prima == pytest.approx(0.2124, abs=5e-5)  # EMSSA-09, 3.5 %: 21.2 %
    sola = ley97.renta_vitalicia(1_000_000, 65, "H")
    conjunta = ley97.renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62)
    assert conjunta == pytest.approx(sola * (1 - prima), abs=0.01)
    assert sola / conjunta - 1 == pytest.approx(0.27, abs=0.005)  # the single-life figure overstates it by 27 %


def test_the_spouse_is_priced_on_the_other_sex_unless_told():
    a = ley97.factor_sobrevivencia(65, "H", conyuge_edad=62)
    assert a == ley97.factor_sobrevivencia(65, "H", conyuge_edad=62, conyuge_sexo="M")
    assert ley97.factor_sobrevivencia(65, "H", conyuge_edad=62, conyuge_sexo="H") < a  # men die sooner


@settings(max_examples=60, deadline=None)
@given(
    saldo=saldos,
    edad=st.integers(60, 100),
    sexo=sexos,
    gap=st.integers(-30, 30),
    hijos=st.integers(0, 4),
    edad_hijos=st.integers(0, 30),
    tasa=tasas_tecnicas,
)
def test_a_family_never_raises_the_pension_and_a_younger_spouse_costs_more(
    saldo, edad, sexo, gap, hijos, edad_hijos, tasa
):
    y = min(edad + gap, 110)
    fam = {"hijos": hijos, "edad_hijos": edad_hijos if hijos else None, "tasa_tecnica": tasa}
    sola = ley97.renta_vitalicia(saldo, edad, sexo, tasa_tecnica=tasa)
    con_hijos = ley97.renta_vitalicia(saldo, edad, sexo, **fam)
    con_conyuge = ley97.renta_vitalicia(saldo, edad, sexo, conyuge_edad=y, **fam)
    assert con_conyuge <= con_hijos <= sola
    mas_joven = ley97.renta_vitalicia(saldo, edad, sexo, conyuge_edad=max(y - 5, 0), **fam)
    assert mas_joven <= con_conyuge
    f = ley97.factor_sobrevivencia(edad, sexo, conyuge_edad=y, tasa_tecnica=tasa)
    assert f <= ley97.factor_sobrevivencia(edad, sexo, conyuge_edad=max(y - 5, 0), tasa_tecnica=tasa)
    # the survivors never get more than the widow's 90 % of a life annuity on the spouse
    assert f <= 0.9 * factor_anualidad(y, "M" if sexo == "H" else "H", tasa_tecnica=tasa) + 1e-12
    p = ley97.prima_sobrevivencia_conjunta(edad, sexo, conyuge_edad=y, **fam)
    assert 0.0 <= p < 1.0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"conyuge_edad": 62, "prima_sobrevivencia": 0.1}, "not both"),
        ({"hijos": 2}, "edad_hijos"),
        ({"edad_hijos": 10}, "edad_hijos needs hijos"),
        ({"conyuge_edad": 120}, "conyuge_edad"),
        ({"hijos": 21, "edad_hijos": 3}, "hijos"),
        ({"conyuge_sexo": "M"}, "conyuge_sexo needs conyuge_edad"),
        ({"conyuge_edad": 62, "proporcion_viudez": 1.5}, "proporcion_viudez"),
    ],
)
def test_bad_family_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ley97.renta_vitalicia(1e6, 65, "H", **kwargs)


def test_orphan_age_limit_is_a_parameter():
    args = (1e6, 65, "H")
    a16 = ley97.renta_vitalicia(*args, hijos=1, edad_hijos=10, edad_limite_orfandad=16)
    a25 = ley97.renta_vitalicia(*args, hijos=1, edad_hijos=10)
    assert a25 < a16 < ley97.renta_vitalicia(*args)
    assert ley97.renta_vitalicia(*args, hijos=1, edad_hijos=25) == ley97.renta_vitalicia(*args)


# -- the population's family -------------------------------------------------------------------------
def _fila(**familia):
    row = {
        "sexo": "H", "anio_nacimiento": 1962, "anio_afiliacion": 1998.0, "semanas": 1100.0, "sbc_diario": 700.0,
        "saldo_rcv": 150_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 0.0, "salario_promedio_uma": 4.5,
        "cotizando": False, "peso": 1.0,
    }
    row.update(familia)
    return row


def test_population_family_columns_round_trip_and_default_to_none():
    pop = Population.from_frame(pd.DataFrame([_fila()]))
    assert not pop.conyuge[0] and pop.hijos[0] == 0
    fam = {"conyuge": True, "diferencia_edad_conyuge": -3, "hijos": 1, "diferencia_edad_hijos": -40}
    pop = Population.from_frame(pd.DataFrame([_fila(**fam)]))
    back = pop.to_frame().iloc[0]
    assert {k: back[k] for k in fam} == fam


@pytest.mark.parametrize(
    "familia, message",
    [
        ({"conyuge": True}, "come together"),
        ({"conyuge": True, "diferencia_edad_conyuge": 45, "hijos": 0, "diferencia_edad_hijos": 0},
         r"diferencia_edad_conyuge' must be in \[-40, 40\]"),
        ({"conyuge": False, "diferencia_edad_conyuge": 3, "hijos": 0, "diferencia_edad_hijos": 0}, "without a spouse"),
        ({"conyuge": True, "diferencia_edad_conyuge": 2.5, "hijos": 0, "diferencia_edad_hijos": 0}, "whole numbers"),
        ({"conyuge": False, "diferencia_edad_conyuge": 0, "hijos": 2, "diferencia_edad_hijos": -5}, r"\[-60, -12\]"),
        ({"conyuge": False, "diferencia_edad_conyuge": 0, "hijos": -1, "diferencia_edad_hijos": 0}, "hijos"),
        ({"conyuge": "si", "diferencia_edad_conyuge": 0, "hijos": 0, "diferencia_edad_hijos": 0}, "True or False"),
    ],
)
def test_population_bad_family(familia, message):
    with pytest.raises(ValueError, match=message):
        Population.from_frame(pd.DataFrame([_fila(**familia)]))


def test_synthetic_family_follows_its_table():
    rs = load()
    mujer = np.arange(40_000) % 2 == 1
    fam = familia_sintetica(mujer, seed=4)
    for sexo, donde in (("H", ~mujer), ("M", mujer)):
        p = float(rs.value("familia_pension", "2020-03-15", sexo=sexo, concepto="en_pareja"))
        gap = float(rs.value("familia_pension", "2020-03-15", sexo=sexo, concepto="diferencia_edad_conyuge"))
        assert fam["conyuge"][donde].mean() == pytest.approx(p, abs=0.01)
        assert set(fam["diferencia_edad_conyuge"][donde & fam["conyuge"]]) == {gap}
    assert not fam["hijos"].any()
    # its own generator: the career columns do not depend on it
    a = Population.synthetic(300, seed=2)
    assert a.conyuge.any() and np.array_equal(a.diferencia_edad_conyuge != 0, a.conyuge)


def test_the_population_fingerprint_sees_the_family_and_adds_up_over_parts():
    from pensiones.simulation import huella, huella_parcial

    pop = Population.synthetic(400, seed=1)
    frame = pop.to_frame()
    frame["conyuge"] = False
    frame["diferencia_edad_conyuge"] = 0
    sin = Population.from_frame(frame)
    sin_columnas = Population.from_frame(
        frame.drop(columns=["conyuge", "diferencia_edad_conyuge", "hijos", "diferencia_edad_hijos"])
    )
    h = huella(huella_parcial(pop), len(pop))
    assert h != huella(huella_parcial(sin), len(sin)) == huella(huella_parcial(sin_columnas), len(sin))
    assert huella(huella_parcial(pop[:150]) + huella_parcial(pop[150:], 150), len(pop)) == h
