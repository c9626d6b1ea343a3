"""Populations in partitioned Parquet files: write, read back, and a lazy handle read one part at a time.

A population folder holds part files ``part-00000.parquet``, ``part-00001.parquet``, ... with the
columns of :data:`~pensiones.engine.population.COLUMNAS`, and a manifest ``poblacion.json`` listing
the parts in order with their record counts.  Records are numbered across the parts in that order;
the engine keys every random draw by that number, so a run on the parts gives the same numbers as a
run on the whole population in memory.

A folder of Parquet files written by another tool (Spark, DuckDB, pandas) with the same columns and
no manifest is read too: its ``*.parquet`` files in name order are the parts.

A population's ``anio_fin_entrantes`` (the entrants' last year of entry) travels in every part's
key-value metadata, under :data:`CLAVE_FIN_ENTRANTES`; parts without the key (another tool's) state
none, and parts that disagree are refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import numpy as np
import pandas as pd

from pensiones._atomic import atomic_folder
from pensiones._validation import check_integer
from pensiones.engine.population import COLUMNAS, Population, fin_entrantes

__all__ = ["ParquetPopulation", "escribir_parquet", "MANIFIESTO", "CLAVE_FIN_ENTRANTES"]

#: Name of the manifest in a population folder.
MANIFIESTO = "poblacion.json"
#: Version of the folder layout written by :func:`escribir_parquet`.
FORMATO = 1
#: Key of a part's Parquet key-value metadata holding the population's ``anio_fin_entrantes``.
CLAVE_FIN_ENTRANTES = b"pensiones.anio_fin_entrantes"


def _dentro(folder: Path, name: object, where: Path) -> Path:
    """The part ``name`` of a population folder: a plain relative path that stays inside it.

    Absolute paths, ``..`` and symbolic links that lead out of the folder are refused, so a
    manifest (or a link dropped in the folder) cannot make a run read files elsewhere.
    """
    if not isinstance(name, str) or not name or "\x00" in name:
        raise ValueError(f"{where}: a part must be a file name inside {folder}, got {name!r}")
    rel = Path(name)
    if rel.is_absolute() or ".." in rel.parts or rel.drive:
        raise ValueError(
            f"{where} names part {name!r}: parts must be relative paths inside {folder} (no absolute path, no '..')"
        )
    file = folder / rel
    real = file.resolve()
    if real != folder and folder not in real.parents:
        raise ValueError(
            f"{where} names part {name!r}, a symbolic link to {real}, outside the population folder {folder}"
        )
    return file


def _ilegible(file: Path, exc: Exception) -> str:
    """One line naming a part that Arrow cannot read, with Arrow's reason."""
    return f"population part {file} cannot be read (truncated or not Parquet?): {' '.join(str(exc).split())}"


