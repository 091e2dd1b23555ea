"""/v1/invoices lists by one metadata key (Prisma's JSON filter): how /bulk finds its rows."""

from __future__ import annotations

from typing import Any

import httpx

from bot.quentli.filters import encode_filter
from tests.sandbox.conftest import inv_input


async def test_list_invoices_by_one_meta_key(
    api: httpx.AsyncClient, customer: dict[str, Any]
) -> None:
    for key in ("b1-2", "b1-3"):
        body = inv_input(customer["id"], metadata=[{"key": "bulkRow", "value": key}])
        assert (await api.post("/v1/invoices", json=body)).status_code == 200
    assert (await api.post("/v1/invoices", json=inv_input(customer["id"]))).status_code == 200

    wanted = {"customerId": customer["id"], "meta": {"path": ["bulkRow"], "equals": "b1-3"}}
    found = (await api.get("/v1/invoices", params={"filter": encode_filter(wanted)})).json()

    assert [i["meta"]["bulkRow"] for i in found] == ["b1-3"]


async def test_a_meta_filter_without_path_and_equals_is_refused(
    api: httpx.AsyncClient, invoice: dict[str, Any]
) -> None:
    bad = encode_filter({"meta": {"bulkRow": "b1-3"}})
    response = await api.get("/v1/invoices", params={"filter": bad})
    assert response.status_code == 400
