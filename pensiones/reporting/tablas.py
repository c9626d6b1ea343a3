"""Tidy tables from Results: fiscal cost with bands, outcomes, ledger, yearly series, and the
baseline-reform comparison. Every table names its columns in English and carries a ``unit``."""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from pensiones._avisos import PensionesDeprecationWarning, avisar
from pensiones._validation import check_integer, check_number
from pensiones.calendario import MESES_POR_ANIO
from pensiones.engine import componentes as C
from pensiones.reporting.fiscal import FISCAL_COMPONENTS

__all__ = [
    "costo_fiscal_paths",
    "measure_paths",
    "fiscal_cost",
    "pensions",
    "PENSION_MEASURES",
    "outcomes",
    "compare",
    "present_value",
    "difference_paths",
    "present_value_paths",
    "present_value_rows",
    "PRESENT_VALUE_MEASURES",
    "ledger",
    "annual_series",
    "ESTADISTICOS",
    "MEASURES",
    "UNITS",
    "MEASURE_UNITS",
    "RENAMED",
    "CURRENCY",
    "PRICE_BASE",
    "SEX_CODES",
    "comprobar_medidas",
    "MedidaFueraDeRangoError",
    "PESOS_MAX",
    "PCT_PIB_MAX",
]

#: Statistics over paths: the mean, its Monte Carlo standard error (the standard deviation over
#: paths, ddof=1, over the square root of the paths; NaN with one path) and three percentiles.
ESTADISTICOS = ("mean", "se", "p5", "p50", "p95")

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
#: Measures of :func:`fiscal_cost`, :func:`compare` and ``cost_by_payer``: each id is its unit.
MEASURES = ("MXN", "MXN_2025", "pct_GDP")
#: Unit of each ``measure`` of :func:`fiscal_cost` and :func:`compare`.
MEASURE_UNITS = {m: m for m in MEASURES}
#: Groupings of ``outcomes(by=...)``: by record (sex, salary band, both, generation) or by person-path
#: (the year the pension was granted, which differs between paths).
AGRUPACIONES = ("sex", "salary_band", "sex_salary_band", "generation", "retirement_year")
_SEXOS = {"H": "men", "M": "women"}  # the records' codes (IMSS data) -> the tables' values
_BANDAS = {"baja": "low", "media": "middle", "alta": "high"}
#: Ids renamed after version 0.1.0, old -> new, by the argument or column that takes them.  The old ids
#: still work in the filters for one release, with a :class:`~pensiones._avisos.PensionesDeprecationWarning`;
#: the tables carry only the new ones.
RENAMED = {
    "measure": {"nominal": "MXN", "constante_2025": "MXN_2025", "pct_pib": "pct_GDP"},
    "by": {"sexo": "sex", "banda": "salary_band", "sexo_banda": "sex_salary_band", "generacion": "generation",
           "anio_retiro": "retirement_year"},
    "group": {"todos": "all", "sexo": "sex", "banda": "salary_band", "sexo_banda": "sex_salary_band",
              "generacion": "generation", "anio_retiro": "retirement_year"},
    "value": {"todos": "all", **_SEXOS, **_BANDAS,
              **{f"{s}_{b}": f"{_SEXOS[s]}_{_BANDAS[b]}" for s in _SEXOS for b in _BANDAS}},
}


def seleccion(name: str, value, allowed, *, renamed: dict | None = None) -> tuple:
    """The ids a filter argument selects: all of ``allowed`` for ``None``, else the one or several given.

    An old id of :data:`RENAMED` warns (:class:`~pensiones._avisos.PensionesDeprecationWarning`) and
    becomes the new one; an unknown id raises ``ValueError`` naming the argument, the ids allowed and
    the closest one.
    """
    if value is None:
        return tuple(allowed)
    values = [value] if isinstance(value, (str, int, np.integer)) else list(value)
    if not values:
        raise ValueError(f"{name} must name at least one of {', '.join(map(str, allowed))}")
    renamed = RENAMED.get(name, {}) if renamed is None else renamed
    out = []
    for v in values:
        if v not in allowed and v in renamed:
            avisar(f"{name}={v!r} is deprecated and will be removed in the next release: use {renamed[v]!r}",
                   PensionesDeprecationWarning)
            v = renamed[v]
        if v not in allowed:
            close = difflib.get_close_matches(str(v), [str(a) for a in allowed], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"{name} must be among {', '.join(map(str, allowed))}; got {v!r}{hint}")
        if v not in out:
            out.append(v)
    return tuple(out)


#: The fiscal outcomes one probability, band or sensitivity reads: a component of the fiscal cost or their total.
_COMPONENTS_AND_TOTAL = (*FISCAL_COMPONENTS, "total")


