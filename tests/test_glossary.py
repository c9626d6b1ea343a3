"""Public names speak one language, from the vocabulary of ``docs/glossary.md``; one citation spelling.

The vocabulary
--------------
``docs/glossary.md`` has six level-2 sections whose tables this test reads: in each table row, every
backticked term of the first cell is split into words (below) and the words join the section's
vocabulary:

- "Legal quantities: the law's Spanish" and "Actuarial Spanish, deliberately" -> **Spanish**;
- "Abbreviations the law defines" and "Words of both languages" -> **neutral**;
- "Machinery: English" -> **English**;
- "Spanish kept out of the vocabulary" -> **excluded**: Spanish words for machinery, in no vocabulary
  (checked: none of them is Spanish or neutral).

A word listed as neutral is neutral wherever else it appears (``pension`` in ``pension_garantizada``).

Words of a name
---------------
A name is split on ``_`` and at CamelCase boundaries (``PensionLey73`` -> ``pension``, ``ley73``), and
lower-cased. Digits are neutral: a word of digits is neutral, and a word ending in digits that the
glossary does not list whole (``ley73`` and ``140bis`` are listed) is read as its letters
(``modalidad40`` -> ``modalidad``).

The rule
--------
Every word of a public name is in the vocabulary, and the name's words are all Spanish-or-neutral or all
English-or-neutral. A name fails if it has a word in no vocabulary (``nombre``, ``escenario``,
``motor``: Spanish for machinery) or mixes Spanish and English words (``costo_fiscal_paths``).

Public names are: the ``__all__`` of ``pensiones`` and of its subpackages ``rules``, ``ley73``, ``ley97``,
``garantizada``, ``pbam``, ``impuestos``, ``imss``, ``demography``, ``engine``, ``scenarios``,
``reporting`` (and those subpackages' own names); the attributes and methods without a leading
underscore of ``Scenario``, ``Results``, ``Population``, ``Procesos``, ``Supuestos``, ``Criterios``,
``RuleSet``; the parameter names (not ``*args``/``**kwargs``) of ``pensiones.simulate``, ``sweep`` and
``compare``.

Each name is known by a qualified spelling: ``pensiones.rules.fecha_de_anio`` (module, without or with
the ``pensiones.`` prefix), ``Scenario.nombre`` (class), ``simulate(motor=)`` (parameter, without or
with ``pensiones.``). A name whose spelling is a key of ``pensiones._deprecation.RENOMBRES`` is a
deprecated alias and exempt. ``PENDIENTES`` lists today's offenders, awaiting their renames; an entry
that no longer fails must be removed from it.

Citations
---------
The 1973 law's articles are cited "LSS 1973 art." / "LSS 1973 arts." only: no "LSS-73", "LSS73",
"LSS 73 art" or "Ley 73 art." in ``pensiones/**/*.py``, ``pensiones/rules/data/**/*.toml``,
``docs/**/*.md`` and ``README.md``.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

import pensiones
from pensiones._deprecation import RENOMBRES

ROOT = Path(__file__).resolve().parents[1]
GLOSARIO = ROOT / "docs" / "glossary.md"

#: Level-2 headings of docs/glossary.md (their start) -> vocabulary.
SECCIONES = {
    "Legal quantities: the law's Spanish": "es",
    "Actuarial Spanish, deliberately": "es",
    "Abbreviations the law defines": "neutral",
    "Words of both languages": "neutral",
    "Machinery: English": "en",
    "Spanish kept out of the vocabulary": "excluded",
}

MODULOS = (
    "pensiones",
    "pensiones.rules",
    "pensiones.ley73",
    "pensiones.ley97",
    "pensiones.garantizada",
    "pensiones.pbam",
    "pensiones.impuestos",
    "pensiones.imss",
    "pensiones.demography",
    "pensiones.engine",
    "pensiones.scenarios",
    "pensiones.reporting",
)
CLASES = ("Scenario", "Results", "Population", "Procesos", "Supuestos", "Criterios", "RuleSet")
FUNCIONES = ("simulate", "sweep", "compare")

# renamed by the integrator; remove when done
PENDIENTES: set[str] = set()

_PALABRA = re.compile(r"[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+[a-z]*")
_TERMINO = re.compile(r"`([^`]+)`")


def palabras(nombre: str) -> list[str]:
    """Lower-case words of a name: split on ``_`` and CamelCase, digits kept with their word."""
    return [w.lower() for parte in nombre.split("_") for w in _PALABRA.findall(parte)]


def vocabularios(texto: str) -> dict[str, set[str]]:
    """Vocabularies ``es``, ``en``, ``neutral``, ``excluded`` from the glossary's tables (first cells)."""
    vocab: dict[str, set[str]] = {"es": set(), "en": set(), "neutral": set(), "excluded": set()}
    seccion = None
    for linea in texto.splitlines():
        if linea.startswith("## "):
            titulo = linea[3:].strip()
            seccion = next((v for k, v in SECCIONES.items() if titulo.startswith(k)), None)
            continue
        if seccion is None or not linea.startswith("|") or re.match(r"^\|\s*-", linea):
            continue
        celda = linea.split("|")[1]
        for termino in _TERMINO.findall(celda):
            vocab[seccion].update(w for w in palabras(termino) if not w.isdigit())
    return vocab


