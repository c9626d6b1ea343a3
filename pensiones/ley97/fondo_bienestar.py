"""Fondo de Pensiones para el Bienestar complement (decree DOF 01-05-2024)."""

from __future__ import annotations

import datetime as dt

from pensiones._validation import check_number
from pensiones.ley97.formula import complemento_fondo
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, fecha_de_anio

__all__ = ["complemento_fondo_bienestar", "EDAD_FONDO_BIENESTAR", "INICIO_FONDO_BIENESTAR", "DIAS_POR_MES"]

#: Minimum age at the pension (decree DOF 01-05-2024, article on beneficiaries: 65 or older).
EDAD_FONDO_BIENESTAR = 65
#: Date from which the fund pays complements (decree DOF 01-05-2024, in force the next day).
INICIO_FONDO_BIENESTAR = dt.date(2024, 5, 1)
#: Days of a month when a daily salary is made monthly: 30.4, the factor of LDVUMA art. 5 (the
#: decree compares the pension with the monthly salary; it does not define the month).
DIAS_POR_MES = 30.4


def complemento_fondo_bienestar(
    pension_mensual, ultimo_salario_mensual, edad, anio, *, reglas: RuleSet | None = None
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

    Returns
    -------
    float
        ``min(ultimo_salario, umbral) - pension`` when the worker is 65 or older and the
        pension is at or below the year's threshold; 0 otherwise (also before 2024-05-01).
        Rounded to cents.  The pension plus the complement never exceeds the threshold or the
        last salary.

    Notes
    -----
    Applies to the Ley 97 generation only (first contribution on or after 1 July 1997);
    the caller decides who that is.  The threshold is 16,777.68 pesos in 2024 and 17,364 in
    2025; later years follow the declared projection (estimated inflation).

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
    fecha = fecha_de_anio(anio)
    if isinstance(anio, int) and anio == INICIO_FONDO_BIENESTAR.year:
        fecha = INICIO_FONDO_BIENESTAR
    try:
        umbral = float(rs.valor("fondo_bienestar_umbral", fecha))
    except RuleLookupError:
        if fecha < INICIO_FONDO_BIENESTAR:
            return 0.0  # the fund pays pensions granted from May 2024
        raise
    return complemento_fondo(pension, salario, e, float(EDAD_FONDO_BIENESTAR), umbral)
