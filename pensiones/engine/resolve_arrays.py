"""The rules as the engine's year arrays: each table read once for all the years of a run.

:func:`tablas` builds the fields of the :class:`~pensiones.engine.resolve.Tablas` of
:func:`pensiones.engine.resolve.resolver` (which caches them).  Every table is read on all the years' dates at once
(:meth:`RuleSet.values <pensiones.rules.RuleSet.values>`, :meth:`RuleSet.rows_by_date
<pensiones.rules.RuleSet.rows_by_date>`) and every legal quantity comes from the array twin of the
calculators' function, next to it in its module (``comisiones_en_vigor`` beside
``comision_en_vigor``, ...).  The arrays are those of looking each year up through the calculators,
bit for bit: ``tests/engine/test_resolver_arrays.py`` compares them, field by field, with that
reference for every built-in scenario, the years 1997-2100 and reform overlays on every table the
engine reads, and checks that the same tables are read up to the same dates.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from pensiones.demography.mortalidad import ANIO_BASE_TABLA, EDAD_MAXIMA_TABLA, TABLAS_MORTALIDAD, qx_por_fecha
from pensiones.garantizada import tabla as pg
from pensiones.ley73.minima import pensiones_minimas_mensuales
from pensiones.ley97.contribuciones import importes_cuota_social
from pensiones.ley97.cuenta import comisiones_en_vigor
from pensiones.ley97.decumulacion import factores_anualidad_qx
from pensiones.ley97.fondo_bienestar import INICIO_FONDO_BIENESTAR, _fecha_umbral, umbrales_fondo_bienestar
from pensiones.pbam import montos as pbam
from pensiones.rules.projection import sbc_promedio_imss_anios
from pensiones.rules.ruleset import INICIO_LEY97, RuleSet, indice_actualizacion_rcv, lookup_date
from pensiones.rules.supuestos import inicio_salario_minimo_rcv

__all__ = ["tablas", "sbc_promedio_publicado"]

_INF = np.inf
#: Widest band tables: employer CEAV (8 bands), cuota social (12), Art. 170 (5), art. 167 (22 groups).
_N_CEAV, _N_CS, _N_PG_BANDAS, _N_L73 = 8, 12, 5, 22


def _bandas_continuas(uppers: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """(lower, upper) of each row of ``uppers`` (years x bands), lower = running maximum of the previous
    uppers (the "continuo" reading); bands past the table's are empty (lower inf, upper -inf)."""
    n, k = uppers.shape
    lower = np.full((n, width), _INF)
    upper = np.full((n, width), -_INF)
    if k:
        upper[:, :k] = uppers
        lower[:, 0] = -_INF
        lower[:, 1:k] = np.maximum.accumulate(uppers, axis=1)[:, :-1]
    return lower, upper


def _limites(rows, uma: np.ndarray, sm: np.ndarray) -> np.ndarray:
    """Upper limits in pesos (years x bands) of a band table whose limits are in SM or UMA; open: inf."""
    t = rows["band_to"].to_numpy(dtype=float)
    unidades = list(rows["unit_to"])
    unit = np.stack([{"SM": sm, "UMA": uma}[u] for u in unidades], axis=1) if unidades else np.zeros((len(uma), 0))
    return np.where(np.isnan(t), _INF, t * unit)


