"""Notebook reprs: calculator results, RuleSet, Supuestos, Criterios and Procesos print short, with pesos
rounded and units, and render as HTML tables; the plot accessor lists its charts."""

import re

import pytest

import pensiones
from pensiones import garantizada, ley73


@pytest.fixture(scope="module")
def ley73_result():
    return ley73.pension(331.67499999999995, 1200, 65, 2026)


def test_a_ley73_pension_prints_pesos_rounded_with_units(ley73_result):
    text = repr(ley73_result)
    assert text.startswith("PensionLey73(mensual=") and "pesos a month" in text
    assert "salario_promedio_diario=331.67 pesos a day" in text and "331.67499" not in text
    assert "semanas=1,200 weeks" in text and "factor_cesantia=100.00 %" in text
    assert len(text) < 300
    assert not re.search(r"\d\.\d{5,}", text)  # no float dumps
    table = ley73_result._repr_html_()
    assert table.startswith("<div><b>PensionLey73</b>") and "<table>" in table
    assert table.count("<tr>") == 1 + len(ley73_result.pasos())  # every step, with the header


def test_ley97_eleccion_and_replacement_results(ley73_result):
    r = garantizada.pension_ley97(300_000, 65, 1000, 1.5, "H", 2030)
    text = repr(r)
    assert "modalidad='pension_garantizada'" in text and "mensual=4,433.59 pesos a month" in text
    assert "anio_agotamiento=2036" in text and "<table>" in r._repr_html_()
    e = pensiones.eleccion_regimen(salario_promedio_diario=331.67, semanas=1200, edad=65, anio=2026, sexo="H",
                                   salario_uma=2.0, saldo_retiro=200_000, saldo_ceav=300_000)
    assert repr(e).startswith("EleccionRegimen(ley73=PensionLey73(mensual=") and "elegido=" in repr(e)
    assert "<table>" in e._repr_html_()
    t = pensiones.tasa_reemplazo(2.0)
    assert repr(t).startswith("TasaReemplazo(bruta=") and " %" in repr(t) and "pesos a month" in repr(t)


def test_settings_show_what_differs_from_the_defaults():
    assert repr(pensiones.Supuestos(inflacion=0.04)) == (  # what changed, rates in percent
        "Supuestos(inflacion=4.00 %, 9 other fields at their defaults)"
    )
    assert repr(pensiones.Supuestos(trayectoria_inflacion={2026: 0.05})) == (  # a year-by-year path: its size
        "Supuestos(trayectoria_inflacion=1 item, 9 other fields at their defaults)"
    )
    assert repr(pensiones.Criterios()) == "Criterios(all fields at their defaults)"
    assert repr(pensiones.Procesos()) == "Procesos(all fields at their defaults)"  # many: what changed
    assert repr(pensiones.Procesos(edad_retiro=66)) == (
        "Procesos(edad_retiro=66 years of age, 43 other fields at their defaults)")
    html = pensiones.Procesos(crecimiento_real_salarial=0.02)._repr_html_()
    assert "<b>changed</b>" in html and "2.00 %" in html and "array(2, 4, 3)" in html


def test_a_ruleset_prints_its_regime_tables_and_settings():
    rs = pensiones.rules.load()
    text = repr(rs)
    assert re.fullmatch(r"RuleSet\(regimen='lss2020', tables=\d+, reformas=0, supuestos=Supuestos\(.*\), "
                        r"criterios=Criterios\(.*\)\)", text)
    assert "<b>RuleSet</b>" in rs._repr_html_() and "<b>Supuestos</b>" in rs._repr_html_()


def test_the_unit_rules():
    from pensiones import _repr

    assert _repr.formato(1234.5678, "pesos a month") == "1,234.57 pesos a month"
    assert _repr.formato(0.0325, "rate") == "3.25 %"
    assert _repr.formato(True) == "yes" and _repr.formato(None) == "None"
    assert _repr.unidad(object, "sbc_diario") == "pesos a day" and _repr.unidad(object, "semanas_cotizadas") == "weeks"
