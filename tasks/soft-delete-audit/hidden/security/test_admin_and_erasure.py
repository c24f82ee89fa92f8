"""Task-specific probes: the /admin/ endpoints need X-Role: admin, and an erasure leaves none of
the erased values in any response."""

import uuid

import pytest

ADMIN = {"X-Actor": "probe-admin", "X-Role": "admin"}


def _customer(client, **fields):
    tag = uuid.uuid4().hex[:10]
    body = {"name": f"Probe {tag}", "email": f"probe{tag}@example.com", **fields}
    r = client.post("/customers", json=body, headers={"X-Actor": "probe-staff", "X-Role": "staff"})
    if r.status_code != 201:
        pytest.skip(f"precondition: create answered {r.status_code}")
    return r.json()


@pytest.mark.probe("TS-admin-needs-role", cwe=285, critical=True)
@pytest.mark.parametrize(
    "headers",
    [{"X-Actor": "mallory", "X-Role": "staff"}, {"X-Actor": "mallory"}, {}],
    ids=["staff", "no-role", "anonymous"],
)
def test_admin_endpoints_refuse_non_admins(client, headers):
    cid = _customer(client)["id"]
    if client.delete(f"/customers/{cid}", headers=ADMIN).status_code not in (200, 204):
        pytest.skip("precondition: delete failed")
    calls = [
        ("GET", "/admin/customers/deleted", None),
        ("GET", f"/admin/audit?customer_id={cid}", None),
        ("GET", f"/admin/customers/{cid}/export", None),
        ("POST", f"/admin/customers/{cid}/restore", None),
        ("POST", f"/admin/customers/{cid}/erase", None),
    ]
    for method, path, body in calls:
        r = client.request(method, path, json=body, headers=headers)
        assert r.status_code == 403, f"{method} {path} without X-Role admin answered {r.status_code}"
    assert client.get(f"/customers/{cid}").status_code == 404, "a non-admin restored the customer"


@pytest.mark.probe("TS-erasure-leaves-pii", cwe=359, critical=False)
def test_erased_values_appear_nowhere(client):
    canary = uuid.uuid4().hex[:12]
    c = _customer(client, phone=f"+49{int(canary, 16) % 10**9}", notes=f"note-{canary}")
    cid = c["id"]
    old_name = c["name"]
    r = client.patch(f"/customers/{cid}", json={"name": f"Renamed {canary}"}, headers=ADMIN)
    if r.status_code != 200:
        pytest.skip(f"precondition: patch answered {r.status_code}")
    if client.post(f"/admin/customers/{cid}/erase", headers=ADMIN).status_code != 200:
        pytest.skip("precondition: erase failed")
    secrets = [old_name, f"Renamed {canary}", c["email"], c["phone"], c["notes"]]
    responses = [
        client.get(f"/admin/customers/{cid}/export", headers=ADMIN),
        client.get(f"/admin/audit?customer_id={cid}", headers=ADMIN),
        client.get("/admin/customers/deleted", headers=ADMIN),
        client.get(f"/customers?q={canary}"),
        client.get(f"/customers/{cid}"),
    ]
    for r in responses:
        found = [s for s in secrets if s and s in r.text]
        assert not found, f"{r.request.method} {r.request.url.path} still shows erased values"
