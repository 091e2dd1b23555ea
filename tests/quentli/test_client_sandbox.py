"""The real client over HTTP against the real sandbox (bot.sandbox), one test per endpoint."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.quentli import (
    AuthError,
    CollectionMethod,
    ConflictError,
    CustomerInput,
    InlineConcept,
    InvoiceInput,
    InvoiceItemInput,
    InvoicePaymentSessionInput,
    MarkPaidInput,
    NotFoundError,
    QuentliClient,
    QuentliTimeoutError,
    ServerError,
    SessionCustomer,
    SessionItem,
    ValidationError,
)
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState, seed_demo
from tests.quentli.fakequentli import API_KEY

DUE = datetime(2025, 2, 1, 6, tzinfo=UTC)


@pytest.fixture
def state() -> SandboxState:
    return SandboxState()


@pytest.fixture
async def server(state: SandboxState) -> AsyncIterator[SandboxServer]:
    async with SandboxServer(state, API_KEY) as running:
        yield running


@pytest.fixture
async def quentli(server: SandboxServer) -> AsyncIterator[QuentliClient]:
    async with QuentliClient.create(server.url, API_KEY, backoff_base=0) as client:
        yield client


def _invoice_input(customer_id: str, amount: int = 150000) -> InvoiceInput:
    return InvoiceInput(
        customer_id=customer_id,
        due_date=DUE,
        collection_method=CollectionMethod.SEND_REMINDER,
        items=[
            InvoiceItemInput(
                concept=InlineConcept(display_name="Colegiatura Marzo", amount=amount)
            )
        ],
    )


async def test_customers_create_get_list(quentli: QuentliClient, state: SandboxState) -> None:
    created = await quentli.create_customer(
        CustomerInput(
            name="Juan Pérez",
            username="juan_perez_01",
            email="juan@example.com",
            phone_number="+525512345678",
        )
    )
    assert state.requests[-1].body == {
        "input": {
            "name": "Juan Pérez",
            "username": "juan_perez_01",
            "email": "juan@example.com",
            "phoneNumber": "+525512345678",
        }
    }
    assert created.id.startswith("cus_")
    assert (created.name, created.username, created.phone_number) == (
        "Juan Pérez",
        "juan_perez_01",
        "+525512345678",
    )
    assert await quentli.get_customer(created.id) == created
    state.add_customer("Ana Pérez Soto", "A-2")
    state.add_customer("Luis Gómez", "A-3")

    by_name = await quentli.list_customers(
        {"name": {"contains": "pérez", "mode": "insensitive"}}, order_by={"name": "asc"}
    )
    assert [c.name for c in by_name] == ["Ana Pérez Soto", "Juan Pérez"]
    recorded = state.requests[-1]
    assert (recorded.method, recorded.path) == ("GET", "/v1/customers")
    assert recorded.query == {
        "skip": "0",
        "take": "20",
        "filter": "name[contains]=p%C3%A9rez&name[mode]=insensitive",
        "orderBy": "name=asc",
    }
    [by_username] = await quentli.list_customers({"username": "A-3"})
    assert by_username.name == "Luis Gómez"
    page = await quentli.list_customers(skip=1, take=1)
    assert [c.username for c in page] == ["A-2"]


async def test_customer_errors(quentli: QuentliClient, state: SandboxState) -> None:
    state.add_customer("Ana", "A-1")
    with pytest.raises(ConflictError, match="A-1") as conflict:
        await quentli.create_customer(CustomerInput(name="Otra Ana", username="A-1"))
    assert conflict.value.status_code == 409
    with pytest.raises(NotFoundError):
        await quentli.get_customer("cus_doesnotexist000000")
    with pytest.raises(ValidationError, match="unknown field"):
        await quentli.list_customers({"shoeSize": 42})


async def test_all_customers_pages_through_everything(
    quentli: QuentliClient, state: SandboxState
) -> None:
    for i in range(205):
        state.add_customer(f"Alumno {i:03d}", f"A-{i:03d}")
    state.requests.clear()
    customers = await quentli.all_customers(order_by={"username": "asc"})
    assert [c.username for c in customers] == [f"A-{i:03d}" for i in range(205)]
    assert [(r.query["skip"], r.query["take"]) for r in state.requests] == [
        ("0", "100"),
        ("100", "100"),
        ("200", "100"),
    ]


async def test_invoices_create_get_list_cancel(
    quentli: QuentliClient, state: SandboxState
) -> None:
    customer = state.add_customer("Sofía", "A-1029")
    invoice = await quentli.create_invoice(_invoice_input(customer["id"]))
    assert state.requests[-1].body == {
        "input": {
            "customerId": customer["id"],
            "dueDate": "2025-02-01T06:00:00.000Z",
            "collectionMethod": "SEND_REMINDER",
            "items": [
                {
                    "concept": {
                        "displayName": "Colegiatura Marzo",
                        "amount": 150000,
                        "currency": "MXN",
                    },
                    "quantity": 1,
                }
            ],
        }
    }
    assert invoice.id.startswith("inv_")
    assert (invoice.customer_id, invoice.total_amount, invoice.amount_paid) == (
        customer["id"],
        150000,
        0,
    )
    assert invoice.due_date == DUE
    assert invoice.concept_text == "Colegiatura Marzo"
    assert invoice.outstanding == 150000
    assert await quentli.get_invoice(invoice.id) == invoice

    other = state.add_invoice(customer["id"], 50000, "Transporte", date(2024, 12, 1))
    unpaid = await quentli.list_invoices(
        {"customerId": customer["id"], "isPaid": False, "dueDate": {"gte": DUE}}
    )
    assert [i.id for i in unpaid] == [invoice.id]
    assert state.requests[-1].query["filter"] == (
        f"customerId={customer['id']}&isPaid=false&dueDate[gte]=2025-02-01T06:00:00.000Z"
    )
    newest_first = await quentli.all_invoices(order_by={"createdAt": "desc"})
    assert [i.id for i in newest_first] == [other["id"], invoice.id]

    canceled = await quentli.cancel_invoice(invoice.id)
    assert canceled.is_canceled and canceled.outstanding == 0
    assert (state.requests[-1].method, state.requests[-1].body) == ("DELETE", None)
    with pytest.raises(ValidationError, match="canceled"):
        await quentli.get_payment_link(invoice.id)
    with pytest.raises(NotFoundError):
        await quentli.get_invoice("inv_doesnotexist000000")


async def test_create_invoice_refused_by_the_sandbox(quentli: QuentliClient) -> None:
    with pytest.raises(ValidationError, match="customerId") as caught:
        await quentli.create_invoice(_invoice_input("cus_nobody"))
    assert caught.value.status_code == 400
    assert caught.value.write_may_have_landed is False


async def test_payment_link(
    quentli: QuentliClient, state: SandboxState, server: SandboxServer
) -> None:
    customer = state.add_customer("Sofía", "A-1029")
    invoice = state.add_invoice(customer["id"], 485000, "Colegiatura", date(2025, 3, 1))
    link = await quentli.get_payment_link(invoice["id"])
    assert link.url.startswith(server.url)
    assert link.invoice.id == invoice["id"]
    assert link.expires_at is not None and link.expires_at > datetime.now(UTC)
    with pytest.raises(NotFoundError):
        await quentli.get_payment_link("inv_doesnotexist000000")


async def test_try_payment_success_decline_and_no_card(
    quentli: QuentliClient, state: SandboxState
) -> None:
    with_card = state.add_customer("Sofía", "A-1", has_card=True)
    without = state.add_customer("Mateo", "A-2")
    first = state.add_invoice(with_card["id"], 485000, "Colegiatura", date(2025, 3, 1))
    second = state.add_invoice(with_card["id"], 120000, "Transporte", date(2025, 3, 1))
    third = state.add_invoice(without["id"], 120000, "Transporte", date(2025, 3, 1))

    paid = await quentli.try_payment(first["id"])
    assert state.requests[-1].body is None
    assert paid.success is True
    assert paid.payment is not None and paid.payment.amount == 485000
    assert paid.invoice.is_paid

    state.decline_next_charge()
    declined = await quentli.try_payment(second["id"])
    assert declined.success is False
    assert not declined.invoice.is_paid

    no_card = await quentli.try_payment(third["id"])
    assert (no_card.success, no_card.payment) == (False, None)


async def test_mark_paid_and_payments(quentli: QuentliClient, state: SandboxState) -> None:
    customer = state.add_customer("Sofía", "A-1029")
    invoice = state.add_invoice(customer["id"], 485000, "Colegiatura", date(2025, 3, 1))
    other = state.add_invoice(customer["id"], 120000, "Transporte", date(2025, 3, 1))
    when = datetime(2025, 2, 20, 17, 30, tzinfo=UTC)
    marked = await quentli.mark_paid(invoice["id"], MarkPaidInput(payment_time=when))
    assert state.requests[-1].body == {"input": {"paymentTime": "2025-02-20T17:30:00.000Z"}}
    assert marked.is_paid and marked.outstanding == 0
    assert (await quentli.mark_paid(other["id"])).is_paid
    assert state.requests[-1].body == {"input": {}}
    with pytest.raises(ValidationError, match="already paid"):
        await quentli.mark_paid(invoice["id"])

    payments = await quentli.list_payments(
        {"customerId": customer["id"], "isCompleted": True}, order_by={"amount": "desc"}
    )
    assert [p.amount for p in payments] == [485000, 120000]
    assert payments[0].payment_time == when
    assert [p.id for p in await quentli.all_payments()] == [
        p.id for p in payments
    ]  # creation order


async def test_invoice_payment_session(
    quentli: QuentliClient, state: SandboxState, server: SandboxServer
) -> None:
    data = InvoicePaymentSessionInput(
        customer=SessionCustomer(
            name="Familia Ortiz", username="A-7", phone_number="+525598765432"
        ),
        due_date=DUE,
        items=[SessionItem(description="Inscripción 2025", amount=650000)],
    )
    session = await quentli.create_invoice_payment_session(data)
    assert state.requests[-1].body == {
        "input": {
            "customer": {
                "name": "Familia Ortiz",
                "username": "A-7",
                "phoneNumber": "+525598765432",
            },
            "dueDate": "2025-02-01T06:00:00.000Z",
            "items": [{"description": "Inscripción 2025", "amount": 650000, "quantity": 1}],
        }
    }
    assert session.url.startswith(server.url)
    assert session.customer.username == "A-7"
    assert session.invoice.customer_id == session.customer.id
    assert session.invoice.total_amount == 650000
    assert session.invoice.concept_text == "Inscripción 2025"
    again = await quentli.create_invoice_payment_session(data)
    assert again.customer.id == session.customer.id  # found by username, not created twice


async def test_customer_portal_session(
    quentli: QuentliClient, state: SandboxState, server: SandboxServer
) -> None:
    customer = state.add_customer("Sofía", "A-1029")
    portal = await quentli.create_customer_portal_session(customer["id"])
    assert portal.url.startswith(server.url)
    assert state.requests[-1].body == {
        "input": {"destination": "home", "customerId": customer["id"]}
    }
    with pytest.raises(ValidationError):
        await quentli.create_customer_portal_session("cus_nobody")


async def test_the_seeded_demo_parses(quentli: QuentliClient, state: SandboxState) -> None:
    seed_demo(state)
    customers = await quentli.all_customers()
    invoices = await quentli.all_invoices()
    payments = await quentli.all_payments()
    assert len(customers) == len(state.customers) > 0
    assert len(invoices) == len(state.invoices) > 0
    assert len(payments) == len(state.payments)
    now = datetime.now(UTC)
    assert any(i.is_overdue(now) for i in invoices)
    assert all(i.concept_text for i in invoices)


async def test_a_wrong_key_is_an_auth_error(server: SandboxServer) -> None:
    async with QuentliClient.create(server.url, "sk_wrong") as quentli:
        with pytest.raises(AuthError) as caught:
            await quentli.list_customers()
    assert caught.value.status_code == 401


async def test_reads_are_retried_and_writes_are_not(
    quentli: QuentliClient, state: SandboxState
) -> None:
    customer = state.add_customer("Sofía", "A-1029")
    state.requests.clear()
    state.fail_next(503, count=2, path_prefix="/v1/customers")
    assert (await quentli.get_customer(customer["id"])).id == customer["id"]
    assert len(state.requests) == 3

    state.requests.clear()
    state.fail_next(500, path_prefix="/v1/invoices")
    with pytest.raises(ServerError) as caught:
        await quentli.create_invoice(_invoice_input(customer["id"]))
    assert caught.value.write_may_have_landed is True
    assert len(state.requests) == 1
    assert state.invoices == {}  # fail_next refuses before processing


async def test_a_write_that_times_out_after_landing(
    server: SandboxServer, state: SandboxState
) -> None:
    customer = state.add_customer("Sofía", "A-1029")
    state.hang_next(5, path_prefix="/v1/invoices")
    async with QuentliClient.create(server.url, API_KEY, read_timeout=0.3) as quentli:
        with pytest.raises(QuentliTimeoutError) as caught:
            await quentli.create_invoice(_invoice_input(customer["id"]))
        assert caught.value.write_may_have_landed is True
        assert len([r for r in state.requests if r.method == "POST"]) == 1
        # it did land: the caller must look before trying again
        [landed] = await quentli.list_invoices({"customerId": customer["id"]})
        assert landed.total_amount == 150000


async def test_no_log_line_over_real_http_contains_the_key(
    quentli: QuentliClient, state: SandboxState, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore included
    customer = state.add_customer("Sofía", "A-1029", has_card=True)
    state.fail_next(502, path_prefix="/v1/customers")
    await quentli.get_customer(customer["id"])
    invoice = await quentli.create_invoice(_invoice_input(customer["id"]))
    await quentli.get_payment_link(invoice.id)
    await quentli.try_payment(invoice.id)
    with pytest.raises(NotFoundError) as caught:
        await quentli.get_invoice("inv_nothing")
    assert API_KEY not in str(caught.value)
    assert any(r.name.startswith("httpcore") for r in caplog.records)
    assert any(r.name == "bot.quentli" for r in caplog.records)
    assert API_KEY not in caplog.text
    assert "/checkout/" not in caplog.text.replace(f"{invoice.id}/payment-link", "")


async def test_due_dates_stay_exact(quentli: QuentliClient, state: SandboxState) -> None:
    customer = state.add_customer("Sofía", "A-1029")
    due = DUE + timedelta(milliseconds=123)
    data = _invoice_input(customer["id"]).model_copy(update={"due_date": due})
    invoice = await quentli.create_invoice(data)
    assert invoice.due_date == due
