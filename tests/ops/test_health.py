"""/healthz: 200 while the database answers, 503 otherwise; nothing secret in the answer."""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from bot.web.app import create_web_app
from tests.harness import API_KEY, BotUnderTest


async def _healthz(bot: BotUnderTest, method: str = "GET") -> httpx.Response:
    runner = bot.runner
    app = create_web_app(runner.services, runner.application, runner.infra)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as http:
        return await http.request(method, "/healthz")


async def test_healthy_polling_bot(polling_bot: BotUnderTest):
    response = await _healthz(polling_bot)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "quentli": {"last_success_at": None, "mode": "live"},
        "telegram": {"mode": "polling"},
    }


async def test_quentli_last_success_and_no_secrets(polling_bot: BotUnderTest):
    await polling_bot.infra.quentli.list_customers(take=1)

    response = await _healthz(polling_bot)

    body = response.json()
    assert body["quentli"]["last_success_at"].startswith("20")
    text = response.text
    for secret in (polling_bot.telegram.token, API_KEY, polling_bot.sandbox.url, "http"):
        assert secret not in text


async def test_webhook_mode_is_reported(webhook_bot: BotUnderTest):
    response = await _healthz(webhook_bot)

    assert response.json()["telegram"] == {"mode": "webhook"}
    assert "telegram/webhook" not in response.text


async def test_head_for_probes(polling_bot: BotUnderTest):
    response = await _healthz(polling_bot, "HEAD")

    assert response.status_code == 200


async def test_database_not_answering_is_503(
    polling_bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
):
    async def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk I/O error")

    monkeypatch.setattr(polling_bot.infra.db, "fetchone", broken)

    response = await _healthz(polling_bot)

    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["database"] == "error"


async def test_served_on_http_port(polling_bot: BotUnderTest):
    assert polling_bot.runner.web_url is not None
    async with httpx.AsyncClient(base_url=polling_bot.runner.web_url) as http:
        response = await http.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_a_database_that_cannot_write_is_503(
    polling_bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
):
    async def full(*args: object, **kwargs: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(polling_bot.infra.db, "execute", full)

    response = await _healthz(polling_bot)

    assert response.status_code == 503
    assert response.json()["database"] == "error"
