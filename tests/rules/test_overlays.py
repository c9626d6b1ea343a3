"""Reform overlays mean what they say: valor, factor, trayectoria; null reforms; domains; what a run reads."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import pensiones
from pensiones import Population, Scenario, compare, garantizada, ley97, simulate
from pensiones.rules import RuleTableError
from pensiones.rules.loader import _check_rows
from pensiones.rules.overlay import ANIO_SIMULABLE_MAX, Reforma, aplicar
from pensiones.scenarios import check_reforms

LAW = pensiones.rules.load()
TOP = {"banda": "4.01 UMA en adelante"}
YEARS = range(2021, ANIO_SIMULABLE_MAX + 1)


def con(*reformas: dict) -> pensiones.rules.RuleSet:
    return LAW.with_reforms([Reforma(**r) for r in reformas])


def ceav(rs, anio: int) -> dict[str, float]:
    rows = rs.rows("tasa_patronal_ceav", dt.date(anio, 2, 1))
    return dict(zip(rows["banda"], rows["value"].astype(float)))


# -- each kind of table: nothing changes before Y, the rule changes from Y on ----------------------------
def test_series_with_projection_factor_moves_projected_values():
    """UMA (annual, projected past 2026 by the LDVUMA rule): x1.1 from 2030, the law before."""
    rs = con({"tabla": "uma", "desde": "2030-02-01", "factor": 1.1})
    for anio in range(2016, 2030):
        assert rs.uma_diaria(anio) == LAW.uma_diaria(anio)
    assert rs.value("uma", "2030-01-31") == LAW.value("uma", "2030-01-31")
    for anio in range(2030, ANIO_SIMULABLE_MAX + 1):
        assert rs.uma_diaria(anio) == LAW.uma_diaria(anio) * 1.1  # projected values too: not frozen
    assert LAW.row("uma", "2040-02-01").get("projected")


def test_series_projected_by_inflation_factor():
    """Fondo Bienestar threshold (updated by the estimated inflation past 2025): x0.9 from 2030."""
    rs = con({"tabla": "fondo_bienestar_umbral", "desde": "2030-01-01", "factor": 0.9})
    for anio in range(2025, 2030):
        assert rs.value("fondo_bienestar_umbral", dt.date(anio, 6, 1)) == LAW.value(
            "fondo_bienestar_umbral", dt.date(anio, 6, 1)
        )
    for anio in range(2030, 2071):
        f = dt.date(anio, 6, 1)
        assert rs.value("fondo_bienestar_umbral", f) == LAW.value("fondo_bienestar_umbral", f) * 0.9


def test_snapshot_with_bands_factor_keeps_the_schedule_shape():
    """The docs example: 10 % more employer CEAV for the top band from 2027 is 1.1 x the law in every year."""
    rs = con({"tabla": "tasa_patronal_ceav", "desde": "2027-01-01", "factor": 1.1, "donde": TOP})
    for anio in YEARS:
        law, new = ceav(LAW, anio), ceav(rs, anio)
        for banda, rate in law.items():
            if banda == TOP["banda"] and anio >= 2027:
                assert new[banda] == rate * 1.1
            else:
                assert new[banda] == rate
    assert ceav(rs, 2030)[TOP["banda"]] == pytest.approx(1.1 * 0.11875, abs=1e-15)
    assert ceav(rs, 2030)[TOP["banda"]] > ceav(LAW, 2030)[TOP["banda"]]  # not frozen at the 2027 rate
    # through the calculator too: a salary of 10 UMA in 2030
    sbc = 10 * LAW.uma_diaria(2030)
    assert ley97.tasa_patronal_ceav(2030, sbc, reglas=rs) == pytest.approx(
        1.1 * ley97.tasa_patronal_ceav(2030, sbc), abs=1e-15
    )


def test_snapshot_valor_on_one_band_leaves_the_others_on_schedule():
    rs = con({"tabla": "tasa_patronal_ceav", "desde": "2025-01-01", "valor": 0.15, "donde": TOP})
    for anio in YEARS:
        law, new = ceav(LAW, anio), ceav(rs, anio)
        assert new[TOP["banda"]] == (0.15 if anio >= 2025 else law[TOP["banda"]])
        assert {b: v for b, v in new.items() if b != TOP["banda"]} == {
            b: v for b, v in law.items() if b != TOP["banda"]
        }


def test_law_table_in_force_indefinitely_valor():
    """Retirement ages (one row since 1997, in force indefinitely): cesantía at 62 from 2030."""
    rs = con({"tabla": "ley97_edades", "desde": "2030-01-01", "valor": 62, "donde": {"concepto": "cesantia"}})
    for anio in range(1998, 2071):
        expected = 62 if anio >= 2030 else 60
        assert ley97.edad_cesantia(anio, reglas=rs) == expected
        assert rs.value("ley97_edades", dt.date(anio, 2, 1), concepto="vejez") == 65
    assert isinstance(rs.value("ley97_edades", "2040-01-01", concepto="cesantia"), int)


def test_factor_on_weeks_keeps_their_schedule():
    rs = con({"tabla": "semanas_minimas", "desde": "2027-01-01", "factor": 1.2})
    got = [ley97.semanas_minimas(a, reglas=rs) for a in (2026, 2027, 2028, 2029, 2030, 2031, 2060)]
    assert got == [875, 1080, 1110, 1140, 1170, 1200, 1200]


def test_with_reform_takes_reforma_objects():
    r = Reforma(tabla="semanas_minimas", desde="2027-01-01", valor=1100)
    s = Scenario.default().with_reform({"reformas": (r,)})
    assert s.reformas == (r,) and ley97.semanas_minimas(2030, reglas=s.rules()) == 1100
    with pytest.raises(ValueError, match="reform 1: unknown key\\(s\\) 1; allowed: tabla"):
        Scenario.default().with_reform({1: 2, "tabla": "x"})


def test_overlays_on_a_table_apply_in_order():
    rs = con(
        {"tabla": "semanas_minimas", "desde": "2027-01-01", "valor": 1200},
        {"tabla": "semanas_minimas", "desde": "2029-01-01", "factor": 1.05},
    )
    assert [ley97.semanas_minimas(a, reglas=rs) for a in (2026, 2027, 2028, 2029, 2050)] == [
        875, 1200, 1200, 1260, 1260
    ]


# -- phase-in ---------------------------------------------------------------------------------------
def test_trayectoria_phase_in():
    rs = con({"tabla": "semanas_minimas", "trayectoria": {2027: 1050, 2028: 1100, 2030: 1250}})
    got = {a: ley97.semanas_minimas(a, reglas=rs) for a in range(2024, 2034)}
    assert got == {
        2024: 825, 2025: 850, 2026: 875, 2027: 1050, 2028: 1100, 2029: 1100, 2030: 1250, 2031: 1250, 2032: 1250,
        2033: 1250,
    }
    table = rs.table("semanas_minimas").set_index("effective_from")["value"]
    assert table[dt.date(2029, 1, 1)] == 1100 and table[dt.date(2031, 1, 1)] == 1250


def test_trayectoria_forms():
    a = Reforma(tabla="uma", desde="2030-02-01", trayectoria={"2030": 150, "2031": 160})
    b = Reforma(tabla="uma", trayectoria={"2030-02-01": 150.0, "2031-02-01": 160.0})
    c = Reforma(tabla="uma", trayectoria=[(dt.date(2031, 2, 1), 160), (dt.date(2030, 2, 1), 150)])
    assert a == b == c and a.desde == dt.date(2030, 2, 1)
    assert a.pasos == ((dt.date(2030, 2, 1), "valor", 150.0), (dt.date(2031, 2, 1), "valor", 160.0))
    rs = LAW.with_reforms([a])
    assert [rs.uma_diaria(t) for t in (2029, 2030, 2031, 2050)] == [LAW.uma_diaria(2029), 150.0, 160.0, 160.0]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"desde": "2027-01-01", "trayectoria": {2028: 1100}}, "first trayectoria date \\(2028-01-01\\) must be desde"),
        ({"trayectoria": {"2027": 1050, "2027-01-01": 1100}}, "trayectoria gives 2027-01-01 twice"),
        ({"trayectoria": {2101: 1050}}, "trayectoria year must be between 1997 and 2100"),
        ({"trayectoria": {"pronto": 1050}}, "trayectoria keys must be years"),
        ({"trayectoria": {}}, "at least one value"),
        ({"trayectoria": {2027: "mil"}}, "trayectoria value for 2027 must be a real number"),
        (
            {"desde": "2027-01-01", "valor": 1100, "factor": 1.1},
            "give exactly one of 'valor', 'factor' or 'trayectoria' \\(got valor, factor\\)",
        ),
        ({"valor": 1100}, "'desde' is required"),
        ({"desde": "2101-01-01", "valor": 1100}, "desde must be between 1997-07-01 and 2100-12-31"),
        ({"desde": "2027-01-01", "factor": -1.0}, "factor must be in \\[0, \\+inf\\)"),
        ({"desde": "2027-01-01", "valor": 1100, "donde": {"x": [1]}}, "'donde' x must be a string or a finite number"),
    ],
)
def test_reforma_field_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Reforma(tabla="semanas_minimas", **kwargs)


# -- exact null reforms -------------------------------------------------------------------------------
NULLS = {
    "factor_semanas": [{"tabla": "semanas_minimas", "desde": "2027-01-01", "factor": 1.0}],
    "valor_semanas": [{"tabla": "semanas_minimas", "desde": "2031-01-01", "valor": 1000}],
    "factor_ceav": [{"tabla": "tasa_patronal_ceav", "desde": "2025-01-01", "factor": 1.0}],
    "valor_ceav_2031": [{"tabla": "tasa_patronal_ceav", "desde": "2031-01-01", "valor": 0.11875, "donde": TOP}],
    "factor_uma_inpc": [
        {"tabla": "uma", "desde": "2027-02-01", "factor": 1.0},
        {"tabla": "inpc", "desde": "2026-06-01", "factor": 1.0},
    ],
    "factor_umbral_pbam": [
        {"tabla": "fondo_bienestar_umbral", "desde": "2026-01-01", "factor": 1.0},
        {"tabla": "pbam", "desde": "2026-01-01", "factor": 1.0},
    ],
}


@pytest.mark.parametrize("name", sorted(NULLS))
def test_null_overlays_change_no_lookup(name):
    rs = con(*NULLS[name])
    for anio in range(2021, ANIO_SIMULABLE_MAX + 1):
        f = dt.date(anio, 2, 1)
        assert ley97.semanas_minimas(f, reglas=rs) == ley97.semanas_minimas(f)
        assert garantizada.semanas_tabla(f, reglas=rs) == garantizada.semanas_tabla(f)
        assert ceav(rs, anio) == ceav(LAW, anio)
        assert rs.uma_diaria(f) == LAW.uma_diaria(f) and rs.inpc(anio, 12) == LAW.inpc(anio, 12)
        assert rs.value("fondo_bienestar_umbral", f) == LAW.value("fondo_bienestar_umbral", f) if anio >= 2025 else True
        assert pensiones.pbam.monto_anual(anio, reglas=rs) == pensiones.pbam.monto_anual(anio)


SMALL = Population.synthetic(300, seed=1)


@pytest.fixture(scope="module")
def small_base():
    return simulate(SMALL, Scenario.default(), paths=2, seed=3, end=2040)


@pytest.mark.parametrize("name", sorted(NULLS))
def test_null_overlays_compare_all_zero(small_base, name):
    scenario = Scenario.default().with_reform({"reformas": NULLS[name]})
    again = simulate(SMALL, scenario, paths=2, seed=3, end=2040)
    assert np.array_equal(small_base.ledger_array, again.ledger_array)
    d = compare(small_base, again)
    assert len(d) and (d["value"] == 0.0).all()


def test_ceav_factor_raises_contributions_in_the_run(small_base):
    s = Scenario.default().with_reform({"tabla": "tasa_patronal_ceav", "desde": "2027-01-01", "factor": 1.1})
    run = simulate(SMALL, s, paths=2, seed=3, end=2040)
    assert not np.array_equal(small_base.ledger_array, run.ledger_array)


# -- weeks reform moves the Art. 170 columns ------------------------------------------------------------
def test_columns_follow_minimum_weeks_under_the_law():
    """One source: the derived columns equal the packaged transitorio Cuarto table, 2021-2100."""
    for anio in range(2021, 2101):
        f = dt.date(anio, 2, 1)
        packaged = LAW.rows("pension_garantizada_columnas", f).sort_values("columna")["value"].tolist()
        assert garantizada.semanas_tabla(anio) == packaged
        assert garantizada.semanas_tabla(anio)[0] == ley97.semanas_minimas(anio)


def test_weeks_reform_moves_the_art170_columns():
    rs = Scenario.load("semanas_1250").rules()
    assert garantizada.semanas_tabla(2026, reglas=rs) == garantizada.semanas_tabla(2026)
    for anio in (2027, 2030, 2031, 2050):
        cols = garantizada.semanas_tabla(anio, reglas=rs)
        assert cols == list(range(1250, 1501, 25))
        assert cols[0] == ley97.semanas_minimas(anio, reglas=rs)
    # 1,300 weeks in 2035 are the third column (Art. 170's 1,050-week amounts); 1,249 are not enough
    assert garantizada.monto_tabla(60, 1300, 1.5, 2035, reglas=rs) == garantizada.monto_tabla(60, 1050, 1.5, 2035)
    with pytest.raises(ValueError, match="semanas must be at least 1250 for a pension granted in 2035"):
        garantizada.monto_tabla(60, 1249, 1.5, 2035, reglas=rs)
    # the engine's resolver follows (it calls semanas_tabla)
    from pensiones.engine.resolve import resolver

    T = resolver(rs, 2025, 2040, Scenario.default().procesos)
    assert T.pension_garantizada_semanas[2035 - 2025].tolist() == list(range(1250, 1501, 25))
    assert T.pension_garantizada_semanas[2026 - 2025].tolist() == garantizada.semanas_tabla(2026)


# -- domains and dates: errors at load naming the overlay and the field --------------------------------------
@pytest.mark.parametrize(
    "reforma, message",
    [
        ({"tabla": "tasa_patronal_ceav", "desde": "2027-01-01", "valor": 50.0},
         ("reform 1 (tasa_patronal_ceav from 2027-01-01), field 'valor': 50 is outside the domain [0, 1] "
          "of tasa_patronal_ceav.value")),
        ({"tabla": "semanas_minimas", "desde": "2027-01-01", "valor": -100},
         "reform 1 (semanas_minimas from 2027-01-01), field 'valor': -100 is outside the domain [0, 5200]"),
        ({"tabla": "uma", "desde": "2027-02-01", "valor": 0},
         "reform 1 (uma from 2027-02-01), field 'valor': 0 is outside the domain (0, inf)"),
        ({"tabla": "inpc", "desde": "2027-01-01", "valor": -1},
         "reform 1 (inpc from 2027-01-01), field 'valor': -1 is outside the domain (0, inf)"),
        ({"tabla": "mortalidad_emssa09", "desde": "2027-01-01", "valor": 2},
         "reform 1 (mortalidad_emssa09 from 2027-01-01), field 'valor': 2 is outside the domain [0, 1]"),
        ({"tabla": "tasa_patronal_ceav", "desde": "2027-01-01", "factor": 10.0},
         ("reform 1 (tasa_patronal_ceav from 2027-01-01), field 'factor': tasa_patronal_ceav.value would be 1.0784 "
          "on 2029-01-01 (banda='4.01 UMA en adelante'), outside the domain [0, 1]")),
        ({"tabla": "uma", "desde": "2040-02-01", "factor": 0.0},
         ("reform 1 (uma from 2040-02-01), field 'factor': uma.value would be 0 on 2040-02-01, "
          "outside the domain (0, inf)")),
        ({"tabla": "semanas_minimas", "desde": "2027-01-01", "valor": 1250.5},
         "field 'valor': 1250.5 is not a whole number; semanas_minimas.value holds whole semanas"),
        ({"tabla": "semanas_minimas", "desde": "2027-01-01", "factor": 1.1},
         "field 'factor': semanas_minimas.value would be 1017.5 on 2028-01-01, not a whole number"),
        ({"tabla": "semanas_minimas", "trayectoria": {2027: 1000, 2028: -5}},
         "field 'trayectoria': -5 (on 2028-01-01) is outside the domain [0, 5200]"),
        ({"tabla": "uma", "desde": "2010-01-01", "valor": 100},
         "reform 1 (uma from 2010-01-01): rule table 'uma' starts on 2016-01-28: no law to change on 2010-01-01"),
        ({"tabla": "pib", "desde": "2060-01-01", "factor": 1.1},
         "reform 1 (pib from 2060-01-01): rule table 'pib' has no value for 2060-01-01"),
        ({"tabla": "semanas_minimas", "desde": "2027-01-01", "valor": 1, "columna": "semanas"},
         "columna must be one of value; got 'semanas'"),
        ({"tabla": "tasa_patronal_ceav", "desde": "2027-01-01", "valor": 0.1, "donde": {"banda": "5 UMA"}},
         "'donde' banda='5 UMA' matches no row"),
        ({"tabla": "cuota_social", "desde": "2027-01-01", "valor": 1.0, "donde": {"banda": "1.01 a 4.00 SM"}},
         "'donde' banda='1.01 a 4.00 SM' matches no row in force from 2027-01-01 on; values: 1.00 SM"),
        ({"tabla": "ley97_edades", "desde": "2027-01-01", "valor": 62, "donde": {"concepto": "cesantia", "value": 65}},
         "'donde' {'concepto': 'cesantia', 'value': 65} matches no row in force from 2027-01-01 on"),
        ({"tabla": "tasa_patronal_ceav", "desde": "2027-01-01", "valor": 0.1, "donde": {"grupo": 1}},
         "'donde' names unknown column 'grupo'"),
        ({"tabla": "semanas_minima", "desde": "2027-01-01", "valor": 1},
         "reform 1 (semanas_minima from 2027-01-01): unknown table 'semanas_minima'"),
    ],
)
def test_overlay_errors_name_overlay_and_field(reforma, message):
    with pytest.raises(ValueError) as info:
        LAW.with_reforms([Reforma(**reforma)])
    assert message in str(info.value)


def test_error_names_the_position_of_the_overlay():
    ok = Reforma(tabla="semanas_minimas", desde="2027-01-01", valor=1100)
    bad = Reforma(tabla="uma", desde="2030-02-01", valor=-3)
    with pytest.raises(ValueError, match="reform 2 \\(uma from 2030-02-01\\), field 'valor'"):
        LAW.with_reforms([ok, bad])


def test_overlay_after_last_simulable_year_is_an_error():
    with pytest.raises(ValueError, match=f"the last simulable year is {ANIO_SIMULABLE_MAX}"):
        Reforma(tabla="semanas_minimas", desde=dt.date(ANIO_SIMULABLE_MAX + 1, 1, 1), valor=1250)
    Reforma(tabla="semanas_minimas", desde=dt.date(ANIO_SIMULABLE_MAX, 12, 31), valor=1250)


# -- the rewritten table ---------------------------------------------------------------------------------
def test_rewritten_table_passes_the_strict_checks_and_cites_the_overlay():
    rs = con(
        {"tabla": "tasa_patronal_ceav", "desde": "2027-06-01", "factor": 1.1, "donde": TOP, "descripcion": "more CEAV"},
        {"tabla": "uma", "desde": "2030-02-01", "factor": 1.1},
    )
    t = rs.rule_table("tasa_patronal_ceav")
    _check_rows("rewritten", t.frame, t.meta)
    june = t.frame[t.frame.effective_from == dt.date(2027, 6, 1)]
    assert len(june) == 8 and june.set_index("banda")["value"][TOP["banda"]] == pytest.approx(0.08603 * 1.1)
    cite = t.meta.citation_for(dt.date(2027, 6, 1))
    assert (
        "Reform overlay: more CEAV" in cite.article and "transitorio Segundo" in cite.article
        and cite.status == "assumption"
    )
    assert "changed by reform overlays" in t.meta.citation_for(dt.date(2031, 1, 1)).article
    uma = rs.table("uma").set_index("effective_from")["value"]
    assert uma[dt.date(2030, 2, 1)] == LAW.uma_diaria(2030) * 1.1  # the projected value, x 1.1
    assert rs.rule_table("salario_minimo") is LAW.rule_table("salario_minimo")


def test_aplicar_on_a_table():
    t = LAW.rule_table("semanas_minimas")
    new = aplicar(t, Reforma(tabla="semanas_minimas", desde="2027-01-01", factor=1.2))
    values = new.frame.set_index("effective_from")["value"]
    assert values[dt.date(2026, 1, 1)] == 875 and values[dt.date(2031, 1, 1)] == 1200
    assert new.frame["value"].dtype == np.int64
    with pytest.raises(ValueError, match="the table given is 'semanas_minimas'"):
        aplicar(t, Reforma(tabla="uma", desde="2027-02-01", valor=1.0))


def test_packaged_values_are_checked_against_their_domain(tmp_path):
    from pensiones.rules.loader import load_table
    from pensiones.rules.projection import PROJECTIONS

    src = LAW.rule_table("semanas_minimas")
    csv = tmp_path / "semanas_minimas.csv"
    csv.write_text("effective_from,value\n2021-01-01,750\n2022-01-01,-775\n")
    (tmp_path / "semanas_minimas.toml").write_text(
        (pensiones.rules.ruleset._DATA / "lss2020" / "semanas_minimas.toml").read_text(encoding="utf-8")
    )
    with pytest.raises(
        RuleTableError, match="semanas_minimas.csv, line 3, field 'value': -775 is outside the domain \\[0, 5200\\]"
    ):
        load_table(csv, tuple(PROJECTIONS))
    assert src.meta.domain["value"].contains(0.0)


def test_every_packaged_table_declares_a_domain_for_each_numeric_value():
    for regimen in pensiones.rules.REGIMENES:
        rs = pensiones.rules.load(regimen)
        for name in rs.names:
            meta = rs.rule_table(name).meta
            numeric = {c.name for c in meta.columns if c.name in meta.values and c.type in ("int", "float")}
            assert set(meta.domain) == numeric, name


# -- what a run reads ---------------------------------------------------------------------------------------
def test_registro_lecturas_records_tables_and_latest_dates():
    rs = con({"tabla": "semanas_minimas", "desde": "2027-01-01", "valor": 1100})
    with rs.record_lookups() as outer:
        with rs.record_lookups() as inner:
            rs.uma_diaria(2040)  # projected: reads the INPC
        garantizada.semanas_tabla(2030, reglas=rs)
    assert inner == {"uma": dt.date(2040, 2, 1), "inpc": dt.date(2039, 12, 1)}
    assert (
        outer["semanas_minimas"] == dt.date(2030, 2, 1) and outer["pension_garantizada_columnas"] == dt.date(2030, 2, 1)
    )
    assert outer["inpc"] == dt.date(2039, 12, 1)
    # a cached lookup still records what its projection read
    with rs.record_lookups() as again:
        rs.uma_diaria(2040)
    assert again == inner
    rs.uma_diaria(2041)  # outside a block: nothing recorded, nothing kept
    assert rs._registros == []


def test_registro_lecturas_whole_table():
    with LAW.record_lookups() as leidas:
        LAW.table("pib")
    assert leidas == {"pib": dt.date.max}


def test_verificar_reformas_with_hand_made_sets():
    s = Scenario.default().with_reform(
        {
            "reformas": [
                {"tabla": "semanas_minimas", "desde": "2027-01-01", "valor": 1100},
                {"tabla": "mortalidad_emssa09", "desde": "2030-01-01", "factor": 0.9},
            ]
        }
    )
    check_reforms(s, {"semanas_minimas", "mortalidad_emssa09"}, 2025, 2070)
    with pytest.raises(ValueError, match="reform 2 \\(mortalidad_emssa09 from 2030-01-01\\) changes table "
                       "'mortalidad_emssa09', which a simulation of 2025-2070 does not read"):
        check_reforms(s, {"semanas_minimas", "uma"}, 2025, 2070)
    with pytest.raises(ValueError, match="reform 2 \\(mortalidad_emssa09 from 2030-01-01\\) takes effect after "
                       "the last simulated year \\(2029\\)"):
        check_reforms(s, {"semanas_minimas", "mortalidad_emssa09"}, 2025, 2029)
    dates = {"semanas_minimas": dt.date(2070, 2, 1), "mortalidad_emssa09": dt.date(2025, 2, 1)}
    with pytest.raises(
        ValueError, match="reads 'mortalidad_emssa09' only on dates up to 2025-02-01, before the overlay takes effect"
    ):
        check_reforms(s, dates, 2025, 2070)
    check_reforms(s, {**dates, "mortalidad_emssa09": dt.date.max}, 2025, 2070)
    check_reforms(Scenario.default(), set(), 2025, 2070)  # no overlays: nothing to check
    with pytest.raises(ValueError, match="tablas_leidas must be a set of table names"):
        check_reforms(s, "semanas_minimas", 2025, 2070)
    with pytest.raises(ValueError, match="end must be in"):
        check_reforms(s, {"semanas_minimas"}, 2030, 2025)


def test_a_simulation_reads_the_tables_of_every_builtin_overlay():
    """The engine's lookups, recorded: every built-in overlay is read on or after its date."""
    from pensiones.engine.driver import preparar
    from pensiones.engine.anuales import anuales

    for name in pensiones.scenarios.builtin_scenarios():
        s = Scenario.load(name)
        rs = s.rules()
        with rs.record_lookups() as leidas:
            preparar(rs, s.procesos, 2025, 2070)
            anuales(rs, 2025, 2070, cobertura_pbam=1.0, cobertura_mujeres=1.0)
        check_reforms(s, leidas, 2025, 2070)
        assert {"uma", "inpc", "semanas_minimas", "tasa_patronal_ceav"} <= set(leidas)
