"""Shared helpers for the observability hidden tests (imported, never collected)."""

import os
import re
import uuid

import httpx

APP_SECRET = os.environ.get("APP_SECRET", "")
_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)")
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Prometheus text exposition -> [(sample name, labels, value)]."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = _SAMPLE.match(line)
        if not m:
            continue
        labels = dict(_LABEL.findall(m.group(3) or ""))
        out.append((m.group(1), labels, float(m.group(4))))
    return out


def scrape(client: httpx.Client) -> list[tuple[str, dict[str, str], float]]:
    r = client.get("/metrics")
    assert r.status_code == 200, (r.status_code, r.text[:300])
    assert r.headers.get("content-type", "").startswith("text/plain"), r.headers.get("content-type")
    return parse_metrics(r.text)


def value(samples, name: str, **labels: str) -> float:
    """Sum of the samples called `name` whose labels include `labels` (0 if none)."""
    return sum(
        v for n, lab, v in samples if n == name and all(lab.get(k) == x for k, x in labels.items())
    )


def create_item(client: httpx.Client, name: str | None = None) -> dict:
    r = client.post(
        "/items", json={"name": name or f"item-{uuid.uuid4().hex[:8]}", "price_cents": 250}
    )
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def set_db_down(client: httpx.Client, down: bool) -> None:
    r = client.put("/admin/db-fault", json={"down": down}, headers={"X-Admin-Token": APP_SECRET})
    assert r.status_code in (200, 204), (r.status_code, r.text)
