"""Reform overlays: dated changes of a rule table's values, applied at lookup.

A reform is a list of :class:`Reforma` overlays.  Each one changes column ``columna`` of
table ``tabla`` for the rows matching ``donde``, from ``desde`` on:

* ``valor`` sets the value from ``desde`` on, in every later row of the law and past its last
  row;
* ``factor`` multiplies the law's value in every later row, and the values a declared
  projection gives past the last row: the schedule keeps its shape (a factor of 1.1 on the
  2023-2030 employer CEAV schedule gives 1.1 times each year's rate);
* ``trayectoria`` gives a path of values by date or year (a phase-in): each value holds from
  its date until the next one, the last one from then on.

Dates before ``desde`` keep the law's values.  Overlays on the same table apply in order, each
to the result of the previous ones.  ``factor = 1.0``, or a ``valor`` equal to the law's value on
every date from ``desde`` on, is an exact null reform.

:meth:`pensiones.rules.RuleSet.con_reformas` applies overlays: lookups (``row``, ``valor``,
``rows``) answer the law and then apply the overlays in force on the date asked, so a factor
also moves projected values.  The table a rule set shows (``RuleSet.table``) is the law's rows
rewritten, with one more row (or snapshot) on each overlay date; it passes the loader's strict
row checks, and every value must lie in the column's declared domain (``[domain]`` in the
table's TOML), or loading the overlay fails naming it and its field.  Price and wage indices are
also checked against the year before (``[variacion_anual]``), ordered columns stay ordered
(``orden``), and columns no calculation reads (``referencia``) take no overlay.

The overlays of a table are compiled once (:class:`Compuesta`): loading ``n`` of them costs
O(n log n), and a rule set takes at most :data:`CAMBIOS_MAX` dated changes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence

import attrs
import numpy as np
import pandas as pd

from pensiones._validation import as_date, check_number, did_you_mean
from pensiones.calendario import ANIO_MAX
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.loader import _check_rows, fuera_de_orden, un_anio_antes
from pensiones.rules.schema import Citation, Column, TableMeta
from pensiones.rules.table import BeyondLastValue, Table

__all__ = ["Reforma", "Compuesta", "aplicar", "ANIO_SIMULABLE_MAX", "CAMBIOS_MAX"]

#: Last year a simulation can reach: an overlay dated after 31 December of it has no effect in
#: any run and is an error.  (``pensiones.simulate`` reaches 2100 at most.)
ANIO_SIMULABLE_MAX = ANIO_MAX
#: Most dated changes a rule set takes from its overlays (each ``valor`` or ``factor`` overlay
#: counts one, a ``trayectoria`` one per date).  Loading is O(n log n) in them; the cap keeps a
#: scenario file (at most 1 MB) from holding a reform that takes minutes to check.
CAMBIOS_MAX = 10_000
_PRIMERA = dt.date(1997, 7, 1)
#: A value of an integer column (weeks, ages) must be a whole number up to this tolerance.
_TOL_ENTERO = 1e-9


def _ultima() -> dt.date:
    return dt.date(ANIO_SIMULABLE_MAX, 12, 31)


def _check_fecha(name: str, d: dt.date) -> dt.date:
    if not _PRIMERA <= d <= _ultima():
        raise ValueError(
            f"{name} must be between {_PRIMERA} and {_ultima()} "
            f"(the last simulable year is {ANIO_SIMULABLE_MAX}), got {d}"
        )
    return d


def _desde(value: object) -> dt.date | None:
    return None if value is None else _check_fecha("desde", as_date("desde", value))


def _numero(name: str, minimum: float | None = None):
    return lambda v: None if v is None else check_number(name, v, minimum=minimum)


def _texto(instance, attribute, value):
    if not isinstance(value, str):
        raise ValueError(f"{attribute.name} must be a string, got {value!r}")


def _nombre(instance, attribute, value):
    if not isinstance(value, str) or not value:
        raise ValueError(f"{attribute.name} must be a table name (a non-empty string), got {value!r}")


def _donde(value: object) -> dict:
    if not isinstance(value, Mapping):
        raise ValueError(f"'donde' must be a table of column = value, got {value!r}")
    out = {}
    for col, v in value.items():
        if not isinstance(col, str):
            raise ValueError(f"'donde' keys must be column names, got {col!r}")
        ok = isinstance(v, str) or (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v))
        if not ok:
            raise ValueError(f"'donde' {col} must be a string or a finite number, got {v!r}")
        out[col] = v
    return out


_ANIO = re.compile(r"\d{4}")


def _punto(key: object) -> int | dt.date:
    """A key of a trajectory: a year (int or 'YYYY') or a date (date or 'YYYY-MM-DD')."""
    if isinstance(key, int) and not isinstance(key, bool):
        year = key
    elif isinstance(key, str) and _ANIO.fullmatch(key.strip()):
        year = int(key)
    else:
        try:
            return as_date("trayectoria key", key)
        except ValueError:
            raise ValueError(
                f"trayectoria keys must be years (2027 or '2027') or dates ('2027-01-01'), got {key!r}"
            ) from None
    if not _PRIMERA.year <= year <= ANIO_SIMULABLE_MAX:
        raise ValueError(f"trayectoria year must be between {_PRIMERA.year} and {ANIO_SIMULABLE_MAX}, got {year}")
    return year


def _trayectoria(value: object):
    """Raw (key, value) pairs; years become dates in ``__attrs_post_init__`` (they need ``desde``)."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, (list, tuple)):
        items = []
        for pair in value:
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise ValueError(
                    f"trayectoria must be a table of date or year = value, or (date, value) pairs; got {pair!r}"
                )
            items.append(tuple(pair))
    else:
        raise ValueError(f"trayectoria must be a table of date or year = value, got {value!r}")
    if not items:
        raise ValueError("trayectoria must give at least one value")
    return tuple((_punto(k), check_number(f"trayectoria value for {k}", v)) for k, v in items)


