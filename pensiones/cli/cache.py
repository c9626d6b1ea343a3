"""``pensiones cache info`` and ``pensiones cache clear``: the on-disk cache of the compiled engine.

The first run on a machine compiles the engine into a cache folder (``$PENSIONES_CACHE_DIR``, or
``~/.cache/pensiones``), one subfolder per version of the package's sources; later runs load it.
``info`` says where it is, what this source tree's folder holds and which other folders are there;
``clear`` removes every cache folder of the package (``--dry-run``: says which, removes nothing).
Folders of other source trees unused for 14 days are removed by any run anyway.
"""

from __future__ import annotations

import argparse
import os

from pensiones.cli.terminal import UsageError, epilog

__all__ = ["add_parser", "run"]

ACTIONS = ("info", "clear")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``cache`` to the ``pensiones`` parser's subparsers."""
    p = subparsers.add_parser(
        "cache",
        help="show or clear the on-disk cache of the compiled engine",
        description="The first run on a machine compiles the engine into an on-disk cache folder "
        "($PENSIONES_CACHE_DIR, or ~/.cache/pensiones), one subfolder per version of the package's sources. "
        "'info' shows the folder, this version's subfolder (size, compiled entries, calibration files) and "
        "the other versions' subfolders with their last use; 'clear' removes every subfolder of the package "
        "(the next run compiles again).",
        epilog=epilog("pensiones cache info", "pensiones cache clear --dry-run", "pensiones cache clear"),
    )
    p.add_argument("action", metavar="ACTION", choices=ACTIONS,
                   help="'info': what the cache holds; 'clear': remove the package's cache folders")
    p.add_argument("--dry-run", action="store_true",
                   help="with 'clear': list the folders that would be removed, and remove nothing")
    return p


def _base():
    """The cache folder, or a :class:`UsageError` when the environment points at something else."""
    from pensiones._jit import cache_base

    base = cache_base()
    if base.exists() and not base.is_dir():
        raise UsageError(
            f"pensiones cache: error: the cache folder {base} (from "
            f"{'PENSIONES_CACHE_DIR' if os.environ.get('PENSIONES_CACHE_DIR') else 'XDG_CACHE_HOME'}) is not a folder"
        )
    return base


def _numba_dir_note() -> str | None:
    numba_dir = os.environ.get("NUMBA_CACHE_DIR")
    if numba_dir:
        return (f"NUMBA_CACHE_DIR is set ({numba_dir}): Numba keeps the compiled engine and its calibrations "
                "there, under your control; 'pensiones cache clear' leaves it alone")
    return None


def _info() -> int:
    from pensiones._cache import cache_folders, human_age, human_size
    from pensiones._jit import CACHE_MAX_AGE_DAYS, cache_folder
    from pensiones._version import __version__
    from pensiones.cli.run import COMPILE_TIME

    base = _base()
    origin = ("from PENSIONES_CACHE_DIR" if os.environ.get("PENSIONES_CACHE_DIR")
              else "the default; set PENSIONES_CACHE_DIR to move it")
    print(f"Cache folder: {base} ({origin})")
    note = _numba_dir_note()
    if note:
        print(note)
    folders = cache_folders(base)
    current = next((f for f in folders if f.current), None)
    print(f"This source tree (pensiones {__version__}): {cache_folder().name}")
    if current is None or current.compiled == 0:
        print(f"  nothing compiled yet: the next run compiles the engine ({COMPILE_TIME})")
    if current is not None:
        print(f"  {human_size(current.size)}: {current.compiled} compiled entries, {current.calibrations} calibration "
              f"file(s); last used {human_age(current.last_used)}")
    others = [f for f in folders if not f.current]
    if others:
        total = sum(f.size for f in others)
        print(f"Other source trees' folders (removed after {CACHE_MAX_AGE_DAYS} days unused): {len(others)}, "
              f"{human_size(total)}")
        for f in others:
            print(f"  {f.path.name}  {human_size(f.size):>9}  {f.compiled:5d} compiled entries  "
                  f"last used {human_age(f.last_used)}")
    else:
        print("Other source trees' folders: none")
    print(_shipped())
    return 0


def _shipped() -> str:
    """One line on the packaged calibrations: where, and what produced them."""
    from pensiones._jit import source_hash
    from pensiones.engine import calibracion_empaquetada as E

    try:
        generated = E.leer()["generated"]
    except ValueError as exc:
        return f"Packaged calibrations: {exc}"
    same = " (this source tree's)" if generated["source_hash"] == source_hash() else ""
    return (f"Packaged calibrations (read, never recomputed): {E.ARCHIVO}, written {generated['date']} by "
            f"pensiones {generated['version']} from sources {generated['source_hash']}{same}")


def _clear(dry_run: bool) -> int:
    from pensiones._cache import clear_cache, human_size
    from pensiones.cli.run import COMPILE_TIME

    base = _base()
    removed = clear_cache(base, dry_run=dry_run)
    verb = "Would remove" if dry_run else "Removed"
    if not removed:
        print(f"Nothing to remove: {base} holds no pensiones cache folder")
    else:
        for f in removed:
            mine = " (this source tree's)" if f.current else ""
            print(f"{verb.lower()} {f.path}{mine}  {human_size(f.size)}")
        total = sum(f.size for f in removed)
        again = f"; the next run compiles the engine again ({COMPILE_TIME})"
        print(f"{verb} {len(removed)} cache folder(s), {human_size(total)}, from {base}" + ("" if dry_run else again))
    note = _numba_dir_note()
    if note:
        print(note)
    return 0


def run(args: argparse.Namespace) -> int:
    """Run ``pensiones cache``; errors are :class:`UsageError` with a one-line message."""
    if args.action == "info":
        if args.dry_run:
            raise UsageError("pensiones cache: error: argument --dry-run: goes with 'clear' only")
        return _info()
    return _clear(args.dry_run)
