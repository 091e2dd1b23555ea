"""/bulk (/masivo): many invoices at once from a CSV or XLSX file sent by a staff member.

    /masivo                 -> what the file must hold
    /masivo plantilla       -> the template XLSX
    a spreadsheet document  -> checked: a preview (valid rows, total, each invalid row)
        Confirm             -> written in the background, one progress message edited
                               (bot.handlers.bulk_delivery), then the report XLSX
        Cancel              -> nothing is written

The document handler runs in the group before the others: a staff member's spreadsheet stops
there; anything else (a parent's PDF, a staff member's photo) goes on to the other handlers.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import SERVICES_KEY, AppServices, BotApplication, BotContext
from bot.handlers.bulk_delivery import TelegramBulkDelivery, row_reason
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import billing_error_text
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import (
    MESSAGE_LIMIT,
    Role,
    edit_or_reply,
    is_private,
    plain,
    reply,
    role_of,
    sandbox_suffix,
    telegram_length,
    texts_for,
)
from bot.handlers.ui.gates import staff_only
from bot.quentli.errors import QuentliError
from bot.services.bulk import (
    MAX_BYTES,
    MAX_ROWS,
    BatchState,
    Preview,
    is_spreadsheet,
    template_xlsx,
)
from bot.texts import Html, InputError, Texts

__all__ = ["build_handlers", "document_handlers", "resume"]

log = logging.getLogger(__name__)

_TEMPLATE_WORDS = {"plantilla", "template", "formato", "ejemplo", "example"}
# Room left in a message for the sandbox notice and the closing lines of a preview.
_PREVIEW_BUDGET = MESSAGE_LIMIT - 600


@staff_only
async def bulk(update: Update, context: BotContext) -> None:
    """/bulk [template]: how to send a file, or the template."""
    t = await texts_for(update, context)
    word = " ".join(context.args or []).strip().casefold()
    if not word:
        size = f"{MAX_BYTES // (1024 * 1024)} MB"
        await reply(update, context, t("bulk.usage", rows=f"{MAX_ROWS:,}", size=size), t=t)
        return
    # "plantila", "templete": a typo of the one word this command takes still gets the template
    if word not in _TEMPLATE_WORDS and not word.startswith(("plant", "templ", "formato")):
        await reply(update, context, t("bulk.usage.unknown", text=word[:40]), t=t)
        return
    chat = update.effective_chat
    assert chat is not None
    columns = [t(f"bulk.col.{c}") for c in ("student", "concept", "amount", "due")]
    concept = plain(t("bulk.template.concept"))
    example: list[list[Any]] = [
        ["A-1029", concept, 350, "15/12/2026"],
        ["A-1030", concept, "1,500.50", ""],
    ]
    await context.bot.send_document(
        chat.id,
        InputFile(template_xlsx(columns, example), filename=t("bulk.template.file")),
        caption=t("bulk.template.caption"),
    )


async def document(update: Update, context: BotContext) -> None:
    """A document: a staff member's spreadsheet is checked and previewed here (and goes no
    further); anything else is left to the other handlers."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.document is None or user is None or not is_private(update):
        return
    doc = message.document
    if not is_spreadsheet(doc.file_name, doc.mime_type):
        return
    if await role_of(context, user.id) < Role.STAFF:
        return
    t = await texts_for(update, context)
    name = doc.file_name or "archivo.csv"
    working: Message | None = None
    try:
        if doc.file_size is not None and doc.file_size > MAX_BYTES:
            mb = f"{doc.file_size / (1024 * 1024):.1f} MB"
            raise InputError("bulk.file.too_big", size=mb, max="2 MB")
        working = await reply(update, context, t("bulk.checking", name=name), t=t)
        content = await _download(context, doc.file_id)
        if content is None:
            raise InputError("bulk.file.download")
        preview = await context.services.bulk.prepare(user.id, name, content)
    except InputError as err:
        await _answer(update, context, t, working, t.error(err))
        raise ApplicationHandlerStop from None
    except QuentliError as exc:
        log.warning("bulk check: Quentli failed: %s", type(exc).__name__)
        await _answer(update, context, t, working, billing_error_text(t, exc))
        raise ApplicationHandlerStop from None
    keyboard = _preview_keyboard(t, preview) if preview.valid else None
    await _answer(update, context, t, working, preview_text(t, preview), keyboard)
    raise ApplicationHandlerStop


