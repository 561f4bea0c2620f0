"""The sans-IO wire format of the core, for tests and proxies: the exact request an
operation sends, and how an answer is read. Nothing here does I/O."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Sequence, Tuple, Union

from . import _core
from .records import RESULT_KIND, wrap

__all__ = ["build_request", "parse_response"]


def build_request(operation: str, params: Mapping[str, Any], api_key: str) -> Dict[str, Any]:
    """``{method, path, query: [[name, value], ...], json_body}`` exactly as it would be
    sent, the key included (never log it). Invalid params raise ValidationError."""
    return _core.build_request(operation, params, api_key)


def parse_response(
    operation: str,
    status: int,
    headers: Union[Mapping[str, str], Sequence[Tuple[str, str]]],
    body: Union[bytes, str],
) -> Any:
    """The result ``operation`` gives for this answer (records, Decimal money), or the
    CakeError it is, raised."""
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    value = _core.parse_response(operation, status, pairs, body)
    if operation == "sub_affiliate_report" and isinstance(value, dict):
        return wrap(value, "ReportPage")
    return wrap(value, RESULT_KIND.get(operation, "Record"))
