"""Every shared vector in tests/vectors/, through the Python API, compared as the Rust suite
compares (core/tests/vectors.rs)."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import cake_sdk
from cake_sdk import payout, wire

from conftest import canon, load_vectors

VALIDATION = load_vectors("validation.json")["cases"]
PAYOUT = load_vectors("payout.json")["cases"]
WIRE = load_vectors("wire.json")


def test_vector_files_are_complete() -> None:
    assert len(VALIDATION) >= 80
    assert len(PAYOUT) >= 30
    assert len(WIRE["requests"]) >= 10
    assert len(WIRE["responses"]) >= 30


@pytest.mark.parametrize("case", VALIDATION, ids=[c["name"] for c in VALIDATION])
def test_validation_vector(case: Dict[str, Any]) -> None:
    got = sorted((i.field, i.code, i.severity) for i in cake_sdk.validate(case["operation"], case["params"]))
    want = sorted((i["field"], i["code"], i["severity"]) for i in case["issues"])
    assert got == want


@pytest.mark.parametrize("case", PAYOUT, ids=[c["name"] for c in PAYOUT])
def test_payout_vector(case: Dict[str, Any]) -> None:
    if "expect" in case:
        assert canon(payout.call(case["function"], case["args"])) == canon(case["expect"])
    else:
        with pytest.raises(cake_sdk.ValidationError) as raised:
            payout.call(case["function"], case["args"])
        issue = raised.value.issues[0]
        assert (issue.field, issue.code) == (case["error"]["field"], case["error"]["code"])


@pytest.mark.parametrize("case", WIRE["requests"], ids=[c["name"] for c in WIRE["requests"]])
def test_wire_request_vector(case: Dict[str, Any]) -> None:
    got = wire.build_request(case["operation"], case["params"], case["api_key"])
    assert canon(got, decimals_as_strings=False) == canon(case["expect"], decimals_as_strings=False)


@pytest.mark.parametrize("case", WIRE["responses"], ids=[c["name"] for c in WIRE["responses"]])
def test_wire_response_vector(case: Dict[str, Any]) -> None:
    args = (case["operation"], case["status"], case.get("headers") or {}, case["body"])
    expect = case["expect"]
    if "ok" in expect:
        value, warnings = wire.read_response(*args)
        assert canon(value) == canon(expect["ok"])
        # No "warnings" in a case means none.
        assert [(w.field, w.code) for w in warnings] == [(w["field"], w["code"]) for w in expect.get("warnings", [])]
        assert all(w.severity == "warning" for w in warnings)
        assert canon(wire.parse_response(*args)) == canon(expect["ok"])
        return
    want = expect["error"]
    with pytest.raises(cake_sdk.CakeError) as raised:
        wire.read_response(*args)
    error = raised.value
    assert error.code == want["code"]
    if "request_status" in want:
        assert error.request_status == want["request_status"]
    if "messages" in want:
        assert error.messages == want["messages"]
    if "status" in want:
        assert error.status == want["status"]


def test_some_response_vectors_expect_warnings() -> None:
    assert sum(1 for case in WIRE["responses"] if case["expect"].get("warnings")) >= 4


def test_payout_functions_are_all_exposed() -> None:
    from cake_sdk import _core

    assert set(_core.money_functions()) <= set(payout.__all__)