def clasificar(palabra: str, vocab: dict[str, set[str]]) -> str | None:
    """``"es"``, ``"en"``, ``"neutral"`` or None (in no vocabulary)."""
    if palabra.isdigit() or palabra in vocab["neutral"]:
        return "neutral"
    for lengua in ("es", "en"):
        if palabra in vocab[lengua]:
            return lengua
    letras = re.fullmatch(r"([a-z]+)\d+", palabra)
    if letras:
        return clasificar(letras.group(1), vocab)
    return None


def problema(nombre: str, vocab: dict[str, set[str]]) -> str | None:
    """Why ``nombre`` breaks the rule, or None."""
    lenguas: dict[str, list[str]] = {"es": [], "en": []}
    desconocidas = []
    for w in palabras(nombre):
        c = clasificar(w, vocab)
        if c is None:
            desconocidas.append(w)
        elif c != "neutral":
            lenguas[c].append(w)
    if desconocidas:
        return "not in the glossary: " + ", ".join(repr(w) for w in desconocidas)
    if lenguas["es"] and lenguas["en"]:
        return f"mixes Spanish {lenguas['es']} and English {lenguas['en']}"
    return None


def nombres_publicos() -> dict[str, str]:
    """Qualified spelling -> public name, over the modules, classes and functions above."""
    out: dict[str, str] = {}
    for modulo in MODULOS:
        mod = importlib.import_module(modulo)
        out[modulo] = modulo.rsplit(".", 1)[-1]
        for nombre in getattr(mod, "__all__", ()):
            if not nombre.startswith("_"):
                out[f"{modulo}.{nombre}"] = nombre
    for clase in CLASES:
        cls = getattr(pensiones, clase, None) or getattr(pensiones.rules, clase)
        for nombre in dir(cls):
            if not nombre.startswith("_"):
                out[f"{clase}.{nombre}"] = nombre
    for funcion in FUNCIONES:
        for p in inspect.signature(getattr(pensiones, funcion)).parameters.values():
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                out[f"{funcion}({p.name}=)"] = p.name
    return out


def deprecado(cualificado: str) -> bool:
    """Whether a qualified spelling, with or without ``pensiones.``, is a registered deprecated alias."""
    corto = cualificado.removeprefix("pensiones.")
    return bool({cualificado, corto, f"pensiones.{corto}"} & RENOMBRES.keys())


