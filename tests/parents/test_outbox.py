"""The outbox: blocked parents, surviving a restart, and Telegram's flood limits."""

from __future__ import annotations

from bot.services.notifications import Money
from tests.harness import BotUnderTest
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


async def test_a_parent_who_blocked_the_bot_is_unlinked_and_not_written_to(
    bot: BotUnderTest,
) -> None:
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    notifier = bot.services.notifier
    bot.telegram.block(PARENT)
    bot.runner.outbox.pause()
    for n in range(3):
        await notifier.to_customer(
            sofia["id"],
            "notify.paid",
            dedupe_key=f"paid:inv_{n}",
            name="Sofía",
            concept="Colegiatura",
            amount=Money(150_000),
            paid_on=TODAY,
            school="Colegio",
            how="efectivo",
            reference=f"inv_{n}",
        )
    bot.runner.outbox.resume()
    links = bot.infra.repos.links
    await bot.telegram.wait_for(lambda: bot.telegram.calls_to("sendMessage"))
    await bot.telegram.settle(quiet=0.5)

    assert await links.customers_for_chat(PARENT) == []
    assert await links.count_for_customer(sofia["id"]) == (0, 1)
    assert await bot.infra.repos.outbox.pending_count() == 0
    attempts = [
        c for c in bot.telegram.calls_to("sendMessage") if str(c.params["chat_id"]) == str(PARENT)
    ]
    assert len(attempts) == 1 and attempts[0].status == 403
    # nothing more is queued for that chat
    sent = await notifier.to_customer(
        sofia["id"],
        "notify.paid",
        dedupe_key="paid:inv_9",
        name="Sofía",
        concept="Colegiatura",
        amount=Money(1),
        paid_on=TODAY,
        school="Colegio",
        how="efectivo",
        reference="inv_9",
    )
    assert sent == 0


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
