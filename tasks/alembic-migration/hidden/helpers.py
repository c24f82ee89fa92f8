"""Shared helpers and the expected outcome of the legacy data set (imported, never collected)."""

import uuid

import httpx

# email -> (first_name, last_name, full_name, amount_cents of its orders in id order)
LEGACY = {
    "ada@legacy.example": ("Ada", "Lovelace", "Ada Lovelace", [1999, 268]),
    "mary.ann@legacy.example": ("Mary Ann", "Smith", "Mary Ann Smith", [10, 10000]),
    "cher@legacy.example": ("Cher", "", "Cher", [101]),
    "alan@legacy.example": ("Alan", "Turing", "Alan Turing", [13, 123457]),
    "jose@legacy.example": ("José María", "García", "José María García", [868]),
    "ludwig@legacy.example": ("Ludwig van", "Beethoven", "Ludwig van Beethoven", []),
    "edsger@legacy.example": ("Edsger", "Dijkstra", "Edsger Dijkstra", [29, 435]),
    "grace@legacy.example": (
        "Grace Brewster Murray",
        "Hopper",
        "Grace Brewster Murray Hopper",
        [6402],
    ),
    "bjork@legacy.example": ("Björk", "", "Björk", [50]),
    "bruce@legacy.example": ("李", "小龍", "李 小龍", [7770, 1230]),
}


def email() -> str:
    return f"new-{uuid.uuid4().hex[:12]}@example.com"


def by_email(client: httpx.Client, address: str) -> dict:
    r = client.get("/customers", params={"email": address})
    assert r.status_code == 200, (r.status_code, r.text)
    found = r.json()
    assert len(found) == 1, f"{address}: {found}"
    return found[0]


def orders(client: httpx.Client, customer_id) -> list[dict]:
    r = client.get(f"/customers/{customer_id}/orders")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def create(client: httpx.Client, body: dict) -> dict:
    r = client.post("/customers", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()
