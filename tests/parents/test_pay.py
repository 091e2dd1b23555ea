"""/pay (/pagar), the Pay button, /status and /portal, as a parent sees them."""

from __future__ import annotations

from bot.quentli import decode_filter
from tests.harness import BotUnderTest
from tests.parents.helpers import family, invoice, quentli_paths

PARENT = 700_001
OTHER_PARENT = 700_002


async def test_pay_lists_both_children_with_one_quentli_call(bot: BotUnderTest) -> None:
    user, (sofia, diego) = await family(
        bot, PARENT, ("Sofía Pérez", "A-1"), ("Diego Pérez", "A-2")
    )
    inv_sofia = invoice(bot, sofia, 150_000, "Colegiatura marzo", days=-3)
    inv_diego = invoice(bot, diego, 80_050, "Uniforme & útiles", days=12)
    paid = invoice(bot, diego, 10_000, "Cuota pagada")
    bot.state.pay_invoice(paid["id"], emit=False)
    bot.state.requests.clear()

    bot.telegram.send_command(user, "/pagar")
    msg = await bot.telegram.next_reply(PARENT)

    assert "Sofía Pérez" in msg.text and "Diego Pérez" in msg.text
    assert "$1,500.00 MXN" in msg.text and "$800.50 MXN" in msg.text
    assert "Uniforme &amp; útiles" in msg.text  # Quentli's text is escaped
    assert "vencido" in msg.text  # Sofía's is overdue, Diego's is not
    assert msg.text.count("vencido") == 1
    assert "Cuota pagada" not in msg.text
    assert "Total: <b>$2,300.50 MXN</b>" in msg.text
    buttons = bot.telegram.buttons(msg)
    assert [b.value for b in buttons] == [f"pay:{inv_sofia['id']}", f"pay:{inv_diego['id']}"]
    assert buttons[0].text.startswith("💳 Sofía")
    # one list call for both children, filtered by customerId in [...] and unpaid
    assert quentli_paths(bot) == ["GET /v1/invoices"]
    sent = decode_filter(bot.state.requests[0].query["filter"])
    assert sent == {"customerId": {"in": [sofia["id"], diego["id"]]}, "isPaid": "false"}
    # every invoice shown is watched for the poller
    watched = {w.invoice_id for w in await bot.infra.repos.watches.open_watches()}
    assert watched == {inv_sofia["id"], inv_diego["id"]}

    bot.state.requests.clear()
    bot.telegram.press_button(user, msg, buttons[1])
    link_msg = await bot.telegram.next_reply(PARENT)
    assert "Uniforme &amp; útiles" in link_msg.text and "Diego Pérez" in link_msg.text
    # the sandbox's checkout is http://127.0.0.1: sent as text, never as a URL button
    assert "http://127.0.0.1" in link_msg.text
    assert link_msg.reply_markup is None
    assert quentli_paths(bot) == [
        f"GET /v1/invoices/{inv_diego['id']}",
        f"GET /v1/invoices/{inv_diego['id']}/payment-link",
    ]


async def test_nothing_owed_and_not_linked(bot: BotUnderTest) -> None:
    user, _ = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    bot.telegram.send_command(user, "/pay")
    assert "al corriente" in (await bot.telegram.next_reply(PARENT)).text

    stranger = bot.telegram.user(PARENT + 5)
    bot.telegram.send_command(stranger, "/pagar")
    assert "/inicio" in (await bot.telegram.next_reply(PARENT + 5)).text


