"""Terminal output and the conventions every ``pensiones`` subcommand shares.

One-line errors (:class:`UsageError`, exit status 2), a parser that takes no abbreviations and suggests
the closest choice, whole-number arguments with their range, phase lines with a spinner on stderr
(:func:`fase`, :class:`Phase`), notes (:func:`nota`) and Ctrl-C at any stage (:class:`Interrupts`).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import re
import signal
import sys
import threading
import time
from pathlib import Path

from pensiones.calendario import ANIO_INICIAL_SIMULACION, ANIO_MAX, PERSONAS_MAX, SEMILLA_MAX, TRAYECTORIAS_MAX
from pensiones._validation import did_you_mean

#: Exit statuses: bad input, failure to read or write, interrupted (128 + SIGINT), broken pipe.
EXIT_USAGE, EXIT_IO, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 2, 1, 130, 141

#: Limits of the arguments (those of :func:`pensiones.simulate` and ``Population.synthetic``).
PATHS_MAX, PERSONS_MAX, SEED_MAX = TRAYECTORIAS_MAX, PERSONAS_MAX, SEMILLA_MAX
#: First and last start year (the synthetic population and the Ley 73 opening stock exist for
#: 2021-2025), and the last simulated year.
START_MIN, START_MAX, YEAR_MAX = ANIO_INICIAL_SIMULACION, 2025, ANIO_MAX


class UsageError(Exception):
    """A bad command line: reported as one line, exit status 2."""


class _Formatter(argparse.HelpFormatter):
    """Descriptions wrapped to the terminal; an epilog of examples kept line by line."""

    def _fill_text(self, text, width, indent):
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage block) raised to ``main``, no abbreviated options, and
    "did you mean" for a mistyped choice."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def _print_message(self, message, file=None):
        # argparse swallows a failed write (OSError) and exits 0: here --help and --version either
        # reach their reader or fail loudly (a closed pipe is handled by main)
        if message:
            file = file or sys.stderr
            file.write(message)
            file.flush()

    def error(self, message: str):  # noqa: D401 - argparse's hook
        found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if found:
            message += did_you_mean(found.group(1), re.findall(r"'([^']*)'", found.group(2)))
        raise UsageError(f"{self.prog}: error: {message}")


def one_line(text: str) -> str:
    """``text`` on one line (runs of white space become one space)."""
    return " ".join(str(text).split())


def number(n: int) -> str:
    """``n`` with thousands separators from 10,000."""
    return f"{n:,}" if n >= 10_000 else str(n)


def integer(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``, or an error saying so."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {number(low)} to {number(high)}, got {text!r}"
            )
        return value

    return parse


def not_a_file(text: str) -> str | None:
    """Why an existing path cannot be a scenario file (a folder, a device, a FIFO), or None."""
    try:
        path = Path(text)
        if path.is_dir():
            return f"{text} is a folder, not a scenario .toml file"
        if path.exists() and not path.is_file():
            return f"{text} is not a regular file (a device, a FIFO or a socket), not a scenario .toml file"
    except (OSError, ValueError):  # a name the system cannot look up: Scenario.load reports it
        return None
    return None


def is_year(text: str) -> bool:
    """Whether ``text`` is written as a year (ASCII digits only)."""
    return text.isascii() and text.isdigit()


def load_scenario(text: str, option: str, command: str):
    """The scenario a command-line argument names (built-in name or .toml file), or a :class:`UsageError`
    naming ``option``."""
    from pensiones.scenarios import Scenario

    if not text.strip():
        raise UsageError(
            f"pensiones {command}: error: argument {option}: must be a built-in scenario name "
            "(see 'pensiones scenarios') or a .toml file, got an empty string"
        )
    problem = not_a_file(text)
    if problem:
        raise UsageError(f"pensiones {command}: error: argument {option}: {problem}")
    try:
        return Scenario.load(text)
    except (ValueError, OSError) as exc:
        raise UsageError(f"pensiones {command}: error: argument {option}: {exc}") from None


def epilog(*examples: str) -> str:
    """An ``--help`` epilog with examples."""
    return "examples:\n" + "\n".join(f"  {e}" for e in examples)


class Interrupts:
    """Ctrl-C stops a run at any stage with exit status 130.

    Python raises ``KeyboardInterrupt`` only between bytecodes of the main thread: not while a
    compiled kernel runs, and a compiler may catch it. So the signal also wakes a watcher thread
    (``signal.set_wakeup_fd``). While the engine works (nothing is on disk yet) the watcher ends
    the process with status 130 if the main thread has not stopped within half a second; while
    files are written, the ``KeyboardInterrupt`` unwinds the run and its temporary folder is removed.
    """

    def __init__(self):
        self.engine = False
        self.handled = threading.Event()
        self._fds = None
        self._previous = None
        self._thread = None

    def __enter__(self):
        if threading.current_thread() is not threading.main_thread():
            return self
        r, w = os.pipe()
        os.set_blocking(w, False)
        try:
            self._previous = signal.set_wakeup_fd(w)
        except ValueError:
            os.close(r)
            os.close(w)
            return self
        self._fds = (r, w)
        self._thread = threading.Thread(target=self._watch, args=(r,), name="pensiones-sigint", daemon=True)
        self._thread.start()
        return self

    def _watch(self, fd: int) -> None:
        # the watcher owns the read end: it closes it itself when the write end is closed (EOF).
        # Closing it from another thread while this one reads would let a later os.pipe() reuse the
        # number and this thread read someone else's pipe (a child process's output, say).
        try:
            while True:
                try:
                    data = os.read(fd, 64)
                except OSError:
                    return
                if not data:
                    return
                if signal.SIGINT in data and self.engine and not self.handled.wait(0.5):
                    os.write(2, b"\npensiones: interrupted\n")
                    os._exit(EXIT_INTERRUPTED)
        finally:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __exit__(self, kind, value, tb):
        if kind is not None and issubclass(kind, KeyboardInterrupt):
            self.handled.set()
        if self._fds is not None:
            signal.set_wakeup_fd(self._previous)
            _, w = self._fds
            os.close(w)  # EOF for the watcher, which closes the read end and ends
            self._thread.join(timeout=5)
        return False


class Phase:
    """A phase line on stderr (see :func:`fase`): ``label... done (3.2 s)``, with a spinner and the
    elapsed seconds on a terminal.

    :meth:`relabel` starts a new line for a new label within the same phase (the engine's preparation
    becomes its compilation when one begins); setting :attr:`result` replaces ``done (3.2 s)``.
    """

    def __init__(self, label: str, *, spinner: bool = True):
        self.label = label
        self.spinner = spinner
        self.result: str | None = None
        self.tty = sys.stderr.isatty()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start = time.monotonic()

    def _spin(self) -> None:
        for mark in itertools.cycle("|/-\\"):
            if self._stop.wait(0.2):
                return
            with self._lock:
                sys.stderr.write(f"\r{self.label}... {mark} {time.monotonic() - self._start:4.0f} s")
                sys.stderr.flush()

    def begin(self) -> Phase:
        """Print the label (and start the spinner on a terminal)."""
        self._start = time.monotonic()
        if self.tty and self.spinner:
            sys.stderr.write(f"{self.label}...")
            sys.stderr.flush()
            self._stop.clear()
            self._thread = threading.Thread(target=self._spin, daemon=True)
            self._thread.start()
        else:
            print(f"{self.label}...", file=sys.stderr, flush=True, end="" if self.spinner else "\n")
        return self

    def _halt(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _close(self, word: str) -> None:
        self._halt()
        if self._thread is not None:
            sys.stderr.write(f"\r{self.label}... {word}        \n")
        elif self.spinner:
            sys.stderr.write(f" {word}\n")
        else:
            sys.stderr.write(f"  {word}\n")
        sys.stderr.flush()
        self._thread = None

    def relabel(self, label: str) -> None:
        """Go on under ``label``, on a line of its own, with the clock started again."""
        self._halt()
        if self._thread is not None:  # the terminal's line is rewritten: the old label goes
            with self._lock:
                sys.stderr.write("\r" + " " * (len(self.label) + 12) + "\r")
        elif self.spinner:
            sys.stderr.write("\n")
        sys.stderr.flush()
        self._thread = None
        self.label = label
        self.begin()

    def finish(self) -> None:
        """End the line: :attr:`result`, or ``done (3.2 s)``."""
        self._close(self.result or f"done ({time.monotonic() - self._start:.1f} s)")

    def fail(self, exc: BaseException) -> None:
        """End the line with ``interrupted`` or ``failed``."""
        self._close("interrupted" if isinstance(exc, KeyboardInterrupt) else "failed")


@contextlib.contextmanager
def fase(label: str, *, spinner: bool = True):
    """A phase line on stderr: ``label... done (3.2 s)``, with a spinner on a terminal; yields the
    :class:`Phase`."""
    phase = Phase(label, spinner=spinner).begin()
    try:
        yield phase
    except BaseException as exc:
        phase.fail(exc)
        raise
    phase.finish()


def nota(message: str) -> None:
    print(f"pensiones: note: {one_line(message)}", file=sys.stderr, flush=True)

