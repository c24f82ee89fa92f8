"""Generic security probes (SP-* families), copied into the prober as security/test_generic.py.

Driven by probes.json beside this file (the task's [security] table). Each test is one probe:
passed = the attack failed, failed = the attack worked, skipped = inconclusive (a precondition
was not met, e.g. the service would not register a user). Probe users' passwords are logged
to /tmp/secprobe-secrets.json so the grader can scan the database for them (SP-CRED).
"""

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

CFG: dict[str, Any] = json.loads(Path(__file__).with_name("probes.json").read_text())
FAMILIES = set(CFG.get("families") or ())
AUTH: dict[str, Any] = CFG.get("auth") or {}
OBJ: dict[str, Any] = CFG.get("object") or {}
SECRETS_LOG = Path("/tmp/secprobe-secrets.json")
DENIED = (401, 403)
HIDDEN = (403, 404)
ERROR_MARKERS = (
    "Traceback (most recent call last)",
    'File "/',
    "sqlalchemy.",
    "sqlite3.",
    "psycopg",
    "OperationalError",
    "ProgrammingError",
    "IntegrityError",
    "syntax error at or near",
    "SQLSTATE",
    "/workspace/",
)
INJECTIONS = (
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE users; --",
    "' UNION SELECT NULL, NULL --",
    "name DESC; SELECT 1",
    "%' OR 'x' LIKE '%",
    "(SELECT 1)",
)


def probe(family: str) -> pytest.MarkDecorator:
    return pytest.mark.probe(family)


# ---- requests from templates -------------------------------------------------------------


def fill(value: Any, vars: dict[str, Any], *, url: bool = False) -> Any:
    """Replace $name placeholders in strings (recursively); values are URL-quoted in paths."""
    if isinstance(value, str):

        def sub(m: re.Match[str]) -> str:
            v = vars.get(m.group(1))
            if v is None:
                return m.group(0)
            return quote(str(v), safe="") if url else str(v)

        return re.sub(r"\$([a-z_]+)", sub, value)
    if isinstance(value, dict):
        return {k: fill(v, vars, url=url) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, vars, url=url) for v in value]
    return value


def send(
    client: httpx.Client,
    req: dict[str, Any],
    vars: dict[str, Any],
    *,
    token: str | None = None,
    auth_value: str | None = None,
    body: Any = None,
    raw: bytes | None = None,
) -> httpx.Response:
    headers = {k: str(v) for k, v in fill(req.get("headers") or {}, vars).items()}
    if auth_value is not None:
        headers[AUTH.get("header", "Authorization")] = auth_value
    elif token is not None:
        scheme = AUTH.get("scheme", "Bearer")
        headers[AUTH.get("header", "Authorization")] = f"{scheme} {token}".strip()
    kwargs: dict[str, Any] = {}
    if raw is not None:
        kwargs["content"] = raw
        headers["Content-Type"] = "application/json"
    elif body is not None:
        kwargs["json"] = body
    elif req.get("json") is not None:
        kwargs["json"] = fill(req["json"], vars)
    elif req.get("form") is not None:
        kwargs["data"] = fill(req["form"], vars)
    return client.request(
        req["method"], fill(req["path"], vars, url=True), headers=headers, **kwargs
    )


