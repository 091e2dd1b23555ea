"""A proof of payment as the office sees it: the file itself, its caption and its buttons.

The caption names the family, the invoice and the amount, and what the parent wrote without any
link (SPEC rule 1); the buttons are Approve / Reject, then the payment date or the reason.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.common import plain
from bot.parsing import today
from bot.services.parents import OwedInvoice
from bot.services.proofs import Proof, ProofKind, ProofState, Reason
from bot.texts import Texts

__all__ = [
    "CONCEPT_CHARS",
    "dates_keyboard",
    "invoice_label",
    "invoices_keyboard",
    "post_proof",
    "proof_caption",
    "reasons_keyboard",
    "review_keyboard",
    "reviewed_caption",
    "send_to_office",
    "short",
    "without_links",
]

log = logging.getLogger(__name__)

CAPTION_CHARS = 200
CONCEPT_CHARS = 100
MAX_INVOICES = 20
BUTTON_CHARS = 60


# A link the parent pasted in the caption (their payment link, say) is a credential: never in
# the office (SPEC rule 1). Schemes, www. and host/path shapes are all dropped.
_LINK = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")


def without_links(text: str) -> str:
    """``text`` with every link replaced by ``[…]``."""
    return _LINK.sub("[…]", text)


def short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def proof_caption(t: Texts, proof: Proof) -> str:
    """What the office reads under the file: the family, the invoice, the amount (no link)."""
    invoice = proof.invoice
    day = t.date(proof.created_at)
    name = short(invoice.customer_name if invoice else "—", CONCEPT_CHARS)
    if invoice is not None and invoice.invoice_id is not None and invoice.amount is not None:
        concept = short(invoice.concept or invoice.invoice_id, CONCEPT_CHARS)
        text = t(
            "proofs.office", name=name, concept=concept, amount=t.money(invoice.amount), day=day
        )
    else:
        text = t("proofs.office_other", name=name, day=day)
    if proof.file.caption:
        caption = short(without_links(proof.file.caption), CAPTION_CHARS)
        text += "\n" + t("proofs.office_caption", caption=caption)
    return text


def reviewed_caption(t: Texts, proof: Proof, paid_on: date | None = None) -> str:
    """The caption of a reviewed proof: no longer "to review", and who reviewed it and how
    (approved, paid on ``paid_on`` when known; rejected, and why)."""
    reviewer = proof.reviewer_name or "—"
    if proof.state == ProofState.REJECTED:
        reason = t(f"proofs.reason.{Reason(proof.reason or Reason.OTHER).value}")
        outcome = t("proofs.reviewed_rejected", reviewer=reviewer, reason=reason)
    elif paid_on is not None:
        outcome = t("proofs.reviewed_approved_on", reviewer=reviewer, paid_on=t.date(paid_on))
    else:
        outcome = t("proofs.reviewed_approved", reviewer=reviewer)
    # the first line of the caption says "to review": it is replaced
    body = proof_caption(t, proof).partition("\n")[2]
    return f"{t('proofs.office_reviewed')}\n{body}\n\n{outcome}"


def review_keyboard(t: Texts, proof_id: int) -> InlineKeyboardMarkup:
    """Approve / Reject."""
    pid = str(proof_id)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    plain(t("proofs.approve_button")),
                    callback_data=callbacks.PROOF_APPROVE.data(pid),
                ),
                InlineKeyboardButton(
                    plain(t("proofs.reject_button")),
                    callback_data=callbacks.PROOF_REJECT.data(pid),
                ),
            ]
        ]
    )


def dates_keyboard(t: Texts, proof_id: int) -> InlineKeyboardMarkup:
    pid, now = str(proof_id), today(t.tz)
    rows = [
        [
            InlineKeyboardButton(
                plain(t(key, day=t.date(now - timedelta(days=ago)))),
                callback_data=callbacks.PROOF_DATE.data(pid, str(ago)),
            )
        ]
        for key, ago in (("proofs.today_button", 0), ("proofs.yesterday_button", 1))
    ]
    rows.append(_back(t, pid))
    return InlineKeyboardMarkup(rows)


def reasons_keyboard(t: Texts, proof_id: int) -> InlineKeyboardMarkup:
    pid = str(proof_id)
    rows = [
        [
            InlineKeyboardButton(
                plain(t(f"proofs.reason.{reason.value}")),
                callback_data=callbacks.PROOF_REASON.data(pid, reason.value),
            )
        ]
        for reason in Reason
    ]
    rows.append(_back(t, pid))
    return InlineKeyboardMarkup(rows)


def invoices_keyboard(t: Texts, proof_id: int, owed: list[OwedInvoice]) -> InlineKeyboardMarkup:
    """The family's unpaid invoices, for a proof sent as "another payment"."""
    pid = str(proof_id)
    rows: list[list[InlineKeyboardButton]] = []
    for item in owed[:MAX_INVOICES]:
        data = callbacks.PROOF_PICK.data_if_fits(pid, item.invoice.id)
        if data is not None:
            rows.append([InlineKeyboardButton(invoice_label(t, item), callback_data=data)])
    rows.append(_back(t, pid))
    return InlineKeyboardMarkup(rows)


def invoice_label(t: Texts, item: OwedInvoice) -> str:
    """A button naming an unpaid invoice: the child's first name, the concept, the amount."""
    label = t(
        "proofs.invoice_button",
        name=item.customer_name.split()[0] if item.customer_name.strip() else "—",
        concept=item.invoice.concept_text or item.invoice.id,
        amount=t.money(item.invoice.outstanding),
    )
    return plain(label)[:BUTTON_CHARS]


def _back(t: Texts, pid: str) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            plain(t("proofs.back_button")), callback_data=callbacks.PROOF_BACK.data(pid)
        )
    ]


async def post_proof(context: BotContext, chat_id: int, t: Texts, proof: Proof) -> bool:
    """Send the proof's file itself (by Telegram's ``file_id``) with its caption and buttons;
    False when Telegram refused (an admin who never opened a chat with the bot)."""
    caption = proof_caption(t, proof)
    markup = review_keyboard(t, proof.proof_id)
    try:
        if proof.file.kind == ProofKind.PHOTO:
            await context.bot.send_photo(chat_id, proof.file.file_id, caption, reply_markup=markup)
        else:
            await context.bot.send_document(
                chat_id, proof.file.file_id, caption=caption, reply_markup=markup
            )
    except Forbidden as exc:
        # the bot was removed from the office group: the admins are told and get the proofs
        log.warning("could not send a proof of payment to an office chat: %s", exc)
        await context.services.office.office_unreachable(chat_id)
        return False
    except TelegramError as exc:
        log.warning("could not send a proof of payment to an office chat: %s", exc)
        return False
    return True


async def send_to_office(context: BotContext, proof: Proof) -> int:
    """The proof to every office chat that can be reached (else the admins), each in its
    language; how many got it."""
    services = context.services
    sent = 0
    for chat_id in await services.office.recipients():
        sent += await _post_in_its_language(context, chat_id, proof)
    if sent == 0:
        # the office group refused it just now: the admins get it instead
        for chat_id in await services.office.recipients():
            sent += await _post_in_its_language(context, chat_id, proof)
    return sent


async def _post_in_its_language(context: BotContext, chat_id: int, proof: Proof) -> int:
    services = context.services
    lang = await services.languages.chosen(chat_id) or services.settings.bot_language
    return int(await post_proof(context, chat_id, Texts(lang, services.settings.tz), proof))
