"""The law in force as one timeline from 1 July 1997 (issue 18, item 2).

``rules.load()`` answers for every date from 1 July 1997 to 2100: the LSS 1997 rules until the
reform's dates (DOF 16-12-2020), the reformed rules after them; ``rules.load("lss1997")`` keeps
the pre-reform law after 2020.  Every calculator and the engine's resolution accept those years.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pensiones
from pensiones import garantizada, ley73, ley97, pbam
from pensiones._jit import python_twin
from pensiones.engine.kernel import pg_mensual
from pensiones.engine.procesos import Procesos
from pensiones.engine.resolve import resolver
from pensiones.garantizada.tabla import REGLAS_PENSION_GARANTIZADA, regla_pension_garantizada
from pensiones.rules import lookup_date

DATA = Path(pensiones.__file__).parent / "rules" / "data"
#: Dates of the reform per table: the first date the reformed law's rows differ from the 1997 law's
#: (the employer CEAV's 2021-2022 rows are the reform's eight bands, all at the same 3.150 %).
REFORMA = {
    "semanas_minimas": dt.date(2021, 1, 1),
    "pension_garantizada_1997": dt.date(2021, 1, 1),
    "tasa_patronal_ceav": dt.date(2021, 1, 1),
    "aportacion_estatal_ceav": dt.date(2023, 1, 1),
    "cuota_social": dt.date(2023, 1, 1),
}


@pytest.fixture(scope="module")
def law():
    return pensiones.rules.load()


@pytest.fixture(scope="module")
def old():
    return pensiones.rules.load("lss1997")


def _fechas(hasta: dt.date):
    """1 July 1997, then every quarter's first day and the day before the reform."""
    out = [dt.date(1997, 7, 1)]
    for year in range(1997, hasta.year + 1):
        out += [dt.date(year, m, 1) for m in (1, 4, 7, 10) if dt.date(1997, 7, 1) <= dt.date(year, m, 1) < hasta]
    return sorted(set(out + [hasta - dt.timedelta(days=1)]))


def test_every_pre_reform_table_is_in_the_law_in_force(law, old):
    assert set(old.names) <= set(law.names)
    assert {p.stem for p in (DATA / "lss1997").glob("*.csv")} == set(REFORMA)


@pytest.mark.parametrize("name", sorted(REFORMA))
def test_rows_before_the_reform_equal_the_1997_law(law, old, name):
    for fecha in _fechas(REFORMA[name]):
        a = law.rows(name, fecha).reset_index(drop=True)
        b = old.rows(name, fecha).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
    if name == "pension_garantizada_1997":
        return  # its rows stay: from 2021 the art. 170 table replaces the rule (REGLAS_PENSION_GARANTIZADA)
    # and the reform changes each of them on its date (the counterfactual keeps the old rows)
    a = law.rows(name, REFORMA[name]).reset_index(drop=True)
    b = old.rows(name, REFORMA[name]).reset_index(drop=True)
    assert not a.equals(b)


def test_the_timeline_starts_on_1_july_1997(law):
    assert lookup_date(1997) == dt.date(1997, 7, 1)
    assert lookup_date(1998) == dt.date(1998, 2, 1)
    for name in ("semanas_minimas", "tasa_patronal_ceav", "cuota_social", "aportacion_estatal_ceav",
                 "pension_garantizada_1997", "tasa_retiro", "tasa_trabajador_ceav", "ley97_edades", "tope_sbc"):
        assert len(law.rows(name, dt.date(1997, 7, 1))) > 0, name
        with pytest.raises(pensiones.rules.RuleLookupError, match="starts on 1997-07-01"):
            law.rows(name, dt.date(1997, 6, 30))


@pytest.mark.parametrize("anio, esperado", [(1997, 1250), (2000, 1250), (2020, 1250), (2021, 750), (2031, 1000)])
def test_semanas_minimas_timeline(anio, esperado):
    assert ley97.semanas_minimas(anio) == esperado


