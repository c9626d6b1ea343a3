"""Back-test of the IMSS lines: every published RJP and 140 Bis figure against the model."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pensiones.imss.licencias import licencias_acumuladas
from pensiones.imss.publicados import PUBLISHED
from pensiones.imss.rjp import ANIO_BASE_RJP, _estado_inicial, historia_rjp, proyeccion_rjp
from pensiones.imss.rjp_parametros import SupuestosRJP
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet

__all__ = ["backtest_imss"]

#: Cut-off dates of the cumulative 140 Bis figures.
_CORTES_140BIS = {2020: dt.date(2020, 1, 28), 2021: dt.date(2021, 2, 21)}


def backtest_imss(reglas: RuleSet | None = None, *, paths: int = 1, seed: int = 0,
                  parametros_rjp: dict | None = None, parametros_licencias: dict | None = None) -> pd.DataFrame:
    """Every published RJP and 140 Bis figure against the model, ratios as they come.

    Returns a table with ``series``, ``year``, ``simulated`` (the mean over paths for projected
    years; the central reconstructed history for 2002-2019; the central cumulative for 140 Bis),
    ``published``, ``ratio`` (simulated / published), ``unit``, ``use`` (``calibration``: the model
    is set to reproduce it; ``initial``: the starting stock; ``backtest``: compared as it comes) and
    ``source``.

    References
    ----------
    Régimen de Jubilaciones y Pensiones, CCT IMSS-SNTSS; LSS art. 140 Bis (DOF 04-06-2019).  Sources
    of each figure in :data:`pensiones.imss.publicados.PUBLISHED`.

    Examples
    --------
    >>> from pensiones.imss import backtest_imss
    >>> bt = backtest_imss()
    >>> list(bt.columns)
    ['series', 'year', 'simulated', 'published', 'ratio', 'unit', 'use', 'source']
    """
    rs = resolve_reglas(None, reglas)
    prj = dict(parametros_rjp or {})
    plic = dict(parametros_licencias or {})
    par = SupuestosRJP.de(prj)
    historia = historia_rjp(rs, **prj)
    years = np.arange(ANIO_BASE_RJP + 1, max(p.anio for p in PUBLISHED) + 2)
    linea = proyeccion_rjp(rs, years, paths=paths, seed=seed, **prj)
    est, _, _, factor = _estado_inicial(rs, par, 1)
    rows = []
    for p in PUBLISHED:
        if p.serie.startswith(("licencias_140bis", "dias_140bis", "subsidio_140bis")):
            acum = licencias_acumuladas(_CORTES_140BIS[p.anio], reglas=rs, **plic)
            key = {"licencias_140bis_acumuladas": "licencias", "dias_140bis_acumulados": "dias",
                   "subsidio_140bis_acumulado": "subsidio"}[p.serie]
            sim = acum[key]
        elif p.anio > ANIO_BASE_RJP:
            sim = float(linea.en(p.anio, "casos").mean())
        elif p.serie == "rjp_nuevas_jubilaciones" and p.anio == 2016:
            sim = float(np.mean([historia["nuevas_jubilaciones"][y] for y in (2015, 2016, 2017)]))
        elif p.serie == "rjp_nuevas_jubilaciones":
            sim = historia["nuevas_jubilaciones"][p.anio]
        elif p.serie == "rjp_activos":
            sim = historia["activos"][p.anio]
        elif p.serie == "rjp_casos":
            sim = historia["casos"][p.anio]
        elif p.serie == "rjp_jubilados":
            sim = float(est.jubilados.sum())
        elif p.serie == "rjp_sobrevivientes":
            sim = float(est.sobrevivientes.sum())
        elif p.serie == "rjp_nomina_jubilados":
            sim = float(est.monto_jubilados.sum())
        elif p.serie == "rjp_costo":
            sim = float(est.montos()[0] * factor)
        else:  # a new published series needs a rule here
            raise ValueError(f"no model counterpart for published series {p.serie}")
        rows.append((p.serie, p.anio, float(sim), p.valor, float(sim) / p.valor, p.unidad, p.uso, p.fuente))
    # the reconstructed history against the starting stock it is scaled to
    for serie, clave in (("rjp_jubilados_historia", "jubilados"), ("rjp_casos_historia", "casos")):
        pub = 259000.0 if clave == "jubilados" else 259000.0 + 65151.0
        sim = historia[clave][ANIO_BASE_RJP]
        rows.append((serie, ANIO_BASE_RJP, sim, pub, sim / pub, "persons", "backtest",
                     ("reconstructed history before scaling to the published 2019 stock "
                      "(Informe de Servicios Personales 2019)")))
    return pd.DataFrame(rows, columns=["series", "year", "simulated", "published", "ratio", "unit", "use", "source"])
