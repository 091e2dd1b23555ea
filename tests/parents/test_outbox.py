"""The outbox: blocked parents, surviving a restart, and Telegram's flood limits."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.services.notifications import Money
from tests.harness import STAFF_ID, BotUnderTest
from tests.parents.helpers import TODAY, family

PARENT = 720_001


async def queue_paid_notice(bot: BotUnderTest, chat_id: int, invoice_id: str, amount: int) -> None:
    """Queue the staff's "payment received" notice of ``invoice_id`` for one chat."""
    await bot.services.notifier.to_user(
        chat_id,
        "notify.paid_staff",
        dedupe_key=f"paid:{invoice_id}",
        name="Sofía",
        concept="Colegiatura",
        amount=Money(amount),
        paid_on=TODAY,
        invoice_id=invoice_id,
    )


async def test_a_parent_who_blocked_the_bot_gets_what_waited_when_they_come_back(
    bot: BotUnderTest,
) -> None:
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    notifier = bot.services.notifier
    bot.telegram.block(PARENT)
    bot.runner.outbox.pause()
    for n in range(3):
        await notifier.to_customer(
            sofia["id"],
            "notify.paid",
            dedupe_key=f"paid:inv_{n}",
            name="Sofía",
            concept=f"Colegiatura {n}",
            amount=Money(150_000),
            paid_on=TODAY,
            school="Colegio",
            how="efectivo",
            reference=f"inv_{n}",
        )
    bot.runner.outbox.resume()
    outbox = bot.infra.repos.outbox
    await bot.telegram.wait_for(lambda: bot.telegram.calls_to("sendMessage"))
    await bot.telegram.settle(quiet=0.5)

    # one refused attempt; the links stay, the receipts wait and are not tried again
    attempts = [
        c for c in bot.telegram.calls_to("sendMessage") if str(c.params["chat_id"]) == str(PARENT)
    ]
    assert len(attempts) == 1 and attempts[0].status == 403
    assert [c.customer_id for c in await bot.infra.repos.links.customers_for_chat(PARENT)] == [
        sofia["id"]
    ]
    assert await outbox.pending_count() == 0 and await outbox.held_count() == 3
    # a chat that blocked the bot is not counted as told
    told = await notifier.to_customer(
        sofia["id"],
        "notify.paid",
        dedupe_key="paid:inv_9",
        name="Sofía",
        concept="Colegiatura 9",
        amount=Money(1),
        paid_on=TODAY,
        school="Colegio",
        how="efectivo",
        reference="inv_9",
    )
    assert told == 0

    # the parent comes back (writing to a bot you blocked unblocks it): everything arrives
    bot.telegram.send_command(user, "/ayuda")
    await bot.telegram.wait_for(
        lambda: len([m for m in bot.telegram.bot_messages(PARENT) if "Colegiatura" in m.text]) == 4
    )
    waiting = await bot.infra.db.fetchall(
        "SELECT id, chat_id, dedupe_key, attempts, last_error, next_attempt_at FROM outbox"
        " WHERE sent_at IS NULL AND dead_at IS NULL"
    )
    blocks = await bot.infra.db.fetchall("SELECT chat_id, blocked_at FROM chat_blocks")
    calls = [
        (c.method, c.params.get("chat_id"), c.status) for c in bot.telegram.calls_to("sendMessage")
    ]
    assert await outbox.held_count() == 0 and await outbox.pending_count() == 0, (
        [dict(r) for r in waiting],
        [dict(b) for b in blocks],
        calls,
    )


async def test_queued_messages_survive_a_restart(bot: BotUnderTest) -> None:
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    bot.runner.outbox.pause()
    count = await bot.services.notifier.to_customer(
        sofia["id"],
        "notify.invoice_created",
        dedupe_key="new:inv_restart",
        pay_invoice_id="inv_restart",
        name="Sofía Pérez",
        concept="Colegiatura",
        amount=Money(150_000),
        due=TODAY,
    )
    assert count == 1
    assert await bot.infra.repos.outbox.pending_count() == 1
    await bot.telegram.settle(quiet=0.3)
    assert bot.telegram.bot_messages(PARENT) == []  # paused: nothing was sent
    await bot.restart()  # a new process over the same database
    msg = await bot.telegram.next_reply(PARENT)
    assert "Nuevo pago pendiente" in msg.text and "$1,500.00 MXN" in msg.text
    assert [b.value for b in bot.telegram.buttons(msg)] == ["pay:inv_restart"]
    await bot.telegram.settle(quiet=0.2)
    assert await bot.infra.repos.outbox.pending_count() == 0


