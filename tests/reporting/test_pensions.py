"""Counts everywhere money is (issue #19 item 1): ``Results.pensions`` and the ledger counts behind it.

New own pensions split into cesantía (before the regime's vejez age: LSS 1973 arts. 138, 143; LSS arts. 154,
162) and vejez; survivors in payment into viudez and orfandad; the average monthly pension is the money of
its type over twelve months and the people paid.  The components added leave the earlier ones bit-identical
(``tests/engine/test_golden.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones.cli import main
from pensiones.engine import componentes as C
from pensiones.reporting.tablas import PENSION_MEASURES, pensiones_paths


@pytest.fixture(scope="module")
def corrida():
    return pensiones.simulate(pensiones.Population.synthetic(1_500, seed=5), paths=2, seed=9, end=2060)


@pytest.fixture(scope="module")
def arrays(corrida):
    return pensiones_paths(corrida)


def _c(r, *names):
    return sum(r.component(n) for n in names)


def test_counts_are_non_negative(corrida, arrays):
    for name in ("nuevas_cesantia_ley73", "nuevas_cesantia_ley97", "pensionados_viudez", "pensionados_orfandad"):
        assert (corrida.component(name) >= 0).all(), name
    for key, v in arrays.items():
        if PENSION_MEASURES[key[2]] == "persons":
            assert (v >= 0).all(), key
    t = corrida.pensions(measure=["new", "in_payment"])
    assert (t.value >= 0).all() and set(t.unit) == {"persons"}


def test_cesantia_and_vejez_add_up_to_the_new_own_pensions(corrida, arrays):
    assert (corrida.component("nuevas_cesantia_ley73") <= corrida.component("nuevas_pensiones_ley73")).all()
    assert (corrida.component("nuevas_cesantia_ley97")
            <= _c(corrida, "nuevas_pensiones_rv", "nuevas_pensiones_pg") + 1e-9).all()
    for regime in ("ley73", "ley97"):
        suma = arrays[(regime, "cesantia", "new")] + arrays[(regime, "vejez", "new")]
        np.testing.assert_allclose(suma, arrays[(regime, "total", "new")], rtol=0, atol=1e-6)
    np.testing.assert_allclose(arrays[("ley73", "total", "new")], corrida.component("nuevas_pensiones_ley73"))
    np.testing.assert_allclose(
        arrays[("ley97", "renta_vitalicia", "new")] + arrays[("ley97", "pension_garantizada", "new")],
        arrays[("ley97", "total", "new")],
    )
    # the run has both kinds of awards, so the split is tested on something
    assert arrays[("ley73", "cesantia", "new")].sum() > 0 and arrays[("ley97", "cesantia", "new")].sum() > 0
    assert arrays[("ley97", "vejez", "new")].sum() > 0
    # in payment too, and the averages weighted by people give the regime's average (the money adds up)
    for regime in ("ley73", "ley97"):
        c, v, t = (arrays[(regime, k, "in_payment")] for k in ("cesantia", "vejez", "total"))
        np.testing.assert_allclose(c + v, t, rtol=0, atol=1e-6)
        assert c.sum() > 0 and v.sum() > 0
        dinero = sum(np.nan_to_num(arrays[(regime, k, "average_monthly_pension")]) * arrays[(regime, k, "in_payment")]
                     for k in ("cesantia", "vejez"))
        total = np.nan_to_num(arrays[(regime, "total", "average_monthly_pension")]) * t
        np.testing.assert_allclose(dinero, total, rtol=1e-9, atol=0.01)


def test_viudez_and_orfandad_add_up_to_the_survivors_in_payment(corrida, arrays):
    suma = _c(corrida, "pensionados_viudez", "pensionados_orfandad")
    # each cell is rounded to the hundredth once per event: (1 + n) x weight against weight + n x weight
    np.testing.assert_allclose(suma, corrida.component("pensionados_sobrevivientes"), rtol=0, atol=0.02 * 36)
    assert corrida.component("pensionados_viudez").sum() > 0


def test_average_pension_times_people_and_twelve_is_the_money_of_the_type(corrida, arrays):
    dinero = {
        ("ley73", "total"): corrida.component("ley73"),
        ("ley97", "renta_vitalicia"): corrida.component("pensiones_renta_vitalicia"),
        ("ley97", "pension_garantizada"): _c(corrida, "pension_garantizada", "pagos_pg_cuenta")
        - corrida.component("sobrevivientes_pg_cuenta"),
        ("survivors", "total"): _c(corrida, "sobrevivientes_ley73", "sobrevivientes_pg", "sobrevivientes_pg_cuenta",
                                   "sobrevivientes_renta_vitalicia", "sobrevivientes_imss"),
        ("ley97", "fondo_bienestar"): corrida.component("fondo_bienestar"),
        ("non_contributory", "pbam"): corrida.component("pbam_afiliados"),
    }
    for key, money in dinero.items():
        promedio = arrays[(*key, "average_monthly_pension")]
        personas = arrays[(*key, "in_payment")]
        reconstruido = np.where(personas > 0, np.nan_to_num(promedio) * personas * 12, 0.0)
        np.testing.assert_allclose(reconstruido, money, rtol=1e-9, atol=0.01, err_msg=str(key))
        assert (promedio[personas > 0] > 0).all(), key
    # the survivors' share of the balance is a part of the guaranteed pension's account payments
    assert (corrida.component("sobrevivientes_pg_cuenta") <= corrida.component("pagos_pg_cuenta")).all()


def test_the_table_filters_and_its_wide_form(corrida):
    t = corrida.pensions()
    assert list(t.columns) == ["year", "regime", "type", "measure", "stat", "value", "unit"]
    assert set(t.measure) == set(PENSION_MEASURES) and set(t.stat) == {"mean", "se", "p5", "p50", "p95"}
    assert set(t[t.measure == "average_monthly_pension"].unit) == {"MXN"}
    assert {"cesantia", "vejez", "renta_vitalicia", "pension_garantizada", "negativa_de_pension", "viudez",
            "orfandad", "fondo_bienestar", "invalidez", "pbam", "total"} == set(t.type)
    w = corrida.pensions(measure="in_payment", stat="mean", wide=True)
    assert w.attrs["unit"] == "persons" and ("survivors", "viudez") in w.columns
    np.testing.assert_allclose(w[("survivors", "viudez")].to_numpy(),
                               corrida.component("pensionados_viudez").mean(axis=0))
    with pytest.raises(ValueError, match="one measure and one stat"):
        corrida.pensions(wide=True)
    with pytest.raises(ValueError, match="measure must be among"):
        corrida.pensions(measure="persons")


def test_the_new_components_are_counts_in_the_registry():
    for name in ("nuevas_cesantia_ley73", "nuevas_cesantia_ley97", "pensionados_viudez", "pensionados_orfandad"):
        assert name in C.CONTEOS
    assert "sobrevivientes_pg_cuenta" in C.FLUJOS and "sobrevivientes_pg_cuenta" not in C.PAGADOR


def test_a_run_writes_the_pensions_csv_sheet_and_summary(tmp_path, capsys):
    out = tmp_path / "res"
    argv = ["run", "reforma_2020", "--persons", "300", "--paths", "2", "--end", "2032", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    t = pd.read_csv(out / "pensions.csv")
    assert {"regime", "type", "measure", "stat", "value", "unit"} <= set(t.columns)
    assert "pensions" in pd.ExcelFile(out / "resultados.xlsx").sheet_names
    resumen = (out / "resumen.txt").read_text(encoding="utf-8")
    assert "Pensions, persons" in resumen and "new 2030" in resumen and "Ley 97 cesantía" in resumen
