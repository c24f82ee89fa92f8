"""The deprecation timeline honours every client's constraint from data/clients.json."""

import datetime as dt
import os
import re
import sys
from email.utils import parsedate_to_datetime

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import clients, date_of, header, plan, sunset


def groups(kind: str | None = None) -> list[dict]:
    return [g for g in clients()["client_groups"] if kind is None or g["kind"] == kind]


def entry(group_id: str) -> dict:
    listed = plan()["client_groups"]
    if group_id not in listed:
        pytest.fail(f"deprecation.yaml client_groups lacks {group_id}")
    return listed[group_id]


def notice(group_id: str) -> dt.date:
    return date_of(entry(group_id)["notice_sent"], f"client_groups.{group_id}.notice_sent")


def migrate_by(group_id: str) -> dt.date:
    return date_of(entry(group_id)["migrate_by"], f"client_groups.{group_id}.migrate_by")


def test_every_client_group_is_planned():
    missing = sorted({g["id"] for g in groups()} - set(plan()["client_groups"]))
    assert not missing, f"deprecation.yaml client_groups lacks {missing}"


def test_notices_go_out_once_v2_is_available():
    ga = date_of(clients()["v2_general_availability"], "v2_general_availability")
    early = {g["id"]: str(notice(g["id"])) for g in groups() if notice(g["id"]) < ga}
    assert not early, f"notices before v2 is available ({ga}): {early}"


def test_each_group_migrates_between_its_notice_and_the_sunset():
    bad = {
        g["id"]: f"{notice(g['id'])} .. {migrate_by(g['id'])} .. {sunset()}"
        for g in groups()
        if not notice(g["id"]) <= migrate_by(g["id"]) <= sunset()
    }
    assert not bad, f"notice_sent <= migrate_by <= v1_sunset_date does not hold: {bad}"


@pytest.mark.critical
def test_sunset_honours_every_partner_notice_period():
    short = {}
    for g in groups("partner"):
        earliest = notice(g["id"]) + dt.timedelta(days=g["notice_period_days"])
        if sunset() < earliest:
            short[g["id"]] = f"notice {notice(g['id'])} + {g['notice_period_days']} d = {earliest}"
    assert not short, f"v1_sunset_date {sunset()} is inside a contractual notice period: {short}"


@pytest.mark.critical
def test_sunset_waits_for_the_mobile_force_upgrade():
    for g in groups("mobile"):
        upgrade = date_of(g["force_upgrade_possible_from"], "force_upgrade_possible_from")
        assert migrate_by(g["id"]) >= upgrade, (
            f"{g['id']} cannot leave v1 before {upgrade}; migrate_by is {migrate_by(g['id'])}"
        )
        assert sunset() >= upgrade, f"v1_sunset_date {sunset()} is before {g['id']}'s {upgrade}"


def test_internal_services_get_until_they_are_ready():
    early = {
        g["id"]: f"{migrate_by(g['id'])} < {g['ready_by']}"
        for g in groups("internal")
        if migrate_by(g["id"]) < date_of(g["ready_by"], "ready_by")
    }
    assert not early, f"internal services asked to migrate before they can: {early}"


def test_sunset_is_within_the_removal_deadline():
    deadline = date_of(clients()["v1_removal_deadline"], "v1_removal_deadline")
    assert sunset() <= deadline, f"v1_sunset_date {sunset()} is after the deadline {deadline}"


def test_phases_are_in_date_order_and_end_at_the_sunset():
    phases = plan()["phases"]
    starts = [date_of(p["start"], f"phase {p['name']} start") for p in phases]
    assert starts == sorted(starts), f"phases are not in date order: {[str(s) for s in starts]}"
    for p, start in zip(phases, starts, strict=True):
        if "end" in p:
            end = date_of(p["end"], f"phase {p['name']} end")
            assert end >= start, f"phase {p['name']!r} ends ({end}) before it starts ({start})"
    today = date_of(clients()["today"], "today")
    assert starts[0] >= today, f"the first phase starts in the past ({starts[0]} < {today})"
    assert sunset() in starts, f"no phase starts on v1_sunset_date {sunset()}"


@pytest.mark.critical
def test_sunset_header_is_the_sunset_date():
    value = header("Sunset")
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        pytest.fail(f"Sunset header {value!r} is not an HTTP-date (RFC 8594)")
    assert re.fullmatch(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT", value), (
        f"Sunset header {value!r} is not an IMF-fixdate such as 'Tue, 30 Nov 2027 00:00:00 GMT'"
    )
    assert when.date() == sunset(), f"Sunset header says {when.date()}, v1_sunset_date {sunset()}"


def test_deprecation_header_is_an_rfc_9745_date_in_range():
    value = header("Deprecation").strip()
    match = re.fullmatch(r"@(-?\d+)", value)
    assert match, f"Deprecation header {value!r} is not an RFC 9745 date such as @1801267200"
    when = dt.datetime.fromtimestamp(int(match.group(1)), tz=dt.UTC).date()
    ga = date_of(clients()["v2_general_availability"], "v2_general_availability")
    assert ga <= when <= sunset(), (
        f"Deprecation date {when} must lie between v2 availability {ga} and the sunset {sunset()}"
    )
