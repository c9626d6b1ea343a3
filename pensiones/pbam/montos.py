"""PBAM and Pensión Mujeres Bienestar amounts and ages by bimester."""

from __future__ import annotations

import datetime as dt

import numpy as np

from pensiones._validation import ANIO_MAX, check_choice, check_integer, check_number
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet

__all__ = [
    "monto_bimestral",
    "edad_minima",
    "monto_anual",
    "monto_bimestral_mujeres_bienestar",
    "edades_mujeres_bienestar",
    "monto_persona",
]


def _fecha(anio: object, bimestre: object) -> dt.date:
    year = check_integer("anio", anio, minimum=2018, maximum=ANIO_MAX)
    b = check_integer("bimestre", bimestre, minimum=1, maximum=6)
    return dt.date(year, 2 * b - 1, 1)


def monto_bimestral(anio, *, bimestre: int = 1, reglas: RuleSet | None = None) -> float:
    """PBAM amount paid for one bimester, pesos.

    Parameters
    ----------
    anio : int
        Year (2018-2100; 2018 is the predecessor programme).  Past the last published year
        the amount follows the declared projection: INPC x (1 + ``Supuestos.crecimiento_real_pbam``).
    bimestre : {1, ..., 6}
        Bimester of the year (1 = January-February).

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    CPEUM art. 4 (DOF 08-05-2020); Reglas de Operación of the Programa Pensión para el
    Bienestar de las Personas Adultas Mayores of each year.

    Examples
    --------
    >>> from pensiones.pbam import monto_bimestral
    >>> monto_bimestral(2026)
    6400.0
    >>> monto_bimestral(2021, bimestre=1), monto_bimestral(2021, bimestre=4)
    (2700.0, 3100.0)
    """
    rs = resolve_reglas(None, reglas)
    return float(rs.value("pbam", _fecha(anio, bimestre)))


def edad_minima(anio, *, bimestre: int = 1, reglas: RuleSet | None = None) -> int:
    """Minimum age for the PBAM: 68 until June 2021, 65 from the July-August 2021 bimester.

    References
    ----------
    CPEUM art. 4 (DOF 08-05-2020); Reglas de Operación of the PBAM of each year.

    >>> from pensiones.pbam import edad_minima
    >>> edad_minima(2021), edad_minima(2021, bimestre=4), edad_minima(2026)
    (68, 65, 65)
    """
    rs = resolve_reglas(None, reglas)
    return int(rs.value("pbam", _fecha(anio, bimestre), column="edad_minima"))


def monto_anual(anio, *, reglas: RuleSet | None = None) -> float:
    """PBAM paid over a whole year to one person eligible all year: the six bimesters, pesos.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    CPEUM art. 4 (DOF 08-05-2020); Reglas de Operación of the PBAM of each year.

    >>> from pensiones.pbam import monto_anual
    >>> monto_anual(2026)
    38400.0
    """
    return float(sum(monto_bimestral(anio, bimestre=b, reglas=reglas) for b in range(1, 7)))


def monto_bimestral_mujeres_bienestar(anio, *, bimestre: int = 1, reglas: RuleSet | None = None) -> float:
    """Pensión Mujeres Bienestar amount for one bimester, pesos (from 2025).

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    Reglas de Operación del Programa Pensión Mujeres Bienestar (2025, 2026).

    >>> from pensiones.pbam import monto_bimestral_mujeres_bienestar
    >>> monto_bimestral_mujeres_bienestar(2026)
    3100.0
    """
    rs = resolve_reglas(None, reglas)
    return float(rs.value("pension_mujeres_bienestar", _fecha(anio, bimestre)))


def edades_mujeres_bienestar(anio, *, bimestre: int = 1, reglas: RuleSet | None = None) -> tuple[int, int]:
    """Ages (minimum, maximum) covered by Pensión Mujeres Bienestar in a bimester.

    63-64 from January 2025; 60-62 added from 18 November 2025.  A bimester is read on its
    first day, so the November-December 2025 bimester still shows 63-64; use
    ``RuleSet.row("pension_mujeres_bienestar", date)`` for an exact date.

    References
    ----------
    Reglas de Operación del Programa Pensión Mujeres Bienestar (2025, 2026).

    >>> from pensiones.pbam import edades_mujeres_bienestar
    >>> edades_mujeres_bienestar(2025), edades_mujeres_bienestar(2026)
    ((63, 64), (60, 64))
    """
    rs = resolve_reglas(None, reglas)
    row = rs.row("pension_mujeres_bienestar", _fecha(anio, bimestre))
    return int(row["edad_minima"]), int(row["edad_maxima"])


