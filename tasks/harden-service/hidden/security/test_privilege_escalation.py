"""Task-specific probe: registering with is_admin in the body must not yield admin rights."""

import sys

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import make_account  # noqa: E402


@pytest.mark.probe("TS-register-as-admin", cwe=269, critical=True)
@pytest.mark.parametrize("field", ["is_admin", "isAdmin", "role"])
def test_registration_cannot_grant_admin(client, field):
    value = "admin" if field == "role" else True
    acct = make_account(client, **{field: value})
    r = client.get("/admin/users", headers=acct.headers)
    assert r.status_code == 403, f"{field}={value!r} at registration gave admin ({r.status_code})"
