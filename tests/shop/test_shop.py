"""The school shop: staff keep the items; a parent buys for one of their children, exactly once,
gets the checkout link in their private chat and the receipt when it is paid."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from bot.parsing.dates import today
from bot.ptb.jobs import POLL_JOB
from bot.services.operations import OP_TTL
from bot.store.db import to_db_time
from tests.handlers.staffchat import button, posts, press, raw_press, say, staff_user
from tests.harness import ADMIN_ID, STAFF_ID, BotUnderTest
from tests.parents.helpers import family

TZ = ZoneInfo("America/Mexico_City")
PARENT = 720_001
SESSIONS = "/v1/invoice-payment-sessions"


def receipts(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [
        m.text or ""
        for m in bot.telegram.bot_messages(chat_id)
        if "Recibimos tu pago" in (m.text or "") or "Pago recibido" in (m.text or "")
    ]


async def _uniform(bot: BotUnderTest) -> Any:
    staff = await staff_user(bot)
    added = await say(bot, staff, "/tienda agregar 450 Uniforme deportivo")
    assert "Agregado a la tienda" in added.text and "$450.00 MXN" in added.text
    return staff


async def _to_summary(bot: BotUnderTest, user: Any, child: str | None, quantity: str) -> Any:
    items = await say(bot, user, "/tienda")
    assert "¿Qué quieres comprar?" in items.text
    question = await press(bot, user, items, button(bot, items, "Uniforme deportivo"))
    if child is not None:
        assert "¿Para quién es?" in question.text
        question = await press(bot, user, question, button(bot, question, child))
    assert "¿Cuántos?" in question.text
    return await press(bot, user, question, button(bot, question, quantity))


async def _confirm(bot: BotUnderTest, user: Any, summary: Any) -> Any:
    """Press Confirm; the final edit (after "Preparando tu liga de pago…")."""
    working = await press(bot, user, summary, button(bot, summary, "Confirmar"))
    assert "Preparando tu liga" in working.text
    return await bot.telegram.next_reply(user["id"])


async def test_a_parent_of_two_buys_two_for_one_child_and_gets_the_receipt(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    await _uniform(bot)
    user, (_valentina, diego) = await family(
        bot, PARENT, ("Valentina Hernández Ruiz", "A-1"), ("Diego Hernández Ruiz", "A-2")
    )
    summary = await _to_summary(bot, user, "Diego", "2")
    assert "Revisa tu compra" in summary.text
    assert "Diego Hernández Ruiz" in summary.text and "2 × $450.00 MXN" in summary.text
    assert "$900.00 MXN" in summary.text
    assert posts(bot) == []

    data = button(bot, summary, "Confirmar")
    query_id = raw_press(bot, user, summary, data)
    raw_press(bot, user, summary, data, query_id=query_id)  # Telegram delivers it again
    bot.telegram.press_button(user, summary, data, allow_stale=True)  # and a double tap
    await bot.telegram.settle()

    [sent] = posts(bot)
    op_id = data.split(":")[1]
    due = today(TZ) + timedelta(days=7)
    assert sent.path == SESSIONS
    assert sent.body == {
        "input": {
            "customer": {"name": "Diego Hernández Ruiz", "username": "A-2"},
            "dueDate": f"{due.isoformat()}T06:00:00.000Z",
            "items": [{"description": "Uniforme deportivo", "amount": 45000, "quantity": 2}],
            "collectionMethod": "SEND_REMINDER",
            "metadata": [
                {"key": "source", "value": "telegram"},
                {"key": "telegram_op", "value": op_id},
                {"key": "shop_item", "value": "1"},
            ],
        }
    }
    # no new customer: the invoice is the linked child's
    assert len(bot.state.customers) == 2
    [invoice] = bot.state.invoices.values()
    assert invoice["customerId"] == diego["id"] and invoice["totalAmount"] == 90000

    texts = [m.text or "" for m in bot.telegram.bot_messages(PARENT)]
    with_link = [text for text in texts if "/checkout/" in text]
    assert len(with_link) == 1 and "Tu compra quedó registrada" in with_link[0]
    assert "ya se había hecho" in texts[-1] and "/checkout/" not in texts[-1]
    # a repeated press offers the Pay button (a fresh link, re-checked), not the old link
    [pay] = bot.telegram.buttons(bot.telegram.bot_messages(PARENT)[-1])
    assert pay.value == f"pay:{invoice['id']}"
    # the link only in that parent's chat: not the staff member's, not the admin's
    for chat_id in (STAFF_ID, ADMIN_ID):
        assert all("/checkout/" not in (m.text or "") for m in bot.telegram.bot_messages(chat_id))

    checkout = with_link[0].split("Ábrela aquí: ")[1].strip()
    async with httpx.AsyncClient() as http:
        answer = await http.post(checkout.rstrip("/") + "/pay", follow_redirects=True)
    assert answer.status_code == 200
    await bot.telegram.wait_for(lambda: receipts(bot, PARENT))
    await bot.telegram.settle(quiet=0.5)
    (receipt,) = receipts(bot, PARENT)
    assert "Uniforme deportivo" in receipt and "$900.00 MXN" in receipt


async def test_a_parent_of_one_child_skips_the_question_and_may_type_the_quantity(
    bot: BotUnderTest,
) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    items = await say(bot, user, "/tienda")
    question = await press(bot, user, items, button(bot, items, "Uniforme"))
    assert "¿Cuántos?" in question.text and "Sofía Pérez" in question.text
    assert [b.text for b in bot.telegram.buttons(question)] == ["1", "2", "3", "4", "5"]
    refused = await say(bot, user, "muchos")
    assert "no es una cantidad" in refused.text
    refused = await say(bot, user, "300")
    assert "del 1 al 20" in refused.text
    summary = await say(bot, user, "tres")
    assert "3 × $450.00 MXN" in summary.text and "$1,350.00 MXN" in summary.text
    assert posts(bot) == []
    done = await _confirm(bot, user, summary)
    assert "Tu compra quedó registrada" in done.text and "/checkout/" in done.text
    [sent] = posts(bot)
    assert sent.body["input"]["items"][0]["quantity"] == 3
    assert sent.body["input"]["customer"]["username"] == "B-7"


async def test_a_customer_without_username_is_refused(bot: BotUnderTest) -> None:
    await _uniform(bot)
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    bot.state.customers[sofia["id"]]["username"] = None  # made in Quentli without one
    summary = await _to_summary(bot, user, None, "1")
    assert "no tiene matrícula" in summary.text
    assert bot.telegram.buttons(summary) == []
    assert posts(bot) == []


async def test_removing_an_item_and_bad_input_change_nothing(bot: BotUnderTest) -> None:
    staff = await _uniform(bot)
    for typed, expected in [
        ("/tienda agregar", "escribe su precio y su nombre"),
        ("/tienda agregar 450", "escribe su precio y su nombre"),
        ("/tienda agregar 1 500 Uniforme", "sin espacios"),
        ("/tienda agregar cuatro Uniforme", "como monto"),
        # the name first: the answer shows the order, with an example
        ("/tienda agregar Uniforme 450", "Escribe <code>/tienda agregar PRECIO NOMBRE</code>"),
        ("/tienda agregar Uniforme 450", "<code>/tienda agregar 450 Uniforme deportivo</code>"),
        ("/tienda quitar", "número del artículo"),
        ("/tienda quitar Uniforme", "número del artículo"),
        ("/tienda quitar 9", "ningún artículo a la venta con el número 9"),
        ("/tienda vender 3", "agregar, quitar o lista"),
    ]:
        answer = await say(bot, staff, typed)
        assert expected in answer.text, (typed, answer.text)
    listed = await say(bot, staff, "/shop list")
    assert "1. Uniforme deportivo: <b>$450.00 MXN</b>" in listed.text

    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    items = await say(bot, user, "/tienda")
    removed = await say(bot, staff, "/tienda quitar 1")
    assert "Quitado de la tienda" in removed.text and "Uniforme deportivo" in removed.text
    assert "no tiene artículos" in (await say(bot, staff, "/tienda lista")).text
    # a parent's list from before: the item is no longer on sale
    gone = await press(bot, user, items, button(bot, items, "Uniforme"))
    assert "ya no está a la venta" in gone.text
    assert "no tiene artículos" in (await say(bot, user, "/tienda")).text
    assert posts(bot) == []


async def test_an_item_removed_after_the_summary_is_not_bought(bot: BotUnderTest) -> None:
    staff = await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    summary = await _to_summary(bot, user, None, "1")
    await say(bot, staff, "/tienda quitar 1")
    result = await _confirm(bot, user, summary)
    assert "ya no está a la venta" in result.text
    assert posts(bot) == []


async def test_only_staff_manage_the_shop(bot: BotUnderTest) -> None:
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    refused = await say(bot, user, "/tienda agregar 450 Uniforme deportivo")
    assert "solo para el personal" in refused.text
    assert "no tiene artículos" in (await say(bot, user, "/tienda")).text
    stranger = bot.telegram.user(5555, "Pepe")
    bot.telegram.private_chat(stranger)
    assert "solo para el personal" in (await say(bot, stranger, "/shop add 10 Pen")).text
    assert "todavía no está vinculado" in (await say(bot, stranger, "/tienda")).text


async def test_a_group_never_gets_the_shop(bot: BotUnderTest) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    group = bot.telegram.group_chat(-100_555, "Papás 3°B")
    bot.telegram.send_message(user, "/tienda", chat=group)
    answer = await bot.telegram.next_reply(-100_555)
    assert "chat privado" in answer.text
    assert bot.telegram.buttons(answer)[0].value.startswith("https://t.me/")


async def test_a_parent_can_only_buy_for_their_own_children(bot: BotUnderTest) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    summary = await _to_summary(bot, user, None, "1")
    # the chat is unlinked before Confirm: re-checked on the server side, nothing is sent
    await bot.infra.repos.links.deactivate_chat(PARENT, "unlinked")
    result = await _confirm(bot, user, summary)
    assert "Solo puedes comprar para los alumnos vinculados" in result.text
    assert posts(bot) == []
    # someone else pressing the parent's Confirm is refused
    other = bot.telegram.user(PARENT + 1, "Otro")
    query_id = raw_press(bot, other, summary, button(bot, summary, "Confirmar"))
    await bot.telegram.settle()
    [answer] = [a for a in bot.telegram.callback_answers if a.callback_query_id == query_id]
    assert answer.show_alert
    assert posts(bot) == []


async def test_in_english_with_a_typed_quantity_and_staff_see_the_list(bot: BotUnderTest) -> None:
    staff = await staff_user(bot, lang="en")
    added = await say(bot, staff, "/shop add $1,200 Museum trip")
    assert "Added to the shop" in added.text and "$1,200.00 MXN" in added.text
    listed = await say(bot, staff, "/shop")  # staff with no linked child: the list
    assert "1. Museum trip" in listed.text and "/shop remove" in listed.text
    user, _ = await family(bot, PARENT, ("Diego Hernández Ruiz", "A-2"), lang="en")
    items = await say(bot, user, "/shop")
    question = await press(bot, user, items, button(bot, items, "Museum trip"))
    assert "How many?" in question.text
    summary = await say(bot, user, "two")
    assert "Check your purchase" in summary.text and "$2,400.00 MXN" in summary.text
    working = await press(bot, user, summary, button(bot, summary, "Confirm"))
    assert "Preparing your payment link" in working.text
    done = await bot.telegram.next_reply(PARENT)
    assert "Your purchase is recorded" in done.text and "/checkout/" in done.text
    [sent] = posts(bot)
    assert sent.body["input"]["items"] == [
        {"description": "Museum trip", "amount": 120000, "quantity": 2}
    ]


async def test_cancel_sends_nothing_and_cancel_lists_a_waiting_purchase(bot: BotUnderTest) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    summary = await _to_summary(bot, user, None, "1")
    cancelled = await press(bot, user, summary, button(bot, summary, "Cancelar"))
    assert "Compra cancelada" in cancelled.text
    waiting = await _to_summary(bot, user, None, "2")
    listed = await say(bot, user, "/cancelar")
    assert "Compra en la tienda" in listed.text and "Uniforme deportivo" in listed.text
    late = await press(bot, user, waiting, button(bot, waiting, "Confirmar"))
    assert "se canceló" in late.text
    assert posts(bot) == []


async def test_quentli_failing_is_said_plainly_and_nothing_is_sent_twice(
    bot: BotUnderTest,
) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    summary = await _to_summary(bot, user, None, "1")
    bot.state.fail_next(400, path_prefix=SESSIONS)  # refused: nothing was made
    failed = await _confirm(bot, user, summary)
    assert "No se pudo hacer la compra" in failed.text
    summary = await _to_summary(bot, user, None, "1")
    bot.state.fail_next(500, path_prefix=SESSIONS)  # a server error: it may have landed
    unknown = await _confirm(bot, user, summary)
    assert "No sabemos si tu compra se registró" in unknown.text and "/pagar" in unknown.text
    raw_press(bot, user, summary, button(bot, summary, "Confirmar"))
    await bot.telegram.settle()
    assert "No sabemos" in (bot.telegram.current(unknown) or unknown).text
    assert len(posts(bot)) == 2  # one per Confirm, never repeated


async def test_a_forged_quantity_is_refused(bot: BotUnderTest) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    items = await say(bot, user, "/tienda")
    question = await press(bot, user, items, button(bot, items, "Uniforme"))
    raw_press(bot, user, question, "tq:0")
    refused = await bot.telegram.next_reply(PARENT)
    assert "ya no está vigente" in refused.text
    assert posts(bot) == []


async def test_a_restart_keeps_the_typed_quantity_step_and_the_summary(bot: BotUnderTest) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    items = await say(bot, user, "/tienda")
    question = await press(bot, user, items, button(bot, items, "Uniforme"))
    assert "¿Cuántos?" in question.text
    await bot.restart()
    summary = await say(bot, user, "2")
    assert "2 × $450.00 MXN" in summary.text
    await bot.restart()
    done = await _confirm(bot, user, summary)
    assert "Tu compra quedó registrada" in done.text
    assert len(posts(bot, SESSIONS)) == 1


async def test_an_old_summary_sends_nothing(bot: BotUnderTest) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    summary = await _to_summary(bot, user, None, "1")
    op_id = button(bot, summary, "Confirmar").split(":")[1]
    created = to_db_time(datetime.now(UTC) - OP_TTL - timedelta(minutes=1))
    await bot.infra.db.execute(
        "UPDATE operations SET created_at = ? WHERE op_id = ?", (created, op_id)
    )
    expired = await press(bot, user, summary, button(bot, summary, "Confirmar"))
    assert "ya expiró" in expired.text and "/tienda" in expired.text
    raw_press(bot, user, summary, f"tbuy:{op_id}:ok")
    await bot.telegram.settle()
    assert "ya expiró" in (bot.telegram.current(expired) or expired).text
    assert posts(bot) == []


async def test_without_webhooks_the_poller_brings_the_receipt(bot: BotUnderTest) -> None:
    await _uniform(bot)
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "B-7"))
    summary = await _to_summary(bot, user, None, "1")
    await _confirm(bot, user, summary)
    [invoice] = bot.state.invoices.values()
    bot.state.pay_invoice(invoice["id"])  # the harness sandbox posts no webhooks
    (job,) = bot.runner.application.job_queue.get_jobs_by_name(POLL_JOB)
    await job.run(bot.runner.application)
    await bot.telegram.wait_for(lambda: receipts(bot, PARENT))
    (receipt,) = receipts(bot, PARENT)
    assert "Uniforme deportivo" in receipt and "$450.00 MXN" in receipt
    # the purchase's watch names the parent, who is not staff: no staff notice anywhere
    assert not receipts(bot, STAFF_ID) and not receipts(bot, ADMIN_ID)
