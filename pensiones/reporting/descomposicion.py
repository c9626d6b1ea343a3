"""The bill of a reform: the present value of reform minus counterfactual by fiscal component and by period
(the years of net saving, the years of net cost), at several discount rates, with the crossover year.

The CEAV balances a transition-generation worker's AFORE hands to the Federal Government when the worker
chooses the Ley 73 pension (``transferencia_rcv_ley73``, negative: money in; LSAR reform decree DOF 24-12-2002,
transitorio Noveno) finance the Ley 73 pensions the Government pays (LSS 1997 transitorio Duodécimo); they are
not a lower cost.  The fiscal ledger's ``total`` nets them (as
:func:`~pensiones.reporting.fiscal_cost`); :func:`present_value_by_period` shows them as their own line and the total
both with them and without them (:data:`TOTAL_EXCLUDING_TRANSFER`).
"""

from __future__ import annotations

from numbers import Real

import numpy as np
import pandas as pd

from pensiones._validation import check_number
from pensiones.reporting.fiscal import FISCAL_COMPONENTS
from pensiones.reporting.tablas import (
    ESTADISTICOS,
    PRESENT_VALUE_MEASURES,
    TASA_DESCUENTO_RANGO,
    _ancho,
    difference_paths,
    present_value_rows,
    seleccion,
    present_value_paths,
)

__all__ = ["present_value_by_period", "PERIODS", "TOTAL_EXCLUDING_TRANSFER", "COMPONENTS", "COLUMNS"]

#: The financing line kept apart from the cost: CEAV balances of Ley 73 choosers handed to the Government.
_TRANSFERENCIA = "transferencia_rcv_ley73"
#: ``total`` without the CEAV transfer: what the reform costs before counting the balances received.
TOTAL_EXCLUDING_TRANSFER = "total_excluding_transferencia_rcv_ley73"
#: Components of :func:`present_value_by_period`: the fiscal components, ``total`` (net of the CEAV transfer, as
#: :func:`~pensiones.reporting.fiscal_cost`) and :data:`TOTAL_EXCLUDING_TRANSFER`.
COMPONENTS = (*FISCAL_COMPONENTS, "total", TOTAL_EXCLUDING_TRANSFER)
#: Periods, by the sign of the yearly ``total`` difference (mean over paths): ``saving`` (< 0, the reform
#: costs less that year), ``cost`` (> 0), ``neutral`` (exactly 0, e.g. before the reform takes effect) and
#: ``all`` (every year; ``saving + cost + neutral``).
PERIODS = ("saving", "cost", "neutral", "all")
#: Columns of the tidy table, in order.
COLUMNS = ("discount_rate", "period", "component", "measure", "stat", "value", "unit", "base_year", "n_years")


def _tasas(tasas) -> tuple[float, ...]:
    """The discount rates, each checked to lie in :data:`~pensiones.reporting.tablas.TASA_DESCUENTO_RANGO`."""
    low, high = TASA_DESCUENTO_RANGO
    valores = [tasas] if isinstance(tasas, Real) else tasas
    if isinstance(valores, (str, bytes)) or not hasattr(valores, "__iter__"):
        raise ValueError(f"tasas must be a discount rate or a sequence of them, each in [{low:g}, {high:g}]; "
                         f"got {tasas!r}")
    valores = list(valores)
    if not valores:
        raise ValueError(f"tasas must name at least one discount rate in [{low:g}, {high:g}], got an empty sequence")
    out = [check_number(f"tasas[{i}]", t, minimum=low, maximum=high) for i, t in enumerate(valores)]
    return tuple(dict.fromkeys(out))


def _cruce(serie: np.ndarray, years: np.ndarray) -> int | None:
    """First year from which ``serie`` stays above zero to the last year; ``None`` if the last year is not."""
    positivo = serie > 0
    if not positivo[-1]:
        return None
    no = np.flatnonzero(~positivo)
    return int(years[no[-1] + 1]) if len(no) else int(years[0])


