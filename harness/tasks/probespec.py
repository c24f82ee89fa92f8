"""The `[security]` and `[load]` tables of task.toml: which probes a task declares, as data.

Requests are written either as "METHOD /path" strings or as tables with `method`, `path` and an
optional `json` or `form` body and `headers`. Templates may use `$name` placeholders that the
probes fill in (`$user`, `$password`, `$canary`, `$id`, `$inj`, and the load setup's variables).
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
Family = Literal["SP-AUTHN", "SP-BOLA", "SP-MASS", "SP-INJ", "SP-DOS", "SP-LEAK", "SP-CRED"]

FAMILY_CWE: dict[str, int] = {
    "SP-AUTHN": 287,  # improper authentication
    "SP-BOLA": 639,  # authorization bypass through user-controlled key
    "SP-MASS": 915,  # mass assignment
    "SP-INJ": 89,  # SQL injection
    "SP-DOS": 400,  # uncontrolled resource consumption
    "SP-LEAK": 209,  # error message containing sensitive information
    "SP-CRED": 256,  # plaintext storage of a password
}
CRITICAL_FAMILIES = frozenset({"SP-AUTHN", "SP-BOLA", "SP-INJ"})
"""A failure in one of these is an exploit that zeroes the security score (auth bypass,
another principal's data, injection)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _request_from_string(value: Any) -> Any:
    if isinstance(value, str):
        method, _, path = value.strip().partition(" ")
        if not path.strip():
            raise ValueError(f"{value!r}: write requests as 'METHOD /path'")
        return {"method": method.upper(), "path": path.strip()}
    return value


class _Request(_Strict):
    method: Method
    path: Annotated[str, Field(pattern=r"^/")]
    body: Any = Field(default=None, alias="json")
    form: dict[str, str] | None = None
    headers: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_body(self) -> "_Request":
        if self.body is not None and self.form is not None:
            raise ValueError("give either json or form, not both")
        return self


Request = Annotated[_Request, BeforeValidator(_request_from_string)]


class AuthRecipe(_Strict):
    """How a probe becomes a fresh user: optional register call, then login for a token."""

    signup: Request | None = Field(default=None, alias="register")
    login: Request
    token_field: str = "access_token"
    header: str = "Authorization"
    scheme: str = "Bearer"
    protected: tuple[Request, ...] = ()
    """Routes that must refuse a missing, forged or tampered credential."""


class ObjectRecipe(_Strict):
    """A resource one user owns: created with `$canary` in it, addressed by `$id`."""

    create: Request
    id_field: str = "id"
    read: Request
    update: Request | None = None
    delete: Request | None = None
    list: Request | None = None
    mass_fields: dict[str, Any] = Field(default_factory=dict)
    """Privileged fields a client must not be able to set (sent on create, checked on re-read)."""


class SecuritySpec(_Strict):
    families: tuple[Family, ...] = ()
    auth: AuthRecipe | None = None
    object: ObjectRecipe | None = None
    inject: tuple[Request, ...] = ()
    """Requests with `$inj` where attacker text reaches a query (search, sort, filter)."""
    dos: tuple[Request, ...] = ()
    """Requests taking a JSON body, sent an oversized and a deeply nested one."""
    leak: tuple[Request, ...] = ()
    """Requests sent malformed input to provoke errors (defaults to inject + dos)."""
    cred_passwords: bool = True
    """SP-CRED: scan the database for the probe users' passwords (plain or fast-hashed)."""

    @model_validator(mode="after")
    def _recipes_present(self) -> "SecuritySpec":
        needs = {
            "SP-AUTHN": ("auth", self.auth is not None and bool(self.auth.protected)),
            "SP-BOLA": ("auth and object", self.auth is not None and self.object is not None),
            "SP-MASS": (
                "object with mass_fields",
                self.object is not None and bool(self.object.mass_fields),
            ),
            "SP-INJ": ("inject", bool(self.inject)),
            "SP-DOS": ("dos", bool(self.dos)),
            "SP-LEAK": ("leak, inject or dos", bool(self.leak or self.inject or self.dos)),
            "SP-CRED": ("auth", self.auth is not None),
        }
        for fam in self.families:
            what, ok = needs[fam]
            if not ok:
                raise ValueError(f"family {fam} needs [security] {what}")
        if len(set(self.families)) != len(self.families):
            raise ValueError("families are listed twice")
        return self


class LoadRequest(_Strict):
    """One entry of the load mix; `$var` placeholders come from the setup's variables (a list
    variable picks a random element per request)."""

    method: Method = "GET"
    path: Annotated[str, Field(pattern=r"^/")]
    body: Any = Field(default=None, alias="json")
    headers: dict[str, str] = Field(default_factory=dict)
    weight: Annotated[float, Field(gt=0)] = 1.0
    expect: tuple[int, ...] = ()
    """Statuses that count as success (default: any 2xx/3xx)."""


class LoadSpec(_Strict):
    """An open-loop load probe with its service-level objective, calibrated on the reference."""

    rate: Annotated[float, Field(gt=0)]
    """Target arrival rate (requests per second)."""
    p99_ms: Annotated[float, Field(gt=0)]
    max_error_rate: Annotated[float, Field(ge=0, lt=1)] = 0.01
    mix: tuple[LoadRequest, ...] = Field(min_length=1)
    setup: str = ""
    """Optional `hidden/load/<file>.py` defining `setup(base_url) -> dict` (users, tokens, ids)."""
    calibrated: str = ""
    """Where the numbers came from, e.g. 'reference: p99 14 ms at 200 rps, 2026-11-27'."""
