"""Paths that draw their own scenario (issue #23 items 1-3): macro paths, uncertain behaviour, bootstrap.

Layers: the switches and their errors; the packaged fit against a refit of the packaged tables; the drawn
paths' moments against the fit; the behaviour within its ranges; the bootstrap weights; and the runs:
same seed same numbers whatever the threads, a path alone equals the same path in a batch, a baseline and
a reform share every draw, a null reform gives exactly zero, everything off is the deterministic engine.
"""

from __future__ import annotations

import json
import tomllib

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import Population, Procesos, Scenario, Supuestos
from pensiones.engine import incertidumbre, macro
from pensiones.engine.procesos import DENSIDAD_OBJETIVO, escala_entrada_densidad
from pensiones.simulation import PreparedScenario, _unidad

TODO = {"macro": "estocastico", "comportamiento_incierto": True, "bootstrap": True}


@pytest.fixture(scope="module")
def pop():
    return Population.synthetic(400, seed=11)


def _correr(pop, procesos, *, paths=3, seed=7, end=2036, threads=None, reformas=(), supuestos=None):
    s = Scenario.default().with_reform({"procesos": procesos, **({"supuestos": supuestos} if supuestos else {})})
    if reformas:
        s = s.with_reform({"reformas": list(reformas)})
    return pensiones.simulate(pop, s, paths=paths, seed=seed, end=end, threads=threads)


# -- the switches --------------------------------------------------------------------------------------------
def test_defaults_are_off_and_errors_name_the_field():
    p = Procesos()
    assert (p.macro, p.comportamiento_incierto, p.bootstrap) == ("determinista", False, False)
    assert not incertidumbre.per_path(p)
    with pytest.raises(ValueError, match="macro must be one of 'determinista', 'estocastico'; got 'stochastic'"):
        Procesos(macro="stochastic")
    with pytest.raises(ValueError, match="bootstrap must be True or False; got 1"):
        Procesos(bootstrap=1)
    with pytest.raises(ValueError, match="comportamiento_incierto must be True or False"):
        Procesos(comportamiento_incierto="yes")
    with pytest.raises(ValueError, match=r"trayectoria_inflacion\[2030\] must be in \[-0.02, 0.15\]"):
        Supuestos(trayectoria_inflacion={2030: 0.2})
    with pytest.raises(ValueError, match="trayectoria_crecimiento_real_pib: years must be in \\[1997, 2100\\]"):
        Supuestos(trayectoria_crecimiento_real_pib={2101: 0.0})
    with pytest.raises(ValueError, match="trayectoria_crecimiento_real_salarial must map years to rates"):
        Procesos(trayectoria_crecimiento_real_salarial=[0.01, 0.02])


def test_with_reform_and_toml_turn_them_on(tmp_path):
    s = Scenario.default().with_reform({"procesos": {"macro": "estocastico"}})
    assert s.procesos.macro == "estocastico"
    texto = ('nombre = "incierto"\nregimen = "lss2020"\n\n[supuestos]\n'
             'trayectoria_inflacion = {2026 = 0.05, 2027 = 0.04}\n\n'
             '[procesos]\nmacro = "estocastico"\nbootstrap = true\n')
    (tmp_path / "s.toml").write_text(texto, encoding="utf-8")
    leido = Scenario.load(tmp_path / "s.toml")
    assert (leido.procesos.macro, leido.procesos.bootstrap) == ("estocastico", True)
    assert leido.supuestos.trayectoria_inflacion == ((2026, 0.05), (2027, 0.04))
    again = Scenario.from_dict(tomllib.loads(leido.to_toml()))  # written back as a TOML table
    assert again.supuestos == leido.supuestos and again.procesos.macro == "estocastico"
    with pytest.raises(ValueError, match=r"\[procesos\] macro must be one of 'determinista', 'estocastico'"):
        Scenario.from_dict(tomllib.loads(texto.replace('macro = "estocastico"', 'macro = "aleatorio"')))


