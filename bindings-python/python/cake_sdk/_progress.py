"""Progress for long work (bulk, report iteration): tqdm on stderr when it is installed,
else one plain line rewritten in place; plus the caller's ``on_progress(done, total)``."""

from __future__ import annotations

import sys

from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Callable, Optional

    OnProgress = Callable[[int, Optional[int]], Any]


class Progress:
    def __init__(self, label: str, show: bool, callback: Optional[OnProgress]) -> None:
        self._label = label
        self._callback = callback
        self._bar: Any = None
        self._plain = False
        self._last: Optional[str] = None
        if show:
            try:
                from tqdm.auto import tqdm

                self._bar = tqdm(desc=label, unit="item", file=sys.stderr, leave=True)
            except ImportError:
                self._plain = True

    def update(self, done: int, total: Optional[int]) -> None:
        if self._bar is not None:
            if total is not None and self._bar.total != total:
                self._bar.total = total
            self._bar.n = done
            self._bar.refresh()
        elif self._plain:
            line = f"\r{self._label}: {done}/{total if total is not None else '?'}"
            if line != self._last:
                sys.stderr.write(line)
                sys.stderr.flush()
                self._last = line
        if self._callback is not None:
            self._callback(done, total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self._plain and self._last is not None:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._plain = False
