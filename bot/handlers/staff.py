"""/staff (admin only): add, invite, remove and list staff members."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler
from telegram.helpers import create_deep_linked_url

from bot.context import BotContext
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import Role, reply, texts_for
from bot.handlers.ui.gates import admin_only
from bot.handlers.ui.menus import clear_chat_menu, set_chat_menu
from bot.texts import Texts


@admin_only
async def staff(update: Update, context: BotContext) -> None:
    """/staff add <id> | invite | remove <id> | list."""
    t = await texts_for(update, context)
    args = context.args or []
    action = args[0].lower() if args else ""
    if action in ("add", "agregar") and len(args) == 2:
        await _add(update, context, args[1], t)
    elif action in ("remove", "quitar") and len(args) == 2:
        await _remove(update, context, args[1], t)
    elif action in ("invite", "invitar") and len(args) == 1:
        await _invite(update, context, t)
    elif action in ("list", "lista") and len(args) == 1:
        await _list(update, context, t)
    else:
        await reply(update, context, t("staff.usage"), t=t)


def _user_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and 0 < len(raw) <= 15 else None


async def _add(update: Update, context: BotContext, raw: str, t: Texts) -> None:
    user_id = _user_id(raw)
    admin = update.effective_user
    assert admin is not None
    if user_id is None:
        await reply(update, context, t("staff.bad_id", given=raw), t=t)
        return
    added = await context.services.staff.add(user_id, admin.id)
    await set_chat_menu(context.bot, user_id, Role.STAFF, t.lang, t.tz)
    key = "staff.added" if added else "staff.already"
    await reply(update, context, t(key, user_id=user_id), t=t)


async def _remove(update: Update, context: BotContext, raw: str, t: Texts) -> None:
    user_id = _user_id(raw)
    admin = update.effective_user
    assert admin is not None
    if user_id is None:
        await reply(update, context, t("staff.bad_id", given=raw), t=t)
        return
    # Their queued staff notices (other families' payments) are dropped with them.
    removed = await context.services.staff.remove(user_id, admin.id)
    if removed:
        await clear_chat_menu(context.bot, user_id)
    await reply(
        update, context, t("staff.removed" if removed else "staff.not_found", user_id=user_id), t=t
    )


async def _invite(update: Update, context: BotContext, t: Texts) -> None:
    admin = update.effective_user
    assert admin is not None
    token = await context.services.linking.create_staff_invite(admin.id)
    url = create_deep_linked_url(context.bot.username, token)
    days = context.services.linking.invite_ttl.days
    await reply(update, context, t("staff.invite", url=url, count=days), t=t)


async def _list(update: Update, context: BotContext, t: Texts) -> None:
    members = await context.services.staff.members()
    admins = sorted(context.services.settings.bot_admin_ids)
    lines = [t("staff.list_title")]
    lines += [t("staff.list_admin", user_id=a) for a in admins]
    lines += [t("staff.list_member", user_id=m.user_id, since=t.date(m.added_at)) for m in members]
    if not members:
        lines.append(t("staff.list_empty"))
    await reply(update, context, "\n".join(lines), t=t)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/staff (/personal)."""
    return [CommandHandler(names("staff"), staff)]
