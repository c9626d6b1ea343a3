"""The cache of results derived from a rule set (pensiones._derivados): keyed by content, never stale,
never corrupted by a caller, and never an error when the disk fails."""

from __future__ import annotations

import os

import numpy as np
import pytest

import pensiones
from pensiones import Procesos, Scenario, _jit
from pensiones import _derivados as _cache
from pensiones.engine import resolve_arrays
from pensiones.engine.resolve import Tablas, resolver
from pensiones.rules.ruleset import RuleSet
from pensiones.scenarios import Reforma
from tests.engine.test_resolver_arrays import assert_same_tablas


@pytest.fixture
def disk(tmp_path, monkeypatch):
    """An empty cache folder of its own, and nothing in memory."""
    monkeypatch.delenv("PENSIONES_SIN_CACHE", raising=False)
    # only these results move: the kernel's cache and the calibrations stay where they are
    monkeypatch.setattr(_cache, "_ruta", lambda nombre: tmp_path / nombre)
    _cache.clear()
    yield tmp_path
    _cache.clear()


@pytest.fixture
def computed(monkeypatch):
    """Counts the resolutions actually computed."""
    calls = []
    real = resolve_arrays.tablas

    def counting(*args, **kwargs):
        calls.append(args[1:3])
        return real(*args, **kwargs)

    monkeypatch.setattr(resolve_arrays, "tablas", counting)
    return calls


def _files(folder) -> list:
    return sorted(folder.rglob("tablas-*.npz"))


def test_a_second_call_is_served_from_memory_with_copies(disk, computed):
    rs = pensiones.rules.load()
    first = resolver(rs, 2025, 2040, Procesos())
    second = resolver(rs.evolve(), 2025, 2040, Procesos())
    assert len(computed) == 1
    assert_same_tablas(second, first)
    # a caller that writes into its arrays changes neither the cache nor the next caller's
    second.uma_diaria[:] = -1.0
    second.pension_garantizada_montos[...] = 0.0
    third = resolver(rs, 2025, 2040, Procesos())
    assert_same_tablas(third, first)
    assert not np.shares_memory(third.uma_diaria, second.uma_diaria)


def test_the_disk_serves_a_new_process_and_a_corrupt_file_is_computed_again(disk, computed):
    rs = pensiones.rules.load()
    ref = resolver(rs, 2025, 2030, Procesos())
    (path,) = _files(disk)
    _cache.clear()  # as in a new process
    assert_same_tablas(resolver(rs, 2025, 2030, Procesos()), ref)
    assert len(computed) == 1
    for garbage in (b"", b"not a zip file", path.read_bytes()[:100]):
        path.write_bytes(garbage)
        _cache.clear()
        assert_same_tablas(resolver(rs, 2025, 2030, Procesos()), ref)
    assert len(computed) == 4


def test_a_file_of_another_key_is_not_served(disk, computed):
    rs = pensiones.rules.load()
    a = resolver(rs, 2025, 2030, Procesos())
    b = resolver(rs, 2025, 2031, Procesos())
    pa, pb = sorted(_files(disk), key=lambda p: p.stat().st_mtime)
    pa.write_bytes(pb.read_bytes())  # the 2031 file under the 2030 name
    _cache.clear()
    assert_same_tablas(resolver(rs, 2025, 2030, Procesos()), a)
    assert len(b.uma_diaria) == 7 and len(computed) == 3


@pytest.mark.parametrize("where", ["none", "under a file"])
def test_no_writable_folder_computes_without_error(tmp_path, monkeypatch, computed, where):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setattr(_cache, "_ruta", lambda nombre: None if where == "none" else blocker / nombre)
    _cache.clear()
    rs = pensiones.rules.load()
    a = resolver(rs, 2025, 2030, Procesos())
    _cache.clear()
    assert_same_tablas(resolver(rs, 2025, 2030, Procesos()), a)
    assert len(computed) == 2
    _cache.clear()


def test_without_a_cache_folder_the_package_says_none(tmp_path, monkeypatch):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("PENSIONES_CACHE_DIR", str(blocker))
    assert _cache._ruta("x.npz") is None


