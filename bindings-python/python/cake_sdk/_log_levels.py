"""Tells the extension when ``logging`` levels may have changed, so that it can drop the
core's log records below the "cake_sdk" logger's level without taking the GIL.

``logging`` caches each logger's answers to ``isEnabledFor`` and clears every cache, the root
logger's last, whenever a level can change (``setLevel`` on any logger, ``logging.disable``,
``dictConfig``). The root logger's cache becomes a dict that also tells the extension; the
extension then reads the levels again on its next record (or call). A Python without that
cache keeps the old behaviour: every record asks ``logging``."""

from __future__ import annotations

import logging

from . import _core
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


class _LevelCache(dict):  # type: ignore[type-arg]
    """``Logger._cache`` of the root logger: a dict whose ``clear()`` also tells the
    extension that the levels it knows may be stale."""

    __slots__ = ()

    def clear(self) -> None:
        _core.log_levels_changed()
        super().clear()


def install() -> bool:
    """Hooks the root logger's cache (once); whether the hook is in place."""
    root: Any = logging.getLogger()
    cache = getattr(root, "_cache", None)
    if isinstance(cache, _LevelCache):
        return True
    if type(cache) is not dict:
        return False
    root._cache = _LevelCache(cache)
    _core.log_levels_hooked()
    return True
