"""Smoke tests for the job board (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from app.main import app
from fastapi.testclient import TestClient


def job(**fields: object) -> dict:
    body = {
        "title": "Engineer",
        "description": "",
        "location": "Berlin",
        "remote": False,
        "salary_min": 50000,
        "salary_max": 60000,
    }
    body.update(fields)
    return body


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_search_with_facets():
    word = "smoke" + uuid.uuid4().hex[:8]
    with TestClient(app) as client:
        assert client.post("/jobs", json=job(title=f"{word} developer")).status_code == 201
        r = client.post("/jobs", json=job(description=f"We use {word}.", location="Paris"))
        assert r.status_code == 201
        page = client.get("/jobs", params={"q": word.upper()}).json()
        assert page["total"] == 2
        assert page["items"][0]["title"] == f"{word} developer"
        assert page["facets"]["location"] == {"Berlin": 1, "Paris": 1}
        assert page["facets"]["remote"] == {"true": 0, "false": 2}