def _contribuciones(rs: RuleSet, years: np.ndarray, fechas: list, uma: np.ndarray, sm: np.ndarray) -> dict:
    """LSS art. 168 frs. II and IV: employer CEAV and cuota social by band, every year."""
    ny = len(years)
    ceav_lower, ceav_upper, ceav_rate = np.zeros((ny, _N_CEAV)), np.zeros((ny, _N_CEAV)), np.zeros((ny, _N_CEAV))
    frames, which = rs.rows_by_date("tasa_patronal_ceav", fechas)
    for k, rows in enumerate(frames):
        ys = which == k
        ceav_lower[ys], ceav_upper[ys] = _bandas_continuas(_limites(rows, uma[ys], sm[ys]), _N_CEAV)
        ceav_rate[np.ix_(ys, np.arange(len(rows)))] = rows["value"].to_numpy()

    cs_lower, cs_upper, cs_anual = np.zeros((ny, _N_CS)), np.zeros((ny, _N_CS)), np.zeros((ny, _N_CS))
    inicio = rs.rule_table("cuota_social").frame["effective_from"].min()
    # no cuota social before the table's first date (a reform overlay may remove rows)
    con = np.array([f >= inicio for f in fechas], dtype=bool)
    cs_lower[~con], cs_upper[~con] = _bandas_continuas(np.full((int((~con).sum()), 1), _INF), _N_CS)
    if con.any():
        idx = np.flatnonzero(con)
        frames, which = rs.rows_by_date("cuota_social", [fechas[i] for i in idx])
        for k, rows in enumerate(frames):
            ys = idx[which == k]
            cs_lower[ys], cs_upper[ys] = _bandas_continuas(_limites(rows, uma[ys], sm[ys]), _N_CS)
            # the quarters in force: in 1997 the two from 1 July (the sum stays four times their mean)
            en_1997 = years[ys] == INICIO_LEY97.year
            for quarters, sel in (((3, 4), en_1997), ((1, 2, 3, 4), ~en_1997)):
                if not sel.any():
                    continue
                yq = ys[sel]
                for b in range(len(rows)):
                    # the quarterly amounts of the band, each INPC-updated (LSS art. 168 fr. IV)
                    amounts = importes_cuota_social(rs, rows.iloc[b], years[yq], quarters)
                    total = np.zeros(len(yq))
                    for q in range(len(quarters)):
                        total = total + amounts[:, q]
                    cs_anual[yq, b] = total if len(quarters) == 4 else 4.0 * total / len(quarters)
    return {
        "ceav_banda_inferior": ceav_lower, "ceav_banda_superior": ceav_upper, "tasa_patronal_ceav": ceav_rate,
        "cuota_social_banda_inferior": cs_lower, "cuota_social_banda_superior": cs_upper,
        "cuota_social_anual": cs_anual,
    }


def _pension_garantizada(rs: RuleSet, years: np.ndarray, fechas: list, smin: np.ndarray,
                         edad_ces: np.ndarray) -> dict:
    """LSS art. 170 and transitorio Cuarto: the table, its weeks columns and its update, by grant year."""
    ny = len(years)
    pg_cols = np.full((ny, 11), _INF)
    pg_tabla = np.zeros((ny, 6, 11, _N_PG_BANDAS))
    pg_factor = np.ones(ny)
    pg_band_lower = np.zeros((ny, _N_PG_BANDAS))
    pg_band_upper = np.zeros((ny, _N_PG_BANDAS))
    pg_edad_min = edad_ces.copy()
    pg_edad_ultima = np.trunc(rs.values("ley97_edades", fechas, concepto="vejez"))
    # the implementation in force for a pension granted on each date (garantizada.tabla.REGLAS_PENSION_GARANTIZADA)
    reglas_pg = [pg.regla_pension_garantizada(rs, f) for f in fechas]
    for regla in dict.fromkeys(reglas_pg):
        ys = np.array([r is regla for r in reglas_pg], dtype=bool)
        pg_factor[ys] = regla.factores_actualizacion(rs, years[ys])
    ys_2020 = np.flatnonzero([r is pg.PENSION_GARANTIZADA_2020 for r in reglas_pg])
    if len(ys_2020):
        fechas_2020 = [fechas[i] for i in ys_2020]
        rs.rule_table("pension_garantizada")  # the whole table is read, as the calculators' lookups read it
        frames, which = rs.rows_by_date("pension_garantizada", fechas_2020)
        # Criterios.unidad_de_cuenta_rcv: limits in minimum wages, in UMA of the grant date (1 under the law)
        escala = pg.factores_bandas(rs, fechas_2020)
        for k, table in enumerate(frames):
            ys = ys_2020[which == k]
            bands = sorted(table.band_to.fillna(_INF).unique())
            if inicio_salario_minimo_rcv(rs.criterios) is None:
                lower, upper = _bandas_continuas(np.array([bands], dtype=float), _N_PG_BANDAS)
                pg_band_lower[ys], pg_band_upper[ys] = lower[0], upper[0]
            else:
                uppers = np.array([bands], dtype=float) * escala[which == k][:, None]
                pg_band_lower[ys], pg_band_upper[ys] = _bandas_continuas(uppers, _N_PG_BANDAS)
            ages = sorted(table.edad.unique())
            pg_edad_min[ys], pg_edad_ultima[ys] = ages[0], ages[-1]
            cube = table.sort_values(["edad", "semanas", "band_from"])["value"].to_numpy(dtype=float)
            pg_tabla[ys] = cube.reshape(len(ages), 11, _N_PG_BANDAS)
        for y, cols in zip(ys_2020, pg.semanas_tablas(fechas_2020, reglas=rs)):
            pg_cols[y, : len(cols)] = cols
    ys_1997 = np.flatnonzero([r is not pg.PENSION_GARANTIZADA_2020 for r in reglas_pg])
    if len(ys_1997):
        # the pre-reform rule (LSS art. 170, DOF 21-12-1995) in the same arrays: one band, one weeks
        # column (the year's minimum weeks, 1,250), every age row the same amount, so the kernel's
        # pg_mensual gives one 1997 minimum wage a month x the INPC update from age 60 (cesantía)
        lower, upper = _bandas_continuas(np.array([[_INF]]), _N_PG_BANDAS)
        pg_band_lower[ys_1997], pg_band_upper[ys_1997] = lower[0], upper[0]
        pg_tabla[ys_1997] = pg.montos_1997(rs, [fechas[i] for i in ys_1997])[:, None, None, None]
        pg_cols[ys_1997, 0] = smin[ys_1997]
    return {
        "pension_garantizada_semanas": pg_cols, "pension_garantizada_montos": pg_tabla,
        "pension_garantizada_factor": pg_factor, "pension_garantizada_banda_inferior": pg_band_lower,
        "pension_garantizada_banda_superior": pg_band_upper, "pension_garantizada_edad_minima": pg_edad_min,
        "pension_garantizada_edad_ultima": pg_edad_ultima,
    }


