"""A synthetic population whose careers come from the engine's own contribution process.

Every record is a person alive on 1 January of the start year ``year`` (2021-2025) who has been
affiliated to the IMSS, drawn from the CONAPO population by sex and age (see
:func:`pensiones.demography.conapo.poblacion` for the years before 2025).  Its past is *simulated*,
year by year from its first affiliation, with the same processes the engine projects forward:

* **First affiliation** at any age from 15 to 65: the age is ``15 + Gamma(forma, escala)``
  truncated at 65 (defaults 1.5 and 7.54: median 23.9 years, 21 % after 32, 6.3 % after 42), and
  the share of each sex who have ever been affiliated by 65 is ``AFILIADOS_HASTA_65``
  (men 0.70, women 0.50).  No published distribution of the age at first IMSS affiliation was
  found: the shares and the shape are assumptions, and the scale is fitted to CONSAR's count of
  the Ley 97 generation turning 65 in 2021 (40,000: people born in 1956 first affiliated after
  1 July 1997, at 41 or older; ``tools/calibrar_afiliacion.py``).  ``docs/engine.md`` states them
  and their checks.
* **Contribution state** each year from the Markov chain ``Procesos.p_entrada / p_permanencia``
  by sex x age band x salary band (the band relative to the IMSS average SBC of that year, table
  ``sbc_promedio_imss``); a record contributes in its first year.
* **Wages**: at entry the IMSS average SBC of the year times a log-normal individual level
  (sigma 0.55, women 13 % lower) and the age parabola of ``Procesos``; each year after, the
  growth of the IMSS average SBC (INPC before 1997), the age parabola and a persistent shock
  (``Procesos.volatilidad_salarial``) -- the kernel's :func:`~pensiones.engine.kernel.evolucionar_carrera`.
* **Accounts** from 1 July 1997: before 2021 the pre-reform structure (6.5 % of the capped SBC:
  retiro 2 %, CEAV 3.150 % + 1.125 %, state 0.225 %) plus the original cuota social (5.5 % of the
  1997 Mexico City minimum wage a day, INPC-indexed), with the CONSAR real gross returns of each
  year (table ``rendimiento_bruto_consar``) less a fee (the table ``comision_afore`` from 2016,
  1.5 % before); housing 5 % of the wage bill from 1992.  A single multiplier of the
  contributions, ``multiplicador_aportaciones`` (calibrated once, on December 2025), stands for
  what the simple structure leaves out (SAR 92 balances, voluntary savings, the banded cuota
  social since 2009).
* **From 2021 on**, the kernel's own steps of each year run over the records
  (:func:`~pensiones.engine.kernel.retirarse`, :func:`~pensiones.engine.kernel.cotizar`,
  :func:`~pensiones.engine.kernel.pagar_pensiones`, :func:`~pensiones.engine.kernel.evolucionar_carrera`)
  with the rules resolved for 2021 .. ``year - 1``, so the people who retired since the reform
  are in the population with their pension (renta vitalicia or guaranteed pension with its
  remaining balance), its grant year and the Fondo Bienestar complement granted since May 2024.
* **Retirements** follow the kernel's rule (at 65, or from 60 when not contributing and
  eligible).  Before 2021 the transition generation with 500 weeks takes its Ley 73 pension,
  and everyone else reaching 65 receives a negativa de pension (nobody of the Ley 97
  generation could gather the 1,250 weeks of the old law by 2020).  Ley 73 pensions and
  negativas leave the population: the Ley 73 pensions in payment are the budget stock that
  :func:`pensiones.engine.anuales.yearly` runs off.  Deaths are not drawn: the records are
  people alive at the start.

Calibrated targets (December of ``year`` unless said otherwise): contributors (table
``sbc_promedio_imss``: the record weights), their average daily SBC (same table: the wage level
``c0``, then an exact rescale of the start-year wages), in 2025 only, the RCV-IMSS balance
of 6.89 x 10^12 pesos (CONSAR: the contribution multiplier), and, once, the Ley 97 generation
aged 65 in 2021 (CONSAR: the entry-age scale).  The density (42.9 %) is the
chain's calibration (:mod:`pensiones.engine.procesos`).  Everything else -- weeks, balances and
Ley 73 averages by age, the pensions granted since 2021 -- follows from the process and is
checked, not tuned (``docs/engine.md``, ``docs/backtest.md``).
"""

from __future__ import annotations

import datetime as dt
import functools
import math

import numpy as np

from pensiones._avisos import REGISTROS_MINIMOS, SmallSampleWarning, avisar
from pensiones._validation import check_integer, check_number
from pensiones.calendario import ANIO_MAX, DIAS_POR_ANIO, SEMANAS_POR_ANIO
from pensiones.engine.componentes import (
    ACTIVO,
    LEY73,
    N_COMPONENTES,
    NEGATIVA,
    O_ANIO_RETIRO,
    PENSION_GARANTIZADA,
    RESULTADOS_PERSONA,
)
from pensiones.engine.population import FECHA_TRANSICION, Population
from pensiones.engine.procesos import BANDAS_EDAD, BANDAS_SALARIO_REL, Procesos
from pensiones.engine.registros import Claves, Registros
from pensiones.engine.resolve import sbc_promedio_publicado
from pensiones.rules.ruleset import INICIO_LEY97, load
from pensiones.rules.supuestos import Supuestos

