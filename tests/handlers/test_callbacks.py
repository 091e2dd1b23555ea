"""Every kind of callback data, built and parsed in bot.handlers.ui.callbacks."""

from __future__ import annotations

import re

import pytest

from bot.handlers.ui import callbacks
from bot.handlers.ui.callbacks import MAX_CALLBACK_BYTES, CallbackKind, CallbackTooLong

KINDS = [value for value in vars(callbacks).values() if isinstance(value, CallbackKind)]


def test_every_kind_has_its_own_prefix():
    prefixes = [kind.prefix for kind in KINDS]
    assert len(KINDS) == 41
    assert len(set(prefixes)) == len(prefixes)
    for kind in KINDS:
        others = [other for other in KINDS if other is not kind]
        assert not any(re.match(other.pattern, kind.prefix + ":x") for other in others)


def test_the_wire_format():
    assert callbacks.PAY.data("inv_123") == "pay:inv_123"
    assert callbacks.PORTAL.data("cus_1") == "portal:cus_1"
    assert callbacks.OP.data("op_abc", "ok") == "op:op_abc:ok"
    assert callbacks.INVOICE_PICK.data("cus_1") == "invc:cus_1"
    assert callbacks.INVOICE_CONCEPT.data("2") == "invk:2"
    assert callbacks.LANGUAGE.data("en") == "lang:en"
    assert callbacks.UNLINK.data("yes") == "unlink:yes"


@pytest.mark.parametrize(
    ("kind", "data", "matches"),
    [
        (callbacks.PAY, "pay:anything", True),
        (callbacks.PAY, "paypal:x", False),
        (callbacks.OP, "op:op_abc-1:ok", True),
        (callbacks.OP, "op:op_abc:maybe", False),
        (callbacks.OP, "op:" + "a" * 41 + ":ok", False),
        (callbacks.LANGUAGE, "lang:es", True),
        (callbacks.LANGUAGE, "lang:fr", False),
        (callbacks.UNLINK, "unlink:no", True),
        (callbacks.UNLINK, "unlink:yes!", False),
        (callbacks.INVITE_PICK, "invite:cus_1", True),
        (callbacks.INVOICE_PICK, "invite:cus_1", False),
    ],
)
def test_patterns(kind: CallbackKind, data: str, matches: bool):
    assert bool(re.match(kind.pattern, data)) is matches


def test_values_read_back():
    assert callbacks.value(callbacks.PAY.data("inv_1")) == "inv_1"
    assert callbacks.value(callbacks.CUSTOMER_PICK.data("cus_9")) == "cus_9"
    assert callbacks.op_choice(callbacks.OP.data("op_1", "no")) == ("op_1", "no")


def test_the_64_byte_limit():
    fits = "i" * (MAX_CALLBACK_BYTES - len("pay:"))
    assert callbacks.PAY.data(fits) == "pay:" + fits
    assert callbacks.PAY.data_if_fits(fits + "i") is None
    with pytest.raises(CallbackTooLong):
        callbacks.PORTAL.data("ñ" * 30)  # 60 bytes of UTF-8, 30 characters


def test_any_of_matches_only_those_kinds():
    pattern = callbacks.any_of(callbacks.INVOICE_DUE, callbacks.CHECKOUT_DUE)
    assert re.match(pattern, "invd:eom") and re.match(pattern, "cod:d10")
    assert not re.match(pattern, "invk:1")
