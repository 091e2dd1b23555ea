"""/v1/customers: create, get, list with filter / paging / order."""

from __future__ import annotations

import re
from datetime import date

import httpx
import pytest

from bot.quentli.filters import encode_filter
from bot.sandbox import SandboxState

ID = re.compile(r"^cus_[A-Za-z0-9]{20}$")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def school(state: SandboxState) -> SandboxState:
    state.add_customer("Sofía García López", "A-1029", "+525512345678", "sofia@example.com")
    state.add_customer("Mateo Hernández Ruiz", "A-1030", "+525523456789")
    state.add_customer("Valentina Hernández Ruiz", "A-1031", "+525523456789")
    state.add_customer("Diego Martínez", "B-2001", None, "diego@example.com")
    return state


async def test_create_and_get_customer(api: httpx.AsyncClient) -> None:
    body = {
        "input": {
            "name": "Camila Rodríguez",
            "username": "A-1052",
            "email": "camila@example.com",
            "phoneNumber": "+525545678901",
            "metadata": [{"key": "studentId", "value": "A-1052"}],
        }
    }
    created = await api.post("/v1/customers", json=body)
    assert created.status_code == 200
    customer = created.json()["customer"]
    assert ID.match(customer["id"])
    assert ISO.match(customer["createdAt"])
    assert customer["meta"] == {"studentId": "A-1052"}
    assert customer["phoneNumber"] == "+525545678901"
    fetched = await api.get(f"/v1/customers/{customer['id']}")
    assert fetched.json() == customer


async def test_get_missing_customer_is_200_null(api: httpx.AsyncClient) -> None:
    response = await api.get("/v1/customers/cus_00000000000000000000")
    assert response.status_code == 200
    assert response.json() is None


async def test_duplicate_username_is_409(api: httpx.AsyncClient, school: SandboxState) -> None:
    response = await api.post("/v1/customers", json={"input": {"name": "X", "username": "A-1029"}})
    assert response.status_code == 409
    assert "A-1029" in response.json()["message"]
    assert len(school.customers) == 4


@pytest.mark.parametrize(
    "data",
    [
        {"username": "X-1"},
        {"name": "", "username": "X-1"},
        {"name": "Ana", "phoneNumber": "5512345678"},
        {"name": "Ana", "email": "no-at-sign"},
        {"name": "Ana", "metadata": [{"key": "a"}]},
    ],
)
async def test_invalid_customer_input_is_400(
    api: httpx.AsyncClient, state: SandboxState, data: dict[str, object]
) -> None:
    assert (await api.post("/v1/customers", json={"input": data})).status_code == 400
    assert state.customers == {}


async def _names(api: httpx.AsyncClient, **params: str) -> list[str]:
    response = await api.get("/v1/customers", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, list)
    return [c["name"] for c in body]


async def test_list_is_a_bare_array_in_creation_order(
    api: httpx.AsyncClient, school: SandboxState
) -> None:
    assert await _names(api) == [c["name"] for c in school.customers.values()]


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ("username=A-1030", ["Mateo Hernández Ruiz"]),
        ("username[equals]=A-1031", ["Valentina Hernández Ruiz"]),
        (
            "name[contains]=hernández&name[mode]=insensitive",
            ["Mateo Hernández Ruiz", "Valentina Hernández Ruiz"],
        ),
        ("name[contains]=hernández", []),
        ("phoneNumber=%2B525523456789", ["Mateo Hernández Ruiz", "Valentina Hernández Ruiz"]),
        ("email=diego@example.com", ["Diego Martínez"]),
        (
            "OR[0][username]=A-1029&OR[1][email]=diego@example.com",
            ["Sofía García López", "Diego Martínez"],
        ),
        (
            "username[in][0]=A-1029&username[in][1]=B-2001",
            ["Sofía García López", "Diego Martínez"],
        ),
    ],
)
async def test_customer_filters(
    api: httpx.AsyncClient, school: SandboxState, filter_: str, expected: list[str]
) -> None:
    assert await _names(api, filter=filter_) == expected


async def test_filter_by_id_and_encoded_with_the_client_encoder(
    api: httpx.AsyncClient, school: SandboxState
) -> None:
    target = list(school.customers.values())[2]
    assert await _names(api, filter=encode_filter({"id": target["id"]})) == [target["name"]]
    encoded = encode_filter({"phoneNumber": "+525512345678"})
    assert await _names(api, filter=encoded) == ["Sofía García López"]
    insensitive = encode_filter({"name": {"contains": "GARCÍA", "mode": "insensitive"}})
    assert await _names(api, filter=insensitive) == ["Sofía García López"]


async def test_paging_and_order(api: httpx.AsyncClient, school: SandboxState) -> None:
    everyone = await _names(api)
    assert await _names(api, skip="1", take="2") == everyone[1:3]
    assert await _names(api, skip="10") == []
    assert await _names(api, orderBy="createdAt=desc") == list(reversed(everyone))
    assert await _names(api, orderBy="name=asc") == sorted(everyone)


@pytest.mark.parametrize(
    "params",
    [
        {"take": "0"},
        {"take": "101"},
        {"take": "ten"},
        {"skip": "-1"},
        {"orderBy": "createdAt=sideways"},
        {"orderBy": "shoeSize=asc"},
        {"filter": "shoeSize=42"},
        {"filter": "name[resembles]=x"},
        {"filter[username]": "A-1029"},
    ],
)
async def test_bad_list_parameters_are_400(
    api: httpx.AsyncClient, school: SandboxState, params: dict[str, str]
) -> None:
    response = await api.get("/v1/customers", params=params)
    assert response.status_code == 400
    assert response.json()["statusCode"] == 400


async def test_take_defaults_to_20_and_allows_100(
    api: httpx.AsyncClient, state: SandboxState
) -> None:
    for n in range(25):
        state.add_customer(f"Alumno {n}", f"N-{n:03d}")
    assert len(await _names(api)) == 20
    assert len(await _names(api, take="100")) == 25


async def test_no_payments_custom_filter(api: httpx.AsyncClient, state: SandboxState) -> None:
    payer = state.add_customer("Paga", "P-1")
    state.add_customer("Debe", "P-2")
    invoice = state.add_invoice(payer["id"], 1000, "Uniforme", date(2025, 1, 1))
    state.pay_invoice(invoice["id"], via="OTHER")
    assert await _names(api, filter="OR[0][noPayments]=true") == ["Debe"]
