"""What each modelling change of issue #13 does to the baseline: fiscal cost and replacement rates.

Runs the default scenario with the changes switched on one at a time, on one synthetic population and
the same draws, and prints a Markdown table (the one in docs/efectos_modelo.md):

    python tools/efectos_modelo.py --persons 20000 --paths 4

Steps: (0) the engine before the changes: single-life annuities, no survivors' pensions paid, claims as
soon as the law allows; (1) the survivors' cover priced into the renta vitalicia from each record's
family; (2) survivors' pensions paid; (3) the calibrated claiming behaviour; (4) the Fondo threshold
re-based on the IMSS average salary instead of the decree's inflation (a legal reading, not the default).
The horizon runs to 2100 (entrants to 2100, the population after 2070 by ``Supuestos.poblacion_post_2070``).
"""

from __future__ import annotations

import argparse

import pandas as pd

import pensiones  # noqa: I001
from pensiones.engine.population import COLUMNAS_FAMILIA

ANIOS = (2030, 2050, 2070, 2100)


def pasos(pop: pensiones.Population):
    frame = pop.to_frame()
    for c in COLUMNAS_FAMILIA:
        frame[c] = False if c == "conyuge" else 0
    sin_familia = pensiones.Population.from_frame(frame)
    base = pensiones.Scenario.default()
    antes = base.with_reform(
        {"procesos": {"sobrevivientes": False, "probabilidad_cesantia": [1.0] * 5, "espera_fondo": 0.0}}, name="antes"
    )
    return [
        ("0. before: single-life annuities, no survivors' pensions, claims as soon as allowed", sin_familia, antes),
        ("1. + survivors' cover priced into the renta vitalicia", pop, antes),
        ("2. + survivors' pensions paid", pop, antes.with_reform({"procesos": {"sobrevivientes": True}})),
        ("3. + calibrated claiming (= the default baseline)", pop, base),
        ("4. + Fondo threshold re-based on the average salary (reading)", pop,
         base.with_reform({"criterios": {"umbral_fondo_bienestar": "salario_promedio"}})),
    ]


def medir(r) -> dict:
    sel = r.fiscal_cost(measure="pct_GDP", stat="mean", wide=True)
    row = {}
    for y in ANIOS:
        if y in sel.index:
            row[f"total {y}"] = sel.loc[y, "total"]
    row["PG 2050"] = sel.loc[2050, "pension_garantizada"]
    row["Fondo 2050"] = sel.loc[2050, "fondo_bienestar"]
    row["survivors 2050"] = sel.loc[2050, "sobrevivientes_ley73"] + sel.loc[2050, "sobrevivientes_pg"]
    o = r.outcomes()
    todos = o[o.group == "all"].iloc[0]
    row["gross RR"] = todos.replacement_rate_mean
    row["gross RR + Fondo"] = todos.replacement_rate_with_fondo_mean
    row["net RR"] = todos.net_replacement_rate_mean
    row["net RR + Fondo"] = todos.net_replacement_rate_with_fondo_mean
    row["on PG"] = todos.share_pension_garantizada
    row["with Fondo"] = todos.share_fondo_bienestar
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=20_000)
    ap.add_argument("--paths", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--end", type=int, default=2100)
    args = ap.parse_args(argv)
    pop = pensiones.Population.synthetic(args.persons, seed=1, anio_fin=args.end)
    rows = []
    for nombre, p, sc in pasos(pop):
        r = pensiones.simulate(p, sc, paths=args.paths, seed=args.seed, end=args.end, outcomes=True)
        rows.append({"step": nombre, **medir(r)})
        print(f"done: {nombre}", flush=True)
    table = pd.DataFrame(rows)
    print("| " + " | ".join(table.columns) + " |")
    print("|" + "---|" * len(table.columns))
    for _, row in table.iterrows():
        cells = [row["step"]] + [f"{v:.3f}" if "RR" not in k and k not in ("on PG", "with Fondo") else f"{v:.1%}"
                                 for k, v in row.items() if k != "step"]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
