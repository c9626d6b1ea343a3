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
from pensiones.engine import cobertura
from pensiones.engine.cobertura import Cobertura, coberturas
from pensiones.rules.ruleset import load
from pensiones.rules.supuestos import trayectoria_anual, validador_trayectoria

__all__ = [
    "Procesos",
    "cadena_cotizacion",
    "densidad_estacionaria",
    "escala_entrada_densidad",
    "cadena_grupo",
    "densidad_grupo",
    "parametros_cobertura",
    "persistencia_cotizacion",
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
    "PROPORCION_AHORRO_VOLUNTARIO",
    "TASA_AHORRO_VOLUNTARIO",
    "MODOS_MACRO",
]

#: Readings of ``Procesos.macro``: the deterministic assumptions on every path, or joint stochastic paths.
MODOS_MACRO = ("determinista", "estocastico")

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
#: Share of the account holders who save voluntarily (a saver makes voluntary contributions in the years
#: he contributes), calibrated so that the share of the active account holders (``activos``) making
#: voluntary contributions in a year is CONSAR's for 2021: 8.5 million accounts of 70.4 million (12.07 %;
#: El Economista, "Ahorro voluntario aumentó 15% anual a 105,000 millones de pesos", 16-05-2022,
#: https://eleconomista.com.mx/sectorfinanciero/Ahorro-voluntario-aumento-15-anual-a-105000-millones-de-pesos-20220516-0130.html).
#: A saver saves only while contributing, so the share is that target over the share of the active
#: account holders who contribute in the engine's 2025 (``tools/calibrar_ahorro_voluntario.py``).  Used by
#: the built-in scenarios ``ahorro_voluntario`` and ``ahorro_voluntario_pareo``; the default of
#: ``Procesos.proporcion_ahorro_voluntario`` is 0 (the baseline models no voluntary saving).
PROPORCION_AHORRO_VOLUNTARIO = 0.2443
#: Voluntary contribution of a saver, as a share of his capped SBC of the year: CONSAR's voluntary
#: inflows of January-June 2020, 6,502 million pesos (SDP Noticias citing CONSAR, "Ahorro voluntario para
#: el retiro crece en México pese a pandemia de Covid-19", July 2020,
#: https://www.sdpnoticias.com/negocios/ahorro-voluntario-retiro-crece-mexico-pandemia-covid-19.html),
#: twice, over the accounts with voluntary contributions in 2020 (the 8.5 million of 2021 less their
#: 11.3 % growth: 7.64 million), is 1,703 pesos a saver a year; over the 2020 average SBC (table
#: ``sbc_promedio_imss``, the mean of December 2019 and December 2020, 393.07 pesos a day) a year, 1.19 %.
#: Inflows net of the withdrawals of the short-term voluntary subaccount are not published: the gross
#: inflows make this an upper figure of what stays to buy a pension.
TASA_AHORRO_VOLUNTARIO = round((2 * 6_502e6 / (8.5e6 / 1.113)) / (365.0 * (378.1348 + 408.0074) / 2.0), 5)
#: The structural alternatives of ``Procesos.alternativa`` (issue #24 item 4), in the order of their kernel codes.
ALTERNATIVAS = ("ninguna", "beneficio_definido", "cuentas_nocionales", "pension_basica_universal")
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


