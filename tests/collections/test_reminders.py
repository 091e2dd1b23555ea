"""Scheduled reminders through the real Application, with the clock moved by the test."""

from __future__ import annotations

from bot.sandbox import ledger
from tests.collections.conftest import Clock, check, drained, due_in, parent, started
from tests.collections.conftest import sofia as sofia_of
from tests.harness import BotUnderTest

MOM = 730_101
DAD = 730_102
OTHER = 730_103


def sends_to(bot: BotUnderTest, chat_id: int) -> list[object]:
    """Every sendMessage the bot tried in the chat (delivered or refused)."""
    return [
        c for c in bot.telegram.calls_to("sendMessage") if str(c.params["chat_id"]) == str(chat_id)
    ]


async def test_a_reminder_goes_out_inside_the_window_and_not_outside(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = await sofia_of(bot, MOM)
    invoice_id = due_in(bot, sofia, 3, 485_000, "Colegiatura Mayo")

    clock.at(7, 30)  # before the window
    await check(bot)
    clock.at(20, 0)  # the end of the window is excluded
    await check(bot)
    await drained(bot)
    assert bot.telegram.bot_messages(MOM) == []

    clock.at(9, 30)  # a bot started at 9:30 sends the 9:00 batch
    await check(bot)
    msg = await bot.telegram.next_reply(MOM)
    assert "Recordatorio amistoso" in msg.text
    assert "Colegiatura Mayo" in msg.text and "$4,850.00 MXN" in msg.text
    assert "en 3 días" in msg.text and "Sofía García López" in msg.text
    assert "/avisos" in msg.text
    assert [b.value for b in bot.telegram.buttons(msg)] == [f"pay:{invoice_id}"]
    # no payment link in the reminder: the Pay button fetches a fresh one when pressed
    assert "http" not in msg.text
    bot.telegram.press_button(bot.telegram.user(MOM), msg, f"pay:{invoice_id}")
    assert "Colegiatura Mayo" in (await bot.telegram.next_reply(MOM)).text


async def test_a_second_run_the_same_day_and_a_restart_send_nothing_more(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = await sofia_of(bot, MOM)
    due_in(bot, sofia, 3, 485_000, "Colegiatura Mayo")
    clock.at(9, 0)
    await check(bot)
    await bot.telegram.next_reply(MOM)

    clock.at(9, 10)
    await check(bot)
    await bot.restart()
    await started(bot)  # the start-up check ran, inside the window
    clock.at(13, 0)
    await check(bot)
    await drained(bot)
    assert len(bot.telegram.bot_messages(MOM)) == 1

    # The next day the invoice is due in 2 days: no offset of REMINDER_DAYS, nothing sent;
    # the day after, in 1 day: nothing either. On its due day it is reminded again.
    clock.at(10, 0, days=1)
    await check(bot)
    clock.at(10, 0, days=2)
    await check(bot)
    await drained(bot)
    assert len(bot.telegram.bot_messages(MOM)) == 1
    clock.at(10, 0, days=3)
    await check(bot)
    msg = await bot.telegram.next_reply(MOM)
    assert "Hoy es día de pago" in msg.text and "vence <b>hoy</b>" in msg.text


async def test_a_day_the_bot_was_down_is_not_sent_late(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = await sofia_of(bot, MOM)
    due_in(bot, sofia, 3, 485_000, "Colegiatura Mayo")
    clock.at(22, 0)  # today's window was missed (the bot was down all day)
    await check(bot)
    clock.at(9, 0, days=1)  # tomorrow the invoice is due in 2 days: not a reminder day
    await check(bot)
    await drained(bot)
    assert bot.telegram.bot_messages(MOM) == []


async def test_paid_and_cancelled_invoices_are_skipped(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = await sofia_of(bot, MOM)
    paid = due_in(bot, sofia, 3, 485_000, "Colegiatura pagada")
    cancelled = due_in(bot, sofia, 3, 120_000, "Transporte cancelado")
    due_today = due_in(bot, sofia, 0, 185_050, "Uniforme")
    bot.state.pay_invoice(paid, emit=False)
    ledger.cancel_invoice(bot.state, cancelled)
    await check(bot)
    msg = await bot.telegram.next_reply(MOM)
    assert "Uniforme" in msg.text
    assert "pagada" not in msg.text and "cancelado" not in msg.text
    assert [b.value for b in bot.telegram.buttons(msg)] == [f"pay:{due_today}"]


async def test_two_invoices_of_one_chat_arrive_as_one_message(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    mateo = bot.state.add_customer("Mateo Hernández Ruiz", "A-1030")
    valentina = bot.state.add_customer("Valentina Hernández Ruiz", "A-1031")
    await parent(bot, MOM, mateo, valentina)
    await parent(bot, DAD, mateo)
    soon = due_in(bot, mateo, 3, 120_000, "Transporte")
    late = due_in(bot, valentina, -10, 485_000, "Colegiatura")
    due_in(bot, valentina, 5, 485_000, "Colegiatura Junio")  # no reminder today
    await check(bot)

    msg = await bot.telegram.next_reply(MOM)
    assert "Transporte" in msg.text and "Colegiatura" in msg.text
    assert "Junio" not in msg.text
    # the firmest wording (one is overdue), never a threat
    assert "Si ya pagaste" in msg.text
    labels = {b.value: b.text for b in bot.telegram.buttons(msg)}
    assert set(labels) == {f"pay:{soon}", f"pay:{late}"}
    assert labels[f"pay:{late}"].startswith("💳 Valentina")
    dad = await bot.telegram.next_reply(DAD)
    assert [b.value for b in bot.telegram.buttons(dad)] == [f"pay:{soon}"]
    await drained(bot)
    assert len(bot.telegram.bot_messages(MOM)) == 1


async def test_notifications_off_stops_them_and_on_brings_them_back(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = bot.state.add_customer("Sofía García López", "A-1029")
    mom = await parent(bot, MOM, sofia)
    due_in(bot, sofia, 3, 485_000, "Colegiatura Mayo")
    bot.telegram.send_command(mom, "/avisos")
    state = await bot.telegram.next_reply(MOM)
    assert "<b>activados</b>" in state.text
    bot.telegram.press_button(mom, state, "notif:off")
    assert "<b>desactivados</b>" in (await bot.telegram.next_reply(MOM)).text
    await check(bot)
    await drained(bot)
    assert len(bot.telegram.bot_messages(MOM)) == 2  # the state and its edit, no reminder

    bot.telegram.send_command(mom, "/avisos si")
    assert "<b>activados</b>" in (await bot.telegram.next_reply(MOM)).text
    await check(bot)
    assert "Recordatorio amistoso" in (await bot.telegram.next_reply(MOM)).text


async def test_notifications_in_english_and_for_a_chat_not_linked(
    reminding_bot: BotUnderTest,
) -> None:
    bot = reminding_bot
    sofia = bot.state.add_customer("Sofía García López", "A-1029")
    mary = await parent(bot, MOM, sofia, lang="en")
    bot.telegram.send_command(mary, "/notifications maybe")
    assert "/notifications on" in (await bot.telegram.next_reply(MOM)).text
    bot.telegram.send_command(mary, "/notifications off")
    reply = await bot.telegram.next_reply(MOM)
    assert "<b>off</b>" in reply.text
    assert [b.value for b in bot.telegram.buttons(reply)] == ["notif:on"]
    stranger = bot.telegram.user(OTHER)
    bot.telegram.send_command(stranger, "/avisos")
    assert "/inicio" in (await bot.telegram.next_reply(OTHER)).text


async def test_a_chat_that_blocked_the_bot_gets_none(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = await sofia_of(bot, MOM, DAD)
    due_in(bot, sofia, -3, 485_000, "Colegiatura")
    bot.telegram.block(DAD)
    # a receipt found the block first: delivery to the chat is off (its links stay)
    await bot.services.notifier.to_user(DAD, "pay.nothing_owed", dedupe_key=None)
    await bot.telegram.wait_for(lambda: sends_to(bot, DAD))
    await drained(bot)
    assert await bot.infra.repos.blocks.is_blocked(DAD)
    assert await bot.infra.repos.links.customers_for_chat(DAD) != []

    await check(bot)
    assert "Recordatorio de pago" in (await bot.telegram.next_reply(MOM)).text
    await drained(bot)
    assert len(sends_to(bot, DAD)) == 1  # only the refused receipt: no reminder was tried


async def test_linked_customers_are_read_with_one_list_call_per_100(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    children = [bot.state.add_customer(f"Alumno {n}", f"B-{n}") for n in range(150)]
    for n, child in enumerate(children):
        await parent(bot, 740_000 + n, child)
        # a reminder day (-3, 0, 3 or 10 days from the due date) for two families in three
        due_in(bot, child, (3, -10, 5)[n % 3], 100_000 + n, "Colegiatura")
        due_in(bot, child, 1, 50_000, "Transporte")  # not a reminder day
    before = len(bot.state.requests)
    await check(bot)
    requests = bot.state.requests[before:]
    assert [(r.method, r.path) for r in requests] == [("GET", "/v1/invoices")] * 2
    reminded = [740_000 + n for n in range(150) if n % 3 != 2]
    await bot.telegram.wait_for(
        lambda: all(bot.telegram.bot_messages(chat) for chat in reminded), timeout=30
    )
    await drained(bot)
    assert not any(bot.telegram.bot_messages(740_000 + n) for n in range(2, 150, 3))
