"""Per-chat preferences: the language chosen with /language."""

from __future__ import annotations

from bot.store.db import Database

__all__ = ["PrefsRepo"]


#: Chats whose language is remembered in memory (about 100 bytes each).
CACHED_CHATS = 10_000


class PrefsRepo:
    """The ``chat_prefs`` table.

    Every update reads its chat's language several times (the presence check, the handler,
    each reply), so the answers are remembered: this repository is the table's only writer.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._languages: dict[int, str | None] = {}

    async def get_language(self, chat_id: int) -> str | None:
        """The language chosen in ``chat_id`` (``"es"``/``"en"``), or ``None`` if never chosen."""
        if chat_id in self._languages:
            return self._languages[chat_id]
        row = await self._db.fetchone(
            "SELECT language FROM chat_prefs WHERE chat_id = ?", (chat_id,)
        )
        lang = None if row is None else str(row["language"])
        self._remember(chat_id, lang)
        return lang

    def _remember(self, chat_id: int, lang: str | None) -> None:
        if len(self._languages) >= CACHED_CHATS:
            del self._languages[next(iter(self._languages))]  # the oldest remembered
        self._languages[chat_id] = lang

    async def set_language(self, chat_id: int, lang: str) -> None:
        """Remember ``lang`` for ``chat_id`` (the caller checks it is supported).

        Raises:
            ValueError: ``lang`` is empty.
        """
        if not lang:
            raise ValueError("language must not be empty")
        await self._db.execute(
            "INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)"
            " ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language",
            (chat_id, lang),
        )
        self._languages.pop(chat_id, None)
        self._remember(chat_id, lang)
