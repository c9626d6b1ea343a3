"""Regenerate the packaged default calibrations, or check them (pensiones/engine/data/calibraciones.json).

The careers' calibration and the Ley 73 new-awards share of each start year 2021-2025 are computed
anew with the model of this checkout (``pensiones.engine.calibracion.recalcular``: a kernel compile and
about a minute on 2 cores) and written with a header saying what produced them; a run only reads
them (``pensiones.engine.calibracion_empaquetada``).  Run it after any change that moves the model's
results (the kernel, the careers, the processes' defaults, the rule data), and commit the file.

    PYTHONPATH=. python tools/calibraciones.py          # recompute and write the file
    PYTHONPATH=. python tools/calibraciones.py --check  # recompute and compare; exit 1 with the differences

``--check`` writes nothing: it prints one line per value that moved beyond the relative tolerance
(``calibracion_empaquetada.TOLERANCIA_RELATIVA``) and exits 1, or says the file is current and exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from pathlib import Path


def encabezado() -> dict[str, str]:
    """What produced the values: the command, the package and library versions, the date, the hashes."""
    import numba
    import numpy

    import pensiones
    from pensiones._jit import rule_data_hash, source_hash
    from pensiones.engine.calibracion_empaquetada import COMANDO

    return {
        "command": COMANDO,
        "version": pensiones.__version__,
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "numba": numba.__version__,
        "source_hash": source_hash(),
        "rule_data_hash": rule_data_hash(),
    }


def escribir(path: Path, datos: dict) -> None:
    """Write ``datos`` as JSON to ``path`` whole or not at all (a temporary file renamed)."""
    texto = json.dumps(datos, indent=2) + "\n"
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as f:
        f.write(texto)
    os.replace(f.name, path)


def main(argv: list[str] | None = None) -> int:
    from pensiones.engine import calibracion, calibracion_empaquetada as E

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare the recomputed values with the file and exit 1 if any moved; write nothing")
    parser.add_argument("--file", type=Path, default=E.ARCHIVO, metavar="PATH",
                        help=f"the calibrations file (default {E.ARCHIVO})")
    args = parser.parse_args(argv)

    def decir(texto: str) -> None:
        print(f"computing {texto}", file=sys.stderr, flush=True)

    recalculadas = calibracion.recalcular(progress=decir)
    if args.check:
        try:
            empaquetadas = E.leer(args.file)
        except ValueError as exc:
            print(f"calibraciones: {exc}", file=sys.stderr)
            return 1
        diferencias = E.comparar(empaquetadas, recalculadas)
        if diferencias:
            print(f"{args.file} is stale: {len(diferencias)} value(s) moved beyond a relative "
                  f"{E.TOLERANCIA_RELATIVA:g}:", file=sys.stderr)
            for linea in diferencias:
                print(f"  {linea}", file=sys.stderr)
            print(f"regenerate it with `{E.COMANDO}` and commit it", file=sys.stderr)
            return 1
        generado = empaquetadas["generated"]
        print(f"{args.file} is current (written {generado['date']} by pensiones {generado['version']})")
        return 0
    datos = E.validar({"generated": encabezado(), **recalculadas}, args.file)
    escribir(args.file, datos)
    print(f"wrote {args.file}")
    for seccion in ("calibracion_carreras", "fraccion_altas_ley73", "fraccion_minima_ley73"):
        for clave, valor in datos[seccion].items():
            print(f"  {seccion}.{clave} = {valor!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
