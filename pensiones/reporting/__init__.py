"""Reporting: fiscal ledger, outcomes, comparison, export and plots."""

from pensiones.reporting.backtest import backtest
from pensiones.reporting.export import export
from pensiones.engine.anuales import anuales
from pensiones.reporting.fiscal import COMPONENTES_FISCALES
from pensiones.reporting.results import Results
from pensiones.reporting.tablas import compare, fiscal_cost, outcomes, valor_presente

__all__ = [
    "Results",
    "backtest",
    "compare",
    "valor_presente",
    "fiscal_cost",
    "outcomes",
    "export",
    "anuales",
    "COMPONENTES_FISCALES",
    "plots",
]


def __getattr__(name):
    # plots import matplotlib: only when asked for (``import pensiones`` stays light)
    if name == "plots":
        import importlib

        return importlib.import_module("pensiones.reporting.plots")
    raise AttributeError(f"module 'pensiones.reporting' has no attribute {name!r}")
