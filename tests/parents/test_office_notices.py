"""The office hears of every payment the bot learns of, failed card charges and lost chats."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.ledger import decline
from tests.handlers.staffchat import confirm, say, staff_user
from tests.harness import BotUnderTest, bot_under_test
from tests.parents.conftest import WEBHOOK_SECRET, point_sandbox_webhooks
from tests.parents.helpers import family, invoice

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
