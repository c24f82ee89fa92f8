"""Delivery decisions: channel, then category opt-out, then quiet hours (never for security)."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from app.schemas import MANDATORY, Category, Channel, Preferences, QuietHours, Reason


def in_quiet_hours(quiet: QuietHours, at: datetime) -> bool:
    """Is `at` inside [start, end) on the user's local clock? start > end wraps midnight."""
    local = at.astimezone(ZoneInfo(quiet.timezone)).time().replace(second=0, microsecond=0)
    start, end = time.fromisoformat(quiet.start), time.fromisoformat(quiet.end)
    if start < end:
        return start <= local < end
    return local >= start or local < end


def decide(prefs: Preferences, category: Category, channel: Channel, at: datetime) -> Reason:
    if not getattr(prefs.channels, channel.value):
        return Reason.channel_disabled
    if category in prefs.opted_out:
        return Reason.category_opted_out
    if category != MANDATORY and prefs.quiet_hours and in_quiet_hours(prefs.quiet_hours, at):
        return Reason.quiet_hours
    return Reason.ok
