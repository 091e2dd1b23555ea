"""Being told when a payment lands: webhooks, the poller, and one receipt per invoice."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import httpx

from bot.ptb.jobs import POLL_JOB
from bot.quentli import QuentliClient
from bot.sandbox import ledger
from bot.web.quentli_webhook import quentli_webhook_url
from tests.harness import API_KEY, STAFF_ID, BotUnderTest, bot_under_test
from tests.parents.conftest import WEBHOOK_SECRET
from tests.parents.helpers import TODAY, family, invoice

PARENT = 710_001


def receipts(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [
        m.text or ""
        for m in bot.telegram.bot_messages(chat_id)
        if "Recibimos tu pago" in (m.text or "") or "Pago recibido" in (m.text or "")
    ]


async def test_paying_on_the_checkout_page_sends_one_receipt_by_webhook(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    await bot.make_staff()
    staff = bot.telegram.user(STAFF_ID)
    bot.telegram.private_chat(staff)
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 150_000, "Colegiatura marzo")
    await bot.infra.repos.watches.watch(inv["id"], sofia["id"], STAFF_ID)  # as /invoice does

    bot.telegram.send_command(user, "/pagar")
    msg = await bot.telegram.next_reply(PARENT)
    bot.telegram.press_button(user, msg, f"pay:{inv['id']}")
    link = await bot.telegram.next_reply(PARENT)
    checkout = link.text.split("Ábrela aquí: ")[1].strip()
    # the parent pays on the sandbox's checkout page: INVOICE_PAID + PAYMENT_ATTEMPT_SUCCEEDED
    async with httpx.AsyncClient() as http:
        answer = await http.post(checkout.rstrip("/") + "/pay", follow_redirects=True)
    assert answer.status_code == 200

    await bot.telegram.wait_for(lambda: receipts(bot, PARENT) and receipts(bot, STAFF_ID))
    await bot.telegram.settle(quiet=0.5)
    (receipt,) = receipts(bot, PARENT)
    assert "Colegiatura marzo" in receipt and "$1,500.00 MXN" in receipt
    (staff_note,) = receipts(bot, STAFF_ID)
    assert "Sofía Pérez" in staff_note and inv["id"] in staff_note
    assert (await bot.infra.repos.watches.get(inv["id"])).settled_at is not None
    # the events were confirmed with Quentli before anyone was told
    assert bot.quentli_requests("GET", f"/v1/invoices/{inv['id']}")


async def test_a_repeated_webhook_gives_one_receipt(hooked_bot: BotUnderTest) -> None:
    bot = hooked_bot
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 150_000, "Colegiatura")
    bot.state.pay_invoice(inv["id"])
    await bot.telegram.wait_for(lambda: receipts(bot, PARENT))
    # the payment's other event (PAYMENT_ATTEMPT_SUCCEEDED) is handled too before counting
    for sent in bot.state.events:
        for _ in range(200):
            seen = await bot.infra.repos.events.get(sent["eventId"])
            if seen is not None and seen.processed_at is not None:
                break
            await asyncio.sleep(0.02)
    event = next(e for e in bot.state.events if e["eventType"] == "INVOICE_PAID")
    bot.state.requests.clear()
    url = quentli_webhook_url(bot.runner.web_url, WEBHOOK_SECRET)
    async with httpx.AsyncClient() as http:
        for _ in range(3):
            assert (await http.post(url, json=event)).status_code == 200
    await bot.telegram.settle(quiet=0.5)
    assert len(receipts(bot, PARENT)) == 1
    assert bot.state.requests == []  # a known eventId is not even confirmed again


async def test_a_forged_webhook_for_an_unpaid_invoice_tells_nobody(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 150_000, "Colegiatura")
    forged = {
        "eventId": "evt_forged000000000001",
        "eventType": "INVOICE_PAID",
        "data": {"invoiceId": inv["id"], "amount": 150_000, "customer": {"id": sofia["id"]}},
    }
    url = quentli_webhook_url(bot.runner.web_url, WEBHOOK_SECRET)
    async with httpx.AsyncClient() as http:
        assert (await http.post(url, json=forged)).status_code == 200
        wrong = quentli_webhook_url(bot.runner.web_url, "not-the-secret")
        assert (await http.post(wrong, json=forged | {"eventId": "evt_2"})).status_code == 404
        assert (await http.post(url, content=b"{not json")).status_code == 400
    await bot.telegram.wait_for(lambda: bot.quentli_requests("GET", f"/v1/invoices/{inv['id']}"))
    await bot.runner.services.payment_events.drain()
    await bot.telegram.settle(quiet=0.3)
    assert bot.telegram.bot_messages(PARENT) == []
    assert await bot.infra.repos.outbox.pending_count() == 0


async def test_the_receiver_is_off_without_a_secret(bot: BotUnderTest) -> None:
    url = quentli_webhook_url(bot.runner.web_url, WEBHOOK_SECRET)
    async with httpx.AsyncClient() as http:
        answer = await http.post(url, json={"eventId": "e", "eventType": "INVOICE_PAID"})
    assert answer.status_code == 404


async def test_the_poller_sends_the_receipt_when_webhooks_are_off(bot: BotUnderTest) -> None:
    user, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    inv = invoice(bot, sofia, 150_000, "Colegiatura marzo")
    bot.telegram.send_command(user, "/pagar")  # what is shown gets watched
    await bot.telegram.next_reply(PARENT)
    bot.state.pay_invoice(inv["id"])  # the harness sandbox posts no webhooks

    (job,) = bot.runner.application.job_queue.get_jobs_by_name(POLL_JOB)
    await job.run(bot.runner.application)
    await bot.telegram.wait_for(lambda: receipts(bot, PARENT))
    await job.run(bot.runner.application)  # a second round finds nothing new
    await bot.telegram.settle(quiet=0.3)
    (receipt,) = receipts(bot, PARENT)
    assert "Colegiatura marzo" in receipt
    assert await bot.infra.repos.watches.open_watches() == []


async def test_a_new_invoice_from_the_dashboard_and_a_failed_charge(
    hooked_bot: BotUnderTest,
) -> None:
    bot = hooked_bot
    await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    diego = bot.state.add_customer("Diego Pérez", "A-2", has_card=True)
    await bot.infra.repos.links.link(PARENT, diego["id"], "Diego Pérez", "staff", None)
    inv = bot.state.add_invoice(diego["id"], 45_000, "Transporte", TODAY)
    created = await bot.telegram.next_reply(PARENT)
    assert "Nuevo pago pendiente" in created.text and "Transporte" in created.text
    assert [b.value for b in bot.telegram.buttons(created)] == [f"pay:{inv['id']}"]

    # a card declined on the payment page: told as such, never as a charge of a saved card
    ledger.decline(bot.state, bot.state.invoices[inv["id"]], None)
    failed = await bot.telegram.next_reply(PARENT)
    assert "página de pago" in failed.text and "$450.00 MXN" in failed.text
    assert "rechaz" in failed.text
    assert "guardada" not in failed.text and "automático" not in failed.text
    assert [b.value for b in bot.telegram.buttons(failed)] == [f"pay:{inv['id']}"]


async def test_in_sandbox_mode_the_bots_own_sandbox_posts_its_webhooks_to_the_bot(
    tmp_path: Path,
) -> None:
    async for bot in bot_under_test(tmp_path, quentli_api_key=None):
        sandbox = bot.infra.sandbox
        assert sandbox is not None and bot.services.payment_events.receiver_on
        customer = sandbox.state.add_customer("Sofía Pérez", "S-1")
        await bot.infra.repos.links.link(PARENT, customer["id"], "Sofía Pérez", "staff", None)
        bot.telegram.private_chat(bot.telegram.user(PARENT))
        inv = sandbox.state.add_invoice(customer["id"], 150_000, "Colegiatura", TODAY, emit=False)
        sandbox.state.pay_invoice(inv["id"])
        await bot.telegram.wait_for(functools.partial(receipts, bot, PARENT))


async def test_the_poller_reads_watched_invoices_a_hundred_to_a_call(bot: BotUnderTest) -> None:
    _, (sofia,) = await family(bot, PARENT, ("Sofía Pérez", "A-1"))
    invoices = [invoice(bot, sofia, 10_000 + n, f"Cuota {n}") for n in range(250)]
    watches = bot.infra.repos.watches
    for inv in invoices:
        await watches.watch(inv["id"], sofia["id"], None)
    # a family nobody is linked to any more, and an invoice its issuer still wants to hear of
    gone = bot.state.add_customer("Familia Dada de Baja", "A-9")
    stale = invoice(bot, gone, 5_000, "Vieja")
    issued = invoice(bot, gone, 6_000, "Emitida")
    await watches.watch(stale["id"], gone["id"], None)
    await watches.watch(issued["id"], gone["id"], STAFF_ID)
    bot.state.pay_invoice(invoices[137]["id"])
    async with QuentliClient.create(bot.sandbox.url, API_KEY) as quentli:
        await quentli.cancel_invoice(invoices[5]["id"])
    bot.state.requests.clear()

    (job,) = bot.runner.application.job_queue.get_jobs_by_name(POLL_JOB)
    await job.run(bot.runner.application)
    await bot.telegram.wait_for(lambda: receipts(bot, PARENT))

    # 251 open watches (one settled without a call): three list calls, no call per invoice
    # (the one receipt reads its payment, to say how it was paid)
    invoice_reads = [r.path for r in bot.state.requests if r.path.startswith("/v1/invoices")]
    assert invoice_reads == ["/v1/invoices"] * 3
    (receipt,) = receipts(bot, PARENT)
    assert "Cuota 137" in receipt
    open_ids = {w.invoice_id for w in await watches.open_watches()}
    assert invoices[137]["id"] not in open_ids and invoices[5]["id"] not in open_ids
    assert stale["id"] not in open_ids and issued["id"] in open_ids
    assert len(open_ids) == 249
