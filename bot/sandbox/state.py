"""The sandbox's data (customers, invoices, payments, links), its JSON file and its test hooks.

``SandboxState`` is plain in-memory dicts of wire-shaped records. With a ``path`` it loads that
JSON file on start and rewrites it (temp file + ``os.replace``: a crash never leaves half a
file) after every write, so a restarted sandbox keeps its data. The hooks (``requests``,
``latency``, ``fail_next``, ``hang_next``, ``decline_next_charge``) are for tests, never saved.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.sandbox import ledger
from bot.sandbox.records import format_dt, new_id, public
from bot.sandbox.seed import seed_demo

__all__ = ["RecordedRequest", "SandboxState", "seed_demo"]

logger = logging.getLogger("bot.sandbox")

Record = dict[str, Any]
EventSink = Callable[[Record], None]
FORMAT_VERSION = 1
DEFAULT_SCHOOL = "Colegio Montessori del Valle"
_MAX_EVENTS = 1000


@dataclass(frozen=True)
class RecordedRequest:
    """One API request as the sandbox received it (after authentication)."""

    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class _Rule:
    value: float
    remaining: int
    path_prefix: str


class SandboxState:
    """Everything the sandbox knows; see the module docstring.

    Args:
        path: optional JSON file to load from and save to.
        school_name: the organization's name (used when there is no saved file).
        clock: returns "now" as an aware UTC datetime (tests may freeze it).
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        school_name: str = DEFAULT_SCHOOL,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = path
        self.clock = clock or (lambda: datetime.now(UTC))
        self.organization: Record = {"id": new_id("org_"), "name": school_name}
        self.customers: dict[str, Record] = {}
        self.invoices: dict[str, Record] = {}
        self.payments: dict[str, Record] = {}
        self.concepts: dict[str, Record] = {}
        self.cards: dict[str, str] = {}  # customer id -> saved card's payment method id
        self.links: dict[str, Record] = {}  # token -> {kind, targetId, expiresAt}
        # Test hooks (never saved).
        self.requests: list[RecordedRequest] = []
        self.events: list[Record] = []
        self.latency: float = 0.0
        self.on_event: EventSink | None = None
        self._fail_rules: list[_Rule] = []
        self._hang_rules: list[_Rule] = []
        self._declines = 0
        if path is not None and path.exists():
            self._load(path)

    # -- time, persistence ------------------------------------------------------------------

    def now(self) -> datetime:
        """The sandbox's current time (aware UTC)."""
        return self.clock()

    def now_iso(self) -> str:
        """The current time as Quentli writes it."""
        return format_dt(self.now())

    @property
    def is_empty(self) -> bool:
        """True while there are no customers (seeding only happens then)."""
        return not self.customers

    def _snapshot(self) -> Record:
        return {
            "version": FORMAT_VERSION,
            "organization": self.organization,
            "customers": list(self.customers.values()),
            "invoices": list(self.invoices.values()),
            "payments": list(self.payments.values()),
            "concepts": list(self.concepts.values()),
            "cards": self.cards,
            "links": self.links,
        }

    def save(self) -> None:
        """Write the data to ``path`` atomically (no-op without a path)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._snapshot(), handle, ensure_ascii=False)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"cannot read the sandbox state file {path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise ValueError(f"{path} is not a version {FORMAT_VERSION} sandbox state file")
        self.organization = data["organization"]
        self.customers = {r["id"]: r for r in data["customers"]}
        self.invoices = {r["id"]: r for r in data["invoices"]}
        self.payments = {r["id"]: r for r in data["payments"]}
        self.concepts = {r["id"]: r for r in data["concepts"]}
        self.cards = dict(data["cards"])
        self.links = dict(data["links"])

    # -- events -----------------------------------------------------------------------------

    def emit(self, event: Record) -> None:
        """Record a webhook event and hand it to ``on_event`` (the app's webhook sender)."""
        self.events.append(event)
        del self.events[:-_MAX_EVENTS]
        if self.on_event is not None:
            try:
                self.on_event(event)
            except Exception:
                logger.exception("sandbox: could not dispatch webhook %s", event["eventType"])

    # -- test hooks -------------------------------------------------------------------------

    def fail_next(self, status: int, count: int = 1, path_prefix: str = "") -> None:
        """Answer the next ``count`` API requests under ``path_prefix`` with ``status``."""
        self._fail_rules.append(_Rule(status, count, path_prefix))

    def hang_next(self, seconds: float, count: int = 1, path_prefix: str = "") -> None:
        """Hold the answer of the next ``count`` API requests under ``path_prefix``.

        The request is processed first (a write lands), then the answer waits ``seconds``:
        what a client sees when its read timeout fires on a write that did happen.
        """
        self._hang_rules.append(_Rule(seconds, count, path_prefix))

    def decline_next_charge(self, count: int = 1) -> None:
        """Make the next ``count`` try-payment charges fail as a card decline."""
        self._declines += count

    @staticmethod
    def _take(rules: list[_Rule], path: str) -> float | None:
        for rule in rules:
            if path.startswith(rule.path_prefix):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    rules.remove(rule)
                return rule.value
        return None

    def take_failure(self, path: str) -> int | None:
        """The status to fail this request with, if a ``fail_next`` rule matches."""
        value = self._take(self._fail_rules, path)
        return None if value is None else int(value)

    def take_hang(self, path: str) -> float | None:
        """Seconds to hold this request's answer, if a ``hang_next`` rule matches."""
        return self._take(self._hang_rules, path)

    def take_decline(self) -> bool:
        """Whether this charge must be declined (consumes one ``decline_next_charge``)."""
        if self._declines > 0:
            self._declines -= 1
            return True
        return False

    # -- demo helpers -----------------------------------------------------------------------

    def add_customer(
        self,
        name: str,
        username: str,
        phone_number: str | None = None,
        email: str | None = None,
        has_card: bool = False,
        metadata: list[dict[str, str]] | None = None,
    ) -> Record:
        """Create a customer directly (as if made in the Dashboard); returns its public record."""
        customer = ledger.add_customer(
            self,
            name=name,
            username=username,
            phone_number=phone_number,
            email=email,
            metadata=metadata or [{"key": "studentId", "value": username}],
        )
        if has_card:
            self.cards[customer["id"]] = new_id("pm_")
            self.save()
        return _public(customer)

    def add_invoice(
        self,
        customer_id: str,
        amount: int,
        description: str,
        due_date: date,
        *,
        emit: bool = True,
    ) -> Record:
        """Create a one-item invoice due at 00:00 Mexico City of ``due_date``; public record."""
        invoice = ledger.add_simple_invoice(
            self, customer_id, amount, description, due_date, emit=emit
        )
        return _public(invoice)

    def pay_invoice(self, invoice_id: str, via: str = "CARD", *, emit: bool = True) -> Record:
        """Pay an invoice as the checkout page does (webhooks for CARD); returns the invoice."""
        ledger.pay(self, invoice_id, via, emit=emit)
        return _public(self.invoices[invoice_id])


def _public(record: Record) -> Record:
    result = public(record)
    assert result is not None
    return result
