"""The arguments ``run``, ``sweep`` and ``validate`` share, defined once: flags, ranges, defaults and checks.

Each command keeps its own order of arguments and the wording that differs (what ``--population`` is
read by, what the years are for, where ``--out`` goes); the flags, their ranges and defaults, the help
that is the same and the check that ``--end`` is not before ``--start`` live here only.
"""

from __future__ import annotations

import argparse

from pensiones.cli.terminal import (
    PATHS_MAX,
    PERSONS_MAX,
    SEED_MAX,
    START_MAX,
    START_MIN,
    YEAR_MAX,
    UsageError,
    integer,
)

__all__ = ["PERSONS_DEFAULT", "add_draws", "add_out", "add_years", "check_years"]

#: Default records of the synthetic population.
PERSONS_DEFAULT = 100_000


def add_draws(p: argparse.ArgumentParser, *, population_metavar: str, population_help: str) -> None:
    """Add ``--paths``, ``--persons`` or ``--population`` (one of the two) and ``--seed`` to ``p``.

    Parameters
    ----------
    p : argparse.ArgumentParser
        The subcommand's parser; the arguments are added in this order.
    population_metavar : str
        Metavar of ``--population`` (the folder of Parquet parts).
    population_help : str
        Help of ``--population``: who reads the parts differs between commands.

    Notes
    -----
    ``--persons`` defaults to None, so that a command can tell it was not given; the synthetic
    population then has :data:`PERSONS_DEFAULT` records.
    """
    p.add_argument("--paths", metavar="N", type=integer(1, PATHS_MAX), default=20,
                   help=f"stochastic paths, 1 to {PATHS_MAX:,} (default 20)")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--persons", metavar="N", type=integer(1, PERSONS_MAX), default=None,
                        help=f"records of the synthetic population, 1 to {PERSONS_MAX:,} (default {PERSONS_DEFAULT:,})")
    source.add_argument("--population", default=None, metavar=population_metavar, help=population_help)
    p.add_argument("--seed", metavar="S", type=integer(0, SEED_MAX), default=2025,
                   help="random seed, 0 to 2**63-1 (default 2025)")


def add_years(
    p: argparse.ArgumentParser, *, first: str, last: str, start_note: str = "", end_note: str = ""
) -> None:
    """Add ``--start`` and ``--end`` (the first and last simulated year, defaults 2025 and 2070) to ``p``.

    Parameters
    ----------
    p : argparse.ArgumentParser
        The subcommand's parser.
    first, last : str
        What the years are, the head of each help line (e.g. ``"first simulated year"``).
    start_note, end_note : str, optional
        Text added after the default inside the parentheses of each help line (e.g. ``", the end
        of the CONAPO projections"``).

    Notes
    -----
    The parser checks each year's range; that ``--end`` is not before ``--start`` is
    :func:`check_years`.
    """
    p.add_argument("--start", metavar="YEAR", type=integer(START_MIN, START_MAX), default=2025,
                   help=f"{first}, {START_MIN} to {START_MAX} (default 2025{start_note})")
    p.add_argument("--end", metavar="YEAR", type=integer(START_MIN, YEAR_MAX), default=2070,
                   help=f"{last}, --start to {YEAR_MAX} (default 2070{end_note})")


def add_out(p: argparse.ArgumentParser, *, default: str, out_help: str) -> None:
    """Add ``--out DIR`` and ``--overwrite`` (checked together by :func:`pensiones.cli.run.check_out`).

    Parameters
    ----------
    p : argparse.ArgumentParser
        The subcommand's parser.
    default : str
        Default output folder.
    out_help : str
        Help of ``--out``; that of ``--overwrite`` is the same for every command.
    """
    p.add_argument("--out", default=default, metavar="DIR", help=out_help)
    p.add_argument("--overwrite", action="store_true",
                   help="replace DIR even if it holds other files: the previous run's files go as a whole; files "
                   "pensiones did not write are kept")


def check_years(args: argparse.Namespace, command: str) -> None:
    """Refuse an ``--end`` before ``--start``, before any work.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments with ``start`` and ``end``.
    command : str
        The subcommand, named in the message.

    Raises
    ------
    UsageError
        ``args.end < args.start``; one line naming ``--end`` and its range.
    """
    if args.end < args.start:
        raise UsageError(
            f"pensiones {command}: error: argument --end: must be from --start ({args.start}) to {YEAR_MAX}, "
            f"got {args.end}"
        )
