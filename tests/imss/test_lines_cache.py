"""The IMSS lines and the yearly series, cached by content (pensiones._derivados): a hit is what computing
gives, bit for bit, keyed by every input, with copies a caller may change."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import Scenario
from pensiones import _derivados as _cache
from pensiones.engine.anuales import anuales
from pensiones.imss import proyeccion_licencias_140bis, proyeccion_rjp

YEARS = np.arange(2024, 2061)


@pytest.fixture
def disk(tmp_path, monkeypatch):
    monkeypatch.delenv("PENSIONES_SIN_CACHE", raising=False)
    # only these results move: the kernel's cache and the calibrations stay where they are
    monkeypatch.setattr(_cache, "_ruta", lambda nombre: tmp_path / nombre)
    _cache.clear()
    yield tmp_path
    _cache.clear()


def _uncached(monkeypatch, f, *args, **kwargs):
    with monkeypatch.context() as m:
        m.setenv("PENSIONES_SIN_CACHE", "1")
        return f(*args, **kwargs)


def _same_line(a, b) -> None:
    assert (a.componente, a.pagador, a.seed) == (b.componente, b.pagador, b.seed)
    assert a.unidades == b.unidades and list(a.detalle) == list(b.detalle)
    for x, y in [(a.years, b.years), (a.casos, b.casos), (a.costo, b.costo),
                 *[(a.detalle[k], b.detalle[k]) for k in a.detalle]]:
        assert x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes()
    assert list(a.parametros) == list(b.parametros)
    for k, v in a.parametros.items():
        if isinstance(v, dict):
            assert all(np.array_equal(v[j], b.parametros[k][j]) for j in v)
        else:
            assert type(v) is type(b.parametros[k]) and v == b.parametros[k], k


@pytest.mark.parametrize("line", [proyeccion_rjp, proyeccion_licencias_140bis])
@pytest.mark.parametrize("paths, seed", [(1, 0), (6, 11)])
def test_a_line_from_memory_or_disk_is_the_computed_one(disk, monkeypatch, line, paths, seed):
    rs = Scenario.default().rules()
    expected = _uncached(monkeypatch, line, rs, YEARS, paths=paths, seed=seed)
    first = line(rs, YEARS, paths=paths, seed=seed)
    first.costo[:] = -1.0  # a caller changing its copy
    second = line(Scenario.default().rules(), YEARS, paths=paths, seed=seed)
    _cache.clear()  # a new process: from the file
    third = line(rs, YEARS, paths=paths, seed=seed)
    for got in (second, third):
        _same_line(got, expected)
    assert list(disk.rglob("linea_*-*.npz"))


def test_every_input_of_a_line_is_in_the_key(disk):
    rs = Scenario.default().rules()
    base = proyeccion_rjp(rs, YEARS, paths=4, seed=1)
    others = [
        proyeccion_rjp(rs, YEARS, paths=4, seed=2),
        proyeccion_rjp(rs, YEARS, paths=5, seed=1),
        proyeccion_rjp(rs, YEARS[:-1], paths=4, seed=1),
        proyeccion_rjp(rs, YEARS, paths=4, seed=1, prob_jubilacion=0.7),
        proyeccion_rjp(rs.with_reforms([pensiones.scenarios.Reforma(tabla="rjp_indexacion", desde="2030-01-01",
                                                                     valor=0.02)]), YEARS, paths=4, seed=1),
    ]
    for other in others:
        assert other.costo.shape != base.costo.shape or not np.array_equal(other.costo, base.costo)


def test_the_yearly_series_from_the_cache_are_the_computed_ones(disk, monkeypatch):
    sc = Scenario.load("sin_fondo_bienestar")
    expected = _uncached(monkeypatch, anuales, sc.rules(), 2023, 2075, cobertura_pbam=0.8, cobertura_mujeres=0.9)
    with (rules := sc.rules()).record_lookups() as computing:
        first = anuales(rules, 2023, 2075, cobertura_pbam=0.8, cobertura_mujeres=0.9)
    first["pib"] = 0.0
    with (rules := sc.rules()).record_lookups() as served:
        second = anuales(rules, 2023, 2075, cobertura_pbam=0.8, cobertura_mujeres=0.9)
    assert served == computing
    for got in (second,):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    other = anuales(sc.rules(), 2023, 2075, cobertura_pbam=0.5, cobertura_mujeres=0.9)
    assert not np.array_equal(other["pbam"], expected["pbam"])


def test_lines_read_the_same_tables_from_the_cache(disk):
    sc = Scenario.default()
    with (rules := sc.rules()).record_lookups() as computing:
        proyeccion_rjp(rules, YEARS, paths=2, seed=3)
        proyeccion_licencias_140bis(rules, YEARS, paths=2, seed=3)
    with (rules := sc.rules()).record_lookups() as served:
        proyeccion_rjp(rules, YEARS, paths=2, seed=3)
        proyeccion_licencias_140bis(rules, YEARS, paths=2, seed=3)
    assert served == computing and {"rjp_requisitos", "inpc", "licencia_140bis_uso"} <= set(served)
