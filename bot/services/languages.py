"""The language each chat chose with /language (the Telegram layer picks the texts with it)."""

from __future__ import annotations

from bot.store.prefs import PrefsRepo

__all__ = ["LanguagePrefs"]


class LanguagePrefs:
    """Each chat's chosen language.

    Args:
        prefs: the store's per-chat preferences.
    """

    def __init__(self, prefs: PrefsRepo) -> None:
        self._prefs = prefs

    async def chosen(self, chat_id: int) -> str | None:
        """The language ``chat_id`` chose (``"es"``/``"en"``), or None if it never chose."""
        return await self._prefs.get_language(chat_id)

    async def choose(self, chat_id: int, lang: str) -> None:
        """Remember ``lang`` for ``chat_id`` (the caller checks it is supported)."""
        await self._prefs.set_language(chat_id, lang)
