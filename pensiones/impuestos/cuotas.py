"""The worker's IMSS contributions on a wage (LSS arts. 25, 106, 107, 147 and 168)."""

from __future__ import annotations

import numpy as np

from pensiones.impuestos._arrays import devolver, importes
from pensiones.calendario import DIAS_POR_MES
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = ["cuotas_obreras_mensuales", "CONCEPTOS_CUOTAS_OBRERAS"]

#: Rows of table ``cuotas_obreras_imss``; the CEAV share is table ``tasa_trabajador_ceav``.
CONCEPTOS_CUOTAS_OBRERAS = ("prestaciones_dinero", "gastos_medicos_pensionados", "invalidez_vida", "excedente_tres_uma")


def cuotas_obreras_mensuales(sbc_diario, anio, *, regimen: str | None = None, reglas: RuleSet | None = None):
    """Worker's IMSS contributions of a month, pesos: enfermedades y maternidad, invalidez y vida, CEAV.

    Parameters
    ----------
    sbc_diario : float or array_like
        Salario base de cotización, pesos a day (>= 0); capped at 25 UMA (LSS art. 28) here.
    anio : int or datetime.date
        Year (its 1 February) or an exact date, 2008-2100.
    regimen, reglas
        Rule set (default ``"lss2020"``).

    Returns
    -------
    float or numpy.ndarray
        30.4 days x [capped SBC x (0.25 % + 0.375 % + 0.625 % + 1.125 %) + 0.40 % x (capped SBC - 3 UMA,
        if positive)], pesos a month.

    References
    ----------
    LSS art. 25 (gastos médicos de pensionados), art. 106 fr. II and transitorio Decimonoveno
    (cuota adicional above 3 UMA), art. 107 (prestaciones en dinero), art. 147 (invalidez y vida),
    art. 168 fr. II b) (cesantía y vejez; DOF 21-12-1995, unchanged by DOF 16-12-2020), art. 28 (cap).

    Examples
    --------
    >>> from pensiones.impuestos import cuotas_obreras_mensuales
    >>> round(cuotas_obreras_mensuales(500.0, 2026), 2)   # 500 x 2.375 % + 0.40 % x (500 - 351.93), x 30.4
    379.01
    """
    rs = resolve_reglas(regimen, reglas)
    sbc, scalar = importes("sbc_diario", sbc_diario)
    fecha = lookup_date(anio)
    cotizable = np.minimum(sbc, rs.tope_sbc_diario(fecha))  # LSS art. 28: 25 UMA
    unidad = rs.unidad_de_cuenta(fecha)
    diaria = cotizable * float(rs.value("tasa_trabajador_ceav", fecha))  # LSS art. 168 fr. II b)
    for concepto in CONCEPTOS_CUOTAS_OBRERAS:
        row = rs.row("cuotas_obreras_imss", fecha, concepto=concepto)
        base = np.maximum(cotizable - float(row["desde_uma"]) * unidad, 0.0)
        diaria = diaria + base * float(row["value"])
    return devolver(diaria * DIAS_POR_MES, scalar)
