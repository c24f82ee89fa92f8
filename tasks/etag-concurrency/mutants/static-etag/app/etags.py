"""Entity tags (RFC 9110 section 8.8.3) and the comparison rules of If-Match / If-None-Match."""

import hashlib
import re

_TAG = re.compile(r'\s*(W/)?("[^"]*")\s*(?:,|$)')


def make_etag(doc_id: str, version: int) -> str:
    """A strong validator for one version of one document (opaque to clients)."""
    digest = hashlib.sha256(doc_id.encode()).hexdigest()[:16]
    return f'"{digest}"'


def parse_tags(header: str) -> list[tuple[bool, str]] | None:
    """`(weak, opaque_tag)` pairs of a list header, or None for `*`."""
    if header.strip() == "*":
        return None
    tags = []
    pos = 0
    while pos < len(header):
        m = _TAG.match(header, pos)
        if not m or m.end() == pos:
            break
        tags.append((m.group(1) is not None, m.group(2)))
        pos = m.end()
    return tags


def if_match_passes(header: str, current: str) -> bool:
    """Strong comparison: weak tags never match."""
    tags = parse_tags(header)
    return tags is None or any(not weak and tag == current for weak, tag in tags)


def if_none_match_hits(header: str, current: str) -> bool:
    """Weak comparison: `W/"x"` matches `"x"`. True means "not modified"."""
    tags = parse_tags(header)
    return tags is None or any(tag == current for _weak, tag in tags)
