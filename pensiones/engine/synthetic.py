"""A synthetic population calibrated to published aggregates.

Targets (December 2025 unless said otherwise), all from ``shared/reference`` via the rule tables:

* contributors: 22.45 million (IMSS ``ta_sal``, table ``sbc_promedio_imss``, December 2025);
* average daily SBC of contributors: 627.87 pesos (same table);
* RCV-IMSS balance: 6.89 x 10^12 pesos (CONSAR, December 2025: ``SALDO_RCV_2025``);
* age and sex of account holders: CONAPO 2025 population aged 18-64 times an account-holding
  rate by sex and age (assumption below), contributing with the stationary probability of the
  default contribution chain, so the population starts at the long-run density of 42.9 %.

Assumptions (documented, not calibrated to a published figure): account-holding rates (men 0.70,
women 0.50 of the population, lower under 25 and over 55); log-normal wages (sigma 0.6, women
13 % lower, the engine's age profile); weeks and balances proportional to contributed years;
housing balance = 5 % of the contributed wage bill since 1992 (INFONAVIT rate), not calibrated.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from pensiones._validation import check_integer
from pensiones.engine.population import FECHA_TRANSICION, Population
from pensiones.engine.procesos import BANDAS_EDAD, BANDAS_SALARIO_REL, Procesos, densidad_estacionaria
from pensiones.rules.ruleset import load

__all__ = ["poblacion_sintetica", "familia_sintetica", "SALDO_RCV_2025", "objetivos"]

#: RCV-IMSS balance at December 2025, pesos ("6.89 billones"; CONSAR).
SALDO_RCV_2025 = 6.89e12


def objetivos(year: int = 2025) -> dict[str, float]:
    """Calibration targets for ``year`` read from the rule tables (December of ``year - 0``)."""
    row = load().row("sbc_promedio_imss", dt.date(year, 12, 1))
    return {"cotizantes": float(row["cotizantes"]), "sbc_promedio": float(row["value"]), "saldo_rcv": SALDO_RCV_2025}


def _tasa_cuenta(edad: np.ndarray, mujer: np.ndarray) -> np.ndarray:
    base = np.where(mujer, 0.50, 0.70)
    shape = np.where(edad < 25, 0.6 + 0.4 * (edad - 18) / 7.0, np.where(edad > 55, 1.0 - 0.04 * (edad - 55), 1.0))
    return base * shape


def poblacion_sintetica(
    n: int,
    seed: int,
    year: int = 2025,
    *,
    procesos: Procesos | None = None,
    entrantes: bool = True,
    fraccion_entrantes: float = 0.25,
    anio_fin: int = 2070,
) -> Population:
    """Build ``n`` weighted records calibrated to the targets of :func:`objetivos`.

    With ``entrantes`` (default), a share ``fraccion_entrantes`` of the records are future
    entrants: the CONAPO cohorts aged 17 or less in ``year``, account holders at the adult
    rates, entering at ages 18-27 up to ``anio_fin``, contributing at entry, with wages drawn
    like today's and moved by inflation and the default real wage growth.

    Parameters
    ----------
    n : int
        Records (1 to 50 million).
    seed : int
        Seed of the numpy generator used to draw the records (0 to 2**63 - 1).
    year : int
        Start year (2025 only: the calibration targets are December 2025).
    procesos : Procesos, optional
        Contribution chain used for the starting states (default :class:`Procesos`).

    Examples
    --------
    >>> from pensiones.engine import Population
    >>> p = Population.synthetic(10_000, seed=1)
    >>> hoy = p.anio_afiliacion <= 2025
    >>> round(float(p.peso[p.cotizando & hoy].sum()) / 1e6, 2)
    22.45
    """
    n_total = check_integer("n", n, minimum=1, maximum=50_000_000)
    fin = check_integer("anio_fin", anio_fin, minimum=year, maximum=2070)
    n_ent = int(round(n_total * fraccion_entrantes)) if entrantes and n_total >= 8 and fin > year else 0
    n = n_total - n_ent
    seed = check_integer("seed", seed, minimum=0, maximum=2**63 - 1)
    year = check_integer("year", year, minimum=2025, maximum=2025)
    procesos = Procesos() if procesos is None else procesos
    rs = load()
    target = objetivos(year)
    gen = np.random.default_rng(seed)

    pop = rs.rows("poblacion_conapo", dt.date(year, 7, 1))
    pop = pop[(pop.edad >= 18) & (pop.edad <= 64)]
    edades = pop["edad"].to_numpy()
    mujer_cell = (pop["sexo"] == "M").to_numpy()
    # aged 60-64, only the contributors are still active account holders (about a quarter)
    holders = pop["value"].to_numpy() * _tasa_cuenta(edades, mujer_cell) * np.where(edades >= 60, 0.25, 1.0)
    cell = gen.choice(len(pop), size=n, p=holders / holders.sum())
    edad = edades[cell] + gen.random(n)  # uniform within the year of age
    mujer = mujer_cell[cell]
    nac = year - np.floor(edad).astype(np.int64)
    edad_int = year - nac

    sm = rs.salario_minimo_diario(year)
    uma = rs.uma_diaria(year)
    tope = rs.tope_sbc_diario(year)
    profile = -procesos.curvatura_edad * (edad_int - procesos.pico_edad) ** 2
    log_w = gen.normal(0.0, 0.6, n) + profile + np.where(mujer, np.log(0.87), 0.0)
    wage = np.exp(log_w)

    # starting contribution state: the stationary probability of the person's cell
    dens = densidad_estacionaria(procesos.p_entrada, procesos.p_permanencia)
    age_band = np.searchsorted(BANDAS_EDAD, edad_int, side="right")
    cot = np.zeros(n, dtype=bool)

    # scale wages so that contributors average the target SBC (with the minimum-wage floor and cap)
    scale = target["sbc_promedio"]
    for _ in range(50):
        sbc = np.clip(wage * scale, sm, tope)
        sal_band = np.searchsorted(BANDAS_SALARIO_REL, sbc / target["sbc_promedio"], side="left")
        p = dens[mujer.astype(int), age_band, sal_band]
        if not cot.any():
            # people aged 60+ who no longer contribute have mostly retired already (they are in
            # the stock of pensions in payment): the records aged 60-64 are contributors
            cot = (gen.random(n) < p) | (edad_int >= 60)
        mean = float(sbc[cot].mean()) if cot.any() else target["sbc_promedio"]
        if abs(mean - target["sbc_promedio"]) < 1e-9 * target["sbc_promedio"]:
            break
        scale *= target["sbc_promedio"] / mean
    sbc = np.clip(wage * scale, sm, tope)
    sal_band = np.searchsorted(BANDAS_SALARIO_REL, sbc / target["sbc_promedio"], side="left")
    p_dens = dens[mujer.astype(int), age_band, sal_band]

    # first affiliation: between 16 and 16 + 12 years of age (never after the start year)
    afil = np.minimum(nac + 16.0 + gen.random(n) * 12.0, year - gen.random(n) * 0.5)
    afil = np.maximum(afil, nac + 12.0)
    years_in = np.maximum(year - afil, 0.0)
    semanas = np.clip(years_in * 52.1429 * p_dens * gen.uniform(0.7, 1.3, n), 0.0, 5500.0)
    transicion = afil < FECHA_TRANSICION
    # RCV contributions start on 1 July 1997: balance proportional to contributed wage-years since then
    years_rcv = np.minimum(years_in, year - FECHA_TRANSICION)
    raw_balance = sbc * 365.0 * years_rcv * p_dens * (1.0 + 0.02 * years_rcv)
    years_viv = np.minimum(years_in, year - 1992.0)
    vivienda = 0.05 * sbc * 365.0 * years_viv * p_dens

    peso = np.full(n, target["cotizantes"] / max(int(cot.sum()), 1))
    balance = raw_balance * target["saldo_rcv"] / float((raw_balance * peso).sum())
    prom73 = np.where(transicion, np.minimum(sbc, tope), 0.0)
    prom_uma = np.clip(sbc / uma * gen.uniform(0.8, 1.0, n), 0.01, 25.0)
    cols = [mujer.astype(np.int8), nac, afil, semanas, sbc, balance, vivienda, prom73, prom_uma, cot, peso]
    if n_ent:
        ent = _entrantes(n_ent, gen, rs, year, fin, scale, procesos)
        cols = [np.concatenate([a, b]) for a, b in zip(cols, ent)]
    names = ("sexo", "anio_nacimiento", "anio_afiliacion", "semanas", "sbc_diario", "saldo_rcv", "saldo_vivienda",
             "promedio_250_ley73", "salario_promedio_uma", "cotizando", "peso")
    familia = familia_sintetica(cols[0] == 1, seed, rs)
    return Population(**{k: _ro(v) for k, v in zip(names, cols)}, **{k: _ro(v) for k, v in familia.items()})


def familia_sintetica(mujer: np.ndarray, seed: int, reglas=None) -> dict[str, np.ndarray]:
    """The family each record will have at the pension, for the seguro de sobrevivencia (LSS art. 159 fr. VI).

    A spouse or partner with the probability of being married or in union at 60 or more by sex, the
    spouse's age gap the mean gap at marriage (table ``familia_pension``: INEGI Censo 2020 and
    marriage statistics 2020); no children with an orphan's pension (at 60-65 the youngest child
    is mostly past 25: no published figure was found).  Drawn from their own generator, keyed by
    ``seed``, so the rest of the population does not change.

    Returns
    -------
    dict of ndarray
        The columns of :data:`~pensiones.engine.population.COLUMNAS_FAMILIA`.
    """
    rs = load() if reglas is None else reglas
    fecha = rs.tabla("familia_pension").frame["effective_from"].max()
    gen = np.random.default_rng([seed, 1])
    prob = np.empty(len(mujer))
    gap = np.empty(len(mujer), dtype=np.int64)
    for sexo, donde in (("H", ~mujer), ("M", mujer)):
        prob[donde] = float(rs.valor("familia_pension", fecha, sexo=sexo, concepto="en_pareja"))
        gap[donde] = int(round(float(rs.valor("familia_pension", fecha, sexo=sexo, concepto="diferencia_edad_conyuge"))))
    conyuge = gen.random(len(mujer)) < prob
    ceros = np.zeros(len(mujer), dtype=np.int64)
    return {"conyuge": conyuge, "diferencia_edad_conyuge": np.where(conyuge, gap, 0), "hijos": ceros, "diferencia_edad_hijos": ceros.copy()}


def _entrantes(n, gen, rs, year, fin, scale, procesos):
    """Future entrants: cohorts born after ``year - 18``, entering at 18-27 by ``fin``."""
    cohorts = []
    for b in range(year - 17, fin - 18 + 1):
        rows = rs.rows("poblacion_conapo", dt.date(b + 18, 7, 1))
        for sexo_i, sexo in enumerate(("H", "M")):
            size = float(rows[(rows.edad == 18) & (rows.sexo == sexo)]["value"].sum())
            cohorts.append((b, sexo_i, size * (0.70 if sexo_i == 0 else 0.50)))
    sizes = np.array([c[2] for c in cohorts])
    pick = gen.choice(len(cohorts), size=n, p=sizes / sizes.sum())
    per_cell = np.bincount(pick, minlength=len(cohorts))
    nac = np.array([cohorts[k][0] for k in pick], dtype=np.int64)
    mujer = np.array([cohorts[k][1] for k in pick], dtype=bool)
    entry_age = 18.0 + gen.random(n) * 10.0
    afil = nac + entry_age
    keep_year = np.floor(afil) <= fin
    afil = np.where(keep_year, afil, fin - 0.5)  # entering after the horizon: enter in its last year
    afil = np.maximum(afil, year + 1.0)
    entry = np.floor(afil).astype(int)
    profile = -procesos.curvatura_edad * (entry - nac - procesos.pico_edad) ** 2
    wage = np.exp(gen.normal(0.0, 0.6, n) + profile + np.where(mujer, np.log(0.87), 0.0)) * scale
    inpc = {t: rs.inpc(int(t) - 1, 12) for t in np.unique(entry)}
    growth = np.array([inpc[t] / rs.inpc(year - 1, 12) * (1.0 + procesos.crecimiento_real_salarial) ** (t - year) for t in entry])
    sbc = np.maximum(wage * growth, np.array([rs.salario_minimo_diario(int(t)) for t in entry]))
    uma = np.array([rs.uma_diaria(int(t)) for t in entry])
    peso = sizes[pick] / per_cell[pick]
    zeros = np.zeros(n)
    return [mujer.astype(np.int8), nac, afil, zeros, sbc, zeros, zeros, zeros, np.clip(sbc / uma, 0.01, 25.0),
            np.ones(n, dtype=bool), peso]


def _ro(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a
