"""SSRF guard for subscriber URLs."""

import ipaddress
from urllib.parse import urlsplit

BLOCKED_NAMES = ("localhost",)


def url_problem(url: str) -> str | None:
    """Why `url` may not be a webhook target, or None when it is acceptable."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "malformed URL"
    _ = port
    if parts.scheme not in ("http", "https"):
        return "only http and https URLs are allowed"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "credentials in the URL are not allowed"
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return "the URL needs a host"
    if host in BLOCKED_NAMES or host.endswith(".localhost"):
        return "loopback hosts are not allowed"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback or address.is_link_local or address.is_unspecified:
        return "loopback, link-local and unspecified addresses are not allowed"
    if address.is_multicast:
        return "multicast addresses are not allowed"
    return None
