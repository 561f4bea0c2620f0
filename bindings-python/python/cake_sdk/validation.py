"""Validation without sending: the core's rules, every issue at once."""

from __future__ import annotations

from . import _core
from .records import Issue
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, List, Mapping

__all__ = ["validate", "OPERATIONS"]

#: The eight operation ids, in the reference's order.
OPERATIONS: List[str] = list(_core.operations())


def validate(operation: str, params: Mapping[str, Any]) -> List[Issue]:
    """Every issue of ``params`` for ``operation`` (errors block a request, warnings do
    not). Values may be given as a form gives them: numbers as strings, "" for not given."""
    return [Issue.from_dict(i) for i in _core.validate(operation, params)]
