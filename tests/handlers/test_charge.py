"""/charge (/cargar): charge the saved card after a confirmation; success or the decline."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from tests.handlers.staffchat import PARENT, confirm, linked_parent, posts, say, staff_user
from tests.harness import BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


def _invoice(bot: BotUnderTest, *, has_card: bool) -> dict:  # type: ignore[type-arg]
    lucia = bot.state.add_customer("Lucía García López", "A-1029", has_card=has_card)
    return bot.state.add_invoice(lucia["id"], 180000, "Colegiatura", today(TZ) + timedelta(5))


async def test_a_charge_that_succeeds(bot: BotUnderTest) -> None:
    invoice = _invoice(bot, has_card=True)
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/cargar {invoice['id']}")
    assert "Cobrar a la tarjeta guardada" in summary.text and "$1,800.00 MXN" in summary.text
    assert posts(bot) == []
    result = await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.path == f"/v1/invoices/{invoice['id']}/try-payment"
    assert "Cobro exitoso" in result.text and "$1,800.00 MXN" in result.text
    assert bot.state.invoices[invoice["id"]]["isPaid"] is True


async def test_no_saved_card_is_refused_before_any_confirm(bot: BotUnderTest) -> None:
    invoice = _invoice(bot, has_card=False)
    staff = await staff_user(bot)
    answer = await say(bot, staff, f"/charge {invoice['id']}")
    assert "no tiene una tarjeta guardada" in answer.text
    assert f"/liga {invoice['id']}" in answer.text and answer.reply_markup is None
    assert posts(bot) == [] and await bot.infra.repos.operations.pending_for(staff["id"]) == []
    asked = [r.path for r in bot.quentli_requests("GET", "/v1/customers/")]
    assert f"/v1/customers/{invoice['customerId']}/payment_methods" in asked


async def test_a_charge_tells_the_family_and_says_so(bot: BotUnderTest) -> None:
    invoice = _invoice(bot, has_card=True)
    lucia = bot.state.customers[invoice["customerId"]]
    await linked_parent(bot, lucia)
    staff = await staff_user(bot)
    result = await confirm(bot, staff, await say(bot, staff, f"/cargar {invoice['id']}"))
    assert "Cobro exitoso" in result.text and "Avisamos a 1 chat de la familia" in result.text
    receipt = await bot.telegram.next_reply(PARENT)
    assert "Recibimos tu pago" in receipt.text and "$1,800.00 MXN" in receipt.text


async def test_a_declined_card_is_said_plainly(bot: BotUnderTest) -> None:
    invoice = _invoice(bot, has_card=True)
    bot.state.decline_next_charge()
    staff = await staff_user(bot)
    result = await confirm(bot, staff, await say(bot, staff, f"/cargar {invoice['id']}"))
    assert "El banco rechazó el cargo" in result.text and "no se cobró nada" in result.text
    assert bot.state.invoices[invoice["id"]]["isPaid"] is False
    assert len(posts(bot)) == 1


async def test_a_paid_invoice_is_not_offered_for_a_charge(bot: BotUnderTest) -> None:
    invoice = _invoice(bot, has_card=True)
    bot.state.pay_invoice(invoice["id"], emit=False)
    staff = await staff_user(bot)
    answer = await say(bot, staff, f"/cargar {invoice['id']}")
    assert "ya está pagada" in answer.text and answer.reply_markup is None
    assert posts(bot) == []


async def test_bad_ids_and_strangers_are_refused_without_quentli(bot: BotUnderTest) -> None:
    invoice = _invoice(bot, has_card=True)
    staff = await staff_user(bot)
    assert "no parece un id" in (await say(bot, staff, "/cargar inv_marzo!")).text
    assert "Uso:" in (await say(bot, staff, "/cargar")).text
    stranger = bot.telegram.user(5555, "Pepe")
    assert "solo para el personal" in (await say(bot, stranger, f"/cargar {invoice['id']}")).text
    assert bot.quentli_requests() == []
    # Anything else is a student to look up.
    answer = await say(bot, staff, "/cargar pago-de-marzo")
    assert "No encontré a nadie con «pago-de-marzo»" in answer.text
