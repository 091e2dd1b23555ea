"""Linking Telegram chats to Quentli customers, and turning staff invites into staff.

A parent's chat gets linked by redeeming a one-time invite from staff, or by sharing the
parent's own phone number (every customer with that number is linked). The store keeps the
links; Quentli is asked only to find customers by phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from bot.quentli.errors import NotFoundError
from bot.quentli.models import Customer
from bot.services.attempts import AttemptWindow
from bot.services.customers import CustomerDirectory
from bot.store.invites import (
    Invite,
    InviteExpired,
    InviteRepo,
    InviteUnknown,
    InviteUsed,
    Sibling,
)
from bot.store.links import Link, LinkRepo
from bot.store.outbox import OutboxRepo
from bot.store.staff import StaffRepo

__all__ = [
    "DEFAULT_INVITE_TTL",
    "UNLINKED_REASON",
    "FamilyInvite",
    "InviteExpired",
    "InviteUnknown",
    "InviteUsed",
    "LinkingError",
    "LinkingRepos",
    "LinkingService",
    "NotOwnContact",
    "ParentLinked",
    "RedeemResult",
    "StaffAdded",
    "TooManyAttempts",
    "normalize_mx_phone",
    "phone_variants",
]

#: How long an invite stays valid unless the service is told otherwise (SPEC: 7 days).
DEFAULT_INVITE_TTL = timedelta(days=7)

#: The error recorded on the queued messages of a chat that unlinked.
UNLINKED_REASON = "chat unlinked"

#: Invite attempts a chat may make per minute: enough for typos, too few to guess tokens (and
#: a chat that floods /start <token> costs no database or Quentli work beyond it).
INVITE_ATTEMPTS_PER_MINUTE = 5

# Quentli lists at most 100 customers per page; a phone number belongs to a handful at most.
_PHONE_PAGE = 100


class LinkingError(Exception):
    """A chat could not be linked for a reason the user should be told."""


class NotOwnContact(LinkingError):
    """The shared contact is not the sender's own number (``contact.user_id`` differs)."""

    def __init__(self) -> None:
        super().__init__("the shared contact is not the sender's own")


@dataclass(frozen=True, slots=True)
class ParentLinked:
    """A parent invite was redeemed: ``links`` are the chat's links it made (or had already).

    ``newly_linked`` is False when the chat was already linked to that customer.
    """

    links: list[Link]
    newly_linked: bool
    #: A /checkout invite's invoice: its checkout link goes to the chat now.
    invoice_id: str | None = None

    @property
    def customer_names(self) -> list[str]:
        """The names of the linked customers, for "linked to …" replies."""
        return [link.customer_name for link in self.links]


@dataclass(frozen=True, slots=True)
class StaffAdded:
    """A staff invite was redeemed: ``user_id`` is staff now (``already_staff``: it was)."""

    user_id: int
    added_by: int
    already_staff: bool


RedeemResult = ParentLinked | StaffAdded


@dataclass(frozen=True, slots=True)
class FamilyInvite:
    """A new parent invite: the raw ``token``, its ``ref`` for the staff's siblings button,
    and the ``siblings`` (customers sharing the chosen one's phone) it links too."""

    token: str
    ref: str
    siblings: tuple[Sibling, ...]


class LinkingRepos(Protocol):
    """The repositories the linking service uses (``bot.store.Repositories`` has them)."""

    @property
    def links(self) -> LinkRepo:
        """Chat-customer links."""
        ...

    @property
    def invites(self) -> InviteRepo:
        """One-time invites."""
        ...

    @property
    def staff(self) -> StaffRepo:
        """Staff members."""
        ...

    @property
    def outbox(self) -> OutboxRepo:
        """Queued messages (dropped for a chat that unlinks)."""
        ...


def normalize_mx_phone(raw: str | None) -> str | None:
    """Normalise a phone number to E.164, reading it as Mexican when it has no country code.

    Mexican mobiles also travel as ``+521…`` (the old mobile prefix); they become ``+52…``, as
    do national forms with the old ``044``/``045``/``01`` prefixes. Telegram contacts carry
    the country code without ``+`` (``5215512345678``), which is understood too. A valid
    number of another country is returned in E.164 unchanged.

    Returns:
        ``"+525512345678"``-style E.164, or ``None`` when ``raw`` is not a valid number.
    """
    if raw is None:
        return None
    text = raw.strip()
    digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    if not digits or len(digits) > 17:
        return None
    candidates: list[str] = []
    if text.startswith("+"):
        candidates.append("+" + digits)
    elif digits.startswith("00"):  # international prefix dialled from Mexico
        candidates.append("+" + digits[2:])
    else:
        national = digits
        if len(digits) == 13 and digits.startswith(("044", "045")):
            national = digits[3:]
        elif len(digits) == 12 and digits.startswith("01"):
            national = digits[2:]
        if len(national) == 10:
            candidates.append("+52" + national)
        candidates.append("+" + digits)
    for candidate in candidates:
        number = _valid(candidate)
        if number is not None:
            return number
    return None


