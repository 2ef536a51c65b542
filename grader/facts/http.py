"""The HTTP surface a repository serves, and how each endpoint is guarded.

Endpoints: FastAPI / Flask / Starlette route decorators (`@app.post("/ask")`), Express-style `app.post("/ask", ...)`
routes, and Next.js / SvelteKit route files exporting GET, POST... handlers.

An endpoint is authenticated when it depends on (`Depends(verify_token)`, `Security(...)`), calls, or is
decorated by an authentication function, when its router or app declares `dependencies=`, or when its body
rejects a request itself (401/403). An authentication function is one that rejects with 401/403, compares
credentials with `compare_digest`, or decodes a token. Express routes with middleware before the handler and
Next.js handlers that read a session count as guarded.
"""

from __future__ import annotations

import posixpath
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from grader.facts.code import FileFacts, code_facts, name_matches
from grader.facts.js import rules as js_rules
from grader.matching import compile_pattern
from grader.snapshot import matches_any

if TYPE_CHECKING:
    from grader.context import Context

_VERBS = {"get", "post", "put", "patch", "delete", "route", "api_route", "websocket", "head", "options"}
_WRITES = {"POST", "PUT", "PATCH", "ROUTE", "API_ROUTE", "WEBSOCKET"}
_AUTH_NAME = compile_pattern(
    r"(?i)auth|token|verify|current_user|api_?key|login|session|jwt|bearer|credential|permission|secur"
)
_AUTH_CALLS = [
    "*.compare_digest",
    "jwt.decode",
    "*.jwt.decode",
    "jose.jwt.decode",
    "*.verify_id_token",
    "*.decode_token",
    "*.get_user",
    "*.auth.get_user",
    "*getServerSession",
    "*.getSession",
    "*currentUser",
    "*.verify",
]
_AUTH_DECORATORS = [
    "*login_required",
    "*jwt_required",
    "*requires_auth",
    "*auth_required",
    "*permission_required",
    "*.authenticate",
    "*api_key_required",
    "*token_required",
    "*.requires",
    "*.auth.on*",
]
_MODELS = ["*BaseModel", "*.BaseModel", "*SQLModel", "*TypedDict", "*.Schema"]
_TYPED = [
    "fastapi.Query",
    "fastapi.Body",
    "fastapi.Form",
    "fastapi.File",
    "fastapi.Path",
    "*.Query",
    "*.Body",
    "*.Form",
]


@dataclass(frozen=True)
class Endpoint:
    method: str
    route: str
    path: str  # file
    line: int  # 1-based line in the file as read (the decorator or route call)
    authenticated: bool
    validated: bool  # a request model or typed, constrained parameters


def _calls_in(facts: FileFacts, start: int, end: int) -> list[list[Any]]:
    return [c for c in facts.data.get("calls", []) if start <= c[1] <= end]


_REJECTING = ["*HTTPException", "*abort", "*Response", "*JSONResponse", "*.json"]


def _rejects(calls: list[list[Any]]) -> bool:
    """The code rejects a request as unauthorised: HTTPException(401/403), abort(401), Response(status=401)."""
    return any(_rejecting(call) for call in calls)


def _rejecting(call: list[Any], rejecting: set[str] | None = None) -> bool:
    keywords = call[2] or {}
    status = keywords.get("status_code", keywords.get("status"))
    if status not in {401, 403}:
        return False
    return call[0] in rejecting if rejecting is not None else name_matches(call[0], _REJECTING)


def _auth_functions(ctx: Context) -> set[str]:
    """Names of functions that authenticate: they reject with 401/403, compare digests or decode tokens."""
    found: set[str] = set()
    every = code_facts(ctx)
    rejecting, authenticating = every.call_names(_REJECTING), every.call_names(_AUTH_CALLS)
    for facts in every.of_role("source", "example"):
        # The lines of the file's authenticating calls, found once; each function then looks in its range.
        calls = facts.data.get("calls", [])
        lines = sorted(c[1] for c in calls if c[0] in authenticating or _rejecting(c, rejecting))
        if not lines:
            continue
        for function in facts.data.get("functions", []):
            name, line, end = function[0], function[1], function[2]
            if bisect_right(lines, end) > bisect_left(lines, line):
                found.add(name)
    return found


