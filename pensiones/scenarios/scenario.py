"""The :class:`Scenario`: what a simulation runs (rules + reform overlays + assumptions + behaviour)."""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import re
import stat
import tomllib
from importlib import resources
from pathlib import Path

import functools

import attrs
import numpy as np

from pensiones._deprecation import avisar, renombrado
from pensiones._validation import did_you_mean
from pensiones.engine.procesos import Procesos
from pensiones.rules.overlay import Reforma
from pensiones.rules.ruleset import REGIMENES, RuleSet, load
from pensiones.rules.supuestos import Criterios, Supuestos

__all__ = ["Scenario", "builtin_scenarios", "TAMANO_MAXIMO"]

_DATA = resources.files("pensiones.scenarios") / "data"
_TOP_KEYS = ("nombre", "descripcion", "fundamento", "regimen", "supuestos", "criterios", "procesos", "reformas")
_REFORMA_KEYS = tuple(f.name for f in attrs.fields(Reforma) if f.init)
#: Largest scenario file read (bytes): a scenario is a few kilobytes of TOML.
TAMANO_MAXIMO = 1_000_000
_NOMBRE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _regimen(instance, attribute, value):
    if value not in REGIMENES:
        raise ValueError(f"regimen must be one of {', '.join(map(repr, REGIMENES))}; got {value!r}")


