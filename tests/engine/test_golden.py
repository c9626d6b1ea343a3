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
from pensiones.engine import componentes as C

#: The run: 2,000 records (seed 11), 3 paths (seed 7), 2025-2060, the law in force.
CORRIDA = dict(paths=3, seed=7, end=2060, progress=False)
#: Versions the digest was recorded with.
VERSIONES = {"numpy": "2.4.6", "numba": "0.68.1", "llvmlite": "0.50.0"}
#: SHA-256 of ``simulate(...).ledger_array.tobytes()``.  Recorded again when the ledger gained five
#: components (the memo flow ``sobrevivientes_pg_cuenta`` and the counts ``nuevas_cesantia_ley73``,
#: ``nuevas_cesantia_ley97``, ``pensionados_viudez``, ``pensionados_orfandad``): the array's shape changed,
#: while the earlier components' cells are bit-identical to those of d468111 (:data:`GOLDEN_ANTERIORES`).
#: Recorded again (both digests) when the model changed on purpose on 2026-12-06: the Ley 73
#: conservación de derechos and its restoration (``Criterios.conservacion_derechos_ley73``,
#: ``Procesos.reingreso_ley73``), Ley 73 pensions kept at the minimum pension
#: (``Criterios.indexacion_ley73``) and the Fondo Bienestar take-up (``Procesos.solicitud_fondo``), with
#: the packaged calibrations recomputed (``tools/calibraciones.py``), at 43b33c3.
#: Recorded again when it gained the ten invalidity components (``invalidez_ley73`` ... ``nuevas_negativas_invalidez``,
#: all zero without an incidence table): the shape changed, the other 49 components' cells are those of
#: 43b33c3 bit for bit (:data:`GOLDEN_ANTES_INVALIDEZ`).  Recorded again when it gained the lines added after
#: a0e28a9 and a8fb00b (:data:`DESPUES_DE_INVALIDEZ`): the survivors' payments by type and the cesantía pensions
#: in payment (memo and counts, nonzero) and the three voluntary-saving components (the fiscal
#: ``pareo_ahorro_voluntario``, the flow ``aportaciones_voluntarias`` and the count ``ahorradores_voluntarios``,
#: zero without ``Procesos.proporcion_ahorro_voluntario``): the other 59 components are bit-identical
#: (:data:`GOLDEN_ANTES_POR_TIPO`).
#: Recorded again when it gained the eight components of the structural alternatives (issue #24 item 4: the fiscal
#: ``pension_basica_universal``, the flows ``aportaciones_alternativa``, ``pensiones_alternativa`` and the stock
#: ``deuda_implicita_alternativa``, the counts ``pensionados_alternativa``, ``nuevas_pensiones_alternativa`` and
#: ``beneficiarios_pension_basica``, the memo ``pbam_sustituida``; all zero without ``Procesos.alternativa``): the
#: shape changed, the other components are bit-identical to the previous digest (:data:`GOLDEN_ANTES_ALTERNATIVAS`).
#: Recorded again (every digest) when the model changed on purpose: the
#: scale of the age at first affiliation fitted to CONSAR's count of the Ley 97 generation aged 65 in 2021
#: (``synthetic.EDAD_AFILIACION_ESCALA`` 6.0 -> 7.54, ``tools/calibrar_afiliacion.py``), the two behaviours
#: calibrated on the 2021 back-test refitted to the new population (``Procesos.preferencia_ley73`` 0.99 ->
#: 0.985, ``Procesos.solicitud_fondo`` 0.33 -> 0.16) and the packaged calibrations recomputed
#: (``tools/calibraciones.py``); the earlier digests are of the same run, each over its components.
#: Recorded again when it gained the two components of wider coverage (issue #24 item 3: ``subsidio_cobertura``
#: and ``cotizantes_cobertura``, zero without ``Procesos.cobertura``): the shape changed, the other components are
#: bit-identical to the previous digest (:data:`GOLDEN_ANTES_COBERTURA`).
GOLDEN = "3952e7bcb357aa9702b5fd7bc4dbfa7d50d46f3e745f4f63784057e6d68ce20c"


@pytest.fixture(scope="module")
def resultado():
    """The baseline run, once for this module; skipped on versions other than :data:`VERSIONES`."""
    actuales = {"numpy": np.__version__, "numba": numba.__version__, "llvmlite": llvmlite.__version__}
    if actuales != VERSIONES:
        pytest.skip(f"digest recorded with {VERSIONES}, running {actuales}: record it again on these versions")
    return simulate(Population.synthetic(2_000, seed=11), **CORRIDA)


