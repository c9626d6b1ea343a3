"""Rule sets: the tables of one legal regime, with assumptions, criteria and lookups."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

import attrs
import numpy as np
import pandas as pd

from pensiones._deprecation import modulo_renombrado as _modulo_renombrado
from pensiones._deprecation import renombrado
from pensiones._validation import as_date, check_choice, check_integer, did_you_mean
from pensiones.calendario import ANIO_MAX, ANIO_MIN, DIAS_POR_MES, MESES_POR_ANIO
from pensiones.rules.errors import RuleLookupError
from pensiones.rules.loader import load_table
from pensiones.rules.projection import PROJECTIONS
from pensiones.rules.supuestos import Criterios, Supuestos, inicio_salario_minimo_rcv
from pensiones.rules.table import BeyondLastValue, Table

__all__ = ["RuleSet", "load", "REGIMENES", "lookup_date", "INICIO_LEY97"]

#: Rule sets shipped with the library: the law in force and the law before the 2020 reform.
REGIMENES = ("lss2020", "lss1997")

_DATA = resources.files("pensiones.rules") / "data"


#: First day of the LSS 1997 (DOF 21-12-1995, in force from 1 July 1997): the first date of the law's timeline.
INICIO_LEY97 = dt.date(1997, 7, 1)


def lookup_date(anio: object, name: str = "anio") -> dt.date:
    """Reference date of a year for annual lookups: 1 February (1 July for 1997).

    On 1 February every annual value of a year is in force: the minimum wage (1 January),
    the contribution tables (1 January), the UMA and the guaranteed-pension update
    (1 February).  The year 1997 reads on 1 July 1997, the day the LSS 1997 came into force
    and the first date of the law's timeline.  A :class:`datetime.date` is returned unchanged.
    """
    if isinstance(anio, dt.date):
        check_integer(f"{name} (year of the date)", anio.year, minimum=ANIO_MIN, maximum=ANIO_MAX)
        return anio if not isinstance(anio, dt.datetime) else anio.date()
    year = check_integer(name, anio, minimum=ANIO_MIN, maximum=ANIO_MAX)
    return max(dt.date(year, 2, 1), INICIO_LEY97)


#: The packaged tables of each regime, by the id of their dict (kept alive by ``_load_tables``'s cache).
_EMPAQUETADAS: dict[int, str] = {}


@functools.cache
def _load_tables(regimen: str) -> dict[str, Table]:
    """The packaged tables of ``regimen``, validated once per package version: a new process reads
    the validated tables from the cache folder (:func:`pensiones._derivados.pickled`)."""
    from pensiones._derivados import pickled

    tables = pickled(f"reglas_{regimen}", lambda: _read_tables(regimen), _are_tables)
    _EMPAQUETADAS[id(tables)] = regimen
    return tables


def _read_tables(regimen: str) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    projections = tuple(PROJECTIONS)
    for folder in ("comun", regimen):
        base = Path(str(_DATA / folder))
        for path in sorted(base.glob("*.csv")):
            tables[path.stem] = load_table(path, projections)
    return tables


def _are_tables(obj) -> bool:
    return isinstance(obj, dict) and all(isinstance(k, str) and isinstance(v, Table) for k, v in obj.items())


def _por_tabla(rs: RuleSet) -> dict[str, tuple]:
    out: dict[str, list] = {}
    for i, ov in enumerate(rs.reformas, start=1):
        out.setdefault(ov.tabla, []).append((i, ov))
    return {name: tuple(items) for name, items in out.items()}


@attrs.frozen(eq=False)
class RuleSet:
    """The rule tables of one regime with the assumptions and criteria used to read them.

    Use :func:`load` to build one.  A rule set is immutable: :meth:`evolve` returns a new
    one with other assumptions or criteria, :meth:`con_reformas` one with reform overlays.

    Attributes
    ----------
    regimen : str
        ``"lss2020"`` (the law in force: one timeline from 1 July 1997, the DOF 16-12-2020
        reform from its dates) or ``"lss1997"`` (the law before the reform continued after 2020,
        for counterfactuals).
    supuestos : Supuestos
        Economic assumptions for projected values.
    criterios : Criterios
        Readings of the open legal questions.
    reformas : tuple of Reforma
        Reform overlays, in the order they apply (see :mod:`pensiones.rules.overlay`).
    """

    regimen: str
    supuestos: Supuestos
    criterios: Criterios
    _tables: dict[str, Table] = attrs.field(repr=False)
    reformas: tuple = attrs.field(default=(), converter=tuple)
    _cache: dict = attrs.field(factory=dict, repr=False, init=False)
    _overlays: dict = attrs.field(default=attrs.Factory(_por_tabla, takes_self=True), repr=False, init=False)
    _registros: list = attrs.field(factory=list, repr=False, init=False)

    def __repr__(self) -> str:
        return (f"RuleSet(regimen={self.regimen!r}, tables={len(self._tables)}, reformas={len(self.reformas)}, "
                f"supuestos={self.supuestos!r}, criterios={self.criterios!r})")

    def _repr_html_(self) -> str:
        import html

        reformas = "".join(f"<li>{html.escape(str(r))}</li>" for r in self.reformas) or "<li>none</li>"
        return (f"<div><b>RuleSet</b> <code>{html.escape(self.regimen)}</code>: {len(self._tables)} dated, cited "
                f"tables (<code>.names</code>)<br>Reforms:<ul>{reformas}</ul>{self.supuestos._repr_html_()}"
                f"{self.criterios._repr_html_()}</div>")

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the tables in this rule set."""
        return tuple(sorted(self._tables))

    def _ley(self, name: str) -> Table:
        try:
            return self._tables[name]
        except KeyError:
            raise KeyError(
                f"rule set '{self.regimen}' has no table {name!r}; tables: {', '.join(self.names)}"
                + did_you_mean(name, self.names)
            ) from None

    def rule_table(self, name: str) -> Table:
        """The :class:`Table` object (metadata and rows), with this rule set's overlays applied.

        A table changed by overlays shows the law's rows rewritten plus one row (or snapshot)
        on each overlay date; its citations name the overlays.
        """
        table = self._ley(name)
        self._leer(name, dt.date.max)
        if name not in self._overlays:
            return table
        return self._reescrita(name)

    def _reescrita(self, name: str) -> Table:
        key = ("tabla", name)
        if key not in self._cache:
            from pensiones.rules.overlay import reescribir_tabla

            self._cache[key] = reescribir_tabla(
                self._ley(name),
                self._overlays[name],
                lambda fecha, axes: dict(self.row(name, fecha, **axes)),
                lambda fecha: self.rows(name, fecha),
                self._compuesta(name),
            )
        return self._cache[key]

    def _compuesta(self, name: str):
        """The overlays of table ``name`` compiled for lookups (:class:`~pensiones.rules.overlay.Compuesta`)."""
        key = ("compuesta", name)
        if key not in self._cache:
            from pensiones.rules.overlay import Compuesta

            self._cache[key] = Compuesta([ov for _, ov in self._overlays[name]])
        return self._cache[key]

    def table(self, name: str) -> pd.DataFrame:
        """A copy of table ``name`` as a DataFrame, its metadata in ``.attrs['meta']``.

        Examples
        --------
        >>> import pensiones
        >>> uma = pensiones.rules.load().table("uma")
        >>> uma.attrs["meta"].unit
        'pesos_diarios'
        >>> float(uma.loc[uma.effective_from.astype(str) == "2026-02-01", "value"].iloc[0])
        117.31
        """
        return self.rule_table(name).to_frame()

    def with_reforms(self, reformas) -> RuleSet:
        """A rule set with reform overlays (:class:`~pensiones.rules.overlay.Reforma`) added after this one's.

        Every overlay is checked here, not during a run: its table and column exist, its
        ``donde`` matches rows, the law has a value on its dates, and every value it gives
        lies in the column's declared domain (a whole number in an integer column).

        Raises
        ------
        ValueError
            Naming the overlay (its position, table and date) and the field at fault; or, before
            any check, more than :data:`~pensiones.rules.overlay.CAMBIOS_MAX` dated changes in all.

        Examples
        --------
        >>> import pensiones
        >>> from pensiones.scenarios import Reforma
        >>> rs = pensiones.rules.load()
        >>> top = {"banda": "4.01 UMA en adelante"}
        >>> r = rs.with_reforms([Reforma(tabla="tasa_patronal_ceav", desde="2027-01-01", factor=1.1, donde=top)])
        >>> def tasa(reglas, anio):
        ...     return float(reglas.rows("tasa_patronal_ceav", f"{anio}-02-01", **top)["value"].iloc[0])
        >>> tasa(rs, 2026) == tasa(r, 2026), round(tasa(r, 2030) / tasa(rs, 2030), 12)
        (True, 1.1)
        """
        from pensiones.rules.overlay import CAMBIOS_MAX, Reforma

        reformas = tuple(reformas)
        cambios = sum(len(getattr(ov, "pasos", ())) for ov in self.reformas + reformas)
        if cambios > CAMBIOS_MAX:
            raise ValueError(
                f"{len(self.reformas) + len(reformas):,} reform overlays give {cambios:,} dated changes; a rule set "
                f"takes at most {CAMBIOS_MAX:,} (pensiones.rules.overlay.CAMBIOS_MAX): merge overlays into "
                f"trayectorias or split the reform"
            )
        for i, ov in enumerate(reformas, start=len(self.reformas) + 1):
            if not isinstance(ov, Reforma):
                raise ValueError(f"reform {i} must be a pensiones.scenarios.Reforma, got {type(ov).__name__}")
            if ov.tabla not in self._tables:
                raise ValueError(
                    f"{ov.etiqueta(i)}: unknown table {ov.tabla!r}; tables: {', '.join(self.names)}"
                    + did_you_mean(ov.tabla, self.names)
                )
        if not reformas:
            return self
        new = RuleSet(self.regimen, self.supuestos, self.criterios, self._tables, self.reformas + reformas)
        new._validar()
        return new

    def overlays_on(self, *names: str) -> str:
        """Text naming this rule set's overlays on tables ``names``, for messages of checks that read
        several tables at run time (``""`` when none changes them).

        Examples
        --------
        >>> import pensiones
        >>> from pensiones.scenarios import Reforma
        >>> rs = pensiones.rules.load().with_reforms([Reforma(tabla="licencia_140bis", desde="2027-01-01",
        ...                                                   columna="dias_max_periodo", valor=200)])
        >>> rs.overlays_on("licencia_140bis", "licencia_140bis_uso")
        '; tables changed by reform 1 (licencia_140bis from 2027-01-01)'
        """
        hits = [ov.etiqueta(i) for i, ov in enumerate(self.reformas, start=1) if ov.tabla in names]
        return f"; tables changed by {', '.join(hits)}" if hits else ""

    def _validar(self) -> None:
        """Rewrite every overlaid table once: the checks of :meth:`con_reformas`."""
        for name in self._overlays:
            self._reescrita(name)

    def evolve(self, *, supuestos: Supuestos | None = None, criterios: Criterios | None = None) -> RuleSet:
        """A rule set with the same tables and overlays and other assumptions or criteria."""
        new = RuleSet(
            self.regimen,
            self.supuestos if supuestos is None else supuestos,
            self.criterios if criterios is None else criterios,
            self._tables,
            self.reformas,
        )
        if new.reformas:
            new._validar()
        return new

    # -- which tables a computation reads --------------------------------------------------
    @contextlib.contextmanager
    def record_lookups(self) -> Iterator[dict[str, dt.date]]:
        """Record the tables that lookups on this rule set read while the block runs.

        Yields a dict ``{table name: latest date read}`` filled by :meth:`row`, :meth:`valor`,
        :meth:`rows` and :meth:`tabla` (which reads the whole table: ``datetime.date.max``),
        including the tables a projection reads (the UMA reads the INPC).  Pass it to
        :func:`pensiones.scenarios.check_reforms` to find overlays that a run never reads.
        Blocks may nest; the register is not shared between threads.

        Examples
        --------
        >>> import pensiones
        >>> rs = pensiones.rules.load()
        >>> with rs.record_lookups() as leidas:
        ...     _ = pensiones.ley97.semanas_minimas(2030, reglas=rs)
        >>> leidas
        {'semanas_minimas': datetime.date(2030, 2, 1)}
        """
        registro: dict[str, dt.date] = {}
        self._registros.append(registro)
        try:
            yield registro
        finally:
            self._quitar(registro)

    def _quitar(self, registro: dict) -> None:
        """Remove a register by identity (two registers may hold equal contents)."""
        for i in range(len(self._registros) - 1, -1, -1):
            if self._registros[i] is registro:
                del self._registros[i]
                return

    def _leer(self, name: str, fecha: dt.date) -> None:
        for registro in self._registros:
            prev = registro.get(name)
            if prev is None or fecha > prev:
                registro[name] = fecha

    def _repetir(self, lecturas: dict[str, dt.date]) -> None:
        for name, fecha in lecturas.items():
            self._leer(name, fecha)

    def replay_lookups(self, lecturas: Mapping[str, dt.date]) -> None:
        """Record ``{table name: latest date read}`` in the open :meth:`record_lookups` blocks.

        A result served from a cache (:mod:`pensiones._derivados`) replays the lookups that computing
        it made, so the tables a run reads are the same whether it computed or not.
        """
        self._repetir(dict(lecturas))

    @property
    def content_hash(self) -> str | None:
        """A hash of what this rule set answers from: the package's sources and rule data, its regime,
        assumptions, criteria and overlays (32 hex digits).

        Two rule sets with the same hash answer every lookup alike, so results derived from a rule
        set are cached under it (:mod:`pensiones._derivados`).  None for a rule set whose tables were not
        loaded from the package: nothing derived from it is cached.
        """
        if "content_hash" not in self._cache:
            from pensiones._derivados import content_hash

            packaged = _EMPAQUETADAS.get(id(self._tables)) == self.regimen
            parts = ("RuleSet", self.regimen, self.supuestos, self.criterios, self.reformas)
            self._cache["content_hash"] = content_hash(*parts) if packaged else None
        return self._cache["content_hash"]

    # -- lookups -------------------------------------------------------------------
    def row(self, name: str, fecha: object, **axes: object) -> dict:
        """The row of series table ``name`` in force on ``fecha``, projected if past the last value.

        Overlays apply after the projection: a factor multiplies the projected value too.
        """
        date = as_date("fecha", fecha)
        key = (name, date, tuple(sorted(axes.items())))
        hit = self._cache.get(key)
        if hit is not None:
            out, lecturas = hit
            if self._registros:
                self._leer(name, date)
                self._repetir(lecturas)
            return out
        self._leer(name, date)
        table = self._ley(name)
        lecturas: dict[str, dt.date] = {}
        try:
            rows = table.rows_in_force(date, **axes)
            if len(rows) != 1:
                raise RuleLookupError(f"rule table '{name}': {len(rows)} rows in force on {date}; name the key")
            out = rows.iloc[0].to_dict()
            out.pop("csv_line", None)
        except BeyondLastValue as exc:
            projection = PROJECTIONS[table.meta.projection]
            if projection is None:
                raise
            # the tables a projection reads are part of this lookup: replayed on cache hits
            self._registros.append(lecturas)
            try:
                out = projection(self, table, exc)
            finally:
                self._quitar(lecturas)
            self._repetir(lecturas)
            out.pop("csv_line", None)
            out["projected"] = True
        overlays = self._overlays.get(name)
        if overlays:
            from pensiones.rules.overlay import modificar_fila

            out = modificar_fila(self._compuesta(name), out, date, table.meta)
        self._cache[key] = (out, lecturas)
        return out

    def value(self, name: str, fecha: object, column: str = "value", **axes: object):
        """The value of ``column`` of series table ``name`` in force on ``fecha``.

        Raises before the first date; past the last value only a declared projection answers.

        Examples
        --------
        >>> import pensiones, datetime
        >>> rs = pensiones.rules.load()
        >>> rs.value("salario_minimo", datetime.date(2026, 3, 1), zona="general")
        315.04
        """
        value = self.row(name, fecha, **axes)[column]
        return value.item() if hasattr(value, "item") else value

    def rows(self, name: str, fecha: object, **axes: object) -> pd.DataFrame:
        """The rows of snapshot table ``name`` in force on ``fecha`` (filtered by ``axes``), overlays applied."""
        date = as_date("fecha", fecha)
        table = self._ley(name)
        self._leer(name, date)
        rows = table.rows_in_force(date, **axes).drop(columns="csv_line")
        overlays = self._overlays.get(name)
        if overlays:
            from pensiones.rules.overlay import modificar_filas

            rows = modificar_filas(self._compuesta(name), rows, date, table.meta)
        return rows

    def values(self, name: str, fechas, column: str = "value", **axes: object) -> np.ndarray:
        """The value of ``column`` of series table ``name`` in force on each of ``fechas``, as an array.

        The answers of :meth:`value` on each date, bit for bit, in float64 when every one is a
        number (else an object array), without a lookup per date (:mod:`pensiones.rules.dense`): the
        table is read into arrays once, past its last value the declared projection runs as one
        recurrence, overlays apply as in :meth:`value`.  Errors are :meth:`value`'s.

        Examples
        --------
        >>> import pensiones
        >>> rs = pensiones.rules.load()
        >>> rs.values("semanas_minimas", ["2020-06-01", "2021-06-01", "2040-02-01"]).tolist()
        [1250.0, 750.0, 1000.0]
        """
        from pensiones.rules.dense import values_on

        table = self._ley(name)
        dates = [as_date("fecha", f) for f in fechas]
        compuesta = self._compuesta(name) if name in self._overlays else None
        out = values_on(self, table, dates, column, axes, compuesta, self._fechas_reformas(name),
                        lambda d: self.value(name, d, column, **axes))
        if dates:
            self._leer(name, max(dates))
        return out

    def rows_by_date(self, name: str, fechas, **axes: object) -> tuple[list[pd.DataFrame], np.ndarray]:
        """The rows :meth:`rows` gives on each of ``fechas``: ``(frames, which)``, the distinct frames and
        the position in ``frames`` of each date's.

        One lookup per stretch of dates over which neither the table nor an overlay changes
        (:func:`pensiones.rules.dense.rows_on`); the frames are shared: copy one before changing it.
        """
        from pensiones.rules.dense import rows_on

        table = self._ley(name)
        dates = [as_date("fecha", f) for f in fechas]
        out = rows_on(self, table, name, dates, axes, self._fechas_reformas(name))
        if dates:
            self._leer(name, max(dates))
        return out

    def _fechas_reformas(self, name: str) -> list[dt.date]:
        """Dates of the steps of this rule set's overlays on table ``name``."""
        return [d for _, ov in self._overlays.get(name, ()) for d, _, _ in ov.pasos]

    # -- common quantities -----------------------------------------------------------
    def inpc(self, anio: int, mes: int) -> float:
        """INPC of month ``mes`` of ``anio`` (projected past the last published month)."""
        check_integer("mes", mes, minimum=1, maximum=12)
        return float(self.value("inpc", dt.date(anio, mes, 1)))

    def inpc_mes(self, mes: str) -> float:
        """INPC of a month given as 'YYYY-MM'."""
        year, month = (int(x) for x in mes.split("-"))
        return self.inpc(year, month)

    def uma_diaria(self, fecha: object) -> float:
        """UMA daily value in pesos in force on ``fecha`` (a date, or a year meaning its 1 February)."""
        return float(self.value("uma", lookup_date(fecha, "fecha")))

    def unidad_de_cuenta(self, fecha: object) -> float:
        """Daily unit of account in pesos: the UMA from 28-01-2016, before it the general minimum wage.

        The de-indexation decree (DOF 27-01-2016, transitorios Segundo and Tercero) replaced
        every legal reference to the minimum wage as a unit of account by the UMA, with an
        initial value equal to the minimum wage.  Band limits printed in UMA therefore read
        as minimum wages for earlier dates.
        """
        date = lookup_date(fecha, "fecha")
        first = self._ley("uma").frame["effective_from"].iloc[0]
        if date < first:
            return self.salario_minimo_diario(date)
        return self.uma_diaria(date)

    def unidad_de_cuenta_rcv(self, fecha: object) -> float:
        """Daily unit of the RCV salary bands in pesos: :meth:`unidad_de_cuenta`, or the general minimum
        wage from the date of ``Criterios.unidad_de_cuenta_rcv = "salario_minimo"``.

        The unit that band limits printed in UMA are read in: the employer CEAV rate (LSS art. 168
        fr. II, transitorio Segundo DOF 16-12-2020) and the cuota social (art. 168 fr. IV).  The Art.
        170 bands convert with it too (``garantizada.monto_tabla``).  Under the law in force (``"uma"``)
        it is :meth:`unidad_de_cuenta` on every date.

        Examples
        --------
        >>> import pensiones
        >>> rs = pensiones.rules.load(criterios=pensiones.Criterios(
        ...     unidad_de_cuenta_rcv="salario_minimo", unidad_de_cuenta_rcv_desde="2027-01"))
        >>> rs.unidad_de_cuenta_rcv(2026) == rs.uma_diaria(2026)
        True
        >>> rs.unidad_de_cuenta_rcv(2027) == rs.salario_minimo_diario(2027)
        True
        """
        date = lookup_date(fecha, "fecha")
        inicio = inicio_salario_minimo_rcv(self.criterios)
        if inicio is not None and date >= inicio:
            return self.salario_minimo_diario(date)
        return self.unidad_de_cuenta(date)

    def unidades_de_cuenta_rcv(self, fechas) -> np.ndarray:
        """:meth:`unidad_de_cuenta_rcv` on each of ``fechas`` (dates or years), as an array."""
        dates = [lookup_date(f, "fecha") for f in fechas]
        out = self.unidades_de_cuenta(dates)
        inicio = inicio_salario_minimo_rcv(self.criterios)
        if inicio is not None:
            sm = np.array([d >= inicio for d in dates], dtype=bool)
            if sm.any():
                out[sm] = self.values("salario_minimo", [d for d, s in zip(dates, sm) if s], zona="general")
        return out

    def tope_sbc_diario(self, fecha: object) -> float:
        """Upper limit of the SBC in pesos a day (LSS art. 28): 25 UMA (25 minimum wages before 2016)."""
        date = lookup_date(fecha, "fecha")
        row = self.row("tope_sbc", date)
        unit = self.uma_diaria(date) if row["unidad"] == "UMA" else self.salario_minimo_diario(date)
        return round(float(row["value"]) * unit, 2)

    def unidades_de_cuenta(self, fechas) -> np.ndarray:
        """:meth:`unidad_de_cuenta` on each of ``fechas`` (dates or years), as an array."""
        dates = [lookup_date(f, "fecha") for f in fechas]
        first = self._ley("uma").frame["effective_from"].iloc[0]
        antes = np.array([d < first for d in dates], dtype=bool)
        out = np.empty(len(dates))
        if antes.any():
            out[antes] = self.values("salario_minimo", [d for d, a in zip(dates, antes) if a], zona="general")
        if not antes.all():
            out[~antes] = self.values("uma", [d for d, a in zip(dates, antes) if not a])
        return out

    def topes_sbc_diarios(self, fechas) -> np.ndarray:
        """:meth:`tope_sbc_diario` on each of ``fechas`` (dates or years), as an array."""
        dates = [lookup_date(f, "fecha") for f in fechas]
        veces = self.values("tope_sbc", dates)
        en_uma = np.array([u == "UMA" for u in self.values("tope_sbc", dates, column="unidad")], dtype=bool)
        unit = np.empty(len(dates))
        if en_uma.any():
            unit[en_uma] = self.values("uma", [d for d, u in zip(dates, en_uma) if u])
        if not en_uma.all():
            unit[~en_uma] = self.values("salario_minimo", [d for d, u in zip(dates, en_uma) if not u], zona="general")
        return np.array([round(float(v) * float(u), 2) for v, u in zip(veces, unit)])

    def uma_mensual(self, fecha: object) -> float:
        """UMA monthly value: daily x 30.4, rounded to cents (LDVUMA art. 5)."""
        return round(self.uma_diaria(fecha) * DIAS_POR_MES, 2)

    def uma_anual(self, fecha: object) -> float:
        """UMA annual value: monthly x 12, rounded to cents (LDVUMA art. 5)."""
        return round(self.uma_mensual(fecha) * MESES_POR_ANIO, 2)

    def salario_minimo_diario(self, fecha: object, *, zona: str = "general") -> float:
        """Daily minimum wage in pesos in force on ``fecha`` (a date, or a year meaning its 1 February).

        ``zona="general"`` is the Distrito Federal / general-zone minimum wage that the LSS uses.
        """
        check_choice("zona", zona, ("general", "zlfn"))
        return float(self.value("salario_minimo", lookup_date(fecha, "fecha"), zona=zona))

    # deprecated spellings: English for the machinery (pensiones._deprecation; removed in 0.3)
    tabla = renombrado(rule_table, "RuleSet.tabla", "RuleSet.rule_table")
    con_reformas = renombrado(with_reforms, "RuleSet.con_reformas", "RuleSet.with_reforms")
    registro_lecturas = renombrado(record_lookups, "RuleSet.registro_lecturas", "RuleSet.record_lookups")
    valor = renombrado(value, "RuleSet.valor", "RuleSet.value")


