"""An adviser's run for one worker of the transition generation: Ley 73 against Ley 97,
with and without five years of Modalidad 40 before retiring.

    python examples/asesor_individual.py --salario 650 --semanas 1350 --edad 65 --anio 2031

Every figure comes from pensiones' calculators; the assumptions are printed with the result.
"""

from __future__ import annotations

import argparse

import pandas as pd

import pensiones
from pensiones import ley73, ley97


def main(argv: list[str] | None = None) -> pd.DataFrame:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--salario", type=float, default=650.0, help="average daily salary of the last 250 weeks, pesos"
    )
    parser.add_argument("--semanas", type=float, default=1350, help="weeks contributed so far")
    parser.add_argument("--edad", type=float, default=65, help="age at retirement")
    parser.add_argument("--anio", type=int, default=2031, help="year of retirement")
    parser.add_argument("--sexo", choices=["H", "M"], default="H")
    parser.add_argument(
        "--salario-uma", type=float, default=3.5, help="lifetime average SBC in UMA (Ley 97 guaranteed pension)"
    )
    parser.add_argument("--saldo-retiro", type=float, default=180_000.0)
    parser.add_argument("--saldo-ceav", type=float, default=420_000.0)
    parser.add_argument("--saldo-sar92", type=float, default=15_000.0)
    parser.add_argument("--saldo-vivienda", type=float, default=120_000.0)
    parser.add_argument(
        "--sin-esposa", dest="esposa", action="store_false", help="no spouse (default: a spouse with asignación)"
    )
    parser.add_argument("--semanas-m40", type=int, default=260, help="weeks of Modalidad 40 before retiring")
    args = parser.parse_args(argv)

    historial = [args.salario] * int(args.semanas)
    base = pensiones.eleccion_regimen(
        salario_promedio_diario=args.salario, semanas=args.semanas, edad=args.edad, anio=args.anio, sexo=args.sexo,
        salario_uma=args.salario_uma, saldo_retiro=args.saldo_retiro, saldo_ceav=args.saldo_ceav,
        saldo_sar92=args.saldo_sar92, saldo_vivienda=args.saldo_vivienda, opciones_ley73={"esposa": args.esposa},
    )
    start = args.anio - (args.semanas_m40 + 51) // 52
    tope = pensiones.rules.load().tope_sbc_diario(start)
    m40 = ley73.efecto_modalidad40(
        historial, args.semanas, tope, args.semanas_m40, start, args.edad, args.anio, esposa=args.esposa
    )
    rows = [
        ("Ley 73", base.ley73.mensual if base.ley73 else float("nan"), 0.0),
        ("Ley 73 + Modalidad 40 at the cap", m40.con.mensual, m40.costo_total),
        (f"Ley 97 ({base.ley97.modalidad})", base.ley97.mensual, 0.0),
    ]
    table = pd.DataFrame(rows, columns=["option", "monthly_pension", "cost_to_worker"])
    print(
        f"Worker: {args.salario:.2f} pesos/day average, {args.semanas:.0f} weeks, "
        f"retiring at {args.edad:g} in {args.anio}"
    )
    print(table.round(2).to_string(index=False))
    print()
    print(base.resumen().round(2).to_string(index=False))
    print(
        f"\nModalidad 40: {args.semanas_m40} weeks registered at {tope:.2f} pesos/day from {start} cost "
        f"{m40.costo_total:,.2f} pesos and add {m40.aumento_mensual:,.2f} a month "
        f"(repaid in {m40.meses_para_recuperar:.1f} months)."
    )
    print(f"Ley 97 minimum weeks in {args.anio}: {ley97.semanas_minimas(args.anio)}; "
          f"Ley 73 minimum pension: {ley73.pension_minima_mensual(args.anio):,.2f} pesos a month.")
    print("Assumptions: pensiones defaults (docs/decisions.md); projected years use 3 % inflation.")
    return table


if __name__ == "__main__":
    main()
