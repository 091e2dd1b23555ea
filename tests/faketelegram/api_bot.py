"""Bot API methods about the bot itself: identity, callback answers, command menus, files."""

from __future__ import annotations

from typing import Any

from .models import CallbackAnswer, Files, MyCommandsCall, Params, bad_request
from .state import TelegramState
from .validation import (
    check_callback_answer_text,
    check_commands,
    check_language_code,
    check_scope,
)

_QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


def get_me(state: TelegramState, p: Params, files: Files) -> Any:
    return state.bot_user


def answer_callback_query(state: TelegramState, p: Params, files: Files) -> Any:
    query_id = str(p.get("callback_query_id") or "")
    if query_id not in state.callback_queries or query_id in state.answered_queries:
        raise bad_request(_QUERY_TOO_OLD)
    text = p.get("text")
    check_callback_answer_text(text)
    state.answered_queries.add(query_id)
    state.callback_answers.append(
        CallbackAnswer(
            callback_query_id=query_id,
            update_id=state.callback_queries[query_id],
            text=text,
            show_alert=bool(p.get("show_alert", False)),
            url=p.get("url"),
        )
    )
    return True


def _scope_and_language(state: TelegramState, p: dict[str, Any]) -> tuple[dict[str, Any], str]:
    scope = check_scope(p.get("scope"))
    if "chat_id" in scope:
        chat = state.chat_for(scope["chat_id"], sending=False)
        scope = {**scope, "chat_id": chat["id"]}
    return scope, check_language_code(p.get("language_code"))


def set_my_commands(state: TelegramState, p: Params, files: Files) -> Any:
    commands = check_commands(p.get("commands"))
    scope, language = _scope_and_language(state, p)
    state.commands[(state.scope_key(scope), language)] = commands
    state.commands_calls.append(MyCommandsCall(commands, scope, language))
    return True


def get_my_commands(state: TelegramState, p: Params, files: Files) -> Any:
    scope, language = _scope_and_language(state, p)
    return state.commands.get((state.scope_key(scope), language), [])


def delete_my_commands(state: TelegramState, p: Params, files: Files) -> Any:
    scope, language = _scope_and_language(state, p)
    state.commands.pop((state.scope_key(scope), language), None)
    return True


def set_chat_menu_button(state: TelegramState, p: Params, files: Files) -> Any:
    chat_id = None
    if p.get("chat_id") not in (None, ""):
        chat_id = state.chat_for(p["chat_id"], sending=False)["id"]
    button = p.get("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in (
        "commands",
        "web_app",
        "default",
    ):
        raise bad_request("can't parse menu button")
    state.menu_buttons[chat_id] = button
    return True


def get_chat_menu_button(state: TelegramState, p: Params, files: Files) -> Any:
    chat_id = None
    if p.get("chat_id") not in (None, ""):
        chat_id = state.chat_for(p["chat_id"], sending=False)["id"]
    return state.menu_buttons.get(chat_id, state.menu_buttons.get(None, {"type": "commands"}))


def get_file(state: TelegramState, p: Params, files: Files) -> Any:
    stored = state.files.get(str(p.get("file_id") or ""))
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
        "file_path": stored.file_path,
    }


def close_or_log_out(state: TelegramState, p: Params, files: Files) -> Any:
    return True


#: Telegram's limits on the bot's profile texts.
DESCRIPTION_LIMIT = 512
SHORT_DESCRIPTION_LIMIT = 120


def _profile_text(p: Params, field: str, limit: int) -> str:
    value = p.get(field) or ""
    if not isinstance(value, str):
        raise bad_request(f"{field} must be a string")
    if len(value) > limit:
        raise bad_request(f"{field.upper()}_TOO_LONG")
    return value


def set_my_description(state: TelegramState, p: Params, files: Files) -> Any:
    language = check_language_code(p.get("language_code"))
    state.descriptions[language] = _profile_text(p, "description", DESCRIPTION_LIMIT)
    return True


def get_my_description(state: TelegramState, p: Params, files: Files) -> Any:
    language = check_language_code(p.get("language_code"))
    return {"description": state.descriptions.get(language, "")}


def set_my_short_description(state: TelegramState, p: Params, files: Files) -> Any:
    language = check_language_code(p.get("language_code"))
    text = _profile_text(p, "short_description", SHORT_DESCRIPTION_LIMIT)
    state.short_descriptions[language] = text
    return True


def get_my_short_description(state: TelegramState, p: Params, files: Files) -> Any:
    language = check_language_code(p.get("language_code"))
    return {"short_description": state.short_descriptions.get(language, "")}
