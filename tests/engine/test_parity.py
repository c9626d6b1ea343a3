"""One law, one source: the engine and the calculators agree under reforms, and a reform dated in
the horizon changes the engine from its year on and nothing before."""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import Population, Procesos, Scenario, garantizada, ley73, ley97, simulate
from pensiones.engine import componentes as C
from pensiones.engine.resolve import TABLAS_LEIDAS

START, END = 2025, 2045
POP = Population.synthetic(1500, seed=11)


@pytest.fixture(scope="module")
def base():
    return simulate(POP, paths=2, seed=5, start=START, end=END)


#: One overlay per table the engine reads, dated 2035 (table, overlay, scenario changes).
_Y = 2035
OVERLAYS = {
    "uma": ({"factor": 1.3}, {}),
    "salario_minimo": ({"factor": 1.4, "donde": {"zona": "general"}}, {}),
    "tope_sbc": ({"valor": 5.0}, {}),
    "inpc": ({"factor": 1.1}, {}),
    "comision_afore": ({"valor": 0.02, "donde": {"concepto": "tope"}}, {}),
    "tasa_retiro": ({"valor": 0.04}, {}),
    "tasa_trabajador_ceav": ({"valor": 0.03}, {}),
    "aportacion_estatal_ceav": ({"valor": 0.10}, {}),
    "semanas_minimas": ({"valor": 1250}, {}),
    "tasa_patronal_ceav": ({"factor": 1.2}, {}),
    "cuota_social": ({"factor": 2.0}, {}),
    "pension_garantizada": ({"factor": 1.5}, {}),
    "pension_garantizada_columnas": ({"factor": 1.2}, {}),
    "pension_garantizada_1997": ({"factor": 2.0}, {"regimen": "lss1997"}),
    "ley73_art167": ({"factor": 1.2, "columna": "cuantia_basica"}, {}),
    "ley73_cesantia": ({"factor": 0.8}, {}),
    "ley73_requisitos": ({"valor": 1500, "donde": {"concepto": "semanas_minimas"}}, {}),
    "ley73_asignaciones": ({"valor": 0.5, "donde": {"concepto": "esposa"}}, {}),
    "ley73_incremento_decreto": ({"valor": 0.5}, {}),
    "ley73_pension_minima": ({"factor": 2.0}, {}),
    "fondo_bienestar_umbral": ({"factor": 2.0}, {}),
    "pbam": ({"factor": 2.0}, {}),
    "pension_mujeres_bienestar": ({"factor": 2.0}, {}),
    "mortalidad_emssa09": ({"factor": 0.3}, {}),
    "mortalidad_emssa97": ({"factor": 0.3}, {"procesos": {"tabla_mortalidad": "emssa97"}}),
    "ley97_edades": ({"valor": 63, "donde": {"concepto": "cesantia"}}, {}),
    "sbc_promedio_imss": ({"factor": 2.0}, {}),  # a price or wage index: at most +200 % in a year
    "sobrevivientes": ({"valor": 0.5, "donde": {"ley": "ley73", "concepto": "viudez"}}, {}),
    "tasa_tecnica": ({"valor": 0.06}, {}),
    "aportacion_vivienda": ({"valor": 0.08}, {}),  # the vivienda subaccount (ledger flow aportaciones_vivienda)
    "fondo_bienestar_edad": ({"valor": 60}, {}),
    "fondo_bienestar_tope_complemento": ({"valor": 0.1}, {}),
    # read only with voluntary saving (the match multiplies it), and a cap set from the start
    "pareo_ahorro_voluntario": (
        {"valor": 1.0, "columna": "tasa"},
        {"procesos": {"proporcion_ahorro_voluntario": 0.5, "tasa_ahorro_voluntario": 0.02},
         "reformas": [{"tabla": "pareo_ahorro_voluntario", "desde": "2025-01-01", "valor": 1.0, "columna": "tope"}]},
    ),
}


