"""``pensiones scenarios``: the built-in scenarios, or one scenario's rationale and TOML."""

from __future__ import annotations

import argparse
import textwrap
from importlib import resources
from pathlib import Path

from pensiones.cli.terminal import UsageError, epilog, load_scenario

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``scenarios`` to the ``pensiones`` parser's subparsers."""
    p = subparsers.add_parser(
        "scenarios", help="list the built-in scenarios, or show one",
        description="List the built-in scenarios, or show one scenario's rationale and TOML.",
        epilog=epilog("pensiones scenarios", "pensiones scenarios semanas_1250 > mi_reforma.toml"),
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="a built-in scenario (or a .toml file) to show")
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``pensiones scenarios``."""
    from pensiones.scenarios import builtin_scenarios

    builtin = builtin_scenarios()
    if args.name is None:
        width = max(map(len, builtin))
        for name, description in builtin.items():
            print(f"{name:<{width}}  {description}")
        print("\n'pensiones scenarios NAME' shows one scenario's rationale and TOML.")
        return 0
    text = args.name
    if not text.strip():
        raise UsageError(
            f"pensiones scenarios: error: argument NAME: must be one of {', '.join(builtin)} or a .toml file, "
            "got an empty string"
        )
    scenario = load_scenario(text, "NAME", "scenarios")
    if text in builtin:
        source = resources.files("pensiones.scenarios") / "data" / f"{text}.toml"
        where = f"built-in scenario {text}"
    else:
        source = Path(text)
        where = str(source)
    toml = source.read_text(encoding="utf-8")
    print(f"{scenario.name}: {scenario.description}")
    print(f"Rule set {scenario.regimen}; {len(scenario.reformas)} reform overlay(s)")
    for r in scenario.reformas:
        print(f"  {r.tabla} from {r.desde}: {r.descripcion}")
    print("\nRationale")
    for paragraph in (scenario.fundamento or "(none given)").split("\n\n"):
        print(textwrap.fill(" ".join(paragraph.split()), width=100, initial_indent="  ", subsequent_indent="  "))
    print(f"\nTOML ({where}; save it as a .toml file, edit it and pass it to 'pensiones run')\n")
    print(toml.rstrip("\n"))
    return 0
