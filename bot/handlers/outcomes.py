"""What staff read after a Confirm or Cancel button: the result of each kind of operation,
or what happened to an earlier press."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import billing_error_text
from bot.handlers.ui.private_links import is_public_https
from bot.quentli.errors import QuentliError
from bot.services.billing_payloads import (
    KIND_CHARGE,
    KIND_CHECKOUT,
    KIND_INVOICE,
    KIND_MARK_PAID,
    KIND_VOID,
    Change,
)
from bot.services.billing_results import (
    Changed,
    Charged,
    ChargeOutcome,
    Done,
    Failed,
    InvoiceCreated,
    MarkedPaid,
    OperationRecord,
    OperationResult,
    OperationState,
    Voided,
)
from bot.services.operations import OP_EXPIRED, OP_TTL
from bot.services.shop_purchase import KIND_SHOP, ShopPurchased
from bot.texts import Texts

Reply = tuple[str, InlineKeyboardMarkup | None]
R = TypeVar("R", bound=OperationResult)


def check_hint(op: OperationRecord) -> str:
    """What to pass to /customer to check an operation's customer."""
    return op.payload.check_hint


def link_block(t: Texts, url: str, expires_at: datetime | None) -> Reply:
    """A payment link: as a URL button when Telegram takes it (public https), else as text.

    The text always carries the link too, so staff can copy and forward it by hand.
    """
    if expires_at is None:
        text = t("billing.link.block_plain", url=url)
    else:
        text = t("billing.link.block", url=url, expires=t.datetime(expires_at))
    if is_public_https(url):
        button = InlineKeyboardButton(t("billing.link.button"), url=url)
        return text, InlineKeyboardMarkup([[button]])
    return text, None


def _result(done: Done, model: type[R]) -> R:
    """The result of ``done`` as the model its kind records."""
    if not isinstance(done.result, model):
        raise TypeError(f"{done.op.kind} recorded a {type(done.result).__name__}")
    return done.result


async def _invoice_created(context: BotContext, t: Texts, done: Done) -> Reply:
    r = _result(done, InvoiceCreated)
    text = t(
        "billing.invoice.created",
        name=r.customer_name,
        concept=r.description,
        amount=t.money(r.amount),
        due=t.date(r.due_date),
        invoice_id=r.invoice_id,
    )
    link_text, markup = await _fresh_link(context, t, r.invoice_id)
    return text + "\n\n" + link_text, markup


async def _marked_paid(context: BotContext, t: Texts, done: Done) -> Reply:
    r = _result(done, MarkedPaid)
    text = t(
        "billing.markpaid.done",
        name=r.customer_name,
        concept=r.concept,
        amount=t.money(r.amount),
        paid_on=t.date(r.payment_time),
        invoice_id=r.invoice_id,
    )
    method = getattr(done.op.payload, "method", None)
    if method is not None:
        text += "\n" + t("card.markpaid.method_line", method=t(f"card.method.{method}"))
    return text, None


_CHARGE_TEXTS = {
    ChargeOutcome.OK: "billing.charge.paid",
    ChargeOutcome.NO_CARD: "billing.charge.no_card",
    ChargeOutcome.DECLINED: "billing.charge.declined",
}


async def _charged(context: BotContext, t: Texts, done: Done) -> Reply:
    r = _result(done, Charged)
    key = _CHARGE_TEXTS[r.outcome]
    return t(key, name=r.customer_name, amount=t.money(r.amount), invoice_id=r.invoice_id), None


async def _voided(context: BotContext, t: Texts, done: Done) -> Reply:
    r = _result(done, Voided)
    text = t(
        "billing.void.done",
        name=r.customer_name,
        concept=r.concept or "—",
        amount=t.money(r.amount),
        invoice_id=r.invoice_id,
    )
    return text, None


async def _checkout_created(context: BotContext, t: Texts, done: Done) -> Reply:
    r = _result(done, InvoiceCreated)
    values = {
        "name": r.customer_name,
        "concept": r.description,
        "amount": t.money(r.amount),
        "due": t.date(r.due_date),
        "invoice_id": r.invoice_id,
    }
    if done.checkout_url is None:
        return t("billing.checkout.created_again", **values), None
    link_text, markup = link_block(t, done.checkout_url, None)
    return t("billing.checkout.created", **values) + "\n\n" + link_text, markup


async def _shop_purchased(context: BotContext, t: Texts, done: Done) -> Reply:
    """A parent's purchase (its link goes to the parent only: bot.handlers.shop)."""
    r = _result(done, ShopPurchased)
    values = {"quantity": str(r.quantity), "item": r.item_name, "name": r.customer_name}
    return t("shop.recorded", total=t.money(r.amount), **values), None


#: How staff read the result of each kind of operation.
DONE_REPLIES: dict[str, Callable[[BotContext, Texts, Done], Awaitable[Reply]]] = {
    KIND_INVOICE: _invoice_created,
    KIND_MARK_PAID: _marked_paid,
    KIND_CHARGE: _charged,
    KIND_CHECKOUT: _checkout_created,
    KIND_SHOP: _shop_purchased,
    KIND_VOID: _voided,
}


