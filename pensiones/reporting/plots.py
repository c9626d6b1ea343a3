"""Charts of a simulation (matplotlib).

``results.plot`` is a :class:`PlotAccessor`, in the manner of ``pandas.DataFrame.plot``:

- ``results.plot.abanico(component="total", measure="pct_pib")``: fan chart of a fiscal cost
  component, the mean over paths with the 5-95 % band;
- ``results.plot.componentes()``: the fiscal cost components stacked, % of GDP (mean over paths),
  the CEAV balances transferred by Ley 73 choosers below zero;
- ``results.plot.tasas_reemplazo()``: replacement rates by sex and salary band (needs
  ``simulate(..., outcomes=True)``);

and :func:`comparacion` draws what :func:`pensiones.compare` returns (reform minus baseline, with
its 5-95 % band over paths). Each takes ``ax=None`` (a new figure) or an existing Axes to draw on,
returns the Axes, and labels its axes with units.

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
    "MEDIDAS",
    "PlotAccessor",
    "abanico_costo_fiscal",
    "comparacion",
    "componentes_pib",
    "diferencia_reforma",
    "tasas_reemplazo",
]

#: Legend labels of the fiscal cost components.
ETIQUETAS = {
    "cuota_social": "Cuota social",
    "aportacion_estatal": "Aportación estatal",
    "ley73": "Ley 73",
    "pension_garantizada": "Pensión garantizada",
    "fondo_bienestar": "Fondo Bienestar",
    "pbam": "PBAM",
    "mujeres_bienestar": "Mujeres Bienestar",
    "transferencia_rcv_ley73": "CEAV transferred (Ley 73)",
    "licencias_140bis": "Licencias 140 Bis",
    "sobrevivientes_ley73": "Sobrevivientes Ley 73",
    "sobrevivientes_pg": "Sobrevivientes PG",
    "total": "Total",
}

#: Measures of the fiscal cost tables: (axis label with the unit, divisor applied before plotting).
MEDIDAS = {
    "pct_pib": ("% of GDP", 1.0),
    "constante_2025": ("constant pesos of 2025 (× 10⁹)", 1e9),
    "nominal": ("nominal pesos (× 10⁹)", 1e9),
}

_COMPONENTES = (*FISCAL_COMPONENTS, "total")
_BAND = ("p5", "p95")

# Per-record columns read from ``Results.personas``, kept in this one place.
_SEX = "sexo"  # "H" men, "M" women
_BAND_SALARY = "banda"  # "baja", "media", "alta"
_GROUPS = [(s, b) for s in ("H", "M") for b in ("baja", "media", "alta")]
_GROUP_LABELS = {"H": "men", "M": "women", "baja": "low", "media": "middle", "alta": "high"}


def _replacement_rates(results) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Replacement rates and weights of the pensioned records (all paths) by sex x salary band."""
    if getattr(results, "outcomes_array", None) is None:
        raise ValueError(
            "tasas_reemplazo needs per-person outcomes, which this run did not keep: "
            "run pensiones.simulate(..., outcomes=True)"
        )
    from pensiones.reporting.tablas import reemplazo_pensionados

    info = results.personas
    sexo, banda_salarial = info[_SEX].to_numpy(), info[_BAND_SALARY].to_numpy()
    out = {}
    for sexo_g, banda in _GROUPS:
        mask = (sexo == sexo_g) & (banda_salarial == banda)
        out[f"{_GROUP_LABELS[sexo_g]}\n{_GROUP_LABELS[banda]}"] = reemplazo_pensionados(results, mask)
    return out


def _new_axes(ax, figsize=(9, 5)):
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
        raise ValueError(f"{what} must have the columns year, component, measure, stat, value; missing {sorted(missing)}")
    _check("measure", measure, sorted(set(frame["measure"])))
    _check("component", component, list(dict.fromkeys(frame["component"])))
    part = frame[(frame["component"] == component) & (frame["measure"] == measure)]
    return part.pivot(index="year", columns="stat", values="value") / MEDIDAS.get(measure, ("", 1.0))[1]


def _units(measure: str) -> str:
    return MEDIDAS.get(measure, (measure, 1.0))[0]


_BAND_LABEL = "5-95 % of paths"


def _fan(ax, part: pd.DataFrame, *, label: str, color=None, band_label: bool = False):
    line = ax.plot(part.index, part["mean"], color=color, lw=1.8, label=label)[0]
    labelled = any(c.get_label() == _BAND_LABEL for c in ax.collections)  # one legend entry per Axes
    ax.fill_between(
        part.index, part[_BAND[0]], part[_BAND[1]], color=line.get_color(), alpha=0.2, lw=0,
        label=_BAND_LABEL if band_label and not labelled else None,
    )
    return line


