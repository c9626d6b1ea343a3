"""Survivors' and invalidity pensions of the seguro de invalidez y vida (LSS 1997 arts. 119-145).

The arithmetic lives once in :mod:`pensiones.ley97.formula` (:func:`~pensiones.ley97.formula.cuantia_sobrevivientes`,
:func:`~pensiones.ley97.formula.pension_invalidez_mensual`); these calculators look the tables up
(``sobrevivientes``, the Art. 170 table, the SBC cap) and call it, as the engine's kernel does.
"""

from __future__ import annotations

from pensiones import garantizada
from pensiones._validation import check_choice, check_integer, check_number
from pensiones.calendario import DIAS_POR_MES as _DIAS_POR_MES  # LDVUMA art. 5: 30.4
from pensiones.ley97.decumulacion import MAXIMO_HIJOS
from pensiones.ley97.formula import cuantia_sobrevivientes, pension_invalidez_mensual
from pensiones.ley97.requisitos import edad_cesantia, semanas_minimas
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = ["pensiones_sobrevivientes", "pension_invalidez", "LEYES_SOBREVIVIENTES"]

#: Laws whose survivors' shares the table ``sobrevivientes`` holds.
LEYES_SOBREVIVIENTES = ("ley73", "ley97")


def pensiones_sobrevivientes(
    pension_mensual,
    anio,
    *,
    conyuge_vivo: bool = True,
    hijos: int = 0,
    tenia_conyuge: bool | None = None,
    ley: str = "ley97",
    reglas: RuleSet | None = None,
) -> float:
    """The survivors' pensions together, pesos a month, on a death in ``anio``.

    Parameters
    ----------
    pension_mensual : float
        The pension the deceased had (a pensioner) or would have had (an insured member: the
        invalidity pension, :func:`pension_invalidez`), pesos a month, >= 0.
    anio : int or datetime.date
        Year of the payment (its shares; 1 February).
    conyuge_vivo : bool
        A widow, widower, concubina or concubinario with a right to the pension lives (default True).
    hijos : int
        Orphans with a right to a pension (under 16, or 25 while studying), 0-20.
    tenia_conyuge : bool, optional
        Whether the deceased had a spouse (the orphans' other parent); default ``conyuge_vivo``.
        Without a living spouse each orphan gets the double-orphan share if there was one.
    ley : {"ley97", "ley73"}
        The law of the pension: ``"ley73"`` for a Ley 73 pensioner or a transition-generation
        member whose beneficiaries take Ley 73 (LSS 1997 transitorio Tercero).
    reglas : RuleSet, optional

    Returns
    -------
    float
        Pesos a month, rounded to cents.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    viudez x pension for the spouse plus orfandad x pension per orphan while the spouse lives
    (orfandad_doble after), together at most the pension (each reduced in proportion).

    References
    ----------
    LSS arts. 131 (viudez 90 %), 134-135 (orfandad 20 %, 30 %) and 144 (cap), DOF 21-12-1995; LSS 1973
    arts. 153, 156-157 and 164 (DOF 12-03-1973) for ``ley="ley73"``.

    Examples
    --------
    >>> from pensiones.ley97 import pensiones_sobrevivientes
    >>> pensiones_sobrevivientes(10_000, 2030)
    9000.0
    >>> (pensiones_sobrevivientes(10_000, 2030, hijos=2),
    ...  pensiones_sobrevivientes(10_000, 2030, conyuge_vivo=False, hijos=2, tenia_conyuge=True))
    (10000.0, 6000.0)
    """
    rs = resolve_reglas(None, reglas)
    fecha = lookup_date(anio)
    p = check_number("pension_mensual", pension_mensual, minimum=0.0)
    n = check_integer("hijos", hijos, minimum=0, maximum=MAXIMO_HIJOS)
    check_choice("ley", ley, LEYES_SOBREVIVIENTES)
    if not isinstance(conyuge_vivo, bool):
        raise ValueError(f"conyuge_vivo must be True or False; got {conyuge_vivo!r}")
    con = conyuge_vivo if tenia_conyuge is None else tenia_conyuge
    if not isinstance(con, bool):
        raise ValueError(f"tenia_conyuge must be True, False or None; got {tenia_conyuge!r}")
    if conyuge_vivo and not con:
        raise ValueError("conyuge_vivo=True needs tenia_conyuge True (or None)")
    shares = [
        float(rs.value("sobrevivientes", fecha, ley=ley, concepto=c)) for c in ("viudez", "orfandad", "orfandad_doble")
    ]
    return float(cuantia_sobrevivientes(p, conyuge_vivo, n, con, *shares))


def pension_invalidez(promedio_500_diario, anio, *, reglas: RuleSet | None = None) -> float:
    """Ley 97 invalidity pension, pesos a month, of an award in ``anio`` (LSS art. 141).

    Parameters
    ----------
    promedio_500_diario : float
        Average daily SBC of the last 500 weeks of contribution, pesos, >= 0 (capped at the year's
        SBC cap, LSS art. 28).
    anio : int or datetime.date
        Year of the award (1 February).
    reglas : RuleSet, optional

    Returns
    -------
    float
        ``cuantia_invalidez`` (0.35) x average x 30.4, at least the smallest guaranteed pension of the
        year (the Art. 170 amount at the cesantía age, the year's minimum weeks and the lowest band:
        the reading of docs/decisions.md), rounded to cents.  The asignaciones familiares and ayuda
        asistencial (art. 138) are not included.  It is also the base of the survivors' pensions on
        the death of an insured member (art. 131).

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    LSS arts. 120, 122 and 141 (DOF 21-12-1995); art. 170 as reformed (DOF 16-12-2020).

    Examples
    --------
    >>> from pensiones.ley97 import pension_invalidez
    >>> pension_invalidez(1000.0, 2025)
    10640.0
    """
    rs = resolve_reglas(None, reglas)
    fecha = lookup_date(anio)
    promedio = check_number("promedio_500_diario", promedio_500_diario, minimum=0.0)
    minima = garantizada.monto_mensual(
        edad_cesantia(fecha, reglas=rs), semanas_minimas(fecha, reglas=rs), 0.01, fecha, reglas=rs
    )
    cuantia = float(rs.value("sobrevivientes", fecha, ley="ley97", concepto="cuantia_invalidez"))
    return float(pension_invalidez_mensual(min(promedio, rs.tope_sbc_diario(fecha)), cuantia, _DIAS_POR_MES, minima))
