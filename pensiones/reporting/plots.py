"""Charts of a simulation (matplotlib).

``results.plot`` is a :class:`PlotAccessor`, in the manner of ``pandas.DataFrame.plot``:

- ``results.plot.abanico(component="total", measure="pct_GDP")``: fan chart of a fiscal cost
  component (``None``: every component not always zero), the mean over paths with the 5-95 % band;
- ``results.plot.componentes()``: the fiscal cost components stacked, % of GDP (mean over paths),
  the CEAV balances transferred by Ley 73 choosers below zero;
- ``results.plot.tasas_reemplazo()``: replacement rates by sex and salary band (needs
  ``simulate(..., outcomes=True)``);
- ``results.plot.diferencia(baseline)``: this run minus a baseline, path by path;

and :func:`comparacion` draws what :func:`pensiones.compare` returns (reform minus baseline, with
its 5-95 % band over paths), :func:`abanico_fuentes` what
:func:`pensiones.reporting.band_decomposition` returns (the band of a cost under each source of
uncertainty) and :func:`tornado` what :func:`pensiones.sensibilidad` returns (one-at-a-time
sensitivities, the widest swing on top). Each takes ``ax=None`` (a new figure) or an existing Axes to draw on,
returns the Axes, labels its axes with units in one language (``lang="en"`` or ``"es"``, from the
one label dictionary :data:`ETIQUETAS`), keeps its legend outside the data, and notes under the axes
the source, records x paths and seed (and, with fewer than 20 paths, that the bands are rough).

The figure-returning functions :func:`abanico_costo_fiscal`, :func:`componentes_pib`,
:func:`tasas_reemplazo` and :func:`diferencia_reforma` (used by ``pensiones run``) draw the same
charts and return the Figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pensiones.reporting.fiscal import FISCAL_COMPONENTS

__all__ = [
    "ETIQUETAS",
    "PAGADORES_ETIQUETAS",
    "IDIOMAS",
    "MEDIDAS",
    "PlotAccessor",
    "abanico_costo_fiscal",
    "abanico_fuentes",
    "comparacion",
    "componentes_pib",
    "diferencia_reforma",
    "etiqueta",
    "tasas_reemplazo",
    "tornado",
]

#: Languages of the charts: every label, title and note of a chart is in one of them (``lang=``).
IDIOMAS = ("en", "es")

class _PorIdioma(dict):
    """Labels by language; a component looked up directly (the layout before ``lang``) warns and gets English."""

    def __init__(self, nombre: str, data: dict, renamed: dict | None = None):
        super().__init__(data)
        self._nombre, self._renamed = nombre, renamed or {}

    def __missing__(self, key):
        new = self._renamed.get(key, key)
        if new in dict.__getitem__(self, "en"):
            from pensiones._avisos import PensionesDeprecationWarning, avisar

            avisar(f"{self._nombre}[{key!r}] is deprecated: the entries are by language, use "
                   f"{self._nombre}['en'][{new!r}]", PensionesDeprecationWarning)
            return dict.__getitem__(self, "en")[new]
        raise KeyError(key)


#: The one dictionary of the fiscal components' labels, by language (the command line's summary uses
#: ``ETIQUETAS["en"]``).  Legal names stay in the law's Spanish in both.
ETIQUETAS = _PorIdioma("ETIQUETAS", {
    "en": {
        "cuota_social": "Cuota social",
        "aportacion_estatal": "State CEAV contribution",
        "ley73": "Ley 73 pensions",
        "pension_garantizada": "Guaranteed pension",
        "fondo_bienestar": "Fondo Bienestar",
        "pbam": "PBAM",
        "mujeres_bienestar": "Mujeres Bienestar",
        "transferencia_rcv_ley73": "CEAV transferred (Ley 73)",
        "licencias_140bis": "Art. 140 Bis leave",
        "sobrevivientes_ley73": "Survivors' pensions (Ley 73)",
        "sobrevivientes_pg": "Survivors' pensions (guaranteed pension)",
        "invalidez_ley73": "Invalidity pensions (Ley 73)",
        "pareo_ahorro_voluntario": "Match on voluntary saving",
        "pension_basica_universal": "Universal basic pension",
        "subsidio_cobertura": "Subsidy to new coverage",
        "total": "Total",
    },
    "es": {
        "cuota_social": "Cuota social",
        "aportacion_estatal": "Aportación estatal CEAV",
        "ley73": "Pensiones Ley 73",
        "pension_garantizada": "Pensión garantizada",
        "fondo_bienestar": "Fondo Bienestar",
        "pbam": "PBAM",
        "mujeres_bienestar": "Mujeres Bienestar",
        "transferencia_rcv_ley73": "CEAV transferido (Ley 73)",
        "licencias_140bis": "Licencias art. 140 Bis",
        "sobrevivientes_ley73": "Sobrevivientes (Ley 73)",
        "sobrevivientes_pg": "Sobrevivientes (pensión garantizada)",
        "invalidez_ley73": "Invalidez (Ley 73)",
        "pareo_ahorro_voluntario": "Pareo del ahorro voluntario",
        "pension_basica_universal": "Pensión básica universal",
        "subsidio_cobertura": "Subsidio a la nueva cobertura",
        "total": "Total",
    },
})

#: Labels of the payers of ``Results.cost_by_payer``, by language.
PAGADORES_ETIQUETAS = {
    "en": {
        "gobierno_federal": "Federal Government",
        "fondo_bienestar": "Fondo de Pensiones para el Bienestar",
        "imss": "IMSS (RJP J003, survivors J002)",
        "cuenta_individual": "Individual accounts and insurers",
    },
    "es": {
        "gobierno_federal": "Gobierno Federal",
        "fondo_bienestar": "Fondo de Pensiones para el Bienestar",
        "imss": "IMSS (RJP J003, sobrevivientes J002)",
        "cuenta_individual": "Cuentas individuales y aseguradoras",
    },
}

#: Measures of the fiscal cost tables, by language: (axis label with the unit, divisor applied before plotting).
MEDIDAS = _PorIdioma("MEDIDAS", {
    "en": {
        "pct_GDP": ("% of GDP", 1.0),
        "MXN_2025": ("constant pesos of 2025 (× 10⁹)", 1e9),
        "MXN": ("nominal pesos (× 10⁹)", 1e9),
    },
    "es": {
        "pct_GDP": ("% del PIB", 1.0),
        "MXN_2025": ("pesos constantes de 2025 (× 10⁹)", 1e9),
        "MXN": ("pesos corrientes (× 10⁹)", 1e9),
    },
}, renamed={"nominal": "MXN", "constante_2025": "MXN_2025", "pct_pib": "pct_GDP"})

#: Every other word of the charts, by language.
_TEXTOS = {
    "en": {
        "year": "year",
        "band": "5-95 % of paths",
        "band_rough": "5-95 % of paths (only {paths}: rough)",
        "fiscal_cost": "Fiscal cost",
        "mean_band": "mean and 5-95 % band over paths",
        "every": "every component not always zero",
        "shown": "components shown",
        "left_out": "always zero, not drawn",
        "stacked": "Fiscal cost by component, mean over paths",
        "net_total": "Total (net)",
        "source": "Source: pensiones {version}{escenario}; {records:,} records × {paths:,} paths, "
                  "seed {seed}.",
        "caveat": "Caution: with {paths} paths (fewer than 20) the 5-95 % band is a rough estimate.",
        "rr_title": "Replacement rates: median, 25-75 % box, 5-95 % whiskers",
        "rr_x": "sex and salary band (records over all paths)",
        "rr_y": "replacement rate, % of the last salary",
        "groups": {"H": "men", "M": "women", "baja": "low", "media": "middle", "alta": "high"},
        "diff_mean": "mean over paths",
        "diff_y": "reform − baseline, {unit}",
        "diff_pp": "percentage points of GDP",
        "diff_title": "Reform minus baseline: {what}",
        "sources_title": "{what}: median and 5-95 % band of the paths, by source of uncertainty",
        "sources_band": "{source}: median, 5-95 %",
        "tornado_title": "One-at-a-time sensitivity: {what}\ncentral run {central}",
        "tornado_x": "change against the central run, {unit}",
        "tornado_low": "low end of the range",
        "tornado_high": "high end of the range",
        "tornado_se": "± 1.96 Monte Carlo standard errors",
        "pv": "present value {start}-{end} of {what} at {rate} real, {measure}",
        "pv_base": "{measure} of {year}",
        "pv_gdp": "% of the present value of GDP",
        "in_year": "{what} in {year}",
        "stat_of": "{stat} of ",
    },
    "es": {
        "year": "año",
        "band": "5-95 % de las trayectorias",
        "band_rough": "5-95 % de las trayectorias (solo {paths}: aproximada)",
        "fiscal_cost": "Costo fiscal",
        "mean_band": "media y banda 5-95 % de las trayectorias",
        "every": "todos los componentes no siempre nulos",
        "shown": "componentes mostrados",
        "left_out": "siempre nulos, no dibujados",
        "stacked": "Costo fiscal por componente, media de las trayectorias",
        "net_total": "Total (neto)",
        "source": "Fuente: pensiones {version}{escenario}; {records:,} registros × {paths:,} "
                  "trayectorias, semilla {seed}.",
        "caveat": "Atención: con {paths} trayectorias (menos de 20) la banda 5-95 % es una estimación burda.",
        "rr_title": "Tasas de reemplazo: mediana, caja 25-75 %, bigotes 5-95 %",
        "rr_x": "sexo y banda salarial (registros de todas las trayectorias)",
        "rr_y": "tasa de reemplazo, % del último salario",
        "groups": {"H": "hombres", "M": "mujeres", "baja": "baja", "media": "media", "alta": "alta"},
        "diff_mean": "media de las trayectorias",
        "diff_y": "reforma − base, {unit}",
        "diff_pp": "puntos porcentuales del PIB",
        "diff_title": "Reforma menos base: {what}",
        "sources_title": "{what}: mediana y banda 5-95 % de las trayectorias, por fuente de incertidumbre",
        "sources_band": "{source}: mediana, 5-95 %",
        "tornado_title": "Sensibilidad de uno en uno: {what}\ncorrida central {central}",
        "tornado_x": "cambio respecto de la corrida central, {unit}",
        "tornado_low": "extremo bajo del rango",
        "tornado_high": "extremo alto del rango",
        "tornado_se": "± 1.96 errores estándar de Monte Carlo",
        "pv": "valor presente {start}-{end} de {what} al {rate} real, {measure}",
        "pv_base": "{measure} de {year}",
        "pv_gdp": "% del valor presente del PIB",
        "in_year": "{what} en {year}",
        "stat_of": "{stat} de ",
    },
}

#: Fewest paths whose 5-95 % band is drawn without a caveat.
TRAYECTORIAS_BANDA = 20

_COMPONENTES = (*FISCAL_COMPONENTS, "total")
_BAND = ("p5", "p95")

# Per-record columns read from ``Results.personas``, kept in this one place.
_SEX = "sexo"  # "H" men, "M" women
_BAND_SALARY = "banda"  # "baja", "media", "alta"
_GROUPS = [(s, b) for s in ("H", "M") for b in ("baja", "media", "alta")]


def etiqueta(component: str, lang: str = "en") -> str:
    """The label of a fiscal component (or ``total``) in ``lang``; unknown names are returned as they are."""
    _check("lang", lang, IDIOMAS)
    return ETIQUETAS[lang].get(component, component)


def _measure(measure: str) -> str:
    """A measure id, the old ones mapped with a deprecation warning."""
    from pensiones.reporting.tablas import MEASURES, seleccion

    return seleccion("measure", measure, MEASURES)[0]


def _replacement_rates(results, lang: str = "en") -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Replacement rates and weights of the pensioned records (all paths) by sex x salary band."""
    if getattr(results, "outcomes_array", None) is None:
        raise ValueError(
            "tasas_reemplazo needs per-person outcomes, which this run did not keep: "
            "run pensiones.simulate(..., outcomes=True)"
        )
    from pensiones.reporting.tablas import reemplazo_pensionados

    names = _TEXTOS[lang]["groups"]
    info = results.personas
    sexo, banda_salarial = info[_SEX].to_numpy(), info[_BAND_SALARY].to_numpy()
    out = {}
    for sexo_g, banda in _GROUPS:
        mask = (sexo == sexo_g) & (banda_salarial == banda)
        out[f"{names[sexo_g]}\n{names[banda]}"] = reemplazo_pensionados(results, mask)
    return out


