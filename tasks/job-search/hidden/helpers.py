"""Shared helpers for the job-search hidden tests (imported, never collected)."""

import random
import string

import httpx


def word(prefix: str = "zq") -> str:
    """A unique search term (letters only) that no other test uses."""
    return prefix + "".join(random.choice(string.ascii_lowercase) for _ in range(12))


def post_job(client: httpx.Client, **fields: object) -> dict:
    body = {
        "title": "Software engineer",
        "description": "",
        "location": "Berlin",
        "remote": False,
        "salary_min": 50000,
        "salary_max": 70000,
    }
    body.update(fields)
    r = client.post("/jobs", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def search(client: httpx.Client, **params: object) -> dict:
    params = {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in params.items()}
    r = client.get("/jobs", params=params)
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def ids(page: dict) -> list[str]:
    return [str(j["id"]) for j in page["items"]]


def sid(job: dict) -> str:
    return str(job["id"])


def remote_facet(page: dict) -> dict[str, int]:
    remote = page["facets"]["remote"]
    return {"true": remote.get("true", 0), "false": remote.get("false", 0)}


def location_facet(page: dict) -> dict[str, int]:
    return {k: v for k, v in page["facets"]["location"].items() if v}
