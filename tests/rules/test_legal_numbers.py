"""Every legal number once (issue 18, item 3).

The survivors' shares, the orphans' age limit, the Fondo Bienestar age and the technical rate live in
rule tables, read by the calculators and the engine alike: an overlay on ``sobrevivientes`` changes the
annuity's price and the survivors' payments together.  Calendar and limit constants live in
:mod:`pensiones.calendario` only; ``MODALIDADES`` means one vocabulary.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import Population, Procesos, Scenario, calendario, garantizada, ley97, simulate
from pensiones._jit import python_twin
from pensiones.engine import componentes as C
from pensiones.engine.kernel import factor_renta
from pensiones.engine.resolve import parametros, resolver
from pensiones.scenarios import Reforma

VIUDEZ_97 = {"ley": "ley97", "concepto": "viudez"}


def _reforma(tabla, desde="2030-01-01", **kw):
    return pensiones.rules.load().with_reforms([Reforma(tabla=tabla, desde=desde, **kw)])


# -- calculators ------------------------------------------------------------------------------------
def test_renta_vitalicia_prices_with_the_reformed_shares():
    reformed = _reforma("sobrevivientes", valor=1.0, donde=VIUDEZ_97)
    base = ley97.renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62)
    nueva = ley97.renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62, reglas=reformed)
    assert nueva < base
    assert nueva == ley97.renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62, proporcion_viudez=1.0)
    # dated: a grant before the overlay prices with the law's shares
    assert ley97.renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62, anio=2029, reglas=reformed) == base
    assert ley97.renta_vitalicia(1_000_000, 65, "H", conyuge_edad=62, anio=2030, reglas=reformed) == nueva
    # single life: no survivors, no change
    assert ley97.renta_vitalicia(1_000_000, 65, "H", reglas=reformed) == ley97.renta_vitalicia(1_000_000, 65, "H")
    prima = ley97.prima_sobrevivencia_conjunta
    assert prima(65, "H", conyuge_edad=62, reglas=reformed) > prima(65, "H", conyuge_edad=62)


@pytest.mark.parametrize("concepto, valor", [("orfandad", 0.4), ("orfandad_doble", 0.6), ("edad_limite_orfandad", 18)])
def test_orphans_shares_and_age_limit_come_from_the_table(concepto, valor):
    reformed = _reforma("sobrevivientes", valor=valor, donde={"ley": "ley97", "concepto": concepto})
    fam = {"hijos": 2, "edad_hijos": 10}
    if concepto == "orfandad_doble":  # the orphans of both parents: after the spouse's death (art. 135)
        fam["conyuge_edad"] = 38
    base = ley97.factor_sobrevivencia(40, "H", **fam)
    nuevo = ley97.factor_sobrevivencia(40, "H", reglas=reformed, **fam)
    assert nuevo != base
    assert (nuevo < base) == (concepto == "edad_limite_orfandad")


def test_technical_rate_comes_from_the_table():
    assert ley97.tasa_tecnica(2030) == 0.035
    reformed = _reforma("tasa_tecnica", valor=0.05)
    assert ley97.factor_anualidad(65, "H", reglas=reformed) == ley97.factor_anualidad(65, "H", tasa_tecnica=0.05)
    assert ley97.factor_anualidad(65, "H", anio=2029, reglas=reformed) == ley97.factor_anualidad(65, "H")
    assert ley97.renta_vitalicia(1e6, 65, "H", reglas=reformed) > ley97.renta_vitalicia(1e6, 65, "H")
    rp = ley97.retiro_programado(1e6, 65, "H", reglas=reformed)
    assert rp.pension_mensual.iloc[0] == ley97.renta_vitalicia(1e6, 65, "H", tasa_tecnica=0.05)
    r0 = garantizada.pension_ley97(3_000_000, 65, 1500, 3.0, "H", 2035)
    r1 = garantizada.pension_ley97(3_000_000, 65, 1500, 3.0, "H", 2035, reglas=reformed)
    assert r1.pension_cuenta_mensual > r0.pension_cuenta_mensual


def test_fondo_age_comes_from_the_table():
    assert ley97.fondo_bienestar.edad_fondo_bienestar(2030) == 65
    reformed = _reforma("fondo_bienestar_edad", valor=63)
    assert ley97.complemento_fondo_bienestar(8000.0, 15000.0, 64, 2031) == 0.0
    assert ley97.complemento_fondo_bienestar(8000.0, 15000.0, 64, 2031, reglas=reformed) > 0.0
    assert ley97.complemento_fondo_bienestar(8000.0, 15000.0, 64, 2029, reglas=reformed) == 0.0


def test_deprecated_constants_warn_and_give_the_table_values():
    for module, name, value in (
        (ley97, "TASA_TECNICA", 0.035),
        (ley97.decumulacion, "TASA_TECNICA", 0.035),
        (ley97.decumulacion, "PROPORCION_VIUDEZ", 0.90),
        (ley97.decumulacion, "PROPORCION_ORFANDAD", 0.20),
        (ley97.decumulacion, "PROPORCION_ORFANDAD_DOBLE", 0.30),
        (ley97.decumulacion, "EDAD_LIMITE_ORFANDAD", 25),
        (ley97.fondo_bienestar, "EDAD_FONDO_BIENESTAR", 65),
        (garantizada, "MODALIDADES", garantizada.MODALIDADES_LEY97),
    ):
        with pytest.warns(DeprecationWarning, match=name):
            assert getattr(module, name) == value


# -- engine: the price and the payments read the same arrays -----------------------------------------
def _registro(conyuge: bool, diferencia_edad_conyuge: int):
    """One man born in 1960, with or without a spouse ``diferencia_edad_conyuge`` years older (the kernel's record)."""
    from pensiones.engine.registros import Registros

    valores = dict(
        sexo=0, anio_nacimiento=1960, anio_afiliacion=1990.0, semanas=0.0, sbc_diario=300.0, saldo_rcv=0.0,
        saldo_vivienda=0.0, promedio_250_ley73=0.0, salario_promedio_uma=0.0, cotizando=False, peso=1.0,
        transicion=False, modalidad=0, pension_mensual=0.0, complemento_fondo=0.0, conyuge=conyuge,
        diferencia_edad_conyuge=diferencia_edad_conyuge, hijos=0, diferencia_edad_hijos=0, anio_ultima_cotizacion=0,
        anio_pension=0, grupo_cobertura=0,
    )
    return Registros(**{k: np.array([v]) for k, v in valores.items()})


def test_engine_resolves_the_shares_and_the_rate_from_the_tables():
    reformed = _reforma("sobrevivientes", valor=1.0, donde=VIUDEZ_97)
    T0 = resolver(pensiones.rules.load(), 2025, 2035, Procesos())
    T1 = resolver(reformed, 2025, 2035, Procesos())
    P = parametros(Procesos(), reformed.criterios, reformed)
    k = 2030 - 2025
    assert (T1.sobrevivientes_viudez[:k, 1] == 0.9).all() and (T1.sobrevivientes_viudez[k:, 1] == 1.0).all()
    assert (T0.tasa_tecnica == 0.035).all()
    precio = python_twin(factor_renta)
    # a man of 65 with a spouse 3 years younger: the annuity's price moves with the share, from 2030 only
    assert precio(65, _registro(True, -3), 0, k - 1, T1, P) == precio(65, _registro(True, -3), 0, k - 1, T0, P)
    assert precio(65, _registro(True, -3), 0, k, T1, P) > precio(65, _registro(True, -3), 0, k, T0, P)
    assert precio(65, _registro(False, 0), 0, k, T1, P) == precio(65, _registro(False, 0), 0, k, T0, P)
    # and it is the calculator's price (EMSSA-09 without improvement on both sides)
    saldo = 1_000_000.0
    calc = ley97.renta_vitalicia(saldo, 65, "H", conyuge_edad=62, anio=2030, reglas=reformed)
    assert saldo / (12 * precio(65, _registro(True, -3), 0, k, T1, P)) == pytest.approx(calc, abs=0.006)


def test_engine_refuses_a_dated_change_of_a_scalar_legal_number():
    reformed = _reforma("sobrevivientes", valor=21, donde={"ley": "ley97", "concepto": "edad_limite_orfandad"})
    with pytest.raises(ValueError, match="'sobrevivientes'.*one number for the whole run"):
        parametros(Procesos(), reformed.criterios, reformed)


def test_engine_reads_the_fondo_age_by_grant_year():
    """The Fondo Bienestar age is read for each year (issue #24: the complement from 60 as a reform dated
    inside a run), as the calculator reads it."""
    from pensiones.engine.resolve import resolver

    reformed = _reforma("fondo_bienestar_edad", valor=60)
    T = resolver(reformed, 2025, 2040, Procesos())
    assert T.fondo_bienestar_edad[: 2030 - 2025].tolist() == [65.0] * 5
    assert T.fondo_bienestar_edad[2030 - 2025:].tolist() == [60.0] * 11
    assert ley97.fondo_bienestar.edad_fondo_bienestar(2030, reglas=reformed) == 60


def test_engine_overlay_on_survivors_moves_price_and_payments():
    """A 100 % widow's share from 2025 (overlay on ``sobrevivientes``): a Ley 97 member of 65 with a spouse
    buys a smaller renta vitalicia (the price, exactly as the calculator), and a widow is paid 100/90 more."""
    persona = {
        "sexo": "H", "anio_nacimiento": 1961, "anio_afiliacion": 1998.0, "semanas": 1500.0, "sbc_diario": 900.0,
        "saldo_rcv": 3_000_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 0.0, "salario_promedio_uma": 4.5,
        "cotizando": False, "peso": 1.0, "conyuge": True, "diferencia_edad_conyuge": -3, "hijos": 0,
        "diferencia_edad_hijos": 0,
    }
    import attrs

    procesos = attrs.evolve(
        Procesos(), p_entrada=np.zeros((2, 4, 3)), p_permanencia=np.zeros((2, 4, 3)), retiro_cesantia=False,
        mortalidad=False,
    )
    base = Scenario(procesos=procesos)
    reform = base.with_reform({"tabla": "sobrevivientes", "desde": "2025-01-01", "valor": 1.0, "donde": VIUDEZ_97})
    pop = Population.from_frame(pd.DataFrame([persona]))
    out = {}
    for name, sc in (("base", base), ("reform", reform)):
        r = simulate(pop, sc, paths=1, seed=3, start=2025, end=2030, outcomes=True)
        fila = r.person_outcomes().iloc[0]
        anio = int(fila.anio_retiro)
        saldo = r.component("saldo_inicial")[0][anio - 2025]
        calc = ley97.renta_vitalicia(saldo, 65, "H", conyuge_edad=62, anio=anio, reglas=sc.rules())
        assert fila.modalidad == C.RENTA_VITALICIA
        assert fila.pension_mensual == pytest.approx(calc, abs=0.011)
        out[name] = fila.pension_mensual
        # the payments: a renta vitalicia pensioner of 110 dies in 2025 (q(110) = 1); his widow is paid
        # from 2026 the share of the same table (LSS art. 131)
        viudo = dict(persona, anio_nacimiento=1915, modalidad=1, pension_mensual=10_000.0, complemento_fondo=0.0,
                     anio_pension=2021, conyuge=True, diferencia_edad_conyuge=-40)
        sc_m = sc.with_reform({"procesos": {"mortalidad": True}}, name=sc.name)
        r = simulate(Population.from_frame(pd.DataFrame([viudo])), sc_m, paths=1, seed=7, start=2025, end=2027)
        pagado = r.component("sobrevivientes_renta_vitalicia")[0, 1]
        out[name + "_viuda"] = pagado
    assert out["reform"] < out["base"]
    assert out["base_viuda"] > 0
    assert out["reform_viuda"] == pytest.approx(out["base_viuda"] / 0.9, rel=1e-5)  # cents rounding


# -- one definition of each calendar constant, one MODALIDADES ---------------------------------------------
_LITERAL = re.compile(
    r"^\s*[A-Z_][A-Z0-9_]*\s*=\s*"
    r"(2100|30\.4|365(\.0)?|365(\.0)?\s*/\s*(7|12)(\.0)?|365\.25.*|2\s*\*\*\s*63\s*-\s*1)\s*(#.*)?$"
)


def test_calendar_constants_are_defined_once():
    root = Path(pensiones.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "calendario.py":
            continue
        for i, line in enumerate(path.read_text().splitlines(), start=1):
            if _LITERAL.match(line):
                offenders.append(f"{path.relative_to(root)}:{i}: {line.strip()}")
    assert offenders == []
    assert calendario.SEMANAS_POR_ANIO == 365.0 / 7.0
    assert calendario.DIAS_POR_MES == 30.4 and calendario.DIAS_POR_MES_SALARIO_MINIMO == 365.0 / 12.0
    assert pensiones.simulation.ANIO_FINAL_MAXIMO == pensiones.rules.overlay.ANIO_SIMULABLE_MAX == calendario.ANIO_MAX
    from pensiones.engine import anuales, synthetic

    assert anuales.ULTIMO_ANIO_POBLACION == synthetic.ULTIMO_ANIO_POBLACION == calendario.ANIO_MAX


def test_minimum_wage_month_reproduces_imss():
    """365/12 for one monthly minimum wage: the IMSS Ley 73 minimum pensions of 2022 and 2023 (LSS 1973 art. 168)."""
    assert pensiones.ley73.pension_minima_mensual(2022) == 5836.52
    assert pensiones.ley73.pension_minima_mensual(2023) == 7003.69


def test_weeks_bound_counts_calendar_days():
    from pensiones.engine.population import semanas_posibles

    nac = np.array([1960, 2000])
    got = semanas_posibles(nac, 2025)
    esperado = [(dt.date(2025, 1, 1) - dt.date(int(n) + 15, 1, 1)).days / 7 for n in nac]
    assert got.tolist() == esperado
    assert (got >= (2025 - nac - 15) * calendario.SEMANAS_POR_ANIO).all()


def test_one_modalidades_vocabulary():
    assert set(garantizada.MODALIDADES_LEY97) - {"retiro_programado"} <= set(C.MODALIDADES)
    assert C.MODALIDADES[C.NEGATIVA] == "negativa_de_pension"
    assert garantizada.pension_ley97(300_000, 65, 800, 1.5, "H", 2030).modalidad == C.MODALIDADES[C.NEGATIVA]
