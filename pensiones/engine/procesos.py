"""Stochastic processes and behaviour of the engine, with documented defaults.

Every default here is a parameter of :class:`Procesos`; ``docs/engine.md`` gives the sources.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os

import attrs
import numpy as np

from pensiones import _repr
from pensiones._validation import check_choice, check_number
from pensiones.demography.mortalidad import EDAD_MAXIMA_TABLA
from pensiones.rules.ruleset import load

__all__ = [
    "Procesos",
    "cadena_cotizacion",
    "densidad_estacionaria",
    "DENSIDAD_OBJETIVO",
    "PREFERENCIA_LEY73",
    "REINGRESO_LEY73",
    "SOLICITUD_FONDO",
    "EDADES_CESANTIA",
    "PROBABILIDAD_CESANTIA",
    "PROBABILIDAD_CESANTIA_COTIZANDO",
    "ESPERA_FONDO",
    "PROPORCION_CESANTIA_OBJETIVO",
    "COLUMNAS_INCIDENCIA",
    "tabla_incidencia_invalidez",
    "huella_incidencia",
]

#: Average contribution density of IMSS account holders (CONSAR): 42.9 %.
DENSIDAD_OBJETIVO = 0.429
#: Probability that a transition-generation worker keeps Ley 73 when Ley 97 would pay more
#: (behaviour, calibrated on the 2021-2024 back-test: see ``Procesos.preferencia_ley73``; refitted, from
#: 0.99, when the entry-age scale was fitted to the Ley 97 generation's count: with more late entrants the
#: Ley 97 generation's pensions are more and the transition generation's share fell to 0.67 times CONSAR's;
#: 0.94 times at 0.985, mean of two populations of 500,000 records, 4 paths).
PREFERENCIA_LEY73 = 0.985
#: Probability that a transition-generation member who has lost the Ley 73 rights (LSS 1973 art. 182)
#: goes back to contributions for a year to restore them (art. 183) when he would claim (behaviour,
#: calibrated on the 2021-2024 back-test with :data:`PREFERENCIA_LEY73` kept: the transition generation's
#: share of the new Ley 97 pensions is 1.12 times CONSAR's at 1, 1.39 times at 0.99 and 5.1 times at
#: 0.9, so the count leaves no room for members who lose the rights and take Ley 97 instead;
#: ``docs/backtest.md``).
REINGRESO_LEY73 = 1.0
#: Yearly probability that a pensioner entitled to the Fondo Bienestar complement applies for it
#: (behaviour, calibrated on the people paid in April 2025: see ``Procesos.solicitud_fondo``; refitted,
#: from 0.33, when the entry-age scale was fitted to the Ley 97 generation's count: the entitled are more,
#: and 0.33 paid 1.95 times the people; 1.00 times at 0.16, mean of two populations of 500,000 records).
SOLICITUD_FONDO = 0.16
#: Ages of the cesantía claiming probabilities (LSS arts. 154 and 162: cesantía at 60-64, vejez at 65).
EDADES_CESANTIA = (60, 61, 62, 63, 64)
#: Share of the new cesantía y vejez pensions granted at 60-64 (cesantía): IMSS figures for Quintana
#: Roo, January-September 2023, 17,520 cesantía against 5,086 vejez (information request reported by
#: El Cuarto Poder, "Q. Roo tiene 700% más pensionados en sólo una década", 2023).  The target of
#: :data:`PROBABILIDAD_CESANTIA` (see ``docs/retiro.md``).
PROPORCION_CESANTIA_OBJETIVO = 17_520 / (17_520 + 5_086)
#: Yearly probability that an eligible member who is not contributing claims cesantía at 60, ..., 64
#: (behaviour: one level for every age, calibrated so that a run from 2021 grants
#: :data:`PROPORCION_CESANTIA_OBJETIVO` of its 2021-2023 cesantía y vejez pensions before 65;
#: ``tools/calibrar_retiro.py``).
PROBABILIDAD_CESANTIA = (0.74, 0.74, 0.74, 0.74, 0.74)
#: The same for a member still contributing, who must leave the job to claim (LSS art. 154: "quede
#: privado de trabajos remunerados"): 0, the contribution chain already moves people out of work.
PROBABILIDAD_CESANTIA_COTIZANDO = (0.0, 0.0, 0.0, 0.0, 0.0)
#: How much a prospective Fondo Bienestar complement lowers the yearly claiming probability at
#: 60-64 (behaviour; an assumption: no published count of people waiting for the complement).
ESPERA_FONDO = 0.75
#: Age bands (18-29, 30-44, 45-59, 60+) and salary bands in multiples of the year's average SBC
#: (<= 2/3, 2/3-4/3, > 4/3: in 2025 about 1.5 and 3 minimum wages).  Relative bands keep the
#: chain stationary while real wages grow.
BANDAS_EDAD = (30, 45, 60)
BANDAS_SALARIO_REL = (2.0 / 3.0, 4.0 / 3.0)


@functools.cache
def _rendimiento_historico() -> tuple[float, float]:
    """Mean and standard deviation of the CONSAR real gross return, 1997-2025."""
    t = load().table("rendimiento_bruto_consar")
    return float(t["value"].mean()), float(t["value"].std())


def cadena_cotizacion(escala_entrada: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Default transition probabilities (p01 = start contributing, p11 = keep contributing).

    Shape (sex, age band, salary band) = (2, 4, 3).  Base p01 = 0.09 and p11 = 0.88 give a
    stationary density of 42.9 %; women start less often (x 0.80) and stop more (-0.03);
    young workers move more, older ones less; low earners (<= 2/3 of the average SBC) contribute
    less and high earners (> 4/3) more, as CONSAR reports.  ``escala_entrada`` multiplies p01.
    """
    p01 = np.full((2, 4, 3), 0.09)
    p11 = np.full((2, 4, 3), 0.88)
    p01[1] *= 0.80
    p11[1] -= 0.03
    for a, (f, d) in enumerate(((1.10, -0.04), (1.00, 0.0), (0.90, 0.02), (0.60, -0.05))):
        p01[:, a] *= f
        p11[:, a] += d
    for s, (f, d) in enumerate(((0.85, -0.04), (1.00, 0.0), (1.15, 0.04))):
        p01[:, :, s] *= f
        p11[:, :, s] += d
    return np.clip(p01 * escala_entrada, 0.0, 1.0), np.clip(p11, 0.0, 1.0)


