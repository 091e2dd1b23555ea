"""python-telegram-bot persistence over the SQLite key-value table.

Only what the bot needs survives a restart: ConversationHandler states (so a half-done guided
flow continues) and the small ``user_data``/``chat_data`` dicts. ``bot_data`` and callback data
are off: the bot's real data lives in its own tables, and buttons carry compact strings.

Values must be JSON-serialisable (dict keys become strings). Conversation keys (tuples of
ints/strs) are stored as JSON lists, one kv namespace per conversation name. Every ``update_*``
call writes through to SQLite at once, so :meth:`SQLitePersistence.flush` has nothing left to do.

PTB hands over every touched chat's and user's data after each update, changed or not (and an
empty dict for most). What each namespace holds is remembered once it was loaded, so a value
equal to the stored one, or the removal of a key not stored, costs no SQL: for most updates
persistence then writes nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.store import KeyValueRepo, Repositories
from bot.store.db import dump_json

if TYPE_CHECKING:  # PTB's aliases live in a private module; use them for typing only
    from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

__all__ = ["SQLitePersistence"]

USER_DATA_NS = "ptb.user_data"
CHAT_DATA_NS = "ptb.chat_data"
CONVERSATION_NS_PREFIX = "ptb.conversation:"

Data = dict[Any, Any]


def _encode_key(key: ConversationKey) -> str:
    return json.dumps(list(key), separators=(",", ":"))


def _decode_key(text: str) -> ConversationKey:
    return tuple(json.loads(text))


class SQLitePersistence(BasePersistence[Data, Data, Data]):
    """Conversations, ``user_data`` and ``chat_data`` in the ``kv`` table.

    Args:
        repos_or_kv: the bot's :class:`~bot.store.Repositories` or a
            :class:`~bot.store.KeyValueRepo`.
        update_interval: seconds between PTB's persistence runs (small: a crash loses at most
            this much conversation progress).
    """

    def __init__(self, repos_or_kv: Repositories | KeyValueRepo, update_interval: float = 1.0):
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._kv = repos_or_kv.kv if isinstance(repos_or_kv, Repositories) else repos_or_kv
        # namespace -> key -> the JSON text stored, for the namespaces loaded
        self._stored: dict[str, dict[str, str]] = {}

    # -- user_data / chat_data ------------------------------------------------------------

    async def _load(self, namespace: str) -> dict[str, Any]:
        stored = await self._kv.all_in(namespace)
        self._stored[namespace] = {key: dump_json(v, strict=True) for key, v in stored.items()}
        return stored

    async def _write(self, namespace: str, key: str, value: Any | None) -> None:
        """Store ``value`` (``None``: remove the key), unless that is what is stored."""
        known = self._stored.get(namespace)  # None: not loaded, so not known; write
        if value is None:
            if known is not None and key not in known:
                return
            await self._kv.delete(namespace, key)
            if known is not None:
                known.pop(key, None)
            return
        text = dump_json(value, strict=True)
        if known is not None and known.get(key) == text:
            return
        await self._kv.set_json(namespace, key, value)
        if known is not None:
            known[key] = text

    async def _load_ids(self, namespace: str) -> dict[int, Data]:
        return {int(key): dict(value) for key, value in (await self._load(namespace)).items()}

    async def _save(self, namespace: str, id_: int, data: Data) -> None:
        # an empty dict is the same as none; don't keep a row per visitor
        await self._write(namespace, str(id_), data or None)

    async def get_user_data(self) -> dict[int, Data]:
        """Every stored ``user_data`` dict by user id."""
        return await self._load_ids(USER_DATA_NS)

    async def get_chat_data(self) -> dict[int, Data]:
        """Every stored ``chat_data`` dict by chat id."""
        return await self._load_ids(CHAT_DATA_NS)

    async def update_user_data(self, user_id: int, data: Data) -> None:
        """Store ``user_data`` of ``user_id`` (an empty dict removes it)."""
        await self._save(USER_DATA_NS, user_id, data)

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        """Store ``chat_data`` of ``chat_id`` (an empty dict removes it)."""
        await self._save(CHAT_DATA_NS, chat_id, data)

    async def drop_user_data(self, user_id: int) -> None:
        """Forget ``user_data`` of ``user_id``."""
        await self._write(USER_DATA_NS, str(user_id), None)

    async def drop_chat_data(self, chat_id: int) -> None:
        """Forget ``chat_data`` of ``chat_id``."""
        await self._write(CHAT_DATA_NS, str(chat_id), None)

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """Nothing to do: this process is the only writer, its copy is current."""

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        """Nothing to do: this process is the only writer, its copy is current."""

    # -- conversations --------------------------------------------------------------------

    async def get_conversations(self, name: str) -> ConversationDict:
        """The states of conversation handler ``name`` by conversation key."""
        stored = await self._load(CONVERSATION_NS_PREFIX + name)
        return {_decode_key(key): state for key, state in stored.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store the state of one conversation; ``None`` (ended) removes it."""
        await self._write(CONVERSATION_NS_PREFIX + name, _encode_key(key), new_state)

    # -- bot_data and callback_data are not stored ----------------------------------------

    async def get_bot_data(self) -> Data:
        """Not stored: always empty."""
        return {}

    async def update_bot_data(self, data: Data) -> None:
        """Not stored."""

    async def refresh_bot_data(self, bot_data: Data) -> None:
        """Not stored."""

    async def get_callback_data(self) -> CDCData | None:
        """Not stored."""
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        """Not stored."""

    async def flush(self) -> None:
        """Nothing buffered: every update was written when it was made.

        The database itself is closed by the application's ``post_shutdown``, after PTB called
        this.
        """
