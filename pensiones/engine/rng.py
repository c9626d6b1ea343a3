"""Counter-based random numbers keyed by (seed, path, person, year, stream).

Every draw is a pure function of its key, so results do not depend on the number of threads,
the chunk size or the order in which persons are simulated, and two scenarios run on the same
seed see the same draws (common random numbers).  The generator hashes the key with the
SplitMix64 finaliser (Steele, Lea and Flood 2014), chained over the key's fields; the top 53
bits give a uniform on [0, 1).  Built twice from one source: compiled (``uniforme``,
``normal``) and plain Python (``uniforme_py``, ``normal_py``) for the kernel's twin.
"""

from __future__ import annotations

import math

import numpy as np

from pensiones.engine._numba import SIN_NUMBA

__all__ = ["uniforme", "normal", "uniforme_py", "normal_py", "STREAM", "construir_rng"]

#: Stream numbers: one per kind of draw, so that adding a draw never shifts the others.
STREAM = {
    "supervivencia": 1,
    "cotizacion": 2,
    "salario_u1": 3,
    "salario_u2": 4,
    "rendimiento_u1": 5,
    "rendimiento_u2": 6,
}


def construir_rng(njit, njit_mix=None):
    """Build (uniforme, normal) with decorator ``njit`` (identity for the Python twin).

    ``njit_mix`` decorates the hashing functions (default ``njit``); the twin passes one that
    lets uint64 products wrap around silently, as they do in compiled code.
    """
    njit_mix = njit if njit_mix is None else njit_mix
    m1 = np.uint64(0xBF58476D1CE4E5B9)
    m2 = np.uint64(0x94D049BB133111EB)
    golden = np.uint64(0x9E3779B97F4A7C15)
    s30, s27, s31, s11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
    inv53 = 1.0 / 9007199254740992.0  # 2**-53

    @njit_mix
    def mix(z):
        z = (z ^ (z >> s30)) * m1
        z = (z ^ (z >> s27)) * m2
        return z ^ (z >> s31)

    @njit_mix
    def uniforme(seed, path, person, year, stream):
        """Uniform draw on [0, 1) for the key; ``person=-1`` keys draws common to a whole path."""
        h = mix(np.uint64(seed) + golden)
        h = mix(h ^ (np.uint64(path) + golden))
        h = mix(h ^ (np.uint64(person + 1) * golden))
        h = mix(h ^ (np.uint64(year) + golden))
        h = mix(h ^ np.uint64(stream))
        return float(h >> s11) * inv53

    @njit
    def normal(seed, path, person, year, stream1, stream2):
        """Standard normal draw (Box-Muller on two keyed uniforms)."""
        u1 = uniforme(seed, path, person, year, stream1)
        u2 = uniforme(seed, path, person, year, stream2)
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)

    return uniforme, normal


def _identity(f):
    return f


def _wrapping(f):
    def wrapped(*args):
        with np.errstate(over="ignore"):
            return f(*args)

    return wrapped


uniforme_py, normal_py = construir_rng(_identity, _wrapping)
if SIN_NUMBA:  # pragma: no cover
    uniforme, normal = uniforme_py, normal_py
else:
    import numba

    uniforme, normal = construir_rng(numba.njit(cache=False))