def _new_axes(ax, figsize=(10, 5)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _check(name: str, value: str, allowed) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(str, allowed))}; got {value!r}")


def _scenario_name(results) -> str:
    return str(results.provenance.get("escenario", ""))


def _series(frame: pd.DataFrame, component: str, measure: str, what: str) -> pd.DataFrame:
    """One component and measure of a tidy ``year/component/measure/stat/value`` table, by year x stat."""
    missing = {"year", "component", "measure", "stat", "value"} - set(frame.columns)
    if missing:
        raise ValueError(
            f"{what} must have the columns year, component, measure, stat, value; missing {sorted(missing)}"
        )
    _check("measure", measure, sorted(set(frame["measure"])))
    _check("component", component, list(dict.fromkeys(frame["component"])))
    part = frame[(frame["component"] == component) & (frame["measure"] == measure)]
    return part.pivot(index="year", columns="stat", values="value") / MEDIDAS["en"].get(measure, ("", 1.0))[1]


def _units(measure: str, lang: str = "en") -> str:
    return MEDIDAS[lang].get(measure, (measure, 1.0))[0]


def _band_label(lang: str, paths) -> str:
    if paths is not None and paths < TRAYECTORIAS_BANDA:
        return _TEXTOS[lang]["band_rough"].format(paths=paths)
    return _TEXTOS[lang]["band"]