def test_the_baselines_ledger_is_bit_identical_to_the_recorded_one(resultado):
    assert resultado.ledger_array.dtype == np.int64
    digest = hashlib.sha256(resultado.ledger_array.tobytes()).hexdigest()
    assert digest == GOLDEN, (
        "the baseline's ledger changed: if the model was meant to change, record the new digest in GOLDEN and say "
        "why in the commit; a speed-up or a refactor must not change it"
    )


#: The components of the ledger at d468111, in their order there.
ANTERIORES = (
    "cuota_social", "aportacion_estatal", "ley73", "pension_garantizada", "fondo_bienestar", "pbam_afiliados",
    "mujeres_bienestar_afiliadas", "transferencia_rcv_ley73", "sobrevivientes_ley73", "sobrevivientes_pg",
    "saldo_inicial", "aportaciones_obrero_patronales", "rendimientos", "comisiones", "retiros_negativa",
    "retiros_fallecimiento", "compra_renta_vitalicia", "pagos_pg_cuenta", "retiro_ley73_trabajador", "saldo_final",
    "pensiones_renta_vitalicia", "masa_salarial", "sobrevivientes_renta_vitalicia", "sobrevivientes_imss",
    "suma_asegurada_imss", "saldo_rentas_imss", "aportaciones_vivienda",
    "poblacion_viva", "activos", "cotizantes", "nuevos_pensionados", "pensionados_ley73",
    "pensionados_renta_vitalicia", "pensionados_pg", "pensionados_pg_gobierno", "nuevas_negativas",
    "beneficiarios_fondo", "beneficiarios_pbam", "beneficiarias_mujeres", "nuevas_pensiones_ley73",
    "nuevas_pensiones_rv", "nuevas_pensiones_pg", "pensionados_sobrevivientes", "nuevas_pensiones_sobrevivientes",
)
#: SHA-256 of :data:`ANTERIORES` (the whole ledger at d468111), recorded again with :data:`GOLDEN`.
GOLDEN_ANTERIORES = "a22d3eb2b3b6f4916a57bf3fbfbdb3bab1cc515f153bbb95fff5683bb1f7182e"


def test_adding_components_leaves_the_earlier_components_bit_identical(resultado):
    """The components added later (counts, memo lines) must not move a cell of the earlier ones."""
    anteriores = np.ascontiguousarray(resultado.ledger_array[:, :, [C.INDICE[n] for n in ANTERIORES]])
    assert hashlib.sha256(anteriores.tobytes()).hexdigest() == GOLDEN_ANTERIORES


#: The components of the ledger at 43b33c3, before the invalidity components, in their order there.
ANTES_INVALIDEZ = ANTERIORES[:27] + ("sobrevivientes_pg_cuenta",) + ANTERIORES[27:] + (
    "nuevas_cesantia_ley73", "nuevas_cesantia_ley97", "pensionados_viudez", "pensionados_orfandad",
)
#: SHA-256 of the whole ledger at 43b33c3 (then :data:`ANTES_INVALIDEZ` were all its components), recorded
#: again with :data:`GOLDEN`.
GOLDEN_ANTES_INVALIDEZ = "c37997030fc6a5f5a029a5c127b6afa2111f2674a4d8a6d8b8251877780a7927"


def test_without_an_incidence_table_invalidity_leaves_every_other_component_bit_identical(resultado):
    """The invalidity step is pluggable: without ``Procesos.incidencia_invalidez`` it draws nothing, so the
    components the ledger had before it keep every cell, and the new ones are zero."""
    antes = np.ascontiguousarray(resultado.ledger_array[:, :, [C.INDICE[n] for n in ANTES_INVALIDEZ]])
    assert hashlib.sha256(antes.tobytes()).hexdigest() == GOLDEN_ANTES_INVALIDEZ
    nuevas = [C.INDICE[n] for n in C.COMPONENTES
              if n not in ANTES_INVALIDEZ + DESPUES_DE_INVALIDEZ + ALTERNATIVAS + COBERTURA]
    assert len(nuevas) == 10 and not resultado.ledger_array[:, :, nuevas].any()


#: The lines added after the invalidity components: the survivors' payments split by type, the cesantía
#: pensions in payment and their payments.
POR_TIPO_SOBREVIVIENTES = ("pagos_viudez", "pagos_orfandad", "pagos_cesantia_ley73", "pagos_cesantia_ley97",
                           "pensionados_cesantia_ley73", "pensionados_cesantia_ley97")
#: The components added with voluntary saving and its match (issue #24), last of their groups.
AHORRO_VOLUNTARIO = ("pareo_ahorro_voluntario", "aportaciones_voluntarias", "ahorradores_voluntarios")
DESPUES_DE_INVALIDEZ = POR_TIPO_SOBREVIVIENTES + AHORRO_VOLUNTARIO
#: SHA-256 of the whole ledger at a0e28a9 (every component but :data:`DESPUES_DE_INVALIDEZ`, in order).
GOLDEN_ANTES_POR_TIPO = "2267fe779cc45f465b9e0391ea7ab8e80c0e74725d05a593e182a7860a70b8c9"


