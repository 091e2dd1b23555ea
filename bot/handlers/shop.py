"""/shop (/tienda): the school shop. Staff's words (add, remove, list) go to shop_admin.py;
a parent in a linked private chat buys: item, which child (only when several are linked),
how many, a summary with Confirm; Confirm makes exactly one invoice payment session for that
child (bot.services.shop) and the checkout link comes in this chat; the receipt follows when it
is paid (the invoice is watched). In a group nothing but "write to me privately".

The picks carry what they mean (an item id, an index among the chat's children, a quantity) and
the draft in ``user_data`` keeps the rest, so they work whatever step the chat is at; the typed
quantity is the one state of the conversation (bot.handlers.billing_flows holds it).

```mermaid
stateDiagram-v2
    [*] --> Items: /shop
    Items --> Child: an item (several children)
    Items --> Quantity: an item (one child)
    Child --> Quantity: a child
    Quantity --> Summary: a button, or a number typed
    Quantity --> Quantity: not a number (explained)
    Summary --> [*]: Confirm / Cancel (shop_confirm.py, exactly once)
```
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.handlers.confirm import answer_press
from bot.handlers.shop_admin import MANAGE_WORDS, manage, show_list
from bot.handlers.shop_confirm import confirm_keyboard, show
from bot.handlers.ui import callbacks
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import (
    Role,
    is_private,
    plain,
    reply,
    role_of,
    texts_for,
)
from bot.handlers.ui.drafts import FlowDraft, drop_draft, load_draft, save_draft
from bot.handlers.ui.private_links import invite_to_private
from bot.parsing import InputError
from bot.services.billing_results import Proposal
from bot.services.shop import MAX_QUANTITY, ItemGone, NoUsername, parse_quantity
from bot.texts import Texts

QUANTITY = 40
QUICK_QUANTITIES = (1, 2, 3, 4, 5)
MAX_ITEM_BUTTONS = 50
TEXT = filters.TEXT & ~filters.COMMAND


class ShopFlowDraft(FlowDraft):
    """What the parent picked so far (``children``: the ids the child buttons index)."""

    flow: Literal["shop"] = "shop"
    item_id: int | None = None
    customer_id: str | None = None
    children: list[str] = Field(default_factory=list)


def _draft(context: BotContext) -> ShopFlowDraft:
    return load_draft(context, ShopFlowDraft)


async def shop_command(update: Update, context: BotContext) -> int:
    """/shop: staff's words to manage it; otherwise a parent's list of items to buy."""
    t = await texts_for(update, context)
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if not is_private(update):
        await invite_to_private(update, context, t)
        return ConversationHandler.END
    args = context.args or []
    role = await role_of(context, user.id)
    if args and (args[0].lower() in MANAGE_WORDS or role >= Role.STAFF):
        await manage(update, context, t, args)
        return ConversationHandler.END
    shop = context.services.shop
    if not await shop.children(chat.id):
        if role >= Role.STAFF:
            await show_list(update, context, t)
        else:
            await reply(update, context, t("parents.not_linked"), t=t)
        return ConversationHandler.END
    items = await shop.on_sale()
    if not items:
        await reply(update, context, t("shop.empty"), t=t)
        return ConversationHandler.END
    save_draft(context, ShopFlowDraft())
    buttons = [
        [
            InlineKeyboardButton(
                plain(t("shop.item_button", name=item.name, price=t.money(item.price))),
                callback_data=callbacks.SHOP_ITEM.data(str(item.item_id)),
            )
        ]
        for item in items[:MAX_ITEM_BUTTONS]
    ]
    await reply(
        update, context, t("shop.pick_item"), t=t, reply_markup=InlineKeyboardMarkup(buttons)
    )
    return ConversationHandler.END


async def _pressed(update: Update, context: BotContext) -> tuple[CallbackQuery, Texts] | None:
    """A pick's query, answered; None (and the reason said) outside a linked private chat."""
    query = update.callback_query
    assert query is not None
    t = await texts_for(update, context)
    await answer_press(query)
    if not is_private(update):
        await invite_to_private(update, context, t)
        return None
    return query, t


