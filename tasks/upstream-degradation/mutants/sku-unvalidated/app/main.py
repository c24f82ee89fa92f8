"""Price service in front of an unreliable pricing upstream: fresh when possible, stale (and
flagged) when the upstream fails, 503 problem JSON when there is nothing to fall back on."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import FastAPI, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.config import load_settings
from app.upstream import PricingClient, UpstreamNotFound, UpstreamUnavailable

SKU = Annotated[str, Path(min_length=1)]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pricing = PricingClient(load_settings())
    app.state.last_good = {}  # sku -> last fresh price (one worker: process memory is fine)
    yield
    await app.state.pricing.close()


app = FastAPI(title="Price service", version="1.0.0", lifespan=lifespan)


class QuoteIn(BaseModel):
    sku: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    quantity: int = Field(ge=1, le=1000)


def problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
    )


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> dict:
    return {"status": "ready"}  # no database; the upstream's health must not gate readiness


@app.get("/products/{sku}/price")
async def get_price(sku: SKU) -> JSONResponse:
    pricing: PricingClient = app.state.pricing
    last_good: dict[str, dict] = app.state.last_good
    try:
        data = await pricing.get_price(sku)
    except UpstreamNotFound:
        return problem(404, "Not Found", f"Unknown SKU {sku}")
    except UpstreamUnavailable:
        cached = last_good.get(sku)
        if cached is None:
            return problem(503, "Service Unavailable", "Pricing is unavailable; try again later")
        return JSONResponse(
            {**cached, "stale": True},
            headers={"X-Data-Stale": "true", "Warning": '110 - "Response is Stale"'},
        )
    price = {"sku": sku, "price_cents": data["price_cents"], "currency": data["currency"]}
    last_good[sku] = price
    return JSONResponse({**price, "stale": False})


@app.post("/quotes", status_code=201)
async def create_quote(payload: QuoteIn) -> JSONResponse:
    pricing: PricingClient = app.state.pricing
    try:
        data = await pricing.create_quote(payload.sku, payload.quantity)
    except UpstreamNotFound:
        return problem(404, "Not Found", f"Unknown SKU {payload.sku}")
    except UpstreamUnavailable:
        return problem(503, "Service Unavailable", "Quoting is unavailable; try again later")
    return JSONResponse(
        {"quote_id": data["quote_id"], "sku": payload.sku, "quantity": payload.quantity,
         "total_cents": data["total_cents"]},
        status_code=201,
    )
