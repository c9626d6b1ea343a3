"""Layer 2: legal cases computed by hand, each naming its source (tests/cases/*.csv)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import pensiones

CASES = pd.read_csv(Path(__file__).parent / "cases" / "reglas.csv")


def _function(dotted: str):
    module, name = dotted.split(".")
    return getattr(getattr(pensiones, module), name)


@pytest.mark.parametrize("case", CASES.to_dict("records"), ids=CASES["caso"].tolist())
def test_legal_case(case):
    assert isinstance(case["fuente"], str) and case["fuente"].strip(), "every case names its source"
    got = _function(case["funcion"])(**json.loads(case["argumentos"]))
    assert got == pytest.approx(case["esperado"], abs=case["tolerancia"]), case["calculo"]
