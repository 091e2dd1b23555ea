"""Proofs of payment: a parent's photo or PDF, the office's review, one mark-paid, the receipt."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.services.billing_kinds import MARK_PAID
from bot.services.billing_payloads import MarkPaidPayload
from bot.store.proofs import ProofRepo
from tests.faketelegram import SentMessage
from tests.handlers.staffchat import raw_press, say, staff_user
from tests.harness import ADMIN_ID, STAFF_ID, BotUnderTest, bot_under_test
from tests.parents.helpers import family, invoice

PARENT = 720_001
STRANGER = 720_099
OFFICE = -100_777
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 2048
PDF = b"%PDF-1.4\n" + b"0" * 4096


def mark_paid_posts(bot: BotUnderTest) -> list[Any]:
    return [r for r in bot.quentli_requests("POST") if r.path.endswith("/mark-paid")]


def texts(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [m.text or "" for m in bot.telegram.bot_messages(chat_id)]


async def proof_question(bot: BotUnderTest, user: Any, *, pdf: bool = False) -> SentMessage:
    """The parent sends a photo (or a PDF) with a caption; returns the bot's question."""
    if pdf:
        bot.telegram.send_document(
            user,
            "comprobante_transferencia.pdf",
            PDF,
            "ya pagué la colegiatura",
            mime_type="application/pdf",
        )
    else:
        bot.telegram.send_photo(user, JPEG, "comprobante de transferencia")
    return await bot.telegram.next_reply(user["id"])


async def sent_to_office(bot: BotUnderTest, user: Any, question: SentMessage, label: str) -> None:
    """The parent picks the invoice whose button holds ``label``."""
    data = bot.telegram.find_button(question, label).value
    bot.telegram.press_button(user, question, data)
    done = await bot.telegram.next_reply(user["id"])
    assert "Enviamos tu comprobante a la escuela" in (done.text or ""), done.text


async def office_proof(bot: BotUnderTest, chat_id: int) -> SentMessage:
    """The proof as the office received it next (the file itself, with its buttons)."""
    while True:
        message = await bot.telegram.next_reply(chat_id)
        if message.method in ("sendPhoto", "sendDocument"):
            return message


async def linked_family(bot: BotUnderTest) -> tuple[Any, dict[str, Any]]:
    user, (mateo, lucia) = await family(
        bot, PARENT, ("Mateo García", "A-1"), ("Lucía García", "A-2")
    )
    invoice(bot, mateo, 150_000, "Colegiatura marzo")
    inv = invoice(bot, lucia, 90_000, "Uniforme")
    return user, inv


