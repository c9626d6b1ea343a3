"""The simulated population: one record per person (struct of arrays), with weights."""

from __future__ import annotations

import attrs
import numpy as np
import pandas as pd

from pensiones.calendario import DIAS_POR_SEMANA

__all__ = [
    "Population", "COLUMNAS", "COLUMNAS_PENSION", "COLUMNAS_FAMILIA", "COLUMNAS_HISTORIA", "FECHA_TRANSICION",
    "semanas_posibles",
    "comprobar_fin_entrantes",
]

#: Decimal year of 1 July 1997: first affiliation before it means the transition generation.
FECHA_TRANSICION = 1997.0 + 181.0 / 365.0

#: Columns of a population table: name -> (dtype, description with unit and allowed range).
COLUMNAS = {
    "sexo": ("str", "'H' or 'M'"),
    "anio_nacimiento": ("int", "birth year, 1900-2100 (future entrants are born up to 2100 - 15)"),
    "anio_afiliacion": (
        "float",
        (
            "decimal year of first IMSS affiliation, 1943 to the end of 2100 (< 1997.496: transition generation; "
            "after the start year: a future entrant, simulated from that year)"
        ),
    ),
    "semanas": ("float", "weeks of contribution, 0-5500"),
    "sbc_diario": (
        "float",
        "daily SBC (latent wage when not contributing) at the start year, or at entry for a future entrant; pesos, > 0",
    ),
    "saldo_rcv": ("float", "RCV balance (retiro + cesantía y vejez), pesos, >= 0"),
    "saldo_vivienda": ("float", "housing subaccount balance, pesos, 0 to 10,000 million (SALDO_VIVIENDA_MAX)"),
    "promedio_250_ley73": (
        "float",
        "Ley 73 average salary of the last 250 weeks, pesos a day, 0 to 100,000 (PROMEDIO_250_MAX; 0 for the Ley 97 "
        "generation)",
    ),
    "salario_promedio_uma": ("float", "lifetime average SBC in UMA, 0-26"),
    "cotizando": ("bool", "contributing at the start year"),
    "peso": ("float", "people represented by the record, > 0"),
}

#: Optional columns: records already pensioned at the start year (absent columns mean active records).
COLUMNAS_PENSION = {
    "modalidad": (
        "int",
        (
            "0 active (default); 1 renta vitalicia; 2 guaranteed pension, drawn down from saldo_rcv then paid by the "
            "government; 3 negativa de pensión (balance withdrawn); 4 Ley 73 pension"
        ),
    ),
    "pension_mensual": ("float", "monthly pension in payment in the start year, pesos, >= 0 (0 for active records)"),
    "complemento_fondo": ("float", "monthly Fondo Bienestar complement in payment in the start year, pesos, >= 0"),
    "anio_pension": ("int", "year the pension was granted, 1943 to the start year (0 for active records)"),
}

#: Optional columns: the family the seguro de sobrevivencia covers when a Ley 97 renta vitalicia is
#: bought (LSS art. 159 fr. VI), as it will be at the pension; absent columns mean no spouse and no
#: children (a single-life annuity, as before these columns existed).
COLUMNAS_FAMILIA = {
    "conyuge": (
        "bool",
        (
            "has a spouse or partner (cónyuge, concubina or concubinario) with a right to a widow's or widower's "
            "pension at the pension"
        ),
    ),
    "diferencia_edad_conyuge": ("int", "spouse's age minus own age, whole years, -40 to 40 (0 without spouse)"),
    "hijos": ("int", "children with a right to an orphan's pension at the pension, 0-20"),
    "diferencia_edad_hijos": (
        "int", "children's age minus own age, whole years, -60 to -12 (one age for all; 0 without children)"
    ),
}

#: Optional columns: what of a record's past the law still asks for.  ``anio_ultima_cotizacion``
#: dates the baja from which the conservación de derechos of a transition-generation member runs
#: (LSS 1973 arts. 182-183; ``Criterios.conservacion_derechos_ley73``).  Absent, or 0 in a row: not
#: known, and the engine takes the year before the start year (the rights are counted from the
#: start, the most favourable reading; ``docs/decisions.md``).
COLUMNAS_HISTORIA = {
    "anio_ultima_cotizacion": (
        "int",
        (
            "last calendar year with contributions, 1943 to 2100 and from the year of first affiliation; 0 = not "
            "known (default: the year before the start year)"
        ),
    ),
}