def present_value_by_period(reforma, contrafactual, *, tasas=(0.02, 0.03, 0.05), measure=None, stat=None,
                   wide: bool = False) -> pd.DataFrame:
    """Present value of ``reforma - contrafactual`` by fiscal component and by period, at each discount rate.

    The years of the runs are split by the sign of the total difference (mean over paths) into the years
    of net saving and the years of net cost; each component's difference is discounted to the first year
    of the runs over each period and over all years.

    Parameters
    ----------
    reforma, contrafactual : Results
        Two runs (:func:`pensiones.simulate`) on the same population, seed, paths and years: the law or
        reform to cost, and what it replaces.  Differences are path by path (common random numbers, as
        :func:`~pensiones.reporting.compare`); constant pesos and GDP are the counterfactual's.
    tasas : float or sequence of float
        Real discount rates a year, decimal (default 2 %, 3 % and 5 %), each in [0, 0.10]: applied to
        constant 2025 pesos, so they are rates over inflation.
    measure : str or sequence of str, optional
        ``MXN_2025`` (pesos of 2025) and/or ``pct_GDP`` (percent of the GDP of the first year, in 2025
        pesos); default both.
    stat : str or sequence of str, optional
        ``mean``, ``se``, ``p5``, ``p50``, ``p95`` of the paths' present values; default all.
    wide : bool
        ``True``: one measure and one stat as components (rows) by (``discount_rate``, ``period``) columns.

    Returns
    -------
    pandas.DataFrame
        Tidy, columns :data:`COLUMNS`: ``discount_rate`` (decimal); ``period`` (:data:`PERIODS`);
        ``component`` (:data:`COMPONENTS`: the fiscal components, ``total`` -- net of the CEAV
        transfer -- and ``total_excluding_transferencia_rcv_ley73``); ``measure``, ``stat``, ``value``,
        ``unit`` (``MXN_2025`` or ``pct_GDP``); ``base_year`` (the first year of the runs, discounted to);
        ``n_years`` (years in the period).  Or the wide table.  Both carry in ``.attrs``:
        ``crossover_year`` (for ``total`` and the total without the transfer: the first year from which
        the yearly difference stays positive to the end of the run, or ``None``), ``breakeven_year``
        (by rate: the first year from which the cumulative discounted difference stays positive, i.e.
        the earlier savings have been spent, or ``None``), ``period_years`` (the years of each period),
        ``base_year`` and ``provenance``.

    Raises
    ------
    ValueError
        A rate outside [0, 0.10] or not a number (naming ``tasas[i]``), no rate, runs on different
        populations, seeds, paths or years (naming the field), an unknown measure or stat, or
        ``wide=True`` with more than one measure or stat.

    Notes
    -----
    With ``d[p, t]`` the difference of year ``t`` in path ``p`` in 2025 pesos, ``b`` the first year and
    ``r`` the rate, the present value over a set of years ``T`` is ``sum_{t in T} d[p, t] / (1 + r) **
    (t - b)`` (:func:`~pensiones.reporting.present_value`, which this shares).  The periods are the
    same for every path (the sign of the mean total), so the three periods add up to ``all`` path by
    path and ``all`` equals ``present_value(contrafactual, reforma, anio_base=b)``.  The CEAV transfer
    (``transferencia_rcv_ley73``) is negative: balances the Government receives (LSAR reform decree DOF
    24-12-2002, transitorio Noveno) to finance the Ley 73 pensions it pays (LSS 1997 transitorio
    Duodécimo).  ``total`` nets it, like the fiscal ledger's total; ``total_excluding_transferencia_rcv_ley73``
    does not: the difference between the two totals is the transfer line.  The periods and
    ``crossover_year`` of ``total`` define the tidy table's periods.

    References
    ----------
    LSS 1997 transitorio Duodécimo (DOF 21-12-1995); LSAR reform decree DOF 24-12-2002, transitorio Noveno.
    The pages "What the 2020 reform costs" and "What the Fondo Bienestar costs" (``docs/costo_reforma_2020.md``,
    ``docs/costo_fondo_bienestar.md``) set its figures beside published evaluations.

    Examples
    --------
    >>> import pensiones
    >>> pop = pensiones.Population.synthetic(300, seed=2, year=2021)
    >>> base = pensiones.simulate(pop, pensiones.Scenario.load("sin_reforma"), start=2021, end=2035, paths=2, seed=1)
    >>> ley = pensiones.simulate(pop, start=2021, end=2035, paths=2, seed=1)
    >>> vp = pensiones.reporting.present_value_by_period(ley, base, tasas=0.03)
    >>> list(vp.columns)
    ['discount_rate', 'period', 'component', 'measure', 'stat', 'value', 'unit', 'base_year', 'n_years']
    >>> int(vp.base_year.iloc[0]), sorted(vp.period.unique())
    (2021, ['all', 'cost', 'neutral', 'saving'])
    >>> t = pensiones.reporting.present_value_by_period(ley, base, tasas=0.03, measure="pct_GDP", stat="mean",
    ...                                                 wide=True)
    >>> periods = t.loc["total", (0.03, ["saving", "cost", "neutral"])].sum()
    >>> bool(abs(t.loc["total", (0.03, "all")] - periods) < 1e-9), t.attrs["unit"]
    (True, 'pct_GDP')
    """
    rates = _tasas(tasas)
    measures = seleccion("measure", measure, PRESENT_VALUE_MEASURES)
    stats = seleccion("stat", stat, ESTADISTICOS)
    dif = difference_paths(contrafactual, reforma, "present_value_by_period", nombres=("contrafactual", "reforma"))
    dif[TOTAL_EXCLUDING_TRANSFER] = dif["total"] - dif[_TRANSFERENCIA]
    years = np.asarray(contrafactual.years)
    base = int(years[0])
    media = {c: dif[c].mean(axis=0) for c in ("total", TOTAL_EXCLUDING_TRANSFER)}  # nominal; its sign is the real one
    periodos = {"saving": media["total"] < 0, "cost": media["total"] > 0, "neutral": media["total"] == 0,
                "all": np.ones(len(years), dtype=bool)}
    rows, breakeven = [], {c: {} for c in media}
    for r in rates:
        for periodo, anios in periodos.items():
            vps, pib_base = present_value_paths(dif, contrafactual, r, base, anios)
            rows += present_value_rows(vps, pib_base, measures=measures, stats=stats, discount_rate=r,
                                       period=periodo, base_year=base, n_years=int(anios.sum()))
        # the mean difference discounted and cumulated: its present value over the years up to each year
        for c, serie in media.items():
            acumulado = np.array([present_value_paths({c: serie[None, :]}, contrafactual, r, base, years <= t)[0][c][0]
                                  for t in years])
            breakeven[c][r] = _cruce(acumulado, years)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if wide:
        frame = _ancho(frame, ["discount_rate", "period"], measures, stats, "present_value_by_period",
                       index="component")
    p, pc = reforma.provenance, contrafactual.provenance
    frame.attrs.update({
        "crossover_year": {c: _cruce(serie, years) for c, serie in media.items()},
        "breakeven_year": breakeven,
        "period_years": {k: [int(y) for y in years[m]] for k, m in periodos.items() if k != "all"},
        "base_year": base,
        "provenance": {**{k: p.get(k) for k in ("version", "seed", "paths", "personas", "anios")},
                       "escenario": f"{p.get('escenario')} − {pc.get('escenario')}"},
    })
    return frame