def _check_single_choice(caller: str, name: str, value, allowed) -> None:
    """Raise ``ValueError`` unless ``value`` is a string: an argument that names exactly one of ``allowed``
    (``component``, ``measure``, ``stat`` of a probability, band or sensitivity), not a list.  The message
    starts with ``caller`` and lists ``allowed``."""
    if not isinstance(value, str):
        raise ValueError(f"{caller}: {name} must be one of {', '.join(allowed)}; got {value!r}")


def _single_choice(caller: str, name: str, value, allowed) -> str:
    """The one id of ``allowed`` a single-choice argument names: :func:`_check_single_choice`, then
    :func:`seleccion` (an old id of :data:`RENAMED` warns and becomes the new one; an unknown id raises)."""
    _check_single_choice(caller, name, value, allowed)
    return seleccion(name, value, allowed)[0]


#: Sex codes of the population and the outcome groups (Spanish initials, as in IMSS data).
SEX_CODES = {"H": "hombre (male)", "M": "mujer (female)"}
#: Unit of each column of ``Results.yearly``.
_ANNUAL_UNITS = {
    "pib": "MXN", "deflactor": "index_2025", "ley73_stock": "MXN", "ley73_stock_personas": "persons", "pbam": "MXN",
    "mujeres_bienestar": "MXN",
}


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


def serie_por_path(results, nombre: str) -> np.ndarray:
    """Column ``nombre`` of the yearly series as an array (paths, years) when it varies by path
    (``Results.yearly_paths``, the macro paths), else (1, years): the same for every path."""
    por_path = getattr(results, "yearly_paths", None)
    if por_path is not None and nombre in por_path:
        return np.asarray(por_path[nombre], dtype=float)
    return results.yearly[nombre].to_numpy(dtype=float)[None, :]


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
    years = np.asarray(results.years)
    for serie in ("pib", "deflactor"):
        values = serie_por_path(results, serie)
        bad = ~(np.isfinite(values) & (values > 0) & (values < PESOS_MAX))
        if bad.any():
            k = int(np.argmax(bad.any(axis=0)))
            raise MedidaFueraDeRangoError(
                f"yearly series {serie!r} is {values[bad[:, k], k][0]:.3g} in {int(years[k])}: it must be finite and "
                f"positive; {_origen(results)}"
            )
    deflactor = serie_por_path(results, "deflactor")
    pib = serie_por_path(results, "pib")
    for component, values in (arrays if arrays is not None else costo_fiscal_paths(results)).items():
        values = np.asarray(values, dtype=float)
        for measure, scaled, limit in (
            ("MXN", values, PESOS_MAX),
            ("MXN_2025", values / deflactor, PESOS_MAX),
            ("pct_GDP", 100.0 * values / pib, PCT_PIB_MAX),
        ):
            bad = ~(np.abs(scaled) <= limit)
            if bad.any():
                p, y = np.unravel_index(int(np.argmax(bad)), bad.shape)
                unit = measure  # each measure's id is its unit
                raise MedidaFueraDeRangoError(
                    f"fiscal cost {component!r} in {int(years[y])} (path {int(p)}), measure {measure}: "
                    f"{scaled[p, y]:.3g} {unit} is outside the plausible range |value| <= {limit:.3g} {unit}; "
                    f"{_origen(results)}"
                )
    return results


def costo_fiscal_paths(results) -> dict[str, np.ndarray]:
    """Nominal fiscal cost by component, arrays (paths, years); ``total`` is their sum."""
    paths = results.paths
    out = {
        "cuota_social": results.component("cuota_social"),
        "aportacion_estatal": results.component("aportacion_estatal"),
        "ley73": results.component("ley73") + serie_por_path(results, "ley73_stock"),
        "pension_garantizada": results.component("pension_garantizada"),
        "fondo_bienestar": results.component("fondo_bienestar"),
        # the whole population's PBAM less the PBAM a universal basic pension replaces (zero without one)
        "pbam": np.broadcast_to(serie_por_path(results, "pbam"), (paths, len(results.years)))
        - results.component("pbam_sustituida"),
        "mujeres_bienestar": np.broadcast_to(serie_por_path(results, "mujeres_bienestar"),
                                             (paths, len(results.years))).copy(),
        "transferencia_rcv_ley73": results.component("transferencia_rcv_ley73"),
        "licencias_140bis": results.lines["licencias_140bis"].costo,
        "sobrevivientes_ley73": results.component("sobrevivientes_ley73"),
        "sobrevivientes_pg": results.component("sobrevivientes_pg"),
        "invalidez_ley73": results.component("invalidez_ley73"),
        "pareo_ahorro_voluntario": results.component("pareo_ahorro_voluntario"),
        "pension_basica_universal": results.component("pension_basica_universal"),
        "subsidio_cobertura": results.component("subsidio_cobertura"),
    }
    assert tuple(out) == FISCAL_COMPONENTS
    out["total"] = sum(out.values())
    return out


