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
from bot.texts import Html, Texts


@admin_only
async def staff(update: Update, context: BotContext) -> None:
    """/staff add <id> | invite | remove <id> | list."""
    t = await texts_for(update, context)
    args = context.args or []
    action = args[0].lower() if args else ""
    if action in ("add", "agregar") and len(args) == 2:
        await _add(update, context, args[1], t)
    elif action in ("remove", "quitar") and len(args) >= 2:
        await _remove(update, context, " ".join(args[1:]), t)
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
    services = context.services
    added = await services.staff.add(user_id, admin.id)
    # Their menu and their notice in their own language, not the admin's (SPEC rule 9).
    await set_chat_menu(
        context.bot, user_id, Role.STAFF, await services.languages.for_chat(user_id), t.tz
    )
    if added:
        await services.people.staff_added(user_id)
    key = "staff.added" if added else "staff.already"
    await reply(update, context, t(key, who=await _who(context, t, user_id)), t=t)


async def _remove(update: Update, context: BotContext, raw: str, t: Texts) -> None:
    user_id = _user_id(raw)
    if user_id is None:
        user_id = await _member_named(update, context, raw, t)
    admin = update.effective_user
    assert admin is not None
    if user_id is None:
        return
    # Their queued staff notices (other families' payments) are dropped with them.
    removed = await context.services.staff.remove(user_id, admin.id)
    if removed:
        await clear_chat_menu(context.bot, user_id)
        await context.services.people.staff_removed(user_id)
    key = "staff.removed" if removed else "staff.not_found"
    await reply(update, context, t(key, who=await _who(context, t, user_id)), t=t)


async def _member_named(update: Update, context: BotContext, raw: str, t: Texts) -> int | None:
    """The one staff member called ``raw``; otherwise say who matched (or that none did)."""
    services = context.services
    members = [m.user_id for m in await services.staff.members()]
    found = await services.people.named(members, raw)
    if len(found) == 1:
        return found[0]
    if not found:
        await reply(update, context, t("people.remove_nobody", given=raw), t=t)
        return None
    names = await services.people.names(found)
    who = [t("people.remove_candidate", name=names[uid], user_id=uid) for uid in found]
    text = t("people.remove_several", given=raw, candidates=Html("\n".join(who)))
    await reply(update, context, text, t=t)
    return None


async def _who(context: BotContext, t: Texts, user_id: int) -> Html:
    """Their name with the id the admin typed, or the id alone for someone never seen."""
    name = await context.services.people.name(user_id)
    if name is None:
        return Html(t("people.who_unknown", user_id=user_id))
    return Html(t("people.who", name=name, user_id=user_id))


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
    names = await context.services.people.names([*admins, *(m.user_id for m in members)])
    lines = [t("staff.list_title")]
    # Admins are configuration: their id is never needed in a command.
    lines += [t("staff.list_admin", name=names.get(a, str(a))) for a in admins]
    for m in members:
        # A member's id is what /staff remove takes: shown beside the name.
        key = "staff.list_member" if m.user_id in names else "staff.list_member_unknown"
        name = names.get(m.user_id)
        lines.append(t(key, name=name, user_id=m.user_id, since=t.date(m.added_at)))
    if not members:
        lines.append(t("staff.list_empty"))
    await reply(update, context, "\n".join(lines), t=t)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/staff (/personal)."""
    return [CommandHandler(names("staff"), staff)]
