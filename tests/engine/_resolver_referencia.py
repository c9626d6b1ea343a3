"""The engine's resolver as it was before the resolution became array work: the reference of the parity tests.

Every quantity is read year by year through the calculators' functions and ``RuleSet`` lookups
(one pandas row per lookup), exactly as :func:`pensiones.engine.resolve.resolver` did before the
resolution became array work (issue #22, item 1).
``tests/engine/test_resolver_arrays.py`` checks that the array resolver
gives the same :class:`~pensiones.engine.resolve.Tablas`, field by field and bit for bit, and the
same tables read; keep this file as it is, unless the law it resolves changes (then change both).
Changed with issue #24: the RCV bands' unit (``Criterios.unidad_de_cuenta_rcv``), the update of a guaranteed
pension in payment, the Fondo Bienestar age and cap by grant year and the match on voluntary saving.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from pensiones import garantizada, ley73, ley97, pbam
from pensiones.demography.mortalidad import ANIO_BASE_TABLA, EDAD_MAXIMA_TABLA, TABLAS_MORTALIDAD, qx_de_reglas
from pensiones.engine.resolve import Tablas
from pensiones.ley97.contribuciones import importe_cuota_social
from pensiones.ley97.cuenta import comision_en_vigor
from pensiones.ley97.decumulacion import factor_anualidad_qx
from pensiones.ley97.fondo_bienestar import (
    INICIO_FONDO_BIENESTAR, _fecha_umbral, edad_fondo_bienestar, umbral_fondo_bienestar,
)
from pensiones.rules.projection import sbc_promedio_imss
from pensiones.rules.ruleset import INICIO_LEY97, RuleSet, indice_actualizacion_rcv, lookup_date
from pensiones.rules.supuestos import inicio_salario_minimo_rcv

_INF = np.inf
_N_CEAV, _N_CS, _N_PG_BANDAS, _N_L73 = 8, 12, 5, 22


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


def _snapshots(rs: RuleSet, name: str, fechas: list[dt.date]):
    """The rows of snapshot table ``name`` in force on each date, parsed once per distinct snapshot."""
    frame = rs.rule_table(name).frame
    memo: dict = {}
    out = []
    for f in fechas:
        vigentes = frame["effective_from"] <= f
        key = frame.loc[vigentes, "effective_from"].max() if vigentes.any() else None
        if key not in memo:
            memo[key] = rs.rows(name, f)
        out.append(memo[key])
    return out


def resolver_referencia(rs: RuleSet, start: int, end: int, procesos, *, salarios_observados: bool = False) -> Tablas:
    """Build :class:`Tablas` for ``start`` .. ``end`` from rule set ``rs`` and the processes.

    With ``salarios_observados`` (the synthetic careers' past), the average SBC and the real growth
    of wages follow the published IMSS series (table ``sbc_promedio_imss``, December of each year)
    wherever both years are published; otherwise, and always in a projection, the assumption
    ``procesos.crecimiento_real_salarial``.

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
    # 1 February of each year (1 July 1997, the first day of the LSS 1997, for 1997: lookup_date)
    fechas = [lookup_date(int(t)) for t in years]
    # the unit of account: the UMA, the minimum wage before 28-01-2016 (band limits in UMA read as SM)
    uma = np.array([rs.unidad_de_cuenta(f) for f in fechas])
    sm = np.array([rs.salario_minimo_diario(f) for f in fechas])
    tope = np.array([rs.tope_sbc_diario(f) for f in fechas])
    infl = np.array([rs.inpc(int(t), 12) / rs.inpc(int(t) - 1, 12) for t in years])
    fee = np.array([comision_en_vigor(rs, f) for f in fechas])  # the legal cap (before 2020 ley97.cuenta's reading)
    t_ret = np.array([float(rs.value("tasa_retiro", f)) for f in fechas])
    t_trab = np.array([float(rs.value("tasa_trabajador_ceav", f)) for f in fechas])
    t_est = np.array([ley97.tasa_aportacion_estatal(f, reglas=rs) for f in fechas])
    smin = np.array([float(ley97.semanas_minimas(f, reglas=rs)) for f in fechas])
    edad_ces = np.array([float(ley97.edad_cesantia(f, reglas=rs)) for f in fechas])

    # LSS art. 168 frs. II and IV: employer CEAV and cuota social by band, every year
    ceav_lower = np.zeros((ny, _N_CEAV))
    ceav_upper = np.zeros((ny, _N_CEAV))
    ceav_rate = np.zeros((ny, _N_CEAV))
    cs_lower = np.zeros((ny, _N_CS))
    cs_upper = np.zeros((ny, _N_CS))
    cs_anual = np.zeros((ny, _N_CS))
    inicio_cuota_social = rs.rule_table("cuota_social").frame["effective_from"].min()
    # the unit band limits printed in UMA are read in (Criterios.unidad_de_cuenta_rcv)
    uma_rcv = np.array([rs.unidad_de_cuenta_rcv(f) for f in fechas])
    for y, f in enumerate(fechas):
        rows, uppers = _banded(rs, "tasa_patronal_ceav", f, uma_rcv[y], sm[y])
        ceav_lower[y], ceav_upper[y] = _continuous_bands(uppers, _N_CEAV)
        ceav_rate[y, : len(rows)] = rows["value"].to_numpy()
        if f < inicio_cuota_social:
            cs_lower[y], cs_upper[y] = _continuous_bands([_INF], _N_CS)
            continue  # no cuota social before the table's first date (a reform overlay may remove rows)
        rows, uppers = _banded(rs, "cuota_social", f, uma_rcv[y], sm[y])
        cs_lower[y], cs_upper[y] = _continuous_bands(uppers, _N_CS)
        # the quarters in force: in 1997 the two from 1 July (the sum stays four times their mean)
        quarters = (3, 4) if f.year == INICIO_LEY97.year else (1, 2, 3, 4)
        for b in range(len(rows)):
            # the quarterly amounts of the band, each INPC-updated (LSS art. 168 fr. IV)
            amounts = [importe_cuota_social(rs, rows.iloc[b], int(years[y]), q) for q in quarters]
            cs_anual[y, b] = sum(amounts) if len(quarters) == 4 else 4.0 * sum(amounts) / len(quarters)

    # LSS art. 170 and transitorio Cuarto: the table, its weeks columns and its update, by grant year
    pg_cols = np.full((ny, 11), _INF)
    pg_tabla = np.zeros((ny, 6, 11, _N_PG_BANDAS))
    pg_factor = np.ones(ny)
    pg_band_lower = np.zeros((ny, _N_PG_BANDAS))
    pg_band_upper = np.zeros((ny, _N_PG_BANDAS))
    pg_edad_min = edad_ces.copy()
    pg_edad_ultima = np.array([float(ley97.edad_vejez(f, reglas=rs)) for f in fechas])
    # the implementation in force for a pension granted on each date (garantizada.tabla.REGLAS_PENSION_GARANTIZADA)
    reglas_pg = [garantizada.tabla.regla_pension_garantizada(rs, f) for f in fechas]
    tabla_2020 = [f for f, r in zip(fechas, reglas_pg) if r is garantizada.tabla.PENSION_GARANTIZADA_2020]
    snapshots_2020 = dict(zip(tabla_2020, _snapshots(rs, "pension_garantizada", tabla_2020))) if tabla_2020 else {}
    for y, (f, regla) in enumerate(zip(fechas, reglas_pg)):
        pg_factor[y] = regla.factor_actualizacion(rs, int(years[y]))
        if regla is garantizada.tabla.PENSION_GARANTIZADA_2020:
            table = snapshots_2020[f]
            bands = sorted(table.band_to.fillna(_INF).unique())
            if inicio_salario_minimo_rcv(rs.criterios) is not None:
                escala = garantizada.tabla.factor_bandas(rs, f)
                bands = [b * escala for b in bands]
            pg_band_lower[y], pg_band_upper[y] = _continuous_bands(bands, _N_PG_BANDAS)
            ages = sorted(table.edad.unique())
            pg_edad_min[y], pg_edad_ultima[y] = ages[0], ages[-1]
            cube = table.sort_values(["edad", "semanas", "band_from"])["value"].to_numpy(dtype=float)
            pg_tabla[y] = cube.reshape(len(ages), 11, _N_PG_BANDAS)
            cols = garantizada.semanas_tabla(f, reglas=rs)
            pg_cols[y, : len(cols)] = cols
        else:
            # the pre-reform rule (LSS art. 170, DOF 21-12-1995) in the same arrays: one band, one weeks
            # column (the year's minimum weeks, 1,250), every age row the same amount, so the kernel's
            # pg_mensual gives one 1997 minimum wage a month x the INPC update from age 60 (cesantía)
            pg_band_lower[y], pg_band_upper[y] = _continuous_bands([_INF], _N_PG_BANDAS)
            pg_tabla[y] = garantizada.tabla.monto_1997(rs, f)
            pg_cols[y, 0] = smin[y]

    # LSS 1973 arts. 167-171 and the 11 % (Decreto DOF 20-12-2001), by grant year
    l73_lower = np.zeros((ny, _N_L73))
    l73_upper = np.zeros((ny, _N_L73))
    l73_cb = np.zeros((ny, _N_L73))
    l73_inc = np.zeros((ny, _N_L73))
    for y, art167 in enumerate(_snapshots(rs, "ley73_art167", fechas)):
        art167 = art167.sort_values("grupo")
        l73_lower[y], l73_upper[y] = _continuous_bands([_INF if np.isnan(t) else t for t in art167.band_to], _N_L73)
        l73_cb[y, : len(art167)] = art167["cuantia_basica"].to_numpy(dtype=float)
        l73_inc[y, : len(art167)] = art167["incremento_anual"].to_numpy(dtype=float)
    l73_edad_ces = np.array([float(rs.value("ley73_requisitos", f, concepto="edad_cesantia")) for f in fechas])
    l73_edad_vejez = np.array([float(rs.value("ley73_requisitos", f, concepto="edad_vejez")) for f in fechas])
    l73_smin = np.array([float(rs.value("ley73_requisitos", f, concepto="semanas_minimas")) for f in fechas])
    l73_factor = np.zeros((ny, 6))
    l73_factor_edad0 = np.zeros(ny)
    l73_factor_edad1 = np.zeros(ny)
    for y, factors in enumerate(_snapshots(rs, "ley73_cesantia", fechas)):
        factors = factors.sort_values("edad")
        values = factors["value"].to_numpy(dtype=float)
        l73_factor[y, : len(values)] = values
        l73_factor_edad0[y], l73_factor_edad1[y] = float(factors["edad"].iloc[0]), float(factors["edad"].iloc[-1])
    if procesos.asignacion_ley73 is None:
        # LSS 1973 arts. 164-166: a spouse (15 %) or, without beneficiaries, ayuda asistencial (15 %)
        l73_asig = np.array([float(rs.value("ley73_asignaciones", f, concepto="esposa")) for f in fechas])
    else:
        l73_asig = np.full(ny, float(procesos.asignacion_ley73))
    inc11 = np.array([float(rs.value("ley73_incremento_decreto", f)) for f in fechas])
    min73 = np.array([ley73.pension_minima_mensual(f, reglas=rs) for f in fechas])

    # Fondo de Pensiones para el Bienestar (decree DOF 01-05-2024): threshold by grant year, read by
    # the calculators' function under the rule set's reading (Criterios.umbral_fondo_bienestar)
    umbral = np.full(ny, -_INF)
    for y, t in enumerate(years):
        if t >= INICIO_FONDO_BIENESTAR.year:
            umbral[y] = umbral_fondo_bienestar(
                int(t), reglas=rs, crecimiento_real_salarial=procesos.crecimiento_real_salarial
            )
    # the age and the cap of the complement by grant year (before the fund: its first day's)
    edad_fondo = np.array([float(edad_fondo_bienestar(max(int(t), 2024), reglas=rs)) for t in years])
    tope_fondo = np.array([
        float(rs.value("fondo_bienestar_tope_complemento", _fecha_umbral(max(int(t), 2024)))) for t in years
    ])
    # the February update of a guaranteed pension in payment: the INPC, or the index of the minimum-wage
    # reading (Criterios.unidad_de_cuenta_rcv) for the updates that take effect from its date
    indexacion_pg = np.ones(ny)
    inicio = inicio_salario_minimo_rcv(rs.criterios)
    for y in range(1, ny):
        t = int(years[y])
        if inicio is not None and dt.date(t, 1, 1) >= inicio:
            indexacion_pg[y] = (indice_actualizacion_rcv(rs, [(t - 1, 12)])[0]
                                / indice_actualizacion_rcv(rs, [(t - 2, 12)])[0])
        else:
            indexacion_pg[y] = infl[y - 1]
    pbam_edad = np.full(ny, 999.0)
    pbam_anual = np.zeros(ny)
    muj_min = np.full(ny, 999.0)
    muj_max = np.full(ny, -1.0)
    muj_anual = np.zeros(ny)
    # each programme from the first year of its table (PBAM 2018, Mujeres Bienestar 2025)
    inicio_pbam = rs.rule_table("pbam").frame["effective_from"].min().year
    inicio_mujeres = rs.rule_table("pension_mujeres_bienestar").frame["effective_from"].min().year
    for y, t in enumerate(years):
        if t >= inicio_pbam:
            pbam_anual[y] = pbam.monto_anual(int(t), reglas=rs)
            # the age in force from July-August (bimester 4): the year the age fell from 68 to 65 (2021)
            # it applies to the second half, when the people turning 65 that year are paid
            pbam_edad[y] = pbam.edad_minima(int(t), bimestre=4, reglas=rs)
        if t >= inicio_mujeres:
            muj_anual[y] = sum(
                pbam.monto_bimestral_mujeres_bienestar(int(t), bimestre=b, reglas=rs) for b in range(1, 7)
            )
            muj_min[y], muj_max[y] = pbam.edades_mujeres_bienestar(int(t), reglas=rs)

    # mortality of each year (the table in force, times the improvement since its base year) and
    # the annuity factors an insurer prices with it
    # the technical rate of each year: Procesos.tasa_tecnica if set, else table tasa_tecnica (LSS art. 159 fr. IV)
    if procesos.tasa_tecnica is None:
        tasa_tecnica = np.array([float(rs.value("tasa_tecnica", f)) for f in fechas])
    else:
        tasa_tecnica = np.full(ny, float(procesos.tasa_tecnica))
    tabla = procesos.tabla_mortalidad
    mejora = (1.0 - procesos.mejora_mortalidad) ** np.maximum(years - ANIO_BASE_TABLA[tabla], 0)
    q = np.empty((ny, 2, EDAD_MAXIMA_TABLA + 1))
    a12 = np.full((ny, 2, EDAD_MAXIMA_TABLA + 1), np.nan)
    memo: dict = {}
    inicio_tabla = rs.rule_table(TABLAS_MORTALIDAD[tabla]).frame["effective_from"].min()
    for y, f in enumerate(fechas):
        for s_i, s in enumerate(("H", "M")):
            # a year before the table's first date (EMSSA-09: 27-11-2009) reads its first rows: the
            # table describes the people simulated, whatever year it was published
            base = qx_de_reglas(rs, tabla, s, max(f, inicio_tabla))
            q[y, s_i] = np.nan_to_num(base, nan=1.0) * mejora[y]
            q[y, s_i, EDAD_MAXIMA_TABLA] = 1.0
            key = (s_i, q[y, s_i].tobytes(), tasa_tecnica[y])
            if key not in memo:
                row = np.full(EDAD_MAXIMA_TABLA + 1, np.nan)
                for age in range(EDAD_MAXIMA_TABLA + 1):
                    if not np.isnan(base[age]):
                        row[age] = factor_anualidad_qx(q[y, s_i], age, tasa_tecnica[y])
                memo[key] = row
            a12[y, s_i] = memo[key]

    # survivors' pensions (LSS 1973 arts. 149-164; LSS arts. 127-144), by the year of the death
    sob = {c: np.zeros((ny, 2)) for c in ("viudez", "orfandad", "orfandad_doble", "semanas_minimas")}
    for y, f in enumerate(fechas):
        for r, ley in enumerate(("ley73", "ley97")):
            for c in sob:
                sob[c][y, r] = float(rs.value("sobrevivientes", f, ley=ley, concepto=c))
    inv_cuantia = np.array([
        float(rs.value("sobrevivientes", f, ley="ley97", concepto="cuantia_invalidez")) for f in fechas
    ])
    # weeks of the invalidity pension (LSS 1973 art. 131; LSS art. 122), by the year of the declaration
    inv_semanas = np.array([
        [float(rs.value("sobrevivientes", f, ley=ley, concepto="semanas_invalidez")) for ley in ("ley73", "ley97")]
        for f in fechas
    ]).reshape(ny, 2)
    inv_semanas_75 = np.array([
        float(rs.value("sobrevivientes", f, ley="ley97", concepto="semanas_invalidez_grado_75")) for f in fechas
    ])

    # wages: the assumed real growth, or the published average SBC of the past (LSS art. 28 cap aside)
    crecimiento = np.full(ny, float(procesos.crecimiento_real_salarial))
    sbc_promedio = _sbc_referencia(rs, years, procesos)
    if salarios_observados:
        publicado = sbc_promedio_publicado(rs)
        for k, t in enumerate(list(years) + [int(years[-1]) + 1]):
            if int(t) in publicado:
                sbc_promedio[k] = publicado[int(t)]
        for y, t in enumerate(years):
            if int(t) in publicado and int(t) + 1 in publicado:
                crecimiento[y] = publicado[int(t) + 1] / publicado[int(t)] / infl[y] - 1.0
    # LSS 1997 in force from 1 July 1997 (transitorio Primero, DOF 21-12-1995): the accounts receive
    # half a year of contributions in 1997
    fraccion_aportaciones = np.array([0.5 if t == INICIO_LEY97.year else 1.0 for t in years])
    tasa_vivienda = np.array([float(rs.value("aportacion_vivienda", f)) for f in fechas])

    from pensiones.engine.procesos import BANDAS_EDAD, BANDAS_SALARIO_REL

    return Tablas(
        start=int(start), uma_diaria=uma, salario_minimo_diario=sm, tope_sbc_diario=tope, factor_inflacion=infl,
        comision_afore=fee, tasa_retiro=t_ret, tasa_trabajador_ceav=t_trab, tasa_aportacion_estatal=t_est,
        semanas_minimas=smin, ceav_banda_inferior=ceav_lower, ceav_banda_superior=ceav_upper,
        tasa_patronal_ceav=ceav_rate, cuota_social_banda_inferior=cs_lower, cuota_social_banda_superior=cs_upper,
        cuota_social_anual=cs_anual, pension_garantizada_semanas=pg_cols, pension_garantizada_montos=pg_tabla,
        pension_garantizada_factor=pg_factor, pension_garantizada_banda_inferior=pg_band_lower,
        pension_garantizada_banda_superior=pg_band_upper, pension_garantizada_edad_minima=pg_edad_min,
        pension_garantizada_edad_ultima=pg_edad_ultima, ley73_grupo_inferior=l73_lower,
        ley73_grupo_superior=l73_upper, ley73_cuantia_basica=l73_cb, ley73_incremento_anual=l73_inc,
        ley73_factor_cesantia=l73_factor, ley73_factor_edad_primera=l73_factor_edad0,
        ley73_factor_edad_ultima=l73_factor_edad1, ley73_edad_cesantia=l73_edad_ces, ley73_edad_vejez=l73_edad_vejez,
        ley73_semanas_minimas=l73_smin, ley73_asignaciones=l73_asig, incremento_11=inc11, ley73_pension_minima=min73,
        umbral_fondo_bienestar=umbral, pbam_edad=pbam_edad, pbam_anual=pbam_anual,
        mujeres_bienestar_edad_minima=muj_min, mujeres_bienestar_edad_maxima=muj_max,
        mujeres_bienestar_anual=muj_anual, qx=q, factor_anualidad=a12,
        p_entrada=np.array(procesos.p_entrada, dtype=float),
        p_permanencia=np.array(procesos.p_permanencia, dtype=float), bandas_edad=np.array(BANDAS_EDAD, dtype=float),
        bandas_salario=np.array(BANDAS_SALARIO_REL, dtype=float), sbc_promedio=sbc_promedio,
        edad_cesantia=edad_ces, edad_vejez=np.array([float(ley97.edad_vejez(f, reglas=rs)) for f in fechas]),
        sobrevivientes_viudez=sob["viudez"], sobrevivientes_orfandad=sob["orfandad"],
        sobrevivientes_orfandad_doble=sob["orfandad_doble"], sobrevivientes_semanas_minimas=sob["semanas_minimas"],
        cuantia_invalidez=inv_cuantia,
        crecimiento_real_salarial=crecimiento, fraccion_aportaciones=fraccion_aportaciones, tasa_vivienda=tasa_vivienda,
        tasa_tecnica=tasa_tecnica, invalidez_semanas_minimas=inv_semanas,
        invalidez_semanas_minimas_grado_75=inv_semanas_75,
        pension_garantizada_indexacion=indexacion_pg, fondo_bienestar_edad=edad_fondo,
        fondo_bienestar_tope_complemento=tope_fondo,
        pareo_ahorro_voluntario_tasa=np.array([float(rs.value("pareo_ahorro_voluntario", f, "tasa")) for f in fechas]),
        pareo_ahorro_voluntario_tope=np.array([float(rs.value("pareo_ahorro_voluntario", f, "tope")) for f in fechas]),
    )


def sbc_promedio_publicado(rs: RuleSet) -> dict[int, float]:
    """The published IMSS average daily SBC by year (December of each year in table ``sbc_promedio_imss``)."""
    frame = rs.rule_table("sbc_promedio_imss").frame
    return {d.year: float(v) for d, v in zip(frame["effective_from"], frame["value"]) if d.month == 12}


def _sbc_referencia(rs: RuleSet, years: np.ndarray, procesos) -> np.ndarray:
    """Average SBC index by year: December 2025's 627.87 pesos moved by inflation and real wage growth
    (:func:`pensiones.rules.projection.sbc_promedio_imss`).

    One year past the horizon is included (the kernel classifies next year's wage).
    """
    g = procesos.crecimiento_real_salarial
    return np.array([sbc_promedio_imss(rs, int(t), g) for t in list(years) + [int(years[-1]) + 1]])

