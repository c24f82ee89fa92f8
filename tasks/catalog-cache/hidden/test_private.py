"""Per-user responses are private: never shared, never stored, marked as such."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import cache_control, create_product, fresh, unique


@pytest.mark.critical
def test_wishlists_never_leak_between_users(client):
    alice, bob = {"X-User-Id": unique("alice")}, {"X-User-Id": unique("bob")}
    canary = f"CANARY-{unique('note')}"
    p = create_product(client)
    assert (
        client.put(f"/me/wishlist/{p['id']}", json={"note": canary}, headers=alice).status_code
        == 200
    )
    for _ in range(3):
        mine = fresh("GET", "/me/wishlist", headers=alice)
        assert canary in mine.text
        theirs = fresh("GET", "/me/wishlist", headers=bob)
        assert theirs.status_code == 200 and canary not in theirs.text, theirs.text
        assert theirs.json()["items"] == []


def test_wishlist_is_marked_private_no_store(client):
    r = client.get("/me/wishlist", headers={"X-User-Id": unique("cc")})
    cc = cache_control(r)
    assert "private" in cc and "no-store" in cc, r.headers.get("cache-control")
    assert "public" not in cc


def test_wishlist_reflects_product_changes_and_own_edits(client):
    user = {"X-User-Id": unique("carol")}
    p = create_product(client, name="Old name")
    client.put(f"/me/wishlist/{p['id']}", json={"note": "first"}, headers=user)
    assert fresh("GET", "/me/wishlist", headers=user).json()["items"][0]["note"] == "first"
    client.patch(f"/products/{p['id']}", json={"name": "New name"})
    client.put(f"/me/wishlist/{p['id']}", json={"note": "second"}, headers=user)
    for _ in range(3):
        item = fresh("GET", "/me/wishlist", headers=user).json()["items"][0]
        assert (item["name"], item["note"]) == ("New name", "second"), item
