"""Every key of the docs' example responses is answered, with the same JSON type.

The fixtures are verbatim copies of the example bodies in Quentli's API reference. ``null`` is
accepted in place of another type only for fields the reference documents as nullable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.sandbox import SandboxState

FIXTURES = Path(__file__).parent / "fixtures"
NULLABLE = {
    # Customer
    "email",
    "phoneNumber",
    "secondaryPhoneNumber",
    "archivedAt",
    "archivedById",
    "signatureAcceptedAt",
    "optedOutWhatsappAt",
    "optedInWhatsappAt",
    "startedWhatsappAt",
    # Invoice and its items
    "subscriptionId",
    "expireDate",
    "paidById",
    "beneficiaryId",
    "paidWithId",
    "canceledAt",
    "canceledById",
    "conceptId",
    "concept",
    # Payment
    "description",
    "paymentTime",
    "paymentMethodId",
    "metadata",
    "meta",
}
# Maps of user data (metadata flattened): their keys are data, not schema.
FREE_MAPS = {"meta"}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def shape_errors(doc: Any, actual: Any, path: str = "$") -> list[str]:
    """Differences between a documented example and an actual answer (recursive)."""
    key = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if _kind(doc) != _kind(actual):
        if "null" in (_kind(doc), _kind(actual)) and key in NULLABLE:
            return []
        return [f"{path}: documented {_kind(doc)}, answered {_kind(actual)}"]
    errors: list[str] = []
    if isinstance(doc, dict) and key not in FREE_MAPS:
        for name, value in doc.items():
            if name not in actual:
                errors.append(f"{path}.{name}: missing")
            else:
                errors.extend(shape_errors(value, actual[name], f"{path}.{name}"))
    elif isinstance(doc, list) and doc and actual:
        for item in actual:
            errors.extend(shape_errors(doc[0], item, f"{path}[]"))
    return errors


def test_the_shape_checker_can_fail() -> None:
    doc = {"a": 1, "b": {"c": "x"}, "items": [{"q": 1}], "canceledAt": None, "meta": {"k": "v"}}
    good = {"a": 2, "b": {"c": "y", "x": 1}, "items": [{"q": 3}], "canceledAt": "2025", "meta": {}}
    assert shape_errors(doc, good) == []
    bad = {"a": 1.5, "b": {}, "items": [{"q": "1"}], "canceledAt": None, "meta": {"o": "x"}}
    assert shape_errors(doc, bad) == [
        "$.a: documented integer, answered number",
        "$.b.c: missing",
        "$.items[].q: documented integer, answered string",
    ]
    assert shape_errors({"a": True}, {"a": 1}) == ["$.a: documented boolean, answered integer"]
    assert shape_errors({"name": "x"}, {"name": None}) == [
        "$.name: documented string, answered null"
    ]


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def card_customer(state: SandboxState) -> dict[str, Any]:
    return state.add_customer(
        "Juan Pérez", "juan_perez_01", "+525512345678", "juan@example.com", has_card=True
    )


def _create_body(customer_id: str) -> dict[str, Any]:
    return {
        "input": {
            "dueDate": "2025-06-01T00:00:00.000Z",
            "collectionMethod": "SEND_REMINDER",
            "customerId": customer_id,
            "items": [
                {
                    "concept": {
                        "displayName": "Colegiatura Marzo",
                        "amount": 150000,
                        "currency": "MXN",
                    },
                    "quantity": 1,
                    "amount": None,
                    "currency": None,
                    "description": None,
                }
            ],
            "expireDate": None,
            "subscriptionId": None,
            "allowOfftimePayment": None,
            "beneficiaryId": None,
            "metadata": [{"key": "student_id", "value": "ALU-2025-001"}],
        }
    }


async def test_create_invoice_matches_docs(
    api: httpx.AsyncClient, card_customer: dict[str, Any]
) -> None:
    answer = (await api.post("/v1/invoices", json=_create_body(card_customer["id"]))).json()
    assert shape_errors(_fixture("create_invoice_response.json"), answer) == []


async def test_get_and_list_invoice_match_docs(
    api: httpx.AsyncClient, card_customer: dict[str, Any]
) -> None:
    created = (await api.post("/v1/invoices", json=_create_body(card_customer["id"]))).json()
    doc_invoice = _fixture("create_invoice_response.json")["invoice"]
    fetched = (await api.get(f"/v1/invoices/{created['invoice']['id']}")).json()
    assert shape_errors(doc_invoice, fetched) == []
    listed = (await api.get("/v1/invoices")).json()
    assert shape_errors([doc_invoice], listed) == []


async def test_payment_link_matches_docs(
    api: httpx.AsyncClient, card_customer: dict[str, Any]
) -> None:
    created = (await api.post("/v1/invoices", json=_create_body(card_customer["id"]))).json()
    answer = (await api.get(f"/v1/invoices/{created['invoice']['id']}/payment-link")).json()
    assert shape_errors(_fixture("payment_link_response.json"), answer) == []


async def test_try_payment_matches_docs(
    api: httpx.AsyncClient, card_customer: dict[str, Any]
) -> None:
    created = (await api.post("/v1/invoices", json=_create_body(card_customer["id"]))).json()
    answer = (await api.post(f"/v1/invoices/{created['invoice']['id']}/try-payment")).json()
    assert answer["success"] is True
    assert shape_errors(_fixture("try_payment_response.json"), answer) == []
    doc_payment = _fixture("try_payment_response.json")["payment"]
    listed = (await api.get("/v1/payments")).json()
    assert shape_errors([doc_payment], listed) == []


async def test_mark_paid_matches_docs(
    api: httpx.AsyncClient, card_customer: dict[str, Any]
) -> None:
    created = (await api.post("/v1/invoices", json=_create_body(card_customer["id"]))).json()
    body = {"input": {"externalTypeId": "cash", "paymentTime": "2023-11-07T05:31:56Z"}}
    invoice_id = created["invoice"]["id"]
    answer = (await api.post(f"/v1/invoices/{invoice_id}/mark-paid", json=body)).json()
    assert shape_errors(_fixture("mark_paid_response.json"), answer) == []


async def test_invoice_payment_session_and_customer_match_docs(api: httpx.AsyncClient) -> None:
    request = {
        "input": {
            "customer": {
                "name": "Juan Pérez",
                "username": "juan_perez_01",
                "phoneNumber": "+525512345678",
                "email": "juan@example.com",
                "metadata": [{"key": "studentId", "value": "A-1029"}],
            },
            "dueDate": "2023-11-07T05:31:56Z",
            "items": [{"description": "Colegiatura Enero 2025", "amount": 150000, "quantity": 1}],
            "expireDate": "2023-11-07T05:31:56Z",
            "collectionMethod": "AUTOMATIC",
            "metadata": [{"key": "Ciclo Escolar", "value": "2025-1"}],
        }
    }
    answer = (await api.post("/v1/invoice-payment-sessions", json=request)).json()
    doc = _fixture("invoice_payment_session_response.json")
    assert shape_errors(doc, answer) == []
    customer_id = answer["customer"]["id"]
    fetched = (await api.get(f"/v1/customers/{customer_id}")).json()
    assert shape_errors(doc["customer"], fetched) == []
    listed = (await api.get("/v1/customers")).json()
    assert shape_errors([doc["customer"]], listed) == []
    created = await api.post("/v1/customers", json={"input": {"name": "Ana", "username": "ana-1"}})
    assert shape_errors({"customer": doc["customer"]}, created.json()) == []
