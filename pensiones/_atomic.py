"""Output folders that are whole or absent.

A run writes into a hidden temporary folder beside its target and moves it into place only when
every file is written; a failed or interrupted run removes its temporary folder and leaves the
target as it was. Replacing an existing folder is an explicit choice (``overwrite``): the previous
run's files go as a whole, files that pensiones did not write are carried into the new folder (and
reported), and the swap is one atomic ``renameat2(RENAME_EXCHANGE)`` where Linux offers it. Runs
that publish into the same parent folder take turns under an advisory lock, so two runs into one
folder leave one of them, whole.

Only what a run provably wrote is ever deleted: the manifest records the name and SHA-256 of every
file, and ``overwrite`` deletes a file only if its name and content still match; anything else (a
user's file, an edited result, a name a hand-edited manifest lists) is kept, renamed ``NAME.kept``
when the new run writes the same name, and reported. A run holds an advisory lock on its temporary
folder while it writes, so the ``.NAME.part-*`` folders left by a run killed with ``kill -9`` are
recognised (their lock is free) and removed by the next run into the same target, which reports it.
Folders are created with the user's umask (as ``mkdir`` does), not mode 700.

Used by :func:`pensiones.reporting.export` and the ``pensiones run`` command; the engine knows
nothing of it. One file is written whole or not at all by :func:`atomic_file` (a temporary file beside
it, renamed into place), which the on-disk caches use (:mod:`pensiones._derivados`,
:func:`pensiones._jit.en_cache`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import secrets
import shutil
import signal
import stat
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

try:  # POSIX advisory locks; on other systems runs are not serialised (the swap is still whole)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

__all__ = ["MANIFEST", "check_target", "atomic_folder", "atomic_file", "clean_stale_parts", "PART_GRACE_SECONDS"]

#: The list of files a run wrote, kept in the folder so that a later ``overwrite`` knows which
#: files are the library's (everything else is the user's and is kept).
MANIFEST = ".pensiones-manifest.json"
_PART = ".part-"
_OLD = ".old-"
_KEPT = ".kept"
#: A temporary folder whose lock is free is removed only when it is older than this (seconds): the
#: time between creating a folder and locking it, with a wide margin.
PART_GRACE_SECONDS = 60.0


def _notify(message: str) -> None:
    warnings.warn(message, UserWarning, stacklevel=4)


def _preview(names: list[str], k: int = 4) -> str:
    shown = ", ".join(sorted(names)[:k])
    return shown + (f" and {len(names) - k} more" if len(names) > k else "")


def check_target(target, *, overwrite: bool = False, what: str = "folder", hint: str = "pass overwrite=True") -> Path:
    """Check that ``target`` can receive a run, before any work is done.

    Parameters
    ----------
    target : path
        The output folder: absent, an empty folder, or (with ``overwrite``) a folder to replace.
    overwrite : bool
        Allow replacing a non-empty folder.
    what, hint : str
        How messages name the target (``"--out"`` on the command line) and how to allow replacing it.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        Empty path; the target is a file or a symbolic link; it is a non-empty folder and
        ``overwrite`` is false; or the folder that would hold it cannot be written.
    """
    text = os.fspath(target) if isinstance(target, (str, os.PathLike)) else None
    if text is None:
        raise ValueError(f"{what} must be a path, got {type(target).__name__}")
    if text.strip() == "":
        raise ValueError(f"{what} must be a folder path, got an empty string")
    if "\x00" in text:
        raise ValueError(f"{what} {text!r} contains a NUL character")
    path = Path(text)
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:  # a name too long, a loop of links...
        raise ValueError(f"{what} {text[:80]!r}{'...' if len(text) > 80 else ''}: {exc.strerror}") from None
    if path.is_symlink():
        raise ValueError(f"{what} {path} is a symbolic link; give the folder it points to")
    if path.exists():
        if not path.is_dir():
            raise ValueError(f"{what} {path} exists and is not a folder")
        entries = [e.name for e in path.iterdir()]
        if entries and not overwrite:
            raise ValueError(
                f"{what} {path} is not empty ({len(entries)} entries: {_preview(entries)}); {hint} to replace it"
            )
        if entries and not os.access(path, os.W_OK | os.X_OK):
            raise ValueError(f"{what} {path}: permission denied (cannot replace a read-only folder)")
    ancestor = path.absolute().parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ValueError(f"{what} {path}: {ancestor} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise ValueError(f"{what} {path}: permission denied (cannot write in {ancestor})")
    return path


def _makedirs(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    missing.reverse()
    for d in missing:
        try:
            d.mkdir()
        except FileExistsError:
            pass
    return missing


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``folder`` (flock on the directory itself: nothing left behind)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT while folders are swapped; deliver it (KeyboardInterrupt) right after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``folder``, by path relative to it ('/'-separated)."""
    out = {}
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                out[path.relative_to(folder).as_posix()] = _sha256(path)
    return out


