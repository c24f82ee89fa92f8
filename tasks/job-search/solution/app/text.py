"""Tokenisation shared by indexing and querying: lower-cased runs of letters and digits."""

import re

TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_TERMS = 32


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in TOKEN_RE.findall(text)]


def query_terms(q: str) -> list[str]:
    """Distinct terms of a query in order of appearance; everything else is a separator."""
    seen: dict[str, None] = {}
    for term in tokens(q):
        seen.setdefault(term, None)
    return list(seen)[:MAX_QUERY_TERMS]
