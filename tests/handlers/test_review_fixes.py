"""Staff input as people really type it, examples that never expire, long pick lists, and
/cancel of summaries still waiting for Confirm: through the real Application."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.parsing.dates import end_of_month, today
from bot.texts.catalog import billing, core, forms
from tests.handlers.staffchat import button, confirm, paid_summary, posts, say, staff_user
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")
_CODE = re.compile(r"<code>([^<]*)</code>")
_DAY = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


# --- 1. "$ 1500" and "1500 pesos" on the one-line /cobrar ---------------------------------------


@pytest.mark.parametrize(
    "amount",
    ["$ 1500", "1500 pesos", "1500 MXN", "1500 mxn", "$ 1,500.00 MXN", "MX$ 1500", "1500 peso"],
)
async def test_a_separated_currency_sign_or_word_belongs_to_the_amount(
    bot: BotUnderTest, amount: str
) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/cobrar A-1029 {amount} Colegiatura")
    assert "Revisa la solicitud de pago" in summary.text, summary.text
    assert "Monto: <b>$1,500.00 MXN</b>" in summary.text
    assert "Concepto: Colegiatura\n" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot, "/v1/invoices")
    assert sent.body["input"]["customerId"] == lucia["id"]
    assert sent.body["input"]["items"][0]["concept"] == {
        "displayName": "Colegiatura",
        "amount": 150000,
        "currency": "MXN",
    }


async def test_an_amount_with_its_currency_word_and_no_concept_asks_the_concept(
    bot: BotUnderTest,
) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    question = await say(bot, staff, "/cobrar A-1029 $ 1500 pesos")
    assert "Por qué concepto" in question.text
    assert "No entendí" not in question.text


async def test_a_lone_dollar_sign_is_still_explained(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    answer = await say(bot, staff, "/cobrar A-1029 $")
    assert "No entendí «$» como monto" in answer.text
    assert bot.quentli_requests() == []


# --- 2. usage examples that still work when copied ----------------------------------------------


@pytest.mark.parametrize(("lang", "command"), [("es", "/cobrar"), ("en", "/invoice")])
async def test_the_invoice_usage_example_works_when_copied(
    bot: BotUnderTest, lang: str, command: str
) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot, lang=lang)
    usage = await say(bot, staff, f"{command} A-1029 abc Colegiatura")
    [example] = [
        html.unescape(c) for c in _CODE.findall(usage.text) if c.startswith(f"{command} A-1029")
    ]
    expected_day = end_of_month(end_of_month(today(TZ)) + timedelta(days=1))
    assert expected_day.strftime("%d/%m/%Y") in example
    summary = await say(bot, staff, example)
    assert "ya pasó" not in summary.text and "in the past" not in summary.text
    assert button(bot, summary, "✅")  # a summary with its Confirm button


@pytest.mark.parametrize(("lang", "command"), [("es", "/pagado"), ("en", "/markpaid")])
async def test_the_markpaid_usage_example_date_is_a_recent_day(
    bot: BotUnderTest, lang: str, command: str
) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    invoice = bot.state.add_invoice(lucia["id"], 90000, "Colegiatura", today(TZ) + timedelta(5))
    staff = await staff_user(bot, lang=lang)
    usage = await say(bot, staff, command)
    [day] = _DAY.findall(usage.text)
    assert day == (today(TZ) - timedelta(days=1)).strftime("%d/%m/%Y")
    method = "Efectivo" if lang == "es" else "Cash"
    summary = await paid_summary(bot, staff, f"{command} {invoice['id']} {day}", method)
    assert button(bot, summary, "✅")


def test_no_billing_or_core_text_carries_a_fixed_year() -> None:
    for module in (billing, core):
        for key, entry in module.TEXTS.items():
            for lang, template in entry.items():
                for text in forms(template):
                    assert re.search(r"\b20\d\d\b", text) is None, (key, lang, text)


# --- 3. more matches than buttons ----------------------------------------------------------------


def _many_garcias(bot: BotUnderTest, count: int = 10) -> None:
    for n in range(count):
        bot.state.add_customer(f"Alumno {n:02d} García", f"G-{n:02d}")


async def test_invoice_pick_says_there_are_more_and_typing_more_narrows(
    bot: BotUnderTest,
) -> None:
    _many_garcias(bot)
    staff = await staff_user(bot)
    pick = await say(bot, staff, "/cobrar garcía")
    assert len(bot.telegram.buttons(pick)) == 8
    assert "Hay más resultados; escribe más del nombre o la matrícula" in pick.text
    narrowed = await say(bot, staff, "Alumno 09")
    assert "Cuánto" in narrowed.text and "Alumno 09 García" in narrowed.text


@pytest.mark.parametrize(
    ("lang", "command", "expected"),
    [
        ("es", "/alumno", "Hay más resultados"),
        ("es", "/invitar", "Hay más resultados"),
        ("en", "/customer", "There are more matches"),
        ("en", "/invite", "There are more matches"),
    ],
)
async def test_customer_and_invite_picks_say_there_are_more(
    bot: BotUnderTest, lang: str, command: str, expected: str
) -> None:
    _many_garcias(bot)
    staff = await staff_user(bot, lang=lang)
    pick = await say(bot, staff, f"{command} garcía")
    assert len(bot.telegram.buttons(pick)) == 8
    assert expected in pick.text and command in pick.text  # how to search again


async def test_a_short_pick_list_says_nothing_more(bot: BotUnderTest) -> None:
    _many_garcias(bot, 3)
    staff = await staff_user(bot)
    for command in ("/cobrar garcía", "/alumno garcía", "/invitar garcía"):
        pick = await say(bot, staff, command)
        assert len(bot.telegram.buttons(pick)) == 3
        assert "Hay más resultados" not in pick.text


# --- 4. /cancel while a summary waits for Confirm ------------------------------------------------


async def test_cancel_cancels_the_summaries_waiting_for_confirm(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029", has_card=True)
    invoice = bot.state.add_invoice(lucia["id"], 180000, "Transporte", today(TZ) + timedelta(5))
    staff = await staff_user(bot)
    new = await say(bot, staff, "/cobrar A-1029 1500 Colegiatura")
    paid = await paid_summary(bot, staff, f"/pagado {invoice['id']}")
    charge = await say(bot, staff, f"/cargar {invoice['id']}")

    answer = await say(bot, staff, "/cancelar")

    assert "No hay nada que cancelar" not in answer.text
    assert "no se envió nada a Quentli" in answer.text
    assert "Solicitud de pago" in answer.text and "$1,500.00 MXN" in answer.text
    assert "Registro de pago" in answer.text and "Cargo a tarjeta" in answer.text
    assert answer.text.count("Lucía García López") == 3
    for summary in (new, paid, charge):
        bot.telegram.press_button(staff, summary, button(bot, summary, "Confirmar"))
        later = await bot.telegram.next_reply(STAFF_ID)
        assert "Esta operación se canceló" in later.text, later.text
        assert later.message_id == summary.message_id  # the summary itself, buttons gone
        assert later.reply_markup is None
    assert posts(bot) == []
    assert "No hay nada que cancelar" in (await say(bot, staff, "/cancelar")).text


async def test_cancel_leaves_done_operations_and_other_staff_alone(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot, lang="en")
    other = await staff_user(bot, user_id=STAFF_ID + 1)
    done = await say(bot, staff, "/invoice A-1029 1500 Tuition")
    bot.telegram.press_button(staff, done, button(bot, done, "Confirm"))
    await bot.telegram.next_reply(STAFF_ID)
    await bot.telegram.next_reply(STAFF_ID)
    theirs = await say(bot, other, "/cobrar A-1029 900 Material")

    assert "There is nothing to cancel" in (await say(bot, staff, "/cancel")).text

    op_id = button(bot, theirs, "Confirmar").split(":")[1]
    op = await bot.infra.repos.operations.get(op_id)
    assert op is not None and op.state == "pending"
    pending = await say(bot, staff, "/invoice A-1029 700 Uniform")
    answer = await say(bot, staff, "/cancel")
    assert "Cancelled what was waiting for your confirmation" in answer.text
    assert "Uniform" in answer.text and "$700.00 MXN" in answer.text
    assert "Material" not in answer.text
    bot.telegram.press_button(staff, pending, button(bot, pending, "Confirm"))
    assert "was cancelled" in (await bot.telegram.next_reply(STAFF_ID)).text
    assert len(posts(bot, "/v1/invoices")) == 1


async def test_cancel_inside_a_flow_still_just_leaves_it(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    await say(bot, staff, "/cobrar")
    assert "Cancelado. No se cambió nada." in (await say(bot, staff, "/cancelar")).text