def test_contribution_rates_before_the_reform():
    for anio in (1997, 2005, 2020, 2022):
        for sbc in (60.0, 500.0, 3000.0):
            if sbc >= pensiones.rules.load().salario_minimo_diario(anio):
                assert ley97.tasa_patronal_ceav(anio, sbc) == 0.0315
        assert ley97.tasa_aportacion_estatal(anio) == 0.07143
    assert ley97.tasa_aportacion_estatal(2023) == 0.0


def test_cuota_social_1997_rule():
    """LSS art. 168 fr. IV original text: 5.5 % of the 1 July 1997 Distrito Federal minimum wage (26.45),
    INPC-updated quarterly (base June 1997), every salary; the 2009 table from 26-05-2009."""
    assert ley97.cuota_social_diaria(1997, 100.0, trimestre=3) == round(0.055 * 26.45, 5)
    rs = pensiones.rules.load()
    factor = rs.inpc(1998, 9) / rs.inpc(1997, 6)
    assert ley97.cuota_social_diaria(1998, 5000.0, trimestre=4) == round(0.055 * 26.45 * factor, 5)
    factor = rs.inpc(2009, 6) / rs.inpc(2009, 5)
    assert ley97.cuota_social_diaria(2009, 54.80, trimestre=3) == round(3.87077 * factor, 5)
    with pytest.raises(ValueError, match=r"trimestre \(of 1997\) must be in \[3, 4\]"):
        ley97.cuota_social_diaria(1997, 100.0, trimestre=2)


def test_proyectar_cuenta_from_1998():
    c = ley97.proyectar_cuenta(200.0, 1998, 2029)
    assert list(c.anio) == list(range(1998, 2030))
    antes = c[c.anio < 2023]
    # LSS art. 168 fr. II a) before the reform and transitorio Segundo fr. I: 3.150 % of the capped SBC
    assert np.allclose(antes.ceav_patron, antes.sbc_cotizable * antes.dias_cotizados * 0.0315)
    assert np.allclose(antes.aportacion_estatal, antes.ceav_patron * 0.07143)
    assert (antes.cuota_social > 0).all()
    assert (c[c.anio >= 2023].aportacion_estatal == 0).all()
    despues = c[c.anio >= 2025]
    assert (despues.ceav_patron > despues.sbc_cotizable * despues.dias_cotizados * 0.0315).all()
    assert np.allclose(c.saldo_inicial + c.aportaciones + c.rendimiento - c.comision, c.saldo_final)


def test_proyectar_cuenta_in_1997_counts_the_days_from_1_july():
    c = ley97.proyectar_cuenta(100.0, 1997, 1998, densidad=0.5)
    assert c.dias_cotizados.tolist() == [184 * 0.5, 365 * 0.5]
    assert float(c.loc[0, "retiro"]) == pytest.approx(100.0 * 92.0 * 0.02)


@pytest.mark.parametrize("anio_entrada", [1998, 2010, 2020])
def test_tasa_reemplazo_for_early_entrants(anio_entrada):
    r = pensiones.tasa_reemplazo(1.0, anio_entrada=anio_entrada)
    assert r.anio_retiro == anio_entrada + 43
    assert 0 < r.bruta_sin_complementos <= r.bruta
    assert r.semanas == pytest.approx(43 * 365 / 7)


def test_guaranteed_pension_registry_matches_the_tables(law, old):
    for regimen, rs in (("lss2020", law), ("lss1997", old)):
        reglas = REGLAS_PENSION_GARANTIZADA[regimen]
        starts = {"lss1997_art170": rs.rule_table("pension_garantizada_1997").frame["effective_from"].min()}
        if regimen == "lss2020":
            starts["lss2020_art170"] = rs.rule_table("pension_garantizada").frame["effective_from"].min()
        for desde, regla in reglas.items():
            assert starts[regla.nombre] == desde
    assert regla_pension_garantizada(law, dt.date(2020, 12, 31)).nombre == "lss1997_art170"
    assert regla_pension_garantizada(law, dt.date(2021, 1, 1)).nombre == "lss2020_art170"
    assert regla_pension_garantizada(old, 2050).nombre == "lss1997_art170"


