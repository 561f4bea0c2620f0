"""Exceptions: one class per stable error code of the core, all under :class:`CakeError`.

Every exception carries what the core knows about the call: ``code``, ``operation``,
``attempts``, ``elapsed`` (seconds) / ``elapsed_ms`` and the last HTTP ``status``, plus the
fields of its kind. Messages come from the core, which has already removed the api key.
"""

from __future__ import annotations

import builtins
import os
import sys
import warnings

from .records import Issue
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Type

__all__ = [
    "CakeError",
    "ValidationError",
    "ApiError",
    "RateLimitError",
    "HttpStatusError",
    "CakeTimeoutError",
    "CakeConnectionError",
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


class CakeTimeoutError(CakeError, builtins.TimeoutError):
    """No answer in time (an attempt's ``timeout`` or the call's ``deadline``). Also a
    builtin ``TimeoutError``, so ``except TimeoutError`` catches it."""

    code = "timeout"


class CakeConnectionError(CakeError, builtins.ConnectionError):
    """The connection failed (refused, reset, DNS, TLS). Also a builtin
    ``ConnectionError``, so ``except ConnectionError`` catches it."""

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
        CakeTimeoutError,
        CakeConnectionError,
        DecodeError,
        UnknownOutcomeError,
    )
}

#: The names these two classes had first, kept as deprecated aliases: imported, they
#: shadowed the builtins ``TimeoutError`` and ``ConnectionError``.
_DEPRECATED: Dict[str, Type[CakeError]] = {
    "TimeoutError": CakeTimeoutError,
    "ConnectionError": CakeConnectionError,
}


def _deprecated(module: str, name: str) -> Type[CakeError]:
    """The class behind a deprecated name, with a DeprecationWarning (``module.__getattr__``)."""
    try:
        cls = _DEPRECATED[name]
    except KeyError:
        raise AttributeError(f"module {module!r} has no attribute {name!r}") from None
    warnings.warn(
        f"{module}.{name} is deprecated; use {module}.{cls.__name__} (the same class)",
        DeprecationWarning,
        stacklevel=3,
    )
    return cls


if TYPE_CHECKING:
    TimeoutError = CakeTimeoutError  # deprecated alias
    ConnectionError = CakeConnectionError  # deprecated alias
else:

    def __getattr__(name: str) -> Type[CakeError]:
        return _deprecated(__name__, name)


def _rebuild(cls: Type[CakeError], message: str, data: Mapping[str, Any]) -> CakeError:
    return cls(message, data)


def _from_core(data: Mapping[str, Any]) -> CakeError:
    """The exception for the core's ``Error.to_json()`` (called by the extension)."""
    cls = _BY_CODE.get(str(data.get("code")), CakeError)
    return cls(str(data.get("message", "")), data)


class CakeWarning(UserWarning):
    """A warning issue of a call that went ahead: about the request (payout above revenue, an
    expiry in the past, an unknown parameter) or about the server's answer (a value that
    could not be read, a report total that does not add up). ``issue`` holds it; ``field``
    and ``code`` are its field and stable code. The text is ``str(issue)``, "field: message
    (code)", so ``warnings.filterwarnings("ignore", ".*[(]negative_margin[)]", CakeWarning)``
    silences one code; ``-W error::cake_sdk.CakeWarning`` turns them all into errors."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue

    @property
    def field(self) -> str:
        return self.issue.field

    @property
    def code(self) -> str:
        return self.issue.code

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.issue,))


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _stacklevel() -> int:
    """The ``stacklevel`` that names the first caller outside this package (for a warning
    issued by the function calling this one), however deep in the SDK it is issued."""
    level = 1
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    return level


def _issue_warnings(issues: Iterable[Issue]) -> None:
    """Every warning of an answer, as a CakeWarning each, whatever its origin: the request's
    own (validation) or the reading of the server's answer. The one place warnings leave
    the SDK through the ``warnings`` module; every entry point calls it."""
    level = 0
    for issue in issues:
        level = level or _stacklevel()
        warnings.warn(CakeWarning(issue), stacklevel=level)
