"""The update processor: a chat's updates in order, and a flooding chat's backlog bounded."""

from __future__ import annotations

import asyncio
import warnings

from telegram import Chat, Message, Update

from bot.ptb.updates import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    message = Message(update_id, None, chat, text="/ayuda")  # type: ignore[arg-type]
    return Update(update_id, message=message)


async def test_a_flooding_chat_keeps_a_small_backlog_and_others_go_on() -> None:
    processor = PerChatUpdateProcessor(max_chat_backlog=3)
    release = asyncio.Event()
    ran: list[int] = []

    async def handle(n: int) -> None:
        await release.wait()
        ran.append(n)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a dropped update must not leave "never awaited"
        flood = [
            asyncio.create_task(processor.do_process_update(_update(n, 1), handle(n)))
            for n in range(10)
        ]
        await asyncio.sleep(0.01)
        # the first runs, three wait their turn, the other six are dropped at once
        assert sum(task.done() for task in flood) == 6

        other_ran = asyncio.Event()

        async def other() -> None:
            other_ran.set()

        await asyncio.wait_for(processor.do_process_update(_update(99, 2), other()), 1)
        assert other_ran.is_set()  # another chat is not held up behind the flood

        release.set()
        await asyncio.gather(*flood)
    assert ran == [0, 1, 2, 3]  # the kept ones, in order
