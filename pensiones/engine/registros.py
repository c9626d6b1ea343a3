"""The records the kernel reads: a population's columns as one named struct of arrays.

:class:`Registros` carries every per-record input of the person-year step by name, so a step
reads ``R.sexo[i]`` or ``R.diferencia_edad_conyuge[i]`` and adding a field touches this module, the
population and the step that uses it, never a chain of signatures.  :class:`Claves` carries the
numbers that key a run's random draws.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["Registros", "Claves", "registros"]


class Registros(NamedTuple):
    """Per-record arrays of the kernel, one entry per record (shape ``[n]``), named as the population's columns.

    Money in pesos of the start year (a future entrant's wage: of its entry year); ``sexo`` 0 = H,
    1 = M; ``modalidad`` a code of :mod:`pensiones.engine.componentes`.
    """

    sexo: np.ndarray  # int64
    anio_nacimiento: np.ndarray  # int64
    anio_afiliacion: np.ndarray  # float64, decimal year of first affiliation
    semanas: np.ndarray  # weeks of contribution
    sbc_diario: np.ndarray  # daily SBC, pesos
    saldo_rcv: np.ndarray  # RCV balance, pesos
    saldo_vivienda: np.ndarray  # vivienda subaccount, pesos
    promedio_250_ley73: np.ndarray  # Ley 73 average of the last 250 weeks, pesos a day
    salario_promedio_uma: np.ndarray  # lifetime average SBC in UMA
    cotizando: np.ndarray  # bool
    peso: np.ndarray  # people represented
    transicion: np.ndarray  # bool: first affiliated before 1 July 1997
    modalidad: np.ndarray  # int64
    pension_mensual: np.ndarray  # pension in payment, pesos a month
    complemento_fondo: np.ndarray  # Fondo Bienestar complement in payment, pesos a month
    conyuge: np.ndarray  # bool
    diferencia_edad_conyuge: np.ndarray  # int64, spouse's age minus own
    hijos: np.ndarray  # int64
    diferencia_edad_hijos: np.ndarray  # int64, children's age minus own
    anio_ultima_cotizacion: np.ndarray  # int64, last year with contributions (0: not known)
    anio_pension: np.ndarray  # int64, year a pension in payment at the start was granted (0: active)
    grupo_cobertura: np.ndarray  # int64, group brought into the regime (0: none; pensiones.engine.cobertura)


class Claves(NamedTuple):
    """The keys of a run's draws: the seed, and the run-wide numbers of a call's first record and path.

    A record ``i`` of a call draws with ``primera_persona + i`` and path ``p`` with ``primer_path + p``,
    so a run split into work units draws exactly what the whole run draws.
    """

    seed: int
    primera_persona: int
    primer_path: int


def registros(population, grupo_cobertura: np.ndarray | None = None) -> Registros:
    """The :class:`Registros` of a :class:`~pensiones.engine.population.Population` (dtypes the kernel takes).

    ``grupo_cobertura`` (default: zeros, nobody) numbers each record's group brought into the regime by a
    scenario (:func:`pensiones.engine.cobertura.poblacion_cobertura`), 1 for the first of
    :data:`~pensiones.engine.cobertura.GRUPOS`.
    """
    n = len(population.peso)
    grupo = np.zeros(n, dtype=np.int64) if grupo_cobertura is None else np.asarray(grupo_cobertura, dtype=np.int64)
    if grupo.shape != (n,):
        raise ValueError(f"grupo_cobertura must have one value per record ({n}), got shape {grupo.shape}")
    return Registros(
        sexo=np.asarray(population.sexo, dtype=np.int64),
        anio_nacimiento=np.asarray(population.anio_nacimiento, dtype=np.int64),
        anio_afiliacion=np.asarray(population.anio_afiliacion, dtype=np.float64),
        semanas=np.asarray(population.semanas, dtype=np.float64),
        sbc_diario=np.asarray(population.sbc_diario, dtype=np.float64),
        saldo_rcv=np.asarray(population.saldo_rcv, dtype=np.float64),
        saldo_vivienda=np.asarray(population.saldo_vivienda, dtype=np.float64),
        promedio_250_ley73=np.asarray(population.promedio_250_ley73, dtype=np.float64),
        salario_promedio_uma=np.asarray(population.salario_promedio_uma, dtype=np.float64),
        cotizando=np.asarray(population.cotizando, dtype=np.bool_),
        peso=np.asarray(population.peso, dtype=np.float64),
        transicion=np.asarray(population.transicion, dtype=np.bool_),
        modalidad=np.asarray(population.modalidad, dtype=np.int64),
        pension_mensual=np.asarray(population.pension_mensual, dtype=np.float64),
        complemento_fondo=np.asarray(population.complemento_fondo, dtype=np.float64),
        conyuge=np.asarray(population.conyuge, dtype=np.bool_),
        diferencia_edad_conyuge=np.asarray(population.diferencia_edad_conyuge, dtype=np.int64),
        hijos=np.asarray(population.hijos, dtype=np.int64),
        diferencia_edad_hijos=np.asarray(population.diferencia_edad_hijos, dtype=np.int64),
        anio_ultima_cotizacion=np.asarray(population.anio_ultima_cotizacion, dtype=np.int64),
        anio_pension=np.asarray(population.anio_pension, dtype=np.int64),
        grupo_cobertura=grupo,
    )
