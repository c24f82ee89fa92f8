"""Login, token-protected sockets and history."""

import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import WS_URL, history, join, login, new_room, new_user, run
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus


@pytest.mark.critical
def test_login_and_join(client):
    user = new_user()
    r = client.post("/auth/login", json={"username": user})
    assert r.status_code == 200, (r.status_code, r.text)
    token = r.json()["token"]
    assert isinstance(token, str) and token

    async def scenario():
        ws = await join(new_room(), token)
        await ws.close()

    run(scenario())


@pytest.mark.parametrize("username", ["", "has space", "x" * 33], ids=["empty", "space", "long"])
def test_invalid_username_is_422(client, username):
    r = client.post("/auth/login", json={"username": username})
    assert r.status_code in (400, 422), (r.status_code, r.text)


async def _rejected(url: str) -> bool:
    try:
        ws = await connect(url, open_timeout=30)
    except InvalidStatus as e:
        return e.response.status_code in (401, 403)
    try:
        while True:
            frame = await asyncio.wait_for(ws.recv(), timeout=10)
            if '"message"' in frame or '"joined"' in frame:
                return False
    except ConnectionClosed as e:
        return e.rcvd is not None and e.rcvd.code == 4401
    except TimeoutError:
        return False
    finally:
        await ws.close()


@pytest.mark.critical
@pytest.mark.parametrize(
    "query", ["", "?token=", "?token=not.a.token"], ids=["missing", "empty", "garbage"]
)
def test_socket_without_valid_token_is_refused(client, query):
    assert run(_rejected(f"{WS_URL}/ws/rooms/{new_room()}{query}"))


def test_history_requires_a_token(client):
    room = new_room()
    r = client.get(f"/rooms/{room}/messages")
    assert r.status_code == 401, (r.status_code, r.text)
    r = client.get(f"/rooms/{room}/messages", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401, (r.status_code, r.text)
    assert history(room, login(new_user())).status_code == 200
