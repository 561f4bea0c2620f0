"""The extension's conversions at the boundary. Exact built-in types (str, int, bool, None,
dict, list, tuple) are read without calling Python; subclasses take the general path. Both
must send exactly the same thing, or refuse it the same way."""

from __future__ import annotations

import enum
from collections import OrderedDict
from decimal import Decimal
from typing import Any, Dict, List, Tuple

import pytest

import cake_sdk
from cake_sdk import _core


class SubInt(int):
    pass


class SubStr(str):
    pass


class SubDict(dict):  # type: ignore[type-arg]
    pass


class SubList(list):  # type: ignore[type-arg]
    pass


class Color(enum.IntEnum):
    RED = 7


def outcome(operation: str, params: Any) -> Tuple[str, Any]:
    """What the core makes of `params`: the request it would send, or the refusal."""
    try:
        return ("request", _core.build_request(operation, params, "key"))
    except cake_sdk.ValidationError as error:
        return ("invalid", [tuple(i) for i in error.issues])
    except (TypeError, ValueError, OverflowError) as error:
        return (type(error).__name__, str(error))


INTS = [0, 1, -1, 7, 2**31, 2**53 - 1, 2**53, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 2**64 + 1, 10**30, -(10**30)]


@pytest.mark.parametrize("number", INTS)
@pytest.mark.parametrize("field", ["offer_id", "payout", "session_hours_unknown"])
def test_ints_of_any_size_read_as_their_subclass_would_be(number: int, field: str) -> None:
    exact = outcome("update_offer", {"offer_id": 5, field: number})
    general = outcome("update_offer", {"offer_id": 5, field: SubInt(number)})
    assert exact == general


def test_an_int_enum_is_its_number() -> None:
    assert outcome("get_affiliate_offer", {"affiliate_id": Color.RED, "offer_id": 7}) == outcome(
        "get_affiliate_offer", {"affiliate_id": 7, "offer_id": 7}
    )
    request = _core.build_request("get_affiliate_offer", {"affiliate_id": 7, "offer_id": 2**40}, "key")
    assert ("affiliate_id", "7") in [tuple(p) for p in request["query"]]
    assert ("offer_id", str(2**40)) in [tuple(p) for p in request["query"]]


def test_big_ints_keep_every_digit() -> None:
    # Beyond i64 the text is written digit for digit (then refused by the core's range).
    issues = cake_sdk.validate("update_offer", {"offer_id": 2**64 + 1})
    assert [i.code for i in issues if i.field == "offer_id"] == [
        i.code for i in cake_sdk.validate("update_offer", {"offer_id": SubInt(2**64 + 1)}) if i.field == "offer_id"
    ]
    assert any(i.field == "offer_id" and i.is_error for i in issues)


@pytest.mark.parametrize("flag", [True, False])
def test_a_bool_is_not_a_number(flag: bool) -> None:
    issues = cake_sdk.validate("update_offer", {"offer_id": flag, "payout": 1})
    assert [(i.field, i.code) for i in issues if i.is_error] == [("offer_id", "invalid_type")]
    # and not the int it equals
    assert outcome("update_offer", {"offer_id": flag}) != outcome("update_offer", {"offer_id": int(flag)})


@pytest.mark.parametrize("text", ["Summer", "", " padded ", "naïve ☃ 日本", "x" * 300])
def test_strings_and_their_subclasses(text: str) -> None:
    assert outcome("update_offer", {"offer_id": 5, "offer_name": text}) == outcome(
        "update_offer", {"offer_id": 5, "offer_name": SubStr(text)}
    )


def test_a_lone_surrogate_is_refused_the_same_way() -> None:
    bad = "\ud800"
    exact = outcome("update_offer", {"offer_id": 5, "offer_name": bad})
    general = outcome("update_offer", {"offer_id": 5, "offer_name": SubStr(bad)})
    assert exact == general
    assert exact[0] != "request"


NESTED: List[Any] = [
    None,
    [1, "a", None, True],
    (1, 2),
    {"a": 1, "b": [{"c": "d"}]},
    [[[]]],
    Decimal("1.50"),
    1.25,
]


@pytest.mark.parametrize("value", NESTED)
def test_containers_and_their_subclasses(value: Any) -> None:
    def sub(v: Any) -> Any:
        if isinstance(v, dict):
            return SubDict({k: sub(x) for k, x in v.items()})
        if isinstance(v, list):
            return SubList(sub(x) for x in v)
        return v

    plain = {"offer_id": 5, "something_new": value}
    assert outcome("update_offer", plain) == outcome("update_offer", SubDict(sub(plain)))
    assert outcome("update_offer", plain) == outcome("update_offer", OrderedDict(plain))


