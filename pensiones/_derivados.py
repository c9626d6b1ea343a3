"""Results derived from a rule set, cached by content: in memory, and on disk beside the kernel's cache.

The engine's arrays of the rules (:func:`pensiones.engine.resolve.resolver`), the IMSS lines and the
yearly series depend only on a rule set and a few other inputs.  :func:`cached` computes such a
result once and keeps it under a hash of everything it depends on:

- the rule set's :attr:`~pensiones.rules.RuleSet.content_hash` (the package's sources and rule data,
  regime, assumptions, criteria and reform overlays; a rule set built from other tables has none,
  and nothing derived from it is cached);
- the other inputs (years, ``Procesos``, paths, seed ...), encoded field by field, arrays by their
  bytes (:func:`content_hash`).

A result is kept as arrays plus a JSON description (:func:`encode` / :func:`decode`), read-only; each
hit decodes it into new objects with copies of the arrays, so no caller can change what the next one
gets.  The tables a computation read (``RuleSet.record_lookups``) are kept with it and replayed on a
hit, so that :func:`pensiones.scenarios.check_reforms` sees the same reads either way.

On disk a result is one ``.npz`` file (no pickle) in the cache folder of this source tree
(:func:`pensiones._jit.archivo_cache`).  Per kind of result, memory keeps at most :data:`ENTRADAS_MAX`
results and :data:`MEMORIA_MAX` bytes, the disk :data:`ARCHIVOS_MAX` files and :data:`DISCO_MAX` bytes;
the least recently used go first (an IMSS line of 10,000 paths is some 50 MB).  Any failure on disk (no
writable folder, a corrupt or foreign file) means computing again, never an error.

:func:`pickled` keeps what depends on the package alone (the validated rule tables, which a new
process would otherwise parse and check again) as a pickle in the same folder, beside Numba's own
pickled cache.  ``PENSIONES_SIN_CACHE=1`` turns both off (every call computes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable

import attrs
import numpy as np

from pensiones._atomic import atomic_file

__all__ = ["content_hash", "cached", "pickled", "encode", "decode", "clear", "ENTRADAS_MAX", "MEMORIA_MAX",
           "ARCHIVOS_MAX", "DISCO_MAX"]

#: Results kept in memory per kind (a run's arrays of the rules are about 1 MB for 1997-2100).
ENTRADAS_MAX = 32
#: Bytes of arrays kept in memory per kind.
MEMORIA_MAX = 256 * 2**20
#: Files kept on disk per kind; the oldest go first.
ARCHIVOS_MAX = 256
#: Bytes of files kept on disk per kind.
DISCO_MAX = 2**30
#: Version of the layout of the cached files: a change makes the old files unreadable by name.
_FORMATO = "1"

_memoria: dict[str, OrderedDict] = {}
_cerrojo = threading.Lock()


def _desactivado() -> bool:
    return os.environ.get("PENSIONES_SIN_CACHE", "") not in ("", "0")


# -- content hashes ------------------------------------------------------------------------------
def _canonico(obj, out: list) -> None:
    """Append an unambiguous encoding of ``obj`` to ``out``; TypeError for a type it cannot encode."""
    if obj is None or isinstance(obj, (bool, np.bool_)):
        out.append(f"b{obj!r};".encode())
    elif isinstance(obj, (int, np.integer)):
        out.append(f"i{int(obj)};".encode())
    elif isinstance(obj, (float, np.floating)):
        out.append(f"f{float(obj).hex()};".encode())
    elif isinstance(obj, str):
        data = obj.encode()
        out.append(f"s{len(data)}:".encode() + data)
    elif isinstance(obj, dt.datetime):
        raise TypeError("datetime")
    elif isinstance(obj, dt.date):
        out.append(f"d{obj.isoformat()};".encode())
    elif isinstance(obj, np.ndarray):
        if obj.dtype.hasobject:
            raise TypeError("object array")
        data = np.ascontiguousarray(obj).tobytes()
        out.append(f"a{obj.dtype.str}{obj.shape}{len(data)}:".encode() + data)
    elif isinstance(obj, (list, tuple)):
        out.append(f"{type(obj).__name__[0]}{len(obj)}[".encode())
        for x in obj:
            _canonico(x, out)
        out.append(b"]")
    elif isinstance(obj, dict):
        out.append(f"m{len(obj)}{{".encode())
        for _, k, v in sorted(((repr(k), k, v) for k, v in obj.items()), key=lambda t: t[0]):
            _canonico(k, out)
            _canonico(v, out)
        out.append(b"}")
    elif attrs.has(type(obj)):
        out.append(f"o{type(obj).__module__}.{type(obj).__qualname__}(".encode())
        for f in attrs.fields(type(obj)):
            out.append(f.name.encode() + b"=")
            _canonico(getattr(obj, f.name), out)
        out.append(b")")
    else:
        raise TypeError(type(obj).__name__)


def content_hash(*parts) -> str | None:
    """A hash of ``parts`` (numbers, strings, dates, arrays, lists, dicts and attrs objects, field by
    field) and of the package's sources and rule data; None if a part has another type."""
    from pensiones import _jit

    out: list[bytes] = [_FORMATO.encode(), _jit.source_hash().encode(), _jit.rule_data_hash().encode()]
    try:
        _canonico(parts, out)
    except TypeError:
        return None
    return hashlib.sha256(b"".join(out)).hexdigest()[:32]


