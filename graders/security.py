"""Security grader: the generic SP-* probes a task declares in `[security]`, plus the task's own
exploits in `hidden/security/`, run in the prober against the service after the functional
suite. SP-CRED is finished here: the database is dumped (Postgres sidecar or the SQLite file)
and searched for the probe users' passwords in plain or fast-hashed form.

Each probe is pass (the attack failed), fail (it worked) or inconclusive (a precondition was not
met). The score is the mean pass fraction over probe ids; a failed critical exploit (auth
bypass, another principal's data, injection) makes it 0.
"""

import asyncio
import base64
import hashlib
import io
import json
import tarfile
import time
from collections import defaultdict
from dataclasses import replace
from importlib import resources
from typing import Any

from docker.errors import APIError, DockerException, NotFound

from graders.base import CheckResult, GradeContext, GradeResult
from graders.functional import PYTEST_BASE, run_pytest
from harness.archive import collect_tree
from harness.tasks.probespec import CRITICAL_FAMILIES, FAMILY_CWE
from harness.tasks.spec import Task

JUNIT_PATH = "/tmp/junit-security.xml"
PROGRESS_PATH = "/tmp/progress-security.jsonl"
SECRETS_LOG = "/tmp/secprobe-secrets.json"
CRED_TEST = "test_credentials_at_rest"
FAST_HASHES = ("md5", "sha1", "sha256", "sha512")


def security_files(task: Task) -> list[tuple[str, bytes]]:
    """What the prober needs for this grader (nothing when the task declares no probes)."""
    spec = task.spec.security
    if spec is None:
        return []
    generic = (resources.files("graders.prober") / "security_generic.py").read_bytes()
    probes = json.dumps(spec.model_dump(mode="json", by_alias=True), indent=1).encode()
    return [
        ("security/test_generic.py", generic),
        ("security/probes.json", probes),
        *collect_tree(task.path("hidden", "security"), "security/task"),
    ]


def probe_id(check: CheckResult) -> str:
    return check.probe or check.name


def score_probes(checks: list[CheckResult]) -> tuple[float | None, str]:
    """(score, reason) over probe checks. Pure.

    Skipped = inconclusive, left out. Score = mean over probe ids of the pass fraction of their
    conclusive checks; 0 when a critical exploit worked; None when nothing was conclusive. A
    check the service left unanswered failed, but is no evidence of an exploit.
    """
    by_probe: dict[str, list[bool]] = defaultdict(list)
    for c in checks:
        if c.outcome != "skipped":
            by_probe[probe_id(c)].append(c.outcome == "passed")
    if not by_probe:
        return None, "no probe was conclusive (their preconditions were not met)"
    critical = sorted(
        {
            probe_id(c)
            for c in checks
            if c.outcome in ("failed", "error")
            and not c.unanswered
            and (c.exploit_critical or c.probe in CRITICAL_FAMILIES)
        }
    )
    if critical:
        return 0.0, f"critical exploit succeeded: {', '.join(critical)}"
    fractions = [sum(v) / len(v) for v in by_probe.values()]
    unanswered = sum(c.unanswered and c.outcome in ("failed", "error") for c in checks)
    reason = f"the service left {unanswered} probes unanswered" if unanswered else ""
    return sum(fractions) / len(fractions), reason


def credential_findings(dump: bytes, passwords: list[str]) -> list[str]:
    """How each password appears in a database dump: plaintext, base64, hex or a fast unsalted
    hash (hex, upper-case hex, raw or base64 digest). Pure."""
    found = []
    for i, pw in enumerate(passwords):
        raw = pw.encode()
        forms: dict[str, bytes] = {
            "plaintext": raw,
            "base64": base64.b64encode(raw).rstrip(b"="),
            "hex": raw.hex().encode(),
        }
        for algo in FAST_HASHES:
            digest = hashlib.new(algo, raw).digest()
            forms[algo] = digest.hex().encode()
            forms[f"{algo} (upper hex)"] = digest.hex().upper().encode()
            forms[f"{algo} (raw)"] = digest
            forms[f"{algo} (base64)"] = base64.b64encode(digest).rstrip(b"=")
        found += [f"password {i + 1} stored as {form}" for form, v in forms.items() if v in dump]
    return found