def _indexacion_pg(rs: RuleSet, years: np.ndarray, infl: np.ndarray) -> np.ndarray:
    """February update of a guaranteed pension in payment in each year (LSS art. 170 last paragraph).

    Index ``y`` is the update of year ``start + y`` (the kernel reads it from ``y = 1``): the
    December-on-December INPC of the year before (``infl[y - 1]``), the update the kernel gives every
    pension in payment.  Under ``Criterios.unidad_de_cuenta_rcv = "salario_minimo"`` the update whose
    index takes effect on or after the date is the ratio of
    :func:`~pensiones.rules.ruleset.indice_actualizacion_rcv` in December of the two years before: the
    minimum wage's growth, as the amounts of new guaranteed pensions.
    """
    out = np.ones(len(years))
    out[1:] = infl[:-1]
    inicio = inicio_salario_minimo_rcv(rs.criterios)
    if inicio is None:
        return out
    ys = [y for y in range(1, len(years)) if dt.date(int(years[y]), 1, 1) >= inicio]
    if ys:
        meses = [(int(years[y]) - 1, 12) for y in ys] + [(int(years[y]) - 2, 12) for y in ys]
        indice = indice_actualizacion_rcv(rs, meses)
        out[ys] = indice[: len(ys)] / indice[len(ys):]
    return out


