"""Reading the uncertainty of a run: how likely a cost is to pass a level, and how wide its band is under
each source of uncertainty.

A run's paths are equally likely draws of the future the scenario describes (careers, returns and,
when the scenario asks for them, macroeconomic paths, behavioural parameters and the sample's error).
Everything here is a statistic over those paths:

- :func:`probability` (``Results.prob``): the share of paths on which a fiscal cost is above (or below)
  a level in a year, with its Monte Carlo standard error ``sqrt(p (1 - p) / paths)``;
- :func:`band_decomposition`: the 5-95 % band of one cost by year in several runs that differ only in
  the source of uncertainty switched on, side by side (drawn by
  :func:`pensiones.reporting.plots.abanico_fuentes`).

The mean's own Monte Carlo standard error is the ``se`` statistic of every table
(:data:`~pensiones.reporting.tablas.ESTADISTICOS`).
"""

from __future__ import annotations

import math

import attrs
import numpy as np
import pandas as pd

from pensiones._validation import check_integer, check_number
from pensiones.reporting.tablas import (
    _COMPONENTS_AND_TOTAL,
    MEASURE_UNITS,
    MEASURES,
    _ancho,
    _single_choice,
    _stats,
    comprobar_medidas,
    costo_fiscal_paths,
    measure_paths,
    seleccion,
)

__all__ = ["Probability", "probability", "band_decomposition", "BAND_STATS", "BAND_STATS_REFERENCE", "SIDES",
           "BAND_COLUMNS"]

#: The two sides of a level: the cost strictly ``above`` it, or strictly ``below`` it.
SIDES = ("above", "below")
#: Statistics of :func:`band_decomposition`, over each run's paths: the mean, the standard deviation
#: (``sd``, ddof=1), the 5th, 50th and 95th percentiles and the band's ``width`` (p95 - p5).
BAND_STATS = ("mean", "sd", "p5", "p50", "p95", "width")
#: Statistics added by ``band_decomposition(..., reference=label)``: each run's ``width`` over the
#: reference run's (``width_ratio``) and its variance over the reference's (``variance_ratio``).
BAND_STATS_REFERENCE = ("width_ratio", "variance_ratio")
#: Columns of the tidy table of :func:`band_decomposition`, in order.
BAND_COLUMNS = ("source", "year", "component", "measure", "stat", "value", "unit")
#: Provenance fields the runs of a band decomposition must share: the records, the years and the paths.
_MISMOS = ("poblacion_hash", "personas", "anios", "paths")


@attrs.frozen
class Probability:
    """The share of a run's paths on which a fiscal cost passes a level in a year.

    What :meth:`pensiones.Results.prob` returns.  ``float(p)`` is the share; ``p.se`` its Monte Carlo
    standard error.

    Attributes
    ----------
    value : float
        Share of the paths on which the cost is strictly above (``side="above"``) or below the level,
        a fraction in [0, 1].
    se : float
        Its Monte Carlo standard error, ``sqrt(value (1 - value) / paths)``, a fraction (0 when every
        path or none passes: see Notes).
    count : int
        Paths on which the cost passes the level.
    paths : int
        Paths of the run.
    component : str
        A fiscal component or ``total``.
    year : int
    measure : str
        ``MXN``, ``MXN_2025`` or ``pct_GDP``: the measure of the cost and of the level.
    level : float
        The level, in ``measure``.
    side : {"above", "below"}

    Notes
    -----
    The paths are independent, equally likely draws, so the count is binomial: ``value = count / paths``
    estimates the probability and ``sqrt(value (1 - value) / paths)`` is the standard error of that
    estimate.  When no path (or every path) passes, the estimate is 0 (or 1) with a zero standard error
    that says nothing about a rare event: the probability is then below about ``3 / paths`` (above
    ``1 - 3 / paths``) with 95 % confidence (the "rule of three").
    """

    value: float
    se: float
    count: int
    paths: int
    component: str
    year: int
    measure: str
    level: float
    side: str

    @property
    def unit(self) -> str:
        """The unit of :attr:`level` (each measure's id is its unit)."""
        return MEASURE_UNITS[self.measure]

    def __float__(self) -> float:
        return float(self.value)

    def __repr__(self) -> str:
        return (
            f"Probability({self.component} {self.year} {self.side} {self.level:g} {self.unit}: "
            f"{self.value:.3g}, se {self.se:.2g}; {self.count} of {self.paths} paths)"
        )