def _fan(ax, part: pd.DataFrame, *, label: str, band: str, color=None, band_label: bool = False):
    line = ax.plot(part.index, part["mean"], color=color, lw=1.8, label=label)[0]
    labelled = any(c.get_label() == band for c in ax.collections)  # one legend entry per Axes
    ax.fill_between(
        part.index, part[_BAND[0]], part[_BAND[1]], color=line.get_color(), alpha=0.2, lw=0,
        label=band if band_label and not labelled else None,
    )
    return line


def _legend_outside(ax) -> None:
    """The legend to the right of the data, never over it."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, fontsize=8, frameon=False)


def _footnote(ax, provenance: dict | None, lang: str, *, bands: bool) -> None:
    """Source, records x paths and seed under the x label; with fewer than 20 paths, the bands' caveat."""
    if not provenance or any(text.get_gid() == "pensiones-footnote" for text in ax.texts):
        return  # one footnote an Axes: runs drawn on one Axes share records, paths and seed
    t = _TEXTOS[lang]
    escenario = provenance.get("escenario")
    escenario = f", {'scenario' if lang == 'en' else 'escenario'} {escenario}" if escenario else ""
    lines = [t["source"].format(version=provenance.get("version", "?"), escenario=escenario,
                                records=int(provenance.get("personas", 0)), paths=int(provenance.get("paths", 0)),
                                seed=provenance.get("seed", "?"))]
    paths = provenance.get("paths")
    if bands and paths is not None and int(paths) < TRAYECTORIAS_BANDA:
        lines.append(t["caveat"].format(paths=int(paths)))
    ax.annotate("\n".join(lines), xy=(0.0, 0.0), xycoords=("axes fraction", ax.xaxis.label), xytext=(0, -6),
                textcoords="offset points", ha="left", va="top", fontsize=7, color="0.3", gid="pensiones-footnote")


