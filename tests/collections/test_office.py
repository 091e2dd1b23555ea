"""/overdue (/vencidos), /today (/corte) and the office's daily summary, on the demo school."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.seed import seed_demo
from bot.texts import format_money
from tests.collections.conftest import (
    TODAY,
    TZ,
    Clock,
    check,
    drained,
    due_in,
    parent,
    started,
)
from tests.handlers.staffchat import confirm, paid_summary, press, say, staff_user
from tests.harness import ADMIN_ID, STAFF_ID, BotUnderTest, bot_under_test

OFFICE = -100_555
MOM = 732_001


def money(centavos: int) -> str:
    return format_money(centavos, "es_MX")


def local_day(stamp: str) -> Any:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(TZ).date()


def expected_buckets(bot: BotUnderTest) -> list[tuple[int, int]]:
    """(invoices, centavos) per age bucket, straight from the sandbox's records."""
    buckets = [[0, 0] for _ in range(4)]
    for invoice in bot.state.invoices.values():
        late = (TODAY - local_day(invoice["dueDate"])).days
        if invoice["isPaid"] or invoice["canceledAt"] or late < 1:
            continue
        index = 0 if late <= 30 else 1 if late <= 60 else 2 if late <= 90 else 3
        buckets[index][0] += 1
        buckets[index][1] += invoice["totalAmount"] - invoice["amountPaid"]
    return [(n, amount) for n, amount in buckets]


