"""Deprecated: ``pensiones sweep`` now lives in :mod:`pensiones.cli.sweep` (this alias will be removed)."""

import warnings

from pensiones.cli.sweep import add_parser, carpetas_escenarios, escribir_escenario, run

__all__ = ["add_parser", "run", "escribir_escenario", "carpetas_escenarios"]

warnings.warn("pensiones.cli_sweep moved to pensiones.cli.sweep; the old module will be removed",
              DeprecationWarning, stacklevel=2)
