"""Filters: location, remote, salary range overlap, combined with q."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ids, post_job, search, sid, word


@pytest.fixture
def corpus(client):
    w = word()
    jobs = {
        "berlin_remote_low": post_job(
            client, title=w, location="Berlin", remote=True, salary_min=30000, salary_max=40000
        ),
        "berlin_office_mid": post_job(
            client, title=w, location="Berlin", remote=False, salary_min=50000, salary_max=65000
        ),
        "paris_remote_high": post_job(
            client, title=w, location="Paris", remote=True, salary_min=90000, salary_max=120000
        ),
        "paris_office_mid": post_job(
            client, title=w, location="Paris", remote=False, salary_min=60000, salary_max=80000
        ),
        "lisbon_remote_mid": post_job(
            client,
            description=w,
            location="Lisbon",
            remote=True,
            salary_min=45000,
            salary_max=60000,
        ),
    }
    return w, jobs


def _set(jobs, *names):
    return sorted(sid(jobs[n]) for n in names)


@pytest.mark.critical
def test_location_and_remote(client, corpus):
    w, jobs = corpus
    assert sorted(ids(search(client, q=w, location="Berlin"))) == _set(
        jobs, "berlin_remote_low", "berlin_office_mid"
    )
    assert sorted(ids(search(client, q=w, remote=True, limit=50))) == _set(
        jobs, "berlin_remote_low", "paris_remote_high", "lisbon_remote_mid"
    )
    assert ids(search(client, q=w, location="berlin")) == []
    assert ids(search(client, q=w, location="Paris", remote=False)) == _set(
        jobs, "paris_office_mid"
    )


@pytest.mark.critical
def test_salary_ranges_overlap(client, corpus):
    w, jobs = corpus
    assert sorted(ids(search(client, q=w, salary_min=65000, limit=50))) == _set(
        jobs, "berlin_office_mid", "paris_remote_high", "paris_office_mid"
    )
    assert sorted(ids(search(client, q=w, salary_max=45000, limit=50))) == _set(
        jobs, "berlin_remote_low", "lisbon_remote_mid"
    )
    page = search(client, q=w, salary_min=55000, salary_max=60000, limit=50)
    assert sorted(ids(page)) == _set(
        jobs, "berlin_office_mid", "paris_office_mid", "lisbon_remote_mid"
    )
    assert page["total"] == 3


def test_invalid_parameters_are_422(client):
    assert client.get("/jobs", params={"limit": 51}).status_code == 422
    assert client.get("/jobs", params={"limit": 0}).status_code == 422
    assert client.get("/jobs", params={"salary_min": -1}).status_code == 422
    assert client.get("/jobs", params={"q": "a" * 501}).status_code == 422
    bad = {
        "title": "x",
        "description": "",
        "location": "X",
        "remote": False,
        "salary_min": 9,
        "salary_max": 8,
    }
    assert client.post("/jobs", json=bad).status_code == 422
