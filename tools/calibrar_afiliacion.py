"""Fit the age at first IMSS affiliation to CONSAR's count of the Ley 97 generation turning 65 in 2021.

The synthetic population draws the age at first affiliation as ``15 + Gamma(forma, escala)`` truncated at
65 (:mod:`pensiones.engine.synthetic`).  Its late entrants are the Ley 97 generation's oldest members:
someone born in 1956 is of that generation only if first affiliated after 1 July 1997, at 41 or older.
CONSAR counted them: "de las 40 mil personas que tendrian 65 anios [en 2021]" of the generation
(La Jornada, 18 January 2022, "Por reformas se pensionaron 27 mil trabajadores en 2021"), 68.5 % of
whom could reach a pension after the 2020 reform.

The target is the model's count of those people on 1 January 2021: the weighted records born in 1956
and first affiliated after 1 July 1997, :data:`GENERACION_LEY97_65_2021`.  It is computed as an
expectation, not counted on a sample (a population of 50,000 records holds about 14 of them): the
share of the draws that fall in that cell (CONAPO 2021 at 65 x ``AFILIADOS_HASTA_65`` x the entry-age
distribution between 1 July 1997 and 2021, over every cell's holders) times the weight a draw gets
(the start year's contributors over the records contributing, :func:`pensiones.engine.synthetic.objetivos`)
on a batch of :data:`LOTE` records.

One count fixes one parameter.  The shape ``forma`` stays at 1.5 (the assumption it was) and the scale
``escala`` is fitted: the count pins the upper tail (entry after 41), which every shape can meet with its
own scale (``--frontera``: 6.6 % to 5.6 % of entries after 42 for shapes 1 to 3).  The published
pension counts were not taken as the second target: the new Ley 97 pensions of 2021-2024 (more than
106,000) would pick a shape near 2, while every shape grants more than the 27,396 of 2021, the larger
shapes most; the two disagree on the shape, both depend on the contribution chain and the claiming
behaviour as much as on the entry ages, and the 2021 one is, with the count, the "68.5 %" of the same
statement.  They stay independent checks, with the share with a pension.  The careers' calibration
(``c0`` and ``multiplicador_aportaciones``: contributors' average SBC and the RCV balance of December
2025, :func:`pensiones.engine.synthetic._calibrar`) is recomputed for each ``escala``, and the fit is
repeated until neither moves.

    PYTHONPATH=. python tools/calibrar_afiliacion.py               # the fit: prints the constants
    PYTHONPATH=. python tools/calibrar_afiliacion.py --frontera    # escala for other shapes, with the count
    PYTHONPATH=. python tools/calibrar_afiliacion.py --verificar   # the checks on the default model

``--verificar`` runs the checks of ``docs/backtest.md`` on the model of this checkout (its default
entry-age distribution and packaged calibrations): the count and the share with a pension of the Ley 97
generation aged 65 in 2021, the 2021 back-test (the test's run, :data:`CORRIDA_2021`, to 2030), the new
awards by year, CONSAR's count of applications of January 2021 - September 2022, and the 2025 back-test.
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from pensiones.demography.conapo import poblacion
from pensiones.engine import synthetic as S
from pensiones.engine.population import FECHA_TRANSICION
from pensiones.engine.procesos import Procesos
from pensiones.rules.ruleset import load

#: People of the Ley 97 generation who turned 65 in 2021 (CONSAR, La Jornada 2022-01-18).
GENERACION_LEY97_65_2021 = 40_000.0
#: Their share who could reach a pension after the 2020 reform (same source): a check, not a target.
PROPORCION_PENSION_2021 = 0.685
#: Records drawn to measure the weight of a draw (seed 0).
LOTE = 200_000
#: The 2021 back-test's run (tests/reporting/test_backtest_2021.py): records (seed 1) and paths (seed 3).
CORRIDA_2021 = {"n": 500_000, "paths": 4}
#: Start year and birth year of the target cell (65 in 2021, born mid-1956 in the synthetic population).
ANIO, NACIMIENTO = 2021, 1956


def celdas(forma: float, escala: float) -> tuple[float, float]:
    """Holders (CONAPO x ever-affiliated share x entry-age CDF) of the cell of the target, and of all cells.

    Returns ``(generacion_ley97, total)``: the people born in 1956 first affiliated after 1 July 1997 and
    before 2021, and every person affiliated by 1 January 2021, as the synthetic population draws them
    (:func:`pensiones.engine.synthetic.carreras_hasta_1997`), before the weights.
    """
    rejilla = S._rejilla_entrada(forma, escala)
    pop = poblacion(load(), ANIO)
    pop = pop[(pop.edad >= 15) & (pop.edad <= 65)]
    edad = pop["edad"].to_numpy()
    mujer = (pop["sexo"] == "M").to_numpy()
    personas = pop["value"].to_numpy() * np.where(mujer, S.AFILIADOS_HASTA_65[1], S.AFILIADOS_HASTA_65[0])
    # born in mid-year: the years since 15 to 1 January 2021 and to 1 July 1997
    hasta_2021 = S._cdf_entrada(edad - 0.5 - 15.0, rejilla)
    hasta_1997 = S._cdf_entrada(np.full(len(edad), FECHA_TRANSICION - (NACIMIENTO + 0.5 + 15.0)), rejilla)
    celda = (ANIO - edad) == NACIMIENTO
    return float((personas * (hasta_2021 - hasta_1997))[celda].sum()), float((personas * hasta_2021).sum())


def peso_por_titular(forma: float, escala: float, calibracion: dict[str, float], *, m: int = LOTE,
                     seed: int = 0) -> float:
    """People a holder of :func:`celdas` stands for once the records are weighted (1 if the weights
    reproduced CONAPO x ``AFILIADOS_HASTA_65`` exactly).

    ``m`` records drawn for 1 January 2021 (:func:`pensiones.engine.synthetic._lote`) get the weight of
    :func:`pensiones.engine.synthetic.poblacion_sintetica`: December 2021's contributors over the records
    contributing and under 65.  Each draw stands for ``total / m`` holders; the ratio is the weight over that.
    """
    procesos = Procesos()
    columnas, m = S._lote(m, np.random.default_rng(seed), ANIO, procesos, calibracion["c0"],
                          calibracion["multiplicador_aportaciones"], forma, escala, 0, seed)
    cotizando = columnas["cotizando"] & (ANIO - columnas["anio_nacimiento"] < procesos.edad_retiro)
    peso = S.objetivos(ANIO)["cotizantes"] / int(cotizando.sum())
    return peso * m / celdas(forma, escala)[1]


def generacion_ley97_65(forma: float, escala: float, calibracion: dict[str, float]) -> float:
    """The model's expected count of Ley 97-generation people aged 65 in 2021 (weighted)."""
    return celdas(forma, escala)[0] * peso_por_titular(forma, escala, calibracion)


