"""/v1/invoices: create (validation), get, list filters, cancel, mark-paid."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import httpx
import pytest

from bot.quentli.filters import encode_filter
from bot.sandbox import SandboxState
from tests.sandbox.conftest import inv_input

INV = re.compile(r"^inv_[A-Za-z0-9]{20}$")


async def test_create_invoice_with_inline_concept(
    api: httpx.AsyncClient, state: SandboxState, customer: dict[str, Any]
) -> None:
    body = inv_input(
        customer["id"],
        collectionMethod="NONE",
        metadata=[{"key": "Ciclo Escolar", "value": "2025-1"}],
    )
    response = await api.post("/v1/invoices", json=body)
    assert response.status_code == 200, response.text
    invoice = response.json()["invoice"]
    assert INV.match(invoice["id"])
    assert invoice["totalAmount"] == 150000
    assert isinstance(invoice["totalAmount"], int)
    assert invoice["dueDate"] == "2025-06-01T06:00:00.000Z"
    assert invoice["isPaid"] is False
    assert invoice["amountPaid"] == 0
    assert invoice["collectionMethod"] == "NONE"
    assert invoice["meta"] == {"Ciclo Escolar": "2025-1"}
    item = invoice["items"][0]
    assert re.match(r"^invi_[A-Za-z0-9]{20}$", item["id"])
    assert item["description"] == "Colegiatura Junio"
    assert item["concept"]["displayName"] == "Colegiatura Junio"
    assert item["conceptId"] == item["concept"]["id"]
    assert not any(key.startswith("_") for key in item)
    assert (await api.get(f"/v1/invoices/{invoice['id']}")).json() == invoice


async def test_total_is_sum_of_amount_times_quantity(
    api: httpx.AsyncClient, customer: dict[str, Any]
) -> None:
    items = [
        {"description": "Transporte", "amount": 120000, "quantity": 2},
        {"concept": {"displayName": "Uniforme", "amount": 85050}, "quantity": 3},
        {"concept": {"displayName": "Libros", "amount": 99999}, "amount": 50000},
    ]
    response = await api.post("/v1/invoices", json=inv_input(customer["id"], items=items))
    invoice = response.json()["invoice"]
    assert invoice["totalAmount"] == 2 * 120000 + 3 * 85050 + 50000
    assert [i["description"] for i in invoice["items"]] == ["Transporte", "Uniforme", "Libros"]
    assert [i["quantity"] for i in invoice["items"]] == [2, 3, 1]


async def test_a_known_concept_id_can_be_reused(
    api: httpx.AsyncClient, customer: dict[str, Any]
) -> None:
    first = (await api.post("/v1/invoices", json=inv_input(customer["id"]))).json()["invoice"]
    concept_id = first["items"][0]["conceptId"]
    items = [{"conceptId": concept_id, "quantity": 2}]
    second = await api.post("/v1/invoices", json=inv_input(customer["id"], items=items))
    assert second.json()["invoice"]["totalAmount"] == 300000


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"customerId": "cus_nobodynobodynobody0"}, "customerId"),
        ({"items": []}, "items"),
        ({"items": [{"description": "x", "amount": 0}]}, "amount"),
        ({"items": [{"description": "x", "amount": -100}]}, "amount"),
        ({"items": [{"description": "x", "amount": 1500.5}]}, "amount"),
        ({"items": [{"description": "x", "amount": "1500"}]}, "amount"),
        ({"items": [{"description": "x", "amount": True}]}, "amount"),
        ({"items": [{"description": "x", "amount": 100, "quantity": 0}]}, "quantity"),
        ({"items": [{"concept": {"displayName": "x", "amount": 10.0}}]}, "amount"),
        ({"items": [{"description": "x"}]}, "amount"),
        ({"items": [{"conceptId": "pc_unknownunknownunkn"}]}, "conceptId"),
        ({"dueDate": "mañana"}, "dueDate"),
        ({"dueDate": "2025-13-01T00:00:00Z"}, "dueDate"),
        ({"dueDate": None}, "dueDate"),
        ({"expireDate": "later"}, "expireDate"),
        ({"collectionMethod": "SOMETIMES"}, "collectionMethod"),
    ],
)
async def test_invalid_invoice_input_is_400_and_changes_nothing(
    api: httpx.AsyncClient,
    state: SandboxState,
    customer: dict[str, Any],
    overrides: dict[str, Any],
    fragment: str,
) -> None:
    response = await api.post("/v1/invoices", json=inv_input(customer["id"], **overrides))
    assert response.status_code == 400, response.text
    assert fragment in response.json()["message"]
    assert state.invoices == {}
    assert state.concepts == {}


async def test_get_missing_invoice_is_200_null(api: httpx.AsyncClient) -> None:
    response = await api.get("/v1/invoices/inv_00000000000000000000")
    assert response.status_code == 200
    assert response.json() is None


@pytest.fixture
def ledger(state: SandboxState) -> dict[str, str]:
    ana = state.add_customer("Ana", "A-1")
    beto = state.add_customer("Beto", "B-1")
    ids = {
        "ana_jan": state.add_invoice(ana["id"], 1000, "Enero", date(2025, 1, 10))["id"],
        "ana_feb": state.add_invoice(ana["id"], 2000, "Febrero", date(2025, 2, 10))["id"],
        "beto_jan": state.add_invoice(beto["id"], 3000, "Enero", date(2025, 1, 20))["id"],
        "beto_mar": state.add_invoice(beto["id"], 4000, "Marzo", date(2025, 3, 1))["id"],
    }
    state.pay_invoice(ids["ana_jan"], via="OTHER")
    return {"ana": ana["id"], "beto": beto["id"], **ids}


async def _ids(api: httpx.AsyncClient, **params: str) -> list[str]:
    response = await api.get("/v1/invoices", params=params)
    assert response.status_code == 200, response.text
    return [i["id"] for i in response.json()]


async def test_invoice_filters(api: httpx.AsyncClient, ledger: dict[str, str]) -> None:
    ana, beto = ledger["ana"], ledger["beto"]
    assert await _ids(api, filter=f"customerId={ana}") == [ledger["ana_jan"], ledger["ana_feb"]]
    assert await _ids(api, filter=f"customerId[equals]={beto}") == [
        ledger["beto_jan"],
        ledger["beto_mar"],
    ]
    both = await _ids(api, filter=f"customerId[in][0]={ana}&customerId[in][1]={beto}")
    assert len(both) == 4
    assert await _ids(api, filter=f"isPaid=false&customerId={ana}") == [ledger["ana_feb"]]
    assert await _ids(api, filter="isPaid=true") == [ledger["ana_jan"]]
    window = "dueDate[gte]=2025-01-15T00:00:00.000Z&dueDate[lt]=2025-03-01T06:00:00.000Z"
    assert await _ids(api, filter=window) == [ledger["ana_feb"], ledger["beto_jan"]]
    upto = "dueDate[lte]=2025-03-01T06:00:00.000Z&dueDate[gt]=2025-02-10T06:00:00.000Z"
    assert await _ids(api, filter=upto) == [ledger["beto_mar"]]
    assert await _ids(api, filter="customer[username][equals]=B-1") == [
        ledger["beto_jan"],
        ledger["beto_mar"],
    ]


async def test_invoice_filter_from_the_client_encoder_and_order(
    api: httpx.AsyncClient, ledger: dict[str, str]
) -> None:
    from datetime import UTC, datetime

    encoded = encode_filter(
        {"isPaid": False, "dueDate": {"gte": datetime(2025, 1, 1, tzinfo=UTC)}}
    )
    unpaid = await _ids(api, filter=encoded, orderBy="dueDate=desc")
    assert unpaid == [ledger["beto_mar"], ledger["ana_feb"], ledger["beto_jan"]]
    assert await _ids(api, orderBy="createdAt=desc", take="1") == [ledger["beto_mar"]]


@pytest.mark.parametrize("filter_", ["isPaid=maybe", "dueDate[gte]=soon", "totalAmount[gt]=x"])
async def test_bad_filter_values_are_400(
    api: httpx.AsyncClient, ledger: dict[str, str], filter_: str
) -> None:
    assert (await api.get("/v1/invoices", params={"filter": filter_})).status_code == 400


async def test_cancel_invoice(api: httpx.AsyncClient, invoice: dict[str, Any]) -> None:
    response = await api.delete(f"/v1/invoices/{invoice['id']}")
    assert response.status_code == 200
    cancelled = response.json()["invoice"]
    assert cancelled["canceledAt"] is not None
    again = await api.delete(f"/v1/invoices/{invoice['id']}")
    assert again.json()["invoice"]["canceledAt"] == cancelled["canceledAt"]
    for action in ("mark-paid", "try-payment"):
        refused = await api.post(f"/v1/invoices/{invoice['id']}/{action}")
        assert refused.status_code == 400
        assert "canceled" in refused.json()["message"]
    assert (await api.get(f"/v1/invoices/{invoice['id']}/payment-link")).status_code == 400


async def test_cancelling_a_paid_invoice_is_400(
    api: httpx.AsyncClient, state: SandboxState, invoice: dict[str, Any]
) -> None:
    state.pay_invoice(invoice["id"])
    response = await api.delete(f"/v1/invoices/{invoice['id']}")
    assert response.status_code == 400
    assert state.invoices[invoice["id"]]["canceledAt"] is None


async def test_mark_paid_creates_an_other_payment(
    api: httpx.AsyncClient, state: SandboxState, invoice: dict[str, Any]
) -> None:
    body = {"input": {"externalTypeId": "cash", "paymentTime": "2025-02-20T18:00:00.000Z"}}
    response = await api.post(f"/v1/invoices/{invoice['id']}/mark-paid", json=body)
    assert response.status_code == 200, response.text
    paid = response.json()["invoice"]
    assert paid["isPaid"] is True
    assert paid["amountPaid"] == 150000
    payment = state.payments[paid["paidWithId"]]
    assert payment["type"] == "OTHER"
    assert payment["status"] == "COMPLETE"
    assert payment["isCompleted"] is True
    assert payment["amount"] == 150000
    assert payment["paymentTime"] == "2025-02-20T18:00:00.000Z"
    again = await api.post(f"/v1/invoices/{invoice['id']}/mark-paid")
    assert again.status_code == 400
    assert "already paid" in again.json()["message"]
    assert len(state.payments) == 1


async def test_mark_paid_without_body_and_bad_body(
    api: httpx.AsyncClient, state: SandboxState, customer: dict[str, Any]
) -> None:
    first = state.add_invoice(customer["id"], 5000, "Uniforme", date(2025, 1, 1))
    bad = await api.post(f"/v1/invoices/{first['id']}/mark-paid", json={"paymentTime": "x"})
    assert bad.status_code == 400
    bad_date = {"input": {"paymentTime": "ayer"}}
    assert (
        await api.post(f"/v1/invoices/{first['id']}/mark-paid", json=bad_date)
    ).status_code == 400
    ok = await api.post(f"/v1/invoices/{first['id']}/mark-paid")
    assert ok.status_code == 200
    assert ok.json()["invoice"]["isPaid"] is True


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("DELETE", ""), ("GET", "/payment-link"), ("POST", "/try-payment"), ("POST", "/mark-paid")],
)
async def test_actions_on_a_missing_invoice_are_404(
    api: httpx.AsyncClient, method: str, suffix: str
) -> None:
    response = await api.request(method, f"/v1/invoices/inv_00000000000000000000{suffix}")
    assert response.status_code == 404
    assert response.json()["statusCode"] == 404