#: Largest Ley 73 average salary (pesos a day): the SBC is capped at 25 times the minimum wage
#: or UMA (LSS 1973 art. 33; 2,933 pesos a day in 2026), and 25 UMA projected to 2100 at 3 %
#: inflation is about 27,000; a larger value is a unit error (pesos a month or a year).
PROMEDIO_250_MAX = 100_000.0
#: Largest housing subaccount balance of one record (pesos): far above any INFONAVIT balance (5 %
#: of a capped SBC for a whole career is under 10 million); a larger value is a unit or data error.
SALDO_VIVIENDA_MAX = 1e10

_RANGES = {
    "anio_nacimiento": (1900, 2100),
    "semanas": (0.0, 5500.0),
    "saldo_rcv": (0.0, np.inf),
    "saldo_vivienda": (0.0, SALDO_VIVIENDA_MAX),
    "promedio_250_ley73": (0.0, PROMEDIO_250_MAX),
    "salario_promedio_uma": (0.0, 26.0),
}


def _primera(bad: np.ndarray) -> int:
    return int(np.argmax(bad))


def _validar_pensiones(out: dict) -> None:
    """Cross-field checks of the columns of records already pensioned (``COLUMNAS_PENSION``)."""
    for name in COLUMNAS_PENSION:
        values = out[name].astype(float)
        bad = ~np.isfinite(values) | (values < 0)
        if bad.any():
            i = _primera(bad)
            raise ValueError(f"column '{name}' must be finite and >= 0; row {i} has {values[i].item()!r}")
    modalidad = out["modalidad"]
    bad = ~np.isin(modalidad, [0, 1, 2, 3, 4])
    if bad.any():
        i = _primera(bad)
        raise ValueError(f"column 'modalidad' must be 0 (active), 1, 2, 3 or 4; row {i} has {modalidad[i].item()!r}")
    activo = modalidad == 0
    pagando = np.isin(modalidad, [1, 2, 4])
    for name in ("pension_mensual", "complemento_fondo", "anio_pension"):
        bad = activo & (out[name] != 0)
        if bad.any():
            raise ValueError(f"column '{name}' must be 0 for active records (modalidad 0); row {_primera(bad)} is not")
    bad = pagando & (out["pension_mensual"] <= 0)
    if bad.any():
        raise ValueError(f"column 'pension_mensual' must be > 0 for pensions in payment; row {_primera(bad)} is not")
    anio = out["anio_pension"]
    bad = ~activo & ((anio < 1943) | (anio > 2100) | (anio != np.round(anio)))
    if bad.any():
        raise ValueError(
            f"column 'anio_pension' must be a whole year in [1943, 2100] for pensioned records; "
            f"row {_primera(bad)} is not"
        )
    bad = (out["complemento_fondo"] > 0) & ~np.isin(modalidad, [1, 2])
    if bad.any():
        raise ValueError(
            f"column 'complemento_fondo' applies to Ley 97 pensions only (modalidad 1 or 2); row {_primera(bad)}"
        )


def fin_entrantes(value, where: str = "anio_fin_entrantes") -> int | None:
    """``value`` as the entrants' last year of entry: None, or a whole year in [1997, 2100] (as an int).

    Raises
    ------
    ValueError
        Naming ``where`` (the field, or the Parquet part it was read from) and the allowed values.
    """
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or not 1997 <= value <= 2100:
        raise ValueError(f"{where} must be None or a whole year in [1997, 2100], got {value!r}")
    return int(value)


def _validar_fin_entrantes(out: dict) -> None:
    """No record affiliates after the entrants' last year of entry, when the population states one."""
    fin = out["anio_fin_entrantes"]
    if fin is None:
        return
    tarde = out["anio_afiliacion"] >= fin + 1.0
    if tarde.any():
        i = _primera(tarde)
        raise ValueError(
            f"column 'anio_afiliacion' must be before the end of anio_fin_entrantes ({fin}), the entrants' last "
            f"year of entry; row {i} has {out['anio_afiliacion'][i].item()!r}"
        )