#: Last year of entry of the future entrants (the end of the simulable horizon).
ULTIMO_ANIO_POBLACION = ANIO_MAX

__all__ = [
    "poblacion_sintetica",
    "SALDO_RCV_2025",
    "objetivos",
    "AFILIADOS_HASTA_65",
    "EDAD_AFILIACION_FORMA",
    "EDAD_AFILIACION_ESCALA",
    "calibracion_carreras",
    "densidad_carrera",
    "familia_sintetica",
    "ANIO_INICIAL_SINTETICO",
]

#: RCV-IMSS balance at December 2025, pesos ("6.89 billones"; CONSAR).
SALDO_RCV_2025 = 6.89e12
#: Share of each sex (H, M) affiliated to the IMSS at some time by age 65 (assumption).
AFILIADOS_HASTA_65 = (0.70, 0.50)
#: Age at first affiliation: 15 + Gamma(shape, scale) truncated at 65, years.  The shape is an assumption;
#: the scale is fitted so that the model counts 40,000 people of the Ley 97 generation (first affiliated
#: after 1 July 1997) aged 65 in 2021, CONSAR's count (La Jornada 2022-01-18), with the careers'
#: calibration recomputed for it (``tools/calibrar_afiliacion.py``; it was 6.0, an assumption, which
#: counted 17,600).
EDAD_AFILIACION_FORMA = 1.5
EDAD_AFILIACION_ESCALA = 7.54
#: Path key of the draws of the records' past (simulation paths are < 10,000, so they never collide).
CLAVE_PASADO = 2**31
#: First start year of a synthetic population: the first year of the reformed law (DOF 16-12-2020).
ANIO_INICIAL_SINTETICO = 2021

_SIGMA_ENTRADA = 0.55  # log-wage dispersion at entry
_MUJER_SALARIO = math.log(0.87)  # women's wages 13 % lower


def objetivos(year: int = 2025) -> dict[str, float]:
    """Calibration targets for ``year``: contributors and average daily SBC in December of
    ``year`` (table ``sbc_promedio_imss``) and the RCV-IMSS balance of December 2025."""
    row = load().row("sbc_promedio_imss", dt.date(year, 12, 1))
    return {"cotizantes": float(row["cotizantes"]), "sbc_promedio": float(row["value"]), "saldo_rcv": SALDO_RCV_2025}


# --------------------------------------------------------------------------- entry ages


def _rejilla_entrada(forma: float, escala: float) -> tuple[np.ndarray, np.ndarray]:
    """Grid of years since age 15 (0 to 50) and the CDF of the truncated gamma on it."""
    x = np.linspace(0.0, 50.0, 2001)
    mid = 0.5 * (x[1:] + x[:-1])
    dens = mid ** (forma - 1.0) * np.exp(-mid / escala)
    cdf = np.concatenate(([0.0], np.cumsum(dens)))
    return x, cdf / cdf[-1]


def _cdf_entrada(x: np.ndarray, rejilla) -> np.ndarray:
    return np.interp(np.clip(x, 0.0, 50.0), rejilla[0], rejilla[1])


def _sortear_entrada(u: np.ndarray, lo: np.ndarray, hi: np.ndarray, rejilla) -> np.ndarray:
    """Years since 15 drawn from the truncated gamma conditioned on [lo, hi] (inverse CDF)."""
    a, b = _cdf_entrada(lo, rejilla), _cdf_entrada(hi, rejilla)
    return np.interp(a + u * (b - a), rejilla[1], rejilla[0])


# --------------------------------------------------------------------------- yearly series of the past


@functools.cache
def _historia(primero: int, ultimo: int) -> dict[str, np.ndarray]:
    """Yearly series ``primero`` .. ``ultimo`` of the wage histories: the average SBC (published from
    1997, INPC-moved before), the minimum wage, the UMA (the minimum wage before 2017: the unit of
    reference until the DOF 27-01-2016 decree) and the SBC cap, pesos a day of each year."""
    rs = load()
    years = np.arange(primero, ultimo + 1)
    dec = sbc_promedio_publicado(rs)
    first_sbc = min(dec)

    def inpc_jun(t):
        return rs.inpc(int(t), 6)

    ref = np.array([dec[t] if t in dec else dec[first_sbc] * inpc_jun(t) / inpc_jun(first_sbc) for t in years])
    sm97 = rs.salario_minimo_diario(1997)
    sm = np.array([
        rs.salario_minimo_diario(int(t)) if t >= 1997 else sm97 * inpc_jun(t) / inpc_jun(1997) for t in years
    ])
    uma = np.array([rs.uma_diaria(int(t)) if t >= 2017 else s for t, s in zip(years, sm)])
    return {"years": years, "ref": ref, "sm": sm, "uma": uma, "tope": 25.0 * uma}  # LSS art. 28: 25 UMA


def sbc_referencia(rs, anios, crecimiento_real: float) -> np.ndarray:
    """The average SBC of each of ``anios`` (pesos a day), the wage that entrants' wages are drawn around.

    Published (table ``sbc_promedio_imss``, December; INPC-moved before 1997) up to 2025; after 2025,
    2025's moved by the December-on-December INPC of the rule set ``rs`` and ``crecimiento_real`` a year.
    """
    anios = np.asarray(anios, dtype=np.int64)
    h = _historia(min(int(anios.min()), 2025), 2025)
    base = {int(t): r for t, r in zip(h["years"], h["ref"])}
    return np.array([
        base[int(t)] if t <= 2025
        else base[2025] * rs.inpc(int(t) - 1, 12) / rs.inpc(2024, 12) * (1.0 + crecimiento_real) ** (int(t) - 2025)
        for t in anios
    ])


