"""Scenarios: a rule set, economic assumptions, legal criteria and behaviour, with a name."""

from pensiones.scenarios.scenario import Scenario

__all__ = ["Scenario"]
