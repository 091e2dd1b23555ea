"""/checkout (/sesion) looks the student id, phone and e-mail up before it creates anything."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from tests.faketelegram import SentMessage
from tests.handlers.staffchat import button, confirm, posts, press, say, staff_user
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


def _due() -> str:
    return (today(TZ) + timedelta(days=5)).strftime("%d/%m/%Y")


async def _up_to_due(
    bot: BotUnderTest, staff: Any, contact: str, username: str, command: str = "/sesion"
) -> None:
    """Every answer of the flow but the due date."""
    for answer in (command, "Diego Hernández Ruiz", contact, username, "Inscripción", "3500"):
        await say(bot, staff, answer)


async def _checkout(bot: BotUnderTest, staff: Any, contact: str, username: str) -> SentMessage:
    await _up_to_due(bot, staff, contact, username)
    return await say(bot, staff, _due())


def _labels(message: SentMessage) -> list[str]:
    markup = message.reply_markup or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


async def test_a_taken_student_id_says_whose_and_bills_nobody(bot: BotUnderTest) -> None:
    mateo = bot.state.add_customer("Mateo Hernández Ruiz", "A-1030", "+525511112222")
    staff = await staff_user(bot)
    stop = await _checkout(bot, staff, "55 9999 0000", "a-1030")
    assert "ya existe: <b>Mateo Hernández Ruiz</b>" in stop.text
    assert "No se creó nada" in stop.text
    assert not any("Confirmar" in label for label in _labels(stop))
    assert not any("seguir" in label for label in _labels(stop))
    assert posts(bot) == []

    # Bill Mateo with /cobrar instead: concept, amount and due date come along.
    bot.telegram.press_button(staff, stop, button(bot, stop, "Cobrar a Mateo"))
    assert "Mateo" in (await bot.telegram.next_reply(STAFF_ID)).text
    summary = await bot.telegram.next_reply(STAFF_ID)
    assert "Mateo Hernández Ruiz" in summary.text and "$3,500.00 MXN" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.path == "/v1/invoices" and sent.body["input"]["customerId"] == mateo["id"]
    assert posts(bot, "/v1/invoice-payment-sessions") == []


async def test_changing_the_taken_student_id_goes_back_to_the_summary(bot: BotUnderTest) -> None:
    bot.state.add_customer("Mateo Hernández Ruiz", "A-1030")
    staff = await staff_user(bot)
    stop = await _checkout(bot, staff, "diego.papa@correo.mx", "A-1030")
    await bot.restart()  # the flow waits on its matches across a restart
    asked = await press(bot, staff, stop, button(bot, stop, "Cambiar la matrícula"))
    assert "Cambiar" in asked.text
    assert "matrícula" in (await bot.telegram.next_reply(STAFF_ID)).text
    assert "ya existe" in (await say(bot, staff, "A-1030")).text  # still taken: said again
    stop = bot.telegram.bot_messages(STAFF_ID)[-1]
    await press(bot, staff, stop, button(bot, stop, "Cambiar la matrícula"))
    await bot.telegram.next_reply(STAFF_ID)
    summary = await say(bot, staff, "B-4001")
    assert "Revisa la liga de pago" in summary.text and "B-4001" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.path == "/v1/invoice-payment-sessions"
    assert sent.body["input"]["customer"]["username"] == "B-4001"


async def test_a_known_phone_may_be_a_new_sibling(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029", "+525512345678")
    staff = await staff_user(bot)
    stop = await _checkout(bot, staff, "+52 1 55 1234 5678", "B-2001")
    assert "Celular" in stop.text and "ya existe: <b>Lucía García López</b>" in stop.text
    assert "Cambiar celular o correo" in " ".join(_labels(stop))
    assert posts(bot) == []
    bot.telegram.press_button(staff, stop, button(bot, stop, "seguir"))
    await bot.telegram.next_reply(STAFF_ID)
    summary = await bot.telegram.next_reply(STAFF_ID)
    assert "Revisa la liga de pago" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.body["input"]["customer"]["username"] == "B-2001"
    # The look-ups were reads of customers by student id and phone.
    lookups = bot.quentli_requests("GET", "/v1/customers")
    assert lookups and all("filter" in r.query for r in lookups)


async def test_a_stale_detour_button_does_nothing(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029", "+525512345678")
    staff = await staff_user(bot)
    stop = await _checkout(bot, staff, "55 1234 5678", "B-2001")
    await say(bot, staff, "/cancelar")
    bot.telegram.press_button(staff, stop, button(bot, stop, "seguir"))
    await bot.telegram.settle(quiet=0.3)
    assert posts(bot) == []
    answer = bot.telegram.calls_to("answerCallbackQuery")[-1].params
    assert "ya terminó" in str(answer.get("text"))


async def test_a_known_email_is_said_in_english_too(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029", None, "Lucia.Mama@correo.mx")
    staff = await staff_user(bot, lang="en")
    await _up_to_due(bot, staff, "lucia.mama@correo.mx", "B-2001", command="/checkout")
    stop = await say(bot, staff, _due())
    assert "E-mail" in stop.text and "already exists: <b>Lucía García López</b>" in stop.text
    changed = await press(bot, staff, stop, button(bot, stop, "Change the mobile or e-mail"))
    assert "Change" in changed.text
    assert "mobile number or e-mail" in (await bot.telegram.next_reply(STAFF_ID)).text
    summary = await say(bot, staff, "diego.papa@correo.mx")  # free: the summary again
    assert "Check the payment link" in summary.text and "diego.papa@correo.mx" in summary.text
    assert posts(bot) == []


async def test_quentli_failing_during_the_look_up_changes_nothing(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    await _up_to_due(bot, staff, "55 1234 5678", "B-2001")
    due = _due()
    bot.state.fail_next(503, count=4, path_prefix="/v1/customers")  # a read and its 3 retries
    failed = await say(bot, staff, due)
    assert "Quentli" in failed.text and "Confirmar" not in str(failed.reply_markup)
    summary = await say(bot, staff, due)  # still at the due date: typed again, it goes on
    assert "Revisa la liga de pago" in summary.text
    assert posts(bot) == []


async def test_a_new_value_may_be_typed_without_a_button(bot: BotUnderTest) -> None:
    bot.state.add_customer("Mateo Hernández Ruiz", "A-1030")
    staff = await staff_user(bot)
    await _checkout(bot, staff, "55 1234 5678", "A-1030")
    assert "botones de arriba" in (await say(bot, staff, "no sé, otra 🤷")).text
    summary = await say(bot, staff, "B-4001")
    assert "Revisa la liga de pago" in summary.text and "B-4001" in summary.text
    assert posts(bot) == []
