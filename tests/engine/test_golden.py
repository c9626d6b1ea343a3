"""The baseline's ledger, bit for bit: a change to the engine's speed must not change its numbers.

``GOLDEN`` is the SHA-256 of the integer ledger (centavos and persons, chunk sums added) of a small run of
the law in force, recorded with the versions below.  A change that is meant to move results (a rule, a
calibration, a behaviour) updates the digest here, and its commit says why; a speed-up, a refactor or a
change of layout must leave it alone.  With other versions of NumPy, Numba or llvmlite (whose libm calls
and code generation the floating-point results depend on) the comparison is skipped, saying so: record the
digest again on the new versions, from a commit whose results are known good.
"""

from __future__ import annotations

import hashlib

import llvmlite
import numba
import numpy as np
import pytest

from pensiones import Population, simulate

#: The run: 2,000 records (seed 11), 3 paths (seed 7), 2025-2060, the law in force.
CORRIDA = dict(paths=3, seed=7, end=2060, progress=False)
#: Versions the digest was recorded with.
VERSIONES = {"numpy": "2.4.6", "numba": "0.68.1", "llvmlite": "0.50.0"}
#: SHA-256 of ``simulate(...).ledger_array.tobytes()``.  Recorded again when the ledger gained four count
#: components (``nuevas_cesantia_ley73``, ``nuevas_cesantia_ley97``, ``pensionados_viudez``,
#: ``pensionados_orfandad``): the array's shape changed, while the 44 earlier components' cells are
#: bit-identical to those of d468111 (digest 28aeaa6b..., itself the same at ba1a857).
GOLDEN = "b91e94734c6db0c028c873e886a98f2b9aca4b290635a218eff3a4f42e4f11a6"


def test_the_baselines_ledger_is_bit_identical_to_the_recorded_one():
    actuales = {"numpy": np.__version__, "numba": numba.__version__, "llvmlite": llvmlite.__version__}
    if actuales != VERSIONES:
        pytest.skip(f"digest recorded with {VERSIONES}, running {actuales}: record it again on these versions")
    resultado = simulate(Population.synthetic(2_000, seed=11), **CORRIDA)
    assert resultado.ledger_array.dtype == np.int64
    digest = hashlib.sha256(resultado.ledger_array.tobytes()).hexdigest()
    assert digest == GOLDEN, (
        "the baseline's ledger changed: if the model was meant to change, record the new digest in GOLDEN and say "
        "why in the commit; a speed-up or a refactor must not change it"
    )


#: The components of the ledger when :data:`GOLDEN_44` was recorded (d468111); later components are added after them.
N_ANTERIORES = 44
#: SHA-256 of the first :data:`N_ANTERIORES` components of the same run, recorded at d468111 (then the whole ledger).
GOLDEN_44 = "28aeaa6b01e88a1da6a7ab045984c72e1743b1f82e9506cfaa8a09a657f94c6d"


def test_adding_count_components_leaves_the_earlier_components_bit_identical():
    actuales = {"numpy": np.__version__, "numba": numba.__version__, "llvmlite": llvmlite.__version__}
    if actuales != VERSIONES:
        pytest.skip(f"digest recorded with {VERSIONES}, running {actuales}: record it again on these versions")
    resultado = simulate(Population.synthetic(2_000, seed=11), **CORRIDA)
    anteriores = np.ascontiguousarray(resultado.ledger_array[:, :, :N_ANTERIORES])
    assert hashlib.sha256(anteriores.tobytes()).hexdigest() == GOLDEN_44
