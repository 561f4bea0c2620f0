"""The sans-IO wire format of the core, for tests and proxies: the exact request an
operation sends, and how an answer is read. Nothing here does I/O."""

from __future__ import annotations

from collections.abc import Mapping

from . import _core
from .records import Issue, wrap, wrap_result
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Dict, List, Sequence, Tuple, Union

__all__ = ["build_request", "parse_response", "read_response"]


def build_request(operation: str, params: Mapping[str, Any], api_key: str) -> Dict[str, Any]:
    """``{method, path, query: [[name, value], ...], json_body}`` exactly as it would be
    sent, the key included (never log it). Invalid params raise ValidationError."""
    return _core.build_request(operation, params, api_key)


def read_response(
    operation: str,
    status: int,
    headers: Union[Mapping[str, str], Sequence[Tuple[str, str]]],
    body: Union[bytes, str],
) -> Tuple[Any, List[Issue]]:
    """``(result, warnings)``: the result ``operation`` gives for this answer (records,
    Decimal money) and the warnings of reading it (a value kept as sent because it could not
    be read, a row left out); or the CakeError the answer is, raised."""
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    read = _core.read_response(operation, status, pairs, body)
    value = read["value"]
    warnings = [Issue.from_dict(i) for i in read["warnings"]]
    if operation == "sub_affiliate_report" and isinstance(value, dict):
        rows = wrap_result(value.get("rows") or [], operation)
        return wrap({**value, "rows": rows}, "ReportPage"), warnings
    return wrap_result(value, operation), warnings


def parse_response(
    operation: str,
    status: int,
    headers: Union[Mapping[str, str], Sequence[Tuple[str, str]]],
    body: Union[bytes, str],
) -> Any:
    """The result ``operation`` gives for this answer (records, Decimal money), or the
    CakeError it is, raised. :func:`read_response` also gives the warnings."""
    return read_response(operation, status, headers, body)[0]