def _pie(file: Path) -> tuple[int, int | None]:
    """Records in a Parquet part and the ``anio_fin_entrantes`` it states (from its footer), or a
    ValueError naming the file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(file)
    except (OSError, pa.ArrowException) as exc:
        raise ValueError(_ilegible(file, exc)) from None
    texto = (meta.metadata or {}).get(CLAVE_FIN_ENTRANTES)
    if texto is None:
        return meta.num_rows, None
    where = f"population part {file}: metadata {CLAVE_FIN_ENTRANTES.decode()}"
    try:
        valor = int(texto.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError(f"{where} must be a whole year in [1997, 2100], got {texto!r}") from None
    return meta.num_rows, fin_entrantes(valor, where)


def _fin_comun(folder: Path, pies: list[tuple[str, int | None]]) -> int | None:
    """The ``anio_fin_entrantes`` every part states, or a ValueError naming two parts that differ."""
    (primera, fin), *resto = pies
    for name, otro in resto:
        if otro != fin:
            raise ValueError(
                f"population folder {folder}: parts {primera} and {name} state different entrants' last years "
                f"(metadata {CLAVE_FIN_ENTRANTES.decode()}: {fin} and {otro}); write the population again with "
                "Population.to_parquet"
            )
    return fin


@attrs.frozen
class ParquetPopulation:
    """A population in a folder of Parquet parts, read one part at a time.

    Nothing is read when the handle is opened but the parts' footers (record counts), so the
    handle is small enough to send to every worker of a cluster, each of which reads only the
    parts it simulates (:func:`pensiones.simulate` with ``client=``).

    Attributes
    ----------
    path : str
        The folder (absolute; workers of a cluster must see it at the same path).
    partes : tuple of str
        Part file names, in record order.
    filas : tuple of int
        Records in each part.
    anio_fin_entrantes : int or None
        The entrants' last year of entry, as :attr:`Population.anio_fin_entrantes
        <pensiones.engine.population.Population>` (read from the parts' metadata; None when they
        state none).

    Examples
    --------
    >>> import tempfile, pensiones
    >>> pop = pensiones.Population.synthetic(1_000, seed=1)
    >>> folder = tempfile.mkdtemp() + "/pop"
    >>> handle = pop.to_parquet(folder, partition_size=400)
    >>> handle.filas, len(handle)
    ((400, 400, 200), 1000)
    >>> back = pensiones.Population.from_parquet(folder)
    >>> bool((back.sbc_diario == pop.sbc_diario).all())
    True
    >>> handle.anio_fin_entrantes, back.anio_fin_entrantes
    (2070, 2070)
    """

    path: str
    partes: tuple = attrs.field(converter=tuple)
    filas: tuple = attrs.field(converter=tuple)
    anio_fin_entrantes: int | None = None

    @classmethod
    def open(cls, path) -> ParquetPopulation:
        """Open a population folder: its manifest, or its ``*.parquet`` files in name order.

        Raises
        ------
        ValueError
            The folder does not exist or has no parts, a part listed in the manifest is missing,
            is not a relative path inside the folder (absolute, with ``..``, or a symbolic link
            leading out), cannot be read as Parquet (naming the file), its record count
            differs from the manifest's, or the parts state different ``anio_fin_entrantes``.
        """
        folder = Path(path).resolve()
        if not folder.is_dir():
            raise ValueError(f"population folder {folder} does not exist")
        manifest = folder / MANIFIESTO
        if manifest.exists():
            try:
                meta = json.loads(manifest.read_text(encoding="utf-8"))
                listed = [(p["archivo"], int(p["filas"])) for p in meta["partes"]]
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{manifest}: not a pensiones population manifest ({exc})") from None
            pies = []
            for name, rows in listed:
                file = _dentro(folder, name, manifest)
                if not file.exists():
                    raise ValueError(f"{manifest} lists part {name}, which is missing from {folder}")
                found, fin = _pie(file)
                if found != rows:
                    raise ValueError(f"{file} has {found} records; {manifest} says {rows}")
                pies.append((name, rows, fin))
        else:
            files = sorted(p.name for p in folder.glob("*.parquet"))
            pies = [(name, *_pie(_dentro(folder, name, folder))) for name in files]
        pies = [(name, rows, fin) for name, rows, fin in pies if rows > 0]
        if not pies:
            raise ValueError(f"population folder {folder} has no records (no non-empty *.parquet part)")
        fin = _fin_comun(folder, [(name, fin) for name, _, fin in pies])
        return cls(str(folder), [n for n, _, _ in pies], [r for _, r, _ in pies], fin)

    def __len__(self) -> int:
        return int(sum(self.filas))

    @property
    def inicios(self) -> np.ndarray:
        """Number, in the whole population, of each part's first record."""
        return np.concatenate([[0], np.cumsum(self.filas)[:-1]]).astype(np.int64)

    def parte(self, k: int) -> Population:
        """Read and validate part ``k`` (as :meth:`Population.from_frame`).

        Raises
        ------
        ValueError
            Naming the part file and its record range, then the column, row and allowed range.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        k = check_integer("part", k, minimum=0, maximum=len(self.partes) - 1)
        file = Path(self.path) / self.partes[k]
        try:
            frame = pq.read_table(file).to_pandas()
        except (OSError, pa.ArrowException) as exc:
            raise ValueError(_ilegible(file, exc)) from None
        if len(frame) != self.filas[k]:
            raise ValueError(f"{file} has {len(frame)} records; it had {self.filas[k]} when the population was opened")
        try:
            return Population.from_frame(frame, anio_fin_entrantes=self.anio_fin_entrantes)
        except ValueError as exc:
            a = int(self.inicios[k])
            raise ValueError(f"population part {file} (records {a} to {a + len(frame) - 1}): {exc}") from None

    def to_population(self) -> Population:
        """Read every part into one in-memory :class:`Population`."""
        frames = []
        for k in range(len(self.partes)):
            frames.append(self.parte(k).to_frame())
        return Population.from_frame(pd.concat(frames, ignore_index=True), anio_fin_entrantes=self.anio_fin_entrantes)


def escribir_parquet(population: Population, path, *, partition_size: int = 1_000_000) -> ParquetPopulation:
    """Write ``population`` as a folder of Parquet parts of ``partition_size`` records and a manifest.

    The folder is written next to its final place and renamed into it when complete, so it is
    whole or absent; an existing non-empty folder is an error (nothing is overwritten).  The
    population's ``anio_fin_entrantes``, if any, goes in every part's key-value metadata
    (:data:`CLAVE_FIN_ENTRANTES`).

    Parameters
    ----------
    population : Population
    path : path
        The folder to create.
    partition_size : int
        Records per part (1 to 50 million; default one million, about 90 MB in memory).

    Returns
    -------
    ParquetPopulation
    """
    if not isinstance(population, Population):
        raise ValueError(f"population must be a pensiones.Population, got {type(population).__name__}")
    import pyarrow as pa
    import pyarrow.parquet as pq

    size = check_integer("partition_size", partition_size, minimum=1, maximum=50_000_000)
    folder = Path(path).resolve()
    fin = population.anio_fin_entrantes
    extra = {} if fin is None else {CLAVE_FIN_ENTRANTES: str(fin).encode("ascii")}
    # whole or absent: the parts are written beside the folder and renamed into place
    with atomic_folder(folder, what="path", hint="choose another path") as tmp:
        partes = []
        n = len(population)
        for k, a in enumerate(range(0, n, size)):
            name = f"part-{k:05d}.parquet"
            # as DataFrame.to_parquet(index=False) writes it, with the population's metadata beside pandas'
            table = pa.Table.from_pandas(population[a : a + size].to_frame(), preserve_index=False)
            pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), **extra}), tmp / name)
            partes.append({"archivo": name, "filas": min(size, n - a)})
        meta = {"formato": FORMATO, "columnas": list(COLUMNAS), "filas": n, "partes": partes}
        (tmp / MANIFIESTO).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return ParquetPopulation.open(folder)
