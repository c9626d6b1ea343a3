"""The RJP rules for one worker: cohort by hiring date, requirements, share of the salario base.

The Régimen de Jubilaciones y Pensiones (RJP) is the pension plan of IMSS's own employees,
inserted in the Contrato Colectivo de Trabajo IMSS-SNTSS.  Its rules are the table
``rjp_requisitos`` (by cohort and sex, dated by agreement), read through a
:class:`~pensiones.rules.RuleSet` so that reform overlays apply.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from pensiones._validation import as_date, check_choice, check_integer
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet

__all__ = [
    "COHORTES",
    "SEXOS",
    "CORTE_MODIFICADO",
    "CORTE_NUEVA_GENERACION",
    "cohorte_rjp",
    "requisitos_rjp",
    "cuantia_rjp",
    "cuantia_formula",
]

#: RJP cohorts: hired before the convenio adicional of 14-10-2005, or between it and the
#: convenio of 27-06-2008.
COHORTES = ("original", "modificado")
SEXOS = ("H", "M")
#: Default first hiring date of the modified RJP (convenio adicional of 14-10-2005); see
#: docs/decisions.md section 14 for the press report that says October 2004.
CORTE_MODIFICADO = dt.date(2005, 10, 16)
#: Default first hiring date outside the RJP (convenio of 27-06-2008: LSS 1997 pension plus a
#: complementary AFORE contribution).
CORTE_NUEVA_GENERACION = dt.date(2008, 8, 1)
#: Bounds for the cut-off dates a user may choose.
_CORTE_MIN, _CORTE_MAX = dt.date(1997, 7, 1), dt.date(2012, 12, 31)

_COLUMNAS = (
    "anios_servicio_jubilacion",
    "edad_minima_jubilacion",
    "cuantia_jubilacion",
    "anios_servicio_minimos",
    "edad_pension_edad_avanzada",
    "cuantia_minima",
)


def cortes(
    corte_modificado: object = CORTE_MODIFICADO, corte_nueva_generacion: object = CORTE_NUEVA_GENERACION
) -> tuple[dt.date, dt.date]:
    """Validated cut-off dates: both in 1997-07-01..2012-12-31 and ``corte_modificado <= corte_nueva_generacion``."""
    a = as_date("corte_modificado", corte_modificado)
    b = as_date("corte_nueva_generacion", corte_nueva_generacion)
    for name, d in (("corte_modificado", a), ("corte_nueva_generacion", b)):
        if not _CORTE_MIN <= d <= _CORTE_MAX:
            raise ValueError(f"{name} must be between {_CORTE_MIN} and {_CORTE_MAX}, got {d}")
    if a > b:
        raise ValueError(f"corte_modificado ({a}) must not be after corte_nueva_generacion ({b})")
    return a, b


def cohorte_rjp(fecha_ingreso: object, *, corte_modificado: object = CORTE_MODIFICADO,
                corte_nueva_generacion: object = CORTE_NUEVA_GENERACION) -> str | None:
    """RJP cohort of a base worker by hiring date: ``"original"``, ``"modificado"`` or None (outside the RJP).

    Parameters
    ----------
    fecha_ingreso : datetime.date or str
        Date the worker was hired by the IMSS.
    corte_modificado, corte_nueva_generacion : datetime.date or str
        First hiring dates of the modified RJP (default 16-10-2005) and of the workers outside
        the RJP (default 01-08-2008).

    References
    ----------
    Convenio adicional para las jubilaciones y pensiones de los trabajadores de base de nuevo
    ingreso (IMSS-SNTSS, 14-10-2005); convenio of 27-06-2008.  Neither is published in the DOF.

    Examples
    --------
    >>> from pensiones.imss import cohorte_rjp
    >>> cohorte_rjp("1995-03-01"), cohorte_rjp("2006-01-16"), cohorte_rjp("2010-05-01")
    ('original', 'modificado', None)
    """
    fecha = as_date("fecha_ingreso", fecha_ingreso)
    a, b = cortes(corte_modificado, corte_nueva_generacion)
    if fecha < a:
        return "original"
    if fecha < b:
        return "modificado"
    return None


def requisitos_rjp(cohorte: str, sexo: str, fecha: object, *, reglas: RuleSet | None = None) -> dict:
    """The RJP requirements in force on ``fecha`` for a cohort and sex (table ``rjp_requisitos``).

    Returns a dict with ``anios_servicio_jubilacion``, ``edad_minima_jubilacion`` (0: none),
    ``cuantia_jubilacion`` (share of the salario base), ``anios_servicio_minimos``,
    ``edad_pension_edad_avanzada`` and ``cuantia_minima``.

    References
    ----------
    Régimen de Jubilaciones y Pensiones, CCT IMSS-SNTSS (revision of 1988), arts. 4 and 5;
    convenio adicional of 14-10-2005 (not published in the DOF).

    Examples
    --------
    >>> from pensiones.imss import requisitos_rjp
    >>> r = requisitos_rjp("original", "M", "2024-01-01")
    >>> r["anios_servicio_jubilacion"], r["edad_minima_jubilacion"], r["cuantia_jubilacion"]
    (27, 0, 1.0)
    """
    check_choice("cohorte", cohorte, COHORTES)
    check_choice("sexo", sexo, SEXOS)
    rs = resolve_reglas(None, reglas)
    row = rs.row("rjp_requisitos", as_date("fecha", fecha), cohorte=cohorte, sexo=sexo)
    return {
        c: (int(row[c]) if c != "cuantia_jubilacion" and c != "cuantia_minima" else float(row[c])) for c in _COLUMNAS
    }


def cuantia_formula(anios_servicio, edad, anios_servicio_jubilacion, edad_minima_jubilacion, cuantia_jubilacion,
                    anios_servicio_minimos, edad_pension_edad_avanzada, cuantia_minima):
    """Share of the salario base a worker retiring now receives (0: no right yet); works on arrays.

    Notes
    -----
    Jubilación por años de servicio: ``cuantia_jubilacion`` once the service years and the
    minimum age (0: none) are met.  Otherwise a pension by edad avanzada from age
    ``edad_pension_edad_avanzada`` with at least ``anios_servicio_minimos``:
    ``cuantia_minima + (cuantia_jubilacion - cuantia_minima) * (s - s_min) / (s_jub - s_min)``,
    at most ``cuantia_jubilacion``.
    """
    s = np.asarray(anios_servicio, dtype=float)
    x = np.asarray(edad, dtype=float)
    jub = (s >= anios_servicio_jubilacion) & (x >= edad_minima_jubilacion)
    tramo = max(anios_servicio_jubilacion - anios_servicio_minimos, 1)
    lineal = cuantia_minima + (cuantia_jubilacion - cuantia_minima) * np.minimum(
        (s - anios_servicio_minimos) / tramo, 1.0
    )
    avanzada = (s >= anios_servicio_minimos) & (x >= edad_pension_edad_avanzada)
    return np.where(jub, cuantia_jubilacion, np.where(avanzada, lineal, 0.0))


def cuantia_rjp(anios_servicio: int, edad: int, sexo: str, *, cohorte: str, fecha: object,
                reglas: RuleSet | None = None) -> float:
    """Share of the last salario base paid as an RJP pension to a worker retiring on ``fecha``.

    Parameters
    ----------
    anios_servicio : int
        Completed years of service at the IMSS (0-60).
    edad : int
        Age in completed years (15-100).
    sexo : {"H", "M"}
    cohorte : {"original", "modificado"}
        See :func:`cohorte_rjp`.
    fecha : datetime.date or str
        Date of retirement: the requirements in force then apply.

    Returns
    -------
    float
        Share of the salario base (RJP art. 5: tabular salary plus the concepts of its incisos
        a to n); 0.0 without a right to a pension.

    References
    ----------
    Régimen de Jubilaciones y Pensiones, CCT IMSS-SNTSS (revision of 1988), art. 4 (jubilación
    por años de servicio: 27 years women, 28 men, 100 %; 10 years: 50 %); convenio adicional of
    14-10-2005 (age 60 with 34 / 35 years).  The men's years and the linear scale between 10
    years and a jubilación are readings of secondary sources (docs/decisions.md section 14).

    Examples
    --------
    >>> from pensiones.imss import cuantia_rjp
    >>> cuantia_rjp(28, 52, "H", cohorte="original", fecha="2025-01-01")
    1.0
    >>> cuantia_rjp(19, 60, "H", cohorte="original", fecha="2025-01-01")
    0.75
    >>> cuantia_rjp(35, 58, "H", cohorte="modificado", fecha="2040-01-01")
    0.0
    """
    s = check_integer("anios_servicio", anios_servicio, minimum=0, maximum=60)
    x = check_integer("edad", edad, minimum=15, maximum=100)
    r = requisitos_rjp(cohorte, sexo, fecha, reglas=reglas)
    return float(cuantia_formula(s, x, *(r[c] for c in _COLUMNAS)))
