"""ETag, Cache-Control and If-None-Match on the cached reads."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import TTL, Runs, cache_control, create_product, fresh, unique


@pytest.mark.critical
@pytest.mark.parametrize("kind", ["product", "summary"])
def test_etag_and_public_cache_control(client, kind):
    p = create_product(client)
    path = f"/products/{p['id']}" if kind == "product" else "/catalog/summary"
    params = {} if kind == "product" else {"category": p["category"]}
    r1, r2 = fresh("GET", path, params=params), fresh("GET", path, params=params)
    etag = r1.headers.get("etag", "")
    assert etag.startswith('"') and etag.endswith('"'), dict(r1.headers)
    assert r2.headers.get("etag") == etag
    cc = cache_control(r1)
    assert "public" in cc and cc.get("max-age") == str(TTL), r1.headers.get("cache-control")


@pytest.mark.critical
def test_if_none_match_gives_304_without_recomputing(client):
    p = create_product(client)
    etag = fresh("GET", f"/products/{p['id']}").headers["etag"]
    with Runs(client) as runs:
        for header in (etag, f"W/{etag}", f'"other", {etag}'):
            r = fresh("GET", f"/products/{p['id']}", headers={"If-None-Match": header})
            assert r.status_code == 304, (header, r.status_code, r.text)
            assert r.content == b"" and r.headers.get("etag") == etag
    assert runs.pricing == 0


def test_etag_changes_with_the_representation(client):
    cat = unique("etag")
    p = create_product(client, category=cat)
    old_p = fresh("GET", f"/products/{p['id']}").headers["etag"]
    old_s = fresh("GET", "/catalog/summary", params={"category": cat}).headers["etag"]
    client.patch(f"/products/{p['id']}", json={"stock": 42})
    r = fresh("GET", f"/products/{p['id']}", headers={"If-None-Match": old_p})
    assert r.status_code == 200 and r.json()["stock"] == 42
    assert r.headers.get("etag") not in (None, old_p)
    r = fresh("GET", "/catalog/summary", params={"category": cat}, headers={"If-None-Match": old_s})
    assert r.status_code == 200 and r.json()["total_stock"] == 42
    assert r.headers.get("etag") not in (None, old_s)
