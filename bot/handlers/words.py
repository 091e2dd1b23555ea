"""Parents who write instead of tapping: words, stickers, voice notes and locations.

Text outside any guided flow (in a private chat) is matched to an intent of the table in
``bot.texts.catalog.words`` (accents and case ignored, Spanish and English) and answered like
its command; a greeting, anything not understood and media other than photos and documents get
a short menu with buttons (``mnu:<action>``). Staff get their daily commands instead, and a chat
not linked yet is told how to link it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.context import BotContext
from bot.handlers import help, parents, portal
from bot.handlers.start import share_phone_keyboard
from bot.handlers.ui import callbacks
from bot.handlers.ui.commands import COMMANDS
from bot.handlers.ui.common import Role, plain, reply, role_of, texts_for
from bot.texts import Texts
from bot.texts.catalog.words import INTENTS

Answer = Callable[[Update, BotContext], Coroutine[Any, Any, None]]

#: The staff's daily commands, by English name, in the order their menu lists them (a name
#: this version has no command for is left out).
STAFF_DAILY = ("invoice", "customer", "overdue", "today", "proofs")

_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """``text`` as the intents table is written: no accents, lower case, words separated by
    one space (punctuation and emoji dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", bare.casefold()).split())


_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (intent, tuple(f" {fold(p)} " for p in phrases)) for intent, phrases in INTENTS.items()
)


def intent_of(text: str) -> str | None:
    """The first intent with one of its phrases (as whole words) in ``text``, or None."""
    folded = f" {fold(text)} "
    for intent, phrases in _PHRASES:
        if any(phrase in folded for phrase in phrases):
            return intent
    return None


async def words(update: Update, context: BotContext) -> None:
    """Text in a private chat that nobody else took: the intent's answer, else the menu."""
    message = update.effective_message
    assert message is not None
    await _answer(update, context, intent_of(message.text or ""))


async def media(update: Update, context: BotContext) -> None:
    """A sticker, a voice note, a location… in a private chat: the menu."""
    await _answer(update, context, None)


async def _answer(update: Update, context: BotContext, intent: str | None) -> None:
    t = await texts_for(update, context)
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    role = await role_of(context, user.id, chat.id)
    answer = _INTENT_ANSWERS.get(intent or "")
    if role >= Role.STAFF:
        # a staff member who is also a parent asks about their own family's payments
        if intent in _FAMILY_INTENTS and await context.services.parents.links(chat.id):
            assert answer is not None
            await answer(update, context)
            return
        await reply(update, context, _staff_menu(t), t=t)
        return
    if role == Role.STRANGER:
        markup = share_phone_keyboard(t)
        await reply(update, context, t("words.stranger"), t=t, reply_markup=markup)
        return
    if answer is not None:
        await answer(update, context)
        return
    text = t("words.menu")
    if intent == "greeting":
        text = t("words.greeting", name=user.first_name) + "\n" + text
    await reply(update, context, text, t=t, reply_markup=menu_markup(t))


async def _proof(update: Update, context: BotContext) -> None:
    t = await texts_for(update, context)
    await reply(update, context, t("words.proof"), t=t)


#: What each intent answers (a greeting, and anything else, gets the menu).
_INTENT_ANSWERS: Mapping[str, Answer] = {
    "status": parents.status,
    "pay": parents.pay,
    "proof": _proof,
}

#: What a staff member whose chat is linked to a family gets answered as a parent.
_FAMILY_INTENTS = frozenset({"status", "pay"})

#: What each button of the menu does: the command of the same name.
_MENU_ACTIONS: Mapping[str, Answer] = {
    "pay": parents.pay,
    "status": parents.status,
    "portal": portal.portal,
    "help": help.help_command,
}


def menu_markup(t: Texts) -> InlineKeyboardMarkup:
    """The parents' menu: Pay and What I owe, then Portal and Help."""
    row: list[InlineKeyboardButton] = []
    rows: list[list[InlineKeyboardButton]] = []
    for action in _MENU_ACTIONS:
        label = plain(t(f"words.button.{action}"))
        row.append(InlineKeyboardButton(label, callback_data=callbacks.MENU.data(action)))
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return InlineKeyboardMarkup(rows)


def _staff_menu(t: Texts) -> str:
    lines = [t("words.staff_menu")]
    for name in STAFF_DAILY:
        spec = COMMANDS.get(name)
        if spec is not None:
            lines.append(f"/{spec.name(t.lang)} — {t(spec.help_key)}")
    lines.append(t("words.staff_footer"))
    return "\n".join(lines)


async def menu_button(update: Update, context: BotContext) -> None:
    """A button of the menu: what its command does."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await _MENU_ACTIONS[callbacks.value(query.data)](update, context)


#: Media that get the menu; photos and documents are proofs of payment, contacts link a chat.
MENU_MEDIA = (
    filters.Sticker.ALL
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | filters.LOCATION
    | filters.VENUE
    | filters.Dice.ALL
    | filters.POLL
)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Words and media in private chats, and the menu's buttons; registered after every other
    feature (a guided flow or a command always comes first)."""
    private = filters.ChatType.PRIVATE
    return [
        CallbackQueryHandler(menu_button, pattern=callbacks.MENU.pattern),
        MessageHandler(filters.TEXT & ~filters.COMMAND & private, words),
        MessageHandler(MENU_MEDIA & private, media),
    ]
