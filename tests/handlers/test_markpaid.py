"""/markpaid (/pagado): record a payment received at the window, and tell the parents."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from tests.handlers.staffchat import (
    PARENT,
    button,
    confirm,
    linked_parent,
    paid_summary,
    posts,
    say,
    staff_user,
)
from tests.harness import BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


def _setup(bot: BotUnderTest, amount: int = 250000) -> tuple[dict, dict]:  # type: ignore[type-arg]
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    invoice = bot.state.add_invoice(lucia["id"], amount, "Colegiatura", today(TZ) + timedelta(5))
    return lucia, invoice


async def test_mark_paid_with_a_date_records_it_at_local_midnight(bot: BotUnderTest) -> None:
    lucia, invoice = _setup(bot)
    await linked_parent(bot, lucia)
    staff = await staff_user(bot)
    paid_on = today(TZ) - timedelta(days=2)
    summary = await paid_summary(bot, staff, f"/pagado {invoice['id']} {paid_on:%d/%m/%Y}")
    assert "Registrar este pago" in summary.text
    assert "Lucía García López" in summary.text and "$2,500.00 MXN" in summary.text
    assert "Colegiatura" in summary.text and posts(bot) == []

    result = await confirm(bot, staff, summary)

    [sent] = posts(bot)
    assert sent.path == f"/v1/invoices/{invoice['id']}/mark-paid"
    assert sent.body == {"input": {"paymentTime": f"{paid_on.isoformat()}T06:00:00.000Z"}}
    assert "Pago registrado" in result.text and invoice["id"] in result.text
    assert bot.state.invoices[invoice["id"]]["isPaid"] is True
    receipt = await bot.telegram.next_reply(PARENT)
    assert "Recibimos tu pago" in receipt.text and "$2,500.00 MXN" in receipt.text
    [entry] = await bot.infra.repos.audit.recent(customer_id=lucia["id"])
    assert (entry.action, entry.outcome, entry.invoice_id) == (
        "invoice.mark_paid",
        "ok",
        invoice["id"],
    )


async def test_mark_paid_without_a_date_sends_the_moment_shown(bot: BotUnderTest) -> None:
    _lucia, invoice = _setup(bot)
    staff = await staff_user(bot)
    summary = await paid_summary(bot, staff, f"/markpaid {invoice['id']}")
    assert "Fecha del pago: hoy" in summary.text
    op_id = button(bot, summary, "Confirmar").split(":")[1]
    op = await bot.infra.repos.operations.get(op_id)
    assert op is not None
    # the summary says the moment that will be sent, in the school's time zone
    shown = datetime.fromisoformat(op.payload["payment_time"].replace("Z", "+00:00"))
    assert f"Fecha del pago: hoy, {shown.astimezone(TZ):%H:%M}" in summary.text
    await confirm(bot, staff, summary)
    [sent] = posts(bot)
    assert sent.body == {"input": {"paymentTime": op.payload["payment_time"]}}


async def test_an_invoice_already_paid_or_cancelled_gets_no_buttons(bot: BotUnderTest) -> None:
    lucia, invoice = _setup(bot)
    bot.state.pay_invoice(invoice["id"], emit=False)
    cancelled = bot.state.add_invoice(lucia["id"], 9900, "Material", today(TZ) + timedelta(3))
    bot.state.invoices[cancelled["id"]]["canceledAt"] = "2025-01-01T06:00:00.000Z"
    staff = await staff_user(bot)
    paid = await say(bot, staff, f"/pagado {invoice['id']}")
    assert "ya está pagada" in paid.text and paid.reply_markup is None
    gone = await say(bot, staff, f"/pagado {cancelled['id']}")
    assert "está cancelada" in gone.text and gone.reply_markup is None
    assert posts(bot) == []


async def test_bad_input_is_refused_before_any_call(bot: BotUnderTest) -> None:
    _lucia, invoice = _setup(bot)
    staff = await staff_user(bot)
    tomorrow = today(TZ) + timedelta(days=1)
    cases = {
        "/pagado": "Uso: <code>/pagado",
        "/pagado inv_abc!": "no parece un id de solicitud",
        f"/pagado {invoice['id']} pronto": "No entendí «pronto» como fecha",
        f"/pagado {invoice['id']} 30/02/2025": "no existe en el calendario",
        f"/pagado {invoice['id']} {tomorrow:%d/%m/%Y}": "todavía no llega",
    }
    for command, expected in cases.items():
        answer = await say(bot, staff, command)
        assert expected in answer.text, (command, answer.text)
    assert bot.quentli_requests() == []
    # Not an invoice id: a student to look up (and nobody is called that).
    answer = await say(bot, staff, "/pagado 12345")
    assert "No encontré a nadie con «12345»" in answer.text
    assert posts(bot) == []


async def test_an_unknown_invoice_is_reported(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    answer = await say(bot, staff, "/pagado inv_00000000000000000000")
    assert "No encontré la solicitud" in answer.text
    assert posts(bot) == []


async def test_quentli_500_on_the_lookup_changes_nothing(bot: BotUnderTest) -> None:
    _lucia, invoice = _setup(bot)
    staff = await staff_user(bot)
    bot.state.fail_next(500, count=10, path_prefix="/v1/invoices")
    answer = await say(bot, staff, f"/pagado {invoice['id']}")
    assert "Quentli tuvo un problema" in answer.text and "No se cambió nada" in answer.text
    assert posts(bot) == []


async def test_a_wrong_api_key_is_named(bot: BotUnderTest) -> None:
    _lucia, invoice = _setup(bot)
    staff = await staff_user(bot)
    bot.state.fail_next(401, path_prefix="/v1/invoices")
    answer = await say(bot, staff, f"/pagado {invoice['id']}")
    assert "llave de la API" in answer.text
    assert posts(bot) == []


async def test_parents_and_strangers_are_refused(bot: BotUnderTest) -> None:
    lucia, invoice = _setup(bot)
    parent = await linked_parent(bot, lucia)
    answer = await say(bot, parent, f"/pagado {invoice['id']}")
    assert "solo para el personal" in answer.text
    assert bot.quentli_requests() == []
