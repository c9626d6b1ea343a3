"""Groups brought into the régimen obligatorio on a date: domestic, digital-platform and independent workers.

A scenario widens coverage with ``Procesos.cobertura``: for each group it names, the date from which its
members outside the regime enter it (``desde``), the share of them who do (``incorporacion``: compliance
with a mandate, or take-up of a voluntary or subsidised scheme) and the share of their worker-employer RCV
contributions the Federal Government pays (``subsidio``; the ledger's ``subsidio_cobertura``).

This module holds the groups and a scenario's settings; :mod:`pensiones.engine.cobertura_registros` builds the
groups' records and :func:`pensiones.engine.procesos.parametros_cobertura` their contribution chain.

Each group (:data:`GRUPOS`, figures in ``data/grupos_cobertura.toml`` with their sources; :func:`grupos`) has
a size and the part of it already insured, a share of women, an income and, where a source gives one, a
contribution density. A run of the scenario appends records for the group to the population
(:func:`pensiones.engine.cobertura_registros.poblacion_cobertura`): the members outside the regime times
``incorporacion`` enter at ``desde``, aged as CONAPO's population at 18-64, and every later year as many enter
again at 18-27 as leave the working ages, so that the group keeps its size (an assumption: no source projects
these groups). They enter with no weeks and no balance (the weeks some of them have from earlier formal jobs
are not known), earn the group's income moved with the average SBC and spread as the synthetic entrants' wages
(log-normal, sigma 0.55), and contribute on at least the minimum wage (LSS art. 28). Their contribution chain
is one pair of probabilities (:func:`pensiones.engine.procesos.cadena_grupo`) whose stationary density is the
group's (default: the general chain's, 42.9 %, CONSAR) with the general chain's average persistence.

The records are appended after the population's, so every record of the population draws what it
draws without them, and a baseline without the groups is the same run without those records: nothing
changes before ``desde``, and after it the difference is the groups' own contributions and pensions.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

import attrs

from pensiones._validation import check_choice, check_number

__all__ = ["GRUPOS", "GrupoCobertura", "Cobertura", "grupos", "coberturas"]

#: The groups, in the order of their number in the kernel (``R.grupo_cobertura``: 1 for the first).
GRUPOS = ("trabajadoras_hogar", "plataformas_digitales", "independientes")
@attrs.frozen(kw_only=True)
class GrupoCobertura:
    """A population group outside the regime (or in it with little coverage), with the sources of its figures.

    ``personas`` people at ``anio_personas``, of whom ``afiliados`` already insured; ``ingreso_mensual``
    pesos a month of ``anio_ingreso``; ``densidad`` the share of years contributing once in the regime and
    ``proporcion_mujeres`` the share of women (None where no source gives them: the module's defaults).
    """

    nombre: str
    etiqueta: str
    fundamento: str
    personas: float
    anio_personas: int
    fuente_personas: str
    afiliados: float
    fuente_afiliados: str
    ingreso_mensual: float
    anio_ingreso: int
    fuente_ingreso: str
    proporcion_mujeres: float | None = None
    fuente_mujeres: str = ""
    densidad: float | None = None
    fuente_densidad: str = ""

    @property
    def fuera(self) -> float:
        """Members outside the regime: ``personas - afiliados``."""
        return self.personas - self.afiliados


@functools.cache
def grupos() -> dict[str, GrupoCobertura]:
    """The groups of :data:`GRUPOS` with their sourced figures (``data/grupos_cobertura.toml``)."""
    texto = resources.files("pensiones.engine").joinpath("data/grupos_cobertura.toml").read_text(encoding="utf-8")
    datos = tomllib.loads(texto)
    if tuple(datos) != GRUPOS:
        raise RuntimeError(f"data/grupos_cobertura.toml must define {GRUPOS} in that order, got {tuple(datos)}")
    return {nombre: GrupoCobertura(nombre=nombre, **valores) for nombre, valores in datos.items()}


def _desde(instance, attribute, value):
    check_number("cobertura desde", value, minimum=2021.0, maximum=2100.0)


def _fraccion(minimo_abierto: bool):
    def v(instance, attribute, value):
        check_number(f"cobertura {attribute.name}", value, minimum=0.0, maximum=1.0)
        if minimo_abierto and value <= 0.0:
            raise ValueError(f"cobertura {attribute.name} must be above 0 (at most 1); got {value!r}")

    return v


def _densidad(instance, attribute, value):
    if value is not None:
        check_number("cobertura densidad", value, minimum=0.0, maximum=1.0)
        if not 0.0 < value < 1.0:
            raise ValueError(f"cobertura densidad must be in (0, 1); got {value!r}")


@attrs.frozen(kw_only=True)
class Cobertura:
    """A scenario's incorporation of one group (an entry of ``Procesos.cobertura``).

    Parameters
    ----------
    grupo : str
        One of :data:`GRUPOS`.
    desde : float
        Decimal year from which its members outside the regime enter it (2021-2100; 2025.5 is 1 July 2025).
    incorporacion : float
        Share of those members who enter, (0, 1]: compliance with a mandate or take-up of a voluntary or
        subsidised scheme (default 1: everyone, the mandate fully enforced).
    subsidio : float
        Share of their worker-employer RCV contributions (retiro and CEAV) the Federal Government pays, [0, 1]
        (default 0).
    densidad : float, optional
        Share of years its members contribute, (0, 1) (default: the group's sourced density, else the general
        chain's 42.9 %).
    """

    grupo: str
    desde: float = attrs.field(converter=float, validator=_desde)
    incorporacion: float = attrs.field(default=1.0, converter=float, validator=_fraccion(True))
    subsidio: float = attrs.field(default=0.0, converter=float, validator=_fraccion(False))
    densidad: float | None = attrs.field(default=None, validator=_densidad)

    def __attrs_post_init__(self):
        check_choice("cobertura grupo", self.grupo, GRUPOS)

    def como_tabla(self) -> dict:
        """The entry as a scenario file writes it (``[procesos.cobertura.<grupo>]``)."""
        out = {"desde": self.desde, "incorporacion": self.incorporacion, "subsidio": self.subsidio}
        if self.densidad is not None:
            out["densidad"] = self.densidad
        return out


_CLAVES = ("desde", "incorporacion", "subsidio", "densidad")
_FORMA = (
    "cobertura must be a table of groups, {grupo: {desde, incorporacion, subsidio, densidad}} (in a scenario file "
    "[procesos.cobertura.<grupo>]), or a tuple of pensiones.engine.cobertura.Cobertura"
)


def coberturas(value) -> tuple[Cobertura, ...]:
    """``Procesos.cobertura`` from a table ``{grupo: {desde, incorporacion, subsidio, densidad}}`` (as a scenario
    file writes it) or a sequence of :class:`Cobertura`; one entry per group, in the order of :data:`GRUPOS`.

    Raises
    ------
    ValueError
        Naming the unknown group or key, the group given twice, or the field out of range.
    """
    if value is None:
        return ()
    if isinstance(value, dict):
        items = []
        for grupo, tabla in value.items():
            check_choice("cobertura grupo", grupo, GRUPOS)
            if isinstance(tabla, Cobertura):
                items.append(tabla)
                continue
            if not isinstance(tabla, dict):
                raise ValueError(f"cobertura {grupo} must be a table of {', '.join(_CLAVES)}; got {tabla!r}")
            desconocidas = sorted(set(tabla) - set(_CLAVES))
            if desconocidas:
                raise ValueError(
                    f"cobertura {grupo}: unknown key(s) {', '.join(desconocidas)}; allowed: {', '.join(_CLAVES)}"
                )
            if "desde" not in tabla:
                raise ValueError(f"cobertura {grupo} needs 'desde', the year its members enter the regime")
            items.append(Cobertura(grupo=grupo, **tabla))
    elif isinstance(value, (list, tuple)):
        items = list(value)
        for item in items:
            if not isinstance(item, Cobertura):
                raise ValueError(f"{_FORMA}; got an entry {item!r}")
    else:
        raise ValueError(f"{_FORMA}; got {value!r}")
    vistos = [c.grupo for c in items]
    repetidos = sorted({g for g in vistos if vistos.count(g) > 1})
    if repetidos:
        raise ValueError(f"cobertura names group(s) {', '.join(repetidos)} more than once")
    return tuple(sorted(items, key=lambda c: GRUPOS.index(c.grupo)))


