"""Re-derive the share of voluntary savers (``PROPORCION_AHORRO_VOLUNTARIO``) and check it in a run.

Target: CONSAR counted 8.5 million accounts that made voluntary contributions in 2021, of 70.4 million
registered accounts (12.07 %; El Economista, 16-05-2022).  In the engine a saver contributes voluntarily
only in the years he contributes to the IMSS, so the share of savers is the target over the share of the
active account holders who contribute (``cotizantes / activos``) in the first year of a run from 2025.
Then a run of the built-in scenario ``ahorro_voluntario`` checks the simulated share
(``ahorradores_voluntarios / activos``) and prints the voluntary contributions of 2025, to set beside
CONSAR's inflows (13,004 million pesos a year in January-June 2020, the rate's source; 5,074 million in
September 2025 alone, El Economista 09-11-2025): an order of magnitude, not a target.

    PYTHONPATH=. python tools/calibrar_ahorro_voluntario.py
"""

from __future__ import annotations

from pensiones import Population, Scenario, simulate
from pensiones.engine.procesos import PROPORCION_AHORRO_VOLUNTARIO

#: Accounts with voluntary contributions in 2021 over the registered accounts (CONSAR).
OBJETIVO = 8.5 / 70.4


def main() -> None:
    pop = Population.synthetic(20_000, seed=3)
    base = simulate(pop, paths=2, seed=1, end=2026, progress=False)
    cotizan = float((base.component("cotizantes")[:, 0] / base.component("activos")[:, 0]).mean())
    print(f"contributing share of the active account holders, 2025: {cotizan:.4f}")
    print(f"PROPORCION_AHORRO_VOLUNTARIO = {OBJETIVO / cotizan:.4f}  (packaged: {PROPORCION_AHORRO_VOLUNTARIO})")
    r = simulate(pop, Scenario.load("ahorro_voluntario"), paths=2, seed=1, end=2026, progress=False)
    share = float((r.component("ahorradores_voluntarios")[:, 0] / r.component("activos")[:, 0]).mean())
    print(f"simulated share of active account holders saving voluntarily, 2025: {share:.4f} (target {OBJETIVO:.4f})")
    flujo = float(r.component("aportaciones_voluntarias")[:, 0].mean())
    print(f"simulated voluntary contributions, 2025: {flujo / 1e6:,.0f} million pesos")


if __name__ == "__main__":
    main()
