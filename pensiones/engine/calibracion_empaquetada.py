"""The default calibrations, shipped as package data: read at run time, never recomputed.

Two calibrations need the compiled kernel and a simulation: the careers of the synthetic population
(:func:`pensiones.engine.synthetic.calibracion_carreras`: ``c0`` and ``multiplicador_aportaciones``)
and the share of a start year's Ley 73 spending that goes to that year's new pensions
(:func:`pensiones.engine.calibracion.fraccion_altas_ley73`, start years 2021-2025).  Their default
values are computed once, by the maintainers, and kept in ``pensiones/engine/data/calibraciones.json``
with a header saying what produced them (command, package version, date, library versions, hashes of
the package's sources and rule data).  Non-default arguments (other ``Procesos``, another
age-at-affiliation distribution) are still computed when asked for.

Regenerate the file after any change that moves the model's results (the kernel, the careers, the
processes' defaults, the rule data)::

    PYTHONPATH=. python tools/calibraciones.py          # recompute and write the file
    PYTHONPATH=. python tools/calibraciones.py --check  # recompute and compare; exit 1 with the differences

``tests/engine/test_calibracion_empaquetada.py`` recomputes them and compares with the file (a slow
test), so a stale file is caught by the test suite rather than served silently.

The file is read strictly: unknown or missing keys, a missing start year and a value that is not a
finite number fail at load, naming the file and the key.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

__all__ = [
    "ARCHIVO",
    "COMANDO",
    "ANIOS_ALTAS_LEY73",
    "TOLERANCIA_RELATIVA",
    "leer",
    "validar",
    "carreras",
    "fraccion_altas_ley73",
    "fraccion_minima_ley73",
    "comparar",
]

#: The packaged file.
ARCHIVO = Path(__file__).resolve().parent / "data" / "calibraciones.json"

#: The command that regenerates :data:`ARCHIVO` (run from the repository's root).
COMANDO = "PYTHONPATH=. python tools/calibraciones.py"

#: Start years whose Ley 73 new-awards share is shipped: those of the synthetic population.
ANIOS_ALTAS_LEY73 = tuple(range(2021, 2026))

#: Recomputed and shipped values agree when their relative difference is below this.  On the machine
#: that wrote the file the recomputation is bit for bit the same (the ledger is exact integers and the
#: draws are keyed); another machine's libraries (``exp``, ``log``) may differ in the last bits.
TOLERANCIA_RELATIVA = 1e-9

#: The keys of the file and of its sections.
_SECCIONES = {
    "generated": {"command", "version", "date", "python", "numpy", "numba", "source_hash", "rule_data_hash"},
    "calibracion_carreras": {"c0", "multiplicador_aportaciones"},
    "fraccion_altas_ley73": {str(a) for a in ANIOS_ALTAS_LEY73},
    "fraccion_minima_ley73": {str(a) for a in ANIOS_ALTAS_LEY73},
}


def _fallo(path: Path, problema: str) -> ValueError:
    return ValueError(f"{path}: {problema} (regenerate it with `{COMANDO}`)")


def validar(datos, path: Path = ARCHIVO) -> dict:
    """``datos`` (the parsed file) if it has exactly the expected keys and finite values; else ``ValueError``
    naming ``path`` and the key."""
    if not isinstance(datos, dict):
        raise _fallo(path, f"expected a JSON object, got {type(datos).__name__}")
    extra = sorted(set(datos) - set(_SECCIONES))
    if extra:
        raise _fallo(path, f"unknown key {extra[0]!r} (expected {sorted(_SECCIONES)})")
    for seccion, claves in _SECCIONES.items():
        if seccion not in datos:
            raise _fallo(path, f"missing key {seccion!r}")
        valores = datos[seccion]
        if not isinstance(valores, dict):
            raise _fallo(path, f"{seccion!r} must be an object, got {type(valores).__name__}")
        extra, faltan = sorted(set(valores) - claves), sorted(claves - set(valores))
        if extra:
            raise _fallo(path, f"unknown key {seccion}.{extra[0]}")
        if faltan:
            raise _fallo(path, f"missing key {seccion}.{faltan[0]}")
        for clave in sorted(claves):
            v = valores[clave]
            if seccion == "generated":
                if not isinstance(v, str) or not v.strip():
                    raise _fallo(path, f"{seccion}.{clave} must be a non-empty string, got {v!r}")
            elif isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise _fallo(path, f"{seccion}.{clave} must be a finite number, got {v!r}")
    return datos


def _leer_archivo(path: Path) -> dict:
    try:
        texto = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fallo(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        datos = json.loads(texto)
    except ValueError as exc:
        raise _fallo(path, f"is not valid JSON ({exc})") from None
    return validar(datos, path)


@functools.cache
def _empaquetadas() -> dict:
    """:data:`ARCHIVO`, read and checked once per process."""
    return _leer_archivo(ARCHIVO)


def leer(path: Path | str = ARCHIVO) -> dict:
    """The calibrations of ``path`` (default the packaged file): ``{"generated": {...},
    "calibracion_carreras": {...}, "fraccion_altas_ley73": {"2021": ..., ...}}`` (a copy), checked strictly.

    Raises
    ------
    ValueError
        The file is missing, not JSON, or has an unknown or missing key or a value that is not a
        finite number; the message names the file and the key.
    """
    path = Path(path)
    datos = _empaquetadas() if path == ARCHIVO else _leer_archivo(path)
    return json.loads(json.dumps(datos))


def carreras() -> dict[str, float]:
    """The default careers' calibration: ``{"c0": ..., "multiplicador_aportaciones": ...}``."""
    return {k: float(v) for k, v in _empaquetadas()["calibracion_carreras"].items()}


def fraccion_altas_ley73(anio: int) -> float | None:
    """The shipped share of start year ``anio``'s Ley 73 spending that goes to its new pensions, or
    None for a year outside :data:`ANIOS_ALTAS_LEY73`."""
    valor = _empaquetadas()["fraccion_altas_ley73"].get(str(int(anio)))
    return None if valor is None else float(valor)


def fraccion_minima_ley73(anio: int) -> float | None:
    """The shipped share of the Ley 73 stock's money at the minimum pension in start year ``anio``, or
    None for a year outside :data:`ANIOS_ALTAS_LEY73`."""
    valor = _empaquetadas()["fraccion_minima_ley73"].get(str(int(anio)))
    return None if valor is None else float(valor)


def comparar(empaquetadas: dict, recalculadas: dict, *, rtol: float = TOLERANCIA_RELATIVA) -> list[str]:
    """The differences between two sets of calibrations (the header aside), one line each: empty when
    every value agrees within ``rtol`` (relative)."""
    lineas = []
    for seccion, claves in _SECCIONES.items():
        if seccion == "generated":
            continue
        for clave in sorted(claves):
            a = empaquetadas.get(seccion, {}).get(clave)
            b = recalculadas.get(seccion, {}).get(clave)
            if a is None or b is None:
                lineas.append(f"{seccion}.{clave}: shipped {a!r}, recomputed {b!r}")
            elif not math.isclose(a, b, rel_tol=rtol, abs_tol=0.0):
                rel = abs(a - b) / max(abs(a), abs(b))
                lineas.append(f"{seccion}.{clave}: shipped {a!r}, recomputed {b!r} (relative difference {rel:.2e})")
    return lineas
