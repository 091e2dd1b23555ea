"""/checkout (/sesion): a checkout link for a family not yet in Quentli, step by step."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from tests.handlers.staffchat import button, confirm, posts, raw_press, say, staff_user
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


async def _to_summary(bot: BotUnderTest, staff: Any, contact: str = "55 1234 5678") -> Any:
    assert "nombre completo" in (await say(bot, staff, "/sesion")).text
    assert "celular o correo" in (await say(bot, staff, "Diego Hernández Ruiz")).text
    assert "matrícula" in (await say(bot, staff, contact)).text
    concept_question = await say(bot, staff, "B-2001")
    bot.telegram.press_button(staff, concept_question, button(bot, concept_question, "Inscri"))
    await bot.telegram.next_reply(STAFF_ID)  # the question, now showing the choice
    assert "Cuánto" in (await bot.telegram.next_reply(STAFF_ID)).text
    due_question = await say(bot, staff, "3,500")
    bot.telegram.press_button(staff, due_question, button(bot, due_question, "7 días"))
    await bot.telegram.next_reply(STAFF_ID)
    return await bot.telegram.next_reply(STAFF_ID)


async def test_checkout_creates_the_session_and_gives_the_link(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _to_summary(bot, staff)
    assert "Revisa la liga de pago" in summary.text
    assert "+525512345678" in summary.text and "$3,500.00 MXN" in summary.text
    assert posts(bot) == []

    result = await confirm(bot, staff, summary)

    [sent] = posts(bot)
    op_id = button(bot, summary, "Confirmar").split(":")[1]
    due = today(TZ) + timedelta(days=7)
    assert sent.path == "/v1/invoice-payment-sessions"
    assert sent.body == {
        "input": {
            "customer": {
                "name": "Diego Hernández Ruiz",
                "username": "B-2001",
                "phoneNumber": "+525512345678",
            },
            "dueDate": f"{due.isoformat()}T06:00:00.000Z",
            "items": [{"description": "Inscripción", "amount": 350000, "quantity": 1}],
            "collectionMethod": "SEND_REMINDER",
            "metadata": [
                {"key": "source", "value": "telegram"},
                {"key": "telegram_op", "value": op_id},
            ],
        }
    }
    assert "Liga de pago lista" in result.text and "/checkout/" in result.text
    family_link = await bot.telegram.next_reply(STAFF_ID)
    assert "t.me/" in family_link.text and "/checkout/" not in family_link.text
    assert (await bot.telegram.next_reply(STAFF_ID)).photo
    # The checkout URL is a credential: it is not kept in the ledger nor in the audit log.
    op = await bot.infra.repos.operations.get(op_id)
    assert op is not None and "/checkout/" not in str(op.result)
    [entry] = await bot.infra.repos.audit.recent()
    assert "/checkout/" not in str(entry.detail) + str(entry.request)

    raw_press(bot, staff, summary, button(bot, summary, "Confirmar"))
    again = await bot.telegram.next_reply(STAFF_ID)
    assert "ya se había hecho" in again.text and "/liga" in again.text
    assert "/checkout/" not in again.text and len(posts(bot)) == 1


async def test_an_email_works_instead_of_a_phone(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _to_summary(bot, staff, contact="diego.papa@correo.mx")
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.body["input"]["customer"]["email"] == "diego.papa@correo.mx"
    assert "phoneNumber" not in sent.body["input"]["customer"]


async def test_bad_answers_are_explained_and_asked_again(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    await say(bot, staff, "/checkout")
    assert "no parece un nombre" in (await say(bot, staff, "7")).text
    await say(bot, staff, "Diego Hernández")
    assert "no es un teléfono válido" in (await say(bot, staff, "12345")).text
    assert "no es un correo válido" in (await say(bot, staff, "diego@")).text
    await say(bot, staff, "+52 1 55 1234 5678")
    assert "no sirve como matrícula" in (await say(bot, staff, "B 2001")).text
    await say(bot, staff, "B-2001")
    await say(bot, staff, "Colegiatura")
    assert "mayor que cero" in (await say(bot, staff, "0")).text
    await say(bot, staff, "100")
    past = today(TZ) - timedelta(days=1)
    assert "ya pasó" in (await say(bot, staff, past.strftime("%d/%m/%Y"))).text
    summary = await say(bot, staff, (today(TZ) + timedelta(days=3)).strftime("%d/%m/%Y"))
    assert "+525512345678" in summary.text  # +521 mobile form normalised
    assert posts(bot) == []


async def test_the_flow_survives_a_restart_and_cancel_leaves_it(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    await say(bot, staff, "/sesion")
    await say(bot, staff, "Diego Hernández")
    await bot.restart()
    assert "matrícula" in (await say(bot, staff, "5512345678")).text
    assert "Cancelado" in (await say(bot, staff, "/cancelar")).text
    assert "/cobrar" in (await say(bot, staff, "B-2001")).text
    assert bot.quentli_requests() == []


async def test_starting_invoice_during_checkout_leaves_the_checkout(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    await say(bot, staff, "/sesion")
    assert "A qué alumno" in (await say(bot, staff, "/cobrar")).text
    # The answer goes to /cobrar (the latest flow), not to the abandoned checkout.
    assert "Cuánto" in (await say(bot, staff, "A-1029")).text


async def test_strangers_cannot_start_a_checkout(bot: BotUnderTest) -> None:
    stranger = bot.telegram.user(5555, "Pepe")
    assert "solo para el personal" in (await say(bot, stranger, "/sesion")).text
    assert bot.quentli_requests() == []
