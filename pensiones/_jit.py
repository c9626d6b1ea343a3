"""One source, two builds: the law's scalar formulas and the engine's kernel, compiled or plain Python.

Every legal formula is a small module-level function decorated with :func:`jit`.  The calculators
call it from Python (after their table lookups); the kernel calls the same function compiled.
Compiled functions are cached on disk (``cache=True``), so a second process compiles nothing.

- ``PENSIONES_SIN_NUMBA=1`` turns :func:`jit` into the identity: everything runs as plain Python
  (for debugging with pdb or coverage).
- :func:`python_twin` returns the plain-Python twin of a compiled function: its own source, with
  every compiled function it calls replaced by that function's twin.  The tests run the kernel's
  twin against the compiled kernel on the same arrays.

Numba's on-disk cache checks only the source file of the function it compiled, not the files of
the functions it calls.  So that an edited formula can never be served stale from the cache, the
cache lives in a folder named after a hash of the package's sources: ``$PENSIONES_CACHE_DIR`` or
``$XDG_CACHE_HOME/pensiones`` (``~/.cache/pensiones``), unless ``NUMBA_CACHE_DIR`` is set; folders of
other source trees unused for ``CACHE_MAX_AGE_DAYS`` are removed.  The folder is set as Numba's
``config.CACHE_DIR`` for the process, so other ``cache=True`` functions of the same process are cached
there too (set ``NUMBA_CACHE_DIR`` to keep them elsewhere).  :func:`cache_base` and :func:`cache_folder`
name the folders; ``pensiones cache info`` and ``pensiones cache clear`` (:mod:`pensiones._cache`) show and
remove them.  :func:`en_cache` keeps derived results there (a calibration for non-default arguments: the
default calibrations ship with the package, :mod:`pensiones.engine.calibracion_empaquetada`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import types
from pathlib import Path

import numpy as np

__all__ = [
    "jit", "prange", "python_twin", "ByReference", "by_reference", "num_threads", "suma_int64", "asumir", "asumir_py",
    "SIN_NUMBA", "CACHE_DIR", "cache_base", "cache_folder",
]

SIN_NUMBA = os.environ.get("PENSIONES_SIN_NUMBA", "") not in ("", "0")

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def source_hash() -> str:
    """Hash of the package's Python sources (paths and contents): names this source tree's cache folder."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        h.update(path.relative_to(_PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@functools.cache