@pytest.fixture(scope="module")
def vocab() -> dict[str, set[str]]:
    return vocabularios(GLOSARIO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def infractores(vocab) -> dict[str, str]:
    """Qualified spelling -> problem, for every public name that breaks the rule (deprecated aliases exempt)."""
    out = {}
    for cualificado, nombre in nombres_publicos().items():
        if deprecado(cualificado):
            continue
        motivo = problema(nombre, vocab)
        if motivo:
            out[cualificado] = motivo
    return out


def test_glossary_sections_are_read(vocab):
    texto = GLOSARIO.read_text(encoding="utf-8")
    for titulo in SECCIONES:
        assert f"## {titulo}" in texto, f"docs/glossary.md lost the section {titulo!r}"
    for lengua, palabras_ in vocab.items():
        assert len(palabras_) > (20 if lengua != "excluded" else 5), (
            f"the {lengua} vocabulary of docs/glossary.md is almost empty"
        )
    # the examples of the naming rule read as the glossary says
    assert {"semanas", "cotizadas", "cuota", "social", "pension", "garantizada", "cesantia"} <= (
        vocab["es"] | vocab["neutral"]
    )
    assert {"simulate", "sweep", "scenario", "results", "year", "age", "path", "seed"} <= vocab["en"]


def test_glossary_languages_are_disjoint(vocab):
    """A word both Spanish and English must be listed as neutral, or the rule is ambiguous."""
    ambas = (vocab["es"] & vocab["en"]) - vocab["neutral"]
    assert not ambas, f"words in both the Spanish and the English tables; list them as neutral: {sorted(ambas)}"
    admitidas = vocab["excluded"] & (vocab["es"] | vocab["neutral"])
    assert not admitidas, f"Spanish words for machinery listed as legal, actuarial or neutral: {sorted(admitidas)}"


@pytest.mark.parametrize(
    "nombre, bien",
    [
        ("semanas_cotizadas", True),
        ("tope_sbc_diario", True),
        ("PensionLey73", True),
        ("costo_mensual_modalidad40", True),
        ("proyeccion_licencias_140bis", True),
        ("fiscal_cost", True),
        ("RuleLookupError", True),
        ("paths_per_task", True),
        ("costo_fiscal_paths", False),  # mixes languages
        ("nombre", False),  # Spanish for machinery
        ("escenario", False),
        ("motor", False),
        ("anuales", False),
        ("resultados_persona", False),
        ("componente", False),
        ("descripcion", False),
    ],
)
def test_rule_on_examples(vocab, nombre, bien):
    assert (problema(nombre, vocab) is None) is bien, problema(nombre, vocab)


def test_public_names_speak_one_language(infractores):
    nuevos = {k: v for k, v in infractores.items() if k not in PENDIENTES}
    assert not nuevos, (
        "public names outside docs/glossary.md (rename them: the law's Spanish for legal things, English "
        "for machinery; or add a legal/actuarial word with its article to the glossary):\n"
        + "\n".join(f"  {k}: {v}" for k, v in sorted(nuevos.items()))
    )


def test_pending_renames_are_current(infractores):
    """Every entry of PENDIENTES is still an offending public name: remove the ones renamed."""
    resueltos = PENDIENTES - infractores.keys()
    assert not resueltos, f"renamed or exempt now; remove them from PENDIENTES: {sorted(resueltos)}"


def _resolver(spelling: str) -> object:
    """The object a qualified spelling names (``RuleSet.tabla``, ``reporting.anuales``), or None."""
    primera, *resto = spelling.removeprefix("pensiones.").split(".")
    objeto = getattr(pensiones, primera, None) or getattr(pensiones.rules, primera, None)
    for parte in resto:
        objeto = getattr(objeto, parte, None)
    return objeto


def test_deprecated_aliases_name_current_names():
    """RENOMBRES maps old spellings to new ones: both exist (the old one warns for one release)."""
    for viejo, nuevo in RENOMBRES.items():
        for spelling in (viejo, nuevo):
            if "(" not in spelling:  # a parameter, ``simulate(motor=)``, is checked by its function's tests
                assert _resolver(spelling) is not None, f"RENOMBRES: {spelling} does not exist"


# -- citation style ------------------------------------------------------------------------------------

#: Spellings of the 1973 law's articles other than "LSS 1973 art." / "LSS 1973 arts.".
CITAS_PROHIBIDAS = re.compile(r"LSS-73|LSS73|LSS 73 art|Ley 73 arts?\.", re.IGNORECASE)


def _fuentes() -> list[Path]:
    out = sorted((ROOT / "pensiones").rglob("*.py"))
    out += sorted((ROOT / "pensiones" / "rules" / "data").rglob("*.toml"))
    out += sorted((ROOT / "docs").rglob("*.md"))
    out.append(ROOT / "README.md")
    return out


def test_one_citation_spelling_of_the_1973_law():
    malas = []
    for path in _fuentes():
        for n, linea in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in CITAS_PROHIBIDAS.finditer(linea):
                malas.append(f"{path.relative_to(ROOT)}:{n}: {m.group(0)!r}")
    assert not malas, 'cite the 1973 law as "LSS 1973 art." (docs/glossary.md):\n' + "\n".join(malas)


def test_citation_pattern_catches_the_old_spellings():
    for mala in ("LSS-73 art. 167", "LSS 73 art. 167", "LSS73 art. 167", "Ley 73 art. 167", "Ley 73 arts. 164"):
        assert CITAS_PROHIBIDAS.search(mala), mala
    for buena in ("LSS 1973 art. 167", "LSS 1973 arts. 164-166", "LSS art. 170", "Ley 73 pension", "ley73"):
        assert not CITAS_PROHIBIDAS.search(buena), buena


def test_glossary_is_in_the_site_nav():
    assert "glossary.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
