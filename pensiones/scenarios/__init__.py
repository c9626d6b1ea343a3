"""Scenarios: a rule set with reform overlays, economic assumptions, legal readings and behaviour."""

from pensiones._deprecation import modulo_renombrado
from pensiones.rules.overlay import Reforma
from pensiones.scenarios.scenario import Scenario, builtin_scenarios
from pensiones.scenarios.verificar import check_reforms

__all__ = ["Scenario", "Reforma", "builtin_scenarios", "check_reforms"]

#: Deprecated spellings (removed in 0.3; pensiones._deprecation).
__getattr__ = modulo_renombrado("pensiones.scenarios", globals(), {
    "escenarios_incluidos": "builtin_scenarios", "verificar_reformas": "check_reforms",
})
