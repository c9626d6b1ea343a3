"""Scenarios: a rule set with reform overlays, economic assumptions, legal readings and behaviour."""

from pensiones.rules.overlay import Reforma
from pensiones.scenarios.scenario import Scenario, escenarios_incluidos
from pensiones.scenarios.verificar import verificar_reformas

__all__ = ["Scenario", "Reforma", "escenarios_incluidos", "verificar_reformas"]
