"""Replacement rates as the world compares them: a full career at a multiple of the average wage, gross and net.

The method of the OECD's *Pensions at a Glance*: a worker enters at 22, contributes every year until
the pension age, earns a constant multiple of the average wage, and the rate is the first pension over
the last wage, gross (before taxes) and net (after income tax and the worker's contributions).  Every
legal step is one of the library's calculators: the account (:func:`pensiones.ley97.proyectar_cuenta`),
the pension (:func:`pensiones.garantizada.resultado_ley97`: renta vitalicia or guaranteed pension), the
Fondo de Pensiones para el Bienestar complement, the PBAM, and the taxes of :mod:`pensiones.impuestos`.
"""

from __future__ import annotations

import functools

import attrs
import numpy as np

from pensiones import _repr
from pensiones._validation import check_choice, check_integer, check_number
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet

__all__ = ["TasaReemplazo", "tasa_reemplazo", "salario_promedio_diario"]

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
        :class:`~pensiones.garantizada.ResultadoLey97`).
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
    from pensiones.garantizada.resultado import resultado_ley97
    from pensiones.impuestos import cuotas_obreras_mensuales, isr_pension_mensual, isr_salario_mensual
    from pensiones.ley97.cuenta import proyectar_cuenta
    from pensiones.ley97.fondo_bienestar import DIAS_POR_MES, complemento_fondo_bienestar
    from pensiones.pbam.montos import monto_persona

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
    g = check_number("crecimiento_real_salario", crecimiento_real_salario, minimum=-0.05, maximum=0.10)
    r = check_number("rendimiento_real", rendimiento_real, minimum=-0.05, maximum=0.10)
    pi = check_number("inflacion", inflacion, minimum=-0.02, maximum=0.15)
    con_fondo = _check_bool("fondo_bienestar", fondo_bienestar)
    con_pbam = _check_bool("pbam", pbam)
    rs = resolve_reglas(None, reglas)
    if rs.supuestos.inflacion != pi:
        rs = _con_inflacion(rs, pi)

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
    saldo = float(cuenta["saldo_final"].iloc[-1])
    semanas = float(cuenta["semanas"].sum())
    uma = np.array([rs.uma_diaria(y) for y in years])
    promedio_uma = float(np.mean(cuenta["sbc_cotizable"].to_numpy() / uma))

    # The pension (LSS arts. 157, 159, 170, 172) and the complements.
    ley97 = resultado_ley97(saldo, e1, semanas, promedio_uma, sexo, retiro, rendimiento_real=r, reglas=rs)
    pension = ley97.mensual
    ultimo = float(sbc[-1]) * DIAS_POR_MES
    fondo = 0.0
    if con_fondo and ley97.modalidad != "negativa_de_pension":
        fondo = complemento_fondo_bienestar(pension, ultimo, e1, retiro, reglas=rs)
    no_contributiva = monto_persona(e1, sexo, retiro, reglas=rs) / 2.0 if con_pbam else 0.0

    # Taxes: the last wage in its year, the pension in the year of retirement.
    isr_w = isr_salario_mensual(ultimo, retiro - 1, reglas=rs)
    cuotas = cuotas_obreras_mensuales(float(sbc[-1]), retiro - 1, reglas=rs)
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
        salario_promedio_uma=promedio_uma,
    )
