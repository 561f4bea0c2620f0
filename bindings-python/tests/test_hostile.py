"""tests/vectors/hostile.json through the Python API: every case ends in validation issues on
exactly the expected fields, or (where the vector allows it) one clear error for the whole
call. Never a crash, a hang, or a request sent."""

from __future__ import annotations

import math
import time
from typing import Any, Dict, List

import pytest

import cake_sdk
from cake_sdk import Client
from cake_sdk.testing import MockServer

from conftest import load_vectors

HOSTILE = load_vectors("hostile.json")["cases"]
FLOATS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}


def nest(depth: int) -> List[Any]:
    """[[[...]]] `depth` levels deep, built without recursion."""
    inner: List[Any] = []
    for _ in range(depth - 1):
        inner = [inner]
    return inner


def expand(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$repeat"}:
            text, count = value["$repeat"]
            return str(text) * int(count)
        if set(value) == {"$nest"}:
            return nest(int(value["$nest"]))
        if set(value) == {"$float"}:
            return FLOATS[value["$float"]]
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def error_fields(issues: List[cake_sdk.Issue]) -> List[str]:
    return sorted({i.field for i in issues if i.is_error})


def test_the_corpus_is_loaded() -> None:
    assert len(HOSTILE) >= 300


@pytest.mark.parametrize("case", HOSTILE, ids=[c["name"] for c in HOSTILE])
def test_hostile_input_is_refused_clearly(case: Dict[str, Any], client: Client, mock: MockServer) -> None:
    params = expand(case["params"])
    expect = case["expect"]
    started = time.monotonic()
    try:
        got = error_fields(cake_sdk.validate(case["operation"], params))
    except (cake_sdk.CakeError, TypeError, ValueError) as error:
        assert expect.get("may_fail_whole_call"), f"validate raised {type(error).__name__}: {error}"
        assert str(error), "the error says what is wrong"
    else:
        assert got == sorted(expect["error_fields"])
    with pytest.raises((cake_sdk.CakeError, TypeError, ValueError)) as raised:
        client.call(case["operation"], params)
    if not expect.get("may_fail_whole_call"):
        assert isinstance(raised.value, cake_sdk.ValidationError)
    assert mock.requests() == [], "nothing was sent"
    assert time.monotonic() - started < 5.0


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_non_finite_float_is_the_wrong_type_not_absent(bad: float) -> None:
    # Optional money: null would silently mean "not given"; it must be an issue on the field.
    params = {"offer_id": 5, "payout": bad}
    assert [(i.field, i.code) for i in cake_sdk.validate("update_offer", params)] == [("payout", "invalid_type")]
