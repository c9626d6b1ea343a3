"""Every time the documentation states for the first run comes from ``benchmarks/cold_start.py``'s figures.

``benchmarks/README.md`` ("The first run") keeps the benchmark's measurements, latest first. From its first
row: the README and the getting-started page state the main job's time the first time and after that; the
command line's message before a compile (``pensiones.cli.run.COMPILE_TIME``, from ``COMPILE_SECONDS``), the
engine page and CONTRIBUTING.md state the compile time.  Re-measure, update the row, and this test says what
else to update.
"""

from __future__ import annotations

import re
from pathlib import Path

from pensiones.cli.run import COMPILE_MINUTES, COMPILE_SECONDS, COMPILE_TIME

ROOT = Path(__file__).resolve().parents[1]


def _fila() -> dict[str, float]:
    """The first row of the table under "## The first run" of benchmarks/README.md, in seconds."""
    texto = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    seccion = texto.split("## The first run", 1)[1].split("\n## ", 1)[0]
    filas = [linea for linea in seccion.splitlines() if linea.startswith("|")]
    cabecera = [c.strip() for c in filas[0].strip("|").split("|")]
    valores = [c.strip() for c in filas[2].strip("|").split("|")]
    fila = dict(zip(cabecera, valores))
    return {k: float(re.fullmatch(r"([\d.]+) s", fila[k]).group(1)) for k in ("cold", "warm", "compile")}


def _duracion(segundos: float) -> str:
    """How the docs say a time: seconds to the nearest 5 below 100 s, else whole minutes."""
    if segundos < 100:
        return f"about {int(5 * round(segundos / 5))} seconds"
    minutos = round(segundos / 60)
    return f"about {minutos} minute{'s' if minutos != 1 else ''}"


def test_the_first_run_times_in_the_docs_are_the_benchmarks():
    fila = _fila()
    primera = f"{_duracion(fila['cold'])} on 2 cores the first time"
    despues = f"{_duracion(fila['warm'])} after that"
    for doc in ("README.md", "docs/getting-started.md"):
        texto = " ".join((ROOT / doc).read_text(encoding="utf-8").split())
        assert primera in texto and despues in texto, f"{doc} should say {primera!r} and {despues!r}"
        assert "benchmarks/cold_start.py" in texto, doc


def test_the_compile_time_stated_is_the_benchmarks():
    compilar = _fila()["compile"]
    esperado = int(5 * round(compilar / 5))
    assert COMPILE_SECONDS == esperado, (
        f"pensiones.cli.run.COMPILE_SECONDS should be {esperado} ({compilar} s measured)"
    )
    assert COMPILE_MINUTES == max(1, round(COMPILE_SECONDS / 60))
    assert COMPILE_TIME == f"about {COMPILE_SECONDS} s on 2 cores"
    assert COMPILE_TIME in " ".join((ROOT / "docs" / "engine.md").read_text(encoding="utf-8").split())
    contributing = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert f"{_duracion(compilar)} on 2 cores" in contributing
    assert "benchmarks/cold_start.py" in contributing


def test_no_unmeasured_compile_time_is_left():
    for doc in ("benchmarks/README.md", "README.md", "docs/getting-started.md", "docs/engine.md", "CONTRIBUTING.md"):
        texto = " ".join((ROOT / doc).read_text(encoding="utf-8").split())
        assert "20-40 s of compilation" not in texto and "one to five minutes" not in texto, doc
