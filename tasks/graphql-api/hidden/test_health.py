"""Liveness and readiness endpoints of the shared contract."""


def test_healthz(client):
    assert client.get("/healthz").status_code == 200


def test_readyz(client):
    assert client.get("/readyz").status_code == 200
