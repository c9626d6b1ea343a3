"""The arithmetic of a Ley 73 pension (LSS 1973 arts. 167-171), once, for the calculator and the kernel.

Scalar functions in the subset Numba compiles.  :func:`pensiones.ley73.pension` looks the tables
up and calls them from Python; the engine's kernel calls them compiled.  Table values come in as
arguments: nothing here reads a table or holds a legal number.
"""

from __future__ import annotations

import math

from pensiones._jit import jit
from pensiones._redondeo import centavos
from pensiones.calendario import DIAS_POR_ANIO

__all__ = [
    "DIAS_POR_ANIO",
    "SEMANAS_POR_INCREMENTO",
    "numero_incrementos",
    "cuantia_anual",
    "pension_mensual",
    "indice_cesantia",
]

#: Weeks per annual increment (LSS 1973 art. 167: "por cada 52 semanas más de cotización").
SEMANAS_POR_INCREMENTO = 52.0


@jit
def numero_incrementos(excedente, medios):
    """Annual increments for ``excedente`` weeks beyond the minimum (LSS 1973 art. 167).

    Whole years of 52 weeks; with ``medios`` a leftover of 13 to 26 weeks adds half an increment
    and more than 26 a whole one (the reading some calculators attribute to IMSS).
    """
    if excedente <= 0.0:
        return 0.0
    anios = math.floor(excedente / SEMANAS_POR_INCREMENTO)
    if not medios:
        return anios
    resto = excedente - anios * SEMANAS_POR_INCREMENTO
    if resto < 13.0:
        return anios
    if resto <= 26.0:
        return anios + 0.5
    return anios + 1.0


@jit
def cuantia_anual(salario, cuantia_basica_pct, incremento_anual_pct, incrementos, asignaciones_pct, incremento_11,
                  factor_cesantia, redondeo_diario):
    """Annual Ley 73 pension before the minimum, step by step (pesos a year).

    Parameters
    ----------
    salario : float
        Average daily salary of the last 250 weeks, capped (pesos a day).
    cuantia_basica_pct, incremento_anual_pct : float
        Art. 167 shares of the salary group (decimals).
    incrementos : float
        Number of annual increments (:func:`numero_incrementos`).
    asignaciones_pct : float
        Asignaciones familiares or ayuda asistencial as a share of the vejez pension (arts. 164-166).
    incremento_11 : float
        The 11 % increase of the DOF 20-12-2001 decree (Décimo Cuarto transitorio), as a decimal.
    factor_cesantia : float
        Art. 171 factor of the computed age (0.75 at 60 ... 1.00 at 65).
    redondeo_diario : bool
        Round the daily cuantía básica and the daily increments to cents before annualising
        (IMSS resolutions and published worked examples do); False keeps full precision.

    Returns
    -------
    tuple of float
        (cuantía básica, incrementos, vejez, asignaciones, 1.0 if art. 169's 100 % cap applied else 0.0,
        11 % increase, annual pension), all pesos a year.

    Notes
    -----
    vejez = S x 365 x (cuantía básica + N x incremento); asignaciones may not take the total above
    100 % of S x 365 (art. 169: the weeks-based increments may); the 11 % multiplies the total;
    then the cesantía factor (art. 171).
    """
    if redondeo_diario:
        cuantia = centavos(salario * cuantia_basica_pct) * DIAS_POR_ANIO
        incrementos_anual = centavos(salario * incremento_anual_pct * incrementos) * DIAS_POR_ANIO
    else:
        cuantia = salario * DIAS_POR_ANIO * cuantia_basica_pct
        incrementos_anual = salario * DIAS_POR_ANIO * incremento_anual_pct * incrementos
    vejez = cuantia + incrementos_anual
    asignaciones = vejez * asignaciones_pct
    # LSS 1973 art. 169: asignaciones may not take the pension above 100 % of the average salary
    maximo = max(salario * DIAS_POR_ANIO, vejez)
    tope = 0.0
    if vejez + asignaciones > maximo:
        asignaciones = maximo - vejez
        tope = 1.0
    aumento = (vejez + asignaciones) * incremento_11
    anual = (vejez + asignaciones + aumento) * factor_cesantia
    return cuantia, incrementos_anual, vejez, asignaciones, tope, aumento, anual


@jit
def pension_mensual(anual, minima_mensual):
    """Monthly pension: annual / 12 in cents, at least the minimum pension (LSS 1973 art. 168)."""
    mensual = centavos(anual / 12.0)
    if mensual < minima_mensual:
        return minima_mensual
    return mensual


@jit
def indice_cesantia(edad_computada, edad_vejez, primera_edad, ultima_edad):
    """Row of the art. 171 table (rows for ages ``primera_edad`` ... ``ultima_edad``) for a computed age.

    Ages at or above the vejez age take the vejez row (100 %); the row is the table's own age, so a
    reform of the requirements never shifts the factors.
    """
    edad = min(edad_computada, edad_vejez)
    return int(min(max(edad, primera_edad), ultima_edad) - primera_edad)
