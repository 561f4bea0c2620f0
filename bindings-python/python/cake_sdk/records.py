"""Result objects: :class:`Record` (attribute access by the reference's field names,
unknown server fields kept), the base of the typed result classes generated from core's
description of the API (``_schema.py``: ``Offer``, ``Affiliate``, ...), and :class:`Issue`.

The extension has already turned money into ``Decimal`` and datetimes into ``datetime``;
this module only gives dicts attribute access."""

from __future__ import annotations

from collections import namedtuple

from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Dict, FrozenSet, Iterable, Iterator, List, Mapping, NamedTuple, Tuple, Type

    from ._types import IssueCode

    class _Issue(NamedTuple):
        field: str
        code: IssueCode
        message: str
        severity: str

else:
    _Issue = namedtuple("Issue", ("field", "code", "message", "severity"))


class Issue(_Issue):
    """One problem found in a request. ``field`` is the parameter name ("" for the request
    as a whole), ``code`` a stable snake_case id, ``severity`` "error" or "warning"."""

    __slots__ = ()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{where}{self.message} ({self.code})"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Issue":
        code: Any = str(data.get("code", ""))  # an IssueCode, or one this SDK does not know yet
        return cls(
            str(data.get("field", "")),
            code,
            str(data.get("message", "")),
            str(data.get("severity", "error")),
        )


class Record:
    """A result from CAKE: ``offer.offer_id``, ``affiliate.account_manager.name``,
    ``record["payout"]``, ``record.to_dict()``. Money fields are ``Decimal``, datetimes
    ``datetime``, dates ``date``; fields the SDK does not know yet are kept as given. A field
    the reference defines but the server left out reads as ``None``."""

    __slots__ = ("_kind", "_fields", "_known")

    # A typed result class (generated) names itself, its fields and its nested classes.
    _KIND = "Record"
    _KNOWN: FrozenSet[str] = frozenset()
    _NESTED: Dict[str, Type["Record"]] = {}

    _kind: str
    _fields: Dict[str, Any]
    _known: FrozenSet[str]

    def __init__(self, kind: str, fields: Mapping[str, Any], known: Iterable[str] = ()) -> None:
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_fields", dict(fields))
        object.__setattr__(self, "_known", frozenset(known))

    # Hidden from type checkers: on a typed result they know every field (a misspelled one
    # is an error there); a field a server added is read with ``record["name"]``.
    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            try:
                return self._fields[name]
            except KeyError:
                if name in self._known:
                    return None
                raise AttributeError(f"{self._kind} has no field {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self._kind} is read-only")

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __iter__(self) -> Iterator[Tuple[str, Any]]:
        """(field, value) pairs, so ``dict(record)`` works."""
        return iter(self._fields.items())

    def get(self, name: str, default: Any = None) -> Any:
        return self._fields.get(name, default)

    def is_set(self, name: str) -> bool:
        """Whether the server sent `name` (a known field it left out reads as ``None``)."""
        return name in self._fields

    def fields(self) -> List[str]:
        """The field names, in the order the server sent them."""
        return list(self._fields)

    def to_dict(self) -> Dict[str, Any]:
        """A plain dict (nested records too), values as they are (Decimal, datetime)."""
        return {k: _plain(v) for k, v in self._fields.items()}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self._kind == other._kind and self._fields == other._fields

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields.items())
        return f"{self._kind}({inner})"

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._fields))

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_rebuild, (self._kind, self._fields, tuple(sorted(self._known))))


def _rebuild(kind: str, fields: Dict[str, Any], known: Tuple[str, ...]) -> Record:
    """Unpickles a record as the class its kind names (a typed result), else a Record."""
    cls = MODELS.get(kind)
    if cls is not None:
        return _record(cls, cls._KIND, fields, cls._KNOWN)
    return Record(kind, fields, known)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# Record names of nested objects by field name, made once per name (server field names are
# few; the bound only guards against a server inventing endless ones).
_CAMEL: Dict[str, str] = {}


def _camel(name: str) -> str:
    camel = _CAMEL.get(name)
    if camel is None:
        camel = "".join(part[:1].upper() + part[1:] for part in name.split("_")) or "Record"
        if len(_CAMEL) < 4096:
            _CAMEL[name] = camel
    return camel


def _record(cls: Type[Record], kind: str, fields: Dict[str, Any], known: FrozenSet[str]) -> Record:
    """A record owning ``fields`` (a dict made for it, so not copied again)."""
    record = _new(cls)
    _set_kind(record, kind)
    _set_fields(record, fields)
    _set_known(record, known)
    return record


_new = object.__new__
# The slots' own setters (Record.__setattr__ refuses every name): 0.26 us a record against
# 0.40 through object.__setattr__ by name.
_set_kind = Record.__dict__["_kind"].__set__
_set_fields = Record.__dict__["_fields"].__set__
_set_known = Record.__dict__["_known"].__set__
_NO_FIELDS: FrozenSet[str] = frozenset()


def wrap(value: Any, kind: str = "Record") -> Any:
    """Dicts become generic records (a nested one named after its field: ``account_manager``
    -> ``AccountManager``); lists are wrapped item by item. Typed results go through
    :func:`wrap_model` instead."""
    if isinstance(value, dict):
        return _record(Record, kind, _wrap_fields(value, _NO_NESTED), _NO_FIELDS)
    if isinstance(value, list):
        return [wrap(v, kind) for v in value]
    return value


_NO_NESTED: Dict[str, Type[Record]] = {}


def wrap_model(value: Any, cls: Type[Record]) -> Any:
    """Dicts become instances of ``cls`` (a typed result class), nested objects instances
    of theirs; lists are wrapped item by item; anything else is left as it is."""
    if isinstance(value, dict):
        return _record(cls, cls._KIND, _wrap_fields(value, cls._NESTED), cls._KNOWN)
    if isinstance(value, list):
        return [wrap_model(v, cls) for v in value]
    return value


def _wrap_fields(fields: Dict[str, Any], nested: Dict[str, Type[Record]]) -> Dict[str, Any]:
    """``fields`` with its nested objects wrapped, in place: every caller hands over a dict the
    extension made for this record (a copy cost a bulk item 1 us of its 2.5)."""
    # Most records hold scalars only; the extension makes exact dicts and lists, so looking
    # at the values' types at C speed finds them (0.30 us for a 7-field record, 0.52 for the loop).
    if _CONTAINER_TYPES.isdisjoint(map(type, fields.values())):
        return fields
    for name, value in fields.items():
        # Replacing the value of a key while iterating is allowed (the size does not change).
        if isinstance(value, _CONTAINERS):
            fields[name] = _wrap_value(name, value, nested)
    return fields


_CONTAINERS = (dict, list)
_CONTAINER_TYPES = frozenset(_CONTAINERS)


def _wrap_value(name: str, value: Any, nested: Dict[str, Type[Record]]) -> Any:
    cls = nested.get(name)
    return wrap(value, _camel(name)) if cls is None else wrap_model(value, cls)


def wrap_result(value: Any, operation: str) -> Any:
    """An operation's result (or a list of them, or report rows) as its typed result class."""
    cls = RESULTS.get(operation)
    return wrap(value) if cls is None else wrap_model(value, cls)


# Last: the generated classes subclass Record, defined above.
from ._schema import MODELS, RESULTS  # noqa: E402