async def _answer(
    update: Update,
    context: BotContext,
    t: Texts,
    working: Message | None,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """The check's answer in place of its "checking…" message (a new one if there is none)."""
    if working is None:
        await reply(update, context, text, t=t, reply_markup=keyboard)
        return
    text += await sandbox_suffix(update, context, t)
    await working.edit_text(text, reply_markup=keyboard)


async def _download(context: BotContext, file_id: str) -> bytes | None:
    try:
        file = await context.bot.get_file(file_id)
        return bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        log.warning("bulk: the file could not be downloaded: %s", type(exc).__name__)
        return None


def preview_text(t: Texts, preview: Preview) -> str:
    """The check of a file: valid rows and their total, then every invalid row (as many as
    fit in one message; the rest counted), then the question."""
    batch = preview.batch
    head = t(
        "bulk.preview.head",
        name=batch.file_name,
        count=len(preview.valid),
        amount=t.money(preview.total),
    )
    parts = [head]
    invalid = preview.invalid
    if invalid:
        lines = [t("bulk.preview.invalid_head", count=len(invalid))]
        used = telegram_length(head)
        shown = 0
        for row in invalid:
            assert row.error is not None
            line = t("bulk.preview.invalid", row=row.row_no, reason=Html(row_reason(t, row.error)))
            used += telegram_length(line) + 1
            if used > _PREVIEW_BUDGET:
                break
            lines.append(line)
            shown += 1
        if shown < len(invalid):
            lines.append(t("bulk.preview.more", count=len(invalid) - shown))
        parts.append("\n".join(lines))
    if preview.earlier is not None:
        parts.append(t("bulk.preview.duplicate", date=t.datetime(preview.earlier.created_at)))
    if preview.valid:
        parts.append(t("bulk.preview.ask", count=len(preview.valid)))
    else:
        parts.append(t("bulk.file.none_valid", count=len(preview.rows)))
    return "\n\n".join(parts)


def _preview_keyboard(t: Texts, preview: Preview) -> InlineKeyboardMarkup:
    batch_id = preview.batch.batch_id
    label = (
        t("bulk.button.again")
        if preview.earlier is not None
        else t("bulk.button.confirm", count=len(preview.valid))
    )
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    html.unescape(label), callback_data=callbacks.BULK.data(batch_id, "ok")
                ),
                InlineKeyboardButton(
                    t("button.cancel"), callback_data=callbacks.BULK.data(batch_id, "no")
                ),
            ]
        ]
    )


@staff_only
async def pressed(update: Update, context: BotContext) -> None:
    """Confirm: the batch starts writing (once, whatever the taps); Cancel: nothing is."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and query.data is not None and user is not None
    t = await texts_for(update, context)
    batch_id, _, choice = callbacks.value(query.data).partition(":")
    service = context.services.bulk
    message = query.message
    if choice == "no":
        outcome = await service.cancel(batch_id, user.id)
        await query.answer()
        if outcome.first:
            await edit_or_reply(update, context, t("bulk.cancelled"), t=t)
        else:
            await _already(update, context, t, outcome.batch)
        return
    if not isinstance(message, Message):
        await query.answer(plain(t("bulk.missing")), show_alert=True)
        return
    delivery = TelegramBulkDelivery(context.bot, context.services)
    where = (message.chat.id, message.message_id, t.lang)
    started = await service.confirm(batch_id, user.id, where, delivery)
    await query.answer()
    if started.expired:
        await edit_or_reply(update, context, t("bulk.expired"), t=t)
        return
    if not started.first:
        await _already(update, context, t, started.batch)
        return
    rows = await service.rows(batch_id)
    total = sum(1 for r in rows if r.error is None)
    await edit_or_reply(update, context, delivery.progress_text(t, 0, total), t=t)


async def _already(update: Update, context: BotContext, t: Texts, batch: Any) -> None:
    """A second tap, or a button of a batch that is gone: say where the batch is."""
    if batch is None:
        key = "bulk.missing"
    elif batch.state == BatchState.RUNNING:
        key = "bulk.already.running"
    elif batch.state == BatchState.DONE:
        key = "bulk.already.done"
    else:
        key = "bulk.already.cancelled"
    await reply(update, context, t(key), t=t)


async def resume(application: BotApplication) -> None:
    """At start-up: continue the batches a stop interrupted."""
    services: AppServices = application.bot_data[SERVICES_KEY]
    delivery = TelegramBulkDelivery(application.bot, services)
    resumed = await services.bulk.resume(delivery)
    if resumed:
        log.warning("%d bulk batch(es) resumed after a restart", resumed)


def document_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Registered in the group before the others: a staff member's spreadsheet stops here."""
    return [
        MessageHandler(
            filters.Document.ALL & filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED, document
        )
    ]


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/bulk (/masivo) and the Confirm / Cancel of a batch."""
    return [
        CommandHandler(names("bulk"), bulk),
        CallbackQueryHandler(pressed, pattern=callbacks.BULK.pattern),
    ]
