"""The ``pensiones`` command line, one small module per subcommand.

``pensiones run SCENARIO``        run a scenario end to end: tables (CSV, one .xlsx), charts (PNG), summary
                                  (:mod:`pensiones.cli.run`)
``pensiones sweep A B ...``       several scenarios on one seed on a Dask cluster (:mod:`pensiones.cli.sweep`)
``pensiones validate FILE.toml``  check a scenario without running it (:mod:`pensiones.cli.validate`)
``pensiones scenarios [NAME]``    the built-in scenarios, or one with its rationale and TOML
                                  (:mod:`pensiones.cli.scenarios`)
``pensiones rules [YEAR|TABLE]``  the rule tables, the rules in force in a year, or one table
                                  (:mod:`pensiones.cli.rules`)
``pensiones cache info|clear``   the on-disk cache of the compiled engine: what it holds, or remove it
                                  (:mod:`pensiones.cli.cache`)
``pensiones --version``

:mod:`pensiones.cli.app` holds the parser and :func:`main`, the entry point;
:mod:`pensiones.cli.terminal` the conventions they share; :mod:`pensiones.cli.options` the arguments
``run``, ``sweep`` and ``validate`` have in common. Every argument is checked before any work is
done or any folder is made; an error is one line on stderr naming the argument and what it accepts,
with exit status 2 (1 for a failure to read or write files, 130 when interrupted). A run's folder is
written by :mod:`pensiones.reporting.carpeta`, whole or not at all.
"""

from __future__ import annotations

from pensiones.cli.app import main
from pensiones.cli.terminal import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_IO, EXIT_USAGE

__all__ = ["main", "EXIT_USAGE", "EXIT_IO", "EXIT_INTERRUPTED", "EXIT_BROKEN_PIPE"]


def __getattr__(name):
    # the former single-module command line's folder writer moved to reporting (deprecated here)
    if name == "escribir_resultados":
        import warnings

        from pensiones.reporting import carpeta

        warnings.warn("pensiones.cli.escribir_resultados moved to pensiones.reporting.carpeta.escribir_resultados; "
                      "the old name will be removed", DeprecationWarning, stacklevel=2)
        return carpeta.escribir_resultados
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
