"""Webhook events posted to a receiver on another port."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest

from bot.sandbox import SandboxServer, SandboxState
from tests.sandbox.conftest import API_KEY, WebhookReceiver, inv_input

EVT = re.compile(r"^evt_[A-Za-z0-9]{20}$")


@pytest.fixture
async def hooked(
    state: SandboxState, receiver: WebhookReceiver
) -> AsyncIterator[tuple[httpx.AsyncClient, SandboxServer]]:
    async with SandboxServer(state, API_KEY, webhook_url=receiver.url) as server:
        headers = {"Authorization": f"Bearer {API_KEY}"}
        async with httpx.AsyncClient(base_url=server.url, headers=headers) as client:
            yield client, server


async def test_invoice_created_event(
    hooked: tuple[httpx.AsyncClient, SandboxServer],
    receiver: WebhookReceiver,
    state: SandboxState,
) -> None:
    api, _server = hooked
    customer = state.add_customer(
        "Sofía García López", "A-1029", "+525512345678", "sofia@example.com"
    )
    body = inv_input(customer["id"], metadata=[{"key": "Ciclo", "value": "2025-1"}])
    invoice = (await api.post("/v1/invoices", json=body)).json()["invoice"]
    [event] = await receiver.wait_for(1)
    assert set(event) == {"eventId", "eventType", "data"}
    assert EVT.match(event["eventId"])
    assert event["eventType"] == "INVOICE_CREATED"
    data = event["data"]
    assert data["invoiceId"] == invoice["id"]
    assert data["amount"] == 150000
    assert data["customer"] == {
        "id": customer["id"],
        "customerId": customer["id"],
        "name": "Sofía García López",
        "email": "sofia@example.com",
        "phoneNumber": "+525512345678",
        "username": "A-1029",
        "metadata": [{"key": "studentId", "value": "A-1029"}],
    }
    assert data["organization"] == state.organization
    assert data["metadata"] == [{"key": "Ciclo", "value": "2025-1"}]


async def test_checkout_payment_sends_paid_and_succeeded_in_order(
    hooked: tuple[httpx.AsyncClient, SandboxServer],
    receiver: WebhookReceiver,
    state: SandboxState,
    invoice: dict[str, Any],
) -> None:
    api, _server = hooked
    url = (await api.get(f"/v1/invoices/{invoice['id']}/payment-link")).json()["url"]
    async with httpx.AsyncClient() as browser:
        await browser.post(f"{url}/pay")
    events = await receiver.wait_for(2)
    assert [e["eventType"] for e in events] == ["INVOICE_PAID", "PAYMENT_ATTEMPT_SUCCEEDED"]
    assert all(e["data"]["invoiceId"] == invoice["id"] for e in events)
    assert events[0]["data"]["paymentId"] == state.invoices[invoice["id"]]["paidWithId"]
    assert events[0]["eventId"] != events[1]["eventId"]


async def test_declines_send_payment_attempt_failed(
    hooked: tuple[httpx.AsyncClient, SandboxServer],
    receiver: WebhookReceiver,
    state: SandboxState,
) -> None:
    api, _server = hooked
    customer = state.add_customer("Diego", "A-1045", has_card=True)
    invoice = state.add_invoice(customer["id"], 5000, "Uniforme", date(2025, 5, 1), emit=False)
    state.decline_next_charge()
    await api.post(f"/v1/invoices/{invoice['id']}/try-payment")
    url = (await api.get(f"/v1/invoices/{invoice['id']}/payment-link")).json()["url"]
    async with httpx.AsyncClient() as browser:
        await browser.post(f"{url}/decline")
    events = await receiver.wait_for(2)
    assert [e["eventType"] for e in events] == ["PAYMENT_ATTEMPT_FAILED"] * 2
    assert events[0]["data"]["errorType"] == "CARD_DECLINED"


async def test_mark_paid_sends_no_invoice_paid(
    hooked: tuple[httpx.AsyncClient, SandboxServer],
    receiver: WebhookReceiver,
    state: SandboxState,
    customer: dict[str, Any],
) -> None:
    api, _server = hooked
    invoice = state.add_invoice(customer["id"], 5000, "Uniforme", date(2025, 5, 1), emit=False)
    await api.post(f"/v1/invoices/{invoice['id']}/mark-paid")
    await api.post("/v1/invoices", json=inv_input(customer["id"]))  # a later event as a marker
    events = await receiver.wait_for(1)
    assert [e["eventType"] for e in events] == ["INVOICE_CREATED"]


async def test_pay_invoice_helper_sends_webhooks(
    hooked: tuple[httpx.AsyncClient, SandboxServer],
    receiver: WebhookReceiver,
    state: SandboxState,
    customer: dict[str, Any],
) -> None:
    invoice = state.add_invoice(customer["id"], 5000, "Uniforme", date(2025, 5, 1))
    state.pay_invoice(invoice["id"])
    events = await receiver.wait_for(3)
    assert [e["eventType"] for e in events] == [
        "INVOICE_CREATED",
        "INVOICE_PAID",
        "PAYMENT_ATTEMPT_SUCCEEDED",
    ]


async def test_an_unreachable_receiver_never_breaks_the_api(
    state: SandboxState, customer: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    dead = "http://127.0.0.1:9/hooks/secret-path"
    async with (
        SandboxServer(state, API_KEY, webhook_url=dead) as server,
        httpx.AsyncClient(
            base_url=server.url, headers={"Authorization": f"Bearer {API_KEY}"}
        ) as api,
    ):
        response = await api.post("/v1/invoices", json=inv_input(customer["id"]))
        assert response.status_code == 200
    # stop() drained the delivery; the failure was logged without the secret URL
    assert "INVOICE_CREATED" in caplog.text
    assert "secret-path" not in caplog.text


async def test_receiver_errors_are_only_logged(
    state: SandboxState, customer: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    failing = WebhookReceiver(status=500)
    await failing.start()
    try:
        async with SandboxServer(state, API_KEY, webhook_url=failing.url):
            state.add_invoice(customer["id"], 5000, "Uniforme", date(2025, 5, 1))
            await failing.wait_for(1)
    finally:
        await failing.stop()
    assert "HTTP 500" in caplog.text


async def test_successful_try_payment_sends_paid_and_succeeded(
    hooked: tuple[httpx.AsyncClient, SandboxServer],
    receiver: WebhookReceiver,
    state: SandboxState,
) -> None:
    api, _server = hooked
    customer = state.add_customer("Diego", "A-1045", has_card=True)
    invoice = state.add_invoice(customer["id"], 5000, "Uniforme", date(2025, 5, 1), emit=False)
    assert (await api.post(f"/v1/invoices/{invoice['id']}/try-payment")).json()["success"]
    events = await receiver.wait_for(2)
    assert [e["eventType"] for e in events] == ["INVOICE_PAID", "PAYMENT_ATTEMPT_SUCCEEDED"]


async def test_webhook_url_can_be_set_after_start(
    state: SandboxState, receiver: WebhookReceiver, customer: dict[str, Any]
) -> None:
    async with SandboxServer(state, API_KEY) as server:
        state.add_invoice(customer["id"], 5000, "Antes", date(2025, 5, 1))  # no receiver yet
        server.set_webhook_url(receiver.url)
        later = state.add_invoice(customer["id"], 5000, "Después", date(2025, 5, 1))
        [event] = await receiver.wait_for(1)
        assert event["data"]["invoiceId"] == later["id"]
        server.set_webhook_url(None)
        state.add_invoice(customer["id"], 5000, "Sin receptor", date(2025, 5, 1))
    assert len(receiver.events) == 1