def _finish_axes(ax, *, xlabel: str, ylabel: str | None, title: str, provenance: dict | None, lang: str,
                 bands: bool, legend: bool = True, grid: str = "both") -> None:
    """The house finish of a chart: axis labels (no y label for ``None``), the title in 10 points, the legend
    outside the data (:func:`_legend_outside`), a light grid on ``grid`` ("both", "x" or "y") and the
    footnote (:func:`_footnote`, under the x label)."""
    ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    if legend:
        _legend_outside(ax)
    ax.grid(alpha=0.3, axis=grid)
    _footnote(ax, provenance, lang, bands=bands)


def _no_siempre_cero(wide: pd.DataFrame, components) -> tuple[list[str], list[str]]:
    """The components with some non-zero value, and those always zero."""
    kept = [c for c in components if (wide[c].to_numpy() != 0).any()]
    return kept, [c for c in components if c not in kept]


def _weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs) -> np.ndarray:
    """Quantiles of ``values`` with ``weights`` (the inverse of the weighted distribution function)."""
    order = np.argsort(values, kind="stable")
    v, w = values[order], weights[order]
    cum, total = np.cumsum(w), w.sum()  # the median is the one of Results.outcomes()
    return np.array([v[min(np.searchsorted(cum, q * total), len(v) - 1)] for q in qs])


