"""Per-chat preferences: the language chosen with /language."""

from __future__ import annotations

from bot.store.db import Database, TableCopy

__all__ = ["PrefsRepo"]


class PrefsRepo:
    """The ``chat_prefs`` table, with an in-memory copy (loaded on first use).

    Every update reads its chat's language (the handler, each reply), and a chat that never
    chose one must not cost a trip to the database to learn so: the table holds only the chats
    that used /language, and this repository is its only writer, so the copy stays exact.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._languages = TableCopy(self._load)

    async def _load(self) -> dict[int, str]:
        rows = await self._db.fetchall("SELECT chat_id, language FROM chat_prefs")
        return {int(row["chat_id"]): str(row["language"]) for row in rows}

    async def get_language(self, chat_id: int) -> str | None:
        """The language chosen in ``chat_id`` (``"es"``/``"en"``), or ``None`` if never chosen."""
        return (await self._languages.get()).get(chat_id)

    async def set_language(self, chat_id: int, lang: str) -> None:
        """Remember ``lang`` for ``chat_id`` (the caller checks it is supported).

        Raises:
            ValueError: ``lang`` is empty.
        """
        if not lang:
            raise ValueError("language must not be empty")
        languages = await self._languages.get()
        await self._db.execute(
            "INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)"
            " ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language",
            (chat_id, lang),
        )
        languages[chat_id] = lang
