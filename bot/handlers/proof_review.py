"""The office reviews proofs of payment: the file itself with Approve / Reject, and /proofs.

Approve -> (for "another payment": which of the family's invoices) -> the payment date (today,
yesterday) -> one mark-paid (bot.services.proofs) -> the family gets its receipt. Reject -> a
reason -> the family is told. Every press checks in the store that the presser is staff (the
office may be a group: anyone in it can press); a forged or late press changes nothing and says
who reviewed the proof.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.outcomes import changed_text, earlier_text, expired_text, failed_text
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import billing_error_text
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import Role, plain, reply, role_of, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.proof_cards import (
    CONCEPT_CHARS,
    dates_keyboard,
    invoices_keyboard,
    post_proof,
    reasons_keyboard,
    review_keyboard,
    reviewed_caption,
    short,
)
from bot.parsing import today
from bot.quentli.errors import QuentliError
from bot.services.billing_results import Changed, Expired, Failed, MarkedPaid
from bot.services.proofs import (
    AlreadyReviewed,
    Approved,
    NoInvoice,
    NotApproved,
    Proof,
    ProofGone,
    ProofState,
    Reason,
    Rejected,
)
from bot.texts import Texts

log = logging.getLogger(__name__)

LISTED = 10
ALERT_CHARS = 190


@staff_only
async def list_proofs(update: Update, context: BotContext) -> None:
    """/proofs: the proofs waiting for a review, each as its file with Approve / Reject."""
    t = await texts_for(update, context)
    chat = update.effective_chat
    assert chat is not None
    service = context.services.proofs
    total = await service.count_waiting()
    if total == 0:
        await reply(update, context, t("proofs.list_empty"), t=t)
        return
    text = t("proofs.list_head", count=total)
    if total > LISTED:
        text += "\n" + t("proofs.list_more", shown=LISTED)
    await reply(update, context, text, t=t)
    for proof in await service.waiting(LISTED):
        await post_proof(context, chat.id, t, proof)


async def _pressed(update: Update, context: BotContext) -> tuple[Texts, int, str] | None:
    """A review button: its texts, proof id and the rest of its data, when the presser is
    staff (read from the store on this press); else an alert and None."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    if not await _reviewer(update, context, t):
        return None
    proof_id, rest = callbacks.proof_parts(query.data)
    return t, proof_id, rest


async def _reviewer(update: Update, context: BotContext, t: Texts) -> bool:
    """True when the presser is staff (read from the store on this press); else an alert."""
    query, user = update.callback_query, update.effective_user
    assert query is not None
    if await role_of(context, user.id if user else None) >= Role.STAFF:
        return True
    await _alert(update, t("gate.staff_only"))
    return False


async def _alert(update: Update, text: str | None = None) -> None:
    query = update.callback_query
    assert query is not None
    with contextlib.suppress(BadRequest):  # the same press delivered twice
        await query.answer(plain(text)[:ALERT_CHARS] if text else None, show_alert=bool(text))


async def _keyboard(update: Update, markup: InlineKeyboardMarkup | None) -> None:
    """Change the buttons under the proof (the file and its caption stay)."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as exc:  # already so (two presses), or the message is gone
        log.info("proof buttons not changed: %s", exc.message)


async def _close(
    update: Update, context: BotContext, t: Texts, proof: Proof, paid_on: date | None = None
) -> None:
    """The pressed copy of a reviewed proof: its caption says who reviewed it and how, and
    its buttons go (the file stays)."""
    query = update.callback_query
    assert query is not None
    if proof.state not in (ProofState.APPROVED, ProofState.REJECTED):
        return
    if paid_on is None:
        paid_on = await context.services.proofs.paid_on(proof)
    try:
        await query.edit_message_caption(
            caption=reviewed_caption(t, proof, paid_on), reply_markup=None
        )
    except BadRequest as exc:  # already so (two presses), or the message is gone
        log.info("proof caption not changed: %s", exc.message)
        await _keyboard(update, None)


async def _still_open(update: Update, context: BotContext, t: Texts) -> Proof | None:
    """The pressed proof if it still waits for a review; otherwise say why (and drop the
    buttons of a proof already reviewed)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    proof_id, _ = callbacks.proof_parts(query.data)
    proof = await context.services.proofs.proof(proof_id)
    if proof is None or proof.state == ProofState.ASKING:
        await _alert(update, t("proofs.missing"))
        return None
    if proof.state != ProofState.WAITING:
        await _already(update, context, t, proof)
        return None
    return proof


