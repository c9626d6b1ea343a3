"""A named tuple handed to compiled code by reference (``pensiones._jit.by_reference``) reads as the tuple."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pytest

from pensiones._jit import SIN_NUMBA, by_reference, jit

pytestmark = pytest.mark.skipif(SIN_NUMBA, reason="by_reference is a compiled-code representation")


class Tabla(NamedTuple):
    tasas: np.ndarray
    matriz: np.ndarray
    inicio: int
    activo: bool
    factor: float


def _tabla(activo=True):
    return Tabla(np.array([0.5, 1.5, 2.5]), np.arange(6.0).reshape(2, 3), 1997, activo, 0.25)


@jit
def _leer(T, y):
    if T.activo:
        return T.tasas[y] * T.factor + T.matriz[1, y] + T.inicio
    return -1.0


@jit(inline="always")
def _paso(T, y):
    return T.tasas[y] + T.matriz[0, y]


@jit
def _suma_en_linea(T):
    total = 0.0
    for y in range(T.tasas.shape[0]):
        total += _paso(T, y)
    return total


@jit
def _escribir(T, y, valor):
    T.tasas[y] = valor


def test_fields_read_by_reference_equal_the_tuples():
    for activo in (True, False):
        T = _tabla(activo)
        for y in range(3):
            assert _leer(by_reference(T), y) == _leer(T, y) == _leer.py_func(T, y)
    T = _tabla()
    assert _suma_en_linea(by_reference(T)) == _suma_en_linea(T) == 0.5 + 1.5 + 2.5 + 0 + 1 + 2


def test_arrays_are_the_callers_arrays_not_copies():
    T = _tabla()
    _escribir(by_reference(T), 1, 9.0)
    assert T.tasas[1] == 9.0


def test_an_unknown_field_is_a_typing_error_naming_it():
    import numba

    @numba.njit
    def falta(T):
        return T.no_existe[0]

    with pytest.raises(numba.core.errors.TypingError, match="no_existe"):
        falta(by_reference(_tabla()))


@pytest.mark.parametrize("valor", [(1.0, 2.0), [np.zeros(2)], np.zeros(3), None])
def test_only_a_named_tuple_is_taken(valor):
    with pytest.raises(TypeError, match="named tuple"):
        by_reference(valor)


def test_a_field_numba_cannot_type_is_refused_at_the_call():
    import numba

    class ConObjeto(NamedTuple):
        tasas: np.ndarray
        otro: object

    with pytest.raises((TypeError, numba.core.errors.TypingError)):
        _leer(by_reference(ConObjeto(np.zeros(3), object())), 0)


def test_two_tuples_of_the_same_name_and_types_but_other_fields_are_two_types():
    import collections

    Primera = collections.namedtuple("Tab", ["a", "b"])
    Segunda = collections.namedtuple("Tab", ["b", "a"])
    x = Primera(np.array([10.0]), np.array([20.0]))
    y = Segunda(np.array([20.0]), np.array([10.0]))

    @jit
    def leer_a(T):
        return T.a[0]

    assert leer_a(by_reference(x)) == 10.0
    assert leer_a(by_reference(y)) == 10.0


def test_the_tuple_cannot_be_replaced_while_compiled_code_may_read_it():
    r = by_reference(_tabla())
    with pytest.raises(AttributeError):
        r.value = _tabla(False)