def dig(payload: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(payload, dict) or part not in payload:
            return None
        payload = payload[part]
    return payload


def json_of(r: httpx.Response) -> Any:
    try:
        return r.json()
    except ValueError:
        return None


def record_secret(value: str) -> None:
    known = json.loads(SECRETS_LOG.read_text()) if SECRETS_LOG.exists() else []
    SECRETS_LOG.write_text(json.dumps([*known, value]))


# ---- principals and objects --------------------------------------------------------------


class User:
    def __init__(self, name: str, password: str, token: str) -> None:
        self.name, self.password, self.token = name, password, token
        self.vars = {
            "user": name,
            "password": password,
            "email": f"{name}@example.com",
            "tenant": f"tenant-{name}",
        }


def new_user(client: httpx.Client) -> User:
    name = f"probe{uuid.uuid4().hex[:10]}"
    password = "Pw-" + secrets.token_urlsafe(12)
    record_secret(password)
    vars = {
        "user": name,
        "password": password,
        "email": f"{name}@example.com",
        "tenant": f"tenant-{name}",
    }
    if AUTH.get("register"):
        r = send(client, AUTH["register"], vars)
        if r.status_code >= 400:
            pytest.skip(f"precondition: register answered {r.status_code}")
    r = send(client, AUTH["login"], vars)
    token = dig(json_of(r), AUTH.get("token_field", "access_token")) if r.is_success else None
    if not isinstance(token, str) or not token:
        pytest.skip(f"precondition: login answered {r.status_code} without a token")
    return User(name, password, token)


class Owned:
    def __init__(self, id: Any, canary: str, vars: dict[str, Any]) -> None:
        self.id, self.canary, self.vars = id, canary, vars


def create_object(client: httpx.Client, owner: User, extra: dict[str, Any] | None = None) -> Owned:
    canary = f"CANARY{uuid.uuid4().hex}"
    vars = {**owner.vars, "canary": canary}
    body = fill(OBJ["create"].get("json"), vars)
    if extra and isinstance(body, dict):
        body = {**body, **extra}
    r = send(client, OBJ["create"], vars, token=owner.token, body=body)
    if not r.is_success:
        pytest.skip(f"precondition: create answered {r.status_code}")
    oid = dig(json_of(r), OBJ.get("id_field", "id"))
    if oid is None:
        pytest.skip(f"precondition: create response has no {OBJ.get('id_field', 'id')}")
    return Owned(oid, canary, {**vars, "id": oid})


@pytest.fixture(scope="session")
def alice(base_url: str) -> User:
    """A probe user, made once (password hashing is slow by design)."""
    with httpx.Client(base_url=base_url, timeout=10.0, verify=False) as c:
        return new_user(c)


@pytest.fixture(scope="session")
def bob(base_url: str) -> User:
    with httpx.Client(base_url=base_url, timeout=10.0, verify=False) as c:
        return new_user(c)


@pytest.fixture
def users(request: pytest.FixtureRequest) -> tuple[User, User] | tuple[None, None]:
    """(victim, attacker) when the task has auth, else (None, None)."""
    if not AUTH:
        return None, None
    return request.getfixturevalue("alice"), request.getfixturevalue("bob")


def leaks(r: httpx.Response) -> list[str]:
    """Error internals or the app secret in a response's body or headers."""
    text = r.text + " " + " ".join(f"{k}: {v}" for k, v in r.headers.items())
    found = [m for m in ERROR_MARKERS if m in text]
    secret = os.environ.get("APP_SECRET", "")
    if len(secret) >= 8 and secret in text:
        found.append("APP_SECRET")
    return found


# ---- SP-AUTHN ----------------------------------------------------------------------------


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def hs256(header: dict[str, Any], payload: dict[str, Any], key: bytes) -> str:
    signing = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(payload).encode())}"
    sig = hmac.new(key, signing.encode(), hashlib.sha256).digest()
    return f"{signing}.{b64(sig)}"


def jwt_parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        head, body, _ = token.split(".")
        return json.loads(unb64(head)), json.loads(unb64(body))
    except ValueError:
        pytest.skip("precondition: the token is not a JWT")


def forged(variant: str, token: str) -> str:
    if variant == "garbage":
        return "not.a.token"
    header, payload = jwt_parts(token)
    if variant == "alg-none":
        none_header = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
        return f"{none_header}.{b64(json.dumps(payload).encode())}."
    if variant == "wrong-key":
        return hs256({"alg": "HS256", "typ": "JWT"}, payload, b"not-the-app-secret")
    if variant == "tampered":
        claims = dict(payload)
        key = "sub" if "sub" in claims else "role"
        claims[key] = f"{claims.get(key, 'admin')}x"
        _, _, sig = token.split(".")
        return f"{token.split('.')[0]}.{b64(json.dumps(claims).encode())}.{sig}"
    if variant == "expired":
        # Only when the service signs HS256 with APP_SECRET can a probe mint an expired token.
        secret = os.environ.get("APP_SECRET", "").encode()
        head, body, sig = token.split(".")
        expected = b64(hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest())
        if header.get("alg") != "HS256" or not hmac.compare_digest(expected, sig):
            pytest.skip("precondition: the token is not HS256-signed with APP_SECRET")
        now = int(time.time())
        return hs256(header, {**payload, "iat": now - 7200, "exp": now - 3600}, secret)
    raise AssertionError(variant)


