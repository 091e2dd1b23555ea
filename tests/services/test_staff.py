"""StaffService over a real SQLite store: changes audited, a removed member's queue dropped."""

from __future__ import annotations

import pytest

from bot.services.staff import STAFF_REMOVED_REASON, StaffService
from bot.store import Repositories

ADMIN = 1
MEMBER = 77
PARENT = 1001


@pytest.fixture
def staff(repos: Repositories) -> StaffService:
    return StaffService(repos)


async def test_add_makes_a_member_and_is_audited(staff: StaffService, repos: Repositories):
    assert await staff.add(MEMBER, ADMIN) is True

    assert await staff.is_member(MEMBER)
    [member] = await staff.members()
    assert (member.user_id, member.added_by, member.how) == (MEMBER, ADMIN, "command")
    [entry] = await repos.audit.recent()
    assert (entry.actor_id, entry.action, entry.request, entry.outcome) == (
        ADMIN,
        "staff.add",
        {"user_id": MEMBER},
        "ok",
    )


async def test_adding_a_member_again_is_audited_too(staff: StaffService, repos: Repositories):
    await staff.add(MEMBER, ADMIN)

    assert await staff.add(MEMBER, ADMIN) is False

    assert [m.user_id for m in await staff.members()] == [MEMBER]
    assert [e.action for e in await repos.audit.recent()] == ["staff.add", "staff.add"]


async def test_remove_drops_their_queued_messages_only(staff: StaffService, repos: Repositories):
    await staff.add(MEMBER, ADMIN)
    await repos.outbox.enqueue(MEMBER, "a payment of another family", None, "paid:inv_1:77")
    await repos.outbox.enqueue(PARENT, "your receipt", None, "paid:inv_1:1001")

    assert await staff.remove(MEMBER, ADMIN) is True

    assert not await staff.is_member(MEMBER)
    [left] = await repos.outbox.due()
    assert left.chat_id == PARENT
    entry = (await repos.audit.recent())[0]
    assert (entry.action, entry.detail) == ("staff.remove", {"dropped_messages": 1})
    rows = await repos.db.fetchall("SELECT last_error FROM outbox WHERE chat_id = ?", (MEMBER,))
    assert [row["last_error"] for row in rows] == [STAFF_REMOVED_REASON]


async def test_removing_someone_not_staff_changes_nothing(
    staff: StaffService, repos: Repositories
):
    await repos.outbox.enqueue(MEMBER, "kept", None, None)

    assert await staff.remove(MEMBER, ADMIN) is False

    assert len(await repos.outbox.due()) == 1
    assert await repos.audit.recent() == []