def ajustar_escala(forma: float, escala: float, calibracion: dict[str, float], *,
                   objetivo: float = GENERACION_LEY97_65_2021) -> float:
    """``escala`` whose count is ``objetivo`` at ``forma`` and the careers' ``calibracion`` (secant steps
    on the log of the count: the draws are the same for every ``escala``, so the count is smooth in it)."""
    def f(x):
        return math.log(generacion_ley97_65(forma, x, calibracion) / objetivo)

    x0, x1 = escala, escala * 1.1
    f0, f1 = f(x0), f(x1)
    for _ in range(20):
        if abs(f1) < 1e-5 or f1 == f0:
            break
        x0, x1, f0 = x1, float(np.clip(x1 - f1 * (x1 - x0) / (f1 - f0), 0.5, 30.0)), f1
        f1 = f(x1)
    return x1


def ajustar(forma: float = S.EDAD_AFILIACION_FORMA, escala: float = S.EDAD_AFILIACION_ESCALA, *,
            objetivo: float = GENERACION_LEY97_65_2021, decir=print) -> tuple[float, dict[str, float]]:
    """The fixed point of the ``escala`` fit and the careers' calibration: ``(escala, calibracion)``."""
    calibracion = S._calibrar(Procesos(), forma, escala)
    for vuelta in range(6):
        nueva = ajustar_escala(forma, escala, calibracion, objetivo=objetivo)
        calibracion = S._calibrar(Procesos(), forma, nueva)
        decir(f"pass {vuelta + 1}: escala {nueva:.4f}, c0 {calibracion['c0']:+.5f}, "
              f"multiplicador {calibracion['multiplicador_aportaciones']:.5f}, "
              f"count {generacion_ley97_65(forma, nueva, calibracion):,.0f}")
        if abs(nueva - escala) < 1e-4:
            return nueva, calibracion
        escala = nueva
    return escala, calibracion


def resumen(forma: float, escala: float) -> dict[str, float]:
    """The distribution's median age at first affiliation and the shares after 32 and after 42 (years)."""
    x, cdf = S._rejilla_entrada(forma, escala)
    return {"mediana": 15.0 + float(np.interp(0.5, cdf, x)),
            "despues_32": 1.0 - float(np.interp(17.0, x, cdf)),
            "despues_42": 1.0 - float(np.interp(27.0, x, cdf))}


