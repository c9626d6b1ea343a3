"""ISR on wages and pensions, the subsidio para el empleo and the worker's IMSS contributions.

Layers: the tables against their sources, hand-computed legal cases, the LISR art. 152 update
reproducing a published tariff, and properties (hypothesis).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pensiones
from pensiones.impuestos import (
    cuotas_obreras_mensuales,
    isr_pension_mensual,
    isr_salario_mensual,
    subsidio_empleo_mensual,
    tarifa_isr_mensual,
)
from pensiones.impuestos.isr import factor_actualizacion_art152
from tests import strategies as S

RS = pensiones.rules.load()

# RMF 2023 Anexo 8, monthly tariff (idconline.mx, "Tarifa ISR enero 2023", DOF 27-12-2022): limite
# inferior, cuota fija, per cent on the excess.  In force 2023-2025.
TARIFA_2023 = [
    (0.01, 0.00, 1.92), (746.05, 14.32, 6.40), (6332.06, 371.83, 10.88), (11128.02, 893.63, 16.00),
    (12935.83, 1182.88, 17.92), (15487.72, 1640.18, 21.36), (31236.50, 5004.12, 23.52),
    (49233.01, 9236.89, 30.00), (93993.91, 22665.17, 32.00), (125325.21, 32691.18, 34.00),
    (375975.62, 117912.32, 35.00),
]
# RMF 2026 Anexo 8, annual tariff (idconline.mx, "Tarifa ISR diciembre de 2026", DOF 28-12-2025):
# the monthly tariff is it divided by 12.
ANUAL_2026 = [
    (0.01, 0.00, 1.92), (10135.12, 194.59, 6.40), (86022.12, 5051.37, 10.88), (151176.20, 12140.13, 16.00),
    (175735.67, 16069.64, 17.92), (210403.70, 22282.14, 21.36), (424353.98, 67981.92, 23.52),
    (668840.15, 125485.07, 30.00), (1276925.99, 307910.81, 32.00), (1702567.98, 444116.23, 34.00),
    (5107703.93, 1601862.46, 35.00),
]
# Subsidio para el empleo, monthly table (LISR 2014, Décimo transitorio fr. I), in force to April 2024.
SUBSIDIO_2014 = [
    (0.01, 407.02), (1768.97, 406.83), (2653.39, 406.62), (3472.85, 392.77), (3537.88, 382.46),
    (4446.16, 354.23), (4717.19, 324.87), (5335.43, 294.63), (6224.68, 253.54), (7113.91, 217.61),
    (7382.34, 0.0),
]


def test_tariff_2023_equals_its_source_cell_by_cell():
    t = tarifa_isr_mensual(2025)
    assert t.limite_inferior.tolist() == [r[0] for r in TARIFA_2023]
    assert t.cuota_fija.tolist() == [r[1] for r in TARIFA_2023]
    assert np.allclose(t.tasa_excedente, [r[2] / 100 for r in TARIFA_2023], atol=1e-12)
    assert (t.factor_actualizacion == 1.0).all()


def test_tariff_2026_is_the_annual_tariff_divided_by_12():
    t = tarifa_isr_mensual(2026)
    for (low, cuota, pct), m_low, m_cuota, m_rate in zip(ANUAL_2026, t.limite_inferior, t.cuota_fija, t.tasa_excedente):
        # upper limits (lower limit - 0.01) are the annual ones / 12, rounded to cents
        assert abs((m_low - 0.01) - (low - 0.01) / 12) <= 0.0051 or low == 0.01
        assert abs(m_cuota - cuota / 12) <= 0.0051
        assert m_rate == pytest.approx(pct / 100, abs=1e-12)


def test_old_subsidy_table_equals_its_source():
    t = RS.table("subsidio_empleo_tabla")
    assert list(zip(t.band_from, t.value)) == SUBSIDIO_2014


def test_art152_update_of_the_2023_tariff_reproduces_the_published_2026_one():
    """INPC Nov 2025 / Nov 2022 = 142.645 / 125.997 = 1.13213 -> 1.1321 (CFF art. 17-A), 2026 only."""
    inicio = dt.date(2023, 1, 1)
    assert factor_actualizacion_art152(inicio, dt.date(2024, 2, 1), RS) == 1.0
    assert factor_actualizacion_art152(inicio, dt.date(2025, 12, 31), RS) == 1.0
    f = factor_actualizacion_art152(inicio, dt.date(2026, 2, 1), RS)
    assert f == 1.1321
    published = tarifa_isr_mensual(2026)
    for (low, cuota, _), p_low, p_cuota in zip(TARIFA_2023, published.limite_inferior, published.cuota_fija):
        assert round(low * f, 2) == pytest.approx(p_low, abs=0.011)
        assert round(cuota * f, 2) == pytest.approx(p_cuota, abs=0.021)  # SAT rounds annual / 12


def test_tariff_past_the_last_published_is_updated_by_inflation_only_when_due():
    t27, t31 = tarifa_isr_mensual(2027), tarifa_isr_mensual(2031)
    assert t27.factor_actualizacion.iloc[0] == 1.0  # 3 % a year: 10 % is exceeded in November 2029
    assert t31.factor_actualizacion.iloc[0] > 1.10
    assert t31.tasa_excedente.tolist() == t27.tasa_excedente.tolist()


# -- hand-computed cases -------------------------------------------------------------------
@pytest.mark.parametrize(
    "ingreso, anio, expected",
    [
        # 2025, 15,000: 1,182.88 + (15,000 - 12,935.83) x 17.92 % = 1,552.78; above 10,171: no subsidy
        (15_000.0, 2025, 1552.78),
        # 2025, 9,000: 371.83 + (9,000 - 6,332.06) x 10.88 % = 662.10; subsidy 13.80 % x 3,439.46 = 474.65
        (9_000.0, 2025, 187.45),
        # 2026, 8,000: 420.95 + (8,000 - 7,168.52) x 10.88 % = 511.42 < subsidy 15.02 % x 3,566.22 = 535.65
        (8_000.0, 2026, 0.0),
        # 2026, 30,000: 1,856.84 + (30,000 - 17,533.65) x 21.36 % = 4,519.65
        (30_000.0, 2026, 4519.65),
        # 2023, 7,000: 371.83 + (7,000 - 6,332.06) x 10.88 % = 444.50; old table 253.54 -> 190.96
        (7_000.0, 2023, 190.96),
        # 2023, 3,000: 14.32 + (3,000 - 746.05) x 6.40 % = 158.57; old table 406.62 -> -248.05 paid to the worker
        (3_000.0, 2023, -248.05),
        # 2026, 500,000: 133,488.54 + (500,000 - 425,642.00) x 35 % = 159,513.84
        (500_000.0, 2026, 159513.84),
    ],
)
def test_isr_on_wages_hand_computed(ingreso, anio, expected):
    assert isr_salario_mensual(ingreso, anio) == pytest.approx(expected, abs=0.006)


@pytest.mark.parametrize(
    "fecha, ingreso, expected",
    [
        ("2024-04-30", 7_000.0, 253.54),  # last day of the 2014 table
        ("2024-05-01", 7_000.0, 390.12),  # 11.82 % x 3,300.53 (UMA 108.57 x 30.4)
        ("2024-05-01", 9_081.00, 390.12),  # at the limit
        ("2024-05-01", 9_081.01, 0.0),
        ("2025-01-15", 9_000.0, 474.95),  # January 2025: 14.39 % of the 2024 monthly UMA (3,300.53)
        ("2025-03-01", 10_171.0, 474.65),
        ("2026-03-01", 11_492.66, 535.65),
    ],
)
def test_subsidy_by_date(fecha, ingreso, expected):
    assert subsidio_empleo_mensual(ingreso, dt.date.fromisoformat(fecha)) == pytest.approx(expected, abs=0.006)


def test_pension_tax_above_fifteen_uma():
    exento = 15 * 3566.22  # 2026: UMA 117.31 x 30.4 = 3,566.22 a month
    assert isr_pension_mensual(exento, 2026) == 0.0
    # 6,506.70 taxable: 16.22 + (6,506.70 - 844.60) x 6.40 % = 378.59
    assert isr_pension_mensual(60_000.0, 2026) == pytest.approx(378.59, abs=0.006)


def test_worker_contributions_hand_computed():
    # 2026, SBC 500: 500 x (0.25 + 0.375 + 0.625 + 1.125) % + 0.40 % x (500 - 3 x 117.31) = 12.4673 a day
    assert cuotas_obreras_mensuales(500.0, 2026) == pytest.approx(12.46728 * 30.4, abs=1e-6)
    # above 25 UMA (2,932.75) the SBC is capped
    assert cuotas_obreras_mensuales(10_000.0, 2026) == pytest.approx(cuotas_obreras_mensuales(2932.75, 2026), abs=1e-9)
    # the CEAV share is the packaged worker rate, read once
    assert pensiones.ley97.tasa_trabajador_ceav(2026) == 0.01125


def test_arrays_and_errors():
    x = np.array([0.0, 5_000.0, 50_000.0])
    assert isr_salario_mensual(x, 2026).shape == (3,)
    assert isr_salario_mensual(0.0, 2026) == 0.0
    with pytest.raises(ValueError, match=r"ingreso_mensual must be in \[0, \+inf\)"):
        isr_salario_mensual(-1.0, 2026)
    with pytest.raises(ValueError, match="pension_mensual must be finite"):
        isr_pension_mensual([1.0, float("nan")], 2026)
    with pytest.raises(ValueError, match="sbc_diario must be a real number"):
        cuotas_obreras_mensuales("500", 2026)
    with pytest.raises(ValueError, match=r"anio must be in \[1997, 2100\]"):
        isr_salario_mensual(1.0, 2200)
    with pytest.raises(pensiones.rules.RuleLookupError, match="isr_tarifa_mensual' starts on 2023-01-01"):
        isr_salario_mensual(1.0, 2022)


# -- properties ------------------------------------------------------------------------------
@given(S.ingresos_mensuales, st.integers(min_value=2025, max_value=2070))
def test_net_tax_is_never_negative_since_may_2024(ingreso, anio):
    assert isr_salario_mensual(ingreso, anio) >= 0.0


@given(S.ingresos_mensuales, S.ingresos_mensuales, S.anios_fiscales)
def test_net_wage_increases_with_the_wage_on_each_side_of_the_subsidy_limit(a, b, anio):
    lo, hi = sorted((a, b))
    fecha = pensiones.rules.lookup_date(anio)
    if fecha >= dt.date(2024, 5, 1):
        limite = float(RS.value("subsidio_empleo", fecha))
        if lo <= limite < hi:
            return  # the subsidy stops at the limit: a notch of the law (docs/tasa_reemplazo.md)
    else:
        sub_lo, sub_hi = subsidio_empleo_mensual([lo, hi], anio)
        if sub_lo != sub_hi:
            return  # the 2014 table steps down between bands
    assert hi - isr_salario_mensual(hi, anio) >= lo - isr_salario_mensual(lo, anio) - 1e-9


@given(S.ingresos_mensuales, S.anios_fiscales)
def test_pension_tax_is_below_the_tax_on_an_equal_wage_without_subsidy(pension, anio):
    sin_subsidio = isr_salario_mensual(pension, anio) + subsidio_empleo_mensual(pension, anio)
    assert 0.0 <= isr_pension_mensual(pension, anio) <= sin_subsidio + 1e-9


@given(S.veces_salario_minimo, S.anios_fiscales)
def test_worker_contributions_are_a_small_share_of_the_wage(veces, anio):
    sbc = veces * RS.salario_minimo_diario(anio)
    share = cuotas_obreras_mensuales(sbc, anio) / (sbc * 30.4)
    assert share <= 0.02775  # 2.375 % + 0.40 % above 3 UMA; less above the 25 UMA cap
    if sbc <= RS.tope_sbc_diario(anio):
        assert share >= 0.02375 - 1e-12