def _manifest(folder: Path) -> dict:
    """The manifest of a run folder: its top-level entries and the SHA-256 of every file in it."""
    files = sorted(e.name for e in folder.iterdir() if e.name != MANIFEST)
    return {"files": files, "sha256": _hashes(folder)}


def _unchanged(target: Path, name: str, recorded: dict[str, str]) -> bool:
    """Whether entry ``name`` of ``target`` is exactly what a run recorded (every file, same content)."""
    path = target / name
    if path.is_symlink():
        return False
    if path.is_file():
        return recorded.get(name) == _sha256(path)
    if not path.is_dir():
        return False
    prefix = name + "/"
    found = {f"{name}/{rel}": h for rel, h in _hashes(path).items()}
    for root, _, files in os.walk(path):  # links and other non-regular files are not the library's
        if any(not (Path(root) / f).is_file() or (Path(root) / f).is_symlink() for f in files):
            return False
    return found == {k: v for k, v in recorded.items() if k.startswith(prefix)}


def _library_files(folder: Path, known: Iterable[str] = ()) -> tuple[set[str], set[str]]:
    """Entries of ``folder`` that a previous run wrote and that are unchanged since, and entries the
    manifest lists that changed (or have no recorded hash).  Without a readable manifest nothing
    but the manifest is the library's: files whose origin cannot be proven are kept.  ``known`` is unused (kept for
    callers of the earlier signature)."""
    try:
        raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed = {str(n) for n in raw["files"]}
        recorded = raw.get("sha256") or {}
        if not isinstance(recorded, dict):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        return {MANIFEST}, set()  # the old manifest itself is the library's bookkeeping
    ours, changed = {MANIFEST}, set()
    for name in listed:
        if "/" in name or name in (".", "..", MANIFEST) or not (folder / name).exists():
            continue
        (ours if _unchanged(folder, name, recorded) else changed).add(name)
    return ours, changed


def _kept_name(tmp: Path, name: str) -> str:
    k, candidate = 1, f"{name}{_KEPT}"
    while (tmp / candidate).exists() or os.path.lexists(tmp / candidate):
        k += 1
        candidate = f"{name}{_KEPT}-{k}"
    return candidate


def _publish(tmp: Path, target: Path, *, overwrite: bool, known: Iterable[str], note, what: str, hint: str) -> None:
    if not target.exists():
        try:
            os.rename(tmp, target)
            return
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
    if target.is_symlink() or not target.is_dir():
        raise ValueError(f"{what} {target} became a file while this run was writing; nothing was written")
    entries = {e.name for e in target.iterdir()}
    if entries and not overwrite:
        raise ValueError(
            f"{what} {target} was filled by another run while this one was writing; nothing was replaced; {hint}"
        )
    ours, changed = _library_files(target, known)
    new = {e.name for e in tmp.iterdir()}
    foreign = sorted(entries - ours)
    moved = []  # (name in target, name in tmp)
    try:
        for name in foreign:  # the user's files stay: they move into the new folder
            dest = name if name not in new else _kept_name(tmp, name)
            os.rename(target / name, tmp / dest)
            moved.append((name, dest))
        if _exchange(tmp, target):
            old = tmp
        else:
            old = target.parent / f".{target.name}{_OLD}{os.getpid()}"
            os.rename(target, old)
            try:
                os.rename(tmp, target)
            except BaseException:
                os.rename(old, target)
                raise
    except BaseException:
        for name, dest in moved:
            os.rename(tmp / dest, target / name)
        raise
    shutil.rmtree(old, ignore_errors=True)
    mine = [n for n in foreign if n not in changed]
    edited = [n for n in foreign if n in changed]
    if mine:
        note(f"kept {len(mine)} file(s) in {target} that pensiones did not write: {_preview(mine)}")
    if edited:
        note(
            f"kept {len(edited)} file(s) in {target} that the previous run's manifest lists but whose content changed "
            f"since (or has no recorded hash): {_preview(edited)}"
        )
    renamed = [f"{n} -> {d}" for n, d in moved if n != d]
    if renamed:
        note(
            f"kept {len(renamed)} file(s) in {target} under a new name, as this run writes the same name: "
            f"{_preview(renamed)}"
        )


def _mkdir_part(parent: Path, target_name: str) -> Path:
    """A new empty temporary folder beside the target, with the user's umask (``mkdtemp`` gives 700)."""
    for _ in range(100):
        path = parent / f".{target_name}{_PART}{secrets.token_hex(4)}"
        try:
            os.mkdir(path, 0o777)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary folder in {parent}")  # pragma: no cover


