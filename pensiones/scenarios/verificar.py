"""Overlays a run cannot feel: an error, never silently ignored."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping

from pensiones._validation import check_integer

__all__ = ["check_reforms"]


def check_reforms(scenario, tablas_leidas: Collection[str] | Mapping[str, dt.date], start: int, end: int) -> None:
    """Raise if an overlay of ``scenario`` has no effect on a simulation of ``start`` .. ``end``.

    An overlay has no effect when the simulation does not read its table, when it takes effect
    after the last simulated year, or (given the dates read) when the simulation reads its
    table only on dates before the overlay takes effect; a group brought into the regime
    (``Procesos.cobertura``) has none when it enters after the last simulated year.

    Parameters
    ----------
    scenario : Scenario
        The scenario simulated.
    tablas_leidas : set of str, or mapping of str to date
        The tables the simulation read: names, or ``{name: latest date read}`` as
        :meth:`pensiones.rules.RuleSet.registro_lecturas` records them.
    start, end : int
        First and last simulated year.

    Raises
    ------
    ValueError
        Naming the overlay (position, table, date) and why it cannot change the run.

    Examples
    --------
    >>> from pensiones import Scenario
    >>> from pensiones.scenarios import check_reforms
    >>> s = Scenario.load("semanas_1250")
    >>> check_reforms(s, {"semanas_minimas", "uma"}, 2025, 2070)
    >>> check_reforms(s, {"uma"}, 2025, 2070)
    Traceback (most recent call last):
    ...
    ValueError: scenario 'semanas_1250': reform 1 (semanas_minimas from 2027-01-01) changes table 'semanas_minimas', which a simulation of 2025-2070 does not read: the overlay would have no effect (tables read: uma)
    """  # noqa: E501 -- the expected error message of the doctest above is one line
    from pensiones.scenarios.scenario import Scenario

    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario must be a pensiones.Scenario, got {type(scenario).__name__}")
    if isinstance(tablas_leidas, (str, bytes)) or not isinstance(tablas_leidas, Collection):
        raise ValueError(f"tablas_leidas must be a set of table names or a mapping name -> date, got {tablas_leidas!r}")
    start = check_integer("start", start)
    end = check_integer("end", end, minimum=start)
    fin = dt.date(end, 12, 31)
    for c in scenario.procesos.cobertura:  # a group brought into the regime after the run (Procesos.cobertura)
        if int(math.floor(c.desde)) > end:
            raise ValueError(
                f"scenario {scenario.name!r}: cobertura {c.grupo} enters in {c.desde:g}, after the last simulated "
                f"year ({end}): it has no effect in the run"
            )
    for i, ov in enumerate(scenario.reformas, start=1):
        where = f"scenario {scenario.name!r}: {ov.etiqueta(i)}"
        if ov.tabla not in tablas_leidas:
            leidas = ", ".join(sorted(tablas_leidas)) or "none"
            raise ValueError(
                f"{where} changes table '{ov.tabla}', which a simulation of {start}-{end} does not read: "
                f"the overlay would have no effect (tables read: {leidas})"
            )
        if ov.desde > fin:
            raise ValueError(f"{where} takes effect after the last simulated year ({end}): it has no effect in the run")
        if isinstance(tablas_leidas, Mapping):
            last = tablas_leidas[ov.tabla]
            if isinstance(last, dt.date) and last < ov.desde:
                raise ValueError(
                    f"{where}: the simulation reads '{ov.tabla}' only on dates up to {last}, "
                    f"before the overlay takes effect: it has no effect in the run"
                )
