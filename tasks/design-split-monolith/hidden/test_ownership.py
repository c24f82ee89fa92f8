"""Rule 7: each service's owner_team owns (today) at least half of the service's modules."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from helpers import services, team_modules


def test_owner_team_is_a_team():
    teams = team_modules()
    wrong = {
        str(s.get("name")): s.get("owner_team")
        for s in services()
        if s.get("owner_team") not in teams
    }
    assert not wrong, f"owner_team must be a team of data/teams.json: {wrong}"


def test_owner_team_owns_at_least_half_of_the_modules():
    teams = team_modules()
    wrong = {}
    for s in services():
        mods = set(map(str, s.get("modules") or []))
        owned = len(mods & teams.get(str(s.get("owner_team")), set()))
        if 2 * owned < len(mods):
            wrong[str(s.get("name"))] = f"{s.get('owner_team')} owns {owned} of {len(mods)}"
    assert not wrong, f"owner_team must own at least half of the service's modules today: {wrong}"