def _validar(out: dict) -> None:
    """Every check of a population's arrays: shapes, finiteness, ranges and the cross-field rules.

    Used by the constructor, so :meth:`Population.from_frame`, slicing, Parquet parts and
    hand-built populations are checked alike.  Messages name the column, the first bad row and the
    allowed range.
    """
    n = None
    for name in (*COLUMNAS, *COLUMNAS_PENSION, *COLUMNAS_FAMILIA, *COLUMNAS_HISTORIA):
        a = out[name]
        if not isinstance(a, np.ndarray) or a.ndim != 1:
            raise ValueError(f"column '{name}' must be a one-dimensional numpy array, got {type(a).__name__}")
        if n is None:
            n = len(a)
        elif len(a) != n:
            raise ValueError(f"column '{name}' has {len(a)} values; every column must have one per record ({n})")
        if a.dtype.kind not in "biuf":
            raise ValueError(f"column '{name}' must be numeric or boolean, got dtype {a.dtype}")
        declared = {**COLUMNAS, **COLUMNAS_PENSION, **COLUMNAS_FAMILIA, **COLUMNAS_HISTORIA}[name][0]
        if a.dtype.kind == "b" and declared != "bool":
            raise ValueError(f"column '{name}' must hold numbers, not True/False (got a boolean array)")
    if n == 0:
        raise ValueError("population is empty")
    bad = ~np.isin(out["sexo"], [0, 1])
    if bad.any():
        raise ValueError(
            f"column 'sexo' must be 0 (H) or 1 (M) in arrays ('H' or 'M' in a frame); "
            f"row {_primera(bad)} has {out['sexo'][bad][0].item()!r}"
        )
    for name, (kind, _) in COLUMNAS.items():
        if name == "sexo":
            continue
        values = out[name]
        if kind == "bool":
            if values.dtype != bool:
                raise ValueError(
                    f"column '{name}' must be True or False in every row (a boolean array), got dtype {values.dtype}"
                )
            continue
        nonfinite = ~np.isfinite(values)
        if nonfinite.any():
            raise ValueError(
                f"column '{name}' must be finite; row {_primera(nonfinite)} is {values[nonfinite][0].item()!r}"
            )
        if name in ("sbc_diario", "peso"):
            bad = values <= 0
            rng = "(0, +inf)"
        elif name == "anio_afiliacion":
            # a decimal year: affiliating during 2100, the last simulable year, is 2100.x
            bad = (values < 1943.0) | (values >= 2101.0)
            rng = "[1943.0, 2101.0)"
        else:
            low, high = _RANGES[name]
            bad = (values < low) | (values > high)
            rng = f"[{low}, {high}]"
        if bad.any():
            i = _primera(bad)
            raise ValueError(f"column '{name}' must be in {rng}; row {i} has {values[i].item()!r}")
        if kind == "int" and not np.all(values == np.round(values)):
            raise ValueError(f"column '{name}' must hold whole years")
    _validar_pensiones(out)
    _validar_familia(out)
    _validar_historia(out)
    _validar_fin_entrantes(out)
    late = out["anio_afiliacion"] < out["anio_nacimiento"] + 12
    if late.any():
        raise ValueError(f"column 'anio_afiliacion' must be at least anio_nacimiento + 12; row {_primera(late)} is not")
    # LSS 1973 art. 167: the transition generation (affiliated before 1 July 1997) carries its Ley 73 average
    sin_promedio = (
        (out["anio_afiliacion"] < FECHA_TRANSICION) & (out["promedio_250_ley73"] <= 0) & (out["modalidad"] == 0)
    )
    if sin_promedio.any():
        i = _primera(sin_promedio)
        raise ValueError(
            f"column 'promedio_250_ley73' must be > 0 for active records affiliated before 1 July 1997 "
            "(anio_afiliacion < "
            f"{FECHA_TRANSICION:.3f}); row {i} has {out['promedio_250_ley73'][i].item()!r}"
        )


