"""Joint stochastic macro paths: a VAR(1) fitted to Mexican annual series, drawn around a scenario's assumptions.

With ``Procesos.macro = "estocastico"`` each path of a run draws, for every year after the last
observation (2026 on), four variables jointly:

========================  =====================================================================
``inflacion``             INPC December on December (Banco de México / INEGI; table ``inpc``)
``crecimiento_real_salarial``  real growth of the IMSS average daily SBC, December on December
                          (IMSS open data ``asg-AAAA``; table ``sbc_promedio_imss``, deflated by the INPC)
``crecimiento_empleo``    growth of the IMSS insured workers ``ta_sal`` (formal employment), December
                          on December (the same table, column ``cotizantes``)
``rendimiento_real``      real gross return of the SAR system (CONSAR management prices, equal
                          weights; table ``rendimiento_bruto_consar``)
========================  =====================================================================

The model is a VAR(1), ``x[t] = c + A x[t-1] + u[t]``, ``u[t] ~ N(0, S)``, fitted by least squares
equation by equation to 1998-2025 (:func:`ajustar`); its fit ships in ``pensiones/engine/data/macro_var.json``
and the annual series in ``macro_series.csv`` (``tools/ajustar_macro.py`` writes both from the
packaged tables).

A path keeps the dynamics (``A``, ``S``) and replaces the fitted means by the scenario's assumptions
(``Supuestos.inflacion``, ``Procesos.crecimiento_real_salarial``, ``Procesos.rendimiento_real_medio``;
the fitted mean for employment, which no assumption names), so the deterministic ``Supuestos`` stay the
mean path.  Annual shocks alone average out over 75 years, so each path also draws its own long-run
means from their estimation uncertainty, ``N(0, (I - A)^-1 S (I - A)^-T / T)`` (the asymptotic
covariance of a VAR's sample mean, with ``T`` the observations), as the US Social Security Trustees'
stochastic model does since 2021.  Each path starts at its means (no deviation in 2025) and moves by
``x[t] - m = A (x[t-1] - m) + L e[t]`` with ``L`` the Cholesky factor of ``S`` and ``e[t]`` independent
keyed normals (:mod:`pensiones.engine.rng`, streams ``macro_*``, keyed by seed, path and year only:
a baseline and a reform share them).  Real GDP growth, for costs in % of GDP, is the scenario's
``Supuestos.crecimiento_real_pib`` plus the path's deviation of real wage-bill growth (real wage plus
employment growth): no sourced annual series of real GDP 1998-2025 was packaged to fit it.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from pensiones.engine import rng

__all__ = [
    "VARIABLES",
    "ARCHIVO",
    "ARCHIVO_SERIES",
    "COMANDO",
    "FUENTES",
    "LIMITES_ANUALES",
    "PRIMER_ANIO",
    "AjusteMacro",
    "series_anuales",
    "ajustar",
    "leer",
    "medias",
    "trayectoria",
    "trayectorias",
    "crecimiento_pib",
    "a_json",
]

#: The variables of the VAR, in its order.
VARIABLES = ("inflacion", "crecimiento_real_salarial", "crecimiento_empleo", "rendimiento_real")
#: The packaged fit and annual series.
ARCHIVO = Path(__file__).resolve().parent / "data" / "macro_var.json"
ARCHIVO_SERIES = Path(__file__).resolve().parent / "data" / "macro_series.csv"
#: The command that writes them (run from the repository's root).
COMANDO = "PYTHONPATH=. python tools/ajustar_macro.py"
#: First year of the annual series (1997's CONSAR return covers July-December only).
PRIMER_ANIO = 1998

#: Provenance of each series: the packaged rule table it is computed from and the original source.
FUENTES = {
    "inflacion": (
        "INPC December on December: table inpc (pensiones/rules/data/comun/inpc.csv), Banco de Mexico SIE "
        "series SP1 (INEGI's INPC, base 2Q July 2018 = 100), https://www.banxico.org.mx/SieInternet/ "
        "(prepared by the Datos Mexico observatory, MIT licence)"
    ),
    "crecimiento_real_salarial": (
        "average daily SBC, December over December, divided by 1 + inflacion: table sbc_promedio_imss "
        "(column value), IMSS open data asg-AAAA, http://datos.imss.gob.mx/ (prepared by the Datos Mexico "
        "observatory, MIT licence)"
    ),
    "crecimiento_empleo": (
        "insured workers ta_sal, December over December: table sbc_promedio_imss (column cotizantes), IMSS "
        "open data asg-AAAA, http://datos.imss.gob.mx/"
    ),
    "rendimiento_real": (
        "SAR system real gross annual return (management prices of the SIEFORES, equal weights across AFOREs, "
        "deflated by the INPC): table rendimiento_bruto_consar (column value), CONSAR, https://www.gob.mx/consar "
        "(prepared by the Datos Mexico observatory, MIT licence)"
    ),
}

#: Bounds of a year's drawn value of each variable (and of real GDP growth, ``pib``): the yearly draw is
#: clipped to them, so that no path leaves what the engine's assumptions allow (``Supuestos.inflacion``
#: [-0.02, 0.15], ``Procesos.crecimiento_real_salarial`` [-0.05, 0.08]) or what a year of the series has
#: come near (employment -10 %/+10 %, returns -30 %/+40 %, GDP -10 %/+10 %).
LIMITES_ANUALES = {
    "inflacion": (-0.02, 0.15),
    "crecimiento_real_salarial": (-0.05, 0.08),
    "crecimiento_empleo": (-0.10, 0.10),
    "rendimiento_real": (-0.30, 0.40),
    "pib": (-0.10, 0.10),
}
#: Bounds of a path's drawn long-run mean: those of the scalar assumption it varies.
LIMITES_MEDIAS = {
    "inflacion": (-0.02, 0.15),
    "crecimiento_real_salarial": (-0.05, 0.08),
    "crecimiento_empleo": (-0.10, 0.10),
    "rendimiento_real": (-0.05, 0.12),
}

_STREAMS = tuple((rng.STREAM[f"macro_{v}_u1"], rng.STREAM[f"macro_{v}_u2"]) for v in VARIABLES)


class AjusteMacro(NamedTuple):
    """The fitted VAR(1) (rates as decimals; ``k`` = ``len(VARIABLES)``).

    Attributes
    ----------
    variables : tuple of str
    anios : (int, int)
        First and last year of the equations (the first lags the series' first year).
    observaciones : int
        Equations' observations ``T``.
    constante : ndarray (k,)
        Intercepts ``c``.
    coeficientes : ndarray (k, k)
        ``A``: row ``i`` is equation ``i``'s coefficients on the lagged variables.
    covarianza : ndarray (k, k)
        ``S``: residual covariance, degrees-of-freedom corrected (``T - k - 1``).
    media : ndarray (k,)
        Fitted long-run means ``(I - A)^-1 c``.
    covarianza_media : ndarray (k, k)
        Their sampling covariance ``(I - A)^-1 S (I - A)^-T / T``.
    """

    variables: tuple
    anios: tuple
    observaciones: int
    constante: np.ndarray
    coeficientes: np.ndarray
    covarianza: np.ndarray
    media: np.ndarray
    covarianza_media: np.ndarray


def series_anuales(reglas=None) -> pd.DataFrame:
    """The annual series of the VAR from the packaged tables: ``year`` and :data:`VARIABLES`, 1998-2025.

    ``reglas`` (default the law in force, ``rules.load()``) supplies the tables ``inpc``,
    ``sbc_promedio_imss`` (December rows) and ``rendimiento_bruto_consar`` (:data:`FUENTES`).
    """
    from pensiones.rules.ruleset import load

    rs = load() if reglas is None else reglas
    sbc = rs.rule_table("sbc_promedio_imss").frame
    dic = {d.year: (float(v), float(n)) for d, v, n in zip(sbc["effective_from"], sbc["value"], sbc["cotizantes"])
           if d.month == 12}
    consar = rs.rule_table("rendimiento_bruto_consar").frame
    real = {d.year: float(v) for d, v in zip(consar["effective_from"], consar["value"])}
    ultimo = max(y for y in dic if y - 1 in dic and y in real)
    filas = []
    for y in range(PRIMER_ANIO, ultimo + 1):
        inflacion = rs.inpc(y, 12) / rs.inpc(y - 1, 12) - 1.0
        salario = dic[y][0] / dic[y - 1][0] / (1.0 + inflacion) - 1.0
        empleo = dic[y][1] / dic[y - 1][1] - 1.0
        filas.append((y, inflacion, salario, empleo, real[y]))
    return pd.DataFrame(filas, columns=["year", *VARIABLES])


def ajustar(series: pd.DataFrame) -> AjusteMacro:
    """Least-squares VAR(1) with intercept on ``series`` (columns ``year`` and :data:`VARIABLES`, consecutive years).

    Notes
    -----
    Equation by equation, ``x[t] = c + A x[t-1] + u[t]`` for ``t`` = second year .. last; ``S = U'U / (T - k - 1)``;
    the long-run mean ``m = (I - A)^-1 c`` and its covariance ``(I - A)^-1 S (I - A)^-T / T`` (Lütkepohl,
    *New Introduction to Multiple Time Series Analysis*, 2005, sec. 3.3: the sample mean of a stationary
    VAR has asymptotic covariance the long-run covariance over ``T``).

    Raises
    ------
    ValueError
        Missing columns, years not consecutive, too few observations, or a fit that is not
        stationary (an eigenvalue of ``A`` of modulus 1 or more).
    """
    faltan = [c for c in ("year", *VARIABLES) if c not in series.columns]
    if faltan:
        raise ValueError(f"series: missing columns {', '.join(faltan)}")
    years = series["year"].to_numpy(dtype=int)
    if len(years) < 2 or np.any(np.diff(years) != 1):
        raise ValueError("series: the years must be consecutive")
    x = series[list(VARIABLES)].to_numpy(dtype=float)
    k = x.shape[1]
    t_obs = len(x) - 1
    if t_obs <= k + 1:
        raise ValueError(f"series: {t_obs} observations cannot fit a VAR(1) of {k} variables")
    z = np.column_stack([np.ones(t_obs), x[:-1]])
    b, *_ = np.linalg.lstsq(z, x[1:], rcond=None)
    c, a = b[0], b[1:].T
    u = x[1:] - z @ b
    s = u.T @ u / (t_obs - k - 1)
    modulos = np.abs(np.linalg.eigvals(a))
    if modulos.max() >= 1.0:
        raise ValueError(f"the fitted VAR(1) is not stationary (eigenvalue moduli {np.round(modulos, 3)})")
    inversa = np.linalg.inv(np.eye(k) - a)
    return AjusteMacro(
        variables=VARIABLES, anios=(int(years[1]), int(years[-1])), observaciones=t_obs, constante=c,
        coeficientes=a, covarianza=s, media=inversa @ c, covarianza_media=inversa @ s @ inversa.T / t_obs,
    )


def _fallo(path: Path, problema: str) -> ValueError:
    return ValueError(f"{path}: {problema} (write it again with `{COMANDO}`)")


def _matriz(datos: dict, clave: str, forma: tuple, path: Path) -> np.ndarray:
    try:
        arr = np.array(datos[clave], dtype=float)
    except (KeyError, TypeError, ValueError):
        raise _fallo(path, f"ajuste.{clave} is missing or not numbers") from None
    if arr.shape != forma or not np.all(np.isfinite(arr)):
        raise _fallo(path, f"ajuste.{clave} must be finite numbers of shape {forma}, got shape {arr.shape}")
    arr.setflags(write=False)
    return arr


@functools.cache
def leer(path: Path = ARCHIVO) -> AjusteMacro:
    """The packaged fit (:data:`ARCHIVO`), read strictly: a missing or unknown key, a wrong shape, a
    value that is not finite or a covariance that is not positive definite fails, naming the file."""
    try:
        datos = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _fallo(Path(path), f"cannot read it ({exc})") from None
    esperadas = {"generated", "fuentes", "ajuste"}
    if not isinstance(datos, dict) or set(datos) != esperadas:
        raise _fallo(Path(path), f"expected the keys {sorted(esperadas)}")
    ajuste = datos["ajuste"]
    claves = {"variables", "anios", "observaciones", "constante", "coeficientes", "covarianza", "media",
              "covarianza_media", "autovalores_modulo"}
    if not isinstance(ajuste, dict) or set(ajuste) != claves:
        raise _fallo(Path(path), f"ajuste must have exactly the keys {sorted(claves)}")
    if tuple(ajuste["variables"]) != VARIABLES:
        raise _fallo(Path(path), f"ajuste.variables must be {list(VARIABLES)}")
    k = len(VARIABLES)
    fit = AjusteMacro(
        variables=VARIABLES, anios=tuple(int(a) for a in ajuste["anios"]), observaciones=int(ajuste["observaciones"]),
        constante=_matriz(ajuste, "constante", (k,), Path(path)),
        coeficientes=_matriz(ajuste, "coeficientes", (k, k), Path(path)),
        covarianza=_matriz(ajuste, "covarianza", (k, k), Path(path)),
        media=_matriz(ajuste, "media", (k,), Path(path)),
        covarianza_media=_matriz(ajuste, "covarianza_media", (k, k), Path(path)),
    )
    for clave in ("covarianza", "covarianza_media"):
        try:
            np.linalg.cholesky(getattr(fit, clave))
        except np.linalg.LinAlgError:
            raise _fallo(Path(path), f"ajuste.{clave} is not positive definite") from None
    return fit


def a_json(fit: AjusteMacro) -> dict:
    """The ``ajuste`` section of :data:`ARCHIVO` for ``fit``."""
    return {
        "variables": list(fit.variables), "anios": list(fit.anios), "observaciones": fit.observaciones,
        "constante": fit.constante.tolist(), "coeficientes": fit.coeficientes.tolist(),
        "covarianza": fit.covarianza.tolist(), "media": fit.media.tolist(),
        "covarianza_media": fit.covarianza_media.tolist(),
        "autovalores_modulo": sorted(np.abs(np.linalg.eigvals(fit.coeficientes)).tolist(), reverse=True),
    }


def medias(supuestos, procesos, fit: AjusteMacro | None = None) -> np.ndarray:
    """The mean path of the variables: the scenario's assumptions (``Supuestos.inflacion``,
    ``Procesos.crecimiento_real_salarial``, ``Procesos.rendimiento_real_medio``) and, for formal employment,
    which no assumption names, the fitted mean."""
    fit = leer() if fit is None else fit
    return np.array([
        float(supuestos.inflacion), float(procesos.crecimiento_real_salarial),
        float(fit.media[VARIABLES.index("crecimiento_empleo")]), float(procesos.rendimiento_real_medio),
    ])


def _normales(seed: int, path: int, anio: int) -> np.ndarray:
    """Independent keyed standard normals, one per variable, for (seed, path, year)."""
    return np.array([rng.normal(seed, path, -1, anio, s1, s2) for s1, s2 in _STREAMS])


def trayectoria(fit: AjusteMacro, media: np.ndarray, seed: int, path: int, anios) -> np.ndarray:
    """One path's variables for each of ``anios`` (consecutive calendar years), shape (years, k).

    ``path`` is the run-wide path number; the draws are keyed by (seed, path, year) only
    (:mod:`pensiones.engine.rng`; year 0 keys the path's long-run means), so a path drawn alone equals
    the same path drawn in a batch, and two scenarios on one seed share it.

    Notes
    -----
    ``m = clip(media + L_m z_0)`` with ``L_m`` the Cholesky factor of ``fit.covarianza_media``;
    ``d[t0 - 1] = 0``; ``d[t] = A d[t-1] + L e[t]``; the value is ``clip(m + d[t])``, the clip at
    :data:`LIMITES_ANUALES` (the means at ``LIMITES_MEDIAS``).  The deviation carried to the next year
    is the unclipped one.
    """
    anios = [int(a) for a in anios]
    l_media = np.linalg.cholesky(fit.covarianza_media)
    l_choque = np.linalg.cholesky(fit.covarianza)
    m = np.asarray(media, dtype=float) + l_media @ _normales(seed, path, 0)
    lo_m = np.array([LIMITES_MEDIAS[v][0] for v in VARIABLES])
    hi_m = np.array([LIMITES_MEDIAS[v][1] for v in VARIABLES])
    m = np.clip(m, lo_m, hi_m)
    lo = np.array([LIMITES_ANUALES[v][0] for v in VARIABLES])
    hi = np.array([LIMITES_ANUALES[v][1] for v in VARIABLES])
    d = np.zeros(len(VARIABLES))
    out = np.empty((len(anios), len(VARIABLES)))
    for j, t in enumerate(anios):
        d = fit.coeficientes @ d + l_choque @ _normales(seed, path, t)
        out[j] = np.clip(m + d, lo, hi)
    return out


def trayectorias(fit: AjusteMacro, media: np.ndarray, seed: int, paths: int, anios, *,
                 primer_path: int = 0) -> np.ndarray:
    """:func:`trayectoria` of paths ``primer_path`` .. ``primer_path + paths - 1``, shape (paths, years, k)."""
    return np.stack([trayectoria(fit, media, seed, primer_path + p, anios) for p in range(paths)])


def crecimiento_pib(valores: np.ndarray, media: np.ndarray, crecimiento_real_pib: float) -> np.ndarray:
    """Real GDP growth of each year of a path (``valores``: (years, k) from :func:`trayectoria`): the
    scenario's ``crecimiento_real_pib`` plus the deviation of real wage-bill growth from its mean path
    (wage and employment growth over ``media``), clipped at ``LIMITES_ANUALES["pib"]``."""
    i_w, i_e = VARIABLES.index("crecimiento_real_salarial"), VARIABLES.index("crecimiento_empleo")
    masa = (1.0 + valores[:, i_w]) * (1.0 + valores[:, i_e]) / ((1.0 + media[i_w]) * (1.0 + media[i_e]))
    g = (1.0 + crecimiento_real_pib) * masa - 1.0
    return np.clip(g, *LIMITES_ANUALES["pib"])

