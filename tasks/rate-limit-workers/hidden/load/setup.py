"""Load-probe setup: nothing to create. The mix sends every request with a fresh X-API-Key
($uuid), so no client comes near RATE_LIMIT and the probe measures the limiter's own cost."""


def setup(base_url: str) -> dict[str, object]:
    return {}