def _try_lock(path: Path):
    """An fd holding an exclusive non-blocking lock on ``path``, or None if another process holds it."""
    if fcntl is None:  # pragma: no cover
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def clean_stale_parts(parent, target_name: str, *, grace: float = PART_GRACE_SECONDS) -> list[Path]:
    """Remove the temporary folders of runs into ``parent/target_name`` that died while writing.

    A writing run holds a lock on its ``.NAME.part-*`` folder until it ends, so a folder whose lock
    is free and that is older than ``grace`` seconds belongs to a run killed without cleaning up
    (``kill -9``, a power cut); so does a ``.NAME.old-*`` folder left between the two renames of a
    swap.  Folders of live runs are never touched.

    Returns
    -------
    list of Path
        The folders removed.
    """
    parent = Path(parent)
    removed = []
    now = time.time()
    for prefix in (f".{target_name}{_PART}", f".{target_name}{_OLD}"):
        try:
            candidates = sorted(e for e in parent.iterdir() if e.name.startswith(prefix))
        except OSError:
            return removed
        for path in candidates:
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISDIR(info.st_mode) or now - info.st_mtime < grace:
                continue
            fd = _try_lock(path)
            if fd is None:
                continue
            try:
                shutil.rmtree(path)
                removed.append(path)
            except OSError:
                pass
            finally:
                os.close(fd)
    return removed


@contextlib.contextmanager
def atomic_folder(
    target,
    *,
    overwrite: bool = False,
    known: Iterable[str] = (),
    note: Callable[[str], None] | None = None,
    what: str = "folder",
    hint: str = "pass overwrite=True",
) -> Iterator[Path]:
    """Write a folder whole or not at all.

    Yields a new empty temporary folder beside ``target``; when the block ends without error, a
    manifest of its files is added and it replaces ``target`` in one step. If the block raises
    (or is interrupted), the temporary folder is removed and ``target`` is untouched.

    Parameters
    ----------
    target : path
        The folder to create or (with ``overwrite``) replace; see :func:`check_target`.
    overwrite : bool
        Replace a non-empty folder: the files a previous run wrote go, the user's other files are
        kept (moved into the new folder) and reported through ``note``.
    known : iterable of str
        File names pensiones writes, to recognise its files in a folder that has no manifest.
    note : callable, optional
        Receives messages about kept or replaced files (default: a ``UserWarning``).
    what, hint : str
        How messages name the target and how to allow replacing it.

    Raises
    ------
    ValueError
        As :func:`check_target`, also at the moment of publishing (another run filled the folder).
    """
    note = note or _notify
    target = check_target(target, overwrite=overwrite, what=what, hint=hint)
    parent = target.absolute().parent
    created = _makedirs(parent)
    if not created:
        stale = clean_stale_parts(parent, target.name)
        if stale:
            note(f"removed {len(stale)} temporary folder(s) left in {parent} by runs that died while writing: "
                 f"{_preview([p.name for p in stale])}")
    tmp = _mkdir_part(parent, target.name)
    held = _try_lock(tmp)  # held while writing: a later run knows this folder is alive
    try:
        yield tmp
        manifest = _manifest(tmp)
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        with _interrupts_deferred(), _lock(parent):
            _publish(tmp, target.absolute(), overwrite=overwrite, known=known, note=note, what=what, hint=hint)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        for d in reversed(created):
            with contextlib.suppress(OSError):
                d.rmdir()
        raise
    finally:
        if held is not None:
            os.close(held)


def previous_run_only(target) -> bool:
    """Whether ``target`` is a non-empty folder that holds only the files a previous run recorded in its
    manifest, unchanged since (same SHA-256), and the manifest: such a folder may be replaced without
    ``overwrite``, since nothing in it is the user's. A folder without a manifest, or with any file the
    manifest does not list or whose content changed, is not.
    """
    path = Path(os.fspath(target))
    try:
        if path.is_symlink() or not path.is_dir() or not (path / MANIFEST).is_file():
            return False
        entries = {e.name for e in path.iterdir()}
    except OSError:
        return False
    ours, changed = _library_files(path)
    return bool(entries) and not changed and entries <= ours


@contextlib.contextmanager
def atomic_file(path, *, prefix: str | None = None) -> Iterator[BinaryIO]:
    """Write one file whole or not at all: a concurrent reader sees the old file, the new one, or none.

    Yields a binary file open for writing, a new temporary file in ``path``'s folder; when the block
    ends without error it is closed and renamed onto ``path`` in one step (``os.replace``). If the
    block, the close or the rename raises (or is interrupted), the temporary file is removed and the
    exception propagates; ``path`` is untouched.

    Parameters
    ----------
    path : path
        The file to create or replace; its folder must exist.
    prefix : str, optional
        Start of the temporary file's name (default: :mod:`tempfile`'s); its name ends ``.tmp``.

    Raises
    ------
    OSError
        The folder is not writable, the disk is full, the rename fails. A best-effort writer (a
        cache) catches it; nothing else is caught here.

    Examples
    --------
    >>> import pathlib, shutil, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_file(folder / "a.json") as f:
    ...     _ = f.write(b'{"x": 1}')
    >>> (folder / "a.json").read_text(), sorted(p.name for p in folder.iterdir())
    ('{"x": 1}', ['a.json'])
    >>> shutil.rmtree(folder)
    """
    path = Path(os.fspath(path))
    tmp = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=prefix, suffix=".tmp", delete=False) as f:
            tmp = f.name
            yield f
        os.replace(tmp, path)
        tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
