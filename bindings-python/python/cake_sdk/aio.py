"""The asyncio client: every call returns an awaitable, run on the SDK's tokio runtime."""

from __future__ import annotations

import asyncio
from types import TracebackType

from ._base import BulkResult, _Base, _bulk_results, _own_names, _reply
from ._operations import _AsyncOperations
from ._progress import Progress
from .reply import Reply
from .report import AsyncReportIterator
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Dict, Iterable, List, Mapping, Optional, Type

    from ._progress import OnProgress

__all__ = ["AsyncClient"]


class AsyncClient(_AsyncOperations, _Base):
    """An asyncio CAKE client: ``async with AsyncClient(...) as cake: await cake.create_offer(...)``.

    One method per operation with the reference's parameter names as keywords, plus
    ``call()``, ``iter_sub_affiliate_report()`` and ``bulk()``. Every method takes
    ``timeout``, ``max_retries`` and ``deadline`` (seconds) to override the client's.
    Results are records with Decimal money; every method issues the warnings of its
    request and of the server's answer as ``CakeWarning``; errors raise subclasses of
    ``CakeError``."""

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    async def aclose(self) -> None:
        """``close()`` for code that awaits its cleanups."""
        self.close()

    def __enter__(self) -> "AsyncClient":
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

    async def _send(
        self,
        operation: str,
        params: Mapping[str, Any],
        timeout: Optional[float],
        max_retries: Optional[int],
        deadline: Optional[float],
    ) -> Reply[Any]:
        raw = await self._live().call_async(operation, params, timeout, max_retries, deadline)
        return _reply(operation, raw)

    async def _bulk(
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
        loop = asyncio.get_running_loop()
        wanted = progress or on_progress is not None

        # Progress arrives on a runtime thread; the caller's callback runs on its own loop.
        def callback(done: int, total: int) -> None:
            loop.call_soon_threadsafe(bar.update, done, total)

        try:
            raw = await self._live().bulk_async(
                operation, items, concurrency, callback if wanted else None, timeout, max_retries, deadline
            )
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
    ) -> AsyncReportIterator:
        pager = self._live().report_pager(params, timeout, max_retries, deadline, pages_ahead)
        return AsyncReportIterator(pager, Progress("sub_affiliate_report", progress, on_progress))


_own_names(AsyncClient, _AsyncOperations)
