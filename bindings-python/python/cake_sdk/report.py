"""The sub-affiliate report: one page (:class:`ReportPage`), every row page by page
(:class:`ReportIterator`, :class:`AsyncReportIterator`), and DataFrames with exact money."""

from __future__ import annotations

from types import TracebackType

from . import _core
from ._progress import Progress
from .errors import _issue_warnings
from ._schema import ReportTotals, SubAffiliateReportRow
from .records import Issue, Record, _camel, wrap, wrap_result
from .reply import CallInfo
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, AsyncIterator, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Type

    import pandas
    import polars

__all__ = ["ReportPage", "ReportIterator", "AsyncReportIterator", "rows_to_pandas", "rows_to_polars"]


class _Columns:
    """Rows gathered column by column, as DataFrames want them: the row model's columns,
    then any field a server added, in order of first appearance; each column holds one value
    per row (``None`` where a row lacks the field, as ``row.get`` answers)."""

    def __init__(self) -> None:
        self.kinds: Dict[str, str] = dict(_core.report_columns())
        self.values: Dict[str, List[Any]] = {name: [] for name in self.kinds}
        self.count = 0

    def _column(self, name: str) -> List[Any]:
        column = self.values.get(name)
        if column is None:
            column = self.values[name] = [None] * self.count
            self.kinds[name] = "other"
        return column

    def add_rows(self, rows: Iterable[Record]) -> None:
        """Rows already made into records."""
        for row in rows:
            for name in row.fields():
                self._column(name)
            self.count += 1
            for name, column in self.values.items():
                column.append(row.get(name))

    def add_page(self, columns: Sequence[Tuple[str, List[Any]]], count: int) -> None:
        """A page as the extension gives it column by column (``next_columns``): values
        converted as in records; a nested object in a field a server added becomes a record,
        as in a row's record."""
        for name, values in columns:
            column = self._column(name)
            if self.kinds[name] == "other":
                values = [wrap(v, _camel(name)) if isinstance(v, (dict, list)) else v for v in values]
            column.extend(values)
        self.count += count
        for column in self.values.values():
            if len(column) < self.count:
                column.extend([None] * (self.count - len(column)))

    def to_pandas(self) -> "pandas.DataFrame":
        import numpy as np
        import pandas as pd

        data: Dict[str, Any] = {}
        for name, kind in self.kinds.items():
            values = self.values[name]
            if kind == "int" and any(v is None for v in values):
                data[name] = pd.Series(values, dtype="Int64")
            elif kind == "int":
                # numpy reads a list of ints several times faster than pandas does
                data[name] = pd.Series(np.fromiter(values, dtype=np.int64, count=len(values)))
            else:
                data[name] = pd.Series(values, dtype=object)
        return pd.DataFrame(data)

    def to_polars(self) -> "polars.DataFrame":
        import polars as pl

        series = []
        for name, kind in self.kinds.items():
            values = self.values[name]
            if kind == "int":
                series.append(pl.Series(name, values, dtype=pl.Int64))
            elif kind == "money":
                series.append(pl.Series(name, values, dtype=pl.Decimal(38, 2)))
            elif kind == "text":
                series.append(pl.Series(name, values, dtype=pl.Utf8))
            else:
                series.append(pl.Series(name, values, strict=False))
        return pl.DataFrame(series)


def _of_rows(rows: Iterable[Record]) -> _Columns:
    columns = _Columns()
    columns.add_rows(rows)
    return columns


def rows_to_pandas(rows: Sequence[Record]) -> "pandas.DataFrame":
    """Rows as a pandas DataFrame: ids and counts int64, money an object column of exact
    ``Decimal``s (pandas has no exact decimal dtype), names as text. No rows still gives
    the columns."""
    return _of_rows(rows).to_pandas()


def rows_to_polars(rows: Sequence[Record]) -> "polars.DataFrame":
    """Rows as a polars DataFrame: ids and counts Int64, money ``Decimal(scale=2)`` (exact),
    names Utf8. No rows still gives the columns."""
    return _of_rows(rows).to_polars()


