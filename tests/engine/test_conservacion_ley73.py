"""The Ley 73 rules that decide who gets a pension, in the one step: conservación de derechos
(LSS 1973 arts. 182-183) and the update of Ley 73 pensions in payment (art. 168 minimum, INPC).

Each case is one person on one path with no deaths, so the ledger shows exactly what the law gives.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import Criterios, Population, Procesos, Scenario, simulate
from pensiones.ley73 import conservacion_derechos, pension_minima_mensual

#: nobody contributes after the start, no deaths, everyone eligible claims at 60 (no cesantía draws)
SIN_CARRERA = Procesos(
    p_entrada=np.zeros((2, 4, 3)),
    p_permanencia=np.zeros((2, 4, 3)),
    volatilidad_salarial=0.0,
    curvatura_edad=0.0,
    mortalidad=False,
    retiro_cesantia=True,
    probabilidad_cesantia=(1.0, 1.0, 1.0, 1.0, 1.0),
    probabilidad_cesantia_cotizando=(0.0, 0.0, 0.0, 0.0, 0.0),
    preferencia_ley73=1.0,
    reingreso_ley73=0.0,  # the law alone: nobody goes back to work to restore the rights
)


def _persona(**cambios) -> dict:
    """A transition-generation man born 1966 (60 in 2026), 600 weeks, out of work since ``anio_ultima_cotizacion``."""
    persona = {
        "sexo": "H", "anio_nacimiento": 1966, "anio_afiliacion": 1986.0, "semanas": 600.0, "sbc_diario": 400.0,
        "saldo_rcv": 50_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 350.0, "salario_promedio_uma": 3.0,
        "cotizando": False, "peso": 1.0,
    }
    persona.update(cambios)
    return persona


def _corrida(personas: list[dict], criterios: Criterios | None = None, end: int = 2030):
    pop = Population.from_frame(pd.DataFrame(personas))
    sc = Scenario(procesos=SIN_CARRERA, criterios=criterios or Criterios())
    return simulate(pop, sc, paths=1, seed=3, start=2025, end=end)


def _ley73(r) -> float:
    return float(r.component("nuevas_pensiones_ley73").sum())


@pytest.mark.parametrize(
    ("ultima", "semanas", "ley73"),
    [
        # 600 weeks: a quarter is 150 weeks, 2.88 years from the end of the last year contributed;
        # at 60 (2026) the years since are 2026 - ultima - 1
        (2023, 600.0, True),   # 2 years <= 2.88
        (2022, 600.0, False),  # 3 years > 2.88
        (2010, 600.0, False),  # 15 years
        (2023, 500.0, True),   # 125 weeks = 2.40 years; 2 years
        (2023, 150.0, False),  # fewer than the 500 weeks anyway
    ],
)
def test_conservacion_de_derechos_by_the_quarter_of_the_weeks(ultima, semanas, ley73):
    # the calculator's last day of the rights, from the end of the last year contributed
    hasta = conservacion_derechos(semanas, f"{ultima}-12-31")
    assert (semanas >= 500 and hasta >= pd.Timestamp("2026-01-01").date()) == ley73
    r = _corrida([_persona(anio_ultima_cotizacion=ultima, semanas=semanas)])
    assert _ley73(r) == (1.0 if ley73 else 0.0)


def test_the_twelve_month_minimum():
    """200 weeks give 50 weeks of rights, less than twelve months: the minimum of a year applies."""
    assert conservacion_derechos(200.0, "2024-12-31") == pd.Timestamp("2025-12-31").date()
    # weeks below 500 cannot give a Ley 73 pension; the rule is checked in the step's function directly
    from pensiones.engine import kernel as K
    from pensiones.engine.registros import registros
    from pensiones.engine.resolve import parametros, resolver

    rs = pensiones.rules.load()
    T = resolver(rs, 2025, 2030, Procesos())
    P = parametros(Procesos(), Criterios(), rs)
    R = registros(Population.from_frame(pd.DataFrame([_persona(anio_ultima_cotizacion=2024)])))
    paso = pensiones._jit.python_twin(K.derechos_ley73)
    estado = np.zeros(K.N_ESTADO)
    estado[K.SEMANAS], estado[K.ANIO_BAJA] = 200.0, 2024.0
    assert paso(estado, R, 0, 2026, 1, T, P)  # one year after the end of 2024: within twelve months
    assert not paso(estado, R, 0, 2027, 2, T, P)  # two years


def test_a_return_to_work_restores_the_rights():
    """Out since 2010 (lapsed), back to work in 2025 with contributions for the whole year: at 60 in 2026 the
    baja is 2025 and the rights are back (art. 183)."""
    procesos = SIN_CARRERA  # contributes in the start year (cotizando), then never again
    pop = Population.from_frame(pd.DataFrame([_persona(anio_ultima_cotizacion=2010, cotizando=True)]))
    r = simulate(pop, Scenario(procesos=procesos), paths=1, seed=3, start=2025, end=2030)
    assert _ley73(r) == 1.0
    lapsed = _corrida([_persona(anio_ultima_cotizacion=2010)])
    assert _ley73(lapsed) == 0.0


def test_going_back_to_work_restores_the_rights_a_year_later():
    """``Procesos.reingreso_ley73 = 1``: lapsed at 60 in 2026, he contributes 2026 and takes Ley 73 in 2027,
    with the year's contributions in his account (and counted among the contributors)."""
    pop = Population.from_frame(pd.DataFrame([_persona(anio_ultima_cotizacion=2010)]))
    import attrs

    r = simulate(pop, Scenario(procesos=attrs.evolve(SIN_CARRERA, reingreso_ley73=1.0)), paths=1, seed=3,
                 start=2025, end=2030)
    assert r.component("nuevas_pensiones_ley73")[0].tolist() == [0.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    assert r.component("cotizantes")[0].tolist() == [0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    assert r.component("aportaciones_obrero_patronales")[0, 1] > 0


def test_readings_of_conservacion():
    """Out since 2010: born 1950, he was 60 with 600 weeks when contributing last (acquired under
    "derechos_adquiridos"; 75 in 2025, he claims in the first year); born 1966, he was 44."""
    viejo = _persona(anio_nacimiento=1950, anio_afiliacion=1970.0, anio_ultima_cotizacion=2010)
    joven = _persona(anio_ultima_cotizacion=2010)
    for criterio, esperado in (("art_182", (0.0, 0.0)), ("derechos_adquiridos", (1.0, 0.0)),
                               ("sin_caducidad", (1.0, 1.0))):
        c = Criterios(conservacion_derechos_ley73=criterio)
        assert (_ley73(_corrida([viejo], c)), _ley73(_corrida([joven], c))) == esperado, criterio


def test_without_the_rights_a_transition_member_may_take_ley97():
    """Lapsed Ley 73 rights, but the weeks of Ley 97 (1,100 against the 850 of 2026): a Ley 97 pension at 60
    (SCJN 2a./J. 21/2011: no conservation period for the Ley 97 cesantía)."""
    r = _corrida([_persona(anio_ultima_cotizacion=2010, semanas=1100.0)])
    assert _ley73(r) == 0.0
    assert float(r.component("nuevas_pensiones_pg").sum() + r.component("nuevas_pensiones_rv").sum()) == 1.0


def test_unknown_baja_counts_from_the_start():
    """Without ``anio_ultima_cotizacion`` the baja is the year before the start: 600 weeks keep the rights
    2.88 years, so a man reaching 60 in 2026 gets Ley 73."""
    persona = _persona()
    r = _corrida([persona])
    assert _ley73(r) == 1.0


def test_bad_anio_ultima_cotizacion_is_refused():
    for bad in (1980, 2101, 2020.5):
        with pytest.raises(ValueError, match="anio_ultima_cotizacion"):
            Population.from_frame(pd.DataFrame([_persona(anio_ultima_cotizacion=bad)]))


def test_ley73_pension_in_payment_follows_the_minimum():
    """A Ley 73 pension at the minimum in 2025 rises with the minimum pension (minimum wage) under the
    default reading, with the INPC only under ``indexacion_ley73="inpc"``; a high pension follows the INPC."""
    base = {"modalidad": 4, "pension_mensual": pension_minima_mensual(2025), "complemento_fondo": 0.0,
            "anio_pension": 2020}
    minima = _persona(anio_nacimiento=1950, anio_afiliacion=1970.0, **base)
    alta = _persona(anio_nacimiento=1950, anio_afiliacion=1970.0, **{**base, "pension_mensual": 30_000.0})
    ley73 = lambda r: r.component("ley73")[0] / 12.0  # noqa: E731  (monthly, weight 1)
    practica = _corrida([minima], end=2028)
    inpc = _corrida([minima], Criterios(indexacion_ley73="inpc"), end=2028)
    minimos = [pension_minima_mensual(t) for t in range(2025, 2029)]
    # 2026 and 2027: the minimum wage rose faster than the INPC; later both grow with the assumed inflation
    assert ley73(practica)[1:3] == pytest.approx(minimos[1:3], abs=0.01)
    assert (ley73(practica) >= np.array(minimos) - 0.01).all()
    assert (ley73(inpc)[1:] < np.array(minimos[1:]) - 1.0).all()
    a, b = ley73(_corrida([alta], end=2028)), ley73(_corrida([alta], Criterios(indexacion_ley73="inpc"), end=2028))
    assert a.tolist() == b.tolist()


def test_bad_criterios_are_named():
    with pytest.raises(ValueError, match="conservacion_derechos_ley73"):
        Criterios(conservacion_derechos_ley73="nunca")
    with pytest.raises(ValueError, match="indexacion_ley73"):
        Criterios(indexacion_ley73="salario_minimo")