def test_parameter_names_must_be_strings_in_any_mapping() -> None:
    for params in ({1: 2}, SubDict({1: 2}), {"offer_id": 5, "nested": {3: 4}}):
        assert outcome("update_offer", params) == ("TypeError", "parameter names must be strings")
    # a str subclass is a string
    assert outcome("update_offer", {SubStr("offer_id"): 5}) == outcome("update_offer", {"offer_id": 5})


def test_too_deep_is_refused_through_the_fast_path() -> None:
    deep: Any = 1
    for _ in range(200):
        deep = [deep]
    kind, issues = outcome("update_offer", {"offer_id": 5, "deep": deep})
    assert kind == "invalid" and issues[0][1] == "invalid_type"
    deep_dict: Any = 1
    for _ in range(200):
        deep_dict = {"a": deep_dict}
    assert outcome("update_offer", {"offer_id": 5, "deep": deep_dict})[0] == "invalid"


def test_a_dict_changed_while_it_is_read_is_refused() -> None:
    params: Dict[str, Any] = {}

    class Grows:
        def __index__(self) -> int:
            params["late"] = 1
            return 5

    params.update({"offer_id": Grows(), "payout": 1})
    with pytest.raises(RuntimeError, match="changed size during iteration"):
        _core.build_request("update_offer", params, "key")

    class Rewrites:
        def __index__(self) -> int:
            params["payout"] = 2  # same size: allowed, and the value read is the one given
            return 5

    params = {"offer_id": Rewrites(), "payout": 1}
    request = _core.build_request("update_offer", params, "key")
    assert request["json_body"]["offer_id"] == 5 and request["json_body"]["payout"] == 1


def test_answer_keys_are_shared_and_exact() -> None:
    """Keys of answers come from a cache of Python strings: equal to the names, and a server
    inventing more names than the cache holds still gets every one right."""
    body = {"request_status": "Success", "sub_affiliates": [{"sub_affiliate_id": i, f"field_{i}": i} for i in range(3000)]}
    import json

    rows = _core.parse_response("list_sub_affiliates", 200, [], json.dumps(body))
    assert len(rows) == 3000
    assert all(f"field_{i}" in row and row[f"field_{i}"] == i for i, row in enumerate(rows))
    a, b = rows[0], rows[1]
    key_a = next(k for k in a if k == "sub_affiliate_id")
    key_b = next(k for k in b if k == "sub_affiliate_id")
    assert key_a is key_b


def totals(rows: Any) -> Tuple[str, Any]:
    """The core's totals over `rows` (values reach the core exactly as converted)."""
    try:
        return ("ok", _core.money_call("report_totals", {"rows": rows}))
    except (cake_sdk.CakeError, TypeError, ValueError) as error:
        return (type(error).__name__, str(error))


@pytest.mark.parametrize("clicks", [0, 5, 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64 - 2, 2**64, 10**25])
def test_nested_values_reach_the_core_exactly(clicks: int) -> None:
    rows = [{"clicks": clicks, "conversions": 3, "payout": "1.50"}, {"clicks": 1, "conversions": 1, "payout": 2}]
    exact = totals(rows)
    general = totals(SubList(SubDict(row, clicks=SubInt(row["clicks"])) for row in rows))
    as_tuple = totals(tuple(rows))
    assert exact == general == as_tuple
    if exact[0] == "ok":
        assert exact[1]["clicks"] == clicks + 1 and exact[1]["payout"] == Decimal("3.50")


def test_a_bool_inside_a_list_stays_a_bool() -> None:
    flagged = totals([{"clicks": True, "conversions": 1, "payout": 1}])
    assert flagged != totals([{"clicks": 1, "conversions": 1, "payout": 1}])
    assert flagged[0] == "ValidationError"


def test_amounts_are_exact_past_the_shared_ones() -> None:
    """Decimals of answers are made once per text and shared (they are immutable); more
    distinct amounts than are kept are still each exact."""
    import json

    texts = [f"{i}.{i % 100:02d}" for i in range(6000)] + ["18.00", "0.00", "18.00"]
    body = {"request_status": "Success", "sub_affiliates": [{"sub_affiliate_id": i, "payout": t} for i, t in enumerate(texts)]}
    first = _core.parse_response("list_sub_affiliates", 200, [], json.dumps(body))
    again = _core.parse_response("list_sub_affiliates", 200, [], json.dumps(body))
    for rows in (first, again):
        assert [repr(r["payout"]) for r in rows] == [repr(Decimal(t)) for t in texts]
