"""Pick the rule set a public function reads: a given ``reglas`` or ``load(regimen)``."""

from __future__ import annotations

from pensiones.rules.ruleset import RuleSet, load


def resolve_reglas(regimen: str | None, reglas: RuleSet | None) -> RuleSet:
    """``reglas`` if given (its regime must agree with ``regimen`` when both are given), else ``load(regimen)``."""
    if reglas is None:
        return load("lss2020" if regimen is None else regimen)
    if not isinstance(reglas, RuleSet):
        raise ValueError(f"reglas must be a pensiones.rules.RuleSet, got {type(reglas).__name__}")
    if regimen is not None and regimen != reglas.regimen:
        raise ValueError(f"regimen={regimen!r} disagrees with reglas (regime {reglas.regimen!r}); pass one of them")
    return reglas
