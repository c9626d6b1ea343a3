"""Survivors' pensions of the Ley 73 (LSS 1973 arts. 149-164), paid by the Federal Government for the
transition generation (LSS 1997 transitorios Tercero and Duodécimo)."""

from __future__ import annotations

from pensiones.ley97.formula import cuantia_sobrevivientes
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date
from pensiones._validation import check_number

__all__ = ["pension_viudez"]


def pension_viudez(pension_mensual, anio, *, reglas: RuleSet | None = None) -> float:
    """Widow's or widower's pension, pesos a month, on the death in ``anio`` of a Ley 73 pensioner or member.

    Parameters
    ----------
    pension_mensual : float
        The pension the pensioner had, or the invalidity pension the insured member would have had
        (LSS 1973 art. 167 with the vejez factor), pesos a month, >= 0.
    anio : int or datetime.date
        Year of the payment (1 February).
    reglas : RuleSet, optional

    Returns
    -------
    float
        ``viudez`` (0.90) x the pension, rounded to cents.  With orphans, see
        :func:`pensiones.ley97.pensiones_sobrevivientes` with ``ley="ley73"`` (same shares structure,
        LSS 1973 arts. 157 and 164).

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    LSS 1973 arts. 149-150 and 152-153 (DOF 12-03-1973); LSS 1997 transitorios Tercero and Duodécimo.

    Examples
    --------
    >>> from pensiones.ley73 import pension_viudez
    >>> pension_viudez(12_000, 2030)
    10800.0
    """
    rs = resolve_reglas(None, reglas)
    fecha = lookup_date(anio)
    p = check_number("pension_mensual", pension_mensual, minimum=0.0)
    shares = [
        float(rs.value("sobrevivientes", fecha, ley="ley73", concepto=c))
        for c in ("viudez", "orfandad", "orfandad_doble")
    ]
    return float(cuantia_sobrevivientes(p, True, 0, True, *shares))
