"""Every user is still there with the same id, email and created_at, and full_name is split by
the prompt's rule (first space), one-word names included."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from final import final_conn
from helpers import SEED_ROWS, split_name


def rows():
    with final_conn() as conn:
        seed = conn.execute("SELECT id, email, full_name, created_at FROM grader.seed").fetchall()
        now = conn.execute(
            "SELECT id, email, first_name, last_name, created_at FROM users"
        ).fetchall()
    return {r[0]: r[1:] for r in seed}, {r[0]: r[1:] for r in now}


@pytest.mark.critical
def test_every_user_kept():
    seed, now = rows()
    assert len(seed) == SEED_ROWS
    missing = sorted(set(seed) - set(now))
    assert not missing, f"{len(missing)} users are gone, e.g. ids {missing[:5]}"
    changed = [i for i in seed if i in now and (now[i][0], now[i][3]) != (seed[i][0], seed[i][2])]
    assert not changed, f"{len(changed)} users' email or created_at changed, e.g. ids {changed[:5]}"


def wrong_splits(words: int) -> list[str]:
    seed, now = rows()
    out = []
    for uid, (_, full, _) in seed.items():
        if len(full.split(" ")) == words or (words == 3 and len(full.split(" ")) > 3):
            got = (now[uid][1], now[uid][2]) if uid in now else None
            if got != split_name(full):
                out.append(f"{full!r} -> {got}, expected {split_name(full)}")
    return out


@pytest.mark.critical
def test_two_word_names_split():
    bad = wrong_splits(2)
    assert not bad, f"{len(bad)} names split wrongly, e.g. {bad[:3]}"


@pytest.mark.critical
def test_one_word_names_kept_with_empty_last_name():
    bad = wrong_splits(1)
    assert not bad, f"{len(bad)} one-word names split wrongly, e.g. {bad[:3]}"


def test_names_of_three_or_more_words_split_at_the_first_space():
    bad = wrong_splits(3)
    assert not bad, f"{len(bad)} longer names split wrongly, e.g. {bad[:3]}"
