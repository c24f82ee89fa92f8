"""Messages never leave their room."""

import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import collect, history, join, login, new_room, new_user, run, say


@pytest.mark.critical
def test_other_rooms_receive_nothing(client):
    room_a, room_b = new_room(), new_room()
    canary = f"CANARY-{new_room()}"

    async def scenario():
        a_members = [await join(room_a, login(new_user())) for _ in range(3)]
        b_members = [await join(room_b, login(new_user())) for _ in range(3)]
        await say(a_members[0], canary)
        await say(b_members[0], "only for b")
        got_a = await asyncio.gather(*(collect(ws, 1) for ws in a_members))
        got_b = await asyncio.gather(*(collect(ws, 1) for ws in b_members))
        for ws in a_members + b_members:
            await ws.close()
        return got_a, got_b

    got_a, got_b = run(scenario())
    for got in got_a:
        assert [m["text"] for m in got] == [canary], got
    for got in got_b:
        assert [m["text"] for m in got] == ["only for b"], got


def test_history_is_per_room(client):
    room_a, room_b = new_room(), new_room()
    canary = f"CANARY-{new_room()}"
    token = login(new_user())

    async def scenario():
        a = await join(room_a, token)
        await say(a, canary)
        await collect(a, 1)
        await a.close()

    run(scenario())
    r = history(room_b, token)
    assert r.status_code == 200 and canary not in r.text
    assert r.json()["messages"] == []