def rule_data_hash() -> str:
    """Hash of the packaged rule data (``pensiones/rules/data``): derived results are keyed by it too."""
    h = hashlib.sha256()
    for path in sorted((_PACKAGE / "rules" / "data").rglob("*")):
        if path.is_file():
            h.update(path.relative_to(_PACKAGE).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_base() -> Path:
    """The folder holding the cache folders of every source tree: ``$PENSIONES_CACHE_DIR``, or
    ``$XDG_CACHE_HOME/pensiones`` (``~/.cache/pensiones``); read from the environment at each call."""
    base = os.environ.get("PENSIONES_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "pensiones"
    )
    return Path(base)


#: Cache folders are named ``numba-<source hash>``; :func:`cache_base` holds nothing else of ours.
CACHE_PREFIX = "numba-"


def cache_folder() -> Path:
    """This source tree's cache folder, ``cache_base() / numba-<source hash>`` (it may not exist yet)."""
    return cache_base() / f"{CACHE_PREFIX}{source_hash()}"


def _cache_dir() -> str | None:
    """The on-disk cache folder for this exact source tree, or None to keep Numba's default."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None  # the user chose; Numba honours it
    folder = str(cache_folder())
    try:
        os.makedirs(folder, exist_ok=True)
        os.utime(folder)  # in use: the pruning below keeps it
    except OSError:
        return None  # not writable: Numba falls back to __pycache__ or a temporary folder
    _prune(str(cache_base()), keep=folder)
    return folder if os.access(folder, os.W_OK) else None


def archivo_cache(nombre: str) -> Path | None:
    """A file in this source tree's cache folder for a derived result (e.g. a calibration), keyed
    also by the packaged rule data, or None when no cache folder is writable.  The folder is
    the one Numba uses (``PENSIONES_CACHE_DIR`` / ``~/.cache/pensiones``), so stale results are
    never read: other sources or data mean another name."""
    folder = _cache_dir() if not os.environ.get("NUMBA_CACHE_DIR") else os.environ["NUMBA_CACHE_DIR"]
    if folder is None:
        return None
    stem, _, ext = nombre.rpartition(".")
    return Path(folder) / f"{stem}-{rule_data_hash()}.{ext}"


def en_cache(nombre: str, calcular) -> dict:
    """The JSON dict ``calcular()`` returns, computed once per source tree and rule data and kept in
    :func:`archivo_cache` (written to a temporary file and renamed, so a concurrent reader sees the
    whole file or none; without a writable cache folder it is computed each time)."""
    import json

    from pensiones._atomic import atomic_file

    path = archivo_cache(nombre)
    if path is not None:
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            pass
    valor = calcular()
    if path is not None:
        try:
            with atomic_file(path) as f:
                f.write(json.dumps(valor).encode())  # ASCII (ensure_ascii): the bytes text mode wrote
        except OSError:
            pass  # a read-only cache: computed again next time
    return valor


#: A cache folder of other sources (an older version, another checkout) unused for this long is removed.
CACHE_MAX_AGE_DAYS = 14


def _prune(base: str, *, keep: str) -> None:
    """Best effort: remove ``numba-*`` folders of other source trees not used for ``CACHE_MAX_AGE_DAYS``."""
    import shutil
    import time

    limit = time.time() - CACHE_MAX_AGE_DAYS * 86400
    try:
        entries = list(os.scandir(base))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(CACHE_PREFIX) and entry.path != keep:
            try:
                if entry.is_dir() and entry.stat().st_mtime < limit:
                    shutil.rmtree(entry.path, ignore_errors=True)
            except OSError:
                continue


CACHE_DIR: str | None = None

if SIN_NUMBA:  # pragma: no cover - exercised by the debugging switch only
    prange = range

    def jit(f=None, *, parallel: bool = False, inline: str = "never", nrt: bool = True):
        """Identity (``PENSIONES_SIN_NUMBA=1``)."""
        return f if f is not None else (lambda g: g)

else:
    import numba
    from numba.core.registry import CPUDispatcher

    CACHE_DIR = _cache_dir()
    if CACHE_DIR is not None:
        numba.config.CACHE_DIR = CACHE_DIR
    prange = numba.prange

    def jit(f=None, *, parallel: bool = False, inline: str = "never", nrt: bool = True):
        """Compile ``f`` with Numba in nopython mode, cached on disk (``error_model="numpy"``: no
        Python exceptions from arithmetic, as in plain NumPy).

        ``nrt=False`` compiles without Numba's reference-counted runtime (its ``_nrt`` option): the
        function may not allocate arrays, and it does no atomic reference counting of the array views
        and records it reads.  The kernel's entry point needs it: with the runtime, those counts took
        two thirds of its time.

        ``inline="always"`` inlines the function into its callers at Numba's untyped IR level: the
        kernel's steps are inlined into its loop.  As real calls (each step compiled on its own, then
        linked and optimised again in the kernel) the kernel compiled in 20 s instead of 10 s.  A small
        function called at many sites (the ledger's add) is better a real call, which LLVM inlines: Numba's
        inlining passes over the whole caller once per site."""
        opts = {"cache": True, "error_model": "numpy", "parallel": parallel, "nogil": True, "inline": inline}
        if not nrt:
            opts["_nrt"] = False
        if f is None:
            return lambda g: numba.njit(**opts)(g)
        return numba.njit(**opts)(f)


def num_threads() -> int:
    """Threads the engine runs on now: the kernel's Python threads and Numba's parallel loops
    (``numba.get_num_threads()``, which ``pensiones.simulate(threads=)`` sets; 1 under ``PENSIONES_SIN_NUMBA``)."""
    if SIN_NUMBA:
        return 1
    import numba

    return numba.get_num_threads()


def suma_int64(a, b):
    """``a + b`` of two 64-bit integers as the hardware adds them (wrapping around), and whether the
    exact sum left the int64 range: ``(sum, overflowed)``.

    Compiled, it is one addition and the processor's overflow flag (LLVM's ``sadd.with.overflow``):
    the kernel's ledger checks every add with it (:func:`pensiones.engine.kernel.agregar`).  Called
    from Python, or in the plain-Python twin, it computes the same with Python integers.
    """
    exacta = int(a) + int(b)
    return np.int64((exacta + 2**63) % 2**64 - 2**63), not -(2**63) <= exacta < 2**63


def asumir_py(condicion):
    """:data:`asumir` in plain Python (the twins, ``PENSIONES_SIN_NUMBA``): it does nothing."""


#: ``asumir(condicion)`` tells the compiler that ``condicion`` holds (LLVM's ``llvm.assume``), so that it
#: drops the code for the other case: the kernel states that its loop indices are not negative, and the
#: arrays they index then need no wrap-around of negative indices.  Nothing is checked: ``condicion`` must
#: be true by construction.  A compiler intrinsic, callable only from compiled code: the plain-Python twin
#: of a function that calls it takes :func:`asumir_py` (``python_twin(f, {asumir: asumir_py})``).
asumir = asumir_py

if not SIN_NUMBA:
    from llvmlite import ir as _ir
    from numba.core import types as _tipos
    from numba.extending import intrinsic, overload

    @intrinsic
    def asumir(typingctx, condicion):  # noqa: F811
        def codegen(context, builder, signature, args):
            tipo = _ir.FunctionType(_ir.VoidType(), [_ir.IntType(1)])
            funcion = builder.module.declare_intrinsic("llvm.assume", fnty=tipo)
            builder.call(funcion, [args[0]])
            return context.get_dummy_value()

        if isinstance(condicion, _tipos.Boolean):
            return _tipos.none(condicion), codegen
        return None

    @intrinsic
    def _suma_con_desborde(typingctx, a, b):
        firma = _tipos.Tuple((_tipos.int64, _tipos.boolean))(_tipos.int64, _tipos.int64)

        def codegen(context, builder, signature, args):
            r = builder.sadd_with_overflow(args[0], args[1])
            partes = [builder.extract_value(r, 0), builder.extract_value(r, 1)]
            return context.make_tuple(builder, signature.return_type, partes)

        return firma, codegen

    @overload(suma_int64, jit_options={"error_model": "numpy"})
    def _suma_int64_compilada(a, b):
        if isinstance(a, _tipos.Integer) and isinstance(b, _tipos.Integer):
            return lambda a, b: _suma_con_desborde(np.int64(a), np.int64(b))
        return None


class ByReference:
    """A named tuple of arrays handed to compiled code by reference: ``f(by_reference(T))``.

    Compiled code receives a named tuple by value: a tuple of arrays is one large structure (the kernel's
    rules, 66 arrays, are 4 kB), and every function the kernel inlines copies it into a variable of its own
    and reads a field by loading the whole structure.  LLVM's scalar replacement of aggregates then splits
    each of those loads and copies into hundreds of scalar ones: it and the passes after it took a third of
    the kernel's compile.  Wrapped in ``ByReference``, the tuple is unboxed once, into the calling
    wrapper's stack frame, and the compiled function receives a pointer: ``T.campo`` reads that one field
    (compile 38 s -> 24 s, the same run time).

    Compiled code may only read the tuple's fields by name (``T.campo``, and index the arrays it reads); the
    pointer is valid for the call.  Without Numba (``PENSIONES_SIN_NUMBA``) or in a plain-Python twin, pass
    the tuple itself.  The kernel's entry point takes its records, rules and parameters so
    (:func:`pensiones.engine.kernel.correr`).

    Parameters
    ----------
    value : NamedTuple
        The named tuple (its fields arrays or scalars).

    Raises
    ------
    TypeError
        If ``value`` is not a named tuple.
    """

    __slots__ = ("_value",)

    def __init__(self, value):
        if not (isinstance(value, tuple) and hasattr(type(value), "_fields")):
            raise TypeError(f"by_reference takes a named tuple, got {type(value).__name__}")
        self._value = value

    @property
    def value(self):
        """The named tuple (read-only: it keeps the arrays alive while compiled code reads them)."""
        return self._value

    def __repr__(self) -> str:
        return f"by_reference({type(self.value).__name__})"


by_reference = ByReference

if not SIN_NUMBA:
    from numba.core import cgutils as _cgutils
    from numba.core.datamodel import models as _models
    from numba.core.imputils import impl_ret_borrowed as _borrowed
    from numba.core.typing.templates import AttributeTemplate as _AttributeTemplate
    from numba.extending import NativeValue as _NativeValue
    from numba.extending import infer_getattr as _infer_getattr
    from numba.extending import lower_getattr_generic as _lower_getattr_generic
    from numba.extending import register_model as _register_model
    from numba.extending import typeof_impl as _typeof_impl
    from numba.extending import unbox as _unbox

    class ByReferenceType(_tipos.Type):
        """Numba's type of a :class:`ByReference`: a pointer to the named tuple ``dtype``."""

        def __init__(self, dtype):
            self.dtype = dtype
            super().__init__(name=f"ByReference({dtype})")

        @property
        def key(self):
            # the named tuple's type, whose key holds its class: two classes of the same name and field
            # types (but other fields) are two types, not one with the first one's fields
            return self.dtype

    @_typeof_impl.register(ByReference)
    def _typeof_by_reference(val, c):
        tipo = _typeof_impl(val.value, c)
        # a field Numba cannot type: no type, and Numba's own error names the argument
        return ByReferenceType(tipo) if isinstance(tipo, _tipos.BaseNamedTuple) else None

    @_register_model(ByReferenceType)
    class _ByReferenceModel(_models.PrimitiveModel):
        def __init__(self, dmm, fe_type):
            super().__init__(dmm, fe_type, dmm.lookup(fe_type.dtype).get_value_type().as_pointer())

    @_unbox(ByReferenceType)
    def _unbox_by_reference(typ, obj, c):
        # the tuple is there (typeof read it from this same object just before) and cannot be replaced: the
        # ByReference object, an argument of the call, keeps it and its arrays alive while the call runs
        value = c.pyapi.object_getattr_string(obj, "_value")
        native = c.unbox(typ.dtype, value)
        c.pyapi.decref(value)
        slot = _cgutils.alloca_once(c.builder, native.value.type)  # in the wrapper's frame: lives for the call
        c.builder.store(native.value, slot)
        return _NativeValue(slot, is_error=native.is_error, cleanup=native.cleanup)

    @_infer_getattr
    class _ByReferenceAttributes(_AttributeTemplate):
        key = ByReferenceType

        def generic_resolve(self, typ, attr):
            if attr in typ.dtype.fields:
                return typ.dtype.types[typ.dtype.fields.index(attr)]
            return None

    @_lower_getattr_generic(ByReferenceType)
    def _lower_by_reference_field(context, builder, typ, val, attr):
        k = typ.dtype.fields.index(attr)
        field = builder.gep(val, [_cgutils.int32_t(0), _cgutils.int32_t(k)], inbounds=True)
        return _borrowed(context, builder, typ.dtype.types[k], builder.load(field))


