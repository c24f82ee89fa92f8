"""Only the owner can read, download or delete a document; delete is final."""

import hashlib
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(__file__))

import httpx
import pytest
from helpers import text_bytes, uploaded, user


@pytest.mark.critical
def test_other_user_cannot_access(client):
    alice, mallory = user(), user()
    canary = f"CANARY-{os.urandom(8).hex()}\n".encode()
    doc = uploaded(client, alice, canary, filename="secret.txt")
    for path in (f"/documents/{doc['id']}", f"/documents/{doc['id']}/content"):
        r = client.get(path, headers=mallory)
        assert r.status_code in (403, 404), (path, r.status_code)
        assert canary not in r.content
    assert client.delete(f"/documents/{doc['id']}", headers=mallory).status_code in (403, 404)
    assert client.get(f"/documents/{doc['id']}/content", headers=alice).content == canary


@pytest.mark.critical
def test_delete_removes_document(client):
    alice = user()
    doc = uploaded(client, alice, text_bytes())
    assert client.delete(f"/documents/{doc['id']}", headers=alice).status_code in (200, 204)
    assert client.get(f"/documents/{doc['id']}", headers=alice).status_code == 404
    assert client.get(f"/documents/{doc['id']}/content", headers=alice).status_code == 404
    assert client.delete(f"/documents/{doc['id']}", headers=alice).status_code == 404
    assert client.get("/documents", headers=alice).json()["items"] == []


def test_concurrent_uploads_keep_their_bytes(client, base_url):
    alice = user()
    bodies = [os.urandom(1).hex().encode() * 3000 + f"-{i}\n".encode() for i in range(8)]
    barrier = threading.Barrier(len(bodies))
    results: list[object] = [None] * len(bodies)

    def send(i: int) -> None:
        with httpx.Client(base_url=base_url, timeout=30) as c:
            c.get("/healthz")
            barrier.wait()
            results[i] = c.post(
                "/documents", headers=alice, files={"file": (f"f{i}.txt", bodies[i], "text/plain")}
            )

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, r in enumerate(results):
        assert isinstance(r, httpx.Response) and r.status_code == 201, r
        doc = r.json()
        assert doc["sha256"] == hashlib.sha256(bodies[i]).hexdigest()
        assert client.get(f"/documents/{doc['id']}/content", headers=alice).content == bodies[i]
