"""Reminder batches: at most 100 customers a batch (one list call), a family never split."""

from __future__ import annotations

from bot.services.reminders import _batches
from bot.store.reminders import LinkedCustomer


def test_families_stay_whole_and_batches_hold_at_most_100_customers() -> None:
    links = [LinkedCustomer(n, f"cus_{n}", "x") for n in range(150)]
    # chat 1000 is a mother of cus_5 and cus_140; chat 1001 the father of cus_140
    links += [LinkedCustomer(1000, "cus_5", "x"), LinkedCustomer(1000, "cus_140", "x")]
    links.append(LinkedCustomer(1001, "cus_140", "x"))
    batches = _batches(links)
    batched = [(link.chat_id, link.customer_id) for batch in batches for link in batch]
    assert sorted(batched) == sorted((link.chat_id, link.customer_id) for link in links)
    for batch in batches:
        assert len({link.customer_id for link in batch}) <= 100
    where = {link.chat_id: index for index, batch in enumerate(batches) for link in batch}
    assert where[5] == where[140] == where[1000] == where[1001]
    assert len(batches) == 2


def test_a_family_of_more_than_100_customers_is_a_batch_of_its_own() -> None:
    staff_like = [LinkedCustomer(1, f"cus_{n}", "x") for n in range(120)]
    alone = [LinkedCustomer(2, "cus_other", "x")]
    batches = _batches(staff_like + alone)
    assert sorted(len(batch) for batch in batches) == [1, 120]
