"""A parent sends a proof of payment (a photo, a PDF, an image as a file): which invoice is it for?

photo/PDF -> "which payment?" (their unpaid invoices across every linked child, and "another
payment") -> stored and sent to the office (bot.handlers.proof_review) -> the parent is told it
arrived. An unlinked chat is told to link first (nothing is stored); a file too big or of
another type gets what is expected.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.context import BotContext
from bot.handlers.errors import quentli_error_text
from bot.handlers.ui import callbacks
from bot.handlers.ui.common import (
    Role,
    edit_or_reply,
    is_private,
    plain,
    reply,
    role_of,
    texts_for,
)
from bot.handlers.ui.proof_cards import invoice_label, send_to_office
from bot.quentli.errors import QuentliError
from bot.services.parents import OwedInvoice
from bot.services.proofs import MAX_PROOF_BYTES, Asking, ProofFile, ProofGone, ProofKind
from bot.texts import Texts

log = logging.getLogger(__name__)

MAX_INVOICE_BUTTONS = 20
MB = 1024 * 1024

PROOF_FILES = filters.PHOTO | filters.Document.PDF | filters.Document.IMAGE


@dataclass(frozen=True, slots=True)
class _Upload:
    file_id: str
    kind: ProofKind
    size: int | None


def _upload(message: Message) -> _Upload | None:
    if message.photo:
        largest = message.photo[-1]  # Telegram lists the sizes smallest first
        return _Upload(largest.file_id, ProofKind.PHOTO, largest.file_size)
    if message.document is not None:
        return _Upload(message.document.file_id, ProofKind.DOCUMENT, message.document.file_size)
    return None


async def proof_file(update: Update, context: BotContext) -> None:
    """A photo or a PDF in a private chat: store it and ask which invoice it is for."""
    t = await texts_for(update, context)
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    upload = _upload(message)
    if upload is None:
        return
    if upload.size is not None and upload.size > MAX_PROOF_BYTES:
        size = f"{upload.size / MB:.1f}"
        limit = MAX_PROOF_BYTES // MB
        await reply(update, context, t("proofs.too_big", size=size, limit=limit), t=t)
        return
    file = ProofFile(upload.file_id, upload.kind, message.chat_id, user.id, message.caption)
    try:
        received = await context.services.proofs.receive(file)
    except QuentliError as exc:
        log.warning("Quentli read failed: %s", type(exc).__name__)
        await reply(update, context, quentli_error_text(t, exc, Role.PARENT), t=t)
        return
    if not isinstance(received, Asking):
        await reply(update, context, await _not_linked(context, t, user.id), t=t)
        return
    key = "proofs.ask" if received.invoices else "proofs.ask_none"
    markup = _choices(t, received.proof_id, received.invoices)
    await reply(update, context, t(key), t=t, reply_markup=markup)


async def _not_linked(context: BotContext, t: Texts, user_id: int | None) -> str:
    """A file from a chat linked to no family: a parent is told to link it; staff, that
    proofs come from the families and /proofs lists the ones to review."""
    if await role_of(context, user_id) >= Role.STAFF:
        return t("proofs.staff_file")
    return t("proofs.not_linked")


def _choices(t: Texts, proof_id: int, invoices: list[OwedInvoice]) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    for item in invoices[:MAX_INVOICE_BUTTONS]:
        data = callbacks.PROOF_INVOICE.data_if_fits(str(proof_id), item.invoice.id)
        if data is None:
            continue
        rows.append([InlineKeyboardButton(invoice_label(t, item), callback_data=data)])
    other = "proofs.other_button" if invoices else "proofs.send_button"
    data = callbacks.PROOF_INVOICE.data(str(proof_id), "-")
    rows.append([InlineKeyboardButton(plain(t(other)), callback_data=data)])
    return InlineKeyboardMarkup(rows)


async def wrong_file(update: Update, context: BotContext) -> None:
    """A document that is not a photo or a PDF: say what is taken (nothing is stored)."""
    t = await texts_for(update, context)
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    assert message is not None and chat is not None
    if not await context.services.parents.links(chat.id):
        text = await _not_linked(context, t, user.id if user else None)
        await reply(update, context, text, t=t)
        return
    name = message.document.file_name if message.document is not None else None
    await reply(update, context, t("proofs.wrong_type", file=name or "—"), t=t)


async def invoice_chosen(update: Update, context: BotContext) -> None:
    """The parent picked the invoice (or "another payment"): the office gets the proof."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and query.data is not None and chat is not None
    t = await texts_for(update, context)
    if not is_private(update):
        await query.answer()
        return
    proof_id, rest = callbacks.proof_parts(query.data)
    await query.answer()
    try:
        chosen = await context.services.proofs.choose(
            proof_id, chat.id, None if rest == "-" else rest
        )
    except QuentliError as exc:
        log.warning("Quentli read failed: %s", type(exc).__name__)
        await reply(update, context, quentli_error_text(t, exc, Role.PARENT), t=t)
        return
    if isinstance(chosen, ProofGone):
        await edit_or_reply(update, context, t("proofs.gone"), t=t)
        return
    invoice = chosen.invoice
    if invoice is not None and invoice.invoice_id is not None and invoice.amount is not None:
        text = t(
            "proofs.received",
            name=invoice.customer_name,
            concept=invoice.concept or "—",
            amount=t.money(invoice.amount),
        )
    else:
        text = t("proofs.received_other")
    await edit_or_reply(update, context, text, t=t)
    await send_to_office(context, chosen)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Photos and PDFs in a private chat, other documents, the choice. A staff member's
    spreadsheet never gets here (bulk invoicing takes it first); anyone else's is answered
    like any other file that is not a proof."""
    private = filters.ChatType.PRIVATE
    return [
        MessageHandler(private & PROOF_FILES, proof_file),
        MessageHandler(private & filters.Document.ALL, wrong_file),
        CallbackQueryHandler(invoice_chosen, pattern=callbacks.PROOF_INVOICE.pattern),
    ]
