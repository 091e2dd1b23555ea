"""The whole catalog (every feature's module): complete, consistent, and valid Telegram HTML."""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.texts import CATALOG, SUPPORTED, Texts
from bot.texts.catalog import CatalogError, load_catalog, merge_catalogs

TZ = ZoneInfo("America/Mexico_City")
# Only what Telegram's HTML parse mode understands (a subset of it, by house rule).
ALLOWED_TAGS = {"b", "i", "u", "s", "a", "code", "pre", "blockquote"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
# A value full of characters that break HTML unless escaped.
HOSTILE = '<Ana & "Bob" López>'


def telegram_html_errors(text: str) -> list[str]:
    """Problems Telegram would report as "can't parse entities" (empty when valid)."""
    errors: list[str] = []
    stack: list[str] = []
    pos = 0
    for match in _TAG.finditer(text):
        errors += _text_errors(text[pos : match.start()])
        pos = match.end()
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3).strip()
        if name not in ALLOWED_TAGS:
            errors.append(f"tag <{name}> is not allowed")
            continue
        if closing:
            if not stack or stack[-1] != name:
                errors.append(f"unbalanced </{name}>")
            else:
                stack.pop()
            continue
        if name == "a":
            if not re.fullmatch(r'href="[^"<>]*"', attrs):
                errors.append(f"<a> needs exactly one quoted href, got {attrs!r}")
        elif name in ("pre", "code"):
            if attrs and not re.fullmatch(r'class="language-[a-z0-9+-]+"', attrs):
                errors.append(f"<{name}> has attributes {attrs!r}")
        elif attrs:
            errors.append(f"<{name}> takes no attributes, got {attrs!r}")
        stack.append(name)
    errors += _text_errors(text[pos:])
    if stack:
        errors.append(f"unclosed tags {stack}")
    return errors


def _text_errors(chunk: str) -> list[str]:
    errors = []
    if "<" in chunk or ">" in chunk:
        errors.append(f"raw < or > in {chunk!r}")
    for amp in re.finditer("&", chunk):
        if not _ENTITY.match(chunk, amp.start()):
            errors.append(f"bare & in {chunk!r}")
    return errors


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_the_validator_catches_broken_html() -> None:
    assert telegram_html_errors('<b>ok</b> &amp; <a href="https://x.mx">y</a>') == []
    assert telegram_html_errors("<b>open")
    assert telegram_html_errors("<b><i>x</b></i>")
    assert telegram_html_errors("<div>x</div>")
    assert telegram_html_errors("1 < 2")
    assert telegram_html_errors("Tom & Jerry")
    assert telegram_html_errors('<b class="x">y</b>')


def test_catalog_is_not_empty_and_has_the_generic_texts() -> None:
    for key in ("error.generic", "sandbox.notice", "quentli.unreachable", "gate.staff_only"):
        assert key in CATALOG


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_every_language_with_the_same_placeholders(key: str) -> None:
    entry = CATALOG[key]
    assert set(entry) == set(SUPPORTED)
    for lang in SUPPORTED:
        assert entry[lang].strip(), f"{key} [{lang}] is empty"
    names = {lang: placeholders(entry[lang]) for lang in SUPPORTED}
    assert names["es"] == names["en"], f"{key}: placeholders differ {names}"
    for name in names["es"]:
        assert name.isidentifier(), f"{key}: placeholder {name!r} must be a plain name"


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_template_renders_as_valid_telegram_html(key: str, lang: str) -> None:
    t = Texts(lang, TZ)
    values = {name: HOSTILE for name in placeholders(CATALOG[key][lang])}
    rendered = t(key, **values)
    assert telegram_html_errors(rendered) == [], rendered
    assert len(rendered) <= 4096
    if values:
        assert "&lt;Ana &amp; &quot;Bob&quot; López&gt;" in rendered


def test_merge_refuses_a_duplicate_key() -> None:
    a = {"x.one": {"es": "uno", "en": "one"}}
    b = {"x.one": {"es": "otro", "en": "other"}}
    with pytest.raises(CatalogError, match=r"x\.one.*mod_a.*mod_b"):
        merge_catalogs([("mod_a", a), ("mod_b", b)])


def test_merge_refuses_a_missing_or_extra_language() -> None:
    with pytest.raises(CatalogError, match="languages"):
        merge_catalogs([("m", {"x.only_es": {"es": "hola"}})])
    with pytest.raises(CatalogError, match="languages"):
        merge_catalogs([("m", {"x.fr": {"es": "hola", "en": "hi", "fr": "salut"}})])


def test_merge_refuses_a_template_that_is_not_a_string() -> None:
    with pytest.raises(CatalogError, match="not a str"):
        merge_catalogs([("m", {"x.n": {"es": "hola", "en": 5}})])  # type: ignore[dict-item]


def test_merge_keeps_everything_else() -> None:
    merged = merge_catalogs(
        [("a", {"x.a": {"es": "a", "en": "a"}}), ("b", {"x.b": {"es": "b", "en": "B"}})]
    )
    assert merged == {"x.a": {"es": "a", "en": "a"}, "x.b": {"es": "b", "en": "B"}}


def _write_package(root: Path, name: str, modules: dict[str, str]) -> None:
    pkg = root / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for module, source in modules.items():
        (pkg / f"{module}.py").write_text(source)


def test_loader_merges_every_module_of_a_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_package(
        tmp_path,
        "cat_ok_pkg",
        {
            "alpha": 'TEXTS = {"a.k": {"es": "a", "en": "a"}}',
            "beta": 'TEXTS = {"b.k": {"es": "b", "en": "b"}}',
            "_private": "NOT_TEXTS = 1",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert set(load_catalog("cat_ok_pkg")) == {"a.k", "b.k"}
    finally:
        for mod in [m for m in sys.modules if m.startswith("cat_ok_pkg")]:
            del sys.modules[mod]


def test_loader_refuses_duplicates_across_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_package(
        tmp_path,
        "cat_dup_pkg",
        {
            "alpha": 'TEXTS = {"same.k": {"es": "a", "en": "a"}}',
            "beta": 'TEXTS = {"same.k": {"es": "b", "en": "b"}}',
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(CatalogError, match=r"same\.k"):
            load_catalog("cat_dup_pkg")
    finally:
        for mod in [m for m in sys.modules if m.startswith("cat_dup_pkg")]:
            del sys.modules[mod]


def test_loader_refuses_a_module_without_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_package(tmp_path, "cat_bad_pkg", {"alpha": "OTHER = {}"})
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(CatalogError, match="no TEXTS"):
            load_catalog("cat_bad_pkg")
    finally:
        for mod in [m for m in sys.modules if m.startswith("cat_bad_pkg")]:
            del sys.modules[mod]
