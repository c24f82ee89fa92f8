"""Load-probe setup: the seeded customers and orders (ids from the demo data) the mix reports on."""

import httpx


def setup(base_url: str) -> dict[str, object]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        c.get("/products").raise_for_status()
        orders = [i for i in range(1, 4001, 40) if c.get(f"/orders/{i}").status_code == 200]
    if not orders:
        raise RuntimeError("no seeded orders found")
    return {"customer": list(range(1, 61)), "order": orders}