async def test_a_photo_goes_to_the_office_and_two_reviewers_record_it_once(
    bot: BotUnderTest,
) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Dirección")
    tg.private_chat(admin)
    staff = await staff_user(bot)
    user, uniform = await linked_family(bot)

    question = await proof_question(bot, user)
    assert "¿De qué pago es?" in (question.text or "")
    labels = [b.text for b in tg.buttons(question)]
    assert any("Mateo" in label and "Colegiatura marzo" in label for label in labels)
    assert any("Lucía" in label and "Uniforme" in label for label in labels)
    assert labels[-1] == "Otro pago"
    await sent_to_office(bot, user, question, "Uniforme")

    sent = await office_proof(bot, ADMIN_ID)
    assert sent.method == "sendPhoto" and sent.file == JPEG  # the parent's photo itself
    assert "Lucía García" in (sent.text or "") and "Uniforme" in (sent.text or "")
    assert "$900.00 MXN" in (sent.text or "")
    assert "comprobante de transferencia" in (sent.text or "")
    # the staff member finds it in /comprobantes
    head = await say(bot, staff, "/comprobantes")
    assert "1 comprobante por revisar" in (head.text or "")
    listed = await tg.next_reply(STAFF_ID)
    assert listed.method == "sendPhoto" and listed.file == JPEG

    # both press Approve, then both confirm "today" at the same moment
    tg.press_button(admin, sent, tg.find_button(sent, "Aprobar").value)
    tg.press_button(staff, listed, tg.find_button(listed, "Aprobar").value)
    dates_admin = await tg.next_reply(ADMIN_ID)
    dates_staff = await tg.next_reply(STAFF_ID)
    today_admin = tg.find_button(dates_admin, "hoy").value
    today_staff = tg.find_button(dates_staff, "hoy").value
    tg.press_button(admin, dates_admin, today_admin)
    tg.press_button(staff, dates_staff, today_staff)
    await tg.settle()

    assert len(mark_paid_posts(bot)) == 1
    assert mark_paid_posts(bot)[0].path == f"/v1/invoices/{uniform['id']}/mark-paid"
    approved = [t for chat in (ADMIN_ID, STAFF_ID) for t in texts(bot, chat) if "aprobado" in t]
    assert len(approved) == 1 and "Uniforme" in approved[0]
    alerts = [a.text or "" for a in tg.callback_answers]
    assert any("ya lo revisó" in a for a in alerts), alerts

    receipt = await tg.wait_for(lambda: [t for t in texts(bot, PARENT) if "Recibimos" in t])
    assert len(receipt) == 1 and "Uniforme" in receipt[0] and "transferencia" in receipt[0]
    # the office hears of the payment, and no office message holds a link
    await tg.wait_for(lambda: [t for t in texts(bot, ADMIN_ID) if "Pago recibido" in t])
    assert not [t for t in texts(bot, ADMIN_ID) if "http" in t]

    # a second Approve later does nothing and says who reviewed it
    before = len(tg.callback_answers)
    raw_press(bot, admin, dates_admin, today_admin)
    await tg.wait_for(lambda: len(tg.callback_answers) > before)
    assert "ya lo revisó" in (tg.callback_answers[-1].text or "")
    assert len(mark_paid_posts(bot)) == 1


async def test_a_review_after_a_restart_records_the_payment_once(bot: BotUnderTest) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Dirección")
    tg.private_chat(admin)
    user, _ = await linked_family(bot)
    question = await proof_question(bot, user, pdf=True)
    assert "¿De qué pago es?" in (question.text or "")
    await sent_to_office(bot, user, question, "Colegiatura marzo")
    sent = await office_proof(bot, ADMIN_ID)
    assert sent.method == "sendDocument" and sent.file == PDF
    assert "ya pagué la colegiatura" in (sent.text or "")

    await bot.restart()

    tg.press_button(admin, sent, tg.find_button(sent, "Aprobar").value)
    dates = await tg.next_reply(ADMIN_ID)
    tg.press_button(admin, dates, tg.find_button(dates, "ayer").value)
    await tg.wait_for(lambda: [t for t in texts(bot, ADMIN_ID) if "aprobado" in t])
    await tg.wait_for(lambda: [t for t in texts(bot, PARENT) if "Recibimos" in t])
    assert len(mark_paid_posts(bot)) == 1


@pytest.fixture
async def office_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """A bot whose office is a group (STAFF_CHAT_ID)."""
    async for running in bot_under_test(tmp_path, staff_chat_id=OFFICE):
        running.telegram.group_chat(OFFICE, "Caja")
        yield running


async def test_a_strangers_forged_approve_writes_nothing(office_bot: BotUnderTest) -> None:
    bot, tg = office_bot, office_bot.telegram
    user, _ = await linked_family(bot)
    await sent_to_office(bot, user, await proof_question(bot, user), "Uniforme")
    sent = await office_proof(bot, OFFICE)
    proof_id = tg.find_button(sent, "Aprobar").value.split(":")[1]

    stranger = tg.user(STRANGER, "Intruso")
    for data in (f"xpa:{proof_id}", f"xpd:{proof_id}:0", f"xpx:{proof_id}:other"):
        raw_press(bot, stranger, sent, data)
    # the parent forges one in their own chat
    raw_press(bot, user, tg.bot_messages(PARENT)[-1], f"xpd:{proof_id}:0")
    await tg.settle()

    assert mark_paid_posts(bot) == []
    assert all("personal" in (a.text or "") for a in tg.callback_answers[-4:])
    assert [b.text for b in tg.buttons(tg.current(sent) or sent)] == ["✅ Aprobar", "❌ Rechazar"]
    (waiting,) = await bot.services.proofs.waiting()
    assert waiting.reviewer is None


