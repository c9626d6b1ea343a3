"""The records of the groups a scenario brings into the régimen obligatorio (``Procesos.cobertura``).

:func:`poblacion_cobertura` builds them, as :mod:`pensiones.engine.cobertura` describes: the members outside the
regime times ``incorporacion`` enter at ``desde`` and every later year as many again divided by the span of
working ages enter young; wages from the group's income moved with the average SBC; the contribution state at
entry drawn with the group's density (:func:`pensiones.engine.procesos.densidad_grupo`).
"""

from __future__ import annotations

import math

import numpy as np

from pensiones.calendario import DIAS_POR_MES
from pensiones.demography.conapo import poblacion
from pensiones.engine.cobertura import GRUPOS, Cobertura, GrupoCobertura, grupos
from pensiones.engine.population import Population
from pensiones.engine.procesos import densidad_grupo
from pensiones.engine.synthetic import familia_sintetica, sbc_referencia
from pensiones.rules.ruleset import load

__all__ = ["poblacion_cobertura", "EDADES_GRUPO", "EDADES_ENTRADA_GRUPO"]

#: Working ages of a group's members when it enters the regime (the stock), years.
EDADES_GRUPO = (18, 64)
#: Ages at which the later members of a group enter, years.
EDADES_ENTRADA_GRUPO = (18, 27)
#: Fewest records of a group's stock, and of one later year's entrants (precision of small groups).
REGISTROS_MINIMOS = 100
REGISTROS_MINIMOS_ANIO = 5
#: Fewest people a record may stand for when the population's own records stand for fewer (a population
#: of few people must not give a group millions of records).
PERSONAS_MINIMAS_REGISTRO = 1.0
#: Log-wage dispersion of a group's members (the synthetic entrants', ``synthetic._SIGMA_ENTRADA``).
SIGMA_INGRESO = 0.55
#: Key of the groups' family draws (:func:`pensiones.engine.synthetic.familia_sintetica`).
_CLAVE_FAMILIA = 2**41


def _edades(reglas, year: int, mujer: bool, edades: tuple[int, int]) -> np.ndarray:
    """CONAPO's population of ``year`` at ``edades`` (inclusive) of one sex, as weights by age."""
    rows = poblacion(reglas, year)
    rows = rows[(rows["sexo"] == ("M" if mujer else "H")) & (rows["edad"] >= edades[0]) & (rows["edad"] <= edades[1])]
    pesos = np.zeros(edades[1] - edades[0] + 1)
    np.add.at(pesos, rows["edad"].to_numpy(dtype=np.int64) - edades[0], rows["value"].to_numpy(dtype=float))
    return pesos


def _mujeres(reglas, grupo: GrupoCobertura, year: int) -> float:
    if grupo.proporcion_mujeres is not None:
        return grupo.proporcion_mujeres
    m = _edades(reglas, year, True, EDADES_GRUPO).sum()
    return float(m / (m + _edades(reglas, year, False, EDADES_GRUPO).sum()))


def _lote(gen, reglas, procesos, grupo: GrupoCobertura, c: Cobertura, entrada: np.ndarray, edades, personas: float,
          m: int, seed: int, g: int):
    """``m`` records for ``personas`` people of ``grupo`` entering at the decimal years ``entrada``."""
    year = int(math.floor(float(entrada.min())))
    mujer = gen.random(m) < _mujeres(reglas, grupo, year)
    edad = np.empty(m, dtype=np.int64)
    for sexo in (False, True):
        k = np.flatnonzero(mujer == sexo)
        if len(k):
            pesos = _edades(reglas, year, sexo, edades)
            edad[k] = edades[0] + gen.choice(len(pesos), size=len(k), p=pesos / pesos.sum())
    anio = np.floor(entrada).astype(np.int64)
    ref = sbc_referencia(reglas, np.append(anio, grupo.anio_ingreso), procesos.crecimiento_real_salarial)
    diario = grupo.ingreso_mensual / DIAS_POR_MES * ref[:-1] / ref[-1]
    sbc = diario * np.exp(gen.normal(-0.5 * SIGMA_INGRESO**2, SIGMA_INGRESO, m))
    uma = np.array([reglas.uma_diaria(int(t)) for t in anio])
    ceros, izeros = np.zeros(m), np.zeros(m, dtype=np.int64)
    return {
        "sexo": mujer.astype(np.int8), "anio_nacimiento": anio - edad, "anio_afiliacion": entrada, "semanas": ceros,
        "sbc_diario": sbc, "saldo_rcv": ceros, "saldo_vivienda": ceros, "promedio_250_ley73": ceros,
        "salario_promedio_uma": np.clip(sbc / uma, 0.01, 25.0), "cotizando": gen.random(m) < densidad_grupo(c),
        "peso": np.full(m, personas / m), "modalidad": izeros, "pension_mensual": ceros, "complemento_fondo": ceros,
        "anio_pension": izeros, "anio_ultima_cotizacion": izeros,
        **familia_sintetica(mujer, seed, reglas, clave=_CLAVE_FAMILIA + g * 2**24 + year),
    }


def poblacion_cobertura(cobertura: tuple[Cobertura, ...], *, personas_por_registro: float, seed: int, start: int,
                        end: int, procesos, reglas=None):
    """The records a run appends for the groups of ``cobertura``: (Population, group numbers), or None.

    The members outside the regime times ``incorporacion`` enter at ``desde`` (not before ``start``), and
    each later year to ``end`` as many again divided by the span of working ages (:data:`EDADES_GRUPO`),
    aged :data:`EDADES_ENTRADA_GRUPO`; each record stands for about ``personas_por_registro`` people (the
    population's own, so the groups are simulated as precisely), with at least
    :data:`REGISTROS_MINIMOS` records for the stock and :data:`REGISTROS_MINIMOS_ANIO` for a year's entrants.
    The draws are keyed by ``seed`` and the group: the same arguments give the same records.
    """
    if not cobertura:
        return None
    reglas = load() if reglas is None else reglas
    ppr = max(float(personas_por_registro), PERSONAS_MINIMAS_REGISTRO)
    partes, numeros = [], []
    span = EDADES_GRUPO[1] - EDADES_GRUPO[0] + 1
    for c in cobertura:
        grupo, g = grupos()[c.grupo], GRUPOS.index(c.grupo) + 1
        gen = np.random.default_rng([int(seed), 0xC0B, g])
        desde = max(c.desde, float(start))
        entran = grupo.fuera * c.incorporacion
        m = max(REGISTROS_MINIMOS, round(entran / ppr))
        partes.append(_lote(gen, reglas, procesos, grupo, c, np.full(m, desde), EDADES_GRUPO, entran, m, seed, g))
        numeros.append(np.full(m, g, dtype=np.int64))
        for t in range(int(math.floor(desde)) + 1, int(end) + 1):
            personas = entran / span
            m = max(REGISTROS_MINIMOS_ANIO, round(personas / ppr))
            entrada = t + gen.random(m) * 0.999
            partes.append(_lote(gen, reglas, procesos, grupo, c, entrada, EDADES_ENTRADA_GRUPO, personas, m, seed, g))
            numeros.append(np.full(m, g, dtype=np.int64))
    columnas = {k: np.concatenate([p[k] for p in partes]) for k in partes[0]}
    return Population(**columnas, anio_fin_entrantes=int(end)), np.concatenate(numeros)
