"""Staff members: an admin adds and removes them; every change is audited.

The twin of unlinking a parent (``bot.services.linking``): a removed member's queued messages
(staff notices about other families' payments) are dropped, so they never go out. Admins are
configuration (``BOT_ADMIN_IDS``), not members here.
"""

from __future__ import annotations

from typing import Protocol

from bot.store.audit import AuditRepo
from bot.store.outbox import OutboxRepo
from bot.store.staff import StaffMember, StaffRepo

__all__ = ["STAFF_REMOVED_REASON", "StaffMember", "StaffRepos", "StaffService"]

#: The error recorded on the queued messages of a staff member who was removed.
STAFF_REMOVED_REASON = "staff removed"


class StaffRepos(Protocol):
    """The repositories the staff service uses (``bot.store.Repositories`` has them)."""

    @property
    def staff(self) -> StaffRepo:
        """Staff members."""
        ...

    @property
    def audit(self) -> AuditRepo:
        """The audit log (who added or removed whom)."""
        ...

    @property
    def outbox(self) -> OutboxRepo:
        """Queued messages (dropped for a member who is removed)."""
        ...


class StaffService:
    """Adds, removes and lists staff members.

    Args:
        repos: the store's repositories (``staff``, ``audit``, ``outbox``).
    """

    def __init__(self, repos: StaffRepos) -> None:
        self._repos = repos

    async def add(self, user_id: int, admin_id: int) -> bool:
        """Make ``user_id`` staff on an admin's command (audited, even when already staff).

        Returns:
            True when added, False when they already were staff.
        """
        added = await self._repos.staff.add(user_id, admin_id, "command")
        await self._repos.audit.record(admin_id, "staff.add", {"user_id": user_id}, "ok", {})
        return added

    async def remove(self, user_id: int, admin_id: int) -> bool:
        """Remove ``user_id`` from staff and drop what is still queued for them (audited).

        Returns:
            True when removed, False when they were not staff (nothing is recorded).
        """
        if not await self._repos.staff.remove(user_id):
            return False
        dropped = await self._repos.outbox.drop_unsent_for_chat(user_id, STAFF_REMOVED_REASON)
        await self._repos.audit.record(
            admin_id, "staff.remove", {"user_id": user_id}, "ok", {"dropped_messages": dropped}
        )
        return True

    async def is_member(self, user_id: int) -> bool:
        """True when ``user_id`` is a staff member (admins are not members)."""
        return await self._repos.staff.is_staff(user_id)

    async def members(self) -> list[StaffMember]:
        """Every staff member, oldest first."""
        return await self._repos.staff.list()
