"""Webhook mode: the fake POSTs updates to the bot with Telegram's secret header."""

from __future__ import annotations

import socket

import pytest
from telegram.error import BadRequest

from tests.faketelegram import FakeTelegram

from .conftest import build_echo_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_updates_are_posted_with_the_secret_header(fake_telegram: FakeTelegram) -> None:
    port = _free_port()
    app = build_echo_app(fake_telegram)
    fake_telegram.set_webhook_target(f"http://127.0.0.1:{port}/tg")
    ana = fake_telegram.user(2001, "Ana")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="tg",
            webhook_url="https://bot.example.com/tg",
            secret_token="s3cret-token",
        )
        fake_telegram.send_command(ana, "/echo webhook")
        reply = await fake_telegram.next_reply(2001)
        await app.updater.stop()
        await app.stop()

    assert reply.plain_text == "echo webhook"
    assert fake_telegram.webhook == {
        "url": "https://bot.example.com/tg",
        "secret_token": "s3cret-token",
        "max_connections": 40,
    }
    assert [d.status for d in fake_telegram.webhook_deliveries] == [200]
    assert not fake_telegram.calls_to("getUpdates")


async def test_a_wrong_secret_is_refused_by_the_bot_and_retried(
    fake_telegram: FakeTelegram,
) -> None:
    port = _free_port()
    app = build_echo_app(fake_telegram)
    fake_telegram.set_webhook_target(f"http://127.0.0.1:{port}/tg", secret="not-the-secret")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="tg",
            webhook_url="https://bot.example.com/tg",
            secret_token="s3cret-token",
        )
        fake_telegram.send_command(fake_telegram.user(2002), "/echo nope")
        await fake_telegram.wait_for(lambda: len(fake_telegram.webhook_deliveries) >= 2)
        first_two = [d.status for d in fake_telegram.webhook_deliveries[:2]]
        info = await app.bot.get_webhook_info()
        await app.updater.stop()
        await app.stop()

    assert first_two == [403, 403]
    assert not fake_telegram.bot_messages(2002)
    assert info.pending_update_count == 1
    assert info.last_error_message == "Wrong response from the webhook: 403"


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://bot.example.com/tg", "HTTPS URL must be provided"),
        ("https://bot.example.com:8080/tg", "ports 80, 88, 443 or 8443"),
        ("https://localhost/tg", "Failed to resolve host"),
    ],
)
async def test_set_webhook_is_strict(fake_telegram: FakeTelegram, url: str, error: str) -> None:
    app = build_echo_app(fake_telegram)
    async with app:
        with pytest.raises(BadRequest, match=f"(?i){error}"):
            await app.bot.set_webhook(url)
