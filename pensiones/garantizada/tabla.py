"""Art. 170 table lookup, the transitional weeks columns and the INPC update."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import numpy as np

from pensiones._validation import check_number
from pensiones.garantizada.formula import columna_semanas, fila_edad, monto_actualizado
from pensiones.rules.bands import banda
from pensiones.calendario import DIAS_POR_MES_SALARIO_MINIMO
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import INICIO_LEY97, RuleSet, indice_actualizacion_rcv, lookup_date
from pensiones.rules.supuestos import inicio_salario_minimo_rcv

__all__ = [
    "monto_tabla",
    "monto_mensual",
    "semanas_tabla",
    "regla_pension_garantizada",
    "REGLAS_PENSION_GARANTIZADA",
    "ReglaPensionGarantizada",
]

#: Largest lifetime average SBC in UMA accepted: the 25-UMA cap of LSS art. 28 plus a
#: margin for the INPC update of past salaries against the rounded UMA.
SALARIO_UMA_MAXIMO = 26.0
#: Weeks in 105 years of contributions: anything above is a data error.
SEMANAS_MAXIMAS = 5500.0
EDAD_MAXIMA = 120.0


def _check_inputs(edad, semanas, salario_uma) -> tuple[float, float, float]:
    e = check_number("edad", edad, minimum=0.0, maximum=EDAD_MAXIMA)
    s = check_number("semanas", semanas, minimum=0.0, maximum=SEMANAS_MAXIMAS)
    w = check_number("salario_uma", salario_uma, minimum=0.0, maximum=SALARIO_UMA_MAXIMO, min_inclusive=False)
    return e, s, w


def semanas_tabla(anio, *, reglas: RuleSet | None = None) -> list[int]:
    """Weeks each column of the guaranteed-pension table requires for a pension granted in ``anio``.

    Transitorio Cuarto of the DOF 16-12-2020 decree shifts the art. 170 columns: in 2021
    they are 750 ... 1,000 or more; each year +25; from 2031 art. 170's 1,000 ... 1,250 or
    more.  The last column means "or more".

    Notes
    -----
    One source: the first column is the year's minimum weeks (``semanas_minimas``, LSS arts.
    154 and 162 with transitorio Cuarto), and column k adds the spacing that the packaged
    ``pension_garantizada_columnas`` table gives for that year::

        columna_k(anio) = semanas_minimas(anio) + (tabla_k(anio) - tabla_0(anio))

    Under the law in force this is the packaged table itself (the transitorio's first column
    is the minimum weeks of each year, 2021-2100).  A reform of ``semanas_minimas`` therefore
    moves every column with it: 1,250 weeks from 2027 gives 1,250 ... 1,500 or more, and the
    amounts stay those of the art. 170 column with the same position (docs/decisions.md).

    Examples
    --------
    >>> from pensiones.garantizada import semanas_tabla
    >>> semanas_tabla(2026)[:3], semanas_tabla(2026)[-1]
    ([875, 900, 925], 1125)
    """
    rs = resolve_reglas("lss2020", reglas)
    fecha = lookup_date(anio)
    rows = rs.rows("pension_garantizada_columnas", fecha).sort_values("columna")
    tabla = [int(v) for v in rows["value"]]
    primera = int(rs.value("semanas_minimas", fecha))
    return [primera + (v - tabla[0]) for v in tabla]


def monto_tabla(edad, semanas, salario_uma, anio, *, reglas: RuleSet | None = None) -> float:
    """Art. 170 guaranteed pension, monthly, in the table's own pesos (as printed in 2020).

    Parameters
    ----------
    edad : float
        Age in years when the pension is granted (60-120); completed years count, and 65
        or more takes the "65 o más" row.
    semanas : float
        Weeks of contribution (0-5,500).  The column is the last whose weeks (for a pension
        granted in ``anio``) do not exceed them; above the last column, the last column.
    salario_uma : float
        Lifetime average SBC, INPC-updated to the pension date, in UMA (0-26).  Bands
        "1 SM a 1.99 UMA" ... "5.0 UMA en adelante"; below 2 UMA is the first band (the
        INPC-updated average can be under today's minimum wage).
    anio : int or datetime.date
        Year the pension is granted (2021-2100): it selects the weeks columns
        (transitorio Cuarto in 2021-2030, art. 170 from 2031).

    Returns
    -------
    float
        Monthly pesos as printed in the table (not INPC-updated; see :func:`monto_mensual`).

    Raises
    ------
    ValueError
        Not eligible (age under 60, weeks below that year's minimum), or a NaN, negative or
        out-of-range input; the message names the argument.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    LSS art. 170 as reformed, DOF 16-12-2020; transitorio Cuarto of the same decree.

    Examples
    --------
    >>> from pensiones.garantizada import monto_tabla
    >>> monto_tabla(60, 1000, 1.5, 2031)
    2622.0
    >>> monto_tabla(60, 750, 1.5, 2021)     # 2021: 750 weeks is the first column
    2622.0
    >>> monto_tabla(70, 2000, 6.0, 2040)    # 65+ row, 1,250+ column, 5+ UMA band
    8241.0
    """
    rs = resolve_reglas("lss2020", reglas)
    e, s, w = _check_inputs(edad, semanas, salario_uma)
    fecha = lookup_date(anio)
    edad_minima = int(rs.value("ley97_edades", fecha, concepto="cesantia"))
    if e < edad_minima:
        raise ValueError(f"edad must be at least {edad_minima} for the guaranteed pension (LSS art. 170); got {e:g}")
    columnas = rs.rows("pension_garantizada_columnas", fecha).sort_values("columna")
    required = np.array(semanas_tabla(fecha, reglas=rs))
    if s < required[0]:
        raise ValueError(
            f"semanas must be at least {int(required[0])} for a pension granted in {fecha.year} "
            f"(transitorio Cuarto / LSS art. 170); got {s:g}"
        )
    k = columna_semanas(s, required.astype(float))
    semanas_art170 = int(columnas["semanas_art170"].iloc[k])
    table = rs.rows("pension_garantizada", fecha)
    ages = sorted(table["edad"].unique())
    f = fila_edad(e, ages[0], ages[-1])
    if f < 0:
        raise ValueError(f"edad must be at least {ages[0]} (the first row of the Art. 170 table in force); got {e:g}")
    fila = ages[f]
    cells = table[(table["edad"] == fila) & (table["semanas"] == semanas_art170)]
    # Band limits are in UMA (band 1's lower limit, 1 SM, is not binding for a lifetime
    # average): classify in UMA units.  Under Criterios.unidad_de_cuenta_rcv = "salario_minimo" the
    # limits are minimum wages: in UMA of the grant date, limit x SM / UMA (the average in minimum
    # wages is the average in UMA x UMA / SM).
    i = banda(cells, w, uma=factor_bandas(rs, fecha), sm=0.0, criterios=rs.criterios)
    return float(cells["value"].iloc[i])


def factor_bandas(rs: RuleSet, fecha) -> float:
    """Multiple of the UMA that one unit of an Art. 170 band limit is worth on ``fecha``: 1 under the law
    in force; SM / UMA from the date of ``Criterios.unidad_de_cuenta_rcv = "salario_minimo"``."""
    fecha = lookup_date(fecha, "fecha")
    if inicio_salario_minimo_rcv(rs.criterios) is None:
        return 1.0
    return rs.unidad_de_cuenta_rcv(fecha) / rs.unidad_de_cuenta(fecha)


def factores_bandas(rs: RuleSet, fechas) -> np.ndarray:
    """:func:`factor_bandas` on each of ``fechas``, as an array."""
    fechas = [lookup_date(f, "fecha") for f in fechas]
    if inicio_salario_minimo_rcv(rs.criterios) is None:
        return np.ones(len(fechas))
    return rs.unidades_de_cuenta_rcv(fechas) / rs.unidades_de_cuenta(fechas)


def semanas_tablas(fechas, *, reglas: RuleSet | None = None) -> list[list[int]]:
    """:func:`semanas_tabla` on each of ``fechas`` (dates), one lookup per snapshot of the columns table."""
    rs = resolve_reglas("lss2020", reglas)
    fechas = [lookup_date(f) for f in fechas]
    frames, which = rs.rows_by_date("pension_garantizada_columnas", fechas)
    tablas = [[int(v) for v in rows.sort_values("columna")["value"]] for rows in frames]
    primeras = rs.values("semanas_minimas", fechas)
    return [[int(p) + (v - tablas[k][0]) for v in tablas[k]] for p, k in zip(primeras, which)]


def montos_1997(rs: RuleSet, fechas) -> np.ndarray:
    """:func:`monto_1997` on each of ``fechas`` (dates), as an array."""
    veces = rs.values("pension_garantizada_1997", [lookup_date(f) for f in fechas])
    return veces * rs.salario_minimo_diario(INICIO_LEY97) * DIAS_POR_MES_SALARIO_MINIMO


def monto_1997(rs: RuleSet, fecha) -> float:
    """Pre-reform guaranteed pension in pesos of 1 July 1997, monthly: the minimum wages in force on ``fecha``
    x 365 / 12.

    LSS art. 170 before the 2020 reform (DOF 21-12-1995): one general minimum wage of the
    Distrito Federal of the date the law came into force (1 July 1997), a month.
    """
    veces = float(rs.value("pension_garantizada_1997", lookup_date(fecha)))
    return veces * rs.salario_minimo_diario(INICIO_LEY97) * DIAS_POR_MES_SALARIO_MINIMO


def _factor_1997(rs: RuleSet, anio: int) -> float:
    """February update of the pre-reform amount: INPC(Dec anio-1) / INPC(``base_inpc_pension_garantizada_1997``)."""
    return _inpc_factor(rs, anio, rs.criterios.base_inpc_pension_garantizada_1997)


def _factor_art170(rs: RuleSet, anio: int) -> float:
    """February update of the art. 170 table: INPC(Dec anio-1) / INPC(base), or SM(anio) / SM(2020)."""
    if rs.criterios.indexacion_pension_garantizada == "salario_minimo":
        return rs.salario_minimo_diario(anio) / rs.salario_minimo_diario(2020) if anio > 2020 else 1.0
    return _inpc_factor(rs, anio, rs.criterios.base_inpc_pension_garantizada)


def _factores_inpc(rs: RuleSet, anios, base: str) -> np.ndarray:
    """:func:`_inpc_factor` on each of ``anios``."""
    base_year, base_month = (int(x) for x in base.split("-"))
    out = np.ones(len(anios))
    despues = [i for i, a in enumerate(anios) if (int(a) - 1, 12) > (base_year, base_month)]
    if despues and inicio_salario_minimo_rcv(rs.criterios) is not None:
        # Criterios.unidad_de_cuenta_rcv: the INPC up to the date, the minimum wage after it
        indice = indice_actualizacion_rcv(rs, [(int(anios[i]) - 1, 12) for i in despues] + [(base_year, base_month)])
        out[despues] = indice[:-1] / indice[-1]
    elif despues:
        dic = rs.values("inpc", [dt.date(int(anios[i]) - 1, 12, 1) for i in despues])
        out[despues] = dic / rs.inpc(base_year, base_month)
    return out


def _factores_1997(rs: RuleSet, anios) -> np.ndarray:
    """:func:`_factor_1997` on each of ``anios``."""
    return _factores_inpc(rs, anios, rs.criterios.base_inpc_pension_garantizada_1997)


def _factores_art170(rs: RuleSet, anios) -> np.ndarray:
    """:func:`_factor_art170` on each of ``anios``."""
    if rs.criterios.indexacion_pension_garantizada == "salario_minimo":
        out = np.ones(len(anios))
        despues = [i for i, a in enumerate(anios) if int(a) > 2020]
        if despues:
            sm = rs.values("salario_minimo", [lookup_date(int(anios[i])) for i in despues], zona="general")
            out[despues] = sm / rs.salario_minimo_diario(2020)
        return out
    return _factores_inpc(rs, anios, rs.criterios.base_inpc_pension_garantizada)


def _monto_1997(rs: RuleSet, e: float, s: float, w: float, fecha: dt.date) -> float:
    """Printed pre-reform amount (one 1997 minimum wage a month) after the eligibility checks (arts. 154, 162, 170)."""
    edad_minima = int(rs.value("ley97_edades", fecha, concepto="cesantia"))
    if e < edad_minima:
        raise ValueError(f"edad must be at least {edad_minima} for the guaranteed pension; got {e:g}")
    required = int(rs.value("semanas_minimas", fecha))
    if s < required:
        raise ValueError(f"semanas must be at least {required} (LSS art. 154 before the 2020 reform); got {s:g}")
    return monto_1997(rs, fecha)


def _monto_art170(rs: RuleSet, e: float, s: float, w: float, fecha: dt.date) -> float:
    """Printed amount of the art. 170 table (age row, weeks column, salary band)."""
    return monto_tabla(e, s, w, fecha, reglas=rs)


@attrs.frozen
class ReglaPensionGarantizada:
    """One dated implementation of the guaranteed pension (its structure, not only its values).

    Attributes
    ----------
    nombre : str
        ``"lss1997_art170"`` (one 1997 minimum wage a month) or ``"lss2020_art170"`` (the table).
    monto : callable
        ``monto(rs, edad, semanas, salario_uma, fecha)``: the printed monthly amount, before the
        February update; raises ``ValueError`` when the worker is not eligible.
    factor_actualizacion : callable
        ``factor_actualizacion(rs, anio)``: the update of a pension paid from February of ``anio``.
    factores_actualizacion : callable
        ``factores_actualizacion(rs, anios)``: the same on each of ``anios``, as an array (the engine's).
    """

    nombre: str
    monto: Callable
    factor_actualizacion: Callable
    factores_actualizacion: Callable


#: The pre-reform guaranteed pension (LSS art. 170, DOF 21-12-1995).
PENSION_GARANTIZADA_1997 = ReglaPensionGarantizada("lss1997_art170", _monto_1997, _factor_1997, _factores_1997)
#: The art. 170 table as reformed (DOF 16-12-2020) with transitorio Cuarto's columns.
PENSION_GARANTIZADA_2020 = ReglaPensionGarantizada("lss2020_art170", _monto_art170, _factor_art170, _factores_art170)

#: Which implementation a pension granted on a date follows, by rule set: the key is the first
#: grant date of each (STYLE.md: a rule whose structure changes gets dated implementations).
#: ``lss2020`` is the law in force (the reform's table from its entry into force, transitorio
#: Primero); ``lss1997`` the counterfactual that keeps the pre-reform rule.
REGLAS_PENSION_GARANTIZADA: dict[str, dict[dt.date, ReglaPensionGarantizada]] = {
    "lss2020": {INICIO_LEY97: PENSION_GARANTIZADA_1997, dt.date(2021, 1, 1): PENSION_GARANTIZADA_2020},
    "lss1997": {INICIO_LEY97: PENSION_GARANTIZADA_1997},
}


def regla_pension_garantizada(rs: RuleSet, fecha) -> ReglaPensionGarantizada:
    """The implementation of the guaranteed pension in force for a pension granted on ``fecha``.

    Raises
    ------
    RuleLookupError
        Before 1 July 1997 (no Ley 97 pension).

    Examples
    --------
    >>> import pensiones
    >>> from pensiones.garantizada.tabla import regla_pension_garantizada
    >>> rs = pensiones.rules.load()
    >>> regla_pension_garantizada(rs, 2020).nombre, regla_pension_garantizada(rs, 2021).nombre
    ('lss1997_art170', 'lss2020_art170')
    """
    date = lookup_date(fecha, "fecha")
    reglas = REGLAS_PENSION_GARANTIZADA[rs.regimen]
    vigentes = [desde for desde in reglas if desde <= date]
    if not vigentes:
        raise RuleLookupError(f"guaranteed pension: no rule before {min(reglas)} (got {date})")
    return reglas[max(vigentes)]


def factor_actualizacion(rs: RuleSet, anio: int) -> float:
    """Update factor of the guaranteed pension for a pension paid from February of ``anio``.

    The rule in force on 1 February of ``anio`` (:data:`REGLAS_PENSION_GARANTIZADA`) decides:
    the art. 170 table, INPC(Dec anio-1) / INPC(base) (``Criterios.base_inpc_pension_garantizada``),
    or SM(anio) / SM(2020) with ``indexacion_pension_garantizada="salario_minimo"``; the
    pre-reform amount, INPC(Dec anio-1) / INPC(``base_inpc_pension_garantizada_1997``).
    """
    return regla_pension_garantizada(rs, anio).factor_actualizacion(rs, anio)


def _inpc_factor(rs: RuleSet, anio: int, base: str) -> float:
    """INPC(Dec anio-1) / INPC(base): the February update of ``anio``; 1 before the first update.

    Under ``Criterios.unidad_de_cuenta_rcv = "salario_minimo"`` the index is
    :func:`~pensiones.rules.ruleset.indice_actualizacion_rcv`: the INPC up to the date, the minimum wage after.
    """
    base_year, base_month = (int(x) for x in base.split("-"))
    if (anio - 1, 12) <= (base_year, base_month):
        return 1.0
    if inicio_salario_minimo_rcv(rs.criterios) is not None:
        indice = indice_actualizacion_rcv(rs, [(anio - 1, 12), (base_year, base_month)])
        return float(indice[0] / indice[1])
    return rs.inpc(anio - 1, 12) / rs.inpc(base_year, base_month)


def monto_mensual(
    edad, semanas, salario_uma, anio, *, regimen: str | None = None, reglas: RuleSet | None = None
) -> float:
    """Guaranteed pension in pesos of ``anio``: the amount in force from 1 February of ``anio``.

    Parameters
    ----------
    edad, semanas, salario_uma, anio
        As in :func:`monto_tabla`; ``anio`` may be 1997-2100.  ``anio`` may also be a date:
        January of a year still pays the previous year's update.
    regimen : {"lss2020", "lss1997"}, optional
        ``"lss2020"`` (default, the law in force): for a pension granted until 31-12-2020 the
        pre-reform rule, from 1-1-2021 the art. 170 table x INPC update.  ``"lss1997"``: the
        pre-reform rule at every date.  The pre-reform rule is one Distrito Federal minimum wage
        of 1 July 1997 a month (365/12 days), INPC-updated, for 60+ with that year's minimum
        weeks (``salario_uma`` is then not used but still checked).
    reglas : RuleSet, optional
        Rule set with other assumptions or criteria.

    Returns
    -------
    float
        Monthly pesos, rounded to cents.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    Which rule applies is :data:`REGLAS_PENSION_GARANTIZADA`.  Art. 170 updates the amount every
    February by INPC; the law does not state the base date of the printed amounts.  Default
    ``Criterios.base_inpc_pension_garantizada = '2019-12'``: the amount of year Y is table x
    INPC(Dec Y-1) / INPC(Dec 2019), which reproduces the published 2025 range (3,414 to 10,732
    pesos).

    References
    ----------
    LSS art. 170 as reformed, DOF 16-12-2020 (last paragraph: February INPC update).
    Before the reform: LSS art. 170 (DOF 21-12-1995).

    Examples
    --------
    >>> from pensiones.garantizada import monto_mensual
    >>> monto_mensual(60, 850, 1.5, 2025)
    3414.41
    >>> monto_mensual(65, 1100, 6.0, 2025)
    10731.57
    >>> monto_mensual(65, 1250, 1.5, 2020) == monto_mensual(65, 1250, 1.5, 2020, regimen="lss1997")
    True
    """
    rs = resolve_reglas(regimen, reglas)
    fecha = lookup_date(anio)
    year = fecha.year if fecha >= dt.date(fecha.year, 2, 1) else fecha.year - 1
    e, s, w = _check_inputs(edad, semanas, salario_uma)
    regla = regla_pension_garantizada(rs, fecha)
    return monto_actualizado(regla.monto(rs, e, s, w, fecha), regla.factor_actualizacion(rs, year))
