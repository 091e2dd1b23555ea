"""EventRepo, WatchRepo, PrefsRepo and KeyValueRepo contracts."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.store import LinkRepo, PrefsRepo, Repositories, StaffRepo, Watch

from .conftest import START, FakeClock


async def test_events_are_remembered_once(repos: Repositories) -> None:
    payload = {"eventId": "evt_1", "data": {"invoiceId": "inv_1", "paymentUrl": "https://x.mx/p"}}
    assert await repos.events.remember("evt_1", "INVOICE_PAID", payload) is True
    assert await repos.events.remember("evt_1", "INVOICE_PAID", payload) is False
    assert await repos.events.remember("evt_2", "INVOICE_PAID", payload) is True

    event = await repos.events.get("evt_1")
    assert event is not None
    assert event.event_type == "INVOICE_PAID" and event.received_at == START
    assert event.payload == {"eventId": "evt_1", "data": {"invoiceId": "inv_1"}}

    assert await repos.events.forget("evt_1") is True
    assert await repos.events.forget("evt_1") is False
    assert await repos.events.remember("evt_1", "INVOICE_PAID", payload) is True


async def test_events_stay_unprocessed_until_handled(
    repos: Repositories, clock: FakeClock
) -> None:
    events = repos.events
    payload = {"eventId": "evt_1", "data": {"invoiceId": "inv_1"}}
    assert await events.remember("evt_1", "INVOICE_CREATED", payload)
    clock.advance(timedelta(seconds=1))
    assert await events.remember("evt_2", "INVOICE_PAID", payload)
    fresh = await events.get("evt_1")
    assert fresh is not None
    assert (fresh.processed_at, fresh.attempts, fresh.last_error) == (None, 0, None)
    assert [e.event_id for e in await events.unprocessed()] == ["evt_1", "evt_2"]
    assert [e.event_id for e in await events.unprocessed(limit=1)] == ["evt_1"]

    assert await events.mark_failed("evt_1", "ServerError")
    assert await events.mark_failed("evt_1", "TimeoutError")
    failed = await events.get("evt_1")
    assert failed is not None and failed.attempts == 2 and failed.last_error == "TimeoutError"
    assert [e.event_id for e in await events.unprocessed()] == ["evt_1", "evt_2"]

    clock.advance(timedelta(minutes=1))
    assert await events.mark_processed("evt_1")
    assert not await events.mark_processed("evt_1")
    assert not await events.mark_failed("evt_1", "late")
    assert await events.mark_processed("evt_2", "given up: ServerError")
    assert not await events.mark_processed("evt_unknown")
    assert await events.unprocessed() == []
    done = await events.get("evt_1")
    assert done is not None and done.processed_at == clock.now and done.last_error is None
    given_up = await events.get("evt_2")
    assert given_up is not None and given_up.last_error == "given up: ServerError"
    # a redelivery of a handled event is still not new
    assert await events.remember("evt_1", "INVOICE_CREATED", payload) is False


async def test_the_issuer_is_recorded_even_when_the_invoice_was_watched_first(
    repos: Repositories,
) -> None:
    watches = repos.watches
    assert await watches.watch("inv_1", "cus_a", None) is True  # a webhook or /pay first
    assert await watches.watch("inv_1", "cus_a", None) is False
    assert await watches.watch("inv_1", "cus_a", 10) is True  # then the issuer's /invoice
    assert await watches.watch("inv_1", "cus_a", 11) is False  # an issuer is never replaced
    assert await watches.watch("inv_1", "cus_a", None) is False
    assert await watches.get("inv_1") == Watch("inv_1", "cus_a", 10, START, None)


async def test_watches(repos: Repositories, clock: FakeClock) -> None:
    watches = repos.watches
    assert await watches.watch("inv_1", "cus_a", 10) is True
    assert await watches.watch("inv_1", "cus_b", 11) is False
    clock.advance(timedelta(minutes=1))
    assert await watches.watch("inv_2", "cus_a", None) is True

    assert await watches.get("inv_1") == Watch("inv_1", "cus_a", 10, START, None)
    assert [w.invoice_id for w in await watches.open_watches()] == ["inv_1", "inv_2"]

    clock.advance(timedelta(minutes=1))
    assert await watches.settle("inv_1") is True
    assert await watches.settle("inv_1") is False
    assert await watches.settle("inv_unknown") is False
    assert [w.invoice_id for w in await watches.open_watches()] == ["inv_2"]
    settled = await watches.get("inv_1")
    assert settled is not None and settled.settled_at == clock.now
    assert await watches.get("inv_unknown") is None


async def test_language_prefs(repos: Repositories) -> None:
    assert await repos.prefs.get_language(1) is None
    await repos.prefs.set_language(1, "en")
    await repos.prefs.set_language(2, "es")
    await repos.prefs.set_language(1, "es")
    assert await repos.prefs.get_language(1) == "es"
    assert await repos.prefs.get_language(2) == "es"
    with pytest.raises(ValueError, match="empty"):
        await repos.prefs.set_language(1, "")


async def test_key_value(repos: Repositories) -> None:
    kv = repos.kv
    assert await kv.get_json("a", "k") is None
    await kv.set_json("a", "k", {"x": [1, "dos", None, True]})
    await kv.set_json("a", "j", 3)
    await kv.set_json("b", "k", "other namespace")
    await kv.set_json("a", "k", {"x": "replaced"})
    assert await kv.get_json("a", "k") == {"x": "replaced"}
    assert await kv.all_in("a") == {"j": 3, "k": {"x": "replaced"}}
    assert await kv.all_in("empty") == {}
    assert await kv.delete("a", "k") is True
    assert await kv.delete("a", "k") is False
    assert await kv.all_in("a") == {"j": 3}


async def test_key_value_refuses_what_json_cannot_round_trip(repos: Repositories) -> None:
    with pytest.raises(TypeError):
        await repos.kv.set_json("a", "k", {"when": datetime(2025, 1, 1, tzinfo=UTC)})
    with pytest.raises(ValueError):
        await repos.kv.set_json("a", "k", math.nan)
    assert await repos.kv.all_in("a") == {}


def _count_reads(repos: Repositories, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQL of every read the repositories make from now on."""
    reads: list[str] = []
    fetchall, fetchone = repos.db.fetchall, repos.db.fetchone

    async def counting(sql: str, params: Any = ()) -> Any:
        reads.append(sql)
        return await fetchall(sql, params)

    async def counting_one(sql: str, params: Any = ()) -> Any:
        reads.append(sql)
        return await fetchone(sql, params)

    monkeypatch.setattr(repos.db, "fetchall", counting)
    monkeypatch.setattr(repos.db, "fetchone", counting_one)
    return reads


