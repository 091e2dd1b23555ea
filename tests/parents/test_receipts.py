"""Receipts that tell the truth: the school, the child, the concept, the amount, how it was
paid and the payment's reference, whoever learns of the payment first; declines as they were."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.ptb.jobs import POLL_JOB
from bot.sandbox import ledger
from tests.handlers.staffchat import confirm, paid_summary, say, staff_user
from tests.harness import BotUnderTest, bot_under_test
from tests.parents.conftest import WEBHOOK_SECRET, point_sandbox_webhooks
from tests.parents.helpers import family, invoice

PARENT = 740_001
SCHOOL = "Colegio Montessori del Valle"


def _hook(bot: BotUnderTest) -> None:
    point_sandbox_webhooks(bot)
    bot.services.payment_events.created_grace = 0


@pytest.fixture
async def school_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """A running bot with SCHOOL_NAME set and the sandbox's webhooks pointed at it."""
    async for running in bot_under_test(
        tmp_path, on_start=_hook, quentli_webhook_secret=WEBHOOK_SECRET, school_name=SCHOOL
    ):
        yield running


def _receipts(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [
        m.text or ""
        for m in bot.telegram.bot_messages(chat_id)
        if "Recibimos tu pago" in (m.text or "") or "We received your payment" in (m.text or "")
    ]


async def _one_receipt(bot: BotUnderTest, chat_id: int) -> str:
    await bot.telegram.wait_for(lambda: _receipts(bot, chat_id))
    await bot.telegram.settle(quiet=0.3)
    (receipt,) = _receipts(bot, chat_id)
    return receipt


async def test_a_card_payment_on_the_page_names_everything(school_bot: BotUnderTest) -> None:
    bot = school_bot
    _, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    inv = invoice(bot, mateo, 250_000, "Colegiatura marzo")
    bot.state.pay_invoice(inv["id"])  # by card on the sandbox's payment page: webhooks

    receipt = await _one_receipt(bot, PARENT)
    payment_id = bot.state.invoices[inv["id"]]["paidWithId"]
    assert f"🏫 {SCHOOL}" in receipt
    assert "Mateo Ruiz" in receipt and "Colegiatura marzo" in receipt
    assert "$2,500.00 MXN" in receipt
    assert "Forma de pago: tarjeta, en la página de pago" in receipt
    assert f"Referencia: <code>{payment_id}</code>" in receipt
    assert "guardada" not in receipt


async def test_in_english_for_a_parent_who_reads_english(school_bot: BotUnderTest) -> None:
    bot = school_bot
    await bot.infra.repos.prefs.set_language(PARENT, "en")
    _, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"), lang="en")
    inv = invoice(bot, mateo, 99_900, "Field trip")
    bot.state.pay_invoice(inv["id"])

    receipt = await _one_receipt(bot, PARENT)
    assert f"🏫 {SCHOOL}" in receipt and "Paid by: card, on the payment page" in receipt
    assert f"Reference: <code>{bot.state.invoices[inv['id']]['paidWithId']}</code>" in receipt


async def test_a_charge_of_the_saved_card_says_so_once(school_bot: BotUnderTest) -> None:
    bot = school_bot
    await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    lucia = bot.state.add_customer("Lucía García", "A-9", has_card=True)
    await bot.infra.repos.links.link(PARENT, lucia["id"], "Lucía García", "staff", None)
    inv = invoice(bot, lucia, 180_000, "Colegiatura abril")
    staff = await staff_user(bot)

    result = await confirm(bot, staff, await say(bot, staff, f"/cargar {inv['id']}"))
    assert "Cobro exitoso" in result.text
    assert "Avisamos a 1 chat de la familia" in result.text

    # the charge's own receipt and the webhooks of the same payment: one receipt
    receipt = await _one_receipt(bot, PARENT)
    assert "Forma de pago: tarjeta guardada (cargo hecho por la escuela)" in receipt
    assert f"🏫 {SCHOOL}" in receipt and "Lucía García" in receipt
    assert "Colegiatura abril" in receipt and "$1,800.00 MXN" in receipt
    assert f"<code>{bot.state.invoices[inv['id']]['paidWithId']}</code>" in receipt


async def test_a_declined_charge_of_the_saved_card_says_so(school_bot: BotUnderTest) -> None:
    bot = school_bot
    await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    lucia = bot.state.add_customer("Lucía García", "A-9", has_card=True)
    await bot.infra.repos.links.link(PARENT, lucia["id"], "Lucía García", "staff", None)
    inv = invoice(bot, lucia, 180_000, "Colegiatura abril")
    staff = await staff_user(bot)
    bot.state.decline_next_charge()

    result = await confirm(bot, staff, await say(bot, staff, f"/cargar {inv['id']}"))
    assert "El banco rechazó el cargo" in result.text

    failed = await bot.telegram.wait_for(
        lambda: [m for m in bot.telegram.bot_messages(PARENT) if "rechaz" in (m.text or "")]
    )
    assert "tarjeta guardada" in failed[0].text and "página de pago" not in failed[0].text


async def test_a_payment_recorded_in_cash_says_efectivo(school_bot: BotUnderTest) -> None:
    bot = school_bot
    _, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    inv = invoice(bot, mateo, 120_000, "Inscripción")
    staff = await staff_user(bot)
    summary = await paid_summary(bot, staff, f"/pagado {inv['id']}", "Efectivo")

    result = await confirm(bot, staff, summary)
    assert "Pago registrado" in result.text and "Avisamos a 1 chat" in result.text

    receipt = await _one_receipt(bot, PARENT)
    assert "Forma de pago: efectivo, en la escuela" in receipt
    assert f"🏫 {SCHOOL}" in receipt and "Mateo Ruiz" in receipt and "Inscripción" in receipt
    assert "$1,200.00 MXN" in receipt
    assert f"<code>{bot.state.invoices[inv['id']]['paidWithId']}</code>" in receipt


async def test_a_payment_recorded_without_a_method_was_at_the_school(
    school_bot: BotUnderTest,
) -> None:
    bot = school_bot
    _, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    inv = invoice(bot, mateo, 120_000, "Inscripción")
    staff = await staff_user(bot)
    summary = await paid_summary(bot, staff, f"/pagado {inv['id']}")
    # a summary shown by an earlier version, which did not ask how it was paid
    await bot.infra.db.execute(
        "UPDATE operations SET payload = json_remove(payload, '$.method')"
        " WHERE kind = 'invoice.mark_paid'"
    )
    await confirm(bot, staff, summary)
    assert "Forma de pago: en la escuela" in await _one_receipt(bot, PARENT)


async def test_a_payment_recorded_in_quentlis_dashboard_was_at_the_school(
    bot: BotUnderTest,
) -> None:
    user, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    inv = invoice(bot, mateo, 150_000, "Colegiatura marzo")
    bot.telegram.send_command(user, "/pagar")  # what is shown gets watched
    await bot.telegram.next_reply(PARENT)
    ledger.mark_paid(bot.state, inv["id"], None)  # by hand in the dashboard: no webhook

    (job,) = bot.runner.application.job_queue.get_jobs_by_name(POLL_JOB)
    await job.run(bot.runner.application)
    receipt = await _one_receipt(bot, PARENT)
    assert "Forma de pago: en la escuela" in receipt and "🏫 La escuela" in receipt
    assert f"<code>{bot.state.invoices[inv['id']]['paidWithId']}</code>" in receipt
