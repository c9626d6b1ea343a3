"""The synthetic careers since 1 July 1997 are the kernel's one person-year step (issue "One step, one timeline")."""

from __future__ import annotations

import numpy as np
import pytest

from pensiones.engine import kernel as K
from pensiones.engine.componentes import ACTIVO, LEY73, NEGATIVA
from pensiones.engine.procesos import Procesos
from pensiones.engine.synthetic import (
    EDAD_AFILIACION_ESCALA,
    EDAD_AFILIACION_FORMA,
    _columnas,
    _lote,
    calibracion_carreras,
    carreras_hasta_1997,
    historias_desde_1997,
)

ARGS = dict(forma=EDAD_AFILIACION_FORMA, escala=EDAD_AFILIACION_ESCALA)


def _pasado(n, seed, year=2025):
    cal = calibracion_carreras()
    return carreras_hasta_1997(n, np.random.default_rng(seed), year, Procesos(), cal["c0"], ARGS["forma"],
                               ARGS["escala"], 0, seed), cal


@pytest.mark.parametrize("year", [2021, 2025])
def test_twin_equals_compiled_step_over_the_past(year):
    """historias (compiled) and its plain-Python twin give the same states and grant years, bit for bit."""
    (R, estados), cal = _pasado(250, 4, year)
    a, b = estados.copy(), estados.copy()
    anio_a, _ = historias_desde_1997(R, a, year, Procesos(), cal["multiplicador_aportaciones"], 4, 0)
    anio_b, _ = historias_desde_1997(R, b, year, Procesos(), cal["multiplicador_aportaciones"], 4, 0, backend="python")
    assert np.array_equal(a, b)
    assert np.array_equal(anio_a, anio_b)
    # the step did run: balances, weeks and some awards under the law of 1997-2024
    assert (a[:, K.SALDO_RET] + a[:, K.SALDO_CEAV]).sum() > 0
    assert (a[:, K.SEMANAS] >= estados[:, K.SEMANAS]).all()


def test_builder_is_exactly_the_steps_output():
    """The population builder's records are the twin's run of the same records from 1 July 1997."""
    cal = calibracion_carreras()
    built, m = _lote(300, np.random.default_rng(12), 2025, Procesos(), cal["c0"], cal["multiplicador_aportaciones"],
                     ARGS["forma"], ARGS["escala"], 0, 12)
    (R, estados), _ = _pasado(300, 12)
    anio, T = historias_desde_1997(R, estados, 2025, Procesos(), cal["multiplicador_aportaciones"], 12, 0,
                                   backend="python")
    twin = _columnas(R, estados, anio, T)
    assert m == 300 and built.keys() == twin.keys()
    for k in built:
        assert np.array_equal(built[k], twin[k]), k


def test_past_awards_follow_the_law_in_force():
    """Before 2021 the transition generation retires on Ley 73 (500 weeks) and nobody of the Ley 97 generation
    reaches 1,250 weeks; the records that left (Ley 73, negativa) are not in the population."""
    (R, estados), cal = _pasado(2000, 7, 2021)
    anio, _ = historias_desde_1997(R, estados, 2021, Procesos(), cal["multiplicador_aportaciones"], 7, 0)
    modalidad = estados[:, K.MODALIDAD].astype(int)
    ley73 = modalidad == LEY73
    assert ley73.any() and R.transicion[ley73].all()
    assert (estados[ley73, K.SEMANAS] >= 500).all()
    assert ((anio[ley73] >= 1997) & (anio[ley73] <= 2020)).all()
    generacion97 = (modalidad != ACTIVO) & ~R.transicion
    assert (modalidad[generacion97] == NEGATIVA).all()  # no Ley 97 pension before the reform's 750 weeks
