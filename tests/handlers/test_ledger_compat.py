"""Ledger rows keep their JSON shape across the typed models: a row written before the upgrade
(the dicts below are what the earlier code stored) still confirms, cancels and shows its result,
and what the code stores now has the same keys and value formats."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from bot.services.billing_payloads import CheckoutDraft, CheckoutPayload
from bot.store import OperationState
from tests.faketelegram import SentMessage
from tests.handlers.staffchat import (
    button,
    confirm,
    paid_summary,
    posts,
    raw_press,
    say,
    staff_user,
)
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")
NAME = "Lucía García López"


def _moment(day: date) -> str:
    """00:00 of ``day`` in Mexico City, as the ledger has always written it."""
    return f"{day.isoformat()}T06:00:00.000Z"


def _old_invoice_payload(customer_id: str, due: date) -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "customer_name": NAME,
        "amount": 150000,
        "description": "Colegiatura",
        "due": due.isoformat(),
        "due_date": _moment(due),
    }


def _old_invoice_facts(invoice: dict[str, Any]) -> dict[str, Any]:
    return {
        "invoice_id": invoice["id"],
        "customer_id": invoice["customerId"],
        "customer_name": NAME,
        "amount": invoice["totalAmount"],
        "concept": "Colegiatura",
        "due_date": invoice["dueDate"],
    }


async def _press(bot: BotUnderTest, staff: Any, on: SentMessage, op_id: str, choice: str) -> str:
    """Press Confirm (``ok``) or Cancel (``no``) of ``op_id``; the last text shown."""
    raw_press(bot, staff, on, f"op:{op_id}:{choice}")
    text = (await bot.telegram.next_reply(STAFF_ID)).text or ""
    if "Enviando a Quentli" in text:
        text = (await bot.telegram.next_reply(STAFF_ID)).text or ""
    return text


async def test_an_invoice_row_keeps_its_shape_both_ways(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer(NAME, "A-1029")
    staff = await staff_user(bot)
    due = today(TZ) + timedelta(days=20)
    ops = bot.infra.repos.operations
    old_id = await ops.create("invoice.create", _old_invoice_payload(lucia["id"], due), STAFF_ID)

    # What the code stores now: the same payload and the same result, key for key.
    summary = await say(bot, staff, f"/cobrar A-1029 1500 Colegiatura vence {due:%d/%m/%Y}")
    new_id = button(bot, summary, "Confirmar").split(":")[1]
    new = await ops.get(new_id)
    assert new is not None and new.payload == _old_invoice_payload(lucia["id"], due)
    await confirm(bot, staff, summary)
    new = await ops.get(new_id)
    assert new is not None and new.result is not None
    [invoice_id] = list(bot.state.invoices)
    assert new.result == {
        "invoice_id": invoice_id,
        "customer_id": lucia["id"],
        "customer_name": NAME,
        "amount": 150000,
        "description": "Colegiatura",
        "due_date": _moment(due),
    }

    # The row written before the upgrade confirms, and is sent as it always was.
    text = await _press(bot, staff, summary, old_id, "ok")
    assert "Solicitud de pago creada" in text
    sent = posts(bot, "/v1/invoices")[-1]
    assert sent.body["input"]["dueDate"] == _moment(due)
    assert sent.body["input"]["customerId"] == lucia["id"]
    assert {"key": "telegram_op", "value": old_id} in sent.body["input"]["metadata"]
    assert len(bot.state.invoices) == 2


async def test_a_result_written_before_the_upgrade_is_shown_again(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer(NAME, "A-1029")
    staff = await staff_user(bot)
    due = today(TZ) + timedelta(days=20)
    ops = bot.infra.repos.operations
    op_id = await ops.create("invoice.create", _old_invoice_payload(lucia["id"], due), STAFF_ID)
    await ops.begin(op_id)
    old_result = {
        "invoice_id": "inv_OLDROW0000000000001",
        "customer_id": lucia["id"],
        "customer_name": NAME,
        "amount": 150000,
        "description": "Colegiatura",
        "due_date": _moment(due),
    }
    await ops.complete(op_id, old_result)
    anywhere = await say(bot, staff, "/ayuda")
    text = await _press(bot, staff, anywhere, op_id, "ok")
    assert "ya se había hecho" in text
    assert "inv_OLDROW0000000000001" in text and "$1,500.00 MXN" in text
    assert posts(bot) == []


async def test_mark_paid_and_charge_rows_keep_their_shape(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer(NAME, "A-1029", has_card=True)
    first = bot.state.add_invoice(lucia["id"], 250000, "Colegiatura", today(TZ) + timedelta(5))
    second = bot.state.add_invoice(lucia["id"], 180000, "Colegiatura", today(TZ) + timedelta(5))
    staff = await staff_user(bot)
    ops = bot.infra.repos.operations
    paid_on = today(TZ) - timedelta(days=2)
    old_mark_paid = {
        **_old_invoice_facts(first),
        "paid_on": paid_on.isoformat(),
        "payment_time": _moment(paid_on),
    }

    summary = await paid_summary(bot, staff, f"/pagado {first['id']} {paid_on:%d/%m/%Y}")
    new = await ops.get(button(bot, summary, "Confirmar").split(":")[1])
    # New rows also keep how it was paid (a new key); the old rows below still confirm.
    assert new is not None and new.payload == {**old_mark_paid, "method": "cash"}
    summary = await say(bot, staff, f"/cargar {second['id']}")
    new = await ops.get(button(bot, summary, "Confirmar").split(":")[1])
    assert new is not None and new.payload == _old_invoice_facts(second)

    mark_paid_id = await ops.create("invoice.mark_paid", old_mark_paid, STAFF_ID)
    text = await _press(bot, staff, summary, mark_paid_id, "ok")
    assert "Pago registrado" in text and first["id"] in text
    [sent] = posts(bot)
    assert sent.body == {"input": {"paymentTime": _moment(paid_on)}}
    done = await ops.get(mark_paid_id)
    assert done is not None and done.result == {
        "invoice_id": first["id"],
        "customer_id": lucia["id"],
        "customer_name": NAME,
        "amount": 250000,
        "concept": "Colegiatura",
        "is_paid": True,
        "payment_time": _moment(paid_on),
    }

    charge_id = await ops.create("invoice.charge", _old_invoice_facts(second), STAFF_ID)
    text = await _press(bot, staff, summary, charge_id, "ok")
    assert "Cobro exitoso" in text and "$1,800.00 MXN" in text
    done = await ops.get(charge_id)
    assert done is not None and done.result is not None
    assert done.result["outcome"] == "ok" and done.result["success"] is True
    assert set(done.result) == {
        "invoice_id",
        "customer_id",
        "customer_name",
        "amount",
        "concept",
        "success",
        "outcome",
        "payment_id",
    }


async def test_rows_written_before_the_upgrade_still_cancel(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer(NAME, "A-1029")
    invoice = bot.state.add_invoice(lucia["id"], 180000, "Colegiatura", today(TZ) + timedelta(5))
    staff = await staff_user(bot)
    ops = bot.infra.repos.operations
    due = today(TZ) + timedelta(days=20)
    by_button = await ops.create(
        "invoice.create", _old_invoice_payload(lucia["id"], due), STAFF_ID
    )
    anywhere = await say(bot, staff, "/ayuda")
    assert "Cancelado" in await _press(bot, staff, anywhere, by_button, "no")

    await ops.create("invoice.charge", _old_invoice_facts(invoice), STAFF_ID)
    old_checkout = {
        "name": "Diego Hernández Ruiz",
        "username": "B-2001",
        "phone": "+525512345678",
        "email": None,
        "description": "Inscripción",
        "amount": 350000,
        "due": due.isoformat(),
        "due_date": _moment(due),
    }
    await ops.create("checkout.create", old_checkout, STAFF_ID)
    listed = await say(bot, staff, "/cancelar")
    assert NAME in listed.text and "$1,800.00 MXN" in listed.text
    assert "Diego Hernández Ruiz" in listed.text and "$3,500.00 MXN" in listed.text
    assert await ops.pending_for(STAFF_ID) == []
    cancelled = await ops.get(by_button)
    assert cancelled is not None and cancelled.state == OperationState.CANCELLED
    assert posts(bot) == []

    # A checkout is stored as it always was.
    draft = CheckoutDraft(
        name="Diego Hernández Ruiz",
        username="B-2001",
        phone="+525512345678",
        email=None,
        description="Inscripción",
        amount=350000,
        due=due,
    )
    assert CheckoutPayload.of(draft, TZ).to_json() == old_checkout
