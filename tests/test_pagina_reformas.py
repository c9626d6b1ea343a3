"""docs/reformas.md is not stale: the fingerprint it records is that of this package version and these built-in
scenarios (tools/pagina_reformas.py), and it has a section for every built-in scenario.

Cheap by design: it reads the page and the scenarios' TOML, and never runs the sweep that produced the figures.
The fingerprint leaves out the engine's sources and rule data (the page records their hashes for provenance):
they change with most commits, mostly without moving the figures beyond their Monte Carlo error.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGINA = ROOT / "docs" / "reformas.md"


def _herramienta():
    spec = importlib.util.spec_from_file_location("pagina_reformas", ROOT / "tools" / "pagina_reformas.py")
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


def _regenerar() -> str:
    comando = re.search(r"```\n(python tools/pagina_reformas\.py[^\n]*)\n```", PAGINA.read_text(encoding="utf-8"))
    return comando.group(1) if comando else "python tools/pagina_reformas.py"


def test_the_page_records_the_fingerprint_of_this_version_and_these_scenarios():
    tool = _herramienta()
    texto = PAGINA.read_text(encoding="utf-8")
    assert texto.count(tool.INICIO_MARCA) == 1 and texto.count(tool.FIN_MARCA) == 1
    registrada = re.search(r"<!-- fingerprint: [^\n]*-->", texto)
    assert registrada is not None, f"docs/reformas.md has no fingerprint: run {_regenerar()}"
    assert registrada.group(0) == tool.linea_huella(), (
        f"docs/reformas.md is stale (it records {registrada.group(0)}, the package is {tool.linea_huella()}: the "
        f"version or a built-in scenario changed); regenerate it with: {_regenerar()}"
    )


def test_every_built_in_scenario_has_a_section():
    tool = _herramienta()
    texto = PAGINA.read_text(encoding="utf-8")
    faltan = [n for n in tool.archivos_escenarios() if n != tool.BASE and f"### `{n}`" not in texto]
    assert not faltan, f"docs/reformas.md lacks {', '.join(faltan)}: regenerate it with {_regenerar()}"


def test_the_fingerprint_follows_the_scenarios(monkeypatch):
    tool = _herramienta()
    antes = tool.huella()
    archivos = tool.archivos_escenarios()
    monkeypatch.setattr(tool, "archivos_escenarios", lambda: {**archivos, "nuevo": b'nombre = "nuevo"\n'})
    assert tool.huella() != antes
    cambiado = {**archivos, "reforma_2020": archivos["reforma_2020"] + b" "}
    monkeypatch.setattr(tool, "archivos_escenarios", lambda: cambiado)
    assert tool.huella() != antes
