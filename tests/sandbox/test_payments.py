"""try-payment (saved card, no card, decline) and /v1/payments."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from bot.sandbox import SandboxState


async def test_try_payment_charges_the_saved_card(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    customer = state.add_customer("Diego", "A-1045", has_card=True)
    invoice = state.add_invoice(customer["id"], 485000, "Colegiatura", date(2025, 3, 1))
    response = await api.post(f"/v1/invoices/{invoice['id']}/try-payment")
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True
    assert body["payment"]["type"] == "CARD"
    assert body["payment"]["status"] == "COMPLETE"
    assert body["payment"]["amount"] == 485000
    assert body["payment"]["paymentMethodId"] == state.cards[customer["id"]]
    assert body["invoice"]["isPaid"] is True
    assert body["invoice"]["paidWithId"] == body["payment"]["id"]
    again = await api.post(f"/v1/invoices/{invoice['id']}/try-payment")
    assert again.status_code == 400
    assert "already paid" in again.json()["message"]


async def test_try_payment_without_a_saved_card_fails_with_null_payment(
    api: httpx.AsyncClient, state: SandboxState, invoice: dict[str, Any]
) -> None:
    body = (await api.post(f"/v1/invoices/{invoice['id']}/try-payment")).json()
    assert body["success"] is False
    assert body["payment"] is None
    assert body["invoice"]["isPaid"] is False
    assert state.payments == {}


async def test_declined_charge_records_a_failed_payment(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    customer = state.add_customer("Camila", "A-1052", has_card=True)
    invoice = state.add_invoice(customer["id"], 120000, "Transporte", date(2025, 3, 1))
    state.decline_next_charge()
    declined = (await api.post(f"/v1/invoices/{invoice['id']}/try-payment")).json()
    assert declined["success"] is False
    assert declined["payment"]["status"] == "INCOMPLETE"
    assert declined["payment"]["isCompleted"] is False
    assert declined["invoice"]["isPaid"] is False
    retried = (await api.post(f"/v1/invoices/{invoice['id']}/try-payment")).json()
    assert retried["success"] is True  # the decline was used up


async def test_payments_list_and_filters(api: httpx.AsyncClient, state: SandboxState) -> None:
    ana = state.add_customer("Ana", "A-1", has_card=True)
    beto = state.add_customer("Beto", "B-1")
    paid_card = state.add_invoice(ana["id"], 1000, "Enero", date(2025, 1, 1))
    paid_cash = state.add_invoice(beto["id"], 2000, "Enero", date(2025, 1, 1))
    failed = state.add_invoice(ana["id"], 3000, "Febrero", date(2025, 2, 1))
    state.pay_invoice(paid_card["id"])
    await api.post(f"/v1/invoices/{paid_cash['id']}/mark-paid")
    state.decline_next_charge()
    await api.post(f"/v1/invoices/{failed['id']}/try-payment")

    async def amounts(filter_: str = "", **params: str) -> list[int]:
        if filter_:
            params["filter"] = filter_
        response = await api.get("/v1/payments", params=params)
        assert response.status_code == 200, response.text
        return [p["amount"] for p in response.json()]

    assert await amounts() == [1000, 2000, 3000]
    assert await amounts(f"customerId={ana['id']}") == [1000, 3000]
    assert await amounts(f"customerId={beto['id']}") == [2000]
    assert await amounts("isCompleted=true") == [1000, 2000]
    assert await amounts("isCompleted=true&type[equals]=CARD") == [1000]
    assert await amounts("type=OTHER") == [2000]
    assert await amounts(orderBy="createdAt=desc", take="2") == [3000, 2000]
    payment = (await api.get("/v1/payments", params={"take": "1"})).json()[0]
    assert payment["items"][0]["description"] == "Enero"
    assert (await api.get(f"/v1/payments/{payment['id']}")).json() == payment
    assert (await api.get("/v1/payments/p_00000000000000000000")).json() is None
