"""No Quentli event is lost: one whose handling failed, or was cut short, is handled later.

Quentli does not redeliver an event it got a 200 for, so the bot keeps every event in SQLite until
it is handled and the poller retries the others.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import httpx

from bot.ptb.jobs import POLL_JOB
from bot.store import utc_now
from bot.store.db import to_db_time
from bot.web.quentli_webhook import quentli_webhook_url
from tests.harness import BotUnderTest
from tests.parents.conftest import WEBHOOK_SECRET
from tests.parents.helpers import TODAY, family, invoice

PARENT = 730_001
# A read is tried 4 times (3 retries): this many failures make Quentli "down" for one event.
ONE_READ = 4


def notices(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [
        m.text or ""
        for m in bot.telegram.bot_messages(chat_id)
        if "Nuevo pago pendiente" in (m.text or "")
    ]


async def until(check: Callable[[], Awaitable[Any]], timeout: float = 10.0) -> Any:
    """Wait until the async ``check()`` is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value:
            return value
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def poll_round(bot: BotUnderTest) -> None:
    """Run the payments poller job once, as its schedule would."""
    (job,) = bot.runner.application.job_queue.get_jobs_by_name(POLL_JOB)
    await job.run(bot.runner.application)


def created_event(bot: BotUnderTest, invoice_id: str) -> dict[str, Any]:
    return next(
        e
        for e in bot.state.events
        if e["eventType"] == "INVOICE_CREATED" and e["data"]["invoiceId"] == invoice_id
    )


async def test_a_new_invoice_notice_is_sent_once_quentli_is_back(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    events = bot.infra.repos.events
    bot.state.fail_next(503, count=ONE_READ, path_prefix="/v1/invoices/")  # Quentli hiccups
    inv = bot.state.add_invoice(sofia["id"], 150_000, "Colegiatura", TODAY + timedelta(9))
    event_id = created_event(bot, inv["id"])["eventId"]

    failed = await until(lambda: _failed(events, event_id))
    assert failed.processed_at is None and failed.last_error == "ServerError"
    await bot.telegram.settle(quiet=0.3)
    assert notices(bot, PARENT) == []  # nothing was confirmed, nobody told yet

    await poll_round(bot)  # Quentli answers again
    await bot.telegram.wait_for(lambda: notices(bot, PARENT))
    (notice,) = notices(bot, PARENT)
    assert "Colegiatura" in notice and "$1,500.00 MXN" in notice
    stored = await events.get(event_id)
    assert stored is not None and stored.processed_at is not None

    await poll_round(bot)  # handled: never again
    await bot.telegram.settle(quiet=0.3)
    assert len(notices(bot, PARENT)) == 1


async def test_a_redelivery_of_an_event_not_handled_yet_is_handled_at_once(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    events = bot.infra.repos.events
    bot.state.fail_next(503, count=ONE_READ, path_prefix="/v1/invoices/")
    inv = bot.state.add_invoice(sofia["id"], 150_000, "Colegiatura", TODAY + timedelta(9))
    event = created_event(bot, inv["id"])
    await until(lambda: _failed(events, event["eventId"]))

    url = quentli_webhook_url(bot.runner.web_url, WEBHOOK_SECRET)
    async with httpx.AsyncClient() as http:
        answers = await asyncio.gather(*(http.post(url, json=event) for _ in range(3)))
    assert [a.status_code for a in answers] == [200, 200, 200]
    await bot.telegram.wait_for(lambda: notices(bot, PARENT))
    await poll_round(bot)
    await bot.telegram.settle(quiet=0.5)
    assert len(notices(bot, PARENT)) == 1  # three deliveries and a poll: one notice


async def test_an_event_stored_before_a_crash_is_handled_after_the_restart(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 150_000, "Colegiatura")  # no webhook sent
    body = {
        "eventId": "evt_before_crash",
        "eventType": "INVOICE_CREATED",
        "data": {"invoiceId": inv["id"], "customer": {"id": sofia["id"]}},
    }
    # what the receiver stored before the process died, the 200 already sent to Quentli
    assert await bot.infra.repos.events.remember("evt_before_crash", "INVOICE_CREATED", body)
    await bot.restart()

    await poll_round(bot)
    await bot.telegram.wait_for(lambda: notices(bot, PARENT))
    stored = await bot.infra.repos.events.get("evt_before_crash")
    assert stored is not None and stored.processed_at is not None
    await poll_round(bot)
    await bot.telegram.settle(quiet=0.3)
    assert len(notices(bot, PARENT)) == 1


async def test_old_events_skip_the_grace_and_too_old_ones_are_given_up(
    bot: BotUnderTest,
) -> None:
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv_a = invoice(bot, sofia, 150_000, "Colegiatura")
    inv_b = invoice(bot, sofia, 45_000, "Transporte")
    events = bot.infra.repos.events
    for event_id, inv, age in (
        ("evt_hour", inv_a, timedelta(hours=1)),
        ("evt_week", inv_b, timedelta(days=7)),
    ):
        body = {
            "eventId": event_id,
            "eventType": "INVOICE_CREATED",
            "data": {"invoiceId": inv["id"], "customer": {"id": sofia["id"]}},
        }
        await events.remember(event_id, "INVOICE_CREATED", body)
        await bot.infra.db.execute(
            "UPDATE webhook_events SET received_at = ? WHERE event_id = ?",
            (to_db_time(utc_now() - age), event_id),
        )
    assert bot.services.payment_events.created_grace >= 3

    started = time.monotonic()
    assert await bot.services.payment_events.retry_events() == 1
    assert time.monotonic() - started < 2.5  # its grace was over long ago
    await bot.telegram.wait_for(lambda: notices(bot, PARENT))
    await bot.telegram.settle(quiet=0.3)
    (notice,) = notices(bot, PARENT)
    assert "Colegiatura" in notice
    given_up = await events.get("evt_week")
    assert given_up is not None and given_up.processed_at is not None
    assert (given_up.last_error or "").startswith("given up")


async def _failed(events: Any, event_id: str) -> Any:
    stored = await events.get(event_id)
    return stored if stored is not None and stored.attempts >= 1 else None
