"""/invite's QR picture is a printable invite: the same link as the message, the school's and
the student's names, large enough to print at 10 cm."""

from __future__ import annotations

import io
from pathlib import Path

import PIL.Image
import zxingcpp

from bot.handlers.ui.printable import invite_png
from tests.core.helpers import TOKEN_IN_LINK
from tests.harness import ADMIN_ID, BotUnderTest, bot_under_test


def _decoded(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(png)))]


async def test_the_sent_picture_decodes_to_the_link_in_the_message(tmp_path: Path) -> None:
    async for bot in bot_under_test(tmp_path, school_name="Instituto Juárez"):
        await _invite_and_decode(bot)
        assert bot.services.school_name == "Instituto Juárez"


async def _invite_and_decode(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    tg.send_command(tg.user(ADMIN_ID, "Sofía"), "/invitar A-1029")
    message = await tg.next_reply(ADMIN_ID)
    picture = await tg.next_reply(ADMIN_ID)
    assert message.text is not None and picture.photo and picture.file is not None
    link = TOKEN_IN_LINK.search(message.text)
    assert link is not None
    assert _decoded(picture.file) == [link.group(0)]
    image = PIL.Image.open(io.BytesIO(picture.file))
    assert image.format == "PNG" and image.width >= 1000 and max(image.size) <= 1280


async def test_without_a_school_name_the_invite_still_decodes(bot: BotUnderTest) -> None:
    await _invite_and_decode(bot)


def test_the_names_take_their_own_lines_and_long_ones_still_fit() -> None:
    link = "https://t.me/quentli_bot?start=" + "A" * 43
    bare = PIL.Image.open(io.BytesIO(invite_png(link, None, "Ana")))
    named = invite_png(link, "Colegio Montessori del Valle de la Ciudad de México, A.C.", "N" * 90)
    full = PIL.Image.open(io.BytesIO(named))
    assert full.height > bare.height  # the school's line
    assert full.width == bare.width == 1000
    assert _decoded(named) == [link]
