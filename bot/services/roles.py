"""Who is asking: an admin (configuration), a staff member, a parent (a linked chat), a stranger.

Read from the configuration and the store on every call (the staff ids from the store's
in-memory copy, kept by its only writer), so a removed staff member or an unlinked parent loses
their rights at once.
"""

from __future__ import annotations

import enum
from collections.abc import Set

from bot.store.links import LinkRepo
from bot.store.staff import StaffRepo

__all__ = ["Role", "Roles"]


class Role(enum.IntEnum):
    """Who is asking; a higher role can do everything a lower one can."""

    STRANGER = 0
    PARENT = 1
    STAFF = 2
    ADMIN = 3


class Roles:
    """Tells the role of a user.

    Args:
        staff: the staff members.
        links: the chat-customer links.
        admin_ids: the admins' Telegram user ids (``BOT_ADMIN_IDS``).
    """

    def __init__(self, staff: StaffRepo, links: LinkRepo, admin_ids: Set[int]) -> None:
        self._staff = staff
        self._links = links
        self._admin_ids = admin_ids

    async def of(self, user_id: int | None, chat_id: int | None = None) -> Role:
        """The role of ``user_id``; PARENT only when ``chat_id`` (their chat) is linked."""
        if user_id is None:
            return Role.STRANGER
        if user_id in self._admin_ids:
            return Role.ADMIN
        if await self._staff.is_staff(user_id):
            return Role.STAFF
        if chat_id is not None and await self._links.customers_for_chat(chat_id):
            return Role.PARENT
        return Role.STRANGER
