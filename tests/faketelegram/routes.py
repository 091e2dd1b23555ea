"""The HTTP surface as a Starlette app: ``/bot<token>/<method>``, ``/file/bot<token>/<path>``."""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import api_bot, api_messages, api_updates
from .models import ApiCall, BotApiError, Files, Params
from .params import decode_params, parse_body
from .state import TelegramState

Handler = Callable[[TelegramState, Params, Files], Any]

METHODS: dict[str, Handler] = {
    "getMe": api_bot.get_me,
    "getUpdates": api_updates.get_updates,
    "setWebhook": api_updates.set_webhook,
    "deleteWebhook": api_updates.delete_webhook,
    "getWebhookInfo": api_updates.get_webhook_info,
    "sendMessage": api_messages.send_message,
    "sendPhoto": api_messages.send_photo,
    "sendDocument": api_messages.send_document,
    "editMessageText": api_messages.edit_message_text,
    "editMessageReplyMarkup": api_messages.edit_message_reply_markup,
    "editMessageCaption": api_messages.edit_message_caption,
    "deleteMessage": api_messages.delete_message,
    "sendChatAction": api_messages.send_chat_action,
    "answerCallbackQuery": api_bot.answer_callback_query,
    "setMyCommands": api_bot.set_my_commands,
    "setMyDescription": api_bot.set_my_description,
    "getMyDescription": api_bot.get_my_description,
    "setMyShortDescription": api_bot.set_my_short_description,
    "getMyShortDescription": api_bot.get_my_short_description,
    "getMyCommands": api_bot.get_my_commands,
    "deleteMyCommands": api_bot.delete_my_commands,
    "setChatMenuButton": api_bot.set_chat_menu_button,
    "getChatMenuButton": api_bot.get_chat_menu_button,
    "getFile": api_bot.get_file,
    "close": api_bot.close_or_log_out,
    "logOut": api_bot.close_or_log_out,
}
# Telegram matches method names case-insensitively.
_CANONICAL = {name.lower(): name for name in METHODS}


def canonical_method(name: str) -> str | None:
    return _CANONICAL.get(name.lower())


def _error(code: int, description: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error_code": code, "description": description}, code)


def build_app(state: TelegramState) -> Starlette:
    async def api(request: Request) -> Response:
        if request.path_params["token"] != state.token:
            return _error(401, "Unauthorized")
        method = canonical_method(request.path_params["method"])
        if method is None:
            return _error(404, "Not Found")
        body = await request.body()
        params: Params = {}
        files: Files = {}
        # A held long poll is not work in progress: settle() ignores getUpdates.
        counted = method != "getUpdates"
        state.inflight += counted
        try:
            content_type = request.headers.get("content-type", "")
            params, files = parse_body(content_type, body, request.url.query)
            params = decode_params(params)
            injected = state.take_failure(method)
            if injected is not None:
                raise injected
            result = METHODS[method](state, params, files)
            if inspect.isawaitable(result):
                result = await result
            status, payload = 200, {"ok": True, "result": result}
        except BotApiError as exc:
            status, payload = exc.error_code, exc.payload()
        finally:
            state.inflight -= counted
            if counted:
                state.last_activity = time.monotonic()
        description = None if status == 200 else payload["description"]
        state.calls.append(ApiCall(method, params, files, status, description))
        state.notify()
        return JSONResponse(payload, status)

    async def file_download(request: Request) -> Response:
        if request.path_params["token"] != state.token:
            return _error(401, "Unauthorized")
        path = request.path_params["path"]
        for stored in state.files.values():
            if stored.file_path == path:
                return Response(stored.content, media_type="application/octet-stream")
        return _error(404, "Not Found")

    return Starlette(
        routes=[
            Route("/bot{token}/{method}", api, methods=["GET", "POST"]),
            Route("/file/bot{token}/{path:path}", file_download, methods=["GET"]),
        ]
    )