def test_every_table_the_engine_reads_has_an_overlay_check():
    assert set(OVERLAYS) == set(TABLAS_LEIDAS)


def _scenario(changes: dict) -> Scenario:
    sc = Scenario.default()
    if "regimen" in changes:
        sc = Scenario.load("sin_reforma")
    if "procesos" in changes:
        sc = sc.with_reform({"procesos": changes["procesos"]}, name=sc.name)
    if "reformas" in changes:
        sc = sc.with_reform({"reformas": changes["reformas"]}, name=sc.name)
    return sc


@pytest.mark.parametrize("tabla", sorted(OVERLAYS))
def test_an_overlay_changes_the_engine_from_its_year_on_and_nothing_before(tabla):
    overlay, changes = OVERLAYS[tabla]
    sc = _scenario(changes)
    # the sbc_promedio_imss table is read at December 2025 only: the overlay starts there
    desde = "2025-12-01" if tabla == "sbc_promedio_imss" else f"{_Y}-01-01"
    year = 2025 if tabla == "sbc_promedio_imss" else _Y
    reform = sc.with_reform({"tabla": tabla, "desde": desde, **overlay})
    a = simulate(POP, sc, paths=2, seed=5, start=START, end=END)
    b = simulate(POP, reform, paths=2, seed=5, start=START, end=END)
    k = year - START
    assert np.array_equal(a.ledger_array[:, :k], b.ledger_array[:, :k]), f"{tabla}: changed before {year}"
    changed = not np.array_equal(a.ledger_array[:, k:], b.ledger_array[:, k:])
    if tabla in ("pbam", "pension_mujeres_bienestar"):
        # population-wide programmes: the fiscal cost of the whole population moves too
        changed = changed and not np.array_equal(
            a.yearly[tabla.replace("pension_", "")].to_numpy()[k:],
            b.yearly[tabla.replace("pension_", "")].to_numpy()[k:],
        )
    assert changed, f"{tabla}: an overlay from {year} changed nothing"


# -- parity under reforms: each simulated person's modality, pension and complement equal the calculators' --
NO_COTIZA = Procesos(
    p_entrada=np.zeros((2, 4, 3)),
    p_permanencia=np.zeros((2, 4, 3)),
    volatilidad_salarial=0.0,
    curvatura_edad=0.0,
    crecimiento_real_salarial=0.0,
    rendimiento_real_volatilidad=0.0,
    rendimiento_real_medio=0.03,
    mortalidad=False,
    preferencia_ley73=0.0,  # the calculators' choice: the larger first pension (eleccion_regimen)
    # claim as soon as the law allows (the oracle's rule): probability 1 at 60-64, no waiting for the Fondo
    probabilidad_cesantia=[1.0] * 5,
    espera_fondo=0.0,
    reingreso_ley73=0.0,  # the law alone: lapsed Ley 73 rights stay lapsed (the oracle's rule)
)

#: Reforms the hypothesis draws: (table, donde, columna, kind, low, high).
REFORMAS = (
    ("semanas_minimas", {}, "value", "valor", 500, 1500),
    ("pension_garantizada", {}, "value", "factor", 0.5, 2.0),
    ("pension_garantizada_columnas", {"columna": 10}, "value", "valor", 1000, 1600),
    ("ley73_art167", {}, "cuantia_basica", "factor", 0.5, 1.25),
    ("ley73_art167", {}, "incremento_anual", "factor", 0.5, 1.5),
    ("ley73_incremento_decreto", {}, "value", "valor", 0.0, 0.5),
    ("ley73_pension_minima", {}, "value", "factor", 0.5, 2.0),
    ("ley73_cesantia", {}, "value", "factor", 0.5, 1.0),
    ("ley73_asignaciones", {"concepto": "esposa"}, "value", "valor", 0.0, 0.5),
    ("ley73_requisitos", {"concepto": "semanas_minimas"}, "value", "valor", 300, 1200),
    ("fondo_bienestar_umbral", {}, "value", "factor", 0.3, 3.0),
    ("uma", {}, "value", "factor", 0.8, 1.5),
    ("tope_sbc", {}, "value", "valor", 5.0, 25.0),
    ("ley97_edades", {"concepto": "cesantia"}, "value", "valor", 60, 64),
    # the annuity's price reads the same tables the engine pays survivors from (issue 18, item 3)
    ("sobrevivientes", {"ley": "ley97", "concepto": "viudez"}, "value", "valor", 0.5, 1.0),
    ("tasa_tecnica", {}, "value", "valor", 0.0, 0.06),
    # the Fondo's age and cap by grant year (issue #24)
    ("fondo_bienestar_edad", {}, "value", "valor", 60, 65),
    ("fondo_bienestar_tope_complemento", {}, "value", "valor", 0.0, 1.0),
)


