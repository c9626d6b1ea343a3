"""Counter-based random numbers keyed by (seed, path, person, year, stream).

Every draw is a pure function of its key, so results do not depend on the number of threads,
the chunk size or the order in which persons are simulated, and two scenarios run on the same
seed see the same draws (common random numbers).  The generator hashes the key with the
SplitMix64 finaliser (Steele, Lea and Flood 2014), chained over the key's fields; the top 53
bits give a uniform on [0, 1).  One source: compiled (``uniforme``, ``normal``) and, for the
kernel's twin, plain Python with wrap-around integer products (``uniforme_py``, ``normal_py``).
"""

from __future__ import annotations

import math

import numpy as np

from pensiones._jit import SIN_NUMBA, jit, python_twin

__all__ = [
    "uniforme", "normal", "uniformes", "uniforme_py", "normal_py", "STREAM", "mezcla", "DORADO", "clave",
    "uniforme_clave", "normal_clave", "clave_py", "uniforme_clave_py", "normal_clave_py", "GEMELOS",
]

#: Stream numbers: one per kind of draw, so that adding a draw never shifts the others.
STREAM = {
    "supervivencia": 1,
    "cotizacion": 2,
    "salario_u1": 3,
    "salario_u2": 4,
    "rendimiento_u1": 5,
    "rendimiento_u2": 6,
    "eleccion_regimen": 7,
    "retiro_cesantia": 8,
    "supervivencia_conyuge": 9,
    "reingreso_ley73": 12,
    "invalidez": 10,
    "grado_invalidez": 11,
    # the draws of a path's scenario (pensiones.engine.macro, pensiones.engine.incertidumbre), keyed by
    # (seed, path, -1, year, stream): a calendar year for a yearly shock, year 0 for a draw of the whole path
    "macro_inflacion_u1": 13,
    "macro_inflacion_u2": 14,
    "macro_crecimiento_real_salarial_u1": 15,
    "macro_crecimiento_real_salarial_u2": 16,
    "macro_crecimiento_empleo_u1": 17,
    "macro_crecimiento_empleo_u2": 18,
    "macro_rendimiento_real_u1": 19,
    "macro_rendimiento_real_u2": 20,
    "incierto_probabilidad_cesantia": 21,
    "incierto_densidad": 22,
    "incierto_solicitud_fondo": 23,
    "incierto_espera_fondo": 24,
    "incierto_mejora_mortalidad": 25,
    # keyed by (seed, path, record, 0, stream): a record's bootstrap weight on a path
    "bootstrap": 26,
    "ahorro_voluntario": 27,
}
# One named constant per stream, generated from STREAM: ``S_COTIZACION`` is the stream of
# ``"cotizacion"`` (the kernel reads them as compile-time constants).
for _nombre, _numero in STREAM.items():
    globals()["S_" + _nombre.upper()] = _numero
del _nombre, _numero

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
#: The golden-ratio increment of SplitMix64 (2**64 / phi), which spaces the key's fields.
DORADO = np.uint64(0x9E3779B97F4A7C15)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_INV53 = 1.0 / 9007199254740992.0  # 2**-53


@jit
def mezcla(z):
    """The SplitMix64 finaliser of a uint64 (wrapping products): the generator's mix, and the population
    fingerprint's (:func:`pensiones.simulation.huella_parcial`)."""
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@jit
def clave(seed, path, person, year):
    """The hash of a draw's key up to its year: :func:`uniforme_clave` finishes it with the stream.

    The kernel hashes a person-year's key once and takes each of the year's draws from it; the draws are
    bit for bit those of :func:`uniforme` and :func:`normal`, which hash the whole key.
    """
    h = mezcla(np.uint64(seed) + DORADO)
    h = mezcla(h ^ (np.uint64(path) + DORADO))
    h = mezcla(h ^ (np.uint64(person + 1) * DORADO))
    return mezcla(h ^ (np.uint64(year) + DORADO))


@jit
def uniforme_clave(h, stream):
    """Uniform draw on [0, 1) of stream ``stream`` from the key's hash ``h`` (:func:`clave`)."""
    return float(mezcla(h ^ np.uint64(stream)) >> _S11) * _INV53


@jit
def normal_clave(h, stream1, stream2):
    """Standard normal draw (Box-Muller on the uniforms of two streams) from the key's hash ``h`` (:func:`clave`)."""
    u1 = uniforme_clave(h, stream1)
    u2 = uniforme_clave(h, stream2)
    return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


@jit
def uniforme(seed, path, person, year, stream):
    """Uniform draw on [0, 1) for the key; ``person=-1`` keys draws common to a whole path."""
    return uniforme_clave(clave(seed, path, person, year), stream)


@jit
def normal(seed, path, person, year, stream1, stream2):
    """Standard normal draw (Box-Muller on two keyed uniforms)."""
    return normal_clave(clave(seed, path, person, year), stream1, stream2)


@jit
def uniformes(seed, path, personas, year, stream):
    """:func:`uniforme` for each of ``personas`` (int64 array) on one path, year and stream, as an array."""
    out = np.empty(len(personas))
    for i in range(len(personas)):
        out[i] = uniforme(seed, path, personas[i], year, stream)
    return out


def _envolver(gemelo, nombre):
    """The plain-Python ``gemelo`` run with NumPy's overflow warnings off (its uint64 products wrap around,
    as in compiled code)."""
    def sin_aviso(*args):
        with np.errstate(over="ignore"):
            return gemelo(*args)

    sin_aviso.__name__ = sin_aviso.__qualname__ = nombre
    sin_aviso.__doc__ = f":func:`{nombre[:-3]}` as plain Python (uint64 products wrap around, as in compiled code)."
    return sin_aviso


clave_py = _envolver(python_twin(clave), "clave_py")
uniforme_clave_py = _envolver(python_twin(uniforme_clave), "uniforme_clave_py")
normal_clave_py = python_twin(normal_clave, {uniforme_clave: uniforme_clave_py})
uniforme_py = _envolver(python_twin(uniforme), "uniforme_py")
normal_py = python_twin(normal, {clave: clave_py, uniforme_clave: uniforme_clave_py})
#: Each compiled draw and its plain-Python twin, for the twins of the functions that call them
#: (:func:`pensiones._jit.python_twin`).
GEMELOS = {
    clave: clave_py, uniforme_clave: uniforme_clave_py, normal_clave: normal_clave_py, uniforme: uniforme_py,
    normal: normal_py,
}

if SIN_NUMBA:  # pragma: no cover - the debugging switch: everything is the wrap-around Python twin
    clave = clave_py  # noqa: F811
    uniforme_clave = uniforme_clave_py  # noqa: F811
    normal_clave = normal_clave_py  # noqa: F811
    uniforme = uniforme_py  # noqa: F811
    normal = normal_py  # noqa: F811
