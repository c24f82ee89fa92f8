"""Operational counters in the database (shared by all worker processes)."""

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert

from app.db import SessionLocal
from app.models import Metric

PRICING_RUNS = "pricing_runs"
SUMMARY_RUNS = "summary_runs"


def increment(name: str) -> None:
    with SessionLocal() as session, session.begin():
        session.execute(insert(Metric).values(name=name, value=0).on_conflict_do_nothing())
        session.execute(update(Metric).where(Metric.name == name).values(value=Metric.value + 1))


def snapshot() -> dict[str, int]:
    with SessionLocal() as session:
        values = dict(session.execute(select(Metric.name, Metric.value)).tuples().all())
    return {name: int(values.get(name, 0)) for name in (PRICING_RUNS, SUMMARY_RUNS)}
