"""Shared helpers for the booking-schema hidden tests (imported, never collected)."""

import os
import threading
import uuid
from datetime import UTC, datetime, timedelta

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
DAY = datetime(2031, 3, 10, tzinfo=UTC)


def at(hour: float, day: int = 0) -> datetime:
    """A UTC instant on the test day (far future, so nothing else is booked then)."""
    return DAY + timedelta(days=day, hours=hour)


def iso(d: datetime) -> str:
    return d.isoformat().replace("+00:00", "Z")


def parse(text: str) -> datetime:
    d = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert d.tzinfo is not None, f"timestamp without offset: {text!r}"
    return d


def new_resource(client: httpx.Client) -> str:
    r = client.post("/resources", json={"name": f"room-{uuid.uuid4().hex[:8]}"})
    assert r.status_code == 201, (r.status_code, r.text)
    return str(r.json()["id"])


def book(client: httpx.Client, resource: str, start: datetime | str, end: datetime | str):
    return client.post(
        "/bookings",
        json={
            "resource_id": resource,
            "start": start if isinstance(start, str) else iso(start),
            "end": end if isinstance(end, str) else iso(end),
            "customer": f"cust-{uuid.uuid4().hex[:6]}",
        },
    )


def booked(client: httpx.Client, resource: str, start: datetime, end: datetime) -> dict:
    r = book(client, resource, start, end)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def window(start: datetime, end: datetime) -> dict:
    return {"from": iso(start), "to": iso(end)}


def free_ranges(client: httpx.Client, resource: str, start: datetime, end: datetime) -> list:
    r = client.get(f"/resources/{resource}/availability", params=window(start, end))
    assert r.status_code == 200, (r.status_code, r.text)
    return [(parse(f["start"]), parse(f["end"])) for f in r.json()["free"]]


def burst(method: str, path: str, requests_kwargs: list[dict]) -> list[httpx.Response]:
    """Send one request per kwargs dict at the same moment, each from its own thread."""
    barrier = threading.Barrier(len(requests_kwargs))
    results: list[object] = [None] * len(requests_kwargs)

    def send(i: int) -> None:
        # No connection is opened before the barrier: on a slow host an idle keep-alive
        # connection can be closed by the server (uvicorn's keep-alive is 5 s) while the
        # threads are still gathering, and the burst would then fail with a reset.
        with httpx.Client(base_url=BASE_URL, timeout=60) as c:
            barrier.wait()
            try:
                results[i] = c.request(method, path, **requests_kwargs[i])
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests_kwargs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results if not isinstance(r, httpx.Response)]
    assert not errors, errors
    return results  # type: ignore[return-value]
