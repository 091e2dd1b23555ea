"""/invoice (/cobrar): the one-line form and the guided flow, through the real Application."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.parsing.dates import end_of_month, today
from tests.handlers.staffchat import (
    PARENT,
    button,
    confirm,
    linked_parent,
    posts,
    raw_press,
    say,
    staff_user,
)
from tests.harness import STAFF_ID, BotUnderTest

SCHOOL_TZ = ZoneInfo("America/Mexico_City")


def _future(days: int = 30) -> date:
    """A day counted from today in the school's time zone (the bot's "today")."""
    return today(SCHOOL_TZ) + timedelta(days=days)


async def test_one_line_invoice_creates_it_once_and_tells_the_parents(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    await linked_parent(bot, lucia)
    staff = await staff_user(bot)
    due = _future()
    summary = await say(
        bot, staff, f"/cobrar A-1029 $1,500.50 Colegiatura marzo vence {due:%d/%m/%Y}"
    )
    assert "Revisa la solicitud de pago" in summary.text
    assert "$1,500.50 MXN" in summary.text and "Colegiatura marzo" in summary.text
    assert posts(bot) == []  # nothing is sent before Confirm

    result = await confirm(bot, staff, summary)

    [sent] = posts(bot, "/v1/invoices")
    op_id = button(bot, summary, "Confirmar").split(":")[1]
    assert sent.body == {
        "input": {
            "customerId": lucia["id"],
            "dueDate": f"{due.isoformat()}T06:00:00.000Z",
            "items": [
                {
                    "concept": {
                        "displayName": "Colegiatura marzo",
                        "amount": 150050,
                        "currency": "MXN",
                    },
                    "quantity": 1,
                }
            ],
            "collectionMethod": "SEND_REMINDER",
            "metadata": [
                {"key": "source", "value": "telegram"},
                {"key": "telegram_op", "value": op_id},
            ],
        }
    }
    invoice_id = next(iter(bot.state.invoices))
    assert "Solicitud de pago creada" in result.text and invoice_id in result.text
    assert "$1,500.50 MXN" in result.text
    assert "/checkout/" in result.text  # the sandbox link is http://127.0.0.1: text, no button
    assert result.reply_markup is None or all(
        "url" not in b for row in result.reply_markup["inline_keyboard"] for b in row
    )
    notice = await bot.telegram.next_reply(PARENT)
    assert "Colegiatura marzo" in notice.text and "$1,500.50 MXN" in notice.text
    assert bot.telegram.find_button(notice, "Pagar").value == f"pay:{invoice_id}"
    watch = await bot.infra.repos.watches.get(invoice_id)
    assert watch is not None and watch.issued_by == STAFF_ID


async def test_guided_invoice_with_pick_buttons_quick_concept_and_due(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    mateo = bot.state.add_customer("Mateo García López", "A-1030")
    staff = await staff_user(bot)
    tg = bot.telegram
    assert "A qué alumno" in (await say(bot, staff, "/cobrar")).text
    pick = await say(bot, staff, "garcía")
    tg.press_button(staff, pick, f"invc:{mateo['id']}")
    assert "Mateo García López" in (await tg.next_reply(STAFF_ID)).text  # the pick, settled
    assert "Cuánto" in (await tg.next_reply(STAFF_ID)).text
    bad = await say(bot, staff, "mil pesos")
    assert "No entendí «mil pesos» como monto" in bad.text
    concept_question = await say(bot, staff, "2,000")
    tg.press_button(staff, concept_question, button(bot, concept_question, "Inscripción"))
    await tg.next_reply(STAFF_ID)
    due_question = await tg.next_reply(STAFF_ID)
    tg.press_button(staff, due_question, button(bot, due_question, "Fin de mes"))
    await tg.next_reply(STAFF_ID)
    summary = await tg.next_reply(STAFF_ID)
    assert "Inscripción" in summary.text and "$2,000.00 MXN" in summary.text

    await confirm(bot, staff, summary)
    [sent] = posts(bot, "/v1/invoices")
    due = end_of_month(_future(0))
    assert sent.body["input"]["customerId"] == mateo["id"]
    assert sent.body["input"]["dueDate"] == f"{due.isoformat()}T06:00:00.000Z"
    assert sent.body["input"]["items"][0]["concept"]["amount"] == 200000


async def test_one_line_takes_a_name_of_several_words_before_the_amount(
    bot: BotUnderTest,
) -> None:
    sofia = bot.state.add_customer("Sofía García López", "A-1052")
    bot.state.add_customer("Sofía Martínez Ruiz", "A-1053")
    staff = await staff_user(bot)
    for typed in ("Sofía García", "sofia garcia"):
        summary = await say(bot, staff, f"/cobrar {typed} 1500 Colegiatura")
        assert "Revisa la solicitud" in summary.text, summary.text
        assert "Sofía García López" in summary.text and "$1,500.00 MXN" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot, "/v1/invoices")
    assert sent.body["input"]["customerId"] == sofia["id"]
    # A name alone is the customer: the flow asks for the amount.
    assert "¿Cuánto le cobramos" in (await say(bot, staff, "/cobrar Sofía García")).text
    await say(bot, staff, "/cancelar")


async def test_one_line_with_a_name_that_finds_nobody_says_so(bot: BotUnderTest) -> None:
    bot.state.add_customer("Sofía García López", "A-1052")
    staff = await staff_user(bot)
    answer = await say(bot, staff, "/cobrar Zacarías Pérez 1500 Colegiatura")
    assert "No encontré a nadie con «Zacarías Pérez»" in answer.text
    assert posts(bot) == []


async def test_without_a_due_date_it_is_the_end_of_this_month(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    summary = await say(bot, staff, "/invoice A-1029 950 Transporte escolar")
    await confirm(bot, staff, summary)
    [sent] = posts(bot, "/v1/invoices")
    due = end_of_month(_future(0))
    assert sent.body["input"]["dueDate"] == f"{due.isoformat()}T06:00:00.000Z"
    assert sent.body["input"]["items"][0]["concept"]["displayName"] == "Transporte escolar"


async def test_a_short_line_asks_only_for_what_is_missing(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    concept_question = await say(bot, staff, "/cobrar A-1029 1500")
    assert "concepto" in concept_question.text
    due_question = await say(bot, staff, "Uniforme deportivo")
    assert "Cuándo vence" in due_question.text
    day = _future(10)
    summary = await say(bot, staff, day.strftime("%d/%m/%Y"))
    assert "Uniforme deportivo" in summary.text and "$1,500.00 MXN" in summary.text


async def test_bad_input_is_explained_and_nothing_is_sent(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    past = _future(-3).strftime("%d/%m/%Y")
    cases = {
        "/cobrar A-1029 abc Colegiatura": "No entendí «abc» como monto",
        "/cobrar A-1029 1500.555 Colegiatura": "más de dos decimales",
        "/cobrar A-1029 -5 Colegiatura": "mayor que cero",
        "/cobrar A-1029 250000 Colegiatura": "el máximo por cobro es $100,000.00 MXN",
        "/cobrar A-1029 1500 Colegiatura vence 31/02/2026": "no existe en el calendario",
        f"/cobrar A-1029 1500 Colegiatura vence {past}": "ya pasó",
        "/cobrar A-1029 1500 Colegiatura vence": "Falta la fecha",
        f"/cobrar A-1029 1500 vence {_future(5):%d/%m/%Y}": "Falta el concepto",
    }
    for command, expected in cases.items():
        answer = await say(bot, staff, command)
        assert expected in answer.text, (command, answer.text)
        assert "/cobrar ALUMNO MONTO CONCEPTO" in answer.text  # and how to write it
    assert bot.quentli_requests() == []  # not even a customer lookup


async def test_a_due_date_in_the_past_is_refused_in_the_guided_flow(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    await say(bot, staff, "/cobrar A-1029 1500 ")
    await say(bot, staff, "Material")
    answer = await say(bot, staff, _future(-1).strftime("%Y-%m-%d"))
    assert "ya pasó" in answer.text
    answer = await say(bot, staff, "30/02/2031")
    assert "no existe" in answer.text
    assert posts(bot) == []


async def test_no_match_asks_again_and_cancel_leaves(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    await say(bot, staff, "/cobrar")
    assert "No encontré a nadie con «Zacarías»" in (await say(bot, staff, "Zacarías")).text
    assert "Cancelado" in (await say(bot, staff, "/cancelar")).text
    assert "/cobrar" in (await say(bot, staff, "Zacarías")).text  # the staff's menu
    assert posts(bot) == []


async def test_the_cancel_button_sends_nothing(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    summary = await say(bot, staff, "/cobrar A-1029 1500 Colegiatura")
    bot.telegram.press_button(staff, summary, button(bot, summary, "Cancelar"))
    answer = await bot.telegram.next_reply(STAFF_ID)
    assert "Cancelado. No se envió nada a Quentli." in answer.text
    assert answer.reply_markup is None
    assert posts(bot) == []


async def test_english_staff_read_english(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot, lang="en")
    summary = await say(bot, staff, "/invoice A-1029 1500 Tuition")
    assert "Check the payment request" in summary.text
    bot.telegram.press_button(staff, summary, button(bot, summary, "Confirm"))
    await bot.telegram.next_reply(STAFF_ID)
    done = await bot.telegram.next_reply(STAFF_ID)
    assert "Payment request created" in done.text and "valid until" in done.text


async def test_strangers_and_parents_are_refused_without_asking_quentli(
    bot: BotUnderTest,
) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    parent = await linked_parent(bot, lucia)
    stranger = bot.telegram.user(5555, "Pepe")
    for user in (parent, stranger):
        for command in ("/cobrar A-1029 1500 Colegiatura", "/invoice"):
            answer = await say(bot, user, command)
            assert "solo para el personal" in answer.text
    assert bot.quentli_requests() == []


async def test_quentli_500_on_create_says_unknown_and_is_not_retried(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    summary = await say(bot, staff, "/cobrar A-1029 1500 Colegiatura")
    bot.state.fail_next(500, path_prefix="/v1/invoices")
    result = await confirm(bot, staff, summary)
    # A 500 on a write says nothing about what Quentli committed.
    assert "no sabemos si se aplicó" in result.text and lucia["id"] in result.text
    op = await bot.infra.repos.operations.get(button(bot, summary, "Confirmar").split(":")[1])
    assert op is not None and op.state == "unknown"
    [entry] = await bot.infra.repos.audit.recent(customer_id=lucia["id"])
    assert entry.outcome == "unknown" and entry.detail["status"] == 500
    assert len(posts(bot)) == 1


async def test_quentli_refusing_the_invoice_changes_nothing(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    summary = await say(bot, staff, "/cobrar A-1029 1500 Colegiatura")
    bot.state.fail_next(422, path_prefix="/v1/invoices")
    result = await confirm(bot, staff, summary)
    assert "Quentli no aceptó los datos" in result.text and "no se cambió nada" in result.text
    raw_press(bot, staff, summary, button(bot, summary, "Confirmar"))
    again = await bot.telegram.next_reply(STAFF_ID)
    assert "ya falló antes" in again.text
    assert len(posts(bot)) == 1


async def test_one_line_with_an_ambiguous_name_goes_from_the_pick_to_the_summary(
    bot: BotUnderTest,
) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    bot.state.add_customer("Mateo García López", "A-1030")
    staff = await staff_user(bot)
    pick = await say(bot, staff, "/cobrar garcía 1500 Colegiatura")
    assert "varios resultados" in pick.text
    bot.telegram.press_button(staff, pick, f"invc:{lucia['id']}")
    await bot.telegram.next_reply(STAFF_ID)  # the pick message, now naming the choice
    summary = await bot.telegram.next_reply(STAFF_ID)
    assert "Revisa la solicitud" in summary.text and "Lucía García López" in summary.text
    assert posts(bot) == []