def _weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs) -> np.ndarray:
    """Quantiles of ``values`` with ``weights`` (the inverse of the weighted distribution function)."""
    order = np.argsort(values, kind="stable")
    v, w = values[order], weights[order]
    cum, total = np.cumsum(w), w.sum()  # the median is the one of Results.outcomes()
    return np.array([v[min(np.searchsorted(cum, q * total), len(v) - 1)] for q in qs])


class PlotAccessor:
    """Charts of one :class:`pensiones.Results`: ``results.plot.abanico()`` and so on.

    Every method draws on ``ax`` (a new figure when ``None``) and returns the Axes.

    Parameters
    ----------
    results : pensiones.Results
        A simulation; :meth:`tasas_reemplazo` needs one run with ``outcomes=True``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pensiones
    >>> r = pensiones.simulate(pensiones.Population.synthetic(500, seed=1), paths=3, seed=2, end=2030)
    >>> ax = r.plot.abanico("pension_garantizada")
    >>> ax.get_ylabel()
    '% of GDP'
    """

    def __init__(self, results):
        self._results = results

    def abanico(self, component="total", measure: str = "pct_pib", *, label: str | None = None, ax=None):
        """Fan chart of the fiscal cost: the mean over paths and the 5-95 % band, by year.

        Parameters
        ----------
        component : str or sequence of str
            One or more of ``cuota_social``, ``aportacion_estatal``, ``ley73``,
            ``pension_garantizada``, ``fondo_bienestar``, ``pbam``, ``mujeres_bienestar``,
            ``transferencia_rcv_ley73`` (negative: an offset) and ``total``.
        measure : {"pct_pib", "constante_2025", "nominal"}
            Percent of GDP, constant pesos of 2025 or nominal pesos (pesos are drawn in
            thousands of millions, 10⁹).
        label : str, optional
            Legend label of the line (default: the component's name); useful when several runs
            share one Axes.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure when ``None``.

        Returns
        -------
        matplotlib.axes.Axes
        """
        components = [component] if isinstance(component, str) else list(component)
        if not components:
            raise ValueError("component must name at least one component")
        _check("measure", measure, list(MEDIDAS))
        for c in components:
            _check("component", c, _COMPONENTES)
        fc = self._results.fiscal_cost()
        ax = _new_axes(ax)
        for i, c in enumerate(components):
            name = ETIQUETAS[c] if label is None or len(components) > 1 else label
            _fan(ax, _series(fc, c, measure, "fiscal_cost()"), label=name, band_label=i == len(components) - 1)
        ax.set_xlabel("year")
        ax.set_ylabel(_units(measure))
        what = f", {ETIQUETAS[components[0]]}" if len(components) == 1 else " by component"
        # with a label of its own the line may share the Axes with other runs: no scenario in the title
        scenario = "" if label is not None else f" — {_scenario_name(self._results)}"
        ax.set_title(f"Fiscal cost{what}: mean and 5-95 % band over paths{scenario}")
        ax.legend()
        ax.grid(alpha=0.3)
        return ax

    def componentes(self, measure: str = "pct_pib", *, ax=None):
        """Fiscal cost components stacked (mean over paths), the CEAV transfer below zero.

        The components paid by the government are stacked above zero; the CEAV balances that
        Ley 73 choosers transfer to the government (LSS 1997 transitorio Tercero) are an offset
        drawn below zero; the black line is the net total.

        Parameters
        ----------
        measure : {"pct_pib", "constante_2025", "nominal"}
            Percent of GDP (default), constant pesos of 2025 or nominal pesos (× 10⁹).
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure when ``None``.

        Returns
        -------
        matplotlib.axes.Axes
        """
        _check("measure", measure, list(MEDIDAS))
        fc = self._results.fiscal_cost()
        fc = fc[(fc["measure"] == measure) & (fc["stat"] == "mean")]
        wide = fc.pivot(index="year", columns="component", values="value") / MEDIDAS[measure][1]
        ax = _new_axes(ax)
        positive = [c for c in FISCAL_COMPONENTS if c != "transferencia_rcv_ley73"]
        ax.stackplot(wide.index, [wide[c] for c in positive], labels=[ETIQUETAS[c] for c in positive], alpha=0.85)
        offset = "transferencia_rcv_ley73"
        ax.fill_between(wide.index, wide[offset], 0, color="grey", alpha=0.6, lw=0, label=ETIQUETAS[offset])
        ax.plot(wide.index, wide["total"], color="black", lw=1.5, label="Total (net)")
        ax.axhline(0, color="black", lw=0.6)
        ax.set_xlabel("year")
        ax.set_ylabel(_units(measure))
        ax.set_title(f"Fiscal cost by component, mean over paths — {_scenario_name(self._results)}")
        ax.legend(loc="upper left", fontsize=8, ncol=2)
        ax.grid(alpha=0.3)
        return ax

    def tasas_reemplazo(self, *, ax=None):
        """Replacement rates of the people who retire within the horizon, by sex and salary band.

        The replacement rate is the first monthly pension over the last monthly SBC, for those
        who get a pension (renta vitalicia, guaranteed pension or Ley 73; not negativa de
        pensión). Each box spans the 25th to 75th percentile of the people represented (records
        weighted, all paths), the line is the median, the whiskers the 5th and 95th percentiles.
        Salary bands: low <= 2/3, middle, high > 4/3 of the average SBC.

        Parameters
        ----------
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
        groups = _replacement_rates(self._results)
        stats = []
        for name, (rates, weights) in groups.items():
            if len(rates) == 0 or weights.sum() <= 0:
                continue  # nobody of this group retires within the horizon: no box
            q5, q25, q50, q75, q95 = _weighted_quantiles(rates, weights, (0.05, 0.25, 0.5, 0.75, 0.95))
            stats.append({"label": f"{name}\n(n={len(rates):,})", "whislo": q5, "q1": q25, "med": q50, "q3": q75, "whishi": q95, "fliers": []})
        if not stats:
            raise ValueError("nobody retires with a pension within the horizon of this run: no replacement rates to plot")
        from matplotlib.ticker import PercentFormatter

        ax = _new_axes(ax)
        ax.bxp(stats, showfliers=False, patch_artist=True, boxprops={"facecolor": "C0", "alpha": 0.5}, medianprops={"color": "black"})
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
        ax.set_xlabel("sex and salary band (records over all paths)")
        ax.set_ylabel("replacement rate, % of the last salary")
        ax.set_title(f"Replacement rates: median, 25-75 % box, 5-95 % whiskers — {_scenario_name(self._results)}")
        ax.grid(alpha=0.3, axis="y")
        return ax


def comparacion(compare_frame: pd.DataFrame, component: str = "total", measure: str = "pct_pib", *, title: str | None = None, ax=None):
    """Reform minus baseline by year: the mean over paths and its 5-95 % band.

    The difference is taken path by path (common random numbers), so the band is the
    uncertainty of the reform's effect, not of either run.

    Parameters
    ----------
    compare_frame : pandas.DataFrame
        What :func:`pensiones.compare` returns (tidy ``year``, ``component``, ``measure``,
        ``stat``, ``value``).
    component : str
        A fiscal cost component or ``total``.
    measure : {"pct_pib", "constante_2025", "nominal"}
        Percent of GDP (percentage points of the difference), constant pesos of 2025 or nominal
        pesos (× 10⁹).
    title : str, optional
        Default: "Reform minus baseline: <component>".
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    part = _series(compare_frame, component, measure, "compare_frame")
    ax = _new_axes(ax)
    _fan(ax, part, label="mean over paths", color="C3", band_label=True)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xlabel("year")
    unit = "percentage points of GDP" if measure == "pct_pib" else _units(measure)
    ax.set_ylabel(f"reform − baseline, {unit}")
    ax.set_title(title or f"Reform minus baseline: {ETIQUETAS.get(component, component)}")
    ax.legend()
    ax.grid(alpha=0.3)
    return ax


# The figure-returning functions of ``pensiones run``.


def abanico_costo_fiscal(results, *, componentes=("total", "ley73", "pension_garantizada", "fondo_bienestar"), ax=None):
    """Fan chart of several components in % of GDP (see :meth:`PlotAccessor.abanico`); returns the Figure."""
    return PlotAccessor(results).abanico(list(componentes), ax=ax).figure


def componentes_pib(results, *, ax=None):
    """Stacked components in % of GDP (see :meth:`PlotAccessor.componentes`); returns the Figure."""
    return PlotAccessor(results).componentes(ax=ax).figure


def tasas_reemplazo(results, *, ax=None):
    """Replacement rates by sex and salary band (see :meth:`PlotAccessor.tasas_reemplazo`); returns the Figure."""
    return PlotAccessor(results).tasas_reemplazo(ax=ax).figure


def diferencia_reforma(comparacion_frame, *, componente="total", medida="pct_pib", ax=None, titulo=None):
    """Reform minus baseline with the 5-95 % band (see :func:`comparacion`); returns the Figure."""
    return comparacion(comparacion_frame, componente, medida, title=titulo, ax=ax).figure
