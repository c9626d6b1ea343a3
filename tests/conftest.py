"""Shared test configuration: the hypothesis profile, the path to shared/reference, and the slow tests.

``pytest -m "not slow"`` is the fast tier (CONTRIBUTING.md); CI runs every test.  New slow tests carry
``@pytest.mark.slow``; :data:`LENTOS` marks, at collection, those that were slow before the marker existed,
so that work on their files in parallel branches does not collide.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# deadline=None: the first call of a Numba kernel pays its compile time (STYLE.md).
settings.register_profile("pensiones", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", deadline=None, max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "pensiones"))

ROOT = Path(__file__).resolve().parents[1]


def reference_dir() -> Path:
    return Path(os.environ.get("PENSIONES_REFERENCE", ROOT.parent / "shared" / "reference"))


@pytest.fixture(scope="session")
def ref() -> Path:
    """``../shared/reference`` (or $PENSIONES_REFERENCE).  Required in CI; skipped elsewhere if absent."""
    path = reference_dir()
    if not path.is_dir():
        if os.environ.get("PENSIONES_REQUIRE_REFERENCE"):
            pytest.fail(f"reference tables not found at {path}")
        pytest.skip(f"reference tables not found at {path} (set PENSIONES_REFERENCE)")
    return path


@pytest.fixture(scope="session")
def rs():
    import pensiones

    return pensiones.rules.load()


#: Tests marked ``slow`` at collection, by file: test function names, or ``"*"`` for every test of the file.
#: Each takes more than about 5 seconds once the kernel is compiled (``--durations``, file by file, on 2
#: cores), and each has a faster sibling in the fast tier.  tests/test_packaging.py checks every name.
#: This folder: LENTOS is keyed by the test file's path below it (``cli/test_cli.py``).
_TESTS = Path(__file__).resolve().parent

LENTOS = {
    "test_calculators.py": {"test_account_ledger_identity", "test_ley73_non_decreasing_in_cesantia_age"},
    "cli/test_cli.py": {
        "test_ctrl_c_while_simulating_stops_with_130", "test_ctrl_c_while_the_engine_compiles_stops_with_130",
        "test_no_traceback_from_the_real_command", "test_broken_pipe_is_quiet",
        "test_a_failure_while_writing_leaves_the_old_folder_untouched",
        "test_an_in_process_run_leaves_no_thread_reading_a_reused_descriptor",
    },
    "cli/test_cli_fuzz.py": {"test_fuzzed_tiny_runs_end_in_a_whole_folder_with_the_right_signs"},
    "test_distributed.py": "*",  # Dask clusters
    "test_docs_site.py": {"test_mkdocs_build_strict", "test_tutorial_runs_as_a_script"},
    "engine/test_engine.py": {
        "test_hypothesis_populations_twin_equals_kernel", "test_numba_num_threads_environment",
        "test_kernel_ley73_equals_calculator",
    },
    "test_examples.py": {"test_example_runs"},
    "engine/test_extremes.py": {"test_every_assumption_at_each_end_of_its_range_gives_a_sane_cost"},
    "engine/test_horizonte.py": {"test_the_command_runs_to_2100"},
    "rules/test_overlays.py": {
        "test_null_overlays_compare_all_zero", "test_a_simulation_reads_the_tables_of_every_builtin_overlay",
    },
    "engine/test_parity.py": {
        "test_an_overlay_changes_the_engine_from_its_year_on_and_nothing_before",
        "test_engine_equals_calculators_under_reforms", "test_factor_one_is_an_exact_null_reform",
        "test_engine_prices_the_family_like_the_calculator",
    },
    "engine/test_population_fuzz.py": {"test_fuzzed_populations_end_in_a_result_or_a_clear_error"},
    "engine/test_retiro.py": {"test_higher_probabilities_never_claim_later"},
    "scenarios/test_scenario_files.py": {"test_builtin_round_trip_same_scenario_same_results"},
    "scenarios/test_scenarios.py": {"test_cli_run_writes_tables_plots_summary"},
    "test_outputs.py": {"test_concurrent_exports_to_one_folder_leave_one_whole_run"},
    "test_tasa_reemplazo.py": {"test_rate_bounds"},
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _TESTS not in item.path.parents:
            continue  # doctests of the package and the docs
        names = LENTOS.get(item.path.relative_to(_TESTS).as_posix())
        if names is not None and getattr(item, "originalname", None) and (names == "*" or item.originalname in names):
            item.add_marker(pytest.mark.slow)
