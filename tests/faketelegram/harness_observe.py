"""Harness, part 2: what the bot did (calls, messages, answers, menus) and waiting for it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from .models import (
    ApiCall,
    Button,
    CallbackAnswer,
    MyCommandsCall,
    SentMessage,
    WebhookDelivery,
    inline_buttons,
)
from .state import TelegramState

T = TypeVar("T")


class Observations:
    """Reading and waiting: mixed into FakeTelegram via Harness."""

    state: TelegramState

    # -- reading what the bot did ----------------------------------------------------------------
    @property
    def calls(self) -> list[ApiCall]:
        return self.state.calls

    def calls_to(self, method: str) -> list[ApiCall]:
        return [call for call in self.state.calls if call.method == method]

    @property
    def failed_calls(self) -> list[ApiCall]:
        """Calls answered with an error (useful for ``assert not fake.failed_calls``)."""
        return [call for call in self.state.calls if call.status != 200]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        return self.state.callback_answers

    def callback_answer(self, update_id: int) -> CallbackAnswer | None:
        """The answer given to the button press queued as ``update_id``."""
        for answer in self.state.callback_answers:
            if answer.update_id == update_id:
                return answer
        return None

    @property
    def set_my_commands_calls(self) -> list[MyCommandsCall]:
        return self.state.commands_calls

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        """The command menu currently set for exactly this scope and language."""
        key = self.state.scope_key(scope or {"type": "default"})
        return self.state.commands.get((key, language_code), [])

    @property
    def webhook(self) -> dict[str, Any] | None:
        """What the bot passed to setWebhook (url, secret_token, ...), or None."""
        return self.state.webhook

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        return self.state.webhook_deliveries

    def bot_messages(self, chat_id: int) -> list[SentMessage]:
        """Every send and edit in the chat, oldest first (edits are entries with edited=True)."""
        return list(self.state.bot_log.get(chat_id, []))

    def current(self, message: SentMessage) -> SentMessage | None:
        """The latest version of a bot message, or None once deleted."""
        if (message.chat_id, message.message_id) in self.state.deleted:
            return None
        return self.state.last_entry(message.chat_id, message.message_id)

    def is_deleted(self, chat_id: int, message_id: int) -> bool:
        return (chat_id, message_id) in self.state.deleted

    def unread(self, chat_id: int) -> list[SentMessage]:
        """Bot messages in the chat that next_reply has not returned yet (does not consume)."""
        return self.bot_messages(chat_id)[self.state.cursors.get(chat_id, 0) :]

    def file_content(self, file_id: str) -> bytes:
        return self.state.files[file_id].content

    @staticmethod
    def buttons(message: SentMessage) -> list[Button]:
        """Inline buttons as ``(text, callback_data or url)``, row by row."""
        return inline_buttons(message.reply_markup, callbacks_only=False)

    def find_button(self, message: SentMessage, text_substring: str) -> Button:
        """The one inline button whose text contains ``text_substring``."""
        found = [b for b in self.buttons(message) if text_substring in b.text]
        if len(found) != 1:
            texts = [b.text for b in self.buttons(message)]
            raise AssertionError(f"{len(found)} buttons match {text_substring!r} in {texts}")
        return found[0]

    # -- waiting ---------------------------------------------------------------------------------
    async def wait_for(self, predicate: Callable[[], T], timeout: float = 10) -> T:
        """Wait until ``predicate()`` is truthy and return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"condition not met within {timeout}s{self._recent()}")
            await self.state.wait_change(min(remaining, 0.05))

    async def next_reply(self, chat_id: int, timeout: float = 10) -> SentMessage:
        """The next bot message (or edit) in the chat since the last one returned."""
        cursor = self.state.cursors.get(chat_id, 0)
        log = self.state.bot_log
        try:
            await self.wait_for(lambda: len(log.get(chat_id, [])) > cursor, timeout)
        except AssertionError as exc:
            raise AssertionError(f"no new bot message in chat {chat_id}: {exc}") from None
        self.state.cursors[chat_id] = cursor + 1
        return log[chat_id][cursor]

    async def settle(self, quiet: float = 0.3, timeout: float = 10) -> None:
        """Wait until every queued update reached the bot and no call arrived for ``quiet`` s."""
        state = self.state
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            pending = state.delivered_up_to < state.last_update_id
            idle = now - state.last_activity
            if not pending and state.inflight == 0 and idle >= quiet:
                return
            if now >= deadline:
                raise AssertionError(
                    f"not settled within {timeout}s (undelivered updates: {pending})"
                    f"{self._recent()}"
                )
            await state.wait_change(min(deadline - now, max(0.01, quiet - idle)))

    def _recent(self) -> str:
        calls = [c for c in self.state.calls if c.method != "getUpdates"][-5:]
        if not calls:
            return "; no Bot API calls yet"
        shown = ", ".join(f"{c.method}->{c.status} {c.description or ''}".strip() for c in calls)
        return f"; last calls: {shown}"
