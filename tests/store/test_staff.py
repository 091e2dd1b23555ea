"""StaffRepo contract."""

from __future__ import annotations

from datetime import timedelta

from bot.store import Repositories, StaffMember

from .conftest import START, FakeClock


async def test_add_get_list_remove(repos: Repositories, clock: FakeClock) -> None:
    staff = repos.staff
    assert not await staff.is_staff(10)
    assert await staff.get(10) is None

    assert await staff.add(10, 1, "command") is True
    clock.advance(timedelta(minutes=1))
    assert await staff.add(11, None, "invite") is True

    assert await staff.is_staff(10)
    assert await staff.get(10) == StaffMember(10, 1, "command", START)
    assert [m.user_id for m in await staff.list()] == [10, 11]
    member = await staff.get(11)
    assert member is not None and member.added_at.utcoffset() == timedelta(0)

    assert await staff.remove(10) is True
    assert await staff.remove(10) is False
    assert not await staff.is_staff(10)
    assert [m.user_id for m in await staff.list()] == [11]


async def test_adding_twice_keeps_the_first_record(repos: Repositories, clock: FakeClock) -> None:
    assert await repos.staff.add(10, 1, "invite") is True
    clock.advance(timedelta(days=1))
    assert await repos.staff.add(10, 2, "command") is False
    assert await repos.staff.get(10) == StaffMember(10, 1, "invite", START)