def test_the_lines_added_since_leave_every_other_component_bit_identical(resultado):
    antes = [C.INDICE[n] for n in C.COMPONENTES if n not in DESPUES_DE_INVALIDEZ + ALTERNATIVAS + COBERTURA]
    assert len(antes) == C.N_COMPONENTES - len(DESPUES_DE_INVALIDEZ) - len(ALTERNATIVAS) - len(COBERTURA)
    digest = hashlib.sha256(np.ascontiguousarray(resultado.ledger_array[:, :, antes]).tobytes()).hexdigest()
    assert digest == GOLDEN_ANTES_POR_TIPO


def test_without_voluntary_saving_its_components_are_zero(resultado):
    """The baseline models no voluntary saving (``Procesos.proporcion_ahorro_voluntario = 0``) and the law pays
    no match."""
    assert not resultado.ledger_array[:, :, [C.INDICE[n] for n in AHORRO_VOLUNTARIO]].any()


def test_the_survivors_split_adds_up_to_their_payments(resultado):
    """``pagos_viudez + pagos_orfandad`` are every survivors' pension paid, whoever pays it (to a hundredth a
    cell per addition: each is rounded on its own)."""
    led = resultado.ledger_array
    partes = led[:, :, C.INDICE["pagos_viudez"]] + led[:, :, C.INDICE["pagos_orfandad"]]
    pagos = sum(led[:, :, C.INDICE[n]] for n in ("sobrevivientes_ley73", "sobrevivientes_renta_vitalicia",
                                                  "sobrevivientes_imss", "sobrevivientes_pg",
                                                  "sobrevivientes_pg_cuenta"))
    assert partes.sum() > 0
    assert np.abs(partes - pagos).max() <= 2 * led[:, :, C.INDICE["pensionados_sobrevivientes"]].max()


#: The components of the structural alternatives (issue #24 item 4), last of their groups.
ALTERNATIVAS = ("pension_basica_universal", "aportaciones_alternativa", "pensiones_alternativa",
                "deuda_implicita_alternativa", "pensionados_alternativa", "nuevas_pensiones_alternativa",
                "beneficiarios_pension_basica", "pbam_sustituida")
#: SHA-256 of the whole ledger at 50b3760, before the structural alternatives (every component but
#: :data:`ALTERNATIVAS`, in order): the previous :data:`GOLDEN`.
GOLDEN_ANTES_ALTERNATIVAS = "9fe2f85f070c6af3ec7ca73216d811841844182d830a11e1254f7d6be2f4438d"


def test_the_structural_alternatives_leave_every_other_component_bit_identical(resultado):
    """Without ``Procesos.alternativa`` the alternatives' components are zero and the others keep every cell."""
    antes = [C.INDICE[n] for n in C.COMPONENTES if n not in ALTERNATIVAS + COBERTURA]
    assert len(antes) == C.N_COMPONENTES - len(ALTERNATIVAS) - len(COBERTURA)
    digest = hashlib.sha256(np.ascontiguousarray(resultado.ledger_array[:, :, antes]).tobytes()).hexdigest()
    assert digest == GOLDEN_ANTES_ALTERNATIVAS
    assert not resultado.ledger_array[:, :, [C.INDICE[n] for n in ALTERNATIVAS]].any()


#: The components of wider coverage (issue #24 item 3: the fiscal ``subsidio_cobertura`` and the count
#: ``cotizantes_cobertura``, zero without ``Procesos.cobertura``), last of their groups.
COBERTURA = ("subsidio_cobertura", "cotizantes_cobertura")
#: SHA-256 of the whole ledger before wider coverage (every component but :data:`COBERTURA`, in order): the
#: previous :data:`GOLDEN`.
GOLDEN_ANTES_COBERTURA = "bb062e5bf3a72c99ee10196ded1f279b460bcd25d3f24356b3dd838d643326b7"


def test_wider_coverage_leaves_every_other_component_bit_identical(resultado):
    """Without ``Procesos.cobertura`` the coverage components are zero and the others keep every cell."""
    antes = [C.INDICE[n] for n in C.COMPONENTES if n not in COBERTURA]
    digest = hashlib.sha256(np.ascontiguousarray(resultado.ledger_array[:, :, antes]).tobytes()).hexdigest()
    assert digest == GOLDEN_ANTES_COBERTURA
    assert not resultado.ledger_array[:, :, [C.INDICE[n] for n in COBERTURA]].any()
