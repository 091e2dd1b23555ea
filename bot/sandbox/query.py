"""List queries: ``filter`` / ``orderBy`` (one qs-encoded string each), ``skip`` and ``take``.

Filters follow Prisma's operators, which Quentli's examples use: a plain value means ``equals``;
an object may hold ``equals, not, in, notIn, contains, startsWith, endsWith, lt, lte, gt, gte`` and
``mode=insensitive``; ``OR`` / ``AND`` take lists of filters, ``NOT`` one filter. qs carries no
types, so every value is read as the type of the record field it is compared with. An unknown
field or operator is a 400: a silently ignored filter could leak other customers' records.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from bot.quentli.filters import decode_filter
from bot.sandbox.errors import ApiError
from bot.sandbox.records import parse_dt

__all__ = ["ListQuery", "Matcher", "parse_list_query", "run_query"]

Record = dict[str, Any]
# A filter key that is not a column (e.g. ``noPayments``) or is a relation (``customer``).
Custom = Callable[[Record, Any], bool]

_OPS = {"equals", "not", "in", "notIn", "contains", "startsWith", "endsWith"}
_OPS |= {"lt", "lte", "gt", "gte", "mode"}
_DATE_SUFFIXES = ("At", "Date", "Time")
DEFAULT_TAKE = 20
MAX_TAKE = 100


@dataclass(frozen=True)
class ListQuery:
    """A parsed list request."""

    filter: dict[str, Any] = field(default_factory=dict)
    order_by: list[tuple[str, str]] = field(default_factory=list)
    skip: int = 0
    take: int = DEFAULT_TAKE


def _bad(message: str) -> ApiError:
    return ApiError(400, message)


def _int_param(query: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _bad(f"{name} must be an integer") from None
    if not low <= value <= high:
        raise _bad(f"{name} must be between {low} and {high}")
    return value


def _decode(query: Mapping[str, str], name: str) -> dict[str, Any]:
    raw = query.get(name)
    if not raw:
        return {}
    try:
        return decode_filter(raw)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        raise _bad(f"{name} is not a valid qs-encoded string") from None


def parse_list_query(query: Mapping[str, str], keys: Iterable[str] = ()) -> ListQuery:
    """Read ``filter``, ``orderBy``, ``skip`` (>= 0) and ``take`` (1..100, default 20)."""
    for key in keys:
        if key.startswith(("filter[", "orderBy[")):
            raise _bad(
                "filter and orderBy must each be ONE query parameter holding a qs-encoded "
                "string, e.g. filter=isPaid%3Dfalse"
            )
    order = _decode(query, "orderBy")
    entries = order if isinstance(order, list) else [order]
    order_by: list[tuple[str, str]] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise _bad("orderBy must look like createdAt=desc")
        for key, direction in entry.items():
            if direction not in ("asc", "desc"):
                raise _bad(f"orderBy {key} must be asc or desc")
            order_by.append((key, direction))
    return ListQuery(
        filter=_decode(query, "filter"),
        order_by=order_by,
        skip=_int_param(query, "skip", 0, 0, 10**9),
        take=_int_param(query, "take", DEFAULT_TAKE, 1, MAX_TAKE),
    )


def _is_date_field(name: str) -> bool:
    return name.endswith(_DATE_SUFFIXES)


def _coerce(name: str, sample: Any, raw: Any) -> Any:
    """Read the qs string ``raw`` as the type of the field ``name`` (``sample`` is a value)."""
    if raw is None or raw == "null":
        return None
    if isinstance(raw, dict | list):
        raise _bad(f"filter {name}: expected a single value")
    if _is_date_field(name):
        try:
            return parse_dt(raw) if "T" in str(raw) else _day(str(raw))
        except ValueError:
            raise _bad(f"filter {name}: {raw!r} is not an ISO 8601 date-time") from None
    if isinstance(sample, bool):
        if str(raw).lower() not in ("true", "false"):
            raise _bad(f"filter {name}: expected true or false")
        return str(raw).lower() == "true"
    if isinstance(sample, int):
        try:
            return int(raw)
        except ValueError:
            raise _bad(f"filter {name}: expected an integer") from None
    return str(raw)


def _day(raw: str) -> datetime:
    day = date.fromisoformat(raw)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        raise _bad("expected a list")
    return [v for v in str(value).split(",") if v]


def _field_value(record: Record, name: str) -> Any:
    value = record.get(name)
    if value is not None and _is_date_field(name) and isinstance(value, str):
        return parse_dt(value)
    return value


class Matcher:
    """Evaluates filters against the records of one resource."""

    def __init__(self, fields: Iterable[str], custom: Mapping[str, Custom] | None = None) -> None:
        self.fields = set(fields)
        self.custom = dict(custom or {})

    def matches(self, record: Record, where: Mapping[str, Any]) -> bool:
        """Whether ``record`` satisfies every condition of ``where``."""
        return all(self._condition(record, key, value) for key, value in where.items())

    def _condition(self, record: Record, key: str, value: Any) -> bool:
        if key in ("OR", "AND"):
            branches = value if isinstance(value, list) else [value]
            if not all(isinstance(b, dict) for b in branches):
                raise _bad(f"filter {key} must hold filter objects")
            results = (self.matches(record, branch) for branch in branches)
            return any(results) if key == "OR" else all(results)
        if key == "NOT":
            if not isinstance(value, dict):
                raise _bad("filter NOT must hold a filter object")
            return not self.matches(record, value)
        if key in self.custom:
            return self.custom[key](record, value)
        if key not in self.fields:
            raise _bad(f"filter: unknown field {key!r}")
        return self._field(record, key, value)

    def _field(self, record: Record, name: str, cond: Any) -> bool:
        actual = _field_value(record, name)
        if isinstance(cond, list):
            cond = {"in": cond}
        if not isinstance(cond, dict):
            cond = {"equals": cond}
        unknown = set(cond) - _OPS
        if unknown:
            raise _bad(f"filter {name}: unknown operator {sorted(unknown)[0]!r}")
        insensitive = cond.get("mode") == "insensitive"
        return all(
            self._op(name, actual, op, raw, insensitive)
            for op, raw in cond.items()
            if op != "mode"
        )

    def _op(self, name: str, actual: Any, op: str, raw: Any, insensitive: bool) -> bool:
        if op == "not":
            if isinstance(raw, dict):
                return not self._field({name: actual}, name, raw)
            return not self._op(name, actual, "equals", raw, insensitive)
        if op in ("in", "notIn"):
            values = _as_list(raw)
            try:
                wanted = _wanted(name, _sample(actual), tuple(values), insensitive)
            except TypeError:  # a nested value: _coerce says what is wrong with it
                wanted = [_fold(_coerce(name, actual, v), insensitive) for v in values]
            found = bool(_fold(actual, insensitive) in wanted)
            return found if op == "in" else not found
        expected = _coerce(name, actual, raw)
        if op == "equals":
            return bool(_fold(actual, insensitive) == _fold(expected, insensitive))
        if actual is None or expected is None:
            return False
        if op in ("contains", "startsWith", "endsWith"):
            haystack: str = _fold(str(actual), insensitive)
            needle: str = _fold(str(expected), insensitive)
            if op == "contains":
                return needle in haystack
            return haystack.startswith(needle) if op == "startsWith" else haystack.endswith(needle)
        try:
            if op == "lt":
                return bool(actual < expected)
            if op == "lte":
                return bool(actual <= expected)
            if op == "gt":
                return bool(actual > expected)
            return bool(actual >= expected)
        except TypeError:
            raise _bad(f"filter {name}: {op} does not apply to this field") from None


def _sample(value: Any) -> bool | int | str:
    """What ``_coerce`` needs of a field's value: whether it is a bool, an int or else."""
    if isinstance(value, bool | int):
        return False if isinstance(value, bool) else 0
    return ""


