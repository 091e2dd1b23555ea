"""Decoding Bot API request bodies the way Telegram accepts them.

PTB's HTTPXRequest posts ``application/x-www-form-urlencoded`` bodies, or ``multipart/form-data``
when a file is uploaded; every value is a string and nested objects (reply_markup, scope,
commands, entities) are JSON strings. JSON bodies and query strings are accepted too.
"""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qsl

from .models import UploadedFile, bad_request

JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "scope",
        "commands",
        "allowed_updates",
        "menu_button",
        "link_preview_options",
        "reply_parameters",
    }
)
INT_FIELDS = frozenset(
    {
        "offset",
        "limit",
        "message_id",
        "cache_time",
        "max_connections",
        "reply_to_message_id",
        "message_thread_id",
        "user_id",
    }
)
BOOL_FIELDS = frozenset(
    {
        "show_alert",
        "disable_notification",
        "protect_content",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_content_type_detection",
        "show_caption_above_media",
    }
)


def parse_body(
    content_type: str, body: bytes, query: str
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Return ``(raw string/JSON params, uploaded files)`` from a request."""
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    files: dict[str, UploadedFile] = {}
    kind = content_type.split(";")[0].strip().lower()
    if not body:
        return params, files
    if kind == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise bad_request("can't parse JSON") from exc
        if not isinstance(decoded, dict):
            raise bad_request("JSON body must be an object")
        params.update(decoded)
    elif kind == "multipart/form-data":
        _parse_multipart(content_type, body, params, files)
    else:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return params, files


def _parse_multipart(
    content_type: str, body: bytes, params: dict[str, Any], files: dict[str, UploadedFile]
) -> None:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise bad_request("can't parse multipart body")
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:
            continue
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            files[name] = UploadedFile(filename, part.get_content_type(), content)
        else:
            params[name] = content.decode(part.get_content_charset() or "utf-8")


def decode_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Turn string values into the types Telegram reads them as (JSON, int, bool)."""
    decoded: dict[str, Any] = {}
    for key, value in raw.items():
        decoded[key] = _decode_value(key, value)
    return decoded


def _decode_value(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError as exc:
            raise bad_request(f"can't parse {key} JSON object") from exc
    if key in INT_FIELDS:
        try:
            return int(value)
        except ValueError as exc:
            raise bad_request(f"invalid {key} specified") from exc
    if key in BOOL_FIELDS:
        return value.strip().lower() in ("true", "1")
    return value
