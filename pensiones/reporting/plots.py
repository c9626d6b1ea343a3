"""Plots of Results (matplotlib). Every function takes ``ax=None`` and returns the figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from pensiones.reporting.fiscal import COMPONENTES_FISCALES

__all__ = ["abanico_costo_fiscal", "componentes_pib", "tasas_reemplazo", "diferencia_reforma"]

ETIQUETAS = {
    "cuota_social": "Cuota social",
    "aportacion_estatal": "Aportación estatal",
    "ley73": "Ley 73",
    "pension_garantizada": "Pensión garantizada",
    "fondo_bienestar": "Fondo Bienestar",
    "pbam": "PBAM",
    "mujeres_bienestar": "Mujeres Bienestar",
    "transferencia_rcv_ley73": "CEAV transferred (Ley 73)",
    "total": "Total",
}


def _ax(ax, figsize=(9, 5)):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


def abanico_costo_fiscal(results, *, componentes=("total", "ley73", "pension_garantizada", "fondo_bienestar"), ax=None):
    """Fan chart: fiscal cost in % of GDP by component, mean with the 5-95 % band over paths."""
    fig, ax = _ax(ax)
    fc = results.fiscal_cost()
    fc = fc[fc.measure == "pct_pib"]
    for comp in componentes:
        part = fc[fc.component == comp].pivot(index="year", columns="stat", values="value")
        line = ax.plot(part.index, part["mean"], label=ETIQUETAS.get(comp, comp))[0]
        ax.fill_between(part.index, part["p5"], part["p95"], color=line.get_color(), alpha=0.2)
    ax.set_xlabel("year / año")
    ax.set_ylabel("% of GDP / % del PIB")
    ax.set_title(f"Fiscal cost, mean and 5-95 % band — {results.provenance['escenario']}")
    ax.legend()
    ax.grid(alpha=0.3)
    return fig


def componentes_pib(results, *, ax=None):
    """Stacked fiscal cost components in % of GDP (mean over paths); the CEAV transfer below zero."""
    fig, ax = _ax(ax)
    fc = results.fiscal_cost()
    fc = fc[(fc.measure == "pct_pib") & (fc.stat == "mean")].pivot(index="year", columns="component", values="value")
    positive = [c for c in COMPONENTES_FISCALES if c != "transferencia_rcv_ley73"]
    ax.stackplot(fc.index, [fc[c] for c in positive], labels=[ETIQUETAS[c] for c in positive], alpha=0.85)
    ax.fill_between(fc.index, fc["transferencia_rcv_ley73"], 0, color="grey", alpha=0.6, label=ETIQUETAS["transferencia_rcv_ley73"])
    ax.plot(fc.index, fc["total"], color="black", lw=1.5, label="Total")
    ax.set_xlabel("year / año")
    ax.set_ylabel("% of GDP / % del PIB")
    ax.set_title(f"Fiscal cost by component — {results.provenance['escenario']}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), fontsize=8, ncol=4)
    ax.grid(alpha=0.3)
    return fig


def tasas_reemplazo(results, *, ax=None):
    """Distribution of replacement rates (first pension / last salary) by sex and salary band."""
    fig, ax = _ax(ax)
    per = results.resultados_persona().join(results.personas, on="person")
    per = per[per.modalidad.isin([1, 2, 4])]
    data, labels = [], []
    for sexo in ("H", "M"):
        for banda in ("baja", "media", "alta"):
            g = per[(per.sexo == sexo) & (per.banda == banda)]
            if len(g):
                data.append(np.clip(g.tasa_reemplazo.to_numpy(), 0, 3))
                labels.append(f"{sexo} {banda}")
    ax.boxplot(data, showfliers=False)
    ax.set_xticks(range(1, len(labels) + 1), labels)
    ax.set_ylabel("replacement rate / tasa de reemplazo")
    ax.set_title("Replacement rates by sex (H = hombre, male; M = mujer, female) and salary band (records, all paths)", fontsize=10)
    ax.grid(alpha=0.3, axis="y")
    return fig


def diferencia_reforma(comparacion, *, componente="total", medida="pct_pib", ax=None, titulo=None):
    """Reform minus baseline with the 5-95 % band over paths (from :func:`pensiones.compare`)."""
    fig, ax = _ax(ax)
    part = comparacion[(comparacion.component == componente) & (comparacion.measure == medida)]
    part = part.pivot(index="year", columns="stat", values="value")
    ax.plot(part.index, part["mean"], color="C3", label="mean / media")
    ax.fill_between(part.index, part["p5"], part["p95"], color="C3", alpha=0.25, label="5-95 %")
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xlabel("year / año")
    ax.set_ylabel("% of GDP / % del PIB" if medida == "pct_pib" else "pesos")
    ax.set_title(titulo or f"Reform minus baseline: {ETIQUETAS.get(componente, componente)}")
    ax.legend()
    ax.grid(alpha=0.3)
    return fig
