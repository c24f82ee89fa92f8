"""Load-probe setup: 200 postings over 5 locations with a small shared vocabulary; the mix runs
text searches (with and without filters), reads postings by id and posts new ones."""

import random

import httpx

WORDS = [
    "python",
    "backend",
    "engineer",
    "data",
    "platform",
    "senior",
    "golang",
    "cloud",
    "security",
    "frontend",
    "mobile",
    "analyst",
]
LOCATIONS = ["Berlin", "Paris", "Lisbon", "Warsaw", "Oslo"]


def setup(base_url: str) -> dict[str, object]:
    rng = random.Random(7)
    jobs = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(200):
            low = rng.randrange(30_000, 90_000, 1000)
            body = {
                "title": " ".join(rng.sample(WORDS, 3)).title(),
                "description": " ".join(rng.choices(WORDS, k=40)),
                "location": LOCATIONS[i % 5],
                "remote": i % 3 == 0,
                "salary_min": low,
                "salary_max": low + rng.randrange(0, 40_000, 1000),
            }
            jobs.append(c.post("/jobs", json=body).raise_for_status().json()["id"])
    pairs = [f"{a} {b}" for a in WORDS[:6] for b in WORDS[6:]]
    return {"job": jobs, "word": WORDS, "pair": pairs, "location": LOCATIONS}
