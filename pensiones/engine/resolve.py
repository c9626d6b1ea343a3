"""Resolve the rules into dense arrays for every simulated year, once per run.

The kernel never calls a lookup: :func:`resolver` reads every table the engine uses for each year
``start .. end`` (on 1 February, when every annual value is in force), so a reform overlay dated
anywhere in the horizon changes the kernel's inputs from its year on, exactly as it changes the
calculators' answers.  Amounts that depend on the year a pension is granted (the Art. 170 table
and its weeks columns, the Ley 73 table, factors, minimum and 11 %, the annuity factors) are
resolved for every year too, and the kernel reads them at the grant year.

:class:`Parametros` holds the scalar parameters (behaviour from
:class:`~pensiones.engine.procesos.Procesos`; the Fondo age and the orphans' age limit from the
rule tables; calendar constants from :mod:`pensiones.calendario`), each by name.  Every legal
number the kernel reads comes from a table: the survivors' shares and the technical rate that
price an annuity are the same arrays that pay the survivors.

The years 1997-2020 resolve from the law in force (``rules.load()``, one timeline from 1 July
1997): the unit of account is the minimum wage before the UMA (28-01-2016); the guaranteed pension
of a grant before 2021 is the pre-reform rule written into the Art. 170 arrays (one band, one weeks
column of the year's 1,250 minimum weeks, every age row the same amount, so ``pg_mensual`` gives one
1997 minimum wage a month x its INPC update from 60 with 1,250 weeks); the AFORE fee before the legal
cap is :func:`pensiones.ley97.cuenta.comision_en_vigor`'s; a mortality table read before its first
date gives its first rows; 1997 reads on 1 July and its cuota social covers the quarters from July.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np

from pensiones import garantizada, ley73, ley97, pbam
from pensiones.demography.mortalidad import ANIO_BASE_TABLA, EDAD_MAXIMA_TABLA, TABLAS_MORTALIDAD, qx_de_reglas
from pensiones.ley97.contribuciones import importe_cuota_social
from pensiones.ley97.cuenta import comision_en_vigor
from pensiones.calendario import DIAS_POR_MES
from pensiones.ley97.decumulacion import factor_anualidad_qx
from pensiones.ley97.fondo_bienestar import INICIO_FONDO_BIENESTAR, umbral_fondo_bienestar
from pensiones.rules.projection import sbc_promedio_imss
from pensiones.rules.ruleset import INICIO_LEY97, RuleSet, lookup_date

__all__ = ["Tablas", "Parametros", "resolver", "parametros", "TABLAS_LEIDAS", "sbc_promedio_publicado"]

_INF = np.inf
#: Widest band tables: employer CEAV (8 bands), cuota social (12), Art. 170 (5), art. 167 (22 groups).
_N_CEAV, _N_CS, _N_PG_BANDAS, _N_L73 = 8, 12, 5, 22


class Tablas(NamedTuple):
    """Dense arrays of the rules; index ``y`` is year ``start + y`` (shapes in brackets, ny years).

    Money in pesos of each year; rates as decimals; ages in years; weeks in weeks.
    """

    start: int
    uma_diaria: np.ndarray  # [ny] daily UMA (the minimum wage before 28-01-2016: the unit of account)
    salario_minimo_diario: np.ndarray  # [ny] daily general minimum wage
    tope_sbc_diario: np.ndarray  # [ny] SBC cap, pesos a day (LSS art. 28)
    factor_inflacion: np.ndarray  # [ny] December-on-December INPC ratio of the year
    comision_afore: np.ndarray  # [ny] AFORE fee cap on balances
    tasa_retiro: np.ndarray  # [ny] retiro rate
    tasa_trabajador_ceav: np.ndarray  # [ny] worker CEAV rate
    tasa_aportacion_estatal: np.ndarray  # [ny] state CEAV contribution, share of the employer's CEAV
    semanas_minimas: np.ndarray  # [ny] Ley 97 minimum weeks of a pension granted that year
    ceav_banda_inferior: np.ndarray  # [ny, 8] employer CEAV bands, pesos a day (continuous reading)
    ceav_banda_superior: np.ndarray
    tasa_patronal_ceav: np.ndarray
    cuota_social_banda_inferior: np.ndarray  # [ny, 12] cuota social bands, pesos a day
    cuota_social_banda_superior: np.ndarray
    cuota_social_anual: np.ndarray  # [ny, 12] sum of the four quarterly daily amounts of each band
    pension_garantizada_semanas: np.ndarray  # [ny, 11] weeks of each Art. 170 column for a pension granted that year
    pension_garantizada_montos: np.ndarray  # [ny, 6, 11, 5] printed Art. 170 amounts (age row, weeks column, band)
    pension_garantizada_factor: np.ndarray  # [ny] February update factor of the guaranteed pension
    pension_garantizada_banda_inferior: np.ndarray  # [ny, 5] Art. 170 bands, UMA
    pension_garantizada_banda_superior: np.ndarray
    pension_garantizada_edad_minima: np.ndarray  # [ny] age of the first row (cesantía age)
    pension_garantizada_edad_ultima: np.ndarray  # [ny] age of the last row ("65 o más")
    ley73_grupo_inferior: np.ndarray  # [ny, 22] art. 167 salary groups, multiples of the UMA
    ley73_grupo_superior: np.ndarray
    ley73_cuantia_basica: np.ndarray  # [ny, 22] cuantía básica
    ley73_incremento_anual: np.ndarray  # [ny, 22] annual increment
    ley73_factor_cesantia: np.ndarray  # [ny, 6] art. 171 factor by row (the table's ages, first ... last)
    ley73_factor_edad_primera: np.ndarray  # [ny] age of the first row of the art. 171 table
    ley73_factor_edad_ultima: np.ndarray  # [ny] age of its last row
    ley73_edad_cesantia: np.ndarray  # [ny] Ley 73 cesantía age
    ley73_edad_vejez: np.ndarray  # [ny] Ley 73 vejez age
    ley73_semanas_minimas: np.ndarray  # [ny] Ley 73 minimum weeks
    ley73_asignaciones: np.ndarray  # [ny] asignaciones share of the simulated pensions
    incremento_11: np.ndarray  # [ny] the 11 % increase
    ley73_pension_minima: np.ndarray  # [ny] Ley 73 minimum pension, pesos a month
    umbral_fondo_bienestar: np.ndarray  # [ny] Fondo Bienestar threshold, pesos a month (-inf: no fund yet)
    pbam_edad: np.ndarray  # [ny] PBAM age (999: none)
    pbam_anual: np.ndarray  # [ny] PBAM pesos a year
    mujeres_bienestar_edad_minima: np.ndarray  # [ny] Mujeres Bienestar ages (999 / -1: none)
    mujeres_bienestar_edad_maxima: np.ndarray
    mujeres_bienestar_anual: np.ndarray  # [ny] Mujeres Bienestar pesos a year
    qx: np.ndarray  # [ny, 2, 111] death probabilities by sex and age (improvement applied)
    factor_anualidad: np.ndarray  # [ny, 2, 111] annuity factor ä(12) at the technical rate
    p_entrada: np.ndarray  # [2, 4, 3] contribution chain: start contributing
    p_permanencia: np.ndarray  # [2, 4, 3] keep contributing
    bandas_edad: np.ndarray  # [3] ages where the chain's age bands start (30, 45, 60)
    bandas_salario: np.ndarray  # [2] salary band limits, multiples of the average SBC
    sbc_promedio: np.ndarray  # [ny + 1] average SBC of the year, pesos a day
    edad_cesantia: np.ndarray  # [ny] Ley 97 cesantía age (LSS art. 154)
    sobrevivientes_viudez: np.ndarray  # [ny, 2] survivors' shares by law (0 = Ley 73, 1 = Ley 97) of the death year
    sobrevivientes_orfandad: np.ndarray  # [ny, 2]
    sobrevivientes_orfandad_doble: np.ndarray  # [ny, 2]
    # [ny, 2] weeks of an insured member whose death gives a survivors' pension
    sobrevivientes_semanas_minimas: np.ndarray
    cuantia_invalidez: np.ndarray  # [ny] Ley 97 invalidity pension, share of the last-500-weeks average (art. 141)
    crecimiento_real_salarial: np.ndarray  # [ny] real growth of wages from year y to y + 1 (assumed or observed)
    fraccion_aportaciones: np.ndarray  # [ny] share of the year whose RCV contributions reach the accounts
    tasa_vivienda: np.ndarray  # [ny] housing contribution (INFONAVIT), share of the capped SBC
    tasa_tecnica: np.ndarray  # [ny] real technical rate of the annuities priced that year (behind factor_anualidad)


class Parametros(NamedTuple):
    """Scalar parameters of the kernel, by name (behaviour from ``Procesos``; legal constants named)."""

    edad_retiro: float  # everyone still active retires at this age (behaviour; default the vejez age 65)
    retiro_cesantia: bool  # claim cesantía at 60-64 at all
    probabilidad_cesantia: np.ndarray  # [5] yearly claiming probability at 60..64, not contributing
    probabilidad_cesantia_cotizando: np.ndarray  # [5] the same while contributing
    espera_fondo: float  # share by which a prospective Fondo Bienestar complement lowers it
    pico_edad: float  # age of the peak of the log-wage parabola
    curvatura_edad: float  # its curvature
    volatilidad_salarial: float  # sd of the persistent yearly log-wage shock
    crecimiento_real_salarial: float  # economy-wide real wage growth
    mortalidad: bool  # draw deaths
    proporcion_retiro: float  # share of the opening RCV balance in the retiro subaccount
    cobertura_pbam: float  # PBAM take-up among simulated account holders
    cobertura_mujeres: float  # Mujeres Bienestar take-up
    edad_fondo: float  # Fondo Bienestar: minimum age at the pension (table fondo_bienestar_edad)
    dias_por_mes: float  # daily salary to monthly (30.4, LDVUMA art. 5: pensiones.calendario)
    redondeo_diario_ley73: bool  # Criterios.redondeo_diario_ley73
    incrementos_medios_ley73: bool  # half increments (False: whole years of 52 weeks)
    preferencia_ley73: float  # probability the transition generation keeps Ley 73 when Ley 97 pays more
    edad_limite_orfandad: int  # age at which an orphan's pension ends (art. 134; table sobrevivientes)
    sobrevivientes: bool  # pay survivors' pensions on deaths (Procesos.sobrevivientes)
    multiplicador_aportaciones: float  # factor on the contributions reaching the accounts (1; the careers' calibration)


#: Tables the engine reads (for every year of a run, besides those the deterministic series read).
TABLAS_LEIDAS = (
    "uma", "salario_minimo", "tope_sbc", "inpc", "comision_afore", "tasa_retiro", "tasa_trabajador_ceav",
    "aportacion_estatal_ceav", "semanas_minimas", "tasa_patronal_ceav", "cuota_social", "pension_garantizada",
    "pension_garantizada_columnas", "pension_garantizada_1997", "ley73_art167", "ley73_cesantia",
    "ley73_requisitos", "ley73_asignaciones", "ley73_incremento_decreto", "ley73_pension_minima",
    "fondo_bienestar_umbral", "pbam", "pension_mujeres_bienestar", "mortalidad_emssa09", "mortalidad_emssa97",
    "ley97_edades", "sbc_promedio_imss", "sobrevivientes", "aportacion_vivienda", "tasa_tecnica",
)


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


def resolver(rs: RuleSet, start: int, end: int, procesos, *, salarios_observados: bool = False) -> Tablas:
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
    for y, f in enumerate(fechas):
        rows, uppers = _banded(rs, "tasa_patronal_ceav", f, uma[y], sm[y])
        ceav_lower[y], ceav_upper[y] = _continuous_bands(uppers, _N_CEAV)
        ceav_rate[y, : len(rows)] = rows["value"].to_numpy()
        if f < inicio_cuota_social:
            cs_lower[y], cs_upper[y] = _continuous_bands([_INF], _N_CS)
            continue  # no cuota social before the table's first date (a reform overlay may remove rows)
        rows, uppers = _banded(rs, "cuota_social", f, uma[y], sm[y])
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
        edad_cesantia=edad_ces, sobrevivientes_viudez=sob["viudez"], sobrevivientes_orfandad=sob["orfandad"],
        sobrevivientes_orfandad_doble=sob["orfandad_doble"], sobrevivientes_semanas_minimas=sob["semanas_minimas"],
        cuantia_invalidez=inv_cuantia,
        crecimiento_real_salarial=crecimiento, fraccion_aportaciones=fraccion_aportaciones, tasa_vivienda=tasa_vivienda,
        tasa_tecnica=tasa_tecnica,
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


def _constante(rs: RuleSet, name: str, **axes) -> float:
    """The one value of table ``name`` (filtered by ``axes``) over the whole timeline, overlays applied.

    The kernel reads the Fondo age and the orphans' age limit as scalars; a reform overlay that makes
    them change by date is refused here, loudly, rather than read at one date.
    """
    frame = rs.rule_table(name).frame
    for k, v in axes.items():
        frame = frame[frame[k] == v]
    values = sorted(set(frame["value"].astype(float)))
    if len(values) != 1:
        which = ", ".join(f"{k}={v!r}" for k, v in axes.items()) or "value"
        raise ValueError(
            f"table {name!r} ({which}) takes {len(values)} values over time ({values}); "
            "the engine reads it as one number for the whole run"
        )
    return values[0]


def parametros(procesos, criterios, reglas: RuleSet | None = None) -> Parametros:
    """The kernel's scalar parameters from the processes, the legal readings and the rule set.

    ``reglas`` (default the law in force, ``load()``) gives the Fondo Bienestar age (table
    ``fondo_bienestar_edad``) and the orphans' age limit (table ``sobrevivientes``); each must be
    one value over the timeline (:func:`_constante`).  The survivors' shares and the technical rate
    are in :class:`Tablas`, year by year.
    """
    if reglas is None:
        from pensiones.rules.ruleset import load

        reglas = load()
    return Parametros(
        edad_retiro=float(procesos.edad_retiro),
        retiro_cesantia=bool(procesos.retiro_cesantia),
        probabilidad_cesantia=np.array(procesos.probabilidad_cesantia, dtype=float),
        probabilidad_cesantia_cotizando=np.array(procesos.probabilidad_cesantia_cotizando, dtype=float),
        espera_fondo=float(procesos.espera_fondo),
        pico_edad=float(procesos.pico_edad),
        curvatura_edad=float(procesos.curvatura_edad),
        volatilidad_salarial=float(procesos.volatilidad_salarial),
        crecimiento_real_salarial=float(procesos.crecimiento_real_salarial),
        mortalidad=bool(procesos.mortalidad),
        proporcion_retiro=float(procesos.proporcion_retiro),
        cobertura_pbam=float(procesos.cobertura_pbam),
        cobertura_mujeres=float(procesos.cobertura_mujeres),
        edad_fondo=_constante(reglas, "fondo_bienestar_edad"),
        dias_por_mes=float(DIAS_POR_MES),
        redondeo_diario_ley73=bool(criterios.redondeo_diario_ley73),
        incrementos_medios_ley73=False,
        preferencia_ley73=float(procesos.preferencia_ley73),
        edad_limite_orfandad=int(_constante(reglas, "sobrevivientes", concepto="edad_limite_orfandad")),
        sobrevivientes=bool(procesos.sobrevivientes),
        multiplicador_aportaciones=1.0,
    )