def _ley73(rs: RuleSet, fechas: list, procesos) -> dict:
    """LSS 1973 arts. 167-171 and the 11 % (Decreto DOF 20-12-2001), by grant year."""
    ny = len(fechas)
    l73_lower, l73_upper = np.zeros((ny, _N_L73)), np.zeros((ny, _N_L73))
    l73_cb, l73_inc = np.zeros((ny, _N_L73)), np.zeros((ny, _N_L73))
    rs.rule_table("ley73_art167")  # the whole table is read, as the calculators' lookups read it
    frames, which = rs.rows_by_date("ley73_art167", fechas)
    for k, art167 in enumerate(frames):
        ys = which == k
        art167 = art167.sort_values("grupo")
        uppers = np.array([[_INF if np.isnan(t) else t for t in art167.band_to]], dtype=float)
        lower, upper = _bandas_continuas(uppers, _N_L73)
        l73_lower[ys], l73_upper[ys] = lower[0], upper[0]
        l73_cb[np.ix_(ys, np.arange(len(art167)))] = art167["cuantia_basica"].to_numpy(dtype=float)
        l73_inc[np.ix_(ys, np.arange(len(art167)))] = art167["incremento_anual"].to_numpy(dtype=float)
    l73_factor = np.zeros((ny, 6))
    l73_factor_edad0, l73_factor_edad1 = np.zeros(ny), np.zeros(ny)
    rs.rule_table("ley73_cesantia")
    frames, which = rs.rows_by_date("ley73_cesantia", fechas)
    for k, factors in enumerate(frames):
        ys = which == k
        factors = factors.sort_values("edad")
        values = factors["value"].to_numpy(dtype=float)
        l73_factor[np.ix_(ys, np.arange(len(values)))] = values
        l73_factor_edad0[ys], l73_factor_edad1[ys] = float(factors["edad"].iloc[0]), float(factors["edad"].iloc[-1])
    if procesos.asignacion_ley73 is None:
        # LSS 1973 arts. 164-166: a spouse (15 %) or, without beneficiaries, ayuda asistencial (15 %)
        l73_asig = rs.values("ley73_asignaciones", fechas, concepto="esposa")
    else:
        l73_asig = np.full(ny, float(procesos.asignacion_ley73))
    return {
        "ley73_grupo_inferior": l73_lower, "ley73_grupo_superior": l73_upper, "ley73_cuantia_basica": l73_cb,
        "ley73_incremento_anual": l73_inc, "ley73_factor_cesantia": l73_factor,
        "ley73_factor_edad_primera": l73_factor_edad0, "ley73_factor_edad_ultima": l73_factor_edad1,
        "ley73_edad_cesantia": rs.values("ley73_requisitos", fechas, concepto="edad_cesantia"),
        "ley73_edad_vejez": rs.values("ley73_requisitos", fechas, concepto="edad_vejez"),
        "ley73_semanas_minimas": rs.values("ley73_requisitos", fechas, concepto="semanas_minimas"),
        "ley73_asignaciones": l73_asig,
        "incremento_11": rs.values("ley73_incremento_decreto", fechas),
        "ley73_pension_minima": pensiones_minimas_mensuales(fechas, reglas=rs),
    }


def _bienestar(rs: RuleSet, years: np.ndarray, procesos) -> dict:
    """The Fondo de Pensiones para el Bienestar threshold, PBAM and Pensión Mujeres Bienestar by year."""
    ny = len(years)
    # decree DOF 01-05-2024: threshold by grant year, read by the calculators' function under the rule
    # set's reading (Criterios.umbral_fondo_bienestar)
    umbral = np.full(ny, -_INF)
    fondo = years >= INICIO_FONDO_BIENESTAR.year
    umbral[fondo] = umbrales_fondo_bienestar(
        years[fondo], reglas=rs, crecimiento_real_salarial=procesos.crecimiento_real_salarial,
        trayectoria=procesos.trayectoria_crecimiento_real_salarial,
    )
    # the age and the cap of the complement of a pension granted in each year, read on the threshold's
    # dates; before the fund, the values of its first day (no complement then: the threshold is -inf)
    fechas_fondo = [_fecha_umbral(max(int(t), INICIO_FONDO_BIENESTAR.year)) for t in years]
    edad = rs.values("fondo_bienestar_edad", fechas_fondo)
    tope = rs.values("fondo_bienestar_tope_complemento", fechas_fondo)
    pbam_edad, pbam_anual = np.full(ny, 999.0), np.zeros(ny)
    muj_min, muj_max, muj_anual = np.full(ny, 999.0), np.full(ny, -1.0), np.zeros(ny)
    # each programme from the first year of its table (PBAM 2018, Mujeres Bienestar 2025)
    con = years >= rs.rule_table("pbam").frame["effective_from"].min().year
    pbam_anual[con] = pbam.montos_anuales(years[con], reglas=rs)
    # the age in force from July-August (bimester 4): the year the age fell from 68 to 65 (2021)
    # it applies to the second half, when the people turning 65 that year are paid
    pbam_edad[con] = pbam.edades_minimas(years[con], bimestre=4, reglas=rs)
    con = years >= rs.rule_table("pension_mujeres_bienestar").frame["effective_from"].min().year
    muj_anual[con] = pbam.montos_anuales_mujeres_bienestar(years[con], reglas=rs)
    muj_min[con], muj_max[con] = pbam.edades_mujeres_bienestar_anios(years[con], reglas=rs)
    return {
        "umbral_fondo_bienestar": umbral, "fondo_bienestar_edad": edad, "fondo_bienestar_tope_complemento": tope,
        "pbam_edad": pbam_edad, "pbam_anual": pbam_anual,
        "mujeres_bienestar_edad_minima": muj_min, "mujeres_bienestar_edad_maxima": muj_max,
        "mujeres_bienestar_anual": muj_anual,
    }


