"""Ley 73 cesantía and vejez pension, step by step (LSS 1973 arts. 167-171)."""

from __future__ import annotations

import attrs
import pandas as pd

from pensiones import _repr
from pensiones._redondeo import centavos
from pensiones._validation import check_choice, check_integer, check_number
from pensiones.ley73 import formula
from pensiones.ley73.minima import pension_minima_mensual
from pensiones.ley73.requisitos import edad_computada
from pensiones.rules.bands import banda
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet, lookup_date

__all__ = ["pension", "PensionLey73"]

DIAS_POR_ANIO = formula.DIAS_POR_ANIO
SEMANAS_POR_INCREMENTO = formula.SEMANAS_POR_INCREMENTO


@attrs.frozen
class PensionLey73:
    """Every step of a Ley 73 pension (pesos; rates as decimals).

    Attributes are in the order of the computation; :meth:`pasos` lists them as a table.
    """

    _REPR_CORTO = ("mensual", "anio", "semanas", "edad_computada", "salario_promedio_diario", "factor_cesantia",
                   "minima_aplicada")
    _UNIDADES = {"valor_unidad": "pesos a day", "veces_unidad": "times the unit", "numero_incrementos": "increments",
                 "unidad_grupo": ""}
    __repr__ = _repr.texto
    _repr_html_ = _repr.html

    anio: int
    salario_promedio_diario: float
    tope_diario: float
    salario_computable_diario: float
    unidad_grupo: str
    valor_unidad: float
    veces_unidad: float
    grupo: int
    cuantia_basica_pct: float
    incremento_anual_pct: float
    cuantia_basica_anual: float
    semanas: float
    numero_incrementos: float
    incrementos_anual: float
    pension_vejez_anual: float
    asignaciones_pct: float
    asignaciones_anual: float
    tope_100_aplicado: bool
    incremento_11_anual: float
    edad_computada: int
    factor_cesantia: float
    anual_calculada: float
    pension_minima_mensual: float
    minima_aplicada: bool
    mensual: float
    anual: float

    def pasos(self) -> pd.DataFrame:
        """The computation as a two-column table (step, value)."""
        return pd.DataFrame({"paso": [f.name for f in attrs.fields(type(self))], "valor": list(attrs.astuple(self))})


