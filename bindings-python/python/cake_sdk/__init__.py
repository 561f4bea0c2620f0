"""cake_sdk: a client for CAKE's affiliate JSON API (``/api/2``).

    from cake_sdk import Client
    with Client(base_url="https://demo.cakemarketing.com", api_key="...") as cake:
        offer = cake.create_offer(offer_name="Summer", advertiser_id=1, vertical_id=2,
                                  offer_url="https://example.com/?s={sub_id}", payout="24.00")
        print(offer.offer_id, offer.payout)   # 12345 Decimal('24.00')

``AsyncClient`` is the asyncio twin. Money is ``decimal.Decimal`` end to end; validation,
arithmetic, retries and error classification come from the Rust core shared by every
language of the SDK. Logs go to the ``logging`` logger "cake_sdk" (the key never appears).
"""

from ._core import __version__
from .client import Client
from ._base import BulkResult
from .errors import (
    ApiError,
    CakeConnectionError,
    CakeError,
    CakeTimeoutError,
    CakeWarning,
    DecodeError,
    HttpStatusError,
    RateLimitError,
    UnknownOutcomeError,
    ValidationError,
    _deprecated,
)
from .payout import (
    earnings,
    effective_payout,
    margin,
    margin_percent,
    report_metrics,
    report_totals,
    split,
    sub_affiliate_payout,
)
from . import _schema
from ._schema import *  # noqa: F401,F403 (the generated result classes: Offer, Affiliate, ...)
from .records import Issue, Record
from .reply import CallInfo, Reply
from .report import AsyncReportIterator, ReportIterator, ReportPage
from .validation import OPERATIONS, validate
from ._typing import TYPE_CHECKING

# Imported when first used (PEP 562), not with the package: AsyncClient (and its module
# ``cake_sdk.aio``) brings in asyncio, the generated types of what goes in (CreateOfferParams,
# OfferStatus, Money, ...: ``_types``) bring in typing, and ``logging`` waits for the first
# client (_base.py), so that ``import cake_sdk`` stays cheap.
_LAZY = ("AsyncClient", "aio")

if TYPE_CHECKING:
    from ._types import *  # noqa: F401,F403
    from .aio import AsyncClient

    TimeoutError = CakeTimeoutError  # deprecated alias
    ConnectionError = CakeConnectionError  # deprecated alias
else:

    def __getattr__(name: str) -> object:
        """``cake_sdk.AsyncClient`` (and ``cake_sdk.aio``) and the names of ``_types``,
        imported on first use; ``cake_sdk.TimeoutError`` and ``cake_sdk.ConnectionError``: the
        old names of CakeTimeoutError and CakeConnectionError, with a DeprecationWarning."""
        if name in _LAZY:
            from .aio import AsyncClient  # also sets the package's ``aio``

            globals()["AsyncClient"] = AsyncClient  # later lookups do not come here
            return globals()[name]
        if name in _schema.TYPE_NAMES:
            from . import _types

            globals().update((n, getattr(_types, n)) for n in _schema.TYPE_NAMES)
            return globals()[name]
        return _deprecated(__name__, name)

    def __dir__() -> "list[str]":
        return sorted({*globals(), *_LAZY, *_schema.TYPE_NAMES})

__all__ = [
    "__version__",
    "Client",
    "AsyncClient",
    "BulkResult",
    "Reply",
    "CallInfo",
    "Record",
    "Issue",
    "ReportPage",
    "ReportIterator",
    "AsyncReportIterator",
    "validate",
    "OPERATIONS",
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
    "sub_affiliate_payout",
    "effective_payout",
    "margin",
    "margin_percent",
    "earnings",
    "report_metrics",
    "report_totals",
    "split",
    *_schema.__all__,
    *_schema.TYPE_NAMES,
]