def pensiones_2021_2024(forma: float, escala: float, calibracion: dict[str, float], *, n: int = 1_000_000,
                        paths: int = 2) -> dict[str, float]:
    """New Ley 97 pensions (renta vitalicia and guaranteed pension) of 2021 and of 2021-2024 in a run from 2021
    (``n`` records, seed 1; ``paths`` paths, seed 3), and the sample's weighted count of the target cell."""
    import pensiones

    pop = pensiones.Population.synthetic(n, seed=1, year=ANIO, edad_afiliacion_forma=forma,
                                         edad_afiliacion_escala=escala, calibracion=calibracion, anio_fin=2024)
    res = pensiones.simulate(pop, paths=paths, seed=3, start=ANIO, end=2024)
    nuevas = (res.component("nuevas_pensiones_rv") + res.component("nuevas_pensiones_pg")).mean(axis=0)
    celda = (np.asarray(pop.anio_nacimiento) == NACIMIENTO) & ~np.asarray(pop.transicion)
    return {"2021": float(nuevas[0]), "2021_2024": float(nuevas.sum()),
            "muestra": float(np.asarray(pop.peso)[celda].sum())}


def frontera(formas=(1.0, 1.25, 1.5, 2.0, 2.5, 3.0)) -> None:
    """For each shape, the ``escala`` that meets the count (careers recalibrated), its summary, and the new
    Ley 97 pensions of 2021 and 2021-2024 it gives (CONSAR: 27,396 and more than 106,000)."""
    print("| forma | escala | median | after 32 | after 42 | c0 | multiplicador | pensions 2021 | 2021-2024 "
          "| cell in the sample |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for forma in formas:
        escala, cal = ajustar(forma, S.EDAD_AFILIACION_ESCALA, decir=lambda texto: None)
        r = resumen(forma, escala)
        p = pensiones_2021_2024(forma, escala, cal)
        print(f"| {forma:.2f} | {escala:.3f} | {r['mediana']:.1f} | {r['despues_32']:.1%} | {r['despues_42']:.1%} "
              f"| {cal['c0']:+.4f} | {cal['multiplicador_aportaciones']:.4f} | {p['2021']:,.0f} "
              f"| {p['2021_2024']:,.0f} | {p['muestra']:,.0f} |", flush=True)


# --------------------------------------------------------------------------- the checks


def verificar(n: int = CORRIDA_2021["n"], paths: int = CORRIDA_2021["paths"], *, n_celda: int = 400_000,
              paths_celda: int = 4) -> None:
    """The checks of docs/backtest.md on the default model (see the module docstring); ``n`` records and
    ``paths`` paths for the 2021 back-test."""
    import pensiones
    from pensiones.engine import componentes as C
    from pensiones.engine.synthetic import calibracion_carreras
    from pensiones.reporting.backtest import backtest, backtest_2021

    forma, escala = S.EDAD_AFILIACION_FORMA, S.EDAD_AFILIACION_ESCALA
    cal = calibracion_carreras()
    r = resumen(forma, escala)
    print(f"entry ages: 15 + Gamma({forma}, {escala}): median {r['mediana']:.1f}, "
          f"{r['despues_32']:.1%} after 32, {r['despues_42']:.1%} after 42; careers c0 {cal['c0']:+.5f}, "
          f"multiplicador {cal['multiplicador_aportaciones']:.5f}")
    print(f"Ley 97 generation aged 65 in 2021 (expected, weighted): {generacion_ley97_65(forma, escala, cal):,.0f} "
          f"(CONSAR {GENERACION_LEY97_65_2021:,.0f})", flush=True)

    # the share with a pension: a large population without entrants, one year
    pop = pensiones.Population.synthetic(n_celda, seed=1, year=ANIO, entrantes=False)
    res = pensiones.simulate(pop, paths=paths_celda, seed=3, start=ANIO, end=ANIO, outcomes=True)
    celda = (np.asarray(pop.anio_nacimiento) == NACIMIENTO) & ~np.asarray(pop.transicion)
    modalidad = res.outcomes_array[:, celda, C.O_MODALIDAD]
    pension = np.isin(modalidad, (C.RENTA_VITALICIA, C.PENSION_GARANTIZADA)).mean()
    print(f"  in a population of {n_celda:,} records: {celda.sum()} records, weighted "
          f"{np.asarray(pop.peso)[celda].sum():,.0f}; in 2021 {pension:.1%} get a pension, "
          f"{(modalidad == C.NEGATIVA).mean():.1%} a negativa (CONSAR: {PROPORCION_PENSION_2021:.1%} could reach one)",
          flush=True)
    del res, pop

    # the 2021 back-test: the test's run (tests/reporting/test_backtest_2021.py), to 2030
    pop = pensiones.Population.synthetic(n, seed=1, year=ANIO)
    res = pensiones.simulate(pop, paths=paths, seed=3, start=ANIO, end=2030, outcomes=True)
    bt = backtest_2021(res)
    print(f"\n2021 back-test ({n:,} records, {paths} paths, seed 1 / 3, 2021-2030):")
    print(bt[["indicator", "model", "published", "ratio"]].to_string(index=False, float_format=lambda v: f"{v:,.3f}"))
    years = [int(t) for t in res.years]
    print("\n| year | Ley 73 | of which cesantía (60-64) | renta vitalicia | guaranteed pension | negativa |")
    print("|---|---|---|---|---|---|")
    for t in range(2021, 2031):
        k = years.index(t)
        nombres = ("nuevas_pensiones_ley73", "nuevas_cesantia_ley73", "nuevas_pensiones_rv", "nuevas_pensiones_pg",
                   "nuevas_negativas")
        fila = [res.component(n)[:, k].mean() for n in nombres]
        print(f"| {t} | " + " | ".join(f"{v:,.0f}" for v in fila) + " |")
    # CONSAR's quarterly report to Congress, 3rd quarter 2022: 187,366 Ley 97 applications January 2021 -
    # September 2022, 47,788 granted and 139,579 negativas (the model's 2022 counted at three quarters)
    o = res.outcomes_array
    peso = np.asarray(pop.peso)[None, :] / o.shape[0]
    anio, modalidad = o[:, :, C.O_ANIO_RETIRO], o[:, :, C.O_MODALIDAD]
    ley97 = ~np.asarray(pop.transicion)[None, :]
    tramo = np.where(anio == 2021, 1.0, np.where(anio == 2022, 0.75, 0.0)) * peso
    otorgadas = float((tramo * np.isin(modalidad, (C.RENTA_VITALICIA, C.PENSION_GARANTIZADA))).sum())
    negativas = float((tramo * (modalidad == C.NEGATIVA)).sum())
    negativas97 = float((tramo * (modalidad == C.NEGATIVA) * ley97).sum())
    print(f"\nJanuary 2021 - September 2022: {otorgadas:,.0f} Ley 97 pensions (CONSAR 47,788); {negativas:,.0f} "
          f"negativas, {negativas97:,.0f} of them of the Ley 97 generation (CONSAR 139,579)")
    del res, pop

    # the 2025 back-test (docs/backtest.md)
    pop = pensiones.Population.synthetic(20_000, seed=1)
    res = pensiones.simulate(pop, paths=8, seed=3, end=2030)
    print("\n2025 back-test (20,000 records, 8 paths, seed 1 / 3, 2025-2030):")
    print(backtest(res)[["indicator", "calibrated", "ratio"]].round(3).to_string(index=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    grupo = parser.add_mutually_exclusive_group()
    grupo.add_argument("--frontera", action="store_true", help="escala for other shapes that meet the count")
    grupo.add_argument("--verificar", action="store_true", help="the checks on the default model")
    parser.add_argument("--forma", type=float, default=S.EDAD_AFILIACION_FORMA,
                        help=f"the shape held fixed (default {S.EDAD_AFILIACION_FORMA})")
    parser.add_argument("--n", type=int, default=CORRIDA_2021["n"],
                        help=f"--verificar: records of the 2021 back-test (default {CORRIDA_2021['n']:,})")
    parser.add_argument("--paths", type=int, default=CORRIDA_2021["paths"],
                        help=f"--verificar: paths of the 2021 back-test (default {CORRIDA_2021['paths']})")
    args = parser.parse_args()
    if args.frontera:
        frontera()
    elif args.verificar:
        verificar(args.n, args.paths)
    else:
        escala, cal = ajustar(args.forma, S.EDAD_AFILIACION_ESCALA)
        redondeada = round(escala, 2)
        cal = S._calibrar(Procesos(), args.forma, redondeada)
        r = resumen(args.forma, redondeada)
        print(f"EDAD_AFILIACION_FORMA = {args.forma}\nEDAD_AFILIACION_ESCALA = {redondeada:.2f}")
        print(f"(count {generacion_ley97_65(args.forma, redondeada, cal):,.0f}; median {r['mediana']:.1f} years, "
              f"{r['despues_32']:.1%} after 32, {r['despues_42']:.1%} after 42; c0 {cal['c0']:+.5f}, "
              f"multiplicador {cal['multiplicador_aportaciones']:.5f})")


if __name__ == "__main__":
    main()
