"""The ``pensiones`` command: its parser and :func:`main`, the entry point."""

from __future__ import annotations

import contextlib
import gc
import os
import sys

from pensiones._validation import did_you_mean
from pensiones._version import __version__
from pensiones.cli import cache, rules, run, scenarios, sweep, validate
from pensiones.cli.terminal import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_IO,
    EXIT_USAGE,
    Interrupts,
    Parser,
    UsageError,
    epilog,
    one_line,
)

__all__ = ["main", "parser"]

#: The subcommands, in the order ``--help`` lists them.
COMMANDS = {"run": run, "sweep": sweep, "validate": validate, "scenarios": scenarios, "rules": rules, "cache": cache}


def parser() -> Parser:
    """The ``pensiones`` argument parser."""
    p = Parser(
        prog="pensiones",
        description="Mexico's IMSS old-age pension rules, and Monte Carlo projections of pensions and their "
        "fiscal cost.",
        epilog=epilog("pensiones run reforma_2020 --out resultados", "pensiones rules 2026",
                      "pensiones validate mi_reforma.toml", "pensiones cache info")
        + "\n\nErrors are one line on stderr; exit status 2 for bad arguments, 1 for files, 130 when interrupted.",
    )
    p.add_argument("--version", action="version", version=f"pensiones {__version__}", help="print the version and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="{" + ",".join(COMMANDS) + "}", parser_class=Parser)
    for module in COMMANDS.values():
        module.add_parser(sub)
    return p


def _unknown(p: Parser, command: str, unknown: list[str]) -> UsageError:
    """The error for arguments the subcommand does not take, with the closest option if one is near."""
    sub = next(a for a in p._actions if a.dest == "command").choices[command]
    options = [o for a in sub._actions for o in a.option_strings]
    hint = did_you_mean(unknown[0].split("=")[0], options) if unknown[0].startswith("-") else ""
    return UsageError(
        f"pensiones {command}: error: unrecognized argument(s): {' '.join(unknown)} "
        f"(allowed options: 'pensiones {command} --help'){hint}"
    )


def _dispatch(argv, interrupts: Interrupts) -> int:
    p = parser()
    try:
        args, unknown = p.parse_known_args(argv)
        if unknown:
            raise _unknown(p, args.command, unknown)
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else 0
    if args.command == "run":
        return run.run(args, interrupts)
    return COMMANDS[args.command].run(args)


def _quiet_streams() -> None:
    """Flush stdout and stderr now; if that fails (a closed pipe, a full disk, ``ulimit -f``), point
    them at /dev/null so that the interpreter's final flush does not print "Exception ignored"."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    0 on success; 2 for bad arguments (one line on stderr naming the argument); 1 for a failure to
    read or write files; 130 when interrupted; 141 when the reader of the output went away.
    """
    interrupts = Interrupts()
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _quiet_unraisable(previous_hook)
    fallo_escritura = False  # a failed write (full disk, ``ulimit -f``) leaves files to finalise
    try:
        with interrupts:
            return _dispatch(argv, interrupts)
    except UsageError as exc:
        _say(one_line(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        interrupts.handled.set()
        _say(("\n" if sys.stderr.isatty() else "") + "pensiones: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``pensiones rules 2026 | head``): stop quietly
        return EXIT_BROKEN_PIPE
    except ValueError as exc:
        _say(f"pensiones: error: {one_line(exc)}")
        return EXIT_USAGE
    except OSError as exc:
        fallo_escritura = True
        _say(f"pensiones: error: {one_line(exc)}")
        return EXIT_IO
    except Exception as exc:
        fallo_escritura = True
        if os.environ.get("PENSIONES_TRACEBACK"):
            raise
        _say(
            f"pensiones: internal error: {type(exc).__name__}: {one_line(exc)} "
            "(please report it; set PENSIONES_TRACEBACK=1 to see where)"
        )
        return EXIT_IO
    finally:
        if fallo_escritura:
            gc.collect()  # files the failed write left open are finalised now, under the quiet hook
        sys.unraisablehook = previous_hook
        _quiet_streams()


def _quiet_unraisable(previous):
    """A ``sys.unraisablehook`` that drops the ``OSError`` of a file closed during clean-up after a failed
    write (a full disk, ``ulimit -f``): the failure itself is already reported on one line. Anything
    else goes to ``previous``."""

    def hook(unraisable):
        if isinstance(unraisable.exc_value, OSError):
            return
        previous(unraisable)

    return hook


def _say(message: str) -> None:
    """One message on stderr, even when stdout or stderr can no longer be written."""
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)