# -- the year-by-year assumptions ------------------------------------------------------------------------------
def test_trayectorias_reach_the_inpc_gdp_and_wages():
    rs0 = pensiones.rules.load()
    rs = pensiones.rules.load(supuestos=Supuestos(trayectoria_inflacion={2028: 0.08},
                                                  trayectoria_crecimiento_real_pib={2030: -0.03}))
    assert rs.inpc(2028, 12) / rs.inpc(2027, 12) == pytest.approx(1.08, rel=1e-12)
    assert rs.inpc(2029, 12) / rs.inpc(2028, 12) == pytest.approx(1.03, rel=1e-12)
    assert rs.inpc(2027, 12) == pytest.approx(rs0.inpc(2027, 12), rel=1e-14)  # the years before: as without a path
    from pensiones.engine.anuales import _anuales

    a0, a = _anuales(rs0, 2025, 2031, 1.0, 1.0), _anuales(rs, 2025, 2031, 1.0, 1.0)
    real = (a.pib / a0.pib) * (a0.deflactor / a.deflactor)  # deflator June/June, GDP by December's INPC
    assert real.iloc[-1] == pytest.approx(0.97 / 1.02, rel=0.02)
    from pensiones.engine.resolve_arrays import tablas

    p = Procesos(trayectoria_crecimiento_real_salarial={2031: 0.04})
    t0, t = tablas(rs0, 2025, 2035, Procesos()), tablas(rs0, 2025, 2035, p)
    assert t["crecimiento_real_salarial"][2030 - 2025] == 0.04  # growth from 2030 to 2031
    assert np.array_equal(np.delete(t["crecimiento_real_salarial"], 5), np.delete(t0["crecimiento_real_salarial"], 5))
    ratio = t["sbc_promedio"] / t0["sbc_promedio"]
    assert np.allclose(ratio[:6], 1.0, rtol=1e-14) and np.allclose(ratio[6:], 1.04 / 1.01, rtol=1e-12)


# -- the macro fit ---------------------------------------------------------------------------------------------
def test_packaged_fit_is_the_refit_of_the_packaged_tables():
    series = macro.series_anuales()
    assert (int(series.year.iloc[0]), int(series.year.iloc[-1])) == (1998, 2025)
    escrito = pd.read_csv(macro.ARCHIVO_SERIES)
    assert list(escrito.columns) == ["year", *macro.VARIABLES]
    np.testing.assert_allclose(escrito[list(macro.VARIABLES)].to_numpy(), series[list(macro.VARIABLES)].to_numpy(),
                               rtol=1e-9)
    fit, leido = macro.ajustar(series), macro.leer()
    for campo in ("constante", "coeficientes", "covarianza", "media", "covarianza_media"):
        np.testing.assert_allclose(getattr(leido, campo), getattr(fit, campo), rtol=0, atol=1e-12)
    assert leido.anios == (1999, 2025) and leido.observaciones == 27
    assert np.abs(np.linalg.eigvals(leido.coeficientes)).max() < 1.0  # stationary
    fuentes = json.loads(macro.ARCHIVO.read_text(encoding="utf-8"))["fuentes"]
    assert set(fuentes) == set(macro.VARIABLES) and all("http" in f for f in fuentes.values())


@pytest.mark.parametrize("romper, mensaje", [
    (lambda d: d.pop("fuentes"), "expected the keys"),
    (lambda d: d["ajuste"].pop("media"), "ajuste must have exactly the keys"),
    (lambda d: d["ajuste"].__setitem__("coeficientes", [[1.0]]), "ajuste.coeficientes must be finite numbers of shape"),
    (lambda d: d["ajuste"].__setitem__("covarianza", [[-1.0, 0, 0, 0]] + [[0, 1.0, 0, 0]] * 3),
     "ajuste.covarianza is not positive definite"),
])
def test_the_fit_file_is_read_strictly(tmp_path, romper, mensaje):
    datos = json.loads(macro.ARCHIVO.read_text(encoding="utf-8"))
    romper(datos)
    path = tmp_path / "macro_var.json"
    path.write_text(json.dumps(datos), encoding="utf-8")
    with pytest.raises(ValueError, match=mensaje) as info:
        macro.leer.__wrapped__(path)
    assert str(path) in str(info.value) and "tools/ajustar_macro.py" in str(info.value)