def densidad_estacionaria(p01: np.ndarray, p11: np.ndarray) -> np.ndarray:
    """Long-run share of years contributing in each cell: p01 / (p01 + 1 - p11)."""
    return p01 / (p01 + 1.0 - p11)


def _check_prob(instance, attribute, value):
    arr = np.asarray(value, dtype=float)
    if arr.shape != (2, 4, 3) or not np.all((arr >= 0) & (arr <= 1)):
        raise ValueError(f"{attribute.name} must be an array of shape (2, 4, 3) with probabilities in [0, 1]")


def _probabilidades_cesantia(value):
    """A sequence of numbers as a read-only float array (anything else is left for the validator to reject)."""
    try:
        arr = np.array(value, dtype=float)
    except (TypeError, ValueError):
        return value
    arr.setflags(write=False)
    return arr


def _check_cesantia(instance, attribute, value):
    arr = np.asarray(value) if isinstance(value, np.ndarray) else None
    if arr is None or arr.shape != (len(EDADES_CESANTIA),) or not np.all((arr >= 0.0) & (arr <= 1.0)):
        raise ValueError(
            f"{attribute.name} must be {len(EDADES_CESANTIA)} probabilities in [0, 1], one for each age "
            f"{EDADES_CESANTIA[0]}-{EDADES_CESANTIA[-1]}; got {value!r}"
        )


#: Columns of an invalidity incidence table (``Procesos.incidencia_invalidez``): age in completed years,
#: sex (``H`` or ``M``) and the yearly probability that an active contributing member of that age and
#: sex is declared invalid.
COLUMNAS_INCIDENCIA = ("edad", "sexo", "q")