def _bandas(edad: np.ndarray, rel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.searchsorted(BANDAS_EDAD, edad, side="right"), np.searchsorted(BANDAS_SALARIO_REL, rel, side="left")


# --------------------------------------------------------------------------- the years since the reform


# --------------------------------------------------------------------------- one batch of records


def _lote(m, gen, year, procesos, c0, multiplicador, forma, escala, primera, seed):
    """Draw ``m`` people alive on 1 January ``year`` and affiliated by then, and simulate their past.

    Returns a dict of arrays for the records still in the population (active or with a Ley 97
    pension in payment) and the number drawn.
    """
    R, estados = carreras_hasta_1997(m, gen, year, procesos, c0, forma, escala, primera, seed)
    anio_pension, T = historias_desde_1997(R, estados, year, procesos, multiplicador, seed, primera)
    return _columnas(R, estados, anio_pension, T), m


def carreras_hasta_1997(m, gen, year, procesos, c0, forma, escala, primera, seed):
    """Draw ``m`` people alive on 1 January ``year`` and build their careers up to 1 July 1997 (NumPy).

    Returns
    -------
    R : Registros
        The records (sex, birth, first affiliation, family; weights 1).
    estados : ndarray (m, kernel.N_ESTADO)
        Each record's state on entering the years of the LSS 1997: weeks, averages, wage and
        contribution state, the vivienda subaccount; a career that starts later holds its entry wage.
    """
    from pensiones.engine import kernel as K
    from pensiones.demography.conapo import poblacion

    rs = load()
    rejilla = _rejilla_entrada(forma, escala)
    edad_max = 65 + (year - ANIO_INICIAL_SINTETICO)
    pop = poblacion(rs, year)
    pop = pop[(pop.edad >= 15) & (pop.edad <= edad_max)]
    edades = pop["edad"].to_numpy()
    mujer_cell = (pop["sexo"] == "M").to_numpy()
    share = np.where(mujer_cell, AFILIADOS_HASTA_65[1], AFILIADOS_HASTA_65[0])
    holders = pop["value"].to_numpy() * share * _cdf_entrada(edades - 0.5 - 15.0, rejilla)
    cell = gen.choice(len(pop), size=m, p=holders / holders.sum())
    mujer = mujer_cell[cell]
    nac = (year - edades[cell]).astype(np.int64)
    # born in mid-year: on 1 January of ``year`` the person is edad - 0.5 years old
    x = _sortear_entrada(gen.random(m), np.zeros(m), edades[cell] - 0.5 - 15.0, rejilla)
    afil = np.minimum(nac + 0.5 + 15.0 + x, year - 1e-6)
    sexo = mujer.astype(np.int64)
    transicion = afil < FECHA_TRANSICION
    entrada = np.floor(afil).astype(np.int64)

    h = _historia(int(entrada.min()), max(year, INICIO_LEY97.year))
    y0 = int(h["years"][0])
    nivel = c0 + gen.normal(0.0, _SIGMA_ENTRADA, m) + np.where(mujer, _MUJER_SALARIO, 0.0)
    edad_e = entrada - nac
    sbc_entrada = h["ref"][entrada - y0] * np.exp(nivel - procesos.curvatura_edad * (edad_e - procesos.pico_edad) ** 2)

    p01 = np.asarray(procesos.p_entrada)
    p11 = np.asarray(procesos.p_permanencia)
    v = procesos.volatilidad_salarial
    cot = np.zeros(m, dtype=bool)
    sbc = sbc_entrada.copy()
    semanas = np.zeros(m)
    vivienda = np.zeros(m)
    prom73 = np.zeros(m)
    prom_uma = np.zeros(m)
    sem_prom = np.zeros(m)
    ultima = np.zeros(m)  # last year with contributions (LSS 1973 art. 182: the baja)

    # 1. Before 1 July 1997: the wage histories (weeks, averages, the housing subaccount since 1992).
    # Nobody retires before 1997: the oldest record is 65 + (year - 2021) <= 69 on 1 January ``year``,
    # so at most 41 in 1996.
    inicio = INICIO_LEY97.year
    inicio_vivienda = rs.rule_table("aportacion_vivienda").frame["effective_from"].min()
    for t in range(y0, inicio):
        k = t - y0
        edad = t - nac
        cot |= entrada == t  # a career starts contributing
        en = entrada <= t
        c = cot & en
        frac = np.clip(t + 1.0 - afil, 0.0, 1.0)
        s = np.maximum(sbc, h["sm"][k])
        cotizable = np.minimum(s, h["tope"][k])
        w = SEMANAS_POR_ANIO * frac * c
        semanas += w
        ultima = np.where(w > 0, t, ultima)
        prom_uma = np.where(c, (prom_uma * sem_prom + s / h["uma"][k] * w) / np.maximum(sem_prom + w, 1e-12), prom_uma)
        sem_prom += w
        # LSS 1973 art. 167: average of the last 250 weeks, as the kernel keeps it
        movil = np.where(prom73 > 0, (prom73 * (250.0 - w) + cotizable * w) / 250.0, cotizable)
        prom73 = np.where(c & transicion, movil, prom73)
        if t >= inicio_vivienda.year:  # LINFONAVIT art. 29 fr. II, the SAR's vivienda subaccount
            tasa = float(rs.value("aportacion_vivienda", max(dt.date(t, 2, 1), inicio_vivienda)))
            vivienda += tasa * cotizable * DIAS_POR_ANIO * frac * c
        # next year's wage and contribution state (the kernel's evolucionar_carrera, on the average SBC's growth)
        delta = -procesos.curvatura_edad * (2.0 * (edad - procesos.pico_edad) + 1.0)
        z = gen.standard_normal(m)
        sbc = np.where(en, sbc * h["ref"][k + 1] / h["ref"][k] * np.exp(delta + v * z - 0.5 * v * v), sbc)
        ab, sb = _bandas(edad + 1, sbc / h["ref"][k + 1])
        p = np.where(cot, p11[sexo, ab, sb], p01[sexo, ab, sb])
        cot = np.where(en, gen.random(m) < p, cot)

    nuevos = entrada >= inicio  # careers that start with the individual accounts: at their entry wage
    estados = np.zeros((m, K.N_ESTADO))
    estados[:, K.COTIZANDO] = np.where(nuevos, 1.0, cot)
    estados[:, K.SBC] = np.where(nuevos, sbc_entrada, sbc)
    estados[:, K.ULTIMO_SBC] = estados[:, K.SBC]
    estados[:, K.SEMANAS] = semanas
    estados[:, K.SEMANAS_PROMEDIO] = sem_prom
    estados[:, K.PROMEDIO_UMA] = prom_uma
    estados[:, K.PROMEDIO_LEY73] = prom73
    estados[:, K.PROMEDIO_500] = np.where(prom73 > 0.0, prom73, estados[:, K.SBC])
    estados[:, K.SALDO_VIVIENDA] = vivienda
    estados[:, K.ANIO_BAJA] = ultima
    familia = familia_sintetica(sexo == 1, seed, rs, clave=primera)
    estados[:, K.CONYUGE_VIVO] = familia["conyuge"]
    ceros = np.zeros(m)
    R = Registros(
        sexo=sexo, anio_nacimiento=nac, anio_afiliacion=afil, semanas=semanas, sbc_diario=estados[:, K.SBC].copy(),
        saldo_rcv=ceros, saldo_vivienda=vivienda, promedio_250_ley73=prom73, salario_promedio_uma=prom_uma,
        cotizando=estados[:, K.COTIZANDO] > 0.5, peso=np.ones(m), transicion=transicion,
        modalidad=np.zeros(m, dtype=np.int64), pension_mensual=ceros, complemento_fondo=ceros, **familia,
        anio_ultima_cotizacion=ultima.astype(np.int64), anio_pension=np.zeros(m, dtype=np.int64),
        grupo_cobertura=np.zeros(m, dtype=np.int64),
    )
    return R, estados


def historias_desde_1997(R, estados, year, procesos, multiplicador, seed, primera, *, backend="numba"):
    """Run records ``R`` from their states on 1 July 1997 to 1 January ``year``, in place.

    The kernel's one person-year step (:func:`pensiones.engine.kernel.historias`) over the law in
    force in each year (the 1997 rules, then the 2020 reform's), with the published average SBC
    and CONSAR's real gross returns; no deaths (the records are people alive at the start).  The
    draws are keyed by ``seed``, the records' numbers from ``primera`` and path :data:`CLAVE_PASADO`.
    ``backend="python"`` runs the step's plain-Python twin.

    Returns
    -------
    anio_pension : ndarray of int
        Year each pension was granted (0 for none).
    T : Tablas
        The rules resolved for the years run.
    """
    from pensiones.engine import kernel as K
    from pensiones.engine.resolve import parametros, resolver

    rs = load()
    inicio = INICIO_LEY97.year
    m = estados.shape[0]
    T = resolver(rs, inicio, year - 1, procesos, salarios_observados=True)
    # no invalidity in the careers' past: the records are people alive and insured at the start; no
    # voluntary saving either: the balances are calibrated to CONSAR's RCV balances, which exclude it;
    # and no structural alternative (the past is the law's)
    P = parametros(procesos, rs.criterios, rs)._replace(
        mortalidad=False, multiplicador_aportaciones=float(multiplicador), invalidez=False,
        proporcion_ahorro_voluntario=0.0, alternativa=0,
    )
    ledger = np.zeros((year - inicio, N_COMPONENTES), dtype=np.int64)
    error = np.zeros(3, dtype=np.int64)
    out = np.full((1, m, len(RESULTADOS_PERSONA)), np.nan)
    correr = K.HISTORIAS if backend == "numba" else K.HISTORIAS_PYTHON
    correr(R, T, P, Claves(int(seed), int(primera), CLAVE_PASADO), estados, _reales_publicados(rs, inicio, year - 1),
           ledger, error, out)
    otorgada = ~np.isnan(out[0, :, O_ANIO_RETIRO])
    return np.where(otorgada, np.nan_to_num(out[0, :, O_ANIO_RETIRO]), 0).astype(np.int64), T


def _columnas(R, estados, anio_pension, T):
    """The population columns of the records still in the population on 1 January of the start year."""
    from pensiones.engine import kernel as K

    # the February update of the start year of the pensions in payment
    pensionado = estados[:, K.MODALIDAD] != ACTIVO
    estados[pensionado, K.PENSION] *= T.factor_inflacion[-1]
    estados[pensionado, K.COMPLEMENTO] *= T.factor_inflacion[-1]
    modalidad = estados[:, K.MODALIDAD].astype(np.int64)
    # Ley 73 pensions and negativas leave the population (the Ley 73 stock in payment is the budget's)
    keep = (modalidad != LEY73) & (modalidad != NEGATIVA)
    activo = modalidad == ACTIVO
    pg = modalidad == PENSION_GARANTIZADA
    saldo_final = np.where(
        activo, estados[:, K.SALDO_RET] + estados[:, K.SALDO_CEAV], np.where(pg, estados[:, K.SALDO_PG], 0.0)
    )
    cols = {
        "sexo": R.sexo.astype(np.int8),
        "anio_nacimiento": R.anio_nacimiento,
        "anio_afiliacion": R.anio_afiliacion,
        "semanas": np.minimum(estados[:, K.SEMANAS], 5500.0),
        "sbc_diario": estados[:, K.SBC],
        "saldo_rcv": saldo_final,
        "saldo_vivienda": estados[:, K.SALDO_VIVIENDA],
        "promedio_250_ley73": estados[:, K.PROMEDIO_LEY73],
        "salario_promedio_uma": np.clip(estados[:, K.PROMEDIO_UMA], 0.0, 26.0),
        "cotizando": activo & (estados[:, K.COTIZANDO] > 0.5),
        "modalidad": modalidad,
        "pension_mensual": np.where(activo, 0.0, estados[:, K.PENSION]),
        "complemento_fondo": np.where(activo, 0.0, estados[:, K.COMPLEMENTO]),
        "anio_pension": np.where(activo, 0, anio_pension),
        "conyuge": R.conyuge,
        "diferencia_edad_conyuge": R.diferencia_edad_conyuge,
        "hijos": R.hijos,
        "diferencia_edad_hijos": R.diferencia_edad_hijos,
        # the baja of LSS 1973 art. 182 (0: never contributed, a career not started)
        "anio_ultima_cotizacion": estados[:, K.ANIO_BAJA].astype(np.int64),
    }
    return {k: a[keep] for k, a in cols.items()}


def _reales_publicados(rs, primero: int, ultimo: int) -> np.ndarray:
    """CONSAR's real gross returns of the SIEFORES, ``primero`` .. ``ultimo`` (table ``rendimiento_bruto_consar``)."""
    rend = rs.rule_table("rendimiento_bruto_consar").frame
    real = {d.year: float(v) for d, v in zip(rend["effective_from"], rend["value"])}
    return np.array([real[t] for t in range(primero, ultimo + 1)])


def _construir(n, gen, year, procesos, c0, multiplicador, forma, escala, seed):
    """Exactly ``n`` records still in the population, drawn in batches."""
    parts, kept, drawn, primera = [], 0, 0, 0
    while kept < n:
        rate = kept / drawn if drawn else 0.8
        m = int(math.ceil((n - kept) / max(rate, 0.05) * 1.05)) + 16
        part, size = _lote(m, gen, year, procesos, c0, multiplicador, forma, escala, primera, seed)
        primera += size
        drawn += size
        kept += len(part["sexo"])
        parts.append(part)
    return {k: np.concatenate([p[k] for p in parts])[:n] for k in parts[0]}


def _medidas(cols, year):
    """Contributors' average SBC and the RCV balance per contributor (contributors under 65)."""
    cot = cols["cotizando"] & (year - cols["anio_nacimiento"] < 65)
    ncot = max(int(cot.sum()), 1)
    sbc = float(cols["sbc_diario"][cot].mean()) if cot.any() else float("nan")
    return sbc, float(cols["saldo_rcv"].sum()) / ncot


def densidad_carrera(semanas, anio_afiliacion, modalidad, peso, year: int) -> float:
    """Average contribution density of the account holders on 1 January ``year``.

    Each active record affiliated at least a year before contributes its weeks over the weeks
    since its first affiliation; the average is weighted by ``peso`` -- CONSAR's measure (Documento
    de trabajo 3, "Densidades de cotización en el SAR": 42.9 % for IMSS account holders).
    """
    anios = year - np.asarray(anio_afiliacion, dtype=float)
    sel = (np.asarray(modalidad) == ACTIVO) & (anios >= 1.0)
    if not sel.any():
        return float("nan")
    d = np.minimum(np.asarray(semanas, dtype=float)[sel] / (SEMANAS_POR_ANIO * anios[sel]), 1.0)
    return float(np.average(d, weights=np.asarray(peso, dtype=float)[sel]))


def calibracion_carreras(procesos: Procesos | None = None, *, forma: float = EDAD_AFILIACION_FORMA,
                         escala: float = EDAD_AFILIACION_ESCALA) -> dict[str, float]:
    """Structural parameters of the past careers, calibrated on December 2025 (20,000 records, seed 0).

    ``c0`` (log level of entry wages) so that contributors average the December-2025 SBC,
    ``multiplicador_aportaciones`` so that the RCV balance is 6.89 x 10^12 pesos (CONSAR): three
    fixed-point passes.  The default calibration (no ``procesos``, default ``forma`` and ``escala``)
    is read from the package data (:mod:`pensiones.engine.calibracion_empaquetada`, regenerated by
    ``tools/calibraciones.py``); any other is computed here, which takes a few seconds.  (The
    contribution chain itself is calibrated to CONSAR's 42.9 % density in
    :mod:`pensiones.engine.procesos`; the careers' density, :func:`densidad_carrera`, is a check.)
    """
    if procesos is None and forma == EDAD_AFILIACION_FORMA and escala == EDAD_AFILIACION_ESCALA:
        from pensiones.engine import calibracion_empaquetada

        return calibracion_empaquetada.carreras()
    return _calibrar(procesos or Procesos(), forma, escala)


def fraccion_minima_ley73(year: int, calibracion: dict[str, float] | None = None, *, n: int = 20_000,
                          seed: int = 0) -> float:
    """Share of the money of the Ley 73 pensions in payment in ``year`` that is paid at the minimum pension.

    From the careers of ``n`` people (seed ``seed``, the careers' calibration ``calibracion``, default the
    packaged one): the Ley 73 pensions they were granted before ``year``, with their February update,
    each at least the minimum pension of ``year`` (LSS 1973 art. 168; ``Criterios.indexacion_ley73``).
    The share of their money that is the minimum is the model's estimate of the same share in the
    budget's stock (:func:`pensiones.engine.anuales.anuales`): no published split of the stock by amount
    was found.  The careers hold people up to 65 + (year - 2021), so it stands for the recent grants.
    """
    from pensiones.engine import kernel as K
    from pensiones.ley73.minima import pension_minima_mensual

    cal = calibracion or calibracion_carreras()
    procesos = Procesos()
    gen = np.random.default_rng(seed)
    R, estados = carreras_hasta_1997(n, gen, year, procesos, cal["c0"], EDAD_AFILIACION_FORMA,
                                     EDAD_AFILIACION_ESCALA, 0, seed)
    _, T = historias_desde_1997(R, estados, year, procesos, cal["multiplicador_aportaciones"], seed, 0)
    pension = estados[estados[:, K.MODALIDAD] == LEY73, K.PENSION] * T.factor_inflacion[-1]
    minima = pension_minima_mensual(year)
    pagado = np.maximum(pension, minima)
    return float(np.where(pension <= minima, minima, 0.0).sum() / pagado.sum()) if len(pagado) else 0.0


def _calibrar(procesos, forma, escala) -> dict[str, float]:
    target = objetivos(2025)
    c0, mult = 0.0, 1.0
    for _ in range(3):
        cols = _construir(20_000, np.random.default_rng(0), 2025, procesos, c0, mult, forma, escala, 0)
        sbc, saldo_por_cotizante = _medidas(cols, 2025)
        c0 -= math.log(sbc / target["sbc_promedio"])
        mult *= target["saldo_rcv"] / (saldo_por_cotizante * target["cotizantes"])
    return {"c0": c0, "multiplicador_aportaciones": mult}


# --------------------------------------------------------------------------- the public builder


def poblacion_sintetica(
    n: int,
    seed: int,
    year: int = 2025,
    *,
    procesos: Procesos | None = None,
    entrantes: bool = True,
    fraccion_entrantes: float = 0.25,
    anio_fin: int = 2070,
    edad_afiliacion_forma: float = EDAD_AFILIACION_FORMA,
    edad_afiliacion_escala: float = EDAD_AFILIACION_ESCALA,
    poblacion_post_2070: str = "cohortes",
    calibracion: dict[str, float] | None = None,
) -> Population:
    """Build ``n`` weighted records of the people affiliated to the IMSS on 1 January of ``year``.

    The records' pasts are simulated by the engine's processes (see the module docstring): weeks,
    balances, Ley 73 averages and the pensions granted since 2021 follow from one model.  With
    ``entrantes`` (default), a share ``fraccion_entrantes`` of the records are future entrants:
    people who first affiliate in ``year + 1`` .. ``anio_fin`` (the CONAPO cohorts, with the same
    distribution of the age at first affiliation), contributing at entry with wages drawn like
    today's and moved by inflation and the default real wage growth.

    Parameters
    ----------
    n : int
        Records (1 to 50 million).
    seed : int
        Seed of the numpy generator used to draw the records (0 to 2**63 - 1).
    year : int
        Start year, 2021 (the first year of the reformed law) to 2025.  The records are people on
        1 January; contributors and their average SBC are calibrated to December of ``year``.
    procesos : Procesos, optional
        Contribution chain and wage process of the careers (default :class:`Procesos`).
    entrantes, fraccion_entrantes, anio_fin
        Future entrants, their share of the records and the last year of entry (``year`` to 2100;
        default 2070; after 2070 the cohorts follow ``supuestos.poblacion_post_2070``).  The
        population keeps ``anio_fin`` as its ``anio_fin_entrantes``, and :func:`pensiones.simulate`
        refuses a run that ends after it (nobody would affiliate in its last years): for a run to
        2100 pass ``anio_fin=2100`` (``pensiones run --end`` does it).  Without entrants
        (``entrantes=False`` or ``fraccion_entrantes=0``) ``anio_fin_entrantes`` is None and any
        ``end`` is accepted.
    poblacion_post_2070 : {"cohortes", "crecimiento_2060_2070", "constante"}
        The cohorts of the entrants after 2070, as ``Supuestos.poblacion_post_2070`` (default
        ``"cohortes"``; give a scenario's own for a run of it to 2100).
    edad_afiliacion_forma, edad_afiliacion_escala : float
        Age at first affiliation: 15 + Gamma(forma, escala) years, truncated at 65.
    calibracion : dict, optional
        The careers' calibration ``{"c0": ..., "multiplicador_aportaciones": ...}`` (default
        :func:`calibracion_carreras` of ``procesos`` and the age at first affiliation); given by the
        tool that recomputes the packaged calibrations (``tools/calibraciones.py``).

    Examples
    --------
    >>> from pensiones.engine import Population
    >>> p = Population.synthetic(10_000, seed=1)
    >>> hoy = (p.anio_afiliacion <= 2025) & (2025 - p.anio_nacimiento < 65)  # the start year's contributors
    >>> round(float(p.peso[p.cotizando & hoy].sum()) / 1e6, 2)
    22.45
    """
    n_total = check_integer("n", n, minimum=1, maximum=50_000_000)
    seed = check_integer("seed", seed, minimum=0, maximum=2**63 - 1)
    year = check_integer("year", year, minimum=ANIO_INICIAL_SINTETICO, maximum=2025)
    fin = check_integer("anio_fin", anio_fin, minimum=year, maximum=ULTIMO_ANIO_POBLACION)
    check_number("fraccion_entrantes", fraccion_entrantes, minimum=0.0, maximum=0.9)
    forma = check_number("edad_afiliacion_forma", edad_afiliacion_forma, minimum=0.5, maximum=10.0)
    escala = check_number("edad_afiliacion_escala", edad_afiliacion_escala, minimum=0.5, maximum=30.0)
    # the population after CONAPO's 2070 (validated by Supuestos, whose error names the field)
    if poblacion_post_2070 == "cohortes":
        rs = load()
    else:
        rs = load(supuestos=Supuestos(poblacion_post_2070=poblacion_post_2070))
    n_ent = int(round(n_total * fraccion_entrantes)) if entrantes and n_total >= 8 and fin > year else 0
    n = n_total - n_ent
    if calibracion is None:
        cal = calibracion_carreras(procesos, forma=forma, escala=escala)
    elif not isinstance(calibracion, dict) or set(calibracion) != {"c0", "multiplicador_aportaciones"}:
        raise ValueError(
            f"calibracion must be a dict with keys 'c0' and 'multiplicador_aportaciones'; got {calibracion!r}"
        )
    else:
        cal = {k: check_number(f"calibracion[{k!r}]", v) for k, v in calibracion.items()}
    procesos = Procesos() if procesos is None else procesos
    target = objetivos(year)
    gen = np.random.default_rng(seed)
    cols = _construir(n, gen, year, procesos, cal["c0"], cal["multiplicador_aportaciones"], forma, escala, seed)

    # the start year's wages: an exact rescale to the December average (a fraction of a percent)
    # contributors of the start year: those aged 65 retire at its start (the kernel's vejez age)
    cot = cols["cotizando"] & (year - cols["anio_nacimiento"] < procesos.edad_retiro)
    activo = cols["modalidad"] == ACTIVO
    if cot.any():
        factor = target["sbc_promedio"] / float(cols["sbc_diario"][cot].mean())
        cols["sbc_diario"] = np.where(activo, cols["sbc_diario"] * factor, cols["sbc_diario"])
    # the weights: the start year's contributors represent the table's (a ratio estimator of the stock)
    peso = np.full(n, target["cotizantes"] / max(int(cot.sum()), 1))
    if n_total < REGISTROS_MINIMOS:
        avisar(
            f"a synthetic population of {n_total:,} records is below {REGISTROS_MINIMOS:,}: sampling error "
            "dominates its weights and every total (the contributors' share sets each weight)",
            SmallSampleWarning,
        )
    if year == 2025:
        cols["saldo_rcv"] = cols["saldo_rcv"] * target["saldo_rcv"] / max(float((cols["saldo_rcv"] * peso).sum()), 1.0)
    # records must keep a positive wage; a pensioner's latent wage is its last wage
    cols["sbc_diario"] = np.maximum(cols["sbc_diario"], 1e-6)
    cols["peso"] = peso
    if n_ent:
        ent = _entrantes(n_ent, gen, rs, year, fin, cal["c0"], procesos, forma, escala, seed)
        cols = {k: np.concatenate([cols[k], ent[k]]) for k in cols}
    # the entrants asked for stop at ``fin`` (also when too few records leave none): a run past it is
    # refused; a population built without entrants states nothing
    fin_entrantes = fin if entrantes and fraccion_entrantes > 0 else None
    return Population(**{k: _ro(v) for k, v in cols.items()}, anio_fin_entrantes=fin_entrantes)


def _entrantes(n, gen, rs, year, fin, c0, procesos, forma, escala, seed):
    """Future entrants: people who first affiliate from 1 January ``year + 1`` to the end of ``fin``."""
    from pensiones.demography.conapo import poblacion

    rejilla = _rejilla_entrada(forma, escala)
    cells = []
    por_anio = {}  # year -> CONAPO population as an array [sex, age]
    for b in range(year - 64, fin - 15 + 1):
        at = max(year, b + 15)
        if at not in por_anio:
            rows = poblacion(rs, at)
            arr = np.zeros((2, int(rows["edad"].max()) + 1))
            indice = ((rows["sexo"] == "M").to_numpy().astype(np.int64), rows["edad"].to_numpy().astype(np.int64))
            np.add.at(arr, indice,
                      rows["value"].to_numpy(dtype=float))
            por_anio[at] = arr
        for sexo_i in (0, 1):
            size = float(por_anio[at][sexo_i, at - b]) if at - b < por_anio[at].shape[1] else 0.0
            # from ``year + 1``: the start year's contributors are calibrated
            lo = max(year + 1.0 - (b + 0.5) - 15.0, 0.0)
            hi = min(fin + 1.0 - (b + 0.5) - 15.0, 50.0)
            if hi <= lo:
                continue
            # affiliating in [year, fin]: the ever-affiliated share times the entry ages in [lo, hi]
            # (the CONAPO size at ``at`` already excludes the deaths before ``at``)
            entran = float(_cdf_entrada(np.array(hi), rejilla) - _cdf_entrada(np.array(lo), rejilla))
            people = size * AFILIADOS_HASTA_65[sexo_i] * entran
            cells.append((b, sexo_i, lo, hi, people))
    sizes = np.array([c[4] for c in cells])
    pick = gen.choice(len(cells), size=n, p=sizes / sizes.sum())
    nac = np.array([cells[k][0] for k in pick], dtype=np.int64)
    mujer = np.array([cells[k][1] for k in pick], dtype=bool)
    lo = np.array([cells[k][2] for k in pick])
    hi = np.array([cells[k][3] for k in pick])
    afil = nac + 0.5 + 15.0 + _sortear_entrada(gen.random(n), lo, hi, rejilla)
    afil = np.clip(afil, year + 1.0, fin + 1.0 - 1e-6)
    entry = np.floor(afil).astype(np.int64)
    ref = sbc_referencia(rs, entry, procesos.crecimiento_real_salarial)
    edad_e = entry - nac
    wage = ref * np.exp(c0 + gen.normal(0.0, _SIGMA_ENTRADA, n) + np.where(mujer, _MUJER_SALARIO, 0.0)
                        - procesos.curvatura_edad * (edad_e - procesos.pico_edad) ** 2)
    sm = np.array([rs.salario_minimo_diario(int(t)) for t in entry])
    uma = np.array([rs.uma_diaria(int(t)) for t in entry])
    sbc = np.maximum(wage, sm)
    # every record is one draw among the cells in proportion to their size: each stands for an equal
    # share of all the entrants (weighting by the cells drawn left the undrawn ones out)
    peso = np.full(n, sizes.sum() / n)
    zeros = np.zeros(n)
    izeros = np.zeros(n, dtype=np.int64)
    return {
        "sexo": mujer.astype(np.int8), "anio_nacimiento": nac, "anio_afiliacion": afil, "semanas": zeros,
        "sbc_diario": sbc, "saldo_rcv": zeros, "saldo_vivienda": zeros, "promedio_250_ley73": zeros,
        "salario_promedio_uma": np.clip(sbc / uma, 0.01, 25.0), "cotizando": np.ones(n, dtype=bool),
        "modalidad": izeros, "pension_mensual": zeros, "complemento_fondo": zeros, "anio_pension": izeros, "peso": peso,
        "anio_ultima_cotizacion": izeros, **familia_sintetica(mujer, seed, rs, clave=_CLAVE_ENTRANTES),
    }


#: Key of the future entrants' family draws (the records of the past are keyed by their number, < 2**40).
_CLAVE_ENTRANTES = 2**40


def familia_sintetica(mujer: np.ndarray, seed: int, reglas=None, *, clave: int = 0) -> dict[str, np.ndarray]:
    """The family each record will have at the pension, for the seguro de sobrevivencia (LSS art. 159 fr. VI).

    A spouse or partner with the probability of being married or in union at 60 or more by sex, the
    spouse's age gap the mean gap at marriage (table ``familia_pension``: INEGI Censo 2020 and
    marriage statistics 2020); no children with an orphan's pension (at 60-65 the youngest child
    is mostly past 25: no published figure was found).  Drawn from their own generator, keyed by
    ``seed`` and ``clave`` (the first record's number of a batch), so the other columns do not change.

    Returns
    -------
    dict of ndarray
        The columns of :data:`~pensiones.engine.population.COLUMNAS_FAMILIA`.
    """
    rs = load() if reglas is None else reglas
    fecha = rs.rule_table("familia_pension").frame["effective_from"].max()
    gen = np.random.default_rng([seed, 1, clave])
    prob = np.empty(len(mujer))
    gap = np.empty(len(mujer), dtype=np.int64)
    for sexo, donde in (("H", ~mujer), ("M", mujer)):
        prob[donde] = float(rs.value("familia_pension", fecha, sexo=sexo, concepto="en_pareja"))
        diferencia = rs.value("familia_pension", fecha, sexo=sexo, concepto="diferencia_edad_conyuge")
        gap[donde] = int(round(float(diferencia)))
    conyuge = gen.random(len(mujer)) < prob
    ceros = np.zeros(len(mujer), dtype=np.int64)
    return {
        "conyuge": conyuge, "diferencia_edad_conyuge": np.where(conyuge, gap, 0), "hijos": ceros,
        "diferencia_edad_hijos": ceros.copy(),
    }


def _ro(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a
