"""Reporting: fiscal ledger, outcomes, comparison, export and plots."""

from pensiones.reporting import plots
from pensiones.reporting.backtest import backtest
from pensiones.reporting.export import export
from pensiones.reporting.fiscal import COMPONENTES_FISCALES, anuales
from pensiones.reporting.tablas import compare, fiscal_cost, outcomes

__all__ = ["backtest", "compare", "fiscal_cost", "outcomes", "export", "anuales", "COMPONENTES_FISCALES", "plots"]
