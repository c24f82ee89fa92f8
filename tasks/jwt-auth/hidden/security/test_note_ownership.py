"""Task-specific probe: another user's note is never read, changed or deleted.

Fresh users per check: access tokens live only ACCESS_TTL_SECONDS (2 s), too short for the
generic SP-BOLA probe's session-wide users. Each request logs its user in again just before it is
sent: on a busy host two argon2 registrations alone can outlast a 2 s token."""

import sys
import uuid

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import bearer, login, make_user


def fresh(client, user) -> dict[str, str]:
    """Headers with a token minted now (the one from make_user may already have expired)."""
    r = login(client, user.email, user.password)
    assert r.status_code == 200, (r.status_code, r.text)
    return bearer(r.json()["access_token"])


@pytest.mark.probe("TS-other-users-note", cwe=639, critical=True)
@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_other_users_note_is_out_of_reach(client, method):
    owner, intruder = make_user(client), make_user(client)
    canary = f"CANARY{uuid.uuid4().hex}"
    r = client.post("/notes", json={"title": canary, "body": canary}, headers=fresh(client, owner))
    assert r.status_code == 201, (r.status_code, r.text)
    note_id = r.json()["id"]
    body = {"title": "overwritten"} if method == "PATCH" else None
    r = client.request(method, f"/notes/{note_id}", json=body, headers=fresh(client, intruder))
    assert r.status_code in (403, 404), f"{method} of another user's note answered {r.status_code}"
    assert canary not in r.text, "another user's note was returned"
    listed = client.get("/notes", headers=fresh(client, intruder))
    assert canary not in listed.text, "another user's note appears in the list"
    after = client.get(f"/notes/{note_id}", headers=fresh(client, owner))
    assert after.status_code == 200 and after.json()["title"] == canary, "the note was changed"
