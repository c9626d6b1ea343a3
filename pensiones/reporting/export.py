"""Export Results: CSV, Parquet and one Excel workbook (a sheet per table), with provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

__all__ = ["export", "tablas_resultado"]

FORMATOS = ("csv", "parquet", "xlsx")


def tablas_resultado(results) -> dict[str, pd.DataFrame]:
    """The tables a run produces, by name."""
    tables = {
        "costo_fiscal": results.fiscal_cost(),
        "anuales": results.anuales,
        "ledger": results.ledger,
    }
    if results.outcomes_array is not None:
        tables["resultados"] = results.outcomes()
    prov = {k: (json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in results.provenance.items()}
    tables["procedencia"] = pd.DataFrame({"clave": list(prov), "valor": [str(v) for v in prov.values()]})
    return tables


def export(results, folder, *, formatos=FORMATOS, extra: dict[str, pd.DataFrame] | None = None) -> list[Path]:
    """Write every table in each format to ``folder`` plus ``provenance.json``; return the paths.

    Parameters
    ----------
    results : Results
    folder : path
        Created if missing.
    formatos : iterable of {"csv", "parquet", "xlsx"}
        CSV and Parquet write one file per table; xlsx writes ``resultados.xlsx`` with a sheet per table.
    extra : dict, optional
        More tables to write alongside (e.g. a comparison).
    """
    formatos = tuple(formatos)
    bad = [f for f in formatos if f not in FORMATOS]
    if bad:
        raise ValueError(f"formatos must be among {', '.join(FORMATOS)}; got {', '.join(bad)}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    tables = tablas_resultado(results)
    tables.update(extra or {})
    written = []
    for name, table in tables.items():
        if "csv" in formatos:
            path = out / f"{name}.csv"
            table.to_csv(path, index=False)
            written.append(path)
        if "parquet" in formatos:
            path = out / f"{name}.parquet"
            table.to_parquet(path, index=False)
            written.append(path)
    if "xlsx" in formatos:
        path = out / "resultados.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, table in tables.items():
                if len(table) > 1_000_000:
                    continue  # over Excel's row limit: in CSV/Parquet only
                table.to_excel(writer, sheet_name=name[:31], index=False)
        written.append(path)
    path = out / "provenance.json"
    path.write_text(json.dumps(results.provenance, indent=2, default=str), encoding="utf-8")
    written.append(path)
    return written
