"""``pensiones validate FILE.toml``: check a scenario without running it.

Loads the scenario (TOML, keys, types and domains of every setting), applies its reform overlays to
its rule set (tables, columns, dates and the overlays' domains) and checks that every overlay takes
effect inside the run's years (``--start`` to ``--end``, as ``pensiones run`` would use them). Prints
one line, ``OK: ...``, with exit status 0; or one error line with exit status 2.
"""

from __future__ import annotations

import argparse

from pensiones.cli.options import add_years, check_years
from pensiones.cli.terminal import UsageError, epilog, load_scenario

__all__ = ["add_parser", "run", "check"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``validate`` to the ``pensiones`` parser's subparsers."""
    p = subparsers.add_parser(
        "validate", help="check a scenario file without running it",
        description="Check a scenario (a .toml file or a built-in name) without running it: its settings, its "
        "reform overlays on the rule set, and that each overlay takes effect between --start and --end. "
        "Prints one line: OK, or the first error (exit status 2).",
        epilog=epilog("pensiones validate mi_reforma.toml", "pensiones validate mi_reforma.toml --end 2100"),
    )
    p.add_argument("scenario", metavar="FILE", help="a scenario .toml file (or a built-in scenario name)")
    add_years(p, first="first year of the run it is meant for", last="last year of the run it is meant for")
    return p


def check(scenario, start: int, end: int, option: str, command: str) -> None:
    """Apply ``scenario``'s overlays to its rules and check they take effect in ``start``..``end``; a
    :class:`UsageError` naming ``option`` otherwise."""
    from pensiones.scenarios import check_reforms

    try:
        reglas = scenario.rules()
    except (ValueError, KeyError) as exc:
        text = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise UsageError(f"pensiones {command}: error: argument {option}: {text}") from None
    try:  # an overlay dated after --end would change nothing: say so before any work
        check_reforms(scenario, set(reglas.names), start, end)
    except ValueError as exc:
        raise UsageError(f"pensiones {command}: error: argument --end (with {option}): {exc}") from None


def run(args: argparse.Namespace) -> int:
    """Run ``pensiones validate``."""
    check_years(args, "validate")
    scenario = load_scenario(args.scenario, "FILE", "validate")
    check(scenario, args.start, args.end, "FILE", "validate")
    fechas = sorted(r.desde for r in scenario.reformas)
    dated = f", dated {fechas[0]} to {fechas[-1]}" if fechas else ""
    print(f"OK: {args.scenario}: scenario {scenario.name!r}, rule set {scenario.regimen}, "
          f"{len(scenario.reformas)} reform overlay(s){dated}; takes effect in a run of {args.start}-{args.end}")
    return 0
