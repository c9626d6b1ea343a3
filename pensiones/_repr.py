"""Notebook and console reprs of results and settings: pesos rounded, every value with its unit.

A class opts in with two lines in its body (so that attrs keeps them)::

    __repr__ = _repr.texto
    _repr_html_ = _repr.html

and, optionally, ``_REPR_CORTO`` (the fields of the one-line text repr, default all) and
``_UNIDADES`` (units of fields the naming rules below do not cover).  Settings objects (every
field with a default) show in text only the fields that differ from their defaults.
"""

from __future__ import annotations

import html as _html

import attrs
import numpy as np

__all__ = ["formato", "unidad", "texto", "html"]

# Units from the field's name (STYLE.md: units in names where they matter), first match wins.
_SUFIJOS = (
    ("_diario", "pesos a day"),
    ("_diaria", "pesos a day"),
    ("_mensual", "pesos a month"),
    ("_anual", "pesos a year"),
    ("_uma", "UMA"),
    ("_pct", "rate"),
    ("_pesos", "pesos"),
)
_PREFIJOS = (("tasa", "rate"), ("factor", "rate"), ("semanas", "weeks"), ("edad", "years of age"),
             ("anio", "year"), ("saldo", "pesos"), ("costo", "pesos"), ("present_value", "pesos"),
             ("retiro_unico", "pesos"), ("complemento", "pesos a month"), ("umbral", "pesos a month"))


_NOMBRES = {"mensual": "pesos a month", "anual": "pesos a year"}
_TASAS = ("inflacion", "crecimiento", "rendimiento", "volatilidad", "mejora", "cobertura", "proporcion", "comision",
          "preferencia", "densidad")
_PREFIJOS = _PREFIJOS + tuple((t, "rate") for t in _TASAS)


def unidad(cls, name: str) -> str:
    """The unit of field ``name`` of ``cls``: its ``_UNIDADES`` entry, else from the name, else ``""``."""
    own = getattr(cls, "_UNIDADES", {})
    if name in own:
        return own[name]
    if name in _NOMBRES:
        return _NOMBRES[name]
    for suffix, unit in _SUFIJOS:
        if name.endswith(suffix):
            return unit
    for prefix, unit in _PREFIJOS:
        if name.startswith(prefix):
            return unit
    return ""


def formato(value, unit: str = "") -> str:
    """A value as a person reads it: pesos to the centavo with thousands separators, rates in percent."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, np.ndarray):
        return f"array{value.shape}"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}" if unit not in ("year",) else str(int(value))
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if not np.isfinite(v):
            return str(v)
        if unit == "rate":
            return f"{100 * v:.2f} %"
        if unit.startswith("pesos"):
            return f"{v:,.2f} {unit}"
        if unit in ("weeks", "year", "years of age"):
            return f"{v:,.1f} {unit}".replace(".0 ", " ")
        if unit == "UMA":
            return f"{v:,.2f} UMA"
        return f"{v:,.4g}" + (f" {unit}" if unit else "")
    if attrs.has(type(value)):
        mensual = getattr(value, "mensual", None)
        return f"{type(value).__name__}(mensual={mensual:,.2f} pesos a month)" if isinstance(mensual, float) \
            else type(value).__name__
    if hasattr(value, "shape") and hasattr(value, "columns"):  # a DataFrame
        return f"table {value.shape[0]} x {value.shape[1]}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return str(value)


def _con_unidad(cls, name: str, value) -> str:
    unit = unidad(cls, name)
    text = formato(value, unit)
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)) and unit and unit != "year":
        text += f" {unit}"
    return text


def _campos(obj):
    return [f for f in attrs.fields(type(obj)) if f.repr is not False and not f.name.startswith("_")]


def _es_defecto(field, value) -> bool:
    if field.default is attrs.NOTHING:
        return False
    default = field.default.factory() if isinstance(field.default, attrs.Factory) and not field.default.takes_self \
        else field.default
    if isinstance(default, attrs.Factory):
        return False
    try:
        return bool(np.all(np.asarray(value) == np.asarray(default)))
    except (TypeError, ValueError):
        return False


#: Settings with more fields than this print, in text, only the fields that differ from their defaults.
_CAMPOS_CORTOS = 8


def texto(obj) -> str:
    """``Name(field=value unit, ...)``: the fields of ``_REPR_CORTO`` (default all), or, for settings,
    those that differ from their defaults."""
    cls = type(obj)
    fields = _campos(obj)
    corto = getattr(cls, "_REPR_CORTO", None)
    if corto is not None:
        fields = [f for f in fields if f.name in corto]
        fields.sort(key=lambda f: corto.index(f.name))
    elif len(fields) > _CAMPOS_CORTOS and all(f.default is not attrs.NOTHING for f in fields):  # settings: what changed
        changed = [f for f in fields if not _es_defecto(f, getattr(obj, f.name))]
        rest = len(fields) - len(changed)
        parts = [f"{f.name}={_con_unidad(cls, f.name, getattr(obj, f.name))}" for f in changed]
        parts.append(f"{'all' if not changed else rest} {'other ' if changed else ''}fields at their defaults")
        return f"{cls.__name__}({', '.join(parts)})"
    parts = [f"{f.name}={_con_unidad(cls, f.name, getattr(obj, f.name))}" for f in fields]
    return f"{cls.__name__}({', '.join(parts)})"


def html(obj) -> str:
    """A table of every field: name, value with its unit, and (for settings) whether it is the default."""
    cls = type(obj)
    fields = _campos(obj)
    settings = all(f.default is not attrs.NOTHING for f in fields)
    rows = []
    for f in fields:
        value = getattr(obj, f.name)
        mark = "" if not settings else ("default" if _es_defecto(f, value) else "<b>changed</b>")
        rows.append(
            f"<tr><td><code>{_html.escape(f.name)}</code></td>"
            f"<td style='text-align:right'>{_html.escape(_con_unidad(cls, f.name, value))}</td>"
            + (f"<td>{mark}</td>" if settings else "") + "</tr>"
        )
    head = "<tr><th>field</th><th>value</th>" + ("<th></th>" if settings else "") + "</tr>"
    doc = (cls.__doc__ or "").strip().splitlines()
    summary = _html.escape(doc[0]) if doc else ""
    return f"<div><b>{cls.__name__}</b> — {summary}<table>{head}{''.join(rows)}</table></div>"
