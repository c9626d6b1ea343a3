"""LSS art. 140 Bis: the leave of insured parents of children with cancer, and its subsidy.

The law (table ``licencia_140bis``): one parent, licences of 1 to 28 days, at most 364 days within
three years, a subsidy of 60 % of the last registered salario diario de cotización, with 30 weekly
contributions in the 12 months before the diagnosis or 52 weeks just before the licence.  The
take-up (table ``licencia_140bis_uso``) comes from IMSS's reported counts: no yearly series exists.
"""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np

from pensiones import _derivados as _cache
from pensiones._validation import as_date, check_integer, check_number
from pensiones.imss.linea import ProjectedLine, anios_proyeccion, check_paths, linea_a_dict, linea_de_dict
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet

__all__ = [
    "subsidio_140bis",
    "proyeccion_licencias_140bis",
    "licencias_acumuladas",
    "SupuestosLicencias",
    "VIGENCIA_140BIS",
]

#: Day the decree adding art. 140 Bis (DOF 04-06-2019) entered into force.
VIGENCIA_140BIS = dt.date(2019, 6, 5)


#: The tables whose values the 140 Bis checks compare with each other.
_TABLAS = ("licencia_140bis", "licencia_140bis_uso")


def _ley(rs: RuleSet, fecha: dt.date) -> dict:
    return rs.row("licencia_140bis", fecha)


def subsidio_140bis(salario_diario: float, dias: int, *, semanas_12_meses: int, semanas_previas: int,
                    dias_previos: int = 0, fecha: object = "2025-01-01", reglas: RuleSet | None = None) -> float:
    """Subsidy of one 140 Bis licence, pesos.

    Parameters
    ----------
    salario_diario : float
        Last salario diario de cotización registered by the employer, pesos a day (> 0).
    dias : int
        Days of this licence (the law: 1 to 28).
    semanas_12_meses : int
        Weekly contributions in the 12 months before the diagnosis (0-52).
    semanas_previas : int
        Weekly contributions immediately before the licence (0-2,600).
    dias_previos : int
        Days of 140 Bis licence already granted in the three-year period (default 0).
    fecha : datetime.date or str
        Date of the licence (from 05-06-2019).

    Returns
    -------
    float
        ``dias x tasa_subsidio x salario_diario`` if the contribution requirement is met
        (30 weeks in the 12 months, or else 52 weeks before the licence), else 0.0.

    Raises
    ------
    ValueError
        ``dias`` outside 1-28 or beyond the 364 days of the three-year period, before the
        decree's entry into force, or any input outside its range.

    References
    ----------
    LSS art. 140 Bis, added by decree DOF 04-06-2019 (in force 05-06-2019).

    Examples
    --------
    >>> from pensiones.imss import subsidio_140bis
    >>> subsidio_140bis(500.0, 28, semanas_12_meses=30, semanas_previas=40)
    8400.0
    >>> subsidio_140bis(500.0, 28, semanas_12_meses=20, semanas_previas=51)
    0.0
    """
    date = as_date("fecha", fecha)
    if date < VIGENCIA_140BIS:
        raise ValueError(f"fecha must be on or after {VIGENCIA_140BIS} (LSS art. 140 Bis in force), got {date}")
    rs = resolve_reglas(None, reglas)
    ley = _ley(rs, date)
    s = check_number("salario_diario", salario_diario, minimum=0.0, min_inclusive=False)
    d = check_integer("dias", dias, minimum=int(ley["dias_min_licencia"]), maximum=int(ley["dias_max_licencia"]))
    previos = check_integer("dias_previos", dias_previos, minimum=0, maximum=int(ley["dias_max_periodo"]))
    if previos + d > int(ley["dias_max_periodo"]):
        raise ValueError(
            f"dias_previos + dias must be at most {int(ley['dias_max_periodo'])} days in "
            f"{int(ley['anios_periodo'])} years "
            f"(LSS art. 140 Bis), got {previos} + {d}"
        )
    w12 = check_integer("semanas_12_meses", semanas_12_meses, minimum=0, maximum=52)
    wprev = check_integer("semanas_previas", semanas_previas, minimum=0, maximum=2600)
    # LSS art. 140 Bis: 30 weekly contributions in the 12 months before the diagnosis, or else 52 before the licence
    if w12 < int(ley["semanas_cotizacion_12_meses"]) and wprev < int(ley["semanas_cotizacion_previas"]):
        return 0.0
    return round(d * float(ley["tasa_subsidio"]) * s, 2)


def _num(lo: float, hi: float):
    def validate(instance, attribute, value):
        check_number(attribute.name, value, minimum=lo, maximum=hi)

    return validate


