"""Exceptions of the rules layer."""

from __future__ import annotations

__all__ = ["RuleTableError", "RuleLookupError"]


class RuleTableError(ValueError):
    """A rule table (CSV or its TOML metadata) is malformed; the message names file, row and field."""


class RuleLookupError(ValueError):
    """A lookup asked for a date, key or band the rules do not cover."""
