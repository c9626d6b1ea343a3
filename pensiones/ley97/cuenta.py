"""Deterministic projection of one Ley 97 individual account (RCV subaccount), year by year."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from pensiones._validation import check_choice, check_integer, check_number
from pensiones.ley97.formula import aportaciones_rcv, cuota_social_periodo, paso_cuenta
from pensiones.ley97.contribuciones import cuota_social_diaria, tasa_aportacion_estatal, tasa_patronal_ceav
from pensiones.rules.resolve import resolve_reglas
from pensiones.calendario import DIAS_POR_ANIO, DIAS_POR_SEMANA
from pensiones.rules.ruleset import INICIO_LEY97, RuleSet, lookup_date

__all__ = ["proyectar_cuenta", "comision_en_vigor", "ACCOUNT_COLUMNS"]

ACCOUNT_COLUMNS = (
    "anio",
    "sbc_diario",
    "sbc_cotizable",
    "dias_cotizados",
    "semanas",
    "retiro",
    "ceav_patron",
    "ceav_trabajador",
    "aportacion_estatal",
    "cuota_social",
    "voluntaria",
    "aportaciones",
    "saldo_inicial",
    "rendimiento",
    "comision",
    "saldo_final",
    "rendimiento_nominal",
    "tasa_comision",
)


def comision_en_vigor(rs: RuleSet, fecha) -> float:
    """AFORE fee on balance in force on ``fecha``, decimal: the legal cap, or before it the best published figure.

    The legal cap (table ``comision_afore``, ``tope``, LSAR art. 37 as applied by CONSAR from 2020);
    before it the latest published system average fee (``promedio``, 2016-2019); before that
    ``Supuestos.comision_previa`` (an assumption).  The engine and :func:`proyectar_cuenta` read it.

    Examples
    --------
    >>> import pensiones
    >>> from pensiones.ley97.cuenta import comision_en_vigor
    >>> rs = pensiones.rules.load()
    >>> comision_en_vigor(rs, 2021), comision_en_vigor(rs, 2017), comision_en_vigor(rs, 1998)
    (0.0086, 0.0106, 0.015)
    """
    date = lookup_date(fecha, "fecha")
    frame = rs.rule_table("comision_afore").frame
    topes = frame.loc[frame["concepto"] == "tope", "effective_from"]
    if len(topes) and topes.min() <= date:
        return float(rs.value("comision_afore", date, concepto="tope"))
    # before the cap: the latest published system average (annual figures, some years missing)
    promedios = frame[(frame["concepto"] == "promedio") & (frame["effective_from"] <= date)]
    if len(promedios):
        return float(promedios.sort_values("effective_from")["value"].iloc[-1])
    return float(rs.supuestos.comision_previa)


def comisiones_en_vigor(rs: RuleSet, fechas) -> np.ndarray:
    """:func:`comision_en_vigor` on each of ``fechas`` (dates or years), as an array."""
    dates = [lookup_date(f, "fecha") for f in fechas]
    frame = rs.rule_table("comision_afore").frame
    topes = frame.loc[frame["concepto"] == "tope", "effective_from"]
    con_tope = np.array([bool(len(topes)) and topes.min() <= d for d in dates], dtype=bool)
    out = np.empty(len(dates))
    if con_tope.any():
        out[con_tope] = rs.values("comision_afore", [d for d, t in zip(dates, con_tope) if t], concepto="tope")
    # before the cap: the latest published system average (annual figures, some years missing)
    promedios = frame[frame["concepto"] == "promedio"].sort_values("effective_from")
    desde, valores = list(promedios["effective_from"]), promedios["value"].tolist()
    for i in np.flatnonzero(~con_tope):
        k = bisect.bisect_right(desde, dates[i]) - 1
        out[i] = float(valores[k]) if k >= 0 else float(rs.supuestos.comision_previa)
    return out


def _sbc_path(sbc_diario, anio_inicio: int, anios: int, crecimiento_real: float, rs: RuleSet) -> np.ndarray:
    if isinstance(sbc_diario, (int, float)) and not isinstance(sbc_diario, bool):
        s0 = check_number("sbc_diario", sbc_diario, minimum=0.0, min_inclusive=False)
        path = [s0]
        for k in range(1, anios):
            y = anio_inicio + k
            inflation = rs.inpc(y - 1, 12) / rs.inpc(y - 2, 12)
            path.append(path[-1] * inflation * (1.0 + crecimiento_real))
        return np.array(path)
    arr = np.asarray(sbc_diario, dtype=float)
    if arr.ndim != 1 or len(arr) != anios:
        raise ValueError(
            f"sbc_diario must be a number or a sequence of {anios} yearly values (one per year), got {arr.size}"
        )
    if not np.isfinite(arr).all() or (arr <= 0).any():
        raise ValueError("sbc_diario must be finite and positive every year")
    return arr


def proyectar_cuenta(
    sbc_diario: float | Sequence[float],
    anio_inicio: int,
    anio_fin: int,
    *,
    saldo_inicial: float = 0.0,
    densidad: float = 1.0,
    rendimiento_real: float = 0.04,
    comision: str | float = "tope",
    crecimiento_real_sbc: float = 0.0,
    ahorro_voluntario_anual: float = 0.0,
    zona: str = "general",
    regimen: str | None = None,
    reglas: RuleSet | None = None,
) -> pd.DataFrame:
    """Project the RCV balance of one worker from ``anio_inicio`` to ``anio_fin`` (inclusive).

    Parameters
    ----------
    sbc_diario : float or sequence of float
        Daily SBC in pesos: one number (its value in ``anio_inicio``, then grown each year by
        December-on-December INPC x (1 + ``crecimiento_real_sbc``)) or one value per year.  Every
        year it must be at least that year's minimum wage.
    anio_inicio, anio_fin : int
        First and last year (1997-2100).
    saldo_inicial : float
        RCV balance on 1 January of ``anio_inicio``, pesos (>= 0).
    densidad : float
        Share of the year contributed (0-1): days contributed = 365 x densidad (in 1997, the 184
        days from 1 July, when the LSS 1997 came into force, x densidad).
    rendimiento_real : float
        Gross real annual return (-0.5 to 0.5; default 0.04, below the 1997-2025 CONSAR average
        real gross return of about 5 %).  Nominal return = (1 + real) x Dec/Dec INPC - 1.
    comision : "tope" or float
        Annual fee on balance: the year's legal cap (default; past 2026 the ``Supuestos``
        projection; before the cap, 2020, :func:`comision_en_vigor`) or a fixed rate (0-0.05).
    crecimiento_real_sbc : float
        Real wage growth a year when ``sbc_diario`` is a number (-0.2 to 0.2).
    ahorro_voluntario_anual : float
        Voluntary contributions a year, pesos (>= 0).
    zona, regimen, reglas
        Minimum-wage zone and rule set.

    Returns
    -------
    pandas.DataFrame
        One row a year with the columns ``ACCOUNT_COLUMNS``; pesos are nominal.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    Contributions by LSS art. 168 on the SBC capped at 25 UMA (art. 28): retiro 2 %, employer
    CEAV by band, worker CEAV 1.125 %, the state CEAV contribution (7.143 % of the employer's,
    to 2022), and the cuota social per day contributed, quarter by quarter.  They arrive evenly
    through the year, so they earn half a year's return; the fee is charged on the average of
    the opening and the pre-fee closing balance.  Every row satisfies
    ``saldo_final = saldo_inicial + aportaciones + rendimiento - comision``.

    The rules are those in force each year (``lss2020`` is one timeline from 1 July 1997): before
    2023 the flat 3.150 % employer CEAV and the state contribution; the cuota social of 1997
    (5.5 % of the 1997 minimum wage), then of 2009, then the reformed one.

    References
    ----------
    LSS arts. 28, 168 (as reformed DOF 16-12-2020; before the reform, DOF 21-12-1995) and
    transitorios Segundo and Tercero; LSAR art. 37 (fees).

    Examples
    --------
    >>> from pensiones.ley97 import proyectar_cuenta
    >>> c = proyectar_cuenta(500.0, 2026, 2030)
    >>> round(float(c.loc[0, "retiro"]), 2), round(float(c.loc[0, "ceav_patron"]), 2)
    (3650.0, 13711.23)
    >>> bool(((c.saldo_inicial + c.aportaciones + c.rendimiento - c.comision - c.saldo_final).abs() < 1e-6).all())
    True
    >>> float(proyectar_cuenta(200.0, 1998, 2029).loc[0, "ceav_patron"]) == round(200.0 * 365 * 0.0315, 2)
    True
    """
    rs = resolve_reglas(regimen, reglas)
    start = check_integer("anio_inicio", anio_inicio, minimum=1997, maximum=2100)
    end = check_integer("anio_fin", anio_fin, minimum=start, maximum=2100)
    saldo = check_number("saldo_inicial", saldo_inicial, minimum=0.0)
    dens = check_number("densidad", densidad, minimum=0.0, maximum=1.0)
    real = check_number("rendimiento_real", rendimiento_real, minimum=-0.5, maximum=0.5)
    growth = check_number("crecimiento_real_sbc", crecimiento_real_sbc, minimum=-0.2, maximum=0.2)
    voluntaria = check_number("ahorro_voluntario_anual", ahorro_voluntario_anual, minimum=0.0)
    if isinstance(comision, str):
        check_choice("comision", comision, ("tope",))
    else:
        check_number("comision", comision, minimum=0.0, maximum=0.05)
    check_choice("zona", zona, ("general", "zlfn"))
    years = end - start + 1
    sbcs = _sbc_path(sbc_diario, start, years, growth, rs)

    rows = []
    for k, year in enumerate(range(start, end + 1)):
        fecha = lookup_date(year)
        sm = rs.salario_minimo_diario(fecha, zona=zona)
        sbc = float(sbcs[k])
        if sbc < sm:
            raise ValueError(
                f"sbc_diario in {year} ({sbc:.2f}) is below that year's minimum wage ({sm:.2f}); "
                "pass one value per year, or a higher crecimiento_real_sbc"
            )
        cotizable = min(sbc, rs.tope_sbc_diario(fecha))  # LSS art. 28: SBC cap of 25 UMA
        # the Ley 97 accounts receive contributions from 1 July 1997: in 1997, quarters 3 and 4 (184 days)
        primero = year == INICIO_LEY97.year
        quarters = (3, 4) if primero else (1, 2, 3, 4)
        dias = ((dt.date(year + 1, 1, 1) - INICIO_LEY97).days if primero else DIAS_POR_ANIO) * dens
        retiro, ceav_patron, ceav_trabajador, estatal = aportaciones_rcv(
            cotizable,
            dias,
            float(rs.value("tasa_retiro", fecha)),
            tasa_patronal_ceav(fecha, cotizable, zona=zona, reglas=rs),
            float(rs.value("tasa_trabajador_ceav", fecha)),
            tasa_aportacion_estatal(fecha, reglas=rs),
        )
        # LSS art. 168 fr. IV: the mean daily amount of the quarters in force x the days contributed
        diarias = [cuota_social_diaria(year, sbc, trimestre=q, zona=zona, reglas=rs) for q in quarters]
        cuota = cuota_social_periodo(4.0 * sum(diarias) / len(diarias), dias)
        aport = retiro + ceav_patron + ceav_trabajador + estatal + cuota + voluntaria
        nominal = (1.0 + real) * rs.inpc(year, 12) / rs.inpc(year - 1, 12) - 1.0
        fee = comision_en_vigor(rs, fecha) if comision == "tope" else float(comision)
        bruto, cobro, final = paso_cuenta(saldo, aport, nominal, fee)
        rows.append(
            (year, sbc, cotizable, dias, dias / DIAS_POR_SEMANA, retiro, ceav_patron, ceav_trabajador, estatal, cuota,
             voluntaria, aport, saldo, bruto - saldo - aport, cobro, final, nominal, fee)
        )
        saldo = final
    return pd.DataFrame(rows, columns=list(ACCOUNT_COLUMNS))
