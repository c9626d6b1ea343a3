"""The :class:`Scenario`: what a simulation runs (rules + assumptions + behaviour)."""

from __future__ import annotations

import attrs

from pensiones.engine.procesos import Procesos
from pensiones.rules.ruleset import REGIMENES, RuleSet, load
from pensiones.rules.supuestos import Criterios, Supuestos

__all__ = ["Scenario"]


def _regimen(instance, attribute, value):
    if value not in REGIMENES:
        raise ValueError(f"regimen must be one of {', '.join(map(repr, REGIMENES))}; got {value!r}")


@attrs.frozen(kw_only=True)
class Scenario:
    """A named scenario: rule set, assumptions (:class:`Supuestos`), legal readings
    (:class:`Criterios`) and processes and behaviour (:class:`Procesos`)."""

    nombre: str = "reforma_2020"
    descripcion: str = "The law in force (LSS as reformed DOF 16-12-2020) with default assumptions."
    regimen: str = attrs.field(default="lss2020", validator=_regimen)
    supuestos: Supuestos = attrs.field(factory=Supuestos)
    criterios: Criterios = attrs.field(factory=Criterios)
    procesos: Procesos = attrs.field(factory=Procesos)

    @classmethod
    def default(cls) -> "Scenario":
        """The law in force with every default."""
        return cls()

    def reglas(self) -> RuleSet:
        """The rule set this scenario reads."""
        return load(self.regimen, supuestos=self.supuestos, criterios=self.criterios)
