"""Telegram's HTML parse mode, modelled on tdlib's ``parse_html`` (MessageEntity.cpp).

Returns the plain text and the message entities (UTF-16 offsets) or raises ``EntityParseError``
with tdlib's wording, e.g. ``Unsupported start tag "br" at byte offset 5``.

One deliberate difference: Telegram keeps a bare ``&`` (or an unknown entity such as ``&nbsp;``)
as literal text; this fake rejects it (team plan: the bot must escape every value it renders).
Python's ``html.parser`` is not used because it silently accepts a bare ``<``, which Telegram
rejects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_SPACE = " \t\r\n\f\v"
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; the message is tdlib's."""


@dataclass
class _Open:
    tag: str
    offset: int
    attrs: dict[str, str] = field(default_factory=dict)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.entities: list[dict[str, Any]] = []
        self.stack: list[_Open] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.text[:pos].encode("utf-8"))

    def char(self, pos: int | None = None) -> str:
        p = self.pos if pos is None else pos
        return self.text[p] if p < len(self.text) else ""

    def decode_entity(self, pos: int) -> tuple[str, int]:
        match = _ENTITY_RE.match(self.text, pos)
        if match:
            dec, hexa, name = match.groups()
            value: str | None = None
            if dec is not None:
                value = _codepoint(int(dec))
            elif hexa is not None:
                value = _codepoint(int(hexa, 16))
            else:
                value = _NAMED.get(name)
            if value is not None:
                return value, match.end()
        raise EntityParseError(
            f"Unsupported HTML entity or unescaped '&' at byte offset {self.byte_offset(pos)}"
        )

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.utf16 += _utf16_len(chunk)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        text = self.text
        while self.pos < len(text):
            c = text[self.pos]
            if c == "&":
                value, self.pos = self.decode_entity(self.pos)
                self.emit(value)
            elif c != "<":
                self.emit(c)
                self.pos += 1
            elif self.char(self.pos + 1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            raise EntityParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"'
            )
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def skip_spaces(self) -> None:
        while self.char() and self.char() in _SPACE:
            self.pos += 1

    def start_tag(self) -> None:
        begin = self.pos
        where = f"at byte offset {self.byte_offset(begin)}"
        self.pos += 1
        while self.char() and self.char() not in _SPACE and self.char() != ">":
            self.pos += 1
        if not self.char():
            raise EntityParseError(f"Unclosed start tag {where}")
        tag = self.text[begin + 1 : self.pos].lower()
        if tag not in SUPPORTED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{tag}" {where}')
        attrs: dict[str, str] = {}
        while True:
            self.skip_spaces()
            if self.char() == ">":
                break
            name_start = self.pos
            while self.char() and self.char() not in _SPACE and self.char() not in "=>":
                self.pos += 1
            name = self.text[name_start : self.pos].lower()
            if not name:
                raise EntityParseError(f'Empty attribute name in the tag "{tag}" {where}')
            self.skip_spaces()
            if self.char() != "=":
                if tag == "blockquote" and name == "expandable":
                    attrs[name] = ""
                    continue
                raise EntityParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" {where}'
                )
            self.pos += 1
            self.skip_spaces()
            if not self.char():
                raise EntityParseError(f'Unclosed start tag "{tag}" {where}')
            attrs[name] = self.attribute_value()
            if not self.char():
                raise EntityParseError(f"Unclosed start tag {where}")
        self.pos += 1
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {where}')
        self.stack.append(_Open(tag, self.utf16, attrs))

    def attribute_value(self) -> str:
        quote = self.char()
        if quote not in ("'", '"'):
            match = _NAME_TOKEN.match(self.text, self.pos)
            assert match is not None
            self.pos = match.end()
            if self.char() and self.char() not in _SPACE and self.char() != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {self.byte_offset(self.pos)}"
                )
            return match.group().lower()
        self.pos += 1
        value: list[str] = []
        while self.char() and self.char() != quote:
            if self.char() == "&":
                decoded, self.pos = self.decode_entity(self.pos)
                value.append(decoded)
            else:
                value.append(self.char())
                self.pos += 1
        if self.char() == quote:
            self.pos += 1
        return "".join(value)

    def end_tag(self) -> None:
        begin = self.pos
        where = f"at byte offset {self.byte_offset(begin)}"
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag {where}")
        self.pos += 2
        while self.char() and self.char() not in _SPACE and self.char() != ">":
            self.pos += 1
        name = self.text[begin + 2 : self.pos].lower()
        self.skip_spaces()
        if self.char() != ">":
            raise EntityParseError(f"Unclosed end tag {where}")
        self.pos += 1
        opened = self.stack.pop()
        if name and name != opened.tag:
            raise EntityParseError(
                f'Unmatched end tag {where}, expected "</{opened.tag}>", found "</{name}>"'
            )
        self.add_entity(opened)

    def add_entity(self, opened: _Open) -> None:
        length = self.utf16 - opened.offset
        if length <= 0:
            return
        entity: dict[str, Any] = {
            "type": _ENTITY_TYPES[opened.tag],
            "offset": opened.offset,
            "length": length,
        }
        if opened.tag == "a":
            href = opened.attrs.get("href", "")
            if not href:
                return
            entity["url"] = href
        elif opened.tag == "tg-emoji":
            entity["custom_emoji_id"] = opened.attrs.get("emoji-id", "")
        elif opened.tag == "blockquote" and "expandable" in opened.attrs:
            entity["type"] = "expandable_blockquote"
        elif opened.tag == "code" and opened.attrs.get("class", "").startswith("language-"):
            entity["language"] = opened.attrs["class"].removeprefix("language-")
        elif opened.tag == "pre":
            self.merge_code_language(entity)
        self.entities.append(entity)

    def merge_code_language(self, pre: dict[str, Any]) -> None:
        # <pre><code class="language-x">...</code></pre> becomes one pre entity with a language.
        for index, entity in enumerate(self.entities):
            if (
                entity["type"] == "code"
                and entity["offset"] == pre["offset"]
                and entity["length"] == pre["length"]
                and "language" in entity
            ):
                pre["language"] = entity["language"]
                del self.entities[index]
                return


def _codepoint(value: int) -> str | None:
    if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return None
    return chr(value)


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into ``(plain_text, entities)``; raise EntityParseError if invalid."""
    scanner = _Scanner(text)
    plain, entities = scanner.run()
    return plain, entities
