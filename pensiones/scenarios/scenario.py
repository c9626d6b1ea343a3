"""The :class:`Scenario`: what a simulation runs (rules + reform overlays + assumptions + behaviour)."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

import attrs
import numpy as np

from pensiones.engine.procesos import Procesos
from pensiones.rules.overlay import Reforma
from pensiones.rules.ruleset import REGIMENES, RuleSet, load
from pensiones.rules.supuestos import Criterios, Supuestos

__all__ = ["Scenario", "escenarios_incluidos"]

_DATA = resources.files("pensiones.scenarios") / "data"
_TOP_KEYS = ("nombre", "descripcion", "fundamento", "regimen", "supuestos", "criterios", "procesos", "reformas")
_REFORMA_KEYS = tuple(f.name for f in attrs.fields(Reforma))


def _regimen(instance, attribute, value):
    if value not in REGIMENES:
        raise ValueError(f"regimen must be one of {', '.join(map(repr, REGIMENES))}; got {value!r}")


def escenarios_incluidos() -> dict[str, str]:
    """Built-in scenarios: name -> one-line description."""
    out = {}
    for path in sorted(Path(str(_DATA)).glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = raw.get("descripcion", "")
    return out


def _build(cls, values: dict, section: str, where: str):
    if not isinstance(values, dict):
        raise ValueError(f"{where}: [{section}] must be a table")
    allowed = [f.name for f in attrs.fields(cls)]
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)} in [{section}]; allowed: {', '.join(allowed)}")
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
    values = {k: (np.asarray(v, dtype=float) if isinstance(v, list) else v) for k, v in values.items()}
    try:
        return cls(**values)
    except ValueError as exc:
        raise ValueError(f"{where}: [{section}] {exc}") from None


def _reformas(items, where: str) -> tuple[Reforma, ...]:
    if not isinstance(items, list):
        raise ValueError(f"{where}: 'reformas' must be an array of tables ([[reformas]])")
    out = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"{where}: reform {i} must be a table")
        unknown = sorted(set(item) - set(_REFORMA_KEYS))
        if unknown:
            raise ValueError(f"{where}: reform {i}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_REFORMA_KEYS)}")
        if "tabla" not in item or "desde" not in item:
            raise ValueError(f"{where}: reform {i} needs 'tabla' and 'desde'")
        item = dict(item)
        if isinstance(item["desde"], dt.date):
            item["desde"] = item["desde"].isoformat()
        try:
            out.append(Reforma(**item))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{where}: reform {i}: {exc}") from None
    return tuple(out)


@attrs.frozen(kw_only=True)
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
    >>> s.reformas[0].tabla
    'fondo_bienestar_umbral'
    >>> s.with_reform({"procesos": {"edad_retiro": 67}}).procesos.edad_retiro
    67
    """

    nombre: str = "reforma_2020"
    descripcion: str = "The law in force (LSS as reformed DOF 16-12-2020) with default assumptions."
    fundamento: str = ""
    regimen: str = attrs.field(default="lss2020", validator=_regimen)
    reformas: tuple = attrs.field(default=(), converter=tuple)
    supuestos: Supuestos = attrs.field(factory=Supuestos)
    criterios: Criterios = attrs.field(factory=Criterios)
    procesos: Procesos = attrs.field(factory=Procesos)

    @classmethod
    def default(cls) -> Scenario:
        """The law in force with every default (the built-in ``reforma_2020``)."""
        return cls.load("reforma_2020")

    @classmethod
    def load(cls, name_or_path: str | Path) -> Scenario:
        """A built-in scenario by name (``pensiones scenarios`` lists them) or a TOML file.

        Raises
        ------
        ValueError
            Unknown name or file, invalid TOML, an unknown key, a wrong type or an out-of-range
            value: the message names the file, the section and the key and lists what is allowed.
        """
        text, where = cls._read(name_or_path)
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{where}: invalid TOML: {exc}") from None
        return cls.from_dict(raw, where=where)

    @staticmethod
    def _read(name_or_path) -> tuple[str, str]:
        path = Path(name_or_path)
        if path.suffix == ".toml" or path.exists():
            if not path.exists():
                raise ValueError(f"scenario file {path} does not exist")
            return path.read_text(encoding="utf-8"), str(path)
        builtin = Path(str(_DATA)) / f"{name_or_path}.toml"
        if not builtin.exists():
            raise ValueError(
                f"unknown scenario {str(name_or_path)!r}; built-in scenarios: {', '.join(escenarios_incluidos())} (or give a .toml path)"
            )
        return builtin.read_text(encoding="utf-8"), f"{name_or_path}.toml"

    @classmethod
    def from_dict(cls, raw: dict, *, where: str = "scenario") -> Scenario:
        """Build a scenario from the parsed TOML structure (see :meth:`load`)."""
        unknown = sorted(set(raw) - set(_TOP_KEYS))
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_TOP_KEYS)}")
        for key in ("nombre", "descripcion", "fundamento", "regimen"):
            if key in raw and not isinstance(raw[key], str):
                raise ValueError(f"{where}: '{key}' must be a string")
        if "nombre" not in raw:
            raise ValueError(f"{where}: 'nombre' is required")
        kwargs = {k: raw[k] for k in ("nombre", "descripcion", "fundamento") if k in raw}
        if "regimen" in raw:
            if raw["regimen"] not in REGIMENES:
                raise ValueError(f"{where}: regimen must be one of {', '.join(map(repr, REGIMENES))}; got {raw['regimen']!r}")
            kwargs["regimen"] = raw["regimen"]
        kwargs["supuestos"] = _build(Supuestos, raw.get("supuestos", {}), "supuestos", where)
        kwargs["criterios"] = _build(Criterios, raw.get("criterios", {}), "criterios", where)
        kwargs["procesos"] = _build(Procesos, raw.get("procesos", {}), "procesos", where)
        kwargs["reformas"] = _reformas(raw.get("reformas", []), where)
        scenario = cls(**kwargs)
        try:
            scenario.reglas()  # every overlay must apply: fail at load, not in the middle of a run
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        return scenario

    def with_reform(self, cambios: dict, *, nombre: str | None = None) -> Scenario:
        """A new scenario with changes: ``{"supuestos": {...}, "criterios": {...}, "procesos": {...},
        "reformas": [{...}, ...]}`` (as in a TOML file), or one overlay ``{"tabla": ..., "desde": ..., ...}``.

        Overlays are added after this scenario's; sections replace only the keys they name.
        """
        if not isinstance(cambios, dict):
            raise ValueError("with_reform takes a dict")
        if "tabla" in cambios:
            cambios = {"reformas": [cambios]}
        where = f"reform of scenario {self.nombre!r}"
        unknown = sorted(set(cambios) - {"supuestos", "criterios", "procesos", "reformas", "descripcion"})
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: supuestos, criterios, procesos, reformas, descripcion")
        new = {}
        for section, cls in (("supuestos", Supuestos), ("criterios", Criterios), ("procesos", Procesos)):
            if section in cambios:
                current = attrs.asdict(getattr(self, section), recurse=False)
                _build(cls, cambios[section], section, where)  # validates the keys and types
                current.update({k: (np.asarray(v, dtype=float) if isinstance(v, list) else v) for k, v in cambios[section].items()})
                new[section] = cls(**current)
        reformas = self.reformas + _reformas(cambios.get("reformas", []), where)
        out = attrs.evolve(
            self,
            nombre=nombre or f"{self.nombre}+reforma",
            descripcion=cambios.get("descripcion", self.descripcion),
            reformas=reformas,
            **new,
        )
        out.reglas()
        return out

    def reglas(self) -> RuleSet:
        """The rule set this scenario reads: base regime, assumptions, criteria, then overlays."""
        base = load(self.regimen, supuestos=self.supuestos, criterios=self.criterios)
        return base.con_reformas(self.reformas) if self.reformas else base