PROTECTED = list(enumerate(AUTH.get("protected") or []))
VARIANTS = ("missing", "garbage", "alg-none", "wrong-key", "tampered", "expired")


def route_vars(client: httpx.Client, user: User, route: dict[str, Any]) -> dict[str, Any]:
    if "$id" in route["path"]:
        if not OBJ:
            pytest.skip("precondition: route needs $id but the task declares no object")
        return create_object(client, user).vars
    return {**user.vars, "canary": f"CANARY{uuid.uuid4().hex}"}


@probe("SP-AUTHN")
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    ("i", "route"), PROTECTED, ids=[f"{r['method']} {r['path']}" for _, r in PROTECTED]
)
def test_authn(
    client: httpx.Client, alice: User, variant: str, i: int, route: dict[str, Any]
) -> None:
    vars = route_vars(client, alice, route)
    control = send(client, route, vars, token=alice.token)
    if control.status_code in DENIED:
        pytest.skip(f"precondition: a valid token gets {control.status_code} on this route")
    if variant == "missing":
        r = send(client, route, vars)
    else:
        r = send(client, route, vars, token=forged(variant, alice.token))
    assert r.status_code in DENIED, f"{variant} credential accepted: HTTP {r.status_code}"


# ---- SP-BOLA -----------------------------------------------------------------------------


def _bola_step(client: httpx.Client, step: str, owned: Owned, bob: User) -> httpx.Response:
    req = OBJ.get(step)
    if not req:
        pytest.skip(f"precondition: no {step} request declared")
    return send(
        client,
        req,
        {**owned.vars, **{k: v for k, v in bob.vars.items() if k != "canary"}},
        token=bob.token,
    )


@probe("SP-BOLA")
@pytest.mark.parametrize("step", ["read", "update", "delete", "list"])
def test_bola(client: httpx.Client, alice: User, bob: User, step: str) -> None:
    owned = create_object(client, alice)
    r = _bola_step(client, step, owned, bob)
    assert owned.canary not in r.text, f"{step} by another user returned the owner's data"
    if step != "list":
        assert r.status_code in HIDDEN, f"{step} of another user's object answered {r.status_code}"
        after = send(client, OBJ["read"], owned.vars, token=alice.token)
        assert after.status_code == 200, f"owner can no longer read the object after {step}"
        assert owned.canary in after.text, f"another user's {step} changed the object"


# ---- SP-MASS -----------------------------------------------------------------------------


@probe("SP-MASS")
def test_mass_assignment(client: httpx.Client, alice: User) -> None:
    fields = dict(OBJ.get("mass_fields") or {})
    canary = f"CANARY{uuid.uuid4().hex}"
    vars = {**alice.vars, "canary": canary}
    body = fill(OBJ["create"].get("json"), vars)
    if not isinstance(body, dict):
        pytest.skip("precondition: create body is not a JSON object")
    r = send(client, OBJ["create"], vars, token=alice.token, body={**body, **fields})
    if not r.is_success:
        return  # rejected outright: fine
    oid = dig(json_of(r), OBJ.get("id_field", "id"))
    reread = send(client, OBJ["read"], {**vars, "id": oid}, token=alice.token)
    for source in (r, reread):
        data = json_of(source) if source.is_success else {}
        for key, value in fields.items():
            assert dig(data, key) != value, f"client set privileged field {key}={value!r}"


# ---- SP-INJ ------------------------------------------------------------------------------

INJECT = [(t, p) for t in CFG.get("inject") or [] for p in INJECTIONS]


@probe("SP-INJ")
@pytest.mark.parametrize(
    ("route", "payload"), INJECT, ids=[f"{t['method']} {t['path']} {p}" for t, p in INJECT]
)
def test_injection(
    client: httpx.Client, users: tuple[Any, Any], route: dict[str, Any], payload: str
) -> None:
    victim, attacker = users
    owned = create_object(client, victim) if victim and OBJ else None
    vars = {**(attacker.vars if attacker else {}), "inj": payload}
    start = time.monotonic()
    r = send(client, route, vars, token=attacker.token if attacker else None)
    elapsed = time.monotonic() - start
    assert r.status_code < 500, f"injection text caused HTTP {r.status_code}"
    assert not leaks(r), f"database error details in the response: {leaks(r)}"
    if owned is not None:
        assert owned.canary not in r.text, "injection returned another user's data"
    assert elapsed < 5.0, f"injection text slowed the response to {elapsed:.1f} s"


