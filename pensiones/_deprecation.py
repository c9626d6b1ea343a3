"""Deprecated public names: the old spelling keeps working for one release and warns.

Every rename of a public name goes through :func:`renombrado` (a method, property or function
alias) and is listed in :data:`RENOMBRES`, which the glossary test and ``CHANGELOG.md`` read.
The warning is a :class:`~pensiones._avisos.PensionesDeprecationWarning` (a ``DeprecationWarning``
and a ``FutureWarning``) naming the new spelling and the release that removes the old one.
"""

from __future__ import annotations

import functools

__all__ = ["RENOMBRES", "renombrado", "modulo_renombrado", "avisar", "RETIRO"]

#: Release that removes the deprecated spellings.
RETIRO = "0.3"

#: Old public name -> new public name (qualified as users write them).
RENOMBRES: dict[str, str] = {}


def avisar(viejo: str, nuevo: str) -> None:
    """Warn that ``viejo`` is deprecated in favour of ``nuevo``
    (:class:`~pensiones._avisos.PensionesDeprecationWarning`, pointing at the user's line)."""
    from pensiones._avisos import PensionesDeprecationWarning
    from pensiones._avisos import avisar as _avisar

    mensaje = f"{viejo} is deprecated and will be removed in pensiones {RETIRO}; use {nuevo}"
    _avisar(mensaje, PensionesDeprecationWarning)


def renombrado(nuevo_objeto, viejo: str, nuevo: str, *, propiedad: bool = False):
    """A deprecated alias of ``nuevo_objeto`` (a function or method) under the old name ``viejo``.

    Parameters
    ----------
    nuevo_objeto : callable
        The function or method with the new name; with ``propiedad``, a function of the instance that
        returns the attribute's value.
    viejo, nuevo : str
        Qualified old and new names (``"RuleSet.tabla"``, ``"RuleSet.rule_table"``), registered in
        :data:`RENOMBRES`.
    propiedad : bool
        Return a property (for a renamed attribute) instead of a method.
    """
    RENOMBRES[viejo] = nuevo
    if propiedad:

        def getter(self):
            avisar(viejo, nuevo)
            return nuevo_objeto(self)

        return property(getter, doc=f"Deprecated: use ``{nuevo}``.")

    @functools.wraps(nuevo_objeto)
    def alias(*args, **kwargs):
        avisar(viejo, nuevo)
        return nuevo_objeto(*args, **kwargs)

    alias.__doc__ = f"Deprecated alias of ``{nuevo}`` (removed in {RETIRO})."
    return alias


def modulo_renombrado(modulo: str, espacio: dict, renombres: dict[str, str], siguiente=None):
    """A module ``__getattr__`` (PEP 562) serving the deprecated names of module ``modulo``.

    Parameters
    ----------
    modulo : str
        The module's public path (``"pensiones.imss"``).
    espacio : dict
        The module's ``globals()``, where the new names live.
    renombres : dict
        Old name -> new name; each is registered in :data:`RENOMBRES` as ``modulo.old``.
    siguiente : callable, optional
        The module's own ``__getattr__`` for other names (lazy attributes), called after these.
    """
    for viejo, nuevo in renombres.items():
        RENOMBRES[f"{modulo}.{viejo}"] = f"{modulo}.{nuevo}"

    def __getattr__(name: str):
        if name in renombres:
            avisar(f"{modulo}.{name}", f"{modulo}.{renombres[name]}")
            return espacio[renombres[name]]
        if siguiente is not None:
            return siguiente(name)
        raise AttributeError(f"module {modulo!r} has no attribute {name!r}")

    return __getattr__
