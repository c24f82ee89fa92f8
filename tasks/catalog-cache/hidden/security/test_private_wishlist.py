"""Task-specific probes: a user's wishlist is never served to another user, and it is never
marked as storable by shared caches."""

import sys
import uuid

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import cache_control, create_product, fresh, unique  # noqa: E402


@pytest.mark.probe("TS-wishlist-other-user", cwe=639, critical=True)
def test_another_users_wishlist_is_never_served(client):
    victim, attacker = {"X-User-Id": unique("victim")}, {"X-User-Id": unique("attacker")}
    canary = f"CANARY{uuid.uuid4().hex}"
    product = create_product(client)
    r = client.put(f"/me/wishlist/{product['id']}", json={"note": canary}, headers=victim)
    if r.status_code != 200:
        pytest.skip(f"precondition: wishlist PUT answered {r.status_code}")
    fresh("GET", "/me/wishlist", headers=victim)  # the victim reads first (fills any cache)
    for _ in range(3):
        theirs = fresh("GET", "/me/wishlist", headers=attacker)
        assert canary not in theirs.text, "another user's wishlist was served"


@pytest.mark.probe("TS-wishlist-shared-cacheable", cwe=525, critical=False)
def test_wishlist_is_not_storable_by_shared_caches(client):
    user = {"X-User-Id": unique("cc")}
    product = create_product(client)
    client.put(f"/me/wishlist/{product['id']}", json={"note": "n"}, headers=user)
    r = fresh("GET", "/me/wishlist", headers=user)
    cc = cache_control(r)
    assert "public" not in cc, f"per-user response marked public: {r.headers.get('cache-control')}"
    assert "no-store" in cc, f"per-user response without no-store: {r.headers.get('cache-control')}"