def _costo(results, component, year, measure, what: str) -> tuple[str, int, str, np.ndarray]:
    """The checked component, year and measure, and the cost of that year on each path, in ``measure``."""
    component = _single_choice(what, "component", component, _COMPONENTS_AND_TOTAL)
    measure = _single_choice(what, "measure", measure, MEASURES)
    years = np.asarray(results.years)
    year = check_integer("year", year, minimum=int(years[0]), maximum=int(years[-1]))
    arrays = costo_fiscal_paths(results)
    comprobar_medidas(results, arrays)
    k = int(np.flatnonzero(years == year)[0])
    return component, year, measure, measure_paths(results, arrays[component], measure)[:, k]


def probability(results, component: str, year: int, *, above: float | None = None, below: float | None = None,
                measure: str = "pct_GDP") -> Probability:
    """The share of the run's paths on which a fiscal cost is above (or below) a level in a year.

    Parameters
    ----------
    results : Results
        A run (:func:`pensiones.simulate`).
    component : str
        One of :data:`~pensiones.reporting.FISCAL_COMPONENTS` or ``total``.
    year : int
        One of the run's years.
    above, below : float
        The level, in ``measure``: exactly one of them.  ``above=3.0`` asks for the share of paths on
        which the cost is strictly greater than 3 (% of GDP by default); ``below=`` strictly less.
    measure : {"pct_GDP", "MXN_2025", "MXN"}
        The measure of the cost and the level: percent of GDP (default; 1.0 means 1 % of GDP), constant
        pesos of 2025 or nominal pesos, as :meth:`~pensiones.Results.fiscal_cost`.

    Returns
    -------
    Probability
        The share (``float(p)``, ``p.value``), its standard error ``p.se``, the count of paths and the
        question asked.

    Raises
    ------
    ValueError
        An unknown component or measure (listing the allowed ones), a year outside the run, a level
        that is not a finite number, or neither or both of ``above`` and ``below``.

    Notes
    -----
    With ``x[p]`` the cost on path ``p`` of ``P`` paths and ``L`` the level, the share is
    ``p_hat = #{p : x[p] > L} / P`` (``<`` for ``below``) and its Monte Carlo standard error
    ``sqrt(p_hat (1 - p_hat) / P)``: the binomial error of a share of independent, equally likely
    paths.  It measures how far more paths could move the share, not whether the model is right;
    with no path (or every path) past the level it is zero, and the rule of three bounds the
    probability by ``3 / P`` (:class:`Probability`).

    Examples
    --------
    >>> import pensiones
    >>> r = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=2), paths=10, seed=1, end=2030)
    >>> p = r.prob("total", 2030, above=0.0)
    >>> float(p), p.se, p.count, p.paths
    (1.0, 0.0, 10, 10)
    >>> q = r.prob("total", 2030, below=1e6)
    >>> q.side, q.unit
    ('below', 'pct_GDP')
    """
    if above is None and below is None:
        raise ValueError("prob needs a level: above=... (the cost strictly above it) or below=... (strictly below)")
    if above is not None and below is not None:
        raise ValueError(f"prob takes one level, above= or below=, not both; got above={above!r}, below={below!r}")
    side = "above" if above is not None else "below"
    level = check_number(side, above if above is not None else below)
    component, year, measure, x = _costo(results, component, year, measure, "prob")
    count = int(np.count_nonzero(x > level if side == "above" else x < level))
    paths = int(x.shape[0])
    share = count / paths
    return Probability(value=share, se=math.sqrt(share * (1.0 - share) / paths), count=count, paths=paths,
                       component=component, year=year, measure=measure, level=level, side=side)


