"""Parameters of the RJP cohort projection: defaults, ranges, and the draws of each path."""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np

from pensiones._validation import as_date, check_integer, check_number
from pensiones.imss.rjp_reglas import CORTE_MODIFICADO, CORTE_NUEVA_GENERACION, cortes

__all__ = ["SupuestosRJP", "INCIERTOS"]


def _num(lo: float, hi: float, *, min_inclusive: bool = True):
    def validate(instance, attribute, value):
        check_number(attribute.name, value, minimum=lo, maximum=hi, min_inclusive=min_inclusive)

    return validate


def _int(lo: int, hi: int):
    def validate(instance, attribute, value):
        check_integer(attribute.name, value, minimum=lo, maximum=hi)

    return validate


def _fecha(value: object) -> dt.date:
    return as_date("corte", value)


@attrs.frozen(kw_only=True)
class SupuestosRJP:
    """Assumptions of the RJP projection (docs/imss.md), each with a documented default and range.

    Parameters
    ----------
    edad_ingreso : int
        Age at hiring, years (default 27: mean age 40 and mean seniority 13 of the RJP workers in
        2002, La Jornada 2004).  Range 16-45.
    proporcion_mujeres : float
        Share of women among IMSS base workers (default 0.6, an assumption: nursing and
        administrative staff).  Range [0, 1].
    ingresos_anuales : float
        Base workers hired in 2002 (and each year 2003 to the cut-off), persons.  Calibrated
        (default 23,682) so that the reconstructed history has 375,390 RJP workers at the end of 2002.
    crecimiento_ingresos_historico : float
        Yearly growth of hires before 2002.  Calibrated (default 0.0399) to the 109,000 RJP
        pensioners of 2002.  Range [-0.1, 0.2].
    prob_jubilacion : float
        Probability that a worker who meets the requirements of a jubilación takes it in a
        year.  Calibrated (default 0.80) to the 361,030 cases at the end of 2023.  Range (0, 1].
    prob_edad_avanzada : float
        Same for a pension by edad avanzada (fewer years than a jubilación).  Default 0.1 (assumption).
    edad_retiro_maxima : int
        Age at which every worker still active leaves: with a pension if entitled (default 70).
    tasa_separacion : float
        Yearly probability of leaving the IMSS without a pension before retirement (default 0.005).
    factor_mortalidad : float
        Multiplier of the EMSSA-09 death probabilities (default 1.0).  Range (0, 3].
    relacion_pension_nueva : float
        Full new pension (100 % of the salario base) as a multiple of the average jubilado pension
        of 2019 (default 1.15, an assumption: new jubilados have longer careers and higher
        categories; the average cost per jubilado rose from 22,580 pesos a month in 2017 to 30,821
        in 2019).  Range (0, 5].
    relacion_pension_otros : float
        Average pension of the other RJP pensioners (survivors, orphans, invalidity) as a multiple of
        the average jubilado pension (default 0.5, assumption).  Range (0, 2].
    cuantia_sobreviviente : float
        Survivor's pension as a share of the deceased's (default 0.9, assumption following the
        viudez share of the LSS 1973).  Range [0, 1].
    prob_sobreviviente_h, prob_sobreviviente_m : float
        Probability that the death of a male (female) pensioner or worker leaves a survivor's
        pension (defaults 0.7 and 0.35, assumptions).  Range [0, 1].
    diferencia_edad_conyuge : int
        Years by which a wife is younger than her husband (default 3).  Range 0-15.
    crecimiento_real_salarios : float
        Yearly real growth of the salaries of active workers over the INPC, which sets new pensions
        (default 0.0).  Range [-0.05, 0.05].
    corte_modificado, corte_nueva_generacion : datetime.date or str
        First hiring dates of the modified RJP and of workers outside the RJP (defaults
        2005-10-16 and 2008-08-01; docs/decisions.md section 14).
    incertidumbre : bool
        Whether paths draw the uncertain parameters (default True; with ``paths=1`` every path is
        the central projection anyway).
    dispersion_mortalidad : float
        Half-width of the uniform draw of ``factor_mortalidad`` around its value (default 0.15).
    dispersion_jubilacion : float
        Relative half-width of the draw of ``prob_jubilacion`` (default 0.2); the drawn probability
        must stay at most 1.
    dispersion_pension_nueva : float
        Half-width of the draw of ``relacion_pension_nueva`` (default 0.15).
    dispersion_sobreviviente : float
        Half-width of the draws of the two survivor probabilities (default 0.1).
    dispersion_indexacion : float
        Half-width of the draw added to the table ``rjp_indexacion`` every year of a path (default 0.005).
    """

    edad_ingreso: int = attrs.field(default=27, validator=_int(16, 45))
    proporcion_mujeres: float = attrs.field(default=0.6, validator=_num(0.0, 1.0))
    ingresos_anuales: float = attrs.field(default=23682.0, validator=_num(0.0, 100_000.0))
    crecimiento_ingresos_historico: float = attrs.field(default=0.0399, validator=_num(-0.1, 0.2))
    prob_jubilacion: float = attrs.field(default=0.80, validator=_num(0.0, 1.0, min_inclusive=False))
    prob_edad_avanzada: float = attrs.field(default=0.1, validator=_num(0.0, 1.0))
    edad_retiro_maxima: int = attrs.field(default=70, validator=_int(55, 80))
    tasa_separacion: float = attrs.field(default=0.005, validator=_num(0.0, 0.2))
    factor_mortalidad: float = attrs.field(default=1.0, validator=_num(0.0, 3.0, min_inclusive=False))
    relacion_pension_nueva: float = attrs.field(default=1.15, validator=_num(0.0, 5.0, min_inclusive=False))
    relacion_pension_otros: float = attrs.field(default=0.5, validator=_num(0.0, 2.0, min_inclusive=False))
    cuantia_sobreviviente: float = attrs.field(default=0.9, validator=_num(0.0, 1.0))
    prob_sobreviviente_h: float = attrs.field(default=0.7, validator=_num(0.0, 1.0))
    prob_sobreviviente_m: float = attrs.field(default=0.35, validator=_num(0.0, 1.0))
    diferencia_edad_conyuge: int = attrs.field(default=3, validator=_int(0, 15))
    crecimiento_real_salarios: float = attrs.field(default=0.0, validator=_num(-0.05, 0.05))
    corte_modificado: dt.date = attrs.field(default=CORTE_MODIFICADO, converter=_fecha)
    corte_nueva_generacion: dt.date = attrs.field(default=CORTE_NUEVA_GENERACION, converter=_fecha)
    incertidumbre: bool = attrs.field(default=True)
    dispersion_mortalidad: float = attrs.field(default=0.15, validator=_num(0.0, 0.9))
    dispersion_jubilacion: float = attrs.field(default=0.2, validator=_num(0.0, 0.9))
    dispersion_pension_nueva: float = attrs.field(default=0.15, validator=_num(0.0, 2.0))
    dispersion_sobreviviente: float = attrs.field(default=0.1, validator=_num(0.0, 0.5))
    dispersion_indexacion: float = attrs.field(default=0.005, validator=_num(0.0, 0.05))

    def __attrs_post_init__(self):
        cortes(self.corte_modificado, self.corte_nueva_generacion)
        if not isinstance(self.incertidumbre, bool):
            raise ValueError(f"incertidumbre must be True or False, got {self.incertidumbre!r}")
        if self.incertidumbre:
            _dentro("factor_mortalidad", self.factor_mortalidad, self.dispersion_mortalidad, 0.0, 3.0,
                    "dispersion_mortalidad")
            _dentro("prob_jubilacion", self.prob_jubilacion, self.prob_jubilacion * self.dispersion_jubilacion,
                    0.0, 1.0, "dispersion_jubilacion")
            _dentro("relacion_pension_nueva", self.relacion_pension_nueva, self.dispersion_pension_nueva, 0.0, 5.0,
                    "dispersion_pension_nueva")
            for name in ("prob_sobreviviente_h", "prob_sobreviviente_m"):
                _dentro(name, getattr(self, name), self.dispersion_sobreviviente, -1e-12, 1.0 + 1e-12,
                        "dispersion_sobreviviente")

    @classmethod
    def de(cls, parametros: dict) -> SupuestosRJP:
        """Build from keyword parameters; an unknown name is an error listing the known ones."""
        known = [a.name for a in attrs.fields(cls)]
        unknown = sorted(set(parametros) - set(known))
        if unknown:
            raise ValueError(f"unknown RJP parameter(s) {', '.join(unknown)}; known: {', '.join(known)}")
        return cls(**parametros)

    def sorteos(self, paths: int, seed: int) -> dict[str, np.ndarray]:
        """Per-path values of the uncertain parameters, shape ``(paths,)`` each.

        Central values for every path when ``incertidumbre`` is False or ``paths == 1``; otherwise
        independent uniform draws on the documented ranges from ``numpy.random.default_rng(seed)``.
        """
        central = self._centrales()
        if not self.incertidumbre or paths == 1:
            return self.centrales(paths)
        rng = np.random.default_rng(seed)
        half = {
            "factor_mortalidad": self.dispersion_mortalidad,
            "prob_jubilacion": self.prob_jubilacion * self.dispersion_jubilacion,
            "relacion_pension_nueva": self.dispersion_pension_nueva,
            "prob_sobreviviente_h": self.dispersion_sobreviviente,
            "prob_sobreviviente_m": self.dispersion_sobreviviente,
            "indexacion_extra": self.dispersion_indexacion,
        }
        out = {}
        for name in INCIERTOS:  # fixed order: the same seed gives the same draws
            out[name] = central[name] + rng.uniform(-half[name], half[name], size=paths)
        out["prob_sobreviviente_h"] = np.clip(out["prob_sobreviviente_h"], 0.0, 1.0)  # edges within 1e-12 (checked)
        out["prob_sobreviviente_m"] = np.clip(out["prob_sobreviviente_m"], 0.0, 1.0)
        return out

    def centrales(self, paths: int) -> dict[str, np.ndarray]:
        """The central value of every uncertain parameter for each of ``paths`` paths."""
        return {k: np.full(paths, float(v)) for k, v in self._centrales().items()}

    def _centrales(self) -> dict[str, float]:
        return {
            "factor_mortalidad": self.factor_mortalidad,
            "prob_jubilacion": self.prob_jubilacion,
            "relacion_pension_nueva": self.relacion_pension_nueva,
            "prob_sobreviviente_h": self.prob_sobreviviente_h,
            "prob_sobreviviente_m": self.prob_sobreviviente_m,
            "indexacion_extra": 0.0,
        }


#: The parameters a path draws, in the order they are drawn.
INCIERTOS = ("factor_mortalidad", "prob_jubilacion", "relacion_pension_nueva", "prob_sobreviviente_h",
             "prob_sobreviviente_m", "indexacion_extra")


def _dentro(name: str, value: float, half: float, lo: float, hi: float, dispersion: str) -> None:
    if value - half < lo or value + half > hi:
        raise ValueError(
            f"{name} = {value:g} with {dispersion} (half-width {half:g}) draws outside [{max(lo, 0):g}, {hi:g}]; "
            f"narrow {dispersion} or set incertidumbre=False"
        )
