"""Bot API methods that create, edit or delete messages."""

from __future__ import annotations

import time
from typing import Any

from .models import Files, Params, bad_request
from .state import StoredFile, TelegramState
from .validation import check_reply_markup, parse_text

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


def _base_message(state: TelegramState, chat: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    chat_id = chat["id"]
    message: dict[str, Any] = {
        "message_id": state.next_message_id(chat_id),
        "from": state.bot_user,
        "chat": chat,
        "date": int(time.time()),
    }
    reply_to = p.get("reply_to_message_id")
    if isinstance(p.get("reply_parameters"), dict):
        reply_to = p["reply_parameters"].get("message_id")
    if reply_to is not None:
        replied = state.messages.get((chat_id, int(reply_to)))
        if replied is None and not p.get("allow_sending_without_reply"):
            raise bad_request("message to be replied not found")
        if replied is not None:
            message["reply_to_message"] = replied
    return message


def _apply_markup(message: dict[str, Any], chat: dict[str, Any], markup: Any) -> None:
    if markup is None:
        return
    check_reply_markup(markup, chat["type"])
    # Telegram echoes only inline keyboards in the returned Message.
    if "inline_keyboard" in markup:
        message["reply_markup"] = markup


def send_message(state: TelegramState, p: Params, files: Files) -> Any:
    chat = state.chat_for(p.get("chat_id"))
    plain, entities = parse_text(p.get("text"), p.get("parse_mode"), p.get("entities"))
    message = _base_message(state, chat, p)
    message["text"] = plain
    if entities:
        message["entities"] = entities
    _apply_markup(message, chat, p.get("reply_markup"))
    state.check_flood(chat)
    state.record_bot_message(message, "sendMessage", params=p)
    return message


def _upload(state: TelegramState, p: Params, files: Files, field: str) -> StoredFile | None:
    """Return the uploaded (or re-sent) file; None for an http(s) URL Telegram would fetch."""
    raw = p.get(field)
    upload = files.get(field)
    if isinstance(raw, str) and raw.startswith("attach://"):
        upload = files.get(raw.removeprefix("attach://"))
    if upload is not None:
        if not upload.content:
            raise bad_request("file must be non-empty")
        return state.store_file(
            upload.content,
            file_name=upload.filename,
            mime_type=upload.content_type,
            kind="photo" if field == "photo" else "document",
        )
    if not raw:
        raise bad_request(f"there is no {field} in the request")
    if raw in state.files:
        stored = state.files[raw]
        if (stored.kind == "photo") != (field == "photo"):
            # Telegram keeps a file's type: a photo re-sent as a document is refused
            raise bad_request(f"wrong file type: can't use file of type {stored.kind} as {field}")
        return stored
    if raw.startswith(("http://", "https://")):
        return None
    raise bad_request("wrong file identifier/HTTP URL specified")


def _image_size(content: bytes) -> tuple[int, int]:
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if content.startswith((b"\xff\xd8\xff", b"GIF8")) or content[8:12] == b"WEBP":
        return 800, 600
    raise bad_request("IMAGE_PROCESS_FAILED")


def _photo_sizes(stored: StoredFile | None) -> list[dict[str, Any]]:
    width, height = _image_size(stored.content) if stored else (800, 600)
    file_id = stored.file_id if stored else "FAKEURLPHOTO"
    unique = stored.file_unique_id if stored else "UURL"
    sizes: list[dict[str, Any]] = []
    if max(width, height) > 90:
        scale = 90 / max(width, height)
        sizes.append(
            {
                "file_id": f"{file_id}s",
                "file_unique_id": f"{unique}s",
                "width": max(1, round(width * scale)),
                "height": max(1, round(height * scale)),
            }
        )
    sizes.append(
        {
            "file_id": file_id,
            "file_unique_id": unique,
            "width": width,
            "height": height,
            "file_size": len(stored.content) if stored else 0,
        }
    )
    return sizes


def _captioned(state: TelegramState, chat: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    message = _base_message(state, chat, p)
    if p.get("caption"):
        plain, entities = parse_text(
            p["caption"], p.get("parse_mode"), p.get("caption_entities"), caption=True
        )
        message["caption"] = plain
        if entities:
            message["caption_entities"] = entities
    return message


def send_photo(state: TelegramState, p: Params, files: Files) -> Any:
    chat = state.chat_for(p.get("chat_id"))
    stored = _upload(state, p, files, "photo")
    message = _captioned(state, chat, p)
    message["photo"] = _photo_sizes(stored)
    _apply_markup(message, chat, p.get("reply_markup"))
    state.check_flood(chat)
    state.record_bot_message(message, "sendPhoto", params=p)
    return message


def send_document(state: TelegramState, p: Params, files: Files) -> Any:
    chat = state.chat_for(p.get("chat_id"))
    stored = _upload(state, p, files, "document")
    message = _captioned(state, chat, p)
    if stored is None:
        url = str(p["document"])
        message["document"] = {
            "file_id": "FAKEURLDOC",
            "file_unique_id": "UURLDOC",
            "file_name": url.rsplit("/", 1)[-1] or "file",
        }
    else:
        message["document"] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.file_name or "file",
            "mime_type": stored.mime_type or "application/octet-stream",
            "file_size": len(stored.content),
        }
    _apply_markup(message, chat, p.get("reply_markup"))
    state.check_flood(chat)
    state.record_bot_message(message, "sendDocument", params=p)
    return message


def _editable(state: TelegramState, p: dict[str, Any], missing: str) -> dict[str, Any]:
    if p.get("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = state.chat_for(p.get("chat_id"))
    return state.bot_message_for_edit(chat["id"], p.get("message_id"), missing)


def _inline_markup(chat: dict[str, Any], markup: Any) -> dict[str, Any] | None:
    if markup is None:
        return None
    check_reply_markup(markup, chat["type"])
    if "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return dict(markup)


def _store_edit(
    state: TelegramState, old: dict[str, Any], new: dict[str, Any], method: str, p: dict[str, Any]
) -> dict[str, Any]:
    if new == old or {**new, "edit_date": 0} == {**old, "edit_date": 0}:
        raise bad_request(_NOT_MODIFIED)
    new["edit_date"] = int(time.time())
    state.record_bot_message(new, method, params=p, edited=True)
    return new


def edit_message_text(state: TelegramState, p: Params, files: Files) -> Any:
    old = _editable(state, p, "message to edit not found")
    if "text" not in old:
        raise bad_request("there is no text in the message to edit")
    plain, entities = parse_text(p.get("text"), p.get("parse_mode"), p.get("entities"))
    new = {k: v for k, v in old.items() if k not in ("text", "entities", "reply_markup")}
    new["text"] = plain
    if entities:
        new["entities"] = entities
    markup = _inline_markup(old["chat"], p.get("reply_markup"))
    if markup is not None:
        new["reply_markup"] = markup
    return _store_edit(state, old, new, "editMessageText", p)


def edit_message_reply_markup(state: TelegramState, p: Params, files: Files) -> Any:
    old = _editable(state, p, "message to edit not found")
    new = {k: v for k, v in old.items() if k != "reply_markup"}
    markup = _inline_markup(old["chat"], p.get("reply_markup"))
    if markup is not None:
        new["reply_markup"] = markup
    return _store_edit(state, old, new, "editMessageReplyMarkup", p)


def edit_message_caption(state: TelegramState, p: Params, files: Files) -> Any:
    old = _editable(state, p, "message to edit not found")
    if "photo" not in old and "document" not in old:
        raise bad_request("there is no caption in the message to edit")
    drop = ("caption", "caption_entities", "reply_markup")
    new = {k: v for k, v in old.items() if k not in drop}
    if p.get("caption"):
        plain, entities = parse_text(
            p["caption"], p.get("parse_mode"), p.get("caption_entities"), caption=True
        )
        new["caption"] = plain
        if entities:
            new["caption_entities"] = entities
    markup = _inline_markup(old["chat"], p.get("reply_markup"))
    if markup is not None:
        new["reply_markup"] = markup
    return _store_edit(state, old, new, "editMessageCaption", p)


def delete_message(state: TelegramState, p: Params, files: Files) -> Any:
    chat = state.chat_for(p.get("chat_id"), sending=False)
    key = (chat["id"], int(p.get("message_id") or 0))
    if key not in state.messages:
        raise bad_request("message to delete not found")
    del state.messages[key]
    state.deleted.add(key)
    return True


def send_chat_action(state: TelegramState, p: Params, files: Files) -> Any:
    state.chat_for(p.get("chat_id"))
    if p.get("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True
