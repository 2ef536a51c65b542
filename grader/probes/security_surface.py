"""Security of what the repository exposes: authentication and request validation on its HTTP endpoints,
code that executes data, credentials written into infrastructure files, and the upkeep of its security.
"""

from __future__ import annotations

from grader.context import Context
from grader.facts.code import CodeFacts, Site, code_facts, own_paths
from grader.facts.http import Endpoint, endpoints, writes
from grader.facts.infra import ci_hardening, infra_credentials
from grader.matching import compile_pattern
from grader.probes.base import Result, by_basis, failed, graded, not_applicable, not_detected, passed, probe
from grader.probes.kinds import evidence, lookup
from grader.report import Evidence
from grader.snapshot import matches_any

_HEALTH = compile_pattern(
    r"(?i)^/?(?:health\w*|healthz|ready\w*|live\w*|ping|status|metrics|docs|openapi\.json|favicon\.ico)?/?$"
)


@probe(
    "security.auth",
    title="Authentication on endpoints",
    why="An HTTP endpoint that calls a paid model without authentication is an open bill and an open door.",
    fix="Require a credential on every endpoint (a FastAPI dependency, middleware, or a bearer token compared "
    "with secrets.compare_digest).",
    requires=("code",),
)
def auth(ctx: Context) -> Result:
    found = [e for e in endpoints(ctx) if not (e.method == "GET" and _HEALTH.search(e.route))]
    if not found:
        return not_applicable("serves no HTTP endpoints")
    facts = code_facts(ctx)
    open_ones = [e for e in found if not e.authenticated]
    shown = [_point(facts, e) for e in (open_ones or found)[:5]]
    share = 1 - len(open_ones) / len(found)
    if not open_ones:
        return passed(f"all {len(found)} endpoint(s) require authentication", shown)
    named = ", ".join(f"{e.method} {e.route}" for e in open_ones[:4])
    return graded(f"{len(open_ones)} of {len(found)} endpoint(s) without authentication: {named}", share, shown)


@probe(
    "security.input_validation",
    title="Request validation",
    why="Validated, bounded input at the endpoint is the first defence against abuse and prompt injection.",
    fix="Take each request body as a pydantic model (or zod schema) with length limits, not a raw dict.",
    requires=("code",),
)
def input_validation(ctx: Context) -> Result:
    found = writes(endpoints(ctx))
    if not found:
        return not_applicable("no endpoint takes a request body")
    facts = code_facts(ctx)
    raw = [e for e in found if not e.validated]
    guards = lookup(ctx, "security.prompt_guards")
    share = 1 - len(raw) / len(found)
    shown = [_point(facts, e) for e in (raw or found)[:4]] + evidence(ctx, guards, 1)
    credit = min(1.0, share + (0.2 if guards else 0.0))
    if not raw:
        return graded(f"all {len(found)} endpoint(s) taking a body validate it with a request model", credit, shown)
    named = ", ".join(f"{e.method} {e.route}" for e in raw[:4])
    return graded(
        f"{len(raw)} of {len(found)} endpoint(s) read the body without a request model: {named}", credit, shown
    )


def _point(facts: CodeFacts, endpoint: Endpoint) -> Evidence:
    return facts.evidence(Site(endpoint.path, endpoint.line, endpoint.route, "source"))


@probe(
    "security.unsafe_code",
    title="No unsafe execution",
    why="Loading pickles, eval/exec or shell=True on data turns a crafted file or prompt into code execution.",
    fix="Load indexes and models from formats that cannot execute code; never eval model output; no shell=True.",
    requires=("code",),
)
def unsafe_code(ctx: Context) -> Result:
    found = lookup(ctx, "security.unsafe", ("source", "eval"))  # eval harnesses run model output too
    facts = code_facts(ctx)
    insecure = [s for s in facts.with_keywords(["verify"], ("source",)) if s.keywords.get("verify") is False]
    if found or insecure:
        shown = evidence(ctx, found, 4) + facts.evidence_of(insecure, 2)
        names = sorted(found.signals() | ({"TLS verification off"} if insecure else set()))
        return failed(f"unsafe: {', '.join(names)}", shown)
    return by_basis(ctx, passed("no pickle loads, eval/exec, shell=True or disabled TLS checks in the source"))


@probe(
    "security.infra_secrets",
    title="No credentials in infrastructure files",
    why="A password written into docker-compose or a manifest ships to everyone who copies it.",
    fix="Read credentials from the environment (`${POSTGRES_PASSWORD}`) or a secret store, and document them in "
    ".env.example.",
)
def infra_secrets(ctx: Context) -> Result:
    config = ctx.tables.config["security"]
    files = [f for p, f in ctx.snapshot.files.items() if matches_any(p, config["infra_files"])]
    if not files:
        return not_applicable("no compose, Dockerfile or deployment manifests")
    found = infra_credentials(files, config["infra_secret_names"])
    if found:
        return failed(f"{len(found)} hard-coded credential(s) in infrastructure files", found[:5])
    return passed(f"no literal credentials in {len(files)} infrastructure file(s)")


@probe(
    "security.policy",
    title="Security policy and upkeep",
    why="A SECURITY.md, automated dependency updates and least-privilege CI show security is maintained.",
    fix="Add SECURITY.md (how to report a vulnerability), Dependabot or Renovate, and `permissions:` in workflows.",
)
def policy(ctx: Context) -> Result:
    config = ctx.tables.config["security"]
    policy_files = own_paths(ctx, config["policy_paths"])
    bots = own_paths(ctx, config["dependency_bots"])
    hardened = ci_hardening(ctx)
    credit = 0.6 * bool(policy_files) + 0.2 * bool(bots) + 0.2 * bool(hardened)  # a policy first: how to report
    shown = [Evidence(path=p) for p in [*policy_files[:1], *bots[:1]]] + hardened[:1]
    parts = [
        n for n, ok in (("SECURITY.md", policy_files), ("dependency updates", bots), ("hardened CI", hardened)) if ok
    ]
    if not parts:
        return not_detected("no security policy, dependency update bot or CI permissions")
    return graded(f"security upkeep: {', '.join(parts)}", credit, shown)
