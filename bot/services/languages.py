"""The language of each chat: what it chose with /language, else its Telegram language, else the
bot's (SPEC rule 9). Replies and pushed messages alike are written in it."""

from __future__ import annotations

from collections.abc import Callable

from bot.store.people import PeopleRepo
from bot.store.prefs import PrefsRepo

__all__ = ["LanguagePicker", "LanguagePrefs"]

LanguagePicker = Callable[[str | None, str | None, str], str]
"""``(chosen, telegram_code, default) -> language``: the rule, which the texts own
(``bot.texts.pick_language``: they know which languages exist)."""


def _chosen_or_default(chosen: str | None, telegram_code: str | None, default: str) -> str:
    return chosen or default


class LanguagePrefs:
    """Each chat's chosen language, and the language a message to a chat is written in.

    Args:
        prefs: the store's per-chat preferences.
        people: the store's profiles (Telegram's language of each user's last update).
        default: ``BOT_LANGUAGE``.
        pick: the rule; without it, the chosen language else ``default``.
    """

    def __init__(
        self,
        prefs: PrefsRepo,
        people: PeopleRepo | None = None,
        *,
        default: str = "es",
        pick: LanguagePicker = _chosen_or_default,
    ) -> None:
        self._prefs = prefs
        self._people = people
        self._default = default
        self._pick = pick

    async def chosen(self, chat_id: int) -> str | None:
        """The language ``chat_id`` chose (``"es"``/``"en"``), or None if it never chose."""
        return await self._prefs.get_language(chat_id)

    async def choose(self, chat_id: int, lang: str) -> None:
        """Remember ``lang`` for ``chat_id`` (the caller checks it is supported)."""
        await self._prefs.set_language(chat_id, lang)

    async def for_chat(self, chat_id: int) -> str:
        """The language of a message to ``chat_id`` that answers no update of theirs (a
        receipt, a reminder): its /language choice, else the Telegram language of its last
        update (a private chat's id is its user's), else ``BOT_LANGUAGE``."""
        chosen = await self.chosen(chat_id)
        telegram_code = None
        if chosen is None and self._people is not None:
            person = await self._people.get(chat_id)
            telegram_code = person.language_code if person is not None else None
        return self._pick(chosen, telegram_code, self._default)
