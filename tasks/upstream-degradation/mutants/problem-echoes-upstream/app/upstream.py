"""The pricing upstream client: per-call timeout, retries with backoff for idempotent calls
only, all calls guarded by the circuit breaker."""

import asyncio

import httpx

from app.breaker import CircuitBreaker
from app.config import Settings


class UpstreamUnavailable(Exception):
    """The upstream failed (timeout, connection error, 5xx) or the breaker is open."""


class UpstreamNotFound(Exception):
    pass


class PricingClient:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.breaker = CircuitBreaker(settings.failure_threshold, settings.cooldown)
        self.http = httpx.AsyncClient(
            base_url=settings.upstream_url, timeout=httpx.Timeout(settings.timeout)
        )

    async def close(self) -> None:
        await self.http.aclose()

    async def _attempt(self, method: str, path: str, json: dict | None = None) -> httpx.Response:
        if not self.breaker.allow():
            raise UpstreamUnavailable("circuit open")
        try:
            response = await self.http.request(method, path, json=json)
        except httpx.HTTPError as e:
            self.breaker.record_failure()
            raise UpstreamUnavailable(type(e).__name__) from None
        if response.status_code >= 500:
            self.breaker.record_failure()
            raise UpstreamUnavailable(f"upstream status {response.status_code}: {response.text}")
        self.breaker.record_success()
        return response

    async def _call(
        self, method: str, path: str, *, idempotent: bool, json: dict | None = None
    ) -> httpx.Response:
        attempts = 1 + (self.settings.retries if idempotent else 0)
        for attempt in range(attempts):
            try:
                return await self._attempt(method, path, json)
            except UpstreamUnavailable:
                if attempt == attempts - 1 or self.breaker.state != "closed":
                    raise
                await asyncio.sleep(self.settings.backoff * (2**attempt))
        raise AssertionError("unreachable")

    async def get_price(self, sku: str) -> dict:
        r = await self._call("GET", f"/prices/{sku}", idempotent=True)
        if r.status_code == 404:
            raise UpstreamNotFound(sku)
        if r.status_code != 200:
            raise UpstreamUnavailable(f"unexpected status {r.status_code}")
        return r.json()

    async def create_quote(self, sku: str, quantity: int) -> dict:
        r = await self._call(
            "POST", "/quotes", idempotent=False, json={"sku": sku, "quantity": quantity}
        )
        if r.status_code == 404:
            raise UpstreamNotFound(sku)
        if r.status_code not in (200, 201):
            raise UpstreamUnavailable(f"unexpected status {r.status_code}")
        return r.json()
