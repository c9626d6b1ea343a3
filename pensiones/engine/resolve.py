"""Resolve the rules into dense year arrays once per run (the kernel never calls a lookup)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np

from pensiones import garantizada, ley73, ley97, pbam
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA, qx
from pensiones.ley97.contribuciones import _factor_cuota_social
from pensiones.ley97.decumulacion import factor_anualidad
from pensiones.rules.ruleset import RuleSet

__all__ = ["Tablas", "resolver", "parametros"]

_INF = np.inf


class Tablas(NamedTuple):
    """Dense arrays of the rules for years ``start`` .. ``start + n - 1`` (index y)."""

    start: int
    uma: np.ndarray
    sm: np.ndarray
    tope: np.ndarray
    infl: np.ndarray
    fee: np.ndarray
    t_ret: np.ndarray
    t_trab: np.ndarray
    t_est: np.ndarray
    smin: np.ndarray
    ceav_lower: np.ndarray
    ceav_upper: np.ndarray
    ceav_rate: np.ndarray
    cs_lower: np.ndarray
    cs_upper: np.ndarray
    cs_anual: np.ndarray
    pg_cols: np.ndarray
    pg_tabla: np.ndarray
    pg_factor: np.ndarray
    pg_band_lower: np.ndarray
    pg_band_upper: np.ndarray
    l73_lower: np.ndarray
    l73_upper: np.ndarray
    l73_cb: np.ndarray
    l73_inc: np.ndarray
    l73_factor: np.ndarray
    inc11: np.ndarray
    min73: np.ndarray
    umbral: np.ndarray
    pbam_edad: np.ndarray
    pbam_anual: np.ndarray
    muj_min: np.ndarray
    muj_max: np.ndarray
    muj_anual: np.ndarray
    qx: np.ndarray
    a12: np.ndarray
    p01: np.ndarray
    p11: np.ndarray
    sbc_ref: np.ndarray
    edad_ces: np.ndarray


def _continuous_bands(uppers: list[float], width: int) -> tuple[np.ndarray, np.ndarray]:
    """(lower, upper) with lower = running maximum of the previous uppers ("continuo" reading)."""
    lower = np.full(width, _INF)
    upper = np.full(width, -_INF)  # padding bands are empty
    running = -_INF
    for b, u in enumerate(uppers):
        lower[b] = running
        upper[b] = u
        running = max(running, u)
    return lower, upper


def _banded(rs: RuleSet, name: str, fecha: dt.date, uma: float, sm: float):
    rows = rs.rows(name, fecha)
    unit = {"SM": sm, "UMA": uma}
    uppers = [_INF if np.isnan(t) else t * unit[u] for t, u in zip(rows.band_to, rows.unit_to)]
    return rows, uppers


def resolver(rs: RuleSet, start: int, end: int, procesos) -> Tablas:
    """Build :class:`Tablas` for ``start`` .. ``end`` from rule set ``rs`` and the processes.

    Raises
    ------
    ValueError
        If the criteria are not the engine's (``limites_banda="continuo"`` and
        ``criterio_banda_sm="salario_minimo"``): the kernel implements those readings only.
    """
    if rs.criterios.limites_banda != "continuo" or rs.criterios.criterio_banda_sm != "salario_minimo":
        raise ValueError(
            "the engine implements limites_banda='continuo' and criterio_banda_sm='salario_minimo' only; "
            f"got {rs.criterios.limites_banda!r} and {rs.criterios.criterio_banda_sm!r}"
        )
    years = np.arange(start, end + 1)
    ny = len(years)
    fechas = [dt.date(int(t), 2, 1) for t in years]
    uma = np.array([rs.uma_diaria(f) for f in fechas])
    sm = np.array([rs.salario_minimo_diario(f) for f in fechas])
    tope = np.array([rs.tope_sbc_diario(f) for f in fechas])
    infl = np.array([rs.inpc(int(t), 12) / rs.inpc(int(t) - 1, 12) for t in years])
    fee = np.array([float(rs.valor("comision_afore", f, concepto="tope")) for f in fechas])
    t_ret = np.array([float(rs.valor("tasa_retiro", f)) for f in fechas])
    t_trab = np.array([float(rs.valor("tasa_trabajador_ceav", f)) for f in fechas])
    t_est = np.array([ley97.tasa_aportacion_estatal(f, reglas=rs) for f in fechas])
    smin = np.array([float(ley97.semanas_minimas(f, reglas=rs)) for f in fechas])

    nb = 8
    ceav_lower = np.zeros((ny, nb))
    ceav_upper = np.zeros((ny, nb))
    ceav_rate = np.zeros((ny, nb))
    cs_lower = np.zeros((ny, 12))
    cs_upper = np.zeros((ny, 12))
    cs_anual = np.zeros((ny, 12))
    for y, f in enumerate(fechas):
        rows, uppers = _banded(rs, "tasa_patronal_ceav", f, uma[y], sm[y])
        ceav_lower[y], ceav_upper[y] = _continuous_bands(uppers, nb)
        ceav_rate[y, : len(rows)] = rows["value"].to_numpy()
        try:
            rows, uppers = _banded(rs, "cuota_social", f, uma[y], sm[y])
        except ValueError:
            cs_lower[y], cs_upper[y] = _continuous_bands([_INF], 12)
            continue  # no cuota social table before 2009-05-26: zero
        cs_lower[y], cs_upper[y] = _continuous_bands(uppers, 12)
        for b, r in enumerate(rows.itertuples()):
            if r.value == 0:
                continue
            base = rs.criterios.base_inpc_cuota_social if r.effective_from >= dt.date(2023, 1, 1) else r.base_inpc
            cs_anual[y, b] = sum(round(r.value * _factor_cuota_social(rs, int(years[y]), q, base), 5) for q in (1, 2, 3, 4))

    # guaranteed pension: cells of the table in force and the weeks of each column by year
    pg_cols = np.full((ny, 11), _INF)
    pg_tabla = np.zeros((6, 11, 5))
    pg_factor = np.ones(ny)
    if rs.regimen == "lss2020":
        table = rs.rows("pension_garantizada", dt.date(2031, 2, 1))
        bands = sorted(table.band_to.fillna(_INF).unique())
        pg_band_lower, pg_band_upper = _continuous_bands(bands, 5)
        for e in range(6):
            for c in range(11):
                cells = table[(table.edad == 60 + e) & (table.semanas == 1000 + 25 * c)].sort_values("band_from")
                pg_tabla[e, c, :] = cells["value"].to_numpy()
        for y, f in enumerate(fechas):
            if years[y] >= 2021:
                pg_cols[y] = garantizada.columnas_semanas(f, reglas=rs)
                pg_factor[y] = garantizada.tabla.factor_actualizacion(rs, int(years[y]))
    else:
        pg_band_lower, pg_band_upper = _continuous_bands([_INF], 5)
        veces = float(rs.valor("pension_garantizada_1997", dt.date(1997, 7, 1)))
        pg_tabla[:] = veces * rs.salario_minimo_diario(dt.date(1997, 7, 1)) * 365.0 / 12.0
        for y, f in enumerate(fechas):
            pg_cols[y, 0] = smin[y]
            pg_factor[y] = garantizada.tabla.factor_actualizacion(rs, int(years[y]))

    art167 = rs.rows("ley73_art167", fechas[0]).sort_values("grupo")
    l73_lower, l73_upper = _continuous_bands([_INF if np.isnan(t) else t for t in art167.band_to], 22)
    factors = rs.rows("ley73_cesantia", fechas[0]).set_index("edad")["value"]
    l73_factor = np.array([factors[60 + e] for e in range(6)])
    inc11 = np.array([float(rs.valor("ley73_incremento_decreto", f)) for f in fechas])
    min73 = np.array([ley73.pension_minima_mensual(f, reglas=rs) for f in fechas])

    umbral = np.full(ny, _INF)
    for y, t in enumerate(years):
        if t >= 2024:
            umbral[y] = float(rs.valor("fondo_bienestar_umbral", dt.date(2024, 5, 1) if t == 2024 else fechas[y]))
    pbam_edad = np.full(ny, 999.0)
    pbam_anual = np.zeros(ny)
    muj_min = np.full(ny, 999.0)
    muj_max = np.full(ny, -1.0)
    muj_anual = np.zeros(ny)
    for y, t in enumerate(years):
        if t >= 2018:
            pbam_anual[y] = pbam.monto_anual(int(t), reglas=rs)
            pbam_edad[y] = pbam.edad_minima(int(t), bimestre=4, reglas=rs)
        if t >= 2025:
            muj_anual[y] = sum(pbam.monto_bimestral_mujeres_bienestar(int(t), bimestre=b, reglas=rs) for b in range(1, 7))
            muj_min[y], muj_max[y] = pbam.edades_mujeres_bienestar(int(t), reglas=rs)

    tasa_tecnica, tabla_mortalidad = procesos.tasa_tecnica, procesos.tabla_mortalidad
    q = np.vstack([qx("H", tabla=tabla_mortalidad), qx("M", tabla=tabla_mortalidad)])
    a12 = np.full((2, EDAD_MAXIMA_TABLA + 1), np.nan)
    for s_i, s in enumerate(("H", "M")):
        for age in range(EDAD_MAXIMA_TABLA + 1):
            if not np.isnan(q[s_i, age]):
                a12[s_i, age] = factor_anualidad(age, s, tasa_tecnica=tasa_tecnica, tabla=tabla_mortalidad)
    return Tablas(
        int(start), uma, sm, tope, infl, fee, t_ret, t_trab, t_est, smin, ceav_lower, ceav_upper, ceav_rate,
        cs_lower, cs_upper, cs_anual, pg_cols, pg_tabla, pg_factor, pg_band_lower, pg_band_upper,
        l73_lower, l73_upper, art167["cuantia_basica"].to_numpy(dtype=float).copy(),
        art167["incremento_anual"].to_numpy(dtype=float).copy(), l73_factor,
        inc11, min73, umbral, pbam_edad, pbam_anual, muj_min, muj_max, muj_anual, np.nan_to_num(q, nan=1.0), a12,
        np.array(procesos.p_entrada, dtype=float), np.array(procesos.p_permanencia, dtype=float),
        _sbc_referencia(rs, years, procesos),
        np.array([float(ley97.edad_cesantia(f, reglas=rs)) for f in fechas]),
    )


def _sbc_referencia(rs: RuleSet, years: np.ndarray, procesos) -> np.ndarray:
    """Average SBC index by year: December 2025's 627.87 pesos moved by inflation and real wage growth.

    One year past the horizon is included (the kernel classifies next year's wage).
    """
    import datetime as _dt

    base = float(rs.row("sbc_promedio_imss", _dt.date(2025, 12, 1))["value"])
    out = []
    for t in list(years) + [int(years[-1]) + 1]:
        ratio = rs.inpc(int(t) - 1, 12) / rs.inpc(2024, 12)
        out.append(base * ratio * (1.0 + procesos.crecimiento_real_salarial) ** (int(t) - 2025))
    return np.array(out)


def parametros(procesos, semanas_minimas_ley73: float) -> np.ndarray:
    """The kernel's scalar parameters as one float array (indices documented in the kernel)."""
    return np.array(
        [
            float(procesos.edad_retiro),  # 0
            1.0 if procesos.retiro_cesantia else 0.0,  # 1
            procesos.pico_edad,  # 2
            procesos.curvatura_edad,  # 3
            procesos.volatilidad_salarial,  # 4
            procesos.crecimiento_real_salarial,  # 5
            1.0 if procesos.mortalidad else 0.0,  # 6
            semanas_minimas_ley73,  # 7
            procesos.asignacion_ley73,  # 8
            procesos.cobertura_pbam,  # 9
            procesos.cobertura_mujeres,  # 10
            procesos.proporcion_retiro,  # 11
            procesos.mejora_mortalidad,  # 12
        ]
    )


