"""The blocking client. Each call releases the GIL while it waits, so other threads run."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Iterable, List, Mapping, Optional, Type

from ._base import BulkResult, DateIn, DateTimeIn, Money, _Base, _bulk_results, _given, _reply
from ._progress import OnProgress, Progress
from .records import Issue, Record
from .reply import Reply
from .report import ReportIterator, ReportPage
from .validation import validate

__all__ = ["Client"]


class Client(_Base):
    """A blocking CAKE client: ``with Client(base_url=..., api_key=...) as cake: ...``.

    One method per operation with the reference's parameter names as keywords, plus
    ``call()``, ``iter_sub_affiliate_report()`` and ``bulk()``. Every method takes
    ``timeout``, ``max_retries`` and ``deadline`` (seconds) to override the client's.
    Results are records with Decimal money; every method issues the warnings of its
    request and of the server's answer as ``CakeWarning``; errors raise subclasses of
    ``CakeError``."""

    def __enter__(self) -> "Client":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def close(self) -> None:
        """Releases the connection pool; later calls raise CakeError."""
        self._core = None

    def _send(
        self,
        operation: str,
        params: Mapping[str, Any],
        timeout: Optional[float],
        max_retries: Optional[int],
        deadline: Optional[float],
    ) -> Reply[Any]:
        raw = self._live().call(operation, params, timeout, max_retries, deadline)
        return _reply(operation, raw)

    def call(
        self,
        operation: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Reply[Any]:
        """Any operation by id with a mapping of parameters; the result with its warnings
        (also issued as CakeWarning) and how the call went (``reply.info``)."""
        return self._send(operation, {} if params is None else params, timeout, max_retries, deadline)

    def validate(self, operation: str, params: Mapping[str, Any]) -> List[Issue]:
        """Every issue of ``params`` for ``operation``, without sending anything."""
        return validate(operation, params)

    def bulk(
        self,
        operation: str,
        items: Iterable[Mapping[str, Any]],
        *,
        concurrency: int = 8,
        progress: bool = False,
        on_progress: Optional[OnProgress] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> List[BulkResult]:
        """Runs a create or update for every item, ``concurrency`` at a time: one
        BulkResult per item, in input order. Invalid items are reported, not sent; a write
        whose outcome is unknown is reported, not repeated. Each item's warnings are in its
        ``warnings`` and issued as CakeWarning."""
        items = list(items)
        bar = Progress(operation, progress, on_progress)
        callback = bar.update if (progress or on_progress is not None) else None
        try:
            raw = self._live().bulk(operation, items, concurrency, callback, timeout, max_retries, deadline)
        finally:
            bar.close()
        return _bulk_results(operation, raw)

    def create_affiliate(
        self,
        *,
        affiliate_name: Optional[str] = None,
        account_manager_id: Optional[int] = None,
        affiliate_status: Optional[str] = None,
        website: Optional[str] = None,
        payment_type_id: Optional[int] = None,
        billing_cycle_id: Optional[int] = None,
        minimum_payment_threshold: Optional[Money] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Record:
        """Creates an affiliate (POST /api/2/affiliate.json). Returns the Affiliate.

        Every argument is checked by the core first; an invalid request raises
        ValidationError with all its issues and is not sent."""
        reply = self._send("create_affiliate", _given(locals()), timeout, max_retries, deadline)
        return reply.value  # type: ignore[no-any-return]

    def update_affiliate(
        self,
        *,
        affiliate_id: Optional[int] = None,
        affiliate_name: Optional[str] = None,
        affiliate_status: Optional[str] = None,
        account_manager_id: Optional[int] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Record:
        """Updates an affiliate; only the fields given are sent. Returns the Affiliate.

        Every argument is checked by the core first; an invalid request raises
        ValidationError with all its issues and is not sent."""
        reply = self._send("update_affiliate", _given(locals()), timeout, max_retries, deadline)
        return reply.value  # type: ignore[no-any-return]

    def get_affiliate_offer(
        self,
        *,
        affiliate_id: Optional[int] = None,
        offer_id: Optional[int] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Record:
        """An affiliate's payout on an offer (its override, else the offer's payout). Returns the AffiliateOffer.

        Every argument is checked by the core first; an invalid request raises
        ValidationError with all its issues and is not sent."""
        reply = self._send("get_affiliate_offer", _given(locals()), timeout, max_retries, deadline)
        return reply.value  # type: ignore[no-any-return]

    def create_offer(
        self,
        *,
        offer_name: Optional[str] = None,
        advertiser_id: Optional[int] = None,
        vertical_id: Optional[int] = None,
        offer_url: Optional[str] = None,
        preview_url: Optional[str] = None,
        offer_status: Optional[str] = None,
        payout: Optional[Money] = None,
        payout_type: Optional[str] = None,
        revenue: Optional[Money] = None,
        revenue_type: Optional[str] = None,
        currency_id: Optional[int] = None,
        session_hours: Optional[int] = None,
        expiration_date: Optional[DateTimeIn] = None,
        offer_description: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Record:
        """Creates an offer (POST /api/2/offer.json). Returns the Offer.

        Every argument is checked by the core first; an invalid request raises
        ValidationError with all its issues and is not sent."""
        reply = self._send("create_offer", _given(locals()), timeout, max_retries, deadline)
        return reply.value  # type: ignore[no-any-return]

    def update_offer(
        self,
        *,
        offer_id: Optional[int] = None,
        offer_name: Optional[str] = None,
        offer_status: Optional[str] = None,
        payout: Optional[Money] = None,
        revenue: Optional[Money] = None,
        expiration_date: Optional[DateTimeIn] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Record:
        """Updates an offer; only the fields given are sent. Returns the Offer.

        Every argument is checked by the core first; an invalid request raises
        ValidationError with all its issues and is not sent."""
        reply = self._send("update_offer", _given(locals()), timeout, max_retries, deadline)
        return reply.value  # type: ignore[no-any-return]

    def list_sub_affiliates(
        self,
        *,
        sub_affiliate_id: Optional[int] = None,
        affiliate_id: Optional[int] = None,
        sub_affiliate_status: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> List[Record]:
        """Lists sub-affiliates, filtered by the arguments given. Returns SubAffiliate records.

        Every argument is checked by the core first; an invalid request raises
        ValidationError with all its issues and is not sent."""
        reply = self._send("list_sub_affiliates", _given(locals()), timeout, max_retries, deadline)
        return reply.value  # type: ignore[no-any-return]

    def create_sub_affiliate(
        self,
        *,
        affiliate_id: Optional[int] = None,
        sub_affiliate_name: Optional[str] = None,
        payout: Optional[Money] = None,
        payout_type: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Record:
        """Creates a sub-affiliate under an affiliate (payout cpa or percent). Returns the SubAffiliate.

        Every argument is checked by the core first; an invalid request raises
        ValidationError with all its issues and is not sent."""
        reply = self._send("create_sub_affiliate", _given(locals()), timeout, max_retries, deadline)
        return reply.value  # type: ignore[no-any-return]

    def sub_affiliate_report(
        self,
        *,
        start_date: Optional[DateIn] = None,
        end_date: Optional[DateIn] = None,
        affiliate_id: Optional[int] = None,
        sub_affiliate_id: Optional[int] = None,
        offer_id: Optional[int] = None,
        start_at_row: Optional[int] = None,
        row_limit: Optional[int] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> ReportPage:
        """One page of the sub-affiliate report (``row_limit`` rows from ``start_at_row``). Returns a ReportPage.

        Every argument is checked by the core first; an invalid request raises
        ValidationError with all its issues and is not sent."""
        reply = self._send("sub_affiliate_report", _given(locals()), timeout, max_retries, deadline)
        return reply.value  # type: ignore[no-any-return]

    def iter_sub_affiliate_report(
        self,
        *,
        start_date: Optional[DateIn] = None,
        end_date: Optional[DateIn] = None,
        affiliate_id: Optional[int] = None,
        sub_affiliate_id: Optional[int] = None,
        offer_id: Optional[int] = None,
        start_at_row: Optional[int] = None,
        row_limit: Optional[int] = None,
        progress: bool = False,
        on_progress: Optional[OnProgress] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
        pages_ahead: Optional[int] = None,
    ) -> ReportIterator:
        """Every row of the report, page by page as you iterate (``for row in ...``).

        ``row_limit`` is the page size (at most 500). Once the first page gives the total,
        up to ``pages_ahead`` pages (0 to 16, default 4) are fetched while you read; 0 fetches
        each page when it is needed. ``progress=True`` shows progress on
        stderr; ``on_progress(rows_done, total_rows)`` follows along. Invalid arguments
        raise ValidationError here, before anything is sent. ``with ... as rows:`` or
        ``rows.close()`` stops early, the pages ahead included."""
        params = _given(locals())
        pager = self._live().report_pager(params, timeout, max_retries, deadline, pages_ahead)
        return ReportIterator(pager, Progress("sub_affiliate_report", progress, on_progress))
