"""AuditRepo contract: entries, filtering, and no links stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.store import Database, Repositories
from bot.store.audit import is_link_key, strip_links

from .conftest import START, FakeClock

SECRET_URL = "https://pay.quentli.com/c/secret-session-token"


async def test_record_and_recent(repos: Repositories, clock: FakeClock) -> None:
    audit = repos.audit
    first = await audit.record(10, "invoice.create", {"customer_id": "cus_a"}, "ok", {"n": 1})
    clock.advance(timedelta(minutes=1))
    second = await audit.record(
        10, "invoice.mark_paid", {"invoice_id": "inv_1"}, "ok", customer_id="cus_b"
    )
    clock.advance(timedelta(minutes=1))
    third = await audit.record(None, "invoice.create", {"customer_id": "cus_a"}, "error")
    assert first < second < third

    newest = await audit.recent()
    assert [e.id for e in newest] == [third, second, first]
    assert [e.id for e in await audit.recent(limit=2)] == [third, second]
    assert [e.id for e in await audit.recent(customer_id="cus_a")] == [third, first]

    entry = (await audit.recent(customer_id="cus_b"))[0]
    assert entry.actor_id == 10 and entry.action == "invoice.mark_paid"
    assert entry.invoice_id == "inv_1" and entry.customer_id == "cus_b"
    assert entry.request == {"invoice_id": "inv_1"} and entry.detail == {}
    assert entry.at == START + timedelta(minutes=1)
    assert newest[0].actor_id is None and newest[0].outcome == "error"


async def test_links_are_never_stored(repos: Repositories, db: Database) -> None:
    request = {
        "customer_id": "cus_a",
        "url": SECRET_URL,
        "items": [{"description": "Colegiatura", "amount": 150000, "link": SECRET_URL}],
        "nested": {"deeper": {"payment_url": SECRET_URL, "keep": "yes"}},
    }
    detail = {
        "invoice": {"id": "inv_1", "checkout_url": SECRET_URL, "checkoutUrl": SECRET_URL},
        "portal_link": SECRET_URL,
        "links": [SECRET_URL],
        "due": date(2025, 2, 1),
        "at": datetime(2025, 2, 1, 6, tzinfo=UTC),
    }
    await repos.audit.record(10, "invoice.create", request, "ok", detail)

    (entry,) = await repos.audit.recent()
    assert entry.request == {
        "customer_id": "cus_a",
        "items": [{"description": "Colegiatura", "amount": 150000}],
        "nested": {"deeper": {"keep": "yes"}},
    }
    assert entry.detail == {
        "invoice": {"id": "inv_1"},
        "due": "2025-02-01",
        "at": "2025-02-01T06:00:00.000000Z",
    }
    assert entry.invoice_id == "inv_1" or entry.invoice_id is None
    row = await db.fetchone("SELECT request || detail FROM audit_log")
    assert row is not None and "quentli.com" not in row[0]
    # the caller's dicts are not modified
    assert request["url"] == SECRET_URL


def test_link_keys() -> None:
    for key in ("url", "URL", "link", "payment_url", "checkout_url", "checkoutUrl", "portalLink"):
        assert is_link_key(key), key
    for key in ("customer_id", "amount", "description", "due_date", "status"):
        assert not is_link_key(key), key
    assert strip_links([{"url": 1}, ({"a": {"Link": 2}},)]) == [{}, [{"a": {}}]]