def _mortalidad(rs: RuleSet, years: np.ndarray, fechas: list, procesos) -> dict:
    """Mortality of each year (the table in force, times the improvement since its base year) and the
    annuity factors an insurer prices with it at the year's technical rate."""
    ny = len(years)
    # Procesos.tasa_tecnica if set, else table tasa_tecnica (LSS art. 159 fr. IV)
    if procesos.tasa_tecnica is None:
        tasa_tecnica = rs.values("tasa_tecnica", fechas)
    else:
        tasa_tecnica = np.full(ny, float(procesos.tasa_tecnica))
    tabla = procesos.tabla_mortalidad
    mejora = (1.0 - procesos.mejora_mortalidad) ** np.maximum(years - ANIO_BASE_TABLA[tabla], 0)
    q = np.empty((ny, 2, EDAD_MAXIMA_TABLA + 1))
    a12 = np.full((ny, 2, EDAD_MAXIMA_TABLA + 1), np.nan)
    memo: dict = {}
    inicio_tabla = rs.rule_table(TABLAS_MORTALIDAD[tabla]).frame["effective_from"].min()
    # a year before the table's first date (EMSSA-09: 27-11-2009) reads its first rows: the table
    # describes the people simulated, whatever year it was published
    leidas = [max(f, inicio_tabla) for f in fechas]
    for s_i, s in enumerate(("H", "M")):
        bases, which = qx_por_fecha(rs, tabla, s, leidas)
        primeros: dict = {}  # each distinct (q(x), technical rate) and the first year that has it
        for y in range(ny):
            base = bases[which[y]]
            q[y, s_i] = np.nan_to_num(base, nan=1.0) * mejora[y]
            q[y, s_i, EDAD_MAXIMA_TABLA] = 1.0
            primeros.setdefault((q[y, s_i].tobytes(), tasa_tecnica[y]), y)
        # the annuity factor of every age of each distinct row, all rows of an age at once
        ys = np.array(list(primeros.values()), dtype=np.int64)
        filas = np.full((len(ys), EDAD_MAXIMA_TABLA + 1), np.nan)
        validas = ~np.isnan(np.stack([bases[which[y]] for y in ys]))
        for age in range(EDAD_MAXIMA_TABLA + 1):
            con = validas[:, age]
            if con.any():
                filas[con, age] = factores_anualidad_qx(q[ys[con], s_i], age, tasa_tecnica[ys[con]])
        for k, clave in enumerate(primeros):
            memo[(s_i, *clave)] = filas[k]
        for y in range(ny):
            a12[y, s_i] = memo[(s_i, q[y, s_i].tobytes(), tasa_tecnica[y])]
    return {"qx": q, "factor_anualidad": a12, "tasa_tecnica": tasa_tecnica}


def _mortalidad_memo(rs: RuleSet, years: np.ndarray, fechas: list, procesos, memo: dict | None) -> dict:
    """:func:`_mortalidad`, kept in ``memo`` (if given) under the mortality table, improvement and technical rate."""
    if memo is None:
        return _mortalidad(rs, years, fechas, procesos)
    clave = ("mortalidad", int(years[0]), int(years[-1]), procesos.tabla_mortalidad, float(procesos.mejora_mortalidad),
             procesos.tasa_tecnica)
    if clave not in memo:
        memo[clave] = _mortalidad(rs, years, fechas, procesos)
    return {k: v.copy() for k, v in memo[clave].items()}


