"""One error tree for the Quentli client: callers catch by meaning, never by text.

QuentliError
├── QuentliTransportError        no usable HTTP answer (``.write_may_have_landed``)
│   ├── QuentliConnectionError   connection refused / dropped / protocol error
│   └── QuentliTimeoutError      connect, read, write or pool timeout
├── QuentliAPIError              an error status (``.status_code``, ``.message``)
│   ├── AuthError                401 / 403
│   ├── NotFoundError            404, or ``null`` from a get-by-id
│   ├── ConflictError            409
│   ├── ValidationError          400 / 422
│   ├── RateLimitedError         429 (``.retry_after``)
│   └── ServerError              5xx
└── QuentliResponseError         a 2xx answer whose body we could not understand

Every error carries ``write_may_have_landed``: whether a POST/PATCH/DELETE may have taken effect at
Quentli even though the call failed. It is False for reads and for anything that failed before the
request left this process; True for a write that timed out or lost its connection after sending, or
got a 5xx (a gateway 502/504 or a 500 mid-transaction says nothing about what Quentli committed).
The operations ledger uses it to tell "failed" from "unknown: check before retrying".

Messages never contain the API key, request headers or response bodies beyond Quentli's own short
error message (payment links are credentials, so bodies are never echoed).
"""

from __future__ import annotations

__all__ = [
    "AuthError",
    "ConflictError",
    "NotFoundError",
    "QuentliAPIError",
    "QuentliConnectionError",
    "QuentliError",
    "QuentliResponseError",
    "QuentliTimeoutError",
    "QuentliTransportError",
    "RateLimitedError",
    "ServerError",
    "ValidationError",
    "api_error_for_status",
]


class QuentliError(Exception):
    """Base class of every error raised by :mod:`bot.quentli`."""

    def __init__(self, message: str, *, write_may_have_landed: bool = False) -> None:
        super().__init__(message)
        self.write_may_have_landed = write_may_have_landed


class QuentliTransportError(QuentliError):
    """No usable HTTP answer arrived (network problem or timeout)."""


class QuentliConnectionError(QuentliTransportError):
    """The connection could not be made, or broke before a full answer arrived."""


class QuentliTimeoutError(QuentliTransportError):
    """Quentli did not answer in time (connect, read, write or connection-pool timeout)."""


class QuentliResponseError(QuentliError):
    """Quentli answered 2xx but the body was not the JSON shape we expect."""


class QuentliAPIError(QuentliError):
    """Quentli answered with an error status.

    Attributes:
        status_code: the HTTP status (200 for a get-by-id that answered ``null``).
        message: Quentli's own error message when it gave one, else the HTTP reason phrase.
    """

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        context: str = "",
        write_may_have_landed: bool = False,
    ) -> None:
        prefix = f"{context}: " if context else ""
        super().__init__(
            f"{prefix}HTTP {status_code}: {message}", write_may_have_landed=write_may_have_landed
        )
        self.status_code = status_code
        self.message = message


class AuthError(QuentliAPIError):
    """The API key is missing, wrong or lacks permission (401 / 403)."""


class NotFoundError(QuentliAPIError):
    """The record does not exist (404, or a get-by-id that answered ``null``)."""


class ConflictError(QuentliAPIError):
    """The write conflicts with existing data, e.g. a duplicate username (409)."""


class ValidationError(QuentliAPIError):
    """Quentli rejected the request's content (400 / 422)."""


class RateLimitedError(QuentliAPIError):
    """Too many requests (429).

    Attributes:
        retry_after: seconds Quentli asked us to wait (``Retry-After``), when given.
    """

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        context: str = "",
        retry_after: float | None = None,
        write_may_have_landed: bool = False,
    ) -> None:
        super().__init__(
            status_code, message, context=context, write_may_have_landed=write_may_have_landed
        )
        self.retry_after = retry_after


class ServerError(QuentliAPIError):
    """Quentli failed on its side (5xx)."""


_BY_STATUS: dict[int, type[QuentliAPIError]] = {
    400: ValidationError,
    401: AuthError,
    403: AuthError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitedError,
}


def api_error_for_status(status_code: int) -> type[QuentliAPIError]:
    """The error class for an HTTP error status (``QuentliAPIError`` for unlisted ones)."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, QuentliAPIError)
