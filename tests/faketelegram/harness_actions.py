"""Harness, part 1: users and chats, updates they send, blocks, failures, webhook target."""

from __future__ import annotations

import time
from typing import Any

from .models import BotApiError, Button, SentMessage, inline_buttons
from .routes import canonical_method
from .state import TelegramState, private_chat_json

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    403: "Forbidden: bot was blocked by the user",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class UserActions:
    """What users do (and what tests inject): mixed into FakeTelegram via Harness."""

    state: TelegramState

    # -- users and chats -------------------------------------------------------------------------
    def user(
        self,
        id: int,
        first_name: str = "Ana",
        language_code: str | None = "es",
        username: str | None = None,
        *,
        last_name: str | None = None,
    ) -> dict[str, Any]:
        """Register (or re-register) a Telegram user and return its User dict."""
        user: dict[str, Any] = {"id": id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.state.users[id] = user
        return user

    def private_chat(self, user: dict[str, Any]) -> dict[str, Any]:
        """The user's private chat with the bot (chat id == user id); the user has started it."""
        self.state.users.setdefault(user["id"], user)
        chat = self.state.chats.setdefault(user["id"], private_chat_json(user))
        self.state.started.add(user["id"])
        return chat

    def group_chat(self, id: int, title: str, *, username: str | None = None) -> dict[str, Any]:
        """A group the bot is a member of; ids below -10**12 are supergroups."""
        if id >= 0:
            raise ValueError("group chat ids are negative")
        kind = "supergroup" if id < -(10**12) else "group"
        chat: dict[str, Any] = {"id": id, "type": kind, "title": title}
        if username:
            chat["username"] = username
        self.state.chats[id] = chat
        return chat

    def block(self, chat_id: int) -> None:
        """The user blocks the bot (or the bot is kicked): sends to the chat get 403."""
        self.state.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.state.blocked.discard(chat_id)

    # -- updates from users ----------------------------------------------------------------------
    def _user_message(
        self, user: dict[str, Any], chat: dict[str, Any] | None, content: dict[str, Any]
    ) -> int:
        chat = chat or self.private_chat(user)
        if chat["type"] == "private":
            # Writing to a bot you blocked means restarting it first, which unblocks it.
            self.state.started.add(chat["id"])
            self.state.blocked.discard(chat["id"])
        self.state.users.setdefault(user["id"], user)
        message = {
            "message_id": self.state.next_message_id(chat["id"]),
            "from": user,
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        self.state.messages[(chat["id"], message["message_id"])] = message
        return self.state.enqueue({"message": message})

    def edit_last_message(self, user: dict[str, Any], text: str) -> int:
        """Queue an edited_message: the user corrects the last text they sent in their chat."""
        chat_id = user["id"]
        mine = [
            m
            for (cid, _), m in self.state.messages.items()
            if cid == chat_id and m.get("from", {}).get("id") == user["id"] and "text" in m
        ]
        if not mine:
            raise AssertionError("the user has sent no text message to edit")
        edited = {**mine[-1], "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        self.state.messages[(chat_id, edited["message_id"])] = edited
        return self.state.enqueue({"edited_message": edited})

    def send_message(
        self, user: dict[str, Any], text: str, chat: dict[str, Any] | None = None
    ) -> int:
        """Queue a text message from ``user``; a leading /command gets its bot_command entity."""
        if not text.strip():
            raise ValueError("Telegram clients cannot send an empty message")
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command)}
            ]
        return self._user_message(user, chat, content)

    def send_command(
        self, user: dict[str, Any], command: str, chat: dict[str, Any] | None = None
    ) -> int:
        """Queue a command such as ``"/start abc"``."""
        if not command.startswith("/"):
            raise ValueError("a command starts with '/'")
        return self.send_message(user, command, chat)

    def send_contact(
        self,
        user: dict[str, Any],
        phone_number: str,
        contact_user_id: int | None,
        chat: dict[str, Any] | None = None,
        *,
        first_name: str | None = None,
    ) -> int:
        """Queue a shared contact (``contact_user_id`` == user id when sharing one's own)."""
        owner = self.state.users.get(contact_user_id or 0, {})
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name or owner.get("first_name", "Contacto"),
        }
        if contact_user_id is not None:
            contact["user_id"] = contact_user_id
        return self._user_message(user, chat, {"contact": contact})

    def send_sticker(self, user: dict[str, Any], emoji: str = "👍") -> int:
        """Queue a sticker from ``user`` in their private chat."""
        stored = self.state.store_file(b"RIFF-webp", file_name="sticker.webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._user_message(user, None, {"sticker": sticker})

    def send_voice(self, user: dict[str, Any], seconds: int = 4) -> int:
        """Queue a voice note from ``user`` in their private chat."""
        stored = self.state.store_file(b"OggS-voice", file_name="voice.ogg", mime_type="audio/ogg")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": seconds,
            "mime_type": "audio/ogg",
        }
        return self._user_message(user, None, {"voice": voice})

    def send_location(self, user: dict[str, Any], latitude: float, longitude: float) -> int:
        """Queue a shared location from ``user`` in their private chat."""
        location = {"latitude": latitude, "longitude": longitude}
        return self._user_message(user, None, {"location": location})

    def send_document(
        self,
        user: dict[str, Any],
        file_name: str,
        content: bytes,
        caption: str | None = None,
        *,
        chat: dict[str, Any] | None = None,
        mime_type: str = "application/octet-stream",
    ) -> int:
        """Queue a document upload; the bot can fetch it with getFile and the file URL."""
        stored = self.state.store_file(content, file_name=file_name, mime_type=mime_type)
        body: dict[str, Any] = {
            "document": {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": len(content),
            }
        }
        if caption is not None:
            body["caption"] = caption
        return self._user_message(user, chat, body)

    def send_photo(
        self,
        user: dict[str, Any],
        content: bytes,
        caption: str | None = None,
        *,
        chat: dict[str, Any] | None = None,
    ) -> int:
        """Queue a photo (a PNG or JPEG); Telegram lists its sizes smallest first and the bot
        may re-send the largest by its file_id (the thumbnail's id is not re-sendable here)."""
        stored = self.state.store_file(content, mime_type="image/jpeg", kind="photo")
        body: dict[str, Any] = {
            "photo": [
                {
                    "file_id": f"{stored.file_id}t",
                    "file_unique_id": f"{stored.file_unique_id}t",
                    "width": 90,
                    "height": 67,
                    "file_size": min(len(content), 1500),
                },
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": 1280,
                    "height": 960,
                    "file_size": len(content),
                },
            ]
        }
        if caption is not None:
            body["caption"] = caption
        return self._user_message(user, chat, body)

    def press_button(
        self,
        user: dict[str, Any],
        message: SentMessage,
        callback_data: str | Button,
        *,
        allow_stale: bool = False,
    ) -> int:
        """Queue a callback_query for a button of a bot message (its current version).

        The button must be on the message as it is now, unless ``allow_stale`` (a user tapping
        an old keyboard before the edit reached their phone).
        """
        data = callback_data.value if isinstance(callback_data, Button) else callback_data
        current = self.state.messages.get((message.chat_id, message.message_id))
        if current is None:
            raise AssertionError(f"message {message.message_id} no longer exists")
        if current.get("from", {}).get("id") != self.state.bot_user["id"]:
            raise AssertionError("only buttons on bot messages can be pressed")
        chat = current["chat"]
        if chat["type"] == "private" and chat["id"] != user["id"]:
            raise AssertionError("a user can only press buttons in their own private chat")
        available = [b.value for b in inline_buttons(current.get("reply_markup"))]
        if not allow_stale and data not in available:
            raise AssertionError(f"no button with callback_data {data!r}; present: {available}")
        query_id = str(next(self.state.query_ids))
        update_id = self.state.enqueue(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": current,
                    "chat_instance": f"ci{chat['id']}",
                    "data": data,
                }
            }
        )
        self.state.callback_queries[query_id] = update_id
        return update_id

    # -- failure injection -----------------------------------------------------------------------
    @property
    def enforce_rate_limits(self) -> bool:
        return self.state.enforce_rate_limits

    @enforce_rate_limits.setter
    def enforce_rate_limits(self, value: bool) -> None:
        self.state.enforce_rate_limits = value

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` ("*" = any) with this error.

        A 429 without ``retry_after`` gets ``retry_after=1`` (Telegram always sends it).
        """
        name = method if method == "*" else canonical_method(method)
        if name is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        if error_code == 429 and retry_after is None:
            retry_after = 1
        text = description or _DEFAULT_DESCRIPTIONS.get(error_code, f"Error {error_code}")
        error = BotApiError(error_code, text.format(retry_after=retry_after), retry_after)
        self.state.add_failure(name, error, count)

    def set_webhook_target(self, url: str, secret: str | None = None) -> None:
        """Where to POST updates while the bot has a webhook set (its URL is not reachable).

        The secret header carries the bot's own ``secret_token`` unless ``secret`` overrides it.
        """
        self.state.webhook_target = (url, secret)
        self.state.notify()
