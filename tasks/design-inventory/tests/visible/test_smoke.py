"""Smoke tests for the reservation service (happy paths only). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_reserve_and_confirm():
    with TestClient(app) as client:
        sku = f"SKU-{uuid.uuid4().hex[:8]}"
        p = client.post("/products", json={"sku": sku, "name": "Lamp", "on_hand": 3}).json()
        r = client.post("/reservations", json={"product_id": p["id"], "quantity": 2})
        assert r.status_code == 201
        assert client.get(f"/products/{p['id']}").json()["available"] == 1
        c = client.post(f"/reservations/{r.json()['id']}/confirm")
        assert c.status_code == 200 and c.json()["status"] == "confirmed"


def test_design_documents_served():
    with TestClient(app) as client:
        assert "## Decision" in client.get("/design/adr").text
        assert "/reservations" in client.get("/design/openapi.json").json()["paths"]