# ---- SP-DOS ------------------------------------------------------------------------------

DOS = [(t, kind) for t in CFG.get("dos") or [] for kind in ("deep-json", "huge-body")]


def _payload(kind: str) -> bytes:
    if kind == "deep-json":
        return b'{"a":' * 20000 + b"1" + b"}" * 20000
    return json.dumps({"name": "x" * 10_000_000, "title": "x", "data": "x"}).encode()


@probe("SP-DOS")
@pytest.mark.parametrize(
    ("route", "kind"), DOS, ids=[f"{t['method']} {t['path']} {k}" for t, k in DOS]
)
def test_dos(
    client: httpx.Client, base_url: str, users: tuple[Any, Any], route: dict[str, Any], kind: str
) -> None:
    user = users[1]
    vars = {**(user.vars if user else {}), "canary": "x"}
    start = time.monotonic()
    try:
        with httpx.Client(base_url=base_url, timeout=20.0, verify=False) as slow:
            r = send(slow, route, vars, token=user.token if user else None, raw=_payload(kind))
        status: int | None = r.status_code
    except httpx.TransportError:
        status = None  # the server may cut an oversized request off: fine if it stays up
    elapsed = time.monotonic() - start
    assert status is None or status < 500 or kind == "deep-json", f"{kind}: HTTP {status}"
    assert elapsed < 10.0, f"{kind} payload took {elapsed:.1f} s to refuse"
    health = client.get("/healthz")
    assert health.status_code == 200, "service unhealthy after the payload"


# ---- SP-LEAK -----------------------------------------------------------------------------

LEAK_TARGETS = list(CFG.get("leak") or []) or [*(CFG.get("inject") or []), *(CFG.get("dos") or [])]
if OBJ.get("read"):
    LEAK_TARGETS.append(OBJ["read"])
MALFORMED = ("broken-json", "wrong-types", "odd-path")


@probe("SP-LEAK")
@pytest.mark.parametrize("kind", MALFORMED)
def test_error_leaks(client: httpx.Client, users: tuple[Any, Any], kind: str) -> None:
    user = users[1]
    base = {
        **(user.vars if user else {}),
        "canary": "x",
        "inj": "\x00'\"<>%",
        "id": "0x'%00\"../../etc/passwd",
    }
    token = user.token if user else None
    seen = []
    answered = 0
    for route in LEAK_TARGETS:
        try:
            if kind == "broken-json":
                r = send(client, route, base, token=token, raw=b'{"unterminated": ')
            elif kind == "wrong-types":
                body = fill(route.get("json"), base)
                junk = {k: [{"$gt": ""}] for k in body} if isinstance(body, dict) else [[None]]
                r = send(client, route, base, token=token, body=junk)
            else:
                r = send(client, route, base, token=token)
        except httpx.TransportError:
            # uvicorn closes the connection after an unhandled error: nothing was disclosed
            client.close()
            client = httpx.Client(base_url=str(client.base_url), timeout=10.0, verify=False)
            continue
        answered += 1
        seen += [f"{route['method']} {route['path']}: {m}" for m in leaks(r)]
    if not answered:
        pytest.skip("precondition: no target answered")
    assert not seen, f"error internals in responses: {seen[:3]}"


# ---- SP-CRED -----------------------------------------------------------------------------


@probe("SP-CRED")
def test_credentials_at_rest(alice: User) -> None:
    """Needs a probe user; the grader then scans the database for the probe passwords and
    replaces this check's outcome with the scan's (they must be stored with a slow, salted
    hash)."""
    assert alice.token


# Only the declared families are collected (an undeclared one is not a probe at all).
for _family, _test in (
    ("SP-AUTHN", "test_authn"),
    ("SP-BOLA", "test_bola"),
    ("SP-MASS", "test_mass_assignment"),
    ("SP-INJ", "test_injection"),
    ("SP-DOS", "test_dos"),
    ("SP-LEAK", "test_error_leaks"),
    ("SP-CRED", "test_credentials_at_rest"),
):
    if _family not in FAMILIES:
        del globals()[_test]