@st.composite
def reformas(draw):
    tabla, donde, columna, kind, low, high = draw(st.sampled_from(REFORMAS))
    desde = dt.date(draw(st.integers(2025, 2044)), draw(st.sampled_from([1, 2, 7])), 1)
    x = draw(st.floats(low, high, allow_nan=False))
    if tabla in ("semanas_minimas", "ley73_requisitos", "ley97_edades", "pension_garantizada_columnas",
                 "fondo_bienestar_edad"):
        x = float(round(x))
    overlay = {"tabla": tabla, "desde": desde.isoformat(), kind: x, "donde": donde, "columna": columna}
    if not draw(st.integers(0, 2)):
        # the RCV rules in minimum wages from a drawn month (Criterios.unidad_de_cuenta_rcv, issue #24)
        mes = f"{draw(st.integers(2025, 2044))}-{draw(st.integers(1, 12)):02d}"
        return {"reformas": [overlay],
                "criterios": {"unidad_de_cuenta_rcv": "salario_minimo", "unidad_de_cuenta_rcv_desde": mes}}
    return overlay


@st.composite
def personas(draw):
    transicion = draw(st.booleans())
    nac = draw(st.integers(1962, 1984))
    afil = draw(st.floats(1980.0, 1997.0)) if transicion else draw(st.floats(1998.0, 2020.0))
    afil = max(afil, nac + 16.0)
    if not transicion:
        afil = max(afil, 1998.0)
    return {
        "sexo": draw(st.sampled_from(["H", "M"])),
        "anio_nacimiento": nac,
        "anio_afiliacion": afil,
        "semanas": draw(st.floats(300.0, min(2200.0, (2025 - nac - 15) * 365.25 / 7))),
        "sbc_diario": draw(st.floats(300.0, 3000.0)),
        "saldo_rcv": draw(st.floats(0.0, 4e6)),
        "saldo_vivienda": 0.0,
        "promedio_250_ley73": draw(st.floats(150.0, 3000.0)) if transicion else 0.0,
        "salario_promedio_uma": draw(st.floats(0.5, 24.0)),
        "cotizando": False,
        "peso": 1.0,
        **draw(familias()),
    }


@st.composite
def familias(draw):
    """The family the seguro de sobrevivencia covers (LSS art. 159 fr. VI): none half of the time."""
    conyuge = draw(st.booleans())
    hijos = draw(st.integers(0, 3)) if draw(st.booleans()) else 0
    return {
        "conyuge": conyuge,
        "diferencia_edad_conyuge": draw(st.integers(-20, 20)) if conyuge else 0,
        "hijos": hijos,
        "diferencia_edad_hijos": draw(st.integers(-55, -35)) if hijos else 0,
    }


def _familia(persona: dict, edad: int) -> dict:
    """The calculator's family arguments at age ``edad``."""
    out = {}
    if persona.get("conyuge"):
        out["conyuge_edad"] = edad + persona["diferencia_edad_conyuge"]
    if persona.get("hijos"):
        out["hijos"] = persona["hijos"]
        out["edad_hijos"] = edad + persona["diferencia_edad_hijos"]
    return out


