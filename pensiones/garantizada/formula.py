"""The Art. 170 guaranteed pension's lookup and update, once, for the calculator and the kernel.

Scalar functions in the subset Numba compiles (LSS art. 170 as reformed DOF 16-12-2020 and its
transitorio Cuarto).  Table cells and column weeks come in as arguments.
"""

from __future__ import annotations

import math

from pensiones._jit import jit
from pensiones._redondeo import centavos

__all__ = ["columna_semanas", "fila_edad", "monto_actualizado"]


@jit
def columna_semanas(semanas, columnas):
    """Column of the table for ``semanas``: the last whose required weeks do not exceed them; -1 if none.

    ``columnas`` holds the weeks each column requires for a pension granted that year
    (transitorio Cuarto: from that year's minimum weeks, in steps of 25; the last means "or more").
    """
    k = -1
    for c in range(columnas.shape[0]):
        if semanas >= columnas[c]:
            k = c
    return k


@jit
def fila_edad(edad, edad_minima, edad_ultima_fila):
    """Row of the table for an age: completed years, ``edad_ultima_fila`` or more in the last row; -1 under the
    minimum."""
    e = math.floor(edad)
    if e < edad_minima:
        return -1
    return int(min(e, edad_ultima_fila) - edad_minima)


@jit
def monto_actualizado(importe_tabla, factor_actualizacion):
    """The monthly amount in force: the printed amount times the February INPC update, in cents (art. 170)."""
    return centavos(importe_tabla * factor_actualizacion)
