"""The text catalog: every module in this package defines ``TEXTS`` and they are merged here.

Each module holds ``TEXTS = {"key": {"es": "...", "en": "..."}}``. A language's text is a
template, or, when it tells a number of things, its plural forms: a mapping from CLDR plural
categories to templates, ``{"one": "{count} chat", "other": "{count} chats"}``, of which ``Texts``
picks one with Babel's rules for the ``count`` value.

A key defined twice, an entry without exactly the supported languages, or plural forms a language
does not have stops the import: a broken catalog must fail the tests, not a user's chat.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from babel import Locale

__all__ = [
    "CATALOG",
    "LANGUAGES",
    "REQUIRED_FORMS",
    "CatalogError",
    "Entry",
    "Template",
    "forms",
    "load_catalog",
    "merge_catalogs",
    "plural_categories",
]

#: The languages every entry must have, the default first.
LANGUAGES: tuple[str, ...] = ("es", "en")

#: One language's text: a template, or plural forms by CLDR category.
Template = str | Mapping[str, str]
#: A catalog entry: each language's text.
Entry = Mapping[str, Template]

#: The plural forms every plural text has in both languages. Spanish's CLDR rules also have
#: ``many``, for exact millions ("1 millón de chats"); we write counts in digits ("1,000,000
#: chats"), so a text may leave it out and gets its ``other`` form, the CLDR fallback.
REQUIRED_FORMS = frozenset({"one", "other"})


class CatalogError(Exception):
    """The catalog is inconsistent (duplicate key, missing language, bad template or forms)."""


def plural_categories(lang: str) -> frozenset[str]:
    """The CLDR plural categories of ``lang``, ``other`` included (``es``: one, many, other)."""
    return Locale.parse(lang).plural_form.tags | {"other"}


def forms(template: Template) -> tuple[str, ...]:
    """Every template of one language's text: the template itself, or each plural form."""
    return (template,) if isinstance(template, str) else tuple(template.values())


def merge_catalogs(
    modules: Iterable[tuple[str, Mapping[str, Entry]]],
) -> dict[str, dict[str, Template]]:
    """Merge ``(module_name, TEXTS)`` pairs into one catalog, checking every entry.

    Raises:
        CatalogError: a key appears in two modules (or twice), or an entry's languages are not
            exactly ``LANGUAGES``, or a template is not a string, or plural forms lack one of
            ``REQUIRED_FORMS`` or have a category their language does not have.
    """
    merged: dict[str, dict[str, Template]] = {}
    origin: dict[str, str] = {}
    for module_name, texts in modules:
        for key, entry in texts.items():
            if key in merged:
                raise CatalogError(
                    f"text key {key!r} is defined in both {origin[key]} and {module_name}"
                )
            if set(entry) != set(LANGUAGES):
                raise CatalogError(
                    f"text key {key!r} in {module_name} has languages {sorted(entry)}, "
                    f"expected {sorted(LANGUAGES)}"
                )
            for lang, template in entry.items():
                _check(f"text key {key!r} [{lang}] in {module_name}", lang, template)
            merged[key] = {
                lang: template if isinstance(template, str) else MappingProxyType(dict(template))
                for lang, template in entry.items()
            }
            origin[key] = module_name
    return merged


def _check(where: str, lang: str, template: object) -> None:
    if isinstance(template, str):
        return
    if not isinstance(template, Mapping) or not template:
        raise CatalogError(f"{where} is not a str nor plural forms")
    missing = REQUIRED_FORMS - set(template)
    if missing:
        raise CatalogError(f"{where} lacks the plural forms {sorted(missing)}")
    unknown = set(template) - plural_categories(lang)
    if unknown:
        raise CatalogError(f"{where} has plural forms {sorted(unknown)} that {lang} has not")
    for category, form in template.items():
        if not isinstance(form, str):
            raise CatalogError(f"{where} form {category!r} is not a str")


def load_catalog(package: str = __name__) -> dict[str, dict[str, Template]]:
    """Import every module of ``package`` and merge their ``TEXTS``."""
    pkg = importlib.import_module(package)
    modules: list[tuple[str, Mapping[str, Entry]]] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        texts = getattr(module, "TEXTS", None)
        if not isinstance(texts, Mapping):
            raise CatalogError(f"{module.__name__} has no TEXTS dict")
        modules.append((module.__name__, texts))
    return merge_catalogs(modules)


#: Every text, read-only: ``CATALOG[key][lang] -> template`` (or its plural forms).
CATALOG: Mapping[str, Mapping[str, Template]] = MappingProxyType(
    {key: MappingProxyType(entry) for key, entry in load_catalog().items()}
)
