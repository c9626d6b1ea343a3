"""Refit the stochastic macro model and write it, or check it (pensiones/engine/data/macro_var.json, macro_series.csv).

The annual series 1998-2025 of inflation, real wage growth, formal employment growth and the SAR system's
real return are computed from the package's cited rule tables (``inpc``, ``sbc_promedio_imss``,
``rendimiento_bruto_consar``: :func:`pensiones.engine.macro.series_anuales`), a VAR(1) is fitted to them
(:func:`pensiones.engine.macro.ajustar`) and both are written with a header saying what produced them and
where each series comes from.  Run it after the rule tables gain a year, and commit both files.

    PYTHONPATH=. python tools/ajustar_macro.py          # refit and write
    PYTHONPATH=. python tools/ajustar_macro.py --check  # refit and compare; exit 1 if the files are stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

#: Largest difference between a refitted and a shipped number for ``--check`` to call them equal.
TOLERANCIA = 1e-12


def _atomico(path: Path, texto: str) -> None:
    """Write ``texto`` to ``path`` whole or not at all (a temporary file renamed)."""
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as f:
        f.write(texto)
    os.replace(f.name, path)


def _csv(series) -> str:
    return series.to_csv(index=False, lineterminator="\n", float_format="%.10g")


def main(argv: list[str] | None = None) -> int:
    import pensiones
    from pensiones._jit import rule_data_hash
    from pensiones.engine import macro

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare the refit with the files and exit 1 if they differ; write nothing")
    args = parser.parse_args(argv)

    series = macro.series_anuales()
    fit = macro.ajustar(series)
    ajuste = macro.a_json(fit)
    if args.check:
        try:
            viejo = macro.leer.__wrapped__(macro.ARCHIVO)
            texto = macro.ARCHIVO_SERIES.read_text(encoding="utf-8")
        except (ValueError, OSError) as exc:
            print(f"ajustar_macro: {exc}", file=sys.stderr)
            return 1
        distintos = [c for c in fit._fields[3:]
                     if not np.allclose(getattr(fit, c), getattr(viejo, c), rtol=0, atol=TOLERANCIA)]
        if texto != _csv(series):
            distintos.append(macro.ARCHIVO_SERIES.name)
        if distintos or viejo.anios != fit.anios:
            print(f"stale: {', '.join(distintos) or 'anios'}; write them again with `{macro.COMANDO}`", file=sys.stderr)
            return 1
        print(f"{macro.ARCHIVO} and {macro.ARCHIVO_SERIES.name} are current")
        return 0
    datos = {
        "generated": {
            "command": macro.COMANDO, "version": pensiones.__version__, "date": dt.date.today().isoformat(),
            "numpy": np.__version__, "rule_data_hash": rule_data_hash(),
            "series": f"{macro.ARCHIVO_SERIES.name}: years {int(series.year.iloc[0])}-{int(series.year.iloc[-1])}",
        },
        "fuentes": dict(macro.FUENTES),
        "ajuste": ajuste,
    }
    _atomico(macro.ARCHIVO_SERIES, _csv(series))
    _atomico(macro.ARCHIVO, json.dumps(datos, indent=2) + "\n")
    macro.leer.cache_clear()
    macro.leer()  # the reader accepts what was written
    print(f"wrote {macro.ARCHIVO_SERIES} ({len(series)} years) and {macro.ARCHIVO}")
    for i, (nombre, media, sd) in enumerate(zip(macro.VARIABLES, fit.media, np.sqrt(np.diag(fit.covarianza_media)))):
        print(f"  {nombre}: fitted mean {media:.4f} (sd of the mean {sd:.4f}), "
              f"sd of a year's shock {np.sqrt(fit.covarianza[i, i]):.4f}")
    print(f"  eigenvalue moduli of A: {', '.join(f'{m:.3f}' for m in ajuste['autovalores_modulo'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
