"""Telegram's input rules: text and captions, keyboards, button URLs, commands, webhooks."""

from __future__ import annotations

import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit

from .html_entities import EntityParseError, parse_html
from .models import BotApiError, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER = 200
WEBHOOK_PORTS = (80, 88, 443, 8443)
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


def parse_text(
    text: str | None,
    parse_mode: str | None,
    entities: list[dict[str, Any]] | None,
    *,
    caption: bool = False,
) -> tuple[str, list[dict[str, Any]]]:
    """Validate a message text (or caption) and return ``(plain_text, entities)``."""
    text = text or ""
    mode = (parse_mode or "").strip()
    if mode.lower() == "html":
        try:
            plain, parsed = parse_html(text)
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from exc
    elif mode:
        if mode.lower() in ("markdown", "markdownv2"):
            detail = f"the fake server implements only HTML, not {mode}"
            raise bad_request(f"can't parse entities: {detail}")
        raise bad_request("unsupported parse_mode")
    else:
        plain, parsed = text, list(entities or [])
    if caption:
        if len(plain) > MAX_CAPTION:
            raise bad_request("message caption is too long")
    else:
        if not plain.strip():
            raise bad_request("message text is empty")
        if len(plain) > MAX_TEXT:
            raise bad_request("message is too long")
    return plain, parsed


def check_button_url(url: str, *, error: str = "BUTTON_URL_INVALID") -> None:
    """http(s) URLs need a public dotted host; tg:// links are fine; anything else fails."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        _ = parts.port
    except ValueError as exc:
        raise bad_request(error) from exc
    scheme = parts.scheme.lower()
    if scheme == "tg":
        if not parts.netloc and not parts.path:
            raise bad_request(error)
        return
    if scheme not in ("http", "https") or not host:
        raise bad_request(error)
    if host == "localhost" or host.endswith(".localhost"):
        raise bad_request(error)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if "." not in host.strip("."):
            raise bad_request(error) from None
        return
    if not address.is_global:
        raise bad_request(error)


def check_reply_markup(markup: Any, chat_type: str) -> None:
    """Validate inline keyboards, reply keyboards, ReplyKeyboardRemove and ForceReply."""
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
    elif "keyboard" in markup:
        _check_reply_keyboard(markup["keyboard"], chat_type)
    elif markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return
    else:
        raise bad_request("can't parse reply keyboard markup JSON object")


def _rows(rows: Any, what: str) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f"can't parse {what}: field must be an Array of Arrays")
    return rows


def _check_inline_keyboard(rows: Any) -> None:
    for row in _rows(rows, "inline keyboard"):
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request("can't parse inline keyboard button: Text must be a String")
            if not button["text"].strip():
                raise bad_request("BUTTON_TEXT_INVALID")
            actions = [key for key in button if key != "text"]
            if len(actions) != 1:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the "
                    "inline keyboard"
                )
            _check_inline_action(actions[0], button[actions[0]])


def _check_inline_action(kind: str, value: Any) -> None:
    if kind == "callback_data":
        size = len(str(value).encode("utf-8"))
        if not isinstance(value, str) or not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    elif kind == "url":
        check_button_url(str(value))
    elif kind in ("web_app", "login_url"):
        url = value.get("url", "") if isinstance(value, dict) else ""
        if not url.startswith("https://"):
            raise bad_request("BUTTON_URL_INVALID")
        check_button_url(url)


def _check_reply_keyboard(rows: Any, chat_type: str) -> None:
    for row in _rows(rows, "keyboard"):
        for button in row:
            if isinstance(button, str):
                continue
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request("can't parse keyboard button: Text must be a String")
            wants_private = button.get("request_contact") or button.get("request_location")
            if wants_private and chat_type != "private":
                raise bad_request("phone number can be requested in private chats only")


def check_callback_answer_text(text: str | None) -> None:
    if text is not None and len(text) > MAX_CALLBACK_ANSWER:
        raise bad_request("MESSAGE_TOO_LONG")


def check_commands(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    checked: list[dict[str, str]] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand")
        command = str(item.get("command", ""))
        description = str(item.get("description", ""))
        if not _COMMAND.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description.strip()) <= 256:
            raise bad_request("command description must be non-empty")
        checked.append({"command": command, "description": description})
    return checked


def check_scope(scope: Any) -> dict[str, Any]:
    if scope is None:
        return {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
        raise bad_request("can't parse BotCommandScope")
    return scope


def check_language_code(code: str | None) -> str:
    code = code or ""
    if code and not _LANGUAGE.match(code):
        raise bad_request("invalid language code specified")
    return code


def check_webhook(url: str, secret: str | None) -> None:
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if (parts.port or 443) not in WEBHOOK_PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    host = parts.hostname or ""
    try:
        check_button_url(url)
    except BotApiError as exc:
        raise bad_request(f"bad webhook: Failed to resolve host: {host}") from exc
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