@functools.lru_cache(maxsize=256, typed=True)
def _wanted(
    name: str, sample: bool | int | str, raw: tuple[Any, ...], insensitive: bool
) -> list[Any]:
    """The values of an ``in`` list read as the field's type, once per query rather than once
    per record (a list of 100 ids over thousands of records)."""
    return [_fold(_coerce(name, sample, v), insensitive) for v in raw]


def _fold(value: Any, insensitive: bool) -> Any:
    return value.casefold() if insensitive and isinstance(value, str) else value


class _Descending:
    """Inverts comparisons, so one sort key can mix ascending and descending parts."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


def _order_key(order_by: list[tuple[str, str]]) -> Callable[[tuple[int, Record]], tuple[Any, ...]]:
    # Ties (e.g. records created in the same millisecond) follow creation order, reversed when
    # the first key is descending, as a database ordering by a timestamp would.
    def key(entry: tuple[int, Record]) -> tuple[Any, ...]:
        index, record = entry
        parts: list[Any] = []
        for name, direction in order_by:
            value = _field_value(record, name)
            part = (value is not None, value if value is not None else 0)
            parts.append(_Descending(part) if direction == "desc" else part)
        parts.append(-index if order_by[0][1] == "desc" else index)
        return tuple(parts)

    return key


def _ids_wanted(where: Mapping[str, Any]) -> frozenset[str] | None:
    """The ids an ``id in [...]`` filter allows, or ``None`` when it has no such condition."""
    cond = where.get("id")
    if isinstance(cond, dict) and set(cond) == {"in"}:
        cond = cond["in"]
    if not isinstance(cond, list):
        return None
    return frozenset(str(v) for v in cond)


def run_query(records: Iterable[Record], query: ListQuery, matcher: Matcher) -> list[Record]:
    """Filter, order (default: creation order) and page ``records``."""
    ids = _ids_wanted(query.filter)
    if ids is not None:
        # As a database reads its primary key: only the named records are matched (the full
        # filter still applies to them), so a page of 100 ids costs the same at any size.
        records = (r for r in records if r.get("id") in ids)
    selected = [(i, r) for i, r in enumerate(records) if matcher.matches(r, query.filter)]
    for name, _direction in query.order_by:
        if name not in matcher.fields:
            raise _bad(f"orderBy: unknown field {name!r}")
    if query.order_by:
        try:
            selected.sort(key=_order_key(query.order_by))
        except TypeError:
            raise _bad("orderBy: these fields cannot be ordered") from None
    return [record for _index, record in selected[query.skip : query.skip + query.take]]
