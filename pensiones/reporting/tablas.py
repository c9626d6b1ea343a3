"""Tidy tables from Results: fiscal cost with bands, outcomes, ledger, yearly series, and the
baseline-reform comparison. Every table names its columns in English and carries a ``unit``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pensiones._validation import check_integer, check_number
from pensiones.engine import componentes as C
from pensiones.reporting.fiscal import FISCAL_COMPONENTS

__all__ = [
    "costo_fiscal_paths",
    "fiscal_cost",
    "outcomes",
    "compare",
    "present_value",
    "ledger",
    "annual_series",
    "ESTADISTICOS",
    "UNITS",
    "MEASURE_UNITS",
    "CURRENCY",
    "PRICE_BASE",
    "SEX_CODES",
    "comprobar_medidas",
    "MedidaFueraDeRangoError",
    "PESOS_MAX",
    "PCT_PIB_MAX",
]

ESTADISTICOS = ("mean", "p5", "p50", "p95")

#: Currency of every amount (ISO 4217).
CURRENCY = "MXN"
#: How constant pesos are obtained.
PRICE_BASE = "2025 pesos: nominal pesos divided by the INPC of June of the year over the INPC of June 2025"
#: The values of the ``unit`` column, and what each means.
UNITS = {
    "MXN": "nominal Mexican pesos (current prices of the year)",
    "MXN_2025": "Mexican pesos at constant prices of 2025 (see the price base)",
    "pct_GDP": "percent of nominal GDP (1.0 means 1 % of GDP)",
    "fraction": "share or rate as a fraction (0.25 means 25 %)",
    "persons": "people represented (sum of record weights)",
    "index_2025": "price index relative to 2025 (INPC of June over INPC of June 2025; 1.0 in 2025)",
}
#: Unit of each ``measure`` of :func:`fiscal_cost` and :func:`compare`.
MEASURE_UNITS = {"nominal": "MXN", "constante_2025": "MXN_2025", "pct_pib": "pct_GDP"}
#: Sex codes of the population and the outcome groups (Spanish initials, as in IMSS data).
SEX_CODES = {"H": "hombre (male)", "M": "mujer (female)"}
#: Unit of each column of ``Results.yearly``.
_ANNUAL_UNITS = {"pib": "MXN", "deflactor": "index_2025", "ley73_stock": "MXN", "pbam": "MXN", "mujeres_bienestar": "MXN"}


#: Largest amount of a fiscal line in a year and path, in pesos (nominal or constant 2025): the
#: exact range of the integer ledger (2**62 hundredths, about 4.6 x 10^16 pesos).
PESOS_MAX = 2.0**62 / 100.0
#: Largest fiscal cost of a line (or the total) in a year and path, in percent of that year's GDP.
#: The whole cost of the pension system is a few percent of GDP; a cost above GDP means an
#: assumption, an overlay or the record weights are out of range, not a projection.
PCT_PIB_MAX = 100.0


class MedidaFueraDeRangoError(ValueError):
    """A fiscal measure (nominal, constant 2025 pesos or % of GDP) is not finite or beyond its bound."""


def _origen(results) -> str:
    esc = getattr(results, "escenario", None)
    reformas = [r.etiqueta(i) + f" {r.cambio()}" for i, r in enumerate(getattr(esc, "reformas", ()) or (), start=1)]
    text = "check supuestos.inflacion, supuestos.crecimiento_real_pib, the record weights (Population.peso)"
    if reformas:
        text += f" and the scenario's overlays: {'; '.join(reformas[:5])}{' ...' if len(reformas) > 5 else ''}"
    return text


def comprobar_medidas(results, arrays: dict[str, np.ndarray] | None = None):
    """Raise unless every fiscal measure of ``results`` is finite and within its plausible bound.

    The integer ledger guards nominal pesos; this guards what is derived from it and the yearly
    series: GDP and the deflator must be finite and positive, and each line of
    :func:`costo_fiscal_paths` (and ``arrays`` if given), in every path and year, must lie within
    :data:`PESOS_MAX` in nominal and constant 2025 pesos and within :data:`PCT_PIB_MAX` % of GDP.

    Returns
    -------
    Results
        ``results`` itself, so a caller can write ``return comprobar_medidas(Results(...))``.

    Raises
    ------
    MedidaFueraDeRangoError
        Naming the line, the year, the measure, the value and the assumptions to check.
    """
    a = results.yearly
    years = np.asarray(results.years)
    for serie in ("pib", "deflactor"):
        values = a[serie].to_numpy(dtype=float)
        bad = ~(np.isfinite(values) & (values > 0) & (values < PESOS_MAX))
        if bad.any():
            k = int(np.argmax(bad))
            raise MedidaFueraDeRangoError(
                f"yearly series {serie!r} is {values[k]:.3g} in {int(years[k])}: it must be finite and positive; "
                f"{_origen(results)}"
            )
    deflactor = a["deflactor"].to_numpy(dtype=float)[None, :]
    pib = a["pib"].to_numpy(dtype=float)[None, :]
    for component, values in (arrays if arrays is not None else costo_fiscal_paths(results)).items():
        values = np.asarray(values, dtype=float)
        for measure, scaled, limit in (
            ("nominal", values, PESOS_MAX),
            ("constante_2025", values / deflactor, PESOS_MAX),
            ("pct_pib", 100.0 * values / pib, PCT_PIB_MAX),
        ):
            bad = ~(np.abs(scaled) <= limit)
            if bad.any():
                p, y = np.unravel_index(int(np.argmax(bad)), bad.shape)
                unit = MEASURE_UNITS[measure]
                raise MedidaFueraDeRangoError(
                    f"fiscal cost {component!r} in {int(years[y])} (path {int(p)}), measure {measure}: "
                    f"{scaled[p, y]:.3g} {unit} is outside the plausible range |value| <= {limit:.3g} {unit}; "
                    f"{_origen(results)}"
                )
    return results


def costo_fiscal_paths(results) -> dict[str, np.ndarray]:
    """Nominal fiscal cost by component, arrays (paths, years); ``total`` is their sum."""
    a = results.yearly
    paths = results.paths
    out = {
        "cuota_social": results.component("cuota_social"),
        "aportacion_estatal": results.component("aportacion_estatal"),
        "ley73": results.component("ley73") + a["ley73_stock"].to_numpy()[None, :],
        "pension_garantizada": results.component("pension_garantizada"),
        "fondo_bienestar": results.component("fondo_bienestar"),
        "pbam": np.repeat(a["pbam"].to_numpy()[None, :], paths, axis=0),
        "mujeres_bienestar": np.repeat(a["mujeres_bienestar"].to_numpy()[None, :], paths, axis=0),
        "transferencia_rcv_ley73": results.component("transferencia_rcv_ley73"),
        "licencias_140bis": results.lines["licencias_140bis"].costo,
        "sobrevivientes_ley73": results.component("sobrevivientes_ley73"),
        "sobrevivientes_pg": results.component("sobrevivientes_pg"),
    }
    assert tuple(out) == FISCAL_COMPONENTS
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
    comprobar_medidas(results, arrays)
    a = results.yearly
    frames = []
    for component, values in arrays.items():
        for measure, scaled in (
            ("nominal", values),
            ("constante_2025", values / a["deflactor"].to_numpy()[None, :]),
            ("pct_pib", 100.0 * values / a["pib"].to_numpy()[None, :]),
        ):
            for stat, v in _stats(scaled).items():
                frames.append(
                    pd.DataFrame(
                        {
                            "year": results.years,
                            "component": component,
                            "measure": measure,
                            "stat": stat,
                            "value": v,
                            "unit": MEASURE_UNITS[measure],
                        }
                    )
                )
    return pd.concat(frames, ignore_index=True)


def fiscal_cost(results) -> pd.DataFrame:
    """Fiscal cost by year and component (see :meth:`pensiones.Results.fiscal_cost`).

    Returns
    -------
    pandas.DataFrame
        Tidy: ``year``, ``component``, ``measure`` (``nominal``, ``constante_2025``, ``pct_pib``),
        ``stat`` (``mean``, ``p5``, ``p50``, ``p95`` over paths), ``value`` and ``unit``
        (``MXN``, ``MXN_2025``, ``pct_GDP``: see :data:`UNITS`).
    """
    return _tidy(costo_fiscal_paths(results), results)


def _component_unit(name: str) -> str:
    if name in C.CONTEOS:
        return "persons"
    if name in C.FISCALES or name in C.FLUJOS:
        return "MXN"
    raise ValueError(f"no unit is known for ledger component {name!r}; add it to pensiones.engine.componentes")


def ledger(results) -> pd.DataFrame:
    """The simulated ledger, tidy: ``year``, ``path``, ``component``, ``value``, ``unit``.

    ``unit`` is ``MXN`` (nominal pesos) for fiscal components and account flows and ``persons``
    (people represented) for the counts of :data:`pensiones.engine.componentes.CONTEOS`.
    """
    paths, years, k = results.ledger_array.shape
    names = C.COMPONENTES[:k]
    units = np.array([_component_unit(c) for c in names], dtype=object)
    idx = pd.MultiIndex.from_product([range(paths), results.years, names], names=["path", "year", "component"])
    frame = pd.DataFrame({"value": results.ledger_array.reshape(-1) / 100.0}, index=idx).reset_index()
    frame["unit"] = np.tile(units, paths * years)
    return frame[["year", "path", "component", "value", "unit"]]


def annual_series(results) -> pd.DataFrame:
    """``Results.yearly`` as a tidy table: ``year``, ``series``, ``value``, ``unit``.

    Series: ``pib`` (nominal GDP), ``deflactor`` (``index_2025``), ``ley73_stock`` (Ley 73
    pensions in payment at the start, run off), ``pbam`` and ``mujeres_bienestar`` (cost for the
    whole population), all in ``MXN`` except the deflator.
    """
    a = results.yearly
    unknown = [c for c in a.columns if c != "year" and c not in _ANNUAL_UNITS]
    if unknown:
        raise ValueError(f"no unit is known for yearly series {', '.join(unknown)}; add it to pensiones.reporting.tablas")
    frames = [
        pd.DataFrame({"year": a["year"].to_numpy(), "series": c, "value": a[c].to_numpy(dtype=float), "unit": _ANNUAL_UNITS[c]})
        for c in a.columns
        if c != "year"
    ]
    return pd.concat(frames, ignore_index=True)


#: Groupings of ``outcomes(by=...)``: by record (sex, salary band, both, generation) or by person-path
#: (the year the pension was granted, which differs between paths).
AGRUPACIONES = ("sexo", "banda", "sexo_banda", "generacion", "anio_retiro")


def grupos_personas(results, by=("sexo", "banda", "sexo_banda")):
    """The outcome groups as (kind, name, boolean mask): everyone first, then each grouping of ``by``.

    Masks are over records (persons) or, for ``anio_retiro``, over (paths, persons).  ``H`` = hombre,
    male; ``M`` = mujer, female.
    """
    info = results.personas
    sexo, banda = info["sexo"].to_numpy(), info["banda"].to_numpy()
    yield "todos", "todos", np.ones(len(info), dtype=bool)
    for kind in by:
        if kind == "sexo":
            for s in ("H", "M"):
                yield "sexo", s, sexo == s
        elif kind == "banda":
            for b in ("baja", "media", "alta"):
                yield "banda", b, banda == b
        elif kind == "sexo_banda":
            for s in ("H", "M"):
                for b in ("baja", "media", "alta"):
                    yield "sexo_banda", f"{s}_{b}", (sexo == s) & (banda == b)
        elif kind == "generacion":
            generacion = info["generacion"].to_numpy()
            for g in ("ley73_transicion", "ley97"):
                yield "generacion", g, generacion == g
        elif kind == "anio_retiro":
            anio = results.outcomes_array[:, :, C.O_ANIO_RETIRO]
            for t in np.unique(anio[np.isfinite(anio)]).astype(int):
                yield "anio_retiro", str(t), anio == t


def _resultados_grupo(results, mask: np.ndarray):
    """Flat arrays over (path, record in ``mask``): modality, replacement rate, Fondo complement, weight.

    Works on the kernel's (paths, persons, outcomes) array directly: memory is a few copies of the
    group's person-paths, never a person-path DataFrame.
    """
    if results.outcomes_array is None:
        raise ValueError("per-person outcomes were not requested: simulate(..., outcomes=True)")
    peso = results.personas["peso"].to_numpy()
    if mask.ndim == 2:  # a mask over (paths, persons)
        w = np.broadcast_to(peso[None, :], mask.shape)[mask]
        out = results.outcomes_array[mask]
        return out[:, C.O_MODALIDAD], out[:, C.O_TASA_REEMPLAZO], out[:, C.O_COMPLEMENTO_FONDO], w
    out = results.outcomes_array[:, mask, :]
    w = np.broadcast_to(peso[mask][None, :], out.shape[:2]).reshape(-1)
    return (
        out[:, :, C.O_MODALIDAD].reshape(-1),
        out[:, :, C.O_TASA_REEMPLAZO].reshape(-1),
        out[:, :, C.O_COMPLEMENTO_FONDO].reshape(-1),
        w,
    )


def mediana_ponderada(x: np.ndarray, w: np.ndarray) -> float:
    """Weighted median: the smallest value whose cumulative weight reaches half the total (NaN if empty)."""
    if not len(x):
        return np.nan
    order = np.argsort(x, kind="stable")
    return float(x[order][np.searchsorted(np.cumsum(w[order]), w.sum() / 2.0)])


def reemplazo_pensionados(results, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Replacement rates and weights of the person-paths of ``mask`` that retired with a pension."""
    modalidad, tasa, _, w = _resultados_grupo(results, mask)
    pensioned = np.isin(modalidad, C.CON_PENSION)
    return tasa[pensioned], w[pensioned]


