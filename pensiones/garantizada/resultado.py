"""The whole Ley 97 outcome of a retiree: modality, monthly pension, and who pays it each year."""

from __future__ import annotations

import warnings

import attrs
import numpy as np
import pandas as pd

from pensiones import _repr
from pensiones._redondeo import centavos
from pensiones._validation import check_choice, check_number
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA, supervivencia
from pensiones.garantizada.tabla import monto_mensual
from pensiones.ley97.decumulacion import renta_vitalicia
from pensiones.ley97.formula import pagos_del_anio, tasa_mensual
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = ["PensionLey97", "pension_ley97", "MODALIDADES_LEY97"]

#: The values of ``PensionLey97.modalidad``: the names of ``pensiones.engine.componentes.MODALIDADES``
#: that a Ley 97 retirement can take, plus ``retiro_programado`` (the engine counts a retiro programado
#: that pays at least the guaranteed pension with the renta vitalicia).
MODALIDADES_LEY97 = ("renta_vitalicia", "retiro_programado", "pension_garantizada", "negativa_de_pension")


def __getattr__(name: str):
    # MODALIDADES: renamed MODALIDADES_LEY97 (one name, one vocabulary: engine.componentes.MODALIDADES)
    if name == "MODALIDADES":
        warnings.warn(
            "pensiones.garantizada.MODALIDADES is deprecated: use pensiones.garantizada.MODALIDADES_LEY97 "
            "(MODALIDADES is the engine's modality codes, pensiones.engine.componentes.MODALIDADES)",
            DeprecationWarning,
            stacklevel=2,
        )
        return MODALIDADES_LEY97
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@attrs.frozen
class PensionLey97:
    """Outcome of a Ley 97 retirement (constant pesos of the pension year).

    Attributes
    ----------
    modalidad : str
        ``renta_vitalicia`` or ``retiro_programado`` (the account pays at least the guaranteed
        pension), ``pension_garantizada`` (retiro programado pays the guaranteed pension until
        the balance runs out, then the Federal Government), or ``negativa_de_pension`` (weeks
        short: the balance is withdrawn in one payment).
    mensual : float
        Monthly pension in the first year (0 with negativa de pensión).
    pension_cuenta_mensual : float
        What the balance alone buys (renta vitalicia or first-year retiro programado).
    pension_garantizada_mensual : float
        The guaranteed pension the worker is entitled to (0 if not eligible).
    retiro_unico : float
        Lump sum paid (negativa de pensión).
    anio_agotamiento : int or None
        Year the balance runs out and the government starts paying (guaranteed-pension cases).
    flujos : pandas.DataFrame
        One row a year: ``anio``, ``edad``, ``supervivencia`` (probability of being alive at the
        start of the year), ``pagado_cuenta`` and ``pagado_gobierno`` (payments if alive),
        ``saldo_final``.
    costo_gobierno_esperado : float
        Sum over years of survival x government payments, undiscounted.
    valor_presente_gobierno : float
        The same discounted at the technical rate.
    """

    _UNIDADES = {"anio_agotamiento": "year"}
    __repr__ = _repr.texto
    _repr_html_ = _repr.html

    modalidad: str
    mensual: float
    pension_cuenta_mensual: float
    pension_garantizada_mensual: float
    retiro_unico: float
    anio_agotamiento: int | None
    flujos: pd.DataFrame = attrs.field(repr=False)
    costo_gobierno_esperado: float
    valor_presente_gobierno: float


