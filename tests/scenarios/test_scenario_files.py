"""Scenario files: safe reading, every overlay checked at load, fuzzing, and ``to_toml`` round trips."""

from __future__ import annotations

import datetime as dt
import os
import string
import tempfile
import tomllib
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import Population, Scenario, compare, ley97, simulate
from pensiones.scenarios import builtin_scenarios
from pensiones.scenarios.scenario import TAMANO_MAXIMO

FIX = Path(__file__).parents[1] / "fixtures" / "escenarios"


# -- what is not a scenario file ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "arg, message",
    [
        (None, "scenario must be a built-in scenario name or the path of a .toml file, got NoneType"),
        (3, "got int"),
        ("", "scenario name is empty; built-in scenarios: ahorro_voluntario, ahorro_voluntario_pareo, "
             "beneficio_definido_publico"),
        ("   ", "scenario name is empty"),
        ("a\x00b.toml", "contains a NUL character"),
        ("../data/reforma_2020", "scenario file ../data/reforma_2020 does not exist"),
        ("reforma 2020", "unknown scenario 'reforma 2020'"),
        ("no_hay.toml", "scenario file no_hay.toml does not exist"),
    ],
)
def test_not_a_scenario_name(arg, message):
    with pytest.raises(ValueError) as info:
        Scenario.load(arg)
    assert message in str(info.value)


