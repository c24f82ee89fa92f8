"""One-off conversion (issue 15), kept for reference: every `tasks/*/mutants/<name>/` folder
(full copies of the files it changes, laid over solution/, plus MUTANT.md) becomes
`mutants/<name>.patch`: MUTANT.md's text, a `Concerns:` line, and `diff -ruN` of solution/
against solution/ with the copies laid over it. A folder is deleted only after its patch,
applied to solution/ and laid over workspace/, gives snapshot members (paths and bytes) equal to the
old overlay's.

    python scripts/mutants_to_patches.py [--dry-run] [TASKS_DIR]...   (default: tasks drafts/tasks)

Concerns (the bit the flaw must cost, docs/writing-tasks.md) is `security` when the flaw breaks
a security rule (authentication, authorisation and tenancy, injection, leaked secrets or error
internals, stored credentials, resource limits, signatures and replay, SSRF and traversal),
`performance` when the service stays correct but misses the speed the prompt states (the two
slow-endpoint-fix mutants), `contract` otherwise.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.archive import collect_tree
from harness.tasks.patches import apply_patch

NOTE = "MUTANT.md"
SECURITY_WORDS = (
    "sql",
    "exception text",
    "driver's message",
    "traceback",
    "debug=true",
    "leak",
    "password",
    "hash",
    "signature",
    "alg",
    "expired",
    "expiry",
    "exp`",
    "revoked",
    "prefix alone",
    "logout",
    "admin",
    "another user",
    "other user",
    "another tenant",
    "other tenant",
    "any tenant",
    "every tenant",
    "across tenants",
    "any logged-in user",
    "any member",
    "any staff",
    "any author",
    "any merchant",
    "any user",
    "any caller",
    "every caller",
    "own articles",
    "mass assignment",
    "viewer",
    "editor",
    "department",
    "read-only key",
    "full key",
    "security notices",
    "private",
    "shared caches",
    "unshared",
    "personal fields",
    "path traversal",
    "redirect",
    "magic bytes",
    "size limit",
    "oversized",
    "depth limit",
    "not capped",
    "replayed at any time",
    "without a webhook-signature",
    "reflected",
    "upstream's own error",
    "pasted into the upstream",
    "other rooms",
)
CONTRACT_OVERRIDES = frozenset(
    {
        # a word above, but the flaw breaks the contract, not a security rule
        "alembic-migration/first-space-split",  # "split in SQL"
        "atomic-transfers/lock-order-deadlock",  # "PostgreSQL aborts one"
        "crud-books/isbn-check-then-insert",  # a uniqueness race
        "jwt-auth/register-check-then-insert",
        "design-inventory/expiry-never-releases",  # reservation expiry, not a credential's
        "design-notifications/security-opt-out-allowed",  # the `security` notification category
        "jwt-auth/missing-www-authenticate",  # a header of the 401 contract
        "cursor-pagination/unvalidated-cursor",  # garbage cursors: 400, never 500
        "observability/raw-path-labels",  # metrics cardinality
        "webhook-receiver/first-signature-only",  # rotated secrets fail first
        "webhook-sender/signature-body-only",  # receivers reject every delivery
    }
)
SECURITY_OVERRIDES = frozenset(
    {
        # no word above, but another principal's data or an access rule is at stake
        "document-store/other-user-download",
        "doc-sharing-abac/disabled-link-still-open",
        "payments-idempotency/global-keys",  # another merchant's payment replayed
        "auth-refresh-rotation/refresh-not-rotated",  # a stolen refresh token stays valid
        "cms-rbac/role-from-token",  # a demoted user keeps the old role
        "observability/request-id-unvalidated",  # client text reflected into headers
    }
)
PERFORMANCE = frozenset(
    {"slow-endpoint-fix/blocking-sdk-in-async", "slow-endpoint-fix/n-plus-one-left"}
)


def classify(key: str, note: str) -> str:
    """`security` or `contract` for one mutant (task/name) from its MUTANT.md text."""
    if key in PERFORMANCE:
        return "performance"
    if key in SECURITY_OVERRIDES:
        return "security"
    if key in CONTRACT_OVERRIDES:
        return "contract"
    text = note.lower()
    return "security" if any(w in text for w in SECURITY_WORDS) else "contract"


def overlay(*layers: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """A snapshot's members (path, bytes), what its tar holds apart from the time of writing."""
    files: dict[str, bytes] = {}
    for layer in layers:
        files.update(layer)
    return [(f"workspace/{k}", v) for k, v in sorted(files.items())]


def diff_of(solution: Path, mutant: Path) -> str:
    """`diff -ruN a b`: a = solution/, b = solution/ with the mutant's copies laid over it."""
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp, "a"), Path(tmp, "b")
        shutil.copytree(solution, a)
        shutil.copytree(solution, b)
        for rel, data in collect_tree(mutant):
            if rel != NOTE:
                (b / rel).parent.mkdir(parents=True, exist_ok=True)
                (b / rel).write_bytes(data)
        proc = subprocess.run(
            ["diff", "-ruN", "-x", "__pycache__", "a", "b"], cwd=tmp, capture_output=True
        )
    if proc.returncode != 1:
        raise SystemExit(f"{mutant}: diff exited {proc.returncode}: {proc.stderr.decode()}")
    return proc.stdout.decode()


def convert(task: Path, mutant: Path, dry_run: bool) -> str:
    note = (mutant / NOTE).read_text().strip()
    concerns = classify(f"{task.name}/{mutant.name}", note)
    text = f"{note}\nConcerns: {concerns}\n\n{diff_of(task / 'solution', mutant)}"
    workspace, solution = (
        dict(collect_tree(task / "workspace")),
        dict(collect_tree(task / "solution")),
    )
    copies = {k: v for k, v in collect_tree(mutant) if k != NOTE}
    target = mutant.with_suffix(".patch")
    if overlay(workspace, solution, copies) != overlay(
        workspace, apply_patch(solution, text, str(target))
    ):
        raise SystemExit(f"{target}: the patch does not reproduce the old overlay; folder kept")
    if not dry_run:
        target.write_text(text)
        shutil.rmtree(mutant)
    return concerns


def main(args: list[str]) -> None:
    dry_run = "--dry-run" in args
    roots = [Path(a) for a in args if a != "--dry-run"] or [Path("tasks"), Path("drafts/tasks")]
    for root in roots:
        for mutant in sorted(root.glob("*/mutants/*/")):
            if mutant.is_dir():
                concerns = convert(mutant.parents[1], mutant, dry_run)
                print(f"{concerns:9} {mutant.parents[1].name}/{mutant.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
