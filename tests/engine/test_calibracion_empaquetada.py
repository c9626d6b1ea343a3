"""The default calibrations ship as package data: read strictly, served without recomputing, regenerated
by ``tools/calibraciones.py``; the slow test recomputes them and compares with the packaged file."""

from __future__ import annotations

import copy
import importlib.util
import json
import math
import re
from pathlib import Path

import pytest

import pensiones
from pensiones.engine import calibracion, synthetic
from pensiones.engine import calibracion_empaquetada as E

ROOT = Path(__file__).resolve().parents[2]


def _herramienta():
    """``tools/calibraciones.py`` as a module."""
    spec = importlib.util.spec_from_file_location("calibraciones_tool", ROOT / "tools" / "calibraciones.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _escribir(path: Path, datos) -> Path:
    path.write_text(json.dumps(datos) if not isinstance(datos, str) else datos, encoding="utf-8")
    return path


# -- the packaged file ---------------------------------------------------------------------------------------
def test_the_packaged_file_loads_and_says_what_produced_it():
    datos = E.leer()
    generado = datos["generated"]
    assert generado["command"] == E.COMANDO == "PYTHONPATH=. python tools/calibraciones.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", generado["version"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", generado["date"])
    assert re.fullmatch(r"[0-9a-f]{16}", generado["source_hash"])
    assert set(datos["fraccion_altas_ley73"]) == {str(a) for a in E.ANIOS_ALTAS_LEY73} == {
        "2021", "2022", "2023", "2024", "2025"
    }
    # the start years of the synthetic population are the years shipped
    assert E.ANIOS_ALTAS_LEY73 == tuple(range(synthetic.ANIO_INICIAL_SINTETICO, 2026))
    for v in datos["fraccion_altas_ley73"].values():
        assert 0.0 <= v < calibracion.FRACCION_ALTAS_MAXIMA
    assert set(datos["fraccion_minima_ley73"]) == set(datos["fraccion_altas_ley73"])
    assert all(0.0 <= v <= 1.0 for v in datos["fraccion_minima_ley73"].values())


def test_the_file_is_package_data():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "data/*.json" in config["package-data"]["pensiones.engine"]
    assert E.ARCHIVO == Path(pensiones.__file__).parent / "engine" / "data" / "calibraciones.json"


def test_the_defaults_are_read_never_computed(monkeypatch):
    def prohibido(*args, **kwargs):
        raise AssertionError("a default calibration was recomputed")

    monkeypatch.setattr(synthetic, "_calibrar", prohibido)
    monkeypatch.setattr(calibracion, "_fraccion_altas", prohibido)
    datos = E.leer()
    assert synthetic.calibracion_carreras() == datos["calibracion_carreras"]
    assert calibracion.calibracion_carreras() == datos["calibracion_carreras"]
    monkeypatch.setattr(synthetic, "fraccion_minima_ley73", prohibido)
    for anio in E.ANIOS_ALTAS_LEY73:
        assert calibracion.fraccion_altas_ley73.__wrapped__(anio) == datos["fraccion_altas_ley73"][str(anio)]
        assert calibracion.fraccion_minima_ley73(anio) == datos["fraccion_minima_ley73"][str(anio)]


def test_other_arguments_are_computed(monkeypatch):
    llamadas = []

    def calcular(procesos, forma, escala):
        llamadas.append((forma, escala))
        return {"c0": 0.5, "multiplicador_aportaciones": 2.0}

    monkeypatch.setattr(synthetic, "_calibrar", calcular)
    assert synthetic.calibracion_carreras(forma=2.0) == {"c0": 0.5, "multiplicador_aportaciones": 2.0}
    assert synthetic.calibracion_carreras(pensiones.Procesos()) == {"c0": 0.5, "multiplicador_aportaciones": 2.0}
    assert llamadas == [(2.0, synthetic.EDAD_AFILIACION_ESCALA),
                        (synthetic.EDAD_AFILIACION_FORMA, synthetic.EDAD_AFILIACION_ESCALA)]


@pytest.mark.parametrize("calibracion_dada", [{"c0": 0.0}, {"c0": 0.0, "multiplicador_aportaciones": math.nan}, [1, 2]])
def test_a_bad_calibration_given_to_the_builder_is_refused(calibracion_dada):
    with pytest.raises(ValueError, match="calibracion"):
        synthetic.poblacion_sintetica(10, seed=0, calibracion=calibracion_dada)


# -- a strict reader: one malformed file per failure mode ----------------------------------------------------
def _mutar(f):
    datos = copy.deepcopy(E.leer())
    f(datos)
    return datos


MALFORMADOS = {
    "not JSON": ("{not json", "is not valid JSON"),
    "not an object": ([1, 2], "expected a JSON object, got list"),
    "unknown section": (_mutar(lambda d: d.update(extra={})), "unknown key 'extra'"),
    "missing section": (_mutar(lambda d: d.pop("calibracion_carreras")), "missing key 'calibracion_carreras'"),
    "section not an object": (_mutar(lambda d: d.update(fraccion_altas_ley73=[0.1])),
                              "'fraccion_altas_ley73' must be an object, got list"),
    "unknown value": (_mutar(lambda d: d["calibracion_carreras"].update(c1=0.0)),
                      "unknown key calibracion_carreras.c1"),
    "missing year": (_mutar(lambda d: d["fraccion_altas_ley73"].pop("2023")), "missing key fraccion_altas_ley73.2023"),
    "missing header field": (_mutar(lambda d: d["generated"].pop("version")), "missing key generated.version"),
    "empty header field": (_mutar(lambda d: d["generated"].update(date=" ")), "generated.date must be a non-empty"),
    "not a number": (_mutar(lambda d: d["calibracion_carreras"].update(c0="0.1")),
                     "calibracion_carreras.c0 must be a finite number, got '0.1'"),
    "a boolean": (_mutar(lambda d: d["fraccion_altas_ley73"].update({"2021": True})),
                  "fraccion_altas_ley73.2021 must be a finite number, got True"),
    "NaN": (_mutar(lambda d: d["calibracion_carreras"].update(multiplicador_aportaciones=math.nan)),
            "calibracion_carreras.multiplicador_aportaciones must be a finite number, got nan"),
}


@pytest.mark.parametrize("caso", MALFORMADOS, ids=list(MALFORMADOS))
def test_a_malformed_file_fails_naming_the_file_and_the_key(tmp_path, caso):
    datos, mensaje = MALFORMADOS[caso]
    path = _escribir(tmp_path / "calibraciones.json", datos)
    with pytest.raises(ValueError) as info:
        E.leer(path)
    texto = str(info.value)
    assert texto.startswith(f"{path}: ") and mensaje in texto, texto
    assert "regenerate it with `PYTHONPATH=. python tools/calibraciones.py`" in texto


def test_a_missing_file_fails_naming_it(tmp_path):
    with pytest.raises(ValueError, match=r"calibraciones\.json: cannot be read"):
        E.leer(tmp_path / "calibraciones.json")


# -- comparing and the tool -------------------------------------------------------------------------------
def test_compare_names_each_value_that_moved():
    datos = E.leer()
    assert E.comparar(datos, datos) == []
    otro = copy.deepcopy(datos)
    otro["fraccion_altas_ley73"]["2024"] *= 1 + 1e-6
    otro["calibracion_carreras"]["c0"] *= 1 + 1e-12  # within the tolerance
    (linea,) = E.comparar(datos, otro)
    assert linea.startswith("fraccion_altas_ley73.2024: shipped ") and "relative difference 1.00e-06" in linea


def _recalcular_como(datos):
    secciones = ("calibracion_carreras", "fraccion_altas_ley73", "fraccion_minima_ley73")
    return lambda progress=None: {k: copy.deepcopy(datos[k]) for k in secciones}


def test_the_tool_writes_checks_and_reports_a_stale_file(tmp_path, monkeypatch, capsys):
    herramienta = _herramienta()
    datos = E.leer()
    monkeypatch.setattr(calibracion, "recalcular", _recalcular_como(datos))
    path = tmp_path / "calibraciones.json"
    assert herramienta.main(["--file", str(path)]) == 0
    escrito = E.leer(path)
    assert {k: escrito[k] for k in ("calibracion_carreras", "fraccion_altas_ley73", "fraccion_minima_ley73")} == {
        k: datos[k] for k in ("calibracion_carreras", "fraccion_altas_ley73", "fraccion_minima_ley73")
    }
    assert escrito["generated"]["command"] == E.COMANDO and escrito["generated"]["version"] == pensiones.__version__
    capsys.readouterr()
    assert herramienta.main(["--check", "--file", str(path)]) == 0
    assert "is current" in capsys.readouterr().out

    movido = copy.deepcopy(datos)
    movido["calibracion_carreras"]["c0"] += 0.01
    monkeypatch.setattr(calibracion, "recalcular", _recalcular_como(movido))
    assert herramienta.main(["--check", "--file", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path} is stale: 1 value(s) moved" in err and "calibracion_carreras.c0: shipped" in err
    assert "regenerate it with `PYTHONPATH=. python tools/calibraciones.py`" in err
    assert E.leer(path) == escrito  # --check writes nothing


# -- the slow check: the packaged values are this model's --------------------------------------------------
@pytest.mark.slow
def test_recomputed_calibrations_equal_the_packaged_ones():
    """A kernel compile and about a minute on 2 cores.  Fails after a change that moves the model's results
    until the file is regenerated (``PYTHONPATH=. python tools/calibraciones.py``).  Exact on the machine that
    wrote the file; relative tolerance 1e-9 elsewhere (see ``TOLERANCIA_RELATIVA``)."""
    assert E.comparar(E.leer(), calibracion.recalcular()) == []