def test_folder_is_not_a_scenario(tmp_path):
    folder = tmp_path / "carpeta.toml"
    folder.mkdir()
    for arg in (folder, str(tmp_path)):
        with pytest.raises(ValueError, match="is a folder; give a .toml file"):
            Scenario.load(arg)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "tubo.toml"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match=f"scenario file {fifo} is not a regular file \\(a FIFO, device or socket\\)"):
        Scenario.load(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_not_read():
    with pytest.raises(ValueError, match="scenario file /dev/zero is not a regular file"):
        Scenario.load("/dev/zero")


def test_size_limit(tmp_path):
    big = tmp_path / "grande.toml"
    big.write_bytes(b'nombre = "grande"\n' + b"#" * TAMANO_MAXIMO + b"\n")
    with pytest.raises(
        ValueError, match=f"scenario file {big} has 1,000,019 bytes; a scenario file has at most 1,000,000"
    ):
        Scenario.load(big)
    ok = tmp_path / "casi.toml"
    ok.write_bytes(b'nombre = "casi"\n' + b"#" * (TAMANO_MAXIMO - 30) + b"\n")
    assert Scenario.load(ok).name == "casi"


def test_not_utf8_names_the_file():
    with pytest.raises(ValueError, match="malo_utf8.toml is not UTF-8 text \\(byte 13: invalid continuation byte\\)"):
        Scenario.load(FIX / "malo_utf8.toml")


def test_utf8_bom_and_path_objects(tmp_path):
    f = tmp_path / "bom.toml"
    f.write_bytes('\ufeffnombre = "año"\n'.encode("utf-8"))
    assert Scenario.load(f).name == "año"
    assert Scenario.load(str(f)).name == "año"


def test_deep_nesting_is_a_clear_error(tmp_path):
    f = tmp_path / "hondo.toml"
    f.write_text("nombre = 'x'\n[procesos]\np_entrada = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ValueError, match="hondo.toml: "):
        Scenario.load(f)


# -- every overlay checked at load, naming file, overlay and field ---------------------------------------------
@pytest.mark.parametrize(
    "archivo, fragmentos",
    [
        (
            "malo_dominio_tasa.toml",
            ["reform 1 (tasa_patronal_ceav from 2027-01-01), field 'valor': 50 is outside the domain [0, 1]"],
        ),
        (
            "malo_dominio_semanas.toml",
            ["reform 1 (semanas_minimas from 2027-01-01), field 'valor': -100 is outside the domain [0, 5200]"],
        ),
        ("malo_dominio_uma.toml", ["reform 1 (uma from 2027-02-01), field 'valor': 0 is outside the domain (0, inf)"]),
        (
            "malo_dominio_inpc.toml",
            ["reform 1 (inpc from 2027-01-01), field 'valor': -1 is outside the domain (0, inf)"],
        ),
        (
            "malo_dominio_mortalidad.toml",
            ["reform 1 (mortalidad_emssa09 from 2027-01-01), field 'valor': 2 is outside the domain [0, 1]"],
        ),
        (
            "malo_fecha.toml",
            ["reform 1: desde must be between 1997-07-01 and 2100-12-31 (the last simulable year is 2100)"],
        ),
        (
            "malo_factor.toml",
            [
                "reform 2 (tasa_patronal_ceav from 2027-01-01), field 'factor'",
                "would be 1.03236",
                "outside the domain [0, 1]",
            ],
        ),
        (
            "malo_trayectoria.toml",
            [
                (
                    "reform 1: reform of 'semanas_minimas': the first trayectoria date (2028-01-01) must be desde "
                    "(2027-01-01)"
                )
            ],
        ),
    ],
)
def test_overlay_errors_name_file_overlay_and_field(archivo, fragmentos):
    with pytest.raises(ValueError) as info:
        Scenario.load(FIX / archivo)
    message = str(info.value)
    assert message.startswith(str(FIX / archivo) + ": "), message
    for fragment in fragmentos:
        assert fragment in message, message


def test_phase_in_file():
    s = Scenario.load(FIX / "trayectoria.toml")
    rs = s.rules()
    assert [ley97.semanas_minimas(a, reglas=rs) for a in range(2026, 2032)] == [875, 1050, 1100, 1150, 1250, 1250]
    assert s.reformas[0].desde == dt.date(2027, 1, 1)


# -- fuzz: every text ends in a Scenario or a clear ValueError -------------------------------------------------
TABLAS = [
    "semanas_minimas", "tasa_patronal_ceav", "uma", "inpc", "fondo_bienestar_umbral", "ley97_edades", "pbam", "nada", ""
]
escalares = st.one_of(
    st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
)
valores = st.recursive(
    escalares,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
fechas = st.one_of(st.dates(dt.date(1990, 1, 1), dt.date(2080, 12, 31)), st.text(max_size=10), st.integers(1990, 2080))
reformas = st.fixed_dictionaries(
    {"tabla": st.one_of(st.sampled_from(TABLAS), st.sampled_from(TABLAS), valores)},
    optional={
        "desde": st.one_of(st.dates(dt.date(2020, 1, 1), dt.date(2072, 1, 1)), fechas),
        "valor": st.one_of(st.floats(-2, 3000), st.floats(-2, 3000), valores),
        "factor": st.one_of(st.floats(-1, 20), st.floats(-1, 20), valores),
        "trayectoria": st.dictionaries(
            st.one_of(
                st.integers(1990, 2080).map(str),
                st.dates(dt.date(2020, 1, 1), dt.date(2075, 1, 1)).map(str),
                st.text(max_size=4),
            ),
            st.one_of(st.floats(-5, 2000), valores),
            max_size=4,
        ),
        "donde": st.one_of(
            st.dictionaries(
                st.sampled_from(["banda", "concepto", "zona", "x"]),
                st.one_of(st.sampled_from(["4.01 UMA en adelante", "cesantia", "general"]), valores),
                max_size=2,
            ),
            valores,
        ),
        "columna": st.one_of(st.just("value"), valores),
        "descripcion": valores,
        "otra": valores,
    },
)
secciones = {
    "supuestos": ["inflacion", "crecimiento_real_salario_minimo", "comision_anual", "crecimiento_real_pib", "otra"],
    "criterios": [
        "limites_banda", "criterio_banda_sm", "base_inpc_pension_garantizada", "indexacion_pension_garantizada", "otra"
    ],
    "procesos": ["p_entrada", "edad_retiro", "tasa_tecnica", "retiro_cesantia", "tabla_mortalidad", "otra"],
}
casi_validos = st.fixed_dictionaries(
    {"nombre": st.text(string.ascii_letters, min_size=1, max_size=8)},
    optional={
        "descripcion": st.text(max_size=20),
        "regimen": st.sampled_from(["lss2020", "lss1997"]),
        **{s: st.dictionaries(st.sampled_from(k), valores, max_size=3) for s, k in secciones.items()},
        "reformas": st.lists(reformas, min_size=1, max_size=3),
    },
)
cualesquiera = st.fixed_dictionaries(
    {},
    optional={
        "nombre": st.one_of(st.text(max_size=10), valores),
        "descripcion": valores,
        "regimen": st.one_of(st.sampled_from(["lss2020", "lss1997", "lss2030"]), valores),
        **{
            s: st.one_of(st.dictionaries(st.sampled_from(k), valores, max_size=3), valores)
            for s, k in secciones.items()
        },
        "reformas": st.one_of(st.lists(reformas, max_size=3), valores),
        "extra": valores,
    },
)
#: Mostly files that pass the first checks, so that the fuzz reaches the sections and the overlays.
escenarios = st.one_of(casi_validos, casi_validos, casi_validos, cualesquiera)


def _texto(raw: dict) -> str:
    """Render a dict as TOML (inline tables) with the scenario module's writer."""
    from pensiones.scenarios.scenario import _clave, _toml

    return "".join(f"{_clave(k)} = {_toml(v)}\n" for k, v in raw.items())


@pytest.fixture(scope="module")
def carpeta(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def _carga(carpeta: Path, data: bytes):
    path = carpeta / "fuzz.toml"
    path.write_bytes(data)
    try:
        return Scenario.load(path)
    except ValueError as exc:
        assert str(path) in str(exc), str(exc)  # the file is named in every error
        return exc


@settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None
)
@given(raw=escenarios, corte=st.integers(0, 400), ruido=st.text(string.printable, max_size=6))
def test_fuzz_structures_end_in_a_scenario_or_a_clear_error(carpeta, raw, corte, ruido):
    try:
        text = _texto(raw)
    except ValueError:
        return  # a value TOML cannot hold (a lone surrogate): nothing to load
    for variant in (text, text[:corte], text[:corte] + ruido + text[corte:]):
        out = _carga(carpeta, variant.encode("utf-8", "surrogatepass"))
        assert isinstance(out, (Scenario, ValueError))


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.binary(max_size=300))
def test_fuzz_bytes_end_in_a_scenario_or_a_clear_error(carpeta, data):
    assert isinstance(_carga(carpeta, b'nombre = "x"\n' + data), (Scenario, ValueError))


# -- to_toml: a file that loads back to the same scenario -----------------------------------------------------
def assert_same(a: Scenario, b: Scenario) -> None:
    for f in attrs.fields(Scenario):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name == "procesos":
            for g in attrs.fields(type(x)):
                u, v = getattr(x, g.name), getattr(y, g.name)
                if isinstance(u, np.ndarray) or isinstance(v, np.ndarray):
                    assert np.array_equal(np.asarray(u), np.asarray(v)), g.name
                else:
                    assert u == v and type(u) is type(v), g.name
        else:
            assert x == y, f.name


SMALL = Population.synthetic(300, seed=1)


@pytest.mark.parametrize("name", sorted(builtin_scenarios()))
def test_builtin_round_trip_same_scenario_same_results(name, tmp_path):
    s = Scenario.load(name)
    path = tmp_path / f"{name}.toml"
    text = s.to_toml(path)
    assert path.read_text(encoding="utf-8") == text
    back = Scenario.load(path)
    assert_same(s, back)
    assert back.to_toml() == text
    a = simulate(SMALL, s, paths=2, seed=3, end=2035)
    b = simulate(SMALL, back, paths=2, seed=3, end=2035)
    d = compare(a, b)
    assert len(d) and (d["value"] == 0.0).all()


def test_round_trip_with_every_kind_of_overlay():
    s = Scenario.default().with_reform(
        {
            "supuestos": {"comision_anual": 0.0057, "inflacion": 0.0351},
            "procesos": {"p_entrada": (np.full((2, 4, 3), 0.1) / 3).tolist(), "edad_retiro": 66},
            "reformas": [
                {
                    "tabla": "semanas_minimas",
                    "trayectoria": {2027: 1050, 2029: 1100},
                    "descripcion": 'phase "in"\n\tsecond line',
                },
                {
                    "tabla": "tasa_patronal_ceav",
                    "desde": "2027-06-15",
                    "factor": 1.0 / 3.0 + 1,
                    "donde": {"banda": "4.01 UMA en adelante"},
                },
                {"tabla": "ley97_edades", "desde": "2030-01-01", "valor": 62, "donde": {"concepto": "cesantia"}},
            ],
        },
        name="mezcla \\ año",
    )
    assert_same(s, Scenario.from_dict(tomllib.loads(s.to_toml())))


@st.composite
def escenarios_validos(draw):
    sup = {
        "inflacion": draw(st.floats(-0.02, 0.15)),
        "crecimiento_real_pib": draw(st.floats(-0.05, 0.08)),
    }
    if draw(st.booleans()):
        sup["comision_anual"] = draw(st.floats(0.0, 0.05))
    cri = {
        "limites_banda": draw(st.sampled_from(["continuo", "redondeo_centesimas"])),
        "indexacion_pension_garantizada": draw(st.sampled_from(["inpc", "salario_minimo"])),
    }
    pro = {
        "edad_retiro": draw(st.integers(60, 75)),
        "tasa_tecnica": draw(st.floats(-0.02, 0.10)),
        "retiro_cesantia": draw(st.booleans()),
        "p_permanencia": draw(st.lists(st.floats(0, 1), min_size=24, max_size=24)),
    }
    pro["p_permanencia"] = np.reshape(pro["p_permanencia"], (2, 4, 3)).tolist()
    anio = st.integers(2021, 2070)
    opciones = [
        lambda: {"tabla": "semanas_minimas", "desde": f"{draw(anio)}-01-01", "valor": draw(st.integers(0, 2000))},
        lambda: {"tabla": "tasa_patronal_ceav",
                 "desde": str(draw(st.dates(dt.date(2021, 1, 1), dt.date(2070, 12, 31)))),
                 "factor": draw(st.floats(0, 2)), "donde": {"banda": "4.01 UMA en adelante"}},
        # a factor of 0.52 keeps the yearly change above -50 % (the limit of a price index) under 2 % deflation
        lambda: {"tabla": "uma", "desde": f"{draw(st.integers(2030, 2070))}-02-01", "factor": draw(st.floats(0.52, 2))},
        lambda: {"tabla": "fondo_bienestar_umbral",
                 "trayectoria": {
                     str(y): draw(st.floats(0, 50000))
                     for y in sorted(draw(st.sets(st.integers(2026, 2070), min_size=1, max_size=4)))
                 }},
        lambda: {"tabla": "ley97_edades", "desde": f"{draw(anio)}-01-01", "valor": draw(st.integers(55, 70)),
                 "donde": {"concepto": draw(st.sampled_from(["cesantia", "vejez"]))},
                 "descripcion": draw(st.text(max_size=20))},
    ]
    n = draw(st.integers(0, 3))
    reformas = [opciones[draw(st.integers(0, len(opciones) - 1))]() for _ in range(n)]
    texto = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
    return Scenario.default().with_reform(
        {"supuestos": sup, "criterios": cri, "procesos": pro, "reformas": reformas, "descripcion": draw(texto)},
        name=draw(texto) or "x",
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=escenarios_validos())
def test_round_trip_generated_scenarios(s):
    text = s.to_toml()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "s.toml"
        assert s.to_toml(path) == text
        assert_same(s, Scenario.load(path))


def test_repr_and_html():
    s = Scenario.load("edad_retiro_67")
    assert repr(s) == "Scenario(name='edad_retiro_67', regimen='lss2020', reformas=2)"
    page = s._repr_html_()
    assert "<code>edad_retiro_67</code>" in page and "ley97_edades" in page and "valor 62" in page
    assert "procesos.edad_retiro" in page and "p_entrada" not in page
    html = Scenario.default().with_reform({"supuestos": {"inflacion": 0.04}}, name="<b>")._repr_html_()
    assert "&lt;b&gt;" in html and "supuestos.inflacion" in html and "No reform overlays" in html
    assert len(repr(Scenario.default())) < 80


def test_to_toml_lists_every_setting():
    raw = tomllib.loads(Scenario.default().to_toml())
    # settings whose default is None have no TOML spelling: they are left out
    assert set(raw["supuestos"]) == {f.name for f in attrs.fields(pensiones.Supuestos)} - {
        "comision_anual", "pensionados_ley73"}
    # a setting whose default is None (read from the rule tables) has no TOML spelling: it is left out
    unset = {f.name for f in attrs.fields(pensiones.Procesos) if getattr(pensiones.Procesos(), f.name) is None}
    assert unset == {"asignacion_ley73", "tasa_tecnica", "incidencia_invalidez"}
    assert set(raw["procesos"]) == {f.name for f in attrs.fields(pensiones.Procesos)} - unset
    assert "reformas" not in raw


def test_the_issue_spelling_of_the_uncertain_behaviour_switch():
    """``parametros_inciertos`` (issue #23's spelling) is ``Procesos.comportamiento_incierto`` in a reform and TOML."""
    s = Scenario.default().with_reform({"procesos": {"parametros_inciertos": True}})
    assert s.procesos.comportamiento_incierto is True
    t = Scenario.from_dict({"nombre": "x", "procesos": {"parametros_inciertos": True}})
    assert t.procesos.comportamiento_incierto is True
    with pytest.raises(ValueError, match="must be true or false"):
        Scenario.default().with_reform({"procesos": {"parametros_inciertos": 1}})
