"""Each open legal question of shared/reference/README.md: the default, and the alternative reading."""

from __future__ import annotations

import pytest

import pensiones
from pensiones import garantizada, ley97
from pensiones.rules import Criterios


def rules(**criterios):
    return pensiones.rules.load(criterios=Criterios(**criterios))


# -- salaries between printed band limits (2.00 and 2.01 UMA) -----------------------------
def test_between_printed_limits_default_continuo():
    sbc = 2.004 * 103.74  # 2023: above one minimum wage (207.44), between "1.51 a 2.00" and "2.01 a 2.50"
    assert ley97.tasa_patronal_ceav(2023, sbc) == 0.03751  # "2.01 a 2.50 UMA"


def test_between_printed_limits_redondeo_centesimas():
    rs = rules(limites_banda="redondeo_centesimas")
    # 207.895 pesos is 1.002 SM: rounded to 1.00 SM it is the minimum-wage band
    assert ley97.tasa_patronal_ceav(2023, 2.004 * 103.74, reglas=rs) == 0.0315
    # 1.005 SM rounds half up to 1.01 SM; 2.0096 UMA rounds to 2.01 -> "2.01 a 2.50 UMA"
    assert ley97.tasa_patronal_ceav(2023, 1.005 * 207.44, reglas=rs) == 0.03751


def test_guaranteed_pension_band_limits():
    assert garantizada.monto_tabla(60, 1000, 1.995, 2031) == 3409  # continuo: above 1.99 -> "2.0 a 2.99"
    assert garantizada.monto_tabla(60, 1000, 1.994, 2031, reglas=rules(limites_banda="redondeo_centesimas")) == 2622
    assert garantizada.monto_tabla(60, 1000, 1.995, 2031, reglas=rules(limites_banda="redondeo_centesimas")) == 3409


# -- bands emptied because one minimum wage exceeds 2.5 UMA --------------------------------
def test_minimum_wage_band_default():
    # 2026: 1 SM = 315.04 = 2.69 UMA.  A minimum-wage worker is the "1.00 SM" band.
    assert ley97.tasa_patronal_ceav(2026, 315.04) == 0.0315
    assert ley97.cuota_social_diaria(2026, 315.04) == pytest.approx(12.15786, abs=1e-5)
    table = ley97.tabla_cuota_social(2026)
    assert table.vacia.tolist() == [False, True, True, True, False, False, False, False]


def test_minimum_wage_band_solo_uma():
    rs = rules(criterio_banda_sm="solo_uma")
    # classified by 2.69 UMA alone: "2.51 a 3.00 UMA"
    assert ley97.tasa_patronal_ceav(2026, 315.04, reglas=rs) == 0.06026
    assert ley97.cuota_social_diaria(2026, 315.04, reglas=rs) == pytest.approx(7.75 * 143.042 / 126.478, abs=1e-5)
    # tables whose limits are all in minimum wages (2009 cuota social) are not affected
    assert ley97.cuota_social_diaria(2022, 172.87, reglas=rs) == ley97.cuota_social_diaria(2022, 172.87)


# -- base dates of the INPC updates ----------------------------------------------------------
def test_guaranteed_pension_base_date():
    default = garantizada.monto_mensual(60, 850, 1.5, 2025)
    later = garantizada.monto_mensual(60, 850, 1.5, 2025, reglas=rules(base_inpc_pension_garantizada="2020-12"))
    rs = pensiones.rules.load()
    assert default == round(2622 * rs.inpc(2024, 12) / rs.inpc(2019, 12), 2)
    assert later == round(2622 * rs.inpc(2024, 12) / rs.inpc(2020, 12), 2)
    # before the first update the table amount itself is paid
    assert garantizada.monto_mensual(60, 750, 1.5, 2021, reglas=rules(base_inpc_pension_garantizada="2020-12")) == 2622


def test_cuota_social_base_date():
    alt = rules(base_inpc_cuota_social="2020-12")
    rs = pensiones.rules.load()
    assert ley97.cuota_social_diaria(2026, 315.04, reglas=alt) == round(
        10.75 * rs.inpc(2025, 12) / rs.inpc(2020, 12), 5
    )


def test_pre_reform_guaranteed_pension_base_date():
    rs = pensiones.rules.load("lss1997", criterios=Criterios(base_inpc_pension_garantizada_1997="1997-07"))
    got = garantizada.monto_mensual(60, 1250, 1.0, 2020, reglas=rs)
    assert got == round(26.45 * 365 / 12 * rs.inpc(2019, 12) / rs.inpc(1997, 7), 2)
