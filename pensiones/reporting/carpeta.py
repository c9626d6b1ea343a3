"""A run's folder: its tables (CSV and one workbook), charts and ``resumen.txt``.

:func:`escribir_resultados` writes them into a folder (an empty temporary one that
:func:`pensiones._atomic.atomic_folder` publishes whole); ``pensiones run`` and ``pensiones sweep`` write
through it. :func:`resumen` is the plain-text summary.
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from pensiones.engine import componentes as C
from pensiones.reporting.fiscal import FISCAL_COMPONENTS

from pensiones.reporting import plots as _plots

__all__ = ["escribir_resultados", "resumen", "FIGURES", "SUMMARY", "LABELS", "PAGADORES_ETIQUETAS", "archivos"]

#: Charts written by ``pensiones run`` (and, with a baseline, ``diferencia_reforma.png``).
FIGURES = ("costo_fiscal_abanico.png", "costo_fiscal_componentes.png", "tasas_reemplazo.png", "diferencia_reforma.png")
SUMMARY = "resumen.txt"

#: Labels of the payers and the fiscal components, for the summary: the charts' one dictionary (English).
PAGADORES_ETIQUETAS = _plots.PAGADORES_ETIQUETAS["en"]
LABELS = _plots.ETIQUETAS["en"]


def _years_shown(years) -> list[int]:
    years = [int(y) for y in years]
    if len(years) <= 10:
        return years
    step = 5 if len(years) <= 50 else 10
    shown = [y for y in years if (y - years[0]) % step == 0]
    return shown + ([years[-1]] if shown[-1] != years[-1] else [])


def _fmt(value: float, spec: str) -> str:
    return "n/a" if pd.isna(value) else format(value, spec)


#: Rows of the pensions block of ``resumen.txt``: (regime, type) -> label.
PENSIONES_ETIQUETAS = {
    ("ley73", "cesantia"): "Ley 73 cesantía",
    ("ley73", "vejez"): "Ley 73 vejez",
    ("ley73", "total"): "Ley 73, all",
    ("ley97", "cesantia"): "Ley 97 cesantía",
    ("ley97", "vejez"): "Ley 97 vejez",
    ("ley97", "renta_vitalicia"): "Ley 97 renta vitalicia",
    ("ley97", "pension_garantizada"): "Ley 97 pensión garantizada",
    ("ley97", "negativa_de_pension"): "Ley 97 negativa de pensión",
    ("ley97", "total"): "Ley 97, all",
    ("survivors", "viudez"): "survivors: viudez",
    ("survivors", "orfandad"): "survivors: orfandad",
    ("survivors", "total"): "survivors (new: families)",
}
#: Rows added to the block when the run modelled invalidity (a user's incidence table).
INVALIDEZ_ETIQUETAS = {
    ("ley73", "invalidez"): "Ley 73 invalidez",
    ("ley97", "invalidez"): "Ley 97 invalidez",
}


def _bloque_pensiones(results) -> list[str]:
    """New awards and people in payment by type, in the first year and in 2030 and 2050 when in range."""
    years = [int(results.years[0])] + [y for y in (2030, 2050) if y in set(int(v) for v in results.years[1:])]
    t = results.pensions(measure=["new", "in_payment"], stat="mean")
    t = t[t.year.isin(years)].set_index(["regime", "type", "measure", "year"])["value"]
    etiquetas = dict(PENSIONES_ETIQUETAS)
    if str(results.provenance.get("invalidez", "")).startswith("user"):
        etiquetas.update(INVALIDEZ_ETIQUETAS)
    width = max(len(v) for v in etiquetas.values()) + 2
    lines = ["", "Pensions, persons (mean over paths; pensions.csv has every type and the average pension)",
             " " * width + "".join(f"{'new ' + str(y):>13}" for y in years)
             + "".join(f"{'paid ' + str(y):>13}" for y in years)]
    for key, label in etiquetas.items():
        cells = []
        for measure in ("new", "in_payment"):
            for y in years:
                v = t.get((*key, measure, y))
                cells.append(f"{'-':>13}" if v is None else f"{v:13,.0f}")
        lines.append(f"{label:<{width}}" + "".join(cells))
    return lines


def resumen(results, comparacion=None, baseline: str | None = None) -> str:
    """The plain-text summary of a run (``resumen.txt``): fiscal cost by component, cost by payer, outcomes
    and (with ``comparacion``) the reform minus ``baseline``."""
    mean = results.fiscal_cost(measure="pct_GDP", stat="mean", wide=True)
    band = results.fiscal_cost(measure="pct_GDP", stat=["p5", "p95"], components="total").pivot(
        index="year", columns="stat", values="value")
    p = results.provenance
    years = _years_shown(mean.index)
    width = max(len(v) for v in LABELS.values()) + 4
    head = " " * width + "".join(f"{y:>8}" for y in years)
    lines = [
        f"pensiones {p['version']} - scenario {p['escenario']}: {results.scenario.description}",
        f"Seed {p['seed']}, {p['paths']} paths, {p['personas']:,} records, years {p['anios']}; "
        f"parameters {p['parametros_hash']}, population {p.get('poblacion_hash', 'n/a')}",
        "Amounts in Mexican pesos (MXN); constant pesos at 2025 prices (INPC of June). "
        "Sex: H = hombre (male), M = mujer (female).",
        "",
        f"Fiscal cost, % of GDP (mean over {p['paths']} paths; total with its 5-95 % band over paths)",
        head,
    ]
    components = [c for c in FISCAL_COMPONENTS if c in mean.columns]
    components += [c for c in mean.columns if c not in components and c != "total"]
    for c in components + ["total"]:
        lines.append(f"{LABELS.get(c, c):<{width}}" + "".join(f"{mean.loc[y, c]:8.3f}" for y in years))
    lines.append(f"{'  total, 5th percentile':<{width}}" + "".join(f"{band.loc[y, 'p5']:8.3f}" for y in years))
    lines.append(f"{'  total, 95th percentile':<{width}}" + "".join(f"{band.loc[y, 'p95']:8.3f}" for y in years))
    por_pagador = results.cost_by_payer(components="total", measure="pct_GDP", stat="mean", wide=True)
    por_pagador.columns = por_pagador.columns.get_level_values("payer")
    lines += ["", "Every peso by who pays, % of GDP (mean; costo_por_pagador.csv has each line)", head]
    for payer, label in PAGADORES_ETIQUETAS.items():
        if payer in por_pagador.columns:
            lines.append(f"{label:<{width}}" + "".join(f"{por_pagador.loc[y, payer]:8.3f}" for y in years))
    lines += _bloque_pensiones(results)
    if results.outcomes_array is not None:
        o = results.outcomes().set_index(["group", "value"])
        last = int(results.years[-1])
        lines += [
            "",
            f"Outcomes of the people retiring by {last} (weighted; shares of retirees)",
            f"{'':<22}{'retirees':>12}{'replacement rate':>18}{'':>8}{'with a':>9}{'guaranteed':>12}"
            f"{'negativa':>10}{'Fondo':>11}",
            f"{'':<22}{'(persons)':>12}{'mean':>18}{'median':>8}{'pension':>9}{'pension':>12}{'':>10}{'Bienestar':>11}",
        ]
        grupos = ((("all", "all"), "all"), (("sex", "men"), "men (H, hombres)"),
                  (("sex", "women"), "women (M, mujeres)"))
        for key, label in grupos:
            if key not in o.index:
                continue
            r = o.loc[key]
            lines.append(
                f"{label:<22}{r.retirees_persons:>12,.0f}{_fmt(r.replacement_rate_mean, '.2f'):>18}"
                f"{_fmt(r.replacement_rate_p50, '.2f'):>8}{_fmt(r.share_pensioned, '.1%'):>9}"
                f"{_fmt(r.share_pension_garantizada, '.1%'):>12}{_fmt(r.share_negativa, '.1%'):>10}"
                f"{_fmt(r.share_fondo_bienestar, '.1%'):>11}"
            )
    if comparacion is not None:
        c = comparacion[(comparacion.component == "total") & (comparacion.measure == "pct_GDP")].pivot(
            index="year", columns="stat", values="value"
        )
        lines += ["", f"Reform minus baseline ({baseline}), total fiscal cost, % of GDP: mean [5th, 95th percentile]"]
        for year in years:
            lines.append(f"  {year}: {c.loc[year, 'mean']:+.3f} [{c.loc[year, 'p5']:+.3f}, {c.loc[year, 'p95']:+.3f}]")
    return "\n".join(lines) + "\n"



def escribir_resultados(results, folder: Path, *, comparacion=None, baseline: str | None = None, fase=None,
                        note=None):
    """Write a run's files into ``folder`` (an existing, empty, temporary folder).

    Parameters
    ----------
    results : Results
    folder : pathlib.Path
    comparacion : DataFrame, optional
        :func:`pensiones.compare` of the baseline and ``results``: written as ``comparacion.csv`` and
        drawn as ``diferencia_reforma.png``.
    baseline : str, optional
        The baseline's name, for the summary and the chart's title.
    fase : callable, optional
        ``fase(label)`` gives a context manager around each phase (the command line shows progress);
        default none.
    note : callable, optional
        Receives notes about files not drawn (default: a ``UserWarning``).

    Returns
    -------
    (list of pathlib.Path, str)
        The paths written: the tables (CSV and ``resultados.xlsx``), the charts and ``resumen.txt``; and
        the summary text.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from pensiones.reporting import plots
    from pensiones.reporting.export import write_tables

    fase = fase or (lambda label: contextlib.nullcontext())
    note = note or _warn
    with fase("Writing tables (CSV and resultados.xlsx)"):
        written = write_tables(
            results, folder, formatos=("csv", "xlsx"),
            extra={"comparacion": comparacion} if comparacion is not None else None,
            note=note,
        )
    with fase("Drawing charts"):
        figures = {
            FIGURES[0]: lambda: plots.abanico_costo_fiscal(results),
            FIGURES[1]: lambda: plots.componentes_pib(results),
            FIGURES[2]: lambda: plots.tasas_reemplazo(results),
        }
        if comparacion is not None:
            titulo = f"{results.provenance['escenario']} minus {baseline}"
            figures[FIGURES[3]] = lambda: plots.diferencia_reforma(comparacion, titulo=titulo)
        for name, draw in figures.items():
            if name == FIGURES[2]:
                if results.outcomes_array is None:
                    continue  # outcomes not kept (pensiones sweep --no-outcomes)
                if not np.isin(results.outcomes_array[:, :, C.O_MODALIDAD], C.CON_PENSION).any():
                    note(f"{name} not drawn: nobody retires with a pension within the horizon of this run")
                    continue
            fig = draw()
            try:
                fig.savefig(folder / name, dpi=120, bbox_inches="tight")
            finally:
                plt.close(fig)
            written.append(folder / name)
    summary = resumen(results, comparacion, baseline)
    (folder / SUMMARY).write_text(summary, encoding="utf-8")
    written.append(folder / SUMMARY)
    return written, summary



def _warn(message: str) -> None:
    warnings.warn(message, UserWarning, stacklevel=3)


def archivos() -> frozenset:
    """Every file name :func:`escribir_resultados` may write (to recognise a previous run's files)."""
    from pensiones.reporting.export import LIBRARY_FILES

    return frozenset(LIBRARY_FILES | set(FIGURES) | {SUMMARY})