def _oraculo(persona: dict, rs, saldos: np.ndarray, cesantia: bool):
    """What the calculators say: first year of retirement, modality, pension and complement (Ley 73 only
    while ``ley73.conservacion_derechos`` keeps the rights).

    Behaviour of ``NO_COTIZA``: never contributing, so with ``cesantia`` the person retires as soon as
    the law allows (Ley 97 from its cesantía age, Ley 73 from its own); otherwise at 65.
    """
    transicion = persona["anio_afiliacion"] < 1997.0 + 181.0 / 365.0
    semanas = persona["semanas"]
    for t in range(START, END + 1):
        edad = t - persona["anio_nacimiento"]
        fecha = dt.date(t, 2, 1)
        e97 = ley97.edad_cesantia(t, reglas=rs)
        e73 = float(rs.value("ley73_requisitos", fecha, concepto="edad_cesantia"))
        if edad < (min(e97, e73) if transicion else e97):
            continue
        elig97 = semanas >= ley97.semanas_minimas(t, reglas=rs) and edad >= e97
        # LSS 1973 art. 182: the rights last from the baja (not known: the end of the year before the start)
        vigentes = ley73.conservacion_derechos(semanas, dt.date(START - 1, 12, 31)) >= dt.date(t, 1, 1)
        elig73 = (transicion and semanas >= float(rs.value("ley73_requisitos", fecha, concepto="semanas_minimas"))
                  and edad >= e73 and vigentes)
        if not (edad >= 65 or (cesantia and (elig97 or elig73))):
            continue
        saldo = saldos[t - START]
        rv = pg = m73 = 0.0
        if elig97:
            rv = ley97.renta_vitalicia(saldo, edad, persona["sexo"], **_familia(persona, edad), anio=t, reglas=rs)
            pg = garantizada.monto_mensual(edad, semanas, persona["salario_promedio_uma"], t, reglas=rs)
        if elig73:
            m73 = ley73.pension(persona["promedio_250_ley73"], semanas, edad, t, esposa=True, reglas=rs).mensual
        if elig73 and m73 >= max(rv, pg):
            return t, C.LEY73, m73, 0.0
        if not elig97:
            return t, C.NEGATIVA, 0.0, 0.0
        modalidad, pension = (C.RENTA_VITALICIA, rv) if rv >= pg else (C.PENSION_GARANTIZADA, pg)
        comp = 0.0
        if not transicion:
            comp = ley97.complemento_fondo_bienestar(pension, persona["sbc_diario"] * 30.4, edad, t, reglas=rs)
        return t, modalidad, pension, comp
    return None


@settings(max_examples=40, deadline=None)
@given(personas(), reformas(), st.booleans())
def test_engine_equals_calculators_under_reforms(persona, reforma, cesantia):
    # without cesantía claims everyone retires at 65 or later, where the Fondo complement applies
    procesos = NO_COTIZA if cesantia else attrs.evolve(NO_COTIZA, retiro_cesantia=False)
    # the oracle keeps the Ley 73 rights as the engine's default reading does (art. 182, no return to work)
    sc = Scenario(procesos=procesos).with_reform(reforma)
    pop = Population.from_frame(pd.DataFrame([persona]))
    r = simulate(pop, sc, paths=1, seed=3, start=START, end=END, outcomes=True)
    out = r.person_outcomes().iloc[0]
    expected = _oraculo(persona, sc.rules(), r.component("saldo_inicial")[0], cesantia)
    if expected is None:
        assert out.modalidad == C.ACTIVO
        return
    t, modalidad, pension, comp = expected
    assert (out.anio_retiro, out.modalidad) == (t, modalidad)
    tol = 0.011 if modalidad == C.RENTA_VITALICIA else 0.0  # the ledger's opening balance is in centavos
    assert out.pension_mensual == pytest.approx(pension, abs=tol)
    assert out.complemento_fondo == pytest.approx(comp, abs=tol)
    event(f"complemento {'> 0' if comp > 0 else '0'}")
    event(
        f"family: {'spouse' if persona['conyuge'] else 'no spouse'}, "
        f"{'children' if persona['hijos'] else 'no children'}"
    )


