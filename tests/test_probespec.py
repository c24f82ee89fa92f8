"""The [security] and [load] tables of task.toml, and the weights they imply, on literal TOML."""

import pytest

from harness.errors import TaskSpecError
from harness.tasks.spec import parse_task_toml

HEAD = 'id = "demo"\ntitle = "Demo"\ncategory = "api"\ndifficulty = 2\n'
AUTH = """
[security.auth]
register = { method = "POST", path = "/users", json = { username = "$user", password = "$pw" } }
login = { method = "POST", path = "/token", form = { username = "$user", password = "$password" } }
protected = ["GET /notes", "get /notes/$id"]
"""
OBJECT = """
[security.object]
create = { method = "POST", path = "/notes", json = { title = "$canary" } }
read = "GET /notes/$id"
mass_fields = { owner_id = 1 }
"""
LOAD = """
[load]
rate = 100
p99_ms = 50
mix = [
  { path = "/notes/$note", weight = 3 },
  { method = "POST", path = "/notes", json = { t = "$uuid" }, expect = [201] },
]
"""


def test_security_table_parses_requests_and_recipes() -> None:
    text = HEAD + '[security]\nfamilies = ["SP-AUTHN", "SP-BOLA", "SP-MASS", "SP-CRED"]\n'
    spec = parse_task_toml(text + AUTH + OBJECT, "t/task.toml")

    sec = spec.security
    assert sec is not None and sec.auth is not None and sec.object is not None
    assert [(r.method, r.path) for r in sec.auth.protected] == [
        ("GET", "/notes"),
        ("GET", "/notes/$id"),
    ]
    assert sec.auth.signup is not None
    assert sec.auth.signup.body == {"username": "$user", "password": "$pw"}
    assert sec.auth.login.form == {"username": "$user", "password": "$password"}
    assert sec.object.read.method == "GET"
    dumped = sec.model_dump(mode="json", by_alias=True)
    assert dumped["auth"]["register"]["json"]["username"] == "$user"
    assert dumped["object"]["create"]["json"] == {"title": "$canary"}


def test_load_table_parses_mix() -> None:
    spec = parse_task_toml(HEAD + LOAD, "t/task.toml")

    assert spec.load is not None
    assert spec.load.rate == 100 and spec.load.max_error_rate == 0.01
    assert [(m.method, m.weight, m.expect) for m in spec.load.mix] == [
        ("GET", 3.0, ()),
        ("POST", 1.0, (201,)),
    ]


def test_default_weights_follow_the_declared_probes() -> None:
    none = parse_task_toml(HEAD, "t")
    both = parse_task_toml(HEAD + '[security]\nfamilies = ["SP-CRED"]\n' + AUTH + LOAD, "t")
    load_only = parse_task_toml(HEAD + LOAD, "t")

    assert none.grading.weights == {"functional": 0.45, "quality": 0.10}
    assert both.grading.weights == {
        "functional": 0.45,
        "security": 0.25,
        "performance": 0.15,
        "quality": 0.10,
    }
    assert load_only.grading.weights == {"functional": 0.45, "performance": 0.15, "quality": 0.10}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[security]\nfamilies = ["SP-BOLA"]\n', "family SP-BOLA needs [security] auth and object"),
        ('[security]\nfamilies = ["SP-INJ"]\n', "family SP-INJ needs [security] inject"),
        (
            '[security]\nfamilies = ["SP-MASS"]\n'
            + OBJECT.replace("mass_fields = { owner_id = 1 }", ""),
            "family SP-MASS needs [security] object with mass_fields",
        ),
        ('[security]\nfamilies = ["SP-XSS"]\n', "key 'security.families.0'"),
        ('[security]\nfamilies = ["SP-CRED", "SP-CRED"]\n' + AUTH, "families are listed twice"),
        ('[security]\ninject = ["GET"]\n', "write requests as 'METHOD /path'"),
        ('[security]\ninject = ["GET notes"]\n', "key 'security.inject.0.path'"),
        (
            '[security]\ninject = [{ method = "POST", path = "/x", json = {}, form = {} }]\n',
            "give either json or form",
        ),
        (
            '[security]\nfamilies = []\n[security.auth]\nlogin = "POST /t"\nsurprise = 1\n',
            "unknown key 'security.auth.surprise'",
        ),
        (
            "[grading]\nweights = { functional = 0.5, security = 0.5 }\n",
            "grading.weights has security but the task declares no [security]",
        ),
        (
            "[grading]\nweights = { functional = 0.5, performance = 0.5 }\n",
            "grading.weights has performance but the task declares no [load]",
        ),
        (LOAD.replace("rate = 100", "rate = 0"), "key 'load.rate'"),
        ("[load]\nrate = 1\np99_ms = 5\nmix = []\n", "key 'load.mix'"),
    ],
)
def test_bad_probe_tables_name_file_and_key(extra: str, message: str) -> None:
    with pytest.raises(TaskSpecError) as err:
        parse_task_toml(HEAD + extra, "tasks/demo/task.toml")

    assert str(err.value).startswith("tasks/demo/task.toml: ")
    assert message in str(err.value)