async def _already(update: Update, context: BotContext, t: Texts, proof: Proof) -> None:
    """A press on a copy of a proof someone reviewed: a popup says who, and how; that copy's
    caption says so too."""
    text = t("proofs.already", reviewer=proof.reviewer_name or "—")
    if proof.state == ProofState.REJECTED:
        text += "\n" + t(f"proofs.reason.{Reason(proof.reason or Reason.OTHER).value}")
    await _alert(update, text)
    await _close(update, context, t, proof)


async def approve_pressed(update: Update, context: BotContext) -> None:
    """Approve: ask the payment date (the reviewer confirms it)."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    t, proof_id, _ = pressed
    current = await context.services.proofs.proof(proof_id)
    if current is not None and current.state == ProofState.APPROVING:
        # an approval a restart interrupted: finish it (once), or say who is on it
        await _record(update, context, t, proof_id, today(t.tz))
        return
    proof = await _still_open(update, context, t)
    if proof is None:
        return
    if proof.invoice is None or proof.invoice.invoice_id is None:
        await _pick_invoice(update, context, t, proof)
        return
    await _alert(update)
    await _keyboard(update, dates_keyboard(t, proof.proof_id))


async def _pick_invoice(update: Update, context: BotContext, t: Texts, proof: Proof) -> None:
    """The parent said "another payment": the reviewer picks among the family's invoices."""
    try:
        owed = await context.services.proofs.owed_for(proof)
    except QuentliError as exc:
        log.warning("Quentli read failed: %s", type(exc).__name__)
        await _alert(update, billing_error_text(t, exc))
        return
    if not owed:
        await _alert(update, t("proofs.no_invoice"))
        return
    await _alert(update)
    await _keyboard(update, invoices_keyboard(t, proof.proof_id, owed))


async def pick_pressed(update: Update, context: BotContext) -> None:
    """The reviewer's invoice for a proof sent as "another payment": then the date."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    t, proof_id, invoice_id = pressed
    try:
        picked = await context.services.proofs.assign(proof_id, invoice_id)
    except QuentliError as exc:
        log.warning("Quentli read failed: %s", type(exc).__name__)
        await _alert(update, billing_error_text(t, exc))
        return
    if isinstance(picked, ProofGone):
        proof = await context.services.proofs.proof(proof_id)
        if proof is not None and proof.state not in (ProofState.ASKING, ProofState.WAITING):
            await _already(update, context, t, proof)
        else:
            await _alert(update, t("proofs.missing"))
        return
    await _alert(update)
    await _keyboard(update, dates_keyboard(t, proof_id))


async def date_pressed(update: Update, context: BotContext) -> None:
    """The payment date: record the payment once, then say so in the office."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    t, proof_id, ago = pressed
    await _record(update, context, t, proof_id, today(t.tz) - timedelta(days=int(ago)))


