"""Paths that draw their own scenario: macro paths, uncertain behaviour and the bootstrap of the records.

By default every path of a run shares the scenario's rules resolved once (``Tablas``, ``Parametros``)
and differs only in its returns and in the careers' keyed draws.  Three switches of
:class:`~pensiones.engine.procesos.Procesos` make each path a draw of the scenario itself:

- ``macro = "estocastico"``: the path's inflation, real wage growth, formal employment growth and
  real return from the VAR(1) of :mod:`pensiones.engine.macro`; they become the path's
  ``Supuestos.trayectoria_inflacion`` and ``trayectoria_crecimiento_real_pib`` and
  ``Procesos.trayectoria_crecimiento_real_salarial``, from which the path's rules are resolved by the
  same code as the deterministic run's (:func:`pensiones.engine.resolve_arrays.tablas`), and its yearly
  series (GDP, deflator, the Ley 73 stock, PBAM) by :func:`pensiones.engine.anuales.anuales`'s; the
  path's returns from 2026 are the drawn ones; a future entrant's wage at entry moves with the path's
  average wage; IMSS's own lines move with it too.
- ``comportamiento_incierto``: the behavioural parameters of :data:`RANGOS`, drawn per path.
- ``bootstrap``: each record's weight on a path times a Poisson(1) draw keyed by (seed, path, record).

Every draw is keyed by the seed and the run-wide path number (and the record for the bootstrap), never
by the scenario: a baseline and a reform share them, a null reform gives exactly zero, and path ``p``
run alone (``primer_path=p``) is path ``p`` of a batch, whatever the threads, chunks or work units.
:func:`preparar` builds a :class:`PathInputs`; :meth:`PathInputs.run` runs the kernel
path by path on it.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import attrs
import numpy as np

from pensiones.engine import macro, rng

__all__ = ["RANGOS", "Rango", "per_path", "sorteos_comportamiento", "comportamiento", "pesos_bootstrap", "PathInputs",
           "preparar", "ANIO_ULTIMA_OBSERVACION", "PASO_MEJORA", "rangos_sensibilidad"]

#: Last year of the annual series of the macro model: the paths draw the years after it.
ANIO_ULTIMA_OBSERVACION = 2025


class Rango(NamedTuple):
    """The documented range of an uncertain behavioural parameter.

    ``forma``: ``"momios"`` multiplies the odds p / (1 - p) of each probability by a factor drawn
    log-uniformly in [``bajo``, ``alto``]; ``"densidad"`` recalibrates the contribution chain's p01 to an
    average stationary density drawn uniformly in [``bajo``, ``alto``] (the factor on p01 of that target
    over the factor of 42.9 %, applied to the scenario's ``p_entrada``); ``"aditivo"`` adds a value drawn
    uniformly on the grid ``bajo``, ``bajo`` + :data:`PASO_MEJORA`, ..., ``alto``.  ``razon`` says where the
    range comes from.
    """

    forma: str
    bajo: float
    alto: float
    razon: str


#: Behavioural parameters calibrated to thin data, their ranges and the reasoning (``docs/incertidumbre_fuentes.md``).
RANGOS = {
    "probabilidad_cesantia": Rango(
        "momios", 0.5, 2.0,
        "Calibrated to one state's figures (Quintana Roo, January-September 2023: 17,520 cesantia and 5,086 vejez "
        "pensions); no national count by age was read.  Assumption: the odds within a factor of two either way "
        "(0.59-0.85 at the default 0.74), wide because the target is one state over nine months.",
    ),
    "densidad": Rango(
        "densidad", 0.379, 0.479,
        "The chain is calibrated to CONSAR's one published average density, 42.9 %, with no published error or "
        "trend.  Assumption: the average density within 5 percentage points of it (37.9-47.9 %), the chain's "
        "p01 recalibrated to the drawn target (p_entrada x the ratio of the calibrations' factors).",
    ),
    "solicitud_fondo": Rango(
        "momios", 0.5, 2.0,
        "Calibrated to the people the Fondo de Pensiones para el Bienestar paid in April 2025, ten months into "
        "a new programme.  Assumption: the odds within a factor of two (0.09-0.28 at the default 0.16).",
    ),
    "espera_fondo": Rango(
        "momios", 1.0 / 3.0, 3.0,
        "An assumption with no data (no published count of members waiting for 65 to get the complement).  The "
        "odds within a factor of three (0.50-0.90 at the default 0.75): the complement can double a pension at "
        "the guaranteed level, so most of those it concerns are taken to wait; how many is unknown.",
    ),
    "mejora_mortalidad": Rango(
        "aditivo", 0.0, 0.015,
        "The default assumes no improvement of the EMSSA-09 rates after 2009; no Mexican projection of "
        "improvement was read, and no source read gives a range.  Assumption: 0 to 1.5 % a year added "
        "(one-sided: the rates are not taken to worsen), 1.5 % as a generous upper end.",
    ),
}

#: Step of the drawn mortality improvement (a year): 0, 0.05 %, ..., 1.5 %, 31 values equally likely.
PASO_MEJORA = 0.0005

_STREAM_RANGO = {nombre: rng.STREAM[f"incierto_{nombre}"] for nombre in RANGOS}
#: Poisson(1) cumulative probabilities of 0 .. 19 (P(K >= 20) < 1e-19).
_POISSON_CDF = np.cumsum([math.exp(-1.0) / math.factorial(k) for k in range(20)])


def per_path(procesos) -> bool:
    """Whether ``procesos`` asks each path to draw its own scenario (macro, behaviour or bootstrap)."""
    return procesos.macro == "estocastico" or procesos.comportamiento_incierto or procesos.bootstrap


def _momios(p, factor):
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(p >= 1.0, 1.0, factor * p / (1.0 - p + factor * p))
    return out


def sorteos_comportamiento(seed: int, path: int) -> dict[str, float]:
    """The drawn value of each parameter of :data:`RANGOS` on path ``path``: the odds factor, the density
    target or the added value (uniforms keyed by (seed, path, -1, 0, stream))."""
    out = {}
    for nombre, rango in RANGOS.items():
        u = rng.uniforme(int(seed), int(path), -1, 0, _STREAM_RANGO[nombre])
        if rango.forma == "momios":
            out[nombre] = math.exp(math.log(rango.bajo) + u * (math.log(rango.alto) - math.log(rango.bajo)))
        elif rango.forma == "aditivo":
            # on a grid of PASO_MEJORA steps: each value's annuity factors are computed once per run
            pasos = round((rango.alto - rango.bajo) / PASO_MEJORA)
            out[nombre] = rango.bajo + min(int(u * (pasos + 1)), pasos) * PASO_MEJORA
        else:
            out[nombre] = rango.bajo + u * (rango.alto - rango.bajo)
    return out


def rangos_sensibilidad(procesos) -> dict[str, tuple]:
    """The documented ranges of :data:`RANGOS` as ``(low, high)`` values of ``procesos``' fields, for
    :func:`pensiones.sensibilidad`: the ends of each range applied to the scenario's own values
    (``procesos.probabilidad_cesantia``, ``procesos.p_entrada`` for the density, ``procesos.solicitud_fondo``,
    ``procesos.espera_fondo``, ``procesos.mejora_mortalidad``), exactly as a path's draw applies them."""
    from pensiones.engine.procesos import DENSIDAD_OBJETIVO, escala_entrada_densidad

    def extremos(nombre):
        return RANGOS[nombre].bajo, RANGOS[nombre].alto

    lo, hi = extremos("densidad")
    base = escala_entrada_densidad(DENSIDAD_OBJETIVO)
    p01 = np.asarray(procesos.p_entrada, dtype=float)
    densidad = tuple(np.clip(p01 * escala_entrada_densidad(d) / base, 0.0, 1.0) for d in (lo, hi))
    momios = {n: tuple(_momios(getattr(procesos, n), f) for f in extremos(n))
              for n in ("probabilidad_cesantia", "solicitud_fondo", "espera_fondo")}
    lo_m, hi_m = extremos("mejora_mortalidad")
    return {
        "procesos.probabilidad_cesantia": tuple(tuple(float(x) for x in v) for v in momios["probabilidad_cesantia"]),
        "procesos.p_entrada": densidad,
        "procesos.solicitud_fondo": tuple(float(np.clip(v, 1e-6, 1.0)) for v in momios["solicitud_fondo"]),
        "procesos.espera_fondo": tuple(float(v) for v in momios["espera_fondo"]),
        "procesos.mejora_mortalidad": (float(procesos.mejora_mortalidad + lo_m),
                                       float(min(procesos.mejora_mortalidad + hi_m, 0.05))),
    }


def comportamiento(procesos, seed: int, path: int):
    """``procesos`` with the behavioural parameters of :data:`RANGOS` drawn for path ``path``."""
    from pensiones.engine.procesos import DENSIDAD_OBJETIVO, escala_entrada_densidad

    s = sorteos_comportamiento(seed, path)
    escala = escala_entrada_densidad(float(s["densidad"])) / escala_entrada_densidad(DENSIDAD_OBJETIVO)
    return attrs.evolve(
        procesos,
        probabilidad_cesantia=_momios(procesos.probabilidad_cesantia, s["probabilidad_cesantia"]),
        p_entrada=np.clip(np.asarray(procesos.p_entrada, dtype=float) * escala, 0.0, 1.0),
        solicitud_fondo=float(np.clip(_momios(procesos.solicitud_fondo, s["solicitud_fondo"]), 1e-6, 1.0)),
        espera_fondo=float(_momios(procesos.espera_fondo, s["espera_fondo"])),
        mejora_mortalidad=float(min(procesos.mejora_mortalidad + s["mejora_mortalidad"], 0.05)),
    )


def pesos_bootstrap(seed: int, path: int, primera_persona: int, n: int) -> np.ndarray:
    """Poisson(1) multipliers of the weights of records ``primera_persona`` .. ``primera_persona + n - 1`` on
    path ``path`` (integers as floats, mean 1), keyed by (seed, path, record)."""
    personas = np.arange(primera_persona, primera_persona + n, dtype=np.int64)
    u = rng.uniformes(int(seed), int(path), personas, 0, rng.STREAM["bootstrap"])
    return np.searchsorted(_POISSON_CDF, u, side="right").astype(float)


def _compartir(tablas, base):
    """``tablas`` with every array equal to ``base``'s replaced by ``base``'s (one copy in memory and in pickles)."""
    campos = {}
    for nombre, valor, comun in zip(tablas._fields, tablas, base):
        if isinstance(valor, np.ndarray) and valor.shape == np.shape(comun) and np.array_equal(valor, comun):
            valor = comun
        campos[nombre] = valor
    return type(tablas)(**campos)


@attrs.frozen(eq=False)
class PathInputs:
    """What each path of a scenario runs on when it draws its own scenario (:func:`preparar`).

    Attributes
    ----------
    T, P : list
        The path's ``Tablas`` and ``Parametros``, by run-wide path number (arrays the paths share are one
        object).
    entrant_wage_factor : ndarray (paths, years + 1) or None
        The path's average SBC over the deterministic one, by year: a future entrant's wage at entry
        (``Population.sbc_diario``, pesos of its entry year) is multiplied by it.
    bootstrap : bool
        Re-weight the records by :func:`pesos_bootstrap`.
    start : int
    """

    T: list
    P: list
    entrant_wage_factor: np.ndarray | None
    bootstrap: bool
    start: int

    def run(self, population, primera_persona: int, real: np.ndarray, seed: int, primer_path: int, **kwargs):
        """Run ``population`` (records ``primera_persona`` ...) on paths ``primer_path`` ... (``real``'s rows),
        each on its own tables and weights; returns the stacked (ledger, outcomes) of
        :func:`pensiones.engine.driver.ejecutar`."""
        from pensiones.engine.driver import ejecutar
        from pensiones.engine.registros import Registros, registros

        base = population if isinstance(population, Registros) else registros(population)
        n = len(base.peso)
        entrantes = None
        if self.entrant_wage_factor is not None and n:
            entrada = np.floor(base.anio_afiliacion).astype(np.int64)
            entrantes = np.flatnonzero(entrada > self.start)
            indice = np.minimum(entrada[entrantes] - self.start, self.entrant_wage_factor.shape[1] - 1)
        ledgers, outs = [], []
        for j in range(real.shape[0]):
            p = primer_path + j
            R = base
            if entrantes is not None and len(entrantes):
                sbc = base.sbc_diario.copy()
                sbc[entrantes] *= self.entrant_wage_factor[p, indice]
                R = R._replace(sbc_diario=sbc)
            if self.bootstrap:
                R = R._replace(peso=base.peso * pesos_bootstrap(seed, p, primera_persona, n))
            ledger, out = ejecutar(R, self.T[p], self.P[p], real[j:j + 1], seed, primera_persona=primera_persona,
                                   primer_path=p, **kwargs)
            ledgers.append(ledger)
            outs.append(out)
        salida = np.concatenate(outs) if kwargs.get("outcomes") else None
        return np.concatenate(ledgers), salida


def _ajustar_linea(linea, factor: np.ndarray):
    """An IMSS line (``ProjectedLine``) with its nominal cost moved by ``factor`` (paths, years)."""
    return attrs.evolve(linea, costo=linea.costo * factor)


def preparar(reglas, procesos, T, P, real: np.ndarray, series, lineas: dict, *, seed: int, paths: int, start: int,
             end: int):
    """Each path's scenario: (:class:`PathInputs`, returns (paths, years), yearly series by path, IMSS lines).

    ``reglas``, ``procesos``, ``T``, ``P``, ``real``, ``series`` and ``lineas`` are the scenario's deterministic
    preparation (:class:`pensiones.simulation.PreparedScenario`).  The yearly series by path is a dict of
    arrays (paths, years) of the columns of ``series`` that vary by path (None without macro paths).
    """
    from pensiones.engine.anuales import _anuales
    from pensiones.engine.resolve import Tablas, parametros
    from pensiones.engine.resolve_arrays import tablas

    years = np.arange(start, end + 1)
    estocastico = procesos.macro == "estocastico"
    real = np.array(real, dtype=float, copy=True)
    lista_T, lista_P = [], []
    anuales = {c: np.empty((paths, len(years))) for c in series.columns if c != "year"} if estocastico else None
    factor = np.ones((paths, len(years) + 1)) if estocastico else None
    proyectados = np.arange(ANIO_ULTIMA_OBSERVACION + 1, end + 2)  # wages need the year after the horizon
    fit = macro.leer() if estocastico else None
    memo: dict = {}  # what the paths share: mortality by improvement, the CONAPO populations
    media = macro.medias(reglas.supuestos, procesos, fit) if estocastico else None
    for p in range(paths):
        if not (estocastico or procesos.comportamiento_incierto):
            lista_T.append(T)
            lista_P.append(P)
            continue
        pr = comportamiento(procesos, seed, p) if procesos.comportamiento_incierto else procesos
        rs = reglas
        if estocastico:
            valores = macro.trayectoria(fit, media, seed, p, proyectados)
            col = {v: valores[:, k] for k, v in enumerate(macro.VARIABLES)}
            pib = macro.crecimiento_pib(valores, media, reglas.supuestos.crecimiento_real_pib)
            anios = [int(a) for a in proyectados]
            rs = reglas.evolve(supuestos=attrs.evolve(
                reglas.supuestos,
                trayectoria_inflacion=dict(zip(anios, col["inflacion"].tolist())),
                trayectoria_crecimiento_real_pib=dict(zip(anios, pib.tolist())),
            ))
            pr = attrs.evolve(pr, trayectoria_crecimiento_real_salarial=dict(
                zip(anios, col["crecimiento_real_salarial"].tolist())))
            # the path's returns for the years it draws (the years before keep the default draws)
            for y, t in enumerate(years):
                if t > ANIO_ULTIMA_OBSERVACION:
                    real[p, y] = col["rendimiento_real"][int(t) - ANIO_ULTIMA_OBSERVACION - 1]
        tp = _compartir(Tablas(**tablas(rs, start, end, pr, memo=memo)), T)
        lista_T.append(tp)
        lista_P.append(parametros(pr, rs.criterios, rs))
        if estocastico:
            serie = _anuales(rs, start, end, procesos.cobertura_pbam, procesos.cobertura_mujeres, memo=memo)
            for c in anuales:
                anuales[c][p] = serie[c].to_numpy(dtype=float)
            factor[p] = tp.sbc_promedio / T.sbc_promedio
    if estocastico:
        lineas = {k: _ajustar_linea(v, factor[:, :-1]) for k, v in lineas.items()}
    entradas = PathInputs(lista_T, lista_P, factor, bool(procesos.bootstrap), int(start))
    return entradas, real, anuales, lineas
