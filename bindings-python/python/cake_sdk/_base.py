"""What the sync and async clients share: configuration, pickling, and turning the
extension's answers into records, replies and bulk results."""

from __future__ import annotations

from ._core import CoreClient
from .errors import CakeError, _from_core, _issue_warnings
from .records import Issue, Record, wrap_result
from .reply import CallInfo, Reply
from .report import ReportPage
from .validation import validate
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Generic, List, Mapping, Optional, Sequence, Tuple, TypeVar

    _C = TypeVar("_C", bound="_Base")
else:
    from ._typing import Generic, TypeVar

T = TypeVar("T")


def _reply(operation: str, raw: Mapping[str, Any]) -> Reply[Any]:
    """The extension's ``{value, warnings, meta}`` as a Reply; its warnings are also issued
    as CakeWarning (``call()`` comes through here, the operation methods through ``_value``)."""
    warnings = raw.get("warnings")
    issues = [Issue.from_dict(i) for i in warnings] if warnings else []
    _issue_warnings(issues)
    meta = raw.get("meta") or {}
    value = raw.get("value")
    result: Any
    if operation == "sub_affiliate_report" and isinstance(value, dict):
        info = CallInfo.from_dict(meta)
        result = ReportPage(wrap_result(value.get("rows") or [], operation), value.get("total_rows"), issues, info)
        return Reply(result, issues, info)
    return Reply._of(wrap_result(value, operation), issues, meta)


def _value(operation: str, raw: Mapping[str, Any]) -> Any:
    """What an operation method gives: ``_reply(...).value`` without the Reply, its warnings
    issued the same way (with the extension awaited directly, one object and one coroutine
    less per call: the SDK's Python per async read 2.9-3.2 -> 2.3-2.55 us, measured with the
    answer ready)."""
    if operation == "sub_affiliate_report":
        # A page keeps its warnings and its call's info: built as call() builds it.
        return _reply(operation, raw).value
    warnings = raw.get("warnings")
    if warnings:
        _issue_warnings([Issue.from_dict(i) for i in warnings])
    return wrap_result(raw.get("value"), operation)


class BulkResult(Generic[T]):
    """The outcome of one bulk item, in input order. ``status`` is "ok" (``result`` holds
    the record), "invalid" (not sent; ``issues``), "failed" (known not applied; ``error``)
    or "unknown_outcome" (may have been applied, not repeated; ``error``)."""

    __slots__ = ("index", "status", "result", "issues", "error", "warnings", "attempts")

    def __init__(self, index: int, raw: Mapping[str, Any], operation: str) -> None:
        # Every lookup once and no comprehension over an empty list: a bulk builds one per
        # item on the event loop's thread, after the last answer.
        get = raw.get
        result = get("result")
        issues = get("issues")
        error = get("error")
        warnings = get("warnings")
        self.index = index
        self.status: str = str(get("status"))
        self.result: Optional[T] = None if result is None else wrap_result(result, operation)
        self.issues: List[Issue] = [Issue.from_dict(i) for i in issues] if issues else []
        self.error: Optional[CakeError] = _from_core(error) if error else None
        self.warnings: List[Issue] = [Issue.from_dict(i) for i in warnings] if warnings else []
        self.attempts: int = int(get("attempts") or (self.error.attempts if self.error else 0))

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def __repr__(self) -> str:
        detail: object = self.result if self.ok else (self.issues or self.error)
        return f"BulkResult(index={self.index}, status={self.status!r}, {detail!r})"


def _bulk_results(operation: str, raw: Sequence[Mapping[str, Any]]) -> List[BulkResult[Any]]:
    """One BulkResult per item; the warnings of every item are also issued as CakeWarning,
    in input order."""
    results: List[BulkResult[Any]] = [BulkResult(i, item, operation) for i, item in enumerate(raw)]
    _issue_warnings([w for result in results if result.warnings for w in result.warnings])
    return results


def _own_names(client: type, operations: type) -> None:
    """The generated operation methods read as the client's own in tracebacks and in the
    TypeError of a missing argument ("Client.create_offer() missing ...")."""
    for name, value in vars(operations).items():
        function = getattr(value, "__func__", value)
        if callable(function) and hasattr(function, "__qualname__") and not name.startswith("__"):
            function.__qualname__ = f"{client.__name__}.{name}"


