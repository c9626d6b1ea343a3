"""Tidy tables from Results: fiscal cost with bands, outcomes, and baseline-reform comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pensiones.reporting.fiscal import COMPONENTES_FISCALES

__all__ = ["costo_fiscal_paths", "fiscal_cost", "outcomes", "compare", "ESTADISTICOS"]

ESTADISTICOS = ("mean", "p5", "p50", "p95")


def costo_fiscal_paths(results) -> dict[str, np.ndarray]:
    """Nominal fiscal cost by component, arrays (paths, years); ``total`` is their sum."""
    a = results.anuales
    paths = results.paths
    out = {
        "cuota_social": results.componente("cuota_social"),
        "aportacion_estatal": results.componente("aportacion_estatal"),
        "ley73": results.componente("ley73") + a["ley73_stock"].to_numpy()[None, :],
        "pension_garantizada": results.componente("pension_garantizada"),
        "fondo_bienestar": results.componente("fondo_bienestar"),
        "pbam": np.repeat(a["pbam"].to_numpy()[None, :], paths, axis=0),
        "mujeres_bienestar": np.repeat(a["mujeres_bienestar"].to_numpy()[None, :], paths, axis=0),
        "transferencia_rcv_ley73": results.componente("transferencia_rcv_ley73"),
    }
    assert tuple(out) == COMPONENTES_FISCALES
    out["total"] = sum(out.values())
    return out


def _stats(values: np.ndarray) -> dict[str, np.ndarray]:
    return {
        "mean": values.mean(axis=0),
        "p5": np.percentile(values, 5, axis=0),
        "p50": np.percentile(values, 50, axis=0),
        "p95": np.percentile(values, 95, axis=0),
    }


def _tidy(arrays: dict[str, np.ndarray], results) -> pd.DataFrame:
    a = results.anuales
    frames = []
    for component, values in arrays.items():
        for measure, scaled in (
            ("nominal", values),
            ("constante_2025", values / a["deflactor"].to_numpy()[None, :]),
            ("pct_pib", 100.0 * values / a["pib"].to_numpy()[None, :]),
        ):
            for stat, v in _stats(scaled).items():
                frames.append(pd.DataFrame({"year": results.years, "component": component, "measure": measure, "stat": stat, "value": v}))
    return pd.concat(frames, ignore_index=True)


def fiscal_cost(results) -> pd.DataFrame:
    """Fiscal cost by year and component (see :meth:`pensiones.Results.fiscal_cost`)."""
    return _tidy(costo_fiscal_paths(results), results)


def outcomes(results) -> pd.DataFrame:
    """Aggregated outcomes of the people who retire within the horizon, over all paths.

    Returns one row per group (``todos``, each sex, each salary band, each sex x band) with
    ``jubilados`` (people represented, averaged over paths), ``tasa_reemplazo_media`` and
    ``tasa_reemplazo_p50`` (first pension / last monthly SBC, pensioners only), and shares of
    retirees: ``con_pension``, ``ley73``, ``renta_vitalicia``, ``pension_garantizada``,
    ``negativa``, ``fondo_bienestar``.
    """
    per = results.resultados_persona()
    info = results.personas
    per = per.join(info, on="person")
    retired = per[per["modalidad"] > 0]
    groups = [("todos", "todos", retired)]
    for sexo in ("H", "M"):
        groups.append(("sexo", sexo, retired[retired.sexo == sexo]))
    for banda in ("baja", "media", "alta"):
        groups.append(("banda", banda, retired[retired.banda == banda]))
    for sexo in ("H", "M"):
        for banda in ("baja", "media", "alta"):
            groups.append(("sexo_banda", f"{sexo}_{banda}", retired[(retired.sexo == sexo) & (retired.banda == banda)]))
    rows = []
    for kind, name, g in groups:
        w = g["peso"].to_numpy()
        total = w.sum()
        pensioned = g[g.modalidad.isin([1, 2, 4])]
        rr = pensioned["tasa_reemplazo"].to_numpy()
        wr = pensioned["peso"].to_numpy()

        def share(mask, w=w, total=total):
            return float(w[mask].sum() / total) if total > 0 else np.nan

        order = np.argsort(rr)
        median = float(rr[order][np.searchsorted(np.cumsum(wr[order]), wr.sum() / 2.0)]) if len(rr) else np.nan
        rows.append(
            {
                "grupo": kind,
                "valor": name,
                "jubilados": total / results.paths,
                "tasa_reemplazo_media": float(np.average(rr, weights=wr)) if len(rr) else np.nan,
                "tasa_reemplazo_p50": median,
                "con_pension": share(g.modalidad.isin([1, 2, 4]).to_numpy()),
                "ley73": share((g.modalidad == 4).to_numpy()),
                "renta_vitalicia": share((g.modalidad == 1).to_numpy()),
                "pension_garantizada": share((g.modalidad == 2).to_numpy()),
                "negativa": share((g.modalidad == 3).to_numpy()),
                "fondo_bienestar": share((g.complemento_fondo > 0).to_numpy()),
            }
        )
    return pd.DataFrame(rows)


def compare(baseline, reform) -> pd.DataFrame:
    """Reform minus baseline, path by path (common random numbers), then mean and p5/p50/p95.

    Both runs must share the population, seed, paths and years.  A reform that changes nothing
    gives exactly zero.

    Returns
    -------
    pandas.DataFrame
        Tidy: year, component, measure (nominal, constante_2025, pct_pib), stat, value.
    """
    for key in ("seed", "paths", "personas", "anios", "poblacion_hash"):
        if baseline.provenance.get(key) != reform.provenance.get(key):
            raise ValueError(
                f"compare needs runs on the same {key}: baseline {baseline.provenance.get(key)!r}, reform {reform.provenance.get(key)!r}"
            )
    b, r = costo_fiscal_paths(baseline), costo_fiscal_paths(reform)
    diff = {k: r[k] - b[k] for k in b}
    return _tidy(diff, baseline)  # constant pesos and % of GDP with the baseline's deflator and GDP
