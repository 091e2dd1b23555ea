from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pydantic
import pytest

from bot.quentli import (
    CollectionMethod,
    Customer,
    CustomerInput,
    InlineConcept,
    Invoice,
    InvoiceInput,
    InvoiceItemInput,
    InvoicePaymentSession,
    InvoicePaymentSessionInput,
    MarkPaidInput,
    Payment,
    PaymentLink,
    PaymentStatus,
    PaymentType,
    PortalSession,
    SessionItem,
    TryPaymentResult,
)
from tests.quentli.fakequentli import load

T0 = datetime(2025, 1, 10, 12, tzinfo=UTC)


def _dump(model: pydantic.BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def test_invoice_example_parses_every_field() -> None:
    invoice = Invoice.model_validate(load("create_invoice_response")["invoice"])
    assert invoice.id == "inv_1234567890abcdefghij"
    assert invoice.customer_id == "cus_1234567890abcdefghij"
    assert invoice.collection_method is CollectionMethod.SEND_REMINDER
    assert invoice.total_amount == 150000
    assert invoice.amount_paid == 0
    assert invoice.currency == "MXN"
    assert invoice.due_date == datetime(2025, 2, 1, 6, tzinfo=UTC)
    assert invoice.created_at == T0
    assert invoice.is_paid is False
    assert invoice.allow_offtime_payment is False
    assert invoice.subscription_id == "sub_1234567890abcdefghij"
    assert invoice.expire_date is None
    assert invoice.canceled_at is None
    assert invoice.meta == {"Ciclo Escolar": "2025-1"}
    [item] = invoice.items
    assert (item.id, item.description, item.concept_id, item.concept, item.quantity) == (
        "invi_1234567890abcdefghij",
        "Colegiatura Enero 2025",
        "pc_1234567890abcdefghij",
        None,
        1,
    )


def test_customer_example_parses() -> None:
    customer = Customer.model_validate(load("invoice_payment_session_response")["customer"])
    assert customer.id == "cus_1234567890abcdefghij"
    assert customer.name == "Juan Pérez"
    assert customer.username == "juan_perez_01"
    assert customer.phone_number == "+525512345678"
    assert customer.email == "juan@example.com"
    assert customer.opted_in_whatsapp_at == datetime(2025, 1, 5, 10, tzinfo=UTC)
    assert customer.opted_out_whatsapp_at is None
    assert customer.metadata is not None
    assert [(m.key, m.value) for m in customer.metadata] == [("studentId", "A-1029")]
    assert customer.meta == {"studentId": "A-1029"}
    assert customer.is_archived is False


def test_payment_link_example_parses() -> None:
    link = PaymentLink.model_validate(load("payment_link_response"))
    assert link.url == "<string>"
    assert link.expires_at == datetime(2023, 11, 7, 5, 31, 56, tzinfo=UTC)
    assert link.invoice.id == "inv_1234567890abcdefghij"


def test_try_payment_example_parses() -> None:
    result = TryPaymentResult.model_validate(load("try_payment_response"))
    assert result.success is True
    payment = result.payment
    assert payment is not None
    assert payment.id == "p_1234567890abcdefghij"
    assert payment.amount == 150000
    assert payment.type is PaymentType.CARD
    assert payment.status is PaymentStatus.COMPLETE
    assert payment.is_completed is True
    assert payment.payment_time == datetime(2025, 1, 15, 18, 30, tzinfo=UTC)
    assert payment.payment_method_id == "pm_1234567890abcdefghij"
    assert payment.metadata is None
    assert result.invoice.total_amount == 150000


def test_session_and_mark_paid_examples_parse() -> None:
    session = InvoicePaymentSession.model_validate(load("invoice_payment_session_response"))
    assert session.customer.username == "juan_perez_01"
    assert session.invoice.id == "inv_1234567890abcdefghij"
    marked = Invoice.model_validate(load("mark_paid_response")["invoice"])
    assert marked.id == "inv_1234567890abcdefghij"


def test_unknown_fields_and_enum_values_are_tolerated() -> None:
    body = load("try_payment_response")["payment"] | {
        "type": "OXXO",
        "status": "REFUNDED",
        "brandNewField": {"x": 1},
    }
    payment = Payment.model_validate(body)
    assert payment.type == "OXXO"
    assert payment.status == "REFUNDED"
    assert payment.model_extra == {"brandNewField": {"x": 1}}


def test_money_fields_are_required_on_invoices() -> None:
    body = load("create_invoice_response")["invoice"]
    del body["totalAmount"]
    with pytest.raises(pydantic.ValidationError, match="totalAmount"):
        Invoice.model_validate(body)


def test_create_invoice_request_example_round_trips() -> None:
    example = load("create_invoice_request")
    data = InvoiceInput.model_validate(example["input"])
    assert data.items[0].concept == InlineConcept(
        display_name="Colegiatura Marzo", amount=150000, currency="MXN"
    )
    assert _dump(data) == _without_nulls(example["input"])


def test_session_request_example_round_trips_with_ms_datetimes() -> None:
    example = load("invoice_payment_session_request")
    data = InvoicePaymentSessionInput.model_validate(example["input"])
    expected = _without_nulls(example["input"])
    # Quentli's own format has milliseconds; the docs example omits them.
    expected["dueDate"] = expected["expireDate"] = "2023-11-07T05:31:56.000Z"
    assert _dump(data) == expected


def test_mark_paid_request_example_round_trips() -> None:
    example = load("mark_paid_request")
    data = MarkPaidInput.model_validate(example["input"])
    assert _dump(data) == {"externalTypeId": "<string>", "paymentTime": "2023-11-07T05:31:56.000Z"}


def test_inputs_write_camel_case_and_utc_milliseconds() -> None:
    data = InvoiceInput(
        customer_id="cus_1",
        due_date=datetime(2025, 2, 1, 6, tzinfo=UTC),
        items=[InvoiceItemInput(concept=InlineConcept(display_name="Colegiatura", amount=150000))],
        collection_method=CollectionMethod.SEND_REMINDER,
    )
    assert _dump(data) == {
        "customerId": "cus_1",
        "dueDate": "2025-02-01T06:00:00.000Z",
        "items": [
            {"concept": {"displayName": "Colegiatura", "amount": 150000, "currency": "MXN"},
             "quantity": 1}
        ],
        "collectionMethod": "SEND_REMINDER",
    }  # fmt: skip


def test_inputs_refuse_float_money_typos_and_conceptless_items() -> None:
    with pytest.raises(pydantic.ValidationError):
        SessionItem(description="x", amount=1500.0)
    with pytest.raises(pydantic.ValidationError):
        InlineConcept(display_name="x", amount=-1)
    with pytest.raises(pydantic.ValidationError, match="concept_id or concept"):
        InvoiceItemInput(description="x")
    with pytest.raises(pydantic.ValidationError, match="extra"):
        CustomerInput.model_validate({"name": "Ana", "phoneNumbr": "+52"})


def _invoice(**changes: Any) -> Invoice:
    return Invoice.model_validate(load("create_invoice_response")["invoice"] | changes)


def test_invoice_helpers() -> None:
    invoice = _invoice(amountPaid=50000)
    assert invoice.outstanding == 100000
    assert invoice.is_canceled is False
    assert invoice.concept_text == "Colegiatura Enero 2025"
    # Due 1 February (00:00 in Mexico City = 06:00Z): payable all that day, overdue after.
    assert not invoice.is_overdue(datetime(2025, 2, 1, 6, 0, 1, tzinfo=UTC))
    assert not invoice.is_overdue(datetime(2025, 2, 2, 5, 59, 59, tzinfo=UTC))
    assert invoice.is_overdue(datetime(2025, 2, 2, 6, tzinfo=UTC))
    paid = _invoice(isPaid=True, amountPaid=150000)
    assert paid.outstanding == 0
    assert not paid.is_overdue(datetime(2030, 1, 1, tzinfo=UTC))
    canceled = _invoice(canceledAt="2025-01-11T00:00:00.000Z")
    assert canceled.is_canceled and canceled.outstanding == 0
    assert not canceled.is_overdue(datetime(2030, 1, 1, tzinfo=UTC))


def test_concept_text_falls_back_to_concept_names() -> None:
    invoice = _invoice(
        items=[
            {"description": None, "concept": {"id": "pc_1", "displayName": "Colegiatura"}},
            {"description": "Transporte", "concept": None},
            {"description": "", "concept": None},
        ]
    )
    assert invoice.concept_text == "Colegiatura, Transporte"


def test_credential_urls_stay_out_of_reprs() -> None:
    secret = "https://colegio.demo.quentli.com/s/ps_abc?cs=SECRET"
    link = PaymentLink.model_validate(load("payment_link_response") | {"url": secret})
    session = InvoicePaymentSession.model_validate(
        load("invoice_payment_session_response") | {"url": secret}
    )
    portal = PortalSession(url=secret)
    for model in (link, session, portal):
        assert "SECRET" not in repr(model)
        assert "SECRET" not in str(model)
    with pytest.raises(pydantic.ValidationError) as caught:
        PaymentLink.model_validate({"url": secret})
    assert "SECRET" not in str(caught.value)
