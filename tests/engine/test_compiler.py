"""Compiling ahead of time: :func:`pensiones.precompile` and the watch on Numba's compilations (no timing
is asserted)."""

from __future__ import annotations

import numba
import pytest
from numba.core import event

import pensiones
from pensiones._jit import SIN_NUMBA
from pensiones.engine.compiler import EVENTO, CompileWatch

pytestmark = pytest.mark.skipif(SIN_NUMBA, reason="PENSIONES_SIN_NUMBA=1: nothing is compiled")


def test_only_the_outermost_compilations_count_and_the_first_is_announced():
    anuncios = []
    with CompileWatch(on_start=lambda: anuncios.append("start")) as watch:
        assert watch.count == 0 and anuncios == []
        event.start_event(EVENTO)
        event.start_event(EVENTO)  # a callee compiled inside its caller
        event.end_event(EVENTO)
        assert watch.count == 0
        event.end_event(EVENTO)
        assert watch.count == 1 and anuncios == ["start"]
        event.start_event(EVENTO)
        event.end_event(EVENTO)
    assert watch.count == 2 and anuncios == ["start"] and watch.seconds >= 0.0
    event.start_event(EVENTO)  # the watch is off
    event.end_event(EVENTO)
    assert watch.count == 2


def test_a_real_compilation_is_seen_and_a_compiled_function_is_not():
    def doble(x):
        return 2 * x

    f = numba.njit(doble)
    with CompileWatch() as watch:
        assert f(2) == 4
    assert watch.count == 1 and watch.seconds > 0.0
    with CompileWatch() as watch:
        assert f(3) == 6  # compiled already
    assert watch.count == 0 and watch.seconds == 0.0


def test_precompile_reports_a_compilation_once_then_nothing():
    eventos = []
    segundos = pensiones.precompile(progress=lambda e, s: eventos.append((e, s)))
    # compiled now (start, then end with the seconds) or earlier (the cache or this process: no call)
    assert eventos == [] or ([e for e, _ in eventos] == ["start", "end"] and eventos[1][1] == segundos > 0.0)
    assert segundos == 0.0 or eventos
    eventos.clear()
    assert pensiones.precompile(progress=lambda e, s: eventos.append((e, s))) == 0.0
    assert eventos == []
    assert pensiones.engine.precompile is pensiones.precompile