def monto_persona(edad, sexo: str, anio, *, bimestre: int = 1, reglas: RuleSet | None = None) -> float:
    """Non-contributory pension one person receives for a bimester, pesos: PBAM or Mujeres Bienestar.

    Parameters
    ----------
    edad : float
        Age in completed years (0-120).
    sexo : {"H", "M"}
    anio : int
        Year (2018-2100).
    bimestre : {1, ..., 6}

    Returns
    -------
    float
        The PBAM amount from its minimum age (68 until June 2021, 65 after); for women within
        the Pensión Mujeres Bienestar ages (from 2025) its amount; 0 otherwise.  Both are
        universal (no means test); take-up is a scenario parameter, not applied here.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    References
    ----------
    CPEUM art. 4 (DOF 08-05-2020); Reglas de Operación of the PBAM and of Pensión Mujeres
    Bienestar.

    Examples
    --------
    >>> from pensiones.pbam import monto_persona
    >>> monto_persona(70, "H", 2026), monto_persona(62, "M", 2026), monto_persona(62, "H", 2026)
    (6400.0, 3100.0, 0.0)
    """
    rs = resolve_reglas(None, reglas)
    e = int(check_number("edad", edad, minimum=0.0, maximum=120.0))
    check_choice("sexo", sexo, ("H", "M"))
    fecha = _fecha(anio, bimestre)
    pbam = rs.row("pbam", fecha)
    if e >= int(pbam["edad_minima"]):
        return float(pbam["value"])
    if sexo == "M" and fecha >= rs.rule_table("pension_mujeres_bienestar").frame["effective_from"].iloc[0]:
        row = rs.row("pension_mujeres_bienestar", fecha)
        if int(row["edad_minima"]) <= e <= int(row["edad_maxima"]):
            return float(row["value"])
    return 0.0


# -- on many years at once (the engine's) ------------------------------------------------------------
def _anuales(tabla: str, anios, reglas: RuleSet) -> np.ndarray:
    """The six bimesters of table ``tabla`` in each of ``anios``, summed as :func:`monto_anual` sums them."""
    if not len(anios):
        return np.zeros(0)
    v = reglas.values(tabla, [_fecha(int(a), b) for a in anios for b in range(1, 7)]).reshape(len(anios), 6)
    total = np.zeros(len(anios))
    for b in range(6):
        total = total + v[:, b]
    return total


def montos_anuales(anios, *, reglas: RuleSet) -> np.ndarray:
    """:func:`monto_anual` in each of ``anios``, as an array."""
    return _anuales("pbam", anios, reglas)


def montos_anuales_mujeres_bienestar(anios, *, reglas: RuleSet) -> np.ndarray:
    """The six bimesters of :func:`monto_bimestral_mujeres_bienestar` in each of ``anios``, summed."""
    return _anuales("pension_mujeres_bienestar", anios, reglas)


def edades_minimas(anios, *, bimestre: int = 1, reglas: RuleSet) -> np.ndarray:
    """:func:`edad_minima` in each of ``anios``, as a float array."""
    fechas = [_fecha(int(a), bimestre) for a in anios]
    return np.trunc(reglas.values("pbam", fechas, column="edad_minima"))


def edades_mujeres_bienestar_anios(anios, *, bimestre: int = 1, reglas: RuleSet) -> tuple[np.ndarray, np.ndarray]:
    """:func:`edades_mujeres_bienestar` in each of ``anios``: (minimum ages, maximum ages), float arrays."""
    fechas = [_fecha(int(a), bimestre) for a in anios]
    return (np.trunc(reglas.values("pension_mujeres_bienestar", fechas, column="edad_minima")),
            np.trunc(reglas.values("pension_mujeres_bienestar", fechas, column="edad_maxima")))
