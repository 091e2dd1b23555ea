"""The office hears of every payment the bot learns of, failed card charges and lost chats."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.ledger import decline
from tests.handlers.staffchat import confirm, say, staff_user
from tests.harness import ADMIN_ID, STAFF_ID, BotUnderTest, bot_under_test
from tests.parents.conftest import WEBHOOK_SECRET, point_sandbox_webhooks
from tests.parents.helpers import TODAY, family, invoice

PARENT = 721_001
OFFICE = -100_888


def office_texts(bot: BotUnderTest) -> list[str]:
    return [m.text or "" for m in bot.telegram.bot_messages(OFFICE)]


@pytest.fixture
async def office_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """Webhooks from the sandbox, and an office group (STAFF_CHAT_ID)."""

    def hook(bot: BotUnderTest) -> None:
        point_sandbox_webhooks(bot)
        bot.services.payment_events.created_grace = 0

    async for running in bot_under_test(
        tmp_path, on_start=hook, quentli_webhook_secret=WEBHOOK_SECRET, staff_chat_id=OFFICE
    ):
        running.telegram.group_chat(OFFICE, "Caja")
        yield running


async def test_a_payment_made_outside_the_bot_reaches_the_office_once(
    office_bot: BotUnderTest,
) -> None:
    bot = office_bot
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 150_000, "Colegiatura marzo")  # made in Quentli's dashboard
    bot.state.pay_invoice(inv["id"])  # INVOICE_PAID and PAYMENT_ATTEMPT_SUCCEEDED
    await bot.telegram.wait_for(lambda: [t for t in office_texts(bot) if "Pago recibido" in t])
    await bot.telegram.settle(quiet=0.5)
    (notice,) = [t for t in office_texts(bot) if "Pago recibido" in t]
    assert "Sofía Pérez" in notice and "Colegiatura marzo" in notice
    assert "$1,500.00 MXN" in notice
    assert "http" not in notice and inv["id"] not in notice


async def test_a_declined_card_reaches_the_office(office_bot: BotUnderTest) -> None:
    bot = office_bot
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 90_000, "Uniforme")
    decline(bot.state, bot.state.invoices[inv["id"]], None)
    notice = await bot.telegram.wait_for(lambda: [t for t in office_texts(bot) if "no pasó" in t])
    assert "Sofía Pérez" in notice[0] and "Uniforme" in notice[0] and "http" not in notice[0]


async def test_a_chat_that_blocked_the_bot_is_told_to_the_office(
    office_bot: BotUnderTest,
) -> None:
    bot = office_bot
    await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    bot.telegram.block(PARENT)
    await bot.services.notifier.to_user(PARENT, "pay.nothing_owed", dedupe_key=None)
    notice = await bot.telegram.wait_for(
        lambda: [t for t in office_texts(bot) if "bloqueó el bot" in t]
    )
    assert "Sofía Pérez" in notice[0] and str(PARENT) not in notice[0]


async def test_a_card_charged_by_the_school_reaches_the_office_once(
    office_bot: BotUnderTest,
) -> None:
    bot = office_bot
    staff = await staff_user(bot)
    lucia = bot.state.add_customer("Lucía García López", "A-1029", has_card=True)
    inv = invoice(bot, lucia, 180_000, "Colegiatura")
    await confirm(bot, staff, await say(bot, staff, f"/cargar {inv['id']}"))
    await bot.telegram.wait_for(lambda: [t for t in office_texts(bot) if "Pago recibido" in t])
    await bot.services.payment_events.drain()
    await bot.telegram.settle(quiet=0.5)
    (notice,) = [t for t in office_texts(bot) if "Pago recibido" in t]
    assert "Lucía García López" in notice and "$1,800.00 MXN" in notice


@pytest.fixture
async def no_office_chat(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """Webhooks from the sandbox, no STAFF_CHAT_ID: the office is each admin's private chat."""

    def hook(bot: BotUnderTest) -> None:
        point_sandbox_webhooks(bot)
        bot.services.payment_events.created_grace = 0

    async for running in bot_under_test(
        tmp_path, on_start=hook, quentli_webhook_secret=WEBHOOK_SECRET
    ):
        yield running


