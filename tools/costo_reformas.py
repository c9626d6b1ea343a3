"""What the 2020 reform and the Fondo Bienestar cost: the tables of docs/costo_reforma_2020.md and
docs/costo_fondo_bienestar.md, from three runs on one synthetic population and the same draws:

    python tools/costo_reformas.py --persons 100000 --paths 16 --end 2100

Runs ``reforma_2020`` (the law in force, with the Fondo), ``sin_reforma`` (the 1997 law, no Fondo) and
``sin_fondo_bienestar`` (the law in force without the Fondo) from 2021, and prints in Markdown, for each of
the three differences, the present value by component and period
(:func:`pensiones.reporting.present_value_by_period`, % of the 2021 GDP, mean over paths, at 2, 3 and 5 %),
the 5-95 % band over paths and the present value in 2025 pesos of the total and the main lines, the years of
each period, the crossover and break-even years, and the yearly difference in % of each year's GDP; then the
Fondo's complements as sums of years in 2025 pesos, the people paid, and the Fondo's balance if it paid only
the model's IMSS complements.  The first line names the model version and commit that produced the figures.
"""

from __future__ import annotations

import argparse

# a sibling tool (run as a script, python puts tools/ on the path): the one version-and-commit line of both pages
from pagina_reformas import version

import pensiones
from pensiones.reporting import compare, present_value_by_period

TASAS = (0.02, 0.03, 0.05)
ANIOS = (2025, 2030, 2035, 2040, 2045, 2050, 2060, 2070, 2080, 2100)
PARES = {
    "the 2020 reform alone: sin_fondo_bienestar - sin_reforma": ("sin_fondo_bienestar", "sin_reforma"),
    "the law in force against the 1997 law: reforma_2020 - sin_reforma": ("reforma_2020", "sin_reforma"),
    "the Fondo Bienestar: reforma_2020 - sin_fondo_bienestar": ("reforma_2020", "sin_fondo_bienestar"),
}
#: The Fondo's balance on 26 March 2025 and the yearly inflows 2025-2029 SHCP announced (millions of pesos),
#: and the return SHCP assumed (docs/costo_fondo_bienestar.md cites them).
SALDO_FONDO_2025, INGRESOS_FONDO, RENDIMIENTO_FONDO = 46_976e6, 11_000e6, 0.04


def markdown(frame, decimals: int = 2) -> str:
    head = "| " + " | ".join(map(str, [frame.index.name or "", *frame.columns])) + " |"
    rule = "|" + "---|" * (len(frame.columns) + 1)
    rows = ["| " + " | ".join([str(i), *(f"{v:.{decimals}f}" for v in row)]) + " |" for i, row in frame.iterrows()]
    return "\n".join([head, rule, *rows])


def tramos(years) -> str:
    """Years as ranges: ``2021-2022, 2048-2100 (55 years)``."""
    years = sorted(years)
    if not years:
        return "none"
    runs, start = [], years[0]
    for prev, y in zip(years, [*years[1:], None]):
        if y is None or y != prev + 1:
            runs.append(f"{start}-{prev}" if prev > start else f"{start}")
            start = y
    return f"{', '.join(runs)} ({len(years)} years)"


def tabla_vp(reforma, contrafactual) -> str:
    mean = present_value_by_period(reforma, contrafactual, tasas=TASAS, measure="pct_GDP", stat="mean", wide=True)
    keep = [c for c in mean.index if (mean.loc[c].abs() >= 0.005).any()]
    out = mean.loc[keep].drop(columns=[(r, "neutral") for r in TASAS])
    out.columns = [f"{p} {r:.0%}" for r, p in out.columns]
    out.index.name = "component"
    grandes = [c for c in ("total", "pension_garantizada", "fondo_bienestar") if c in keep]
    t = {stat: present_value_by_period(reforma, contrafactual, tasas=TASAS, measure="pct_GDP", stat=stat, wide=True)
         for stat in ("p5", "p95")}
    bands = {c: ", ".join(f"{r:.0%} {t['p5'].loc[c, (r, 'all')]:.2f} to {t['p95'].loc[c, (r, 'all')]:.2f}"
                          for r in TASAS) for c in grandes}
    pesos = present_value_by_period(reforma, contrafactual, tasas=TASAS, measure="MXN_2025", stat="mean", wide=True)
    billones = {c: ", ".join(f"{r:.0%} {pesos.loc[c, (r, 'all')] / 1e12:.2f}" for r in TASAS)
                for c in (*grandes, "transferencia_rcv_ley73") if c in keep}
    a = mean.attrs
    return "\n".join([
        markdown(out), "",
        "all years, 5-95 % over paths: " + "; ".join(f"{c}: {v}" for c, v in bands.items()),
        "all years, trillion (10^12) 2025 pesos, mean: " + "; ".join(f"{c}: {v}" for c, v in billones.items()),
        "years: " + "; ".join(f"{p} {tramos(a['period_years'][p])}" for p in ("saving", "cost", "neutral")),
        f"crossover year: {a['crossover_year']}; break-even year by rate: {a['breakeven_year']}",
    ])


