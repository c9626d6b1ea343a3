"""Code the benchmarks' child processes run: Numba's outermost compilations, timed.

Both ``cold_start.py`` and ``first_result.py`` run their workload in a fresh ``python -c`` process; they
prepend :data:`ESCUCHA_COMPILACIONES` to the child's code, which then finds the seconds spent compiling
in ``compile_["seconds"]`` and their number in ``compile_["count"]``.
"""

#: Registers a Numba event listener that times the outermost compilations (a function's callees
#: compile inside it, so only the outermost count); needs ``time`` imported.
ESCUCHA_COMPILACIONES = r"""
import numba.core.event as ev

compile_ = {"seconds": 0.0, "count": 0, "depth": 0, "t": 0.0}

class _Listener(ev.Listener):
    # compilations nest (callees inside their caller): only the outermost count
    def on_start(self, event):
        if compile_["depth"] == 0:
            compile_["t"] = time.perf_counter()
        compile_["depth"] += 1
    def on_end(self, event):
        compile_["depth"] -= 1
        if compile_["depth"] == 0:
            compile_["seconds"] += time.perf_counter() - compile_["t"]
            compile_["count"] += 1

ev.register("numba:compile", _Listener())
"""