class PlotAccessor:
    """Charts of one :class:`pensiones.Results`: ``results.plot.abanico()`` and so on.

    Every method draws on ``ax`` (a new figure when ``None``) and returns the Axes; ``lang`` (``"en"``
    or ``"es"``) sets the language of every word of the chart; a footnote gives the source, the
    records, paths and seed, and warns when the bands come from fewer than 20 paths.

    Parameters
    ----------
    results : pensiones.Results
        A simulation; :meth:`tasas_reemplazo` needs one run with ``outcomes=True``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pensiones
    >>> r = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=1), paths=3, seed=2, end=2030)
    >>> r.plot  # doctest: +ELLIPSIS
    <PlotAccessor of Results(scenario='reforma_2020', ...): abanico, componentes, diferencia, tasas_reemplazo>
    >>> ax = r.plot.abanico("pension_garantizada")
    >>> ax.get_ylabel()
    '% of GDP'
    >>> r.plot.abanico(lang="es").get_ylabel()
    '% del PIB'
    """

    #: The charts, in the order the repr lists them.
    METODOS = ("abanico", "componentes", "diferencia", "tasas_reemplazo")

    def __init__(self, results):
        self._results = results

    def __repr__(self) -> str:
        return f"<PlotAccessor of {self._results!r}: {', '.join(self.METODOS)}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<li><code>.{m}()</code> — {getattr(type(self), m).__doc__.strip().splitlines()[0]}</li>"
            for m in self.METODOS
        )
        return f"<div><b>Charts of this run</b> (<code>results.plot</code>):<ul>{rows}</ul></div>"

    def abanico(self, component="total", measure: str = "pct_GDP", *, label: str | None = None, lang: str = "en",
                ax=None):
        """Fan chart of the fiscal cost: the mean over paths and the 5-95 % band, by year.

        Parameters
        ----------
        component : str, sequence of str or None
            One or more of :data:`~pensiones.reporting.FISCAL_COMPONENTS` and ``total``; ``None``
            draws every component not always zero and the total (the title names those left out).
        measure : {"pct_GDP", "MXN_2025", "MXN"}
            Percent of GDP, constant pesos of 2025 or nominal pesos (pesos are drawn in thousands of
            millions, 10⁹).  The old ids ``pct_pib``, ``constante_2025``, ``nominal`` warn.
        label : str, optional
            Legend label of the line (default: the component's name); useful when several runs
            share one Axes.
        lang : {"en", "es"}
            Language of the chart.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure when ``None``.

        Returns
        -------
        matplotlib.axes.Axes
        """
        _check("lang", lang, IDIOMAS)
        measure = _measure(measure)
        t = _TEXTOS[lang]
        fc = self._results.fiscal_cost(measure=measure)
        if component is None:
            wide = fc[fc["stat"] == "mean"].pivot(index="year", columns="component", values="value")
            components, left_out = _no_siempre_cero(wide, FISCAL_COMPONENTS)
            components.append("total")
        else:
            components = [component] if isinstance(component, str) else list(component)
            left_out = []
        if not components:
            raise ValueError("component must name at least one component")
        for c in components:
            _check("component", c, _COMPONENTES)
        ax = _new_axes(ax)
        band = _band_label(lang, self._results.paths)
        for i, c in enumerate(components):
            name = etiqueta(c, lang) if label is None or len(components) > 1 else label
            color = "black" if c == "total" and len(components) > 1 else None
            _fan(ax, _series(fc, c, measure, "fiscal_cost()"), label=name, band=band, color=color,
                 band_label=i == len(components) - 1)
        if len(components) == 1:
            what = f": {etiqueta(components[0], lang)}"
        elif component is None:
            what = f", {t['every']}"
        else:
            what = f" ({t['shown']}: {', '.join(etiqueta(c, lang) for c in components)})"
        # with a label of its own the line may share the Axes with other runs: no scenario in the title
        scenario = "" if label is not None else f" — {_scenario_name(self._results)}"
        title = f"{t['fiscal_cost']}{what}\n{t['mean_band']}{scenario}"
        if left_out:
            title += f"\n({t['left_out']}: {', '.join(etiqueta(c, lang) for c in left_out)})"
        # with a label the line may share the Axes with other runs: the footnote names no scenario
        provenance = self._results.provenance
        _finish_axes(ax, xlabel=t["year"], ylabel=_units(measure, lang), title=title,
                     provenance={**provenance, "escenario": None} if label is not None else provenance, lang=lang,
                     bands=True)
        return ax

    def componentes(self, measure: str = "pct_GDP", *, lang: str = "en", ax=None):
        """Fiscal cost components stacked (mean over paths), the CEAV transfer below zero.

        The components paid by the government are stacked above zero; the CEAV balances that
        Ley 73 choosers transfer to the government (LSS 1997 transitorio Tercero) are an offset
        drawn below zero; the black line is the net total.  Components always zero in the run are
        left out of the stack and the legend.

        Parameters
        ----------
        measure : {"pct_GDP", "MXN_2025", "MXN"}
            Percent of GDP (default), constant pesos of 2025 or nominal pesos (× 10⁹).
        lang : {"en", "es"}
            Language of the chart.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure when ``None``.

        Returns
        -------
        matplotlib.axes.Axes
        """
        _check("lang", lang, IDIOMAS)
        measure = _measure(measure)
        t = _TEXTOS[lang]
        wide = self._results.fiscal_cost(measure=measure, stat="mean", wide=True) / MEDIDAS[lang][measure][1]
        ax = _new_axes(ax)
        offset = "transferencia_rcv_ley73"
        positive, _ = _no_siempre_cero(wide, [c for c in FISCAL_COMPONENTS if c != offset])
        ax.stackplot(wide.index, [wide[c] for c in positive], labels=[etiqueta(c, lang) for c in positive], alpha=0.85)
        if (wide[offset].to_numpy() != 0).any():
            ax.fill_between(wide.index, wide[offset], 0, color="grey", alpha=0.6, lw=0, label=etiqueta(offset, lang))
        ax.plot(wide.index, wide["total"], color="black", lw=1.5, label=t["net_total"])
        ax.axhline(0, color="black", lw=0.6)
        _finish_axes(ax, xlabel=t["year"], ylabel=_units(measure, lang),
                     title=f"{t['stacked']} — {_scenario_name(self._results)}", provenance=self._results.provenance,
                     lang=lang, bands=False)
        return ax

    def diferencia(self, baseline, component: str = "total", measure: str = "pct_GDP", *, lang: str = "en", ax=None):
        """This run minus ``baseline`` by year, path by path: the mean and its 5-95 % band.

        Parameters
        ----------
        baseline : pensiones.Results
            A run on the same population, seed, paths and years (see :func:`pensiones.compare`).
        component, measure, lang, ax
            As :func:`comparacion`.

        Returns
        -------
        matplotlib.axes.Axes
        """
        from pensiones.reporting.tablas import compare

        frame = compare(baseline, self._results, measure=_measure(measure), components=component)
        what = etiqueta(component, lang if lang in IDIOMAS else "en")
        title = (f"{_TEXTOS.get(lang, _TEXTOS['en'])['diff_title'].format(what=what)} — "
                 f"{_scenario_name(self._results)} − {_scenario_name(baseline)}")
        return comparacion(frame, component, frame["measure"].iloc[0], title=title, lang=lang, ax=ax)

    def tasas_reemplazo(self, *, lang: str = "en", ax=None):
        """Replacement rates of the people who retire within the horizon, by sex and salary band.

        The replacement rate is the first monthly pension over the last monthly SBC, for those
        who get a pension (renta vitalicia, guaranteed pension or Ley 73; not negativa de
        pensión). Each box spans the 25th to 75th percentile of the people represented (records
        weighted, all paths), the line is the median, the whiskers the 5th and 95th percentiles.
        Salary bands: low <= 2/3, middle, high > 4/3 of the average SBC.

        Parameters
        ----------
        lang : {"en", "es"}
            Language of the chart.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure when ``None``.

        Returns
        -------
        matplotlib.axes.Axes

        Raises
        ------
        ValueError
            If the run kept no per-person outcomes (``simulate(..., outcomes=True)``).
        """
        _check("lang", lang, IDIOMAS)
        t = _TEXTOS[lang]
        groups = _replacement_rates(self._results, lang)
        stats = []
        for name, (rates, weights) in groups.items():
            if len(rates) == 0 or weights.sum() <= 0:
                continue  # nobody of this group retires within the horizon: no box
            q5, q25, q50, q75, q95 = _weighted_quantiles(rates, weights, (0.05, 0.25, 0.5, 0.75, 0.95))
            stats.append({"label": f"{name}\n(n={len(rates):,})", "whislo": q5, "q1": q25, "med": q50, "q3": q75,
                          "whishi": q95, "fliers": []})
        if not stats:
            raise ValueError(
                "nobody retires with a pension within the horizon of this run: no replacement rates to plot"
            )
        from matplotlib.ticker import PercentFormatter

        ax = _new_axes(ax)
        ax.bxp(stats, showfliers=False, patch_artist=True, boxprops={"facecolor": "C0", "alpha": 0.5},
               medianprops={"color": "black"})
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
        _finish_axes(ax, xlabel=t["rr_x"], ylabel=t["rr_y"], title=f"{t['rr_title']} — {_scenario_name(self._results)}",
                     provenance=self._results.provenance, lang=lang, bands=False, legend=False, grid="y")
        return ax


