"""Exceptions: one class per stable error code of the core, all under :class:`CakeError`.

Every exception carries what the core knows about the call: ``code``, ``operation``,
``attempts``, ``elapsed`` (seconds) / ``elapsed_ms`` and the last HTTP ``status``, plus the
fields of its kind. Messages come from the core, which has already removed the api key.
"""

from __future__ import annotations

import builtins
from typing import Any, Dict, List, Mapping, Optional, Tuple, Type

from .records import Issue

__all__ = [
    "CakeError",
    "ValidationError",
    "ApiError",
    "RateLimitError",
    "HttpStatusError",
    "TimeoutError",
    "ConnectionError",
    "DecodeError",
    "UnknownOutcomeError",
    "CakeWarning",
]


class CakeError(Exception):
    """Base of every cake_sdk error. ``code`` is the core's stable code ("usage" for a
    misuse of the SDK itself, such as a blocking call from inside its own callback)."""

    code: str = "usage"

    def __init__(self, message: str, data: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message)
        self.message = message
        self.data: Dict[str, Any] = dict(data or {})
        self.code = str(self.data.get("code", type(self).code))
        self.operation: Optional[str] = self.data.get("operation")
        self.attempts: int = int(self.data.get("attempts") or 0)
        self.elapsed_ms: int = int(self.data.get("elapsed_ms") or 0)
        self.status: Optional[int] = self.data.get("status")
        self.issues: List[Issue] = [Issue.from_dict(i) for i in self.data.get("issues") or []]
        self.request_status: Optional[str] = self.data.get("request_status")
        self.messages: List[str] = list(self.data.get("messages") or [])
        self.body_excerpt: Optional[str] = self.data.get("body_excerpt")

    @property
    def elapsed(self) -> float:
        """Seconds the call took, retries included."""
        return self.elapsed_ms / 1000

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self.data))


class ValidationError(CakeError, ValueError):
    """The request has errors; it was not sent. ``issues`` lists every one (warnings too)."""

    code = "validation"


class ApiError(CakeError):
    """CAKE answered, and ``request_status`` is not "Success"; ``messages`` are its own."""

    code = "api"


class RateLimitError(CakeError):
    """HTTP 429 or CAKE's "Restricted", after the retries allowed. ``retry_after`` in seconds
    when the server said."""

    code = "rate_limited"

    @property
    def retry_after(self) -> Optional[float]:
        ms = self.data.get("retry_after_ms")
        return None if ms is None else ms / 1000


class HttpStatusError(CakeError):
    """A non-2xx answer; ``status`` and ``body_excerpt`` tell which."""

    code = "http_status"


class TimeoutError(CakeError, builtins.TimeoutError):
    """No answer in time (an attempt's ``timeout`` or the call's ``deadline``)."""

    code = "timeout"


class ConnectionError(CakeError, builtins.ConnectionError):
    """The connection failed (refused, reset, DNS, TLS)."""

    code = "connection"


class DecodeError(CakeError):
    """The answer is not what the reference describes; ``body_excerpt`` shows its start."""

    code = "decode"


class UnknownOutcomeError(CakeError):
    """A write that may or may not have been applied. It was not repeated: check before
    sending it again. ``cause`` is the code of what happened (timeout, connection, ...)."""

    code = "unknown_outcome"

    @property
    def cause(self) -> Optional[str]:
        cause = self.data.get("cause")
        return None if cause is None else str(cause)


_BY_CODE: Dict[str, Type[CakeError]] = {
    cls.code: cls
    for cls in (
        ValidationError,
        ApiError,
        RateLimitError,
        HttpStatusError,
        TimeoutError,
        ConnectionError,
        DecodeError,
        UnknownOutcomeError,
    )
}


def _rebuild(cls: Type[CakeError], message: str, data: Mapping[str, Any]) -> CakeError:
    return cls(message, data)


def _from_core(data: Mapping[str, Any]) -> CakeError:
    """The exception for the core's ``Error.to_json()`` (called by the extension)."""
    cls = _BY_CODE.get(str(data.get("code")), CakeError)
    return cls(str(data.get("message", "")), data)


class CakeWarning(UserWarning):
    """A warning issue of a request that was sent anyway (payout above revenue, an expiry in
    the past, an unknown parameter). ``issue`` holds it. Filter it with the ``warnings``
    module like any other, or turn it into an error with ``-W error::cake_sdk.CakeWarning``."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue
