"""The guaranteed pension (pensión garantizada, LSS art. 170 as reformed DOF 16-12-2020)."""

from pensiones._deprecation import modulo_renombrado
from pensiones.garantizada.resultado import MODALIDADES_LEY97, PensionLey97, pension_ley97
from pensiones.garantizada.tabla import monto_mensual, monto_tabla, semanas_tabla

__all__ = ["monto_tabla", "monto_mensual", "semanas_tabla", "pension_ley97", "PensionLey97", "MODALIDADES_LEY97"]

#: Deprecated spellings (removed in 0.3; pensiones._deprecation). ``MODALIDADES`` is the engine's
#: modality codes (``pensiones.engine.componentes.MODALIDADES``); a Ley 97 retirement's values are
#: ``MODALIDADES_LEY97``.
__getattr__ = modulo_renombrado("pensiones.garantizada", globals(), {
    "resultado_ley97": "pension_ley97", "ResultadoLey97": "PensionLey97", "columnas_semanas": "semanas_tabla",
    "MODALIDADES": "MODALIDADES_LEY97",
})