async def test_a_rejected_proof_tells_the_parent_why_in_their_language(
    office_bot: BotUnderTest,
) -> None:
    bot, tg = office_bot, office_bot.telegram
    staff = await staff_user(bot)
    user, _ = await linked_family(bot)
    await say(bot, user, "/language en")
    question = await proof_question(bot, user)
    assert "Which payment is it for?" in (question.text or "")
    data = tg.find_button(question, "Uniforme").value
    tg.press_button(user, question, data)
    await tg.next_reply(PARENT)
    sent = await office_proof(bot, OFFICE)

    raw_press(bot, staff, sent, tg.find_button(sent, "Rechazar").value)
    reasons = await tg.next_reply(OFFICE)
    labels = [b.text for b in tg.buttons(reasons)]
    assert labels[:4] == [
        "Ilegible",
        "El monto no coincide",
        "No encontramos el depósito",
        "Otro motivo",
    ]
    raw_press(bot, staff, reasons, tg.find_button(reasons, "Ilegible").value)
    told = await tg.wait_for(lambda: [t for t in texts(bot, PARENT) if "could not accept" in t])
    assert "it cannot be read" in told[0] and "Uniforme" in told[0]
    await tg.wait_for(lambda: [t for t in texts(bot, OFFICE) if "rechazado" in t])
    # a later Approve changes nothing
    raw_press(bot, staff, sent, f"xpa:{data.split(':')[1]}")
    await tg.settle()
    assert "ya lo revisó Sofía" in (tg.callback_answers[-1].text or "")
    assert mark_paid_posts(bot) == []


async def test_what_is_not_a_proof_gets_a_clear_answer_and_nothing_is_stored(
    bot: BotUnderTest,
) -> None:
    tg = bot.telegram
    stranger = tg.user(STRANGER, "Sin vincular")
    tg.send_photo(stranger, JPEG, "comprobante de transferencia")
    assert "primero vincula este chat" in ((await tg.next_reply(STRANGER)).text or "")
    assert await bot.services.proofs.count_waiting() == 0
    assert tuple(await bot.infra.db.fetchone("SELECT COUNT(*) FROM proofs")) == (0,)

    user, _ = await linked_family(bot)
    tg.send_document(
        user, "recibo.docx", b"PK\x03\x04" + b"0" * 100, mime_type="application/msword"
    )
    answer = (await tg.next_reply(PARENT)).text or ""
    assert "foto" in answer and "PDF" in answer and "recibo.docx" in answer
    big = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)
    tg.send_document(user, "estado_de_cuenta.pdf", big, mime_type="application/pdf")
    answer = (await tg.next_reply(PARENT)).text or ""
    assert "11.0 MB" in answer and "10 MB" in answer
    assert tuple(await bot.infra.db.fetchone("SELECT COUNT(*) FROM proofs")) == (0,)


async def test_pressing_the_same_choice_twice_sends_one_proof(
    bot: BotUnderTest,
) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Dirección")
    tg.private_chat(admin)
    user, _ = await linked_family(bot)
    question = await proof_question(bot, user)
    data = tg.find_button(question, "Uniforme").value
    tg.press_button(user, question, data)
    raw_press(bot, user, question, data)
    await tg.settle()
    await asyncio.sleep(0)
    photos = [m for m in tg.bot_messages(ADMIN_ID) if m.method == "sendPhoto"]
    assert len(photos) == 1


