"""Fondo de Pensiones para el Bienestar complement (decree DOF 01-05-2024)."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np

from pensiones._validation import check_number
from pensiones.calendario import DIAS_POR_MES  # re-exported: the LDVUMA month (30.4 days)
from pensiones.ley97.formula import complemento_fondo
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.projection import CRECIMIENTO_REAL_SALARIAL, sbc_promedio_imss, sbc_promedio_imss_anios
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date, load

__all__ = [
    "complemento_fondo_bienestar",
    "umbral_fondo_bienestar",
    "edad_fondo_bienestar",
    "INICIO_FONDO_BIENESTAR",
    "DIAS_POR_MES",
]

#: Date from which the fund pays complements (decree DOF 01-05-2024, in force the next day).
INICIO_FONDO_BIENESTAR = dt.date(2024, 5, 1)


def __getattr__(name: str):
    # EDAD_FONDO_BIENESTAR: deprecated, the age lives in rule table ``fondo_bienestar_edad`` (warns)
    if name == "EDAD_FONDO_BIENESTAR":
        warnings.warn(
            "pensiones.ley97.fondo_bienestar.EDAD_FONDO_BIENESTAR is deprecated: the age lives in rule table "
            "'fondo_bienestar_edad' (read it with edad_fondo_bienestar(anio) or "
            "reglas.value('fondo_bienestar_edad', fecha))",
            DeprecationWarning,
            stacklevel=2,
        )
        return int(load().value("fondo_bienestar_edad", INICIO_FONDO_BIENESTAR))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def edad_fondo_bienestar(anio, *, reglas: RuleSet | None = None) -> int:
    """Minimum age at the pension for the Fondo Bienestar complement (table ``fondo_bienestar_edad``).

    Parameters
    ----------
    anio : int or datetime.date
        Year the pension is granted (its 1 February; 2024: 1 May, the fund's first day), from 2024-05-01.
    reglas : RuleSet, optional
        Rule set (default ``load()``).

    References
    ----------
    Decreto por el que se crea el Fondo de Pensiones para el Bienestar, DOF 01-05-2024 (65 or older).

    Examples
    --------
    >>> from pensiones.ley97.fondo_bienestar import edad_fondo_bienestar
    >>> edad_fondo_bienestar(2030)
    65
    """
    rs = resolve_reglas(None, reglas)
    return int(rs.value("fondo_bienestar_edad", _fecha_umbral(anio)))


def _fecha_umbral(anio) -> dt.date:
    """The date whose threshold a pension granted in ``anio`` gets (2024: the fund's first day)."""
    fecha = lookup_date(anio)
    if isinstance(anio, int) and anio == INICIO_FONDO_BIENESTAR.year:
        fecha = INICIO_FONDO_BIENESTAR
    return fecha


def umbral_fondo_bienestar(
    anio, *, reglas: RuleSet | None = None, crecimiento_real_salarial: float = CRECIMIENTO_REAL_SALARIAL
) -> float:
    """Monthly threshold of the Fondo de Pensiones para el Bienestar in force in ``anio``, pesos.

    Parameters
    ----------
    anio : int or datetime.date
        Year (its 1 February; 2024: 1 May, the fund's first day) or date, from 2024-05-01.
    reglas : RuleSet, optional
        Rule set (default ``load()``); its ``criterios.umbral_fondo_bienestar`` chooses the reading.
    crecimiento_real_salarial : float
        Real growth of the IMSS average salary a year, decimal (default 0.01, the engine's
        ``Procesos.crecimiento_real_salarial``; range [-0.05, 0.08]).  Used by the
        ``"salario_promedio"`` reading only.

    Returns
    -------
    float
        Pesos a month, rounded to cents.  The published values (16,777.68 from 1 May 2024,
        17,364 in 2025) under both readings; after the last one:

        ``"inflacion"`` (default, the decree's words)
            ``U(t) = U(t-1) x (1 + inflacion)`` each 1 January (``Supuestos.inflacion``), the
            table's declared projection.
        ``"salario_promedio"``
            ``U(t0) x S(t) / S(t0)``: the last published value (``t0`` = 2025) moved with the
            IMSS average SBC ``S`` as the engine projects it
            (:func:`pensiones.rules.projection.sbc_promedio_imss`: December-on-December INPC
            times ``1 + crecimiento_real_salarial``), times the effect of any reform overlay on
            the table (the rule set's value over the law's, both under the first reading): a
            ``factor`` overlay multiplies both readings alike.

    Raises
    ------
    RuleLookupError
        Before 2024-05-01 (the fund pays pensions granted from then).
    ValueError
        If ``crecimiento_real_salarial`` is outside [-0.05, 0.08].

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    Decreto por el que se crea el Fondo de Pensiones para el Bienestar, DOF 01-05-2024 ("Dicho
    monto debera actualizarse el primero de enero de cada ano, de acuerdo con la inflacion
    estimada para ese ano").  See ``docs/decisions.md``, section 19.

    Examples
    --------
    >>> import pensiones
    >>> from pensiones.ley97 import umbral_fondo_bienestar
    >>> umbral_fondo_bienestar(2025), umbral_fondo_bienestar(2026)
    (17364.0, 17884.92)
    >>> rs = pensiones.rules.load(criterios=pensiones.Criterios(umbral_fondo_bienestar="salario_promedio"))
    >>> umbral_fondo_bienestar(2025, reglas=rs), umbral_fondo_bienestar(2040, reglas=rs) > umbral_fondo_bienestar(2040)
    (17364.0, True)
    """
    rs = resolve_reglas(None, reglas)
    g = check_number("crecimiento_real_salarial", crecimiento_real_salarial, minimum=-0.05, maximum=0.08)
    fecha = _fecha_umbral(anio)
    # the decree's reading: the table, updated past its last value by the estimated inflation
    umbral = float(rs.value("fondo_bienestar_umbral", fecha))
    if rs.criterios.umbral_fondo_bienestar == "inflacion":
        return umbral
    # re-based on the IMSS average salary after the last published value (the law's table)
    ley = load(rs.regimen, supuestos=rs.supuestos)
    ultimo = ley.rule_table("fondo_bienestar_umbral").frame["effective_from"].max()
    if fecha.year <= ultimo.year:
        return umbral
    reforma = umbral / float(ley.value("fondo_bienestar_umbral", fecha))  # 1.0 without an overlay
    salario = sbc_promedio_imss(rs, fecha.year, g) / sbc_promedio_imss(rs, ultimo.year, g)
    return round(float(ley.value("fondo_bienestar_umbral", ultimo)) * salario * reforma, 2)


def umbrales_fondo_bienestar(
    anios, *, reglas: RuleSet, crecimiento_real_salarial: float = CRECIMIENTO_REAL_SALARIAL, trayectoria=()
) -> np.ndarray:
    """:func:`umbral_fondo_bienestar` on each of ``anios`` (years from 2024), as an array; ``trayectoria``
    (``Procesos.trayectoria_crecimiento_real_salarial``) gives the real wage growth of the years it names."""
    g = check_number("crecimiento_real_salarial", crecimiento_real_salarial, minimum=-0.05, maximum=0.08)
    fechas = [_fecha_umbral(int(a)) for a in anios]
    umbral = reglas.values("fondo_bienestar_umbral", fechas)
    if reglas.criterios.umbral_fondo_bienestar == "inflacion" or not fechas:
        return umbral
    # re-based on the IMSS average salary after the last published value (the law's table)
    ley = load(reglas.regimen, supuestos=reglas.supuestos)
    ultimo = ley.rule_table("fondo_bienestar_umbral").frame["effective_from"].max()
    despues = [i for i, f in enumerate(fechas) if f.year > ultimo.year]
    if not despues:
        return umbral
    fechas_despues = [fechas[i] for i in despues]
    reforma = umbral[despues] / ley.values("fondo_bienestar_umbral", fechas_despues)  # 1.0 without an overlay
    sbc = sbc_promedio_imss_anios(reglas, [f.year for f in fechas_despues] + [ultimo.year], g, trayectoria)
    salario = sbc[:-1] / sbc[-1]
    base = float(ley.value("fondo_bienestar_umbral", ultimo))
    umbral[despues] = [round(base * float(s) * float(r), 2) for s, r in zip(salario, reforma)]
    return umbral


def complemento_fondo_bienestar(
    pension_mensual,
    ultimo_salario_mensual,
    edad,
    anio,
    *,
    reglas: RuleSet | None = None,
    crecimiento_real_salarial: float = CRECIMIENTO_REAL_SALARIAL,
) -> float:
    """Monthly complement of the Fondo de Pensiones para el Bienestar, pesos.

    Parameters
    ----------
    pension_mensual : float
        Ley 97 pension as computed from the account (renta vitalicia, retiro programado or
        guaranteed pension), pesos a month (>= 0).
    ultimo_salario_mensual : float
        Monthly average SBC of the last year of work, pesos (>= 0).
    edad : float
        Age when the pension is granted (0-120).
    anio : int or datetime.date
        Year the pension is granted (the threshold of that year; 1 May 2024 onwards).
    reglas : RuleSet, optional
        Rule set (default ``load()``); ``criterios.umbral_fondo_bienestar`` chooses how the
        threshold continues past its last published value (:func:`umbral_fondo_bienestar`).
    crecimiento_real_salarial : float
        Real growth of the IMSS average salary (``"salario_promedio"`` reading only; default 0.01).

    Returns
    -------
    float
        ``min(ultimo_salario, umbral) - pension`` when the worker is 65 or older (table
        ``fondo_bienestar_edad``) and the
        pension is at or below the year's threshold; 0 otherwise (also before 2024-05-01).
        At most the year's share of the threshold of table ``fondo_bienestar_tope_complemento``
        (1 in the decree: no cap beyond the threshold; a reform may set a lower one).
        Rounded to cents.  The pension plus the complement never exceeds the threshold or the
        last salary.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    Applies to the Ley 97 generation only (first contribution on or after 1 July 1997);
    the caller decides who that is.  The threshold is 16,777.68 pesos in 2024 and 17,364 in
    2025; later years follow :func:`umbral_fondo_bienestar` (default: estimated inflation).

    References
    ----------
    Decreto por el que se crea el Fondo de Pensiones para el Bienestar, DOF 01-05-2024; LSS
    reform DOF 30-04-2024.

    Examples
    --------
    >>> from pensiones.ley97 import complemento_fondo_bienestar
    >>> complemento_fondo_bienestar(8000.0, 15000.0, 65, 2025)
    7000.0
    >>> complemento_fondo_bienestar(8000.0, 25000.0, 65, 2025)    # capped at the threshold
    9364.0
    >>> complemento_fondo_bienestar(8000.0, 15000.0, 64, 2025)
    0.0
    """
    rs = resolve_reglas(None, reglas)
    pension = check_number("pension_mensual", pension_mensual, minimum=0.0)
    salario = check_number("ultimo_salario_mensual", ultimo_salario_mensual, minimum=0.0)
    e = check_number("edad", edad, minimum=0.0, maximum=120.0)
    fecha = _fecha_umbral(anio)
    try:
        umbral = umbral_fondo_bienestar(anio, reglas=rs, crecimiento_real_salarial=crecimiento_real_salarial)
    except RuleLookupError:
        if fecha < INICIO_FONDO_BIENESTAR:
            return 0.0  # the fund pays pensions granted from May 2024
        raise
    tope = float(rs.value("fondo_bienestar_tope_complemento", fecha))
    return complemento_fondo(pension, salario, e, float(edad_fondo_bienestar(anio, reglas=rs)), umbral, tope)