def comparacion(compare_frame: pd.DataFrame, component: str = "total", measure: str = "pct_GDP", *,
                title: str | None = None, lang: str = "en", ax=None):
    """Reform minus baseline by year: the mean over paths and its 5-95 % band.

    The difference is taken path by path (common random numbers), so the band is the
    uncertainty of the reform's effect, not of either run.

    Parameters
    ----------
    compare_frame : pandas.DataFrame
        What :func:`pensiones.compare` returns (tidy ``year``, ``component``, ``measure``,
        ``stat``, ``value``); its ``attrs["provenance"]`` gives the footnote.
    component : str
        A fiscal cost component or ``total``.
    measure : {"pct_GDP", "MXN_2025", "MXN"}
        Percent of GDP (percentage points of the difference), constant pesos of 2025 or nominal
        pesos (× 10⁹).  The old ids warn.
    title : str, optional
        Default: "Reform minus baseline: <component>".
    lang : {"en", "es"}
        Language of the chart.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    _check("lang", lang, IDIOMAS)
    measure = _measure(measure)
    t = _TEXTOS[lang]
    provenance = compare_frame.attrs.get("provenance")
    part = _series(compare_frame, component, measure, "compare_frame")
    ax = _new_axes(ax)
    _fan(ax, part, label=t["diff_mean"], color="C3", band_label=True,
         band=_band_label(lang, provenance.get("paths") if provenance else None))
    ax.axhline(0, color="black", lw=0.8)
    unit = t["diff_pp"] if measure == "pct_GDP" else _units(measure, lang)
    _finish_axes(ax, xlabel=t["year"], ylabel=t["diff_y"].format(unit=unit),
                 title=title or t["diff_title"].format(what=etiqueta(component, lang)), provenance=provenance,
                 lang=lang, bands=True)
    return ax


def _provenance_comun(provenances: list[dict]) -> dict:
    """One footnote for several runs on the same records and paths: their seeds (one, or each)."""
    seeds = list(dict.fromkeys(str(p.get("seed", "?")) for p in provenances))
    first = provenances[0] if provenances else {}
    return {**first, "escenario": None, "seed": seeds[0] if len(seeds) == 1 else ", ".join(seeds)}


def abanico_fuentes(band_frame: pd.DataFrame, *, title: str | None = None, lang: str = "en", ax=None):
    """The band of one fiscal cost under each source of uncertainty: median and 5-95 % band by year.

    Each labelled run of :func:`pensiones.reporting.band_decomposition` is drawn in its own colour, the
    widest band first (so the narrower ones stay visible on top): the band filled between p5 and p95,
    its edges thin and the median (p50) a line.

    Parameters
    ----------
    band_frame : pandas.DataFrame
        What :func:`pensiones.reporting.band_decomposition` returns (tidy, with the stats ``p5``,
        ``p50`` and ``p95``); its ``attrs`` give the component, measure and footnote.
    title : str, optional
        Default: the component and "median and 5-95 % band of the paths, by source of uncertainty".
    lang : {"en", "es"}
        Language of the chart (the sources' labels are the caller's).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pensiones
    >>> pop = pensiones.Population.synthetic(500, seed=2)
    >>> a = pensiones.simulate(pop, paths=4, seed=1, end=2035)
    >>> b = pensiones.simulate(pop, paths=4, seed=2, end=2035)
    >>> t = pensiones.reporting.band_decomposition({"seed 1": a, "seed 2": b})
    >>> ax = pensiones.reporting.plots.abanico_fuentes(t)
    >>> ax.get_ylabel(), sorted(line.get_label() for line in ax.get_lines() if line.get_lw() > 1)
    ('% of GDP', ['seed 1: median, 5-95 %', 'seed 2: median, 5-95 %'])
    """
    _check("lang", lang, IDIOMAS)
    t = _TEXTOS[lang]
    missing = {"source", "year", "stat", "value", "measure"} - set(band_frame.columns)
    if missing:
        raise ValueError("band_frame must be the tidy table of pensiones.reporting.band_decomposition (wide=False); "
                         f"missing columns {sorted(missing)}")
    stats = set(band_frame["stat"])
    if not {"p5", "p50", "p95"} <= stats:
        raise ValueError(f"band_frame needs the stats p5, p50 and p95; it has {', '.join(sorted(stats))}: "
                         "call band_decomposition without stat= (or with them)")
    measure = _measure(str(band_frame["measure"].iloc[0]))
    component = band_frame.attrs.get("component", str(band_frame["component"].iloc[0]))
    escala = MEDIDAS[lang][measure][1]
    fuentes = {}
    for source in dict.fromkeys(band_frame["source"]):
        part = band_frame[band_frame["source"] == source].pivot(index="year", columns="stat", values="value") / escala
        fuentes[source] = part
    ax = _new_axes(ax)
    widest_first = sorted(fuentes, key=lambda k: -float(np.nanmean(fuentes[k]["p95"] - fuentes[k]["p5"])))
    colours = {source: f"C{i % 10}" for i, source in enumerate(fuentes)}
    for source in widest_first:
        part, colour = fuentes[source], colours[source]
        ax.fill_between(part.index, part["p5"], part["p95"], color=colour, alpha=0.18, lw=0)
        for edge in ("p5", "p95"):
            ax.plot(part.index, part[edge], color=colour, lw=0.6, alpha=0.8, label="_nolegend_")
        ax.plot(part.index, part["p50"], color=colour, lw=1.8, label=t["sources_band"].format(source=source))
    provenances = list(band_frame.attrs.get("provenance", {}).values())
    _finish_axes(ax, xlabel=t["year"], ylabel=_units(measure, lang),
                 title=title or t["sources_title"].format(what=etiqueta(component, lang)),
                 provenance=_provenance_comun(provenances) if provenances else None, lang=lang, bands=True)
    return ax


def _valor_corto(value) -> str:
    """A parameter's value for a label: a number with :g, an array by its size, else its text."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return f"{float(value):g}"
    if isinstance(value, (list, tuple, np.ndarray)):
        array = np.asarray(value, dtype=float)
        return f"array {array.min():g}-{array.max():g}" if array.size else "array"
    return str(value)


