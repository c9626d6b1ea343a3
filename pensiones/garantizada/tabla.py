"""Art. 170 table lookup, the transitional weeks columns and the INPC update."""

from __future__ import annotations

import datetime as dt

import numpy as np

from pensiones._validation import check_number
from pensiones.garantizada.formula import columna_semanas, fila_edad, monto_actualizado
from pensiones.rules.bands import banda
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, fecha_de_anio

__all__ = ["monto_tabla", "monto_mensual", "columnas_semanas"]

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


def columnas_semanas(anio, *, reglas: RuleSet | None = None) -> list[int]:
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
    >>> from pensiones.garantizada import columnas_semanas
    >>> columnas_semanas(2026)[:3], columnas_semanas(2026)[-1]
    ([875, 900, 925], 1125)
    """
    rs = resolve_reglas("lss2020", reglas)
    fecha = fecha_de_anio(anio)
    rows = rs.rows("pension_garantizada_columnas", fecha).sort_values("columna")
    tabla = [int(v) for v in rows["value"]]
    primera = int(rs.valor("semanas_minimas", fecha))
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
    fecha = fecha_de_anio(anio)
    edad_minima = int(rs.valor("ley97_edades", fecha, concepto="cesantia"))
    if e < edad_minima:
        raise ValueError(f"edad must be at least {edad_minima} for the guaranteed pension (LSS art. 170); got {e:g}")
    columnas = rs.rows("pension_garantizada_columnas", fecha).sort_values("columna")
    required = np.array(columnas_semanas(fecha, reglas=rs))
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
    # average): classify in UMA units.
    i = banda(cells, w, uma=1.0, sm=0.0, criterios=rs.criterios)
    return float(cells["value"].iloc[i])


def monto_1997(rs: RuleSet, fecha) -> float:
    """Pre-reform guaranteed pension in pesos of 1 July 1997, monthly: the minimum wages in force on ``fecha`` x 365 / 12.

    LSS art. 170 before the 2020 reform (DOF 21-12-1995): one general minimum wage of the
    Distrito Federal of the date the law came into force (1 July 1997), a month.
    """
    inicio = dt.date(1997, 7, 1)
    veces = float(rs.valor("pension_garantizada_1997", fecha_de_anio(fecha)))
    return veces * rs.salario_minimo_diario(inicio) * 365.0 / 12.0


def factor_actualizacion(rs: RuleSet, anio: int) -> float:
    """Update factor of the guaranteed pension for a pension paid from February of ``anio``.

    ``lss2020``: INPC(Dec anio-1) / INPC(base) (``Criterios.base_inpc_pension_garantizada``),
    or SM(anio) / SM(2020) with ``indexacion_pension_garantizada="salario_minimo"``.
    ``lss1997``: INPC(Dec anio-1) / INPC(``base_inpc_pension_garantizada_1997``).
    """
    if rs.regimen == "lss1997":
        return _inpc_factor(rs, anio, rs.criterios.base_inpc_pension_garantizada_1997)
    if rs.criterios.indexacion_pension_garantizada == "salario_minimo":
        return rs.salario_minimo_diario(anio) / rs.salario_minimo_diario(2020) if anio > 2020 else 1.0
    return _inpc_factor(rs, anio, rs.criterios.base_inpc_pension_garantizada)


def _inpc_factor(rs: RuleSet, anio: int, base: str) -> float:
    """INPC(Dec anio-1) / INPC(base): the February update of ``anio``; 1 before the first update."""
    base_year, base_month = (int(x) for x in base.split("-"))
    if (anio - 1, 12) <= (base_year, base_month):
        return 1.0
    return rs.inpc(anio - 1, 12) / rs.inpc(base_year, base_month)


def monto_mensual(
    edad, semanas, salario_uma, anio, *, regimen: str | None = None, reglas: RuleSet | None = None
) -> float:
    """Guaranteed pension in pesos of ``anio``: the amount in force from 1 February of ``anio``.

    Parameters
    ----------
    edad, semanas, salario_uma, anio
        As in :func:`monto_tabla`.  ``anio`` may also be a date: January of a year still
        pays the previous year's update.
    regimen : {"lss2020", "lss1997"}, optional
        ``"lss2020"`` (default): art. 170 table x INPC update.  ``"lss1997"``: the law before
        the reform, one Distrito Federal minimum wage of 1 July 1997 a month (365/12 days),
        INPC-updated, for 60+ with 1,250 weeks (``salario_uma`` is then not used but still
        checked).
    reglas : RuleSet, optional
        Rule set with other assumptions or criteria.

    Returns
    -------
    float
        Monthly pesos, rounded to cents.

    Notes
    -----
    Art. 170 updates the amount every February by INPC; the law does not state the base
    date of the printed amounts.  Default ``Criterios.base_inpc_pension_garantizada =
    '2019-12'``: the amount of year Y is table x INPC(Dec Y-1) / INPC(Dec 2019), which
    reproduces the published 2025 range (3,414 to 10,732 pesos).

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
    """
    rs = resolve_reglas(regimen, reglas)
    fecha = fecha_de_anio(anio)
    year = fecha.year if fecha >= dt.date(fecha.year, 2, 1) else fecha.year - 1
    if rs.regimen == "lss1997":
        e, s, _ = _check_inputs(edad, semanas, salario_uma)
        edad_minima = int(rs.valor("ley97_edades", fecha, concepto="cesantia"))
        if e < edad_minima:
            raise ValueError(f"edad must be at least {edad_minima} for the guaranteed pension; got {e:g}")
        required = int(rs.valor("semanas_minimas", fecha))
        if s < required:
            raise ValueError(f"semanas must be at least {required} (LSS art. 154 before the 2020 reform); got {s:g}")
        return monto_actualizado(monto_1997(rs, fecha), factor_actualizacion(rs, year))
    amount = monto_tabla(edad, semanas, salario_uma, fecha, reglas=rs)
    return monto_actualizado(amount, factor_actualizacion(rs, year))