def _stats(values: np.ndarray, stats=ESTADISTICOS) -> dict[str, np.ndarray]:
    """Statistics over paths (axis 0) of ``values``."""
    paths = values.shape[0]
    funciones = {
        "mean": lambda: values.mean(axis=0),
        "se": lambda: (values.std(axis=0, ddof=1) / np.sqrt(paths) if paths > 1
                       else np.full(values.shape[1:], np.nan)),
        "p5": lambda: np.percentile(values, 5, axis=0),
        "p50": lambda: np.percentile(values, 50, axis=0),
        "p95": lambda: np.percentile(values, 95, axis=0),
    }
    return {stat: funciones[stat]() for stat in stats}


def measure_paths(results, values: np.ndarray, measure: str) -> np.ndarray:
    """``values`` (nominal pesos, array (paths, years) over ``results``' years) in ``measure``: ``MXN`` as
    they are, ``MXN_2025`` divided by the year's deflator, ``pct_GDP`` as 100 x the value over the year's
    nominal GDP (``Results.yearly``, or each path's own under ``Procesos.macro = "estocastico"``:
    :func:`serie_por_path`).  The one conversion every table, probability and band reads."""
    if measure == "MXN":
        return values
    if measure == "MXN_2025":
        return values / serie_por_path(results, "deflactor")
    if measure == "pct_GDP":
        return 100.0 * values / serie_por_path(results, "pib")
    raise ValueError(f"measure must be one of {', '.join(MEASURES)}; got {measure!r}")


def _tidy(arrays: dict[str, np.ndarray], results, measures=MEASURES, stats=ESTADISTICOS) -> pd.DataFrame:
    comprobar_medidas(results, arrays)
    frames = []
    for component, values in arrays.items():
        for measure in measures:
            for stat, v in _stats(measure_paths(results, values, measure), stats).items():
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


def _ancho(frame: pd.DataFrame, columns, measures, stats, call: str, *, units=None,
           ejemplo: str = "pct_GDP", index: str = "year") -> pd.DataFrame:
    """A tidy table of one measure and one statistic as ``index`` (default ``year``) x ``columns``, rows
    and columns in the table's order, with its measure, stat and unit (``units``, default
    :data:`MEASURE_UNITS`) in ``attrs``; ``ejemplo`` is the measure the error's example names."""
    units = MEASURE_UNITS if units is None else units
    if len(measures) != 1 or len(stats) != 1:
        raise ValueError(
            f"wide=True needs one measure and one stat, got measure={list(measures)} and stat={list(stats)}; "
            f"e.g. {call}(measure='{ejemplo}', stat='mean', wide=True)"
        )
    order = list(dict.fromkeys(map(tuple, frame[columns].to_numpy()))) if isinstance(columns, list) \
        else list(dict.fromkeys(frame[columns]))
    out = frame.pivot(index=index, columns=columns, values="value").loc[list(dict.fromkeys(frame[index]))]
    out = out[pd.MultiIndex.from_tuples(order, names=columns) if isinstance(columns, list) else order]
    out.attrs.update({"measure": measures[0], "stat": stats[0], "unit": units[measures[0]]})
    return out


def _filtros(measure, stat, components, allowed_components):
    return (
        seleccion("measure", measure, MEASURES),
        seleccion("stat", stat, ESTADISTICOS),
        seleccion("components", components, allowed_components),
    )


def fiscal_cost(results, *, measure=None, stat=None, components=None, wide: bool = False) -> pd.DataFrame:
    """Fiscal cost by year and component (see :meth:`pensiones.Results.fiscal_cost`).

    Parameters
    ----------
    results : Results
    measure : str or sequence of str, optional
        ``MXN`` (nominal pesos), ``MXN_2025`` (constant pesos of 2025) or ``pct_GDP`` (% of GDP);
        default all.  The old ids ``nominal``, ``constante_2025`` and ``pct_pib`` warn and still work.
    stat : str or sequence of str, optional
        ``mean``, ``se`` (its Monte Carlo standard error), ``p5``, ``p50``, ``p95`` over paths;
        default all.
    components : str or sequence of str, optional
        Any of :data:`~pensiones.reporting.FISCAL_COMPONENTS` and ``total``; default all.
    wide : bool
        ``True``: one measure and one stat as a table of years (rows) by component (columns), its
        unit in ``.attrs["unit"]``.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``year``, ``component``, ``measure``, ``stat``, ``value`` and ``unit`` (``MXN``,
        ``MXN_2025``, ``pct_GDP``: see :data:`UNITS`); or the wide table.

    Notes
    -----
    With ``x[p, t]`` the value on path ``p`` of ``P`` paths in year ``t``: ``mean[t] = sum_p x[p, t] / P``
    and its Monte Carlo standard error ``se[t] = s[t] / sqrt(P)``, ``s[t]`` the standard deviation over
    paths with ``P - 1`` in the denominator (NaN with one path).  ``se`` says how far the mean could
    move with more paths (about ``1.96 se`` either way, 95 % of the time); the spread of the outcomes
    themselves is the band p5-p95.  Percentiles interpolate linearly between paths
    (:func:`numpy.percentile`).  Every mean of the package's tables has its ``se`` by this formula:
    :meth:`~pensiones.Results.pensions`, :meth:`~pensiones.Results.cost_by_payer`, :func:`compare` (of
    the path-by-path difference), :func:`present_value` and
    :func:`~pensiones.reporting.present_value_by_period` (of the paths' present values).

    Examples
    --------
    >>> import pensiones
    >>> r = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=2), paths=2, seed=1, end=2030)
    >>> t = r.fiscal_cost(measure="pct_GDP", stat="mean", components=["ley73", "pbam", "total"], wide=True)
    >>> list(t.columns), t.attrs["unit"], int(t.index[0])
    (['ley73', 'pbam', 'total'], 'pct_GDP', 2025)
    """
    measures, stats, comps = _filtros(measure, stat, components, _COMPONENTS_AND_TOTAL)
    arrays = costo_fiscal_paths(results)
    frame = _tidy({c: arrays[c] for c in comps}, results, measures, stats)
    return _ancho(frame, "component", measures, stats, "fiscal_cost") if wide else frame


