"""Load-probe setup: users with saved preferences (quiet hours in a few zones)."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    zones = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo"]
    users = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(30):
            user = f"load-{tag}-{i}"
            body = {
                "channels": {"email": True, "sms": i % 2 == 0, "push": True},
                "opted_out": ["marketing"] if i % 3 == 0 else [],
                "quiet_hours": {"start": "22:00", "end": "07:00", "timezone": zones[i % 4]},
            }
            c.put(f"/users/{user}/preferences", json=body).raise_for_status()
            users.append(user)
    return {"user": users, "category": ["marketing", "product_updates", "billing", "security"],
            "channel": ["email", "sms", "push"]}
