"""The wire protocol, spoken directly over HTTP: auth, long polling, offsets, conflicts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.faketelegram import FakeTelegram


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


async def call(
    http: httpx.AsyncClient, fake: FakeTelegram, method: str, **params: Any
) -> httpx.Response:
    return await http.post(f"{fake.base_url}{fake.token}/{method}", data=params)


async def test_wrong_token_is_unauthorized(
    fake_telegram: FakeTelegram, http: httpx.AsyncClient
) -> None:
    response = await http.post(f"{fake_telegram.base_url}999:nope/getMe")

    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_unknown_method_is_not_found(
    fake_telegram: FakeTelegram, http: httpx.AsyncClient
) -> None:
    response = await call(http, fake_telegram, "sendRocket")

    assert response.status_code == 404
    assert response.json()["description"] == "Not Found"


async def test_json_bodies_and_case_insensitive_method_names(
    fake_telegram: FakeTelegram, http: httpx.AsyncClient
) -> None:
    fake_telegram.private_chat(fake_telegram.user(3001))
    url = f"{fake_telegram.base_url}{fake_telegram.token}/SENDMESSAGE"

    response = await http.post(url, json={"chat_id": 3001, "text": "hola"})

    assert response.json()["result"]["text"] == "hola"
    assert fake_telegram.calls[-1].method == "sendMessage"
    assert fake_telegram.calls[-1].params == {"chat_id": 3001, "text": "hola"}


async def test_get_updates_honours_offset(
    fake_telegram: FakeTelegram, http: httpx.AsyncClient
) -> None:
    ana = fake_telegram.user(3002)
    first = fake_telegram.send_message(ana, "uno")
    second = fake_telegram.send_message(ana, "dos")

    everything = (await call(http, fake_telegram, "getUpdates")).json()["result"]
    after_first = (await call(http, fake_telegram, "getUpdates", offset=first + 1)).json()
    confirmed = (await call(http, fake_telegram, "getUpdates", offset=second + 1)).json()

    assert [u["update_id"] for u in everything] == [first, second]
    assert [u["message"]["text"] for u in after_first["result"]] == ["dos"]
    assert confirmed["result"] == []


async def test_long_poll_returns_when_an_update_arrives(
    fake_telegram: FakeTelegram, http: httpx.AsyncClient
) -> None:
    poll = asyncio.create_task(call(http, fake_telegram, "getUpdates", timeout=30))
    await fake_telegram.wait_for(lambda: fake_telegram.state.poll_generation == 1)

    update_id = fake_telegram.send_command(fake_telegram.user(3003), "/start")
    response = await asyncio.wait_for(poll, 5)

    assert [u["update_id"] for u in response.json()["result"]] == [update_id]


async def test_stop_releases_a_pending_long_poll(http: httpx.AsyncClient) -> None:
    fake = FakeTelegram()
    await fake.start()
    poll = asyncio.create_task(call(http, fake, "getUpdates", timeout=30))
    await fake.wait_for(lambda: fake.state.poll_generation == 1)

    await asyncio.wait_for(fake.stop(), 5)

    assert (await poll).json() == {"ok": True, "result": []}


async def test_a_second_poller_terminates_the_first(
    fake_telegram: FakeTelegram, http: httpx.AsyncClient
) -> None:
    first = asyncio.create_task(call(http, fake_telegram, "getUpdates", timeout=30))
    await fake_telegram.wait_for(lambda: fake_telegram.state.poll_generation == 1)

    second = await call(http, fake_telegram, "getUpdates", timeout=0)
    response = await asyncio.wait_for(first, 5)

    assert second.json() == {"ok": True, "result": []}
    assert response.status_code == 409
    assert "terminated by other getUpdates request" in response.json()["description"]


async def test_get_updates_conflicts_with_an_active_webhook(
    fake_telegram: FakeTelegram, http: httpx.AsyncClient
) -> None:
    await call(http, fake_telegram, "setWebhook", url="https://bot.example.com/tg")

    response = await call(http, fake_telegram, "getUpdates")

    assert response.status_code == 409


async def test_fail_next_injects_any_error_once(
    fake_telegram: FakeTelegram, http: httpx.AsyncClient
) -> None:
    fake_telegram.fail_next("getMe", 502)

    failed = await call(http, fake_telegram, "getMe")
    succeeded = await call(http, fake_telegram, "getMe")

    assert (failed.status_code, failed.json()["description"]) == (502, "Bad Gateway")
    assert succeeded.json()["result"]["username"] == "quentli_test_bot"
    with pytest.raises(ValueError, match="unknown Bot API method"):
        fake_telegram.fail_next("sendRocket", 500)