#: Measures of :func:`pensions`, each with its unit: awards granted in the year, people in payment during
#: the year, and the average monthly pension of those in payment (the year's payments / 12 / people).
PENSION_MEASURES = {"new": "persons", "in_payment": "persons", "average_monthly_pension": "MXN"}
#: Regimes of :func:`pensions`: the simulated Ley 73 and Ley 97 pensioners, their survivors, and the
#: non-contributory PBAM of the simulated account holders.
PENSION_REGIMES = ("ley73", "ley97", "survivors", "non_contributory")


def pensiones_paths(results) -> dict[tuple[str, str, str], np.ndarray]:
    """(regime, type, measure) -> arrays (paths, years) of :func:`pensions`, only where the ledger has them.

    New own pensions granted before the regime's vejez age are ``cesantia`` (LSS 1973 art. 143; LSS
    art. 154), the rest ``vejez``; a Ley 97 award is also a ``renta_vitalicia`` (LSS art. 159 fr. IV)
    or a ``pension_garantizada`` (art. 170); ``negativa_de_pension`` is the awards of the balance
    without a pension (new only).  Survivors in payment are ``viudez`` (the spouse) and ``orfandad``
    (each child under the age limit).  ``total`` is the regime's pensions; ``fondo_bienestar``
    counts the Ley 97 pensioners with the Fondo complement (a part of the Ley 97 ``total``) and its
    average is the complement's.  ``invalidez`` is the regime's invalidity pensions (LSS 1973 arts.
    128-131; LSS arts. 119-122, 141), outside its ``total`` (the cesantía and vejez pensions); zero
    unless the scenario has an invalidity incidence table.  The ledger of a run before these counts
    lacks the split rows.
    """
    k = results.ledger_array.shape[2]
    presentes = set(C.COMPONENTES[:k])

    def comp(*names):
        if not presentes.issuperset(names):
            return None
        return sum(results.ledger_array[:, :, C.INDICE[n]].astype(np.float64) for n in names) / 100.0

    def menos(a, b):
        return None if a is None or b is None else a - b

    def promedio(dinero, personas):
        if dinero is None or personas is None:
            return None
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(personas > 0, dinero / MESES_POR_ANIO / np.where(personas > 0, personas, 1.0), np.nan)

    # the opening stock of Ley 73 pensions (Results.yearly), by count only when the scenario gives it
    stock_personas = stock_dinero = None
    a = results.yearly
    if "ley73_stock_personas" in a.columns and np.isfinite(a["ley73_stock_personas"].to_numpy(dtype=float)).all():
        paths = results.ledger_array.shape[0]
        stock_personas = np.tile(a["ley73_stock_personas"].to_numpy(dtype=float), (paths, 1))
        stock_dinero = np.tile(a["ley73_stock"].to_numpy(dtype=float), (paths, 1))
    nuevas97 = comp("nuevas_pensiones_rv", "nuevas_pensiones_pg")
    en_pago97 = comp("pensionados_renta_vitalicia", "pensionados_pg")
    dinero_pg = menos(comp("pension_garantizada", "pagos_pg_cuenta"), comp("sobrevivientes_pg_cuenta"))
    dinero_sobrevivientes = comp("sobrevivientes_ley73", "sobrevivientes_pg", "sobrevivientes_pg_cuenta",
                                 "sobrevivientes_renta_vitalicia", "sobrevivientes_imss")
    filas = {
        ("ley73", "cesantia"): (comp("nuevas_cesantia_ley73"), comp("pensionados_cesantia_ley73"),
                                promedio(comp("pagos_cesantia_ley73"), comp("pensionados_cesantia_ley73"))),
        ("ley73", "vejez"): (menos(comp("nuevas_pensiones_ley73"), comp("nuevas_cesantia_ley73")),
                             menos(comp("pensionados_ley73"), comp("pensionados_cesantia_ley73")),
                             promedio(menos(comp("ley73"), comp("pagos_cesantia_ley73")),
                                      menos(comp("pensionados_ley73"), comp("pensionados_cesantia_ley73")))),
        ("ley73", "total"): (comp("nuevas_pensiones_ley73"), comp("pensionados_ley73"),
                             promedio(comp("ley73"), comp("pensionados_ley73"))),
        ("ley73", "invalidez"): (comp("nuevas_invalidez_ley73"), comp("pensionados_invalidez_ley73"),
                                 promedio(comp("invalidez_ley73"), comp("pensionados_invalidez_ley73"))),
        ("ley97", "cesantia"): (comp("nuevas_cesantia_ley97"), comp("pensionados_cesantia_ley97"),
                                promedio(comp("pagos_cesantia_ley97"), comp("pensionados_cesantia_ley97"))),
        ("ley97", "vejez"): (menos(nuevas97, comp("nuevas_cesantia_ley97")),
                             menos(en_pago97, comp("pensionados_cesantia_ley97")),
                             promedio(menos(comp("pensiones_renta_vitalicia", "pension_garantizada", "pagos_pg_cuenta"),
                                            comp("sobrevivientes_pg_cuenta", "pagos_cesantia_ley97")),
                                      menos(en_pago97, comp("pensionados_cesantia_ley97")))),
        ("ley97", "renta_vitalicia"): (
            comp("nuevas_pensiones_rv"), comp("pensionados_renta_vitalicia"),
            promedio(comp("pensiones_renta_vitalicia"), comp("pensionados_renta_vitalicia")),
        ),
        ("ley97", "pension_garantizada"): (comp("nuevas_pensiones_pg"), comp("pensionados_pg"),
                                           promedio(dinero_pg, comp("pensionados_pg"))),
        ("ley97", "negativa_de_pension"): (comp("nuevas_negativas"), None, None),
        ("ley97", "total"): (nuevas97, en_pago97, promedio(menos(
            comp("pensiones_renta_vitalicia", "pension_garantizada", "pagos_pg_cuenta"),
            comp("sobrevivientes_pg_cuenta")), en_pago97)),
        ("ley97", "fondo_bienestar"): (None, comp("beneficiarios_fondo"),
                                       promedio(comp("fondo_bienestar"), comp("beneficiarios_fondo"))),
        ("ley97", "invalidez"): (comp("nuevas_invalidez_ley97"), comp("pensionados_invalidez_ley97"),
                                 promedio(comp("pensiones_invalidez"), comp("pensionados_invalidez_ley97"))),
        ("ley73", "stock_inicial"): (None, stock_personas, promedio(stock_dinero, stock_personas)),
        ("survivors", "viudez"): (None, comp("pensionados_viudez"),
                                  promedio(comp("pagos_viudez"), comp("pensionados_viudez"))),
        ("survivors", "orfandad"): (None, comp("pensionados_orfandad"),
                                    promedio(comp("pagos_orfandad"), comp("pensionados_orfandad"))),
        ("survivors", "total"): (comp("nuevas_pensiones_sobrevivientes"), comp("pensionados_sobrevivientes"),
                                 promedio(dinero_sobrevivientes, comp("pensionados_sobrevivientes"))),
        ("non_contributory", "pbam"): (None, comp("beneficiarios_pbam"),
                                       promedio(comp("pbam_afiliados"), comp("beneficiarios_pbam"))),
    }
    out = {}
    for (regime, tipo), valores in filas.items():
        for measure, v in zip(PENSION_MEASURES, valores):
            if v is not None:
                out[(regime, tipo, measure)] = v
    return out


