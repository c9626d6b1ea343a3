"""A projected budget line: yearly cases and nominal cost over paths, with who pays it."""

from __future__ import annotations

import attrs
import numpy as np

from pensiones._validation import ANIO_MAX, check_integer
from pensiones.engine.componentes import PAGADORES as PAYERS  # the payers of Results.cost_by_payer: one list

__all__ = ["ProjectedLine", "PAYERS", "ANIO_BASE_MIN"]

#: First year a projection of these lines can report (the RJP stock starts at the end of 2019).
ANIO_BASE_MIN = 2020


def _matriz(instance, attribute, value):
    if not isinstance(value, np.ndarray) or value.ndim != 2:
        raise ValueError(f"{attribute.name} must be a 2-d array (paths, years), got {type(value).__name__}")


@attrs.frozen(eq=False)
class ProjectedLine:
    """Cases and cost of one budget line, by path and year.

    Attributes
    ----------
    componente : str
        Name of the line in the fiscal ledger (``"rjp"``, ``"licencias_140bis"``).
    pagador : {"imss", "gobierno_federal"}
        Who finances it.
    years : numpy.ndarray
        Calendar years, shape ``(n,)``.
    casos : numpy.ndarray
        People paid in the year (end-of-year stock for pensions; parents with a subsidy for
        the 140 Bis leave), shape ``(paths, n)``.
    costo : numpy.ndarray
        Outlay in nominal pesos of each year, shape ``(paths, n)``.
    detalle : dict of str to numpy.ndarray
        Further series of the same shape (e.g. ``jubilados``, ``sobrevivientes``,
        ``nuevas_jubilaciones``, ``licencias``, ``dias``), each in its own unit (see ``unidades``).
    unidades : dict of str to str
        Unit of each series (``casos``: persons; ``costo``: MXN).
    parametros : dict
        The central parameters of the run and, when paths carry uncertainty, ``draws``: the
        parameter values of each path.
    seed : int
        Seed of the draws (numpy ``Generator``); the same seed gives the same numbers.
    """

    componente: str
    pagador: str
    years: np.ndarray
    casos: np.ndarray = attrs.field(validator=_matriz)
    costo: np.ndarray = attrs.field(validator=_matriz)
    detalle: dict = attrs.field(factory=dict)
    unidades: dict = attrs.field(factory=dict)
    parametros: dict = attrs.field(factory=dict)
    seed: int = 0

    def __attrs_post_init__(self):
        if self.pagador not in PAYERS:
            raise ValueError(f"pagador must be one of {PAYERS}, got {self.pagador!r}")
        shape = (self.casos.shape[0], len(self.years))
        for name, arr in {"casos": self.casos, "costo": self.costo, **self.detalle}.items():
            if arr.shape != shape:
                raise ValueError(f"{name} has shape {arr.shape}, expected {shape} (paths, years)")

    @property
    def paths(self) -> int:
        """Number of paths."""
        return int(self.casos.shape[0])

    def serie(self, nombre: str) -> np.ndarray:
        """``casos``, ``costo`` or a series of ``detalle`` by name, shape ``(paths, years)``."""
        if nombre == "casos":
            return self.casos
        if nombre == "costo":
            return self.costo
        try:
            return self.detalle[nombre]
        except KeyError:
            raise KeyError(f"no series {nombre!r}; series: casos, costo, {', '.join(self.detalle)}") from None

    def en(self, anio: int, nombre: str = "costo") -> np.ndarray:
        """Values of a series in one year over paths, shape ``(paths,)``."""
        years = [int(y) for y in self.years]
        if int(anio) not in years:
            raise ValueError(f"anio must be one of the projected years {years[0]}..{years[-1]}, got {anio!r}")
        return self.serie(nombre)[:, years.index(int(anio))]

    def to_frame(self, percentiles=(5, 50, 95)):
        """Tidy table: ``component, payer, year, measure, stat, value, unit``.

        ``stat`` is ``mean`` and ``p5``, ``p50``, ``p95`` (or the percentiles asked) over paths;
        measures are ``casos``, ``costo`` and each series of ``detalle``.
        """
        import pandas as pd

        rows = []
        series = {"casos": self.casos, "costo": self.costo, **self.detalle}
        for measure, arr in series.items():
            unit = self.unidades.get(measure, "MXN" if measure == "costo" else "persons")
            stats = {"mean": arr.mean(axis=0)}
            for q in percentiles:
                stats[f"p{q:g}"] = np.percentile(arr, q, axis=0)
            for stat, values in stats.items():
                for year, v in zip(self.years, values):
                    rows.append((self.componente, self.pagador, int(year), measure, stat, float(v), unit))
        return pd.DataFrame(rows, columns=["component", "payer", "year", "measure", "stat", "value", "unit"])


def linea_a_dict(linea: ProjectedLine) -> dict:
    """The fields of ``linea`` as a dict (what :mod:`pensiones._derivados` keeps)."""
    return attrs.asdict(linea, recurse=False)


def linea_de_dict(campos: dict) -> ProjectedLine:
    """The :class:`ProjectedLine` of :func:`linea_a_dict`."""
    return ProjectedLine(**campos)


def anios_proyeccion(years) -> np.ndarray:
    """Validated years: a non-empty, strictly increasing run of consecutive integers in 2020-2100."""
    arr = np.asarray(years)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"years must be a non-empty 1-d array of years, got shape {arr.shape}")
    out = np.array([check_integer("years[i]", int(y) if float(y) == int(y) else y,
                                  minimum=ANIO_BASE_MIN, maximum=ANIO_MAX)
                    for y in arr.tolist()], dtype=np.int64)
    if np.any(np.diff(out) != 1):
        raise ValueError(f"years must be consecutive and increasing ({out[0]}, {out[0] + 1}, ...), got {out.tolist()}")
    return out


def check_paths(paths: object, seed: object) -> tuple[int, int]:
    """Validated ``paths`` (1-100,000) and ``seed`` (a non-negative integer)."""
    return (check_integer("paths", paths, minimum=1, maximum=100_000), check_integer("seed", seed, minimum=0))
