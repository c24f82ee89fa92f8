"""Smoke tests for the document store (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_create_get_304():
    with TestClient(app) as client:
        r = client.post("/documents", json={"title": "Plan", "content": "v1"})
        assert r.status_code == 201
        etag = r.headers["ETag"]
        doc_id = r.json()["id"]
        r = client.get(f"/documents/{doc_id}")
        assert r.status_code == 200 and r.headers["ETag"] == etag
        r = client.get(f"/documents/{doc_id}", headers={"If-None-Match": etag})
        assert r.status_code == 304


def test_update_with_if_match():
    with TestClient(app) as client:
        r = client.post("/documents", json={"title": "Plan", "content": "v1"})
        doc_id, etag = r.json()["id"], r.headers["ETag"]
        r = client.put(
            f"/documents/{doc_id}",
            json={"title": "Plan", "content": "v2"},
            headers={"If-Match": etag},
        )
        assert r.status_code == 200
        assert r.json()["content"] == "v2"
        assert r.headers["ETag"] != etag
