"""Bad input gets a ValueError that names the argument and the allowed range."""

from __future__ import annotations

import math

import pytest

from pensiones import garantizada, ley97, pbam

CASES = [
    (lambda: garantizada.monto_tabla(60, -1, 1.5, 2030), r"semanas must be in \[0, 5500\], got -1"),
    (lambda: garantizada.monto_tabla(200, 1000, 1.5, 2030), r"edad must be in \[0, 120\], got 200"),
    (lambda: garantizada.monto_tabla(59.9, 1000, 1.5, 2030), r"edad must be at least 60 .*got 59.9"),
    (lambda: garantizada.monto_tabla(60, 974, 1.5, 2030),
     r"semanas must be at least 975 for a pension granted in 2030"),
    (lambda: garantizada.monto_tabla(60, 1000, math.nan, 2030), r"salario_uma must be finite"),
    (lambda: garantizada.monto_tabla(60, 1000, 0.0, 2030), r"salario_uma must be in \(0, 26\]"),
    (lambda: garantizada.monto_tabla(60, 1000, 1.5, 2020), r"starts on 2021-01-01"),
    (lambda: garantizada.monto_tabla("60", 1000, 1.5, 2030), r"edad must be a real number"),
    (lambda: garantizada.monto_mensual(60, 1000, 1.5, 2030, regimen="lss1997"), r"semanas must be at least 1250"),
    (lambda: ley97.tasa_patronal_ceav(2026, math.nan), r"sbc_diario must be finite"),
    (lambda: ley97.tasa_patronal_ceav(2026, -5.0), r"sbc_diario must be in \(0, \+inf\)"),
    (lambda: ley97.tasa_patronal_ceav(2026, 300.0), r"sbc_diario must be at least the minimum wage .*315.04"),
    (lambda: ley97.tasa_patronal_ceav(2026, 400.0, zona="zlfn"),
     r"sbc_diario must be at least the minimum wage .*440.87"),
    (lambda: ley97.tasa_patronal_ceav(2026, 400.0, zona="sur"), r"zona must be one of 'general', 'zlfn'"),
    (lambda: ley97.tasa_patronal_ceav(2101, 400.0), r"anio must be in \[1997, 2100\]"),
    (lambda: ley97.tasa_patronal_ceav(2026.5, 400.0), r"anio must be an integer"),
    (lambda: ley97.cuota_social_diaria(2026, 400.0, trimestre=5), r"trimestre must be in \[1, 4\]"),
    (lambda: ley97.semanas_minimas(1990), r"anio must be in \[1997, 2100\]"),
    (lambda: ley97.semanas_minimas(2026, regimen="lss2030"), r"regimen must be one of"),
    (lambda: pbam.monto_bimestral(2026, bimestre=0), r"bimestre must be in \[1, 6\]"),
    (lambda: pbam.monto_bimestral(2017), r"anio must be in \[2018, 2100\]"),
]


@pytest.mark.parametrize("call, message", CASES)
def test_bad_input_names_the_field(call, message):
    with pytest.raises(ValueError, match=message):
        call()