async def _record(
    update: Update, context: BotContext, t: Texts, proof_id: int, paid_on: date
) -> None:
    """Approve the proof: one mark-paid; then the office reads what became of it."""
    user = update.effective_user
    assert user is not None
    try:
        outcome = await context.services.proofs.approve(proof_id, user.id, user.full_name, paid_on)
    except QuentliError as exc:
        log.warning("Quentli read failed: %s", type(exc).__name__)
        await _alert(update, billing_error_text(t, exc))
        return
    if isinstance(outcome, Approved):
        await _alert(update)
        result = outcome.done.result
        if isinstance(result, MarkedPaid):  # its date, also when a restart's press finished it
            concept = result.concept or result.invoice_id
            paid_on = result.payment_time.astimezone(t.tz).date()
        else:
            concept = result.invoice_id
        await _close(update, context, t, outcome.proof, paid_on)
        text = t(
            "proofs.approved",
            reviewer=outcome.proof.reviewer_name or user.full_name,
            name=result.customer_name,
            concept=short(concept, CONCEPT_CHARS),
            amount=t.money(result.amount),
            paid_on=t.date(paid_on),
        )
        await reply(update, context, text, t=t)
    elif isinstance(outcome, AlreadyReviewed):
        await _already(update, context, t, outcome.proof)
    elif isinstance(outcome, NoInvoice):
        await _alert(update, t("proofs.no_invoice"))
    elif isinstance(outcome, NotApproved):
        await _alert(update)
        if outcome.proof.state == ProofState.WAITING:
            await _keyboard(update, review_keyboard(t, proof_id))
        elif outcome.proof.state == ProofState.APPROVED:  # it was paid already
            await _close(update, context, t, outcome.proof)
        await reply(update, context, _not_approved(t, outcome), t=t)
    else:
        await _alert(update, t("proofs.missing"))


def _not_approved(t: Texts, outcome: NotApproved) -> str:
    what = outcome.outcome
    if isinstance(what, Changed):
        return changed_text(t, what)
    if isinstance(what, Failed):
        return failed_text(t, what)
    if isinstance(what, Expired):
        return expired_text(t)
    return earlier_text(t, what.op)


async def reject_pressed(update: Update, context: BotContext) -> None:
    """Reject: ask the reason."""
    await _switch_buttons(update, context, reasons_keyboard)


async def reason_pressed(update: Update, context: BotContext) -> None:
    """The reason: the proof is rejected once and the family told."""
    user = update.effective_user
    pressed = await _pressed(update, context)
    if pressed is None or user is None:
        return
    t, proof_id, code = pressed
    reason = Reason(code)
    outcome = await context.services.proofs.reject(proof_id, user.id, user.full_name, reason)
    if isinstance(outcome, Rejected):
        await _alert(update)
        await _close(update, context, t, outcome.proof)
        invoice = outcome.proof.invoice
        text = t(
            "proofs.rejected",
            reviewer=outcome.proof.reviewer_name or user.full_name,
            reason=t(f"proofs.reason.{reason.value}"),
            name=invoice.customer_name if invoice else "—",
            concept=short((invoice.concept if invoice else None) or "—", CONCEPT_CHARS),
        )
        await reply(update, context, text, t=t)
    elif isinstance(outcome, AlreadyReviewed):
        await _already(update, context, t, outcome.proof)
    else:
        await _alert(update, t("proofs.missing"))


async def back_pressed(update: Update, context: BotContext) -> None:
    """Back to Approve / Reject."""
    await _switch_buttons(update, context, review_keyboard)


async def _switch_buttons(
    update: Update, context: BotContext, buttons: Callable[[Texts, int], InlineKeyboardMarkup]
) -> None:
    """A reviewer's press on a proof still open: its message gets ``buttons`` instead."""
    t = await texts_for(update, context)
    if not await _reviewer(update, context, t):
        return
    proof = await _still_open(update, context, t)
    if proof is None:
        return
    await _alert(update)
    await _keyboard(update, buttons(t, proof.proof_id))


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/proofs (/comprobantes) and the review buttons (anywhere: the office may be a group)."""
    return [
        CommandHandler(names("proofs"), list_proofs),
        CallbackQueryHandler(approve_pressed, pattern=callbacks.PROOF_APPROVE.pattern),
        CallbackQueryHandler(pick_pressed, pattern=callbacks.PROOF_PICK.pattern),
        CallbackQueryHandler(date_pressed, pattern=callbacks.PROOF_DATE.pattern),
        CallbackQueryHandler(reject_pressed, pattern=callbacks.PROOF_REJECT.pattern),
        CallbackQueryHandler(reason_pressed, pattern=callbacks.PROOF_REASON.pattern),
        CallbackQueryHandler(back_pressed, pattern=callbacks.PROOF_BACK.pattern),
    ]
