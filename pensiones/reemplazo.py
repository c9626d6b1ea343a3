"""Replacement rates as the world compares them: a full career at a multiple of the average wage, gross and net.

The method of the OECD's *Pensions at a Glance*: a worker enters at 22, contributes every year until
the pension age, earns a constant multiple of the average wage, and the rate is the first pension over
the last wage, gross (before taxes) and net (after income tax and the worker's contributions).  Every
legal step is one of the library's calculators: the account (:func:`pensiones.ley97.proyectar_cuenta`),
the pension (:func:`pensiones.garantizada.pension_ley97`: renta vitalicia or guaranteed pension), the
Fondo de Pensiones para el Bienestar complement, the PBAM, and the taxes of :mod:`pensiones.impuestos`.
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs
import numpy as np

from pensiones import _repr
from pensiones._validation import as_date, check_choice, check_integer, check_number
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import INICIO_LEY97, RuleSet

__all__ = ["TasaReemplazo", "tasa_reemplazo", "tasa_reemplazo_carrera", "salario_promedio_diario"]

#: First year of the ISR tariff encoded (table isr_tarifa_mensual): the last wage must be taxed there.
_PRIMER_ANIO_FISCAL = 2023


@attrs.frozen
class TasaReemplazo:
    """Gross and net replacement rates of a full career (fractions), and the amounts behind them.

    Pesos are nominal: the pension and the complements of the year of retirement, the wage and its
    taxes of the year before.

    Attributes
    ----------
    bruta, neta : float
        (pension + included complements) / last wage, before taxes; and net pension / net wage.
    bruta_sin_complementos, neta_sin_complementos : float
        The same with the Ley 97 pension alone (renta vitalicia or guaranteed pension).
    pension_mensual : float
        Ley 97 pension (renta vitalicia or guaranteed pension), pesos a month.
    complemento_fondo, pbam_mensual : float
        Fondo Bienestar complement and PBAM (half the bimonthly amount) included, pesos a month
        (0 when excluded by ``fondo_bienestar`` / ``pbam`` or not due).
    ultimo_salario_mensual : float
        SBC of the last year worked x 30.4, pesos a month.
    isr_salario, cuotas_obreras, isr_pension : float
        ISR on the last wage net of the subsidio para el empleo, the worker's IMSS contributions on it,
        and ISR on the pension plus the Fondo complement, pesos a month.
    modalidad : str
        ``renta_vitalicia``, ``pension_garantizada`` or ``negativa_de_pension`` (see
        :class:`~pensiones.garantizada.PensionLey97`).
    anio_retiro : int
    saldo : float
        RCV balance at retirement, pesos.
    semanas : float
    salario_promedio_uma : float
        Lifetime average SBC (capped at 25 UMA) in UMA: the guaranteed-pension band.
    """

    _REPR_CORTO = ("bruta", "neta", "pension_mensual", "ultimo_salario_mensual", "modalidad", "anio_retiro")
    _UNIDADES = {"bruta": "rate", "neta": "rate", "bruta_sin_complementos": "rate", "neta_sin_complementos": "rate",
                 "isr_salario": "pesos a month", "cuotas_obreras": "pesos a month", "isr_pension": "pesos a month",
                 "salario_promedio_uma": "UMA"}
    __repr__ = _repr.texto
    _repr_html_ = _repr.html

    bruta: float
    neta: float
    bruta_sin_complementos: float
    neta_sin_complementos: float
    pension_mensual: float
    complemento_fondo: float
    pbam_mensual: float
    ultimo_salario_mensual: float
    isr_salario: float
    cuotas_obreras: float
    isr_pension: float
    modalidad: str
    anio_retiro: int
    saldo: float
    semanas: float
    salario_promedio_uma: float


def salario_promedio_diario(anio: int, crecimiento_real_salario: float, reglas: RuleSet | None = None) -> float:
    """Average daily SBC of IMSS contributors in ``anio``, pesos: measured, then projected.

    The last observation of each year of table ``sbc_promedio_imss`` (December; May for 2026); past the
    last one, that value x December-on-December INPC x (1 + ``crecimiento_real_salario``) a year.

    Examples
    --------
    >>> from pensiones.reemplazo import salario_promedio_diario
    >>> salario_promedio_diario(2025, 0.0125)
    627.8716
    """
    rs = resolve_reglas(None, reglas)
    year = check_integer("anio", anio, minimum=1997, maximum=2100)
    g = check_number("crecimiento_real_salario", crecimiento_real_salario, minimum=-0.05, maximum=0.10)
    frame = rs.table("sbc_promedio_imss")
    years = np.array([d.year for d in frame["effective_from"]])
    values = frame["value"].to_numpy(dtype=float)
    if year <= years[-1]:
        hit = np.nonzero(years == year)[0]
        if not len(hit):
            raise ValueError(f"anio must have an IMSS average SBC observation (from {years[0]}); got {year}")
        return float(values[hit[-1]])
    value = float(values[-1])
    for y in range(int(years[-1]) + 1, year + 1):
        value *= rs.inpc(y, 12) / rs.inpc(y - 1, 12) * (1.0 + g)
    return value


@functools.lru_cache(maxsize=16)
def _con_inflacion(rs: RuleSet, inflacion: float) -> RuleSet:
    return rs.evolve(supuestos=attrs.evolve(rs.supuestos, inflacion=inflacion))


def _check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return value


def _supuestos(crecimiento_real_salario, rendimiento_real, inflacion, fondo_bienestar, pbam, reglas):
    """The checked assumptions of a replacement rate: (growth, return, inflation, Fondo, PBAM, rule set)."""
    g = check_number("crecimiento_real_salario", crecimiento_real_salario, minimum=-0.05, maximum=0.10)
    r = check_number("rendimiento_real", rendimiento_real, minimum=-0.05, maximum=0.10)
    pi = check_number("inflacion", inflacion, minimum=-0.02, maximum=0.15)
    con_fondo = _check_bool("fondo_bienestar", fondo_bienestar)
    con_pbam = _check_bool("pbam", pbam)
    rs = resolve_reglas(None, reglas)
    if rs.supuestos.inflacion != pi:
        rs = _con_inflacion(rs, pi)
    return g, r, pi, con_fondo, con_pbam, rs


def tasa_reemplazo(
    multiplo_salario,
    *,
    sexo="H",
    edad_entrada=22,
    anio_entrada=2024,
    edad_retiro=65,
    crecimiento_real_salario=0.0125,
    rendimiento_real=0.03,
    inflacion=0.02,
    fondo_bienestar=True,
    pbam=True,
    reglas=None,
) -> TasaReemplazo:
    """Gross and net replacement rates of a full Ley 97 career at a multiple of the average wage.

    Parameters
    ----------
    multiplo_salario : float
        The worker's SBC as a multiple of the average SBC of IMSS contributors, every year (0-10];
        the SBC must be at least the minimum wage every year.
    sexo : {"H", "M"}
        Sex (annuity mortality; Pensión Mujeres Bienestar for women 60-64).
    edad_entrada : int
        Age at the first contribution (14-59; default 22, as the OECD).
    anio_entrada : int
        Year of the first contribution (1998-2100); contributions run every year from it to the year
        before retirement, and the last wage must fall in 2023 or later (the ISR tariff encoded).
    edad_retiro : int
        Age at retirement (60-75, above ``edad_entrada``; default 65, the vejez age).
    crecimiento_real_salario : float
        Real growth a year of the average wage past the last IMSS observation (-0.05 to 0.10;
        default 1.25 %, the OECD's assumption).
    rendimiento_real : float
        Real return of the account after fees, a year (-0.05 to 0.10; default 3 %, the OECD's); no
        other fee is charged.  Also the return of a balance drawn as retiro programado.
    inflacion : float
        Annual inflation past the last published INPC (-0.02 to 0.15; default 2 %, the OECD's); it
        replaces ``reglas.supuestos.inflacion``.
    fondo_bienestar, pbam : bool
        Include the Fondo de Pensiones para el Bienestar complement and the PBAM (or, for women of
        its ages, Pensión Mujeres Bienestar) in ``bruta`` and ``neta``.
    reglas : RuleSet, optional
        Rule set (default ``lss2020``); overlays on any table apply.

    Returns
    -------
    TasaReemplazo

    See Also
    --------
    tasa_reemplazo_carrera : a given person's career, from the AFORE statement to retirement.
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year.

    Notes
    -----
    Average wage: the OECD uses average worker earnings; here it is the average daily SBC of IMSS
    contributors (table ``sbc_promedio_imss``, December of each year), projected with
    ``crecimiento_real_salario`` (:func:`salario_promedio_diario`).  The rate is individual: the
    first monthly pension over the worker's own last monthly wage (SBC x 30.4), gross = gross
    pension / gross wage, net = (pension + complements - ISR on the pension) / (wage - ISR net of the
    subsidio para el empleo - the worker's IMSS contributions).  The PBAM is not taxed; the Fondo
    complement is taxed as pension (within the exemption of 15 UMA a day).  Contributions by LSS
    art. 168 as reformed (employer CEAV by band, cuota social), balance into a renta vitalicia or the
    guaranteed pension of art. 170.  Tax amounts past the last published tariff follow LISR art.
    152 on the projected INPC, so a wage growing in real terms meets higher brackets.

    References
    ----------
    LSS arts. 28, 154, 159, 162, 168, 170 (as reformed DOF 16-12-2020); Decreto del Fondo de Pensiones
    para el Bienestar (DOF 01-05-2024); CPEUM art. 4 (PBAM); LISR arts. 93 fr. IV, 96, 152; OECD,
    Pensions at a Glance 2023, "Methodology and assumptions".

    Examples
    --------
    >>> import pensiones
    >>> r = pensiones.tasa_reemplazo(1.0)
    >>> r.modalidad, r.anio_retiro
    ('renta_vitalicia', 2067)
    >>> 0 < r.bruta_sin_complementos <= r.bruta and 0 < r.neta
    True
    """
    from pensiones.ley97.cuenta import proyectar_cuenta

    m = check_number("multiplo_salario", multiplo_salario, minimum=0.0, maximum=10.0, min_inclusive=False)
    check_choice("sexo", sexo, ("H", "M"))
    e0 = check_integer("edad_entrada", edad_entrada, minimum=14, maximum=59)
    e1 = check_integer("edad_retiro", edad_retiro, minimum=60, maximum=75)
    anios = e1 - e0
    a0 = check_integer("anio_entrada", anio_entrada, minimum=1998, maximum=2100 - anios)
    retiro = a0 + anios
    if retiro - 1 < _PRIMER_ANIO_FISCAL:
        raise ValueError(
            f"anio_entrada + (edad_retiro - edad_entrada) - 1 is the year of the last wage and must be at least "
            f"{_PRIMER_ANIO_FISCAL} (the first ISR tariff encoded); got {retiro - 1}"
        )
    g, r, pi, con_fondo, con_pbam, rs = _supuestos(
        crecimiento_real_salario, rendimiento_real, inflacion, fondo_bienestar, pbam, reglas
    )

    # The career: a constant multiple of the average SBC, at least the minimum wage each year.
    years = range(a0, retiro)
    sbc = np.array([m * salario_promedio_diario(y, g, rs) for y in years])
    for y, s in zip(years, sbc):
        sm = rs.salario_minimo_diario(y)
        if s < sm:
            raise ValueError(
                f"multiplo_salario={m:g} gives an SBC of {s:.2f} in {y}, below that year's minimum wage ({sm:.2f}); "
                "choose a larger multiple"
            )
    cuenta = proyectar_cuenta(sbc, a0, retiro - 1, rendimiento_real=r, comision=0.0, reglas=rs)
    uma = np.array([rs.unidad_de_cuenta(y) for y in years])  # the minimum wage before 28-01-2016
    promedio_uma = float(np.mean(cuenta["sbc_cotizable"].to_numpy() / uma))
    return _tasa(
        rs,
        saldo=float(cuenta["saldo_final"].iloc[-1]),
        semanas=float(cuenta["semanas"].sum()),
        salario_promedio_uma=promedio_uma,
        ultimo_sbc=float(sbc[-1]),
        sexo=sexo,
        edad_retiro=e1,
        anio_retiro=retiro,
        rendimiento_real=r,
        con_fondo=con_fondo,
        con_pbam=con_pbam,
    )


def _tasa(
    rs: RuleSet,
    *,
    saldo: float,
    semanas: float,
    salario_promedio_uma: float,
    ultimo_sbc: float,
    sexo: str,
    edad_retiro: int,
    anio_retiro: int,
    rendimiento_real: float,
    con_fondo: bool,
    con_pbam: bool,
) -> TasaReemplazo:
    """The pension, its complements and taxes at retirement, from the balance, weeks and last SBC.

    The one decumulation step of :func:`tasa_reemplazo` and :func:`tasa_reemplazo_carrera`: the last
    wage is ``ultimo_sbc`` (pesos a day) in ``anio_retiro - 1``, the pension starts in ``anio_retiro``.
    """
    from pensiones.calendario import DIAS_POR_MES
    from pensiones.garantizada.resultado import pension_ley97
    from pensiones.impuestos import cuotas_obreras_mensuales, isr_pension_mensual, isr_salario_mensual
    from pensiones.ley97.fondo_bienestar import complemento_fondo_bienestar
    from pensiones.pbam.montos import monto_persona

    e1, retiro = edad_retiro, anio_retiro
    # The pension (LSS arts. 157, 159, 170, 172) and the complements.
    ley97 = pension_ley97(
        saldo, e1, semanas, salario_promedio_uma, sexo, retiro, rendimiento_real=rendimiento_real, reglas=rs
    )
    pension = ley97.mensual
    ultimo = ultimo_sbc * DIAS_POR_MES
    fondo = 0.0
    if con_fondo and ley97.modalidad != "negativa_de_pension":
        fondo = complemento_fondo_bienestar(pension, ultimo, e1, retiro, reglas=rs)
    no_contributiva = monto_persona(e1, sexo, retiro, reglas=rs) / 2.0 if con_pbam else 0.0

    # Taxes: the last wage in its year, the pension in the year of retirement.
    isr_w = isr_salario_mensual(ultimo, retiro - 1, reglas=rs)
    cuotas = cuotas_obreras_mensuales(ultimo_sbc, retiro - 1, reglas=rs)
    neto_salario = ultimo - isr_w - cuotas
    isr_p = isr_pension_mensual(pension + fondo, retiro, reglas=rs)
    isr_sola = isr_pension_mensual(pension, retiro, reglas=rs)
    return TasaReemplazo(
        bruta=(pension + fondo + no_contributiva) / ultimo,
        neta=(pension + fondo + no_contributiva - isr_p) / neto_salario,
        bruta_sin_complementos=pension / ultimo,
        neta_sin_complementos=(pension - isr_sola) / neto_salario,
        pension_mensual=pension,
        complemento_fondo=fondo,
        pbam_mensual=no_contributiva,
        ultimo_salario_mensual=ultimo,
        isr_salario=isr_w,
        cuotas_obreras=cuotas,
        isr_pension=isr_p,
        modalidad=ley97.modalidad,
        anio_retiro=retiro,
        saldo=saldo,
        semanas=semanas,
        salario_promedio_uma=salario_promedio_uma,
    )


def tasa_reemplazo_carrera(
    salario_diario,
    *,
    anio_nacimiento,
    sexo,
    semanas,
    saldo_rcv,
    anio=2026,
    anio_afiliacion=None,
    edad_retiro=65,
    densidad=1.0,
    salario_promedio_uma=None,
    crecimiento_real_salario=0.0125,
    rendimiento_real=0.03,
    inflacion=0.02,
    fondo_bienestar=True,
    pbam=True,
    reglas=None,
) -> TasaReemplazo:
    """Gross and net Ley 97 replacement rates of a given person, from the AFORE statement to retirement.

    What a person knows on 1 January of ``anio`` (the salary, the weeks and the RCV balance of the
    statement) is projected year by year to the year before retirement with
    :func:`pensiones.ley97.proyectar_cuenta`, then drawn exactly as in :func:`tasa_reemplazo`.

    Parameters
    ----------
    salario_diario : float
        Daily SBC in ``anio``, pesos (> 0, at least that year's minimum wage); it grows each year by
        the December-on-December INPC x (1 + ``crecimiento_real_salario``).
    anio_nacimiento : int
        Year of birth; the person is 14 or older in ``anio`` and retires in ``anio_nacimiento +
        edad_retiro``, after ``anio``.
    sexo : {"H", "M"}
        Sex (annuity mortality; Pensión Mujeres Bienestar for women 60-64).
    semanas : float
        Weeks of contribution recognised up to 1 January of ``anio`` (>= 0, at most the weeks between
        ``anio_afiliacion``, or age 14, and ``anio``).
    saldo_rcv : float
        RCV balance (retiro, cesantía y vejez, cuota social; not vivienda, SAR 92 or voluntary savings)
        on 1 January of ``anio``, pesos (>= 0).
    anio : int
        Year of the statement (1997-2100; default 2026); the last wage, ``anio_nacimiento +
        edad_retiro - 1``, must fall in 2023 or later (the ISR tariff encoded).
    anio_afiliacion : int or datetime.date, optional
        Year (or date) of the first registration with the IMSS (up to ``anio``); it bounds ``semanas``.
        A worker registered before 1 July 1997 (a year up to 1996, or a date before 1997-07-01; the year
        1997 counts as the Ley 97 generation) belongs to the transition generation: the Fondo Bienestar
        complement is not due, and Ley 73 may be chosen instead (:func:`pensiones.eleccion_regimen`).
    edad_retiro : int
        Age at retirement (60-75; default 65, the vejez age).
    densidad : float
        Share of each year from ``anio`` to retirement contributed (0-1; default 1).
    salario_promedio_uma : float, optional
        Lifetime average SBC in UMA, the guaranteed-pension band (0-25).  Default: the average, in UMA
        of each year, of the SBC capped at 25 UMA over the projected years, as if the past career had
        the same level.
    crecimiento_real_salario, rendimiento_real, inflacion : float
        Real wage growth a year (-0.05 to 0.10; default 1.25 %), real return after fees a year (-0.05 to
        0.10; default 3 %) and inflation past the last published INPC (-0.02 to 0.15; default 2 %), as in
        :func:`tasa_reemplazo`.
    fondo_bienestar, pbam : bool
        Include the Fondo de Pensiones para el Bienestar complement (for the Ley 97 generation only) and
        the PBAM in ``bruta`` and ``neta``.
    reglas : RuleSet, optional
        Rule set (default ``lss2020``); overlays on any table apply.

    Returns
    -------
    TasaReemplazo
        ``semanas`` and ``saldo`` are those at retirement (the statement's plus the projected years').

    Notes
    -----
    Weeks at retirement = ``semanas`` + 365/7 x ``densidad`` a year; balance at retirement = the account
    of :func:`pensiones.ley97.proyectar_cuenta` opened with ``saldo_rcv`` (contributions by LSS art. 168
    as reformed, cuota social, no fee beyond ``rendimiento_real``).  The pension is the renta vitalicia,
    or the guaranteed pension of LSS art. 170 when it is larger and the weeks suffice, or a negativa de
    pensión (the balance returned) when they do not; the rate is the first monthly pension over the
    last monthly SBC (x 30.4), gross and net of ISR and the worker's IMSS contributions.  The Fondo
    complement goes to the Ley 97 generation only (first registration from 1 July 1997), as in the
    engine; without ``anio_afiliacion`` the person is taken to belong to it.

    References
    ----------
    LSS arts. 28, 154, 159, 162, 168, 170 (as reformed DOF 16-12-2020); Decreto del Fondo de Pensiones
    para el Bienestar (DOF 01-05-2024); CPEUM art. 4 (PBAM); LISR arts. 93 fr. IV, 96, 152.

    See Also
    --------
    tasa_reemplazo : the OECD full career at a multiple of the average wage.
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year.

    Examples
    --------
    A man born in 1980, earning 600 pesos a day in 2026 with 1,000 weeks and 450,000 pesos in his AFORE:

    >>> import pensiones
    >>> r = pensiones.tasa_reemplazo_carrera(600.0, anio_nacimiento=1980, sexo="H", semanas=1000,
    ...                                      saldo_rcv=450_000, anio=2026)
    >>> r.anio_retiro, round(r.semanas)
    (2045, 1991)
    >>> 0 < r.bruta_sin_complementos <= r.bruta
    True
    """
    from pensiones.calendario import SEMANAS_POR_ANIO
    from pensiones.ley97.cuenta import proyectar_cuenta

    salario = check_number("salario_diario", salario_diario, minimum=0.0, min_inclusive=False)
    check_choice("sexo", sexo, ("H", "M"))
    a0 = check_integer("anio", anio, minimum=1997, maximum=2100)
    e1 = check_integer("edad_retiro", edad_retiro, minimum=60, maximum=75)
    nacimiento = check_integer("anio_nacimiento", anio_nacimiento, minimum=a0 - e1 + 1, maximum=a0 - 14)
    retiro = nacimiento + e1
    if retiro - 1 < _PRIMER_ANIO_FISCAL:
        raise ValueError(
            f"anio_nacimiento + edad_retiro - 1 is the year of the last wage and must be at least "
            f"{_PRIMER_ANIO_FISCAL} (the first ISR tariff encoded); got {retiro - 1}"
        )
    if retiro > 2100:
        raise ValueError(
            f"anio_nacimiento + edad_retiro is the year of retirement and must be at most 2100; got {retiro}"
        )
    inicio = nacimiento + 14
    transicion = False
    if anio_afiliacion is not None:
        if isinstance(anio_afiliacion, dt.date):
            afiliacion = as_date("anio_afiliacion", anio_afiliacion)
            inicio = check_integer(
                "anio_afiliacion (year of the date)", afiliacion.year, minimum=nacimiento + 14, maximum=a0
            )
            transicion = afiliacion < INICIO_LEY97
        else:
            inicio = check_integer("anio_afiliacion", anio_afiliacion, minimum=nacimiento + 14, maximum=a0)
            transicion = inicio < INICIO_LEY97.year
    posibles = (a0 - inicio) * SEMANAS_POR_ANIO
    previas = check_number("semanas", semanas, minimum=0.0, maximum=posibles)
    saldo0 = check_number("saldo_rcv", saldo_rcv, minimum=0.0)
    dens = check_number("densidad", densidad, minimum=0.0, maximum=1.0)
    promedio = None
    if salario_promedio_uma is not None:
        promedio = check_number("salario_promedio_uma", salario_promedio_uma, minimum=0.0, maximum=25.0)
    g, r, pi, con_fondo, con_pbam, rs = _supuestos(
        crecimiento_real_salario, rendimiento_real, inflacion, fondo_bienestar, pbam, reglas
    )
    sm = rs.salario_minimo_diario(a0)
    if salario < sm:
        raise ValueError(f"salario_diario must be at least the minimum wage of {a0} ({sm:.2f}); got {salario:.2f}")

    # LSS art. 168: the account from the statement to the year before retirement.
    try:
        cuenta = proyectar_cuenta(
            salario,
            a0,
            retiro - 1,
            saldo_inicial=saldo0,
            densidad=dens,
            rendimiento_real=r,
            comision=0.0,
            crecimiento_real_sbc=g,
            reglas=rs,
        )
    except ValueError as exc:
        if not str(exc).startswith("sbc_diario in"):
            raise
        raise ValueError(
            f"salario_diario grown by crecimiento_real_salario={g:g} falls below the minimum wage "
            f"({str(exc).split(';')[0]}); choose a higher salario_diario or crecimiento_real_salario"
        ) from None
    if promedio is None:
        uma = np.array([rs.unidad_de_cuenta(int(y)) for y in cuenta["anio"]])
        promedio = float(np.mean(cuenta["sbc_cotizable"].to_numpy() / uma))
    return _tasa(
        rs,
        saldo=float(cuenta["saldo_final"].iloc[-1]),
        semanas=previas + float(cuenta["semanas"].sum()),
        salario_promedio_uma=promedio,
        ultimo_sbc=float(cuenta["sbc_diario"].iloc[-1]),
        sexo=sexo,
        edad_retiro=e1,
        anio_retiro=retiro,
        rendimiento_real=r,
        con_fondo=con_fondo and not transicion,  # the Fondo covers the Ley 97 generation only
        con_pbam=con_pbam,
    )