async def item_pressed(update: Update, context: BotContext) -> int:
    """An item: ask for which child (several linked), else how many."""
    pressed = await _pressed(update, context)
    chat = update.effective_chat
    if pressed is None or chat is None:
        return ConversationHandler.END
    query, t = pressed
    assert query.data is not None
    shop = context.services.shop
    item = await shop.item(int(callbacks.value(query.data)))
    if item is None:
        await show(update, context, t, t("shop.item_gone"))
        return ConversationHandler.END
    children = await shop.children(chat.id)
    if not children:
        await show(update, context, t, t("parents.not_linked"))
        return ConversationHandler.END
    draft = ShopFlowDraft(item_id=item.item_id, children=[c.customer_id for c in children])
    if len(children) == 1:
        draft.customer_id = children[0].customer_id
        save_draft(context, draft)
        return await _ask_quantity(update, context, t, draft)
    save_draft(context, draft)
    buttons = [
        [
            InlineKeyboardButton(
                plain(link.customer_name), callback_data=callbacks.SHOP_CHILD.data(str(i))
            )
        ]
        for i, link in enumerate(children[:20])
    ]
    text = t("shop.pick_child", item=item.name, price=t.money(item.price))
    await show(update, context, t, text, InlineKeyboardMarkup(buttons))
    return ConversationHandler.END


async def child_pressed(update: Update, context: BotContext) -> int:
    """A child: ask how many."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return ConversationHandler.END
    query, t = pressed
    assert query.data is not None
    draft = _draft(context)
    index = int(callbacks.value(query.data))
    if draft.item_id is None or index >= len(draft.children):
        await show(update, context, t, t("shop.stale"))
        return ConversationHandler.END
    draft.customer_id = draft.children[index]
    save_draft(context, draft)
    return await _ask_quantity(update, context, t, draft)


async def _ask_quantity(
    update: Update, context: BotContext, t: Texts, draft: ShopFlowDraft
) -> int:
    chat = update.effective_chat
    assert chat is not None and draft.item_id is not None
    shop = context.services.shop
    item = await shop.item(draft.item_id)
    names = {c.customer_id: c.customer_name for c in await shop.children(chat.id)}
    if item is None:
        await show(update, context, t, t("shop.item_gone"))
        return ConversationHandler.END
    if draft.customer_id not in names:
        await show(update, context, t, t("shop.not_linked_child"))
        return ConversationHandler.END
    row = [
        InlineKeyboardButton(str(n), callback_data=callbacks.SHOP_QUANTITY.data(str(n)))
        for n in QUICK_QUANTITIES
    ]
    text = t(
        "shop.pick_quantity",
        item=item.name,
        price=t.money(item.price),
        name=names[draft.customer_id],
    )
    await show(update, context, t, text, InlineKeyboardMarkup([row]))
    return QUANTITY


async def quantity_pressed(update: Update, context: BotContext) -> int:
    """A quantity button: the summary."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return ConversationHandler.END
    query, t = pressed
    assert query.data is not None
    return await _summary(update, context, t, int(callbacks.value(query.data)), edit=True)


async def quantity_typed(update: Update, context: BotContext) -> int:
    """A quantity typed (``2``, ``dos``): the summary; anything else is explained."""
    t = await texts_for(update, context)
    message = update.effective_message
    assert message is not None and message.text is not None
    try:
        quantity = parse_quantity(message.text)
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return QUANTITY
    return await _summary(update, context, t, quantity, edit=False)


async def _summary(
    update: Update, context: BotContext, t: Texts, quantity: int, *, edit: bool
) -> int:
    """Record the purchase (pending) and show it with Confirm / Cancel."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    draft = _draft(context)
    if draft.item_id is None or draft.customer_id is None or not 1 <= quantity <= MAX_QUANTITY:
        await show(update, context, t, t("shop.stale"), edit=edit)
        return ConversationHandler.END
    outcome = await context.services.shop.propose(
        chat.id, user.id, draft.item_id, draft.customer_id, quantity
    )
    drop_draft(context)
    if isinstance(outcome, Proposal):
        p = outcome.payload
        text = t(
            "shop.summary",
            item=p.item_name,
            name=p.customer_name,
            quantity=str(p.quantity),
            price=t.money(p.unit_price),
            total=t.money(p.amount),
        )
        await show(update, context, t, text, confirm_keyboard(t, outcome.op_id), edit=edit)
    elif isinstance(outcome, NoUsername):
        await show(
            update, context, t, t("shop.no_username", name=outcome.customer_name), edit=edit
        )
    elif isinstance(outcome, ItemGone):
        await show(update, context, t, t("shop.item_gone"), edit=edit)
    else:
        await show(update, context, t, t("shop.not_linked_child"), edit=edit)
    return ConversationHandler.END


ENTRY_POINTS: list[BaseHandler[Update, BotContext, Any]] = [
    CommandHandler(names("shop"), shop_command),
    CallbackQueryHandler(item_pressed, pattern=callbacks.SHOP_ITEM.pattern),
    CallbackQueryHandler(child_pressed, pattern=callbacks.SHOP_CHILD.pattern),
    CallbackQueryHandler(quantity_pressed, pattern=callbacks.SHOP_QUANTITY.pattern),
]
STATES: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
    QUANTITY: [MessageHandler(TEXT, quantity_typed)],
}
