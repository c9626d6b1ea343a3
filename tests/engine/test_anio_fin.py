"""Runs past the entrants' last year (issue #19, item 6, "Runs to 2100"): a population carries the
last year of entry of its future entrants (``Population.anio_fin_entrantes``, the synthetic
builder's ``anio_fin``) through slices, masks and Parquet folders, and every run refuses an ``end``
after it, naming ``anio_fin``; a population that states none (built by hand, from a frame, or
without entrants) is never refused."""

from __future__ import annotations

import attrs
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

import pensiones
from pensiones import Population, Scenario, simulate
from pensiones.engine.parquet import CLAVE_FIN_ENTRANTES, ParquetPopulation
from pensiones.simulation import Run, ejecutar_corridas, sweep

POP = Population.synthetic(400, seed=3)  # entrants to 2070, the default
REFUSAL = (
    r"the population's entrants stop in 2070 \(anio_fin_entrantes: Population.synthetic\(\.\.\., anio_fin=2070\)\) "
    r"but the run ends in 2080: nobody would affiliate in 2071-2080\. Build the population with "
    r"Population.synthetic\(\.\.\., anio_fin=2080\) or end the run in 2070 \(end=2070\)"
)


# -- what the builder records ----------------------------------------------------------------------
def test_the_synthetic_population_records_its_anio_fin():
    assert POP.anio_fin_entrantes == 2070
    pop = Population.synthetic(400, seed=3, anio_fin=2085)
    assert pop.anio_fin_entrantes == 2085 and type(pop.anio_fin_entrantes) is int
    assert 2084 <= pop.anio_afiliacion.max() < 2086  # the entrants reach it
    # too few records for any entrant: the entrants asked for still stop at anio_fin
    assert Population.synthetic(5, seed=1, anio_fin=2071).anio_fin_entrantes == 2071


@pytest.mark.parametrize("kwargs", [{"entrantes": False}, {"fraccion_entrantes": 0.0}], ids=["entrantes", "fraccion"])
def test_a_population_built_without_entrants_states_none(kwargs):
    pop = Population.synthetic(300, seed=2, **kwargs)
    assert pop.anio_fin_entrantes is None and pop.anio_afiliacion.max() < 2026
    Run.create(pop, [None], paths=1, seed=1, end=2100)  # not refused


def test_a_hand_built_population_states_none():
    assert Population.from_frame(POP.to_frame()).anio_fin_entrantes is None
    columnas = {f.name: getattr(POP, f.name) for f in attrs.fields(Population) if f.name != "anio_fin_entrantes"}
    assert Population(**columnas).anio_fin_entrantes is None
    Run.create(Population(**columnas), [None], paths=1, seed=1, end=2100)


# -- validation -----------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [1996, 2101, 2070.0, "2070", True, np.array(2070)])
def test_anio_fin_entrantes_must_be_a_year_or_none(bad):
    with pytest.raises(ValueError, match=r"anio_fin_entrantes must be None or a whole year in \[1997, 2100\], got"):
        attrs.evolve(POP, anio_fin_entrantes=bad)


def test_a_numpy_year_is_accepted_as_an_int():
    pop = attrs.evolve(POP, anio_fin_entrantes=np.int64(2080))
    assert pop.anio_fin_entrantes == 2080 and type(pop.anio_fin_entrantes) is int


def test_no_record_affiliates_after_anio_fin_entrantes():
    tarde = r"column 'anio_afiliacion' must be before the end of anio_fin_entrantes \(2050\)"
    with pytest.raises(ValueError, match=tarde):
        attrs.evolve(POP, anio_fin_entrantes=2050)
    with pytest.raises(ValueError, match="anio_fin_entrantes"):
        Population.from_frame(POP.to_frame(), anio_fin_entrantes=2050)


# -- slices, masks and Parquet keep it ------------------------------------------------------------------
def test_slices_masks_and_index_arrays_keep_it():
    assert POP[:10].anio_fin_entrantes == 2070
    assert POP[POP.cotizando].anio_fin_entrantes == 2070
    assert POP[np.array([0, 5, 7])].anio_fin_entrantes == 2070
    sin = attrs.evolve(POP, anio_fin_entrantes=None)
    assert sin[:10].anio_fin_entrantes is None


def test_a_parquet_folder_keeps_it(tmp_path):
    pop = Population.synthetic(300, seed=5, anio_fin=2090)
    handle = pop.to_parquet(tmp_path / "pop", partition_size=120)
    assert len(handle.partes) == 3 and handle.anio_fin_entrantes == 2090
    for name in handle.partes:
        meta = pq.read_metadata(tmp_path / "pop" / name).metadata
        assert meta[CLAVE_FIN_ENTRANTES] == b"2090" and b"pandas" in meta  # pandas' own metadata is kept
    assert ParquetPopulation.open(tmp_path / "pop").anio_fin_entrantes == 2090
    assert Population.from_parquet(tmp_path / "pop").anio_fin_entrantes == 2090
    assert handle.parte(2).anio_fin_entrantes == 2090
    back = Population.from_parquet(tmp_path / "pop")
    assert all(np.array_equal(getattr(back, c), getattr(pop, c)) for c in pensiones.engine.population.COLUMNAS)


def test_a_parquet_folder_without_it_states_none(tmp_path):
    handle = attrs.evolve(POP, anio_fin_entrantes=None).to_parquet(tmp_path / "pop")
    assert CLAVE_FIN_ENTRANTES not in pq.read_metadata(tmp_path / "pop" / handle.partes[0]).metadata
    assert handle.anio_fin_entrantes is None and Population.from_parquet(tmp_path / "pop").anio_fin_entrantes is None
    # another tool's files, without a manifest
    (tmp_path / "otro").mkdir()
    POP.to_frame().to_parquet(tmp_path / "otro" / "a.parquet", index=False)
    assert ParquetPopulation.open(tmp_path / "otro").anio_fin_entrantes is None


