"""The text catalog: every module in this package defines ``TEXTS`` and they are merged here.

Each module holds ``TEXTS: dict[str, dict[str, str]] = {"key": {"es": "...", "en": "..."}}``.
A key defined twice, or an entry without exactly the supported languages, stops the import:
a broken catalog must fail the tests, not a user's chat.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = ["CATALOG", "LANGUAGES", "CatalogError", "load_catalog", "merge_catalogs"]

#: The languages every entry must have, the default first.
LANGUAGES: tuple[str, ...] = ("es", "en")


class CatalogError(Exception):
    """The catalog is inconsistent (duplicate key, missing language, not a string)."""


def merge_catalogs(
    modules: Iterable[tuple[str, Mapping[str, Mapping[str, str]]]],
) -> dict[str, dict[str, str]]:
    """Merge ``(module_name, TEXTS)`` pairs into one catalog, checking every entry.

    Raises:
        CatalogError: a key appears in two modules (or twice), or an entry's languages are not
            exactly ``LANGUAGES``, or a template is not a string.
    """
    merged: dict[str, dict[str, str]] = {}
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
                if not isinstance(template, str):
                    raise CatalogError(f"text key {key!r} [{lang}] in {module_name} is not a str")
            merged[key] = dict(entry)
            origin[key] = module_name
    return merged


def load_catalog(package: str = __name__) -> dict[str, dict[str, str]]:
    """Import every module of ``package`` and merge their ``TEXTS``."""
    pkg = importlib.import_module(package)
    modules: list[tuple[str, Mapping[str, Mapping[str, str]]]] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        texts = getattr(module, "TEXTS", None)
        if not isinstance(texts, Mapping):
            raise CatalogError(f"{module.__name__} has no TEXTS dict")
        modules.append((module.__name__, texts))
    return merge_catalogs(modules)


#: Every text, read-only: ``CATALOG[key][lang] -> template``.
CATALOG: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {key: MappingProxyType(entry) for key, entry in load_catalog().items()}
)
