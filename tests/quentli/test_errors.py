"""One test per error class, plus how Quentli's message is kept."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bot.quentli import (
    AuthError,
    ConflictError,
    CustomerInput,
    NotFoundError,
    QuentliAPIError,
    QuentliClient,
    QuentliConnectionError,
    QuentliError,
    QuentliResponseError,
    QuentliTimeoutError,
    QuentliTransportError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from tests.quentli.fakequentli import FakeQuentli


def test_the_tree() -> None:
    assert issubclass(QuentliConnectionError, QuentliTransportError)
    assert issubclass(QuentliTimeoutError, QuentliTransportError)
    assert issubclass(QuentliTransportError, QuentliError)
    for cls in (AuthError, NotFoundError, ConflictError, ValidationError, RateLimitedError):
        assert issubclass(cls, QuentliAPIError)
    assert issubclass(ServerError, QuentliAPIError)
    assert issubclass(QuentliAPIError, QuentliError)
    assert issubclass(QuentliResponseError, QuentliError)


async def _status_error(
    client: QuentliClient, fake: FakeQuentli, status: int, body: Any = None, **kw: Any
) -> QuentliAPIError:
    fake.reply(status, body if body is not None else {"message": f"says {status}"}, **kw)
    with pytest.raises(QuentliAPIError) as caught:
        await client.create_customer(CustomerInput(name="Ana"))  # a write: never retried
    assert len(fake.requests) == 1
    return caught.value


@pytest.mark.parametrize("status", [401, 403])
async def test_auth_error(client: QuentliClient, fake: FakeQuentli, status: int) -> None:
    error = await _status_error(client, fake, status)
    assert type(error) is AuthError
    assert (error.status_code, error.message) == (status, f"says {status}")
    assert error.write_may_have_landed is False


async def test_not_found_error(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(404, {"message": "Invoice not found"})
    with pytest.raises(NotFoundError) as caught:
        await client.get_invoice("inv_x")
    assert caught.value.message == "Invoice not found"
    assert str(caught.value) == "GET /v1/invoices/inv_x: HTTP 404: Invoice not found"
    assert len(fake.requests) == 1  # a 404 is an answer, not retried


async def test_conflict_error(client: QuentliClient, fake: FakeQuentli) -> None:
    error = await _status_error(client, fake, 409, {"error": "Username already taken"})
    assert type(error) is ConflictError
    assert error.message == "Username already taken"


@pytest.mark.parametrize("status", [400, 422])
async def test_validation_error(client: QuentliClient, fake: FakeQuentli, status: int) -> None:
    body = {"statusCode": status, "message": ["name must be a string", "bad email"]}
    error = await _status_error(client, fake, status, body)
    assert type(error) is ValidationError
    assert error.message == "name must be a string; bad email"


async def test_rate_limited_error(client: QuentliClient, fake: FakeQuentli) -> None:
    error = await _status_error(client, fake, 429, headers={"Retry-After": "7"})
    assert type(error) is RateLimitedError
    assert error.retry_after == 7
    assert error.write_may_have_landed is False


async def test_rate_limited_error_with_an_http_date(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    headers = {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}  # in the past: no wait
    error = await _status_error(client, fake, 429, headers=headers)
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_error(client: QuentliClient, fake: FakeQuentli, status: int) -> None:
    error = await _status_error(client, fake, status, {"errors": [{"message": "boom"}]})
    assert type(error) is ServerError
    assert error.message == "boom"
    assert error.write_may_have_landed is True  # a 5xx to a write says nothing about the commit


async def test_other_statuses_are_plain_api_errors(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    error = await _status_error(client, fake, 418, {"detail": "teapot"})
    assert type(error) is QuentliAPIError
    assert error.message == "teapot"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ({"text": "plain words"}, "plain words"),
        ({"text": "<html><body>Bad gateway</body></html>"}, "Bad Gateway"),
        ({"text": ""}, "Bad Gateway"),
        ({"body": {"error": {"message": "nested"}}}, "nested"),
        ({"body": {"unexpected": 1}}, "Bad Gateway"),
        ({"text": "x" * 1000}, "x" * 299 + "…"),
    ],
)
async def test_messages(
    client: QuentliClient, fake: FakeQuentli, reply: dict[str, Any], message: str
) -> None:
    fake.reply(502, **reply)
    with pytest.raises(ServerError) as caught:
        await client.try_payment("inv_1")
    assert caught.value.message == message


async def test_connection_error(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.fail(httpx.ConnectError)
    with pytest.raises(QuentliConnectionError) as caught:
        await client.create_customer(CustomerInput(name="Ana"))
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert caught.value.write_may_have_landed is False
    assert "POST /v1/customers: ConnectError" in str(caught.value)


async def test_timeout_error(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.fail(httpx.ReadTimeout)
    with pytest.raises(QuentliTimeoutError) as caught:
        await client.create_customer(CustomerInput(name="Ana"))
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)
    assert caught.value.write_may_have_landed is True
    assert "may have reached Quentli" in str(caught.value)


async def test_response_error_for_a_2xx_that_is_not_json(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(200, text="<html>login</html>")
    with pytest.raises(QuentliResponseError, match="not JSON") as caught:
        await client.get_customer("cus_1")
    assert isinstance(caught.value.__cause__, ValueError)
    assert caught.value.write_may_have_landed is False