def test_a_failing_write_is_no_error(disk, computed, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez_compressed", broken)
    rs = pensiones.rules.load()
    a = resolver(rs, 2025, 2030, Procesos())
    assert not _files(disk) and not list(disk.rglob("*.tmp"))
    assert_same_tablas(resolver(rs, 2025, 2030, Procesos()), a)  # from memory


@pytest.mark.parametrize("change", ["overlay", "supuestos", "criterios", "procesos", "years", "observados",
                                    "regimen", "sources"])
def test_every_input_is_in_the_key(disk, computed, change, monkeypatch):
    rs, procesos = pensiones.rules.load(), Procesos()
    start, end, observados = 2021, 2040, False
    base = resolver(rs, start, end, procesos)
    if change == "overlay":
        rs = rs.with_reforms([Reforma(tabla="tasa_retiro", desde="2030-01-01", valor=0.03)])
    elif change == "supuestos":
        rs = pensiones.rules.load(supuestos=pensiones.Supuestos(inflacion=0.04))
    elif change == "criterios":
        rs = pensiones.rules.load(criterios=pensiones.Criterios(base_inpc_cuota_social="2022-06"))
    elif change == "procesos":
        procesos = Procesos(crecimiento_real_salarial=0.02)
    elif change == "years":
        start = 2022
    elif change == "observados":
        observados = True
    elif change == "regimen":
        rs = pensiones.rules.load("lss1997")
    else:  # another version of the package: its sources hash to another key
        monkeypatch.setattr(_jit, "source_hash", lambda: "0123456789abcdef")
    got = resolver(rs, start, end, procesos, salarios_observados=observados)
    assert len(computed) == 2
    fields = resolve_arrays.tablas(rs, start, end, procesos, salarios_observados=observados)
    assert_same_tablas(got, Tablas(**fields))
    if change == "years":
        assert got.start == 2022
    elif change != "sources":
        assert any(not np.array_equal(getattr(got, f), getattr(base, f), equal_nan=True)
                   for f in base._fields if f != "start" and np.shape(getattr(got, f)) == np.shape(getattr(base, f)))


def test_equal_content_shares_the_entry(disk, computed):
    a = Scenario.load("semanas_1250")
    b = Scenario.load("semanas_1250")
    assert a.rules() is not b.rules() and a.rules().content_hash == b.rules().content_hash
    resolver(a.rules(), 2025, 2035, a.procesos)
    resolver(b.rules(), 2025, 2035, b.procesos)
    assert len(computed) == 1


def test_the_tables_read_are_replayed_on_a_hit(disk, computed):
    sc = Scenario.load("sin_fondo_bienestar")
    first = sc.rules()
    with first.record_lookups() as computing:
        resolver(first, 2025, 2070, sc.procesos)
    rules = sc.rules()
    with rules.record_lookups() as served:
        resolver(rules, 2025, 2070, sc.procesos)
    assert len(computed) == 1
    assert served == computing and "fondo_bienestar_umbral" in served


def test_tables_not_from_the_package_are_not_cached(disk, computed):
    law = pensiones.rules.load()
    tables = {name: law._ley(name) for name in law.names}
    own = RuleSet(law.regimen, law.supuestos, law.criterios, tables)
    assert own.content_hash is None
    resolver(own, 2025, 2030, Procesos())
    resolver(own, 2025, 2030, Procesos())
    assert len(computed) == 2 and not _files(disk)


def test_the_switch_turns_the_cache_off(disk, computed, monkeypatch):
    monkeypatch.setenv("PENSIONES_SIN_CACHE", "1")
    rs = pensiones.rules.load()
    resolver(rs, 2025, 2030, Procesos())
    resolver(rs, 2025, 2030, Procesos())
    assert len(computed) == 2 and not _files(disk)


def test_content_hash_encodes_types_and_arrays_exactly():
    h = _cache.content_hash
    assert h(1) != h(1.0) != h(True)
    assert h(0.0) != h(-0.0)
    assert h(np.array([1.0, 2.0])) != h(np.array([1.0, 2.0000000000000004]))
    assert h(np.array([1.0, 2.0])) != h(np.array([[1.0, 2.0]]))
    assert h({"a": 1, "b": 2}) == h({"b": 2, "a": 1})
    assert h(Procesos()) == h(Procesos()) != h(Procesos(p_entrada=Procesos().p_entrada * 0.5))
    assert h(object()) is None


def test_encode_and_decode_give_back_the_object():
    import datetime as dt

    obj = {"x": [1, 2.5, None, True, "s", dt.date(2025, 1, 2), (np.float64(0.1), np.int64(3))],
           "a": np.arange(6.0).reshape(2, 3), "n": {"deep": np.array([1, 2], dtype=np.int64)}}
    arrays, text = _cache.encode(obj)
    assert all(not a.flags.writeable for a in arrays.values())
    back = _cache.decode(arrays, text)
    assert back["x"][:6] == obj["x"][:6] and back["x"][6] == obj["x"][6]
    assert type(back["x"][6][0]) is np.float64 and type(back["x"][6][1]) is np.int64
    assert np.array_equal(back["a"], obj["a"]) and back["a"].flags.writeable
    assert back["n"]["deep"].dtype == np.int64
    with pytest.raises(TypeError):
        _cache.encode({"o": np.array([object()])})


def test_pickled_results_fall_back_to_computing(disk):
    calls = []

    def compute():
        calls.append(1)
        return {"tabla": [1.0, 2.0]}

    def check(obj):
        return isinstance(obj, dict) and "tabla" in obj

    assert _cache.pickled("prueba", compute, check) == {"tabla": [1.0, 2.0]}
    assert _cache.pickled("prueba", compute, check) == {"tabla": [1.0, 2.0]} and len(calls) == 1
    (path,) = disk.glob("prueba-*.pkl")
    for garbage in (b"", b"\x80\x05not a pickle", __import__("pickle").dumps(["a foreign object"])):
        path.write_bytes(garbage)
        assert _cache.pickled("prueba", compute, check) == {"tabla": [1.0, 2.0]}
    assert len(calls) == 4


def test_memory_and_disk_keep_to_their_bounds(disk, computed, monkeypatch):
    rs = pensiones.rules.load()
    one = resolver(rs, 2025, 2030, Procesos())
    size = sum(np.asarray(getattr(one, f)).nbytes for f in one._fields if f != "start")
    monkeypatch.setattr(_cache, "MEMORIA_MAX", int(2.5 * size) + 10_000)
    monkeypatch.setattr(_cache, "ARCHIVOS_MAX", 3)
    for end in range(2030, 2036):
        resolver(rs, 2025, end, Procesos())
    kept = _cache._memoria["tablas"]
    assert 1 <= len(kept) < 6 and sum(_cache._tamano(e) for e in kept.values()) <= _cache.MEMORIA_MAX
    assert len(_files(disk)) == 3
    # the disk: the newest files within the bytes allowed; a result larger than all of it is not written
    for k, p in enumerate(sorted(_files(disk))):
        os.utime(p, (1_000_000 + k, 1_000_000 + k))
    newest = sorted(_files(disk))[-1]
    monkeypatch.setattr(_cache, "DISCO_MAX", newest.stat().st_size)
    _cache._podar(disk, "tablas")
    assert _files(disk) == [newest]
    resolver(rs, 2025, 2040, Procesos())
    assert _files(disk) == [newest]
    computed.clear()
    monkeypatch.setattr(_cache, "DISCO_MAX", 2**30)
    monkeypatch.setattr(_cache, "MEMORIA_MAX", 10)  # nothing fits in memory: the second call reads the disk
    before = set(_cache._memoria["tablas"])
    first = resolver(rs, 2025, 2041, Procesos())
    assert_same_tablas(resolver(rs, 2025, 2041, Procesos()), first)
    assert len(computed) == 1 and set(_cache._memoria["tablas"]) == before