def _que_salida(attrs: dict, lang: str) -> str:
    """The outcome of a sensitivity table in words, in ``lang``."""
    t = _TEXTOS[lang]
    what = etiqueta(attrs.get("component", "total"), lang)
    measure = attrs.get("measure", "pct_GDP")
    if attrs.get("year") is not None:
        text = f"{t['in_year'].format(what=what, year=attrs['year'])}, {_units(measure, lang)}"
    else:
        anios = str((attrs.get("provenance") or {}).get("anios", "")).split("-")
        start, end = (anios[0], anios[-1]) if anios and anios[0] else ("?", "?")
        unidad = (t["pv_gdp"] if measure == "pct_PV_GDP"
                  else t["pv_base"].format(measure=_units(measure, lang), year=attrs.get("base_year")))
        rate = attrs.get("discount_rate")
        text = t["pv"].format(start=start, end=end, what=what, rate=f"{rate:.1%}" if rate is not None else "?",
                              measure=unidad)
    stat = attrs.get("stat", "mean")
    return text if stat == "mean" else t["stat_of"].format(stat=stat) + text


def tornado(sensibilidad_frame: pd.DataFrame, *, title: str | None = None, lang: str = "en", ax=None):
    """One-at-a-time sensitivities as a tornado: each parameter's change at the low and the high end of its
    range against the central run, the widest swing on top.

    Parameters
    ----------
    sensibilidad_frame : pandas.DataFrame
        What :func:`pensiones.sensibilidad` returns (its rows sorted by swing; its ``attrs`` give the
        outcome, the central value and the footnote).
    title : str, optional
        Default: "One-at-a-time sensitivity: <outcome>" and the central run's value.
    lang : {"en", "es"}
        Language of the chart.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
        Two bars a parameter, from zero to the change at the low end (above) and at the high end
        (below), each labelled with the parameter's value, with ± 1.96 standard errors of a mean's
        change.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pensiones
    >>> pop = pensiones.Population.synthetic(500, seed=2)
    >>> t = pensiones.sensibilidad(pop, parameters={"supuestos.crecimiento_real_pib": (0.01, 0.03),
    ...                                             "procesos.edad_retiro": (65, 65)}, paths=4, seed=1, end=2035,
    ...                            year=2035)
    >>> ax = pensiones.reporting.plots.tornado(t)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['procesos.edad_retiro', 'supuestos.crecimiento_real_pib']
    >>> ax.get_xlabel()
    'change against the central run, percentage points of GDP'
    """
    _check("lang", lang, IDIOMAS)
    t = _TEXTOS[lang]
    missing = {"parameter", "bound", "value", "change", "se"} - set(sensibilidad_frame.columns)
    if missing:
        raise ValueError(f"sensibilidad_frame must be what pensiones.sensibilidad returns; missing columns "
                         f"{sorted(missing)}")
    attrs = sensibilidad_frame.attrs
    measure = attrs.get("measure", "pct_GDP")
    unidad_medida = "pct_GDP" if measure == "pct_PV_GDP" else _measure(measure)
    escala = MEDIDAS[lang][unidad_medida][1]
    parametros = list(dict.fromkeys(sensibilidad_frame["parameter"]))
    ax = _new_axes(ax, figsize=(10, 1.2 + 0.7 * len(parametros)))
    for i, parametro in enumerate(parametros):
        y = len(parametros) - 1 - i  # the widest swing (first row) on top
        filas = sensibilidad_frame[sensibilidad_frame["parameter"] == parametro].set_index("bound")
        for bound, offset, colour in (("low", 0.19, "C0"), ("high", -0.19, "C3")):
            if bound not in filas.index:
                continue
            change, se = float(filas.loc[bound, "change"]) / escala, float(filas.loc[bound, "se"]) / escala
            label = t[f"tornado_{bound}"] if i == 0 else None
            ax.barh(y + offset, change, height=0.36, color=colour, alpha=0.85, label=label)
            if np.isfinite(se) and se > 0:
                ax.errorbar(change, y + offset, xerr=1.96 * se, fmt="none", ecolor="0.2", elinewidth=0.8, capsize=2,
                            label=t["tornado_se"] if i == 0 and bound == "high" else None)
            ax.annotate(_valor_corto(filas.loc[bound, "value"]), xy=(change, y + offset),
                        xytext=(3 if change >= 0 else -3, 0), textcoords="offset points",
                        ha="left" if change >= 0 else "right", va="center", fontsize=7)
    ax.set_yticks(range(len(parametros)), parametros[::-1])
    ax.axvline(0, color="black", lw=0.8)
    ax.margins(x=0.15)
    unit = t["diff_pp"] if unidad_medida == "pct_GDP" else _units(unidad_medida, lang)
    central = attrs.get("central")
    central_text = "" if central is None else f"{central / escala:.3g} ({_units(unidad_medida, lang)})"
    _finish_axes(ax, xlabel=t["tornado_x"].format(unit=unit), ylabel=None,
                 title=title or t["tornado_title"].format(what=_que_salida(attrs, lang), central=central_text),
                 provenance=attrs.get("provenance"), lang=lang, bands=False, grid="x")
    return ax


