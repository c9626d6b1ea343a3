"""Nothing silently wrong: every assumption at each end of its allowed range gives a sane result, and an
amount beyond the exact integer ledger is an error naming the component, the year and what to lower."""

from __future__ import annotations

import attrs
import numba
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import Population, Procesos, Scenario, Supuestos, simulate
from pensiones._jit import SIN_NUMBA, suma_int64
from pensiones.engine.driver import LedgerOverflowError
from pensiones.reporting.fiscal import FISCAL_COMPONENTS

#: Every bounded assumption and its allowed range (documented in the class docstrings).
RANGOS = {
    ("supuestos", "inflacion"): (-0.02, 0.15),
    ("supuestos", "crecimiento_real_salario_minimo"): (-0.05, 0.10),
    ("supuestos", "crecimiento_real_pbam"): (-0.05, 0.05),
    ("supuestos", "comision_anual"): (0.0, 0.05),
    ("supuestos", "comision_previa"): (0.0, 0.05),
    ("supuestos", "crecimiento_real_pib"): (-0.05, 0.08),
    ("supuestos", "pensionados_ley73"): (1.0, 2e7),
    ("procesos", "crecimiento_real_salarial"): (-0.05, 0.08),
    ("procesos", "pico_edad"): (18.0, 80.0),
    ("procesos", "curvatura_edad"): (0.0, 0.01),
    ("procesos", "volatilidad_salarial"): (0.0, 0.3),
    ("procesos", "rendimiento_real_medio"): (-0.05, 0.12),
    ("procesos", "rendimiento_real_volatilidad"): (0.0, 0.25),
    ("procesos", "mejora_mortalidad"): (0.0, 0.05),
    ("procesos", "tasa_tecnica"): (-0.02, 0.10),
    ("procesos", "edad_retiro"): (60, 75),
    ("procesos", "asignacion_ley73"): (0.0, 1.0),
    ("procesos", "cobertura_pbam"): (0.0, 1.0),
    ("procesos", "cobertura_mujeres"): (0.0, 1.0),
    ("procesos", "proporcion_retiro"): (0.0, 1.0),
    ("procesos", "preferencia_ley73"): (0.0, 1.0),
    ("procesos", "reingreso_ley73"): (0.0, 1.0),
    ("procesos", "solicitud_fondo"): (1e-6, 1.0),
    ("procesos", "espera_fondo"): (0.0, 1.0),
    ("procesos", "proporcion_invalidez_grado_75"): (0.0, 1.0),
    ("procesos", "proporcion_ahorro_voluntario"): (0.0, 1.0),
    ("procesos", "tasa_ahorro_voluntario"): (0.0, 0.5),
    ("procesos", "alternativa_desde"): (1998, 2100),
    ("procesos", "alternativa_tasa_cotizacion"): (0.0, 0.5),
    ("procesos", "alternativa_tasa_acumulacion"): (0.0, 0.05),
    ("procesos", "alternativa_minima"): (0.0, 5.0),
    ("procesos", "alternativa_edad"): (55, 75),
    ("procesos", "alternativa_anios_minimos"): (0.0, 50.0),
    ("procesos", "alternativa_pension_basica"): (0.0, 1.0),
    ("procesos", "alternativa_edad_pension_basica"): (55, 75),
}
CLASES = {"supuestos": Supuestos, "procesos": Procesos}
POP = Population.synthetic(1500, seed=3)


def test_the_ranges_here_are_the_ranges_the_classes_enforce():
    for (section, name), (low, high) in RANGOS.items():
        cls = CLASES[section]
        cls(**{name: low})
        cls(**{name: high})
        step = 1 if isinstance(low, int) else 1e-6
        for bad in (low - step, high + step):
            with pytest.raises(ValueError, match=name):
                cls(**{name: bad})
    bounded = {
        (section, f.name)
        for section, cls in CLASES.items()
        for f in attrs.fields(cls)
        if f.validator is not None and f.type in ("float", "int", "float | None")
    }
    assert bounded <= set(RANGOS), bounded - set(RANGOS)


@pytest.mark.parametrize("extremo", ["low", "high"])
@pytest.mark.parametrize("campo", sorted(RANGOS), ids=lambda c: f"{c[0]}.{c[1]}")
def test_every_assumption_at_each_end_of_its_range_gives_a_sane_cost(campo, extremo):
    section, name = campo
    value = RANGOS[campo][0 if extremo == "low" else 1]
    sc = Scenario.default().with_reform({section: {name: value}}, name=f"{name}={value}")
    r = simulate(POP, sc, paths=3, seed=9, end=2070)
    fc = r.fiscal_cost(stat=["mean", "p5", "p50", "p95"])  # values, not their standard error
    assert np.isfinite(fc["value"]).all()
    nominal = fc[(fc.measure == "MXN")].pivot_table(index=["year", "stat"], columns="component", values="value")
    costs = [c for c in FISCAL_COMPONENTS if c != "transferencia_rcv_ley73"]
    assert (nominal[costs] >= 0).all().all(), f"{name}={value}: a negative cost"
    assert (nominal["transferencia_rcv_ley73"] <= 0).all()
    pct = fc[(fc.measure == "pct_GDP") & (fc.component == "total")]["value"]
    assert (pct > 0).all() and (pct < 100).all(), (
        f"{name}={value}: total cost {pct.min():.2f}..{pct.max():.2f} % of GDP"
    )
    # balances and head-counts never turn negative: nothing wrapped around
    for component in ("saldo_inicial", "saldo_final", "poblacion_viva", "cotizantes"):
        assert (r.component(component) >= 0).all(), f"{component} negative with {section}.{name}={value}"


