"""Stand-ins for the names of ``typing`` the package needs at run time (``TYPE_CHECKING``, a
generic base, its type variable, ``overload``), so that ``import cake_sdk`` does not import
``typing``: with the ``re``, ``enum`` and ``contextlib`` it brings, it was 11 of the 23 ms the
import took (2026-12-08, fresh interpreters, -X importtime). Type checkers read typing's own
names: the modules import them under ``if TYPE_CHECKING:``, and these only where it is false."""

from __future__ import annotations

from types import GenericAlias

#: False at run time; mypy and pyright take any name ``TYPE_CHECKING`` as true.
TYPE_CHECKING = False


class Generic:
    """A base whose subclasses can be subscripted (``BulkResult[Offer]``), as typing's can."""

    __slots__ = ()

    def __class_getitem__(cls, item: object) -> GenericAlias:
        return GenericAlias(cls, item)


def TypeVar(name: str) -> str:  # noqa: N802 (typing's name)
    """Only ``Generic[T]`` reads it at run time."""
    return name


def overload(function: object) -> object:
    """The definition without ``@overload`` that follows replaces it, as at run time with typing's."""
    return function