@attrs.frozen(kw_only=True)
class SupuestosLicencias:
    """Assumptions of the 140 Bis projection.

    Parameters
    ----------
    crecimiento_licencias : float
        Yearly growth of the licences granted after 2021 (default 0.0: the 2021 pace holds).
        Range [-0.2, 0.3].
    crecimiento_real_salarios : float
        Yearly real growth of the parents' salaries over the INPC from 2020 (default 0.01,
        assumption).  Range [-0.05, 0.1].
    incertidumbre : bool
        Whether paths draw the level of take-up and the days per licence (default True).
    dispersion_licencias : float
        Relative half-width of the uniform draw of the licences a year (default 0.3).  Range [0, 0.9].
    dispersion_dias : float
        Relative half-width of the draw of the days per licence (default 0.2).  Range [0, 0.9].
    """

    crecimiento_licencias: float = attrs.field(default=0.0, validator=_num(-0.2, 0.3))
    crecimiento_real_salarios: float = attrs.field(default=0.01, validator=_num(-0.05, 0.1))
    incertidumbre: bool = attrs.field(default=True)
    dispersion_licencias: float = attrs.field(default=0.3, validator=_num(0.0, 0.9))
    dispersion_dias: float = attrs.field(default=0.2, validator=_num(0.0, 0.9))

    def __attrs_post_init__(self):
        if not isinstance(self.incertidumbre, bool):
            raise ValueError(f"incertidumbre must be True or False, got {self.incertidumbre!r}")

    @classmethod
    def de(cls, parametros: dict) -> SupuestosLicencias:
        known = [a.name for a in attrs.fields(cls)]
        unknown = sorted(set(parametros) - set(known))
        if unknown:
            raise ValueError(f"unknown 140 Bis parameter(s) {', '.join(unknown)}; known: {', '.join(known)}")
        return cls(**parametros)

    def sorteos(self, paths: int, seed: int) -> dict[str, np.ndarray]:
        """Relative factors on licences a year and days per licence, shape ``(paths,)`` each (1 if central)."""
        if not self.incertidumbre or paths == 1:
            return {"factor_licencias": np.ones(paths), "factor_dias": np.ones(paths)}
        rng = np.random.default_rng(seed)
        return {
            "factor_licencias": 1.0 + rng.uniform(-self.dispersion_licencias, self.dispersion_licencias, size=paths),
            "factor_dias": 1.0 + rng.uniform(-self.dispersion_dias, self.dispersion_dias, size=paths),
        }


def _fraccion_vigente(anio: int) -> float:
    """Share of year ``anio`` with art. 140 Bis in force."""
    if anio > VIGENCIA_140BIS.year:
        return 1.0
    inicio, fin = dt.date(anio, 1, 1), dt.date(anio + 1, 1, 1)
    return (fin - max(inicio, VIGENCIA_140BIS)).days / (fin - inicio).days


def licencias_acumuladas(hasta: object, *, reglas: RuleSet | None = None, **parametros) -> dict[str, float]:
    """Central licences, days and subsidy (pesos) from 05-06-2019 to ``hasta``, for the back-test.

    Licences accrue evenly through each year at that year's rate (table ``licencia_140bis_uso``,
    growing by ``crecimiento_licencias`` after 2021).

    References
    ----------
    LSS art. 140 Bis (DOF 04-06-2019).
    """
    fin = as_date("hasta", hasta)
    if fin <= VIGENCIA_140BIS:
        raise ValueError(f"hasta must be after {VIGENCIA_140BIS}, got {fin}")
    rs = resolve_reglas(None, reglas)
    par = SupuestosLicencias.de(parametros)
    out = {"licencias": 0.0, "dias": 0.0, "subsidio": 0.0}
    for anio in range(VIGENCIA_140BIS.year, fin.year + 1):
        inicio = max(dt.date(anio, 1, 1), VIGENCIA_140BIS)
        corte = min(dt.date(anio + 1, 1, 1), fin)
        share = (corte - inicio).days / (dt.date(anio + 1, 1, 1) - dt.date(anio, 1, 1)).days
        lic, dias, costo = _anio(rs, par, anio)
        frac = share / _fraccion_vigente(anio)
        out["licencias"] += lic * frac
        out["dias"] += dias * frac
        out["subsidio"] += costo * frac
    return out


def _anio(rs: RuleSet, par: SupuestosLicencias, anio: int) -> tuple[float, float, float]:
    """Central licences, days and subsidy (nominal pesos) of calendar year ``anio``."""
    fecha = max(dt.date(anio, 7, 1), VIGENCIA_140BIS)
    ley = _ley(rs, fecha)
    uso = rs.row("licencia_140bis_uso", fecha)
    dias_licencia = float(uso["dias_por_licencia"])
    if not float(ley["dias_min_licencia"]) <= dias_licencia <= float(ley["dias_max_licencia"]):
        raise ValueError(
            f"licencia_140bis_uso: dias_por_licencia = {dias_licencia:g} in {anio} lies outside the "
            f"{int(ley['dias_min_licencia'])}-{int(ley['dias_max_licencia'])} days a licence may last "
            "(LSS art. 140 Bis)"
            + rs.overlays_on(*_TABLAS)
        )
    lic = (float(uso["licencias_anuales"]) * _fraccion_vigente(anio)
           * (1.0 + par.crecimiento_licencias) ** max(anio - 2021, 0))
    dias = lic * dias_licencia
    salario = (float(uso["salario_diario_2020"]) * rs.inpc(anio, 6) / rs.inpc(2020, 6)
               * (1.0 + par.crecimiento_real_salarios) ** (anio - 2020))
    return lic, dias, dias * float(ley["tasa_subsidio"]) * salario


