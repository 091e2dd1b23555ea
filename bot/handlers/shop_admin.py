"""/shop (/tienda) for staff: ``add <price> <name…>``, ``remove <n>``, ``list`` (also
``agregar``, ``quitar``, ``lista``). Staff is checked against the store on every call; bad
input is answered and changes nothing. Called by bot.handlers.shop, which owns the command.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.handlers.ui.common import Role, reply, role_of
from bot.parsing import InputError
from bot.services.shop import parse_item
from bot.texts import Texts

__all__ = ["MANAGE_WORDS", "manage", "show_list"]

_ADD = frozenset({"add", "agregar", "añadir", "anadir", "alta", "nuevo"})
_REMOVE = frozenset({"remove", "quitar", "borrar", "eliminar", "baja", "delete"})
_LIST = frozenset({"list", "lista", "ver", "listar"})

#: The first words that ask for staff's management of the shop (in either language).
MANAGE_WORDS = _ADD | _REMOVE | _LIST


async def manage(update: Update, context: BotContext, t: Texts, args: list[str]) -> None:
    """``/shop <word> …``: add, remove or list items; only staff (checked in the store)."""
    user = update.effective_user
    assert user is not None
    if await role_of(context, user.id) < Role.STAFF:
        await reply(update, context, t("gate.staff_only"), t=t)
        return
    word, rest = args[0].lower(), args[1:]
    if word in _ADD:
        await _add(update, context, t, rest, user.id)
    elif word in _REMOVE:
        await _remove(update, context, t, rest, user.id)
    elif word in _LIST:
        await show_list(update, context, t)
    else:
        text = t("shop.staff.unknown", text=args[0][:40]) + "\n\n" + t("shop.list.help")
        await reply(update, context, text, t=t)


async def _add(
    update: Update, context: BotContext, t: Texts, words: list[str], user_id: int
) -> None:
    try:
        price, name = parse_item(words)
    except InputError as err:
        text = t.error(err)
        if err.reason == "amount.format":  # "Uniforme 450": the price comes first
            text += "\n\n" + t("shop.add.order")
        await reply(update, context, text, t=t)
        return
    item = await context.services.shop.add(price, name, user_id)
    text = t("shop.added", name=item.name, price=t.money(item.price), number=str(item.item_id))
    await reply(update, context, text, t=t)


async def _remove(
    update: Update, context: BotContext, t: Texts, words: list[str], user_id: int
) -> None:
    number = words[0].lstrip("#") if len(words) == 1 else ""
    if not number.isdigit() or len(number) > 9:
        await reply(update, context, t("shop.remove.usage"), t=t)
        return
    item = await context.services.shop.remove(int(number), user_id)
    if item is None:
        await reply(update, context, t("shop.remove.unknown", number=number), t=t)
        return
    await reply(update, context, t("shop.removed", name=item.name, price=t.money(item.price)), t=t)


async def show_list(update: Update, context: BotContext, t: Texts) -> None:
    """The items on sale with the numbers staff quote to remove them."""
    items = await context.services.shop.on_sale()
    lines = [t("shop.list.title")]
    if not items:
        lines.append(t("shop.list.empty"))
    for item in items:
        lines.append(
            t(
                "shop.list.line",
                number=str(item.item_id),
                name=item.name,
                price=t.money(item.price),
            )
        )
    lines.append("\n" + t("shop.list.help"))
    await reply(update, context, "\n".join(lines), t=t)
