"""Webhook mode: Telegram's POSTs, checked against WEBHOOK_SECRET, feed the Application."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Update

from bot.web.app import create_web_app
from bot.web.telegram_webhook import SECRET_HEADER, telegram_routes
from tests.harness import BotUnderTest
from tests.ops.conftest import WEBHOOK_SECRET, WEBHOOK_URL

PATH = "/telegram/webhook"


@pytest.fixture
async def client(webhook_bot: BotUnderTest) -> AsyncIterator[httpx.AsyncClient]:
    """HTTP straight into the bot's web app (no socket needed)."""
    runner = webhook_bot.runner
    app = create_web_app(runner.services, runner.application, runner.infra)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as http:
        yield http


def _queued_update(bot: BotUnderTest, text: str) -> tuple[int, dict]:
    """A private message as Telegram would POST it (built by the fake, not delivered)."""
    user = bot.telegram.user(700_100, first_name="Lucía")
    update_id = bot.telegram.send_command(user, text)
    [body] = [u for u in bot.telegram.state.updates if u["update_id"] == update_id]
    return user["id"], body


async def test_webhook_is_registered_and_polling_is_off(webhook_bot: BotUnderTest):
    telegram = webhook_bot.telegram

    assert telegram.webhook is not None
    assert telegram.webhook["url"] == WEBHOOK_URL
    assert telegram.webhook["secret_token"] == WEBHOOK_SECRET
    [call] = telegram.calls_to("setWebhook")
    assert call.params.get("drop_pending_updates") in (None, False)
    assert sorted(telegram.state.allowed_updates) == sorted(Update.ALL_TYPES)
    assert telegram.calls_to("getUpdates") == []
    assert telegram.calls_to("deleteWebhook") == []


async def test_start_posted_with_the_secret_gets_a_reply(
    webhook_bot: BotUnderTest, client: httpx.AsyncClient
):
    chat_id, body = _queued_update(webhook_bot, "/start")

    response = await client.post(PATH, json=body, headers={SECRET_HEADER: WEBHOOK_SECRET})

    assert response.status_code == 200
    reply = await webhook_bot.telegram.next_reply(chat_id)
    assert "Soy el asistente de pagos" in reply.text


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong-secret"}, {SECRET_HEADER: ""}])
async def test_without_the_right_secret_403_and_nothing_happens(
    webhook_bot: BotUnderTest, client: httpx.AsyncClient, headers: dict[str, str]
):
    chat_id, body = _queued_update(webhook_bot, "/start")

    response = await client.post(PATH, json=body, headers=headers)

    assert response.status_code == 403
    # The application took nothing: a valid update sent afterwards is the first one handled.
    _, second = _queued_update(webhook_bot, "/help")
    ok = await client.post(PATH, json=second, headers={SECRET_HEADER: WEBHOOK_SECRET})
    assert ok.status_code == 200
    reply = await webhook_bot.telegram.next_reply(chat_id)
    assert "Soy el asistente de pagos" not in reply.text
    assert webhook_bot.telegram.bot_messages(chat_id) == [reply]


@pytest.mark.parametrize(
    "content",
    [b"not json", b"[1, 2]", b'{"hello": "world"}', b'{"update_id": "seven"}', b"\xff\xfe"],
)
async def test_a_body_that_is_not_an_update_is_400(client: httpx.AsyncClient, content: bytes):
    response = await client.post(
        PATH,
        content=content,
        headers={SECRET_HEADER: WEBHOOK_SECRET, "Content-Type": "application/json"},
    )

    assert response.status_code == 400


async def test_only_post(client: httpx.AsyncClient):
    response = await client.get(PATH, headers={SECRET_HEADER: WEBHOOK_SECRET})

    assert response.status_code == 405


async def test_polling_mode_has_no_webhook_route(polling_bot: BotUnderTest):
    runner = polling_bot.runner

    assert telegram_routes(runner.services, runner.application) == []
    assert polling_bot.telegram.calls_to("setWebhook") == []


async def test_end_to_end_through_the_served_web_app(webhook_bot: BotUnderTest):
    telegram = webhook_bot.telegram
    assert webhook_bot.runner.web_url is not None
    telegram.set_webhook_target(webhook_bot.runner.web_url + PATH)
    user = telegram.user(700_200, first_name="Mateo")

    update_id = telegram.send_command(user, "/start")

    reply = await telegram.next_reply(user["id"])
    assert "Soy el asistente de pagos" in reply.text
    assert [(d.update_id, d.status) for d in telegram.webhook_deliveries] == [(update_id, 200)]


async def test_telegram_retries_what_a_wrong_secret_got_refused(webhook_bot: BotUnderTest):
    telegram = webhook_bot.telegram
    assert webhook_bot.runner.web_url is not None
    telegram.set_webhook_target(webhook_bot.runner.web_url + PATH, secret="not-the-secret")
    user = telegram.user(700_300, first_name="Sofía")

    update_id = telegram.send_command(user, "/start")

    await telegram.wait_for(lambda: telegram.webhook_deliveries)
    assert telegram.webhook_deliveries[0].update_id == update_id
    assert telegram.webhook_deliveries[0].status == 403
    assert telegram.bot_messages(user["id"]) == []
    # With the right secret the same update goes through (Telegram keeps retrying it).
    telegram.set_webhook_target(webhook_bot.runner.web_url + PATH)
    reply = await telegram.next_reply(user["id"])
    assert "Soy el asistente de pagos" in reply.text


async def test_a_webhook_url_telegram_refuses_stops_the_start(tmp_path, telegram):
    from bot.runtime import BotRunner, WebhookSetupError
    from tests.harness import make_settings

    # Accepted by the settings (a loopback http URL, for a local Bot API server), but the
    # official API (here the fake) wants https.
    settings = make_settings(
        tmp_path,
        telegram,
        None,
        webhook_url="http://127.0.0.1:8443/telegram/webhook",
        webhook_secret=WEBHOOK_SECRET,
    )
    runner = BotRunner(settings)

    with pytest.raises(WebhookSetupError, match=r"^Telegram refused WEBHOOK_URL: .*https"):
        await runner.start()
    await runner.stop()
