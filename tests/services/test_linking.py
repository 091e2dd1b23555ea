"""LinkingService over a real SQLite store and an in-memory Quentli."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.quentli.errors import QuentliTimeoutError
from bot.services.linking import (
    DEFAULT_INVITE_TTL,
    InviteExpired,
    InviteUnknown,
    InviteUsed,
    LinkingService,
    NotOwnContact,
    ParentLinked,
    StaffAdded,
)
from bot.store import Database, Repositories
from tests.services.fakes import FakeQuentli, customer

CHAT = 1001
PARENT = 1001  # a private chat's id is the user's id
OTHER_PARENT = 2002
STAFF = 77
ADMIN = 1

ANA = customer("cus_ana", "Ana García", "A-1", "+525512345678")
LUIS = customer("cus_luis", "Luis García", "A-2", "+5215512345678")  # same phone, old form
SOFIA = customer("cus_sofia", "Sofía Pérez", "A-3", "+523312345678")
GONE = customer("cus_gone", "Mario García", "A-4", "+525512345678", archived=True)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 2, 1, 12, 0, tzinfo=UTC))


@pytest.fixture
async def repos(tmp_path: Path, clock: Clock) -> AsyncIterator[Repositories]:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        yield Repositories.build(db, now=clock)
    finally:
        await db.close()


@pytest.fixture
def quentli() -> FakeQuentli:
    return FakeQuentli([ANA, LUIS, SOFIA, GONE])


@pytest.fixture
def linking(repos: Repositories, quentli: FakeQuentli) -> LinkingService:
    return LinkingService(repos, quentli)


def test_default_ttl_is_seven_days(linking: LinkingService) -> None:
    assert timedelta(days=7) == DEFAULT_INVITE_TTL
    assert linking.invite_ttl == timedelta(days=7)


async def test_parent_invite_links_the_chat(
    linking: LinkingService, repos: Repositories, quentli: FakeQuentli
) -> None:
    token = await linking.create_parent_invite(SOFIA, STAFF)
    assert len(token) == 32
    result = await linking.redeem(token, CHAT, PARENT)
    assert isinstance(result, ParentLinked)
    assert result.newly_linked is True
    assert result.customer_names == ["Sofía Pérez"]
    [link] = result.links
    assert (link.chat_id, link.customer_id, link.how, link.by_user_id) == (
        CHAT,
        "cus_sofia",
        "token",
        PARENT,
    )
    assert await repos.links.is_linked(CHAT, "cus_sofia")
    # one read: the family must still exist in Quentli, unarchived (a stale invite links nobody)
    assert quentli.calls == [("get", "cus_sofia")]


async def test_an_invite_works_once(linking: LinkingService, repos: Repositories) -> None:
    token = await linking.create_parent_invite(SOFIA, STAFF)
    await linking.redeem(token, CHAT, PARENT)
    with pytest.raises(InviteUsed):
        await linking.redeem(token, OTHER_PARENT, OTHER_PARENT)
    assert not await repos.links.is_linked(OTHER_PARENT, "cus_sofia")


async def test_an_expired_invite_is_refused(
    linking: LinkingService, repos: Repositories, clock: Clock
) -> None:
    token = await linking.create_parent_invite(SOFIA, STAFF)
    clock.now += timedelta(days=7, seconds=1)
    with pytest.raises(InviteExpired):
        await linking.redeem(token, CHAT, PARENT)
    assert not await repos.links.customers_for_chat(CHAT)


async def test_an_invite_is_still_good_just_before_it_expires(
    linking: LinkingService, clock: Clock
) -> None:
    token = await linking.create_parent_invite(SOFIA, STAFF)
    clock.now += timedelta(days=7) - timedelta(seconds=1)
    assert isinstance(await linking.redeem(token, CHAT, PARENT), ParentLinked)


async def test_a_custom_ttl(repos: Repositories, quentli: FakeQuentli, clock: Clock) -> None:
    service = LinkingService(repos, quentli, invite_ttl=timedelta(hours=1))
    token = await service.create_parent_invite(SOFIA, STAFF)
    clock.now += timedelta(hours=2)
    with pytest.raises(InviteExpired):
        await service.redeem(token, CHAT, PARENT)


@pytest.mark.parametrize("token", ["nope", "A" * 32, "", "x" * 64])
async def test_an_unknown_token_is_refused(linking: LinkingService, token: str) -> None:
    with pytest.raises(InviteUnknown):
        await linking.redeem(token, CHAT, PARENT)


async def test_an_already_linked_chat_is_told_so(linking: LinkingService) -> None:
    first = await linking.create_parent_invite(SOFIA, STAFF)
    second = await linking.create_parent_invite(SOFIA, STAFF)
    await linking.redeem(first, CHAT, PARENT)
    result = await linking.redeem(second, CHAT, PARENT)
    assert isinstance(result, ParentLinked)
    assert result.newly_linked is False
    assert result.customer_names == ["Sofía Pérez"]


async def test_siblings_and_both_parents(linking: LinkingService, repos: Repositories) -> None:
    for who, chat in ((SOFIA, CHAT), (ANA, CHAT), (SOFIA, OTHER_PARENT)):
        await linking.redeem(await linking.create_parent_invite(who, STAFF), chat, chat)
    assert {link.customer_id for link in await repos.links.customers_for_chat(CHAT)} == {
        "cus_sofia",
        "cus_ana",
    }
    assert await repos.links.count_for_customer("cus_sofia") == (2, 0)


async def test_staff_invite_adds_staff(linking: LinkingService, repos: Repositories) -> None:
    token = await linking.create_staff_invite(ADMIN)
    result = await linking.redeem(token, STAFF, STAFF)
    assert result == StaffAdded(user_id=STAFF, added_by=ADMIN, already_staff=False)
    member = await repos.staff.get(STAFF)
    assert member is not None
    assert (member.added_by, member.how) == (ADMIN, "invite")
    assert not await repos.links.customers_for_chat(STAFF)


async def test_staff_invite_for_someone_already_staff(
    linking: LinkingService, repos: Repositories
) -> None:
    await repos.staff.add(STAFF, ADMIN, "command")
    result = await linking.redeem(await linking.create_staff_invite(ADMIN), STAFF, STAFF)
    assert result == StaffAdded(user_id=STAFF, added_by=ADMIN, already_staff=True)


async def test_staff_invite_works_once(linking: LinkingService, repos: Repositories) -> None:
    token = await linking.create_staff_invite(ADMIN)
    await linking.redeem(token, STAFF, STAFF)
    with pytest.raises(InviteUsed):
        await linking.redeem(token, 555, 555)
    assert not await repos.staff.is_staff(555)


async def test_phone_links_every_customer_with_that_number(
    linking: LinkingService, repos: Repositories, quentli: FakeQuentli
) -> None:
    linked = await linking.link_by_phone(CHAT, PARENT, PARENT, "5215512345678")
    assert [c.id for c in linked] == ["cus_ana", "cus_luis"]  # not the archived one
    links = await repos.links.customers_for_chat(CHAT)
    assert {(link.customer_id, link.how) for link in links} == {
        ("cus_ana", "phone"),
        ("cus_luis", "phone"),
    }
    assert quentli.calls == [
        ("list", {"phoneNumber": "+525512345678"}),
        ("list", {"phoneNumber": "+5215512345678"}),
    ]


async def test_sharing_twice_changes_nothing(linking: LinkingService, repos: Repositories) -> None:
    await linking.link_by_phone(CHAT, PARENT, PARENT, "+52 55 1234 5678")
    again = await linking.link_by_phone(CHAT, PARENT, PARENT, "+52 55 1234 5678")
    assert [c.id for c in again] == ["cus_ana", "cus_luis"]
    assert len(await repos.links.customers_for_chat(CHAT, active_only=False)) == 2


async def test_phone_without_customers_links_nothing(
    linking: LinkingService, repos: Repositories
) -> None:
    assert await linking.link_by_phone(CHAT, PARENT, PARENT, "+52 81 1234 5678") == []
    assert await repos.links.customers_for_chat(CHAT) == []


@pytest.mark.parametrize("contact_user_id", [OTHER_PARENT, None])
async def test_someone_elses_contact_is_refused(
    linking: LinkingService, repos: Repositories, quentli: FakeQuentli, contact_user_id: int | None
) -> None:
    with pytest.raises(NotOwnContact):
        await linking.link_by_phone(CHAT, PARENT, contact_user_id, "+525512345678")
    assert quentli.calls == []
    assert await repos.links.customers_for_chat(CHAT) == []


async def test_an_unreadable_number_links_nothing(
    linking: LinkingService, quentli: FakeQuentli
) -> None:
    assert await linking.link_by_phone(CHAT, PARENT, PARENT, "12") == []
    assert quentli.calls == []


async def test_a_server_that_ignores_the_filter_links_no_stranger(
    linking: LinkingService, repos: Repositories, quentli: FakeQuentli
) -> None:
    quentli.ignore_filters = True
    linked = await linking.link_by_phone(CHAT, PARENT, PARENT, "+523312345678")
    assert [c.id for c in linked] == ["cus_sofia"]
    assert [link.customer_id for link in await repos.links.customers_for_chat(CHAT)] == [
        "cus_sofia"
    ]


async def test_quentli_down_links_nothing(
    linking: LinkingService, repos: Repositories, quentli: FakeQuentli
) -> None:
    quentli.fail = QuentliTimeoutError("read timeout")
    with pytest.raises(QuentliTimeoutError):
        await linking.link_by_phone(CHAT, PARENT, PARENT, "+525512345678")
    assert await repos.links.customers_for_chat(CHAT) == []


async def test_unlink(linking: LinkingService, repos: Repositories) -> None:
    await linking.link_by_phone(CHAT, PARENT, PARENT, "+525512345678")
    assert await linking.unlink(CHAT) == 2
    assert await repos.links.customers_for_chat(CHAT) == []
    assert await linking.unlink(CHAT) == 0
    # Linking again later works (the links are reactivated).
    assert len(await linking.link_by_phone(CHAT, PARENT, PARENT, "+525512345678")) == 2
    assert len(await repos.links.customers_for_chat(CHAT)) == 2
