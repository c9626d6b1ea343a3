"""One-at-a-time sensitivities: how much an outcome of the fiscal cost moves when one assumption goes from
the low to the high end of its range, the others held at the scenario's values.

:func:`sensibilidad` runs the scenario once as it is (the central run) and once at each end of each
parameter's range, all on the same population, seed and paths (common random numbers: the runs differ only
by the parameter), and returns the change of the outcome against the central run; the tornado chart
(:func:`pensiones.reporting.plots.tornado`) draws it, the widest swing on top.
"""

from __future__ import annotations

import math

import attrs
import numpy as np
import pandas as pd

from pensiones._validation import check_integer, check_number, did_you_mean
from pensiones.engine.procesos import Procesos
from pensiones.reporting.tablas import (
    _COMPONENTS_AND_TOTAL,
    MEASURE_UNITS,
    MEASURES,
    TASA_DESCUENTO_RANGO,
    _check_single_choice,
    _single_choice,
    comprobar_medidas,
    costo_fiscal_paths,
    measure_paths,
    present_value_paths,
    seleccion,
)
from pensiones.rules.supuestos import Criterios, Supuestos
from pensiones.scenarios import Scenario
from pensiones.simulation import simulate

__all__ = ["sensibilidad", "SECTIONS", "BOUNDS", "OUTCOME_STATS", "PRESENT_VALUE_OUTCOME_MEASURES", "COLUMNS"]

#: The sections of a scenario a parameter can be in (``Scenario.with_reform``), and their classes.
SECTIONS = {"supuestos": Supuestos, "criterios": Criterios, "procesos": Procesos}
#: The two ends of a range, in the table's order.
BOUNDS = ("low", "high")
#: Statistics over paths an outcome can be: the mean (default) or a percentile.
OUTCOME_STATS = ("mean", "p5", "p50", "p95")
#: Measures of a present value outcome (``year=None``): constant pesos of 2025, percent of the base year's
#: GDP (as :func:`~pensiones.reporting.present_value`), or percent of the present value of GDP over the
#: same years at the same rate (``pct_PV_GDP``: the summarized measure of the SSA Trustees and CBO).
PRESENT_VALUE_OUTCOME_MEASURES = ("pct_GDP", "MXN_2025", "pct_PV_GDP")
#: Columns of the table, in order.
COLUMNS = ("parameter", "bound", "value", "outcome", "change", "se", "swing", "unit")


def _parametro(key, rango) -> tuple[str, str, tuple]:
    """The section and field of a dotted ``key`` and its checked (low, high) pair."""
    secciones = ", ".join(SECTIONS)
    if not isinstance(key, str) or key.count(".") != 1:
        raise ValueError(
            f"unknown parameter {key!r}: a parameter is 'section.field', the section one of {secciones} "
            "(e.g. 'supuestos.crecimiento_real_pib', 'procesos.probabilidad_cesantia')"
        )
    section, field = key.split(".")
    if section not in SECTIONS:
        raise ValueError(f"unknown parameter {key!r}: the section must be one of {secciones}; got {section!r}"
                         + did_you_mean(section, SECTIONS))
    fields = [f.name for f in attrs.fields(SECTIONS[section])]
    if field not in fields:
        raise ValueError(f"unknown parameter {key!r}: {section} has no field {field!r}; its fields: "
                         f"{', '.join(fields)}" + did_you_mean(field, fields))
    if isinstance(rango, (str, bytes, dict)) or not hasattr(rango, "__len__") or len(rango) != 2:
        raise ValueError(f"parameters[{key!r}] must be a (low, high) pair of values of {key}; got {rango!r}")
    return section, field, tuple(rango)


