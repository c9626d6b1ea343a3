"""Net replacement rates and rates with the Fondo Bienestar complement, per person and path, vectorised.

From the kernel's per-person outcomes (first monthly pension, gross rate = pension / last monthly SBC,
complement, year of the grant) and the taxes of :mod:`pensiones.impuestos`: ISR on the last wage net of
the subsidio para el empleo and the worker's IMSS contributions (the year before the grant), ISR on the
pension (the year of the grant).
"""

from __future__ import annotations

import numpy as np

from pensiones.engine import componentes as C

__all__ = ["tasas_netas", "PRIMER_ANIO_NETO"]

#: First grant year with a net rate: the last wage (the year before) needs the ISR tariff, encoded from 2023.
PRIMER_ANIO_NETO = 2024


def tasas_netas(results) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(gross rate with the Fondo complement, net rate, net rate with the complement), each (paths, persons).

    NaN where no pension is paid and for grants before ``PRIMER_ANIO_NETO``.
    """
    from pensiones.impuestos import cuotas_obreras_mensuales, isr_pension_mensual, isr_salario_mensual
    from pensiones.calendario import DIAS_POR_MES

    out = results.outcomes_array
    shape = out.shape[:2]
    pension = out[:, :, C.O_PENSION_MENSUAL]
    tasa = out[:, :, C.O_TASA_REEMPLAZO]
    complemento = out[:, :, C.O_COMPLEMENTO_FONDO]
    anio = out[:, :, C.O_ANIO_RETIRO]
    pagada = np.isin(out[:, :, C.O_MODALIDAD], C.CON_PENSION) & (tasa > 0) & (anio >= PRIMER_ANIO_NETO)
    bruta_fondo, neta, neta_fondo = (np.full(shape, np.nan) for _ in range(3))
    if not pagada.any():
        return bruta_fondo, neta, neta_fondo
    rs = results.scenario.rules()
    for year in np.unique(anio[pagada]).astype(int):
        sel = pagada & (anio == year)
        p, c = pension[sel], complemento[sel]
        salario = p / tasa[sel]  # the last monthly SBC: the kernel's rate is pension / (SBC x 30.4)
        neto = (
            salario
            - isr_salario_mensual(salario, int(year) - 1, reglas=rs)
            - cuotas_obreras_mensuales(salario / DIAS_POR_MES, int(year) - 1, reglas=rs)
        )
        bruta_fondo[sel] = (p + c) / salario
        neta[sel] = (p - isr_pension_mensual(p, int(year), reglas=rs)) / neto
        neta_fondo[sel] = (p + c - isr_pension_mensual(p + c, int(year), reglas=rs)) / neto
    return bruta_fondo, neta, neta_fondo