@pytest.mark.parametrize("anio", [1998, 2010, 2020])
def test_guaranteed_pension_before_2021_is_the_pre_reform_amount(anio, law):
    """One 1997 Distrito Federal minimum wage a month (365/12 days), INPC-updated each February."""
    got = garantizada.monto_mensual(65, 1250, 1.5, anio)
    assert got == garantizada.monto_mensual(65, 1250, 1.5, anio, regimen="lss1997")
    factor = law.inpc(anio - 1, 12) / law.inpc(1997, 6)
    assert got == round(26.45 * 365 / 12 * factor, 2)
    with pytest.raises(ValueError, match="semanas must be at least 1250"):
        garantizada.monto_mensual(65, 1249, 1.5, anio)
    assert garantizada.monto_mensual(65, 1250, 1.5, 2021) != got  # the art. 170 table from 2021


def test_calculators_at_pre_reform_dates():
    r = garantizada.pension_ley97(300_000, 65, 1300, 1.5, "H", 2015)
    assert r.pension_garantizada_mensual == garantizada.monto_mensual(65, 1300, 1.5, 2015)
    assert garantizada.pension_ley97(300_000, 65, 1000, 1.5, "H", 2015).modalidad == "negativa_de_pension"
    assert ley73.pension(300.0, 1500, 65, 2005).mensual > 0
    assert ley73.pension_minima_mensual(2000) == round(37.90 * 365 / 12, 2)  # no 11 % before the 2001 decree
    assert ley73.pension_minima_mensual(2002) == round(42.15 * 365 / 12 * 1.11, 2)
    e = pensiones.eleccion_regimen(
        salario_promedio_diario=300.0, semanas=1500, edad=65, anio=2010, sexo="H", salario_uma=5.0,
        saldo_retiro=50_000.0, saldo_ceav=150_000.0,
    )
    assert e.ley73.mensual > 0
    # the PBAM has its own start (2018): a clear error naming the field and the range
    with pytest.raises(ValueError, match=r"anio must be in \[2018, 2100\]"):
        pbam.monto_bimestral(2010)


def test_engine_resolves_1997_to_2020(law):
    T = resolver(law, 1997, 2022, Procesos())
    ys = {t: t - 1997 for t in range(1997, 2023)}
    assert (T.semanas_minimas[: ys[2021]] == 1250).all() and T.semanas_minimas[ys[2021]] == 750
    assert (T.tasa_patronal_ceav[: ys[2021], 0] == 0.0315).all()
    assert (T.tasa_aportacion_estatal[: ys[2021]] == 0.07143).all()
    assert (T.cuota_social_anual[: ys[2021], 0] > 0).all()
    # the unit of account before the UMA (28-01-2016) is the minimum wage
    assert T.uma_diaria[ys[2000]] == T.salario_minimo_diario[ys[2000]] == 37.90
    twin = python_twin(pg_mensual)
    for anio in (1998, 2010, 2020):
        y = ys[anio]
        esperado = garantizada.monto_mensual(65, 1250, 1.5, anio)
        assert twin(65.0, 1250.0, 1.5, y, T) == esperado
        assert twin(60.0, 1300.0, 7.0, y, T) == garantizada.monto_mensual(60, 1300, 7.0, anio)
        assert twin(65.0, 1249.0, 1.5, y, T) == 0.0
        assert twin(59.0, 1300.0, 1.5, y, T) == 0.0
    for anio in (2021, 2022):
        assert twin(65.0, 1000.0, 1.5, ys[anio], T) == garantizada.monto_mensual(65, 1000, 1.5, anio)


def test_engine_resolution_equals_the_calculators_before_2021(law):
    T = resolver(law, 1998, 2020, Procesos())
    for y, anio in enumerate(range(1998, 2021)):
        assert T.semanas_minimas[y] == ley97.semanas_minimas(anio)
        assert T.comision_afore[y] == ley97.cuenta.comision_en_vigor(law, anio)
        if anio < 2009:  # one band for every salary (the 1997 amount)
            esperado = sum(ley97.cuota_social_diaria(anio, 5000.0, trimestre=q) for q in (1, 2, 3, 4))
            assert T.cuota_social_anual[y, 0] == pytest.approx(esperado, abs=1e-12)
