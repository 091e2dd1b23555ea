"""/customer (/alumno): who they are, what they owe (overdue marked), chats, recent actions."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from tests.handlers.staffchat import (
    confirm,
    linked_parent,
    paid_summary,
    posts,
    say,
    staff_user,
)
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


async def test_the_overview_shows_debts_chats_and_audit(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer(
        "Lucía García López", "A-1029", "+525512345678", "lucia@correo.mx"
    )
    overdue = bot.state.add_invoice(lucia["id"], 150000, "Colegiatura", today(TZ) - timedelta(5))
    upcoming = bot.state.add_invoice(lucia["id"], 50000, "Transporte", today(TZ) + timedelta(9))
    settled = bot.state.add_invoice(lucia["id"], 70000, "Material", today(TZ) + timedelta(2))
    bot.state.pay_invoice(settled["id"], emit=False)
    await linked_parent(bot, lucia)
    await linked_parent(bot, lucia, chat_id=7002)
    await bot.infra.repos.links.deactivate_chat(7002, "blocked")
    staff = await staff_user(bot)
    # One money action through the bot, so the audit has a row.
    await confirm(bot, staff, await paid_summary(bot, staff, f"/pagado {upcoming['id']}"))

    view = await say(bot, staff, "/alumno A-1029")

    text = view.text
    assert "Lucía García López" in text and lucia["id"] in text and "A-1029" in text
    assert "+52••••••5678" in text and "5512345678" not in text
    assert "lucia@correo.mx" in text
    assert "1 activo · 1 inactivo" in text
    assert "Debe <b>$1,500.00 MXN</b> en 1 solicitud; vencido: <b>$1,500.00 MXN</b>" in text
    assert "Transporte" not in text  # marked paid through the bot above
    assert overdue["id"] in text and "vencida" in text
    assert settled["id"] not in text
    assert "Pago registrado $500.00 MXN — hecho" in text and "(por Sofía," in text
    assert len(posts(bot)) == 1  # /alumno itself writes nothing


async def test_a_name_matching_several_offers_buttons(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    mateo = bot.state.add_customer("Mateo García López", "A-1030")
    staff = await staff_user(bot)
    pick = await say(bot, staff, "/customer garcía")
    assert [b.text for b in bot.telegram.buttons(pick)] == [
        "Lucía García López · A-1029",
        "Mateo García López · A-1030",
    ]
    bot.telegram.press_button(staff, pick, f"cust:{mateo['id']}")
    view = await bot.telegram.next_reply(STAFF_ID)
    assert "Mateo García López" in view.text and "No tiene pagos pendientes" in view.text
    assert "0 activos · 0 inactivos" in view.text and "Sin movimientos" in view.text


async def test_no_match_and_usage(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    assert "Uso: <code>/alumno" in (await say(bot, staff, "/alumno")).text
    assert "No encontré a nadie" in (await say(bot, staff, "/alumno Zacarías")).text


async def test_parents_cannot_look_customers_up(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    parent = await linked_parent(bot, lucia)
    assert "solo para el personal" in (await say(bot, parent, "/alumno A-1029")).text
    assert bot.quentli_requests() == []
