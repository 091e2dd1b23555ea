"""Auth, the input wrapper, the error shape, request recording and the fail/hang hooks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bot.sandbox import RecordedRequest, SandboxServer, SandboxState
from tests.sandbox.conftest import inv_input


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "sk_test_sandbox_key"}],
)
async def test_requests_without_the_right_bearer_key_get_401_json(
    server: SandboxServer, state: SandboxState, headers: dict[str, str]
) -> None:
    async with httpx.AsyncClient(base_url=server.url, headers=headers) as client:
        response = await client.get("/v1/customers")
    assert response.status_code == 401
    assert response.json()["statusCode"] == 401
    assert state.requests == []  # recorded only after authentication


async def test_error_body_shape(api: httpx.AsyncClient) -> None:
    response = await api.post("/v1/customers", json={"name": "Sin envoltura"})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"statusCode", "message", "error"}
    assert body["statusCode"] == 400
    assert body["error"] == "Bad Request"
    assert "input" in body["message"]


@pytest.mark.parametrize("path", ["/v1/customers", "/v1/invoices", "/v1/invoice-payment-sessions"])
async def test_post_without_input_wrapper_is_400(api: httpx.AsyncClient, path: str) -> None:
    assert (await api.post(path, json={"customerId": "cus_x"})).status_code == 400
    assert (await api.post(path)).status_code == 400
    assert (await api.post(path, json={"input": "text"})).status_code == 400


async def test_invalid_json_is_400(api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/v1/customers", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["message"]


async def test_unknown_route_and_method_answer_json(api: httpx.AsyncClient) -> None:
    missing = await api.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["statusCode"] == 404
    wrong = await api.put("/v1/customers")
    assert wrong.status_code == 405
    assert wrong.json()["statusCode"] == 405


async def test_every_api_request_is_recorded(
    api: httpx.AsyncClient, state: SandboxState, customer: dict[str, Any]
) -> None:
    await api.get("/v1/invoices", params={"filter": "isPaid=false", "take": "5"})
    await api.post("/v1/invoices", json=inv_input(customer["id"]))
    assert state.requests[0] == RecordedRequest(
        "GET", "/v1/invoices", {"filter": "isPaid=false", "take": "5"}, None
    )
    assert state.requests[1].method == "POST"
    assert state.requests[1].body == inv_input(customer["id"])


async def test_fail_next_answers_errors_without_processing(
    api: httpx.AsyncClient, state: SandboxState, customer: dict[str, Any]
) -> None:
    state.fail_next(503, count=2, path_prefix="/v1/invoices")
    assert (await api.get("/v1/customers")).status_code == 200  # other prefix: unaffected
    first = await api.post("/v1/invoices", json=inv_input(customer["id"]))
    second = await api.get("/v1/invoices")
    third = await api.get("/v1/invoices")
    assert (first.status_code, second.status_code, third.status_code) == (503, 503, 200)
    assert first.json()["statusCode"] == 503
    assert state.invoices == {}  # the failed POST changed nothing


async def test_fail_next_429(api: httpx.AsyncClient, state: SandboxState) -> None:
    state.fail_next(429)
    response = await api.get("/v1/payments")
    assert response.status_code == 429
    assert response.json()["error"] == "Too Many Requests"


async def test_hang_next_lands_the_write_then_holds_the_answer(
    server: SandboxServer, state: SandboxState, customer: dict[str, Any]
) -> None:
    state.hang_next(30, path_prefix="/v1/invoices")
    headers = {"Authorization": "Bearer sk_test_sandbox_key"}
    async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=0.5) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.post("/v1/invoices", json=inv_input(customer["id"]))
        assert len(state.invoices) == 1  # the write landed although the client timed out
        again = await client.get("/v1/invoices")  # the hang was used up
    assert again.status_code == 200
    assert len(again.json()) == 1


async def test_latency_is_applied_and_answers_stay_correct(
    api: httpx.AsyncClient, state: SandboxState, customer: dict[str, Any]
) -> None:
    state.latency = 0.01
    response = await api.get(f"/v1/customers/{customer['id']}")
    assert response.json()["id"] == customer["id"]
