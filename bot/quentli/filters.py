"""The one place where Quentli's ``filter`` and ``orderBy`` query values are built and parsed.

Why one string parameter: Quentli's API reference types ``filter`` (and ``orderBy``) as a single
string query parameter holding an object encoded with the ``qs`` npm package's bracket syntax, e.g.
``isPaid=false&dueDate[gte]=2025-01-01T00:00:00.000Z``. So the client sends the whole qs string as
ONE parameter, ``?filter=isPaid%3Dfalse%26dueDate%5Bgte%5D%3D...`` (httpx url-encodes it). Some
third-party code instead sends nested brackets directly (``?filter[email][contains]=x``); that form
is unverified, so if Quentli turns out to want it, only this module and ``QuentliClient._list``
change.

Encoding rules (qs defaults): nested mappings become ``a[b][c]=v``; lists become ``a[0]=v&a[1]=w``;
booleans become ``true`` / ``false``; datetimes become UTC ``YYYY-MM-DDTHH:MM:SS.mmmZ`` (a naive
datetime is taken as UTC); dates become ``YYYY-MM-DD``; enums become their value; ``None`` values
and empty containers are left out (like qs does with ``undefined``). Keys and values are
percent-encoded except for ``:`` so a ``+`` in a phone number survives qs's decoding.

``decode_filter`` is the inverse used by the sandbox: every leaf comes back as a string (qs carries
no types), objects whose keys are all indices come back as lists.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote, unquote_plus

__all__ = ["decode_filter", "encode_filter", "format_datetime"]

# ':' stays readable (timestamps); everything else that means something to qs ('&', '=', '[', ']',
# '+', '%', ' ') is percent-encoded.
_SAFE = ":"


def format_datetime(value: datetime) -> str:
    """Format a datetime the way Quentli writes them: ``2025-02-01T06:00:00.000Z`` (UTC, ms).

    A naive datetime is taken to be UTC.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _scalar(value: Any) -> str:
    # bool before int: bool is an int subclass.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _scalar(value.value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int):
        return str(value)
    raise TypeError(f"cannot encode a {type(value).__name__} in a Quentli filter")


def _pairs(prefix: str, value: Any) -> Iterator[tuple[str, str]]:
    if value is None:
        return
    if isinstance(value, Mapping):
        for key, child in value.items():
            yield from _pairs(f"{prefix}[{quote(str(key), safe=_SAFE)}]", child)
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
        for index, child in enumerate(value):
            yield from _pairs(f"{prefix}[{index}]", child)
    else:
        yield prefix, quote(_scalar(value), safe=_SAFE)


def encode_filter(obj: Mapping[str, Any]) -> str:
    """Encode a filter (or orderBy) object as a qs query string.

    Args:
        obj: e.g. ``{"isPaid": False, "dueDate": {"gte": datetime(2025, 1, 1, tzinfo=UTC)}}``.

    Returns:
        e.g. ``isPaid=false&dueDate[gte]=2025-01-01T00:00:00.000Z``; ``""`` for an empty object.

    Raises:
        TypeError: a leaf value is not a str, int, bool, date, datetime or enum.
    """
    parts: list[str] = []
    for key, value in obj.items():
        for name, encoded in _pairs(quote(str(key), safe=_SAFE), value):
            parts.append(f"{name}={encoded}")
    return "&".join(parts)


def _split_key(key: str) -> list[str]:
    """``a[b][0]`` -> ``["a", "b", "0"]``; a malformed bracket tail is kept as part of the name."""
    start = key.find("[")
    if start <= 0 or "]" not in key[start:]:
        return [key]
    segments = [key[:start]]
    rest = key[start:]
    while rest.startswith("["):
        end = rest.find("]")
        if end < 0:
            break
        segments.append(rest[1:end])
        rest = rest[end + 1 :]
    if rest:  # qs keeps unparseable remainders as a literal segment
        segments.append(rest)
    return segments


def _listify(node: Any) -> Any:
    if isinstance(node, dict):
        converted = {key: _listify(child) for key, child in node.items()}
        if converted and all(key.isdigit() for key in converted):
            return [converted[key] for key in sorted(converted, key=int)]
        return converted
    if isinstance(node, list):
        return [_listify(child) for child in node]
    return node


def decode_filter(s: str) -> dict[str, Any]:
    """Parse a qs query string back into nested dicts and lists of strings.

    Args:
        s: e.g. ``isPaid=false&dueDate[gte]=2025-01-01T00:00:00.000Z`` (brackets may be encoded).

    Returns:
        e.g. ``{"isPaid": "false", "dueDate": {"gte": "2025-01-01T00:00:00.000Z"}}``.
        ``a[]=x&a[]=y`` and repeated keys ``a=x&a=y`` give lists, like qs.
    """
    root: dict[str, Any] = {}
    for part in s.split("&"):
        if not part:
            continue
        raw_key, _, raw_value = part.partition("=")
        key, value = unquote_plus(raw_key), unquote_plus(raw_value)
        if not key:
            continue
        segments = _split_key(key)
        append = len(segments) > 1 and segments[-1] == ""  # qs's "a[]=x" list form
        if append:
            segments = segments[:-1]
        node: dict[str, Any] = root
        for segment in segments[:-1]:
            child = node.get(segment)
            if not isinstance(child, dict):
                child = {}
                node[segment] = child
            node = child
        last = segments[-1]
        existing = node.get(last)
        if existing is None:
            node[last] = [value] if append else value
        elif isinstance(existing, list):
            existing.append(value)
        elif isinstance(existing, dict):
            existing[str(len(existing))] = value
        else:  # a repeated key becomes a list, like qs
            node[last] = [existing, value]
    result = _listify(root)
    assert isinstance(result, dict)
    return result
