"""Money and dates read as people write them (/cobrar, /sesion, /pagado): never guessed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.parsing import AmbiguousAmount, InputError, parse_amount, parse_date
from bot.parsing.dates import today
from bot.services.billing_input import parse_invoice_args
from tests.handlers.staffchat import button, confirm, paid_summary, posts, say, staff_user
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


def _today() -> date:
    return today(TZ)


async def test_an_amount_with_a_space_is_asked_about_not_split(bot: BotUnderTest) -> None:
    bot.state.add_customer("Mateo Hernández Ruiz", "A-1052")
    staff = await staff_user(bot)
    question = await say(bot, staff, "/cobrar A-1052 1 500 Colegiatura")
    assert "«1 500» se puede leer de más de una forma" in question.text
    assert "500 Colegiatura" not in question.text and posts(bot) == []

    bot.telegram.press_button(staff, question, button(bot, question, "$1,500.00 MXN"))
    assert "Monto: <b>$1,500.00 MXN</b>" in (await bot.telegram.next_reply(STAFF_ID)).text
    summary = await bot.telegram.next_reply(STAFF_ID)
    assert "Concepto: Colegiatura\n" in summary.text
    assert "Monto: <b>$1,500.00 MXN</b>" in summary.text

    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    [item] = sent.body["input"]["items"]
    assert item["concept"]["displayName"] == "Colegiatura"
    assert item["concept"]["amount"] == 150000


async def test_a_point_before_three_digits_offers_both_readings(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    question = await say(bot, staff, "/cobrar A-1029 1.500 Colegiatura")
    labels = [b["text"] for row in question.reply_markup["inline_keyboard"] for b in row]
    assert labels == ["$1,500.00 MXN", "$1.50 MXN"]

    bot.telegram.press_button(staff, question, button(bot, question, "$1.50"))
    await bot.telegram.next_reply(STAFF_ID)
    summary = await bot.telegram.next_reply(STAFF_ID)
    assert "Monto: <b>$1.50 MXN</b>" in summary.text


async def test_the_guided_amount_step_asks_too_and_a_typed_amount_settles_it(
    bot: BotUnderTest,
) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    assert "Cuánto" in (await say(bot, staff, "/cobrar A-1029")).text
    question = await say(bot, staff, "12.500")
    assert "se puede leer de más de una forma" in question.text
    assert "concepto" in (await say(bot, staff, "12500")).text.lower()


async def test_a_trailing_date_is_the_due_date_not_the_concept(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    year = _today().year
    summary = await say(bot, staff, f"/cobrar A-1029 1500 Colegiatura 31/12/{year}")
    assert "Concepto: Colegiatura\n" in summary.text
    assert f"Vence: 31 de diciembre de {year}" in summary.text


def _next_such_day(day: int, month: int) -> date:
    candidate = date(_today().year, month, day)
    return candidate if candidate >= _today() else candidate.replace(year=candidate.year + 1)


def _date_forms() -> list[tuple[str, date]]:
    ahead = _today() + timedelta(days=40)
    dec15 = _next_such_day(15, 12)
    return [
        (f"{ahead:%d/%m}", ahead),
        (f"{ahead:%d/%m/%y}", ahead),
        (f"vence el {ahead:%d/%m/%Y}", ahead),
        (f"{ahead:%Y-%m-%d}", ahead),
        ("15 de diciembre", dec15),
        ("December 15", dec15),
    ]


@pytest.mark.parametrize("index", range(len(_date_forms())))
async def test_due_date_forms_read_the_same_in_one_line_and_guided(
    bot: BotUnderTest, index: int
) -> None:
    typed, expected = _date_forms()[index]
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    one_line = await say(bot, staff, f"/cobrar A-1029 1500 Colegiatura {typed}")
    assert "Concepto: Colegiatura\n" in one_line.text, one_line.text
    shown = f"{expected.day} de "
    assert shown in one_line.text and str(expected.year) in one_line.text

    await say(bot, staff, "/cobrar A-1029 1500")
    due_question = await say(bot, staff, "Material")
    assert "Cuándo vence" in due_question.text
    guided = await say(bot, staff, typed)
    assert "Concepto: Material\n" in guided.text, guided.text
    assert shown in guided.text and str(expected.year) in guided.text


async def test_words_that_are_not_dates_are_refused_alike(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    one_line = await say(bot, staff, "/cobrar A-1029 1500 Colegiatura vence pronto")
    assert "No entendí «pronto» como fecha" in one_line.text
    await say(bot, staff, "/cobrar A-1029 1500")
    await say(bot, staff, "Material")
    guided = await say(bot, staff, "vence pronto")
    assert "No entendí «vence pronto» como fecha" in guided.text
    invalid = await say(bot, staff, "/cobrar A-1029 1500 Colegiatura 31/02/2030")
    assert "no existe en el calendario" in invalid.text
    assert posts(bot) == []


async def test_a_due_date_over_a_year_ahead_is_warned_about_not_refused(
    bot: BotUnderTest,
) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    far = _today() + timedelta(days=430)
    summary = await say(bot, staff, f"/cobrar A-1029 1500 Colegiatura vence {far:%d/%m/%Y}")
    assert "Revisa la solicitud de pago" in summary.text
    assert "en más de un año" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.body["input"]["dueDate"] == f"{far.isoformat()}T06:00:00.000Z"


async def test_checkout_asks_which_amount_too(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    await say(bot, staff, "/sesion")
    await say(bot, staff, "Diego Hernández Ruiz")
    await say(bot, staff, "55 1234 5678")
    await say(bot, staff, "B-2001")
    assert "Cuánto" in (await say(bot, staff, "Inscripción")).text
    question = await say(bot, staff, "1 500")
    assert "se puede leer de más de una forma" in question.text
    bot.telegram.press_button(staff, question, button(bot, question, "$1,500.00"))
    await bot.telegram.next_reply(STAFF_ID)
    assert "Cuándo vence" in (await bot.telegram.next_reply(STAFF_ID)).text


async def test_yesterday_is_a_payment_date(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    invoice = bot.state.add_invoice(lucia["id"], 250000, "Colegiatura", _today())
    staff = await staff_user(bot)
    summary = await paid_summary(bot, staff, f"/pagado {invoice['id']} ayer")
    assert "Registrar este pago" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    yesterday = _today() - timedelta(days=1)
    assert sent.body == {"input": {"paymentTime": f"{yesterday.isoformat()}T06:00:00.000Z"}}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/12/2026", date(2026, 12, 31)),
        ("15/12", date(2026, 12, 15)),
        ("15/12/26", date(2026, 12, 15)),
        ("10/01", date(2027, 1, 10)),
        ("vence el 31/12/2026", date(2026, 12, 31)),
        ("15 de diciembre", date(2026, 12, 15)),
        ("15 de Diciembre de 2027", date(2027, 12, 15)),
        ("December 15, 2026", date(2026, 12, 15)),
        ("15 dic", date(2026, 12, 15)),
        ("hoy", date(2026, 11, 27)),
        ("ayer", date(2026, 11, 26)),
    ],
)
def test_date_forms(typed: str, expected: date) -> None:
    assert parse_date(typed, reference=date(2026, 11, 27)) == expected


def test_a_day_without_a_year_for_a_payment_is_the_last_such_day() -> None:
    assert parse_date("15/12", reference=date(2026, 11, 27), past=True) == date(2025, 12, 15)


@pytest.mark.parametrize("typed", ["12/31/2026", "31/13/2026", "pronto", "2026"])
def test_what_is_not_a_day_is_refused_not_swapped(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_date(typed, reference=date(2026, 11, 27))


def test_one_line_marks_an_ambiguous_amount_for_the_question() -> None:
    args: Any = parse_invoice_args(["A-1052", "1", "500", "Colegiatura"], TZ, date(2026, 11, 27))
    assert (args.amount, args.amount_choices, args.description) == (
        None,
        (150000,),
        "Colegiatura",
    )


def test_an_ambiguous_amount_after_a_name_of_several_words_is_still_asked() -> None:
    typed = ["Sofía", "García", "1.500", "Colegiatura"]
    args: Any = parse_invoice_args(typed, TZ, date(2026, 11, 27))
    assert (args.customer, args.amount, args.amount_choices, args.description) == (
        "Sofía García",
        None,
        (150000, 150),
        "Colegiatura",
    )


async def test_a_payment_day_without_a_year_is_the_last_such_day(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    invoice = bot.state.add_invoice(lucia["id"], 250000, "Colegiatura", _today())
    staff = await staff_user(bot)
    day = _today() - timedelta(days=3)
    summary = await paid_summary(bot, staff, f"/pagado {invoice['id']} {day:%d/%m}")
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.body == {"input": {"paymentTime": f"{day.isoformat()}T06:00:00.000Z"}}


@pytest.mark.parametrize(
    "typed",
    [
        "1500",
        "1,500.50",
        "$1500",
        "$ 1500",
        "1500 pesos",
        "1 500",
        "$ 1 500 MXN",
        "1.500",
        "12.500",
        "1.505",
        "abc",
        "-5",
        "250000",
        "1500.555",
        "1,50",
    ],
)
def test_one_line_and_guided_read_an_amount_alike(typed: str) -> None:
    try:
        guided: object = parse_amount(typed)
    except AmbiguousAmount as err:
        guided = err.choices
    except InputError as err:
        guided = err.reason
    try:
        args = parse_invoice_args(["A-1", *typed.split(), "Colegiatura"], TZ, _today())
        one_line: object = args.amount if args.amount is not None else args.amount_choices
        assert args.description == "Colegiatura"
    except InputError as err:
        one_line = err.reason
    assert one_line == guided
