"""Salary bands whose limits are printed in minimum wages (SM) or UMA.

The LSS tables print limits with two decimals and sometimes mix units ("1.01 SM a 1.50
UMA").  Since one minimum wage now exceeds 2.5 UMA, some bands are empty and the printed
limits leave gaps (between 2.00 and 2.01 UMA).  :func:`banda` classifies a salary under the
two readings chosen in :class:`~pensiones.rules.supuestos.Criterios`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from pensiones._jit import jit
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.supuestos import Criterios

__all__ = ["banda", "indice_banda", "redondeo_centesimas"]


def redondeo_centesimas(x: float) -> float:
    """Round half up to two decimals (2.005 -> 2.01), robust to binary representation."""
    return math.floor(x * 100.0 + 0.5 + 1e-9) / 100.0


@jit
def indice_banda(x, inferior, superior):
    """Band of ``x`` under the continuous reading: band b covers (inferior[b], superior[b]]; -1 if none.

    ``inferior[b]`` is the largest upper limit of the bands before b, so the gaps that printed
    limits leave (2.00 to 2.01 UMA) belong to the next band.  Empty bands have
    ``superior <= inferior`` and never match.
    """
    for b in range(superior.shape[0]):
        if x > inferior[b] and x <= superior[b]:
            return b
    return -1


def _unit_value(unit: str, uma: float, sm: float) -> float:
    if unit == "UMA":
        return uma
    if unit == "SM":
        return sm
    if unit == "veces":
        return 1.0
    raise RuleLookupError(f"unknown band unit {unit!r}")


def banda(rows: pd.DataFrame, salario: float, *, uma: float, sm: float, criterios: Criterios) -> int:
    """Position (0-based, in table order) of the band that ``salario`` falls in.

    Parameters
    ----------
    rows : DataFrame
        Bands in force, in table order, with ``band_from``, ``band_to`` (NaN: open) and,
        if present, ``unit_from`` / ``unit_to`` ("SM", "UMA").
    salario : float
        Salary in pesos (or in the table's unit when the unit values are 1).
    uma, sm : float
        Value of one UMA and one minimum wage in the same currency as ``salario``.
        ``sm=0`` means limits printed in minimum wages do not bind (the guaranteed-pension
        table classifies a lifetime average in UMA only).
    criterios : Criterios
        ``limites_banda`` and ``criterio_banda_sm`` (see their documentation).

    Raises
    ------
    RuleLookupError
        If no band contains the salary (for instance a salary below the first band).
    """
    lows = rows["band_from"].to_numpy(dtype=float)
    highs = rows["band_to"].to_numpy(dtype=float)
    units_from = rows["unit_from"].tolist() if "unit_from" in rows else ["veces"] * len(rows)
    units_to = rows["unit_to"].tolist() if "unit_to" in rows else ["veces"] * len(rows)
    mixed = "UMA" in units_from or "UMA" in units_to
    solo_uma = criterios.criterio_banda_sm == "solo_uma" and mixed

    candidates = []
    for i in range(len(rows)):
        if solo_uma and units_from[i] == "SM" and units_to[i] == "SM":
            continue  # the "1.00 SM" band has no UMA reading
        low_unit = "UMA" if solo_uma else units_from[i]
        low = 0.0 if (solo_uma and units_from[i] == "SM") else lows[i]
        candidates.append((i, low, low_unit, highs[i], units_to[i]))

    if criterios.limites_banda == "continuo":
        if not candidates:
            raise RuleLookupError(f"no band contains a salary of {salario:g} (UMA {uma:g}, SM {sm:g})")
        first_low = candidates[0][1] * _unit_value(candidates[0][2], uma, sm)
        uppers = np.array([math.inf if math.isnan(c[3]) else c[3] * _unit_value(c[4], uma, sm) for c in candidates])
        lowers = np.concatenate(([-math.inf], np.maximum.accumulate(uppers)[:-1]))
        k = indice_banda(float(salario), lowers, uppers)
        if k >= 0 and not salario < first_low - 1e-9:
            return candidates[k][0]
    else:
        for i, low, low_unit, high, unit_to in candidates:
            unit_low = _unit_value(low_unit, uma, sm)
            if unit_low > 0 and redondeo_centesimas(salario / unit_low) < low:
                continue
            if math.isnan(high) or redondeo_centesimas(salario / _unit_value(unit_to, uma, sm)) <= high:
                return i
    raise RuleLookupError(f"no band contains a salary of {salario:g} (UMA {uma:g}, SM {sm:g})")
