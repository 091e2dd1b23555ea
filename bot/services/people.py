"""People by name: each Telegram user's name and Telegram language, kept from their updates.

Staff see names, not ids (SPEC rule 8): ``/staff list``, the audit lines, the student card.
A pushed message is in the recipient's Telegram language when they never chose one with
/language (rule 9; ``bot.services.languages`` decides, with :meth:`PeopleService.language`).
Every update passes through :meth:`PeopleService.seen`, so it is cheap: a person already known
as they are costs a dictionary lookup, and the table is written only when something changed.

The staff's own news (who joined with an invite, who was added or removed) is told here too,
in each recipient's language, through the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.services.customers import fold
from bot.services.notifications import Notifier
from bot.store.people import PeopleRepo

__all__ = ["PeopleService"]

#: A profile as it was last written: (name, username, language_code).
_Seen = tuple[str, str | None, str | None]

#: The most profiles remembered in memory; past it the memory starts over (a school has a few
#: thousand people: this only bounds a process that runs for years).
MAX_REMEMBERED = 50_000


class PeopleService:
    """Keeps people's names and languages, and tells staff news to the people concerned.

    Args:
        people: the store's profiles.
        notifier: queues the staff news in the outbox.
    """

    def __init__(self, people: PeopleRepo, notifier: Notifier) -> None:
        self._people = people
        self._notifier = notifier
        self._known: dict[int, _Seen] = {}

    async def seen(
        self, user_id: int, name: str, username: str | None, language_code: str | None
    ) -> bool:
        """An update from ``user_id`` showed them so: keep it when it changed.

        Args:
            user_id: the Telegram user.
            name: their display name (first and last name, else ``@username``).
            username: their username without ``@``, if any.
            language_code: Telegram's ``language_code`` of the update, if any.

        Returns:
            True when the profile was written (new or changed).

        An update without a ``language_code`` (Telegram leaves it out of some) keeps the one
        known: it says nothing about the user's language.
        """
        known = self._known.get(user_id)
        if known is None:  # first seen since the bot started: one trip writes it if it changed
            return await self._first_seen(user_id, name, username, language_code)
        if language_code is None:
            language_code = known[2]
        now: _Seen = (name, username, language_code)
        changed = now != known
        if changed:
            await self._people.save(user_id, *now)
        self._remember(user_id, now)
        return changed

    async def _first_seen(
        self, user_id: int, name: str, username: str | None, language_code: str | None
    ) -> bool:
        written = await self._people.keep(user_id, name, username, language_code)
        if written is not None:
            self._remember(user_id, (written.name, written.username, written.language_code))
            return True
        if language_code is None:  # unchanged, and the stored language is still to be read
            stored = await self._people.get(user_id)
            language_code = None if stored is None else stored.language_code
        self._remember(user_id, (name, username, language_code))
        return False

    def _remember(self, user_id: int, seen: _Seen) -> None:
        if len(self._known) >= MAX_REMEMBERED:
            self._known.clear()
        self._known[user_id] = seen

    async def names(self, user_ids: Iterable[int]) -> dict[int, str]:
        """The names of ``user_ids``; one the bot never saw is left out (show its id)."""
        return await self._people.names(user_ids)

    async def named(self, user_ids: Iterable[int], query: str) -> list[int]:
        """Those of ``user_ids`` whose name contains ``query``, accents and case aside; a whole
        name matched exactly wins over names that merely contain it."""
        wanted = fold(query.strip().lstrip("@"))
        if not wanted:
            return []
        names = await self._people.names(user_ids)
        exact = [uid for uid, name in names.items() if fold(name.lstrip("@")) == wanted]
        if exact:
            return sorted(exact)
        return sorted(uid for uid, name in names.items() if wanted in fold(name))

    async def name(self, user_id: int) -> str | None:
        """The name of ``user_id``, or None when the bot never saw them."""
        return (await self._people.names([user_id])).get(user_id)

    async def language(self, user_id: int) -> str | None:
        """Telegram's ``language_code`` of the last update from ``user_id`` (None: unknown)."""
        known = self._known.get(user_id)
        if known is not None:
            return known[2]
        person = await self._people.get(user_id)
        return None if person is None else person.language_code

    # -- staff news --------------------------------------------------------------------------

    async def staff_joined(self, admin_id: int, user_id: int, name: str) -> None:
        """Tell the admin who made a staff invite that ``name`` used it and is staff now."""
        await self._notifier.to_user(
            admin_id, "people.staff_joined", dedupe_key=f"staff-joined:{user_id}", name=name
        )

    async def staff_added(self, user_id: int) -> None:
        """Tell ``user_id`` an admin made them staff (in their own language)."""
        await self._notifier.to_user(user_id, "people.you_were_added", dedupe_key=None)

    async def staff_removed(self, user_id: int) -> None:
        """Tell ``user_id`` they are no longer staff (in their own language)."""
        await self._notifier.to_user(user_id, "people.you_were_removed", dedupe_key=None)