def _runs(runs) -> dict:
    """The labelled runs, checked to share the records, years and paths."""
    if not isinstance(runs, dict) or not runs:
        raise ValueError("band_decomposition takes a dict of labelled runs, e.g. {'careers': base, 'macro': r_macro}; "
                         f"got {type(runs).__name__}" + (" (empty)" if isinstance(runs, dict) else ""))
    for label, run in runs.items():
        if not isinstance(label, str) or not label:
            raise ValueError(f"band_decomposition: each run's label must be a non-empty string; got {label!r}")
        if not hasattr(run, "ledger_array") or not hasattr(run, "provenance"):
            raise ValueError(f"band_decomposition: run {label!r} is a {type(run).__name__}, not a Results")
    (first, primera), *resto = runs.items()
    for label, run in resto:
        for key in _MISMOS:
            if run.provenance.get(key) != primera.provenance.get(key):
                raise ValueError(
                    f"band_decomposition needs runs on the same records, years and paths: {key} is "
                    f"{primera.provenance.get(key)!r} in {first!r} and {run.provenance.get(key)!r} in {label!r}"
                )
    return runs


def band_decomposition(runs: dict, component: str = "total", *, measure: str = "pct_GDP", stat=None,
                       reference: str | None = None, wide: bool = False) -> pd.DataFrame:
    """The 5-95 % band of a fiscal cost by year in runs that differ in the sources of uncertainty they draw.

    Each run is labelled by the caller with the source (or sources) of uncertainty it has switched on:
    the careers and returns every run draws, joint macroeconomic paths, uncertain behavioural
    parameters, the sample's error, or all of them.  Each band is read on its own run's paths, so the
    table shows how wide the band is under each source alone and together.

    Parameters
    ----------
    runs : dict of str to Results
        The runs, labelled (e.g. ``{"careers": base, "macro": r_macro, "all": r_all}``), in the order
        tables and charts show them.  They must share the population (its hash and records), the years
        and the number of paths; the same seed as well is best (common random numbers: the careers
        drawn are then the same in every run).  The labels are the caller's: nothing here depends on how
        a source was switched on.
    component : str
        One of :data:`~pensiones.reporting.FISCAL_COMPONENTS` or ``total`` (default).
    measure : {"pct_GDP", "MXN_2025", "MXN"}
        Percent of GDP (default), constant pesos of 2025 or nominal pesos, as
        :meth:`~pensiones.Results.fiscal_cost` (each run's own GDP and deflator).
    stat : str or sequence of str, optional
        Some of :data:`BAND_STATS` (``mean``, ``sd``, ``p5``, ``p50``, ``p95``, ``width``) and, with
        ``reference``, :data:`BAND_STATS_REFERENCE`; default all.
    reference : str, optional
        The label of the run the others are measured against (e.g. the one with every source on):
        adds ``width_ratio`` (width over the reference's width) and ``variance_ratio`` (variance over
        the reference's variance), NaN where the reference's is zero.
    wide : bool
        ``True``: one stat as years (rows) by source (columns), its unit in ``.attrs["unit"]``.

    Returns
    -------
    pandas.DataFrame
        Tidy, columns :data:`BAND_COLUMNS`: ``source`` (the label), ``year``, ``component``, ``measure``,
        ``stat``, ``value``, ``unit`` (the measure's; ``fraction`` for the ratios); or the wide table.
        ``.attrs`` carries ``component``, ``measure``, ``unit``, ``reference`` and ``provenance`` (by
        label: version, scenario, seed, paths, records, years).

    Raises
    ------
    ValueError
        Not a non-empty dict of labelled runs, runs on different records, years or paths (naming the
        field and the two labels), an unknown component, measure, stat or reference, or ``wide=True``
        with more than one stat.

    Notes
    -----
    With ``x[p, t]`` a run's cost on path ``p`` of ``P`` in year ``t``: ``width[t] = q95[t] - q5[t]``
    (percentiles over the paths, linear interpolation, as :meth:`~pensiones.Results.fiscal_cost`),
    ``sd[t]`` the standard deviation over paths (ddof=1).  The bands of separate sources do not add up
    to the band of all of them: widths of independent sources combine roughly as the square root of
    the sum of their squares, and sources can interact.  ``variance_ratio`` is the share of the
    reference's variance a run reproduces, which adds up across independent, additive sources; the
    difference between the sum and 1 is the interaction (or the sampling noise of the percentiles:
    with 20 paths a 5-95 % band is itself uncertain by a fifth or more).

    Examples
    --------
    >>> import pensiones
    >>> pop = pensiones.Population.synthetic(500, seed=2)
    >>> calm = pensiones.simulate(pop, pensiones.Scenario.default().with_reform(
    ...     {"procesos": {"rendimiento_real_volatilidad": 0.0}}), paths=8, seed=1, end=2035)
    >>> both = pensiones.simulate(pop, paths=8, seed=1, end=2035)
    >>> t = pensiones.reporting.band_decomposition({"careers": calm, "careers and returns": both},
    ...                                            "pension_garantizada", reference="careers and returns")
    >>> t.columns.tolist()
    ['source', 'year', 'component', 'measure', 'stat', 'value', 'unit']
    >>> w = pensiones.reporting.band_decomposition({"careers": calm, "all": both}, stat="width", wide=True)
    >>> w.columns.tolist(), w.attrs["unit"]
    (['careers', 'all'], 'pct_GDP')
    """
    runs = _runs(runs)
    component = _single_choice("band_decomposition", "component", component, _COMPONENTS_AND_TOTAL)
    measure = _single_choice("band_decomposition", "measure", measure, MEASURES)
    if reference is not None and reference not in runs:
        raise ValueError(f"reference must be one of the runs' labels {', '.join(map(repr, runs))}; got {reference!r}")
    if reference is None and stat is not None and set([stat] if isinstance(stat, str) else stat) & set(
            BAND_STATS_REFERENCE):
        raise ValueError(f"stat {', '.join(BAND_STATS_REFERENCE)} need reference= (the label of the run to measure "
                         "against, e.g. the one with every source on)")
    stats = seleccion("stat", stat, BAND_STATS + (BAND_STATS_REFERENCE if reference is not None else ()))
    unit = MEASURE_UNITS[measure]
    por_fuente = {}
    for label, run in runs.items():
        arrays = costo_fiscal_paths(run)
        comprobar_medidas(run, arrays)
        x = measure_paths(run, arrays[component], measure)
        s = _stats(x, ("mean", "p5", "p50", "p95"))
        s["sd"] = x.std(axis=0, ddof=1) if x.shape[0] > 1 else np.full(x.shape[1], np.nan)
        s["width"] = s["p95"] - s["p5"]
        por_fuente[label] = s
    if reference is not None:
        ref = por_fuente[reference]
        with np.errstate(divide="ignore", invalid="ignore"):
            for s in por_fuente.values():
                s["width_ratio"] = np.where(ref["width"] > 0, s["width"] / ref["width"], np.nan)
                s["variance_ratio"] = np.where(ref["sd"] > 0, s["sd"] ** 2 / ref["sd"] ** 2, np.nan)
    years = np.asarray(next(iter(runs.values())).years)
    frame = pd.DataFrame(
        [
            {"source": label, "year": int(t), "component": component, "measure": measure, "stat": st,
             "value": float(v), "unit": "fraction" if st in BAND_STATS_REFERENCE else unit}
            for label, s in por_fuente.items()
            for st in stats
            for t, v in zip(years, s[st])
        ],
        columns=list(BAND_COLUMNS),
    )
    if wide:
        units = {measure: "fraction" if len(stats) == 1 and stats[0] in BAND_STATS_REFERENCE else unit}
        frame = _ancho(frame, "source", (measure,), stats, "band_decomposition", units=units)
    frame.attrs.update({
        "component": component,
        "measure": measure,
        "unit": frame.attrs.get("unit", unit),
        "reference": reference,
        "provenance": {
            label: {k: run.provenance.get(k) for k in ("version", "escenario", "seed", "paths", "personas", "anios")}
            for label, run in runs.items()
        },
    })
    return frame