def pension_ley97(
    saldo,
    edad,
    semanas,
    salario_uma,
    sexo: str,
    anio,
    *,
    modalidad: str = "renta_vitalicia",
    rendimiento_real: float | None = None,
    tasa_tecnica: float | None = None,
    tabla: str = "emssa09",
    regimen: str | None = None,
    reglas: RuleSet | None = None,
) -> PensionLey97:
    """Ley 97 retirement: which modality, the monthly pension, and the government-paid amounts by year.

    Parameters
    ----------
    saldo : float
        RCV balance (retiro, cesantía y vejez, cuota social) at retirement, pesos (>= 0).
    edad : float
        Age at retirement (60-110).
    semanas : float
        Weeks of contribution (0-5,500).
    salario_uma : float
        Lifetime average SBC, INPC-updated, in UMA (0-26): the guaranteed-pension band.
    sexo : {"H", "M"}
    anio : int or datetime.date
        Year of retirement.
    modalidad : {"renta_vitalicia", "retiro_programado"}
        The modality chosen when the balance buys at least the guaranteed pension.
    rendimiento_real : float, optional
        Real return of a balance in retiro programado (-0.5 to 0.5; default the technical rate).
    tasa_tecnica, tabla
        Annuity basis (see :func:`pensiones.ley97.factor_anualidad`; default the rule table
        ``tasa_tecnica`` in force in ``anio``).
    regimen, reglas
        ``"lss2020"`` (default) or ``"lss1997"`` for the pre-reform weeks and guaranteed pension.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    With the weeks of the year (transitorio Cuarto) and age 60+, the worker is entitled to the
    guaranteed pension of art. 170.  If the balance buys a renta vitalicia at least that large,
    the chosen modality pays it.  Otherwise retiro programado pays the guaranteed pension from
    the balance (earning ``rendimiento_real``) until it is exhausted, and the Federal
    Government pays it from then on for life.  Without the weeks: negativa de pensión, the
    balance is paid in one sum.  Amounts are in pesos of ``anio`` (the guaranteed pension is
    INPC-indexed, so constant in real terms).

    References
    ----------
    LSS arts. 154, 157, 159, 162, 170 (as reformed DOF 16-12-2020) and transitorio Cuarto;
    LSS art. 172 (government pays the guaranteed pension once the balance is exhausted).

    Examples
    --------
    >>> from pensiones.garantizada import pension_ley97
    >>> r = pension_ley97(300_000, 65, 1000, 1.5, "H", 2030)
    >>> r.modalidad, r.mensual, r.anio_agotamiento
    ('pension_garantizada', 4433.59, 2036)
    >>> pension_ley97(300_000, 65, 800, 1.5, "H", 2030).modalidad
    'negativa_de_pension'
    """
    rs = resolve_reglas(regimen, reglas)
    s = check_number("saldo", saldo, minimum=0.0)
    e = check_number("edad", edad, minimum=0.0, maximum=float(EDAD_MAXIMA_TABLA))
    w = check_number("semanas", semanas, minimum=0.0, maximum=5500.0)
    check_number("salario_uma", salario_uma, minimum=0.0, maximum=26.0, min_inclusive=False)
    check_choice("sexo", sexo, ("H", "M"))
    check_choice("modalidad", modalidad, ("renta_vitalicia", "retiro_programado"))
    fecha = lookup_date(anio)
    if tasa_tecnica is None:
        tasa_tecnica = float(rs.value("tasa_tecnica", fecha))  # the rate in force for a grant in ``anio``
    ret = tasa_tecnica if rendimiento_real is None else rendimiento_real
    ret = check_number("rendimiento_real", ret, minimum=-0.5, maximum=0.5)
    edad_minima = int(rs.value("ley97_edades", fecha, concepto="cesantia"))
    if e < edad_minima:
        raise ValueError(
            f"edad must be at least {edad_minima} for a cesantía or vejez pension (LSS art. 154); got {e:g}"
        )
    semanas_minimas = int(rs.value("semanas_minimas", fecha))
    edad_int = int(e)
    years = np.arange(edad_int, EDAD_MAXIMA_TABLA + 1)
    survival = supervivencia(edad_int, sexo, tabla=tabla)[: len(years)]
    anios = fecha.year + (years - edad_int)

    if w < semanas_minimas:
        flujos = pd.DataFrame(
            {
                "anio": anios, "edad": years, "supervivencia": survival,
                "pagado_cuenta": 0.0, "pagado_gobierno": 0.0, "saldo_final": 0.0,
            }
        )
        return PensionLey97("negativa_de_pension", 0.0, 0.0, 0.0, centavos(s), None, flujos, 0.0, 0.0)

    pg = monto_mensual(e, w, salario_uma, fecha, reglas=rs)
    cuenta = renta_vitalicia(s, edad_int, sexo, tasa_tecnica=tasa_tecnica, tabla=tabla, anio=fecha, reglas=rs)
    if cuenta >= pg:
        paid = 12.0 * cuenta * np.ones(len(years))
        flujos = pd.DataFrame(
            {
                "anio": anios, "edad": years, "supervivencia": survival,
                "pagado_cuenta": paid, "pagado_gobierno": 0.0, "saldo_final": np.nan,
            }
        )
        return PensionLey97(modalidad, cuenta, cuenta, pg, 0.0, None, flujos, 0.0, 0.0)

    # Retiro programado paying the guaranteed pension, then the Federal Government.
    monthly_rate = tasa_mensual(ret)
    balance = s
    from_account, from_government, closing = [], [], []
    agotamiento = None
    for year in anios:
        balance, acct, gov = pagos_del_anio(pg, balance, monthly_rate)
        if gov > 0 and agotamiento is None:
            agotamiento = int(year)
        from_account.append(acct)
        from_government.append(gov)
        closing.append(balance)
    gov_arr = np.array(from_government)
    discount = (1.0 + tasa_tecnica) ** -(years - edad_int)
    flujos = pd.DataFrame(
        {
            "anio": anios,
            "edad": years,
            "supervivencia": survival,
            "pagado_cuenta": from_account,
            "pagado_gobierno": from_government,
            "saldo_final": closing,
        }
    )
    return PensionLey97(
        "pension_garantizada",
        pg,
        cuenta,
        pg,
        0.0,
        agotamiento,
        flujos,
        float(np.sum(survival * gov_arr)),
        float(np.sum(survival * gov_arr * discount)),
    )


