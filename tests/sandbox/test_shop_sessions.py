"""The shop's sessions in the sandbox: an existing customer found by username, items with a
quantity, the page that pays them and the webhook that follows."""

from __future__ import annotations

import httpx

from bot.sandbox import SandboxServer, SandboxState
from tests.sandbox.conftest import API_KEY, WebhookReceiver


def _shop_body(username: str) -> dict[str, object]:
    return {
        "input": {
            "customer": {"name": "Sofía García López", "username": username},
            "dueDate": "2025-08-01T06:00:00.000Z",
            "items": [{"description": "Uniforme deportivo", "amount": 45000, "quantity": 2}],
            "collectionMethod": "SEND_REMINDER",
        }
    }


async def test_an_existing_customer_is_used_and_the_quantity_counts(
    state: SandboxState, receiver: WebhookReceiver
) -> None:
    existing = state.add_customer(
        "Sofía García López", "A-1029", "+525512345678", "sofia@example.com"
    )
    async with SandboxServer(state, API_KEY, webhook_url=receiver.url) as server:
        headers = {"Authorization": f"Bearer {API_KEY}"}
        async with httpx.AsyncClient(base_url=server.url, headers=headers) as api:
            answer = await api.post("/v1/invoice-payment-sessions", json=_shop_body("A-1029"))
        assert answer.status_code == 200, answer.text
        session = answer.json()
        # found by username: no second customer, and the one found keeps its phone and e-mail
        assert session["customer"]["id"] == existing["id"]
        assert session["customer"]["phoneNumber"] == "+525512345678"
        assert list(state.customers) == [existing["id"]]
        invoice = session["invoice"]
        assert invoice["customerId"] == existing["id"]
        assert invoice["totalAmount"] == 90000
        [item] = invoice["items"]
        assert item["quantity"] == 2

        async with httpx.AsyncClient() as browser:
            page = await browser.get(session["url"])
            assert "Uniforme deportivo × 2" in page.text and "$900.00 MXN" in page.text
            paid = await browser.post(session["url"] + "/pay", follow_redirects=True)
        assert "Pago recibido" in paid.text
        events = await receiver.wait_for(3)
    kinds = [(e["eventType"], e["data"]["invoiceId"]) for e in events]
    assert ("INVOICE_PAID", invoice["id"]) in kinds
    assert state.invoices[invoice["id"]]["isPaid"] is True
