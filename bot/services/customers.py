"""Finding the Quentli customer a staff member means by what they typed.

``<customer>`` in a command is a Quentli id (``cus_…``), a customer ``username`` (often the
student number) or part of a name. The resolver tries them in that order and says whether it
found one customer, several (for buttons) or none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal, Protocol

from bot.quentli.errors import NotFoundError, ValidationError
from bot.quentli.models import Customer

__all__ = [
    "MAX_CANDIDATES",
    "MAX_CLOSE",
    "Ambiguous",
    "CustomerDirectory",
    "CustomerResolver",
    "Found",
    "NoMatch",
    "Resolution",
    "close_names",
    "looks_like_customer_id",
]

#: How many customers an ambiguous answer offers as buttons.
MAX_CANDIDATES = 8
#: How many close names a search that matched nobody offers ("¿Quisiste decir…?").
MAX_CLOSE = 4
#: The most words of a query the close names are measured against.
CLOSE_WORDS = 4
#: How alike a typed word and a word of a name must be (difflib ratio) to count as a typo.
CLOSE_RATIO = 0.7
#: The accent-blind fallback search reads at most this many pages of customers.
SCAN_PAGE_SIZE = 100
SCAN_PAGES = 50

# ``cus_…`` ids, and the older cuid-style ids without prefix (``cm4k6bzfx0019rtqttpbgg0ea``).
_ID = re.compile(r"cus_[A-Za-z0-9_-]{1,60}|c[a-z0-9]{24}")


class CustomerDirectory(Protocol):
    """The part of ``QuentliClient`` the services need (a fake in tests)."""

    async def get_customer(self, customer_id: str) -> Customer:
        """Get one customer; raises ``NotFoundError`` when there is none."""
        ...

    async def list_customers(
        self,
        filter: Mapping[str, Any] | None = None,
        *,
        skip: int = 0,
        take: int = 20,
        order_by: Mapping[str, Any] | None = None,
    ) -> list[Customer]:
        """One page of customers matching ``filter``."""
        ...


@dataclass(frozen=True, slots=True)
class Found:
    """Exactly one customer matched; ``via`` says how (``"id"``, ``"username"``, ``"name"``)."""

    customer: Customer
    via: Literal["id", "username", "name"]


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """Several customers matched by name: offer ``candidates`` (at most ``MAX_CANDIDATES``).

    ``more`` is True when there were more matches than candidates: ask for a longer name.
    """

    candidates: list[Customer]
    more: bool = False


@dataclass(frozen=True, slots=True)
class NoMatch:
    """Nothing matched ``query``; ``close`` holds the names most like it (typos), best first,
    to offer as a question, never to pick one on the staff member's behalf."""

    query: str
    close: tuple[Customer, ...] = ()


Resolution = Found | Ambiguous | NoMatch


def looks_like_customer_id(text: str) -> bool:
    """True for ``cus_…`` and the older 25-character cuid ids."""
    return _ID.fullmatch(text) is not None


