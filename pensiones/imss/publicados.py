"""Published figures on the RJP and the 140 Bis leave: calibration targets and back-test rows.

Each figure carries its original source.  None is an official statistical series: most come
from the press quoting IMSS reports (the Informe de los Servicios Personales en el IMSS, the
Informe al Ejecutivo Federal y al Congreso de la Unión) or from IMSS communiqués.
"""

from __future__ import annotations

import attrs

__all__ = ["Published", "PUBLISHED", "publicado"]

_JORNADA = ("La Jornada, 'Por una reforma al sistema de pensiones y jubilaciones en el IMSS' (2004-03-01), "
            "quoting studies given to the Chamber of Deputies; https://jornada.com.mx/2004/03/01/per-imss1.html")
_CURSOR = ("Cursor en la Noticia, 'Asfixian a IMSS las jubilaciones' (2020-06-14), quoting the IMSS Informe de "
           "Servicios Personales 2019; https://cursorenlanoticia.com.mx/asfixian-a-imss-las-jubilaciones")
_REFORMA = ("Imagen Poblana, 'Costo de pagar jubilaciones comienza a asfixiar al IMSS' (2020-06-14), quoting Reforma "
            "and the IMSS Informe de Servicios Personales 2019; https://imagenpoblana.com.mx/20/06/14/costo-de-pagar-jubilaciones-comienza-a-asfixiar-al-imss")
_PRESUPUESTO = "IMSS budget narrative 2024 / Informe al Ejecutivo Federal y al Congreso de la Unión 2023-2024 (IMSS)"
_IMSS_2020 = ("IMSS, reported by Diario Presente (2020-01-29), 615 licences to 28-01-2020; "
              "https://diariopresente.mx/amp/mexico/ha-entregado-imss-615-licencias-laborales-para-padres-de-ninos-enfermos-de-cancer/249857")
_IMSS_2021 = ("IMSS communiqué reported by Sureste Informa (2021-02-21); https://suresteinforma.com/noticias/"
              "otorga-imss-mas-de-2-mil-700-licencias-140-bis-a-padres-con-pacientes-pediatricos-oncologicos-238803")


@attrs.frozen
class Published:
    """One published figure.

    Attributes
    ----------
    serie : str
        What it measures (``rjp_casos``, ``rjp_jubilados``, ``licencias_140bis_acumuladas``...).
    anio : int
        Year it refers to (the end of the period for cumulative figures).
    valor : float
        The figure as printed, in ``unidad``.
    unidad : str
        ``persons``, ``persons_per_year``, ``MXN`` (nominal pesos of the year), ``licences``, ``days``.
    fuente : str
        Original source.
    uso : str
        ``calibration`` (the model is set to reproduce it), ``initial`` (the starting stock)
        or ``backtest`` (compared as it comes).
    nota : str
        Reading of the figure.
    """

    serie: str
    anio: int
    valor: float
    unidad: str
    fuente: str
    uso: str
    nota: str = ""


PUBLISHED: tuple[Published, ...] = (
    Published("rjp_activos", 2002, 375390, "persons", _JORNADA, "calibration",
              "active workers covered by the RJP at 31-12-2002; sets the yearly hires of the reconstructed history"),
    Published("rjp_casos", 2002, 109000, "persons", _JORNADA, "calibration",
              "RJP pensioners at 31-12-2002, printed '109 mil'; sets the growth of past hires"),
    Published("rjp_nuevas_jubilaciones", 2016, 11941, "persons_per_year", _CURSOR, "backtest",
              "yearly average of 2015-2017 jubilaciones por años de servicio (compared with the 2015-2017 model mean)"),
    Published("rjp_nuevas_jubilaciones", 2018, 12834, "persons_per_year", _CURSOR, "backtest",
              "jubilaciones por años de servicio in 2018"),
    Published("rjp_nuevas_jubilaciones", 2019, 19425, "persons_per_year", _CURSOR, "backtest",
              "jubilaciones por años de servicio in 2019 (+51 %, a rush the model does not reproduce)"),
    Published("rjp_jubilados", 2019, 259000, "persons", _CURSOR, "initial",
              "jubilados with a pension, printed 'casi 259 mil'; the starting stock at 31-12-2019"),
    Published("rjp_sobrevivientes", 2019, 65151, "persons", _CURSOR, "initial",
              "other RJP pensions (viudez, orfandad ...); the starting stock at 31-12-2019"),
    Published("rjp_nomina_jubilados", 2019, 95316e6, "MXN", _CURSOR, "calibration",
              "yearly payroll of jubilados (sets the average pension of the starting stock)"),
    Published("rjp_costo", 2019, 115854e6, "MXN", _REFORMA, "calibration",
              "RJP outlay in 2019 (budget 91,070 million); sets the factor for aguinaldo and other items"),
    Published("rjp_casos", 2023, 361030, "persons", _PRESUPUESTO, "calibration",
              "RJP cases estimated at the end of 2023; sets the probability of a jubilación once eligible"),
    Published("rjp_casos", 2024, 373053, "persons", _PRESUPUESTO, "backtest",
              "RJP cases financed in 2024 (read as the stock at the end of 2024)"),
    Published("licencias_140bis_acumuladas", 2020, 615, "licences", _IMSS_2020, "backtest",
              "licences from 05-06-2019 to 28-01-2020 (to 200 parents: 85 fathers, 115 mothers)"),
    Published("licencias_140bis_acumuladas", 2021, 2703, "licences", _IMSS_2021, "backtest",
              "licences from 05-06-2019 to 21-02-2021, to 551 parents"),
    Published("dias_140bis_acumulados", 2021, 38000, "days", _IMSS_2021, "calibration",
              "'más de 38 mil días' of licence to 21-02-2021 (sets the days per licence)"),
    Published("subsidio_140bis_acumulado", 2021, 6.7e6, "MXN", _IMSS_2021, "calibration",
              "6.7 million pesos of subsidy to 21-02-2021 (sets the parents' salary)"),
)


def publicado(serie: str, anio: int) -> Published:
    """The published figure of ``serie`` for ``anio``; KeyError naming the series known."""
    for p in PUBLISHED:
        if p.serie == serie and p.anio == anio:
            return p
    known = sorted({f"{p.serie} {p.anio}" for p in PUBLISHED})
    raise KeyError(f"no published figure {serie} {anio}; known: {', '.join(known)}")
