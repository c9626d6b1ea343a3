"""Resolve the rules into dense arrays for every simulated year, once per run.

The kernel never calls a lookup: :func:`resolver` reads every table the engine uses for each year
``start .. end`` (on 1 February, when every annual value is in force), so a reform overlay dated
anywhere in the horizon changes the kernel's inputs from its year on, exactly as it changes the
calculators' answers.  Amounts that depend on the year a pension is granted (the Art. 170 table
and its weeks columns, the Ley 73 table, factors, minimum and 11 %, the annuity factors) are
resolved for every year too, and the kernel reads them at the grant year.

:class:`Parametros` holds the scalar parameters (behaviour from
:class:`~pensiones.engine.procesos.Procesos`; the orphans' age limit from the rule tables; calendar
constants from :mod:`pensiones.calendario`), each by name.  Every legal number the kernel reads
comes from a table: the survivors' shares and the technical rate that price an annuity are the same
arrays that pay the survivors.

The years 1997-2020 resolve from the law in force (``rules.load()``, one timeline from 1 July
1997): the unit of account is the minimum wage before the UMA (28-01-2016); the guaranteed pension
of a grant before 2021 is the pre-reform rule written into the Art. 170 arrays (one band, one weeks
column of the year's 1,250 minimum weeks, every age row the same amount, so ``pg_mensual`` gives one
1997 minimum wage a month x its INPC update from 60 with 1,250 weeks); the AFORE fee before the legal
cap is :func:`pensiones.ley97.cuenta.comision_en_vigor`'s; a mortality table read before its first
date gives its first rows; 1997 reads on 1 July and its cuota social covers the quarters from July.

The resolution is array work (:mod:`pensiones.engine.resolve_arrays`: each table read once for all
the years) and its result is cached by content (:mod:`pensiones._derivados`), so that the fixed cost of
a run is not the rules.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from pensiones.calendario import DIAS_POR_MES
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA
from pensiones.engine import resolve_arrays
from pensiones.engine.procesos import ALTERNATIVAS, parametros_cobertura
from pensiones.engine.resolve_arrays import sbc_promedio_publicado
from pensiones.rules.ruleset import RuleSet
from pensiones.rules.supuestos import CONSERVACION_DERECHOS_LEY73

__all__ = ["Tablas", "Parametros", "resolver", "parametros", "TABLAS_LEIDAS", "sbc_promedio_publicado"]


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
    edad_vejez: np.ndarray  # [ny] Ley 97 vejez age (LSS art. 162)
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
    # [ny, 2] weeks of the invalidity pension by law (0 = Ley 73, LSS 1973 art. 131; 1 = Ley 97, LSS art. 122)
    invalidez_semanas_minimas: np.ndarray
    invalidez_semanas_minimas_grado_75: np.ndarray  # [ny] Ley 97 weeks when the invalidity is 75 % or more (art. 122)
    # [ny] February update of a guaranteed pension in payment (art. 170 last paragraph): the year's
    # December-on-December INPC, or the minimum wage's growth under Criterios.unidad_de_cuenta_rcv
    pension_garantizada_indexacion: np.ndarray
    fondo_bienestar_edad: np.ndarray  # [ny] Fondo Bienestar: minimum age at the pension (table fondo_bienestar_edad)
    # [ny] Fondo Bienestar: largest complement, share of the threshold (table fondo_bienestar_tope_complemento)
    fondo_bienestar_tope_complemento: np.ndarray
    pareo_ahorro_voluntario_tasa: np.ndarray  # [ny] Government's pesos per peso of voluntary contribution (0: none)
    pareo_ahorro_voluntario_tope: np.ndarray  # [ny] largest match a member gets in a year, annual UMA


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
    dias_por_mes: float  # daily salary to monthly (30.4, LDVUMA art. 5: pensiones.calendario)
    redondeo_diario_ley73: bool  # Criterios.redondeo_diario_ley73
    incrementos_medios_ley73: bool  # half increments (False: whole years of 52 weeks)
    preferencia_ley73: float  # probability the transition generation keeps Ley 73 when Ley 97 pays more
    reingreso_ley73: float  # probability a member who lost the Ley 73 rights contributes a year to restore them
    solicitud_fondo: float  # yearly probability that an entitled pensioner applies for the Fondo Bienestar complement
    edad_limite_orfandad: int  # age at which an orphan's pension ends (art. 134; table sobrevivientes)
    sobrevivientes: bool  # pay survivors' pensions on deaths (Procesos.sobrevivientes)
    multiplicador_aportaciones: float  # factor on the contributions reaching the accounts (1; the careers' calibration)
    conservacion_ley73: int  # index of Criterios.conservacion_derechos_ley73 in CONSERVACION_DERECHOS_LEY73
    indexacion_minima_ley73: bool  # Criterios.indexacion_ley73 == "inpc_y_minima"
    invalidez: bool  # draw invalidity (a user's incidence table, Procesos.incidencia_invalidez; False: not modelled)
    incidencia_invalidez: np.ndarray  # [2, 111] yearly invalidity incidence by sex and age (zeros without a table)
    proporcion_invalidez_grado_75: float  # share of the declarations of 75 % or more (LSS art. 122: 150 weeks)
    proporcion_ahorro_voluntario: float  # share of the records that save voluntarily (0: no voluntary saving)
    tasa_ahorro_voluntario: float  # a saver's voluntary contribution, share of the capped SBC
    alternativa: int  # index of Procesos.alternativa in ALTERNATIVAS (0: none)
    alternativa_desde: float  # first year of first affiliation in its scope
    alternativa_tasa_cotizacion: float  # contribution to the defined-benefit or notional scheme, share of capped SBC
    alternativa_tasa_acumulacion: float  # defined benefit: pension per year, share of the revalued career average
    alternativa_minima: float  # defined benefit: minimum pension, monthly minimum wages
    alternativa_indexacion_salarios: bool  # its pensions follow the average SBC (False: the INPC)
    alternativa_edad: float  # its retirement age
    alternativa_anios_minimos: float  # defined benefit: years of contributions needed
    alternativa_pension_basica: float  # universal basic pension, share of the average SBC a month
    alternativa_edad_pension_basica: float  # its age
    cobertura_p_entrada: np.ndarray  # [groups + 1] contribution chain of a group brought into the regime: start
    cobertura_p_permanencia: np.ndarray  # [groups + 1] keep contributing
    cobertura_subsidio: np.ndarray  # [groups + 1] share of its worker-employer RCV contributions the Government pays


#: Tables the engine reads (for every year of a run, besides those the deterministic series read).
TABLAS_LEIDAS = (
    "uma", "salario_minimo", "tope_sbc", "inpc", "comision_afore", "tasa_retiro", "tasa_trabajador_ceav",
    "aportacion_estatal_ceav", "semanas_minimas", "tasa_patronal_ceav", "cuota_social", "pension_garantizada",
    "pension_garantizada_columnas", "pension_garantizada_1997", "ley73_art167", "ley73_cesantia",
    "ley73_requisitos", "ley73_asignaciones", "ley73_incremento_decreto", "ley73_pension_minima",
    "fondo_bienestar_umbral", "pbam", "pension_mujeres_bienestar", "mortalidad_emssa09", "mortalidad_emssa97",
    "ley97_edades", "sbc_promedio_imss", "sobrevivientes", "aportacion_vivienda", "tasa_tecnica",
    "fondo_bienestar_edad", "fondo_bienestar_tope_complemento", "pareo_ahorro_voluntario",
)


def resolver(rs: RuleSet, start: int, end: int, procesos, *, salarios_observados: bool = False) -> Tablas:
    """Build :class:`Tablas` for ``start`` .. ``end`` from rule set ``rs`` and the processes.

    With ``salarios_observados`` (the synthetic careers' past), the average SBC and the real growth
    of wages follow the published IMSS series (table ``sbc_promedio_imss``, December of each year)
    wherever both years are published; otherwise, and always in a projection, the assumption
    ``procesos.crecimiento_real_salarial``.

    Each table is read once for all the years (:mod:`pensiones.engine.resolve_arrays`), and the
    result is cached under the rule set's :attr:`~pensiones.rules.RuleSet.content_hash`, the years,
    the processes and ``salarios_observados``, in memory and on disk (:mod:`pensiones._derivados`): a
    second call with the same inputs returns copies of the cached arrays (a caller may change its
    arrays without changing the next caller's), and replays the tables the first read into
    ``rs.record_lookups()``.

    Raises
    ------
    ValueError
        If the criteria are not the engine's (``limites_banda="continuo"`` and
        ``criterio_banda_sm="salario_minimo"``): the kernel implements those readings only; if
        ``end`` is before ``start``, or a year is outside the rules (1997-2100).
    """
    if rs.criterios.limites_banda != "continuo" or rs.criterios.criterio_banda_sm != "salario_minimo":
        raise ValueError(
            "the engine implements limites_banda='continuo' and criterio_banda_sm='salario_minimo' only; "
            f"got {rs.criterios.limites_banda!r} and {rs.criterios.criterio_banda_sm!r}"
        )
    from pensiones import _derivados as _cache

    return _cache.cached(
        "tablas", rs, (start, end, procesos, bool(salarios_observados)),
        lambda: Tablas(**resolve_arrays.tablas(rs, start, end, procesos, salarios_observados=salarios_observados)),
        to_plain=lambda t: t._asdict(), from_plain=lambda d: Tablas(**d),
    )


def _constante(rs: RuleSet, name: str, **axes) -> float:
    """The one value of table ``name`` (filtered by ``axes``) over the whole timeline, overlays applied.

    The kernel reads the orphans' age limit as a scalar; a reform overlay that makes
    them change by date is refused here, loudly, rather than read at one date.
    """
    frame = rs.rule_table(name).frame
    for k, v in axes.items():
        frame = frame[frame[k] == v]
    values = sorted(set(frame["value"].astype(float)))
    if len(values) != 1:
        which = ", ".join(f"{k}={v!r}" for k, v in axes.items()) or "value"
        causas = [ov.etiqueta(i) for i, ov in enumerate(rs.reformas, start=1) if getattr(ov, "tabla", None) == name]
        raise ValueError(
            (f"{'; '.join(causas)}: " if causas else "")
            + f"table {name!r} ({which}) takes {len(values)} values over time ({values}); "
            "the engine reads it as one number for the whole run"
        )
    return values[0]


def parametros(procesos, criterios, reglas: RuleSet | None = None) -> Parametros:
    """The kernel's scalar parameters from the processes, the legal readings and the rule set.

    ``reglas`` (default the law in force, ``load()``) gives the orphans' age limit (table
    ``sobrevivientes``), which must be one value over the timeline (:func:`_constante`).  The
    survivors' shares, the technical rate and the Fondo Bienestar age are in :class:`Tablas`, year by
    year.
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
        dias_por_mes=float(DIAS_POR_MES),
        redondeo_diario_ley73=bool(criterios.redondeo_diario_ley73),
        incrementos_medios_ley73=False,
        preferencia_ley73=float(procesos.preferencia_ley73),
        reingreso_ley73=float(procesos.reingreso_ley73),
        solicitud_fondo=float(procesos.solicitud_fondo),
        edad_limite_orfandad=int(_constante(reglas, "sobrevivientes", concepto="edad_limite_orfandad")),
        sobrevivientes=bool(procesos.sobrevivientes),
        multiplicador_aportaciones=1.0,
        conservacion_ley73=CONSERVACION_DERECHOS_LEY73.index(criterios.conservacion_derechos_ley73),
        indexacion_minima_ley73=criterios.indexacion_ley73 == "inpc_y_minima",
        invalidez=procesos.incidencia_invalidez is not None,
        incidencia_invalidez=(
            np.zeros((2, EDAD_MAXIMA_TABLA + 1)) if procesos.incidencia_invalidez is None
            else np.array(procesos.incidencia_invalidez, dtype=float)
        ),
        proporcion_invalidez_grado_75=float(procesos.proporcion_invalidez_grado_75),
        proporcion_ahorro_voluntario=float(procesos.proporcion_ahorro_voluntario),
        tasa_ahorro_voluntario=float(procesos.tasa_ahorro_voluntario),
        alternativa=ALTERNATIVAS.index(procesos.alternativa),
        alternativa_desde=float(procesos.alternativa_desde),
        alternativa_tasa_cotizacion=float(procesos.alternativa_tasa_cotizacion),
        alternativa_tasa_acumulacion=float(procesos.alternativa_tasa_acumulacion),
        alternativa_minima=float(procesos.alternativa_minima),
        alternativa_indexacion_salarios=procesos.alternativa_indexacion == "salarios",
        alternativa_edad=float(procesos.alternativa_edad),
        alternativa_anios_minimos=float(procesos.alternativa_anios_minimos),
        alternativa_pension_basica=float(procesos.alternativa_pension_basica),
        alternativa_edad_pension_basica=float(procesos.alternativa_edad_pension_basica),
        **parametros_cobertura(procesos.cobertura),
    )