def test_drawn_paths_match_the_fit_within_monte_carlo_error():
    fit = macro.leer()
    media = macro.medias(Supuestos(), Procesos(), fit)
    n = 3000
    x = macro.trayectorias(fit, media, 123, n, range(2026, 2061))[:, [0, 1, -1]]

    def cerca(observada, esperada, sd, k=4.0):  # a covariance within k standard errors, element by element
        np.testing.assert_array_less(np.abs(observada - esperada), k * np.outer(sd, sd) * np.sqrt(2 / n))

    # first year: its mean is the assumptions, its covariance that of a shock plus the mean's uncertainty
    esperada = fit.covarianza + fit.covarianza_media
    sd = np.sqrt(np.diag(esperada))
    np.testing.assert_array_less(np.abs(x[:, 0].mean(axis=0) - media), 4 * sd / np.sqrt(n))
    cerca(np.cov(x[:, 0].T), esperada, sd)
    # far from the start: the stationary covariance, Gamma = A Gamma A' + S, plus the mean's
    gamma = fit.covarianza.copy()
    for _ in range(200):
        gamma = fit.coeficientes @ gamma @ fit.coeficientes.T + fit.covarianza
    esperada = gamma + fit.covarianza_media
    sd = np.sqrt(np.diag(esperada))
    np.testing.assert_array_less(np.abs(x[:, 2].mean(axis=0) - media), 4 * sd / np.sqrt(n))
    cerca(np.cov(x[:, 2].T), esperada, sd)
    # the year-to-year dependence: the lag-one cross-covariance of a stationary VAR(1) is A Gamma
    d1, d0 = x[:, 1] - x[:, 1].mean(axis=0), x[:, 0] - x[:, 0].mean(axis=0)
    cruzada = d1.T @ d0 / (n - 1) - fit.covarianza_media
    cerca(cruzada, fit.coeficientes @ fit.covarianza, sd, k=5.0)


def test_a_path_is_keyed_by_seed_and_path_only():
    fit = macro.leer()
    media = macro.medias(Supuestos(), Procesos(), fit)
    lote = macro.trayectorias(fit, media, 5, 4, range(2026, 2031))
    solo = macro.trayectoria(fit, media, 5, 2, range(2026, 2031))
    assert np.array_equal(lote[2], solo)
    assert not np.array_equal(macro.trayectoria(fit, media, 6, 2, range(2026, 2031)), solo)
    otra = macro.trayectoria(fit, media + 0.001, 5, 2, range(2026, 2031))  # another mean path: the same shocks
    lo = np.array([macro.LIMITES_ANUALES[v][0] for v in macro.VARIABLES])
    hi = np.array([macro.LIMITES_ANUALES[v][1] for v in macro.VARIABLES])
    libres = (otra > lo) & (otra < hi) & (solo > lo) & (solo < hi)  # where no bound clips either
    assert libres.mean() > 0.8
    np.testing.assert_allclose((otra - solo)[libres], 0.001, rtol=0, atol=1e-15)


# -- behaviour and bootstrap -----------------------------------------------------------------------------------
def test_behaviour_stays_in_its_ranges():
    base = Procesos()
    bajo, alto = escala_entrada_densidad(0.379), escala_entrada_densidad(0.479)
    centro = escala_entrada_densidad(DENSIDAD_OBJETIVO)
    vistos = []
    for p in range(300):
        s = incertidumbre.sorteos_comportamiento(3, p)
        for nombre, rango in incertidumbre.RANGOS.items():
            assert rango.bajo <= s[nombre] <= rango.alto, nombre
        d = incertidumbre.comportamiento(base, 3, p)
        for campo in ("probabilidad_cesantia", "p_entrada"):
            assert np.all((np.asarray(getattr(d, campo)) >= 0) & (np.asarray(getattr(d, campo)) <= 1))
        factor = float(np.asarray(d.p_entrada).ravel()[0] / np.asarray(base.p_entrada).ravel()[0])
        assert bajo / centro - 1e-12 <= factor <= alto / centro + 1e-12
        for campo in ("solicitud_fondo", "espera_fondo", "probabilidad_cesantia"):
            r, valor = incertidumbre.RANGOS[campo], np.asarray(getattr(base, campo), dtype=float)
            assert np.all(np.asarray(getattr(d, campo)) >= incertidumbre._momios(valor, r.bajo) - 1e-15), campo
            assert np.all(np.asarray(getattr(d, campo)) <= incertidumbre._momios(valor, r.alto) + 1e-15), campo
        lo, hi = (float(incertidumbre._momios(base.solicitud_fondo, f)) for f in (0.5, 2.0))
        assert lo - 1e-12 <= d.solicitud_fondo <= hi + 1e-12 and 0.49 < d.espera_fondo < 0.91
        assert 0.58 < d.probabilidad_cesantia[0] < 0.86
        assert 0.0 <= d.mejora_mortalidad <= 0.015 + 1e-15
        assert d.mejora_mortalidad / incertidumbre.PASO_MEJORA == pytest.approx(
            round(d.mejora_mortalidad / incertidumbre.PASO_MEJORA), abs=1e-9)
        vistos.append(s["probabilidad_cesantia"])
    assert min(vistos) < 0.6 and max(vistos) > 1.7  # the draws cover the range
    assert all(r.razon for r in incertidumbre.RANGOS.values())


