"""Layer 2: legal cases computed by hand, each naming its source (tests/cases/*.csv)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import pensiones

FILES = sorted((Path(__file__).parent / "cases").glob("*.csv"))
CASES = pd.concat([pd.read_csv(f).assign(archivo=f.name) for f in FILES], ignore_index=True)


def _function(dotted: str):
    module, name = dotted.split(".")
    return getattr(getattr(pensiones, module), name)


def _field(result, campo):
    if not isinstance(campo, str):
        return result
    if isinstance(result, pd.DataFrame):
        return result[campo].iloc[0]
    return getattr(result, campo)


@pytest.mark.parametrize("case", CASES.to_dict("records"), ids=(CASES["archivo"] + ":" + CASES["caso"]).tolist())
def test_legal_case(case):
    assert isinstance(case["fuente"], str) and case["fuente"].strip(), "every case names its source"
    result = _function(case["funcion"])(**json.loads(case["argumentos"]))
    got = _field(result, case.get("campo"))
    assert got == pytest.approx(case["esperado"], abs=case["tolerancia"]), case["calculo"]
