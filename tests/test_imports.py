"""No import cycle anywhere in the package, read from the source (no module is imported here).

Two graphs are read from ``pensiones/**/*.py``. The module-level imports (what runs when a module is
imported) must have no cycle at all. With the imports inside functions added, the only cycles allowed
are through the few edges of ``TOLERATED``, each with its reason. Every ``import`` and
``from ... import`` statement counts, with two exceptions:

- a module's ``__getattr__`` (PEP 562): it runs only when a user asks for an old, deprecated name or a
  lazily loaded one, never when the package's own code runs;
- ``if TYPE_CHECKING:`` blocks, which never run.

An edge goes to the module named, or to the submodule a ``from package import name`` names; the
parent packages that Python initialises on the way are not counted as edges (every module would
then reach ``pensiones/__init__``, the face that imports everything).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pensiones"

#: Function-level edges tolerated, each with its reason; the test fails when one is no longer there.
TOLERATED = {
    # the record class's convenience constructors delegate to the modules that build records:
    # Population.synthetic to the synthetic builder, Population.to_parquet / from_parquet to the
    # Parquet layer (both import Population at module level).
    ("pensiones.engine.population", "pensiones.engine.synthetic"),
    ("pensiones.engine.population", "pensiones.engine.parquet"),
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, *, functions: bool = True):
    """Import nodes of a module, skipping a module-level ``__getattr__`` and ``if TYPE_CHECKING:``
    (and every function and class body unless ``functions``)."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__" and node in tree.body:
            continue
        if not functions and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def import_graph(*, functions: bool = True) -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path)), functions=functions):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names]
            for target in targets:
                while target and target not in modules and target.startswith("pensiones"):
                    target = target.rpartition(".")[0]
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_at_module_level():
    assert _cycles(import_graph(functions=False)) == []


def test_no_import_cycle_with_function_level_imports():
    graph = import_graph()
    for a, b in TOLERATED:
        assert b in graph[a], f"the tolerated edge {a} -> {b} is gone: remove it from TOLERATED"
        graph[a].discard(b)
    assert _cycles(graph) == [], "import cycles (each list is a set of modules that import each other)"


def test_the_graph_sees_function_level_imports():
    """The reader counts an import inside a function (``_fraccion_altas`` imports the driver)."""
    graph = import_graph()
    assert "pensiones.engine.driver" in graph["pensiones.engine.calibracion"]
    assert "pensiones.distributed" in graph["pensiones.simulation"]
    assert "pensiones.simulation" not in graph["pensiones.distributed"]  # its deprecated aliases are lazy


def test_a_cycle_is_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_run_layer_modules_use_no_private_name_of_another_module():
    """The CLI and the run layer import no ``_private`` name (a function, a class, a constant) from another
    pensiones module; the package's private modules themselves (``_atomic``, ``_validation``) may be used."""
    modules = _modules()
    offenders = []
    for name, path in modules.items():
        if not (name.startswith("pensiones.cli") or name in ("pensiones.simulation", "pensiones.distributed")):
            continue
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pensiones"):
                same_package = name.startswith("pensiones.cli") and (node.module or "").startswith("pensiones.cli")
                for alias in node.names:
                    private = alias.name.startswith("_") and not alias.name.startswith("__")
                    if private and f"{node.module}.{alias.name}" not in modules and not same_package:
                        offenders.append(f"{name}: from {node.module} import {alias.name}")
    assert offenders == []


def test_old_import_paths_still_work_and_warn():
    import importlib
    import sys

    import pytest

    import pensiones
    import pensiones.distributed
    from pensiones.demography import conapo
    from pensiones.engine import anuales, calibracion

    with pytest.warns(DeprecationWarning, match="moved to pensiones.demography.conapo.poblacion"):
        assert anuales.poblacion is conapo.poblacion
    with pytest.warns(DeprecationWarning, match="moved to pensiones.engine.calibracion.fraccion_altas_ley73"):
        assert anuales.fraccion_altas_ley73 is calibracion.fraccion_altas_ley73
    with pytest.warns(DeprecationWarning, match="pensiones.simulation.sweep"):
        assert pensiones.distributed.sweep is pensiones.sweep
    with pytest.warns(DeprecationWarning, match="PreparedScenario"):
        assert pensiones.simulation.Corrida is pensiones.simulation.PreparedScenario
    with pytest.warns(DeprecationWarning, match="pensiones.reporting.carpeta.escribir_resultados"):
        from pensiones.cli import escribir_resultados  # noqa: F401
    sys.modules.pop("pensiones.cli_sweep", None)
    with pytest.warns(DeprecationWarning, match="pensiones.cli.sweep"):
        old = importlib.import_module("pensiones.cli_sweep")
    assert old.carpetas_escenarios(["a"]) == {"a": "a"}


def test_simulate_sweep_and_the_command_line_go_through_one_run_object(monkeypatch, tmp_path, capsys):
    import pytest

    import pensiones
    from pensiones.cli import main
    from pensiones.simulation import Run

    calls = []

    def execute(self, client=None):
        calls.append(len(self.scenarios))
        raise ValueError("stopped in Run.execute")

    monkeypatch.setattr(Run, "execute", execute)
    pop = pensiones.Population.synthetic(30, seed=1)
    with pytest.raises(ValueError, match="stopped in Run.execute"):
        pensiones.simulate(pop, paths=1, seed=1, end=2026)
    with pytest.raises(ValueError, match="stopped in Run.execute"):
        pensiones.sweep(pop, ["reforma_2020", "sin_reforma"], paths=1, seed=1, end=2026, client=object())
    assert main(["run", "reforma_2020", "--persons", "30", "--paths", "1", "--end", "2026",
                 "--out", str(tmp_path / "o")]) == 2
    assert "stopped in Run.execute" in capsys.readouterr().err
    assert calls == [1, 2, 1]


def test_tests_mirror_the_package_layout():
    """Each folder of tests/ (but the shared ``cases`` and ``fixtures``) is a subpackage of pensiones, with the
    tests of that subpackage; the tests of top-level modules and cross-cutting tests sit in tests/ itself."""
    tests = Path(__file__).resolve().parent
    carpetas = {p.name for p in tests.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    subpaquetes = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert carpetas - {"cases", "fixtures"} <= subpaquetes
    for carpeta in carpetas - {"cases", "fixtures"}:
        assert any((tests / carpeta).glob("test_*.py")), carpeta
