"""Unexpected errors never expose internals (tracebacks, SQL, file paths) to clients."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import httpx
import pytest
from helpers import no_internals, shared_accounts


@pytest.mark.critical
def test_odd_input_never_returns_a_traceback(client, base_url):
    acct, _ = shared_accounts(client)
    probes = [
        ("GET", f"/notes/{10**30}", None),
        ("DELETE", f"/notes/{-(10**30)}", None),
        ("GET", "/notes/search", {"q": "'"}),
        ("GET", "/notes/search", {"q": "\\"}),
    ]
    for method, path, params in probes:
        # a fresh connection per probe: a server may close the connection after an error
        with httpx.Client(base_url=base_url, timeout=10) as c:
            r = c.request(method, path, params=params, headers=acct.headers)
        no_internals(r)
