"""The guided flows' typed drafts survive a restart (user_data is stored in SQLite as JSON), and a
draft stored by the earlier code (the same keys) carries on after the upgrade."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from bot.ptb.persistence import USER_DATA_NS
from bot.store import Database, Repositories
from tests.handlers.staffchat import button, confirm, posts, say, staff_user
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


async def _stored_user_data(bot: BotUnderTest) -> Any:
    return await bot.infra.repos.kv.get_json(USER_DATA_NS, str(STAFF_ID))


async def test_an_invoice_draft_survives_a_restart(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    tg = bot.telegram
    await say(bot, staff, "/cobrar")
    assert "Cuánto" in (await say(bot, staff, "A-1029")).text
    assert "concepto" in (await say(bot, staff, "1,500.50")).text.lower()
    await bot.restart()
    # Stored as the typed draft's JSON: centavos as an int, nothing but JSON values.
    draft = (await _stored_user_data(bot))["draft"]
    assert draft["flow"] == "invoice" and draft["amount"] == 150050
    assert (draft["customer_id"], draft["customer_name"]) == (lucia["id"], "Lucía García López")

    due_question = await say(bot, staff, "Colegiatura")
    tg.press_button(staff, due_question, button(bot, due_question, "7 días"))
    await tg.next_reply(STAFF_ID)
    summary = await tg.next_reply(STAFF_ID)
    assert "Lucía García López" in summary.text and "$1,500.50 MXN" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot, "/v1/invoices")
    due = today(TZ) + timedelta(days=7)
    assert sent.body["input"]["customerId"] == lucia["id"]
    assert sent.body["input"]["dueDate"] == f"{due.isoformat()}T06:00:00.000Z"
    assert sent.body["input"]["items"][0]["concept"]["amount"] == 150050


async def test_a_draft_stored_before_the_upgrade_carries_on(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    mateo = bot.state.add_customer("Mateo García López", "A-1030")
    staff = await staff_user(bot)
    due = today(TZ) + timedelta(days=12)
    pick = await say(bot, staff, f"/cobrar garcía 1500 Colegiatura vence {due:%d/%m/%Y}")
    assert "varios resultados" in pick.text
    await bot.telegram.settle()
    await bot.stop()
    # What the earlier code kept in user_data at this step (a dict read back by string keys).
    db = await Database.open(bot.settings.database_path)
    try:
        old = {
            "flow": "invoice",
            "amount": 150000,
            "description": "Colegiatura",
            "due": due.isoformat(),
            "candidates": [lucia["id"], mateo["id"]],
        }
        await Repositories.build(db).kv.set_json(USER_DATA_NS, str(STAFF_ID), {"draft": old})
    finally:
        await db.close()
    await bot.start()

    bot.telegram.press_button(staff, pick, button(bot, pick, "Lucía"))
    await bot.telegram.next_reply(STAFF_ID)  # the pick message, now naming the choice
    summary = await bot.telegram.next_reply(STAFF_ID)
    assert "Revisa la solicitud" in summary.text and "Lucía García López" in summary.text
    assert "$1,500.00 MXN" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot, "/v1/invoices")
    assert sent.body["input"]["dueDate"] == f"{due.isoformat()}T06:00:00.000Z"
    assert sent.body["input"]["customerId"] == lucia["id"]