# -- results as arrays and a JSON description ----------------------------------------------------
def _a_json(obj, arrays: dict):
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, np.generic):  # before float and int: np.float64 is a float
        if obj.dtype.hasobject:
            raise TypeError("object scalar")
        name = f"a{len(arrays)}"
        arrays[name] = np.asarray(obj)
        return {"scalar": name}
    if isinstance(obj, int):
        return {"int": str(obj)}
    if isinstance(obj, float):
        return {"float": obj.hex()}
    if isinstance(obj, dt.datetime):
        raise TypeError("datetime")
    if isinstance(obj, dt.date):
        return {"date": obj.isoformat()}
    if isinstance(obj, np.ndarray):
        if obj.dtype.hasobject:
            raise TypeError("object array")
        name = f"a{len(arrays)}"
        arrays[name] = obj
        return {"array": name}
    if isinstance(obj, (list, tuple)):
        items = [_a_json(x, arrays) for x in obj]
        return {"list" if isinstance(obj, list) else "tuple": items}
    if isinstance(obj, dict):
        if not all(isinstance(k, str) for k in obj):
            raise TypeError("dict key")
        return {"dict": [[k, _a_json(v, arrays)] for k, v in obj.items()]}
    raise TypeError(type(obj).__name__)


def _de_json(obj, arrays: dict):
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    ((kind, value),) = obj.items()
    if kind == "int":
        return int(value)
    if kind == "float":
        return float.fromhex(value)
    if kind == "scalar":
        return arrays[value][()]
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "array":
        return arrays[value].copy()
    if kind == "list":
        return [_de_json(x, arrays) for x in value]
    if kind == "tuple":
        return tuple(_de_json(x, arrays) for x in value)
    if kind == "dict":
        return {k: _de_json(v, arrays) for k, v in value}
    raise ValueError(f"unknown entry {kind!r}")


def encode(obj) -> tuple[dict[str, np.ndarray], str]:
    """``obj`` (None, bool, int, float, str, date, NumPy arrays and scalars, and lists, tuples and
    str-keyed dicts of them) as read-only copies of its arrays and a JSON text; TypeError otherwise."""
    arrays: dict[str, np.ndarray] = {}
    text = json.dumps(_a_json(obj, arrays))
    frozen = {}
    for k, v in arrays.items():
        v = np.array(v, copy=True)
        v.setflags(write=False)
        frozen[k] = v
    return frozen, text


def decode(arrays: dict[str, np.ndarray], text: str):
    """The object :func:`encode` encoded, with copies of its arrays (writable, C order)."""
    return _de_json(json.loads(text), arrays)


# -- the cache -----------------------------------------------------------------------------------
def _ruta(nombre: str):
    """The path of cache file ``nombre`` in this source tree's cache folder, or None without one."""
    from pensiones._jit import archivo_cache

    try:
        return archivo_cache(nombre)
    except OSError:
        return None


def _archivo(kind: str, key: str):
    return _ruta(f"{kind}-{key}.npz")


def _leer(kind: str, key: str):
    path = _archivo(kind, key)
    if path is None or not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        meta = json.loads(str(arrays.pop("__meta__")[()]))
        if meta.get("formato") != _FORMATO or meta.get("key") != key:
            return None
        for v in arrays.values():
            v.setflags(write=False)
        lecturas = {k: dt.date.fromisoformat(v) for k, v in meta["lecturas"].items()}
        decode(arrays, meta["valor"])  # the whole entry must decode: a bad file is a miss, not an error later
        return arrays, meta["valor"], lecturas
    except Exception:  # noqa: BLE001 -- a corrupt or foreign file is a cache miss
        return None


def _escribir(kind: str, key: str, arrays: dict, text: str, lecturas: dict) -> None:
    path = _archivo(kind, key)
    if path is None or _tamano((arrays, text, lecturas)) > DISCO_MAX:
        return
    meta = {"formato": _FORMATO, "key": key, "valor": text,
            "lecturas": {k: v.isoformat() for k, v in lecturas.items()}}
    try:
        with atomic_file(path, prefix=f".{kind}-") as f:
            np.savez_compressed(f, __meta__=np.array(json.dumps(meta)), **arrays)
        _podar(path.parent, kind)
    except Exception:  # noqa: BLE001, S110 -- an unwritable cache is no error: computed again next time
        pass