async def test_an_approval_a_restart_cut_short_is_finished_once(bot: BotUnderTest) -> None:
    """The bot stopped after a reviewer's press claimed the proof and before the mark-paid
    was sent: the next press on Approve sends it, once."""
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Dirección")
    tg.private_chat(admin)
    user, uniform = await linked_family(bot)
    await sent_to_office(bot, user, await proof_question(bot, user), "Uniforme")
    sent = await office_proof(bot, ADMIN_ID)
    (proof,) = await bot.services.proofs.waiting()
    # what the press did before the stop: the mark-paid recorded, the proof claimed
    found = await bot.services.billing.look_up_invoice(uniform["id"])
    payload = MarkPaidPayload.of(
        found.invoice, "Lucía García", None, datetime.now(UTC), bot.settings.tz
    )
    proposal = await bot.services.billing.propose(MARK_PAID, payload, ADMIN_ID)
    repo = ProofRepo(bot.infra.db)
    assert await repo.claim(proof.proof_id, ADMIN_ID, "Dirección", proposal.op_id)

    await bot.restart()

    staff = await staff_user(bot)
    raw_press(bot, staff, sent, f"xpa:{proof.proof_id}")
    tg.press_button(admin, sent, tg.find_button(sent, "Aprobar").value)
    await tg.wait_for(lambda: [t for t in texts(bot, PARENT) if "Recibimos" in t])
    await tg.settle()
    assert len(mark_paid_posts(bot)) == 1
    approved = await bot.services.proofs.proof(proof.proof_id)
    assert approved is not None and approved.state == "approved"


async def test_a_proof_of_an_invoice_paid_meanwhile_records_nothing(bot: BotUnderTest) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Dirección")
    tg.private_chat(admin)
    user, uniform = await linked_family(bot)
    await sent_to_office(bot, user, await proof_question(bot, user), "Uniforme")
    sent = await office_proof(bot, ADMIN_ID)
    bot.state.pay_invoice(uniform["id"], emit=False)  # paid by card in the meantime

    tg.press_button(admin, sent, tg.find_button(sent, "Aprobar").value)
    dates = await tg.next_reply(ADMIN_ID)
    tg.press_button(admin, dates, tg.find_button(dates, "hoy").value)
    said = await tg.wait_for(lambda: [t for t in texts(bot, ADMIN_ID) if "ya quedó pagada" in t])
    assert "No hace falta hacer nada más" in said[0]
    await tg.settle()
    assert mark_paid_posts(bot) == []
    assert await bot.services.proofs.count_waiting() == 0
    assert tg.buttons(tg.current(sent) or sent) == []


async def test_a_link_in_the_caption_never_reaches_the_office(office_bot: BotUnderTest) -> None:
    bot, tg = office_bot, office_bot.telegram
    user, _ = await linked_family(bot)
    tg.send_photo(
        user, JPEG, "ya pagué con mi liga https://pay.quentli.com/i/abc123 y pay.quentli.com/x"
    )
    question = await tg.next_reply(PARENT)
    await sent_to_office(bot, user, question, "Uniforme")
    sent = await office_proof(bot, OFFICE)
    assert "ya pagué con mi liga" in (sent.text or "")
    assert "quentli" not in (sent.text or "") and "http" not in (sent.text or "")


async def test_another_payment_gets_its_invoice_from_the_reviewer(bot: BotUnderTest) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID, "Dirección")
    tg.private_chat(admin)
    user, uniform = await linked_family(bot)
    question = await proof_question(bot, user)
    tg.press_button(user, question, tg.find_button(question, "Otro pago").value)
    assert "Enviamos tu comprobante" in ((await tg.next_reply(PARENT)).text or "")
    sent = await office_proof(bot, ADMIN_ID)
    assert "no la eligió" in (sent.text or "") and "Mateo García, Lucía García" in (
        sent.text or ""
    )

    tg.press_button(admin, sent, tg.find_button(sent, "Aprobar").value)
    picks = await tg.next_reply(ADMIN_ID)
    assert [b.text for b in tg.buttons(picks)][-1] == "↩ Volver"
    tg.press_button(admin, picks, tg.find_button(picks, "Uniforme").value)
    dates = await tg.next_reply(ADMIN_ID)
    tg.press_button(admin, dates, tg.find_button(dates, "hoy").value)
    await tg.wait_for(lambda: [t for t in texts(bot, PARENT) if "Recibimos" in t])
    (post,) = mark_paid_posts(bot)
    assert post.path == f"/v1/invoices/{uniform['id']}/mark-paid"


