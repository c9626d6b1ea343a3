"""The years between the reform and a synthetic population's start year, run with the kernel's own steps.

:func:`anios_recientes` moves the records of :mod:`pensiones.engine.synthetic` from 1 January 2021
to 1 January of the start year with the steps of :mod:`pensiones.engine.kernel` (retirement,
contributions, pension payments, careers), so the pensions granted since the 2020 reform are in
the population with their state.  It lives in its own module (imported on first use) so that
Numba caches it on disk like the kernel.
"""

from __future__ import annotations

import math

import numpy as np

from pensiones._jit import jit
from pensiones.engine.componentes import ACTIVO
from pensiones.engine.kernel import (
    _S_ELE,
    _S_RET,
    COTIZANDO,
    MODALIDAD,
    SBC,
    cotizar,
    evolucionar_carrera,
    indexar_pensiones,
    pagar_pensiones,
    retirarse,
)
from pensiones.engine.rng import uniforme

__all__ = ["anios_recientes", "uniformes_pasado", "CLAVE_PASADO"]

#: Path key of the draws of the past (simulation paths are < 10,000, so they never collide).
CLAVE_PASADO = 2**31


@jit
def anios_recientes(sexo, nac, afil, transicion, conyuge, dif_conyuge, hijos, dif_hijos, estados, anio_pension, sbc_entrada,
                    T, P, real, seed, primera, ledger, error, out):
    """Run the kernel's steps over years ``T.start`` .. ``T.start + ny - 1`` on every record's state.

    Annuities are priced with each record's family (:func:`~pensiones.engine.kernel.factor_renta`).
    Deaths are not drawn (the records are people alive at the start).  A record entering in one
    of these years starts contributing then at ``sbc_entrada``; ``anio_pension`` receives the
    grant year of each pension granted.  The pensions in payment get the February update of the
    start year at the end.
    """
    ny = T.uma.shape[0]
    for i in range(estados.shape[0]):
        estado = estados[i]
        entrada = math.floor(afil[i])
        for y in range(ny):
            t = T.start + y
            if t < entrada:
                continue
            if t == entrada and estado[MODALIDAD] == ACTIVO:
                estado[COTIZANDO] = 1.0
                estado[SBC] = sbc_entrada[i]
            edad = t - nac[i]
            if y > 0 and estado[MODALIDAD] != ACTIVO:
                indexar_pensiones(estado, T.infl[y - 1])
            nominal = (1.0 + real[y]) * T.infl[y] - 1.0
            edad_minima = min(T.edad_ces[y], T.l73_edad_ces[y]) if transicion[i] else T.edad_ces[y]
            if estado[MODALIDAD] == ACTIVO and edad >= edad_minima:
                u = uniforme(seed, CLAVE_PASADO, primera + i, t, _S_ELE) if transicion[i] else 1.0
                u_retiro = uniforme(seed, CLAVE_PASADO, primera + i, t, _S_RET)
                retirarse(estado, i, 0, y, t, edad, sexo[i], conyuge[i], dif_conyuge[i], hijos[i], dif_hijos[i], transicion[i], u,
                          u_retiro, 1.0, T, P, ledger, error, out)
                if estado[MODALIDAD] != ACTIVO:
                    anio_pension[i] = t
            if estado[MODALIDAD] == ACTIVO:
                cotizar(estado, y, transicion[i], 1.0, nominal, T, ledger, error)
            else:
                pagar_pensiones(estado, y, transicion[i], 1.0, nominal, ledger, error)
            if estado[MODALIDAD] == ACTIVO:
                evolucionar_carrera(estado, seed, CLAVE_PASADO, primera + i, t, y, edad, sexo[i], T, P)
        if estado[MODALIDAD] != ACTIVO:
            indexar_pensiones(estado, T.infl[ny - 1])  # the February update of the start year


@jit
def uniformes_pasado(seed, primera, m, t, stream):
    """The draws of records ``primera .. primera + m - 1`` in year ``t`` of the past (path key :data:`CLAVE_PASADO`).

    The synthetic population's years before 2021 draw the cesantía claims with these, keyed like the
    draws of :func:`anios_recientes` (the years differ, so no draw is shared).
    """
    out = np.empty(m)
    for i in range(m):
        out[i] = uniforme(seed, CLAVE_PASADO, primera + i, t, stream)
    return out
