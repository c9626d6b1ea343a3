"""Keys of the synthetic population's past draws.

The years of a synthetic record before the start year run through the kernel's one person-year
step (:func:`pensiones.engine.kernel.historias`) on path :data:`CLAVE_PASADO`.
"""

from __future__ import annotations

import numpy as np

from pensiones._jit import jit
from pensiones.engine.rng import uniforme

__all__ = ["uniformes_pasado", "CLAVE_PASADO"]

#: Path key of the draws of the past (simulation paths are < 10,000, so they never collide).
CLAVE_PASADO = 2**31


@jit
def uniformes_pasado(seed, primera, m, t, stream):
    """The draws of records ``primera .. primera + m - 1`` in year ``t`` of the past (path key :data:`CLAVE_PASADO`)."""
    out = np.empty(m)
    for i in range(m):
        out[i] = uniforme(seed, CLAVE_PASADO, primera + i, t, stream)
    return out