def indice_actualizacion_rcv(rs: RuleSet, meses) -> np.ndarray:
    """The index that updates the cuota social and guaranteed-pension amounts, at each ``(year, month)``.

    The INPC of the month (LSS art. 168 fr. IV; art. 170 last paragraph) under the law in force.  Under
    ``Criterios.unidad_de_cuenta_rcv = "salario_minimo"`` from the date ``D``: an update whose INPC month
    ``m`` takes effect on or after ``D`` (the first day of month ``m + 1``) reads instead
    ``INPC(month before D) x SM(m + 1) / SM(D)``: the INPC up to the date, then the general minimum wage
    in force (on the first day of the month after ``m``).  An amount updated by ``index(m) / index(base)``
    then follows the INPC until ``D`` and the minimum wage after it.
    """
    meses = [(int(y), int(m)) for y, m in meses]
    inpc = rs.values("inpc", [dt.date(y, m, 1) for y, m in meses]) if meses else np.zeros(0)
    inicio = inicio_salario_minimo_rcv(rs.criterios)
    if inicio is None or not meses:
        return inpc
    efecto = [dt.date(y + m // 12, m % 12 + 1, 1) for y, m in meses]
    sm = [i for i, e in enumerate(efecto) if e >= inicio]
    if not sm:
        return inpc
    antes = inicio - dt.timedelta(days=1)
    ancla = float(rs.value("inpc", dt.date(antes.year, antes.month, 1)))
    sm_inicio = float(rs.value("salario_minimo", inicio, zona="general"))
    salarios = rs.values("salario_minimo", [efecto[i] for i in sm], zona="general")
    out = np.array(inpc, dtype=float)
    out[sm] = ancla * (salarios / sm_inicio)
    return out


@functools.cache
def _default(regimen: str) -> RuleSet:
    return RuleSet(regimen, Supuestos(), Criterios(), _load_tables(regimen))


def load(
    regimen: str = "lss2020", *, supuestos: Supuestos | None = None, criterios: Criterios | None = None
) -> RuleSet:
    """Load a rule set.

    Parameters
    ----------
    regimen : {"lss2020", "lss1997"}
        ``"lss2020"`` (default): the law in force as one timeline from 1 July 1997 to 2100:
        the LSS 1997 rules until the dates of the reform published in the DOF on 16-12-2020,
        the reformed rules after them, each table with its own dates (1,250 weeks until 2020,
        750 from 2021; flat 3.150 % employer CEAV until 2022, by band from 2023; the 1997 and
        2009 cuota social until 2022; the pre-reform guaranteed pension for pensions granted
        until 2020, the art. 170 table from 2021).  ``"lss1997"``: the counterfactual that
        keeps the law before that reform after 2020 (1,250 weeks, flat 3.150 % employer CEAV,
        the 7.143 % state contribution, the 2009 cuota social up to 15 minimum wages,
        guaranteed pension of one 1997 minimum wage).
    supuestos : Supuestos, optional
        Economic assumptions for projected values (defaults documented in the class).
    criterios : Criterios, optional
        Readings of the open legal questions (defaults documented in the class).

    Returns
    -------
    RuleSet
        Immutable; tables are validated once per process and shared.

    Raises
    ------
    ValueError
        Unknown ``regimen``; :class:`~pensiones.rules.errors.RuleTableError` if a packaged
        table is malformed.

    Examples
    --------
    >>> import pensiones
    >>> rs = pensiones.rules.load("lss2020")
    >>> rs.uma_diaria(2026)
    117.31
    >>> rs.value("semanas_minimas", "2020-06-01"), rs.value("semanas_minimas", "2021-06-01")
    (1250, 750)
    """
    check_choice("regimen", regimen, REGIMENES)
    base = _default(regimen)
    if supuestos is None and criterios is None:
        return base
    return base.evolve(supuestos=supuestos, criterios=criterios)


#: Deprecated spelling (removed in 0.3; pensiones._deprecation).
__getattr__ = _modulo_renombrado("pensiones.rules.ruleset", globals(), {"fecha_de_anio": "lookup_date"})
