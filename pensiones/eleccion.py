"""The regime choice of a worker first insured before 1 July 1997: Ley 73 or Ley 97."""

from __future__ import annotations

import attrs
import pandas as pd

from pensiones import _repr
from pensiones._validation import check_choice, check_number
from pensiones.garantizada.resultado import PensionLey97, pension_ley97
from pensiones.ley73.calculo import PensionLey73, pension
from pensiones.ley73.requisitos import elegible
from pensiones.rules.resolve import resolve_reglas
from pensiones.rules.ruleset import RuleSet

__all__ = ["EleccionRegimen", "eleccion_regimen"]


@attrs.frozen
class EleccionRegimen:
    """Ley 73 and Ley 97 outcomes side by side, the choice, and where each subaccount goes.

    Attributes
    ----------
    ley73 : PensionLey73 or None
        None when the Ley 73 requirements (500 weeks, age 60) are not met.
    ley97 : PensionLey97
    elegido : {"ley73", "ley97"}
    subcuentas : pandas.DataFrame
        For each regime and subaccount: the balance and its destination (``pension``,
        ``trabajador`` as a lump sum, or ``gobierno_federal``).
    """

    __repr__ = _repr.texto
    _repr_html_ = _repr.html

    ley73: PensionLey73 | None
    ley97: PensionLey97
    elegido: str
    subcuentas: pd.DataFrame = attrs.field(repr=False)

    @property
    def mensual(self) -> float:
        """Monthly pension under the chosen regime, pesos."""
        return self.ley73.mensual if self.elegido == "ley73" else self.ley97.mensual

    def resumen(self) -> pd.DataFrame:
        """One row per regime: monthly pension, lump sum to the worker, transfer to the government."""
        sub = self.subcuentas
        rows = []
        for regimen in ("ley73", "ley97"):
            part = sub[sub.regimen == regimen]
            mensual = (self.ley73.mensual if self.ley73 else float("nan")) if regimen == "ley73" else self.ley97.mensual
            lump = part.loc[part.destino == "trabajador", "saldo"].sum() + (
                self.ley97.retiro_unico if regimen == "ley97" else 0.0
            )
            rows.append(
                {
                    "regimen": regimen,
                    "mensual": mensual,
                    "pago_unico_trabajador": lump,
                    "transferencia_gobierno": part.loc[part.destino == "gobierno_federal", "saldo"].sum(),
                    "elegido": regimen == self.elegido,
                }
            )
        return pd.DataFrame(rows)


def eleccion_regimen(
    *,
    salario_promedio_diario: float,
    semanas: float,
    edad: float,
    anio: int,
    sexo: str,
    salario_uma: float,
    saldo_retiro: float,
    saldo_ceav: float,
    saldo_sar92: float = 0.0,
    saldo_vivienda: float = 0.0,
    opciones_ley73: dict | None = None,
    opciones_ley97: dict | None = None,
    reglas: RuleSet | None = None,
) -> EleccionRegimen:
    """Compare Ley 73 and Ley 97 for a transition-generation worker and choose the better monthly pension.

    Parameters
    ----------
    salario_promedio_diario : float
        Ley 73 average daily salary of the last 250 weeks, pesos.
    semanas, edad, anio, sexo
        Weeks, age at retirement, year, sex ("H"/"M").
    salario_uma : float
        Lifetime average SBC in UMA (Ley 97 guaranteed-pension band).
    saldo_retiro, saldo_ceav : float
        RCV subaccount split: retiro (2 % since 1997) and cesantía y vejez (with the cuota
        social and the state contribution), pesos.
    saldo_sar92, saldo_vivienda : float
        SAR 92 retiro balance and housing (INFONAVIT) balance, pesos.
    opciones_ley73, opciones_ley97 : dict
        Extra keyword arguments for :func:`pensiones.ley73.pension` and
        :func:`pensiones.garantizada.pension_ley97`.

    See Also
    --------
    pensiones.unidades : pesos, UMA and minimum wages of a date or year (``pesos_a_uma``, ...).
    pensiones.tasa_reemplazo_carrera : the Ley 97 pension of a career projected from the AFORE statement.

    Notes
    -----
    Ley 73: the Federal Government pays the pension; the CEAV balance goes to the Federal
    Government; retiro (1997+), SAR 92 and vivienda are returned to the worker in one sum.
    Ley 97: retiro + CEAV fund the pension; SAR 92 and vivienda are returned to the worker
    (the use of vivienda to top up the pension is not modelled).  The choice is the larger
    first monthly pension; a tie goes to Ley 73 (defined benefit, INPC-indexed for life).
    If Ley 73's requirements are not met, Ley 97 applies.

    References
    ----------
    LSS 1997 transitorios Tercero, Cuarto (IMSS must compute both), Duodécimo (Ley 73 paid by
    the Federal Government), Décimo Tercero; LSAR Noveno transitorio (DOF 24-12-2002).

    Examples
    --------
    >>> from pensiones.eleccion import eleccion_regimen
    >>> r = eleccion_regimen(salario_promedio_diario=800.0, semanas=1500, edad=65, anio=2026, sexo="H",
    ...                      salario_uma=4.0, saldo_retiro=150_000, saldo_ceav=450_000, saldo_sar92=20_000)
    >>> r.elegido, r.ley73.mensual > r.ley97.mensual
    ('ley73', True)
    """
    rs = resolve_reglas(None, reglas)
    balances = {
        "saldo_retiro": saldo_retiro,
        "saldo_ceav": saldo_ceav,
        "saldo_sar92": saldo_sar92,
        "saldo_vivienda": saldo_vivienda,
    }
    for name, value in balances.items():
        balances[name] = check_number(name, value, minimum=0.0)
    check_choice("sexo", sexo, ("H", "M"))
    ley73 = None
    if elegible(semanas, edad, anio, reglas=rs):
        ley73 = pension(salario_promedio_diario, semanas, edad, anio, reglas=rs, **(opciones_ley73 or {}))
    rcv = balances["saldo_retiro"] + balances["saldo_ceav"]
    ley97 = pension_ley97(rcv, edad, semanas, salario_uma, sexo, anio, reglas=rs, **(opciones_ley97 or {}))
    elegido = "ley73" if ley73 is not None and ley73.mensual >= ley97.mensual else "ley97"
    destinos = {
        "ley73": {
            "saldo_retiro": "trabajador",
            "saldo_ceav": "gobierno_federal",
            "saldo_sar92": "trabajador",
            "saldo_vivienda": "trabajador",
        },
        "ley97": {
            "saldo_retiro": "pension" if ley97.modalidad != "negativa_de_pension" else "trabajador",
            "saldo_ceav": "pension" if ley97.modalidad != "negativa_de_pension" else "trabajador",
            "saldo_sar92": "trabajador",
            "saldo_vivienda": "trabajador",
        },
    }
    rows = [
        {"regimen": reg, "subcuenta": sub.removeprefix("saldo_"), "saldo": balances[sub], "destino": dest}
        for reg, mapping in destinos.items()
        for sub, dest in mapping.items()
    ]
    # with negativa de pensión the RCV lump sum is reported once, in PensionLey97.retiro_unico
    sub = pd.DataFrame(rows)
    if ley97.modalidad == "negativa_de_pension":
        sub.loc[(sub.regimen == "ley97") & sub.subcuenta.isin(["retiro", "ceav"]), "destino"] = "retiro_unico"
    return EleccionRegimen(ley73, ley97, elegido, sub)