def _podar(folder, kind: str) -> None:
    """Keep the newest files of ``kind`` in ``folder``: at most :data:`ARCHIVOS_MAX`, :data:`DISCO_MAX` bytes."""
    entries = []
    for entry in os.scandir(folder):
        if entry.name.startswith(f"{kind}-") and entry.name.endswith(".npz"):
            try:
                info = entry.stat()
            except OSError:
                continue
            entries.append((info.st_mtime, info.st_size, entry.path))
    entries.sort()
    total = sum(size for _, size, _ in entries)
    for _, size, p in entries:
        if len(entries) <= ARCHIVOS_MAX and total <= DISCO_MAX:
            break
        try:
            os.unlink(p)
        except OSError:
            pass
        entries = entries[1:]
        total -= size


def _tamano(entry) -> int:
    arrays, text, _ = entry
    return sum(a.nbytes for a in arrays.values()) + len(text)


def _recordar(kind: str, key: str, entry) -> None:
    if _tamano(entry) > MEMORIA_MAX:
        return  # larger than the whole allowance: from the disk next time
    with _cerrojo:
        memo = _memoria.setdefault(kind, OrderedDict())
        memo[key] = entry
        memo.move_to_end(key)
        total = sum(_tamano(e) for e in memo.values())
        while len(memo) > ENTRADAS_MAX or total > MEMORIA_MAX:
            _, old = memo.popitem(last=False)
            total -= _tamano(old)


def _buscar(kind: str, key: str):
    with _cerrojo:
        memo = _memoria.get(kind)
        entry = None if memo is None else memo.get(key)
        if entry is not None:
            memo.move_to_end(key)
    return entry


def clear() -> None:
    """Forget every result kept in memory (the files on disk stay)."""
    with _cerrojo:
        _memoria.clear()


def pickled(kind: str, compute: Callable[[], object], check: Callable[[object], bool]):
    """``compute()``, a result that depends only on the package (its sources and rule data), kept on
    disk as a pickle beside the kernel's cache (where Numba keeps its own pickles) and read back in
    a new process; ``check(obj)`` must hold for a file to be used.  The file name carries the pandas
    and NumPy versions: another version of either means computing again."""
    import pickle

    import pandas as pd

    from pensiones import _jit

    if _desactivado():
        return compute()
    path = _ruta(f"{kind}-{_jit.source_hash()}-pd{pd.__version__}-np{np.__version__}.pkl")
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                obj = pickle.load(fh)  # noqa: S301 -- our own file, in the folder of Numba's pickled cache
            if check(obj):
                return obj
        except Exception:  # noqa: BLE001, S110 -- a corrupt or foreign file is computed again
            pass
    obj = compute()
    if path is not None:
        try:
            with atomic_file(path, prefix=f".{kind}-") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001, S110 -- an unwritable cache is no error
            pass
    return obj


def cached(kind: str, reglas, parts: tuple, compute: Callable[[], object],
           to_plain: Callable[[object], object] = lambda x: x,
           from_plain: Callable[[object], object] = lambda x: x, *, disk: bool = True):
    """``compute()``, a result derived from rule set ``reglas`` and ``parts``, cached by their content.

    Parameters
    ----------
    kind : str
        Name of the kind of result (a file name prefix: letters, digits and ``_``).
    reglas : RuleSet
        The rule set ``compute`` reads; its lookups are recorded and replayed on a hit.
    parts : tuple
        Every other input of ``compute`` (see :func:`content_hash`).
    compute : callable
        Computes the result.
    to_plain, from_plain : callable
        The result to what :func:`encode` takes, and back.
    disk : bool
        Also keep it on disk.

    Returns
    -------
    object
        The result: computed, or rebuilt from the cache with copies of its arrays.
    """
    base = None if _desactivado() else reglas.content_hash
    key = None if base is None else content_hash(kind, base, parts)
    if key is None:
        return compute()
    entry = _buscar(kind, key)
    if entry is None and disk:
        entry = _leer(kind, key)
        if entry is not None:
            _recordar(kind, key, entry)
    if entry is not None:
        arrays, text, lecturas = entry
        reglas.replay_lookups(lecturas)
        return from_plain(decode(arrays, text))
    with reglas.record_lookups() as lecturas:
        result = compute()
    try:
        arrays, text = encode(to_plain(result))
    except TypeError:
        return result  # a result the cache cannot hold: computed each time
    lecturas = dict(lecturas)
    _recordar(kind, key, (arrays, text, lecturas))
    if disk:
        _escribir(kind, key, arrays, text, lecturas)
    return result
