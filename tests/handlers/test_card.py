"""The student card (/alumno): its invoice buttons, paged, re-checked on every press; the
invoice picker of /pagado, /cargar, /liga; /pagado's method and day."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.handlers.ui.common import telegram_length
from bot.parsing.dates import today
from bot.store import OperationState
from tests.faketelegram import SentMessage
from tests.handlers.staffchat import (
    PARENT,
    button,
    confirm,
    linked_parent,
    paid_summary,
    posts,
    press,
    raw_press,
    say,
    staff_user,
)
from tests.harness import STAFF_ID, BotUnderTest

DAD = 7_902
TZ = ZoneInfo("America/Mexico_City")
LONG = (
    "Colegiatura del ciclo escolar con cargo por reinscripción, material didáctico, seguro "
    "escolar, cuota de la sociedad de padres de familia y actividades extracurriculares"
)


def _lucia(bot: BotUnderTest, invoices: int = 1, **kwargs: Any) -> tuple[dict, list[dict]]:  # type: ignore[type-arg]
    lucia = bot.state.add_customer("Lucía García López", "A-1029", **kwargs)
    made = [
        bot.state.add_invoice(
            lucia["id"], 100000 + n * 100, f"Colegiatura {n + 1}", today(TZ) + timedelta(n + 1)
        )
        for n in range(invoices)
    ]
    return lucia, made


async def _op_payload(bot: BotUnderTest, summary: SentMessage) -> dict[str, Any]:
    op = await bot.infra.repos.operations.get(button(bot, summary, "Confirmar").split(":")[1])
    assert op is not None
    return dict(op.payload)


async def test_a_window_payment_is_three_taps_from_the_card(bot: BotUnderTest) -> None:
    lucia, [invoice] = _lucia(bot)
    await linked_parent(bot, lucia)
    await linked_parent(bot, lucia, DAD)  # both parents' chats
    staff = await staff_user(bot)
    card = await say(bot, staff, "/alumno Lucía")
    assert "Tarjeta guardada: <b>no</b>" in card.text and "Colegiatura 1" in card.text

    asked = await press(bot, staff, card, button(bot, card, "Registrar pago"))  # tap 1
    assert "¿Cómo se pagó?" in asked.text
    summary = await press(bot, staff, asked, button(bot, asked, "Efectivo"))  # tap 2
    assert (
        "Forma de pago: <b>efectivo</b>" in summary.text and "Fecha del pago: hoy" in summary.text
    )
    payload = await _op_payload(bot, summary)
    assert payload["method"] == "cash"
    result = await confirm(bot, staff, summary)  # tap 3

    [sent] = posts(bot)
    assert sent.path == f"/v1/invoices/{invoice['id']}/mark-paid"
    assert sent.body == {"input": {"paymentTime": payload["payment_time"]}}
    assert "Pago registrado" in result.text and "Forma de pago: efectivo" in result.text
    assert "Avisamos a 2 chats" in result.text
    for chat in (PARENT, DAD):  # each linked chat: one receipt, saying how it was paid
        receipt = (await bot.telegram.next_reply(chat)).text
        assert "Recibimos tu pago" in receipt and "efectivo" in receipt
    [entry] = await bot.infra.repos.audit.recent(customer_id=lucia["id"])
    assert entry.request["method"] == "cash"


async def test_another_day_is_a_tap_or_typed(bot: BotUnderTest) -> None:
    _lucia(bot)
    staff = await staff_user(bot)
    card = await say(bot, staff, "/alumno A-1029")
    asked = await press(bot, staff, card, button(bot, card, "Registrar pago"))
    summary = await press(bot, staff, asked, button(bot, asked, "Transferencia"))
    first = button(bot, summary, "Confirmar").split(":")[1]
    # the hint names the day button the summary has
    assert "Toca «Ayer» o escribe la fecha" in summary.text

    yesterday = today(TZ) - timedelta(days=1)
    summary = await press(bot, staff, summary, button(bot, summary, "Ayer"))
    assert "Forma de pago: <b>transferencia</b>" in summary.text
    assert [b.text for b in bot.telegram.buttons(summary)][-1:] == ["📅 Hoy"]
    assert "Toca «Hoy» o escribe la fecha" in summary.text and "«Ayer»" not in summary.text
    assert f"{yesterday.day} de" in summary.text
    payload = await _op_payload(bot, summary)
    assert payload["method"] == "transfer" and payload["paid_on"] == yesterday.isoformat()
    old = await bot.infra.repos.operations.get(first)
    assert old is not None and old.state == OperationState.CANCELLED

    typed = today(TZ) - timedelta(days=3)
    again = await say(bot, staff, typed.strftime("%d/%m/%Y"))
    assert "Toca «Hoy» o «Ayer», o escribe la fecha" in again.text
    # the summary it replaced says so and keeps no buttons
    replaced = await bot.telegram.next_reply(staff["id"])
    assert replaced.message_id == summary.message_id
    assert "se reemplazó por el de abajo" in replaced.text
    assert bot.telegram.buttons(replaced) == []
    payload = await _op_payload(bot, again)
    assert payload["paid_on"] == typed.isoformat() and payload["method"] == "transfer"
    await confirm(bot, staff, again)
    [sent] = posts(bot)
    assert sent.body == {"input": {"paymentTime": f"{typed.isoformat()}T06:00:00.000Z"}}
    # The earlier summaries were replaced: their Confirm sends nothing more.
    assert len(await bot.infra.repos.operations.pending_for(STAFF_ID)) == 0


async def test_a_typed_date_that_is_not_one_is_refused(bot: BotUnderTest) -> None:
    _lucia(bot)
    staff = await staff_user(bot)
    asked = await say(bot, staff, f"/pagado {next(iter(bot.state.invoices))}")
    summary = await press(bot, staff, asked, button(bot, asked, "Cheque"))
    answer = await say(bot, staff, "mañana temprano")
    assert "DD/MM/AAAA" in answer.text
    tomorrow = today(TZ) + timedelta(days=1)
    assert "todavía no llega" in (await say(bot, staff, f"{tomorrow:%d/%m/%Y}")).text
    assert await _op_payload(bot, summary)  # the summary still waits for its Confirm
    assert posts(bot) == []


async def test_the_one_line_date_is_kept_and_only_the_method_asked(bot: BotUnderTest) -> None:
    _lucia(bot)
    staff = await staff_user(bot)
    day = today(TZ) - timedelta(days=2)
    invoice_id = next(iter(bot.state.invoices))
    asked = await say(bot, staff, f"/pagado {invoice_id} {day:%d/%m/%Y}")
    summary = await press(bot, staff, asked, button(bot, asked, "Depósito"))
    payload = await _op_payload(bot, summary)
    assert payload["paid_on"] == day.isoformat() and payload["method"] == "deposit"
    assert [b.text for b in bot.telegram.buttons(summary)][-2:] == ["📅 Hoy", "📅 Ayer"]


async def test_pagado_with_a_name_lists_her_invoices_as_buttons(bot: BotUnderTest) -> None:
    _, invoices = _lucia(bot, invoices=3)
    staff = await staff_user(bot)
    pick = await say(bot, staff, "/pagado Lucía")
    assert "¿Qué solicitud de <b>Lucía García López</b> se pagó?" in pick.text
    labels = [b.text for b in bot.telegram.buttons(pick)]
    assert [label.split(" · ")[0] for label in labels] == [
        "Colegiatura 1",
        "Colegiatura 2",
        "Colegiatura 3",
    ]
    asked = await press(bot, staff, pick, button(bot, pick, "Colegiatura 2"))
    summary = await press(bot, staff, asked, button(bot, asked, "Efectivo"))
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.path == f"/v1/invoices/{invoices[1]['id']}/mark-paid"


async def test_a_picked_invoice_past_the_tenth_is_reachable(bot: BotUnderTest) -> None:
    _, invoices = _lucia(bot, invoices=12)
    staff = await staff_user(bot)
    pick = await say(bot, staff, "/pagado A-1029")
    assert len(bot.telegram.buttons(pick)) == 9  # eight invoices and "Siguiente"
    page2 = await press(bot, staff, pick, button(bot, pick, "Siguiente"))
    assert "Página 2 de 2" in page2.text
    asked = await press(bot, staff, page2, button(bot, page2, "Colegiatura 11 "))
    summary = await press(bot, staff, asked, button(bot, asked, "Efectivo"))
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.path == f"/v1/invoices/{invoices[10]['id']}/mark-paid"

    # The card pages too: the twelfth invoice has its buttons on the last page.
    card = await say(bot, staff, "/alumno A-1029")
    while "Colegiatura 12" not in card.text:
        card = await press(bot, staff, card, button(bot, card, "Siguiente"))
    assert "Colegiatura 11" not in card.text  # paid above
    assert "💵 11. Registrar pago · Colegiatura 12" in [b.text for b in bot.telegram.buttons(card)]


async def test_several_students_match_then_one_is_picked(bot: BotUnderTest) -> None:
    _lucia(bot)
    mateo = bot.state.add_customer("Mateo García López", "A-1030")
    bot.state.add_invoice(mateo["id"], 70000, "Transporte", today(TZ) + timedelta(3))
    staff = await staff_user(bot)
    pick = await say(bot, staff, "/liga garcía")
    chosen = await press(bot, staff, pick, button(bot, pick, "Mateo"))
    assert "liga de pago" in chosen.text and "Mateo García López" in chosen.text
    link = await press(bot, staff, chosen, button(bot, chosen, "Transporte"))
    assert "Mateo García López" in link.text and "La liga abre la cuenta" in link.text
    assert posts(bot) == []


async def test_twelve_long_concepts_fit_in_every_message(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López " * 6, "A-1029", has_card=True)
    for n in range(12):
        bot.state.add_invoice(lucia["id"], 485000, f"{LONG} {n + 1}", today(TZ) - timedelta(n))
    staff = await staff_user(bot)
    card = await say(bot, staff, "/alumno A-1029")
    pages = [card]
    while any("Siguiente" in b.text for b in bot.telegram.buttons(pages[-1])):
        pages.append(await press(bot, staff, pages[-1], button(bot, pages[-1], "Siguiente")))
    assert len(pages) == 3
    shown = "".join(page.text for page in pages)
    assert all(f"<b>{n}.</b>" in shown for n in range(1, 13))
    pick = await say(bot, staff, "/cargar A-1029")
    for message in [*pages, pick]:
        assert telegram_length(message.text) < 4096, telegram_length(message.text)
    assert "💳 Cargar" in [b.text for b in bot.telegram.buttons(card)]


async def test_a_non_staff_press_changes_nothing(bot: BotUnderTest) -> None:
    lucia, [invoice] = _lucia(bot, has_card=True)
    parent = await linked_parent(bot, lucia)
    staff = await staff_user(bot)
    card = await say(bot, staff, "/alumno A-1029")
    before = len(bot.quentli_requests())
    for label in ("Registrar pago", "Cargar", "Liga", "Recordar"):
        raw_press(bot, parent, card, button(bot, card, label))
    await bot.infra.repos.staff.remove(STAFF_ID)  # and a staff member no longer staff
    bot.telegram.press_button(staff, card, button(bot, card, "Registrar pago"))
    await bot.telegram.settle()
    answers = bot.telegram.callback_answers[-5:]
    assert all(a.show_alert and "solo para el personal" in (a.text or "") for a in answers)
    assert len(bot.quentli_requests()) == before and posts(bot) == []
    assert bot.telegram.bot_messages(STAFF_ID)[-1].message_id == card.message_id
    assert bot.telegram.bot_messages(PARENT) == []
    assert await bot.infra.repos.operations.pending_for(STAFF_ID) == []
    assert bot.state.invoices[invoice["id"]]["isPaid"] is False


async def test_a_card_button_of_an_invoice_paid_meanwhile_says_so(bot: BotUnderTest) -> None:
    _, [invoice] = _lucia(bot, has_card=True)
    staff = await staff_user(bot)
    card = await say(bot, staff, "/alumno A-1029")
    bot.state.pay_invoice(invoice["id"], emit=False)
    for label in ("Registrar pago", "Cargar", "Liga"):
        answer = await press(bot, staff, card, button(bot, card, label))
        assert "ya está pagada" in answer.text and answer.reply_markup is None
    assert posts(bot) == []


async def test_no_card_no_charge_button_and_no_link_after_a_payment(bot: BotUnderTest) -> None:
    lucia, [invoice] = _lucia(bot)
    staff = await staff_user(bot)
    card = await say(bot, staff, "/alumno A-1029")
    labels = [b.text for b in bot.telegram.buttons(card)]
    assert not any("Cargar" in label for label in labels)
    assert "🔗 Liga" in labels and "🔔 Recordar" in labels
    asked = await press(bot, staff, card, button(bot, card, "Registrar pago"))
    result = await confirm(
        bot, staff, await press(bot, staff, asked, button(bot, asked, "Cheque"))
    )
    assert "no se enteraron por Telegram" in result.text and "/invitar" in result.text
    assert "Reenvía la liga" not in result.text
    invite = button(bot, result, "Invitar a la familia")
    assert invite == f"invite:{lucia['id']}"
    made = await press(bot, staff, result, invite)
    assert "start=" in made.text and "Lucía García López" in made.text
    assert bot.state.invoices[invoice["id"]]["isPaid"] is True


async def test_a_family_whose_chat_blocked_the_bot_is_not_offered_an_invite(
    bot: BotUnderTest,
) -> None:
    lucia, [invoice] = _lucia(bot)
    await linked_parent(bot, lucia)
    bot.telegram.block(PARENT)
    await bot.infra.repos.blocks.block(PARENT)  # as the outbox records a 403
    staff = await staff_user(bot)
    summary = await paid_summary(bot, staff, f"/pagado {invoice['id']}", "Transferencia")

    result = await confirm(bot, staff, summary)

    assert "bloqueó el bot" in result.text and "cuanto vuelva a escribirle" in result.text
    assert "no se enteraron" not in result.text and "Invitar" not in str(result.reply_markup)


async def test_the_card_lists_chats_active_and_inactive(bot: BotUnderTest) -> None:
    lucia, _ = _lucia(bot)
    await linked_parent(bot, lucia)
    await linked_parent(bot, lucia, chat_id=7002)
    await bot.infra.repos.links.deactivate_chat(7002, "blocked")
    staff = await staff_user(bot)
    card = await say(bot, staff, "/alumno A-1029")
    assert f"chat <code>{PARENT}</code>: activo desde el" in card.text
    assert "chat <code>7002</code>: inactivo desde el" in card.text


async def test_a_student_and_a_day_in_one_line(bot: BotUnderTest) -> None:
    _, invoices = _lucia(bot, invoices=2)
    staff = await staff_user(bot)
    day = today(TZ) - timedelta(days=4)
    pick = await say(bot, staff, f"/pagado Lucía García {day:%d/%m/%Y}")
    asked = await press(bot, staff, pick, button(bot, pick, "Colegiatura 2"))
    summary = await press(bot, staff, asked, button(bot, asked, "Efectivo"))
    payload = await _op_payload(bot, summary)
    assert payload["paid_on"] == day.isoformat() and payload["invoice_id"] == invoices[1]["id"]
    # The day served that payment only: the card's next 💵 is for today again.
    card = await say(bot, staff, "/alumno A-1029")
    asked = await press(bot, staff, card, button(bot, card, "1. Registrar pago"))
    summary = await press(bot, staff, asked, button(bot, asked, "Efectivo"))
    assert (await _op_payload(bot, summary))["paid_on"] is None
    tomorrow = today(TZ) + timedelta(days=1)
    assert "todavía no llega" in (await say(bot, staff, f"/pagado Lucía {tomorrow:%d/%m/%Y}")).text


async def test_cargar_with_a_student_without_a_card_is_refused(bot: BotUnderTest) -> None:
    _lucia(bot, invoices=2)
    staff = await staff_user(bot)
    answer = await say(bot, staff, "/cargar Lucía")
    assert "no tiene una tarjeta guardada" in answer.text and answer.reply_markup is None
    assert posts(bot) == [] and await bot.infra.repos.operations.pending_for(STAFF_ID) == []


async def test_the_card_shows_when_quentli_cannot_say_about_the_card(bot: BotUnderTest) -> None:
    lucia, _ = _lucia(bot, has_card=True)
    staff = await staff_user(bot)
    path = f"/v1/customers/{lucia['id']}/payment_methods"
    bot.state.fail_next(500, count=4, path_prefix=path)
    card = await say(bot, staff, "/alumno A-1029")
    assert "Quentli no respondió" in card.text and "Colegiatura 1" in card.text
    summary = await press(bot, staff, card, button(bot, card, "Cargar"))  # asks Quentli again
    assert "¿Cobrar a la tarjeta guardada?" in summary.text
    assert posts(bot) == []


async def test_a_typed_day_still_reaches_its_summary_after_a_restart(bot: BotUnderTest) -> None:
    _, [invoice] = _lucia(bot)
    staff = await staff_user(bot)
    asked = await say(bot, staff, f"/pagado {invoice['id']}")
    await bot.restart()
    summary = await press(bot, staff, asked, button(bot, asked, "Transferencia"))
    await bot.restart()
    day = today(TZ) - timedelta(days=5)
    again = await say(bot, staff, f"{day:%d/%m/%Y}")
    payload = await _op_payload(bot, again)
    assert payload["paid_on"] == day.isoformat() and payload["method"] == "transfer"
    replaced = await bot.telegram.next_reply(staff["id"])  # the old summary, marked replaced
    assert replaced.message_id == summary.message_id and "se reemplazó" in replaced.text
    await confirm(bot, staff, again)
    [sent] = posts(bot)
    assert sent.body == {"input": {"paymentTime": f"{day.isoformat()}T06:00:00.000Z"}}
    assert summary.message_id != again.message_id
