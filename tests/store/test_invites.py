"""InviteRepo contract: hashed, single use, expiring tokens."""

from __future__ import annotations

import asyncio
import hashlib
import re
from datetime import timedelta

import pytest

from bot.store import (
    Database,
    InviteExpired,
    InviteUnknown,
    InviteUsed,
    Repositories,
)

from .conftest import START, FakeClock

WEEK = timedelta(days=7)


async def test_tokens_fit_a_deep_link_and_only_their_hash_is_stored(
    repos: Repositories, db: Database
) -> None:
    tokens = [await repos.invites.create("parent", "cus_a", "Ana", 7, WEEK) for _ in range(20)]
    assert len(set(tokens)) == 20
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)

    rows = await db.fetchall("SELECT * FROM invite_tokens")
    stored = {row["token_hash"] for row in rows}
    assert stored == {hashlib.sha256(t.encode()).hexdigest() for t in tokens}
    dump = repr([tuple(row) for row in rows])
    assert not any(token in dump for token in tokens)


async def test_consume_once(repos: Repositories, clock: FakeClock) -> None:
    token = await repos.invites.create("parent", "cus_a", "Ana", 7, WEEK)
    clock.advance(timedelta(hours=1))

    invite = await repos.invites.consume(token, 555)
    assert (invite.kind, invite.customer_id, invite.customer_name) == ("parent", "cus_a", "Ana")
    assert invite.created_by == 7 and invite.created_at == START
    assert invite.expires_at == START + WEEK
    assert invite.used_by == 555 and invite.used_at == clock.now

    with pytest.raises(InviteUsed) as caught:
        await repos.invites.consume(token, 666)
    assert caught.value.invite.used_by == 555
    assert token not in str(caught.value)


async def test_two_simultaneous_consumes_only_one_wins(repos: Repositories) -> None:
    token = await repos.invites.create("staff", None, None, 1, WEEK)
    results = await asyncio.gather(
        *(repos.invites.consume(token, user) for user in (10, 11, 12)), return_exceptions=True
    )
    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, BaseException)]
    assert len(winners) == 1 and len(losers) == 2
    assert all(isinstance(r, InviteUsed) for r in losers)


async def test_expiry(repos: Repositories, clock: FakeClock) -> None:
    fresh = await repos.invites.create("parent", "cus_a", "Ana", 7, WEEK)
    stale = await repos.invites.create("parent", "cus_a", "Ana", 7, WEEK)

    clock.advance(WEEK - timedelta(seconds=1))
    assert (await repos.invites.consume(fresh, 1)).used_by == 1

    clock.advance(timedelta(seconds=1))
    with pytest.raises(InviteExpired) as caught:
        await repos.invites.consume(stale, 2)
    assert caught.value.invite.used_at is None
    unchanged = await repos.invites.get(stale)
    assert unchanged is not None
    assert unchanged.used_at is None and unchanged.used_by is None


async def test_unknown_and_malformed_tokens(repos: Repositories) -> None:
    await repos.invites.create("parent", "cus_a", "Ana", 7, WEEK)
    never_issued = "A" * 32
    for token in (never_issued, "", "short", "x" * 64, "bad chars !!" + "a" * 20):
        with pytest.raises(InviteUnknown) as caught:
            await repos.invites.consume(token, 1)
        assert token == "" or token not in str(caught.value)
        assert await repos.invites.get(token) is None


async def test_used_wins_over_expired(repos: Repositories, clock: FakeClock) -> None:
    token = await repos.invites.create("staff", None, None, 1, WEEK)
    await repos.invites.consume(token, 2)
    clock.advance(WEEK * 2)
    with pytest.raises(InviteUsed):
        await repos.invites.consume(token, 3)


async def test_invalid_invites_are_refused(repos: Repositories, db: Database) -> None:
    with pytest.raises(ValueError, match="customer"):
        await repos.invites.create("parent", None, None, 7, WEEK)
    with pytest.raises(ValueError, match="ttl"):
        await repos.invites.create("staff", None, None, 7, timedelta(0))
    with pytest.raises(ValueError, match="kind"):
        await repos.invites.create("admin", None, None, 7, WEEK)  # type: ignore[arg-type]
    assert await db.fetchall("SELECT * FROM invite_tokens") == []


async def test_staff_invites_need_no_customer(repos: Repositories) -> None:
    token = await repos.invites.create("staff", None, None, 1, WEEK)
    invite = await repos.invites.consume(token, 9)
    assert invite.kind == "staff" and invite.customer_id is None


async def test_siblings_switch_only_while_unused(repos: Repositories) -> None:
    token = await repos.invites.create(
        "parent", "cus_a", "Ana", 7, WEEK, siblings=(("cus_b", "Beto"),), invoice_id="inv_1"
    )
    invite = await repos.invites.usable(token)
    assert invite is not None and invite.invoice_id == "inv_1"
    assert invite.customers == [("cus_a", "Ana"), ("cus_b", "Beto")]
    off = await repos.invites.set_with_siblings(invite.ref, False)
    assert off is not None and off.customers == [("cus_a", "Ana")]
    await repos.invites.consume(token, 42)
    assert await repos.invites.usable(token) is None
    after = await repos.invites.set_with_siblings(invite.ref, True)
    assert after is not None and after.used_at is not None and not after.with_siblings
    assert await repos.invites.set_with_siblings("not-a-ref", True) is None