class CustomerResolver:
    """Resolves ``<customer>`` arguments against Quentli.

    Args:
        quentli: the Quentli client (anything with ``get_customer`` and ``list_customers``).
    """

    def __init__(self, quentli: CustomerDirectory) -> None:
        self._quentli = quentli

    async def resolve(self, query: str) -> Resolution:
        """Find the customer ``query`` names.

        Order: an id-looking query is fetched by id; then an exact username (case-insensitive);
        then a case-insensitive name contains. Archived customers are left out of the username
        and name searches (an explicit id still finds them).

        Returns:
            ``Found``, ``Ambiguous`` (several names matched) or ``NoMatch``.

        Raises:
            QuentliError: Quentli failed (errors other than "no such id" are not swallowed).
        """
        q = " ".join(query.split())
        if not q:
            return NoMatch(q)
        if looks_like_customer_id(q):
            try:
                return Found(await self._quentli.get_customer(q), via="id")
            except (NotFoundError, ValidationError):
                pass  # not an id after all: it may still be a username or a name
        by_username = await self._by_username(q)
        if by_username is not None:
            return Found(by_username, via="username")
        return await self._by_name(q)

    async def get(self, customer_id: str) -> Customer:
        """The customer a pick button named (its id came from an earlier search).

        Raises:
            NotFoundError: no such customer (any more).
            QuentliError: Quentli failed.
        """
        return await self._quentli.get_customer(customer_id)

    async def _by_username(self, q: str) -> Customer | None:
        page = await self._quentli.list_customers(
            {"username": {"equals": q, "mode": "insensitive"}}, take=MAX_CANDIDATES
        )
        # Checked here too: a filter the server ignored must never pick a random customer.
        folded = q.casefold()
        matches = [
            c
            for c in page
            if c.username is not None and c.username.casefold() == folded and not _archived(c)
        ]
        exact = [c for c in matches if c.username == q]
        if len(exact) == 1:
            return exact[0]
        if len(matches) == 1:
            return matches[0]
        return None

    async def _by_name(self, q: str) -> Resolution:
        page = await self._quentli.list_customers(
            {"name": {"contains": q, "mode": "insensitive"}},
            take=MAX_CANDIDATES + 1,
            order_by={"name": "asc"},
        )
        folded = q.casefold()
        matches = [c for c in page if folded in c.name.casefold() and not _archived(c)]
        if not matches:
            # Staff type "garcia" for "García", or first name and surname: Quentli's contains
            # filter does neither, so look through the list ourselves, ignoring accents.
            matches, seen = await self._by_folded_words(q)
            if not matches:
                # That list is every customer there is: the close names cost no more calls.
                return NoMatch(q, close_names(q, seen))
        if len(matches) == 1:
            return Found(matches[0], via="name")
        return Ambiguous(matches[:MAX_CANDIDATES], more=len(matches) > MAX_CANDIDATES)

    async def _by_folded_words(self, q: str) -> tuple[list[Customer], list[Customer]]:
        """The customers whose name has every word of ``q`` (accents ignored), and every
        customer read on the way (all of them, up to the scan's limit, when none matched)."""
        words = fold(q).split()
        found: list[Customer] = []
        seen: list[Customer] = []
        for page_number in range(SCAN_PAGES):
            page = await self._quentli.list_customers(
                None,
                skip=page_number * SCAN_PAGE_SIZE,
                take=SCAN_PAGE_SIZE,
                order_by={"name": "asc"},
            )
            for customer in page:
                if _archived(customer):
                    continue
                seen.append(customer)
                name = fold(customer.name)
                if all(word in name for word in words):
                    found.append(customer)
            if len(page) < SCAN_PAGE_SIZE or len(found) > MAX_CANDIDATES:
                break
        return found, seen


def close_names(query: str, customers: Iterable[Customer]) -> tuple[Customer, ...]:
    """The customers whose name looks like a typo of ``query``, the likeliest first (at most
    :data:`MAX_CLOSE`).

    Accents and case are ignored. Each word of the query (the first :data:`CLOSE_WORDS`) must
    be like some word of the name: the same, its start or a part of it, or a difflib
    ``SequenceMatcher`` ratio of at least :data:`CLOSE_RATIO` ("garsia" ~ "garcia": 0.83).
    Names are ranked by how alike their words are on average, then by the ratio of the
    whole query to the whole name, then by name.
    """
    words = fold(query).split()[:CLOSE_WORDS]
    if not words:
        return ()
    matchers = [SequenceMatcher(None, b=word, autojunk=False) for word in words]
    known: list[dict[str, float]] = [{} for _ in words]
    ranked: list[tuple[float, float, str, Customer]] = []
    for customer in customers:
        name = fold(customer.name)
        scores: list[float] = []
        for word, matcher, cache in zip(words, matchers, known, strict=True):
            best = max((_likeness(word, part, matcher, cache) for part in name.split()), default=0)
            if best < CLOSE_RATIO:
                break
            scores.append(best)
        else:
            whole = SequenceMatcher(None, " ".join(words), name, autojunk=False).ratio()
            ranked.append((-sum(scores) / len(scores), -whole, name, customer))
    ranked.sort(key=lambda entry: entry[:3])
    return tuple(entry[3] for entry in ranked[:MAX_CLOSE])


def _likeness(
    word: str, part: str, matcher: SequenceMatcher[str], cache: dict[str, float]
) -> float:
    """How alike a typed word and a word of a name are, 0 to 1 (memoized per name word)."""
    if part in cache:
        return cache[part]
    if word in part:
        score = 1.0
    else:
        matcher.set_seq1(part)
        fast = matcher.real_quick_ratio() >= CLOSE_RATIO and matcher.quick_ratio() >= CLOSE_RATIO
        score = matcher.ratio() if fast else 0.0
    cache[part] = score
    return score


def fold(text: str) -> str:
    """Lower case without accents: "García Núñez" -> "garcia nunez"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _archived(customer: Customer) -> bool:
    return customer.archived_at is not None
