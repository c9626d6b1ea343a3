"""``pensiones cache info`` and ``pensiones cache clear`` on a cache folder of the test's own, and the
engine's preparation phase that announces a compilation."""

from __future__ import annotations

import io
import os
import time

import pytest

import pensiones
from pensiones import _cache
from pensiones._jit import cache_folder
from pensiones.cli import main
from pensiones.cli.run import COMPILE_TIME, prepare_engine

OTRA = "numba-0123456789abcdef"


@pytest.fixture
def base(tmp_path, monkeypatch):
    """A cache folder with this source tree's folder (2 compiled entries, 1 calibration file), another
    source tree's unused for 3 days, and things that are not ours."""
    base = tmp_path / "cache"
    monkeypatch.setenv("PENSIONES_CACHE_DIR", str(base))
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    actual = base / cache_folder().name
    (actual / "engine_abc").mkdir(parents=True)
    for nombre, texto in (("kernel-754.py311.nbi", "i"), ("kernel-754.py311.1.nbc", "c" * 1000),
                          ("historias-773.py311.1.nbc", "c" * 500)):
        (actual / "engine_abc" / nombre).write_text(texto)
    (actual / "altas_ley73_2026-aa35a3ae313ab9bd.json").write_text('{"fraccion": 0.1}')
    otra = base / OTRA / "ley73_def"
    otra.mkdir(parents=True)
    (otra / "cuantia-10.py311.1.nbc").write_text("x" * 2000)
    hace = time.time() - 3 * 86400 - 60
    os.utime(base / OTRA, (hace, hace))
    (base / "notas").mkdir()
    (base / "numba-readme.txt").write_text("not ours")
    return base


def test_info_shows_the_folder_this_tree_and_the_others(base, capsys):
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert f"Cache folder: {base} (from PENSIONES_CACHE_DIR)" in out
    assert f"This source tree (pensiones {pensiones.__version__}): {cache_folder().name}" in out
    assert "1.5 KB: 2 compiled entries, 1 calibration file(s); last used just now" in out
    assert "Other source trees' folders (removed after 14 days unused): 1, 2.0 KB" in out
    assert OTRA in out and "1 compiled entries  last used 3 days ago" in out
    assert "Packaged calibrations (read, never recomputed):" in out and "calibraciones.json" in out
    assert "notas" not in out and "numba-readme" not in out


def test_info_on_an_empty_cache_says_the_next_run_compiles(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PENSIONES_CACHE_DIR", str(tmp_path / "nada"))
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert f"nothing compiled yet: the next run compiles the engine ({COMPILE_TIME})" in out
    assert "Other source trees' folders: none" in out


def test_clear_dry_run_removes_nothing_then_clear_removes_ours_only(base, capsys):
    antes = sorted(p.name for p in base.iterdir())
    assert main(["cache", "clear", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in base.iterdir()) == antes
    assert f"would remove {base / cache_folder().name} (this source tree's)" in out
    assert f"would remove {base / OTRA}" in out and "Would remove 2 cache folder(s), 3.5 KB" in out

    assert main(["cache", "clear"]) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in base.iterdir()) == ["notas", "numba-readme.txt"]
    assert f"Removed 2 cache folder(s), 3.5 KB, from {base}; the next run compiles the engine again" in out

    assert main(["cache", "clear"]) == 0
    assert capsys.readouterr().out == f"Nothing to remove: {base} holds no pensiones cache folder\n"


def test_numba_cache_dir_is_named_and_left_alone(base, monkeypatch, capsys, tmp_path):
    mio = tmp_path / "numba_mio"
    mio.mkdir()
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(mio))
    assert main(["cache", "clear"]) == 0
    assert f"NUMBA_CACHE_DIR is set ({mio})" in capsys.readouterr().out
    assert mio.is_dir()


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["cache"], "pensiones cache: error: the following arguments are required: ACTION"),
        (["cache", "clean"], "pensiones cache: error: argument ACTION: invalid choice: 'clean' (choose from "
                             "'info', 'clear'); did you mean 'clear'?"),
        (["cache", "info", "--dry-run"], "pensiones cache: error: argument --dry-run: goes with 'clear' only"),
        (["cache", "clear", "--force"], "pensiones cache: error: unrecognized argument(s): --force"),
    ],
)
def test_bad_input_is_a_clear_error(argv, error, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(error) and err.count("\n") == 1, err


def test_a_cache_folder_that_is_a_file_is_a_clear_error(tmp_path, monkeypatch, capsys):
    archivo = tmp_path / "cache"
    archivo.write_text("")
    monkeypatch.setenv("PENSIONES_CACHE_DIR", str(archivo))
    for accion in ("info", "clear"):
        assert main(["cache", accion]) == 2
        err = capsys.readouterr().err
        assert err == f"pensiones cache: error: the cache folder {archivo} (from PENSIONES_CACHE_DIR) is not a folder\n"
    assert archivo.is_file()


def test_a_folder_that_cannot_be_removed_is_named(base, monkeypatch, capsys):
    def negado(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_cache.shutil, "rmtree", negado)
    assert main(["cache", "clear"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pensiones: error: [Errno 13] could not remove the cache folder ") and err.count("\n") == 1


def test_human_units():
    assert _cache.human_size(512) == "512 B" and _cache.human_size(3_400) == "3.4 KB"
    assert _cache.human_size(12_000_000) == "12.0 MB" and _cache.human_size(1_234_000_000) == "1.2 GB"
    assert _cache.human_age(1000.0, now=1030.0) == "just now"
    assert _cache.human_age(0.0, now=600.0) == "10 min ago" and _cache.human_age(0.0, now=7300.0) == "2 h ago"
    assert _cache.human_age(0.0, now=86400.0 * 1.5) == "1 day ago"
    assert _cache.human_age(0.0, now=86400.0 * 9) == "9 days ago"


# -- the engine's preparation: a compilation is announced, with its time ---------------------------------------
class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _precompile_que_compila(progress=None):
    progress("start", 0.0)
    progress("end", 12.3)
    return 12.3


def test_a_compilation_is_announced_before_and_timed_after(monkeypatch, capsys):
    monkeypatch.setattr(pensiones, "precompile", _precompile_que_compila)
    assert prepare_engine() == 12.3
    err = capsys.readouterr().err
    assert err == (
        "Preparing the engine...\n"
        f"Compiling the engine for this machine (once; {COMPILE_TIME})... compiled in 12 s\n"
    )


def test_on_a_terminal_the_compilation_line_replaces_the_preparation(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(pensiones, "precompile", _precompile_que_compila)
    prepare_engine()
    texto = terminal.getvalue()
    assert texto.startswith("Preparing the engine...\r")
    final = texto.rsplit("\r", 1)[-1]
    assert final.startswith(f"Compiling the engine for this machine (once; {COMPILE_TIME})... "
                            "compiled in 12 s")


def test_without_a_compilation_the_preparation_is_one_line(monkeypatch, capsys):
    monkeypatch.setattr(pensiones, "precompile", lambda progress=None: 0.0)
    assert prepare_engine() == 0.0
    err = capsys.readouterr().err
    assert err.startswith("Preparing the engine... done (") and err.count("\n") == 1