def test_engine_equals_calculators_with_a_fondo_complement():
    """A Ley 97 member of 65 with a small balance, a guaranteed pension and a high last salary."""
    persona = {
        "sexo": "H", "anio_nacimiento": 1962, "anio_afiliacion": 1998.0, "semanas": 1100.0, "sbc_diario": 700.0,
        "saldo_rcv": 150_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 0.0, "salario_promedio_uma": 4.5,
        "cotizando": False, "peso": 1.0,
    }
    procesos = attrs.evolve(NO_COTIZA, retiro_cesantia=False)
    sc = Scenario(procesos=procesos).with_reform(
        {"tabla": "fondo_bienestar_umbral", "desde": "2026-01-01", "factor": 1.2}
    )
    r = simulate(
        Population.from_frame(pd.DataFrame([persona])), sc, paths=1, seed=3, start=START, end=END, outcomes=True
    )
    out = r.person_outcomes().iloc[0]
    t, modalidad, pension, comp = _oraculo(persona, sc.rules(), r.component("saldo_inicial")[0], False)
    assert (out.anio_retiro, out.modalidad) == (2027, modalidad) == (2027, C.PENSION_GARANTIZADA)
    assert comp > 0 and out.complemento_fondo == comp and out.pension_mensual == pension


@pytest.mark.parametrize("cambios, edad_retiro", [
    # the Art. 170 band in minimum wages (4.5 UMA is below two minimum wages) and its update
    ({"criterios": {"unidad_de_cuenta_rcv": "salario_minimo", "unidad_de_cuenta_rcv_desde": "2026-01"}}, 65),
    # the complement from 60 and capped at 30 % of the threshold: a cesantía pension at 60 gets it
    ({"reformas": [{"tabla": "fondo_bienestar_edad", "desde": "2026-01-01", "valor": 60},
                   {"tabla": "fondo_bienestar_tope_complemento", "desde": "2026-01-01", "valor": 0.3}]}, 60),
])
def test_engine_equals_calculators_under_the_debated_reforms(cambios, edad_retiro):
    """Issue #24: a Ley 97 member with a guaranteed pension under the RCV rules in minimum wages, and one who
    claims cesantía at 60 under the Fondo variants: modality, pension and complement are the calculators'."""
    persona = {
        "sexo": "H", "anio_nacimiento": 2027 - edad_retiro, "anio_afiliacion": 1998.0, "semanas": 1100.0,
        "sbc_diario": 700.0, "saldo_rcv": 150_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 0.0,
        "salario_promedio_uma": 4.5, "cotizando": False, "peso": 1.0,
    }
    cesantia = edad_retiro < 65  # at 65 nobody claims before: the member is 63 in 2025
    sc = Scenario(procesos=attrs.evolve(NO_COTIZA, retiro_cesantia=cesantia)).with_reform(cambios)
    r = simulate(
        Population.from_frame(pd.DataFrame([persona])), sc, paths=1, seed=3, start=START, end=END, outcomes=True
    )
    out = r.person_outcomes().iloc[0]
    t, modalidad, pension, comp = _oraculo(persona, sc.rules(), r.component("saldo_inicial")[0], cesantia)
    assert (out.anio_retiro, out.modalidad) == (t, modalidad) == (2027, C.PENSION_GARANTIZADA)
    assert out.pension_mensual == pension and out.complemento_fondo == comp
    ley = _oraculo(persona, pensiones.rules.load(), r.component("saldo_inicial")[0], cesantia)
    assert (pension, comp) != ley[2:]  # the reform changed the pension or the complement
    if edad_retiro == 60:
        assert 0 < comp <= 0.3 * ley97.umbral_fondo_bienestar(2027, reglas=sc.rules()) + 0.005


