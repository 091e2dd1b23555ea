"""Bulk invoicing (/bulk, /masivo): the file, its check, the progress, the report, the parents.

Values: ``{count}`` / ``{done}`` / ``{total}`` numbers, ``{amount}`` money, ``{row}`` a row number
of the spreadsheet, ``{reason}`` an error already in words (HTML), ``{name}`` a student.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, Any]] = {
    "cmd.bulk": {
        "es": "Cobro masivo desde una hoja de cálculo",
        "en": "Many invoices at once from a spreadsheet",
    },
    "bulk.usage": {
        "es": (
            "📄 <b>Cobro masivo</b>\n\n"
            "Envíame un archivo CSV o Excel (XLSX) con una fila por cobro y estas columnas:\n"
            "• <b>alumno</b> (matrícula o nombre)\n"
            "• <b>concepto</b>\n"
            "• <b>monto</b> (en pesos, por ejemplo 1500 o 1,500.50)\n"
            "• <b>vence</b> (opcional, por ejemplo 15/12/2026; vacío: fin de mes)\n\n"
            "Reviso cada fila y te muestro un resumen antes de crear nada. "
            "Hasta {rows} filas y {size}.\n"
            "¿Quieres la plantilla? Escribe <code>/masivo plantilla</code>."
        ),
        "en": (
            "📄 <b>Bulk invoicing</b>\n\n"
            "Send me a CSV or Excel (XLSX) file with one row per invoice and these columns:\n"
            "• <b>student</b> (student number or name)\n"
            "• <b>concept</b>\n"
            "• <b>amount</b> (in pesos, e.g. 1500 or 1,500.50)\n"
            "• <b>due</b> (optional, day/month/year, e.g. 15/12/2026; empty: end of month)\n\n"
            "I check every row and show you a summary before creating anything. "
            "Up to {rows} rows and {size}.\n"
            "Want the template? Send <code>/bulk template</code>."
        ),
    },
    "bulk.usage.unknown": {
        "es": "No conozco «{text}». Usa <code>/masivo</code> o <code>/masivo plantilla</code>.",
        "en": "I don't know «{text}». Use <code>/bulk</code> or <code>/bulk template</code>.",
    },
    "bulk.template.caption": {
        "es": (
            "Plantilla de cobro masivo: llena una fila por cobro (borra los ejemplos) y "
            "envíamela aquí."
        ),
        "en": (
            "Bulk invoicing template: fill in one row per invoice (delete the examples) and "
            "send it to me here."
        ),
    },
    "bulk.template.file": {
        "es": "plantilla_cobro_masivo.xlsx",
        "en": "bulk_invoices_template.xlsx",
    },
    "bulk.col.student": {"es": "alumno", "en": "student"},
    "bulk.col.concept": {"es": "concepto", "en": "concept"},
    "bulk.col.amount": {"es": "monto", "en": "amount"},
    "bulk.col.due": {"es": "vence", "en": "due"},
    "bulk.col.row": {"es": "fila", "en": "row"},
    "bulk.col.invoice": {"es": "solicitud de pago", "en": "payment request"},
    "bulk.col.error": {"es": "error", "en": "error"},
    "bulk.template.concept": {"es": "Excursión 3er grado", "en": "Field trip, 3rd grade"},
    # --- the file ---
    "bulk.file.too_big": {
        "es": "El archivo pesa {size}: el máximo es {max}. Divídelo en varios archivos.",
        "en": "The file is {size}: the most I take is {max}. Split it into several files.",
    },
    "bulk.file.too_many": {
        "es": "El archivo tiene más de {max} filas. Divídelo en varios archivos.",
        "en": "The file has more than {max} rows. Split it into several files.",
    },
    "bulk.file.kind": {
        "es": "No puedo leer «{name}». Guárdalo como CSV o como Excel (.xlsx) y envíalo de nuevo.",
        "en": "I can't read «{name}». Save it as CSV or as Excel (.xlsx) and send it again.",
    },
    "bulk.file.unreadable": {
        "es": "No pude abrir el archivo. Envía un CSV o un Excel (.xlsx).",
        "en": "I couldn't open the file. Send a CSV or an Excel (.xlsx) file.",
    },
    "bulk.file.empty": {
        "es": "El archivo está vacío. Usa <code>/masivo plantilla</code> para ver el formato.",
        "en": "The file is empty. Use <code>/bulk template</code> to see the format.",
    },
    "bulk.file.no_rows": {
        "es": "El archivo solo tiene encabezados: agrega una fila por cobro.",
        "en": "The file only has headers: add one row per invoice.",
    },
    "bulk.file.columns": {
        "es": (
            "Al archivo le faltan columnas: <b>{missing}</b>. Encontré: {found}.\n"
            "La primera fila debe decir alumno, concepto, monto y (opcional) vence. "
            "Usa <code>/masivo plantilla</code>."
        ),
        "en": (
            "The file lacks columns: <b>{missing}</b>. I found: {found}.\n"
            "The first row must say student, concept, amount and (optional) due. "
            "Use <code>/bulk template</code>."
        ),
    },
    "bulk.file.none_valid": {
        "es": {
            "one": "El archivo tiene {count} fila y no se puede cobrar. Nada se creó.",
            "other": "Ninguna de las {count} filas se puede cobrar. Nada se creó.",
        },
        "en": {
            "one": "The file has {count} row and it can't be invoiced. Nothing was created.",
            "other": "None of the {count} rows can be invoiced. Nothing was created.",
        },
    },
    "bulk.file.download": {
        "es": "No pude descargar el archivo de Telegram. Envíalo de nuevo.",
        "en": "I couldn't download the file from Telegram. Send it again.",
    },
    "bulk.checking": {
        "es": "🔎 Revisando «{name}»…",
        "en": "🔎 Checking «{name}»…",
    },
    # --- each row ---
    "bulk.row.no_student": {
        "es": "no encontré al alumno «{text}»",
        "en": "no student «{text}» found",
    },
    "bulk.row.ambiguous": {
        "es": "«{text}» coincide con varios alumnos ({names}); usa la matrícula",
        "en": "«{text}» matches several students ({names}); use the student number",
    },
    "bulk.row.no_student_cell": {"es": "falta el alumno", "en": "the student is missing"},
    # a file's preview has no amount buttons: the cell is fixed in the file
    "bulk.row.amount_ambiguous": {
        "es": (
            "«{text}» se puede leer de más de una forma: en el archivo escríbelo sin espacios "
            "ni punto de miles, por ejemplo <code>{reading}</code>"
        ),
        "en": (
            "“{text}” can be read more than one way: in the file, write it without spaces or a "
            "thousands point, for example <code>{reading}</code>"
        ),
    },
    "bulk.row.amount_ambiguous_two": {
        "es": (
            "«{text}» se puede leer de dos formas: en el archivo escríbelo sin espacios ni punto "
            "de miles (<code>{reading}</code> o <code>{other}</code>)"
        ),
        "en": (
            "“{text}” can be read two ways: in the file, write it without spaces or a thousands "
            "point (<code>{reading}</code> or <code>{other}</code>)"
        ),
    },
    "bulk.row.quentli": {
        "es": "Quentli no la creó: {detail}",
        "en": "Quentli did not create it: {detail}",
    },
    "bulk.row.unknown": {
        "es": "Quentli no confirmó si la creó; revisa al alumno con /alumno",
        "en": "Quentli did not confirm whether it was created; check with /customer",
    },
    # --- the preview ---
    "bulk.preview.head": {
        "es": "📄 <b>{name}</b>\n\n✅ Filas válidas: {count}\n💰 Total: <b>{amount}</b>",
        "en": "📄 <b>{name}</b>\n\n✅ Valid rows: {count}\n💰 Total: <b>{amount}</b>",
    },
    "bulk.preview.invalid_head": {
        "es": "⚠️ Filas con errores (no se cobrarán): {count}",
        "en": "⚠️ Rows with errors (they will not be invoiced): {count}",
    },
    "bulk.preview.invalid": {"es": "• Fila {row}: {reason}", "en": "• Row {row}: {reason}"},
    "bulk.preview.more": {
        "es": "…y {count} más (vienen en el reporte final).",
        "en": "…and {count} more (listed in the final report).",
    },
    "bulk.preview.ask": {
        "es": {
            "one": "¿Creo {count} solicitud de pago? La familia vinculada recibirá un aviso.",
            "other": (
                "¿Creo {count} solicitudes de pago? Las familias vinculadas recibirán un aviso."
            ),
        },
        "en": {
            "one": "Shall I create {count} payment request? A linked family will be told.",
            "other": "Shall I create {count} payment requests? Linked families will be told.",
        },
    },
    "bulk.preview.duplicate": {
        "es": (
            "🔁 <b>Este mismo archivo ya se envió</b> el {date}. Si lo confirmas, se cobrará "
            "otra vez."
        ),
        "en": (
            "🔁 <b>This very file was already sent</b> on {date}. If you confirm, it will be "
            "invoiced again."
        ),
    },
    "bulk.button.confirm": {"es": "✅ Crear {count}", "en": "✅ Create {count}"},
    "bulk.button.again": {"es": "🔁 Sí, crear otra vez", "en": "🔁 Yes, create them again"},
    # --- the buttons' outcomes ---
    "bulk.cancelled": {
        "es": "Cancelado. No se creó ninguna solicitud.",
        "en": "Cancelled. No payment request was created.",
    },
    "bulk.missing": {
        "es": "Este lote ya no es válido. Envía el archivo de nuevo.",
        "en": "This batch is no longer valid. Send the file again.",
    },
    "bulk.expired": {
        "es": (
            "Este resumen tiene más de 30 minutos: no se creó nada. Envía el archivo de nuevo "
            "para revisarlo otra vez."
        ),
        "en": (
            "This summary is over 30 minutes old: nothing was created. Send the file again to "
            "check it anew."
        ),
    },
    "bulk.already.running": {
        "es": "Este lote ya se está creando.",
        "en": "This batch is already being created.",
    },
    "bulk.already.done": {"es": "Este lote ya se creó.", "en": "This batch was already created."},
    "bulk.already.cancelled": {
        "es": "Este lote se canceló. Envía el archivo de nuevo.",
        "en": "This batch was cancelled. Send the file again.",
    },
    "bulk.progress": {
        "es": "⏳ Creando solicitudes de pago…\n<code>{done}/{total} {bar}</code>",
        "en": "⏳ Creating payment requests…\n<code>{done}/{total} {bar}</code>",
    },
    "bulk.finished": {
        "es": (
            "✅ <b>Lote terminado</b>: {file}\n\n"
            "Creadas: {created}\nCon error: {failed}\nFilas inválidas: {invalid}\n"
            "Total creado: <b>{amount}</b>\n\nTe envío el reporte con cada fila."
        ),
        "en": (
            "✅ <b>Batch finished</b>: {file}\n\n"
            "Created: {created}\nFailed: {failed}\nInvalid rows: {invalid}\n"
            "Total created: <b>{amount}</b>\n\nHere is the report with every row."
        ),
    },
    "bulk.report.caption": {
        "es": "Reporte del lote: una fila por cada fila del archivo.",
        "en": "Batch report: one row per row of the file.",
    },
    "bulk.report.file": {"es": "reporte_{name}.xlsx", "en": "report_{name}.xlsx"},
    # --- the parents (one message per chat for the whole batch) ---
    "bulk.parent.message": {
        "es": "🧾 <b>Nuevas solicitudes de pago</b>\n\n{lines}\n\nPuedes pagar con los botones.",
        "en": "🧾 <b>New payment requests</b>\n\n{lines}\n\nYou can pay with the buttons.",
    },
    "bulk.parent.line": {
        "es": "• {name}: {concept}, <b>{amount}</b>, vence el {due}",
        "en": "• {name}: {concept}, <b>{amount}</b>, due {due}",
    },
    "bulk.parent.more": {
        "es": "…y {count} más: escribe /pagar para verlas todas.",
        "en": "…and {count} more: send /pay to see them all.",
    },
    "bulk.parent.button": {
        "es": "💳 Pagar {concept} ({amount})",
        "en": "💳 Pay {concept} ({amount})",
    },
}