def _media(x: np.ndarray, w: np.ndarray) -> float:
    """Weighted mean over the finite values (NaN if none)."""
    ok = np.isfinite(x)
    return float(np.average(x[ok], weights=w[ok])) if ok.any() and w[ok].sum() > 0 else np.nan


def outcomes(results, by=None) -> pd.DataFrame:
    """Aggregated outcomes of the people who retire within the horizon, over all paths.

    Parameters
    ----------
    by : str or sequence of str, optional
        Groupings after everyone: any of ``AGRUPACIONES`` (``sexo``, ``banda``, ``sexo_banda``,
        ``generacion`` -- ``ley73_transicion`` / ``ley97`` --, ``anio_retiro`` -- the year the
        pension was granted).  Default: ``sexo``, ``banda`` and ``sexo_banda``.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group`` is the kind (``todos``, ``sexo``, ``banda``, ``sexo_banda``)
        and ``value`` the group (``todos``; ``H`` = hombre, male, ``M`` = mujer, female; salary
        band ``baja`` <= 2/3, ``media``, ``alta`` > 4/3 of the average SBC; ``H_baja`` ...).
        Columns: ``retirees_persons`` (people represented, averaged over paths, in persons);
        ``replacement_rate_mean`` and ``replacement_rate_p50`` (first pension / last monthly
        SBC, pensioners only, weighted; without complements); ``replacement_rate_with_fondo_mean``
        (pension plus the Fondo Bienestar complement), ``net_replacement_rate_mean`` and
        ``net_replacement_rate_with_fondo_mean`` (after ISR and the worker's IMSS contributions on the
        last wage and ISR on the pension, :mod:`pensiones.impuestos`; pensions granted from 2024);
        shares of retirees ``share_pensioned``,
        ``share_ley73``, ``share_renta_vitalicia``, ``share_pension_garantizada``,
        ``share_negativa`` (negativa de pension), ``share_fondo_bienestar``; and ``unit``
        (``fraction``: the unit of the rates and shares).
    """
    if by is None:
        by = ("sexo", "banda", "sexo_banda")
    elif isinstance(by, str):
        by = (by,)
    by = tuple(by)
    bad = [b for b in by if b not in AGRUPACIONES]
    if bad:
        raise ValueError(f"by must be among {', '.join(AGRUPACIONES)}; got {', '.join(map(repr, bad))}")
    if results.outcomes_array is None:
        raise ValueError("per-person outcomes were not requested: simulate(..., outcomes=True)")
    from pensiones.reporting.neto import tasas_netas

    netas = tasas_netas(results)
    rows = []
    for kind, name, mask in grupos_personas(results, by):
        modalidad, tasa, complemento, w = _resultados_grupo(results, mask)
        fondo_b, neta, neta_f = (x[mask] if mask.ndim == 2 else x[:, mask].reshape(-1) for x in netas)
        retired = modalidad != C.ACTIVO
        total = float(w[retired].sum())
        pensioned = np.isin(modalidad, C.CON_PENSION)
        rr, wr = tasa[pensioned], w[pensioned]

        def share(mask, w=w, total=total):
            return float(w[mask].sum() / total) if total > 0 else np.nan

        rows.append(
            {
                "group": kind,
                "value": name,
                "retirees_persons": total / results.paths,
                "replacement_rate_mean": float(np.average(rr, weights=wr)) if len(rr) else np.nan,
                "replacement_rate_p50": mediana_ponderada(rr, wr),
                "replacement_rate_with_fondo_mean": _media(fondo_b[pensioned], wr),
                "net_replacement_rate_mean": _media(neta[pensioned], wr),
                "net_replacement_rate_with_fondo_mean": _media(neta_f[pensioned], wr),
                "share_pensioned": share(pensioned),
                "share_ley73": share(modalidad == C.LEY73),
                "share_renta_vitalicia": share(modalidad == C.RENTA_VITALICIA),
                "share_pension_garantizada": share(modalidad == C.PENSION_GARANTIZADA),
                "share_negativa": share(modalidad == C.NEGATIVA),
                "share_fondo_bienestar": share(retired & (complemento > 0)),
                "unit": "fraction",
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
        Tidy: year, component, measure (nominal, constante_2025, pct_pib), stat, value, unit
        (``MXN``, ``MXN_2025``, ``pct_GDP``).
    """
    _mismas_corridas(baseline, reform, "compare")
    b, r = costo_fiscal_paths(baseline), costo_fiscal_paths(reform)
    diff = {k: r[k] - b[k] for k in b}
    return _tidy(diff, baseline)  # constant pesos and % of GDP with the baseline's deflator and GDP


#: Range of the real discount rate of :func:`present_value`, decimal.
TASA_DESCUENTO_RANGO = (0.0, 0.10)


def _mismas_corridas(baseline, reform, what: str) -> None:
    for key in ("seed", "paths", "personas", "anios", "poblacion_hash"):
        if baseline.provenance.get(key) != reform.provenance.get(key):
            raise ValueError(
                f"{what} needs runs on the same {key}: baseline {baseline.provenance.get(key)!r}, reform {reform.provenance.get(key)!r}"
            )


def present_value(resultados, reforma=None, *, tasa_descuento: float = 0.03, anio_base: int = 2025) -> pd.DataFrame:
    """Present value of the fiscal cost over the run's years, in constant 2025 pesos and % of GDP.

    Parameters
    ----------
    resultados : Results
        A run (:func:`pensiones.simulate`).  Alone: the present value of each of its components.
    reforma : Results, optional
        A second run on the same population, seed, paths and years: the present value of
        ``reforma - resultados``, path by path (common random numbers, as :func:`compare`).
    tasa_descuento : float
        Real discount rate a year, decimal (default 0.03; range [0, 0.10]): applied to constant
        2025 pesos, so it is a rate over inflation.
    anio_base : int
        Year the values are discounted to (default 2025), one of the run's years.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``component`` (:data:`~pensiones.reporting.FISCAL_COMPONENTS` and ``total``),
        ``measure`` (``constante_2025``: pesos of 2025; ``pct_pib``: percent of the GDP of
        ``anio_base`` in 2025 pesos), ``stat`` (``mean``, ``p5``, ``p50``, ``p95`` of the paths'
        present values), ``value``, ``unit`` (``MXN_2025``, ``pct_GDP``), ``discount_rate`` and
        ``base_year``.

    Notes
    -----
    For path ``p`` and component ``c``, with ``x[p, t]`` the cost of year ``t`` in 2025 pesos
    (nominal over the June INPC ratio, as :func:`fiscal_cost`), ``r`` the rate and ``b`` the base year:
    ``VP[p] = sum_t x[p, t] / (1 + r) ** (t - b)``, and ``100 x VP[p] / (PIB[b] / deflactor[b])``.
    Years before ``b`` are compounded forward.  The mean of the paths' present values is the
    present value of the yearly means; the percentiles are of the present values, not sums of
    yearly percentiles.  The % of GDP of a comparison uses the baseline's GDP, as :func:`compare`.

    Examples
    --------
    >>> import pensiones
    >>> pop = pensiones.Population.synthetic(300, seed=2)
    >>> base = pensiones.simulate(pop, paths=2, seed=1, end=2030)
    >>> vp = pensiones.reporting.present_value(base, tasa_descuento=0.03)
    >>> sorted(vp.measure.unique()), sorted(vp.stat.unique())
    (['constante_2025', 'pct_pib'], ['mean', 'p5', 'p50', 'p95'])
    >>> null = pensiones.simulate(pop, pensiones.Scenario.default().with_reform(
    ...     {"tabla": "uma", "desde": "2027-02-01", "factor": 1.0}), paths=2, seed=1, end=2030)
    >>> float(pensiones.reporting.present_value(base, null)["value"].abs().max())
    0.0
    """
    r = check_number("tasa_descuento", tasa_descuento, minimum=TASA_DESCUENTO_RANGO[0], maximum=TASA_DESCUENTO_RANGO[1])
    years = np.asarray(resultados.years)
    b = check_integer("anio_base", anio_base, minimum=int(years[0]), maximum=int(years[-1]))
    costos = costo_fiscal_paths(resultados)
    if reforma is not None:
        _mismas_corridas(resultados, reforma, "present_value")
        otros = costo_fiscal_paths(reforma)
        costos = {k: otros[k] - costos[k] for k in costos}
    a = resultados.yearly
    deflactor = a["deflactor"].to_numpy(dtype=float)
    k = int(np.flatnonzero(years == b)[0])
    pib_base = float(a["pib"].to_numpy(dtype=float)[k] / deflactor[k])  # GDP of the base year, 2025 pesos
    descuento = (1.0 + r) ** -(years - b).astype(float)
    frames = []
    for component, values in costos.items():
        vp = (values / deflactor[None, :] * descuento[None, :]).sum(axis=1)
        for measure, scaled in (("constante_2025", vp), ("pct_pib", 100.0 * vp / pib_base)):
            for stat, v in _stats(scaled[:, None]).items():
                frames.append({"component": component, "measure": measure, "stat": stat, "value": float(v[0]),
                               "unit": MEASURE_UNITS[measure], "discount_rate": r, "base_year": b})
    return pd.DataFrame(frames)