def _sobrevivientes(rs: RuleSet, fechas: list) -> dict:
    """Survivors' pensions (LSS 1973 arts. 149-164; LSS arts. 127-144), by the year of the death."""
    ny = len(fechas)
    sob = {c: np.zeros((ny, 2)) for c in ("viudez", "orfandad", "orfandad_doble", "semanas_minimas")}
    for r, ley in enumerate(("ley73", "ley97")):
        for c in sob:
            sob[c][:, r] = rs.values("sobrevivientes", fechas, ley=ley, concepto=c)
    return {
        "sobrevivientes_viudez": sob["viudez"], "sobrevivientes_orfandad": sob["orfandad"],
        "sobrevivientes_orfandad_doble": sob["orfandad_doble"],
        "sobrevivientes_semanas_minimas": sob["semanas_minimas"],
        # LSS art. 141: the Ley 97 invalidity pension, share of the last-500-weeks average
        "cuantia_invalidez": rs.values("sobrevivientes", fechas, ley="ley97", concepto="cuantia_invalidez"),
    }


def _invalidez(rs: RuleSet, fechas: list) -> dict:
    """Weeks of the invalidity pension by the year of the declaration (LSS 1973 art. 131; LSS art. 122)."""
    semanas = np.zeros((len(fechas), 2))
    for r, ley in enumerate(("ley73", "ley97")):
        semanas[:, r] = rs.values("sobrevivientes", fechas, ley=ley, concepto="semanas_invalidez")
    return {
        "invalidez_semanas_minimas": semanas,
        # LSS art. 122: 150 weeks when the dictamen finds 75 % or more of invalidity
        "invalidez_semanas_minimas_grado_75": rs.values(
            "sobrevivientes", fechas, ley="ley97", concepto="semanas_invalidez_grado_75"
        ),
    }


def sbc_promedio_publicado(rs: RuleSet) -> dict[int, float]:
    """The published IMSS average daily SBC by year (December of each year in table ``sbc_promedio_imss``)."""
    frame = rs.rule_table("sbc_promedio_imss").frame
    return {d.year: float(v) for d, v in zip(frame["effective_from"], frame["value"]) if d.month == 12}


def _salarios(rs: RuleSet, years: np.ndarray, procesos, infl: np.ndarray, salarios_observados: bool) -> dict:
    """Wages: the assumed real growth, or the published average SBC of the past (LSS art. 28 cap aside)."""
    ny = len(years)
    crecimiento = np.full(ny, float(procesos.crecimiento_real_salarial))
    trayectoria = procesos.trayectoria_crecimiento_real_salarial
    # the growth from year y to y + 1 is the path's value of year y + 1 (Procesos.trayectoria_crecimiento_real_salarial)
    for t, tasa in trayectoria:
        if years[0] <= t - 1 <= years[-1]:
            crecimiento[t - 1 - years[0]] = tasa
    # December 2025's average moved by inflation and real wage growth; one year past the horizon
    # (the kernel classifies next year's wage)
    sbc_promedio = sbc_promedio_imss_anios(rs, list(years) + [int(years[-1]) + 1], procesos.crecimiento_real_salarial,
                                           trayectoria)
    if salarios_observados:
        publicado = sbc_promedio_publicado(rs)
        for k, t in enumerate(list(years) + [int(years[-1]) + 1]):
            if int(t) in publicado:
                sbc_promedio[k] = publicado[int(t)]
        for y, t in enumerate(years):
            if int(t) in publicado and int(t) + 1 in publicado:
                crecimiento[y] = publicado[int(t) + 1] / publicado[int(t)] / infl[y] - 1.0
    return {"sbc_promedio": sbc_promedio, "crecimiento_real_salarial": crecimiento}


