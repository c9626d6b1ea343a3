"""Re-derive the three calibrated RJP parameters (docs/imss.md, "Calibration targets and ratios").

Targets: 375,390 RJP workers and 109,000 RJP pensioners at the end of 2002 (La Jornada, 01-03-2004),
361,030 RJP cases at the end of 2023 (IMSS budget narrative 2024 / Informe al Ejecutivo).  Unknowns:
``ingresos_anuales``, ``crecimiento_ingresos_historico``, ``prob_jubilacion``.  Newton's method with
finite differences, from the packaged defaults; prints the solution to copy into SupuestosRJP.

    PYTHONPATH=. python tools/calibrar_rjp.py
"""

from __future__ import annotations

import numpy as np

from pensiones.imss import SupuestosRJP, historia_rjp, proyeccion_rjp


def residuos(v: np.ndarray) -> np.ndarray:
    ingresos, crecimiento, prob = (float(x) for x in v)
    par = {"ingresos_anuales": ingresos, "crecimiento_ingresos_historico": crecimiento, "prob_jubilacion": prob,
           "incertidumbre": False}
    h = historia_rjp(**par)
    casos = proyeccion_rjp(None, np.arange(2020, 2024), paths=1, **par).en(2023, "casos")[0]
    return np.array([h["activos"][2002] / 375390 - 1, h["casos"][2002] / 109000 - 1, casos / 361030 - 1])


def main() -> None:
    d = SupuestosRJP()
    v = np.array([d.ingresos_anuales, d.crecimiento_ingresos_historico, d.prob_jubilacion])
    pasos = np.array([5.0, 2e-5, -1e-4])  # prob_jubilacion steps down: it may sit near 1
    for _ in range(20):
        r = residuos(v)
        print(v, r)
        if np.abs(r).max() < 1e-7:
            break
        jac = np.empty((3, 3))
        for j, e in enumerate(pasos):
            dv = v.copy()
            dv[j] += e
            jac[:, j] = (residuos(dv) - r) / e
        v = v - np.linalg.solve(jac, r)
    print("ingresos_anuales=%.0f crecimiento_ingresos_historico=%.4f prob_jubilacion=%.2f" % tuple(v))


if __name__ == "__main__":
    main()
