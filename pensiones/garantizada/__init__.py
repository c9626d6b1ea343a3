"""The guaranteed pension (pensión garantizada, LSS art. 170 as reformed DOF 16-12-2020)."""

from pensiones.garantizada.resultado import MODALIDADES_LEY97, ResultadoLey97, resultado_ley97
from pensiones.garantizada.tabla import columnas_semanas, monto_mensual, monto_tabla

__all__ = ["monto_tabla", "monto_mensual", "columnas_semanas", "resultado_ley97", "ResultadoLey97", "MODALIDADES_LEY97"]


def __getattr__(name: str):
    # MODALIDADES: renamed MODALIDADES_LEY97 (warns)
    if name == "MODALIDADES":
        from pensiones.garantizada import resultado

        return resultado.__getattr__(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
