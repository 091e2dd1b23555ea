"""Every endpoint over httpx.MockTransport: the exact request sent and the parsed answer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from bot.quentli import (
    CollectionMethod,
    CustomerInput,
    InvoiceInput,
    InvoicePaymentSessionInput,
    MarkPaidInput,
    NotFoundError,
    QuentliClient,
    QuentliResponseError,
)
from tests.quentli.fakequentli import API_KEY, BASE_URL, FakeQuentli, load

CUSTOMER = load("invoice_payment_session_response")["customer"]
INVOICE = load("create_invoice_response")["invoice"]
PAYMENT = load("try_payment_response")["payment"]


def _customers(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [CUSTOMER | {"id": f"cus_{i:020d}"} for i in range(start, start + n)]


async def test_every_request_carries_the_key_and_asks_for_json(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(body=CUSTOMER)
    await client.get_customer("cus_1234567890abcdefghij")
    assert fake.last.headers["Authorization"] == f"Bearer {API_KEY}"
    assert fake.last.headers["Accept"] == "application/json"
    assert str(fake.last.url) == f"{BASE_URL}/v1/customers/cus_1234567890abcdefghij"


async def test_list_customers_sends_filter_and_order_as_single_parameters(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(body=[CUSTOMER])
    customers = await client.list_customers(
        {"name": {"contains": "Pérez", "mode": "insensitive"}},
        skip=20,
        take=10,
        order_by={"createdAt": "desc"},
    )
    assert [c.name for c in customers] == ["Juan Pérez"]
    method, path, query, body = fake.sent()
    assert (method, path, body) == ("GET", "/v1/customers", None)
    assert query == (
        "skip=20&take=10"
        "&filter=name%5Bcontains%5D%3DP%25C3%25A9rez%26name%5Bmode%5D%3Dinsensitive"
        "&orderBy=createdAt%3Ddesc"
    )
    assert fake.last.url.params["filter"] == "name[contains]=P%C3%A9rez&name[mode]=insensitive"


async def test_list_defaults_send_only_skip_and_take(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(body=[])
    assert await client.list_customers() == []
    assert fake.sent()[2] == "skip=0&take=20"


@pytest.mark.parametrize(("skip", "take"), [(-1, 20), (0, 0), (0, 101)])
async def test_list_refuses_out_of_range_paging(
    client: QuentliClient, fake: FakeQuentli, skip: int, take: int
) -> None:
    with pytest.raises(ValueError, match="take"):
        await client.list_customers(skip=skip, take=take)
    assert fake.requests == []


async def test_all_customers_pages_by_100_until_a_short_page(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(body=_customers(100))
    # a customer created meanwhile shifts the offsets: cus_..99 comes again and is kept once
    fake.reply(body=_customers(100, start=99))
    fake.reply(body=_customers(3, start=199))
    customers = await client.all_customers({"username": {"equals": "x"}})
    assert len(customers) == 202
    assert len({c.id for c in customers}) == 202
    assert [fake.sent(i)[2].split("&filter")[0] for i in range(3)] == [
        "skip=0&take=100",
        "skip=100&take=100",
        "skip=200&take=100",
    ]
    assert all("filter=username%5Bequals%5D%3Dx" in fake.sent(i)[2] for i in range(3))


async def test_all_stops_after_an_exactly_full_page_followed_by_an_empty_one(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(body=[INVOICE | {"id": f"inv_{i}"} for i in range(100)])
    fake.reply(body=[])
    assert len(await client.all_invoices()) == 100
    assert len(fake.requests) == 2


async def test_get_customer_null_is_not_found(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body=None)
    with pytest.raises(NotFoundError) as caught:
        await client.get_customer("cus_missing")
    assert caught.value.status_code == 200
    assert "GET /v1/customers/cus_missing" in str(caught.value)


async def test_ids_are_one_path_segment_and_never_empty(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(body=INVOICE)
    await client.get_invoice("inv_1/../../customers?x=1")
    assert fake.last.url.raw_path == b"/v1/invoices/inv_1%2F..%2F..%2Fcustomers%3Fx%3D1"
    with pytest.raises(ValueError, match="empty"):
        await client.get_invoice(" ")
    assert len(fake.requests) == 1


async def test_create_customer(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body={"customer": CUSTOMER})
    customer = await client.create_customer(
        CustomerInput(
            name="Juan Pérez",
            username="juan_perez_01",
            email="juan@example.com",
            phone_number="+525512345678",
        )
    )
    assert customer.id == "cus_1234567890abcdefghij"
    method, path, query, body = fake.sent()
    assert (method, path, query) == ("POST", "/v1/customers", "")
    assert body == {
        "input": {
            "name": "Juan Pérez",
            "username": "juan_perez_01",
            "email": "juan@example.com",
            "phoneNumber": "+525512345678",
        }
    }
    assert fake.last.headers["Content-Type"] == "application/json"


async def test_create_invoice_sends_the_docs_example(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    example = load("create_invoice_request")
    fake.reply(body=load("create_invoice_response"))
    invoice = await client.create_invoice(InvoiceInput.model_validate(example["input"]))
    assert invoice.id == "inv_1234567890abcdefghij"
    assert invoice.total_amount == 150000
    method, path, _, body = fake.sent()
    assert (method, path) == ("POST", "/v1/invoices")
    assert body == {
        "input": {
            "dueDate": "2025-06-01T00:00:00.000Z",
            "collectionMethod": "SEND_REMINDER",
            "customerId": "cus_1234567890abcdefghij",
            "items": [
                {
                    "conceptId": "pc_1234567890abcdefghij",
                    "concept": {
                        "displayName": "Colegiatura Marzo",
                        "amount": 150000,
                        "currency": "MXN",
                    },
                    "quantity": 1,
                }
            ],
            "modifiers": [{"modifierId": "prm_1234567890abcdefghij"}],
            "discounts": [{"discountId": "disc_1234567890abcdefghij"}],
            "metadata": [{"key": "student_id", "value": "ALU-2025-001"}],
        }
    }


async def test_list_and_get_invoices(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body=[INVOICE])
    fake.reply(body=INVOICE)
    due = datetime(2025, 1, 1, tzinfo=UTC)
    [listed] = await client.list_invoices(
        {"customerId": "cus_1", "isPaid": False, "dueDate": {"gte": due}}
    )
    got = await client.get_invoice("inv_1234567890abcdefghij")
    assert listed == got
    assert fake.last.url.path == "/v1/invoices/inv_1234567890abcdefghij"
    assert fake.requests[0].url.params["filter"] == (
        "customerId=cus_1&isPaid=false&dueDate[gte]=2025-01-01T00:00:00.000Z"
    )


async def test_cancel_invoice_is_a_delete_without_body(
    client: QuentliClient, fake: FakeQuentli
) -> None:
    fake.reply(body={"invoice": INVOICE | {"canceledAt": "2025-01-11T00:00:00.000Z"}})
    invoice = await client.cancel_invoice("inv_1234567890abcdefghij")
    assert invoice.is_canceled
    assert fake.sent() == ("DELETE", "/v1/invoices/inv_1234567890abcdefghij", "", None)


async def test_get_payment_link(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body=load("payment_link_response"))
    link = await client.get_payment_link("inv_1234567890abcdefghij")
    assert link.url == "<string>"
    assert link.expires_at == datetime(2023, 11, 7, 5, 31, 56, tzinfo=UTC)
    assert link.invoice.id == "inv_1234567890abcdefghij"
    assert fake.sent() == ("GET", "/v1/invoices/inv_1234567890abcdefghij/payment-link", "", None)


async def test_try_payment_sends_no_body(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body=load("try_payment_response"))
    result = await client.try_payment("inv_1234567890abcdefghij")
    assert result.success is True
    assert result.payment is not None and result.payment.amount == 150000
    assert fake.sent() == ("POST", "/v1/invoices/inv_1234567890abcdefghij/try-payment", "", None)


async def test_mark_paid_with_and_without_input(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body=load("mark_paid_response"))
    fake.reply(body=load("mark_paid_response"))
    when = datetime(2023, 11, 7, 5, 31, 56, tzinfo=UTC)
    invoice = await client.mark_paid(
        "inv_1", MarkPaidInput(external_type_id="<string>", payment_time=when)
    )
    await client.mark_paid("inv_1")
    assert invoice.id == "inv_1234567890abcdefghij"
    assert fake.sent(0) == (
        "POST",
        "/v1/invoices/inv_1/mark-paid",
        "",
        {"input": {"externalTypeId": "<string>", "paymentTime": "2023-11-07T05:31:56.000Z"}},
    )
    assert fake.sent(1)[3] == {"input": {}}


async def test_create_invoice_payment_session(client: QuentliClient, fake: FakeQuentli) -> None:
    example = load("invoice_payment_session_request")
    fake.reply(body=load("invoice_payment_session_response"))
    data = InvoicePaymentSessionInput.model_validate(example["input"])
    session = await client.create_invoice_payment_session(data)
    assert session.url == "<string>"
    assert session.customer.name == "Juan Pérez"
    assert session.invoice.collection_method is CollectionMethod.SEND_REMINDER
    method, path, _, body = fake.sent()
    assert (method, path) == ("POST", "/v1/invoice-payment-sessions")
    expected = example["input"] | {
        "dueDate": "2023-11-07T05:31:56.000Z",
        "expireDate": "2023-11-07T05:31:56.000Z",
    }
    assert body == {"input": expected}


async def test_create_customer_portal_session(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body={"url": "https://portal.example/s/abc"})
    portal = await client.create_customer_portal_session("cus_1234567890abcdefghij")
    assert portal.url == "https://portal.example/s/abc"
    assert fake.sent() == (
        "POST",
        "/v1/customer-portal-session",
        "",
        {"input": {"destination": "home", "customerId": "cus_1234567890abcdefghij"}},
    )


async def test_list_and_all_payments(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body=[PAYMENT])
    fake.reply(body=[PAYMENT])
    [payment] = await client.list_payments({"isCompleted": True, "type": {"equals": "CARD"}})
    assert payment.amount == 150000
    assert fake.sent(0)[:2] == ("GET", "/v1/payments")
    assert fake.requests[0].url.params["filter"] == "isCompleted=true&type[equals]=CARD"
    assert len(await client.all_payments()) == 1
    assert fake.sent(1)[2] == "skip=0&take=100"


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ({"customer": {"name": "no id"}}, "unexpected Customer: id: Field required"),
        ({"client": CUSTOMER}, "the answer has no 'customer'"),
        ([CUSTOMER], "the answer has no 'customer'"),
    ],
)
async def test_a_write_with_an_unexpected_answer_has_landed(
    client: QuentliClient, fake: FakeQuentli, answer: Any, problem: str
) -> None:
    fake.reply(body=answer)
    with pytest.raises(QuentliResponseError, match=problem) as caught:
        await client.create_customer(CustomerInput(name="Ana"))
    assert caught.value.write_may_have_landed is True


async def test_a_list_that_is_not_an_array(client: QuentliClient, fake: FakeQuentli) -> None:
    fake.reply(body={"data": [CUSTOMER]})
    with pytest.raises(QuentliResponseError, match="expected a JSON array") as caught:
        await client.list_customers()
    assert caught.value.write_may_have_landed is False


async def test_last_success_at(client: QuentliClient, fake: FakeQuentli) -> None:
    assert client.last_success_at is None
    fake.reply(404, {"message": "nope"})
    with pytest.raises(NotFoundError):
        await client.get_invoice("inv_x")
    assert client.last_success_at is None
    fake.reply(body=[])
    before = datetime.now(UTC)
    await client.list_invoices()
    assert client.last_success_at is not None and client.last_success_at >= before


async def test_base_url_tolerates_a_trailing_v1_and_secret_str_keys() -> None:
    fake = FakeQuentli()
    http = httpx.AsyncClient(transport=httpx.MockTransport(fake.handler))
    async with QuentliClient(
        http, api_key=SecretStr(API_KEY), base_url="https://api.demo.quentli.com/v1/"
    ) as quentli:
        fake.reply(body=[])
        await quentli.list_payments()
    assert str(fake.last.url) == "https://api.demo.quentli.com/v1/payments?skip=0&take=20"
    assert fake.last.headers["Authorization"] == f"Bearer {API_KEY}"
    assert http.is_closed


@pytest.mark.parametrize(
    ("key", "url"),
    [("", BASE_URL), ("sk_with space", BASE_URL), ("sk_x\n", BASE_URL), ("sk_x", "ftp://x")],
)
def test_bad_settings_are_refused_without_echoing_the_key(key: str, url: str) -> None:
    with pytest.raises(ValueError) as caught:
        QuentliClient.create(url, key)
    if key:
        assert key.strip() not in str(caught.value)


async def test_create_builds_its_own_client_with_the_timeouts() -> None:
    quentli = QuentliClient.create(BASE_URL, API_KEY, connect_timeout=1.5, read_timeout=7)
    async with quentli:
        timeout = quentli._http.timeout
        assert (timeout.connect, timeout.read, timeout.write) == (1.5, 7, 7)
    assert quentli._http.is_closed
    default = QuentliClient.create(BASE_URL, API_KEY)
    assert (default._http.timeout.connect, default._http.timeout.read) == (5, 20)
    await default.aclose()