def _is_compiled(obj) -> bool:
    return not SIN_NUMBA and isinstance(obj, CPUDispatcher)


def python_twin(func, overrides: dict | None = None):
    """The plain-Python twin of compiled function ``func``.

    Parameters
    ----------
    func : numba dispatcher or function
        A function decorated with :func:`jit`.
    overrides : dict, optional
        ``{compiled function: python function}`` to use instead of the automatic twin (the random
        generator's twin needs wrap-around integer arithmetic).

    Returns
    -------
    function
        ``func``'s source run by the Python interpreter; every compiled function it reaches
        through its globals is replaced by its own twin, and ``prange`` by ``range``.
    """
    overrides = dict(overrides or {})
    memo: dict[int, object] = {}

    def convert(obj):
        for k, v in overrides.items():
            if obj is k:
                return v
        if not _is_compiled(obj):
            return obj
        if id(obj) in memo:
            return memo[id(obj)]
        py = getattr(obj, "py_func", obj)
        namespace = dict(py.__globals__)
        twin = types.FunctionType(py.__code__, namespace, py.__name__, py.__defaults__, py.__closure__)
        twin.__doc__ = py.__doc__
        memo[id(obj)] = twin
        for name in py.__code__.co_names:
            if name not in namespace:
                continue
            value = namespace[name]
            if not SIN_NUMBA and value is prange:
                namespace[name] = range
            else:
                namespace[name] = convert(value)
        return twin

    return convert(func)
