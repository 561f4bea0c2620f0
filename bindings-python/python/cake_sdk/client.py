"""The blocking client. Each call runs on the calling thread (its own runtime and connections)
and releases the GIL while it waits, so other threads run."""

from __future__ import annotations

from types import TracebackType

from ._base import BulkResult, _Base, _bulk_results, _own_names, _reply
from ._operations import _Operations
from ._progress import Progress
from .reply import Reply
from .report import ReportIterator
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Dict, Iterable, List, Mapping, Optional, Type

    from ._progress import OnProgress

__all__ = ["Client"]


class Client(_Operations, _Base):
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
        """Releases the connection pools (this thread's at once, other threads' at their next
        call or as they end); later calls raise CakeError."""
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

    def _bulk(
        self,
        operation: str,
        items: Iterable[Mapping[str, Any]],
        concurrency: int,
        progress: bool,
        on_progress: Optional[OnProgress],
        timeout: Optional[float],
        max_retries: Optional[int],
        deadline: Optional[float],
    ) -> List[BulkResult[Any]]:
        items = list(items)
        bar = Progress(operation, progress, on_progress)
        callback = bar.update if (progress or on_progress is not None) else None
        try:
            raw = self._live().bulk(operation, items, concurrency, callback, timeout, max_retries, deadline)
        finally:
            bar.close()
        return _bulk_results(operation, raw)

    def _report(
        self,
        params: Dict[str, Any],
        progress: bool,
        on_progress: Optional[OnProgress],
        timeout: Optional[float],
        max_retries: Optional[int],
        deadline: Optional[float],
        pages_ahead: Optional[int],
    ) -> ReportIterator:
        pager = self._live().report_pager(params, timeout, max_retries, deadline, pages_ahead)
        return ReportIterator(pager, Progress("sub_affiliate_report", progress, on_progress))


_own_names(Client, _Operations)