def _parte(path, frame, fin):
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    extra = {} if fin is None else {CLAVE_FIN_ENTRANTES: fin}
    pq.write_table(table.replace_schema_metadata({**table.schema.metadata, **extra}), path)


@pytest.mark.parametrize("segunda", [b"2080", None], ids=["another year", "none"])
def test_parts_that_disagree_are_refused(tmp_path, segunda):
    (tmp_path / "pop").mkdir()
    frame = POP[POP.anio_afiliacion < 2026].to_frame()
    _parte(tmp_path / "pop" / "a.parquet", frame[:100], b"2070")
    _parte(tmp_path / "pop" / "b.parquet", frame[100:], segunda)
    with pytest.raises(ValueError, match=r"parts a.parquet and b.parquet state different entrants' last years"):
        ParquetPopulation.open(tmp_path / "pop")


@pytest.mark.parametrize("valor", [b"dos mil", b"2200", b"\xff"])
def test_a_bad_value_in_a_part_is_refused_naming_it(tmp_path, valor):
    (tmp_path / "pop").mkdir()
    _parte(tmp_path / "pop" / "a.parquet", POP[:50].to_frame(), valor)
    with pytest.raises(ValueError, match=r"a.parquet: metadata pensiones.anio_fin_entrantes must be .*whole year"):
        ParquetPopulation.open(tmp_path / "pop")


# -- every run refuses an end past it, before any work ----------------------------------------------------
def test_simulate_refuses_a_run_past_the_entrants(tmp_path):
    with pytest.raises(ValueError, match=REFUSAL):
        simulate(POP, paths=1, seed=1, end=2080)
    with pytest.raises(ValueError, match=REFUSAL):  # a Parquet folder, here or on a cluster
        simulate(POP.to_parquet(tmp_path / "pop"), paths=1, seed=1, end=2080)
    with pytest.raises(ValueError, match=REFUSAL):
        simulate(POP, paths=1, seed=1, end=2080, client=object())  # refused before the client is asked anything


def test_every_entry_point_refuses_it(monkeypatch):
    from pensiones import distributed

    monkeypatch.setattr(distributed, "cluster_local", lambda *a, **k: pytest.fail("a cluster started"))
    with pytest.raises(ValueError, match=REFUSAL):
        sweep(POP, {"a": Scenario.default(), "b": Scenario.load("sin_reforma")}, paths=1, seed=1, end=2080)
    with pytest.raises(ValueError, match=REFUSAL):
        pensiones.sweep(POP, ["reforma_2020"], paths=1, seed=1, end=2080)
    with pytest.raises(ValueError, match=REFUSAL):
        ejecutar_corridas(POP, [None], paths=1, seed=1, end=2080)
    with pytest.raises(ValueError, match=REFUSAL):
        Run.create(POP, [None], paths=1, seed=1, end=2080)
    Run.create(POP, [None], paths=1, seed=1, end=2070)  # up to anio_fin: accepted


def test_a_run_to_anio_fin_and_an_unstated_population_run():
    pop = Population.synthetic(400, seed=3, anio_fin=2075)
    r = simulate(pop, paths=1, seed=1, end=2075)
    assert r.fiscal_cost().year.max() == 2075
    r = simulate(Population.from_frame(POP.to_frame()), paths=1, seed=1, end=2075)  # None: not refused
    assert r.fiscal_cost().year.max() == 2075
    r = simulate(Population.synthetic(300, seed=2, entrantes=False), paths=1, seed=1, end=2075)
    assert r.fiscal_cost().year.max() == 2075


def test_the_population_hash_is_the_records(tmp_path):
    """anio_fin_entrantes changes no number: the fingerprint is the records' alone."""
    a = simulate(POP, paths=1, seed=1, end=2026)
    b = simulate(attrs.evolve(POP, anio_fin_entrantes=None), paths=1, seed=1, end=2026)
    c = simulate(POP.to_parquet(tmp_path / "pop", partition_size=150), paths=1, seed=1, end=2026)
    assert a.provenance["poblacion_hash"] == b.provenance["poblacion_hash"] == c.provenance["poblacion_hash"]
    pd.testing.assert_frame_equal(a.fiscal_cost(), b.fiscal_cost())


# -- the command line -----------------------------------------------------------------------------------
def test_the_command_builds_its_population_to_end(tmp_path, capsys):
    from pensiones.cli import main

    out = tmp_path / "res"
    argv = ["run", "reforma_2020", "--persons", "200", "--paths", "1", "--end", "2080", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    assert pd.read_csv(out / "costo_fiscal.csv").year.max() == 2080


def test_the_command_refuses_a_parquet_population_past_its_entrants(tmp_path, capsys, monkeypatch):
    from pensiones.cli import main
    from pensiones.cli import run as cli_run

    POP.to_parquet(tmp_path / "pop")
    monkeypatch.setattr(cli_run, "prepare_engine", lambda: pytest.fail("work started before validation"))
    out = tmp_path / "res"
    argv = ["run", "reforma_2020", "--population", str(tmp_path / "pop"), "--end", "2080", "--out", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("pensiones run: error: arguments --population and --end: the population's entrants stop")
    assert "anio_fin=2080" in err and err.count("\n") == 1 and not out.exists()
