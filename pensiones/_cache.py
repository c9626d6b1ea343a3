"""What the on-disk cache holds, and emptying it (``pensiones cache info`` and ``pensiones cache clear``).

The cache (:mod:`pensiones._jit`) is a folder, :func:`~pensiones._jit.cache_base`, holding one folder per
source tree, ``numba-<hash of the package's sources>``: Numba's compiled functions (an index ``.nbi``
and one ``.nbc`` file per compiled entry, in a subfolder per checkout location) and derived results
kept as JSON (:func:`~pensiones._jit.en_cache`).  Only folders named ``numba-`` and 16 hexadecimal
digits are ours; nothing else in the base folder is read or removed.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pensiones._jit import CACHE_PREFIX, cache_base, cache_folder

__all__ = ["CacheFolder", "cache_folders", "clear_cache", "human_size", "human_age"]

_NOMBRE = re.compile(rf"{re.escape(CACHE_PREFIX)}[0-9a-f]{{16}}")


@dataclass(frozen=True)
class CacheFolder:
    """One source tree's cache folder."""

    path: Path
    #: bytes of its files
    size: int
    #: Numba's compiled entries (``.nbc`` files)
    compiled: int
    #: derived results kept as JSON (calibrations)
    calibrations: int
    #: when a process of that source tree last started (the folder's modification time), epoch seconds
    last_used: float
    #: whether it is this source tree's
    current: bool


def _describe(path: Path, current: Path) -> CacheFolder:
    size = compiled = calibrations = 0
    for raiz, _, archivos in os.walk(path):
        for nombre in archivos:
            try:
                size += os.lstat(os.path.join(raiz, nombre)).st_size
            except OSError:
                continue  # removed meanwhile
            compiled += nombre.endswith(".nbc")
            calibrations += nombre.endswith(".json") and raiz == str(path)
    try:
        last_used = path.stat().st_mtime
    except OSError:
        last_used = float("nan")
    return CacheFolder(path, size, compiled, calibrations, last_used, path == current)


def cache_folders(base: Path | None = None) -> list[CacheFolder]:
    """The cache folders under ``base`` (default :func:`~pensiones._jit.cache_base`): this source tree's
    first, then the others, most recently used first.

    Raises
    ------
    NotADirectoryError
        ``base`` exists and is not a folder.
    """
    base = cache_base() if base is None else Path(base)
    if base.exists() and not base.is_dir():
        raise NotADirectoryError(f"the cache folder {base} is not a folder (set PENSIONES_CACHE_DIR to a folder)")
    if not base.is_dir():
        return []
    current = base / cache_folder().name
    out = [
        _describe(Path(e.path), current)
        for e in os.scandir(base)
        if _NOMBRE.fullmatch(e.name) and e.is_dir(follow_symlinks=False)
    ]
    return sorted(out, key=lambda f: (not f.current, -f.last_used if f.last_used == f.last_used else 0.0))


def clear_cache(base: Path | None = None, *, dry_run: bool = False) -> list[CacheFolder]:
    """Remove every cache folder under ``base`` (default :func:`~pensiones._jit.cache_base`), this source
    tree's included; return those removed (with ``dry_run``, those that would be).  The base folder and
    anything else in it stay.

    Raises
    ------
    OSError
        A folder could not be removed (the message names it); those before it are gone.
    """
    folders = cache_folders(base)
    if not dry_run:
        for folder in folders:
            try:
                shutil.rmtree(folder.path)
            except FileNotFoundError:
                continue  # removed meanwhile (another process's pruning)
            except OSError as exc:
                raise OSError(exc.errno, f"could not remove the cache folder {folder.path}: {exc.strerror}") from None
    return folders


def human_size(n: int) -> str:
    """Bytes as ``512 B``, ``3.4 KB``, ``12.0 MB``, ``1.2 GB`` (powers of 1,000)."""
    for unidad, escala in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= escala:
            return f"{n / escala:.1f} {unidad}"
    return f"{n} B"


def human_age(epoch: float, now: float | None = None) -> str:
    """How long ago ``epoch`` was: ``just now``, ``5 min ago``, ``3 h ago``, ``2 days ago``."""
    if epoch != epoch:  # NaN: unknown
        return "at an unknown time"
    segundos = max(0.0, (time.time() if now is None else now) - epoch)
    if segundos < 60:
        return "just now"
    if segundos < 3600:
        return f"{int(segundos // 60)} min ago"
    if segundos < 86400:
        return f"{int(segundos // 3600)} h ago"
    dias = int(segundos // 86400)
    return f"{dias} day{'s' if dias > 1 else ''} ago"