async def monica(bot: BotUnderTest, lang: str = "es") -> Any:
    """Mónica, staff, with a private chat; linked to no family."""
    await bot.make_staff(STAFF_ID)
    user = bot.telegram.user(STAFF_ID, "Mónica", language_code=lang)
    bot.telegram.private_chat(user)
    return user


async def two_copies(bot: BotUnderTest, staff: Any) -> tuple[SentMessage, SentMessage]:
    """A parent's proof as the office group got it, and as /comprobantes shows it to staff."""
    user, _ = await linked_family(bot)
    await sent_to_office(bot, user, await proof_question(bot, user), "Uniforme")
    in_office = await office_proof(bot, OFFICE)
    await say(bot, staff, "/comprobantes")
    listed = await bot.telegram.next_reply(STAFF_ID)
    assert listed.method == "sendPhoto"
    return in_office, listed


async def test_an_approved_proof_says_who_approved_it_on_every_copy_pressed(
    office_bot: BotUnderTest,
) -> None:
    bot, tg = office_bot, office_bot.telegram
    staff = await monica(bot)
    in_office, listed = await two_copies(bot, staff)

    raw_press(bot, staff, in_office, tg.find_button(in_office, "Aprobar").value)
    dates = await tg.next_reply(OFFICE)
    today_button = tg.find_button(dates, "hoy")
    day = today_button.text.split(", ", 1)[1]
    raw_press(bot, staff, dates, today_button.value)
    await tg.wait_for(lambda: [t for t in texts(bot, OFFICE) if "aprobado" in t])
    await tg.settle()
    reviewed = tg.current(in_office)
    assert reviewed is not None and reviewed.method == "editMessageCaption"
    caption = reviewed.plain_text or ""
    assert "por revisar" not in caption and "Lucía García" in caption
    assert caption.endswith(f"✅ Aprobado por Mónica · pagado el {day}"), caption
    assert tg.buttons(reviewed) == []

    # the copy /comprobantes sent still has its buttons: a press says who reviewed it
    before = len(tg.callback_answers)
    raw_press(bot, staff, listed, tg.find_button(listed, "Aprobar").value)
    await tg.wait_for(lambda: len(tg.callback_answers) > before)
    await tg.settle()
    answer = tg.callback_answers[-1]
    assert answer.show_alert and "ya lo revisó Mónica" in (answer.text or "")
    copy = tg.current(listed)
    assert copy is not None and tg.buttons(copy) == []
    assert (copy.plain_text or "").endswith(f"✅ Aprobado por Mónica · pagado el {day}")
    assert len(mark_paid_posts(bot)) == 1


