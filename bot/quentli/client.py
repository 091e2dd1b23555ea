"""Async client for Quentli's REST API around one injected ``httpx.AsyncClient``.

Every call goes through :meth:`QuentliClient._request`, which adds the key, retries reads and
turns every failure into an error from :mod:`bot.quentli.errors`. Public methods are a few lines:
dump the input model, call ``_request``, unwrap and validate the answer.

Retry policy: a GET is retried (at most ``max_read_retries`` times, exponential backoff from
``backoff_base`` capped at 5 s) on connection errors, timeouts, 5xx and 429 (waiting
``Retry-After`` when it is at most 10 s). A POST/PATCH/DELETE is never retried: Quentli has no
idempotency keys, so repeating a write could create a second invoice or a second charge. Its error
says instead whether the write may have landed (``write_may_have_landed``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx
import pydantic
from pydantic import SecretStr

from bot.quentli.errors import NotFoundError, QuentliResponseError, RateLimitedError
from bot.quentli.filters import encode_filter
from bot.quentli.models import (
    Customer,
    CustomerInput,
    Invoice,
    InvoiceInput,
    InvoicePaymentSession,
    InvoicePaymentSessionInput,
    MarkPaidInput,
    Payment,
    PaymentLink,
    PortalSession,
    SavedPaymentMethod,
    TryPaymentResult,
)
from bot.quentli.responses import RETRYABLE, M, api_error, decode, parse, transport_error

__all__ = ["QuentliClient"]

logger = logging.getLogger("bot.quentli")

_USER_AGENT = "quentli-telegram-bot/0.1"
#: Calls in flight at most; the others wait their turn in arrival order. httpx's own pool
#: queue rescans every waiting request on each event, and a burst (1,000 parents' /pay)
#: made that the bot's largest cost; kept alive as many connections, so none is reopened.
MAX_CONCURRENT_CALLS = 50
_MAX_BACKOFF = 5.0
_MAX_RETRY_AFTER = 10.0
_PAGE_SIZE = 100
_MAX_PAGES = 1000  # 100,000 records: beyond that, Quentli is ignoring `skip`


class QuentliClient:
    """Quentli REST client. Use as ``async with QuentliClient.create(url, key) as quentli:``.

    Attributes:
        last_success_at: when Quentli last answered a request with 2xx (for ``/healthz``).
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_key: str | SecretStr,
        base_url: str,
        max_read_retries: int = 3,
        backoff_base: float = 0.25,
    ) -> None:
        """Wrap ``http`` (closed by :meth:`aclose`).

        Args:
            http: the HTTP client; its timeouts apply (see :meth:`create`).
            api_key: the organization key ``sk_…``.
            base_url: e.g. ``https://api.quentli.com`` (a trailing ``/v1`` is tolerated).
            max_read_retries: extra attempts for a failed GET.
            backoff_base: first retry delay in seconds; doubles on every retry.

        Raises:
            ValueError: an empty or malformed key, a non-http(s) URL or a negative retry count.
        """
        self._api_key = _checked_key(api_key)
        self._base_url = _checked_base_url(base_url)
        if max_read_retries < 0 or backoff_base < 0:
            raise ValueError("max_read_retries and backoff_base must be >= 0")
        self._http = http
        self._max_read_retries = max_read_retries
        self._backoff_base = backoff_base
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep  # tests record delays
        self._slots = asyncio.Semaphore(MAX_CONCURRENT_CALLS)
        pool = http.timeout.pool
        # Waiting for a slot is waiting for a connection: the pool's timeout bounds it.
        self._slot_timeout = pool if pool is not None else http.timeout.read
        self.last_success_at: datetime | None = None

    @classmethod
    def create(
        cls,
        base_url: str,
        api_key: str | SecretStr,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        *,
        max_read_retries: int = 3,
        backoff_base: float = 0.25,
    ) -> QuentliClient:
        """Build a client with its own ``httpx.AsyncClient`` (connect 5 s, read/write 20 s)."""
        key = _checked_key(api_key)
        _checked_base_url(base_url)
        http = httpx.AsyncClient(
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            headers={"User-Agent": _USER_AGENT},
            limits=httpx.Limits(
                max_connections=MAX_CONCURRENT_CALLS,
                max_keepalive_connections=MAX_CONCURRENT_CALLS,
            ),
        )
        return cls(
            http,
            api_key=key,
            base_url=base_url,
            max_read_retries=max_read_retries,
            backoff_base=backoff_base,
        )

    def __repr__(self) -> str:
        return f"QuentliClient(base_url={self._base_url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the underlying HTTP client."""
        await self._http.aclose()

    # --- customers ---------------------------------------------------------------------------

    async def list_customers(
        self,
        filter: Mapping[str, Any] | None = None,
        *,
        skip: int = 0,
        take: int = 20,
        order_by: Mapping[str, Any] | None = None,
    ) -> list[Customer]:
        """One page of customers (``GET /v1/customers``).

        Args:
            filter: a filter object, e.g. ``{"username": {"equals": "A-1029"}}`` (see filters.py).
            skip: records to skip.
            take: page size, 1-100.
            order_by: e.g. ``{"createdAt": "desc"}``.

        Raises:
            ValueError: skip or take out of range.
            QuentliError: see errors.py.
        """
        return await self._list("/v1/customers", Customer, filter, order_by, skip, take)

    async def all_customers(
        self, filter: Mapping[str, Any] | None = None, order_by: Mapping[str, Any] | None = None
    ) -> list[Customer]:
        """Every matching customer, paging 100 at a time until a short page."""
        return await self._all("/v1/customers", Customer, filter, order_by)

    async def get_customer(self, customer_id: str) -> Customer:
        """One customer (``GET /v1/customers/{id}``).

        Raises:
            NotFoundError: no such customer (404 or ``null``).
            QuentliError: see errors.py.
        """
        return await self._get_one(f"/v1/customers/{_segment(customer_id)}", Customer)

    async def list_payment_methods(self, customer_id: str) -> list[SavedPaymentMethod]:
        """The customer's confirmed, non-deleted saved methods
        (``GET /v1/customers/{id}/payment_methods``, with an underscore).

        Raises:
            NotFoundError: no such customer.
            QuentliError: see errors.py.
        """
        path = f"/v1/customers/{_segment(customer_id)}/payment_methods"
        data = await self._request("GET", path)
        if not isinstance(data, list):
            raise QuentliResponseError(f"GET {path}: expected a JSON array")
        return [parse(SavedPaymentMethod, item, f"GET {path}", landed=False) for item in data]

    async def create_customer(self, data: CustomerInput) -> Customer:
        """Create a customer (``POST /v1/customers``).

        Raises:
            ConflictError: username, email or phone already taken (409).
            QuentliError: see errors.py; a write is never retried.
        """
        return await self._write("POST", "/v1/customers", Customer, _body(data), key="customer")

    # --- invoices ----------------------------------------------------------------------------

    async def create_invoice(self, data: InvoiceInput) -> Invoice:
        """Create an invoice (``POST /v1/invoices``). Never retried.

        Raises:
            QuentliError: see errors.py; check ``write_may_have_landed`` before trying again.
        """
        return await self._write("POST", "/v1/invoices", Invoice, _body(data), key="invoice")

    async def list_invoices(
        self,
        filter: Mapping[str, Any] | None = None,
        *,
        skip: int = 0,
        take: int = 20,
        order_by: Mapping[str, Any] | None = None,
    ) -> list[Invoice]:
        """One page of invoices (``GET /v1/invoices``), e.g. ``filter={"isPaid": False}``.

        Raises:
            ValueError: skip or take out of range.
            QuentliError: see errors.py.
        """
        return await self._list("/v1/invoices", Invoice, filter, order_by, skip, take)

    async def all_invoices(
        self, filter: Mapping[str, Any] | None = None, order_by: Mapping[str, Any] | None = None
    ) -> list[Invoice]:
        """Every matching invoice, paging 100 at a time until a short page."""
        return await self._all("/v1/invoices", Invoice, filter, order_by)

    async def get_invoice(self, invoice_id: str) -> Invoice:
        """One invoice (``GET /v1/invoices/{id}``).

        Raises:
            NotFoundError: no such invoice (404 or ``null``).
            QuentliError: see errors.py.
        """
        return await self._get_one(f"/v1/invoices/{_segment(invoice_id)}", Invoice)

    async def cancel_invoice(self, invoice_id: str) -> Invoice:
        """Cancel an unpaid invoice (``DELETE /v1/invoices/{id}``). Never retried.

        Raises:
            QuentliError: see errors.py.
        """
        path = f"/v1/invoices/{_segment(invoice_id)}"
        return await self._write("DELETE", path, Invoice, None, key="invoice")

    async def get_payment_link(self, invoice_id: str) -> PaymentLink:
        """An authenticated payment link (``GET /v1/invoices/{id}/payment-link``).

        The URL is a credential: never log it.

        Raises:
            NotFoundError: no such invoice.
            QuentliError: see errors.py.
        """
        return await self._get_one(
            f"/v1/invoices/{_segment(invoice_id)}/payment-link", PaymentLink
        )

    async def try_payment(self, invoice_id: str) -> TryPaymentResult:
        """Charge the invoice's saved method (``POST /v1/invoices/{id}/try-payment``).

        A decline is an answer (``success`` False), not an error. Never retried.

        Raises:
            QuentliError: see errors.py; check ``write_may_have_landed`` before charging again.
        """
        path = f"/v1/invoices/{_segment(invoice_id)}/try-payment"
        return await self._write("POST", path, TryPaymentResult, None)

    async def mark_paid(self, invoice_id: str, data: MarkPaidInput | None = None) -> Invoice:
        """Record a payment made outside Quentli (``POST /v1/invoices/{id}/mark-paid``).

        Sends ``{"input": {}}`` when ``data`` is None. Never retried.

        Raises:
            QuentliError: see errors.py.
        """
        path = f"/v1/invoices/{_segment(invoice_id)}/mark-paid"
        body = _body(data) if data is not None else {"input": {}}
        return await self._write("POST", path, Invoice, body, key="invoice")

    async def create_invoice_payment_session(
        self, data: InvoicePaymentSessionInput
    ) -> InvoicePaymentSession:
        """Find or create a customer, create an invoice and get its checkout URL.

        ``POST /v1/invoice-payment-sessions``. The URL is a credential. Never retried.

        Raises:
            QuentliError: see errors.py.
        """
        path = "/v1/invoice-payment-sessions"
        return await self._write("POST", path, InvoicePaymentSession, _body(data))

    async def create_customer_portal_session(
        self, customer_id: str, destination: str = "home"
    ) -> PortalSession:
        """A one-time signed-in portal URL (``POST /v1/customer-portal-session``).

        The URL is a credential. Never retried.

        Raises:
            QuentliError: see errors.py.
        """
        if not customer_id.strip():
            raise ValueError("customer_id must not be empty")
        body = {"input": {"destination": destination, "customerId": customer_id}}
        return await self._write("POST", "/v1/customer-portal-session", PortalSession, body)

    # --- payments ----------------------------------------------------------------------------

    async def list_payments(
        self,
        filter: Mapping[str, Any] | None = None,
        *,
        skip: int = 0,
        take: int = 20,
        order_by: Mapping[str, Any] | None = None,
    ) -> list[Payment]:
        """One page of payments (``GET /v1/payments``).

        Raises:
            ValueError: skip or take out of range.
            QuentliError: see errors.py.
        """
        return await self._list("/v1/payments", Payment, filter, order_by, skip, take)

    async def all_payments(
        self, filter: Mapping[str, Any] | None = None, order_by: Mapping[str, Any] | None = None
    ) -> list[Payment]:
        """Every matching payment, paging 100 at a time until a short page."""
        return await self._all("/v1/payments", Payment, filter, order_by)

    async def get_payment(self, payment_id: str) -> Payment:
        """One payment (``GET /v1/payments/{id}``).

        Raises:
            NotFoundError: no such payment (404 or ``null``).
            QuentliError: see errors.py.
        """
        return await self._get_one(f"/v1/payments/{_segment(payment_id)}", Payment)

    # --- plumbing ----------------------------------------------------------------------------

    async def _get_one(self, path: str, model: type[M]) -> M:
        data = await self._request("GET", path)
        if data is None:  # Quentli's get-by-id answers 200 `null` for a missing record
            raise NotFoundError(200, "not found", context=f"GET {path}")
        return parse(model, data, f"GET {path}", landed=False)

    async def _write(
        self,
        method: str,
        path: str,
        model: type[M],
        body: dict[str, Any] | None,
        *,
        key: str | None = None,
    ) -> M:
        data = await self._request(method, path, json_body=body)
        context = f"{method} {path}"
        if key is not None:
            if not isinstance(data, dict) or key not in data:
                raise QuentliResponseError(
                    f"{context}: the answer has no {key!r}", write_may_have_landed=True
                )
            data = data[key]
        return parse(model, data, context, landed=True)

    async def _list(
        self,
        path: str,
        model: type[M],
        filter: Mapping[str, Any] | None,
        order_by: Mapping[str, Any] | None,
        skip: int,
        take: int,
    ) -> list[M]:
        if skip < 0 or not 1 <= take <= _PAGE_SIZE:
            raise ValueError(f"skip must be >= 0 and take 1..{_PAGE_SIZE}")
        params: dict[str, str] = {"skip": str(skip), "take": str(take)}
        # filter/orderBy: one qs-encoded string parameter each (why: see filters.py)
        if filter:
            params["filter"] = encode_filter(filter)
        if order_by:
            params["orderBy"] = encode_filter(order_by)
        data = await self._request("GET", path, params=params)
        if not isinstance(data, list):
            raise QuentliResponseError(f"GET {path}: expected a JSON array")
        return [parse(model, item, f"GET {path}", landed=False) for item in data]

    async def _all(
        self,
        path: str,
        model: type[M],
        filter: Mapping[str, Any] | None,
        order_by: Mapping[str, Any] | None,
    ) -> list[M]:
        found: dict[Any, M] = {}
        for page_number in range(_MAX_PAGES):
            page = await self._list(
                path, model, filter, order_by, page_number * _PAGE_SIZE, _PAGE_SIZE
            )
            for record in page:
                # a record created while paging shifts the offsets: keep the first copy
                found.setdefault(getattr(record, "id", id(record)), record)
            if len(page) < _PAGE_SIZE:
                return list(found.values())
        raise QuentliResponseError(f"GET {path}: more than {_MAX_PAGES} pages")

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: dict[str, Any] | None = None,
    ) -> Any:
        """Send one call (retrying reads) and return its decoded JSON (None for no body).

        Raises:
            QuentliTransportError: no answer (after the retries, for a read).
            QuentliAPIError: an error status (after the retries, for 5xx/429 on a read).
            QuentliResponseError: a 2xx answer that is not JSON.
        """
        is_read = method == "GET"
        context = f"{method} {path}"
        url = self._base_url + path
        headers = {
            "Authorization": f"Bearer {self._api_key.get_secret_value()}",
            "Accept": "application/json",
        }
        attempts = 1 + (self._max_read_retries if is_read else 0)
        for attempt in range(attempts):
            retry = attempt + 1 < attempts
            started = time.monotonic()
            try:
                await self._take_slot()
                try:
                    response = await self._http.request(
                        method, url, params=params, json=json_body, headers=headers
                    )
                finally:
                    self._slots.release()
            except httpx.RequestError as exc:
                if retry and isinstance(exc, RETRYABLE):
                    await self._pause(context, type(exc).__name__, attempt, None)
                    continue
                raise transport_error(exc, context, is_read=is_read, redact=self._redact) from exc
            logger.debug(
                "Quentli %s -> %d in %.0f ms",
                context,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
            if response.is_success:
                self.last_success_at = datetime.now(UTC)
                return decode(response, context, landed=not is_read)
            error = api_error(response, context, is_read=is_read, redact=self._redact)
            if retry and (response.status_code == 429 or response.status_code >= 500):
                wait = error.retry_after if isinstance(error, RateLimitedError) else None
                if wait is None or wait <= _MAX_RETRY_AFTER:
                    await self._pause(context, f"HTTP {response.status_code}", attempt, wait)
                    continue
            raise error
        raise AssertionError("unreachable")  # pragma: no cover

    async def _take_slot(self) -> None:
        """Wait for one of the calls in flight to end (as httpx waits for a connection).

        Raises:
            httpx.PoolTimeout: none ended within the pool timeout.
        """
        try:
            async with asyncio.timeout(self._slot_timeout):
                await self._slots.acquire()
        except TimeoutError:
            raise httpx.PoolTimeout("no Quentli connection free in time") from None

    async def _pause(self, context: str, why: str, attempt: int, at_least: float | None) -> None:
        delay = min(self._backoff_base * 2**attempt, _MAX_BACKOFF)
        if at_least is not None:
            delay = max(delay, at_least)
        logger.warning(
            "Quentli %s failed (%s); retry %d/%d in %.2f s",
            context,
            why,
            attempt + 1,
            self._max_read_retries,
            delay,
        )
        await self._sleep(delay)

    def _redact(self, text: str) -> str:
        return text.replace(self._api_key.get_secret_value(), "***")


def _checked_key(api_key: str | SecretStr) -> SecretStr:
    key = api_key.get_secret_value() if isinstance(api_key, SecretStr) else api_key
    # A newline or space would make httpx reject the header with the value in its message.
    if not key or not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        raise ValueError("the Quentli API key is empty or contains invalid characters")
    return SecretStr(key)


def _checked_base_url(base_url: str) -> str:
    url = base_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValueError("the Quentli base URL must start with http:// or https://")
    # Quentli's own examples configure ".../v1"; our paths already start with /v1.
    return url.removesuffix("/v1")


def _segment(value: str) -> str:
    """An id as one URL path segment (an empty id would silently hit the list endpoint)."""
    if not value.strip():
        raise ValueError("an id must not be empty")
    return quote(value, safe="")


def _body(data: pydantic.BaseModel) -> dict[str, Any]:
    return {"input": data.model_dump(mode="json", by_alias=True, exclude_none=True)}