def test_bootstrap_weights_are_poisson_one_keyed_by_record():
    w = incertidumbre.pesos_bootstrap(9, 4, 0, 200_000)
    assert np.all(w == np.round(w)) and w.min() == 0
    assert abs(w.mean() - 1.0) < 4 / np.sqrt(len(w))
    assert abs(w.var() - 1.0) < 0.02
    assert abs((w == 0).mean() - np.exp(-1)) < 0.005
    assert np.array_equal(incertidumbre.pesos_bootstrap(9, 4, 1000, 50), w[1000:1050])  # a work unit's records
    assert not np.array_equal(incertidumbre.pesos_bootstrap(9, 5, 0, 50), w[:50])


# -- the runs --------------------------------------------------------------------------------------------------
def test_everything_off_is_the_deterministic_preparation():
    prep = PreparedScenario.preparar(Scenario.default(), paths=2, seed=3, start=2025, end=2030)
    assert prep.per_path is None and prep.yearly_paths is None and len(prep.inputs) == 2


@pytest.mark.parametrize("procesos", [{"macro": "estocastico"}, {"comportamiento_incierto": True},
                                      {"bootstrap": True}, TODO])
def test_same_seed_same_numbers_whatever_the_threads(pop, procesos):
    a = _correr(pop, procesos, threads=1)
    b = _correr(pop, procesos, threads=2)
    assert np.array_equal(a.ledger_array, b.ledger_array)
    assert a.provenance["incertidumbre"]
    base = _correr(pop, {}, threads=1)
    assert not np.array_equal(a.ledger_array, base.ledger_array)  # the switch changes the run


def test_a_path_alone_is_the_same_path_in_a_batch(pop):
    s = Scenario.default().with_reform({"procesos": TODO})
    prep = PreparedScenario.preparar(s, paths=4, seed=2, start=2025, end=2034)
    todo, _ = _unidad(pop, 0, 0, prep.inputs, prep.real, 2, 0, 1, None, False, "numba")
    mitad, _ = _unidad(pop[200:], 0, 200, prep.inputs, prep.real[2:4], 2, 2, 1, None, False, "numba")
    otra, _ = _unidad(pop[:200], 0, 0, prep.inputs, prep.real[2:4], 2, 2, 1, None, False, "numba")
    assert np.array_equal(todo[2:4], mitad + otra)


def test_baseline_and_reform_share_every_draw_and_a_null_reform_gives_zero(pop):
    base = _correr(pop, TODO, paths=3)
    nula = _correr(pop, TODO, paths=3, reformas=[{"tabla": "uma", "desde": "2027-02-01", "factor": 1.0}])
    assert np.array_equal(base.ledger_array, nula.ledger_array)
    dif = pensiones.compare(base, nula)
    assert float(dif["value"].abs().max()) == 0.0
    # a reform of the law (not of the assumptions) sees the same macro paths
    reforma = _correr(pop, TODO, paths=3, reformas=[{"tabla": "semanas_minimas", "desde": "2027-01-01",
                                                     "valor": 1250.0}])
    for c in base.yearly_paths:
        # equal_nan: ley73_stock_personas is NaN without Supuestos.pensionados_ley73
        assert np.array_equal(base.yearly_paths[c], reforma.yearly_paths[c], equal_nan=True)


def test_fiscal_measures_divide_each_path_by_its_own_gdp(pop):
    r = _correr(pop, {"macro": "estocastico"}, paths=3)
    assert set(r.yearly_paths) == {"pib", "deflactor", "ley73_stock", "ley73_stock_personas", "pbam",
                                   "mujeres_bienestar"}
    assert np.ptp(r.yearly_paths["pib"][:, -1]) > 0  # GDP differs by path
    total = r.fiscal_cost_paths()["total"]
    t = r.fiscal_cost(measure="pct_GDP", stat="mean", components="total")
    np.testing.assert_allclose(t["value"].to_numpy(), (100 * total / r.yearly_paths["pib"]).mean(axis=0), rtol=1e-12)
    assert np.ptp(r.yearly_paths["deflactor"][:, 0]) == 0  # 2025 is observed: the same on every path
    vp = pensiones.reporting.present_value(r)
    assert np.isfinite(vp["value"]).all()
