"""The CONAPO population by sex and single year of age, 2021-2100.

The CONAPO 2025-2070 projections (table ``poblacion_conapo``) backcast to 2021 and continued to 2100
by ``Supuestos.poblacion_post_2070``. The engine uses it for the whole-population programmes (PBAM,
Pensión Mujeres Bienestar) and the synthetic population's cohorts.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pensiones.calendario import ANIO_MAX
from pensiones.rules.ruleset import RuleSet

__all__ = [
    "poblacion",
    "poblacion_post_2070",
    "RETROPROYECCIONES",
    "PRIMER_ANIO_CONAPO",
    "ULTIMO_ANIO_CONAPO",
    "ULTIMO_ANIO_POBLACION",
    "POBLACIONES_POST_2070",
]

#: First year of the CONAPO 2025-2070 projections (table ``poblacion_conapo``).
PRIMER_ANIO_CONAPO = 2025
#: Last year of the CONAPO projections; later years follow ``Supuestos.poblacion_post_2070``.
ULTIMO_ANIO_CONAPO = 2070
#: Last year whose population is available (the end of the simulable horizon).
ULTIMO_ANIO_POBLACION = ANIO_MAX
#: How the population after 2070 is obtained (``Supuestos.poblacion_post_2070``).
POBLACIONES_POST_2070 = ("cohortes", "crecimiento_2060_2070", "constante")
#: How the population of a year before 2025 is obtained (see :func:`poblacion`).
RETROPROYECCIONES = ("crecimiento_2025_2026", "estructura_2025")


def poblacion(rs: RuleSet, year: int, *, retroproyeccion: str = "crecimiento_2025_2026") -> pd.DataFrame:
    """CONAPO population by sex and age on 1 July of ``year`` (columns ``edad``, ``sexo``, ``value``).

    The CONAPO projections (table ``poblacion_conapo``) run from 2025 to 2070.  For 2071-2100,
    the rule set's ``supuestos.poblacion_post_2070`` decides (see :func:`poblacion_post_2070`).
    For 2021-2024, ``retroproyeccion`` decides, explicitly:

    ``"crecimiento_2025_2026"`` (default)
        Each sex-age cell of 2025 divided by its own 2025-2026 growth factor once per year back:
        the projection's first-year growth extended backwards (the 65+ population then grows
        about 3.8 % a year, as in the CONAPO 2025-2030 projections).
    ``"estructura_2025"``
        The 2025 population unchanged.

    Raises
    ------
    ValueError
        For a year before 2021 or after 2100, or an unknown ``retroproyeccion``.
    """
    if retroproyeccion not in RETROPROYECCIONES:
        raise ValueError(f"retroproyeccion must be one of {', '.join(RETROPROYECCIONES)}; got {retroproyeccion!r}")
    if not 2021 <= int(year) <= ULTIMO_ANIO_POBLACION:
        raise ValueError(
            f"year must be in [2021, {ULTIMO_ANIO_POBLACION}] for the population (CONAPO 2025-2070, backcast to 2021, "
            f"Supuestos.poblacion_post_2070 after 2070); got {year}"
        )
    if year > ULTIMO_ANIO_CONAPO:
        return poblacion_post_2070(rs, int(year))
    if year >= PRIMER_ANIO_CONAPO:
        return _poblacion_conapo(rs, int(year))
    base = _poblacion_conapo(rs, PRIMER_ANIO_CONAPO)
    if retroproyeccion == "estructura_2025":
        return base
    nxt = _poblacion_conapo(rs, PRIMER_ANIO_CONAPO + 1).set_index(["sexo", "edad"])["value"]
    growth = nxt.reindex(pd.MultiIndex.from_frame(base[["sexo", "edad"]])).to_numpy() / base["value"].to_numpy()
    out = base.copy()
    out["value"] = base["value"].to_numpy() * growth ** (int(year) - PRIMER_ANIO_CONAPO)
    return out


def _poblacion_conapo(rs: RuleSet, year: int) -> pd.DataFrame:
    return rs.rows("poblacion_conapo", dt.date(year, 7, 1)).reset_index(drop=True)


def _celdas(frame: pd.DataFrame) -> pd.Series:
    return frame.set_index(["sexo", "edad"])["value"].astype(float).sort_index()


def poblacion_post_2070(rs: RuleSet, year: int) -> pd.DataFrame:
    """The population of ``year`` (2071-2100) from CONAPO's 2070 by ``rs.supuestos.poblacion_post_2070``.

    ``"cohortes"`` (default)
        Each cohort ages with CONAPO's last one-year change by sex and age,
        ``P(x+1, t+1) = P(x, t) x P(x+1, 2070) / P(x, 2069)`` (survival and net migration of
        2069-2070), the last age (109) open: ``P(109, t+1) = (P(108, t) + P(109, t)) x P(109, 2070)
        / (P(108, 2069) + P(109, 2069))``; newborns ``P(0, t+1) = P(0, t) x (P(0, 2070) / P(0,
        2060)) ** (1/10)``.
    ``"crecimiento_2060_2070"``
        ``P(x, t) = P(x, 2070) x (P(x, 2070) / P(x, 2060)) ** ((t - 2070) / 10)`` for every cell.
    ``"constante"``
        ``P(x, t) = P(x, 2070)``.

    Returns the frame of :func:`poblacion` (``edad``, ``sexo``, ``value``; ``value`` as float).
    """
    year = int(year)
    if not ULTIMO_ANIO_CONAPO < year <= ULTIMO_ANIO_POBLACION:
        raise ValueError(f"year must be in [{ULTIMO_ANIO_CONAPO + 1}, {ULTIMO_ANIO_POBLACION}]; got {year}")
    criterio = rs.supuestos.poblacion_post_2070
    if criterio not in POBLACIONES_POST_2070:
        raise ValueError(f"poblacion_post_2070 must be one of {', '.join(POBLACIONES_POST_2070)}; got {criterio!r}")
    key = ("poblacion_post_2070", criterio)
    if key not in rs._cache:  # every year at once, once per rule set (the rule set's own memo)
        rs._cache[key] = _trayectoria_post_2070(rs, criterio)
    ultimo, valores = rs._cache[key]
    out = ultimo[["edad", "sexo"]].copy()
    out["effective_from"] = dt.date(year, 7, 1)
    out["value"] = valores[year].copy()
    return out[[c for c in ultimo.columns]]


def _trayectoria_post_2070(rs: RuleSet, criterio: str) -> tuple[pd.DataFrame, dict[int, np.ndarray]]:
    """CONAPO's 2070 frame and, for each year 2071-2100, the values of :func:`poblacion_post_2070`
    in that frame's row order."""
    ultimo = _poblacion_conapo(rs, ULTIMO_ANIO_CONAPO)
    p = _celdas(ultimo)
    orden = pd.MultiIndex.from_frame(ultimo[["sexo", "edad"]])
    anios = range(ULTIMO_ANIO_CONAPO + 1, ULTIMO_ANIO_POBLACION + 1)
    valores = {}
    if criterio == "cohortes":
        antes = _celdas(_poblacion_conapo(rs, ULTIMO_ANIO_CONAPO - 1)).reindex(p.index)
        decada = _celdas(_poblacion_conapo(rs, ULTIMO_ANIO_CONAPO - 10)).reindex(p.index)
        por_sexo = {}
        for sexo in ("H", "M"):
            x = p.loc[sexo].to_numpy()
            x0 = antes.loc[sexo].to_numpy()
            # CONAPO's 2069-2070 change of each cohort: survival and net migration from age a to a + 1
            paso = x[1:] / x0[:-1]
            paso[-1] = x[-1] / (x0[-2] + x0[-1])  # the last age is open
            nacimientos = (x[0] / decada.loc[sexo].to_numpy()[0]) ** 0.1
            serie = []
            for _ in anios:
                siguiente = np.empty_like(x)
                siguiente[0] = x[0] * nacimientos
                siguiente[1:-1] = x[:-2] * paso[:-1]
                siguiente[-1] = (x[-2] + x[-1]) * paso[-1]
                x = siguiente
                serie.append(x)
            por_sexo[sexo] = (p.loc[sexo].index, serie)
        for k, year in enumerate(anios):
            partes = [
                pd.Series(serie[k], index=pd.MultiIndex.from_product([[sexo], edades], names=["sexo", "edad"]))
                for sexo, (edades, serie) in por_sexo.items()
            ]
            valores[year] = pd.concat(partes).reindex(orden).to_numpy()
    else:
        if criterio == "crecimiento_2060_2070":
            decada = _celdas(_poblacion_conapo(rs, ULTIMO_ANIO_CONAPO - 10)).reindex(p.index)
        for year in anios:
            n = year - ULTIMO_ANIO_CONAPO
            q = p * (p / decada) ** (n / 10.0) if criterio == "crecimiento_2060_2070" else p
            valores[year] = q.reindex(orden).to_numpy()
    return ultimo, valores
