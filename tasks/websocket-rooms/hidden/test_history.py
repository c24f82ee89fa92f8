"""Recent history over REST, shared by both workers."""

import asyncio
import os
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import collect, history, join, login, new_room, new_user, run, say


def _post_messages(room: str, per_sender: int, senders: int) -> list[str]:
    async def scenario():
        members = [await join(room, login(new_user())) for _ in range(senders)]
        sent = []
        for i in range(per_sender):
            for j, ws in enumerate(members):
                text = f"m{j}-{i}"
                await say(ws, text)
                sent.append(text)
        await asyncio.gather(*(collect(ws, len(sent)) for ws in members))
        for ws in members:
            await ws.close()
        return sent

    return run(scenario())


@pytest.mark.critical
def test_history_holds_all_messages_on_every_worker(client):
    room = new_room()
    sent = _post_messages(room, per_sender=2, senders=4)
    token = login(new_user())
    # 16 reads at once, each on its own connection: both workers accept some of them
    with ThreadPoolExecutor(16) as pool:
        responses = list(pool.map(lambda _: history(room, token), range(16)))
    for r in responses:
        assert r.status_code == 200, (r.status_code, r.text)
        msgs = r.json()["messages"]
        assert sorted(m["text"] for m in msgs) == sorted(sent), [m["text"] for m in msgs]
        for j in range(4):
            mine = [m["text"] for m in msgs if m["text"].startswith(f"m{j}-")]
            assert mine == [f"m{j}-0", f"m{j}-1"], mine
        assert all(m["room"] == room and m["user"] and "id" in m for m in msgs)


def test_history_limit_returns_the_latest(client):
    room = new_room()
    token = login(new_user())

    async def scenario():
        ws = await join(room, token)
        for i in range(6):
            await say(ws, f"n{i}")
        await collect(ws, 6)
        await ws.close()

    run(scenario())
    r = history(room, token, limit=3)
    assert r.status_code == 200, (r.status_code, r.text)
    assert [m["text"] for m in r.json()["messages"]] == ["n3", "n4", "n5"]


def test_late_joiner_sees_history_not_replays(client):
    room = new_room()
    token = login(new_user())

    async def scenario():
        first = await join(room, token)
        await say(first, "before")
        await collect(first, 1)
        late = await join(room, login(new_user()))
        await say(first, "after")
        got = await collect(late, 1)
        await first.close()
        await late.close()
        return got

    assert [m["text"] for m in run(scenario())] == ["after"]
    assert [m["text"] for m in history(room, token).json()["messages"]] == ["before", "after"]