async def test_a_forged_button_for_another_familys_invoice_is_like_a_missing_one(
    bot: BotUnderTest,
) -> None:
    user, (mine,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    _, (theirs,) = await family(bot, OTHER_PARENT, ("Carlos Ruiz", "B-1"))
    invoice(bot, mine, 150_000, "Colegiatura")
    foreign = invoice(bot, theirs, 99_900, "Colegiatura Carlos")
    bot.telegram.send_command(user, "/pagar")
    msg = await bot.telegram.next_reply(PARENT)
    assert foreign["id"] not in str(msg.reply_markup) and "Carlos" not in msg.text

    bot.state.requests.clear()
    bot.telegram.press_button(user, msg, f"pay:{foreign['id']}", allow_stale=True)
    forged = await bot.telegram.next_reply(PARENT)
    bot.telegram.press_button(user, msg, "pay:inv_doesnotexist0000000000", allow_stale=True)
    missing = await bot.telegram.next_reply(PARENT)

    assert forged.text == missing.text
    assert forged.reply_markup == missing.reply_markup
    assert "Carlos" not in forged.text and "99" not in forged.text
    assert not bot.quentli_requests("GET", f"/v1/invoices/{foreign['id']}/payment-link")
    assert not [r for r in bot.state.requests if r.path.endswith("/payment-link")]


async def test_in_a_group_no_link_and_an_invitation_to_write_privately(bot: BotUnderTest) -> None:
    user, (mine,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    invoice(bot, mine, 150_000, "Colegiatura")
    group = bot.telegram.group_chat(-4242, "Papás 3°B")
    bot.state.requests.clear()
    for command in ("/pagar", "/estado", "/portal"):
        bot.telegram.send_command(user, command, chat=group)
        msg = await bot.telegram.next_reply(-4242)
        assert "chat privado" in msg.text
        assert "$" not in msg.text and "http" not in msg.text
        assert [b.value for b in bot.telegram.buttons(msg)] == ["https://t.me/quentli_test_bot"]
    assert bot.state.requests == []


async def test_status_shows_total_overdue_and_last_payments(bot: BotUnderTest) -> None:
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    invoice(bot, sofia, 150_000, "Colegiatura marzo", days=-3)
    invoice(bot, sofia, 50_000, "Excursión", days=5)
    paid = invoice(bot, sofia, 120_000, "Inscripción", days=-30)
    bot.state.pay_invoice(paid["id"], emit=False)
    bot.state.requests.clear()

    bot.telegram.send_command(user, "/estado")
    msg = await bot.telegram.next_reply(PARENT)
    assert "Total pendiente: <b>$2,000.00 MXN</b>" in msg.text
    assert "Vencido: <b>$1,500.00 MXN</b>" in msg.text
    assert "$1,200.00 MXN" in msg.text  # the last payment
    payments = bot.quentli_requests("GET", "/v1/payments")
    assert len(payments) == 1
    assert decode_filter(payments[0].query["filter"]) == {
        "customerId": sofia["id"],
        "isCompleted": "true",
    }


async def test_portal_with_two_children_asks_whose(bot: BotUnderTest) -> None:
    user, (sofia, diego) = await family(
        bot, PARENT, ("Sofía Pérez", "A-1"), ("Diego Pérez", "A-2")
    )
    _, (theirs,) = await family(bot, OTHER_PARENT, ("Carlos Ruiz", "B-1"))
    bot.telegram.send_command(user, "/portal")
    msg = await bot.telegram.next_reply(PARENT)
    assert [b.value for b in bot.telegram.buttons(msg)] == [
        f"portal:{sofia['id']}",
        f"portal:{diego['id']}",
    ]
    bot.state.requests.clear()
    bot.telegram.press_button(user, msg, f"portal:{diego['id']}")
    link = await bot.telegram.next_reply(PARENT)
    assert "Diego Pérez" in link.text and "http://127.0.0.1" in link.text
    bodies = [r.body for r in bot.quentli_requests("POST", "/v1/customer-portal-session")]
    assert bodies == [{"input": {"destination": "home", "customerId": diego["id"]}}]

    bot.telegram.press_button(user, msg, f"portal:{theirs['id']}", allow_stale=True)
    refused = await bot.telegram.next_reply(PARENT)
    assert "http" not in refused.text
    assert len(bot.quentli_requests("POST", "/v1/customer-portal-session")) == 1