def _request_models(ctx: Context) -> set[str]:
    models: set[str] = set()
    for facts in code_facts(ctx).of_role("source", "example"):
        for name, _line, bases, _fields in facts.data.get("classes", []):
            if any(name_matches(b, _MODELS) for b in bases):
                models.add(name)
    return models


def _python_endpoints(ctx: Context, auth: set[str], models: set[str]) -> list[Endpoint]:
    endpoints = []
    for facts in code_facts(ctx).of_role("source"):  # examples and docs sites are not the product's API
        guarded_app = any(
            "dependencies" in (c[2] or {}) and name_matches(c[0], ["*FastAPI", "*APIRouter", "*.include_router"])
            for c in facts.data.get("calls", [])
        )
        for function in facts.data.get("functions", []):
            _name, line, end, _asserts, decorators, params = function[:6]
            route = next(
                (
                    d
                    for d in decorators
                    if d[0].rsplit(".", 1)[-1] in _VERBS and isinstance(d[2], str) and d[2].startswith("/")
                ),
                None,
            )
            if route is None:
                continue
            verb = route[0].rsplit(".", 1)[-1].upper()
            calls = _calls_in(facts, line, end)
            depends = [p[2] or "" for p in params]
            annotations = [p[1] or "" for p in params]
            authenticated = (
                guarded_app
                or "dependencies" in route[3]
                or any(
                    _AUTH_NAME.search(d) or any(f"({a})" in d for a in auth)
                    for d in depends
                    if "Depends" in d or "Security" in d
                )
                or any(_AUTH_NAME.search(d) for d in depends if d and "(" not in d)  # `_=auth_dependency`
                or any(
                    "fastapi.security" in a or a.endswith(("HTTPAuthorizationCredentials", "HTTPBasicCredentials"))
                    for a in annotations
                )
                or any(c[0].rsplit(".", 1)[-1] in auth for c in calls)
                or any(name_matches(d[0], _AUTH_DECORATORS) for d in decorators)
                or _rejects(calls)
            )
            typed = [a for a in annotations if a.rsplit(".", 1)[-1] in models]
            validated = bool(typed) or any(name_matches(d.split("(")[0], _TYPED) for d in depends if d)
            endpoints.append(Endpoint(verb, route[2], facts.file.path, line, authenticated, validated))
    return endpoints


def _js_endpoints(ctx: Context) -> list[Endpoint]:
    table = js_rules()
    guard_imports = [
        "next-auth",
        "@clerk",
        "@supabase/auth-helpers-nextjs",
        "@supabase/ssr",
        "jsonwebtoken",
        "jose",
        "passport",
        "express-jwt",
        "@auth",
        "lucia",
        "better-auth",
        "express-basic-auth",
    ]
    endpoints = []
    for facts in code_facts(ctx).of_role("source"):
        if facts.file.kind not in {"js", "ts"}:
            continue
        imports = [i[0] for i in facts.data.get("imports", [])]
        guarded_file = any(i == g or i.startswith(g + "/") for i in imports for g in guard_imports)
        guarded_file = guarded_file or any(name_matches(c[0], _AUTH_CALLS) for c in facts.data.get("calls", []))
        for method, route, line, handlers in facts.data.get("routes", []):
            endpoints.append(Endpoint(method, route, facts.file.path, line, guarded_file or handlers > 1, False))
        if matches_any(facts.file.path, table["route_files"]):
            validated = any(name_matches(c[0], ["*.parse", "*.safeParse"]) for c in facts.data.get("calls", []))
            for name, line in facts.data.get("exports", []):
                if name in table["handler_names"]:
                    route = "/" + posixpath.dirname(facts.file.path).split("app/", 1)[-1]
                    endpoints.append(Endpoint(name, route, facts.file.path, line, guarded_file, validated))
    return endpoints


def endpoints(ctx: Context) -> list[Endpoint]:
    """Every HTTP endpoint the repository's own code serves; memoised for the grade."""
    if "endpoints" not in ctx.memo:
        auth = _auth_functions(ctx)
        ctx.memo["endpoints"] = _python_endpoints(ctx, auth, _request_models(ctx)) + _js_endpoints(ctx)
    found: list[Endpoint] = ctx.memo["endpoints"]
    return found


def writes(found: list[Endpoint]) -> list[Endpoint]:
    """Endpoints that take a request body (POST, PUT, PATCH, routes of any method)."""
    return [e for e in found if e.method in _WRITES]