def tabla_anual(reforma, contrafactual) -> str:
    d = compare(contrafactual, reforma, measure="pct_GDP", stat="mean", wide=True)
    keep = [c for c in d.columns if (d[c].abs() >= 0.0005).any()]
    out = d.loc[[y for y in ANIOS if y in d.index], keep].T
    out.index.name = "component"
    total = d["total"]
    primeros = ", ".join(f"{y} {total.loc[y]:.5f}" for y in total.index[:4])
    return "\n".join([markdown(out, 3), "", f"total, first years, % of GDP: {primeros}"])


def fondo(ley) -> str:
    mxn = ley.fiscal_cost(measure="MXN", stat="mean", components="fondo_bienestar").set_index("year")["value"]
    real = ley.fiscal_cost(measure="MXN_2025", stat="mean", components="fondo_bienestar").set_index("year")["value"]
    lines = [f"- complements {a}-{b}: {real.loc[a:b].sum() / 1e9:,.0f} billion 2025 pesos "
             f"({mxn.loc[a:b].sum() / 1e9:,.0f} billion nominal)"
             for a, b in ((2024, 2033), (2024, 2045), (2024, 2050), (2025, 2074), (2025, 2099)) if b <= mxn.index[-1]]
    gente = ley.pensions(measure="in_payment", stat="mean", wide=True)[("ley97", "fondo_bienestar")]
    lines += [f"- complements {y}: {real.loc[y] / 1e9:,.3f} billion 2025 pesos "
              f"({mxn.loc[y] / 1e9:,.3f} billion nominal) to {gente.loc[y]:,.0f} people in payment"
              for y in (2024, 2025, 2026) if y <= mxn.index[-1]]
    lines += [f"- people paid a complement in {y}: {gente.loc[y]:,.0f}" for y in (2030, 2050) if y <= mxn.index[-1]]
    saldo, agotado = SALDO_FONDO_2025, None
    for y in range(2025, int(mxn.index[-1]) + 1):
        saldo = saldo * (1 + RENDIMIENTO_FONDO) + (INGRESOS_FONDO if y <= 2029 else 0.0) - mxn.loc[y]
        if saldo < 0:
            agotado = y
            break
    lines.append(f"- the Fondo's balance, paying only the model's IMSS complements, is exhausted in: {agotado}")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--paths", type=int, default=16)
    parser.add_argument("--end", type=int, default=2100)
    args = parser.parse_args(argv)
    pop = pensiones.Population.synthetic(args.persons, seed=2021, year=2021, anio_fin=max(args.end, 2070))
    kw = dict(start=2021, end=args.end, paths=args.paths, seed=1, progress=False)
    runs = {s: pensiones.simulate(pop, pensiones.Scenario.load(s), **kw)
            for s in ("reforma_2020", "sin_reforma", "sin_fondo_bienestar")}
    print(f"{args.persons:,} records, {args.paths} paths, 2021-{args.end}, seed 1 (population seed 2021); {version()}")
    for titulo, (a, b) in PARES.items():
        print(f"\n### {titulo}\n\nPresent value, % of the 2021 GDP, mean over paths:\n")
        print(tabla_vp(runs[a], runs[b]))
        print("\nYearly difference, % of each year's GDP, mean over paths:\n")
        print(tabla_anual(runs[a], runs[b]))
    print("\n### the Fondo's complements (IMSS, the model)\n")
    print(fondo(runs["reforma_2020"]))


if __name__ == "__main__":
    main()