def _sqlite_path(env: dict[str, str]) -> str | None:
    url = env.get("DATABASE_URL", "")
    prefix = "sqlite:///"
    if not url.startswith("sqlite") or prefix not in url:
        return None
    return url.split(prefix, 1)[1].split("?")[0]


def _read_container_file(container: Any, path: str) -> bytes | None:
    try:
        stream, _ = container.get_archive(path)
    except NotFound:
        return None
    with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as tar:
        member = next((m for m in tar.getmembers() if m.isfile()), None)
        f = tar.extractfile(member) if member else None
        return f.read() if f else None


def dump_database(ctx: GradeContext) -> bytes | None:
    """The service's data: pg_dump of the Postgres sidecar, else the SQLite file (+ WAL)."""
    env = ctx.env
    postgres = next((c for c in env.sidecars if c.name.endswith("-postgres")), None)
    if postgres is not None:
        res = postgres.exec_run(
            ["/usr/local/pgbin/pg_dump", "-h", "127.0.0.1", "-U", "app", "app"],
            environment={"PGPASSWORD": "app"},
        )
        return bytes(res.output) if res.exit_code == 0 else None
    path = _sqlite_path(env.app_env)
    if path is None:
        return None
    parts = [_read_container_file(env.app, p) for p in (path, f"{path}-wal")]
    return b"".join(p for p in parts if p) or None


async def _finish_cred(ctx: GradeContext, checks: list[CheckResult]) -> list[CheckResult]:
    out = []
    for c in checks:
        if not c.name.endswith(CRED_TEST) or c.outcome != "passed":
            out.append(c)
            continue
        log = await ctx.env.prober_exec(["cat", SECRETS_LOG], timeout=30)
        passwords = json.loads(log.output) if log.exit_code == 0 else []
        try:
            dump = await asyncio.to_thread(dump_database, ctx)
        except (APIError, DockerException, tarfile.TarError) as e:
            dump, why = None, f"{type(e).__name__}"
        else:
            why = "no database to inspect (neither Postgres nor a SQLite file)"
        if dump is not None and not passwords:
            why = "no probe password was recorded"
        if dump is None or not passwords:
            out.append(replace(c, outcome="skipped", message=f"inconclusive: {why}"))
            continue
        found = credential_findings(dump, passwords)
        out.append(
            replace(c, outcome="failed" if found else "passed", message="; ".join(found[:3]))
        )
    return out


class SecurityGrader:
    name = "security"

    async def grade(self, ctx: GradeContext) -> GradeResult:
        start = time.monotonic()
        if ctx.task.spec.security is None:
            return GradeResult("security", "skipped", None, "the task declares no [security]")
        result = await run_pytest(
            ctx.env,
            "security",
            [*PYTEST_BASE, f"--junitxml={JUNIT_PATH}", "security"],
            junit_path=JUNIT_PATH,
            progress_path=PROGRESS_PATH,
        )
        if result.status != "ok":
            return replace(result, duration=time.monotonic() - start)
        checks = await _finish_cred(ctx, list(result.checks))
        checks = [
            replace(c, cwe=c.cwe or FAMILY_CWE.get(c.probe)) if c.probe else c for c in checks
        ]
        score, reason = score_probes(checks)
        counts = {o: sum(c.outcome == o for c in checks) for o in ("passed", "failed", "skipped")}
        return GradeResult(
            "security",
            "ok" if score is not None else "error",
            score,
            reason,
            tuple(checks),
            {**result.details, "probes": counts},
            time.monotonic() - start,
        )