def semanas_posibles(anio_nacimiento: np.ndarray, anio: int) -> np.ndarray:
    """Weeks from the 1 January after age 15 (the earliest formal work, LFT art. 22) to 1 January
    of ``anio``: the most weeks a record can hold at the start of a simulation starting in ``anio``.

    The calendar days between the two dates (leap days included) / 7: never fewer than the
    engine's ``SEMANAS_POR_ANIO`` (365/7) a year, so a record it builds always passes, and real
    records counted over leap years are not rejected (:mod:`pensiones.calendario`).
    """
    nacimiento = np.asarray(anio_nacimiento, dtype=np.int64)
    if nacimiento.size == 0:
        return np.zeros(nacimiento.shape)
    # one value per birth year, looked up for each record (a million records' calendar dates took 16 ms)
    primero = int(nacimiento.min())
    anios = np.arange(primero, int(nacimiento.max()) + 1, dtype=np.int64)
    desde = (anios + 15 - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    hasta = np.datetime64(f"{int(anio):04d}-01-01", "D")
    dias = (hasta - desde).astype(np.int64).astype(float)
    return (np.maximum(dias, 0.0) / DIAS_POR_SEMANA)[nacimiento - primero]


def _sin_booleanos(name: str, col: pd.Series) -> None:
    """A numeric column holds numbers: True/False (which NumPy would read as 1/0) is refused."""
    if col.dtype == bool or str(col.dtype) == "boolean":
        raise ValueError(f"column '{name}' must hold numbers, not True/False (it is a boolean column)")
    if col.dtype == object:
        flags = col.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
        if flags.any():
            i = int(np.argmax(flags))
            raise ValueError(f"column '{name}' must hold numbers, not True/False; row {i} has {col.iloc[i]!r}")


def _familia(frame: pd.DataFrame) -> dict:
    """Convert the optional family columns (``COLUMNAS_FAMILIA``) of a frame: all or none
    (their ranges are checked with the other columns, :func:`_validar_familia`)."""
    if not any(c in frame.columns for c in COLUMNAS_FAMILIA):
        return {}
    missing = [c for c in COLUMNAS_FAMILIA if c not in frame.columns]
    if missing:
        raise ValueError(
            f"population family columns come together ({', '.join(COLUMNAS_FAMILIA)}); "
            f"missing column(s): {', '.join(missing)}"
        )
    col = frame["conyuge"]
    if col.isna().any() or not set(pd.unique(col)) <= {True, False}:
        raise ValueError("column 'conyuge' must be True or False in every row")
    out = {"conyuge": col.to_numpy(dtype=bool)}
    for name in ("diferencia_edad_conyuge", "hijos", "diferencia_edad_hijos"):
        _sin_booleanos(name, frame[name])
        try:
            values = frame[name].to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"column '{name}' must be numeric") from None
        bad = ~np.isfinite(values) | (values != np.round(values))
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"column '{name}' must hold whole numbers; row {i} has {values[i].item()!r}")
        out[name] = values.astype(np.int64)
    return out


def _validar_familia(out: dict) -> None:
    """Ranges of the family columns: spouse's age gap, children and their age gap."""
    if out["conyuge"].dtype != bool:
        raise ValueError(
            f"column 'conyuge' must be True or False in every row (a boolean array), got dtype {out['conyuge'].dtype}"
        )
    for name in ("diferencia_edad_conyuge", "hijos", "diferencia_edad_hijos"):
        if out[name].dtype.kind not in "iu" and not np.all(out[name] == np.round(out[name])):
            raise ValueError(f"column '{name}' must hold whole numbers")
    checks = (
        ("diferencia_edad_conyuge", out["conyuge"], -40, 40, "for records with conyuge"),
        ("hijos", np.ones(len(out["hijos"]), dtype=bool), 0, 20, ""),
        ("diferencia_edad_hijos", out["hijos"] > 0, -60, -12, "for records with hijos > 0"),
    )
    for name, where, low, high, text in checks:
        bad = where & ((out[name] < low) | (out[name] > high))
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(
                f"column '{name}' must be in [{low}, {high}]{' ' + text if text else ''}; "
                f"row {i} has {out[name][i].item()!r}"
            )
    for name, where in (("diferencia_edad_conyuge", ~out["conyuge"]), ("diferencia_edad_hijos", out["hijos"] == 0)):
        bad = where & (out[name] != 0)
        if bad.any():
            raise ValueError(
                f"column '{name}' must be 0 "
                f"{'without a spouse' if name == 'diferencia_edad_conyuge' else 'without children'}; "
                f"row {int(np.argmax(bad))} is not"
            )


def _validar_historia(out: dict) -> None:
    """``anio_ultima_cotizacion``: 0 (not known) or a whole year from the first affiliation's to 2100."""
    ultima = out["anio_ultima_cotizacion"]
    bad = ~np.isfinite(ultima.astype(float)) | (ultima != np.round(ultima))
    bad |= (ultima != 0) & ((ultima < np.floor(out["anio_afiliacion"])) | (ultima > 2100))
    if bad.any():
        i = _primera(bad)
        raise ValueError(
            f"column 'anio_ultima_cotizacion' must be 0 (not known) or a whole year from the year of anio_afiliacion "
            f"({int(np.floor(out['anio_afiliacion'][i]))} in that row) to 2100; row {i} has {ultima[i].item()!r}"
        )