def paid_notices(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [
        m.text or ""
        for m in bot.telegram.bot_messages(chat_id)
        if "Pago recibido" in (m.text or "")
    ]


async def issued_by(bot: BotUnderTest, user: Any, customer: dict[str, Any]) -> str:
    """``user`` issues an invoice of $1,500.00 to ``customer`` from the bot; its id."""
    before = set(bot.state.invoices)
    due = (TODAY + timedelta(days=10)).strftime("%d/%m/%Y")
    summary = await say(bot, user, f"/cobrar {customer['username']} 1500 Colegiatura {due}")
    await confirm(bot, user, summary)
    (invoice_id,) = set(bot.state.invoices) - before
    return invoice_id


async def test_an_invoice_the_admin_issued_and_a_card_paid_tells_the_admin_once(
    no_office_chat: BotUnderTest,
) -> None:
    bot = no_office_chat
    admin = await staff_user(bot, ADMIN_ID)
    _, (camila,) = await family(bot, PARENT, ("Camila Rodríguez Pérez", "A-1"))
    invoice_id = await issued_by(bot, admin, camila)
    bot.state.pay_invoice(invoice_id)  # on the payment page, by card
    await bot.telegram.wait_for(lambda: paid_notices(bot, ADMIN_ID))
    await bot.services.payment_events.drain()
    await bot.telegram.settle(quiet=0.5)
    (notice,) = paid_notices(bot, ADMIN_ID)
    assert "Camila Rodríguez Pérez" in notice and "$1,500.00 MXN" in notice
    assert "con tarjeta en la página de pago" in notice


async def test_a_saved_card_the_admin_charged_tells_the_admin_once(
    no_office_chat: BotUnderTest,
) -> None:
    bot = no_office_chat
    admin = await staff_user(bot, ADMIN_ID)
    await family(bot, PARENT)
    camila = bot.state.add_customer("Camila Rodríguez Pérez", "A-7", has_card=True)
    invoice_id = await issued_by(bot, admin, camila)
    await confirm(bot, admin, await say(bot, admin, f"/cargar {invoice_id}"))
    await bot.telegram.wait_for(lambda: paid_notices(bot, ADMIN_ID))
    await bot.services.payment_events.drain()
    await bot.telegram.settle(quiet=0.5)
    (notice,) = paid_notices(bot, ADMIN_ID)
    assert "con cargo a la tarjeta guardada" in notice and "Camila" in notice


async def test_a_staff_member_outside_the_office_still_hears_of_her_invoice(
    no_office_chat: BotUnderTest,
) -> None:
    bot = no_office_chat
    admin = bot.telegram.user(ADMIN_ID, "Dirección")
    bot.telegram.private_chat(admin)
    staff = await staff_user(bot)
    _, (camila,) = await family(bot, PARENT, ("Camila Rodríguez Pérez", "A-1"))
    invoice_id = await issued_by(bot, staff, camila)
    bot.state.pay_invoice(invoice_id)
    await bot.telegram.wait_for(
        lambda: paid_notices(bot, ADMIN_ID) and paid_notices(bot, STAFF_ID)
    )
    await bot.services.payment_events.drain()
    await bot.telegram.settle(quiet=0.5)
    assert len(paid_notices(bot, ADMIN_ID)) == 1 and len(paid_notices(bot, STAFF_ID)) == 1


async def test_a_card_payment_on_the_page_says_so_to_the_office(office_bot: BotUnderTest) -> None:
    bot = office_bot
    _, (valentina,) = await family(bot, PARENT, ("Valentina Hernández Ruiz", "A-1"))
    inv = invoice(bot, valentina, 90_000, "Uniforme deportivo")
    bot.state.pay_invoice(inv["id"])
    notice = await bot.telegram.wait_for(
        lambda: [t for t in office_texts(bot) if "Pago recibido" in t]
    )
    assert "con tarjeta en la página de pago" in notice[0], notice[0]
    assert "Valentina Hernández Ruiz" in notice[0] and "Uniforme deportivo" in notice[0]


async def test_the_blocked_chat_notice_names_the_person(office_bot: BotUnderTest) -> None:
    bot = office_bot
    user, _ = await family(bot, PARENT, ("Valentina Hernández Ruiz", "A-1"))
    await say(bot, user, "/ayuda")  # the bot has seen her: it knows her name
    bot.telegram.block(PARENT)
    await bot.services.notifier.to_user(PARENT, "pay.nothing_owed", dedupe_key=None)
    notice = await bot.telegram.wait_for(
        lambda: [t for t in office_texts(bot) if "bloqueó el bot" in t]
    )
    assert notice[0].startswith("📵 Mamá (familia de Valentina Hernández Ruiz) bloqueó el bot")
