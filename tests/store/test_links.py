"""LinkRepo contract: many-to-many chat <-> customer links."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.store import Link, Repositories

from .conftest import START, FakeClock

MOM, DAD = 1001, 1002


async def test_siblings_in_one_chat_and_both_parents(repos: Repositories) -> None:
    links = repos.links
    assert await links.link(MOM, "cus_ana", "Ana", "token", MOM)
    assert await links.link(MOM, "cus_beto", "Beto", "phone", MOM)
    assert await links.link(DAD, "cus_ana", "Ana", "staff", 7)

    assert [link.customer_id for link in await links.customers_for_chat(MOM)] == [
        "cus_ana",
        "cus_beto",
    ]
    assert [link.chat_id for link in await links.chats_for_customer("cus_ana")] == [MOM, DAD]
    assert [link.chat_id for link in await links.chats_for_customer("cus_beto")] == [MOM]
    assert await links.is_linked(DAD, "cus_ana")
    assert not await links.is_linked(DAD, "cus_beto")
    assert await links.count_for_customer("cus_ana") == (2, 0)
    assert await links.count_for_customer("cus_nobody") == (0, 0)

    assert (await links.customers_for_chat(DAD))[0] == Link(
        chat_id=DAD,
        customer_id="cus_ana",
        customer_name="Ana",
        how="staff",
        by_user_id=7,
        created_at=START,
        active=True,
        deactivated_reason=None,
        deactivated_at=None,
    )


async def test_linking_twice_changes_nothing(repos: Repositories, clock: FakeClock) -> None:
    assert await repos.links.link(MOM, "cus_ana", "Ana", "token", MOM) is True
    clock.advance(timedelta(hours=1))
    assert await repos.links.link(MOM, "cus_ana", "Ana M.", "phone", MOM) is False
    (link,) = await repos.links.customers_for_chat(MOM)
    assert (link.how, link.customer_name, link.created_at) == ("token", "Ana", START)


async def test_unlink_affects_only_that_chat(repos: Repositories, clock: FakeClock) -> None:
    links = repos.links
    await links.link(MOM, "cus_ana", "Ana", "token", MOM)
    await links.link(MOM, "cus_beto", "Beto", "token", MOM)
    await links.link(DAD, "cus_ana", "Ana", "token", DAD)
    clock.advance(timedelta(days=2))

    assert await links.unlink_chat(MOM) == 2
    assert await links.unlink_chat(MOM) == 0
    assert await links.customers_for_chat(MOM) == []
    assert not await links.is_linked(MOM, "cus_ana")
    assert await links.is_linked(DAD, "cus_ana")
    assert await links.count_for_customer("cus_ana") == (1, 1)

    history = await links.customers_for_chat(MOM, active_only=False)
    assert {(lk.customer_id, lk.active, lk.deactivated_reason) for lk in history} == {
        ("cus_ana", False, "unlinked"),
        ("cus_beto", False, "unlinked"),
    }
    assert all(lk.deactivated_at == clock.now for lk in history)
    assert len(await links.chats_for_customer("cus_ana", active_only=False)) == 2


async def test_relinking_reactivates(repos: Repositories, clock: FakeClock) -> None:
    links = repos.links
    await links.link(MOM, "cus_ana", "Ana", "token", MOM)
    await links.deactivate_chat(MOM, "blocked")
    clock.advance(timedelta(days=1))

    assert await links.link(MOM, "cus_ana", "Ana López", "phone", MOM) is True
    (link,) = await links.customers_for_chat(MOM)
    assert link.active and link.how == "phone" and link.customer_name == "Ana López"
    assert link.deactivated_reason is None and link.deactivated_at is None
    assert link.created_at == clock.now
    assert await links.count_for_customer("cus_ana") == (1, 0)


async def test_a_blocked_chat_is_deactivated_with_its_reason(repos: Repositories) -> None:
    await repos.links.link(MOM, "cus_ana", "Ana", "token", MOM)
    await repos.links.link(DAD, "cus_ana", "Ana", "token", DAD)
    assert await repos.links.deactivate_chat(DAD, "blocked") == 1
    assert [lk.chat_id for lk in await repos.links.chats_for_customer("cus_ana")] == [MOM]
    (dad,) = [
        lk
        for lk in await repos.links.chats_for_customer("cus_ana", active_only=False)
        if lk.chat_id == DAD
    ]
    assert dad.deactivated_reason == "blocked"


async def test_an_unknown_kind_is_refused(repos: Repositories) -> None:
    with pytest.raises(ValueError, match="link kind"):
        await repos.links.link(MOM, "cus_ana", "Ana", "magic", MOM)  # type: ignore[arg-type]
    assert await repos.links.customers_for_chat(MOM, active_only=False) == []