def proyeccion_licencias_140bis(
    reglas: RuleSet | None, years, *, paths: int = 1, seed: int = 0, **parametros
) -> ProjectedLine:
    """Yearly 140 Bis subsidy: parents paid and cost in nominal pesos, a Federal Government line.

    Parameters
    ----------
    reglas : RuleSet or None
        Rule set whose tables are read: ``licencia_140bis`` (rate of the subsidy, limits on days),
        ``licencia_140bis_uso`` (take-up: the scenario knob), ``inpc``.  None: the law in force.
    years : array of int
        Consecutive years to report, within 2020-2100.
    paths, seed : int
        Paths draw the take-up level and the days per licence (numpy ``Generator`` seeded by ``seed``).
    **parametros
        Fields of :class:`SupuestosLicencias`.

    Returns
    -------
    ProjectedLine
        ``componente="licencias_140bis"``, ``pagador="gobierno_federal"``; ``casos``: parents with a
        subsidy in the year (licences / ``licencias_por_persona``); ``costo``: subsidy in pesos;
        ``detalle``: ``licencias`` and ``dias``.

    Raises
    ------
    ValueError
        A parameter outside its range; a take-up table whose days per licence lie outside the law's
        1-28 days, or whose days per parent exceed the 364 days the law allows.

    Notes
    -----
    cost = licences x days per licence x ``tasa_subsidio`` x salary, salary = the 2020 level x
    INPC(June) ratio x (1 + ``crecimiento_real_salarios``) per year.

    References
    ----------
    LSS art. 140 Bis, added by decree DOF 04-06-2019.  Who pays: the IMSS budget narrative and its
    Informe al Ejecutivo Federal y al Congreso de la Unión list the 140 Bis leave among the items the
    Federal Government finances (docs/decisions.md section 15).

    Examples
    --------
    >>> import numpy as np
    >>> from pensiones.imss import proyeccion_licencias_140bis
    >>> linea = proyeccion_licencias_140bis(None, np.arange(2024, 2027))
    >>> linea.pagador, round(float(linea.en(2024, "licencias")[0]))
    ('gobierno_federal', 1950)
    """
    rs = resolve_reglas(None, reglas)
    anios = anios_proyeccion(years)
    paths, seed = check_paths(paths, seed)
    par = SupuestosLicencias.de(parametros)
    return _cache.cached("linea_licencias_140bis", rs, (anios, paths, seed, par),
                         lambda: _proyeccion(rs, anios, paths, seed, par),
                         to_plain=linea_a_dict, from_plain=linea_de_dict)


def _proyeccion(rs: RuleSet, anios: np.ndarray, paths: int, seed: int, par: SupuestosLicencias) -> ProjectedLine:
    d = par.sorteos(paths, seed)
    n = len(anios)
    lic = np.zeros((paths, n))
    dias = np.zeros((paths, n))
    costo = np.zeros((paths, n))
    casos = np.zeros((paths, n))
    for k, anio in enumerate(int(a) for a in anios):
        l0, d0, c0 = _anio(rs, par, anio)
        fecha = dt.date(anio, 7, 1)
        uso = rs.row("licencia_140bis_uso", fecha)
        ley = _ley(rs, fecha)
        por_persona = float(uso["licencias_por_persona"])
        dias_licencia = float(uso["dias_por_licencia"]) * d["factor_dias"]
        if np.any(dias_licencia > float(ley["dias_max_licencia"])):
            raise ValueError(
                f"licencia_140bis_uso in {anio}: days per licence drawn up to {float(dias_licencia.max()):g}, "
                "above the "
                f"{int(ley['dias_max_licencia'])} days a licence may last (LSS art. 140 Bis); narrow dispersion_dias"
                + rs.overlays_on(*_TABLAS)
            )
        dias_persona = por_persona * dias_licencia
        if np.any(dias_persona > float(ley["dias_max_periodo"])):
            raise ValueError(
                f"licencia_140bis_uso in {anio}: {float(dias_persona.max()):g} days a parent a year exceed the "
                f"{int(ley['dias_max_periodo'])} days of LSS art. 140 Bis" + rs.overlays_on(*_TABLAS)
            )
        lic[:, k] = l0 * d["factor_licencias"]
        dias[:, k] = d0 * d["factor_licencias"] * d["factor_dias"]
        costo[:, k] = c0 * d["factor_licencias"] * d["factor_dias"]
        casos[:, k] = lic[:, k] / por_persona
    parametros_usados = {f.name: getattr(par, f.name) for f in attrs.fields(SupuestosLicencias)}
    parametros_usados["draws"] = d
    return ProjectedLine("licencias_140bis", "gobierno_federal", anios, casos, costo,
                           {"licencias": lic, "dias": dias},
                           {"casos": "persons", "costo": "MXN", "licencias": "licences", "dias": "days"},
                           parametros_usados, seed)
