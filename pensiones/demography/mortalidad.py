"""One-year death probabilities q(x) by sex from the packaged CNSF tables."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np

from pensiones._validation import check_choice
from pensiones.rules.ruleset import load

__all__ = ["qx", "qx_de_reglas", "supervivencia", "TABLAS_MORTALIDAD", "EDAD_MAXIMA_TABLA", "ANIO_BASE_TABLA"]

#: Mortality tables by short name -> rule table.
TABLAS_MORTALIDAD = {"emssa09": "mortalidad_emssa09", "emssa97": "mortalidad_emssa97"}
#: Last age of the tables as used here.  EMSSA-09 is printed to age 109 (q = 0.88 men, 0.97
#: women); the library closes every table with q(110) = 1 (EMSSA-97 already ends so).
EDAD_MAXIMA_TABLA = 110
SEXOS = ("H", "M")
#: Base year of each table, from which mortality improvement runs (EMSSA-09: 2009; EMSSA-97: 1997).
ANIO_BASE_TABLA = {"emssa09": 2009, "emssa97": 1997}


@functools.cache
def _qx(tabla: str, sexo: str) -> np.ndarray:
    return qx_de_reglas(load(), tabla, sexo, dt.date(2020, 1, 1))


def qx_de_reglas(reglas, tabla: str, sexo: str, fecha: dt.date) -> np.ndarray:
    """q(x) for ages 0..110 from the mortality table in force on ``fecha`` in rule set ``reglas``
    (reform overlays included); NaN where the table does not cover an age, q(110) = 1."""
    return _qx_de_filas(reglas.rows(TABLAS_MORTALIDAD[tabla], fecha, sexo=sexo))


def qx_por_fecha(reglas, tabla: str, sexo: str, fechas) -> tuple[list[np.ndarray], np.ndarray]:
    """:func:`qx_de_reglas` on each of ``fechas``: (the distinct q(x) arrays, the position of each date's).

    One lookup per stretch of dates over which the table and its overlays do not change.
    """
    frames, which = reglas.rows_by_date(TABLAS_MORTALIDAD[tabla], fechas, sexo=sexo)
    return [_qx_de_filas(rows) for rows in frames], which


def _qx_de_filas(rows) -> np.ndarray:
    rows = rows.sort_values("edad")
    out = np.full(EDAD_MAXIMA_TABLA + 1, np.nan)
    out[rows["edad"].to_numpy()] = rows["value"].to_numpy()
    out[EDAD_MAXIMA_TABLA] = 1.0  # closure of the table (see EDAD_MAXIMA_TABLA)
    out.setflags(write=False)
    return out


def qx(sexo: str, *, tabla: str = "emssa09") -> np.ndarray:
    """q(x) for ages 0..110 (read-only array; NaN for ages the table does not cover; q(110) = 1).

    Parameters
    ----------
    sexo : {"H", "M"}
        Hombre or mujer.
    tabla : {"emssa09", "emssa97"}
        EMSSAH/M-09 (CNSF circular S-22.2, DOF 27-11-2009; default) or EMSSAH/M-97
        (CUSF anexo 14.2.4-a; ages 15-110).

    Examples
    --------
    >>> from pensiones.demography import qx
    >>> float(qx("H")[110])
    1.0
    """
    check_choice("sexo", sexo, SEXOS)
    check_choice("tabla", tabla, tuple(TABLAS_MORTALIDAD))
    return _qx(tabla, sexo)


def supervivencia(edad: int, sexo: str, *, tabla: str = "emssa09") -> np.ndarray:
    """Probabilities of being alive k = 0, 1, ... whole years after age ``edad`` (k_p_x).

    >>> from pensiones.demography import supervivencia
    >>> p = supervivencia(65, "M")
    >>> float(p[0]), bool(p[-1] >= 0), len(p)
    (1.0, True, 47)
    """
    q = qx(sexo, tabla=tabla)
    if not 0 <= edad <= EDAD_MAXIMA_TABLA or np.isnan(q[edad]):
        raise ValueError(f"edad must be an age covered by table {tabla} (0-110; 15-110 for emssa97), got {edad}")
    return np.concatenate(([1.0], np.cumprod(1.0 - q[edad:])))