def _totals(rows: Sequence[Record]) -> ReportTotals:
    from .payout import report_totals

    return report_totals(rows)


class ReportPage:
    """One page of the report: ``rows`` (records), ``total_rows`` (when the server says),
    ``warnings`` of the request and ``info`` about the call."""

    def __init__(self, rows: List[SubAffiliateReportRow], total_rows: Optional[int], warnings: List[Issue], info: CallInfo) -> None:
        self.rows = rows
        self.total_rows = total_rows
        self.warnings = warnings
        self.info = info

    def __iter__(self) -> Iterator[SubAffiliateReportRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> SubAffiliateReportRow:
        return self.rows[index]

    def __repr__(self) -> str:
        return f"ReportPage(rows={len(self.rows)}, total_rows={self.total_rows})"

    def totals(self) -> ReportTotals:
        """Clicks, conversions, payout, conversion_rate and epc over this page (by the core)."""
        return _totals(self.rows)

    def to_pandas(self) -> "pandas.DataFrame":
        return rows_to_pandas(self.rows)

    def to_polars(self) -> "polars.DataFrame":
        return rows_to_polars(self.rows)


def _warnings(raw: Dict[str, Any]) -> List[Issue]:
    return [Issue.from_dict(i) for i in raw.get("warnings") or []]


def _page(raw: Dict[str, Any]) -> ReportPage:
    return ReportPage(
        wrap_result(raw.get("rows") or [], "sub_affiliate_report"),
        raw.get("total_rows"),
        _warnings(raw),
        CallInfo.from_dict(raw.get("meta") or {}),
    )


class _Rows:
    """What the sync and async report iterators share: the pager, the rows of the current page
    not yet handed out, the progress bookkeeping and the warnings after each fetch, and
    closing."""

    def __init__(self, pager: _core.CorePager, progress: Progress) -> None:
        self._pager = pager
        self._progress = progress
        self._buffer: List[SubAffiliateReportRow] = []
        self._finished = False
        #: The warnings of every page fetched so far, in order (each also issued as
        #: CakeWarning when its page arrives).
        self.warnings: List[Issue] = []

    @property
    def total_rows(self) -> Optional[int]:
        return self._pager.total_rows

    @property
    def rows_fetched(self) -> int:
        return self._pager.rows_fetched

    @property
    def closed(self) -> bool:
        """True after ``close()``, or once every row was handed out."""
        return self._finished

    def close(self) -> None:
        """Stops early: the pages being fetched ahead are stopped and no row comes out after
        (the iterator is exhausted). Rows already handed out stay as they are. Closing again
        does nothing. Never blocks."""
        self._finished = True
        self._buffer = []
        self._pager.close()
        self._progress.close()

    def _received(self, raw: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
        """Notes a fetched page (None: the report is exhausted or closed) in the progress and
        issues its warnings; every way of reading (rows, pages, lists, DataFrames) comes
        through here. A page that arrives after close() (from another thread) is dropped."""
        if raw is None or self._finished:
            self.close()
            return None
        self._progress.update(self._pager.rows_fetched, raw.get("total_rows"))
        if raw.get("warnings"):
            warnings = _warnings(raw)
            self.warnings.extend(warnings)
            _issue_warnings(warnings)
        return raw


class ReportIterator(_Rows):
    """Every row of the report, fetched a page at a time as you iterate (``for row in it``).
    ``pages()`` iterates pages instead; ``to_list()``, ``to_pandas()``, ``to_polars()`` and
    ``totals()`` take every remaining row. ``close()`` (or leaving ``with it:``) stops early.
    ``warnings`` lists the warnings of the pages fetched so far; each is also issued as
    ``CakeWarning`` when its page arrives."""

    def __enter__(self) -> "ReportIterator":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    def _fetch_raw(self, columns: bool) -> Optional[Dict[str, Any]]:
        if self._finished:
            return None
        try:
            raw = self._pager.next_columns() if columns else self._pager.next_page()
        except BaseException:
            self._progress.close()
            raise
        return self._received(raw)

    def _fetch(self) -> Optional[ReportPage]:
        raw = self._fetch_raw(columns=False)
        return None if raw is None else _page(raw)

    def _columns(self) -> _Columns:
        """Every remaining row, column by column: no record is made per row."""
        columns = _of_rows(self._buffer)
        self._buffer = []
        while (raw := self._fetch_raw(columns=True)) is not None:
            columns.add_page(raw["columns"], raw["count"])
        return columns

    def pages(self) -> Iterator[ReportPage]:
        if self._buffer:
            rows, self._buffer = self._buffer, []
            yield ReportPage(rows, self.total_rows, [], CallInfo.empty())
        while (page := self._fetch()) is not None:
            yield page

    def __iter__(self) -> "ReportIterator":
        return self

    def __next__(self) -> SubAffiliateReportRow:
        # One list throughout: close() from another thread swaps self._buffer, never empties it.
        buffer = self._buffer
        while not buffer:
            page = self._fetch()
            if page is None:
                raise StopIteration
            buffer = self._buffer = list(page.rows)
        return buffer.pop(0)

    def to_list(self) -> List[SubAffiliateReportRow]:
        return [row for page in self.pages() for row in page.rows]

    def to_pandas(self) -> "pandas.DataFrame":
        return self._columns().to_pandas()

    def to_polars(self) -> "polars.DataFrame":
        return self._columns().to_polars()

    def totals(self) -> ReportTotals:
        return _totals(self.to_list())


class AsyncReportIterator(_Rows):
    """The async twin of :class:`ReportIterator`: ``async for row in it``; ``pages()`` is an
    async iterator; ``to_list()``, ``to_pandas()``, ``to_polars()`` are awaitables.
    ``await it.aclose()`` (or leaving ``async with it:``) stops early; ``close()`` does the
    same without awaiting."""

    async def __aenter__(self) -> "AsyncReportIterator":
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    async def aclose(self) -> None:
        """``close()`` as async generators spell it (``contextlib.aclosing`` calls this)."""
        self.close()

    async def _fetch_raw(self, columns: bool) -> Optional[Dict[str, Any]]:
        if self._finished:
            return None
        try:
            raw = await (self._pager.next_columns_async() if columns else self._pager.next_page_async())
        except BaseException:
            self._progress.close()
            raise
        return self._received(raw)

    async def _fetch(self) -> Optional[ReportPage]:
        raw = await self._fetch_raw(columns=False)
        return None if raw is None else _page(raw)

    async def _columns(self) -> _Columns:
        """Every remaining row, column by column: no record is made per row."""
        columns = _of_rows(self._buffer)
        self._buffer = []
        while (raw := await self._fetch_raw(columns=True)) is not None:
            columns.add_page(raw["columns"], raw["count"])
        return columns

    async def pages(self) -> AsyncIterator[ReportPage]:
        if self._buffer:
            rows, self._buffer = self._buffer, []
            yield ReportPage(rows, self.total_rows, [], CallInfo.empty())
        while (page := await self._fetch()) is not None:
            yield page

    def __aiter__(self) -> "AsyncReportIterator":
        return self

    async def __anext__(self) -> SubAffiliateReportRow:
        buffer = self._buffer  # as in ReportIterator.__next__
        while not buffer:
            page = await self._fetch()
            if page is None:
                raise StopAsyncIteration
            buffer = self._buffer = list(page.rows)
        return buffer.pop(0)

    async def to_list(self) -> List[SubAffiliateReportRow]:
        return [row async for page in self.pages() for row in page.rows]

    async def to_pandas(self) -> "pandas.DataFrame":
        return (await self._columns()).to_pandas()

    async def to_polars(self) -> "polars.DataFrame":
        return (await self._columns()).to_polars()

    async def totals(self) -> ReportTotals:
        return _totals(await self.to_list())

