"""Where a change should start when the repository shows nothing to point at: the advice for a missing eval
or trace names the learner's own model call, a missing test names their biggest module, a missing README
section names the README. Each is one Evidence, or none when there is no such place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.facts.code import Site, code_facts
from grader.facts.requirements import llm_sites, sdk_call_lines
from grader.report import Evidence

if TYPE_CHECKING:
    from grader.context import Context


def model_call(ctx: Context) -> list[Evidence]:
    """The first place the application's own code calls a model through an SDK, else where it imports one
    (tests and examples last): an eval or a trace starts from the call, not from an import of the SDK's types."""
    sites = []
    for site in llm_sites(ctx):
        calls = sdk_call_lines(ctx, site.path)
        sites.append((not calls, Site(site.path, calls[0], site.name, site.role) if calls else site))
    sites.sort(key=lambda c: (c[1].role != "source", c[0], c[1].role != "test", c[1].path, c[1].line))
    return code_facts(ctx).evidence_of([site for _, site in sites[:1]], 1)


def main_module(ctx: Context) -> list[Evidence]:
    """The largest source file: where tests pay off first."""
    files = code_facts(ctx).of_role("source")
    if not files:
        return []
    biggest = max(files, key=lambda f: (f.file.text.count("\n"), f.file.path))
    return [Evidence(path=biggest.file.path)]


def readme(ctx: Context) -> list[Evidence]:
    return [Evidence(path=ctx.readme.file.path, start_line=1)] if ctx.readme else []


def workflow(ctx: Context) -> list[Evidence]:
    paths = sorted(p for p in ctx.snapshot.files if p.startswith(".github/workflows/"))
    return [Evidence(path=paths[0], start_line=1)] if paths else []


TARGETS = {"model_call": model_call, "main_module": main_module, "readme": readme, "workflow": workflow}
