"""The whole catalog (every feature's module): complete, consistent, and valid Telegram HTML."""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.texts import CATALOG, SUPPORTED, Texts, escape
from bot.texts.catalog import (
    REQUIRED_FORMS,
    CatalogError,
    forms,
    load_catalog,
    merge_catalogs,
    plural_categories,
)

TZ = ZoneInfo("America/Mexico_City")
# Only what Telegram's HTML parse mode understands (a subset of it, by house rule).
ALLOWED_TAGS = {"b", "i", "u", "s", "a", "code", "pre", "blockquote"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
# A value full of characters that break HTML unless escaped.
HOSTILE = '<Ana & "Bob" López>'
# Texts with plural forms in at least one language.
PLURAL_KEYS = sorted(
    key for key, entry in CATALOG.items() if any(isinstance(v, Mapping) for v in entry.values())
)
# Counts each plural text is tried with, and the CLDR category Babel gives them.
COUNTS = (0, 1, 2, 1_000_000)
CATEGORY = {
    "es": {0: "other", 1: "one", 2: "other", 1_000_000: "many"},
    "en": {0: "other", 1: "one", 2: "other", 1_000_000: "other"},
}


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


def hostile_values(template: str, count: int) -> dict[str, object]:
    """Every value of ``template`` full of HTML-breaking characters, but ``count`` a number."""
    values: dict[str, object] = {name: HOSTILE for name in placeholders(template)}
    return values | {"count": count}


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
    names: dict[str, set[str]] = {}
    for lang in SUPPORTED:
        for form in forms(entry[lang]):
            assert form.strip(), f"{key} [{lang}] is empty"
            names.setdefault(lang, placeholders(form))
            assert placeholders(form) == names[lang], f"{key} [{lang}]: forms differ"
    assert names["es"] == names["en"], f"{key}: placeholders differ {names}"
    for name in names["es"]:
        assert name.isidentifier(), f"{key}: placeholder {name!r} must be a plain name"


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_template_renders_as_valid_telegram_html(key: str, lang: str) -> None:
    t = Texts(lang, TZ)
    template = CATALOG[key][lang]
    if isinstance(template, str):
        cases = [{name: HOSTILE for name in placeholders(template)}]
    else:
        cases = [hostile_values(template["other"], count) for count in COUNTS]
    for values in cases:
        rendered = t(key, **values)
        assert telegram_html_errors(rendered) == [], rendered
        assert len(rendered) <= 4096
        if set(values) - {"count"}:
            assert "&lt;Ana &amp; &quot;Bob&quot; López&gt;" in rendered


def test_the_plural_texts_are_found() -> None:
    assert "billing.notified.some" in PLURAL_KEYS
    assert "billing.customer.owed" in PLURAL_KEYS


def test_babel_gives_the_plural_categories_the_catalog_is_written_for() -> None:
    assert plural_categories("es") == {"one", "many", "other"}
    assert plural_categories("en") == {"one", "other"}
    assert {"one", "other"} == REQUIRED_FORMS


@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_every_plural_text_has_the_forms_its_language_needs(key: str) -> None:
    for lang in SUPPORTED:
        template = CATALOG[key][lang]
        if isinstance(template, str):
            continue  # the same words for every count in this language
        assert {"one", "other"} <= set(template), f"{key} [{lang}]"
        assert set(template) <= plural_categories(lang), f"{key} [{lang}]"


@pytest.mark.parametrize("count", COUNTS)
@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_every_plural_text_takes_the_cldr_form_for_the_count(
    key: str, lang: str, count: int
) -> None:
    template = CATALOG[key][lang]
    values = hostile_values(forms(template)[0], count)
    rendered = Texts(lang, TZ)(key, **values)
    if isinstance(template, str):
        expected = template
    else:
        # A category the text leaves out (Spanish "many", exact millions) falls back to "other".
        expected = template.get(CATEGORY[lang][count], template["other"])
    # Both locales group digits with commas, as Python's "," format does.
    shown = {name: escape(value) for name, value in values.items()} | {"count": f"{count:,}"}
    assert rendered == expected.format_map(shown)


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


def test_merge_refuses_plural_forms_without_one_or_other() -> None:
    for forms_ in ({"other": "{count} chats"}, {"one": "{count} chat"}, {}):
        entry = {"es": forms_, "en": "{count} chats"}
        with pytest.raises(CatalogError, match=r"'x\.n' \[es\]"):
            merge_catalogs([("m", {"x.n": entry})])


def test_merge_refuses_a_plural_category_the_language_has_not() -> None:
    with pytest.raises(CatalogError, match=r"\['few'\].*es"):
        merge_catalogs([("m", {"x.n": {"es": {"one": "a", "few": "b", "other": "c"}, "en": "d"}})])
    with pytest.raises(CatalogError, match=r"\['many'\].*en"):
        merge_catalogs(
            [("m", {"x.n": {"es": "a", "en": {"one": "b", "many": "c", "other": "d"}}})]
        )


def test_merge_refuses_a_plural_form_that_is_not_a_string() -> None:
    with pytest.raises(CatalogError, match="'one' is not a str"):
        merge_catalogs([("m", {"x.n": {"es": {"one": 1, "other": "b"}, "en": "c"}})])  # type: ignore[dict-item]


def test_merge_keeps_plural_forms_spanish_many_included() -> None:
    es = {"one": "{count} chat", "many": "{count} de chats", "other": "{count} chats"}
    merged = merge_catalogs([("m", {"x.n": {"es": es, "en": "{count} chats"}})])
    assert merged == {"x.n": {"es": es, "en": "{count} chats"}}


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