@pytest.mark.parametrize("reforma", [
    {"tabla": "semanas_minimas", "desde": "2027-01-01", "factor": 1.0},
    {"tabla": "tasa_patronal_ceav", "desde": "2026-01-01", "factor": 1.0},
    {"tabla": "pension_garantizada", "desde": "2030-01-01", "factor": 1.0},
    {"tabla": "uma", "desde": "2030-01-01", "factor": 1.0},
])
def test_factor_one_is_an_exact_null_reform(base, reforma):
    r = simulate(POP, Scenario.default().with_reform(reforma), paths=2, seed=5, start=START, end=END)
    assert np.array_equal(r.ledger_array, base.ledger_array)
    d = pensiones.compare(base, r)
    assert (d["value"] == 0).all()


@pytest.mark.parametrize("familia", [
    {},
    {"conyuge": True, "diferencia_edad_conyuge": -3, "hijos": 0, "diferencia_edad_hijos": 0},
    {"conyuge": True, "diferencia_edad_conyuge": -15, "hijos": 2, "diferencia_edad_hijos": -45},
    {"conyuge": False, "diferencia_edad_conyuge": 0, "hijos": 1, "diferencia_edad_hijos": -50},
])
def test_engine_prices_the_family_like_the_calculator(familia):
    """A Ley 97 member of 65 whose balance buys a renta vitalicia, with and without a family (LSS art. 159 fr. VI)."""
    persona = {
        "sexo": "H", "anio_nacimiento": 1962, "anio_afiliacion": 1998.0, "semanas": 1500.0, "sbc_diario": 900.0,
        "saldo_rcv": 3_000_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 0.0, "salario_promedio_uma": 4.5,
        "cotizando": False, "peso": 1.0, **familia,
    }
    sc = Scenario(procesos=attrs.evolve(NO_COTIZA, retiro_cesantia=False))
    r = simulate(
        Population.from_frame(pd.DataFrame([persona])), sc, paths=1, seed=3, start=START, end=END, outcomes=True
    )
    out = r.person_outcomes().iloc[0]
    saldos = r.component("saldo_inicial")[0]
    t, modalidad, pension, _ = _oraculo(persona, sc.rules(), saldos, False)
    assert (out.anio_retiro, out.modalidad) == (2027, modalidad) == (2027, C.RENTA_VITALICIA)
    assert out.pension_mensual == pytest.approx(pension, abs=0.011)
    sola = ley97.renta_vitalicia(saldos[t - START], 65, "H")
    assert (pension < sola) if familia.get("conyuge") or familia.get("hijos") else (pension == sola)


def test_preference_for_ley73_keeps_the_transition_generation_in_ley73():
    """Procesos.preferencia_ley73 = 1: a transition worker whom Ley 97 would pay more still takes Ley 73;
    = 0: the calculators' choice (the guaranteed pension here)."""
    persona = {
        "sexo": "H", "anio_nacimiento": 1962, "anio_afiliacion": 1980.0, "semanas": 1300.0, "sbc_diario": 300.0,
        "saldo_rcv": 0.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 120.0, "salario_promedio_uma": 5.0,
        "cotizando": False, "peso": 1.0,
    }
    pop = Population.from_frame(pd.DataFrame([persona]))
    modalidades = {}
    for pref in (0.0, 1.0):
        sc = Scenario(procesos=attrs.evolve(NO_COTIZA, preferencia_ley73=pref))
        out = simulate(pop, sc, paths=1, seed=3, start=START, end=END, outcomes=True).person_outcomes().iloc[0]
        modalidades[pref] = int(out.modalidad)
    assert modalidades == {0.0: C.PENSION_GARANTIZADA, 1.0: C.LEY73}
