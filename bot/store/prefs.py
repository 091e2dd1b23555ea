"""Per-chat preferences: the language chosen with /language."""

from __future__ import annotations

from bot.store.db import Database

__all__ = ["PrefsRepo"]


class PrefsRepo:
    """The ``chat_prefs`` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_language(self, chat_id: int) -> str | None:
        """The language chosen in ``chat_id`` (``"es"``/``"en"``), or ``None`` if never chosen."""
        row = await self._db.fetchone(
            "SELECT language FROM chat_prefs WHERE chat_id = ?", (chat_id,)
        )
        return None if row is None else str(row["language"])

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