async def test_a_notice_telegram_answers_with_429_is_sent_after_the_wait(
    bot: BotUnderTest,
) -> None:
    """The worker reads RetryAfter as production does (PTB_TIMEDELTA, set in bot/) and sends
    the message again once the time Telegram asked for has passed."""
    bot.telegram.private_chat(bot.telegram.user(PARENT))
    bot.telegram.fail_next("sendMessage", 429, retry_after=1)
    await queue_paid_notice(bot, PARENT, "inv_429", 150_000)
    await bot.telegram.wait_for(lambda: bot.telegram.bot_messages(PARENT))
    await bot.telegram.settle()
    assert [c.status for c in bot.telegram.calls_to("sendMessage")] == [429, 200]
    (row,) = await bot.infra.db.fetchall("SELECT * FROM outbox WHERE chat_id = ?", (PARENT,))
    assert row["sent_at"] is not None and row["attempts"] == 2


async def test_a_burst_of_100_notifications_keeps_telegrams_limits(
    paced_bot: BotUnderTest,
) -> None:
    bot = paced_bot
    bot.telegram.enforce_rate_limits = True
    chats = list(range(730_000, 730_050))
    for chat_id in chats:
        bot.telegram.private_chat(bot.telegram.user(chat_id))
    for round_ in range(2):  # 2 messages per chat: the second must wait a second
        for chat_id in chats:
            await queue_paid_notice(bot, chat_id, f"inv_{round_}", 100)
    await bot.telegram.wait_for(
        lambda: sum(len(bot.telegram.bot_messages(c)) for c in chats) == 100, timeout=20
    )
    assert [c for c in bot.telegram.calls if c.status == 429] == []
    await bot.telegram.settle(quiet=0.3)
    assert await bot.infra.repos.outbox.pending_count() == 0


async def test_a_message_sent_while_the_disk_is_full_is_not_sent_again(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    bot.telegram.private_chat(bot.telegram.user(STAFF_ID))
    outbox = bot.infra.repos.outbox
    real_mark_sent = outbox.mark_sent

    async def disk_full(message_id: int) -> bool:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(outbox, "mark_sent", disk_full)
    await bot.services.notifier.to_customer(
        sofia["id"],
        "notify.paid",
        dedupe_key="paid:inv_full",
        name="Sofía",
        concept="Colegiatura",
        amount=Money(150_000),
        paid_on=TODAY,
        school="Colegio",
        how="efectivo",
        reference="inv_full",
    )
    await bot.telegram.wait_for(lambda: bot.telegram.bot_messages(PARENT))
    # the worker looks again many times meanwhile (new messages, its idle checks)
    for n in range(5):
        await queue_paid_notice(bot, STAFF_ID, f"inv_other_{n}", 100)
    await bot.telegram.wait_for(lambda: len(bot.telegram.bot_messages(STAFF_ID)) == 5)
    await bot.telegram.settle(quiet=1.0)
    assert len(bot.telegram.bot_messages(PARENT)) == 1

    # the disk has room again: the mark is written, still one message
    monkeypatch.setattr(outbox, "mark_sent", real_mark_sent)
    await queue_paid_notice(bot, STAFF_ID, "inv_after", 100)
    await bot.telegram.wait_for(lambda: len(bot.telegram.bot_messages(STAFF_ID)) == 6)
    for _ in range(100):
        if await outbox.pending_count() == 0:
            break
        await asyncio.sleep(0.05)
    assert await outbox.pending_count() == 0
    assert len(bot.telegram.bot_messages(PARENT)) == 1
