"""The endpoint the load generator is measured on: a trivial route and a 1-second stall switch."""

import time

from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
async def ping() -> dict[str, str]:
    return {"ok": "yes"}


@app.post("/stall")
async def stall() -> dict[str, str]:
    time.sleep(1.0)  # noqa: ASYNC251 - blocks the event loop on purpose: the stall measured
    return {"stalled": "1s"}