def pensions(results, *, measure=None, stat=None, wide: bool = False) -> pd.DataFrame:
    """Pensions by year, regime and type: new awards, people in payment and the average monthly pension.

    Parameters
    ----------
    results : Results
    measure : str or sequence of str, optional
        ``new`` (awards granted in the year, ``persons``), ``in_payment`` (people paid during the year,
        ``persons``) or ``average_monthly_pension`` (the year's payments of that type / 12 / people in
        payment, nominal ``MXN``); default all.
    stat : str or sequence of str, optional
        ``mean``, ``se``, ``p5``, ``p50``, ``p95`` over paths (as :func:`fiscal_cost`); default all.
    wide : bool
        ``True``: one measure and one stat as years (rows) by (regime, type) columns.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``year``, ``regime`` (``ley73``, ``ley97``, ``survivors``, ``non_contributory``), ``type``
        (``cesantia``, ``vejez``, ``stock_inicial``, ``renta_vitalicia``, ``pension_garantizada``,
        ``negativa_de_pension``, ``fondo_bienestar``, ``invalidez``, ``viudez``, ``orfandad``, ``pbam``, ``total``),
        ``measure``, ``stat``,
        ``value``, ``unit``; only the rows the ledger defines (survivors' awards are one per family).

    Notes
    -----
    Within a regime, ``cesantia`` + ``vejez`` = ``total`` (new and in payment); for Ley 97 also ``renta_vitalicia``
    + ``pension_garantizada`` = ``total``; survivors in payment ``viudez`` + ``orfandad`` = ``total``.
    The invalidity pensions (``invalidez``, only with ``Procesos.incidencia_invalidez``) are outside the
    regime's ``total``, which counts the cesantía and vejez pensions.
    Cesantía en edad avanzada is an award before the regime's vejez age (LSS 1973 arts. 138, 143;
    LSS arts. 154, 162).  The Ley 73 pensions in payment at the start (the opening stock of
    ``Results.yearly``) are the type ``stock_inicial``, shown only when the scenario gives their count
    (``Supuestos.pensionados_ley73``: no published count was reachable); the Ley 73 ``total`` is
    the simulated people's.

    Examples
    --------
    >>> import pensiones
    >>> r = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=2), paths=2, seed=1, end=2030)
    >>> t = r.pensions(measure="new", stat="mean", wide=True)
    >>> ("ley97", "cesantia") in t.columns, t.attrs["unit"]
    (True, 'persons')
    """
    measures = seleccion("measure", measure, tuple(PENSION_MEASURES))
    stats = seleccion("stat", stat, ESTADISTICOS)
    frames = []
    for (regime, tipo, m), values in pensiones_paths(results).items():
        if m not in measures:
            continue
        for st, v in _stats(values, stats).items():
            frames.append(pd.DataFrame({
                "year": results.years, "regime": regime, "type": tipo, "measure": m, "stat": st,
                "value": v, "unit": PENSION_MEASURES[m],
            }))
    frame = pd.concat(frames, ignore_index=True)
    if not wide:
        return frame
    return _ancho(frame, ["regime", "type"], measures, stats, "pensions", units=PENSION_MEASURES,
                  ejemplo="in_payment")


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
    pensions in payment at the start, run off), ``ley73_stock_personas`` (their count, ``persons``, when
    ``Supuestos.pensionados_ley73`` gives it), ``pbam`` and ``mujeres_bienestar`` (cost for the
    whole population), in ``MXN`` unless said.
    """
    a = results.yearly
    unknown = [c for c in a.columns if c != "year" and c not in _ANNUAL_UNITS]
    if unknown:
        raise ValueError(
            f"no unit is known for yearly series {', '.join(unknown)}; add it to pensiones.reporting.tablas"
        )
    frames = [
        pd.DataFrame({
            "year": a["year"].to_numpy(), "series": c, "value": a[c].to_numpy(dtype=float), "unit": _ANNUAL_UNITS[c],
        })
        for c in a.columns
        if c != "year"
    ]
    return pd.concat(frames, ignore_index=True)


def grupos_personas(results, by=("sex", "salary_band", "sex_salary_band")):
    """The outcome groups as (kind, name, boolean mask): everyone first, then each grouping of ``by``.

    Masks are over records (persons) or, for ``retirement_year``, over (paths, persons).  Values:
    ``all``; ``men`` and ``women`` (the records' ``H`` = hombre and ``M`` = mujer); salary bands
    ``low``, ``middle``, ``high``; ``men_low`` ...; generations ``ley73_transicion`` and ``ley97``.
    """
    info = results.personas
    sexo, banda = info["sexo"].to_numpy(), info["banda"].to_numpy()
    yield "all", "all", np.ones(len(info), dtype=bool)
    for kind in by:
        if kind == "sex":
            for s, name in _SEXOS.items():
                yield kind, name, sexo == s
        elif kind == "salary_band":
            for b, name in _BANDAS.items():
                yield kind, name, banda == b
        elif kind == "sex_salary_band":
            for s, sex in _SEXOS.items():
                for b, band in _BANDAS.items():
                    yield kind, f"{sex}_{band}", (sexo == s) & (banda == b)
        elif kind == "generation":
            generacion = info["generacion"].to_numpy()
            for g in ("ley73_transicion", "ley97"):
                yield kind, g, generacion == g
        elif kind == "retirement_year":
            anio = results.outcomes_array[:, :, C.O_ANIO_RETIRO]
            for t in np.unique(anio[np.isfinite(anio)]).astype(int):
                yield kind, str(t), anio == t


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


#: The columns of :func:`outcomes` after ``group`` and ``value`` (all in ``unit``, ``fraction``,
#: except ``retirees_persons``).
OUTCOME_COLUMNS = (
    "retirees_persons", "replacement_rate_mean", "replacement_rate_p50", "replacement_rate_with_fondo_mean",
    "net_replacement_rate_mean", "net_replacement_rate_with_fondo_mean", "share_pensioned", "share_ley73",
    "share_renta_vitalicia", "share_pension_garantizada", "share_negativa", "share_fondo_bienestar",
)


def outcomes(results, by=None, *, columns=None, wide: bool = False) -> pd.DataFrame:
    """Aggregated outcomes of the people who retire within the horizon, over all paths.

    Parameters
    ----------
    by : str or sequence of str, optional
        Groupings after everyone: any of ``AGRUPACIONES`` (``sex``, ``salary_band``,
        ``sex_salary_band``, ``generation`` -- ``ley73_transicion`` / ``ley97`` --,
        ``retirement_year`` -- the year the pension was granted).  Default: ``sex``,
        ``salary_band`` and ``sex_salary_band``.  The old ids (``sexo``, ``banda``, ``sexo_banda``,
        ``generacion``, ``anio_retiro``) warn and still work.
    columns : str or sequence of str, optional
        Some of :data:`OUTCOME_COLUMNS`; default all (``unit`` is always kept in the tidy table).
    wide : bool
        ``True``: indexed by (``group``, ``value``), without the ``unit`` column.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group`` is the kind (``all``, ``sex``, ``salary_band``,
        ``sex_salary_band``, ...) and ``value`` the group (``all``; ``men``, ``women``; salary
        band ``low`` <= 2/3, ``middle``, ``high`` > 4/3 of the average SBC; ``men_low`` ...).
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
    by = seleccion("by", ("sex", "salary_band", "sex_salary_band") if by is None else by, AGRUPACIONES)
    columnas = seleccion("columns", columns, OUTCOME_COLUMNS)
    if results.outcomes_array is None:
        raise ValueError("per-person outcomes were not requested: simulate(..., outcomes=True)")
    # every column, computed once per grouping (a run's workbook and its summary both ask)
    frame = _once(results, ("outcomes", by), lambda: _outcomes_table(results, by))
    frame = frame[["group", "value", *columnas, "unit"]]  # a new frame: the one kept is never handed out
    return frame.drop(columns="unit").set_index(["group", "value"]) if wide else frame


def _once(results, key: tuple, compute):
    """``compute()``, kept on ``results`` under ``key`` and returned again on the next call with that key.

    A :class:`~pensiones.Results` is read-only (its arrays are never changed after the run), so what is
    derived from it stays valid; an object without the ``_derived`` dict computes every time.
    """
    kept = getattr(results, "_derived", None)
    if kept is None:
        return compute()
    if key not in kept:
        kept[key] = compute()
    return kept[key]


def _outcomes_table(results, by: tuple) -> pd.DataFrame:
    """:func:`outcomes` for the groupings ``by``, every column, tidy."""
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
    return pd.DataFrame(rows)[["group", "value", *OUTCOME_COLUMNS, "unit"]]


def compare(baseline, reform, *, measure=None, stat=None, components=None, wide: bool = False) -> pd.DataFrame:
    """Reform minus baseline, path by path (common random numbers), then mean and p5/p50/p95.

    Both runs must share the population, seed, paths and years.  A reform that changes nothing
    gives exactly zero.

    Parameters
    ----------
    baseline, reform : Results
    measure, stat, components, wide
        As :func:`fiscal_cost`.

    Returns
    -------
    pandas.DataFrame
        Tidy: year, component, measure (``MXN``, ``MXN_2025``, ``pct_GDP``: the % of GDP of a
        difference is in percentage points), stat (``se`` is the standard error of the mean
        difference), value, unit; or the wide table (year x component).
    """
    measures, stats, comps = _filtros(measure, stat, components, _COMPONENTS_AND_TOTAL)
    diferencia = difference_paths(baseline, reform, "compare")
    diff = {k: diferencia[k] for k in comps}
    # constant pesos and % of GDP with the baseline's deflator and GDP
    frame = _tidy(diff, baseline, measures, stats)
    frame = _ancho(frame, "component", measures, stats, "compare") if wide else frame
    p = reform.provenance
    escenarios = f"{p.get('escenario')} − {baseline.provenance.get('escenario')}"
    # what a chart's footnote cites (pensiones.reporting.plots.comparacion)
    frame.attrs["provenance"] = {**{k: p.get(k) for k in ("version", "seed", "paths", "personas")},
                                 "escenario": escenarios}
    return frame


#: Range of the real discount rate of :func:`present_value`, decimal.
TASA_DESCUENTO_RANGO = (0.0, 0.10)


def _mismas_corridas(baseline, reform, what: str, *, nombres=("baseline", "reform")) -> None:
    """Raise unless both runs share the seed, paths, records, years and population (``nombres`` label them)."""
    for key in ("seed", "paths", "personas", "anios", "poblacion_hash"):
        if baseline.provenance.get(key) != reform.provenance.get(key):
            raise ValueError(
                f"{what} needs runs on the same {key}: {nombres[0]} {baseline.provenance.get(key)!r}, "
                f"{nombres[1]} {reform.provenance.get(key)!r}"
            )


def difference_paths(baseline, reform, what: str, *, nombres=("baseline", "reform")) -> dict[str, np.ndarray]:
    """Nominal fiscal cost of ``reform`` minus ``baseline`` by component, arrays (paths, years), path by path
    (common random numbers); both runs checked to be on the same population, seed, paths and years."""
    _mismas_corridas(baseline, reform, what, nombres=nombres)
    b, r = costo_fiscal_paths(baseline), costo_fiscal_paths(reform)
    return {k: r[k] - b[k] for k in b}


#: Measures of a present value: constant pesos of 2025 and percent of the base year's GDP.
PRESENT_VALUE_MEASURES = ("MXN_2025", "pct_GDP")


def present_value_paths(costos: dict[str, np.ndarray], resultados, tasa: float, anio_base: int,
                        anios: np.ndarray | None = None) -> tuple[dict[str, np.ndarray], float]:
    """Present value of each line of ``costos`` (nominal pesos, arrays (paths, years) of ``resultados``' years),
    path by path, in 2025 pesos, and the GDP of ``anio_base`` in 2025 pesos.

    ``tasa`` is the real discount rate a year (decimal, already checked) and ``anio_base`` one of the run's
    years; ``anios`` (boolean, one per year) keeps only some years in the sum (default all).  Deflator and GDP
    are ``resultados``' (the baseline's in a comparison).  The formula is :func:`present_value`'s Notes.
    """
    years = np.asarray(resultados.years)
    deflactor = serie_por_path(resultados, "deflactor")
    pib = serie_por_path(resultados, "pib")
    k = int(np.flatnonzero(years == anio_base)[0])
    # GDP of the base year, 2025 pesos: a number, or one per path with the macro paths
    pib_base = pib[:, k] / deflactor[:, k]
    pib_base = float(pib_base[0]) if len(pib_base) == 1 else pib_base
    descuento = (1.0 + tasa) ** -(years - anio_base).astype(float)
    if anios is not None:
        descuento = np.where(anios, descuento, 0.0)
    return {c: (v / deflactor * descuento[None, :]).sum(axis=1) for c, v in costos.items()}, pib_base


def present_value_rows(vps: dict[str, np.ndarray], pib_base: float, *, measures=PRESENT_VALUE_MEASURES,
                       stats=ESTADISTICOS, **columnas) -> list[dict]:
    """Rows (``component``, ``measure``, ``stat``, ``value``, ``unit``, then ``columnas``) of the present
    values ``vps`` (one per path, 2025 pesos): in 2025 pesos and in % of ``pib_base``, each statistic over paths."""
    rows = []
    for component, vp in vps.items():
        for measure in measures:
            scaled = vp if measure == "MXN_2025" else 100.0 * vp / pib_base
            for stat, v in _stats(scaled[:, None], stats).items():
                rows.append({"component": component, "measure": measure, "stat": stat, "value": float(v[0]),
                             "unit": MEASURE_UNITS[measure], **columnas})
    return rows


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
        ``measure`` (``MXN_2025``: pesos of 2025; ``pct_GDP``: percent of the GDP of
        ``anio_base`` in 2025 pesos), ``stat`` (``mean``, ``se``, ``p5``, ``p50``, ``p95`` of the
        paths' present values), ``value``, ``unit`` (``MXN_2025``, ``pct_GDP``), ``discount_rate`` and
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
    (['MXN_2025', 'pct_GDP'], ['mean', 'p5', 'p50', 'p95', 'se'])
    >>> null = pensiones.simulate(pop, pensiones.Scenario.default().with_reform(
    ...     {"tabla": "uma", "desde": "2027-02-01", "factor": 1.0}), paths=2, seed=1, end=2030)
    >>> float(pensiones.reporting.present_value(base, null)["value"].abs().max())
    0.0
    """
    r = check_number("tasa_descuento", tasa_descuento, minimum=TASA_DESCUENTO_RANGO[0], maximum=TASA_DESCUENTO_RANGO[1])
    years = np.asarray(resultados.years)
    b = check_integer("anio_base", anio_base, minimum=int(years[0]), maximum=int(years[-1]))
    costos = (costo_fiscal_paths(resultados) if reforma is None
              else difference_paths(resultados, reforma, "present_value"))
    vps, pib_base = present_value_paths(costos, resultados, r, b)
    return pd.DataFrame(present_value_rows(vps, pib_base, discount_rate=r, base_year=b))