def _ro(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


#: Fields of :class:`Population` that describe the whole population, not one value per record.
_METADATOS = ("anio_fin_entrantes",)


def comprobar_fin_entrantes(population, end: int) -> None:
    """Refuse a run to ``end`` on a population whose entrants stop before it.

    ``population`` is a :class:`Population` or a
    :class:`~pensiones.engine.parquet.ParquetPopulation`; one whose ``anio_fin_entrantes`` is None
    passes.  The one check of every run (:meth:`pensiones.simulation.Run.create`).

    Raises
    ------
    ValueError
        Naming ``anio_fin`` and the two ways out.
    """
    fin = getattr(population, "anio_fin_entrantes", None)
    if fin is not None and fin < end:
        raise ValueError(
            f"the population's entrants stop in {fin} (anio_fin_entrantes: Population.synthetic(..., anio_fin={fin})) "
            f"but the run ends in {end}: nobody would affiliate in {fin + 1}-{end}. Build the population with "
            f"Population.synthetic(..., anio_fin={end}) or end the run in {fin} (end={fin})"
        )


@attrs.frozen(eq=False)
class Population:
    """A population as one read-only array per field (see ``COLUMNAS`` for units and ranges).

    Build it with :meth:`from_frame` (validated) or :meth:`synthetic` (calibrated default).
    ``sexo`` is stored as int8 (0 = H, 1 = M); ``transicion`` is derived from the affiliation date.

    ``anio_fin_entrantes`` is not a column but the population's one piece of metadata: the last
    year in which its future entrants affiliate, when they are known to stop there
    (:meth:`synthetic` sets it to its ``anio_fin``), so that :func:`pensiones.simulate` refuses a
    run that ends later (nobody would affiliate in the years after it).  None (the default, and
    for :meth:`from_frame`) states nothing and is never refused: a population built by hand or
    read from a frame, or a synthetic one built without entrants (``entrantes=False`` or
    ``fraccion_entrantes=0``).  Slices, masks and Parquet folders keep it; :meth:`to_frame` does
    not (a frame holds the records only).  It does not enter ``provenance["poblacion_hash"]``,
    the fingerprint of the records: the same records give the same numbers whatever it says.
    """

    sexo: np.ndarray
    anio_nacimiento: np.ndarray
    anio_afiliacion: np.ndarray
    semanas: np.ndarray
    sbc_diario: np.ndarray
    saldo_rcv: np.ndarray
    saldo_vivienda: np.ndarray
    promedio_250_ley73: np.ndarray
    salario_promedio_uma: np.ndarray
    cotizando: np.ndarray
    peso: np.ndarray
    modalidad: np.ndarray | None = None
    pension_mensual: np.ndarray | None = None
    complemento_fondo: np.ndarray | None = None
    anio_pension: np.ndarray | None = None
    conyuge: np.ndarray | None = None
    diferencia_edad_conyuge: np.ndarray | None = None
    hijos: np.ndarray | None = None
    diferencia_edad_hijos: np.ndarray | None = None
    anio_ultima_cotizacion: np.ndarray | None = None
    anio_fin_entrantes: int | None = None

    def __attrs_post_init__(self):
        n = len(self.peso) if isinstance(self.peso, np.ndarray) else 0
        for name, dtype in (("modalidad", np.int64), ("pension_mensual", float), ("complemento_fondo", float),
                            ("anio_pension", np.int64), ("conyuge", bool), ("diferencia_edad_conyuge", np.int64),
                            ("hijos", np.int64), ("diferencia_edad_hijos", np.int64),
                            ("anio_ultima_cotizacion", np.int64)):
            if getattr(self, name) is None:
                object.__setattr__(self, name, _ro(np.zeros(n, dtype=dtype)))
        object.__setattr__(self, "anio_fin_entrantes", fin_entrantes(self.anio_fin_entrantes))
        _validar({f.name: getattr(self, f.name) for f in attrs.fields(type(self))})

    def __len__(self) -> int:
        return len(self.peso)

    def __getitem__(self, key) -> Population:
        """The records selected by a slice, an integer array or a boolean mask, as a new population.

        >>> import pensiones
        >>> pop = pensiones.Population.synthetic(1_000, seed=1)
        >>> len(pop[:10]), len(pop[pop.cotizando])  == int(pop.cotizando.sum())
        (10, True)
        """
        if isinstance(key, (int, np.integer)):
            raise ValueError("select records with a slice, an integer array or a boolean mask (pop[i:i + 1] for one)")
        if not isinstance(key, slice):
            key = np.asarray(key)
            if key.dtype == bool and key.shape != (len(self),):
                raise ValueError(f"a boolean mask must have one value per record ({len(self)}), got shape {key.shape}")
        campos = [f.name for f in attrs.fields(type(self)) if f.name not in _METADATOS]
        columnas = {name: _ro(getattr(self, name)[key]) for name in campos}
        return type(self)(**columnas, anio_fin_entrantes=self.anio_fin_entrantes)

    @classmethod
    def concat(cls, populations) -> Population:
        """The records of ``populations`` one after the other, as one population (numbered in that order).

        Its ``anio_fin_entrantes`` is the latest of theirs (None if any states none).

        >>> import pensiones
        >>> pop = pensiones.Population.synthetic(1_000, seed=1)
        >>> len(pensiones.Population.concat([pop[:10], pop[10:25]]))
        25
        """
        populations = list(populations)
        if not populations or not all(isinstance(p, Population) for p in populations):
            raise ValueError("concat needs one or more pensiones.Population objects")
        campos = [f.name for f in attrs.fields(cls) if f.name not in _METADATOS]
        fines = [p.anio_fin_entrantes for p in populations]
        return cls(**{name: _ro(np.concatenate([getattr(p, name) for p in populations])) for name in campos},
                   anio_fin_entrantes=None if None in fines else max(fines))

    def _summary(self) -> dict:
        w = self.peso
        total = float(w.sum())
        return {
            "records": len(self),
            "people": total,
            "mujer": float(w[self.sexo == 1].sum()) / total,
            "born": (int(self.anio_nacimiento.min()), int(self.anio_nacimiento.max())),
            "transition": float(w[self.transicion].sum()) / total,
        }

    def __repr__(self) -> str:
        s = self._summary()
        return (
            f"<Population: {s['records']:,} records representing {s['people']:,.0f} people; "
            f"H (hombre, male) {1 - s['mujer']:.1%}, M (mujer, female) {s['mujer']:.1%}; "
            f"born {s['born'][0]}-{s['born'][1]}; Ley 73 transition generation {s['transition']:.1%}>"
        )

    def _repr_html_(self) -> str:
        s = self._summary()
        rows = (
            ("records", f"{s['records']:,}"),
            ("people represented", f"{s['people']:,.0f}"),
            ("H (hombre, male)", f"{1 - s['mujer']:.1%}"),
            ("M (mujer, female)", f"{s['mujer']:.1%}"),
            ("birth years", f"{s['born'][0]}-{s['born'][1]}"),
            ("Ley 73 transition generation (affiliated before 1 July 1997)", f"{s['transition']:.1%}"),
        )
        body = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in rows)
        return f"<div><b>pensiones Population</b> (shares of people represented)<table>{body}</table></div>"

    @property
    def transicion(self) -> np.ndarray:
        """True for the transition generation (first affiliated before 1 July 1997)."""
        return self.anio_afiliacion < FECHA_TRANSICION

    def to_frame(self) -> pd.DataFrame:
        """The population as a DataFrame with the columns of ``COLUMNAS``, ``COLUMNAS_PENSION``,
        ``COLUMNAS_FAMILIA`` and ``COLUMNAS_HISTORIA`` (the records: not ``anio_fin_entrantes``)."""
        data = {
            name: getattr(self, name) for name in (*COLUMNAS, *COLUMNAS_PENSION, *COLUMNAS_FAMILIA, *COLUMNAS_HISTORIA)
        }
        data["sexo"] = np.where(self.sexo == 0, "H", "M")
        return pd.DataFrame(data)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, anio_fin_entrantes: int | None = None) -> Population:
        """Validate a DataFrame with the columns of ``COLUMNAS`` and build a population.

        ``anio_fin_entrantes`` (default None: not stated) is the records' last year of entry, as
        the attribute of the same name.

        Raises
        ------
        ValueError
            Listing the missing or unknown columns, or naming the column, the first bad row and
            the allowed range.
        """
        if not isinstance(frame, pd.DataFrame):
            raise ValueError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
        duplicated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        if duplicated:
            raise ValueError(f"population has duplicate column name(s): {', '.join(duplicated)}")
        missing = [c for c in COLUMNAS if c not in frame.columns]
        unknown = [
            c for c in frame.columns
            if not any(c in grupo for grupo in (COLUMNAS, COLUMNAS_PENSION, COLUMNAS_FAMILIA, COLUMNAS_HISTORIA))
        ]
        if missing or unknown:
            parts = []
            if missing:
                parts.append(f"missing column(s): {', '.join(missing)}")
            if unknown:
                parts.append(f"unknown column(s): {', '.join(unknown)}")
            raise ValueError("population " + "; ".join(parts) + f". Expected: {', '.join(COLUMNAS)}")
        if len(frame) == 0:
            raise ValueError("population is empty")
        out = {}
        sexo = frame["sexo"].to_numpy()
        bad = ~np.isin(sexo, ["H", "M"])
        if bad.any():
            raise ValueError(f"column 'sexo' must be 'H' or 'M'; row {int(np.argmax(bad))} has {sexo[bad][0]!r}")
        out["sexo"] = (sexo == "M").astype(np.int8)
        present = [c for c in COLUMNAS_PENSION if c in frame.columns]
        if present and len(present) < len(COLUMNAS_PENSION):
            missing = [c for c in COLUMNAS_PENSION if c not in frame.columns]
            raise ValueError(
                f"population columns of pensions in payment come together ({', '.join(COLUMNAS_PENSION)}); "
                f"missing column(s): {', '.join(missing)}"
            )
        kinds = {k: v[0] for k, v in {**COLUMNAS, **COLUMNAS_PENSION, **COLUMNAS_HISTORIA}.items()}
        historia = [c for c in COLUMNAS_HISTORIA if c in frame.columns]
        for name in (*COLUMNAS, *present, *historia):
            if name == "sexo":
                continue
            col = frame[name]
            if kinds[name] == "bool":
                if col.isna().any() or not set(pd.unique(col)) <= {True, False}:
                    raise ValueError(f"column '{name}' must be True or False in every row")
                out[name] = col.to_numpy(dtype=bool)
                continue
            _sin_booleanos(name, col)
            try:
                values = col.to_numpy(dtype=float)
            except (TypeError, ValueError):
                raise ValueError(f"column '{name}' must be numeric") from None
            if kinds[name] == "int":
                nonfinite = ~np.isfinite(values)
                if nonfinite.any():
                    raise ValueError(
                        f"column '{name}' must be finite; row {int(np.argmax(nonfinite))} is "
                        f"{values[nonfinite][0].item()!r}"
                    )
                whole = values == np.round(values)
                if not whole.all():
                    i = int(np.argmax(~whole))
                    raise ValueError(f"column '{name}' must hold whole years; row {i} has {values[i].item()!r}")
                out[name] = values.astype(np.int64)
            else:
                out[name] = values
        out.update(_familia(frame))
        return cls(**{k: _ro(v) for k, v in out.items()}, anio_fin_entrantes=anio_fin_entrantes)

    @classmethod
    def synthetic(cls, n: int, seed: int, year: int = 2025, **kwargs) -> Population:
        """A default population calibrated to published aggregates (see :mod:`pensiones.engine.synthetic`)."""
        from pensiones.engine.synthetic import poblacion_sintetica

        return poblacion_sintetica(n, seed, year, **kwargs)

    def to_parquet(self, path, *, partition_size: int = 1_000_000):
        """Write the population as a folder of Parquet parts and return a lazy
        :class:`~pensiones.engine.parquet.ParquetPopulation` on it (see :mod:`pensiones.engine.parquet`)."""
        from pensiones.engine.parquet import escribir_parquet

        return escribir_parquet(self, path, partition_size=partition_size)

    @classmethod
    def from_parquet(cls, path) -> Population:
        """Read a folder written by :meth:`to_parquet` (or of Parquet parts with the columns of
        ``COLUMNAS``) into memory, validated as :meth:`from_frame`; for a population larger than
        memory, pass ``ParquetPopulation.open(path)`` to :func:`pensiones.simulate` instead."""
        from pensiones.engine.parquet import ParquetPopulation

        return ParquetPopulation.open(path).to_population()
