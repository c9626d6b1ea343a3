"""Results of a simulation: the ledger (year x path x component) and optional per-person outcomes."""

from __future__ import annotations

import attrs
import numpy as np
import pandas as pd

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
    seed : int
    paths : int
    provenance : dict
        Package version, hash of the resolved parameters, scenario name, seed, persons.
    outcomes_array : ndarray (paths, persons, outcomes) or None
    """

    ledger_array: np.ndarray = attrs.field(repr=False)
    years: np.ndarray = attrs.field(repr=False)
    seed: int
    paths: int
    provenance: dict = attrs.field(repr=False)
    outcomes_array: np.ndarray | None = attrs.field(default=None, repr=False)

    @property
    def ledger(self) -> pd.DataFrame:
        """Tidy ledger: ``year``, ``path``, ``component``, ``value`` (nominal pesos, or people for counts)."""
        paths, years, comps = self.ledger_array.shape
        idx = pd.MultiIndex.from_product([range(paths), self.years, C.COMPONENTES], names=["path", "year", "component"])
        frame = pd.DataFrame({"value": self.ledger_array.reshape(-1) / 100.0}, index=idx).reset_index()
        return frame[["year", "path", "component", "value"]]

    def componente(self, name: str) -> np.ndarray:
        """Array (paths, years) of one component, in pesos (or people)."""
        if name not in C.INDICE:
            raise KeyError(f"unknown component {name!r}; components: {', '.join(C.COMPONENTES)}")
        return self.ledger_array[:, :, C.INDICE[name]] / 100.0

    @property
    def outcomes(self) -> pd.DataFrame:
        """Per-person outcomes (path, person, and ``componentes.RESULTADOS_PERSONA``), if requested."""
        if self.outcomes_array is None:
            raise ValueError("per-person outcomes were not requested: simulate(..., outcomes=True)")
        paths, persons, k = self.outcomes_array.shape
        frame = pd.DataFrame(self.outcomes_array.reshape(paths * persons, k), columns=list(C.RESULTADOS_PERSONA))
        frame.insert(0, "person", np.tile(np.arange(persons), paths))
        frame.insert(0, "path", np.repeat(np.arange(paths), persons))
        return frame