def tabla_incidencia_invalidez(value):
    """An invalidity incidence table as the engine reads it: q by sex (H, M) and age 0-110, shape (2, 111).

    ``value`` is None (no invalidity), the path of a CSV file or a :class:`pandas.DataFrame` with the
    columns :data:`COLUMNAS_INCIDENCIA` (one row per age and sex; ages the table leaves out have
    q = 0), or an array of shape (2, 111) (what this function returns, and a scenario's TOML file
    holds).  The result is read-only.

    Raises
    ------
    ValueError
        Naming ``incidencia_invalidez``: a file that cannot be read, a missing or unknown column, an
        age outside 0-110 or not whole, a sex other than ``H`` or ``M``, a q outside [0, 1] or missing,
        an (age, sex) given twice, an empty table, an array of another shape.
    """
    if value is None:
        return None
    import pandas as pd

    campo = "incidencia_invalidez"
    ultima = EDAD_MAXIMA_TABLA
    if isinstance(value, (str, os.PathLike)):
        try:
            value = pd.read_csv(value)
        except (OSError, ValueError) as exc:
            raise ValueError(f"{campo}: cannot read the CSV file {os.fspath(value)!r} ({exc})") from None
    if isinstance(value, pd.DataFrame):
        columnas = [str(c) for c in value.columns]
        faltan = [c for c in COLUMNAS_INCIDENCIA if c not in columnas]
        sobran = [c for c in columnas if c not in COLUMNAS_INCIDENCIA]
        if faltan or sobran:
            raise ValueError(
                f"{campo}: the table's columns must be {', '.join(COLUMNAS_INCIDENCIA)}; "
                + (f"missing {', '.join(faltan)}" if faltan else "")
                + ("; " if faltan and sobran else "")
                + (f"unknown {', '.join(sobran)}" if sobran else "")
            )
        if not len(value):
            raise ValueError(f"{campo}: the table has no rows")
        edad = pd.to_numeric(value["edad"], errors="coerce").to_numpy(dtype=float)
        malas = ~(np.isfinite(edad) & (edad == np.round(edad)) & (edad >= 0) & (edad <= ultima))
        if malas.any():
            k = int(np.argmax(malas))
            raise ValueError(
                f"{campo}: edad must be a whole age in [0, {ultima}]; row {k} has {value['edad'].iloc[k]!r}"
            )
        sexo = value["sexo"].astype(str).to_numpy()
        malas = ~np.isin(sexo, ["H", "M"])
        if malas.any():
            k = int(np.argmax(malas))
            raise ValueError(f"{campo}: sexo must be 'H' or 'M'; row {k} has {value['sexo'].iloc[k]!r}")
        q = pd.to_numeric(value["q"], errors="coerce").to_numpy(dtype=float)
        malas = ~((q >= 0.0) & (q <= 1.0))  # NaN fails both
        if malas.any():
            k = int(np.argmax(malas))
            raise ValueError(
                f"{campo}: q must be a probability in [0, 1] (not missing); row {k} has {value['q'].iloc[k]!r}"
            )
        filas = np.where(sexo == "H", 0, 1)
        edades = edad.astype(np.int64)
        clave = filas * (ultima + 1) + edades
        unicas, cuentas = np.unique(clave, return_counts=True)
        if (cuentas > 1).any():
            doble = int(unicas[cuentas > 1][0])
            raise ValueError(
                f"{campo}: edad {doble % (ultima + 1)}, sexo {'HM'[doble // (ultima + 1)]!r} is given more than once"
            )
        tabla = np.zeros((2, ultima + 1))
        tabla[filas, edades] = q
    else:
        try:
            tabla = np.array(value, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(
                f"{campo}: a CSV path, a DataFrame with columns {', '.join(COLUMNAS_INCIDENCIA)}, or an array of "
                f"shape (2, {ultima + 1}); got {type(value).__name__}"
            ) from None
        if tabla.shape != (2, ultima + 1):
            raise ValueError(
                f"{campo}: an array must have shape (2, {ultima + 1}) (sex H, M by age 0-{ultima}); got {tabla.shape}"
            )
        if not np.all((tabla >= 0.0) & (tabla <= 1.0)):
            raise ValueError(f"{campo}: every q must be a probability in [0, 1] (not missing)")
    tabla.setflags(write=False)
    return tabla


def huella_incidencia(tabla) -> str:
    """SHA-256 (16 hex digits) of an incidence table as the engine reads it (:func:`tabla_incidencia_invalidez`)."""
    datos = np.ascontiguousarray(np.asarray(tabla, dtype=np.float64)).tobytes()
    return hashlib.sha256(datos).hexdigest()[:16]


def _num(low, high):
    def v(instance, attribute, value):
        check_number(attribute.name, value, minimum=low, maximum=high)

    return v


@attrs.frozen(kw_only=True)
class Procesos:
    """Processes and behaviour of the Monte Carlo engine.

    Parameters
    ----------
    p_entrada, p_permanencia : ndarray (2, 4, 3)
        Contribution Markov chain by sex (H, M) x age band (18-29, 30-44, 45-59, 60+) x
        salary band (<= 2/3, 2/3-4/3, > 4/3 of the year's average SBC); see
        :func:`cadena_cotizacion`.
    crecimiento_real_salarial : float
        Economy-wide real wage growth a year (default 0.01; range [-0.05, 0.08]).
    pico_edad, curvatura_edad : float
        Age profile of log wages: a parabola peaking at ``pico_edad`` (default 47); with
        curvature 0.00075 the wage at 47 is 1.6 times the wage at 22.
    volatilidad_salarial : float
        Standard deviation of the persistent yearly log-wage shock (default 0.06; range [0, 0.3]).
    rendimiento_real_medio, rendimiento_real_volatilidad : float
        Real gross return of the accounts: mean and standard deviation of a path-level shock
        common to everyone in a path (defaults: CONSAR 1997-2025 average 5.0 % and 5.5 %;
        ranges [-0.05, 0.12] and [0, 0.25]: wider settings are not pension-fund returns, and
        the exact integer ledger reports, rather than wraps, the balances they would explode to).
    mejora_mortalidad : float
        Yearly improvement of q(x) after the table's base year (EMSSA-09: 2009; default 0;
        range [0, 0.05]).
    tabla_mortalidad : {"emssa09", "emssa97"}
    tasa_tecnica : float or None
        Real technical rate of annuities (range [-0.02, 0.10]); None (default): the rule table
        ``tasa_tecnica`` in force each year (3.5 %), so a reform overlay of it reaches the engine.
    edad_retiro : int
        Age of retirement (vejez) for everyone still active (default 65).
    retiro_cesantia : bool
        Claim cesantía at 60-64 at all (default True).  False: nobody retires before ``edad_retiro``
        (everyone who is eligible retires then).
    probabilidad_cesantia : array (5,)
        Yearly probability that a member who is not contributing and meets the weeks (Ley 97 or
        Ley 73) claims the pension at ages 60, 61, 62, 63, 64 (``EDADES_CESANTIA``; an age below 60,
        after a reform of the cesantía age, uses the first).  From 65 (vejez) such a member always
        claims.  Default ``PROBABILIDAD_CESANTIA``: one level calibrated so that the 2021-2023
        cesantía y vejez pensions of a run from 2021 are granted before 65 in the proportion of
        ``PROPORCION_CESANTIA_OBJETIVO`` (IMSS, 77 % cesantía); see ``docs/retiro.md``.  All ones (and
        the other two parameters at 0) is the model's former rule: claim as soon as the law allows.
    probabilidad_cesantia_cotizando : array (5,)
        The same for a member still contributing, who leaves the job to claim (default
        ``PROBABILIDAD_CESANTIA_COTIZANDO``: zeros; a contributor otherwise retires at
        ``edad_retiro``).
    espera_fondo : float
        Share by which the claiming probability at 60-64 falls when the Ley 97 pension the member
        would get is one the Fondo Bienestar would complement had it started at 65 (decree DOF
        01-05-2024: only pensions from 65 get the complement): 1 means all such members wait for 65,
        0 ignores the Fondo (0-1; default ``ESPERA_FONDO``, an assumption).
    preferencia_ley73 : float
        Probability that a transition-generation worker (first insured before 1 July 1997) who
        qualifies under both laws keeps the Ley 73 pension although the Ley 97 one (renta
        vitalicia or guaranteed pension) is larger (0-1; default ``PREFERENCIA_LEY73``, calibrated
        so that the transition generation's share of the new Ley 97 pensions of 2021-2024 is
        CONSAR's 4,232 of 58,018, see ``docs/backtest.md``).  0 is the pure comparison of first
        monthly pensions of :func:`pensiones.eleccion.eleccion_regimen`.
    reingreso_ley73 : float
        Probability that a transition-generation member with the age and weeks of Ley 73 who has
        lost the rights (``Criterios.conservacion_derechos_ley73``: a quarter of the weeks after the
        last year contributed, LSS 1973 art. 182) and decides to claim goes back to contributions
        (insured work or the continuación voluntaria, LSS art. 218) for a year, which restores them
        (art. 183), instead of taking what Ley 97 gives (0-1; default ``REINGRESO_LEY73``,
        calibrated so that the transition generation's share of the new Ley 97 pensions of
        2021-2024 is CONSAR's, see ``docs/backtest.md``).
    solicitud_fondo : float
        Yearly probability that a pensioner entitled to the Fondo de Pensiones para el Bienestar
        complement applies for it, from the grant year on: the complement is paid to the expected
        share who have applied, ``1 - (1 - solicitud_fondo) ** (years since the grant + 1)``
        (0-1, 0 excluded; default ``SOLICITUD_FONDO``, calibrated so that a run from 2021 pays the
        3,236 people the Fondo paid in April 2025, see ``docs/backtest.md``; 1 is the instant
        take-up of the engine before this behaviour).  The Fondo started paying on 1 July 2024: the
        late start of the first year is part of what the fitted lag stands for.
    asignacion_ley73 : float or None
        Asignación familiar / ayuda asistencial of the simulated Ley 73 pensions as a share of the
        pension.  Default ``None``: the table ``ley73_asignaciones`` of each grant year, spouse
        (15 %) -- equal to the ayuda asistencial of a pensioner without beneficiaries (15 %), so
        the two cases need no family data.  A number overrides it (a behaviour assumption).
    cobertura_pbam, cobertura_mujeres : float
        Take-up of PBAM and Pensión Mujeres Bienestar relative to today's: 1.0 (default) keeps
        the beneficiaries per eligible person of the 2025 (PBAM) and 2026 (Mujeres Bienestar)
        budgets for the whole population, and full take-up among simulated account holders.
    proporcion_retiro : float
        Share of the opening RCV balance in the retiro subaccount (default 2 / 6.5, the
        pre-reform contribution structure); the rest is cesantía y vejez.
    mortalidad : bool
        Draw deaths (default True).  False makes single paths deterministic, for checks
        against the individual calculators.
    sobrevivientes : bool
        Pay the survivors' pensions on the deaths the engine draws (default True): of Ley 73
        pensioners and transition-generation members (Federal Government), of guaranteed-pension
        pensioners (the remaining balance, then the Federal Government), of renta vitalicia
        pensioners (the insurer, from the seguro de sobrevivencia) and of Ley 97 insured members
        (the IMSS seguro de invalidez y vida).  False: deaths end every payment, as before.
    incidencia_invalidez : str, path, DataFrame, array (2, 111) or None
        The yearly probability that an active contributing member below the cesantía age is declared
        invalid (LSS art. 119; LSS 1973 art. 128), by age and sex: a CSV file or a DataFrame with
        columns ``edad`` (0-110), ``sexo`` (``H``, ``M``) and ``q`` (0-1), ages left out at 0; stored
        as the array (2, 111) of :func:`tabla_incidencia_invalidez`.  Default None: **invalidity is not
        modelled** (the IMSS's own incidence, the biometric bases of its valuation of the seguro de
        invalidez y vida, is not published in a form the package could read; it ships no values).
        See ``docs/invalidez.md``.
    proporcion_invalidez_grado_75 : float
        Share of the invalidity declarations with 75 % or more of invalidity, for which LSS art. 122
        asks 150 weeks instead of 250 (0-1; default 0: every Ley 97 declaration needs 250 weeks).  The
        dictamen's degree is not in any published table the package reads; a keyed draw decides it.
    """

    __repr__ = _repr.texto
    _repr_html_ = _repr.html

    p_entrada: np.ndarray = attrs.field(factory=lambda: _CALIBRADA()[0], validator=_check_prob)
    p_permanencia: np.ndarray = attrs.field(factory=lambda: _CALIBRADA()[1], validator=_check_prob)
    crecimiento_real_salarial: float = attrs.field(default=0.01, validator=_num(-0.05, 0.08))
    pico_edad: float = attrs.field(default=47.0, validator=_num(18.0, 80.0))
    curvatura_edad: float = attrs.field(default=0.00075, validator=_num(0.0, 0.01))
    volatilidad_salarial: float = attrs.field(default=0.06, validator=_num(0.0, 0.3))
    rendimiento_real_medio: float = attrs.field(
        factory=lambda: _rendimiento_historico()[0], validator=_num(-0.05, 0.12)
    )
    rendimiento_real_volatilidad: float = attrs.field(
        factory=lambda: _rendimiento_historico()[1], validator=_num(0.0, 0.25)
    )
    mejora_mortalidad: float = attrs.field(default=0.0, validator=_num(0.0, 0.05))
    tabla_mortalidad: str = attrs.field(default="emssa09")
    tasa_tecnica: float | None = attrs.field(default=None, validator=attrs.validators.optional(_num(-0.02, 0.10)))
    edad_retiro: int = attrs.field(default=65, validator=_num(60, 75))
    retiro_cesantia: bool = True
    probabilidad_cesantia: np.ndarray = attrs.field(
        factory=lambda: _probabilidades_cesantia(PROBABILIDAD_CESANTIA), converter=_probabilidades_cesantia,
        validator=_check_cesantia,
    )
    probabilidad_cesantia_cotizando: np.ndarray = attrs.field(
        factory=lambda: _probabilidades_cesantia(PROBABILIDAD_CESANTIA_COTIZANDO), converter=_probabilidades_cesantia,
        validator=_check_cesantia,
    )
    espera_fondo: float = attrs.field(default=ESPERA_FONDO, validator=_num(0.0, 1.0))
    preferencia_ley73: float = attrs.field(default=PREFERENCIA_LEY73, validator=_num(0.0, 1.0))
    reingreso_ley73: float = attrs.field(default=REINGRESO_LEY73, validator=_num(0.0, 1.0))
    solicitud_fondo: float = attrs.field(default=SOLICITUD_FONDO, validator=_num(1e-6, 1.0))
    asignacion_ley73: float | None = attrs.field(default=None, validator=attrs.validators.optional(_num(0.0, 1.0)))
    cobertura_pbam: float = attrs.field(default=1.0, validator=_num(0.0, 1.0))
    cobertura_mujeres: float = attrs.field(default=1.0, validator=_num(0.0, 1.0))
    proporcion_retiro: float = attrs.field(default=2.0 / 6.5, validator=_num(0.0, 1.0))
    mortalidad: bool = True
    sobrevivientes: bool = True
    incidencia_invalidez: np.ndarray | None = attrs.field(default=None, converter=tabla_incidencia_invalidez)
    proporcion_invalidez_grado_75: float = attrs.field(default=0.0, validator=_num(0.0, 1.0))

    def __attrs_post_init__(self):
        check_choice("tabla_mortalidad", self.tabla_mortalidad, ("emssa09", "emssa97"))


@functools.cache
def _CALIBRADA() -> tuple[np.ndarray, np.ndarray]:
    """The default chain with p01 scaled so the average stationary density is 42.9 %.

    The average weights cells by the 2025 CONAPO population aged 18-64 by sex and age band
    times the account-holding rates of :mod:`pensiones.engine.synthetic`, and salary bands by
    a log-normal wage relative to the average (mean 1, sigma 0.6: the synthetic population's
    wage model).
    """
    import math

    rs = load()
    pop = rs.rows("poblacion_conapo", dt.date(2025, 7, 1))
    pop = pop[(pop.edad >= 18) & (pop.edad <= 64)]
    mu, sigma = -0.18, 0.6
    cdf = [0.5 * (1.0 + math.erf((math.log(x) - mu) / (sigma * math.sqrt(2.0)))) for x in BANDAS_SALARIO_REL]
    shares = np.array([cdf[0], cdf[1] - cdf[0], 1.0 - cdf[1]])
    w = np.zeros((2, 4, 3))
    for sexo_i, sexo in enumerate(("H", "M")):
        part = pop[pop.sexo == sexo]
        rate = 0.70 if sexo == "H" else 0.50
        for a, (lo, hi) in enumerate(((18, 29), (30, 44), (45, 59), (60, 64))):
            w[sexo_i, a, :] = part[(part.edad >= lo) & (part.edad <= hi)]["value"].sum() * rate * shares
    w /= w.sum()
    lo, hi = 0.1, 5.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        p01, p11 = cadena_cotizacion(mid)
        if float((densidad_estacionaria(p01, p11) * w).sum()) < DENSIDAD_OBJETIVO:
            lo = mid
        else:
            hi = mid
    p01, p11 = cadena_cotizacion(0.5 * (lo + hi))
    p01.setflags(write=False)
    p11.setflags(write=False)
    return p01, p11
