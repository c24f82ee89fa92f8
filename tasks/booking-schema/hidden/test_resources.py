"""Resources: create, get, validation."""

import uuid


def test_create_and_get_resource(client):
    r = client.post("/resources", json={"name": "Room A"})
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    uuid.UUID(str(rid))
    got = client.get(f"/resources/{rid}")
    assert got.status_code == 200
    assert got.json()["name"] == "Room A"


def test_unknown_resource_is_404_and_bad_name_is_422(client):
    assert client.get(f"/resources/{uuid.uuid4()}").status_code == 404
    for body in ({"name": ""}, {"name": "x" * 101}, {}):
        assert client.post("/resources", json=body).status_code == 422, body
