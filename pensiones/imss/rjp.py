"""RJP (budget programme J003): cohort projection of IMSS's own pensioners and of the workers still accruing.

The model, year by year (docs/imss.md):

1. **Start** (31-12-2019): the published stock of 259,000 jubilados and 65,151 other RJP
   pensioners, with the age profile and the workers still in service of a reconstructed history
   (hires since 1950 growing to 2002, then flat to the cut-off of the RJP, each hire going
   through death, separation and retirement by the rules of ``rjp_requisitos``).
2. **Workers** (hired before the 2008 cut-off): die (EMSSA-09 x ``factor_mortalidad``), take a
   jubilación with ``prob_jubilacion`` once the table's service years and age are met (a pension
   by edad avanzada with ``prob_edad_avanzada``), leave without a pension with
   ``tasa_separacion``; a death in service with the minimum years leaves a survivor's pension.
3. **Pensioners**: indexed by the INPC times ``1 + rjp_indexacion``, die, and leave a survivor's
   pension (``prob_sobreviviente_h/m`` x ``cuantia_sobreviviente`` of the deceased's pension).
4. **Cost** of a year: the average of the pensions in payment at its start and end, times the
   factor for aguinaldo and the other items of the RJP outlay (calibrated to 2019).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

import attrs
import numpy as np

from pensiones import _derivados as _cache
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA, qx_por_fecha
from pensiones.imss.linea import ProjectedLine, anios_proyeccion, check_paths, linea_a_dict, linea_de_dict
from pensiones.imss.publicados import publicado
from pensiones.imss.rjp_parametros import SupuestosRJP
from pensiones.imss.rjp_reglas import _COLUMNAS, COHORTES, cuantia_formula
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet

__all__ = ["proyeccion_rjp", "ANIO_BASE_RJP", "historia_rjp"]

#: End of the year whose published stock starts the projection.
ANIO_BASE_RJP = 2019
#: First hiring year of the reconstructed history.
_PRIMER_INGRESO = 1950
_N_EDADES = EDAD_MAXIMA_TABLA + 1
_H, _M = 0, 1
#: The mortality table is read at this date for the years before 2020 (EMSSA-09 starts in 2009).
_FECHA_MORTALIDAD_HISTORIA = dt.date(2019, 12, 31)


def _fraccion_antes(anio: int, fecha: dt.date) -> float:
    """Share of calendar year ``anio`` before ``fecha`` (hires spread evenly over the year)."""
    if fecha.year > anio:
        return 1.0
    if fecha.year < anio:
        return 0.0
    inicio = dt.date(anio, 1, 1)
    return (fecha - inicio).days / (dt.date(anio + 1, 1, 1) - inicio).days


def _ingresos(par: SupuestosRJP) -> np.ndarray:
    """Hires by (cohort, sex, hiring year), shape (2, 2, n): original and modified RJP."""
    anios = np.arange(_PRIMER_INGRESO, par.corte_nueva_generacion.year + 1)
    total = np.where(anios <= 2002, par.ingresos_anuales * (1 + par.crecimiento_ingresos_historico) ** (anios - 2002),
                     par.ingresos_anuales)
    antes_mod = np.array([_fraccion_antes(int(a), par.corte_modificado) for a in anios])
    antes_ng = np.array([_fraccion_antes(int(a), par.corte_nueva_generacion) for a in anios])
    out = np.empty((2, 2, anios.size))
    for c, share in enumerate((antes_mod, antes_ng - antes_mod)):
        out[c, _H] = total * share * (1 - par.proporcion_mujeres)
        out[c, _M] = total * share * par.proporcion_mujeres
    return out


def _requisitos(reglas: RuleSet, anios) -> np.ndarray:
    """The six RJP requirements by (cohort, sex) in force on 1 January of each of ``anios``: shape (n, 2, 2, 6)."""
    fechas = [dt.date(int(a), 1, 1) for a in anios]
    out = np.empty((len(fechas), 2, 2, len(_COLUMNAS)))
    for c, cohorte in enumerate(COHORTES):
        # the modified RJP exists from its convenio (14-10-2005, in force 16-10-2005)
        leidas = [max(f, dt.date(2005, 10, 16)) for f in fechas] if cohorte == "modificado" else fechas
        for s, sexo in enumerate(("H", "M")):
            for k, col in enumerate(_COLUMNAS):
                out[:, c, s, k] = reglas.values("rjp_requisitos", leidas, column=col, cohorte=cohorte, sexo=sexo)
    return out


def _qx(reglas: RuleSet, fechas) -> list[np.ndarray]:
    """q(x) of EMSSA-09 by (sex, age) in force on each of ``fechas``: one (2, 111) array per date."""
    por_sexo = [qx_por_fecha(reglas, "emssa09", sexo, fechas) for sexo in ("H", "M")]
    distintas: dict = {}
    out = []
    for i in range(len(fechas)):
        key = tuple(int(which[i]) for _, which in por_sexo)
        if key not in distintas:
            q = np.stack([bases[k] for (bases, _), k in zip(por_sexo, key)])
            if np.isnan(q).any():
                raise ValueError("the mortality table emssa09 in this rule set leaves ages without a death probability")
            distintas[key] = q
        out.append(distintas[key])
    return out


class _Estado:
    """Workers by (path, cohort, sex, hiring year); pensioners by (path, sex, age): counts and yearly amounts."""

    def __init__(self, paths: int, n_ingresos: int):
        self.activos = np.zeros((paths, 2, 2, n_ingresos))
        self.jubilados = np.zeros((paths, 2, _N_EDADES))
        self.monto_jubilados = np.zeros((paths, 2, _N_EDADES))
        self.sobrevivientes = np.zeros((paths, 2, _N_EDADES))
        self.monto_sobrevivientes = np.zeros((paths, 2, _N_EDADES))

    def casos(self) -> np.ndarray:
        return self.jubilados.sum(axis=(1, 2)) + self.sobrevivientes.sum(axis=(1, 2))

    def montos(self) -> np.ndarray:
        return self.monto_jubilados.sum(axis=(1, 2)) + self.monto_sobrevivientes.sum(axis=(1, 2))


def _envejecer(n: np.ndarray) -> None:
    """Everyone one year older; the last age (q = 1) is emptied by the deaths that follow."""
    n[..., 1:] = n[..., :-1].copy()
    n[..., 0] = 0.0


def _sumar_por_edad(destino: np.ndarray, edades: np.ndarray, valores: np.ndarray) -> None:
    """Add ``valores`` (paths, k) at ``edades`` (k,) of ``destino`` (paths, ages)."""
    e = np.clip(edades, 0, _N_EDADES - 1)
    uno = np.zeros((e.size, _N_EDADES))
    uno[np.arange(e.size), e] = 1.0  # several entries may share an age: the product adds them
    destino += valores @ uno


def _paso(est: _Estado, anio: int, req: np.ndarray, q: np.ndarray, par: SupuestosRJP, d: dict,
          indexa: np.ndarray, pension_completa: np.ndarray, ingresos: np.ndarray | None) -> np.ndarray:
    """Advance the state through calendar year ``anio``; returns new jubilaciones by path.

    ``indexa`` (paths,): factor applied to the pensions in payment this year; ``pension_completa``
    (paths,): yearly amount of a new 100 % pension this year; ``ingresos``: hires of the year by
    (cohort, sex) or None.
    """
    paths = est.activos.shape[0]
    fm = d["factor_mortalidad"][:, None]
    psob = np.stack([d["prob_sobreviviente_h"], d["prob_sobreviviente_m"]], axis=1)  # (paths, sex)
    gap = par.diferencia_edad_conyuge

    # Pensions in payment: indexation, a year older, deaths, survivors' pensions of the deceased.
    for n, m in ((est.jubilados, est.monto_jubilados), (est.sobrevivientes, est.monto_sobrevivientes)):
        m *= indexa[:, None, None]
        _envejecer(n)
        _envejecer(m)
    edades = np.arange(_N_EDADES)
    muertos_jub = np.empty_like(est.jubilados)
    monto_muertos = np.empty_like(est.monto_jubilados)
    for s in (_H, _M):
        qs = np.minimum(q[s][None, :] * fm, 1.0)
        muertos_jub[:, s] = est.jubilados[:, s] * qs
        monto_muertos[:, s] = est.monto_jubilados[:, s] * qs
        est.sobrevivientes[:, s] -= est.sobrevivientes[:, s] * qs
        est.monto_sobrevivientes[:, s] -= est.monto_sobrevivientes[:, s] * qs
    est.jubilados -= muertos_jub
    est.monto_jubilados -= monto_muertos
    for s, otro, desfase in ((_H, _M, -gap), (_M, _H, gap)):
        _sumar_por_edad(est.sobrevivientes[:, otro], edades + desfase, muertos_jub[:, s] * psob[:, s, None])
        _sumar_por_edad(est.monto_sobrevivientes[:, otro], edades + desfase,
                        monto_muertos[:, s] * (psob[:, s, None] * par.cuantia_sobreviviente))

    # Workers: hires of the year, then deaths, retirements and separations.
    if ingresos is not None:
        k_hoy = anio - _PRIMER_INGRESO
        if 0 <= k_hoy < est.activos.shape[3]:
            est.activos[:, :, :, k_hoy] += ingresos[None, :, :, k_hoy]
    h = np.arange(est.activos.shape[3]) + _PRIMER_INGRESO
    servicio = anio - h
    vigente = servicio >= 0
    nuevas = np.zeros(paths)
    for c in range(2):
        for s in (_H, _M):
            a = est.activos[:, c, s]
            edad = np.where(vigente, par.edad_ingreso + servicio, 0)
            qa = np.minimum(q[s][np.clip(edad, 0, _N_EDADES - 1)][None, :] * fm, 1.0) * vigente
            muertos = a * qa
            vivos = a - muertos
            r = req[c, s]
            cuantia = cuantia_formula(servicio, edad, *r)  # share of the salario base if retiring now
            jub = (servicio >= r[0]) & (edad >= r[1])
            con_derecho = cuantia > 0
            prob = np.where(jub[None, :], d["prob_jubilacion"][:, None],
                            np.where(con_derecho, par.prob_edad_avanzada, 0.0)[None, :])
            al_limite = edad >= par.edad_retiro_maxima
            prob = np.where(al_limite[None, :] & con_derecho[None, :], 1.0, prob)
            retiros = vivos * prob
            quedan = vivos - retiros
            salen = np.where(al_limite[None, :], quedan, quedan * par.tasa_separacion)
            est.activos[:, c, s] = quedan - salen
            nuevas += retiros.sum(axis=1)
            # RJP: a new pension is its share of the salario base; ages at the end of the year
            _sumar_por_edad(est.jubilados[:, s], edad, retiros)
            _sumar_por_edad(est.monto_jubilados[:, s], edad, retiros * cuantia[None, :] * pension_completa[:, None])
            # a death in service with the minimum years leaves a survivor's pension on its share
            minimo = np.where(servicio >= r[3], cuantia_formula(servicio, 200, *r), 0.0)
            otro, desfase = (_M, -gap) if s == _H else (_H, gap)
            sob = muertos * psob[:, s, None] * (minimo > 0)[None, :]
            _sumar_por_edad(est.sobrevivientes[:, otro], edad + desfase, sob)
            _sumar_por_edad(est.monto_sobrevivientes[:, otro], edad + desfase,
                            sob * minimo[None, :] * pension_completa[:, None] * par.cuantia_sobreviviente)
    return nuevas


#: Histories computed in this process, by the rule set's content (or identity) and the parameters.
_HISTORIAS: OrderedDict = OrderedDict()
_HISTORIAS_MAX = 16


def _historia(reglas: RuleSet, par: SupuestosRJP) -> dict:
    """The reconstructed history 1950-2019 with central parameters, in relative amounts.

    Returns the state at 31-12-2019 (one path) and the history's yearly cases, workers and new
    jubilaciones (for the back-test of 2002 and 2015-2019).  Computed once per process for rule
    sets of equal content (:attr:`~pensiones.rules.RuleSet.content_hash`); callers do not change it.
    """
    key = (reglas.content_hash or id(reglas), par)
    hit = _HISTORIAS.get(key)
    if hit is None or (key[0] == id(reglas) and hit[0] is not reglas):
        hit = _HISTORIAS[key] = (reglas, _calcular_historia(reglas, par))
        while len(_HISTORIAS) > _HISTORIAS_MAX:
            _HISTORIAS.popitem(last=False)
    _HISTORIAS.move_to_end(key)
    return hit[1]


def _calcular_historia(reglas: RuleSet, par: SupuestosRJP) -> dict:
    ingresos = _ingresos(par)
    est = _Estado(1, ingresos.shape[2])
    d = par.centrales(1)
    (q,) = _qx(reglas, [_FECHA_MORTALIDAD_HISTORIA])
    serie = {"casos": {}, "activos": {}, "nuevas_jubilaciones": {}, "jubilados": {}}
    uno = np.ones(1)
    anios = range(_PRIMER_INGRESO, ANIO_BASE_RJP + 1)
    requisitos = _requisitos(reglas, [max(anio, 1989) for anio in anios])
    for anio, req in zip(anios, requisitos):
        nuevas = _paso(est, anio, req, q, par, d, uno, uno, ingresos)
        serie["casos"][anio] = float(est.casos()[0])
        serie["activos"][anio] = float(est.activos.sum())
        serie["nuevas_jubilaciones"][anio] = float(nuevas[0])
        serie["jubilados"][anio] = float(est.jubilados.sum())
    return {"estado": est, "ingresos": ingresos, "serie": serie}


def historia_rjp(reglas: RuleSet | None = None, **parametros) -> dict[str, dict[int, float]]:
    """Yearly series of the reconstructed 1950-2019 history (central parameters): ``casos``,
    ``jubilados``, ``activos`` (workers accruing RJP rights) and ``nuevas_jubilaciones``, by year.

    The history only shapes the starting stock (ages, workers by years of service): its levels are
    compared with the published 2002 and 2015-2019 figures in :func:`pensiones.imss.backtest_imss`.

    References
    ----------
    Régimen de Jubilaciones y Pensiones, CCT IMSS-SNTSS (revision of 1988), art. 4.
    """
    rs = resolve_reglas(None, reglas)
    par = SupuestosRJP.de(parametros)
    return {k: dict(v) for k, v in _historia(rs, par)["serie"].items()}


def _estado_inicial(reglas: RuleSet, par: SupuestosRJP, paths: int) -> tuple[_Estado, np.ndarray, float, float]:
    """State at 31-12-2019 scaled to the published stock; also the hires, the 2019 average jubilado
    pension (pesos a year) and the factor from pensions to the whole RJP outlay."""
    h = _historia(reglas, par)
    base = h["estado"]
    jub = publicado("rjp_jubilados", ANIO_BASE_RJP).valor
    otros = publicado("rjp_sobrevivientes", ANIO_BASE_RJP).valor
    nomina = publicado("rjp_nomina_jubilados", ANIO_BASE_RJP).valor
    costo = publicado("rjp_costo", ANIO_BASE_RJP).valor
    pension_media = nomina / jub
    est = _Estado(paths, base.activos.shape[3])
    est.activos[:] = base.activos[0]
    est.jubilados[:] = base.jubilados[0] * (jub / base.jubilados.sum())
    est.monto_jubilados[:] = base.monto_jubilados[0] * (nomina / base.monto_jubilados.sum())
    est.sobrevivientes[:] = base.sobrevivientes[0] * (otros / base.sobrevivientes.sum())
    monto_otros = otros * par.relacion_pension_otros * pension_media
    est.monto_sobrevivientes[:] = base.monto_sobrevivientes[0] * (monto_otros / base.monto_sobrevivientes.sum())
    factor_otros_conceptos = costo / (nomina + monto_otros)
    return est, h["ingresos"], pension_media, factor_otros_conceptos


def proyeccion_rjp(reglas: RuleSet | None, years, *, paths: int = 1, seed: int = 0, **parametros) -> ProjectedLine:
    """Yearly RJP cases and cost (budget programme J003, paid by the IMSS), 2020-2100.

    Parameters
    ----------
    reglas : RuleSet or None
        Rule set whose tables are read: ``rjp_requisitos`` (at 1 January of each year),
        ``rjp_indexacion``, ``mortalidad_emssa09``, ``inpc``.  Reform overlays on them apply from
        their date.  None: the law in force.
    years : array of int
        Consecutive years to report, within 2020-2100.
    paths : int
        Number of paths (1-100,000).  Each path draws the uncertain parameters (see
        :class:`~pensiones.imss.SupuestosRJP`); one path is the central projection.
    seed : int
        Seed of numpy's ``Generator`` for the draws.
    **parametros
        Any field of :class:`~pensiones.imss.SupuestosRJP` (e.g. ``prob_jubilacion=0.5``,
        ``incertidumbre=False``, ``corte_modificado="2004-10-16"``).

    Returns
    -------
    ProjectedLine
        ``componente="rjp"``, ``pagador="imss"``; ``casos`` (pensions in payment at the end of the
        year) and ``costo`` (nominal pesos); ``detalle``: ``jubilados``, ``sobrevivientes``,
        ``nuevas_jubilaciones``, ``activos_rjp`` (workers still accruing, persons) and
        ``costo_constante_2019`` (pesos of 2019, deflated by the December INPC).

    Notes
    -----
    New pension = share of the salario base (table ``rjp_requisitos``) x the full new pension of
    2019 (``relacion_pension_nueva`` x 95,316 million / 259,000) x the salary index (INPC x
    ``1 + crecimiento_real_salarios``).  Pensions in payment rise each year by the December INPC
    of the year before times ``1 + rjp_indexacion`` (+ the path's draw).  Cost = mean of the
    pensions in payment at the start and end of the year x the 2019 ratio of the RJP outlay
    (115,854 million) to pensions.

    References
    ----------
    Régimen de Jubilaciones y Pensiones, CCT IMSS-SNTSS (revision of 1988), arts. 4-5; convenio
    adicional of 14-10-2005; convenio of 27-06-2008 (none published in the DOF).  Case counts:
    IMSS Informe de Servicios Personales 2019; IMSS budget narrative 2024 / Informe al Ejecutivo
    Federal y al Congreso de la Unión 2023-2024.

    Examples
    --------
    >>> import numpy as np
    >>> from pensiones.imss import proyeccion_rjp
    >>> linea = proyeccion_rjp(None, np.arange(2023, 2026), paths=1)
    >>> linea.componente, linea.pagador, linea.casos.shape
    ('rjp', 'imss', (1, 3))
    >>> bool(340_000 < linea.en(2023, "casos")[0] < 380_000)
    True
    """
    rs = resolve_reglas(None, reglas)
    anios = anios_proyeccion(years)
    paths, seed = check_paths(paths, seed)
    par = SupuestosRJP.de(parametros)
    return _cache.cached("linea_rjp", rs, (anios, paths, seed, par), lambda: _proyeccion(rs, anios, paths, seed, par),
                         to_plain=linea_a_dict, from_plain=linea_de_dict)


def _proyeccion(rs: RuleSet, anios: np.ndarray, paths: int, seed: int, par: SupuestosRJP) -> ProjectedLine:
    d = par.sorteos(paths, seed)
    est, ingresos, pension_media, factor = _estado_inicial(rs, par, paths)
    ultimo = int(anios[-1])
    n = len(anios)
    out = {k: np.zeros((paths, n)) for k in ("casos", "costo", "jubilados", "sobrevivientes", "nuevas_jubilaciones",
                                            "activos_rjp", "costo_constante_2019")}
    salario = np.full(paths, pension_media) * d["relacion_pension_nueva"]  # full new pension, pesos of 2019
    proyectados = list(range(ANIO_BASE_RJP + 1, ultimo + 1))
    enero = [dt.date(anio, 1, 1) for anio in proyectados]
    # every table read once for all the years: INPC of each December, indexation, requirements, mortality
    dic = [float(v) for v in rs.values("inpc", [dt.date(a, 12, 1) for a in range(ANIO_BASE_RJP - 1, ultimo + 1)])]
    reales = rs.values("rjp_indexacion", enero)
    requisitos = _requisitos(rs, proyectados)
    mortalidad = _qx(rs, enero)
    for i, anio in enumerate(proyectados):
        inflacion = dic[i + 1] / dic[i]  # December on December, applied in January
        indexa = inflacion * (1.0 + float(reales[i]) + d["indexacion_extra"])
        salario = salario * inflacion * (1.0 + par.crecimiento_real_salarios)
        inicio = est.montos() * indexa
        nuevas = _paso(est, anio, requisitos[i], mortalidad[i], par, d, indexa, salario, None)
        if anio in anios:
            k = int(anio - anios[0])
            out["casos"][:, k] = est.casos()
            out["costo"][:, k] = 0.5 * (inicio + est.montos()) * factor
            out["jubilados"][:, k] = est.jubilados.sum(axis=(1, 2))
            out["sobrevivientes"][:, k] = est.sobrevivientes.sum(axis=(1, 2))
            out["nuevas_jubilaciones"][:, k] = nuevas
            out["activos_rjp"][:, k] = est.activos.sum(axis=(1, 2, 3))
            out["costo_constante_2019"][:, k] = out["costo"][:, k] * dic[1] / dic[anio - ANIO_BASE_RJP + 1]
    unidades = {"casos": "persons", "costo": "MXN", "jubilados": "persons", "sobrevivientes": "persons",
                "nuevas_jubilaciones": "persons", "activos_rjp": "persons", "costo_constante_2019": "MXN_2019"}
    detalle = {k: v for k, v in out.items() if k not in ("casos", "costo")}
    central = {f.name: getattr(par, f.name) for f in attrs.fields(SupuestosRJP)}
    central["factor_otros_conceptos"] = factor
    central["pension_media_jubilado_2019"] = pension_media
    central["draws"] = d
    return ProjectedLine("rjp", "imss", anios, out["casos"], out["costo"], detalle, unidades, central, seed)