def tablas(rs: RuleSet, start: int, end: int, procesos, *, salarios_observados: bool = False,
           memo: dict | None = None) -> dict:
    """The fields of the :class:`~pensiones.engine.resolve.Tablas` of ``start`` .. ``end``, by name (see
    :func:`pensiones.engine.resolve.resolver`, which checks the criteria and caches the result).

    ``memo``, a dict kept by the caller across calls on rule sets with the same tables and overlays (the
    paths of one scenario, :mod:`pensiones.engine.incertidumbre`), keeps the mortality and annuity factors
    of each (mortality table, improvement, technical rate): they do not depend on the assumptions.
    """
    from pensiones.engine.procesos import BANDAS_EDAD, BANDAS_SALARIO_REL

    years = np.arange(start, end + 1)
    if not len(years):
        raise ValueError(f"end must be at least start; got start={start!r}, end={end!r}")
    # 1 February of each year (1 July 1997, the first day of the LSS 1997, for 1997: lookup_date)
    fechas = [lookup_date(int(t)) for t in years]
    # the unit of account: the UMA, the minimum wage before 28-01-2016 (band limits in UMA read as SM)
    uma = rs.unidades_de_cuenta(fechas)
    sm = rs.values("salario_minimo", fechas, zona="general")
    inpc_dic = rs.values("inpc", [dt.date(int(t), 12, 1) for t in range(int(start) - 1, int(end) + 1)])
    infl = inpc_dic[1:] / inpc_dic[:-1]  # December-on-December INPC
    smin = np.trunc(rs.values("semanas_minimas", fechas))  # LSS arts. 154 and 162, transitorio Cuarto
    edad_ces = np.trunc(rs.values("ley97_edades", fechas, concepto="cesantia"))  # LSS art. 154
    fields = {
        "start": int(start), "uma_diaria": uma, "salario_minimo_diario": sm,
        "tope_sbc_diario": rs.topes_sbc_diarios(fechas),  # LSS art. 28
        "factor_inflacion": infl,
        "comision_afore": comisiones_en_vigor(rs, fechas),  # the legal cap (before 2020 ley97.cuenta's reading)
        "tasa_retiro": rs.values("tasa_retiro", fechas),  # LSS art. 168 fr. I
        "tasa_trabajador_ceav": rs.values("tasa_trabajador_ceav", fechas),  # LSS art. 168 fr. II
        "tasa_aportacion_estatal": rs.values("aportacion_estatal_ceav", fechas),  # LSS art. 168 fr. III
        "semanas_minimas": smin,
        # LSS art. 168 frs. II and IV: band limits in UMA read in the unit of Criterios.unidad_de_cuenta_rcv
        **_contribuciones(rs, years, fechas, rs.unidades_de_cuenta_rcv(fechas), sm),
        **_pension_garantizada(rs, years, fechas, smin, edad_ces),
        **_ley73(rs, fechas, procesos),
        **_bienestar(rs, years, procesos),
        **_mortalidad_memo(rs, years, fechas, procesos, memo),
        "p_entrada": np.array(procesos.p_entrada, dtype=float),
        "p_permanencia": np.array(procesos.p_permanencia, dtype=float),
        "bandas_edad": np.array(BANDAS_EDAD, dtype=float),
        "bandas_salario": np.array(BANDAS_SALARIO_REL, dtype=float),
        "edad_cesantia": edad_ces,
        "edad_vejez": np.trunc(rs.values("ley97_edades", fechas, concepto="vejez")),  # LSS art. 162
        **_sobrevivientes(rs, fechas),
        **_salarios(rs, years, procesos, infl, salarios_observados),
        # LSS 1997 in force from 1 July 1997 (transitorio Primero, DOF 21-12-1995): the accounts receive
        # half a year of contributions in 1997
        "fraccion_aportaciones": np.where(years == INICIO_LEY97.year, 0.5, 1.0),
        "tasa_vivienda": rs.values("aportacion_vivienda", fechas),  # LSS art. 168 / Ley del INFONAVIT art. 29
        **_invalidez(rs, fechas),
        "pension_garantizada_indexacion": _indexacion_pg(rs, years, infl),
        # a matching contribution on voluntary saving (none in the law: a reform's parameters)
        "pareo_ahorro_voluntario_tasa": rs.values("pareo_ahorro_voluntario", fechas, column="tasa"),
        "pareo_ahorro_voluntario_tope": rs.values("pareo_ahorro_voluntario", fechas, column="tope"),
    }
    return fields