def expected_cut(bot: BotUnderTest) -> dict[str, tuple[int, int]]:
    """(payments, centavos) by Quentli payment type, for today, from the sandbox's records."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for payment in bot.state.payments.values():
        if payment["isCompleted"] and local_day(payment["paymentTime"]) == TODAY:
            totals[payment["type"]][0] += 1
            totals[payment["type"]][1] += payment["amount"]
    return {kind: (n, amount) for kind, (n, amount) in totals.items()}


async def test_overdue_on_the_demo_school_shows_the_right_buckets_and_totals(
    reminding_bot: BotUnderTest,
) -> None:
    bot = reminding_bot
    seed_demo(bot.state)
    staff = await staff_user(bot)
    report = await say(bot, staff, "/vencidos")

    buckets = expected_buckets(bot)
    names = ["1 a 30 días", "31 a 60 días", "61 a 90 días", "más de 90 días"]
    for name, (count, amount) in zip(names, buckets, strict=True):
        assert f"• {name}: <b>{money(amount)}</b> · solicitudes: {count}" in report.text
    total = sum(amount for _, amount in buckets)
    assert f"Total vencido: <b>{money(total)}</b>" in report.text
    assert f"Solicitudes: {sum(n for n, _ in buckets)} · Familias: 3" in report.text
    # the demo school: Santiago 38 days late, then Mateo and Valentina 12 days
    santiago = report.text.index("Santiago Flores Jiménez")
    assert santiago < report.text.index("Mateo") and santiago < report.text.index("Valentina")
    assert "38 días de atraso" in report.text and "12 días de atraso" in report.text
    labels = [b.text for b in bot.telegram.buttons(report)]
    assert labels[:2] == ["📇 Santiago Flores Jiménez", "🔔 Recordar"]

    card = await press(bot, staff, report, bot.telegram.find_button(report, "Santiago").value)
    assert "Santiago Flores Jiménez" in card.text and card.message_id != report.message_id
    santiago_id = next(c["id"] for c in bot.state.customers.values() if c["username"] == "A-1060")
    nobody = await press(bot, staff, report, f"rmd:{santiago_id}")
    assert "no le llegó a nadie" in nobody.text and "/invitar A-1060" in nobody.text


async def test_overdue_pages_and_an_empty_school(reminding_bot: BotUnderTest) -> None:
    bot = reminding_bot
    staff = await staff_user(bot, lang="en")
    assert "Nothing is overdue" in (await say(bot, staff, "/overdue")).text
    for n in range(8):
        family = bot.state.add_customer(f"Familia {n:02d}", f"C-{n}")
        due_in(bot, family, -(n + 1), 10_000, "Colegiatura")
    first = await say(bot, staff, "/overdue")
    assert "(page 1 of 2)" in first.text and "8 days late" in first.text
    assert "1 day late" not in first.text
    second = await press(bot, staff, first, "ovd:1")
    assert second.message_id == first.message_id  # the list is edited in place
    assert "(page 2 of 2)" in second.text and "1 day late" in second.text
    assert "Next ▶" not in [b.text for b in bot.telegram.buttons(second)]


async def test_the_days_cut_on_the_demo_school_with_a_payment_recorded_at_the_window(
    reminding_bot: BotUnderTest,
) -> None:
    bot = reminding_bot
    seed_demo(bot.state)
    staff = await staff_user(bot)
    cut = await say(bot, staff, "/corte")
    quentli = expected_cut(bot)
    card_n, card_amount = quentli["CARD"]
    other_n, other_amount = quentli["OTHER"]
    assert f"• tarjeta: <b>{money(card_amount)}</b> · pagos: {card_n}" in cut.text
    assert f"• registrado en Quentli: <b>{money(other_amount)}</b> · pagos: {other_n}" in (
        cut.text
    )
    total = card_amount + other_amount
    assert f"<b>Total: {money(total)}</b> · pagos: {card_n + other_n}" in cut.text
    assert "Sofía García López" in cut.text and "Inscripción ciclo escolar" in cut.text

    # Mateo pays at the window; staff record it through the bot
    mateo = next(c for c in bot.state.customers.values() if c["username"] == "A-1030")
    invoice = next(
        i
        for i in bot.state.invoices.values()
        if i["customerId"] == mateo["id"] and not i["isPaid"]
    )
    summary = await paid_summary(bot, staff, f"/pagado {invoice['id']}")
    await confirm(bot, staff, summary)
    after = await say(bot, staff, "/corte hoy")
    amount = invoice["totalAmount"]
    assert f"Mateo Hernández Ruiz · {invoice['items'][0]['description']}" in after.text
    # /pagado now asks how it was paid (Efectivo picked): the cut says so
    assert f"<b>{money(amount)}</b> (efectivo)" in after.text
    assert f"• efectivo: <b>{money(amount)}</b> · pagos: 1" in after.text
    # Quentli lists the mark-paid as a payment too: counted once, with the bot's method
    quentli_line = f"• registrado en Quentli: <b>{money(other_amount)}</b> · pagos: {other_n}"
    assert quentli_line in after.text
    assert f"<b>Total: {money(total + amount)}</b> · pagos: {card_n + other_n + 1}" in after.text

    assert "No se registraron pagos" in (await say(bot, staff, "/corte ayer")).text
    tomorrow = TODAY + timedelta(days=1)
    assert "todavía no llega" in (await say(bot, staff, f"/corte {tomorrow:%d/%m/%Y}")).text
    bad = await say(bot, staff, "/corte 31/02/2025")
    assert "/corte ayer" in bad.text


@pytest.fixture
async def office_bot(tmp_path: Path, clock: Clock) -> AsyncIterator[BotUnderTest]:
    """A bot with the summary at 19:00, sent to the office group; no scheduled reminders."""
    async for running in bot_under_test(
        tmp_path, clock=clock, reminder_days=(), digest_hour=19, staff_chat_id=OFFICE
    ):
        await started(running)
        yield running


async def office_messages(bot: BotUnderTest) -> list[Any]:
    await drained(bot)
    return bot.telegram.bot_messages(OFFICE)


async def test_the_daily_summary_goes_to_the_office_once_a_day(
    office_bot: BotUnderTest, clock: Clock
) -> None:
    bot = office_bot
    bot.telegram.group_chat(OFFICE, "Dirección y caja")
    seed_demo(bot.state)
    camila = next(c for c in bot.state.customers.values() if c["username"] == "A-1052")
    due_in(bot, camila, -1, 120_000, "Transporte")  # becomes overdue today
    await parent(bot, MOM, camila)
    bot.telegram.block(MOM)
    await bot.services.notifier.to_user(MOM, "pay.nothing_owed", dedupe_key=None)
    await bot.telegram.wait_for(lambda: bot.telegram.calls_to("sendMessage"))

    clock.at(18, 50)
    await check(bot)
    # the office hears at once of the chat that blocked the bot; the summary waits for 19:00
    [blocked] = await office_messages(bot)
    assert "Camila Rodríguez Pérez bloqueó el bot" in blocked.text
    clock.at(19, 5)
    await check(bot)
    [_, summary] = await office_messages(bot)
    assert "Resumen del día" in summary.text and "Colegio Montessori" not in summary.text
    quentli = expected_cut(bot)
    paid = sum(amount for _, amount in quentli.values())
    assert f"<b>Total: {money(paid)}</b> · pagos: 3" in summary.text
    assert "Vencieron hoy" in summary.text
    assert f"• Camila Rodríguez Pérez · Transporte: {money(120_000)}" in summary.text
    assert "Camila Rodríguez Pérez: bloqueó el bot" in summary.text
    assert "Comprobantes por revisar</b>: 0" in summary.text
    assert "http" not in summary.text  # never a payment or portal link in the office
    assert [b.value for b in bot.telegram.buttons(summary)] == ["ovd:new", f"cut:{TODAY}"]

    clock.at(21, 0)
    await check(bot)
    await bot.restart()
    await started(bot)
    await check(bot)
    assert len(await office_messages(bot)) == 2

    # its buttons: staff get the report privately; anyone else is refused, on every press
    staff = await staff_user(bot)
    bot.telegram.press_button(staff, summary, "ovd:new")
    private = await bot.telegram.next_reply(STAFF_ID)
    assert "Vencidos" in private.text
    stranger = bot.telegram.user(733_003, "Curioso")
    update_id = bot.telegram.press_button(stranger, summary, f"cut:{TODAY}")
    await drained(bot)
    answer = bot.telegram.callback_answer(update_id)
    assert answer is not None and "solo para el personal" in (answer.text or "")
    assert bot.telegram.bot_messages(733_003) == []
    assert len(await office_messages(bot)) == 2


async def test_without_an_office_group_the_admins_get_the_summary(
    tmp_path: Path, clock: Clock
) -> None:
    async for bot in bot_under_test(tmp_path, clock=clock, digest_hour=11):
        await started(bot)  # at 10:00: not yet
        admin = bot.telegram.user(ADMIN_ID, "Directora")
        bot.telegram.private_chat(admin)
        bot.telegram.send_command(admin, "/language en")
        await bot.telegram.next_reply(ADMIN_ID)
        clock.at(11, 30)
        await check(bot)
        summary = await bot.telegram.next_reply(ADMIN_ID)
        assert "Summary of the day" in summary.text and "Payments received" in summary.text
        assert summary.text.count("None.") == 3
        # in a private chat the button answers with a new message: the summary stays
        bot.telegram.press_button(admin, summary, "ovd:new")
        overdue = await bot.telegram.next_reply(ADMIN_ID)
        assert "Nothing is overdue" in overdue.text
        assert overdue.message_id != summary.message_id
        current = bot.telegram.current(summary)
        assert current is not None and "Summary of the day" in current.text


async def test_a_summary_button_in_the_group_says_only_what_reached_the_presser(
    office_bot: BotUnderTest, clock: Clock
) -> None:
    bot = office_bot
    bot.telegram.group_chat(OFFICE, "Dirección y caja")
    seed_demo(bot.state)
    clock.at(19, 5)
    await check(bot)
    [summary] = await office_messages(bot)
    staff = await staff_user(bot)

    # Quentli fails: the presser is told in the alert; nothing is posted in the group
    bot.state.fail_next(503, count=4, path_prefix="/v1/invoices")  # the read and 3 retries
    update_id = bot.telegram.press_button(staff, summary, "ovd:new")
    await bot.telegram.wait_for(lambda: bot.telegram.callback_answer(update_id) is not None)
    await drained(bot)
    answer = bot.telegram.callback_answer(update_id)
    assert answer is not None and answer.show_alert and "Quentli" in (answer.text or "")
    assert len(await office_messages(bot)) == 1
    assert bot.telegram.bot_messages(STAFF_ID) == []

    # the presser never opened a private chat with the bot: the alert says so, not "sent"
    bot.telegram.block(STAFF_ID)
    update_id = bot.telegram.press_button(staff, summary, f"cut:{TODAY}")
    await bot.telegram.wait_for(lambda: bot.telegram.callback_answer(update_id) is not None)
    await drained(bot)
    answer = bot.telegram.callback_answer(update_id)
    assert answer is not None and "/inicio" in (answer.text or "")
    assert "Te lo mandé" not in (answer.text or "")
    assert len(await office_messages(bot)) == 1


async def test_overdue_with_an_argument_and_the_cut_of_tomorrow_are_answered(
    reminding_bot: BotUnderTest,
) -> None:
    bot = reminding_bot
    seed_demo(bot.state)
    staff = await staff_user(bot)
    reads = len(bot.quentli_requests())

    usage = await say(bot, staff, "/vencidos 2")
    assert "no lleva nada después" in usage.text and "«2»" in usage.text
    assert len(bot.quentli_requests()) == reads  # nothing was read for a bad command

    tomorrow = await say(bot, staff, "/corte mañana")
    assert "todavía no llega" in tomorrow.text