def _en_anio(d: dt.date, year: int) -> dt.date:
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)


@attrs.frozen(kw_only=True)
class Reforma:
    """Change column ``columna`` of table ``tabla`` from ``desde`` on, for the rows matching ``donde``.

    Exactly one of ``valor``, ``factor`` or ``trayectoria`` is given (see the module docstring
    for what each means).

    Parameters
    ----------
    tabla : str
        Rule table (``pensiones rules`` lists them).
    desde : date or 'YYYY-MM-DD'
        First date of effect, 1997-07-01 to 31 December of :data:`ANIO_SIMULABLE_MAX`.
        Optional with ``trayectoria`` (then its first date).
    valor : float, optional
        The value from ``desde`` on, in the table's unit (a rate as a decimal).
    factor : float, optional
        Multiplier (>= 0) of the law's value on every date from ``desde`` on.
    trayectoria : mapping, optional
        ``{date or year: value}``, a path of values: each from its date until the next.  A year
        ``Y`` means ``desde``'s day and month in ``Y`` (1 January when ``desde`` is not given).
        The first date must be ``desde``.  In TOML: ``trayectoria = { 2027 = 1050, 2028 = 1100 }``.
    donde : mapping, optional
        ``{column: value}``: only rows with these values change (e.g. one salary band).
    columna : str
        Value column to change (default ``"value"``).
    descripcion : str
        One line saying what the overlay does (shown in results and citations).

    Examples
    --------
    >>> from pensiones.rules.overlay import Reforma
    >>> Reforma(tabla="semanas_minimas", desde="2027-01-01", valor=1250)
    Reforma(tabla='semanas_minimas', desde=datetime.date(2027, 1, 1), valor=1250.0, factor=None, trayectoria=None, donde={}, columna='value', descripcion='')
    >>> r = Reforma(tabla="semanas_minimas", desde="2027-01-01", trayectoria={2027: 1050, 2029: 1100})
    >>> [(str(d), v) for d, v in r.trayectoria]
    [('2027-01-01', 1050.0), ('2029-01-01', 1100.0)]
    """  # noqa: E501 -- the expected repr of the doctest above is one line

    tabla: str = attrs.field(validator=_nombre)
    desde: dt.date | None = attrs.field(default=None, converter=_desde)
    valor: float | None = attrs.field(default=None, converter=_numero("valor"))
    factor: float | None = attrs.field(default=None, converter=_numero("factor", minimum=0.0))
    trayectoria: tuple | None = attrs.field(default=None, converter=_trayectoria)
    donde: dict = attrs.field(factory=dict, converter=_donde)
    columna: str = attrs.field(default="value", validator=_nombre)
    descripcion: str = attrs.field(default="", validator=_texto)
    _pasos: tuple = attrs.field(init=False, repr=False, eq=False, default=())
    _fechas: tuple = attrs.field(init=False, repr=False, eq=False, default=())

    def __attrs_post_init__(self):
        given = [k for k in ("valor", "factor", "trayectoria") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"reform of '{self.tabla}': give exactly one of 'valor', 'factor' or 'trayectoria'"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if self.trayectoria is not None:
            base = self.desde
            points = []
            for key, value in self.trayectoria:
                if isinstance(key, int):
                    key = _en_anio(base, key) if base is not None else dt.date(key, 1, 1)
                points.append((_check_fecha(f"trayectoria date {key}", key), value))
            points.sort(key=lambda p: p[0])
            for (a, _), (b, _) in zip(points, points[1:]):
                if a == b:
                    raise ValueError(f"reform of '{self.tabla}': trayectoria gives {a} twice")
            if base is None:
                object.__setattr__(self, "desde", points[0][0])
            elif points[0][0] != base:
                raise ValueError(
                    f"reform of '{self.tabla}': the first trayectoria date ({points[0][0]}) must be desde ({base})"
                )
            object.__setattr__(self, "trayectoria", tuple(points))
            pasos = tuple((d, "valor", v) for d, v in points)
        elif self.desde is None:
            raise ValueError(f"reform of '{self.tabla}': 'desde' is required (the first date of effect)")
        elif self.valor is not None:
            pasos = ((self.desde, "valor", self.valor),)
        else:
            pasos = ((self.desde, "factor", self.factor),)
        object.__setattr__(self, "_pasos", pasos)
        object.__setattr__(self, "_fechas", tuple(p[0] for p in pasos))

    # -- what the overlay does on a date -------------------------------------------------
    @property
    def campo(self) -> str:
        """The field that sets the change: ``"valor"``, ``"factor"`` or ``"trayectoria"``."""
        return "valor" if self.valor is not None else "factor" if self.factor is not None else "trayectoria"

    @property
    def pasos(self) -> tuple[tuple[dt.date, str, float], ...]:
        """``(date, "valor" or "factor", number)``: what holds from each date on."""
        return self._pasos

    def paso_en(self, fecha: dt.date) -> tuple[dt.date, str, float] | None:
        """The step in force on ``fecha`` (None before ``desde``)."""
        i = bisect.bisect_right(self._fechas, fecha) - 1
        return self._pasos[i] if i >= 0 else None

    def cambio(self) -> str:
        """A short text of the change, e.g. ``"factor 1.1"``."""
        if self.trayectoria is not None:
            return "trayectoria " + ", ".join(f"{d}: {v:g}" for d, v in self.trayectoria)
        return f"valor {self.valor:g}" if self.valor is not None else f"factor {self.factor:g}"

    def etiqueta(self, i: int | None = None) -> str:
        """How messages name the overlay: ``reform 2 (tasa_patronal_ceav from 2027-01-01)``."""
        return f"reform {'' if i is None else str(i) + ' '}({self.tabla} from {self.desde})"


# -- applying overlays to looked-up rows ------------------------------------------------------
#: Largest whole number an integer column takes from an overlay: floats are exact integers up to
#: 2**53, and a larger value would wrap when stored as int64 (a factor of 1e300 gave -9.22e18).
ENTERO_MAX = 2**53


def _entero(x: float) -> bool:
    return math.isfinite(x) and abs(x) <= ENTERO_MAX and abs(x - round(x)) <= _TOL_ENTERO * max(1.0, abs(x))


def _valor_columna(x: float, column: Column):
    """A changed value in the column's type: whole numbers stay ints in an int column."""
    if column.type == "int" and _entero(x):
        return int(round(x))
    return x


def _nulo(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


# A change is ("valor", v): the value becomes v, or ("factor", f): the value is multiplied by f
# (an empty cell stays empty); None changes nothing.  Overlays applied in order compose into one
# change: a later valor replaces, a later factor multiplies.
def _componer(primero, despues):
    """The change ``despues`` applied after ``primero``."""
    if despues is None:
        return primero
    if primero is None or despues[0] == "valor":
        return despues
    return (primero[0], primero[1] * despues[1])


def _aplicar_cambio(cambio, old: float) -> float:
    if cambio is None:
        return old
    if cambio[0] == "valor":
        return cambio[1]
    return old if math.isnan(old) else old * cambio[1]


class Compuesta:
    """The overlays of one table compiled for lookups: the composite change on any date in O(log n).

    For each value column and each combination of the values a row holds in the ``donde``
    columns, the overlays that touch such a row are swept once in date order through a segment
    tree over their order (a step of an overlay replaces its leaf; the root is the composition of
    all overlays in force), so ``n`` overlays compile in O(n log n) and a lookup is a bisection.

    Parameters
    ----------
    reformas : sequence of Reforma
        The overlays of one table, in the order they apply.
    """

    def __init__(self, reformas: Sequence[Reforma]):
        self.reformas = tuple(reformas)
        self.columnas = tuple(dict.fromkeys(ov.columna for ov in self.reformas))
        self._donde = tuple(sorted({c for ov in self.reformas for c in ov.donde}))
        self._compiladas: dict = {}

    def _firma(self, row: Mapping) -> tuple:
        return tuple(None if _nulo(row.get(c)) else row.get(c) for c in self._donde)

    def _compilar(self, columna: str, firma: tuple) -> tuple[list, list]:
        valores = dict(zip(self._donde, firma))
        propias = [
            ov for ov in self.reformas
            if ov.columna == columna and all(valores.get(c) == v for c, v in ov.donde.items())
        ]
        eventos = sorted(
            ((d, k, (kind, x)) for k, ov in enumerate(propias) for d, kind, x in ov.pasos), key=lambda e: e[0]
        )
        size = 1
        while size < max(1, len(propias)):
            size *= 2
        tree: list = [None] * (2 * size)
        fechas: list = []
        cambios: list = []
        for j, (d, k, cambio) in enumerate(eventos):
            i = size + k
            tree[i] = cambio
            i //= 2
            while i:
                tree[i] = _componer(tree[2 * i], tree[2 * i + 1])
                i //= 2
            if j + 1 < len(eventos) and eventos[j + 1][0] == d:
                continue  # several steps on one date: record once, after all of them
            fechas.append(d)
            cambios.append(tree[1])
        return fechas, cambios

    def cambio(self, columna: str, row: Mapping, fecha: dt.date):
        """The composite change of ``columna`` for ``row`` on ``fecha`` (None: unchanged)."""
        key = (columna, self._firma(row))
        hit = self._compiladas.get(key)
        if hit is None:
            hit = self._compiladas[key] = self._compilar(*key)
        fechas, cambios = hit
        i = bisect.bisect_right(fechas, fecha) - 1
        return cambios[i] if i >= 0 else None


def _compuesta(reformas) -> Compuesta:
    return reformas if isinstance(reformas, Compuesta) else Compuesta(reformas)


def modificar_fila(reformas, row: dict, fecha: dt.date, meta: TableMeta) -> dict:
    """``row`` (the law's row in force on ``fecha``) with the overlays in force on ``fecha``.

    ``reformas`` is the table's overlays in order, or their :class:`Compuesta`.
    """
    compuesta = _compuesta(reformas)
    cambios = [(col, compuesta.cambio(col, row, fecha)) for col in compuesta.columnas]
    for col, cambio in cambios:
        if cambio is None:
            continue
        old = row[col]
        old = math.nan if _nulo(old) else float(old)
        if cambio[0] == "factor" and math.isnan(old):
            continue
        row[col] = _valor_columna(_aplicar_cambio(cambio, old), meta.column(col))
    return row


def _columna(values: np.ndarray, column: Column) -> np.ndarray | pd.Series:
    """Float values back in the column's dtype when they are whole numbers (int columns)."""
    if column.type != "int":
        return values
    finite = values[~np.isnan(values)]
    if not all(_entero(float(x)) for x in finite):
        return values
    if column.nullable:
        return pd.array([None if math.isnan(x) else int(round(x)) for x in values], dtype="Int64")
    return np.round(values).astype(np.int64)


def _mask(rows: pd.DataFrame, donde: dict) -> np.ndarray:
    mask = np.ones(len(rows), dtype=bool)
    for c, v in donde.items():
        mask &= (rows[c] == v).to_numpy(dtype=bool)
    return mask


def _aplicar_a_filas(
    compuesta: Compuesta, rows: pd.DataFrame, fechas: Sequence[dt.date], meta: TableMeta
) -> pd.DataFrame:
    """``rows`` changed in place, row ``r`` by the overlays in force on ``fechas[r]``."""
    if not len(rows):
        return rows
    records = rows[list(compuesta._donde)].to_dict("records") if compuesta._donde else [{}] * len(rows)
    for col in compuesta.columnas:
        old = rows[col].to_numpy(dtype=float, na_value=np.nan)
        new = old.copy()
        for r in range(len(rows)):
            new[r] = _aplicar_cambio(compuesta.cambio(col, records[r], fechas[r]), old[r])
        if not np.array_equal(new, old, equal_nan=True):
            rows[col] = _columna(new, meta.column(col))
    return rows


def modificar_filas(reformas, rows: pd.DataFrame, fecha: dt.date, meta: TableMeta) -> pd.DataFrame:
    """``rows`` (the law's rows in force on ``fecha``, a copy) with the overlays in force on ``fecha``."""
    return _aplicar_a_filas(_compuesta(reformas), rows, [fecha] * len(rows), meta)


# -- the rewritten table: checks at load -------------------------------------------------------
Fila = Callable[[dt.date, dict], dict]
Filas = Callable[[dt.date], pd.DataFrame]


def _claves(frame: pd.DataFrame, meta: TableMeta) -> list[dict]:
    axes = list(meta.axes)
    return frame[axes].drop_duplicates().to_dict("records") if axes else [{}]


def _reescribir(table: Table, reformas: Sequence[tuple[int, Reforma]], fila: Fila, filas: Filas,
                compuesta: Compuesta | None = None) -> pd.DataFrame:
    """The law's rows with the overlays applied, plus a row (series) or a snapshot on each step date."""
    meta, law = table.meta, table.frame
    compuesta = compuesta or Compuesta([ov for _, ov in reformas])
    frame = _aplicar_a_filas(compuesta, law.copy(), law["effective_from"].tolist(), meta)

    extra: list[pd.DataFrame] = []
    records: list[dict] = []
    seen: set = set()
    law_dates = set(law["effective_from"])
    claves = _claves(law, meta) if meta.layout == "series" else []
    propias = []  # per axis key: its first date and the dates the law gives it
    for key in claves:
        own = law
        for c, v in key.items():
            own = own[own[c] == v]
        propias.append((own["effective_from"].iloc[0], set(own["effective_from"])))
    for i, ov in reformas:
        for paso in ov.pasos:
            s = paso[0]
            try:
                if meta.layout == "snapshot":
                    if s in law_dates or s in seen:
                        continue
                    seen.add(s)
                    rows = filas(s).copy()
                    rows["effective_from"] = s
                    rows["csv_line"] = 0
                    extra.append(rows.reindex(columns=law.columns))
                    continue
                for key, (first, own_dates) in zip(claves, propias):
                    if any(c in key and key[c] != v for c, v in ov.donde.items()):
                        continue
                    tag = (s, tuple(key.items()))
                    if tag in seen or s in own_dates:
                        continue
                    if s < first:
                        raise RuleLookupError(
                            f"rule table '{meta.name}' starts on {first}"
                            + (f" ({', '.join(f'{c}={v!r}' for c, v in key.items())})" if key else "")
                            + f": no law to change on {s}"
                        )
                    row = fila(s, key)
                    if not all(row.get(c) == v for c, v in ov.donde.items()):
                        continue
                    seen.add(tag)
                    rec = {c: row.get(c) for c in law.columns}
                    rec.update(key, effective_from=s, csv_line=0)
                    records.append(rec)
            except RuleLookupError as exc:
                raise ValueError(f"{ov.etiqueta(i)}: {exc}") from None
    if records:
        extra.append(pd.DataFrame(records, columns=law.columns))
    if extra:
        frame = pd.concat([frame, *extra], ignore_index=True)
        for c in meta.values:
            if meta.column(c).type in ("int", "float"):
                frame[c] = _columna(frame[c].to_numpy(dtype=float, na_value=np.nan), meta.column(c))
        frame["csv_line"] = frame["csv_line"].astype(np.int64)
    return frame.sort_values("effective_from", kind="stable").reset_index(drop=True)


def _citas(meta: TableMeta, reformas: Sequence[tuple[int, Reforma]]) -> tuple[Citation, ...]:
    """The law's citations, marked as changed after the first overlay date, plus one per step date."""
    primera = min(ov.desde for _, ov in reformas)
    by_date: dict[dt.date, Citation] = {}
    for c in meta.citations:
        if c.desde >= primera:
            c = attrs.evolve(c, article=f"{c.article} (changed by reform overlays from {primera})", status="assumption")
        by_date[c.desde] = c
    texts: dict[dt.date, list[str]] = {}
    for _, ov in reformas:
        text = f"Reform overlay: {ov.descripcion or ov.cambio()}"
        for s, _, _ in ov.pasos:
            texts.setdefault(s, []).append(text)
    for s, added in texts.items():  # joined once per date: linear in the number of overlays
        text = "; ".join(added)
        if s in by_date:
            prev = by_date[s]
            by_date[s] = Citation(s, f"{prev.article}; {text}", prev.dof, "assumption", prev.source or "scenario")
        else:
            try:
                law = meta.citation_for(s)
                by_date[s] = Citation(s, f"{law.article}; {text}", law.dof, "assumption", law.source or "scenario")
            except KeyError:
                by_date[s] = Citation(s, text, s, "assumption", "scenario")
    return tuple(by_date[d] for d in sorted(by_date))


def _vigentes(frame: pd.DataFrame, meta: TableMeta, desde: dt.date) -> pd.DataFrame:
    """Rows in force on ``desde`` or taking effect later (per axis key for a series)."""
    if meta.layout == "series" and meta.axes:
        groups = [g for _, g in frame.groupby(list(meta.axes), sort=False)]
    else:
        groups = [frame]
    parts = []
    for g in groups:
        before = g.loc[g["effective_from"] <= desde, "effective_from"]
        cut = before.max() if len(before) else g["effective_from"].min()
        parts.append(g[g["effective_from"] >= cut])
    return pd.concat(parts)


def _comprobar(table: Table, i: int, ov: Reforma, vigentes_en: dict | None = None) -> None:
    """Checks of one overlay against its table that need no lookup: column, 'donde', the values' domain."""
    meta, frame = table.meta, table.frame
    where = ov.etiqueta(i)
    if ov.columna not in meta.values:
        raise ValueError(
            f"{where}: columna must be one of {', '.join(meta.values)}; got {ov.columna!r}"
            + did_you_mean(ov.columna, meta.values)
        )
    column = meta.column(ov.columna)
    if column.type not in ("int", "float"):
        raise ValueError(f"{where}: column {ov.columna!r} holds text, not numbers")
    if ov.columna in meta.referencia:
        numericas = [c for c in meta.values if meta.column(c).type in ("int", "float")]
        leidas = ", ".join(f"{meta.name}.{c}" for c in numericas if c not in meta.referencia) or "no column of it"
        raise ValueError(
            f"{where}: {meta.name}.{ov.columna} is a published figure kept for back-tests; no calculation reads it, "
            f"so an overlay on it would change nothing; the engine reads {leidas}"
        )
    # 'donde' must match rows the overlay can change: those in force on desde or later
    vigentes_en = {} if vigentes_en is None else vigentes_en
    if ov.donde and ov.desde not in vigentes_en:
        vigentes_en[ov.desde] = _vigentes(frame, meta, ov.desde)
    vigentes = vigentes_en.get(ov.desde)
    for col, value in ov.donde.items():
        if col not in frame.columns or col in ("effective_from", "csv_line"):
            known = ", ".join(c for c in frame.columns if c not in ("effective_from", "csv_line"))
            raise ValueError(
                f"{where}: 'donde' names unknown column {col!r}; columns: {known}"
                + did_you_mean(col, known.split(", "))
            )
        if not (vigentes[col] == value).any():
            values = ", ".join(sorted(map(str, set(vigentes[col]))))
            raise ValueError(
                f"{where}: 'donde' {col}={value!r} matches no row in force from {ov.desde} on; values: {values}"
            )
    if ov.donde and not _mask(vigentes, ov.donde).any():
        raise ValueError(f"{where}: 'donde' {ov.donde} matches no row in force from {ov.desde} on")
    domain = meta.domain.get(ov.columna)
    for d, kind, x in ov.pasos:
        if kind != "valor":
            continue
        field = ov.campo
        at = f" (on {d})" if ov.trayectoria is not None else ""
        if domain is not None and not domain.contains(x):
            raise ValueError(
                f"{where}, field '{field}': {x:g}{at} is outside the domain {domain} of {meta.name}.{ov.columna} "
                f"(unit {meta.unit})"
            )
        if column.type == "int" and not _entero(x):
            raise ValueError(
                f"{where}, field '{field}': {x:g}{at} is not a whole number; "
                f"{meta.name}.{ov.columna} holds whole {meta.unit}"
            )


def _responsable(reformas: Sequence[tuple[int, Reforma]], row: pd.Series, col: str) -> tuple[int, Reforma]:
    """The last overlay that changed ``col`` of ``row`` (a row of the rewritten table)."""
    for i, ov in reversed(reformas):
        if (
            ov.columna == col
            and ov.paso_en(row["effective_from"]) is not None
            and all(row[c] == v for c, v in ov.donde.items())
        ):
            return i, ov
    raise AssertionError("a packaged value outside its domain passed the loader")  # pragma: no cover


def _comprobar_dominio(meta: TableMeta, frame: pd.DataFrame, reformas: Sequence[tuple[int, Reforma]]) -> None:
    for col in {ov.columna for _, ov in reformas}:
        domain, column = meta.domain.get(col), meta.column(col)
        values = frame[col].to_numpy(dtype=float, na_value=np.nan)
        for r, x in enumerate(values):
            if math.isnan(x):
                continue
            inside = domain is None or domain.contains(x)
            whole = column.type != "int" or _entero(x)
            if inside and whole:
                continue
            row = frame.iloc[r]
            i, ov = _responsable(reformas, row, col)
            ejes = meta.key if meta.layout == "snapshot" else meta.axes
            key = [f"{k}={getattr(row[k], 'item', lambda: row[k])()!r}" for k in ejes]  # numpy scalars as numbers
            at = f"on {row['effective_from']}" + (f" ({', '.join(key)})" if key else "")
            if not inside:
                what = f"outside the domain {domain}"
            elif not abs(x) <= ENTERO_MAX:
                what = f"beyond the largest whole number a {col} column holds ({ENTERO_MAX:,})"
            else:
                what = "not a whole number"
            raise ValueError(
                f"{ov.etiqueta(i)}, field '{ov.campo}': {meta.name}.{col} would be {x:g} {at}, {what} "
                f"(unit {meta.unit})"
            )


def _culpable(reformas: Sequence[tuple[int, Reforma]], row: pd.Series, col: str) -> tuple[int, Reforma]:
    """The overlay that changed ``col`` of ``row``, else the last one in force on its date."""
    try:
        return _responsable(reformas, row, col)
    except AssertionError:
        d = row["effective_from"]
        en_vigor = [(i, ov) for i, ov in reformas if ov.columna == col and ov.desde <= d]
        return (en_vigor or list(reformas))[-1]


def _comprobar_orden(meta: TableMeta, frame: pd.DataFrame, reformas: Sequence[tuple[int, Reforma]]) -> None:
    """Pairs of columns declared ordered (``orden``: ``edad_minima <= edad_maxima``) stay ordered."""
    hit = fuera_de_orden(frame, meta)
    if hit is None:
        return
    r, low, high = hit
    row = frame.iloc[r]
    i, ov = next(((i, ov) for i, ov in reversed(reformas) if ov.columna in (low, high)), reformas[-1])
    raise ValueError(
        f"{ov.etiqueta(i)}, field '{ov.campo}': on {row['effective_from']} {meta.name}.{high} would be "
        f"{float(row[high]):g}, below {low} = {float(row[low]):g}; {low} <= {high} must hold"
    )


def _comprobar_variacion(
    meta: TableMeta, frame: pd.DataFrame, reformas: Sequence[tuple[int, Reforma]], fila: Fila
) -> None:
    """A price or wage index (``[variacion_anual]``) changes over a year within its declared bound.

    Each row from the first overlay date on is compared with the value the reformed rule set gives
    a year before (law, projection and overlays), so an overlay cannot make a price index jump or
    collapse: an INPC of 1e-9 would make every constant-peso amount 10^11 times too large.
    """
    cols = [c for c in meta.variacion_anual if any(ov.columna == c for _, ov in reformas)]
    if not cols:
        return
    primera = min(ov.desde for _, ov in reformas)
    axes = list(meta.axes)
    for r in np.flatnonzero((frame["effective_from"] >= primera).to_numpy()):
        row = frame.iloc[r]
        d = row["effective_from"]
        try:
            before = fila(un_anio_antes(d), {a: row[a] for a in axes})
        except (RuleLookupError, BeyondLastValue, KeyError):
            continue  # no value a year before (the table starts later)
        for col in cols:
            x, x0 = row[col], before.get(col)
            if _nulo(x) or _nulo(x0) or float(x0) <= 0:
                continue
            change = float(x) / float(x0) - 1.0
            bound = meta.variacion_anual[col]
            if not bound.contains(change):
                i, ov = _culpable(reformas, row, col)
                raise ValueError(
                    f"{ov.etiqueta(i)}, field '{ov.campo}': {meta.name}.{col} would be {float(x):g} on {d} against "
                    f"{float(x0):g} a year before, a change of {100 * change:+.4g} %, outside the yearly change "
                    f"{100 * bound.low:g} % to {100 * bound.high:g} % allowed for a price or wage index"
                )


def reescribir_tabla(table: Table, reformas: Sequence[tuple[int, Reforma]], fila: Fila, filas: Filas,
                     compuesta: Compuesta | None = None) -> Table:
    """The table with ``reformas`` ((position, overlay) pairs, in order) applied, checked like a packaged one.

    ``fila(date, key)`` and ``filas(date)`` are the lookups of the reformed rule set (law, then
    projection, then overlays); they give the rows added on each overlay date.  ``compuesta`` is
    the overlays compiled (:class:`Compuesta`), when the caller already has it.

    Raises
    ------
    ValueError
        Naming the overlay (position, table, date) and its field: unknown column, a column of
        published figures no calculation reads, a ``donde`` that matches no row, a date before the
        table starts or where the law has no value, a value outside the column's declared domain
        or not a whole number in an integer column, a pair of ordered columns out of order
        (``edad_minima`` above ``edad_maxima``), or a price or wage index changing over a year by
        more than its declared ``[variacion_anual]`` bound.
    """
    vigentes: dict = {}
    for i, ov in reformas:
        _comprobar(table, i, ov, vigentes)
    frame = _reescribir(table, reformas, fila, filas, compuesta)
    _comprobar_dominio(table.meta, frame, reformas)
    _comprobar_orden(table.meta, frame, reformas)
    _comprobar_variacion(table.meta, frame, reformas, fila)
    meta = attrs.evolve(table.meta, citations=_citas(table.meta, reformas))
    _check_rows(f"{meta.name} (with reform overlays)", frame, meta, variacion=False)
    return Table(meta, frame)


def aplicar(table: Table, reforma: Reforma) -> Table:
    """A new :class:`Table`: ``table`` with one overlay applied, validated like a packaged table.

    The table on its own has no rule set, hence no projection: past its last value only an
    overlay that needs none answers.  Use :meth:`pensiones.rules.RuleSet.con_reformas` to
    apply overlays to a rule set (lookups then apply them to projected values too).

    Examples
    --------
    >>> import pensiones
    >>> from pensiones.rules.overlay import Reforma, aplicar
    >>> t = pensiones.rules.load().rule_table("tasa_patronal_ceav")
    >>> r = Reforma(tabla="tasa_patronal_ceav", desde="2027-01-01", factor=1.1, donde={"banda": "4.01 UMA en adelante"})
    >>> new = aplicar(t, r)
    >>> top = new.frame[new.frame.banda == "4.01 UMA en adelante"].set_index("effective_from")["value"]
    >>> round(float(top.iloc[-1]), 6)      # 2031 on: 1.1 x 11.875 %
    0.130625
    """
    if not isinstance(reforma, Reforma):
        raise ValueError(f"aplicar takes a Reforma, got {type(reforma).__name__}")
    if reforma.tabla != table.name:
        raise ValueError(f"{reforma.etiqueta()}: the table given is '{table.name}'")
    meta = table.meta

    def fila(fecha: dt.date, key: dict) -> dict:
        rows = table.rows_in_force(fecha, **key)
        if len(rows) != 1:
            raise RuleLookupError(f"rule table '{meta.name}': {len(rows)} rows in force on {fecha}; name the key")
        return modificar_fila((reforma,), rows.iloc[0].to_dict(), fecha, meta)

    def filas(fecha: dt.date) -> pd.DataFrame:
        return modificar_filas((reforma,), table.rows_in_force(fecha).copy(), fecha, meta)

    try:
        return reescribir_tabla(table, ((1, reforma),), fila, filas)
    except BeyondLastValue as exc:
        raise ValueError(f"{reforma.etiqueta()}: {exc}; apply it with RuleSet.con_reformas, which projects") from None