# The figure-returning functions of ``pensiones run``.


def abanico_costo_fiscal(results, *, componentes=None, lang: str = "en", ax=None):
    """Fan chart in % of GDP of every component not always zero and the total (or of ``componentes``)
    (see :meth:`PlotAccessor.abanico`); returns the Figure."""
    return PlotAccessor(results).abanico(None if componentes is None else list(componentes), lang=lang, ax=ax).figure


def componentes_pib(results, *, lang: str = "en", ax=None):
    """Stacked components in % of GDP (see :meth:`PlotAccessor.componentes`); returns the Figure."""
    return PlotAccessor(results).componentes(lang=lang, ax=ax).figure


def tasas_reemplazo(results, *, lang: str = "en", ax=None):
    """Replacement rates by sex and salary band (see :meth:`PlotAccessor.tasas_reemplazo`); returns the Figure."""
    return PlotAccessor(results).tasas_reemplazo(lang=lang, ax=ax).figure


def diferencia_reforma(comparacion_frame, *, componente="total", medida="pct_GDP", ax=None, titulo=None, lang="en"):
    """Reform minus baseline with the 5-95 % band (see :func:`comparacion`); returns the Figure."""
    return comparacion(comparacion_frame, componente, medida, title=titulo, lang=lang, ax=ax).figure
