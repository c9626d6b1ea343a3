"""Output folders that are whole or absent.

A run writes into a hidden temporary folder beside its target and moves it into place only when
every file is written; a failed or interrupted run removes its temporary folder and leaves the
target as it was. Replacing an existing folder is an explicit choice (``overwrite``): the previous
run's files go as a whole, files that pensiones did not write are carried into the new folder (and
reported), and the swap is one atomic ``renameat2(RENAME_EXCHANGE)`` where Linux offers it. Runs
that publish into the same parent folder take turns under an advisory lock, so two runs into one
folder leave one of them, whole.

Used by :func:`pensiones.reporting.export` and the ``pensiones run`` command; the engine knows
nothing of it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import json
import os
import shutil
import signal
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

try:  # POSIX advisory locks; on other systems runs are not serialised (the swap is still whole)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

__all__ = ["MANIFEST", "check_target", "atomic_folder"]

#: The list of files a run wrote, kept in the folder so that a later ``overwrite`` knows which
#: files are the library's (everything else is the user's and is kept).
MANIFEST = ".pensiones-manifest.json"
_PART = ".part-"
_OLD = ".old-"


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


def _library_files(folder: Path, known: Iterable[str]) -> set[str]:
    """Names in ``folder`` written by pensiones: its manifest, or for folders written before the
    manifest existed, the names pensiones is known to write."""
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
        return {str(n) for n in listed} | {MANIFEST}
    except (OSError, ValueError, KeyError, TypeError):
        return set(known)


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
        raise ValueError(f"{what} {target} was filled by another run while this one was writing; nothing was replaced; {hint}")
    ours = _library_files(target, known)
    new = {e.name for e in tmp.iterdir()}
    foreign = sorted(entries - ours - new)
    clash = sorted((entries - ours) & new)
    moved = []
    try:
        for name in foreign:  # the user's files stay: they move into the new folder
            os.rename(target / name, tmp / name)
            moved.append(name)
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
        for name in moved:
            os.rename(tmp / name, target / name)
        raise
    shutil.rmtree(old, ignore_errors=True)
    if foreign:
        note(f"kept {len(foreign)} file(s) in {target} that pensiones did not write: {_preview(foreign)}")
    if clash:
        note(f"replaced {len(clash)} file(s) in {target} that pensiones had not listed as its own: {_preview(clash)}")


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
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}{_PART}", dir=parent))
    try:
        yield tmp
        files = sorted(e.name for e in tmp.iterdir())
        (tmp / MANIFEST).write_text(json.dumps({"files": files}, indent=1) + "\n", encoding="utf-8")
        with _interrupts_deferred(), _lock(parent):
            _publish(tmp, target.absolute(), overwrite=overwrite, known=known, note=note, what=what, hint=hint)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        for d in reversed(created):
            with contextlib.suppress(OSError):
                d.rmdir()
        raise


def previous_run_only(target) -> bool:
    """Whether ``target`` is a non-empty folder that holds only the files a previous run listed in its
    manifest (and the manifest): such a folder may be replaced without ``overwrite``, since nothing in
    it is the user's. A folder without a manifest, or with any file the manifest does not list, is not.
    """
    path = Path(os.fspath(target))
    try:
        if path.is_symlink() or not path.is_dir():
            return False
        entries = {e.name for e in path.iterdir()}
        listed = json.loads((path / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not isinstance(listed, (list, dict)):
        return False
    return bool(entries) and entries <= {str(n) for n in listed} | {MANIFEST}