def test_weights_beyond_the_exact_ledger_are_an_error_naming_component_year_and_weights():
    frame = POP.to_frame()
    frame["peso"] = 1e14
    pop = Population.from_frame(frame[frame.anio_afiliacion <= 2025].head(50))
    with pytest.raises(LedgerOverflowError, match=r"ledger component '\w+' in 20\d\d .*record weights"):
        simulate(pop, paths=1, seed=1, end=2030)


def test_an_overflow_is_reported_by_the_twin_too():
    frame = POP.to_frame()
    frame["peso"] = 1e15
    pop = Population.from_frame(frame[frame.anio_afiliacion <= 2025].head(5))
    with pytest.raises(LedgerOverflowError):
        simulate(pop, paths=1, seed=1, end=2026, backend="python")


def test_the_reduction_over_chunks_judges_the_total_whatever_the_chunking():
    """Every chunk's cell fits, their sum does not: the reduction raises; parts that overflow int64 on
    the way but whose total fits give the exact total (two's-complement sums unwrap)."""
    from pensiones.engine import componentes as C
    from pensiones.engine.driver import _reduce

    big = np.zeros((3, 1, 2, C.N_COMPONENTES), dtype=np.int64)
    big[:, 0, 1, C.INDICE["saldo_inicial"]] = 4 * 10**18  # each chunk below 2**62, the total 1.2e19
    with pytest.raises(LedgerOverflowError, match=r"'saldo_inicial' in 2026"):
        _reduce(big, 2025)
    mixed = np.zeros((3, 1, 2, C.N_COMPONENTES), dtype=np.int64)
    mixed[:, 0, 0, C.INDICE["rendimientos"]] = (4 * 10**18, 4 * 10**18, -4 * 10**18)  # partials leave int64
    assert _reduce(mixed, 2025)[0, 0, C.INDICE["rendimientos"]] == 4 * 10**18


def test_the_ledger_reports_a_sum_over_records_that_would_leave_the_exact_range():
    frame = POP.to_frame()
    frame["peso"] = 3e11  # about 6e17 centavos of balance per record: each fits, two thousand do not
    pop = Population.from_frame(frame[frame.anio_afiliacion <= 2025])
    for chunk_size in (7, len(pop)):
        with pytest.raises(LedgerOverflowError, match="record weights"):
            simulate(pop, paths=1, seed=1, end=2026, chunk_size=chunk_size)


def test_overflow_message_is_one_clear_sentence():
    frame = pd.DataFrame([POP.to_frame().iloc[0]])
    frame["peso"] = 1e17
    frame["anio_afiliacion"] = min(float(frame["anio_afiliacion"].iloc[0]), 2020.0)
    with pytest.raises(ValueError) as exc:
        simulate(Population.from_frame(frame), paths=1, seed=1, end=2026)
    text = str(exc.value)
    assert "\n" not in text and "exact range" in text and "lower" in text
    assert isinstance(exc.value, pensiones.engine.driver.LedgerOverflowError)


def test_outcomes_that_would_not_fit_in_memory_are_refused_before_any_work(monkeypatch, capsys):
    from pensiones import simulation
    from pensiones.cli import main

    monkeypatch.setattr(simulation, "memoria_fisica", lambda: 1_000_000)  # a 1 MB machine
    with pytest.raises(ValueError, match=r"outcomes=True keeps per-person outcomes of 1,500 persons x 10 paths"):
        simulate(POP, paths=10, seed=1, end=2030, outcomes=True)
    simulate(POP, paths=10, seed=1, end=2030, outcomes=False)  # the fiscal cost needs none
    assert main(["run", "reforma_2020", "--persons", "5000", "--paths", "10", "--out", "/nonexistent/x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--persons and --paths" in err and "GiB" in err


def test_populations_round_trip_and_cross_field_checks():
    back = Population.from_frame(POP.to_frame())  # future entrants (born after 2010) included
    for name in pensiones.engine.population.COLUMNAS:
        assert np.array_equal(getattr(back, name), getattr(POP, name)), name
    frame = POP.to_frame()
    with pytest.raises(ValueError, match="duplicate column name"):
        Population.from_frame(pd.concat([frame, frame[["peso"]]], axis=1))
    bad = frame.copy()
    bad.loc[bad.anio_afiliacion < 1997.4, "promedio_250_ley73"] = 0.0
    with pytest.raises(
        ValueError, match="promedio_250_ley73' must be > 0 for active records affiliated before 1 July 1997"
    ):
        Population.from_frame(bad)


_SUMA_COMPILADA = numba.njit(lambda a, b: suma_int64(a, b))
_INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@pytest.mark.skipif(SIN_NUMBA, reason="PENSIONES_SIN_NUMBA=1: nothing is compiled")
@settings(max_examples=300, deadline=None)
@given(a=_INT64, b=_INT64)
def test_the_ledgers_checked_add_wraps_and_flags_exactly_as_integer_arithmetic_says(a, b):
    """``suma_int64`` (the ledger's add, :func:`pensiones.engine.kernel.agregar`): compiled and in Python it
    returns the wrapped sum and flags exactly the sums outside int64."""
    exacta = a + b
    fuera = not -(2**63) <= exacta < 2**63
    esperada = (exacta + 2**63) % 2**64 - 2**63
    compilada = _SUMA_COMPILADA(np.int64(a), np.int64(b))
    assert (int(compilada[0]), bool(compilada[1])) == (esperada, fuera)
    en_python = suma_int64(np.int64(a), np.int64(b))
    assert (int(en_python[0]), bool(en_python[1])) == (esperada, fuera)
