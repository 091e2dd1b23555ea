"""How a bulk batch reaches people: the staff member's progress message and report, and the
parents' one message per chat (bot.services.bulk.writing's ``BulkDelivery``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import Bot, InputFile
from telegram.error import BadRequest, TelegramError

from bot.context import AppServices
from bot.handlers.ui import callbacks
from bot.handlers.ui.collection_notices import short
from bot.handlers.ui.common import plain
from bot.services.bulk import BulkBatch, BulkRow, RowError, RowState, report_xlsx
from bot.services.notifications import Button, Lines, Money
from bot.texts import DateError, InputError, Texts

__all__ = ["BAR_CELLS", "TelegramBulkDelivery", "row_reason"]

log = logging.getLogger(__name__)

#: Cells of the progress bar.
BAR_CELLS = 10
#: Invoices listed (each with its Pay button) in a parent's message; the rest are counted.
MAX_PARENT_LINES = 10
_REPORT_COLUMNS = ("row", "student", "concept", "amount", "invoice", "error")


def row_reason(t: Texts, error: RowError) -> str:
    """Why a row has no invoice, in words (HTML)."""
    values = dict(error.values)
    err = (
        DateError(error.key, values.get("text", ""))
        if error.key.startswith("date.")
        else InputError(error.key, **values)
    )
    return t.error(err)


class TelegramBulkDelivery:
    """The Telegram side of a running batch.

    Args:
        bot: the bot (edits the progress message, sends the report).
        services: the services (settings, the notifier for the parents).
    """

    def __init__(self, bot: Bot, services: AppServices) -> None:
        self._bot = bot
        self._services = services

    def _texts(self, batch: BulkBatch) -> Texts:
        settings = self._services.settings
        return Texts(batch.lang or settings.bot_language, settings.tz)

    def _suffix(self, t: Texts) -> str:
        return "\n\n" + t("sandbox.notice") if self._services.sandbox_mode else ""

    def progress_text(self, t: Texts, done: int, total: int) -> str:
        """``37/120 ▓▓▓░░░░░░░``."""
        filled = BAR_CELLS * done // total if total else BAR_CELLS
        bar = "▓" * filled + "░" * (BAR_CELLS - filled)
        return t("bulk.progress", done=done, total=total, bar=bar)

    async def progress(self, batch: BulkBatch, done: int, total: int) -> None:
        """Edit the progress message."""
        t = self._texts(batch)
        await self._edit(batch, self.progress_text(t, done, total) + self._suffix(t))

    async def _edit(self, batch: BulkBatch, text: str) -> None:
        if batch.progress_chat is None or batch.progress_message is None:
            return
        try:
            await self._bot.edit_message_text(
                text, chat_id=batch.progress_chat, message_id=batch.progress_message
            )
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():
                log.warning("bulk: the progress message could not be edited: %s", exc.message)

    async def finished(self, batch: BulkBatch, rows: Sequence[BulkRow]) -> None:
        """The end: the progress message becomes the summary, and the report is sent."""
        t = self._texts(batch)
        created = [r for r in rows if r.state == RowState.DONE]
        text = t(
            "bulk.finished",
            file=batch.file_name,
            created=len(created),
            failed=sum(1 for r in rows if r.state == RowState.FAILED),
            invalid=sum(1 for r in rows if r.state == RowState.INVALID),
            amount=t.money(sum(r.amount or 0 for r in created)),
        )
        await self._edit(batch, text + self._suffix(t))
        chat = batch.progress_chat or batch.created_by
        stem = batch.file_name.rsplit(".", 1)[0][:40] or batch.batch_id
        try:
            await self._bot.send_document(
                chat,
                InputFile(self.report(t, rows), filename=t("bulk.report.file", name=stem)),
                caption=t("bulk.report.caption"),
            )
        except TelegramError as exc:
            log.warning("bulk: the report could not be sent: %s", type(exc).__name__)

    def report(self, t: Texts, rows: Sequence[BulkRow]) -> bytes:
        """The report XLSX: row, student, concept, amount, invoice id or error."""
        header = [t(f"bulk.col.{c}") for c in _REPORT_COLUMNS]
        lines: list[list[Any]] = []
        for row in rows:
            student = row.student
            if row.customer_name and row.customer_name != row.student:
                student = f"{row.customer_name} ({row.student})"
            error = plain(row_reason(t, row.error)) if row.error is not None else ""
            if row.state != RowState.DONE and not error:
                error = plain(row_reason(t, RowError("bulk.row.unknown", {})))
            lines.append(
                [
                    row.row_no,
                    student,
                    row.concept,
                    plain(t.money(row.amount)) if row.amount is not None else "",
                    row.invoice_id or "",
                    "" if row.state == RowState.DONE else error,
                ]
            )
        return report_xlsx(header, lines)

    async def parents(self, chat_id: int, batch: BulkBatch, rows: Sequence[BulkRow]) -> None:
        """One message for this chat with every new invoice of the batch and a Pay button
        each (queued in the outbox once: its dedupe key is the batch's)."""
        shown = rows[:MAX_PARENT_LINES]
        lines: list[tuple[str, dict[str, Any]]] = [
            (
                "bulk.parent.line",
                {
                    "name": short(row.customer_name or row.student, 60),
                    "concept": short(row.concept, 120),
                    "amount": Money(row.amount or 0),
                    "due": row.due,
                },
            )
            for row in shown
        ]
        if len(rows) > len(shown):
            lines.append(("bulk.parent.more", {"count": len(rows) - len(shown)}))
        buttons = [
            Button(
                data,
                "bulk.parent.button",
                {"concept": short(row.concept, 28), "amount": Money(row.amount or 0)},
            )
            for row in shown
            if row.invoice_id is not None
            and (data := callbacks.PAY.data_if_fits(row.invoice_id)) is not None
        ]
        await self._services.notifier.to_user(
            chat_id,
            "bulk.parent.message",
            dedupe_key=f"bulk:{batch.batch_id}",
            buttons=buttons,
            lines=Lines(lines),
        )
