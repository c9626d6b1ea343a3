"""Reporting: fiscal ledger, outcomes, comparison, export and plots."""

from pensiones.reporting.backtest import backtest
from pensiones.reporting.descomposicion import present_value_by_period
from pensiones.reporting.export import export
from pensiones._deprecation import modulo_renombrado
from pensiones.engine.anuales import anuales as yearly
from pensiones.reporting.fiscal import FISCAL_COMPONENTS
from pensiones.reporting.incertidumbre import Probability, band_decomposition
from pensiones.reporting.results import Results
from pensiones.reporting.tablas import compare, fiscal_cost, outcomes, present_value

__all__ = [
    "Results",
    "backtest",
    "compare",
    "present_value",
    "present_value_by_period",
    "band_decomposition",
    "Probability",
    "fiscal_cost",
    "outcomes",
    "export",
    "yearly",
    "FISCAL_COMPONENTS",
    "plots",
]


def _perezoso(name):
    # plots import matplotlib: only when asked for (``import pensiones`` stays light)
    if name == "plots":
        import importlib

        return importlib.import_module("pensiones.reporting.plots")
    raise AttributeError(f"module 'pensiones.reporting' has no attribute {name!r}")


#: Deprecated spellings (removed in 0.3; pensiones._deprecation), then the lazy ``plots``.
__getattr__ = modulo_renombrado("pensiones.reporting", globals(), {
    "anuales": "yearly", "COMPONENTES_FISCALES": "FISCAL_COMPONENTS", "valor_presente": "present_value",
}, siguiente=_perezoso)
