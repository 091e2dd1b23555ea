"""Everything the fake remembers: users, chats, messages, the update queue and the call log."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from .models import (
    ApiCall,
    BotApiError,
    CallbackAnswer,
    MyCommandsCall,
    SentMessage,
    WebhookDelivery,
    bad_request,
)
from .ratelimit import RateLimiter


@dataclass
class _Failure:
    method: str
    error: BotApiError
    remaining: int


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None = None
    mime_type: str | None = None
    #: ``photo`` for a user's photo: Telegram re-sends it only with sendPhoto.
    kind: str = "document"

    @property
    def file_path(self) -> str:
        return f"files/{self.file_unique_id}/{self.file_name or 'file'}"


class TelegramState:
    """Shared state behind the HTTP routes and the harness; single event loop, no locks."""

    def __init__(self, token: str, bot_username: str) -> None:
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Quentli Test Bot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, dict[str, Any]] = {}
        self.started: set[int] = set()
        self.blocked: set[int] = set()
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.deleted: set[tuple[int, int]] = set()
        self.bot_log: dict[int, list[SentMessage]] = {}
        self._message_ids: dict[int, itertools.count[int]] = {}
        self.files: dict[str, StoredFile] = {}
        self._file_ids = itertools.count(1)
        # Updates stay queued until the bot confirms them (offset) or a webhook POST succeeds.
        self.updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(100001)
        self.last_update_id = 100000
        self.delivered_up_to = 100000
        self.allowed_updates: list[str] = []
        self.poll_generation = 0
        self.callback_queries: dict[str, int] = {}
        self.answered_queries: set[str] = set()
        self.callback_answers: list[CallbackAnswer] = []
        self.query_ids = itertools.count(7000001)
        self.cursors: dict[int, int] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        # the bot's profile texts by language_code ("" for the default)
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.commands_calls: list[MyCommandsCall] = []
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.webhook: dict[str, Any] | None = None
        self.webhook_target: tuple[str, str | None] | None = None
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.webhook_last_error: tuple[int, str] | None = None
        self.calls: list[ApiCall] = []
        self.failures: list[_Failure] = []
        self.enforce_rate_limits = False
        self.limiter = RateLimiter()
        self.closing = False
        self.last_activity = time.monotonic()
        self.inflight = 0
        self._changed = asyncio.Event()

    # -- change notification (sync-safe: no lock needed to wake waiters) ------------------------
    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_change(self, timeout: float) -> None:
        event = self._changed
        try:
            await asyncio.wait_for(event.wait(), timeout=max(0.0, timeout))
        except TimeoutError:
            return

    # -- chats and messages ----------------------------------------------------------------------
    def next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def chat_for(self, raw_chat_id: Any, *, sending: bool = True) -> dict[str, Any]:
        """Resolve chat_id as Telegram does: 400 unknown, 403 blocked / never started."""
        if raw_chat_id in (None, ""):
            raise bad_request("chat_id is empty")
        chat = self._lookup_chat(raw_chat_id)
        if chat is None:
            raise bad_request("chat not found")
        chat_id = chat["id"]
        if sending and chat_id in self.blocked:
            if chat["type"] == "private":
                raise BotApiError(403, "Forbidden: bot was blocked by the user")
            raise BotApiError(403, "Forbidden: bot was kicked from the group chat")
        if sending and chat["type"] == "private" and chat_id not in self.started:
            raise BotApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat

    def _lookup_chat(self, raw: Any) -> dict[str, Any] | None:
        text = str(raw).strip()
        if text.startswith("@"):
            for chat in self.chats.values():
                if chat.get("username", "").lower() == text[1:].lower():
                    return chat
            return None
        try:
            chat_id = int(text)
        except ValueError:
            return None
        if chat_id in self.chats:
            return self.chats[chat_id]
        if chat_id in self.users:
            user = self.users[chat_id]
            return self.chats.setdefault(chat_id, private_chat_json(user))
        return None

    def record_bot_message(
        self, message: dict[str, Any], method: str, *, params: dict[str, Any], edited: bool = False
    ) -> SentMessage:
        chat_id = message["chat"]["id"]
        self.messages[(chat_id, message["message_id"])] = message
        stored = self.files.get(_file_id_of(message) or "")
        text, parse_mode = params.get("text", params.get("caption")), params.get("parse_mode")
        if text is None and edited:
            # editMessageReplyMarkup keeps the text: carry the last known source text over.
            previous = self.last_entry(chat_id, message["message_id"])
            if previous is not None:
                text, parse_mode = previous.text, previous.parse_mode
        entry = SentMessage(
            message_id=message["message_id"],
            chat_id=chat_id,
            text=text,
            parse_mode=parse_mode,
            reply_markup=message.get("reply_markup"),
            method=method,
            photo="photo" in message,
            edited=edited,
            plain_text=message.get("text", message.get("caption")),
            entities=tuple(message.get("entities", message.get("caption_entities", []))),
            document=message.get("document"),
            file=stored.content if stored else None,
            message=message,
        )
        self.bot_log.setdefault(chat_id, []).append(entry)
        return entry

    def last_entry(self, chat_id: int, message_id: int) -> SentMessage | None:
        for entry in reversed(self.bot_log.get(chat_id, [])):
            if entry.message_id == message_id:
                return entry
        return None

    def bot_message_for_edit(self, chat_id: int, message_id: Any, missing: str) -> dict[str, Any]:
        if message_id in (None, ""):
            raise bad_request("message identifier is not specified")
        message = self.messages.get((chat_id, int(message_id)))
        if message is None:
            raise bad_request(missing)
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        return message

    def store_file(
        self,
        content: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        kind: str = "document",
    ) -> StoredFile:
        number = next(self._file_ids)
        stored = StoredFile(
            file_id=f"FAKEFILE{number:06d}{'x' * 20}",
            file_unique_id=f"U{number:06d}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
            kind=kind,
        )
        self.files[stored.file_id] = stored
        return stored

    # -- updates ---------------------------------------------------------------------------------
    def enqueue(self, body: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self.last_update_id = update_id
        self.updates.append({"update_id": update_id, **body})
        self.notify()
        return update_id

    def confirm_below(self, offset: int) -> None:
        self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def mark_delivered(self, update_id: int) -> None:
        self.delivered_up_to = max(self.delivered_up_to, update_id)
        # The bot starts working on what it just received: that counts as activity for settle().
        self.last_activity = time.monotonic()
        self.notify()

    # -- failure injection and flood control ------------------------------------------------------
    def add_failure(self, method: str, error: BotApiError, count: int) -> None:
        self.failures.append(_Failure(method, error, count))

    def take_failure(self, method: str) -> BotApiError | None:
        for failure in self.failures:
            if failure.method in (method, "*"):
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self.failures.remove(failure)
                return failure.error
        return None

    def check_flood(self, chat: dict[str, Any]) -> None:
        if not self.enforce_rate_limits:
            return
        retry_after = self.limiter.check(chat["id"], chat["type"] == "private")
        if retry_after is not None:
            raise BotApiError(
                429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
            )

    # -- commands ---------------------------------------------------------------------------------
    @staticmethod
    def scope_key(scope: dict[str, Any]) -> str:
        return json.dumps(scope, sort_keys=True)


def private_chat_json(user: dict[str, Any]) -> dict[str, Any]:
    chat: dict[str, Any] = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    for key in ("last_name", "username"):
        if user.get(key):
            chat[key] = user[key]
    return chat


def _file_id_of(message: dict[str, Any]) -> str | None:
    if "photo" in message:
        return str(message["photo"][-1]["file_id"])
    if "document" in message:
        return str(message["document"]["file_id"])
    return None
