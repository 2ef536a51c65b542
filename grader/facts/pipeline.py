"""What CI actually runs, read from workflow files parsed as YAML (comments are gone with the parse).

Only jobs of workflows triggered by push, pull request or schedule count; a reusable workflow counts when a
counted one calls it. Each `run:` step is split into commands and followed into the task files it calls, and
each `uses:` step becomes a command `uses:<action>`, so tables match actions and commands the same way.
Other CI systems (GitLab, CircleCI, Azure, Travis, Bitbucket, Drone, Woodpecker, Buildkite) run on every push:
their script lists are read the same way.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import yaml

from grader.facts.commands import Command, Follower, normalise, split_shell
from grader.snapshot import RepoFile, matches_any

if TYPE_CHECKING:
    from grader.context import Context

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
GATING = frozenset({"push", "pull_request", "pull_request_target", "merge_group", "merge_request"})
SCHEDULED = frozenset({"schedule"})
_SCRIPT_KEYS = frozenset(
    {
        "run",
        "script",
        "scripts",
        "before_script",
        "after_script",
        "commands",
        "command",
        "bash",
        "pwsh",
        "powershell",
        "sh",
        "install",
        "before_install",
        "test",
        "build",
    }
)


@dataclass
class Workflow:
    path: str
    triggers: list[str]
    gating: bool
    scheduled: bool
    jobs: int = 0
    matrix: bool = False
    commands: list[Command] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        return self.gating or self.scheduled


@dataclass
class Pipeline:
    workflows: list[Workflow]
    commands: list[Command]  # every command of counted workflows, followed into task files

    def gating_commands(self) -> list[Command]:
        return [c for c in self.commands if c.gating]

    @property
    def counted(self) -> list[Workflow]:
        return [w for w in self.workflows if w.counted]


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None


def _get(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and (
                k.value == key or (key == "on" and k.value in {"on", "true", "True"})
            ):
                return v
    return None


def _keys(node: yaml.Node | None) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.SequenceNode):
        return [n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
    if isinstance(node, yaml.MappingNode):
        return [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    return []


def _scalar_commands(node: yaml.ScalarNode, path: str, gating: bool) -> Iterator[Command]:
    base = node.start_mark.line + (1 if node.style in {"|", ">"} else 0)
    for offset, part in split_shell(node.value):
        text = normalise(part)
        if text:
            yield Command(text, path, base + offset + 1, (), gating)


def _strings(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _strings(item)
    elif isinstance(node, yaml.MappingNode):  # CircleCI `run: {command: ...}`
        inner = _get(node, "command")
        if inner is not None:
            yield from _strings(inner)


def _steps(job: yaml.Node, path: str, gating: bool) -> Iterator[tuple[Command, str]]:
    """(command, working directory) for each run and uses step of a GitHub Actions job."""
    folder_node = _get(_get(_get(job, "defaults") or job, "run") or job, "working-directory")
    job_folder = folder_node.value if isinstance(folder_node, yaml.ScalarNode) else ""
    steps = _get(job, "steps")
    for step in steps.value if isinstance(steps, yaml.SequenceNode) else []:
        uses = _get(step, "uses")
        if isinstance(uses, yaml.ScalarNode):
            action = uses.value.split("@", 1)[0]
            yield Command(f"uses:{action}", path, uses.start_mark.line + 1, (), gating), job_folder
        run = _get(step, "run")
        if isinstance(run, yaml.ScalarNode):
            folder = _get(step, "working-directory")
            where = folder.value if isinstance(folder, yaml.ScalarNode) else job_folder
            for command in _scalar_commands(run, path, gating):
                yield command, where
    called = _get(job, "uses")  # a job that calls a reusable workflow
    if isinstance(called, yaml.ScalarNode):
        yield Command(f"uses:{called.value.split('@', 1)[0]}", path, called.start_mark.line + 1, (), gating), ""


def _github(file: RepoFile) -> tuple[Workflow, list[tuple[Command, str]]]:
    root = _compose(file.text)
    triggers = _keys(_get(root, "on")) if root is not None else []
    workflow = Workflow(file.path, triggers, bool(GATING & set(triggers)), bool(SCHEDULED & set(triggers)))
    steps: list[tuple[Command, str]] = []
    jobs = _get(root, "jobs") if root is not None else None
    for _, job in jobs.value if isinstance(jobs, yaml.MappingNode) else []:
        workflow.jobs += 1
        strategy = _get(job, "strategy")
        if strategy is not None and _get(strategy, "matrix") is not None:
            workflow.matrix = True
        steps += list(_steps(job, file.path, workflow.gating))
    return workflow, steps


def _generic(file: RepoFile) -> tuple[Workflow, list[tuple[Command, str]]]:
    root = _compose(file.text)
    workflow = Workflow(file.path, ["push"], True, False)
    steps: list[tuple[Command, str]] = []

    def walk(node: yaml.Node | None) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value in _SCRIPT_KEYS:
                    for scalar in _strings(value):
                        steps.extend((c, "") for c in _scalar_commands(scalar, file.path, True))
                else:
                    walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(root)
    workflow.jobs = 1 if steps else 0
    return workflow, steps


def read_pipeline(ctx: Context) -> Pipeline:
    """Workflows and the commands they run; memoised for the grade."""
    if "pipeline" in ctx.memo:
        found: Pipeline = ctx.memo["pipeline"]
        return found
    globs: list[str] = ctx.tables.setting("ci", "files")
    files = [f for p, f in ctx.snapshot.files.items() if matches_any(p, globs)]
    follower = Follower(ctx.snapshot.files.get)
    parsed: dict[str, tuple[Workflow, list[tuple[Command, str]]]] = {}
    for file in files:
        if file.path.startswith(".github/workflows/"):
            parsed[file.path] = _github(file)
        elif file.kind in {"yaml"}:
            parsed[file.path] = _generic(file)
    # A reusable workflow (on: workflow_call) runs when a counted workflow calls it.
    for workflow, steps in list(parsed.values()):
        if not workflow.counted:
            continue
        for command, _ in steps:
            if command.text.startswith("uses:./.github/workflows/"):
                target = parsed.get(command.text.removeprefix("uses:./"))
                if target is not None and not target[0].counted:
                    target[0].gating, target[0].scheduled = workflow.gating, workflow.scheduled
                    steps_of = [(replace(c, gating=workflow.gating), f) for c, f in target[1]]
                    parsed[target[0].path] = (target[0], steps_of)
    commands: list[Command] = []
    for workflow, steps in parsed.values():
        if not workflow.counted:
            continue
        for command, folder in steps:
            expanded = list(follower.expand(command, folder))
            workflow.commands += expanded
            commands += expanded
    return ctx.memo.setdefault("pipeline", Pipeline([w for w, _ in parsed.values()], commands))


def command_files(pipeline: Pipeline) -> set[str]:
    """Files CI reads commands from (workflows and the task files it followed)."""
    return {c.path for c in pipeline.commands}


def script_targets(command: Command) -> list[str]:
    """Paths a command names as its arguments (`pytest tests/evals`, `python scripts/eval.py`)."""
    return [posixpath.normpath(t) for t in command.text.split()[1:] if "/" in t or t.endswith((".py", ".ts", ".js"))]
