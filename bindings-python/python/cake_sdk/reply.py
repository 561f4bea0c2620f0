"""What comes back with a result: how the call went (:class:`CallInfo`) and, from
``client.call()``, the result with its warnings (:class:`Reply`)."""

from __future__ import annotations

from collections import namedtuple

from .records import Issue
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Generic, List, Mapping, NamedTuple, Optional, TypeVar

    class _CallInfo(NamedTuple):
        operation: Optional[str]
        status: Optional[int]
        attempts: int
        elapsed: float

else:
    from ._typing import Generic, TypeVar

    _CallInfo = namedtuple("CallInfo", ("operation", "status", "attempts", "elapsed"))

T = TypeVar("T")


class CallInfo(_CallInfo):
    """The operation, the last HTTP status, attempts made and seconds spent."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CallInfo":
        return cls(
            data.get("operation"),
            data.get("status"),
            int(data.get("attempts") or 0),
            int(data.get("elapsed_ms") or 0) / 1000,
        )

    @classmethod
    def empty(cls) -> "CallInfo":
        return cls(None, None, 0, 0.0)


class Reply(Generic[T]):
    """A result with the warnings its request had (they never block) and how the call went."""

    __slots__ = ("value", "warnings", "_info", "_meta")

    def __init__(self, value: T, warnings: List[Issue], info: CallInfo) -> None:
        self.value = value
        self.warnings = warnings
        self._info: Optional[CallInfo] = info
        self._meta: Optional[Mapping[str, Any]] = None

    @classmethod
    def _of(cls, value: T, warnings: List[Issue], meta: Mapping[str, Any]) -> "Reply[T]":
        """A reply whose ``info`` is read from the extension's ``meta`` when first asked for
        (most callers never ask)."""
        reply: Reply[T] = cls.__new__(cls)
        reply.value = value
        reply.warnings = warnings
        reply._info = None
        reply._meta = meta
        return reply

    @property
    def info(self) -> CallInfo:
        if self._info is None:
            self._info = CallInfo.from_dict(self._meta or {})
        return self._info

    @info.setter
    def info(self, info: CallInfo) -> None:
        self._info = info

    def __repr__(self) -> str:
        return f"Reply(value={self.value!r}, warnings={self.warnings!r}, info={self.info!r})"
