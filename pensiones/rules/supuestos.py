"""Assumptions (economic) and criteria (legal readings) that the rule lookups depend on.

Two small frozen classes rather than one large parameter object:

* :class:`Supuestos` — economic assumptions used only where a series runs past its
  last published value (inflation, real minimum-wage growth, PBAM real growth, AFORE
  fee) or, for the AFORE fee, before its first one.
* :class:`Criterios` — the open legal questions listed in
  ``shared/reference/README.md``, each with a documented default and the alternative
  reading.  ``docs/decisions.md`` explains every default.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import numpy as np

from pensiones import _repr
from pensiones._validation import check_choice, check_number

__all__ = ["Supuestos", "Criterios", "CONSERVACION_DERECHOS_LEY73", "trayectoria_anual", "validador_trayectoria"]


def _rate(low: float, high: float):
    def validator(instance, attribute, value):
        check_number(attribute.name, value, minimum=low, maximum=high)

    return validator


def _optional_rate(low: float, high: float):
    def validator(instance, attribute, value):
        if value is not None:
            check_number(attribute.name, value, minimum=low, maximum=high)

    return validator


def _choice(*allowed: str):
    def validator(instance, attribute, value):
        check_choice(attribute.name, value, allowed)

    return validator


#: Years a year-by-year assumption (a ``trayectoria_*`` field) may name: the library's timeline.
ANIOS_TRAYECTORIA = (1997, 2100)


def trayectoria_anual(value):
    """A year-by-year assumption as stored: a tuple of ``(year, rate)`` pairs sorted by year.

    ``value`` is a mapping ``{year: rate}`` (years as integers, or as the digit strings a TOML table's keys
    are), a sequence of ``(year, rate)`` pairs, or None / empty (no path: the scalar assumption every
    year).  Anything else is returned unchanged, for the field's validator to reject with its name.
    """
    if value is None:
        return ()
    if isinstance(value, np.ndarray) and value.ndim == 2 and value.shape[1] == 2:
        enteros = np.all(value[:, 0] == np.round(value[:, 0]))
        value = [(int(a) if enteros else a, t) for a, t in value.tolist()]
    try:
        pares = value.items() if hasattr(value, "items") else value
        out = []
        for anio, tasa in pares:
            if isinstance(anio, str) and anio.strip().lstrip("-").isdigit():
                anio = int(anio)
            if isinstance(anio, bool) or not isinstance(anio, (int, np.integer)):
                return value
            if isinstance(tasa, bool) or not isinstance(tasa, (int, float, np.integer, np.floating)):
                return value
            out.append((int(anio), float(tasa)))
    except (TypeError, ValueError):
        return value
    return tuple(sorted(out))


def validador_trayectoria(low: float, high: float):
    """Validator of a ``trayectoria_*`` field: whole years in :data:`ANIOS_TRAYECTORIA`, each once, rates in
    ``[low, high]`` (the range of the scalar assumption it varies)."""

    def validator(instance, attribute, value):
        ejemplo = "e.g. {2026: 0.045, 2027: 0.04} (a TOML table: {2026 = 0.045, 2027 = 0.04})"
        if not isinstance(value, tuple) or not all(isinstance(p, tuple) and len(p) == 2 for p in value):
            raise ValueError(f"{attribute.name} must map years to rates, {ejemplo}; got {value!r}")
        anios = [a for a, _ in value]
        if len(set(anios)) != len(anios):
            doble = next(a for a in anios if anios.count(a) > 1)
            raise ValueError(f"{attribute.name}: year {doble} is given more than once")
        for anio, tasa in value:
            if not ANIOS_TRAYECTORIA[0] <= anio <= ANIOS_TRAYECTORIA[1]:
                raise ValueError(
                    f"{attribute.name}: years must be in [{ANIOS_TRAYECTORIA[0]}, {ANIOS_TRAYECTORIA[1]}]; got {anio}"
                )
            check_number(f"{attribute.name}[{anio}]", tasa, minimum=low, maximum=high)

    return validator


def _month(instance, attribute, value):
    if not isinstance(value, str) or not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", value):
        raise ValueError(f"{attribute.name} must be a month 'YYYY-MM' between 1900 and 2099, got {value!r}")


@attrs.frozen(kw_only=True)
class Supuestos:
    """Economic assumptions for values past the last published one.

    Parameters
    ----------
    inflacion : float
        Annual INPC inflation, decimal (default 0.03, Banco de México's permanent target).
        Projects the INPC month by month, hence the UMA (LDVUMA art. 5), the guaranteed
        pension and cuota social updates, and the Fondo Bienestar threshold (updated by
        estimated inflation).  Allowed range [-0.02, 0.15]: 15 % a year for 45 years multiplies
        prices by 535, the most the exact integer ledger holds with every other assumption at
        its own extreme (higher inflation is a different economy, not a pension projection).  Runs
        to 2100 hold every default; at the extremes over 75 years a ledger amount can leave the
        exact range, and the run stops with ``LedgerOverflowError`` naming it.
    crecimiento_real_salario_minimo : float
        Real growth of the minimum wage each January after the last published value,
        decimal (default 0.0: constant real value, a neutral assumption; CONASAMI's
        policy path is a scenario choice).  Range [-0.05, 0.10] (10 % real a year for 45
        years is 73 times today's real minimum wage).
    crecimiento_real_pbam : float
        Real growth of the PBAM and Pensión Mujeres Bienestar amounts after the last
        published year, decimal (default 0.0).  Range [-0.05, 0.05] (5 % real a year for 45 years
        multiplies the amounts by 9, about 8 % of GDP for PBAM alone in 2070).
    comision_anual : float or None
        AFORE fee on balance after the last published year, decimal.  ``None`` (default)
        keeps the last published value of each series (the legal cap for ``tope``).
        Range [0, 0.05].
    comision_previa : float
        AFORE fee on balance for the years before the first published fee (the system average of
        2016 in table ``comision_afore``), decimal (default 0.015: an assumption, the fees of
        1997-2015, charged on flows and balances, expressed on the balance).  The fee of a year is
        the legal cap (``tope``, from 2020), else the system average (``promedio``, 2016-2019), else
        this.  Range [0, 0.05].
    crecimiento_real_pib : float
        Real GDP growth a year after 2025, for costs in % of GDP (default 0.02, close to the
        2011-2024 average of the series and to SHCP's medium-term estimates).
        Range [-0.05, 0.08].
    trayectoria_inflacion, trayectoria_crecimiento_real_pib : mapping of year to float
        Year-by-year values of ``inflacion`` (December on December of the year) and of
        ``crecimiento_real_pib`` (growth of the year), for the years they name; every other year takes
        the scalar (default: none, the scalar every year).  Years 1997-2100; inflation in the scalar's
        range, GDP growth in [-0.10, 0.10] (a year's growth, wider than a long-run one: 2020 was -8.4 %); a
        year whose INPC is published keeps the published index.  A deterministic path (SHCP's
        or Banco de México's forecasts, a recession); the stochastic macro paths
        (``Procesos.macro = "estocastico"``) set one per path around the scalars.  In a TOML file:
        ``trayectoria_inflacion = {2026 = 0.04, 2027 = 0.035}``.
    poblacion_post_2070 : {"cohortes", "crecimiento_2060_2070", "constante"}
        The national population after 2070, the last year of the CONAPO projections, for runs to
        2100 (PBAM and Mujeres Bienestar for the whole population, and the synthetic population's
        future entrants).  ``"cohortes"`` (default): each cohort ages with CONAPO's own last
        one-year change by sex and age, P(x+1, t+1) = P(x, t) x P(x+1, 2070) / P(x, 2069) (survival
        and net migration of 2069-2070; the last age, 109, is open), and the newborns change each
        year at the 2060-2070 average growth of age 0 (about -1.2 % a year).
        ``"crecimiento_2060_2070"``: each sex-age cell grows at its own 2060-2070 average rate
        (the old ages then grow 3-9 % a year for thirty years, inconsistent with the cohorts that
        reach them: an upper bound for the old-age programmes).  ``"constante"``: the 2070
        population, size and structure.  Years up to 2070 are CONAPO's under every choice.
    pensionados_ley73 : float or None
        People receiving a Ley 73 pension from the Federal Government (budget line J001) on 1 January
        of the run's start year: the count of the opening stock, whose money is the published
        spending (``Results.yearly["ley73_stock"]``).  ``None`` (default): not known -- no national
        count of Ley 73 pensions in payment was reachable -- and the stock is money only.  Given, it
        is run off with the stock's mortality (``ley73_stock_personas``) and ``Results.pensions``
        shows it with its average pension (the stock's money / 12 / count).  Range [1, 20 million].
    """

    __repr__ = _repr.texto
    _repr_html_ = _repr.html

    inflacion: float = attrs.field(default=0.03, validator=_rate(-0.02, 0.15))
    crecimiento_real_salario_minimo: float = attrs.field(default=0.0, validator=_rate(-0.05, 0.10))
    crecimiento_real_pbam: float = attrs.field(default=0.0, validator=_rate(-0.05, 0.05))
    comision_anual: float | None = attrs.field(default=None, validator=_optional_rate(0.0, 0.05))
    comision_previa: float = attrs.field(default=0.015, validator=_rate(0.0, 0.05))
    crecimiento_real_pib: float = attrs.field(default=0.02, validator=_rate(-0.05, 0.08))
    trayectoria_inflacion: tuple = attrs.field(
        default=(), converter=trayectoria_anual, validator=validador_trayectoria(-0.02, 0.15)
    )
    trayectoria_crecimiento_real_pib: tuple = attrs.field(
        default=(), converter=trayectoria_anual, validator=validador_trayectoria(-0.10, 0.10)
    )
    poblacion_post_2070: str = attrs.field(
        default="cohortes", validator=_choice("cohortes", "crecimiento_2060_2070", "constante")
    )
    pensionados_ley73: float | None = attrs.field(default=None, validator=_optional_rate(1.0, 2e7))


#: Readings of ``Criterios.conservacion_derechos_ley73`` (the engine reads their index).
CONSERVACION_DERECHOS_LEY73 = ("art_182", "derechos_adquiridos", "sin_caducidad")


@attrs.frozen(kw_only=True)
class Criterios:
    """Readings of the law where it is silent or disputed (see ``docs/decisions.md``).

    Parameters
    ----------
    limites_banda : {"continuo", "redondeo_centesimas"}
        Salaries between two printed band limits (e.g. 2.004 UMA, between "1.51 a 2.00"
        and "2.01 a 2.50").  ``"continuo"`` (default): each band covers everything above
        the previous band's upper limit up to its own, so 2.004 UMA is in "2.01 a 2.50".
        ``"redondeo_centesimas"``: the salary in multiples is first rounded half-up to two
        decimals (2.004 -> 2.00, band "1.51 a 2.00").
    criterio_banda_sm : {"salario_minimo", "solo_uma"}
        Bands whose limits mix minimum wages (SM) and UMA, now that one SM exceeds 2.5 UMA.
        ``"salario_minimo"`` (default): limits are converted to pesos with the year's SM
        and UMA; a salary equal to the minimum wage is the "1.00 SM" band, as the table's
        first row says; bands whose upper limit lies below one SM are empty and never
        match.  ``"solo_uma"``: SM limits are ignored and every salary is classified by
        its multiple of the UMA alone (the "1.00 SM" band never applies).
    base_inpc_pension_garantizada : str
        Month 'YYYY-MM' whose INPC the Art. 170 amounts are expressed in.  Default
        '2019-12': the February update of year Y multiplies by INPC(Dec Y-1)/INPC(Dec 2019),
        which reproduces the published 2025 range 3,414-10,732.  Alternative '2020-12'
        (first update in February 2022).
    base_inpc_cuota_social : str
        Month whose INPC the reformed (2023+) cuota social amounts are expressed in.
        Default '2022-12': reproduces the values CONSAR reports for January-April 2026
        (factor 1.13097).  Alternative '2020-12' (publication of the decree).
    base_inpc_pension_garantizada_1997 : str
        Month whose INPC the 1 July 1997 minimum wage is expressed in, for the pre-reform
        guaranteed pension.  Default '1997-06' (the last index before 1 July 1997).
    indexacion_pension_garantizada : {"inpc", "salario_minimo"}
        How the Art. 170 amounts are updated: by INPC each February, as the law says (default),
        or, as a reform to test, with the general minimum wage (amount x SM(year) / SM(2020),
        the table being 2020 minimum-wage multiples).
    redondeo_diario_ley73 : bool
        Whether the Ley 73 daily cuantía básica and daily increments are rounded to cents before
        annualising, as IMSS pension resolutions and published worked examples do.  Default
        False: full precision (the law prescribes no rounding; the difference is under one peso
        a month).  Applies to ``ley73.pension`` and to the engine alike.
    umbral_fondo_bienestar : {"inflacion", "salario_promedio"}
        How the Fondo de Pensiones para el Bienestar threshold continues past its last published
        value (17,364 pesos a month in 2025).  ``"inflacion"`` (default): updated each 1 January
        by the estimated inflation of the year (``Supuestos.inflacion``), the decree's words (DOF
        01-05-2024).  ``"salario_promedio"``: re-based each year on the IMSS average salary,
        which its sources say the 2024 and 2025 figures are: the threshold grows with the
        average SBC as the engine projects it (December-on-December INPC times the real wage
        growth, ``Procesos.crecimiento_real_salarial``).  Both readings give the published values.
        Applies to ``ley97.complemento_fondo_bienestar`` and to the engine alike
        (``ley97.umbral_fondo_bienestar``).
    conservacion_derechos_ley73 : {"art_182", "derechos_adquiridos", "sin_caducidad"}
        Whether a transition-generation member who stopped contributing keeps the right to a Ley 73
        pension (LSS 1973 art. 182, LSS 1997 transitorios Tercero and Quinto).  ``"art_182"``
        (default): the rights last a quarter of the weeks contributed, never less than twelve
        months, from the last year contributed, as IMSS publishes the requirement ("encontrarse
        dentro del período de conservación de derechos"); a return to contributions restores them
        (art. 183: a year of contributions covers the 26 or 52 weeks it asks after three or six
        years away).  ``"derechos_adquiridos"``: the same, except that a member who had the
        cesantía age and weeks (60 and 500) when contributing last keeps them for good, a reading
        argued in litigation for which no thesis was found.  ``"sin_caducidad"``: the rights never
        lapse (the engine before this reading; an upper bound).  Applies to the engine (a member
        without the rights may still take a Ley 97 pension: SCJN 2a./J. 21/2011 holds that no
        conservation period applies to the Ley 97 cesantía); the calculator
        ``ley73.conservacion_derechos`` gives the date.
    indexacion_ley73 : {"inpc_y_minima", "inpc"}
        How Ley 73 pensions in payment are updated each year.  ``"inpc_y_minima"`` (default, IMSS
        practice): by the INPC in February (SCJN jurisprudence 2a./J. 71/2024, registro digital
        2029402: cesantía pensions are updated by the INPC, not the minimum wage) and never below
        the year's minimum pension (art. 168: one monthly minimum wage, with the 11 % of the 2001
        decree, ``ley73.pension_minima_mensual``), so a pension at the minimum follows the minimum
        wage, as the press reports IMSS paying it (12 % in January 2025).  ``"inpc"``: the INPC
        only (the engine before this reading).
    unidad_de_cuenta_rcv : {"uma", "salario_minimo"}
        The unit of account of the RCV rules of the LSS: the salary bands of the employer CEAV rate
        (art. 168 fr. II, transitorio Segundo DOF 16-12-2020), of the cuota social (art. 168 fr. IV)
        and of the Art. 170 guaranteed-pension table, and the updating of the cuota social and
        guaranteed-pension amounts.  ``"uma"`` (default, the law in force): band limits printed in
        UMA are UMA (the de-indexation decree DOF 27-01-2016, transitorios Segundo and Tercero), the
        amounts follow the INPC.  ``"salario_minimo"``: a reform to test, the one IMSS's October 2023
        forum asked for (Informe al Ejecutivo 2023-2024, chapter IX): from
        ``unidad_de_cuenta_rcv_desde`` the limits printed in UMA read as general minimum wages (a
        lifetime average for the Art. 170 bands is expressed in minimum wages of the grant year:
        the average in UMA times UMA / SM), and the cuota social and guaranteed-pension amounts,
        including guaranteed pensions in payment, follow the minimum wage instead of the INPC (the
        INPC up to the date, the minimum wage after it).  The SBC cap (art. 28), the Ley 73 salary
        groups and every tax limit keep the UMA.  Applies to the calculators
        (``ley97.tasa_patronal_ceav``, ``ley97.cuota_social_diaria``, ``garantizada.monto_mensual``)
        and to the engine alike (:meth:`~pensiones.rules.RuleSet.unidad_de_cuenta_rcv`).
    unidad_de_cuenta_rcv_desde : str
        Month 'YYYY-MM' from whose first day ``unidad_de_cuenta_rcv = "salario_minimo"`` applies
        (default '2016-01': the whole timeline, as if the RCV rules had never left the minimum wage;
        a reform from a later date leaves everything before it as the law has it).  Not read under
        ``"uma"``.  A guaranteed-pension update belongs to its February: a date after 1 February
        starts the minimum-wage updates the next February.
    """

    __repr__ = _repr.texto
    _repr_html_ = _repr.html

    limites_banda: str = attrs.field(default="continuo", validator=_choice("continuo", "redondeo_centesimas"))
    criterio_banda_sm: str = attrs.field(default="salario_minimo", validator=_choice("salario_minimo", "solo_uma"))
    base_inpc_pension_garantizada: str = attrs.field(default="2019-12", validator=_month)
    base_inpc_cuota_social: str = attrs.field(default="2022-12", validator=_month)
    base_inpc_pension_garantizada_1997: str = attrs.field(default="1997-06", validator=_month)
    indexacion_pension_garantizada: str = attrs.field(default="inpc", validator=_choice("inpc", "salario_minimo"))
    redondeo_diario_ley73: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    umbral_fondo_bienestar: str = attrs.field(default="inflacion", validator=_choice("inflacion", "salario_promedio"))
    conservacion_derechos_ley73: str = attrs.field(
        default="art_182", validator=_choice(*CONSERVACION_DERECHOS_LEY73)
    )
    indexacion_ley73: str = attrs.field(default="inpc_y_minima", validator=_choice("inpc_y_minima", "inpc"))
    unidad_de_cuenta_rcv: str = attrs.field(default="uma", validator=_choice("uma", "salario_minimo"))
    unidad_de_cuenta_rcv_desde: str = attrs.field(default="2016-01", validator=_month)


def inicio_salario_minimo_rcv(criterios: Criterios) -> dt.date | None:
    """First day on which the RCV rules read the minimum wage (``Criterios.unidad_de_cuenta_rcv``), or
    None when they keep the UMA."""
    if criterios.unidad_de_cuenta_rcv != "salario_minimo":
        return None
    anio, mes = (int(x) for x in criterios.unidad_de_cuenta_rcv_desde.split("-"))
    return dt.date(anio, mes, 1)
