"""SQLitePersistence: the BasePersistence contract, and a real Application across a restart."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BasePersistence,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PersistenceInput,
    filters,
)
from telegram.request import BaseRequest

from bot.ptb.persistence import SQLitePersistence
from bot.store import Database, KeyValueRepo, Repositories


@pytest.fixture
async def persistence(db: Database) -> SQLitePersistence:
    return SQLitePersistence(Repositories.build(db))


def test_every_abstract_method_is_implemented() -> None:
    abstract: frozenset[str] = BasePersistence.__abstractmethods__
    assert abstract  # guard: PTB still declares them
    assert not SQLitePersistence.__abstractmethods__
    for name in abstract:
        assert name in SQLitePersistence.__dict__, name


async def test_what_is_stored(persistence: SQLitePersistence) -> None:
    assert persistence.store_data == PersistenceInput(
        bot_data=False, chat_data=True, user_data=True, callback_data=False
    )
    assert persistence.update_interval <= 5
    assert await persistence.get_bot_data() == {}
    assert await persistence.get_callback_data() is None
    await persistence.update_bot_data({"ignored": 1})
    assert await persistence.get_bot_data() == {}


async def test_a_conversation_survives_a_restart(db_path: Path) -> None:
    db = await Database.open(db_path)
    first = SQLitePersistence(Repositories.build(db))
    await first.update_conversation("invoice", (100, 100), 2)
    await first.update_conversation("invoice", (-500, "x"), "ASK_AMOUNT")
    await first.update_conversation("invoice", (7, 7), 1)
    await first.update_conversation("invoice", (7, 7), None)  # ended
    await first.update_conversation("checkout", (100, 100), 5)
    await first.flush()
    await db.close()

    db = await Database.open(db_path)
    try:
        second = SQLitePersistence(KeyValueRepo(db))
        assert await second.get_conversations("invoice") == {
            (100, 100): 2,
            (-500, "x"): "ASK_AMOUNT",
        }
        assert await second.get_conversations("checkout") == {(100, 100): 5}
        assert await second.get_conversations("never-used") == {}
    finally:
        await db.close()


async def test_user_and_chat_data(persistence: SQLitePersistence) -> None:
    await persistence.update_user_data(1, {"draft": {"amount": 150000}})
    await persistence.update_user_data(2, {"lang": "en"})
    await persistence.update_chat_data(-100, {"k": [1, 2]})
    assert await persistence.get_user_data() == {
        1: {"draft": {"amount": 150000}},
        2: {"lang": "en"},
    }
    assert await persistence.get_chat_data() == {-100: {"k": [1, 2]}}

    await persistence.update_user_data(2, {})  # emptied: no row kept
    await persistence.drop_user_data(1)
    await persistence.drop_chat_data(-100)
    await persistence.refresh_user_data(1, {})
    await persistence.refresh_chat_data(-100, {})
    assert await persistence.get_user_data() == {}
    assert await persistence.get_chat_data() == {}


async def test_values_must_be_json(persistence: SQLitePersistence) -> None:
    with pytest.raises(TypeError):
        await persistence.update_user_data(1, {"when": datetime(2025, 1, 1, tzinfo=UTC)})


# --- a real Application, offline -------------------------------------------------------------

BOT_USER = {"id": 999, "is_bot": True, "first_name": "Quentli", "username": "quentli_test_bot"}
ASK_NAME = 1


class OfflineRequest(BaseRequest):
    """Answers getMe and accepts everything else without any network."""

    def __init__(self) -> None:
        self.methods: list[str] = []

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        self.methods.append(endpoint)
        result: Any = BOT_USER if endpoint == "getMe" else True
        return 200, json.dumps({"ok": True, "result": result}).encode()


def message_update(update_id: int, text: str) -> dict[str, Any]:
    user = {"id": 42, "is_bot": False, "first_name": "Ana", "language_code": "es"}
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 1738411200,
        "chat": {"id": 42, "type": "private", "first_name": "Ana"},
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


class Recorder:
    def __init__(self) -> None:
        self.names: list[str] = []

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """Entry: remember a draft and ask for a name."""
        assert context.user_data is not None
        context.user_data["draft"] = {"step": "name"}
        return ASK_NAME

    async def got_name(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """The name arrives: record it with the draft restored from SQLite, end."""
        assert update.message is not None and update.message.text is not None
        assert context.user_data is not None
        self.names.append(f"{update.message.text}:{context.user_data.get('draft')}")
        context.user_data.clear()
        return ConversationHandler.END


@pytest.fixture
async def app_factory(db_path: Path) -> AsyncIterator[Any]:
    opened: list[Database] = []

    async def build(recorder: Recorder) -> Application[Any, Any, Any, Any, Any, Any]:
        db = await Database.open(db_path)
        opened.append(db)
        app = (
            ApplicationBuilder()
            .token("123456:TEST-token")
            .request(OfflineRequest())
            .get_updates_request(OfflineRequest())
            .updater(None)
            .job_queue(None)
            .persistence(SQLitePersistence(Repositories.build(db), update_interval=0.5))
            .build()
        )
        app.add_handler(
            ConversationHandler(
                entry_points=[CommandHandler("start", recorder.start)],
                states={
                    ASK_NAME: [MessageHandler(filters.TEXT & ~filters.COMMAND, recorder.got_name)]
                },
                fallbacks=[],
                name="naming",
                persistent=True,
            )
        )
        return app

    yield build
    for db in opened:
        await db.close()


async def test_an_application_resumes_a_conversation_after_restart(
    app_factory: Any,
) -> None:
    before = Recorder()
    app = await app_factory(before)
    async with app:
        await app.process_update(Update.de_json(message_update(1, "/start"), app.bot))
        await app.update_persistence()
    assert before.names == []

    after = Recorder()
    app = await app_factory(after)
    async with app:
        await app.process_update(Update.de_json(message_update(2, "Ana"), app.bot))
        await app.update_persistence()
    # the text reached the conversation's second state, with user_data restored
    assert after.names == ["Ana:{'step': 'name'}"]

    third = Recorder()
    app = await app_factory(third)
    async with app:
        # the conversation ended and user_data was cleared: plain text is ignored now
        await app.process_update(Update.de_json(message_update(3, "Beto"), app.bot))
        assert app.user_data.get(42, {}) == {}
    assert third.names == []


class _CountingKv(KeyValueRepo):
    """A KeyValueRepo that counts the writes that reach SQL."""

    writes = 0

    async def set_json(self, namespace: str, key: str, value: Any) -> None:
        self.writes += 1
        await super().set_json(namespace, key, value)

    async def delete(self, namespace: str, key: str) -> bool:
        self.writes += 1
        return await super().delete(namespace, key)


async def test_unchanged_data_and_absent_keys_cost_no_write(db: Database) -> None:
    kv = _CountingKv(db)
    first = SQLitePersistence(kv)
    assert await first.get_user_data() == {} and await first.get_conversations("flow") == {}
    await first.update_user_data(1, {})  # a visitor's empty data: nothing stored, nothing to do
    await first.drop_user_data(2)
    await first.update_conversation("flow", (1, 1), None)
    assert kv.writes == 0
    await first.update_user_data(1, {"draft": "x"})
    await first.update_user_data(1, {"draft": "x"})
    await first.update_conversation("flow", (1, 1), 2)
    await first.update_conversation("flow", (1, 1), 2)
    assert kv.writes == 2
    second = SQLitePersistence(kv)  # a restart: what is stored is known again
    assert await second.get_user_data() == {1: {"draft": "x"}}
    assert await second.get_conversations("flow") == {(1, 1): 2}
    await second.update_user_data(1, {"draft": "x"})
    await second.update_user_data(1, {})
    await second.update_conversation("flow", (1, 1), None)
    assert kv.writes == 4
    assert await SQLitePersistence(kv).get_user_data() == {}
    assert await SQLitePersistence(kv).get_conversations("flow") == {}
