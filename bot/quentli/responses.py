"""Turning what httpx gives back (an answer or a failure) into data or our errors.

Used only by :mod:`bot.quentli.client`. Every message built here goes through ``redact`` (which
removes the API key) and never includes a response body beyond Quentli's short error text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
import pydantic

from bot.quentli.errors import (
    QuentliAPIError,
    QuentliConnectionError,
    QuentliResponseError,
    QuentliTimeoutError,
    QuentliTransportError,
    RateLimitedError,
    api_error_for_status,
)

__all__ = ["RETRYABLE", "api_error", "decode", "parse", "retry_after", "transport_error"]

M = TypeVar("M", bound=pydantic.BaseModel)

# Raised before a single byte of the request left this process: a write cannot have landed.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
    httpx.LocalProtocolError,
)
RETRYABLE = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
"""Failures worth another try for a read."""

_MAX_MESSAGE = 300


def transport_error(
    exc: httpx.RequestError, context: str, *, is_read: bool, redact: Callable[[str], str]
) -> QuentliTransportError:
    """The error for a call that got no answer; a write sets ``write_may_have_landed``."""
    landed = not is_read and not isinstance(exc, _NOT_SENT)
    timed_out = isinstance(exc, httpx.TimeoutException)
    cls = QuentliTimeoutError if timed_out else QuentliConnectionError
    message = f"{context}: {type(exc).__name__}: {str(exc) or 'no detail'}"
    if landed:
        message += " (the request may have reached Quentli)"
    return cls(redact(message), write_may_have_landed=landed)


def api_error(
    response: httpx.Response, context: str, *, is_read: bool, redact: Callable[[str], str]
) -> QuentliAPIError:
    """The error for an error status, keeping Quentli's message.

    A 5xx answer to a write may hide a committed write (a gateway timing out, a crash after the
    commit), so it sets ``write_may_have_landed``.
    """
    status = response.status_code
    message = redact(_error_message(response))
    cls = api_error_for_status(status)
    if cls is RateLimitedError:
        return RateLimitedError(
            status, message, context=context, retry_after=retry_after(response)
        )
    return cls(
        status, message, context=context, write_may_have_landed=not is_read and status >= 500
    )


def decode(response: httpx.Response, context: str, *, landed: bool) -> Any:
    """The JSON of a 2xx answer (None for an empty body)."""
    if not response.content.strip():
        return None
    try:
        return response.json()
    except ValueError as exc:
        raise QuentliResponseError(
            f"{context}: the answer is not JSON", write_may_have_landed=landed
        ) from exc


def parse(model: type[M], data: Any, context: str, *, landed: bool) -> M:
    """Validate ``data`` as ``model``, or raise QuentliResponseError naming the bad fields."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        # Field paths and messages only: the body may hold a payment link.
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or '(root)'}: {error['msg']}"
            for error in exc.errors(include_url=False, include_input=False)[:5]
        )
        raise QuentliResponseError(
            f"{context}: unexpected {model.__name__}: {problems}", write_may_have_landed=landed
        ) from exc


def retry_after(response: httpx.Response) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), if any."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _message_from(data: Any) -> str | None:
    """Quentli's error text from {"message"|"error"|"errors"|...}, strings or lists of them."""
    if isinstance(data, str):
        return data.strip() or None
    if isinstance(data, list):
        parts = [part for part in map(_message_from, data) if part]
        return "; ".join(parts) or None
    if isinstance(data, dict):
        for key in ("message", "error", "errors", "detail", "description"):
            found = _message_from(data.get(key))
            if found:
                return found
    return None


def _error_message(response: httpx.Response) -> str:
    try:
        message = _message_from(response.json())
    except ValueError:
        text = response.text.strip()
        # A proxy's HTML error page says nothing useful; its reason phrase does.
        message = text if text and not text.startswith("<") else None
    message = message or response.reason_phrase or "error"
    return message if len(message) <= _MAX_MESSAGE else message[: _MAX_MESSAGE - 1] + "…"