def builtin_scenarios() -> dict[str, str]:
    """Built-in scenarios: name -> one-line description."""
    out = {}
    for path in sorted(Path(str(_DATA)).glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = raw.get("descripcion", "")
    return out


#: Keys a scenario table accepts for a field of another name: the spelling an issue gave users (issue #23,
#: ``parametros_inciertos``) for the field the package's vocabulary names (``comportamiento_incierto``).
SINONIMOS = {"procesos": {"parametros_inciertos": "comportamiento_incierto"}}


def _sinonimos(values, section: str):
    """``values`` with the keys of :data:`SINONIMOS` written as their fields (a table of other types as it is)."""
    if not isinstance(values, dict):
        return values
    mapa = SINONIMOS.get(section, {})
    return {mapa.get(k, k): v for k, v in values.items()}


def _build(cls, values: dict, section: str, where: str):
    if not isinstance(values, dict):
        raise ValueError(f"{where}: [{section}] must be a table")
    values = _sinonimos(values, section)
    allowed = [f.name for f in attrs.fields(cls)]
    unknown = sorted(map(str, set(values) - set(allowed)))
    if unknown:
        raise ValueError(
            f"{where}: unknown key(s) {', '.join(unknown)} in [{section}]; allowed: {', '.join(allowed)}"
            + did_you_mean(unknown[0], allowed)
        )
    fields = {f.name: f for f in attrs.fields(cls)}
    for key, value in values.items():
        default = fields[key].default
        if isinstance(default, attrs.Factory):
            default = default.factory() if not default.takes_self else None
        if isinstance(default, bool) and not isinstance(value, bool):
            raise ValueError(f"{where}: [{section}] {key} must be true or false, got {value!r}")
        if isinstance(default, str) and not isinstance(value, str):
            raise ValueError(f"{where}: [{section}] {key} must be a string, got {value!r}")
        if isinstance(default, (int, float)) and not isinstance(default, bool) and (
            isinstance(value, bool) or not isinstance(value, (int, float))
        ):
            raise ValueError(f"{where}: [{section}] {key} must be a number, got {value!r}")
    try:
        # arrays of numbers (a table of groups, Procesos.cobertura, is not one: its converter checks it)
        values = {k: (_array(k, v) if isinstance(v, list) and k != "cobertura" else v) for k, v in values.items()}
        return cls(**values)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{where}: [{section}] {exc}") from None


def _array(key: str, value: list) -> np.ndarray:
    """A TOML array of numbers (nested for several dimensions) as a float array."""
    try:
        return np.asarray(value, dtype=float)
    except (ValueError, TypeError):
        raise ValueError(f"{key} must be an array of numbers (nested lists of equal length)") from None


def _reformas(items, where: str) -> tuple[Reforma, ...]:
    if not isinstance(items, (list, tuple)):
        raise ValueError(f"{where}: 'reformas' must be an array of tables ([[reformas]])")
    out = []
    for i, item in enumerate(items, start=1):
        if isinstance(item, Reforma):
            out.append(item)
            continue
        if not isinstance(item, dict):
            raise ValueError(f"{where}: reform {i} must be a table")
        unknown = sorted(map(str, set(item) - set(_REFORMA_KEYS)))
        if unknown:
            raise ValueError(
                f"{where}: reform {i}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_REFORMA_KEYS)}"
                + did_you_mean(unknown[0], _REFORMA_KEYS)
            )
        if "tabla" not in item or ("desde" not in item and "trayectoria" not in item):
            raise ValueError(f"{where}: reform {i} needs 'tabla' and 'desde' (or a 'trayectoria')")
        item = dict(item)
        if isinstance(item.get("desde"), dt.date):
            item["desde"] = item["desde"].isoformat()
        try:
            out.append(Reforma(**item))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{where}: reform {i}: {exc}") from None
    return tuple(out)


#: Keys of a scenario file whose attribute has an English name.
_ATRIBUTO = {"nombre": "name", "descripcion": "description"}


def _leer_archivo(path: Path) -> str:
    """The text of a scenario file: a regular file, at most TAMANO_MAXIMO bytes, UTF-8."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ValueError(f"scenario file {path} does not exist") from None
    except OSError as exc:
        raise ValueError(f"scenario file {path} cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ValueError(f"scenario file {path} is a folder; give a .toml file")
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"scenario file {path} is not a regular file (a FIFO, device or socket); give a .toml file")
    if info.st_size > TAMANO_MAXIMO:
        raise ValueError(
            f"scenario file {path} has {info.st_size:,} bytes; a scenario file has at most {TAMANO_MAXIMO:,}"
        )
    try:
        # O_NONBLOCK: if the path became a FIFO since stat, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ValueError(f"scenario file {path} cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ValueError(f"scenario file {path} is not a regular file; give a .toml file")
        data = fh.read(TAMANO_MAXIMO + 1)
    if len(data) > TAMANO_MAXIMO:
        raise ValueError(
            f"scenario file {path} has more than {TAMANO_MAXIMO:,} bytes; a scenario file has at most that"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"scenario file {path} is not UTF-8 text (byte {exc.start}: {exc.reason})") from None
    return text.removeprefix("\ufeff")


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_texto(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            raise ValueError(f"text {text[:40]!r} contains a lone surrogate, which TOML cannot hold")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _clave(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_texto(key)


def _toml(value) -> str:
    """One TOML value; floats written with repr, which reads back to the same float."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return repr(x)
    if isinstance(value, str):
        return _toml_texto(value)
    if isinstance(value, dt.datetime):
        raise ValueError(f"a date and time cannot be a scenario value: {value!r}")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.ndarray):
        return _toml(value.tolist())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_clave(str(k))} = {_toml(v)}" for k, v in value.items()) + " }" if value else "{}"
    raise ValueError(f"cannot write {type(value).__name__} {value!r} to TOML")


def _cambios(scenario) -> list[tuple[str, str]]:
    """(section.key, value) of the assumptions, criteria and processes that differ from the defaults."""
    out = []
    for section, cls in (("supuestos", Supuestos), ("criterios", Criterios), ("procesos", Procesos)):
        obj, default = getattr(scenario, section), cls()
        for f in attrs.fields(cls):
            a, b = getattr(obj, f.name), getattr(default, f.name)
            same = np.array_equal(np.asarray(a), np.asarray(b)) if isinstance(a, (np.ndarray, list)) else a == b
            if not same:
                out.append((f"{section}.{f.name}", "array" if isinstance(a, (np.ndarray, list)) else repr(a)))
    return out


