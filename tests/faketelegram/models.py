"""Records the fake keeps and the error it answers with, as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


class BotApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": ..., "description": ...}``."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True)
class UploadedFile:
    """One multipart file part as the bot uploaded it."""

    filename: str
    content_type: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class ApiCall:
    """One Bot API request: decoded parameters, uploaded files and how the fake answered."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    status: int
    description: str | None = None


@dataclass(frozen=True)
class SentMessage:
    """A snapshot of a bot message: one entry per send and one more per edit (edited=True)."""

    message_id: int
    chat_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    method: str
    photo: bool = False
    edited: bool = False
    plain_text: str | None = None
    entities: tuple[dict[str, Any], ...] = ()
    document: dict[str, Any] | None = None
    file: bytes | None = field(default=None, repr=False)
    message: dict[str, Any] = field(default_factory=dict, repr=False)


class Button(NamedTuple):
    """An inline button as ``(text, value)``; value is the callback_data or the url."""

    text: str
    value: str


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot passed to answerCallbackQuery for one button press."""

    callback_query_id: str
    update_id: int
    text: str | None
    show_alert: bool
    url: str | None


@dataclass(frozen=True)
class MyCommandsCall:
    """One accepted setMyCommands call."""

    commands: list[dict[str, str]]
    scope: dict[str, Any]
    language_code: str


@dataclass(frozen=True)
class WebhookDelivery:
    """One attempt to POST an update to the bot's webhook."""

    update_id: int
    url: str
    status: int | None
    error: str | None = None


def inline_buttons(markup: dict[str, Any] | None, *, callbacks_only: bool = True) -> list[Button]:
    """The inline buttons of a reply_markup, row by row (only callback buttons by default)."""
    result: list[Button] = []
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if "callback_data" in button:
                result.append(Button(button["text"], button["callback_data"]))
            elif not callbacks_only:
                value = button.get("url") or button.get("web_app", {}).get("url", "")
                result.append(Button(button["text"], value))
    return result


Params = dict[str, Any]
Files = dict[str, UploadedFile]
