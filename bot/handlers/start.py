"""/start with or without a token, and linking by sharing one's own phone number."""

from __future__ import annotations

from typing import Any

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.handlers.onboarding import send_checkout
from bot.handlers.people import display_name
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import Role, is_private, reply, role_of, texts_for
from bot.handlers.ui.menus import set_chat_menu
from bot.services.linking import (
    InviteExpired,
    InviteUnknown,
    InviteUsed,
    NotOwnContact,
    ParentLinked,
    StaffAdded,
    TooManyAttempts,
)
from bot.texts import Texts


def share_phone_keyboard(t: Texts) -> ReplyKeyboardMarkup:
    """The one-button keyboard that shares the user's own number."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t("start.share_phone_button"), request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def _names(customers: list[str]) -> str:
    return ", ".join(customers)


async def start(update: Update, context: BotContext) -> None:
    """/start: redeem an invite token, or welcome and offer to share the phone number."""
    t = await texts_for(update, context)
    if context.args:
        await _redeem(update, context, context.args[0], t)
        return
    await _welcome(update, context, t)


async def _redeem(update: Update, context: BotContext, token: str, t: Texts) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    if not is_private(update):
        await reply(update, context, t("start.token_private_only"), t=t)
        return
    try:
        result = await context.services.linking.redeem(token, chat.id, user.id)
    except InviteUnknown:
        await reply(update, context, t("invite.unknown"), t=t)
        return
    except InviteExpired:
        await reply(update, context, t("invite.expired"), t=t)
        return
    except InviteUsed as used:
        await reply(update, context, await _used_text(context, used, chat.id, user.id, t), t=t)
        return
    except TooManyAttempts as many:
        if many.first:  # answered once a minute; the rest of a flood gets silence
            await reply(update, context, t("invite.too_many"), t=t)
        return
    if isinstance(result, StaffAdded):
        if not result.already_staff:
            await context.services.people.staff_joined(
                result.added_by, user.id, display_name(user)
            )
        await set_chat_menu(context.bot, chat.id, Role.STAFF, t.lang, t.tz)
        await reply(update, context, t("staff.welcome"), t=t)
        return
    assert isinstance(result, ParentLinked)
    # Not newly linked: the chat had every customer already and the invite stays unused.
    key = "link.done" if result.newly_linked else "link.already_unused"
    await reply(
        update,
        context,
        t(key, names=_names([c.customer_name for c in result.links])),
        t=t,
        reply_markup=ReplyKeyboardRemove(),
    )
    if result.invoice_id is not None:  # a /checkout link: the family's checkout link now
        await send_checkout(update, context, t, result.invoice_id)


async def _used_text(
    context: BotContext, used: InviteUsed, chat_id: int, user_id: int, t: Texts
) -> str:
    """A used invite: fine if it was this chat's own (opened twice), refused otherwise."""
    invite = used.invite
    services = context.services
    if invite.kind == "staff" and await services.staff.is_member(user_id):
        return t("staff.already_member")
    if invite.customer_id and await services.linking.is_linked(chat_id, invite.customer_id):
        return t("link.already", names=invite.customer_name or "")
    return t("invite.used")


async def _welcome(update: Update, context: BotContext, t: Texts) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    if not is_private(update):
        # Nothing personal in a group: no staff menu, no names, no phone button.
        await reply(update, context, t("start.welcome_group"), t=t)
        return
    role = await role_of(context, user.id, chat.id)
    if role >= Role.STAFF:
        # An admin who had never opened the chat had no menu of their own yet.
        await set_chat_menu(context.bot, chat.id, role, t.lang, t.tz)
        await reply(update, context, t("start.welcome_staff"), t=t)
        return
    links = await context.services.parents.links(chat.id)
    if links:
        names_ = _names([link.customer_name for link in links])
        await reply(update, context, t("start.welcome_parent", names=names_), t=t)
        return
    await reply(
        update, context, t("start.welcome_stranger"), t=t, reply_markup=share_phone_keyboard(t)
    )


async def contact(update: Update, context: BotContext) -> None:
    """A shared contact: link every customer with that number, only if it is the sender's own."""
    t = await texts_for(update, context)
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    assert message is not None and message.contact is not None
    assert chat is not None and user is not None
    shared = message.contact
    try:
        customers = await context.services.linking.link_by_phone(
            chat.id, user.id, shared.user_id, shared.phone_number
        )
    except NotOwnContact:
        await reply(update, context, t("phone.not_own"), t=t, reply_markup=ReplyKeyboardRemove())
        return
    if not customers:
        await reply(update, context, t("phone.no_match"), t=t, reply_markup=ReplyKeyboardRemove())
        return
    await reply(
        update,
        context,
        t("link.done", names=_names([c.name for c in customers])),
        t=t,
        reply_markup=ReplyKeyboardRemove(),
    )


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/start (/inicio) and shared contacts in private chats."""
    return [
        CommandHandler(names("start"), start),
        MessageHandler(filters.CONTACT & filters.ChatType.PRIVATE, contact),
    ]