def _salida(component, year, measure, stat, tasa_descuento, anio_base, start, end):
    """The checked outcome: component, year (None: present value), measure, stat, rate, base year."""
    component = _single_choice("sensibilidad", "component", component, _COMPONENTS_AND_TOTAL)
    stat = _single_choice("sensibilidad", "stat", stat, OUTCOME_STATS)
    # the measure's ids depend on the year (a present value has its own), so it is looked up below
    _check_single_choice("sensibilidad", "measure", measure, MEASURES)
    if year is None:
        measure = seleccion("measure", measure, PRESENT_VALUE_OUTCOME_MEASURES)[0]
        low, high = TASA_DESCUENTO_RANGO
        tasa = check_number("tasa_descuento", tasa_descuento, minimum=low, maximum=high)
        base = start if anio_base is None else check_integer("anio_base", anio_base, minimum=start, maximum=end)
        return component, None, measure, stat, tasa, base
    if anio_base is not None:
        raise ValueError(f"sensibilidad: anio_base applies to a present value (year=None); got year={year!r}")
    measure = seleccion("measure", measure, MEASURES)[0]
    year = check_integer("year", year, minimum=start, maximum=end)
    return component, year, measure, stat, None, None


def _valores(results, component, year, measure, tasa, base) -> np.ndarray:
    """The outcome on each path of ``results``, in ``measure`` (the run's own GDP and deflator)."""
    arrays = costo_fiscal_paths(results)
    comprobar_medidas(results, arrays)
    years = np.asarray(results.years)
    if year is not None:
        return measure_paths(results, arrays[component], measure)[:, int(np.flatnonzero(years == year)[0])]
    vps, pib_base = present_value_paths({component: arrays[component]}, results, tasa, base)
    if measure == "MXN_2025":
        return vps[component]
    if measure == "pct_GDP":
        return 100.0 * vps[component] / pib_base
    # pct_PV_GDP: the present value of the cost over the present value of GDP, same years and rate
    pib = results.yearly["pib"].to_numpy(dtype=float)[None, :]
    vp_pib = present_value_paths({"pib": pib}, results, tasa, base)[0]["pib"][0]
    return 100.0 * vps[component] / vp_pib


def _stat(values: np.ndarray, stat: str) -> float:
    return float(values.mean() if stat == "mean" else np.percentile(values, float(stat[1:])))


