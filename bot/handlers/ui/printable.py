"""The printable invite: the QR code of a one-time link with the school's and the student's
names above it and a one-line instruction in Spanish under it, as a PNG.

At 1000 px wide it prints sharp at 10 cm (about 250 dpi), and it stays under Telegram's 1280 px
so a photo is not scaled down. Pillow is imported when an invite is drawn, not at start-up.
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

__all__ = ["INSTRUCTION", "WIDTH", "invite_png"]

#: The picture's width in pixels.
WIDTH = 1000
#: Under the code, in Spanish whatever the staff member's language: the paper goes to families.
INSTRUCTION = "Escanea el código con la cámara de tu celular y toca «Iniciar» en Telegram."

_MARGIN = 50
_QR_SIDE = 760
_INK = (0, 0, 0)
_GREY = (70, 70, 70)


def invite_png(link: str, school: str | None, student: str) -> bytes:
    """The invite of ``link`` for ``student`` of ``school`` (None: no school line), as PNG."""
    import segno  # only invites draw a QR code: not paid at start-up
    from PIL import Image, ImageDraw

    qr = segno.make(link, error="m")
    modules = qr.symbol_size(scale=1, border=4)[0]
    scale = max(_QR_SIDE // modules, 1)
    raw = io.BytesIO()
    qr.save(raw, kind="png", scale=scale, border=4)
    raw.seek(0)
    code = Image.open(raw).convert("RGB")

    lines: list[tuple[str, int, tuple[int, int, int]]] = []
    if school:
        lines.append((school, 46, _GREY))
    lines.append((student, 62, _INK))
    header = _MARGIN + sum(size + 24 for _, size, _ in lines)
    height = header + code.height + 40 + 34 + _MARGIN
    page = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(page)
    y = _MARGIN
    for text, size, colour in lines:
        y = _centred(draw, text, size, y, colour) + 24
    page.paste(code, ((WIDTH - code.width) // 2, header))
    _centred(draw, INSTRUCTION, 30, header + code.height + 20, _INK)
    out = io.BytesIO()
    page.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _centred(draw: ImageDraw, text: str, size: int, top: int, colour: tuple[int, int, int]) -> int:
    """Draw ``text`` centred at ``top``, shrunk to fit the width; returns where the line ends."""
    font = _font(size)
    if not _has_accents():
        text = _plain(text)
    while draw.textlength(text, font=font) > WIDTH - 2 * _MARGIN and size > 12:
        size -= 2
        font = _font(size)
    width = draw.textlength(text, font=font)
    draw.text(((WIDTH - width) / 2, top), text, font=font, fill=colour)
    return top + size


def _font(size: int) -> FreeTypeFont:
    """DejaVu Sans (Debian's fonts-dejavu-core, which has every Spanish letter), else
    Pillow's own scalable font."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(_SYSTEM_FONT, size)
    except OSError:
        font = ImageFont.load_default(size=size)
        assert isinstance(font, ImageFont.FreeTypeFont)
        return font


_SYSTEM_FONT = "DejaVuSans.ttf"


@cache
def _has_accents() -> bool:
    """Whether the font found draws accented letters (Pillow's own one does not)."""
    from PIL import ImageFont

    try:
        ImageFont.truetype(_SYSTEM_FONT, 10)
    except OSError:
        return False
    return True


def _plain(text: str) -> str:
    """``text`` without accents (``Lucía`` → ``Lucia``), rather than empty boxes."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
