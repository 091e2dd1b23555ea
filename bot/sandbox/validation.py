"""Checks of request bodies: the ``{"input": ...}`` wrapper, integers, dates, metadata, items.

Every function raises :class:`ApiError` (400) with a message naming the offending field.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.sandbox.errors import ApiError
from bot.sandbox.records import parse_dt

__all__ = [
    "COLLECTION_METHODS",
    "email",
    "metadata_list",
    "opt_bool",
    "opt_datetime",
    "opt_str",
    "phone_number",
    "positive_int",
    "req_datetime",
    "req_str",
    "require_input",
]

COLLECTION_METHODS = ("AUTOMATIC", "SEND_REMINDER", "NONE")
MAX_AMOUNT = 99_999_999_999
_PHONE = re.compile(r"^\+[1-9]\d{7,14}$")


def bad(message: str) -> ApiError:
    """A 400 validation error."""
    return ApiError(400, message)


def require_input(body: Any, *, optional: bool = False) -> dict[str, Any]:
    """The ``input`` object of a request body; an optional body may be absent or empty."""
    if optional and (body is None or body == {}):
        return {}
    if not isinstance(body, dict) or "input" not in body:
        raise bad('The request body must be a JSON object {"input": {...}}')
    value = body["input"]
    if optional and value is None:
        return {}
    if not isinstance(value, dict):
        raise bad("input must be an object")
    return value


def req_str(data: dict[str, Any], key: str, where: str = "") -> str:
    """A required, non-blank string field."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise bad(f"{where}{key} is required and must be a non-empty string")
    return value.strip()


def opt_str(data: dict[str, Any], key: str, where: str = "") -> str | None:
    """An optional string field (missing or null gives None)."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f"{where}{key} must be a string")
    return value.strip() or None


def opt_bool(data: dict[str, Any], key: str, default: bool = False) -> bool:
    """An optional boolean field."""
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise bad(f"{key} must be a boolean")
    return value


def positive_int(value: Any, field: str) -> int:
    """A positive integer amount or quantity (no floats, no strings, no booleans)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad(f"{field} must be an integer (amounts are in centavos)")
    if value <= 0:
        raise bad(f"{field} must be greater than 0")
    if value > MAX_AMOUNT:
        raise bad(f"{field} is too large")
    return int(value)


def req_datetime(data: dict[str, Any], key: str, where: str = "") -> datetime:
    """A required ISO 8601 date-time field."""
    value = data.get(key)
    if value is None:
        raise bad(f"{where}{key} is required (ISO 8601 date-time)")
    return _datetime(value, f"{where}{key}")


def opt_datetime(data: dict[str, Any], key: str, where: str = "") -> datetime | None:
    """An optional ISO 8601 date-time field."""
    value = data.get(key)
    return None if value is None else _datetime(value, f"{where}{key}")


def _datetime(value: Any, field: str) -> datetime:
    try:
        return parse_dt(value)
    except (TypeError, ValueError):
        raise bad(
            f"{field} must be an ISO 8601 date-time, e.g. 2025-02-01T06:00:00.000Z"
        ) from None


def metadata_list(data: dict[str, Any], key: str = "metadata") -> list[dict[str, str]]:
    """A ``[{key, value}]`` list of strings (missing or null gives ``[]``)."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise bad(f"{key} must be a list of {{key, value}} objects")
    entries: list[dict[str, str]] = []
    for index, entry in enumerate(value):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("key"), str)
            or not entry["key"]
            or not isinstance(entry.get("value"), str)
        ):
            raise bad(f"{key}[{index}] must be {{key: string, value: string}}")
        entries.append({"key": entry["key"], "value": entry["value"]})
    return entries


def phone_number(data: dict[str, Any], key: str = "phoneNumber", where: str = "") -> str | None:
    """An optional E.164 phone number such as ``+525512345678``."""
    value = opt_str(data, key, where)
    if value is not None and not _PHONE.match(value):
        raise bad(f"{where}{key} must be in E.164 format, e.g. +525512345678")
    return value


def email(data: dict[str, Any], key: str = "email", where: str = "") -> str | None:
    """An optional e-mail address (only loosely checked)."""
    value = opt_str(data, key, where)
    if value is not None and (value.count("@") != 1 or value.startswith("@") or "." not in value):
        raise bad(f"{where}{key} is not a valid e-mail address")
    return value