def sensibilidad(population, scenario: Scenario | None = None, *, parameters: dict | None = None, paths: int,
                 seed: int, parametros: dict | None = None,
                 start: int = 2025, end: int = 2070, component: str = "total", year: int | None = None,
                 measure: str = "pct_GDP", stat: str = "mean", tasa_descuento: float = 0.03,
                 anio_base: int | None = None, **simulate_options) -> pd.DataFrame:
    """One-at-a-time sensitivities of the fiscal cost: each parameter at the low and high end of its range.

    The scenario is run as it is (the central run) and, for each parameter, once with the parameter at
    ``low`` and once at ``high``, everything else as in the scenario; every run is on the same
    population, seed and paths (common random numbers), so a change is the parameter's effect and not
    a different draw.

    Parameters
    ----------
    population : Population or ParquetPopulation
    scenario : Scenario, optional
        The central scenario (default: the law in force, :meth:`Scenario.default`).
    parameters : dict of str to (low, high)
        Each parameter as ``"section.field"`` -- the section one of ``supuestos``, ``criterios``,
        ``procesos``, as in :meth:`Scenario.with_reform` (``"supuestos.crecimiento_real_pib"``,
        ``"procesos.probabilidad_cesantia"``) -- with its range: two values of the field, in its unit
        (an array field takes two arrays).  ``None`` (default): the documented ranges of the behavioural
        parameters calibrated to thin data (:data:`pensiones.engine.incertidumbre.RANGOS`: claiming at
        60-64, the density through ``p_entrada``, the Fondo's take-up and wait, mortality improvement), at
        the ends :func:`pensiones.engine.incertidumbre.rangos_sensibilidad` gives for the scenario.
    parametros : dict, optional
        The same as ``parameters`` (the spelling of issue #23); give one of the two.
    paths, seed, start, end
        As :func:`pensiones.simulate`, for every run.
    component : str
        The fiscal component of the outcome, one of :data:`~pensiones.reporting.FISCAL_COMPONENTS` or
        ``total`` (default).
    year : int, optional
        ``None`` (default): the outcome is the present value of the component over the run's years.  A
        year of the run: the outcome is the component's cost in that year.
    measure : str
        For a present value (``year=None``): ``pct_GDP`` (default; percent of the GDP of ``anio_base``,
        as :func:`~pensiones.reporting.present_value`), ``MXN_2025``, or ``pct_PV_GDP`` (percent of
        the present value of GDP over the same years at the same rate).  For a year: ``pct_GDP``
        (default), ``MXN_2025`` or ``MXN``, as :meth:`~pensiones.Results.fiscal_cost`.  Each run is
        measured against its own GDP and prices.
    stat : {"mean", "p5", "p50", "p95"}
        The statistic over paths of the outcome (default the mean).
    tasa_descuento : float
        Real discount rate of a present value, decimal (default 0.03; range [0, 0.10]).
    anio_base : int, optional
        Year a present value is discounted to and whose GDP it is measured in (default ``start``).
    **simulate_options
        Passed to every :func:`pensiones.simulate` call (``threads``, ``chunk_size``, ``backend``,
        ``client``, ``progress``, ...).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`, two rows per parameter (``bound`` ``low`` then ``high``), parameters
        sorted by swing, the widest first: ``parameter`` (``section.field``), ``bound``, ``value`` (the
        parameter's value), ``outcome`` (the outcome of that run), ``change`` (``outcome`` minus the
        central run's), ``se`` (the Monte Carlo standard error of a mean's change; NaN for a percentile
        or one path), ``swing`` (``|outcome(high) - outcome(low)|``, the same on both rows) and ``unit``
        (the measure's; a change in ``pct_GDP`` is in percentage points).  ``.attrs`` carries
        ``central`` (the central run's outcome), ``component``, ``year``, ``measure``, ``stat``,
        ``discount_rate`` and ``base_year`` (None for a year's cost), ``unit``, ``outcome`` (the outcome
        in words) and ``provenance`` (version, scenario, seed, paths, records, years).

    Raises
    ------
    ValueError
        An unknown parameter (naming it and the sections or the section's fields), a range that is not
        a pair, a value its field does not allow (the field's own message, after the parameter and
        bound), an unknown component, measure or stat, a year, rate or base year out of range.  Every
        check runs before the first simulation.

    Notes
    -----
    With ``y_c[p]`` the outcome on path ``p`` of the central run and ``y_lo[p]``, ``y_hi[p]`` those of a
    parameter's runs, and ``S`` the statistic over the ``P`` paths: ``change = S(y) - S(y_c)`` and
    ``swing = |S(y_hi) - S(y_lo)|``.  For the mean, the change is the mean of the path-by-path
    differences and its standard error is their standard deviation (ddof=1) over ``sqrt(P)``: with
    common random numbers it is far smaller than the standard error of either run.  One at a time
    means interactions are not seen: two parameters that matter together (returns and fees) each show
    only their own effect.  A present value in ``pct_GDP`` is over the base year's GDP, which does not
    depend on the future growth of GDP: a GDP assumption (``supuestos.crecimiento_real_pib``) moves it
    only through pesos; ``pct_PV_GDP`` or a year's ``pct_GDP`` show the share of a larger economy.

    Examples
    --------
    >>> import pensiones
    >>> pop = pensiones.Population.synthetic(500, seed=2)
    >>> t = pensiones.sensibilidad(pop, parameters={"supuestos.crecimiento_real_pib": (0.01, 0.03)},
    ...                            paths=4, seed=1, end=2040, year=2040)
    >>> t[["parameter", "bound", "value"]].to_records(index=False).tolist()
    [('supuestos.crecimiento_real_pib', 'low', 0.01), ('supuestos.crecimiento_real_pib', 'high', 0.03)]
    >>> low, high = t["change"]
    >>> bool(low > 0 > high), t.attrs["unit"]
    (True, 'pct_GDP')
    """
    scenario = Scenario.default() if scenario is None else scenario
    if not isinstance(scenario, Scenario):
        raise ValueError(f"sensibilidad: scenario must be a Scenario or None; got {type(scenario).__name__}")
    start = check_integer("start", start)
    end = check_integer("end", end)
    component, year, measure, stat, tasa, base = _salida(component, year, measure, stat, tasa_descuento,
                                                         anio_base, start, end)
    if parametros is not None:
        if parameters is not None:
            raise ValueError("sensibilidad: give parameters or parametros (the same argument), not both")
        parameters = parametros
    if parameters is None:
        from pensiones.engine.incertidumbre import rangos_sensibilidad

        parameters = rangos_sensibilidad(scenario.procesos)
    if not isinstance(parameters, dict) or not parameters:
        raise ValueError("sensibilidad: parameters must map at least one 'section.field' to its (low, high) range, "
                         "e.g. {'supuestos.crecimiento_real_pib': (0.01, 0.03)}")
    # every scenario is built (and so checked) before the first run
    variantes = []
    for key, rango in parameters.items():
        section, field, (low, high) = _parametro(key, rango)
        for bound, value in zip(BOUNDS, (low, high)):
            try:
                variante = scenario.with_reform({section: {field: value}}, name=f"{scenario.name} {key} {bound}")
            except ValueError as exc:
                raise ValueError(f"sensibilidad: parameters[{key!r}] {bound} = {value!r}: {exc}") from None
            variantes.append((key, bound, value, variante))

    def correr(s):
        return simulate(population, s, paths=paths, seed=seed, start=start, end=end, **simulate_options)

    central = correr(scenario)
    y_c = _valores(central, component, year, measure, tasa, base)
    s_c = _stat(y_c, stat)
    rows = []
    for key, bound, value, variante in variantes:
        y = _valores(correr(variante), component, year, measure, tasa, base)
        diff = y - y_c
        se = float(diff.std(ddof=1) / math.sqrt(len(diff))) if stat == "mean" and len(diff) > 1 else np.nan
        s = _stat(y, stat)
        rows.append({"parameter": key, "bound": bound, "value": value, "outcome": s, "change": s - s_c, "se": se})
    frame = pd.DataFrame(rows)
    swing = frame.pivot(index="parameter", columns="bound", values="outcome")
    frame["swing"] = frame["parameter"].map((swing["high"] - swing["low"]).abs())
    unit = "pct_GDP" if measure == "pct_PV_GDP" else MEASURE_UNITS[measure]
    frame["unit"] = unit
    orden = {k: i for i, k in enumerate(parameters)}
    frame = frame.assign(_o=frame["parameter"].map(orden)).sort_values(
        ["swing", "_o"], ascending=[False, True], kind="stable").drop(columns="_o").reset_index(drop=True)
    frame = frame[list(COLUMNS)]
    p = central.provenance
    frame.attrs.update({
        "central": s_c,
        "component": component,
        "year": year,
        "measure": measure,
        "stat": stat,
        "discount_rate": tasa,
        "base_year": base,
        "unit": unit,
        "outcome": _describir(component, year, measure, stat, tasa, base, start, end),
        "provenance": {k: p.get(k) for k in ("version", "escenario", "seed", "paths", "personas", "anios")},
    })
    return frame


def _describir(component, year, measure, stat, tasa, base, start, end) -> str:
    """The outcome in words (English), for a table's caption or a chart's axis."""
    what = f"{stat} of {component}"
    if year is not None:
        return f"{what} fiscal cost in {year}, {measure}"
    return (f"{what} fiscal cost, present value {start}-{end} at {tasa:.1%} real to {base}, {measure}")
