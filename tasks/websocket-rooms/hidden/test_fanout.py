"""Every member of a room gets every message exactly once, in order, whatever its worker."""

import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import collect, join, login, new_room, new_user, run, say


@pytest.mark.critical
def test_broadcast_reaches_all_members_in_order(client):
    room = new_room()
    sender = new_user()
    tokens = [login(sender)] + [login(new_user()) for _ in range(3)]

    async def scenario():
        members = [await join(room, t) for t in tokens]
        texts = [f"hello {i}" for i in range(3)]
        for t in texts:
            await say(members[0], t)
        received = await asyncio.gather(*(collect(ws, len(texts)) for ws in members))
        for ws in members:
            await ws.close()
        return texts, received

    texts, received = run(scenario())
    for got in received:
        assert [m["text"] for m in got] == texts, got
        assert all(m["user"] == sender and m["room"] == room for m in got), got
        assert len({str(m["id"]) for m in got}) == len(texts)


@pytest.mark.critical
def test_every_member_gets_every_members_message_once(client):
    room = new_room()
    users = [new_user() for _ in range(8)]
    tokens = [login(u) for u in users]

    async def scenario():
        members = [await join(room, t) for t in tokens]
        for i, ws in enumerate(members):
            await say(ws, f"from {users[i]}")
        received = await asyncio.gather(*(collect(ws, len(members)) for ws in members))
        for ws in members:
            await ws.close()
        return received

    expected = sorted(f"from {u}" for u in users)
    for got in run(scenario()):
        assert sorted(m["text"] for m in got) == expected, sorted(m["text"] for m in got)
        assert all(m["user"] == m["text"].removeprefix("from ") for m in got)


def test_invalid_frames_are_not_broadcast(client):
    room = new_room()
    tokens = [login(new_user()), login(new_user())]

    async def scenario():
        a, b = [await join(room, t) for t in tokens]
        await a.send("not json")
        await a.send('{"text": ""}')
        await a.send('{"text": "' + "x" * 1001 + '"}')
        await say(a, "valid one")
        got = await collect(b, 1)
        await a.close()
        await b.close()
        return got

    assert [m["text"] for m in run(scenario())] == ["valid one"]
