"""Smoke tests for the document store (happy paths). Run: python -m pytest -q tests/visible"""

import hashlib
import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("STORAGE_DIR", tempfile.mkdtemp())
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from app.main import app
from fastapi.testclient import TestClient

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_upload_and_download():
    user = {"X-User": f"smoke-{uuid.uuid4().hex[:8]}"}
    with TestClient(app) as client:
        files = {"file": ("logo.png", PNG, "image/png")}
        r = client.post("/documents", headers=user, files=files, data={"title": "Logo"})
        assert r.status_code == 201, r.text
        doc = r.json()
        assert doc["sha256"] == hashlib.sha256(PNG).hexdigest()
        assert doc["content_type"] == "image/png" and doc["title"] == "Logo"
        got = client.get(f"/documents/{doc['id']}/content", headers=user)
        assert got.content == PNG
        assert got.headers["content-disposition"].startswith("attachment")
