"""Ley 97 contribution rates and the cuota social (LSS art. 168 and the 2020 transitorios)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from pensiones._validation import check_choice, check_integer, check_number
from pensiones.rules.bands import banda
from pensiones.rules.resolve import resolve_reglas
from pensiones.calendario import ANIO_MAX, ANIO_MIN
from pensiones.rules.ruleset import INICIO_LEY97, RuleSet, indice_actualizacion_rcv, lookup_date
from pensiones.rules.supuestos import inicio_salario_minimo_rcv

__all__ = [
    "tasa_patronal_ceav",
    "tasa_trabajador_ceav",
    "tasa_retiro",
    "tasa_aportacion_estatal",
    "cuota_social_diaria",
    "tabla_cuota_social",
]


def _sbc(rs: RuleSet, fecha: dt.date, sbc_diario: object, zona: str) -> tuple[float, float, float]:
    """Validate a daily SBC against the minimum wage in force; return (sbc, uma, sm)."""
    check_choice("zona", zona, ("general", "zlfn"))
    sm = rs.salario_minimo_diario(fecha, zona=zona)
    uma = rs.unidad_de_cuenta_rcv(fecha)  # Criterios.unidad_de_cuenta_rcv: the UMA of the law in force
    sbc = check_number("sbc_diario", sbc_diario, minimum=0.0, min_inclusive=False)
    if sbc < sm:
        raise ValueError(
            f"sbc_diario must be at least the minimum wage in force on {fecha} ({sm:.2f} pesos, zona={zona!r}); "
            f"got {sbc:g}"
        )
    return sbc, uma, sm


def _trimestre(anio, trimestre) -> tuple[int, int]:
    """Validated (year, quarter): 1997-2100, and in 1997 only the quarters from 1 July (LSS 1997 in force)."""
    year = check_integer("anio", anio, minimum=ANIO_MIN, maximum=ANIO_MAX)
    first = INICIO_LEY97.month // 3 + 1 if year == INICIO_LEY97.year else 1
    name = f"trimestre (of {year})" if year == INICIO_LEY97.year else "trimestre"
    q = check_integer(name, trimestre, minimum=first, maximum=4)
    return year, q


def tasa_patronal_ceav(
    anio, sbc_diario, *, zona: str = "general", regimen: str | None = None, reglas: RuleSet | None = None
) -> float:
    """Employer cesantía y vejez contribution rate for a daily SBC.

    Parameters
    ----------
    anio : int or datetime.date
        Year (its UMA and minimum wage set the band) or an exact date.
    sbc_diario : float
        Salario base de cotización, pesos per day; at least the minimum wage of ``zona``.
    zona : {"general", "zlfn"}
        Minimum-wage zone: the "1.00 SM" band and the floor use that zone's minimum wage.
    regimen, reglas
        Rule set (default ``"lss2020"``) or a :class:`~pensiones.rules.RuleSet`.

    Returns
    -------
    float
        Rate as a decimal of the SBC.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    The band comes from the SBC in minimum wages and UMA in force; a salary equal to the
    minimum wage is the "1.00 SM" band.  How salaries between printed limits and bands
    emptied by the minimum wage are read is set by
    :class:`~pensiones.rules.Criterios` (``limites_banda``, ``criterio_banda_sm``).

    References
    ----------
    LSS art. 168 fr. II a) as reformed; Decreto DOF 16-12-2020, transitorio Segundo
    (3.150 % in 2021-2022; table 2023-2030).  Before the reform: 3.150 % flat.

    Examples
    --------
    >>> from pensiones.ley97 import tasa_patronal_ceav
    >>> tasa_patronal_ceav(2026, 315.04)      # exactly one minimum wage
    0.0315
    >>> tasa_patronal_ceav(2026, 1000.0)      # 8.52 UMA, top band
    0.07513
    >>> tasa_patronal_ceav(2030, 1000.0)
    0.11875
    """
    rs = resolve_reglas(regimen, reglas)
    fecha = lookup_date(anio)
    rows = rs.rows("tasa_patronal_ceav", fecha)
    sbc, uma, sm = _sbc(rs, fecha, sbc_diario, zona)
    i = banda(rows, sbc, uma=uma, sm=sm, criterios=rs.criterios)
    return float(rows["value"].iloc[i])


def tasa_trabajador_ceav(anio, *, regimen: str | None = None, reglas: RuleSet | None = None) -> float:
    """Worker cesantía y vejez contribution rate, decimal of SBC (LSS art. 168 fr. II b): 1.125 %.

    >>> from pensiones.ley97 import tasa_trabajador_ceav
    >>> tasa_trabajador_ceav(2026)
    0.01125
    """
    rs = resolve_reglas(regimen, reglas)
    return float(rs.value("tasa_trabajador_ceav", lookup_date(anio)))


def tasa_retiro(anio, *, regimen: str | None = None, reglas: RuleSet | None = None) -> float:
    """Employer retiro contribution rate, decimal of SBC (LSS art. 168 fr. I): 2 %.

    >>> from pensiones.ley97 import tasa_retiro
    >>> tasa_retiro(2026)
    0.02
    """
    rs = resolve_reglas(regimen, reglas)
    return float(rs.value("tasa_retiro", lookup_date(anio)))


def tasa_aportacion_estatal(anio, *, regimen: str | None = None, reglas: RuleSet | None = None) -> float:
    """Federal Government CEAV contribution as a share of the employer CEAV contribution.

    7.143 % until 31-12-2022 (LSS art. 168 fr. III; transitorio Segundo fr. III of the
    DOF 16-12-2020 decree), 0 afterwards (fraction repealed).  ``lss1997`` keeps 7.143 %.

    >>> from pensiones.ley97 import tasa_aportacion_estatal
    >>> tasa_aportacion_estatal(2022), tasa_aportacion_estatal(2023)
    (0.07143, 0.0)
    """
    rs = resolve_reglas(regimen, reglas)
    return float(rs.value("aportacion_estatal_ceav", lookup_date(anio)))


def cuota_social_diaria(
    anio,
    sbc_diario,
    *,
    trimestre: int = 1,
    zona: str = "general",
    regimen: str | None = None,
    reglas: RuleSet | None = None,
) -> float:
    """Cuota social in force, pesos per day of salary contributed, INPC-updated.

    Parameters
    ----------
    anio : int
        Year (1997-2100).
    sbc_diario : float
        Salario base de cotización, pesos per day; at least the minimum wage.
    trimestre : {1, 2, 3, 4}
        Calendar quarter (1 = January-March); in 1997 only 3 and 4 (the LSS 1997 came into force
        on 1 July 1997).
    zona, regimen, reglas
        As in :func:`tasa_patronal_ceav`.

    Returns
    -------
    float
        Pesos per day, rounded to five decimals as IMSS publishes it; 0.0 above the band
        limit (4 UMA from 2024; 7.09 UMA in 2023; 15 SM before 2023).

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    The amounts are updated quarterly by INPC in March, June, September and December
    (art. 168 fr. IV): the amount in force in a quarter is the published amount x
    INPC(last month of the previous quarter) / INPC(base month).  The base month of the
    2023+ amounts is ``Criterios.base_inpc_cuota_social`` (default '2022-12'); the 2009
    amounts use May 2009.  The band uses the quarter's middle month (UMA from 1 February).

    References
    ----------
    LSS art. 168 fr. IV as reformed and Decreto DOF 16-12-2020 transitorios Segundo fr. II
    (2009 table continues in 2021-2022) and Tercero (2023, bands to 7.09 UMA).

    Examples
    --------
    >>> from pensiones.ley97 import cuota_social_diaria
    >>> cuota_social_diaria(2023, 207.44)                  # one minimum wage, first quarter 2023
    10.75
    >>> cuota_social_diaria(2026, 315.04)    # CONSAR reports 12.15794 (factor rounded to 1.13097)
    12.15786
    >>> cuota_social_diaria(2026, 500.0)                   # 4.26 UMA: above 4 UMA, none
    0.0
    """
    rs = resolve_reglas(regimen, reglas)
    year, q = _trimestre(anio, trimestre)
    fecha = dt.date(year, 3 * q - 1, 1)
    rows = rs.rows("cuota_social", fecha)
    sbc, uma, sm = _sbc(rs, fecha, sbc_diario, zona)
    i = banda(rows, sbc, uma=uma, sm=sm, criterios=rs.criterios)
    return importe_cuota_social(rs, rows.iloc[i], year, q)


#: First day of the reformed cuota social amounts (DOF 16-12-2020, transitorio Tercero): their INPC base
#: is ``Criterios.base_inpc_cuota_social``; earlier rows carry their own base in the table.
INICIO_CUOTA_SOCIAL_REFORMADA = dt.date(2023, 1, 1)


def importe_cuota_social(rs: RuleSet, fila, year: int, q: int) -> float:
    """Daily cuota social of one band (a row of table ``cuota_social``) in quarter ``q`` of ``year``.

    The printed amount times the INPC update of the quarter (LSS art. 168 fr. IV), rounded to five
    decimals as IMSS publishes it; the engine resolves every band of every year through it.
    """
    amount = float(fila["value"])
    if amount == 0.0:
        return 0.0
    base = fila["base_inpc"]
    if fila["effective_from"] >= INICIO_CUOTA_SOCIAL_REFORMADA:
        base = rs.criterios.base_inpc_cuota_social
    return round(amount * _factor_cuota_social(rs, year, q, base), 5)


def importes_cuota_social(rs: RuleSet, fila, years, quarters) -> np.ndarray:
    """:func:`importe_cuota_social` of one band in each quarter of each year: shape ``(len(years), len(quarters))``."""
    amount = float(fila["value"])
    out = np.zeros((len(years), len(quarters)))
    if amount == 0.0:
        return out
    base = fila["base_inpc"]
    if fila["effective_from"] >= INICIO_CUOTA_SOCIAL_REFORMADA:
        base = rs.criterios.base_inpc_cuota_social
    # INPC(last month of the previous quarter) / INPC(base): the quarterly update (art. 168 fr. IV)
    meses = [(int(y) - 1, 12) if q == 1 else (int(y), 3 * (q - 1)) for y in years for q in quarters]
    if inicio_salario_minimo_rcv(rs.criterios) is None:
        inpc = rs.values("inpc", [dt.date(y, m, 1) for y, m in meses]).reshape(out.shape)
        factor = inpc / rs.inpc_mes(base)
    else:
        # Criterios.unidad_de_cuenta_rcv: the INPC up to the date, the minimum wage after it
        indice = indice_actualizacion_rcv(rs, meses + [_mes(base)])
        factor = (indice[:-1] / indice[-1]).reshape(out.shape)
    for i, j in np.ndindex(out.shape):
        out[i, j] = round(amount * float(factor[i, j]), 5)
    return out


def _mes(texto: str) -> tuple[int, int]:
    """(year, month) of a month written 'YYYY-MM'."""
    anio, mes = (int(x) for x in texto.split("-"))
    return anio, mes


def _factor_cuota_social(rs: RuleSet, year: int, q: int, base: str) -> float:
    """INPC(last month of the previous quarter) / INPC(base): the quarterly update (art. 168 fr. IV).

    Under ``Criterios.unidad_de_cuenta_rcv = "salario_minimo"`` the index is
    :func:`~pensiones.rules.ruleset.indice_actualizacion_rcv`: the INPC up to the date, the minimum wage after.
    """
    update_year, update_month = (year - 1, 12) if q == 1 else (year, 3 * (q - 1))
    if inicio_salario_minimo_rcv(rs.criterios) is None:
        return rs.inpc(update_year, update_month) / rs.inpc_mes(base)
    indice = indice_actualizacion_rcv(rs, [(update_year, update_month), _mes(base)])
    return float(indice[0] / indice[1])


def tabla_cuota_social(
    anio, *, trimestre: int = 1, zona: str = "general", regimen: str | None = None, reglas: RuleSet | None = None
):
    """The cuota social table in force in a quarter, with INPC-updated amounts and band limits in pesos.

    Returns
    -------
    pandas.DataFrame
        One row per band: ``banda``, ``desde_pesos`` and ``hasta_pesos`` (daily SBC limits
        with the quarter's UMA and minimum wage), ``publicado`` (pesos per day as published),
        ``pesos_diarios`` (updated, five decimals) and ``vacia`` (True when every salary of
        the band is below one minimum wage, so no worker can fall in it).

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    LSS art. 168 fr. IV as reformed DOF 16-12-2020; transitorios Segundo and Tercero.

    Examples
    --------
    >>> from pensiones.ley97 import tabla_cuota_social
    >>> t = tabla_cuota_social(2026)
    >>> t.loc[t.banda == "1.01 SM a 1.50 UMA", "vacia"].item()
    True
    """
    rs = resolve_reglas(regimen, reglas)
    year, q = _trimestre(anio, trimestre)
    check_choice("zona", zona, ("general", "zlfn"))
    fecha = dt.date(year, 3 * q - 1, 1)
    rows = rs.rows("cuota_social", fecha).reset_index(drop=True)
    sm = rs.salario_minimo_diario(fecha, zona=zona)
    uma = rs.unidad_de_cuenta_rcv(fecha)
    unit = {"SM": sm, "UMA": uma}
    out = rows[["banda", "value"]].rename(columns={"value": "publicado"})
    out["desde_pesos"] = [f * unit[u] for f, u in zip(rows.band_from, rows.unit_from)]
    out["hasta_pesos"] = [float("inf") if math.isnan(t) else t * unit[u] for t, u in zip(rows.band_to, rows.unit_to)]
    factors = []
    for r in rows.itertuples():
        if r.value == 0:
            factors.append(0.0)
            continue
        base = rs.criterios.base_inpc_cuota_social if r.effective_from >= dt.date(2023, 1, 1) else r.base_inpc
        factors.append(_factor_cuota_social(rs, year, q, base))
    out["pesos_diarios"] = [round(v * f, 5) for v, f in zip(rows.value, factors)]
    out["vacia"] = [
        (h < sm) and not (u == "SM" and t == 1.0) for h, u, t in zip(out.hasta_pesos, rows.unit_to, rows.band_to)
    ]
    return out[["banda", "desde_pesos", "hasta_pesos", "publicado", "pesos_diarios", "vacia"]]
