"""The JSON state file: saved after every write, loaded on start, written atomically."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from bot.sandbox import SandboxServer, SandboxState, seed_demo
from tests.sandbox.conftest import API_KEY, inv_input


async def test_data_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "data" / "sandbox.json"
    headers = {"Authorization": f"Bearer {API_KEY}"}
    first = SandboxState(path)
    async with (
        SandboxServer(first, API_KEY) as server,
        httpx.AsyncClient(base_url=server.url, headers=headers) as api,
    ):
        body = {"input": {"name": "Ana", "username": "A-1", "phoneNumber": "+525511111111"}}
        customer = (await api.post("/v1/customers", json=body)).json()["customer"]
        invoice = (await api.post("/v1/invoices", json=inv_input(customer["id"]))).json()[
            "invoice"
        ]
        link = (await api.get(f"/v1/invoices/{invoice['id']}/payment-link")).json()["url"]
        await api.post(f"/v1/invoices/{invoice['id']}/mark-paid")
    assert path.exists()
    assert [p.name for p in path.parent.iterdir()] == ["sandbox.json"]  # no temp files left

    second = SandboxState(path)
    assert second.organization == first.organization
    async with (
        SandboxServer(second, API_KEY) as server,
        httpx.AsyncClient(base_url=server.url, headers=headers) as api,
    ):
        assert (await api.get(f"/v1/customers/{customer['id']}")).json() == customer
        reloaded = (await api.get(f"/v1/invoices/{invoice['id']}")).json()
        assert reloaded["isPaid"] is True
        assert len((await api.get("/v1/payments")).json()) == 1
        dup = await api.post("/v1/customers", json={"input": {"name": "B", "username": "A-1"}})
        assert dup.status_code == 409
        token = link.rsplit("/", 1)[1]
        page = await api.get(f"/checkout/{token}")  # links survive too
        assert page.status_code == 200


def test_every_write_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    state = SandboxState(path)
    customer = state.add_customer("Ana", "A-1", has_card=True)
    invoice = state.add_invoice(customer["id"], 1000, "Uniforme", date(2025, 1, 1))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [c["id"] for c in saved["customers"]] == [customer["id"]]
    assert [i["id"] for i in saved["invoices"]] == [invoice["id"]]
    assert saved["cards"] == state.cards
    state.pay_invoice(invoice["id"])
    assert SandboxState(path).invoices[invoice["id"]]["isPaid"] is True


def test_hooks_are_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    state = SandboxState(path)
    state.decline_next_charge(3)
    state.fail_next(500)
    state.add_customer("Ana", "A-1")
    reloaded = SandboxState(path)
    assert reloaded.take_decline() is False
    assert reloaded.take_failure("/v1/customers") is None


def test_seed_only_when_empty_and_kept_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    state = SandboxState(path)
    assert seed_demo(state) is True
    ids = set(state.customers)
    restarted = SandboxState(path)
    assert seed_demo(restarted) is False
    assert set(restarted.customers) == ids


@pytest.mark.parametrize("content", ["{not json", '{"version": 99}', "[]"])
def test_an_unreadable_state_file_is_an_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"s\.json"):
        SandboxState(path)