def pension(
    salario_promedio_diario,
    semanas,
    edad,
    anio,
    *,
    esposa: bool = False,
    hijos: int = 0,
    padres: int = 0,
    unidad_grupo: str = "UMA",
    tope_veces: float | None = None,
    unidad_tope: str = "UMA",
    redondeo_incrementos: str = "anios_completos",
    minima_con_incremento_11: bool = True,
    redondeo_diario: bool | None = None,
    reglas: RuleSet | None = None,
) -> PensionLey73:
    """Ley 73 cesantía or vejez pension with every step visible.

    Parameters
    ----------
    salario_promedio_diario : float
        Average daily salary of the last 250 weeks of contributions, pesos (> 0).
    semanas : float
        Weeks of contribution recognised (500-5,500).
    edad : float
        Age at the pension in years (60-120); a fraction over six months counts as one more
        year (art. 171).
    anio : int or datetime.date
        Year the pension is granted: its UMA, minimum wage and the 11 % increase.
    esposa : bool
        A wife, husband or concubine with a right to asignación familiar (15 %).
    hijos : int
        Children with a right to asignación (under 16, students 16-25, disabled): 10 % each (0-20).
    padres : int
        Dependent parents (0-2): 10 % each, only without spouse or children; with one parent,
        an extra 10 % ayuda asistencial; without any beneficiary, 15 % ayuda asistencial.
    unidad_grupo : {"UMA", "SM"}
        Unit of the salary group of art. 167.  Default "UMA": the de-indexation decree (DOF
        27-01-2016, transitorio Tercero) replaced every legal use of the minimum wage as a unit
        of account by the UMA, and most calculators and the Grupo Reforma 2023 example classify
        in UMA.  "SM" is the pre-2016 reading (table header "veces el salario mínimo del D.F.").
        Both are argued; the choice changes the group substantially (2026: 1 SM = 2.69 UMA).
    tope_veces, unidad_tope : float or None, {"UMA", "SM"}
        Cap on the average salary.  Default ``None``: the SBC cap of LSS art. 28 in force (table
        ``tope_sbc``: 25 UMA), IMSS's administrative practice.  The Supreme Court (2a./J.
        85/2010, 2a./J. 164/2019) holds 10 times the minimum wage (``tope_veces=10,
        unidad_tope="SM"``).
    redondeo_incrementos : {"anios_completos", "medios"}
        Increments per 52 weeks beyond 500: whole years (default, the article's "por cada 52
        semanas") or the 13/26-week half-increment rule some calculators attribute to IMSS.
    minima_con_incremento_11 : bool
        Whether the minimum pension includes the 11 % (default True; see
        :func:`pension_minima_mensual`).
    redondeo_diario : bool, optional
        Round the daily cuantía básica and the daily increments to cents before annualising, as
        IMSS pension resolutions and published worked examples do.  Default ``None``: the rule
        set's ``Criterios.redondeo_diario_ley73`` (False, full precision; see docs/decisions.md).
    reglas : RuleSet, optional
        Rule set (criteria such as ``limites_banda`` apply to the salary group).

    Returns
    -------
    PensionLey73
        Each step; ``mensual`` and ``anual`` are the pension in pesos of ``anio``.

    Raises
    ------
    ValueError
        Fewer than 500 weeks, age under 60, NaN or out-of-range input; the message names the field.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year, per day, month or year
        (``pesos_a_uma``, ``uma_a_pesos``, ``pesos_a_salarios_minimos``, ``salarios_minimos_a_pesos``).

    Notes
    -----
    Annual vejez pension = S x 365 x (cuantía básica + N x incremento anual), S the average
    salary (capped) and N the increments; asignaciones familiares or ayuda asistencial are
    added as shares of it but may not take the total above 100 % of S x 365 (art. 169; the
    weeks-based increments may).  The 11 % increase multiplies the total, then the cesantía
    factor of the computed age (art. 171: 75 % at 60 ... 100 % at 65).  The result is at
    least the minimum pension (art. 168).  Monthly = annual / 12, rounded to cents.

    References
    ----------
    LSS 1973 arts. 167 (table), 164-166 (asignaciones), 168 (minimum), 169 (maximum), 171
    (cesantía); Decreto DOF 20-12-2001 Décimo Cuarto transitorio (11 %), reformed DOF
    05-01-2004; LSS 1997 transitorios Tercero and Undécimo.

    Examples
    --------
    >>> from pensiones.ley73 import pension
    >>> p = pension(750.0, 1500, 60, 2023, esposa=True)
    >>> p.grupo, p.numero_incrementos, p.mensual
    (22, 19.0, 13005.79)
    """
    rs = resolve_reglas(None, reglas)
    fecha = lookup_date(anio)
    s = check_number("salario_promedio_diario", salario_promedio_diario, minimum=0.0, min_inclusive=False)
    w = check_number("semanas", semanas, minimum=0.0, maximum=5500.0)
    e = check_number("edad", edad, minimum=0.0, maximum=120.0)
    check_integer("hijos", hijos, minimum=0, maximum=20)
    check_integer("padres", padres, minimum=0, maximum=2)
    if not isinstance(esposa, bool):
        raise ValueError(f"esposa must be True or False, got {esposa!r}")
    check_choice("unidad_grupo", unidad_grupo, ("UMA", "SM"))
    check_choice("unidad_tope", unidad_tope, ("UMA", "SM"))
    if tope_veces is not None:
        check_number("tope_veces", tope_veces, minimum=1.0, maximum=25.0)
    check_choice("redondeo_incrementos", redondeo_incrementos, ("anios_completos", "medios"))

    semanas_minimas = int(rs.value("ley73_requisitos", fecha, concepto="semanas_minimas"))
    edad_minima = int(rs.value("ley73_requisitos", fecha, concepto="edad_cesantia"))
    edad_vejez = int(rs.value("ley73_requisitos", fecha, concepto="edad_vejez"))
    if w < semanas_minimas:
        raise ValueError(
            f"semanas must be at least {semanas_minimas} for a Ley 73 pension (LSS 1973 arts. 138, 145); got {w:g}"
        )
    edad_c = edad_computada(e)
    if edad_c < edad_minima:
        raise ValueError(f"edad must be at least {edad_minima} for cesantía (LSS 1973 art. 143); got {e:g}")

    sm = rs.salario_minimo_diario(fecha)
    uma = rs.unidad_de_cuenta(fecha)  # the minimum wage before 28-01-2016 (DOF 27-01-2016)
    unidad = uma if unidad_grupo == "UMA" else sm
    if tope_veces is None:
        tope = rs.tope_sbc_diario(fecha)
    else:
        tope = tope_veces * (uma if unidad_tope == "UMA" else sm)
    salario = min(s, tope)  # LSS art. 28 / LSS 1973 art. 33: the average counts up to the cap
    veces = salario / unidad

    # LSS 1973 art. 167: salary group, cuantía básica and annual increment
    table = rs.rows("ley73_art167", fecha).sort_values("grupo")
    i = banda(table, veces, uma=1.0, sm=1.0, criterios=rs.criterios)
    grupo = int(table["grupo"].iloc[i])
    cb_pct = float(table["cuantia_basica"].iloc[i])
    inc_pct = float(table["incremento_anual"].iloc[i])
    n = formula.numero_incrementos(float(w - semanas_minimas), redondeo_incrementos == "medios")

    # LSS 1973 arts. 164-166: asignaciones familiares or ayuda asistencial
    asig = rs.rows("ley73_asignaciones", fecha).set_index("concepto")["value"]
    if esposa or hijos:
        asig_pct = (asig["esposa"] if esposa else 0.0) + hijos * asig["hijo"]
    elif padres:
        asig_pct = padres * asig["padre"] + (asig["ayuda_un_padre"] if padres == 1 else 0.0)
    else:
        asig_pct = asig["ayuda_sin_beneficiarios"]

    # Decreto DOF 20-12-2001, Décimo Cuarto transitorio: 11 % increase
    inc11 = float(rs.value("ley73_incremento_decreto", fecha))

    # LSS 1973 art. 171: cesantía factor by computed age
    factors = rs.rows("ley73_cesantia", fecha).sort_values("edad")
    edades = factors["edad"].to_numpy()
    fila = formula.indice_cesantia(edad_c, edad_vejez, int(edades[0]), int(edades[-1]))
    factor = float(factors["value"].iloc[fila])

    # LSS 1973 arts. 167, 169, 171 and the 11 %: one formula, shared with the engine's kernel
    if redondeo_diario is None:
        redondeo_diario = rs.criterios.redondeo_diario_ley73
    if not isinstance(redondeo_diario, bool):
        raise ValueError(f"redondeo_diario must be True, False or None, got {redondeo_diario!r}")
    cuantia_basica, incrementos, vejez, asignaciones, tope_100, incremento_11, anual_calculada = formula.cuantia_anual(
        float(salario), cb_pct, inc_pct, n, float(asig_pct), inc11, factor, redondeo_diario
    )
    tope_aplicado = tope_100 > 0.0

    # LSS 1973 art. 168: minimum pension
    minima = pension_minima_mensual(fecha, con_incremento_11=minima_con_incremento_11, reglas=rs)
    mensual = formula.pension_mensual(anual_calculada, minima)
    minima_aplicada = centavos(anual_calculada / 12.0) < minima
    return PensionLey73(
        anio=fecha.year,
        salario_promedio_diario=s,
        tope_diario=tope,
        salario_computable_diario=salario,
        unidad_grupo=unidad_grupo,
        valor_unidad=unidad,
        veces_unidad=veces,
        grupo=grupo,
        cuantia_basica_pct=cb_pct,
        incremento_anual_pct=inc_pct,
        cuantia_basica_anual=cuantia_basica,
        semanas=w,
        numero_incrementos=n,
        incrementos_anual=incrementos,
        pension_vejez_anual=vejez,
        asignaciones_pct=float(asig_pct),
        asignaciones_anual=asignaciones,
        tope_100_aplicado=bool(tope_aplicado),
        incremento_11_anual=incremento_11,
        edad_computada=edad_c,
        factor_cesantia=factor,
        anual_calculada=anual_calculada,
        pension_minima_mensual=minima,
        minima_aplicada=bool(minima_aplicada),
        mensual=mensual,
        anual=centavos(mensual * 12.0),
    )