async def test_the_chats_languages_are_read_from_sql_once(
    repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefs = repos.prefs
    reads = _count_reads(repos, monkeypatch)
    assert await prefs.get_language(7) is None
    assert await prefs.get_language(8) is None  # another chat that never chose: no new read
    await prefs.set_language(7, "en")
    assert await prefs.get_language(7) == "en"
    assert len(reads) == 1
    assert await PrefsRepo(repos.db).get_language(7) == "en"  # as stored


async def test_staff_ids_are_read_from_sql_once(
    repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = repos.staff
    reads = _count_reads(repos, monkeypatch)
    assert not await staff.is_staff(5) and not await staff.is_staff(6)
    assert await staff.add(5, 1, "command") and not await staff.add(5, 1, "command")
    assert await staff.is_staff(5) and not await staff.is_staff(6)
    assert await staff.remove(5) and not await staff.remove(5)
    assert not await staff.is_staff(5)
    assert len(reads) == 1
    await staff.add(6, 1, "invite")
    assert await StaffRepo(repos.db).is_staff(6) and not await StaffRepo(repos.db).is_staff(5)


async def test_an_unlinked_chat_is_answered_without_reading_sql(
    repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = repos.links
    await links.link(10, "cus_a", "Ana", "staff", 1)
    reads = _count_reads(repos, monkeypatch)
    assert await links.customers_for_chat(20) == [] and await links.customers_for_chat(21) == []
    assert [link.customer_id for link in await links.customers_for_chat(10)] == ["cus_a"]
    assert len(reads) == 1  # chat 10 only
    await links.link(20, "cus_b", "Beto", "token", 20)
    assert [link.customer_id for link in await links.customers_for_chat(20)] == ["cus_b"]
    assert await links.deactivate_chat(10, "blocked") == 1
    assert await links.customers_for_chat(10) == []
    assert len(await links.customers_for_chat(10, active_only=False)) == 1
    await links.link(10, "cus_a", "Ana", "staff", 1)  # reactivated
    assert len(await links.customers_for_chat(10)) == 1
    fresh = LinkRepo(repos.db)
    assert len(await fresh.customers_for_chat(10)) == 1
    assert await fresh.customers_for_chat(21) == []
