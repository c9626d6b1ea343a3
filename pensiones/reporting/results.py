"""Results of a simulation: the ledger (path x year x component), yearly series, outcomes, and their tables."""

from __future__ import annotations

import html

import attrs
import numpy as np
import pandas as pd

from pensiones._deprecation import renombrado
from pensiones.engine import componentes as C

__all__ = ["Results"]


@attrs.frozen(eq=False)
class Results:
    """What :func:`pensiones.simulate` returns.

    Attributes
    ----------
    ledger_array : ndarray (paths, years, components), int64
        Sums in hundredths (centavos for pesos, hundredths of a person for counts).
    years : ndarray
    seed, paths : int
    provenance : dict
        Package version, hash of the resolved parameters, scenario, seed, persons, years.
    yearly : pandas.DataFrame
        Deterministic yearly series (GDP, deflator, Ley 73 stock, PBAM, Mujeres Bienestar).
    scenario : Scenario
    personas : pandas.DataFrame
        Per record: ``sexo``, ``banda`` (salary band: baja <= 2/3, media, alta > 4/3 of the
        average SBC), ``peso``, ``generacion`` (ley73_transicion / ley97).
    outcomes_array : ndarray (paths, persons, outcomes) or None
    lines : dict of str to ProjectedLine
        IMSS's own pension lines projected beside the records (``rjp``, J003, paid by the IMSS;
        ``licencias_140bis``, a federal line): cases and nominal cost by path and year
        (:mod:`pensiones.imss`).
    yearly_paths : dict of str to ndarray (paths, years), or None
        The columns of ``yearly`` that vary by path when each path draws its macro path
        (``Procesos.macro = "estocastico"``): ``pib``, ``deflactor``, ``ley73_stock``, ``pbam``,
        ``mujeres_bienestar``; the fiscal measures (constant pesos, % of GDP) then divide each path by its
        own.  None otherwise (``yearly`` holds every path's series, the deterministic mean path).
    """

    ledger_array: np.ndarray = attrs.field(repr=False)
    years: np.ndarray = attrs.field(repr=False)
    seed: int
    paths: int
    provenance: dict = attrs.field(repr=False)
    yearly: pd.DataFrame = attrs.field(repr=False)
    scenario: object = attrs.field(repr=False)
    personas: pd.DataFrame = attrs.field(repr=False)
    outcomes_array: np.ndarray | None = attrs.field(default=None, repr=False)
    lines: dict = attrs.field(factory=dict, repr=False)
    yearly_paths: dict | None = attrs.field(default=None, repr=False)
    # tables derived from the arrays above, computed once (pensiones.reporting.tablas._once); a Results is read-only
    _derived: dict = attrs.field(factory=dict, init=False, repr=False)

    # deprecated spellings: English for the machinery (pensiones._deprecation; removed in 0.3)
    anuales = renombrado(lambda self: self.yearly, "Results.anuales", "Results.yearly", propiedad=True)
    escenario = renombrado(lambda self: self.scenario, "Results.escenario", "Results.scenario", propiedad=True)
    lineas = renombrado(lambda self: self.lines, "Results.lineas", "Results.lines", propiedad=True)

    @property
    def ledger(self) -> pd.DataFrame:
        """Tidy ledger: ``year``, ``path``, ``component``, ``value``, ``unit`` (``MXN`` or ``persons``)."""
        from pensiones.reporting.tablas import ledger

        return ledger(self)

    def component(self, name: str) -> np.ndarray:
        """Array (paths, years) of one simulated component, in pesos (or people)."""
        if name not in C.INDICE:
            raise KeyError(f"unknown component {name!r}; components: {', '.join(C.COMPONENTES)}")
        return self.ledger_array[:, :, C.INDICE[name]] / 100.0

    def person_outcomes(self) -> pd.DataFrame:
        """Per-person outcomes (path, person, ``componentes.RESULTADOS_PERSONA``), if requested."""
        if self.outcomes_array is None:
            raise ValueError("per-person outcomes were not requested: simulate(..., outcomes=True)")
        paths, persons, k = self.outcomes_array.shape
        frame = pd.DataFrame(self.outcomes_array.reshape(paths * persons, k), columns=list(C.RESULTADOS_PERSONA))
        frame.insert(0, "person", np.tile(np.arange(persons), paths))
        frame.insert(0, "path", np.repeat(np.arange(paths), persons))
        return frame

    def fiscal_cost_paths(self) -> dict[str, np.ndarray]:
        """Fiscal cost by component as arrays (paths, years), nominal pesos, with ``total``."""
        from pensiones.reporting.tablas import costo_fiscal_paths

        return costo_fiscal_paths(self)

    componente = renombrado(component, "Results.componente", "Results.component")
    resultados_persona = renombrado(person_outcomes, "Results.resultados_persona", "Results.person_outcomes")
    costo_fiscal_paths = renombrado(fiscal_cost_paths, "Results.costo_fiscal_paths", "Results.fiscal_cost_paths")

    def fiscal_cost(self, *, measure=None, stat=None, components=None, wide: bool = False) -> pd.DataFrame:
        """Fiscal cost by year and component: nominal pesos (``MXN``), constant 2025 pesos
        (``MXN_2025``) and % of GDP (``pct_GDP``); mean, its standard error ``se`` and p5 / p50 / p95
        over paths (tidy: year, component, measure, stat, value, unit).

        ``measure``, ``stat`` and ``components`` select (one id or several); ``wide=True`` gives one
        measure and stat as years x components.  See :func:`pensiones.reporting.fiscal_cost`.

        Examples
        --------
        >>> import pensiones
        >>> r = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=2), paths=2, seed=1, end=2030)
        >>> r.fiscal_cost(measure="pct_GDP", stat=["mean", "se"], components="total").shape
        (12, 6)
        """
        from pensiones.reporting.tablas import fiscal_cost

        return fiscal_cost(self, measure=measure, stat=stat, components=components, wide=wide)

    def prob(self, component: str, year: int, *, above: float | None = None, below: float | None = None,
             measure: str = "pct_GDP"):
        """The share of the paths on which a fiscal cost is strictly above (or below) a level in a year.

        ``component`` is one of :data:`~pensiones.reporting.FISCAL_COMPONENTS` or ``total``; the level,
        ``above=`` or ``below=`` (exactly one), is in ``measure`` (``pct_GDP`` by default, or ``MXN_2025``,
        ``MXN``, as :meth:`fiscal_cost`).  Returns a :class:`~pensiones.reporting.incertidumbre.Probability`:
        ``float(p)`` is the share, ``p.se`` its Monte Carlo standard error ``sqrt(p (1 - p) / paths)``.  See
        :func:`pensiones.reporting.incertidumbre.probability`.

        Examples
        --------
        >>> import pensiones
        >>> r = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=2), paths=10, seed=1, end=2030)
        >>> p = r.prob("total", 2030, above=0.0)
        >>> float(p), p.se
        (1.0, 0.0)
        """
        from pensiones.reporting.incertidumbre import probability

        return probability(self, component, year, above=above, below=below, measure=measure)

    def pensions(self, *, measure=None, stat=None, wide: bool = False) -> pd.DataFrame:
        """Pensions by year, ``regime`` and ``type``: new awards (``new``) and people in payment
        (``in_payment``), in ``persons``, and the average monthly pension (``average_monthly_pension``,
        ``MXN``); mean, ``se``, p5 / p50 / p95 over paths (tidy: year, regime, type, measure, stat,
        value, unit).  Types: ``cesantia`` and ``vejez`` (new own pensions before and from the vejez
        age), ``renta_vitalicia``, ``pension_garantizada``, ``negativa_de_pension``, ``fondo_bienestar``,
        ``viudez``, ``orfandad``, ``pbam`` and each regime's ``total``.  See
        :func:`pensiones.reporting.tablas.pensions`.

        Examples
        --------
        >>> import pensiones
        >>> r = pensiones.simulate(pensiones.Population.synthetic(1_000, seed=2), paths=2, seed=1, end=2030)
        >>> sorted(r.pensions(stat="mean")["regime"].unique())
        ['ley73', 'ley97', 'non_contributory', 'survivors']
        """
        from pensiones.reporting.tablas import pensions

        return pensions(self, measure=measure, stat=stat, wide=wide)

    def cost_by_payer(self, *, payer=None, measure=None, stat=None, components=None,
                      wide: bool = False) -> pd.DataFrame:
        """Every peso by who pays: ``payer`` (``gobierno_federal``, ``imss``, ``cuenta_individual``,
        ``fondo_bienestar``), ``component`` (each line, with ``rjp`` and ``licencias_140bis``, and a
        ``total`` per payer), ``year``, ``measure``, ``stat``, ``value``, ``unit`` (see
        :mod:`pensiones.reporting.pagadores` for each line and its budget programme).  The Federal
        Government's and the Fondo Bienestar's lines add up to :meth:`fiscal_cost`.  Filters as
        :meth:`fiscal_cost`, and ``payer``; ``wide=True`` has (payer, component) columns."""
        from pensiones.reporting.pagadores import cost_by_payer

        return cost_by_payer(self, payer=payer, measure=measure, stat=stat, components=components, wide=wide)

    def outcomes(self, by=None, *, columns=None, wide: bool = False) -> pd.DataFrame:
        """People's outcomes: replacement rates, shares reaching a pension, on the guaranteed pension,
        with negativa de pensión, Fondo Bienestar recipients; for everyone and by the groupings of
        ``by`` (default ``sex``, ``salary_band`` and both; also ``generation`` and
        ``retirement_year``, the grant year); ``columns`` selects, ``wide=True`` indexes by group.
        See :func:`pensiones.reporting.outcomes`."""
        from pensiones.reporting.tablas import outcomes

        return outcomes(self, by=by, columns=columns, wide=wide)

    def export(self, folder, *, formatos=("csv", "parquet", "xlsx"), overwrite=False) -> list:
        """Write the tables (CSV, Parquet, one Excel workbook) and ``provenance.json`` atomically
        (see :func:`pensiones.reporting.export`); returns the paths."""
        from pensiones.reporting.export import export

        return export(self, folder, formatos=formatos, overwrite=overwrite)

    @property
    def plot(self):
        """Charts: ``.abanico()``, ``.componentes()``, ``.diferencia(baseline)``, ``.tasas_reemplazo()``
        (:class:`~pensiones.reporting.plots.PlotAccessor`); its repr lists them."""
        from pensiones.reporting.plots import PlotAccessor

        return PlotAccessor(self)

    def _repr_html_(self) -> str:
        p = self.provenance
        t = self.fiscal_cost(measure="pct_GDP", stat=["mean", "se"], components="total")
        t = t.pivot(index="year", columns="stat", values="value")
        shown = [y for y in t.index if y % 5 == 0] or list(t.index)
        rows = "".join(
            f"<tr><td>{y}</td><td>{t.loc[y, 'mean']:.2f} %</td><td>{_fmt_se(t.loc[y, 'se'])}</td></tr>" for y in shown
        )
        return (
            f"<div><b>pensiones Results</b> — scenario <code>{html.escape(str(p['escenario']))}</code>, "
            f"seed {p['seed']}, {p['paths']} paths, {p['personas']:,} records, years {p['anios']}, "
            f"version {p['version']}, parameters {p['parametros_hash']}<table><tr><th>year</th>"
            f"<th>fiscal cost, % of GDP (mean)</th><th>standard error</th></tr>{rows}</table></div>"
        )

    def __repr__(self) -> str:
        p = self.provenance
        return (
            f"Results(scenario={p['escenario']!r}, seed={p['seed']}, paths={p['paths']}, "
            f"records={p['personas']:,}, years={p['anios']})"
        )


def _fmt_se(value: float) -> str:
    return "n/a (1 path)" if not np.isfinite(value) else f"{value:.3f} pp"
