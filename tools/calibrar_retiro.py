"""Re-derive the cesantía claiming probability and measure the claiming sensitivity table (docs/retiro.md).

Calibration: one level ``h`` of ``Procesos.probabilidad_cesantia`` (the same at 60..64) so that the
cesantía y vejez pensions (Ley 73, renta vitalicia, guaranteed pension) a run from 2021 grants in
2021-2023 are granted before 65 in the proportion ``PROPORCION_CESANTIA_OBJETIVO`` (IMSS, Quintana
Roo, January-September 2023: 17,520 cesantía and 5,086 vejez).  Every other parameter keeps its
default; the synthetic population is rebuilt with each ``h`` (its careers before 2021 claim the
same way).  Secant steps on the share, from h = 1 and h = 0.5; prints the solution to copy into
``PROBABILIDAD_CESANTIA``.

    PYTHONPATH=. python tools/calibrar_retiro.py            # the calibration
    PYTHONPATH=. python tools/calibrar_retiro.py --tabla    # the sensitivity table of docs/retiro.md
"""

from __future__ import annotations

import argparse

import numpy as np

from pensiones import Population, Procesos, Scenario, simulate
from pensiones.engine import componentes as C
from pensiones.engine.procesos import PROPORCION_CESANTIA_OBJETIVO

#: Pension modalities of the cesantía y vejez branch.
_MODALIDADES = (C.LEY73, C.RENTA_VITALICIA, C.PENSION_GARANTIZADA)


def reclamos(results, desde: int, hasta: int, modalidades=_MODALIDADES) -> dict[str, float]:
    """Share granted at 60, share before 65 and mean age of the pensions granted in ``desde .. hasta``."""
    o = results.outcomes_array
    w = np.broadcast_to(results.personas["peso"].to_numpy()[None, :], o.shape[:2])
    anio = o[:, :, C.O_ANIO_RETIRO]
    edad = np.nan_to_num(o[:, :, C.O_EDAD_RETIRO])
    sel = np.isin(o[:, :, C.O_MODALIDAD], modalidades) & (anio >= desde) & (anio <= hasta)
    total = float((w * sel).sum())
    return {
        "a_los_60": float((w * sel * (edad == 60)).sum()) / total,
        "antes_de_65": float((w * sel * (edad < 65)).sum()) / total,
        "edad_media": float((w * sel * edad).sum()) / total,
    }


def proporcion_2021(h: float, n: int, paths: int) -> float:
    procesos = Procesos(probabilidad_cesantia=[h] * 5)
    pop = Population.synthetic(n, seed=1, year=2021, procesos=procesos)
    r = simulate(pop, Scenario(procesos=procesos), paths=paths, seed=3, start=2021, end=2024, outcomes=True)
    return reclamos(r, 2021, 2023)["antes_de_65"]


def calibrar(n: int, paths: int) -> float:
    objetivo = PROPORCION_CESANTIA_OBJETIVO
    x0, x1 = 1.0, 0.5
    f0, f1 = proporcion_2021(x0, n, paths) - objetivo, proporcion_2021(x1, n, paths) - objetivo
    print(f"h={x0:.4f} share-target={f0:+.4f}\nh={x1:.4f} share-target={f1:+.4f}", flush=True)
    for _ in range(6):
        if abs(f1) < 0.002 or f1 == f0:
            break
        x0, x1, f0 = x1, float(np.clip(x1 - f1 * (x1 - x0) / (f1 - f0), 0.01, 1.0)), f1
        f1 = proporcion_2021(x1, n, paths) - objetivo
        print(f"h={x1:.4f} share-target={f1:+.4f}", flush=True)
    return x1


#: Settings of the sensitivity table: name and Procesos changes.
AJUSTES = {
    "former rule (claim when allowed)": {"probabilidad_cesantia": [1.0] * 5, "espera_fondo": 0.0},
    "default": {},
    "default, no waiting for the Fondo": {"espera_fondo": 0.0},
    "default, all wait for the Fondo": {"espera_fondo": 1.0},
    "nobody claims before 65": {"probabilidad_cesantia": [0.0] * 5},
}


def tabla(n: int, paths: int) -> None:
    print(
        "| setting | total 2030 | total 2050 | total 2070 | Fondo 2030 | Fondo 2050 | Fondo 2070 "
        "| at 60 | before 65 | mean age |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for nombre, cambios in AJUSTES.items():
        procesos = Procesos(**cambios)
        pop = Population.synthetic(n, seed=1, procesos=procesos)
        r = simulate(pop, Scenario(procesos=procesos), paths=paths, seed=3, end=2070, outcomes=True)
        pct = r.fiscal_cost(measure="pct_GDP", stat="mean").set_index(["component", "year"])["value"]
        m = reclamos(r, 2025, 2070)
        celdas = [f"{pct['total', y]:.2f}" for y in (2030, 2050, 2070)] + [
            f"{pct['fondo_bienestar', y]:.3f}" for y in (2030, 2050, 2070)
        ]
        celdas += [f"{m['a_los_60']:.0%}", f"{m['antes_de_65']:.0%}", f"{m['edad_media']:.1f}"]
        print(f"| {nombre} | " + " | ".join(celdas) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabla", action="store_true", help="measure the sensitivity table instead")
    parser.add_argument("--n", type=int, default=30_000, help="records (default 30,000)")
    parser.add_argument("--paths", type=int, default=4, help="paths (default 4)")
    args = parser.parse_args()
    if args.tabla:
        tabla(args.n, args.paths)
    else:
        print(f"PROBABILIDAD_CESANTIA = ({calibrar(args.n, args.paths):.2f},) * 5")


if __name__ == "__main__":
    main()
