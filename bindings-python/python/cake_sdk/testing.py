"""Test helpers: :class:`MockServer` runs the Rust CAKE mock in this process, on 127.0.0.1
and a free port, with state, a request log and fault injection.

    from cake_sdk.testing import MockServer
    with MockServer() as mock:
        client = Client(base_url=mock.url, api_key=mock.api_key)
        mock.add_fault("create_offer", "error_503", times=1, retry_after="0")

With pytest installed, the ``cake_mock`` fixture is there in every test (cake-sdk registers
this module as a pytest plugin): a fresh mock per test::

    def test_onboarding(cake_mock):
        client = Client(**cake_mock.client_kwargs())
        ...
"""

from __future__ import annotations

from types import TracebackType

from . import _core
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Type, Union

__all__ = ["MockServer", "FAULT_KINDS", "cake_mock"]

#: What a fault rule can do, as the mock itself lists it: delay, rate_limit (429 +
#: Retry-After), error_500, error_503, html (502 page), reset_before (not applied),
#: reset_after (applied, no answer), malformed (applied, truncated JSON), restricted (CAKE's
#: 200 Failure "Restricted"; not applied), report_shape (report pages capped at ``row_cap``
#: rows, ``total_rows`` left out or misstated) and endless_body (a 200 that never ends).
FAULT_KINDS: Tuple[str, ...] = tuple(_core.fault_kinds())


class MockServer:
    """The in-memory CAKE mock. ``url`` and ``api_key`` are what a client needs; it stops
    on ``stop()``, at the end of a ``with`` block, or when garbage collected."""

    def __init__(self, *, api_key: Optional[str] = None, seed: Optional[int] = None, port: int = 0) -> None:
        self._mock = _core.CoreMock(api_key, seed, port)

    @property
    def url(self) -> str:
        return self._mock.url

    @property
    def api_key(self) -> str:
        return self._mock.api_key

    def client_kwargs(self) -> Dict[str, str]:
        """``Client(**mock.client_kwargs())``."""
        return {"base_url": self.url, "api_key": self.api_key}

    def add_fault(
        self,
        operation: str = "*",
        kind: str = "error_500",
        *,
        times: Optional[int] = None,
        probability: Optional[float] = None,
        seed: Optional[int] = None,
        delay_ms: Optional[int] = None,
        retry_after: Optional[str] = None,
        row_cap: Optional[int] = None,
        total_rows: Union[int, str, None] = None,
        broken_every: Optional[int] = None,
        in_errors: bool = False,
    ) -> None:
        """Breaks the next ``times`` calls of ``operation`` ("*" for all), or each with
        ``probability`` (seeded), or every call. See FAULT_KINDS. ``report_shape`` takes
        ``row_cap`` (the most rows a page holds) and/or ``total_rows`` ("omit" to leave it
        out, or a number to announce instead of the true one) and/or ``broken_every`` (every
        n-th row of the report sent as a string, not an object); ``restricted`` with
        ``in_errors=True`` says "Restricted" in ``errors`` (older CAKE) rather than
        ``message``. A rule the mock cannot use raises ValueError."""
        rule: Dict[str, Any] = {"operation": operation, "kind": kind}
        for name, value in (("times", times), ("probability", probability), ("seed", seed),
                            ("delay_ms", delay_ms), ("retry_after", retry_after),
                            ("row_cap", row_cap), ("total_rows", total_rows),
                            ("broken_every", broken_every), ("in_errors", in_errors or None)):
            if value is not None:
                rule[name] = value
        self._mock.add_fault(rule)

    def clear_faults(self) -> None:
        self._mock.clear_faults()

    def fault_stats(self) -> List[Dict[str, Any]]:
        """Each rule with ``fired``, how many calls it broke."""
        return self._mock.fault_stats()  # type: ignore[no-any-return]

    def requests(self) -> List[Dict[str, Any]]:
        """Every API request received: operation, method, path, query, body (key masked),
        fault, applied."""
        return self._mock.requests()  # type: ignore[no-any-return]

    def state(self) -> Dict[str, Any]:
        """Every entity the mock holds (affiliates, offers, sub_affiliates, affiliate_offers)."""
        return self._mock.state()  # type: ignore[no-any-return]

    def seed(self, data: Mapping[str, Any]) -> Dict[str, Any]:
        """Creates entities in one go, validated like the API, all or nothing:
        ``{"affiliates": [...], "offers": [...], "sub_affiliates": [...],
        "affiliate_offers": [{"affiliate_id", "offer_id", "payout"}]}``. A seeded
        sub-affiliate may carry ``"sub_affiliate_status": "inactive"`` (the API creates
        them active)."""
        return self._mock.seed(data)  # type: ignore[no-any-return]

    def reset(self) -> None:
        """Forgets every entity, request and fault."""
        self._mock.reset()

    def stop(self) -> None:
        self._mock.stop()

    def __enter__(self) -> "MockServer":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"MockServer(url={self.url!r})"


def _fixture() -> Iterator[MockServer]:
    with MockServer() as mock:
        yield mock


try:
    import pytest
except ImportError:  # pragma: no cover - pytest is optional
    cake_mock = _fixture
else:
    #: pytest fixture: a MockServer of its own for each test, stopped afterwards.
    cake_mock = pytest.fixture(name="cake_mock")(_fixture)