async def done_reply(context: BotContext, t: Texts, done: Done) -> Reply:
    """The result of a finished operation (first press, or shown again)."""
    try:
        render = DONE_REPLIES[done.op.kind]
    except KeyError:
        raise ValueError(f"unknown operation kind {done.op.kind!r}") from None
    text, markup = await render(context, t, done)
    head = "" if done.first else t("billing.earlier.done") + "\n\n"
    if done.notified == 0 and done.op.kind in _PAYMENTS:
        customer_id = done.result.customer_id
        if await context.services.linking.linked_chat_count(customer_id):
            # Linked, but every chat blocked the bot: the receipt waits for them to write.
            return head + text + "\n\n" + t("card.notified.blocked_paid"), markup
        # Nobody was told of a payment: there is no link to forward, only an invite to offer.
        invite, button = _invite_offer(t, done)
        return head + text + invite, markup or button
    return head + text + _notified(t, done), markup


#: Kinds whose result is a paid invoice: no payment link is offered after them.
_PAYMENTS = frozenset({KIND_MARK_PAID, KIND_CHARGE})


def _notified(t: Texts, done: Done) -> str:
    if done.notified is None:
        return ""
    if done.notified == 0:
        return "\n\n" + t("billing.notified.none")
    return "\n\n" + t("billing.notified.some", count=done.notified)


def _invite_offer(t: Texts, done: Done) -> Reply:
    """No linked chat heard of the payment: say so, with a button that makes an invite."""
    who = done.op.payload.who
    text = "\n\n" + t("card.notified.none_paid", who=who)
    data = callbacks.INVITE_PICK.data_if_fits(done.result.customer_id)
    if data is None:
        return text, None
    button = InlineKeyboardButton(t("card.invite_button"), callback_data=data)
    return text, InlineKeyboardMarkup([[button]])


async def _fresh_link(context: BotContext, t: Texts, invoice_id: str) -> Reply:
    try:
        link = await context.services.billing.payment_link(invoice_id)
    except QuentliError:
        return t("billing.link.later", invoice_id=invoice_id), None
    return link_block(t, link.url, link.expires_at)


def failed_text(t: Texts, failed: Failed) -> str:
    """The first press failed: what Quentli said, or that nobody knows whether it landed."""
    if failed.before_write:
        return t("billing.recheck.failed", **_redo(t, failed.op))
    return billing_error_text(t, failed.error, check=check_hint(failed.op))


def _redo(t: Texts, op: OperationRecord) -> dict[str, str]:
    """The values the re-read texts share: the invoice, what was not done, how to redo it."""
    kind = op.kind
    return {
        "invoice_id": op.payload.invoice_ref or "",
        "nothing": t(f"billing.nothing.{kind}") if t.has(f"billing.nothing.{kind}") else "",
        "command": t(f"billing.command.{kind}") if t.has(f"billing.command.{kind}") else "",
    }


def changed_text(t: Texts, changed: Changed) -> str:
    """The invoice changed in Quentli after the summary: what changed; nothing was sent."""
    p = changed.op.payload
    values = _redo(t, changed.op)
    invoice = changed.invoice
    if invoice is None:
        return t("billing.changed.gone", **values)
    if changed.what == Change.AMOUNT:
        now, was = t.money(invoice.outstanding), t.money(p.amount)
        return t("billing.changed.amount", now=now, was=was, **values)
    if changed.what == Change.CUSTOMER:
        return t("billing.changed.customer", name=p.who, customer_id=invoice.customer_id, **values)
    if changed.what == Change.CANCELLED:
        return t("billing.changed.cancelled", **values)
    return t("billing.changed.paid", check=check_hint(changed.op), **values)


def expired_text(t: Texts) -> str:
    """A Confirm pressed after the summary expired: nothing was sent."""
    return t("billing.op.expired", minutes=int(OP_TTL.total_seconds() // 60))


def earlier_text(t: Texts, op: OperationRecord) -> str:
    """An earlier press already started this operation: tell what became of it."""
    check = check_hint(op)
    if op.state == OperationState.CANCELLED:
        return expired_text(t) if op.error == OP_EXPIRED else t("billing.earlier.cancelled")
    if op.state == OperationState.FAILED:
        return t("billing.earlier.failed")
    if op.state == OperationState.UNKNOWN:
        return t("billing.earlier.unknown", check=check)
    return t("billing.earlier.in_flight", check=check)


#: How many cancelled operations /cancel lists one by one.
MAX_CANCELLED_LINES = 10


def cancelled_text(t: Texts, ops: list[OperationRecord]) -> str:
    """What /cancel cancelled: one line per operation whose summary waited for Confirm."""
    lines = [t("billing.pending.cancelled")]
    for op in ops[:MAX_CANCELLED_LINES]:
        p = op.payload
        what_key = f"billing.pending.{op.kind}"
        lines.append(
            t(
                "billing.pending.line",
                what=t(what_key) if t.has(what_key) else op.kind,
                name=p.who or "—",
                concept=p.what or "—",
                amount=t.money(p.amount),
            )
        )
    hidden = len(ops) - MAX_CANCELLED_LINES
    if hidden > 0:
        lines.append(t("billing.customer.more", count=hidden))
    return "\n".join(lines)


__all__ = [
    "DONE_REPLIES",
    "MAX_CANCELLED_LINES",
    "cancelled_text",
    "changed_text",
    "check_hint",
    "done_reply",
    "earlier_text",
    "expired_text",
    "failed_text",
    "link_block",
]