def _valid(candidate: str) -> str | None:
    import phonenumbers  # only phone linking needs it, and it costs start-up 50-150 ms

    try:
        number = phonenumbers.parse(candidate, "MX")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code == 52:
        national = str(number.national_number)
        if len(national) == 11 and national.startswith("1"):
            number = phonenumbers.PhoneNumber(country_code=52, national_number=int(national[1:]))
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_variants(e164: str) -> list[str]:
    """The forms under which Quentli may hold a number: a Mexican one also as ``+521…``."""
    if e164.startswith("+52") and len(e164) == 13:
        return [e164, "+521" + e164[3:]]
    return [e164]


class TooManyAttempts(LinkingError):
    """Too many invite attempts from this chat in the last minute; nothing was looked up.

    ``first``: the first refusal of this minute (answer it; stay quiet on the next ones).
    """

    def __init__(self, first: bool) -> None:
        super().__init__("too many invite attempts from this chat")
        self.first = first


class LinkingService:
    """Links chats to customers and redeems invites.

    Args:
        repos: the store's repositories (``links``, ``invites``, ``staff``).
        quentli: the Quentli client (only ``list_customers`` is used).
        invite_ttl: how long new invites stay valid.
    """

    def __init__(
        self,
        repos: LinkingRepos,
        quentli: CustomerDirectory,
        *,
        invite_ttl: timedelta = DEFAULT_INVITE_TTL,
    ) -> None:
        self._repos = repos
        self._quentli = quentli
        self.invite_ttl = invite_ttl
        self._attempts = AttemptWindow(INVITE_ATTEMPTS_PER_MINUTE, 60.0)

    async def create_parent_invite(self, customer: Customer, staff_id: int) -> str:
        """Create a one-time invite that links a parent's chat to ``customer``.

        Returns:
            The raw token for the ``/start`` deep link (32 URL-safe characters).
        """
        return await self._repos.invites.create(
            "parent", customer.id, customer.name, staff_id, self.invite_ttl
        )

    async def create_family_invite(self, customer: Customer, staff_id: int) -> FamilyInvite:
        """A parent invite for ``customer`` that also links the siblings sharing its phone
        number (staff may switch them off with :meth:`include_siblings` until it is used).

        Raises:
            QuentliError: the siblings could not be looked up; no invite was made.
        """
        e164 = normalize_mx_phone(customer.phone_number)
        others = [] if e164 is None else await self.customers_with_phone(e164)
        siblings = tuple((c.id, c.name) for c in others if c.id != customer.id)
        token = await self._repos.invites.create(
            "parent", customer.id, customer.name, staff_id, self.invite_ttl, siblings=siblings
        )
        invite = await self._repos.invites.get(token)
        assert invite is not None
        return FamilyInvite(token, invite.ref, siblings)

    async def include_siblings(self, ref: str, on: bool) -> Invite | None:
        """Switch the siblings of the unused invite ``ref`` on or off.

        Returns:
            The invite as it is now (``used_at`` set: too late, nothing changed); None when
            there is no such invite.
        """
        return await self._repos.invites.set_with_siblings(ref, on)

    async def create_checkout_invite(
        self, customer_id: str, customer_name: str, invoice_id: str, staff_id: int
    ) -> str:
        """A one-time invite that links the family's chat to the customer a /checkout made
        (or found) and then gives them that invoice's checkout link.

        Returns:
            The raw token for the ``/start`` deep link.
        """
        return await self._repos.invites.create(
            "parent", customer_id, customer_name, staff_id, self.invite_ttl, invoice_id=invoice_id
        )

    async def create_staff_invite(self, admin_id: int) -> str:
        """Create a one-time invite that makes whoever redeems it staff.

        The caller checks that ``admin_id`` is an admin.

        Returns:
            The raw token for the ``/start`` deep link.
        """
        return await self._repos.invites.create("staff", None, None, admin_id, self.invite_ttl)

    async def redeem(self, token: str, chat_id: int, user_id: int) -> RedeemResult:
        """Use an invite token: link the chat (parent invite) or add the user as staff.

        A parent invite links its customer and the siblings it includes. A chat already linked
        to every one of them does not use it up (the invite may be meant for the other
        parent): it gets ``ParentLinked(newly_linked=False)``.

        Returns:
            ``ParentLinked`` or ``StaffAdded``.

        Raises:
            InviteUnknown: no such token (or a damaged parent invite without customer, or one
                whose customer was archived or deleted in Quentli since).
            QuentliError: Quentli did not answer the customer check (the invite is unused).
            TooManyAttempts: this chat tried too many invites in the last minute.
            InviteUsed: it was used before.
            InviteExpired: it expired unused.
        """
        verdict = self._attempts.attempt(chat_id)
        if not verdict.allowed:
            raise TooManyAttempts(verdict.first_refusal)
        unused = await self._repos.invites.usable(token)
        if unused is not None and unused.kind == "parent" and unused.customer_id:
            # The family may have been archived or deleted in Quentli since the invite was
            # made: it must not give anyone their invoices and links then. Checked before the
            # invite is used, so a Quentli failure leaves it usable.
            if not await self._is_current(unused.customer_id):
                raise InviteUnknown()
            links = await self._links_to(chat_id, unused)
            if len(links) == len(unused.customers):
                return ParentLinked(links, newly_linked=False, invoice_id=unused.invoice_id)
        invite = await self._repos.invites.consume(token, user_id)
        if invite.kind == "staff":
            added = await self._repos.staff.add(user_id, invite.created_by, "invite")
            return StaffAdded(user_id=user_id, added_by=invite.created_by, already_staff=not added)
        if not invite.customer_id:
            raise InviteUnknown()
        new = False
        for customer_id, name in invite.customers:
            new |= await self._repos.links.link(chat_id, customer_id, name, "token", user_id)
        links = await self._links_to(chat_id, invite)
        return ParentLinked(links=links, newly_linked=new, invoice_id=invite.invoice_id)

    async def _links_to(self, chat_id: int, invite: Invite) -> list[Link]:
        """The chat's active links to the customers ``invite`` links, in the invite's order."""
        by_id = {
            link.customer_id: link for link in await self._repos.links.customers_for_chat(chat_id)
        }
        return [by_id[cid] for cid, _ in invite.customers if cid in by_id]

    async def link_by_phone(
        self, chat_id: int, user_id: int, contact_user_id: int | None, phone: str
    ) -> list[Customer]:
        """Link the chat to every customer whose phone number is the sender's own.

        Args:
            chat_id: the private chat.
            user_id: the sender.
            contact_user_id: ``contact.user_id`` of the shared contact (None for a contact
                that is not a Telegram user).
            phone: ``contact.phone_number`` as Telegram sent it.

        Returns:
            The customers now linked to the chat through this number (empty: none has it,
            or the number could not be read). Archived customers are not linked.

        Raises:
            NotOwnContact: the contact is someone else's.
            QuentliError: Quentli could not be asked; nothing was linked.
        """
        if contact_user_id is None or contact_user_id != user_id:
            raise NotOwnContact()
        e164 = normalize_mx_phone(phone)
        if e164 is None:
            return []
        customers = await self.customers_with_phone(e164)
        for customer in customers:
            await self._repos.links.link(chat_id, customer.id, customer.name, "phone", user_id)
        return customers

    async def _is_current(self, customer_id: str) -> bool:
        """Whether ``customer_id`` still exists in Quentli and is not archived."""
        try:
            customer = await self._quentli.get_customer(customer_id)
        except NotFoundError:
            return False
        return customer.archived_at is None

    async def customers_with_phone(self, e164: str) -> list[Customer]:
        """The unarchived customers whose ``phoneNumber`` is ``e164`` (in any of its forms)."""
        found: dict[str, Customer] = {}
        for variant in phone_variants(e164):
            page = await self._quentli.list_customers({"phoneNumber": variant}, take=_PHONE_PAGE)
            for customer in page:
                # Checked here too: a filter the server ignored must never link strangers.
                if normalize_mx_phone(customer.phone_number) != e164:
                    continue
                if customer.archived_at is None:
                    found.setdefault(customer.id, customer)
        return list(found.values())

    async def linked_chat_count(self, customer_id: str) -> int:
        """How many chats are linked to ``customer_id`` now (active links; a chat that blocked
        the bot still counts: it is linked, only not reachable for now)."""
        active, _ = await self._repos.links.count_for_customer(customer_id)
        return active

    async def is_linked(self, chat_id: int, customer_id: str) -> bool:
        """True when the chat has an active link to ``customer_id``."""
        return await self._repos.links.is_linked(chat_id, customer_id)

    async def unlink(self, chat_id: int) -> int:
        """Remove every link of the chat and drop what is still queued for it (notices and
        receipts about its customers must not reach it any more); returns how many links
        there were."""
        removed = await self._repos.links.unlink_chat(chat_id)
        await self._repos.outbox.drop_unsent_for_chat(chat_id, UNLINKED_REASON)
        return removed