def _bool(instance, attribute, value):
    if not isinstance(value, bool):
        raise ValueError(f"{attribute.name} must be True or False; got {value!r}")


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
    proporcion_ahorro_voluntario : float
        Share of the account holders who save voluntarily (LSAR art. 74, the subaccount of aportaciones
        voluntarias): a keyed draw per record and path (stream ``ahorro_voluntario``) makes a record a
        saver, and a saver contributes ``tasa_ahorro_voluntario`` of his capped SBC in every year he
        contributes.  The contributions (``aportaciones_voluntarias``) join the retiro subaccount, earn its
        return and buy the pension with it; a matching contribution of the Federal Government, if a
        reform sets one (table ``pareo_ahorro_voluntario``), joins them (``pareo_ahorro_voluntario``).
        Range [0, 1]; default 0: **the baseline models no voluntary saving** (the population's balances
        are the RCV balances; CONSAR's voluntary balances are not in them).  The calibrated value is
        :data:`PROPORCION_AHORRO_VOLUNTARIO` (CONSAR: 12 % of the accounts made voluntary contributions
        in 2021), used by the built-in scenarios ``ahorro_voluntario`` and ``ahorro_voluntario_pareo``.
        The synthetic careers' past (1997 to the start) has none.
    tasa_ahorro_voluntario : float
        A saver's voluntary contribution in a year he contributes, as a share of his capped SBC (range
        [0, 0.5]; default 0).  The calibrated value is :data:`TASA_AHORRO_VOLUNTARIO` (1.19 %: CONSAR's
        2020 voluntary inflows over the accounts that made them and the average SBC).
    trayectoria_crecimiento_real_salarial : mapping of year to float
        Year-by-year values of ``crecimiento_real_salarial``: the real growth of the average wage from
        year ``t - 1`` to year ``t``, keyed by ``t`` (years 1997-2100, rates in [-0.10, 0.10]); every
        other year takes the scalar (default: none).  A TOML table ``{2026 = 0.02}``.
    macro : {"determinista", "estocastico"}
        ``"determinista"`` (default): every path has the scenario's assumptions (``Supuestos.inflacion``,
        ``crecimiento_real_pib``, ``crecimiento_real_salarial``), and only returns vary by path.
        ``"estocastico"``: each path draws inflation, real wage growth, formal employment growth and the
        real return of the accounts jointly, from a VAR(1) fitted to Mexican annual series 1998-2025
        (:mod:`pensiones.engine.macro`), around the scenario's assumptions as mean path, with each
        path's long-run means drawn from their estimation uncertainty; GDP growth moves with the path's
        real wage bill.  See ``docs/incertidumbre_fuentes.md``.
    comportamiento_incierto : bool
        Draw, per path, the behavioural parameters calibrated to thin data within their documented
        ranges (:data:`pensiones.engine.incertidumbre.RANGOS`: claiming at 60-64, contribution density,
        Fondo Bienestar take-up and wait, mortality improvement).  Default False.  A scenario table
        (``Scenario.with_reform({"procesos": ...})``, a TOML ``[procesos]``) also takes it as
        ``parametros_inciertos``, the spelling of issue #23.
    bootstrap : bool
        Re-weight the records on each path by a Poisson(1) bootstrap keyed by (seed, path, record), so
        that the bands carry the sampling error of the population (default False).
    alternativa : str
        A structural alternative to the Ley 97 regime for the people first insured from
        ``alternativa_desde`` (``anio_afiliacion >= alternativa_desde``; issue #24 item 4; the people
        insured before are simulated exactly as without it): ``"ninguna"`` (default, the law),
        ``"beneficio_definido"`` (a public defined benefit: their RCV contributions are replaced by
        ``alternativa_tasa_cotizacion`` of the capped SBC paid to the scheme, and from
        ``alternativa_edad`` with ``alternativa_anios_minimos`` years of contributions a pension of
        ``alternativa_tasa_acumulacion`` per year of contributions of the career-average SBC revalued by
        the average SBC, at least ``alternativa_minima`` monthly minimum wages, indexed by
        ``alternativa_indexacion``), ``"cuentas_nocionales"`` (notional defined contribution: the same
        contributions credited to a notional account that earns the growth of the average SBC, turned at
        ``alternativa_edad`` into an annuity with the year's annuity factor ä(12), indexed like the
        defined benefit) or ``"pension_basica_universal"`` (their Ley 97 accounts unchanged, but no
        guaranteed pension and no PBAM: from ``alternativa_edad_pension_basica`` everyone gets
        ``alternativa_pension_basica`` of the year's average SBC a month).  These are design parameters
        of a reform, not behaviour; they live here because the engine reads its scalars from here
        (``docs/escenarios.md``).  Simplified: the people in scope of a defined benefit or notional
        scheme retire at ``alternativa_edad`` (no cesantía), save nothing voluntarily, are not drawn
        invalid, and their pensions leave no survivors' pension.
    alternativa_desde : int
        First year of first affiliation in the alternative's scope (1998-2100; default 2027).
    alternativa_tasa_cotizacion : float
        Contribution to the defined benefit or notional scheme, share of the capped SBC ([0, 0.5];
        default 0.15, illustrative: the RCV rates of the 2020 reform reach about 15 % in 2030).
    alternativa_tasa_acumulacion : float
        Defined benefit: pension per year of contributions, share of the reference wage ([0, 0.05];
        default 0.015, illustrative: the 1.5 % a year of PROST's default defined-benefit formula).
    alternativa_minima : float
        Defined benefit: minimum pension in monthly minimum wages ([0, 5]; default 1, illustrative: the
        Ley 73 minimum pension of LSS 1973 art. 168).
    alternativa_indexacion : str
        Update of the alternative's pensions in payment: ``"inpc"`` (default, as LSS art. 170) or
        ``"salarios"`` (the growth of the average SBC).
    alternativa_edad : int
        Defined benefit and notional accounts: retirement age (55-75; default 65).
    alternativa_anios_minimos : float
        Defined benefit: years of contributions needed for the pension ([0, 50]; default 20, illustrative);
        without them, no pension (the notional annuity needs none, as in Sweden's inkomstpension).
    alternativa_pension_basica : float
        Universal basic pension, share of the year's average SBC a month ([0, 1]; default 0.2,
        illustrative: about 3,650 pesos a month in 2025, above the PBAM's 3,100).
    alternativa_edad_pension_basica : int
        Age from which the universal basic pension is paid (55-75; default 65, the PBAM's).
    cobertura : tuple of Cobertura
        Groups brought into the régimen obligatorio on a date (domestic, digital-platform and independent
        workers; :mod:`pensiones.engine.cobertura`), each with the date, the share of its members outside the
        regime who enter, the share of their contributions the Government pays and, optionally, their
        density.  In a scenario file, a table per group: ``[procesos.cobertura.trabajadoras_hogar]`` with
        ``desde = 2027``, ``incorporacion = 1.0``, ``subsidio = 0.0``.  Default (): nobody.
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
    proporcion_ahorro_voluntario: float = attrs.field(default=0.0, validator=_num(0.0, 1.0))
    tasa_ahorro_voluntario: float = attrs.field(default=0.0, validator=_num(0.0, 0.5))
    trayectoria_crecimiento_real_salarial: tuple = attrs.field(
        default=(), converter=trayectoria_anual, validator=validador_trayectoria(-0.10, 0.10)
    )
    macro: str = "determinista"
    comportamiento_incierto: bool = attrs.field(default=False, validator=_bool)
    bootstrap: bool = attrs.field(default=False, validator=_bool)

    alternativa: str = "ninguna"
    alternativa_desde: int = attrs.field(default=2027, validator=_num(1998, 2100))
    alternativa_tasa_cotizacion: float = attrs.field(default=0.15, validator=_num(0.0, 0.5))
    alternativa_tasa_acumulacion: float = attrs.field(default=0.015, validator=_num(0.0, 0.05))
    alternativa_minima: float = attrs.field(default=1.0, validator=_num(0.0, 5.0))
    alternativa_indexacion: str = "inpc"
    alternativa_edad: int = attrs.field(default=65, validator=_num(55, 75))
    alternativa_anios_minimos: float = attrs.field(default=20.0, validator=_num(0.0, 50.0))
    alternativa_pension_basica: float = attrs.field(default=0.2, validator=_num(0.0, 1.0))
    alternativa_edad_pension_basica: int = attrs.field(default=65, validator=_num(55, 75))
    cobertura: tuple = attrs.field(default=(), converter=coberturas)

    def __attrs_post_init__(self):
        check_choice("tabla_mortalidad", self.tabla_mortalidad, ("emssa09", "emssa97"))
        check_choice("alternativa", self.alternativa, ALTERNATIVAS)
        check_choice("alternativa_indexacion", self.alternativa_indexacion, ("inpc", "salarios"))
        check_choice("macro", self.macro, MODOS_MACRO)


@functools.cache
def _CALIBRADA() -> tuple[np.ndarray, np.ndarray]:
    """The default chain with p01 scaled so the average stationary density is 42.9 %
    (:func:`escala_entrada_densidad`)."""
    p01, p11 = cadena_cotizacion(escala_entrada_densidad(DENSIDAD_OBJETIVO))
    p01.setflags(write=False)
    p11.setflags(write=False)
    return p01, p11


@functools.cache
def escala_entrada_densidad(objetivo: float) -> float:
    """The factor on p01 (``cadena_cotizacion(escala_entrada)``) that gives the default chain an average
    stationary density of ``objetivo`` (bisection, 60 steps).

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
        if float((densidad_estacionaria(p01, p11) * w).sum()) < objetivo:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


@functools.cache
def persistencia_cotizacion() -> float:
    """The default contribution chain's average persistence, the mean over its cells of p11 - p01."""
    p01, p11 = _CALIBRADA()
    return float(np.mean(p11 - p01))


def cadena_grupo(densidad: float) -> tuple[float, float]:
    """(p01, p11) of a group brought into the regime (:mod:`pensiones.engine.cobertura`): stationary density
    ``densidad`` with the default chain's persistence ``rho`` (p01 = d (1 - rho), p11 = rho + p01;
    :func:`persistencia_cotizacion`)."""
    rho = persistencia_cotizacion()
    p01 = densidad * (1.0 - rho)
    return p01, rho + p01


def densidad_grupo(c: Cobertura) -> float:
    """The density of the members of a group brought into the regime (a ``Procesos.cobertura`` entry): its own,
    else its group's sourced one, else the default chain's :data:`DENSIDAD_OBJETIVO` (42.9 %)."""
    if c.densidad is not None:
        return c.densidad
    g = cobertura.grupos()[c.grupo]
    return g.densidad if g.densidad is not None else DENSIDAD_OBJETIVO


def parametros_cobertura(entradas: tuple[Cobertura, ...]) -> dict[str, np.ndarray]:
    """The kernel's arrays of ``Procesos.cobertura`` by group number (0: the general population, unused): the
    groups' chains (:func:`cadena_grupo`) and the shares of their contributions the Government pays."""
    n = len(cobertura.GRUPOS) + 1
    p01, p11, subsidio = np.zeros(n), np.zeros(n), np.zeros(n)
    for c in entradas:
        g = cobertura.GRUPOS.index(c.grupo) + 1
        p01[g], p11[g] = cadena_grupo(densidad_grupo(c))
        subsidio[g] = c.subsidio
    return {"cobertura_p_entrada": p01, "cobertura_p_permanencia": p11, "cobertura_subsidio": subsidio}
