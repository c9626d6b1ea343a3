"""Ley 97 individual accounts: requirements and contributions (LSS arts. 154, 162, 168).

Functions answer for a year (its 1 February, when every annual value is in force) or a
:class:`datetime.date`.
"""

from pensiones.ley97.contribuciones import (
    cuota_social_diaria,
    tabla_cuota_social,
    tasa_aportacion_estatal,
    tasa_patronal_ceav,
    tasa_retiro,
    tasa_trabajador_ceav,
)
from pensiones._deprecation import modulo_renombrado
from pensiones.ley97.cuenta import ACCOUNT_COLUMNS, proyectar_cuenta
from pensiones.ley97.decumulacion import (
    factor_anualidad,
    factor_sobrevivencia,
    prima_sobrevivencia_conjunta,
    proporciones_sobrevivientes,
    renta_vitalicia,
    retiro_programado,
    tasa_tecnica,
)
from pensiones.ley97.fondo_bienestar import complemento_fondo_bienestar, umbral_fondo_bienestar
from pensiones.ley97.requisitos import edad_cesantia, edad_vejez, semanas_minimas
from pensiones.ley97.sobrevivientes import pension_invalidez, pensiones_sobrevivientes

__all__ = [
    "semanas_minimas",
    "edad_cesantia",
    "edad_vejez",
    "tasa_patronal_ceav",
    "tasa_trabajador_ceav",
    "tasa_retiro",
    "tasa_aportacion_estatal",
    "cuota_social_diaria",
    "tabla_cuota_social",
    "proyectar_cuenta",
    "ACCOUNT_COLUMNS",
    "factor_anualidad",
    "renta_vitalicia",
    "factor_sobrevivencia",
    "prima_sobrevivencia_conjunta",
    "retiro_programado",
    "tasa_tecnica",
    "proporciones_sobrevivientes",
    "complemento_fondo_bienestar",
    "umbral_fondo_bienestar",
    "pensiones_sobrevivientes",
    "pension_invalidez",
]



def _constantes_previas(name: str):
    # TASA_TECNICA: deprecated, the technical rate lives in rule table ``tasa_tecnica`` (warns)
    if name == "TASA_TECNICA":
        from pensiones.ley97 import decumulacion

        return decumulacion.__getattr__(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Deprecated spellings (removed in 0.3; pensiones._deprecation).
__getattr__ = modulo_renombrado("pensiones.ley97", globals(), {"COLUMNAS_CUENTA": "ACCOUNT_COLUMNS"},
                                siguiente=_constantes_previas)