_logging_hooked = False


def _hook_logging() -> None:
    """Lets the extension follow ``logging``'s levels (``_log_levels``), once: done with the
    first client rather than on import, which then need not import ``logging``."""
    global _logging_hooked
    if not _logging_hooked:
        from ._log_levels import install

        install()
        _logging_hooked = True


class _Base:
    # A class default, so that an instance whose __init__ raised (bad settings) still has a
    # repr: error reporters repr every local, and must not fail on this one.
    _core: Optional[CoreClient] = None

    def validate(self, operation: str, params: Mapping[str, Any]) -> List[Issue]:
        """Every issue of ``params`` for ``operation``, without sending anything."""
        return validate(operation, params)

    def __init__(
        self,
        *,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
        user_agent: Optional[str] = None,
        allow_insecure_http: bool = False,
        max_response_bytes: Optional[int] = None,
        requests_per_second: Optional[float] = None,
    ) -> None:
        """``base_url`` and ``api_key`` default to ``CAKE_BASE_URL`` / ``CAKE_API_KEY``.
        ``timeout`` (per attempt) and ``deadline`` (whole call, retries included) are in
        seconds; ``max_retries`` counts retries after the first attempt. A plain ``http://``
        ``base_url`` is refused beyond loopback (the key would cross the network in clear)
        unless ``allow_insecure_http=True``. ``max_response_bytes`` (default 64 MiB) bounds
        the answers read: a longer one fails as DecodeError, naming the limit, without being
        buffered. ``requests_per_second`` (above 0, at most 1,000,000; default none) is a
        budget of attempts, retries included, shared by this client and every call on it: each
        attempt waits for the next slot of an evenly spaced schedule (a call that would wait
        past its ``deadline`` raises CakeTimeoutError and is not sent). Bad settings raise
        ValidationError naming each one. Every setting travels with a pickled client."""
        _hook_logging()
        self._core = CoreClient(
            base_url,
            api_key,
            timeout,
            max_retries,
            deadline,
            user_agent,
            allow_insecure_http,
            max_response_bytes,
            requests_per_second,
        )

    @classmethod
    def _from_core(cls, core: CoreClient) -> Any:
        _hook_logging()
        client = cls.__new__(cls)
        client._core = core
        return client

    def __reduce__(self) -> Tuple[Any, ...]:
        # The configuration travels (key included: the worker calls CAKE with it).
        return (type(self)._from_core, (self._live(),))

    def _live(self) -> CoreClient:
        if self._core is None:
            raise CakeError("this client is closed")
        return self._core

    @property
    def base_url(self) -> str:
        return str(self._live().base_url)

    @property
    def timeout(self) -> float:
        """Seconds one attempt may take."""
        return float(self._live().settings[0])

    @property
    def max_retries(self) -> int:
        return int(self._live().settings[1])

    @property
    def deadline(self) -> float:
        """Seconds a whole call may take, retries and waits included."""
        return float(self._live().settings[2])

    @property
    def max_response_bytes(self) -> int:
        """The largest answer read, in bytes."""
        return int(self._live().settings[3])

    @property
    def requests_per_second(self) -> Optional[float]:
        """The client's budget of attempts a second (None: no budget)."""
        return self._live().requests_per_second

    def with_rate_share(self: _C, workers: int) -> _C:
        """A new client of the same class for one of ``workers`` processes sharing this
        client's ``requests_per_second`` budget: the same settings with ``1/workers`` of the
        budget, on a schedule of its own (without a budget: the same settings). For handing
        one client to each of n workers (Dask, multiprocessing) so that together they keep to
        the budget without talking to each other: ``client.with_rate_share(n)``, pickled to
        each worker, or each worker calling it on the client it received. ``workers`` is a
        whole number of at least 1; anything else raises ValueError (TypeError if not an
        int)."""
        if isinstance(workers, bool):
            raise TypeError("with_rate_share takes a whole number of workers, not a bool")
        client: _C = type(self)._from_core(self._live().with_rate_share(workers))
        return client

    @property
    def closed(self) -> bool:
        return self._core is None

    def __repr__(self) -> str:
        if self._core is None:
            return f"<{type(self).__name__} closed>"
        return f"{type(self).__name__}(base_url={self._core.base_url!r})"
