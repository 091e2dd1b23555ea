"""The Confirm / Cancel of a parent's purchase in the school shop (bot.handlers.shop shows the
summary): ``tbuy:<op_id>:ok`` / ``tbuy:<op_id>:no``.

Confirm makes exactly one invoice payment session, whatever the taps: a double tap, Telegram
delivering the press again or a restart get what became of the first press (the operations
engine, bot.services.operations). Only the parent who prepared it, in their private chat, may
press; the child's link and the item are checked again on the server side
(:meth:`~bot.services.shop.ShopService.confirm`). The checkout link (a credential) is shown
on the first answer only and never stored; a repeated press offers the Pay button instead,
which fetches a fresh link after checking the invoice is this chat's.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.handlers.confirm import answer_press
from bot.handlers.ui import callbacks
from bot.handlers.ui.common import edit_or_reply, is_private, plain, reply, texts_for
from bot.handlers.ui.private_links import is_public_https
from bot.services.billing_results import (
    Cancelled,
    Done,
    Earlier,
    Expired,
    Failed,
    Missing,
    NotYours,
    OperationState,
)
from bot.services.operations import OP_EXPIRED, OP_TTL
from bot.services.shop import ItemGone, NotLinked
from bot.services.shop_purchase import ShopPurchased, ShopPurchasePayload
from bot.texts import Texts

__all__ = ["build_handlers", "confirm_keyboard", "show"]


def confirm_keyboard(t: Texts, op_id: str) -> InlineKeyboardMarkup:
    """Confirm / Cancel of the pending purchase ``op_id``."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    plain(t("button.confirm")), callback_data=callbacks.SHOP_OP.data(op_id, "ok")
                ),
                InlineKeyboardButton(
                    plain(t("button.cancel")), callback_data=callbacks.SHOP_OP.data(op_id, "no")
                ),
            ]
        ]
    )


async def purchase_pressed(update: Update, context: BotContext) -> None:
    """Confirm or Cancel of a purchase: the session is made once, whatever the taps."""
    query = update.callback_query
    user, chat = update.effective_user, update.effective_chat
    assert query is not None and query.data is not None and user is not None and chat is not None
    t = await texts_for(update, context)
    op_id, choice = callbacks.op_choice(query.data)
    shop = context.services.shop
    op = await shop.engine.operation(op_id)
    if op is None or not isinstance(op.payload, ShopPurchasePayload):
        await answer_press(query, t("shop.invalid"), alert=True)
        return
    if op.created_by != user.id or not is_private(update):
        await answer_press(query, t("shop.not_yours"), alert=True)
        return
    await answer_press(query)
    if choice == "no":
        cancelled = await shop.cancel(op_id, user.id)
        if isinstance(cancelled, Cancelled):
            await show(update, context, t, t("shop.cancelled"))
        elif isinstance(cancelled, Done | Earlier):
            await show(update, context, t, *_outcome(t, cancelled))
        return
    if op.state == OperationState.PENDING and not shop.engine.expired(op):
        await show(update, context, t, t("shop.working"))
    outcome = await shop.confirm(op_id, chat.id, user.id)
    if isinstance(outcome, NotLinked):
        await show(update, context, t, t("shop.not_linked_child"))
    elif isinstance(outcome, ItemGone):
        await show(update, context, t, t("shop.item_gone"))
    elif isinstance(outcome, NotYours | Missing):
        await show(update, context, t, t("shop.invalid"))
    elif isinstance(outcome, Expired):
        await show(update, context, t, _expired(t))
    elif isinstance(outcome, Failed):
        await show(update, context, t, t("shop.unknown" if outcome.unknown else "shop.failed"))
    elif isinstance(outcome, Done | Earlier):
        await show(update, context, t, *_outcome(t, outcome))
    else:  # Changed: only the re-reading kinds come to it
        await show(update, context, t, t("shop.failed"))


def _expired(t: Texts) -> str:
    return t("shop.expired", minutes=int(OP_TTL.total_seconds() // 60))


def _outcome(t: Texts, outcome: Done | Earlier) -> tuple[str, InlineKeyboardMarkup | None]:
    """A finished purchase (its link on the first press), or what became of an earlier one."""
    if isinstance(outcome, Earlier):
        state = outcome.op.state
        if state == OperationState.CANCELLED:
            if outcome.op.error == OP_EXPIRED:
                return _expired(t), None
            return t("shop.earlier.cancelled"), None
        if state == OperationState.FAILED:
            return t("shop.earlier.failed"), None
        if state == OperationState.UNKNOWN:
            return t("shop.unknown"), None
        return t("shop.earlier.in_flight"), None
    r = outcome.result
    assert isinstance(r, ShopPurchased)
    values = {
        "quantity": str(r.quantity),
        "item": r.item_name,
        "name": r.customer_name,
        "total": t.money(r.amount),
    }
    payload = outcome.op.payload
    if r.customer_id != payload.customer_ref:
        return t("shop.done_elsewhere"), None
    url = outcome.checkout_url
    if url is None:
        data = callbacks.PAY.data_if_fits(r.invoice_id)
        pay = [[InlineKeyboardButton(plain(t("pay.open_button")), callback_data=data)]]
        return t("shop.done_again", **values), InlineKeyboardMarkup(pay) if data else None
    text = t("shop.done", **values)
    if is_public_https(url):
        button = InlineKeyboardButton(plain(t("pay.open_button")), url=url)
        return text, InlineKeyboardMarkup([[button]])
    return text + t("pay.link_inline", url=url), None


async def show(
    update: Update,
    context: BotContext,
    t: Texts,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    edit: bool = True,
) -> None:
    """Replace the pressed message with ``text`` (``edit``), else (or if that fails) send it."""
    options = LinkPreviewOptions(is_disabled=True)
    if edit:
        try:
            await edit_or_reply(
                update, context, text, t=t, reply_markup=markup, link_preview_options=options
            )
            return
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return
    await reply(update, context, text, t=t, reply_markup=markup, link_preview_options=options)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The purchases' Confirm / Cancel (the picks are in the flows' conversation)."""
    return [CallbackQueryHandler(purchase_pressed, pattern=callbacks.SHOP_OP.pattern)]
