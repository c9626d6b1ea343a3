"""The strict loader: one malformed fixture per failure mode, asserting on the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from pensiones.rules import RuleTableError
from pensiones.rules.loader import load_table
from pensiones.rules.projection import PROJECTIONS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "malformed"

# fixture folder -> fragments the error message must contain (file, line, field, what is wrong)
CASES = {
    "unknown_column": ["tabla.csv", "unknown column(s) extra"],
    "missing_column": ["tabla.csv", "missing column(s) value"],
    "unknown_key": ["tabla.toml", "unknown key(s) frequency"],
    "missing_unit": ["tabla.toml", "missing required key 'unit'"],
    "missing_citation": ["tabla.toml", "missing required key 'citations'"],
    "citation_missing_article": ["tabla.toml", "citation 1: missing required key 'article'"],
    "date_before_citation": ["tabla.csv, line 2, field 'effective_from'", "has no citation"],
    "unsorted_dates": ["tabla.csv, line 6, field 'effective_from'", "dates must be sorted"],
    "duplicate_date": ["tabla.csv, line 4, field 'effective_from'", "duplicate of line 3"],
    "band_gap": ["tabla.csv, line 8, field 'band_from'", "gap after the previous band"],
    "band_overlap": ["tabla.csv, line 5, field 'band_from'", "overlaps the previous band"],
    "open_band_not_last": ["tabla.csv, line 8, field 'band_to'", "only the last band"],
    "bad_number": ["tabla.csv, line 4, field 'value'", "'3.5%' is not a valid float"],
    "empty_required": ["tabla.csv, line 9, field 'value'", "empty cell"],
    "bad_date": ["tabla.csv, line 8, field 'effective_from'", "not a valid date"],
    "unknown_projection": ["tabla.toml", "key 'projection' is 'frozen'"],
    "bad_toml": ["tabla.toml", "invalid TOML"],
    "axis_value": ["tabla.csv, line 5, field 'banda'", "'2.01 UMA en adelante' is not one of"],
    "bad_status": ["tabla.toml", "key 'status' is 'probably'"],
    "missing_toml": ["tabla.csv", "metadata file tabla.toml is missing"],
    "missing_domain": ["tabla.toml", "missing required key 'domain'", "value"],
    "bad_domain": ["tabla.toml", "[domain] value: '[1, 0]'", "lower end must be below the upper end"],
    "domain_unknown_column": ["tabla.toml", "[domain] names band_from, not a numeric value column"],
    "value_outside_domain": ["tabla.csv, line 8, field 'value'", "4.0 is outside the domain [0, 1]", "unit tasa"],
}


def test_every_fixture_has_a_case():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(CASES) | {"valid"}


def test_valid_fixture_loads():
    table = load_table(FIXTURES / "valid" / "tabla.csv", tuple(PROJECTIONS))
    assert len(table.frame) == 8
    assert table.meta.citations[0].article == "LSS art. 168"


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_fixture_fails_with_clear_message(case):
    with pytest.raises(RuleTableError) as info:
        load_table(FIXTURES / case / "tabla.csv", tuple(PROJECTIONS))
    message = str(info.value)
    for fragment in CASES[case]:
        assert fragment in message, message
