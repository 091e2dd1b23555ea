"""Queued notices follow who may read them: an unlinked chat or a removed staff member gets no
notice queued before, and the issuer of an invoice is told even when the watch came first."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.services.notifications import Money
from tests.handlers.staffchat import confirm, say, staff_user
from tests.harness import ADMIN_ID, STAFF_ID, BotUnderTest
from tests.parents.helpers import TODAY, family, invoice

PARENT = 740_001


def texts(bot: BotUnderTest, chat_id: int, needle: str) -> list[str]:
    return [m.text or "" for m in bot.telegram.bot_messages(chat_id) if needle in (m.text or "")]


async def queue_new_invoice_notice(bot: BotUnderTest, customer_id: str, invoice_id: str) -> int:
    return await bot.services.notifier.to_customer(
        customer_id,
        "notify.invoice_created",
        dedupe_key=f"new:{invoice_id}",
        pay_invoice_id=invoice_id,
        name="Sofía Pérez",
        concept="Colegiatura",
        amount=Money(150_000),
        due=TODAY,
    )


async def test_a_notice_queued_before_unlink_is_not_sent_after_it(bot: BotUnderTest) -> None:
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 150_000, "Colegiatura")
    bot.runner.outbox.pause()
    assert await queue_new_invoice_notice(bot, sofia["id"], inv["id"]) == 1

    bot.telegram.send_command(user, "/desvincular")
    question = await bot.telegram.next_reply(PARENT)
    bot.telegram.press_button(user, question, "unlink:yes")
    assert "ya no está vinculado" in (await bot.telegram.next_reply(PARENT)).text
    bot.runner.outbox.resume()
    await bot.telegram.settle(quiet=1.0)

    assert texts(bot, PARENT, "Nuevo pago pendiente") == []
    assert await bot.infra.repos.outbox.pending_count() == 0
    (row,) = await bot.infra.db.fetchall("SELECT * FROM outbox WHERE chat_id = ?", (PARENT,))
    assert row["dead_at"] is not None and row["sent_at"] is None
    assert row["last_error"] == "chat unlinked"


async def test_a_notice_waiting_its_turn_is_not_sent_after_unlink(
    paced_bot: BotUnderTest,
) -> None:
    """The worker re-reads a row before sending: one it held back (1 s per chat) and that was
    dropped meanwhile never goes out."""
    bot = paced_bot
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    first = invoice(bot, sofia, 150_000, "Colegiatura")
    second = invoice(bot, sofia, 150_000, "Colegiatura")
    await queue_new_invoice_notice(bot, sofia["id"], first["id"])
    await queue_new_invoice_notice(bot, sofia["id"], second["id"])
    await bot.telegram.wait_for(lambda: texts(bot, PARENT, "Nuevo pago pendiente"))
    assert await bot.services.linking.unlink(PARENT) == 1  # within the second's 1 s wait
    await bot.telegram.settle(quiet=1.5)
    assert len(texts(bot, PARENT, "Nuevo pago pendiente")) == 1
    assert await bot.infra.repos.outbox.pending_count() == 0


async def test_a_removed_staff_member_gets_no_paid_notice(hooked_bot: BotUnderTest) -> None:
    bot = hooked_bot
    await staff_user(bot)
    admin = bot.telegram.user(ADMIN_ID)
    bot.telegram.private_chat(admin)
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    queued = invoice(bot, sofia, 150_000, "Colegiatura marzo")
    later = invoice(bot, sofia, 90_000, "Uniforme")
    for inv in (queued, later):
        await bot.infra.repos.watches.watch(inv["id"], sofia["id"], STAFF_ID)  # as /invoice

    # paid while the outbox is held: the staff notice is queued, then they are removed
    bot.runner.outbox.pause()
    bot.state.pay_invoice(queued["id"])
    outbox = bot.infra.repos.outbox
    for _ in range(100):
        rows = await bot.infra.db.fetchall("SELECT 1 FROM outbox WHERE chat_id = ?", (STAFF_ID,))
        if rows:
            break
        await asyncio.sleep(0.05)  # the webhook is handled in the background
    assert rows, "the staff notice was not queued"
    bot.telegram.send_command(admin, f"/staff remove {STAFF_ID}")
    assert "ya no es personal" in (await bot.telegram.next_reply(ADMIN_ID)).text
    bot.runner.outbox.resume()
    await bot.telegram.wait_for(lambda: texts(bot, PARENT, "Recibimos tu pago"))

    # paid after they were removed: no notice is even queued for them
    bot.state.pay_invoice(later["id"])
    await bot.telegram.wait_for(lambda: len(texts(bot, PARENT, "Recibimos tu pago")) == 2)
    await bot.telegram.settle(quiet=1.0)
    assert texts(bot, STAFF_ID, "Pago recibido") == []
    assert texts(bot, STAFF_ID, "te quitó del personal")  # told they were removed, only that
    assert await outbox.pending_count() == 0
    rows = await bot.infra.db.fetchall(
        "SELECT last_error FROM outbox WHERE chat_id = ? AND sent_at IS NULL", (STAFF_ID,)
    )
    assert [r["last_error"] for r in rows] == ["staff removed"]


async def test_an_admin_who_issued_the_invoice_is_still_told(hooked_bot: BotUnderTest) -> None:
    bot = hooked_bot
    bot.telegram.private_chat(bot.telegram.user(ADMIN_ID))
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 150_000, "Colegiatura marzo")
    await bot.infra.repos.watches.watch(inv["id"], sofia["id"], ADMIN_ID)
    bot.state.pay_invoice(inv["id"])
    await bot.telegram.wait_for(lambda: texts(bot, ADMIN_ID, "Pago recibido"))


async def test_the_issuer_is_told_when_the_webhook_watched_the_invoice_first(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    staff = await staff_user(bot)
    await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    # Quentli answers the POST late: its INVOICE_CREATED webhook is handled (and the invoice
    # watched, without issuer) before the bot records the watch with its issuer.
    bot.state.hang_next(1.0, path_prefix="/v1/invoices")
    due = TODAY + timedelta(days=20)
    summary = await say(bot, staff, f"/cobrar A-1 1500 Colegiatura vence {due:%d/%m/%Y}")
    result = await confirm(bot, staff, summary)
    assert "Solicitud de pago creada" in result.text
    (invoice_id,) = bot.state.invoices
    watch = await bot.infra.repos.watches.get(invoice_id)
    assert watch is not None and watch.issued_by == STAFF_ID

    bot.state.pay_invoice(invoice_id)
    await bot.telegram.wait_for(lambda: texts(bot, STAFF_ID, "Pago recibido"))
    await bot.telegram.settle(quiet=0.5)
    assert len(texts(bot, PARENT, "Nuevo pago pendiente")) == 1
    assert len(texts(bot, PARENT, "Recibimos tu pago")) == 1