async def test_a_rejected_proof_says_who_rejected_it_and_why(office_bot: BotUnderTest) -> None:
    bot, tg = office_bot, office_bot.telegram
    staff = await monica(bot)
    in_office, listed = await two_copies(bot, staff)

    raw_press(bot, staff, listed, tg.find_button(listed, "Rechazar").value)
    reasons = await tg.next_reply(STAFF_ID)
    raw_press(bot, staff, reasons, tg.find_button(reasons, "Ilegible").value)
    await tg.wait_for(lambda: [t for t in texts(bot, STAFF_ID) if "rechazado" in t])
    await tg.settle()
    reviewed = tg.current(listed)
    assert reviewed is not None and tg.buttons(reviewed) == []
    assert (reviewed.plain_text or "").endswith("❌ Rechazado por Mónica: Ilegible")

    before = len(tg.callback_answers)
    raw_press(bot, staff, in_office, tg.find_button(in_office, "Aprobar").value)
    await tg.wait_for(lambda: len(tg.callback_answers) > before)
    await tg.settle()
    answer = tg.callback_answers[-1]
    assert answer.show_alert and "ya lo revisó Mónica" in (answer.text or "")
    assert "Ilegible" in (answer.text or "")
    copy = tg.current(in_office)
    assert copy is not None and tg.buttons(copy) == []
    assert (copy.plain_text or "").endswith("❌ Rechazado por Mónica: Ilegible")
    assert mark_paid_posts(bot) == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("es", "los mandan las familias"), ("en", "come from the families")],
)
async def test_a_staff_members_photo_is_told_where_proofs_come_from(
    bot: BotUnderTest, lang: str, expected: str
) -> None:
    tg = bot.telegram
    staff = await monica(bot, lang)
    tg.send_photo(staff, JPEG, "comprobante")
    answer = (await tg.next_reply(STAFF_ID)).text or ""
    assert expected in answer and ("/comprobantes" if lang == "es" else "/proofs") in answer
    assert "primero vincula" not in answer and "link this chat" not in answer
    tg.send_document(
        staff, "notas.docx", b"PK\x03\x04" + b"0" * 100, mime_type="application/msword"
    )
    assert expected in ((await tg.next_reply(STAFF_ID)).text or "")
    assert tuple(await bot.infra.db.fetchone("SELECT COUNT(*) FROM proofs")) == (0,)


async def test_the_office_group_reads_its_own_language_whoever_presses(
    office_bot: BotUnderTest,
) -> None:
    bot, tg = office_bot, office_bot.telegram
    ann = await staff_user(bot, lang="en")  # a reviewer whose Telegram is in English
    user, _ = await linked_family(bot)
    await sent_to_office(bot, user, await proof_question(bot, user), "Uniforme")
    in_office = await office_proof(bot, OFFICE)

    raw_press(bot, ann, in_office, tg.find_button(in_office, "Aprobar").value)
    dates = await tg.next_reply(OFFICE)
    assert "hoy" in tg.find_button(dates, "hoy").text  # the group's buttons stay Spanish
    raw_press(bot, ann, dates, tg.find_button(dates, "hoy").value)
    await tg.wait_for(lambda: [t for t in texts(bot, OFFICE) if "aprobado" in t])
    await tg.settle()
    caption = (tg.current(in_office) or in_office).plain_text or ""
    assert "Aprobado por" in caption and "Approved" not in caption
    assert not [t for t in texts(bot, OFFICE) if "Proof approved" in t]


async def test_when_the_bot_is_removed_from_the_office_group_the_admins_get_it_all(
    office_bot: BotUnderTest,
) -> None:
    bot, tg = office_bot, office_bot.telegram
    admin = tg.user(ADMIN_ID, "Dirección")
    tg.private_chat(admin)
    user, inv = await linked_family(bot)
    tg.block(OFFICE)  # the bot was taken out of the office group

    await sent_to_office(bot, user, await proof_question(bot, user), "Uniforme")

    # the admin is told, and gets the proof to review instead of the group
    warned = await tg.wait_for(
        lambda: [t for t in texts(bot, ADMIN_ID) if "grupo de la oficina" in t]
    )
    assert "agrégame otra vez" in warned[0]
    proof = await tg.wait_for(
        lambda: [m for m in tg.bot_messages(ADMIN_ID) if m.method == "sendPhoto"]
    )
    assert "Comprobante de pago por revisar" in (proof[0].plain_text or "")
    # later office notices too, until the group is back
    bot.state.pay_invoice(inv["id"], emit=False)
    await bot.services.office.payment(
        inv["id"],
        name="Lucía García",
        concept="Uniforme",
        amount=90_000,
        paid_on=datetime.now(UTC),
    )
    await tg.wait_for(lambda: [t for t in texts(bot, ADMIN_ID) if "Pago recibido" in t])

    # someone writes in the group again: the group gets the notices again
    tg.unblock(OFFICE)
    tg.send_message(admin, "ya regresó el bot", chat=tg.state.chats[OFFICE])
    await tg.settle()
    assert await bot.services.notifier.reachable(OFFICE)
    assert await bot.services.office.recipients() == (OFFICE,)
