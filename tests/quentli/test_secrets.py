"""The API key never shows in a repr, an error message or a log line."""

from __future__ import annotations

import logging

import httpx
import pytest

from bot.quentli import CustomerInput, QuentliClient, QuentliError
from tests.quentli.fakequentli import API_KEY, BASE_URL, FakeQuentli, load


def test_repr_of_the_client() -> None:
    http = httpx.AsyncClient()
    quentli = QuentliClient(http, api_key=API_KEY, base_url=BASE_URL)
    assert API_KEY not in repr(quentli)
    assert API_KEY not in str(quentli)
    assert repr(quentli) == f"QuentliClient(base_url={BASE_URL!r})"
    assert API_KEY not in repr(vars(quentli))


async def test_no_error_and_no_log_line_contains_the_key(
    client: QuentliClient, fake: FakeQuentli, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    errors: list[QuentliError] = []

    async def expect_error() -> None:
        try:
            await client.create_customer(CustomerInput(name="Ana"))
        except QuentliError as exc:
            errors.append(exc)
        else:
            raise AssertionError("expected an error")

    # Quentli echoing the key back in its error message must not carry it any further.
    for status in (400, 401, 403, 404, 409, 422, 429, 500, 418):
        fake.reply(status, {"message": f"bad key Bearer {API_KEY}"})
        await expect_error()
    fake.reply(401, text=f"invalid token {API_KEY}")
    await expect_error()
    for failure in (httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError):
        fake.fail(failure)
        await expect_error()
    fake.reply(200, text="not json")
    await expect_error()
    fake.reply(200, {"customer": {}})
    await expect_error()
    # and a successful read after retries, for the debug and warning lines
    fake.reply(503, {"message": "busy"})
    fake.reply(body=load("create_invoice_response")["invoice"])
    await client.get_invoice("inv_1")

    assert len(errors) == 15
    for error in errors:
        assert API_KEY not in str(error)
        assert API_KEY not in repr(error)
        assert API_KEY not in str(error.args)
    assert any("***" in str(error) for error in errors)
    assert any(record.name == "bot.quentli" for record in caplog.records)
    for record in caplog.records:
        assert API_KEY not in record.getMessage()
    assert API_KEY not in caplog.text
