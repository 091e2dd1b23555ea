"""Payment links, invoice payment sessions, portal sessions and the pages behind them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from bot.sandbox import SandboxServer, SandboxState


def _session_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "customer": {
            "name": "Regina Gómez Torres",
            "username": "A-2001",
            "phoneNumber": "+525567890123",
            "email": "regina@example.com",
            "metadata": [{"key": "studentId", "value": "A-2001"}],
        },
        "dueDate": "2025-08-01T06:00:00.000Z",
        "items": [{"description": "Inscripción 2025-2026", "amount": 650000, "quantity": 1}],
        "collectionMethod": "AUTOMATIC",
    }
    body.update(overrides)
    return {"input": body}


async def test_payment_link_points_at_the_checkout_page(
    api: httpx.AsyncClient, server: SandboxServer, invoice: dict[str, Any]
) -> None:
    response = await api.get(f"/v1/invoices/{invoice['id']}/payment-link")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"url", "expiresAt", "invoice"}
    assert re.match(rf"^{re.escape(server.url)}/checkout/[A-Za-z0-9_-]{{32}}$", body["url"])
    expires = datetime.fromisoformat(body["expiresAt"].replace("Z", "+00:00"))
    assert timedelta(hours=23) < expires - datetime.now(UTC) <= timedelta(hours=24)
    assert body["invoice"]["id"] == invoice["id"]
    second = (await api.get(f"/v1/invoices/{invoice['id']}/payment-link")).json()
    assert second["url"] != body["url"]  # a fresh link per call


async def test_public_url_is_used_for_links(state: SandboxState, invoice: dict[str, Any]) -> None:
    server = SandboxServer(state, "k", public_url="https://sandbox.example.com/")
    async with server, httpx.AsyncClient(base_url=server.url) as client:
        response = await client.get(
            f"/v1/invoices/{invoice['id']}/payment-link", headers={"Authorization": "Bearer k"}
        )
    assert response.json()["url"].startswith("https://sandbox.example.com/checkout/")


async def test_checkout_page_flow(
    api: httpx.AsyncClient, state: SandboxState, invoice: dict[str, Any]
) -> None:
    url = (await api.get(f"/v1/invoices/{invoice['id']}/payment-link")).json()["url"]
    async with httpx.AsyncClient() as browser:
        page = await browser.get(url)
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        html = page.text
        assert 'name="viewport"' in html
        assert "sandbox" in html.lower()
        assert "Colegio Montessori del Valle" in html
        assert "Colegiatura Marzo" in html
        assert "$1,500.00 MXN" in html
        assert "1 de marzo de 2025" in html
        assert "Pagar $1,500.00 MXN" in html
        assert "Simular tarjeta rechazada" in html

        paid = await browser.post(f"{url}/pay", follow_redirects=True)
        assert paid.status_code == 200
        assert "Pago recibido" in paid.text
        assert "Pagar $1,500.00" not in paid.text
        again = await browser.post(f"{url}/pay", follow_redirects=True)
        assert "ya está pagada" in again.text

    fetched = (await api.get(f"/v1/invoices/{invoice['id']}")).json()
    assert fetched["isPaid"] is True
    assert fetched["amountPaid"] == 150000
    assert len(state.payments) == 1  # paying twice did not charge twice
    payment = state.payments[fetched["paidWithId"]]
    assert (payment["type"], payment["status"]) == ("CARD", "COMPLETE")
    assert invoice["customerId"] in state.cards  # the card used at checkout was saved


async def test_checkout_decline_records_a_failed_attempt(
    api: httpx.AsyncClient, state: SandboxState, invoice: dict[str, Any]
) -> None:
    url = (await api.get(f"/v1/invoices/{invoice['id']}/payment-link")).json()["url"]
    async with httpx.AsyncClient() as browser:
        declined = await browser.post(f"{url}/decline", follow_redirects=True)
    assert "rechazada" in declined.text
    assert "Pagar $1,500.00 MXN" in declined.text  # still payable
    assert state.invoices[invoice["id"]]["isPaid"] is False
    [payment] = state.payments.values()
    assert payment["status"] == "INCOMPLETE"


async def test_unknown_and_expired_links_are_404(
    api: httpx.AsyncClient, server: SandboxServer, state: SandboxState, invoice: dict[str, Any]
) -> None:
    url = (await api.get(f"/v1/invoices/{invoice['id']}/payment-link")).json()["url"]
    async with httpx.AsyncClient() as browser:
        assert (await browser.get(f"{server.url}/checkout/not-a-token")).status_code == 404
        later = datetime.now(UTC) + timedelta(hours=25)
        state.clock = lambda: later
        expired = await browser.get(url)
        assert expired.status_code == 404
        assert "expiró" in expired.text
        assert (await browser.post(f"{url}/pay")).status_code == 404
    assert state.invoices[invoice["id"]]["isPaid"] is False


async def test_invoice_payment_session_creates_customer_then_reuses_it(
    api: httpx.AsyncClient, server: SandboxServer, state: SandboxState
) -> None:
    first = await api.post("/v1/invoice-payment-sessions", json=_session_body())
    assert first.status_code == 200, first.text
    body = first.json()
    assert set(body) == {"url", "customer", "invoice"}
    assert body["url"].startswith(f"{server.url}/checkout/")
    assert body["customer"]["username"] == "A-2001"
    assert body["customer"]["meta"] == {"studentId": "A-2001"}
    assert body["invoice"]["customerId"] == body["customer"]["id"]
    assert body["invoice"]["totalAmount"] == 650000
    assert body["invoice"]["collectionMethod"] == "AUTOMATIC"
    second = (await api.post("/v1/invoice-payment-sessions", json=_session_body())).json()
    assert second["customer"]["id"] == body["customer"]["id"]
    assert second["invoice"]["id"] != body["invoice"]["id"]
    assert len(state.customers) == 1
    async with httpx.AsyncClient() as browser:
        page = await browser.get(body["url"])
    assert "Inscripción 2025-2026" in page.text
    assert "$6,500.00 MXN" in page.text


@pytest.mark.parametrize(
    "overrides",
    [
        {"customer": None},
        {"customer": {"name": "Sin matrícula"}},
        {"items": []},
        {"items": [{"description": "x", "amount": 12.5}]},
        {"items": [{"amount": 100}]},
        {"dueDate": "pronto"},
    ],
)
async def test_invalid_session_input_is_400_and_creates_nothing(
    api: httpx.AsyncClient, state: SandboxState, overrides: dict[str, Any]
) -> None:
    response = await api.post("/v1/invoice-payment-sessions", json=_session_body(**overrides))
    assert response.status_code == 400, response.text
    assert state.customers == {}
    assert state.invoices == {}


async def test_portal_session_and_page(
    api: httpx.AsyncClient, state: SandboxState, customer: dict[str, Any]
) -> None:
    other = state.add_customer("Otro Alumno", "Z-9")
    foreign = state.add_invoice(other["id"], 99900, "Cuota ajena", date(2025, 1, 1))
    unpaid = state.add_invoice(customer["id"], 120000, "Transporte Abril", date(2025, 4, 1))
    paid = state.add_invoice(customer["id"], 485000, "Colegiatura Marzo", date(2025, 3, 1))
    state.pay_invoice(paid["id"])
    body = {"input": {"customerId": customer["id"], "destination": "home"}}
    response = await api.post("/v1/customer-portal-session", json=body)
    assert response.status_code == 200
    assert set(response.json()) == {"url"}
    url = response.json()["url"]
    async with httpx.AsyncClient() as browser:
        page = (await browser.get(url)).text
        assert "Sofía García López" in page
        assert "Transporte Abril" in page
        assert "Colegiatura Marzo" in page
        assert "Pagada" in page
        assert "Cuota ajena" not in page
        checkout = await browser.post(f"{url}/pay/{unpaid['id']}", follow_redirects=True)
        assert "Pagar $1,200.00 MXN" in checkout.text
        refused = await browser.post(f"{url}/pay/{foreign['id']}")
        assert refused.status_code == 404
    missing = {"input": {"customerId": "cus_00000000000000000000"}}
    assert (await api.post("/v1/customer-portal-session", json=missing)).status_code == 400
