"""Subscriber URLs that would make the service call itself or non-HTTP targets are refused."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import SINK_BASE, new_secret, sink, subscribe, unique_type

HOST = SINK_BASE.split("://", 1)[1]


@pytest.mark.critical
@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://" + HOST + "/hook",
        "gopher://" + HOST + "/_hook",
        "javascript:alert(1)",
    ],
    ids=["file", "ftp", "gopher", "javascript"],
)
def test_non_http_schemes_are_rejected(client, url):
    r = client.post(
        "/subscriptions", json={"url": url, "event_types": ["a"], "secret": new_secret()}
    )
    assert r.status_code in (400, 422), (r.status_code, r.text)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/healthz",
        "http://localhost:8000/healthz",
        "http://[::1]:8000/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0:8000/",
        "http://user:pass@" + HOST + "/hook",
        "http:///no-host",
    ],
    ids=[
        "loopback-v4",
        "localhost",
        "loopback-v6",
        "link-local",
        "unspecified",
        "userinfo",
        "no-host",
    ],
)
def test_internal_or_malformed_targets_are_rejected(client, url):
    r = client.post(
        "/subscriptions", json={"url": url, "event_types": ["a"], "secret": new_secret()}
    )
    assert r.status_code in (400, 422), (r.status_code, r.text)


def test_normal_http_target_is_accepted(client):
    _, url = sink(200)
    subscribe(client, url, [unique_type()], new_secret())
