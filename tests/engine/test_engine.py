"""The Monte Carlo engine: reproducibility, parity with the twin and the calculators, conservation."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pensiones
from pensiones import Population, Procesos, Scenario, garantizada, ley73, ley97, simulate
from pensiones.engine import componentes as C
from pensiones.engine.driver import preparar
from pensiones._jit import python_twin
from pensiones.engine.kernel import ley73_mensual, pg_mensual
from pensiones.engine.synthetic import objetivos

POP = Population.synthetic(3000, seed=5)


@pytest.fixture(scope="module")
def base():
    return simulate(POP, paths=3, seed=2024, end=2045)


def test_same_seed_same_numbers(base):
    again = simulate(POP, paths=3, seed=2024, end=2045)
    assert np.array_equal(base.ledger_array, again.ledger_array)


def test_threads_and_chunk_size_do_not_change_results(base):
    one = simulate(POP, paths=3, seed=2024, end=2045, threads=1, chunk_size=97)
    two = simulate(POP, paths=3, seed=2024, end=2045, threads=2, chunk_size=1000)
    assert np.array_equal(base.ledger_array, one.ledger_array)
    assert np.array_equal(base.ledger_array, two.ledger_array)


def test_numba_num_threads_environment(base):
    """NUMBA_NUM_THREADS=1 and 2 in fresh processes give the same ledger as this one."""
    code = (
        "import hashlib, pensiones as p;"
        "pop = p.Population.synthetic(3000, seed=5);"
        "r = p.simulate(pop, paths=3, seed=2024, end=2045);"
        "print(hashlib.sha256(r.ledger_array.tobytes()).hexdigest())"
    )
    import hashlib

    expected = hashlib.sha256(base.ledger_array.tobytes()).hexdigest()
    for n in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "NUMBA_NUM_THREADS": n}
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.strip() == expected


def test_different_seeds_differ(base):
    other = simulate(POP, paths=3, seed=2025, end=2045)
    assert not np.array_equal(base.ledger_array, other.ledger_array)


def test_paths_share_nothing_but_seed(base):
    # path 0 of a 1-path run equals path 0 of the 3-path run: draws are keyed, not sequential
    single = simulate(POP, paths=1, seed=2024, end=2045)
    assert np.array_equal(single.ledger_array[0], base.ledger_array[0])


def test_conservation(base, assert_accounts_balance):
    """Every peso in the accounts is in a balance, was paid out, withdrawn, charged or transferred."""
    assert_accounts_balance(base, len(POP))
    assert np.array_equal(
        base.ledger_array[:, 1:, C.INDICE["saldo_inicial"]], base.ledger_array[:, :-1, C.INDICE["saldo_final"]]
    )


def test_twin_equals_numba_on_a_small_population():
    small = Population.synthetic(150, seed=9)
    a = simulate(small, paths=2, seed=3, end=2060, outcomes=True)
    b = simulate(small, paths=2, seed=3, end=2060, outcomes=True, backend="python")
    assert np.array_equal(a.ledger_array, b.ledger_array)
    np.testing.assert_array_equal(a.outcomes_array, b.outcomes_array)


@settings(max_examples=15, deadline=None)
@given(
    n=st.integers(1, 12),
    seed=st.integers(0, 2**32),
    data=st.data(),
)
def test_hypothesis_populations_twin_equals_kernel(n, seed, data):
    rows = []
    for _ in range(n):
        nac = data.draw(st.integers(1950, 2007))
        afil = data.draw(st.floats(nac + 16, 2025.0))
        rows.append(
            {
                "sexo": data.draw(st.sampled_from(["H", "M"])),
                "anio_nacimiento": nac,
                "anio_afiliacion": afil,
                "semanas": data.draw(st.floats(0, min(2000.0, (2025 - nac - 15) * 365.25 / 7))),
                "sbc_diario": data.draw(st.floats(280.0, 4000.0)),
                "saldo_rcv": data.draw(st.floats(0, 3e6)),
                "saldo_vivienda": 0.0,
                "promedio_250_ley73": (
                    data.draw(st.floats(1.0, 3000)) if afil < 1997.5 else data.draw(st.floats(0, 3000))
                ),
                "salario_promedio_uma": data.draw(st.floats(0.5, 25)),
                "cotizando": data.draw(st.booleans()),
                "peso": data.draw(st.floats(1, 1000)),
            }
        )
        conyuge = data.draw(st.booleans())
        hijos = data.draw(st.integers(0, 3))
        rows[-1].update(
            conyuge=conyuge,
            diferencia_edad_conyuge=data.draw(st.integers(-40, 40)) if conyuge else 0,
            hijos=hijos,
            diferencia_edad_hijos=data.draw(st.integers(-60, -12)) if hijos else 0,
        )
    pop = Population.from_frame(pd.DataFrame(rows))
    a = simulate(pop, paths=2, seed=seed, end=2050, outcomes=True)
    b = simulate(pop, paths=2, seed=seed, end=2050, outcomes=True, backend="python")
    assert np.array_equal(a.ledger_array, b.ledger_array)
    np.testing.assert_array_equal(a.outcomes_array, b.outcomes_array)


# -- the twin equals the individual calculators on deterministic single paths ----------------------
DETERMINISTA = Procesos(
    p_entrada=np.ones((2, 4, 3)),
    p_permanencia=np.ones((2, 4, 3)),
    volatilidad_salarial=0.0,
    curvatura_edad=0.0,
    crecimiento_real_salarial=0.0,
    rendimiento_real_volatilidad=0.0,
    rendimiento_real_medio=0.04,
    mortalidad=False,
)


def _one(**kw):
    row = {
        "sexo": "H", "anio_nacimiento": 1970, "anio_afiliacion": 2000.0, "semanas": 600.0, "sbc_diario": 411.0,
        "saldo_rcv": 150_000.0, "saldo_vivienda": 0.0, "promedio_250_ley73": 0.0, "salario_promedio_uma": 3.5,
        "cotizando": True, "peso": 1.0,
    }
    row.update(kw)
    return Population.from_frame(pd.DataFrame([row]))


def test_engine_account_equals_calculator():
    pop = _one()
    sc = Scenario(procesos=DETERMINISTA)
    r = simulate(pop, sc, paths=1, seed=1, end=2034, outcomes=True, backend="python")
    calc = ley97.proyectar_cuenta(411.0, 2025, 2034, saldo_inicial=150_000.0, rendimiento_real=0.04)
    np.testing.assert_allclose(r.component("saldo_final")[0], calc.saldo_final.round(2), atol=0.011, rtol=0)
    np.testing.assert_allclose(
        r.component("aportaciones_obrero_patronales")[0],
        (calc.retiro + calc.ceav_patron + calc.ceav_trabajador).round(2),
        atol=0.011,
    )
    np.testing.assert_allclose(r.component("cuota_social")[0], calc.cuota_social.round(2), atol=0.011)
    # retirement at 65 in 2035: renta vitalicia or guaranteed pension from the same balance
    r = simulate(pop, sc, paths=1, seed=1, end=2036, outcomes=True, backend="python")
    out = r.person_outcomes().iloc[0]
    saldo = r.component("saldo_inicial")[0][10]
    semanas = 600.0 + 10 * 365.0 / 7.0
    rv = ley97.renta_vitalicia(saldo, 65, "H")
    pg = garantizada.monto_mensual(65, semanas, 3.5, 2035)
    assert out.anio_retiro == 2035 and out.edad_retiro == 65
    assert out.pension_mensual == pytest.approx(max(rv, pg), abs=0.011)
    assert out.modalidad == (1 if rv >= pg else 2)


_TP = {}


def _tp():
    if not _TP:
        _TP["v"] = preparar(pensiones.rules.load(), Procesos(), 2025, 2070)
    return _TP["v"]


@given(st.floats(50.0, 4000.0), st.floats(500.0, 3000.0), st.integers(60, 80), st.integers(2025, 2070))
def test_kernel_ley73_equals_calculator(prom, semanas, edad, anio):
    T, P = _tp()
    y = anio - 2025
    expected = ley73.pension(prom, semanas, edad, anio).mensual
    assert python_twin(ley73_mensual)(prom, semanas, edad, y, T, P) == expected
    assert ley73_mensual(prom, semanas, edad, y, T, P) == expected


@given(st.integers(60, 90), st.floats(0.0, 3000.0), st.floats(0.1, 25.0), st.integers(2025, 2070))
def test_kernel_guaranteed_pension_equals_calculator(edad, semanas, salario_uma, anio):
    T, _ = _tp()
    y = anio - 2025
    got = python_twin(pg_mensual)(edad, semanas, salario_uma, y, T)
    assert pg_mensual(edad, semanas, salario_uma, y, T) == got
    if semanas < ley97.semanas_minimas(anio):
        assert got == 0.0
    else:
        assert got == garantizada.monto_mensual(edad, semanas, salario_uma, anio)


# -- calibration of the synthetic population ------------------------------------------------------
def test_synthetic_population_calibration():
    pop = Population.synthetic(20_000, seed=1)
    hoy = pop.anio_afiliacion <= 2025
    target = objetivos(2025)
    # contributors of the start year: those under 65 (at 65 the kernel's vejez retirement comes first)
    contributors = pop.peso[hoy & pop.cotizando & (2025 - pop.anio_nacimiento < 65)].sum()
    assert contributors == pytest.approx(22.45e6, rel=0.001) and contributors == pytest.approx(
        target["cotizantes"], rel=1e-9
    )
    cot = hoy & pop.cotizando & (2025 - pop.anio_nacimiento < 65)
    mean_sbc = np.average(pop.sbc_diario[cot], weights=pop.peso[cot])
    assert mean_sbc == pytest.approx(627.87, rel=0.001)
    assert (pop.saldo_rcv * pop.peso).sum() == pytest.approx(6.89e12, rel=0.001)
    women = np.average(pop.sexo[hoy], weights=pop.peso[hoy])
    assert 0.35 < women < 0.50  # women hold fewer accounts (assumed rates 0.50 vs 0.70)


def test_default_chain_is_calibrated_to_consar_density():
    from pensiones.engine.procesos import _CALIBRADA, cadena_cotizacion, densidad_estacionaria

    p01, p11 = _CALIBRADA()
    d = densidad_estacionaria(p01, p11)
    assert (d[1] < d[0]).all()  # lower for women
    assert (d[:, :, 0] < d[:, :, 2]).all()  # lower for low earners
    assert not np.allclose(p01, cadena_cotizacion()[0])  # the scale was fitted


def test_synthetic_career_density_against_consar():
    """The chain is calibrated to CONSAR's 42.9 % (stationary density, test above); the density of the
    synthetic careers is a check: every record contributes in its entry year, so young careers sit
    above the stationary level.  docs/engine.md reports the ratio (about 1.3) and this band."""
    from pensiones.engine.synthetic import densidad_carrera

    pop = Population.synthetic(20_000, seed=2)
    d = densidad_carrera(pop.semanas, pop.anio_afiliacion, pop.modalidad, pop.peso, 2025)
    assert 1.05 <= d / 0.429 <= 1.35, d
    # the projection keeps the share contributing near the chain's calibration
    r = simulate(pop, paths=2, seed=8, end=2035)
    share = r.component("cotizantes").sum() / r.component("activos").sum()
    assert 0.35 <= share <= 0.55, share


# -- bad input ------------------------------------------------------------------------------------
def test_population_missing_columns_listed():
    frame = POP.to_frame().drop(columns=["peso", "semanas"]).assign(extra=1)
    with pytest.raises(ValueError, match="missing column\\(s\\): semanas, peso; unknown column\\(s\\): extra"):
        Population.from_frame(frame)


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("sexo", "X", "column 'sexo' must be 'H' or 'M'; row 0"),
        ("semanas", -1.0, r"column 'semanas' must be in \[0.0, 5500.0\]; row 0"),
        ("sbc_diario", float("nan"), "column 'sbc_diario' must be finite; row 0"),
        ("peso", 0.0, r"column 'peso' must be in \(0, \+inf\); row 0"),
        ("anio_nacimiento", 1850, "column 'anio_nacimiento' must be in"),
    ],
)
def test_population_bad_values(column, value, message):
    frame = POP.to_frame().head(3)
    frame.loc[0, column] = value
    with pytest.raises(ValueError, match=message):
        Population.from_frame(frame)


def test_simulate_bad_arguments():
    with pytest.raises(ValueError, match=r"paths must be in \[1, 10000\]"):
        simulate(POP, paths=0, seed=1)
    with pytest.raises(ValueError, match=r"seed must be in"):
        simulate(POP, paths=1, seed=-1)
    with pytest.raises(ValueError, match=r"end must be in \[2024, 2100\]"):
        simulate(POP, paths=1, seed=1, start=2024, end=2023)
    # the Ley 73 opening stock is calibrated for the start years 2021-2025: a later start fails up front
    with pytest.raises(ValueError, match=r"start must be in \[2021, 2025\]"):
        simulate(POP, paths=1, seed=1, start=2030, end=2040)
    with pytest.raises(ValueError, match="population must be a pensiones.Population"):
        simulate(POP.to_frame(), paths=1, seed=1)
    sc = Scenario(criterios=pensiones.Criterios(limites_banda="redondeo_centesimas"))
    with pytest.raises(ValueError, match="the engine implements limites_banda='continuo'"):
        simulate(POP, sc, paths=1, seed=1)