@attrs.frozen(kw_only=True, repr=False)
class Scenario:
    """A named scenario.

    Attributes
    ----------
    nombre, descripcion, fundamento : str
        Name, one-line description, and rationale (sources of its assumptions).
    regimen : {"lss2020", "lss1997"}
        Base rule set.
    reformas : tuple of Reforma
        Dated overlays on the rule tables.
    supuestos, criterios, procesos
        Economic assumptions, legal readings, and processes and behaviour.

    Examples
    --------
    >>> from pensiones import Scenario
    >>> s = Scenario.load("sin_fondo_bienestar")
    >>> s
    Scenario(name='sin_fondo_bienestar', regimen='lss2020', reformas=1)
    >>> s.reformas[0].tabla
    'fondo_bienestar_umbral'
    >>> s.with_reform({"procesos": {"edad_retiro": 67}}).procesos.edad_retiro
    67
    """

    name: str = "reforma_2020"
    description: str = "The law in force (LSS as reformed DOF 16-12-2020) with default assumptions."
    fundamento: str = ""
    regimen: str = attrs.field(default="lss2020", validator=_regimen)
    reformas: tuple = attrs.field(default=(), converter=tuple)
    supuestos: Supuestos = attrs.field(factory=Supuestos)
    criterios: Criterios = attrs.field(factory=Criterios)
    procesos: Procesos = attrs.field(factory=Procesos)

    def __repr__(self) -> str:
        return f"Scenario(name={self.name!r}, regimen={self.regimen!r}, reformas={len(self.reformas)})"

    def _repr_html_(self) -> str:
        """A summary for notebooks: name, regime, overlays and the settings that differ from the defaults."""
        e = html.escape
        parts = [
            f"<div><strong>Scenario <code>{e(self.name)}</code></strong> ({e(self.regimen)})",
            f"<p>{e(self.description)}</p>",
        ]
        if self.reformas:
            parts.append("<table><tr><th>table</th><th>from</th><th>change</th><th>where</th><th>description</th></tr>")
            for r in self.reformas:
                donde = ", ".join(f"{k} = {v}" for k, v in r.donde.items())
                parts.append(
                    f"<tr><td>{e(r.tabla)}</td><td>{r.desde}</td><td>{e(r.cambio())}</td>"
                    f"<td>{e(donde)}</td><td>{e(r.descripcion)}</td></tr>"
                )
            parts.append("</table>")
        else:
            parts.append("<p>No reform overlays.</p>")
        changed = _cambios(self)
        if changed:
            parts.append("<p>Settings that differ from the defaults:</p><ul>")
            parts.extend(f"<li><code>{e(k)}</code> = {e(v)}</li>" for k, v in changed)
            parts.append("</ul>")
        parts.append("</div>")
        return "".join(parts)

    @classmethod
    def default(cls) -> Scenario:
        """The law in force with every default (the built-in ``reforma_2020``)."""
        return cls.load("reforma_2020")

    @classmethod
    def load(cls, name_or_path: str | os.PathLike) -> Scenario:
        """A built-in scenario by name (``pensiones scenarios`` lists them) or a TOML file.

        A file must be a regular file of at most :data:`TAMANO_MAXIMO` bytes of UTF-8 TOML.

        Raises
        ------
        ValueError
            Unknown name or file, a folder, FIFO or device instead of a file, a file too large
            or not UTF-8, invalid TOML, an unknown key, a wrong type, an out-of-range value or an
            overlay that does not apply: the message names the file, the section and the key and
            lists what is allowed.
        """
        text, where = cls._read(name_or_path)
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{where}: invalid TOML: {exc}") from None
        except RecursionError:
            raise ValueError(f"{where}: invalid TOML: arrays or tables nested too deeply") from None
        return cls.from_dict(raw, where=where)

    @staticmethod
    def _read(name_or_path) -> tuple[str, str]:
        if isinstance(name_or_path, os.PathLike):
            name_or_path = os.fspath(name_or_path)
        if not isinstance(name_or_path, str):
            raise ValueError(
                "scenario must be a built-in scenario name or the path of a .toml file, "
                f"got {type(name_or_path).__name__}"
            )
        if not name_or_path.strip():
            raise ValueError(
                f"scenario name is empty; built-in scenarios: {', '.join(builtin_scenarios())} "
                "(or give a .toml path)"
            )
        if "\x00" in name_or_path:
            raise ValueError(f"scenario name or path {name_or_path!r} contains a NUL character")
        path = Path(name_or_path)
        if path.suffix == ".toml" or os.sep in name_or_path or "/" in name_or_path or path.exists():
            return _leer_archivo(path), str(path)
        builtin = Path(str(_DATA)) / f"{name_or_path}.toml"
        if not _NOMBRE.fullmatch(name_or_path) or not builtin.is_file():
            raise ValueError(
                f"unknown scenario {name_or_path!r}; built-in scenarios: {', '.join(builtin_scenarios())} "
                "(or give a .toml path)" + did_you_mean(name_or_path, builtin_scenarios())
            )
        return _leer_archivo(builtin), f"{name_or_path}.toml"

    @classmethod
    def from_dict(cls, raw: dict, *, where: str = "scenario") -> Scenario:
        """Build a scenario from the parsed TOML structure (see :meth:`load`)."""
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: a scenario is a table of keys, got {type(raw).__name__}")
        unknown = sorted(map(str, set(raw) - set(_TOP_KEYS)))
        if unknown:
            raise ValueError(
                f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_TOP_KEYS)}"
                + did_you_mean(unknown[0], _TOP_KEYS)
            )
        for key in ("nombre", "descripcion", "fundamento", "regimen"):
            if key in raw and not isinstance(raw[key], str):
                raise ValueError(f"{where}: '{key}' must be a string")
        if "nombre" not in raw:
            raise ValueError(f"{where}: 'nombre' is required")
        # the file's keys (the law's Spanish of a scenario file) -> the attributes
        kwargs = {_ATRIBUTO.get(k, k): raw[k] for k in ("nombre", "descripcion", "fundamento") if k in raw}
        if "regimen" in raw:
            if raw["regimen"] not in REGIMENES:
                raise ValueError(
                    f"{where}: regimen must be one of {', '.join(map(repr, REGIMENES))}; got {raw['regimen']!r}"
                )
            kwargs["regimen"] = raw["regimen"]
        kwargs["supuestos"] = _build(Supuestos, raw.get("supuestos", {}), "supuestos", where)
        kwargs["criterios"] = _build(Criterios, raw.get("criterios", {}), "criterios", where)
        kwargs["procesos"] = _build(Procesos, raw.get("procesos", {}), "procesos", where)
        kwargs["reformas"] = _reformas(raw.get("reformas", []), where)
        scenario = cls(**kwargs)
        try:
            scenario.rules()  # every overlay must apply: fail at load, not in the middle of a run
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        return scenario

    def to_toml(self, path: str | os.PathLike | None = None) -> str:
        """The scenario as a TOML file that :meth:`load` reads back to the same scenario.

        Every setting is written, defaults included (a file stays the same scenario if a later
        version changes a default); floats are written to the last bit.

        Parameters
        ----------
        path : str or path-like, optional
            Also write the text there (UTF-8), replacing the file atomically.

        Returns
        -------
        str
            The TOML text.

        Examples
        --------
        >>> from pensiones import Scenario
        >>> s = Scenario.load("semanas_1250")
        >>> text = s.to_toml()
        >>> print(text[text.index("[[reformas]]"):].strip())
        [[reformas]]
        tabla = "semanas_minimas"
        desde = 2027-01-01
        valor = 1250.0
        columna = "value"
        descripcion = "1,250 weeks from 2027"
        >>> import tomllib
        >>> Scenario.from_dict(tomllib.loads(text)).reformas == s.reformas
        True
        """
        lines = [
            f"{k} = {_toml(getattr(self, _ATRIBUTO.get(k, k)))}"
            for k in ("nombre", "descripcion", "fundamento", "regimen")
        ]
        for section in ("supuestos", "criterios", "procesos"):
            obj = getattr(self, section)
            lines += ["", f"[{section}]"]
            for f in attrs.fields(type(obj)):
                value = getattr(obj, f.name)
                if value is None:
                    if f.default is not None:
                        raise ValueError(f"[{section}] {f.name} is None but its default is not: TOML has no null")
                    continue  # None is the default: leaving the key out reads back as None
                if f.name.startswith("trayectoria_"):  # (year, rate) pairs: a table {2026 = 0.04, ...}
                    value = {str(anio): tasa for anio, tasa in value}
                if f.name == "cobertura":  # groups brought into the regime: a table per group
                    value = {c.grupo: c.como_tabla() for c in value}
                lines.append(f"{_clave(f.name)} = {_toml(value)}")
        for r in self.reformas:
            lines += ["", "[[reformas]]", f"tabla = {_toml(r.tabla)}", f"desde = {_toml(r.desde)}"]
            if r.trayectoria is not None:
                lines.append("trayectoria = " + _toml({d.isoformat(): v for d, v in r.trayectoria}))
            else:
                lines.append(f"{r.campo} = {_toml(getattr(r, r.campo))}")
            if r.donde:
                lines.append(f"donde = {_toml(r.donde)}")
            lines += [f"columna = {_toml(r.columna)}", f"descripcion = {_toml(r.descripcion)}"]
        text = "\n".join(lines) + "\n"
        if path is not None:
            target = Path(os.fspath(path))
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            try:
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, target)
            finally:
                tmp.unlink(missing_ok=True)
        return text

    def with_reform(self, cambios: dict, *, name: str | None = None, nombre: str | None = None) -> Scenario:
        """A new scenario with changes: ``{"supuestos": {...}, "criterios": {...}, "procesos": {...},
        "reformas": [{...}, ...]}`` (as in a TOML file), or one overlay ``{"tabla": ..., "desde": ..., ...}``.

        Overlays are added after this scenario's; sections replace only the keys they name.  ``name``
        names the new scenario (default: this one's name plus ``+reforma``; ``nombre=`` is its
        deprecated spelling).
        """
        if nombre is not None:
            avisar("Scenario.with_reform(nombre=)", "Scenario.with_reform(name=)")
            name = nombre if name is None else name
        if not isinstance(cambios, dict):
            raise ValueError("with_reform takes a dict")
        if "tabla" in cambios:
            cambios = {"reformas": [cambios]}
        where = f"reform of scenario {self.name!r}"
        unknown = sorted(map(str, set(cambios) - {"supuestos", "criterios", "procesos", "reformas", "descripcion"}))
        if unknown:
            raise ValueError(
                f"{where}: unknown key(s) {', '.join(unknown)}; "
                "allowed: supuestos, criterios, procesos, reformas, descripcion"
            )
        new = {}
        for section, cls in (("supuestos", Supuestos), ("criterios", Criterios), ("procesos", Procesos)):
            if section in cambios:
                current = attrs.asdict(getattr(self, section), recurse=False)
                _build(cls, cambios[section], section, where)  # validates the keys and types
                current.update(
                    {k: (np.asarray(v, dtype=float) if isinstance(v, list) else v)
                     for k, v in _sinonimos(cambios[section], section).items()}
                )
                new[section] = cls(**current)
        reformas = self.reformas + _reformas(cambios.get("reformas", []), where)
        out = attrs.evolve(
            self,
            name=name or f"{self.name}+reforma",
            description=cambios.get("descripcion", self.description),
            reformas=reformas,
            **new,
        )
        out.rules()
        return out

    def rules(self) -> RuleSet:
        """The rule set this scenario reads: base regime, assumptions, criteria, then overlays."""
        base = load(self.regimen, supuestos=self.supuestos, criterios=self.criterios)
        return base.with_reforms(self.reformas) if self.reformas else base

    # deprecated spellings: English for the machinery (pensiones._deprecation; removed in 0.3)
    reglas = renombrado(rules, "Scenario.reglas", "Scenario.rules")
    nombre = renombrado(lambda self: self.name, "Scenario.nombre", "Scenario.name", propiedad=True)
    descripcion = renombrado(lambda self: self.description, "Scenario.descripcion", "Scenario.description",
                             propiedad=True)


_init_escenario = Scenario.__init__


@functools.wraps(_init_escenario)
def _init_con_nombres_previos(self, *args, nombre=None, descripcion=None, **kwargs):
    """``Scenario(nombre=..., descripcion=...)``: the deprecated keywords of ``name`` and ``description``."""
    if nombre is not None:
        avisar("Scenario(nombre=)", "Scenario(name=)")
        kwargs.setdefault("name", nombre)
    if descripcion is not None:
        avisar("Scenario(descripcion=)", "Scenario(description=)")
        kwargs.setdefault("description", descripcion)
    _init_escenario(self, *args, **kwargs)


Scenario.__init__ = _init_con_nombres_previos
