"""Compiling the engine ahead of time, and watching the compiler.

The engine's compiled functions (the kernel, the careers' runner of the synthetic population and the
law's formulas they call) are compiled by Numba on their first call and kept in the on-disk cache
(:mod:`pensiones._jit`): the first run on a machine, or after an upgrade, pays for it once.
:func:`precompile` pays it now, with a callback for a progress display; :class:`CompileWatch` measures
the time this process spends compiling (``numba.core.event``), as the command line and
``benchmarks/cold_start.py`` report it.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable

from pensiones._jit import SIN_NUMBA

__all__ = ["precompile", "CompileWatch"]

#: Numba's event for a compilation (not fired when a function is loaded from the on-disk cache).
EVENTO = "numba:compile"


class CompileWatch:
    """Time spent compiling with Numba in this process while the watch is on (a context manager).

    Compilations nest (a function's callees are compiled inside it); only the outermost count, so
    the seconds are wall time, not a sum over nested calls.  A function loaded from the on-disk cache
    is not a compilation.

    Parameters
    ----------
    on_start : callable, optional
        Called with no argument when the first compilation begins (never when the cache serves
        everything).

    Attributes
    ----------
    seconds : float
        Wall time of the outermost compilations.
    count : int
        Outermost compilations.
    """

    def __init__(self, on_start: Callable[[], None] | None = None):
        self.seconds = 0.0
        self.count = 0
        self._on_start = on_start
        self._depth = 0
        self._t0 = 0.0
        self._listener = None

    def _start(self) -> None:
        if self._depth == 0:
            self._t0 = time.perf_counter()
            if self.count == 0 and self._on_start is not None:
                self._on_start()
        self._depth += 1

    def _end(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.seconds += time.perf_counter() - self._t0
            self.count += 1

    def __enter__(self) -> CompileWatch:
        if SIN_NUMBA:
            return self
        from numba.core import event

        watch = self

        class _Listener(event.Listener):
            def on_start(self, ev):
                watch._start()

            def on_end(self, ev):
                watch._end()

        self._listener = _Listener()
        event.register(EVENTO, self._listener)
        return self

    def __exit__(self, *exc) -> bool:
        if self._listener is not None:
            from numba.core import event

            event.unregister(EVENTO, self._listener)
            self._listener = None
        return False


def precompile(progress: Callable[[str, float], None] | None = None) -> float:
    """Compile the engine for this machine now, into the on-disk cache, rather than in the first run.

    Builds a one-record synthetic population and simulates it for one year, which compiles every
    function a run of the engine calls (or loads it from the cache).  A later process on this machine
    (with the same version of the package) compiles nothing.  :func:`pensiones.simulate` compiles on
    its own when needed and prints nothing; this is for a progress display, or to pay the time up
    front (the command line's ``pensiones run`` calls it).

    Parameters
    ----------
    progress : callable, optional
        ``progress(event, seconds)``: ``("start", 0.0)`` when the first compilation begins and
        ``("end", seconds)`` when the engine is ready, with the seconds spent compiling.  Not called
        when the cache serves everything.

    Returns
    -------
    float
        Seconds spent compiling: 0.0 when the cache served everything (or with ``PENSIONES_SIN_NUMBA=1``,
        when nothing is compiled).

    Examples
    --------
    >>> import pensiones
    >>> seconds = pensiones.precompile()  # seconds on the first call on a machine
    >>> pensiones.precompile()  # compiled: nothing left to do
    0.0
    """
    if SIN_NUMBA:
        return 0.0
    from pensiones._avisos import SmallSampleWarning
    from pensiones.engine.population import Population
    from pensiones.simulation import simulate

    def empieza() -> None:
        if progress is not None:
            progress("start", 0.0)

    with CompileWatch(on_start=empieza) as watch, warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)  # one record on purpose: only to compile
        poblacion = Population.synthetic(1, seed=0, year=2025)  # the careers' runner
        simulate(poblacion, None, paths=1, seed=0, start=2025, end=2025, progress=False)  # the kernel
    if watch.count and progress is not None:
        progress("end", watch.seconds)
    return watch.seconds
