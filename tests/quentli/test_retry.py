"""Reads are retried with bounded backoff; writes never are."""

from __future__ import annotations

import httpx
import pytest

from bot.quentli import (
    CustomerInput,
    QuentliClient,
    QuentliConnectionError,
    QuentliTimeoutError,
    RateLimitedError,
    ServerError,
)
from tests.quentli.fakequentli import FakeQuentli, load

INVOICE = load("create_invoice_response")["invoice"]


async def test_a_get_is_retried_then_succeeds(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(503, {"message": "busy"})
    fake.fail(httpx.ConnectError)
    fake.fail(httpx.ReadTimeout)
    fake.reply(body=INVOICE)
    invoice = await client.get_invoice("inv_1")
    assert invoice.id == "inv_1234567890abcdefghij"
    assert len(fake.requests) == 4
    assert {r.url.path for r in fake.requests} == {"/v1/invoices/inv_1"}
    assert fake.delays == [0.25, 0.5, 1.0]


@pytest.mark.parametrize("failure", [httpx.RemoteProtocolError, httpx.ReadError])
async def test_dropped_connections_are_retried_for_reads(
    client: QuentliClient, fake: FakeQuentli, failure: type[httpx.RequestError]
) -> None:
    fake.fail(failure)
    fake.reply(body=[])
    assert await client.list_invoices() == []
    assert len(fake.requests) == 2


async def test_retries_are_bounded(client: QuentliClient, fake: FakeQuentli) -> None:
    for _ in range(4):
        fake.reply(500, {"message": "down"})
    with pytest.raises(ServerError, match="down") as caught:
        await client.list_customers()
    assert len(fake.requests) == 4  # 1 + max_read_retries
    assert fake.delays == [0.25, 0.5, 1.0]
    assert caught.value.write_may_have_landed is False


async def test_timeouts_on_every_try_become_a_timeout_error(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    for _ in range(4):
        fake.fail(httpx.ReadTimeout)
    with pytest.raises(QuentliTimeoutError):
        await client.get_customer("cus_1")
    assert len(fake.requests) == 4


async def test_backoff_is_capped() -> None:
    fake = FakeQuentli()
    http = httpx.AsyncClient(transport=httpx.MockTransport(fake.handler))
    async with QuentliClient(
        http, api_key="sk_x", base_url="https://q.test", max_read_retries=6, backoff_base=1
    ) as quentli:
        quentli._sleep = fake.sleep
        for _ in range(6):
            fake.fail(httpx.ConnectError)
        fake.reply(body=[])
        await quentli.list_payments()
    assert fake.delays == [1, 2, 4, 5, 5, 5]


async def test_429_honours_a_small_retry_after(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(429, {"message": "slow down"}, headers={"Retry-After": "3"})
    fake.reply(body=[])
    await client.list_invoices()
    assert fake.delays == [3]
    assert len(fake.requests) == 2


async def test_429_with_a_long_retry_after_is_raised_at_once(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(429, {"message": "slow down"}, headers={"Retry-After": "120"})
    with pytest.raises(RateLimitedError) as caught:
        await client.list_invoices()
    assert caught.value.retry_after == 120
    assert fake.delays == []
    assert len(fake.requests) == 1


async def test_client_errors_are_not_retried(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(400, {"message": "bad filter"})
    with pytest.raises(Exception, match="bad filter"):
        await client.list_invoices({"nope": 1})
    assert len(fake.requests) == 1


async def test_a_post_is_not_retried_after_a_read_timeout(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.fail(httpx.ReadTimeout)
    with pytest.raises(QuentliTimeoutError) as caught:
        await client.create_customer(CustomerInput(name="Ana"))
    assert len(fake.requests) == 1
    assert caught.value.write_may_have_landed is True
    assert fake.delays == []


@pytest.mark.parametrize(
    ("failure", "landed"),
    [
        (httpx.ConnectError, False),
        (httpx.ConnectTimeout, False),
        (httpx.PoolTimeout, False),
        (httpx.ReadTimeout, True),
        (httpx.WriteTimeout, True),
        (httpx.ReadError, True),
        (httpx.WriteError, True),
        (httpx.RemoteProtocolError, True),
    ],
)
async def test_writes_are_never_retried_and_say_whether_they_may_have_landed(
    client: QuentliClient,
    fake: FakeQuentli,
    failure: type[httpx.RequestError],
    landed: bool,
) -> None:
    for call in (
        lambda: client.try_payment("inv_1"),
        lambda: client.mark_paid("inv_1"),
        lambda: client.cancel_invoice("inv_1"),
    ):
        fake.fail(failure)
        with pytest.raises((QuentliTimeoutError, QuentliConnectionError)) as caught:
            await call()
        assert caught.value.write_may_have_landed is landed
    assert [r.method for r in fake.requests] == ["POST", "POST", "DELETE"]
    assert fake.delays == []


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_writes_are_not_retried_on_429_or_5xx(
    client: QuentliClient, fake: FakeQuentli, status: int
) -> None:
    fake.reply(status, {"message": "no"}, headers={"Retry-After": "1"})
    with pytest.raises((RateLimitedError, ServerError)):
        await client.create_customer(CustomerInput(name="Ana"))
    assert len(fake.requests) == 1
    assert fake.delays == []
