"""Shell commands as CI runs them: split into single commands, wrappers peeled, and followed into the
Makefile target, package.json script, tox or nox session, hatch or just recipe, or shell script they call.

A command is what a shell would execute, not a line of text: `rm -rf .tox/` runs `rm`, not tox, and a comment
in a workflow runs nothing.
"""

from __future__ import annotations

import ast
import configparser
import json
import posixpath
import shlex
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from grader import textmatch
from grader.matching import compile_pattern
from grader.snapshot import RepoFile

MAX_DEPTH = 4
_WRAPPERS = {
    ("uv", "run"),
    ("poetry", "run"),
    ("pipenv", "run"),
    ("pdm", "run"),
    ("rye", "run"),
    ("pixi", "run"),
    ("pnpm", "exec"),
    ("pnpm", "dlx"),
    ("yarn", "dlx"),
    ("npm", "exec"),
    ("coverage", "run"),
}
_SINGLE_WRAPPERS = {"uvx", "npx", "bunx", "time", "sudo", "env", "exec", "xvfb-run", "timeout", "nohup", "command"}
_OPTIONS_WITH_VALUE = {
    "--with",
    "--python",
    "-p",
    "--extra",
    "--group",
    "--directory",
    "--project",
    "--package",
    "--env-file",
    "--frozen-lockfile",
    "--filter",
    "-C",
    "--prefix",
    "--cwd",
    "--only-group",
}


@dataclass(frozen=True)
class Command:
    """One command a pipeline runs: normalised text (`pytest tests -x`), where it is written, how CI got there."""

    text: str
    path: str
    line: int
    via: tuple[str, ...] = ()
    gating: bool = True  # runs on push or pull request (False: on a schedule only)

    @property
    def program(self) -> str:
        return self.text.split(" ", 1)[0] if self.text else ""


def _tokens(command: str) -> list[str]:
    try:
        return shlex.split(command, comments=True)
    except ValueError:
        return command.split()


def _split(separator: textmatch.Pattern, text: str) -> list[str]:
    parts, start = [], 0
    for match in separator.finditer(text):
        parts.append(text[start : match.start()])
        start = match.end()
    return [*parts, text[start:]]


def split_shell(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line offset, one command) for each simple command in a script block."""
    joined: list[tuple[int, str]] = []
    pending, start = "", 0
    for offset, raw in enumerate(text.splitlines()):
        line = raw.rstrip()
        if not pending:
            start = offset
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined.append((start, pending + line))
        pending = ""
    if pending:
        joined.append((start, pending))
    separators = compile_pattern(r"\s*(?:&&|\|\||;|\|)\s*")
    for offset, line in joined:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        for part in _split(separators, stripped):
            part = part.strip().lstrip("({").rstrip(")}").strip()
            if part and not part.startswith("#"):
                yield offset, part


def normalise(command: str) -> str:
    """The command with env assignments, `uv run`-style wrappers and `python -m` peeled off."""
    tokens = _tokens(command)
    changed = True
    while tokens and changed:
        changed = False
        while tokens and "=" in tokens[0] and not tokens[0].startswith(("-", "=")):  # FOO=bar cmd
            tokens, changed = tokens[1:], True
        if len(tokens) >= 2 and (tokens[0], tokens[1]) in _WRAPPERS:
            tokens, changed = tokens[2:], True
        elif tokens and tokens[0] in _SINGLE_WRAPPERS:
            tokens, changed = tokens[1:], True
        if changed:
            while tokens and tokens[0].startswith("-"):  # the wrapper's own options
                option = tokens.pop(0)
                if option in _OPTIONS_WITH_VALUE and tokens and "=" not in option:
                    tokens.pop(0)
            if tokens and tokens[0].isdigit():  # `timeout 60 cmd`
                tokens.pop(0)
        if len(tokens) >= 3 and posixpath.basename(tokens[0]).startswith("python") and tokens[1] == "-m":
            tokens, changed = tokens[2:], True
    return " ".join(tokens)


# -- where a command leads ---------------------------------------------------------------------------
Reader = Callable[[str], RepoFile | None]


def _makefile_targets(text: str) -> dict[str, tuple[int, list[tuple[int, str]]]]:
    """target -> (line, recipe lines with their 0-based line), prerequisites included as `make dep` lines."""
    targets: dict[str, tuple[int, list[tuple[int, str]]]] = {}
    current: list[list[tuple[int, str]]] = []
    rule = compile_pattern(r"^([A-Za-z0-9_.%/ -]+?)\s*::?(=?)\s*([^;#]*)")
    for number, raw in enumerate(text.splitlines()):
        if raw.startswith("\t") and current:
            line = raw.strip().lstrip("@-+").strip()
            for recipe in current:
                recipe.append((number, line))
            continue
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = rule.match(raw)
        if match and "=" not in match.group(1) and not match.group(2):  # `X := y` is a variable
            current = []
            for target in match.group(1).split():
                steps: list[tuple[int, str]] = [
                    (number, f"make {dep}") for dep in match.group(3).split() if not dep.startswith(("$", "."))
                ]
                targets[target] = (number, steps)
                current.append(steps)
        else:
            current = []
    return targets


def _package_scripts(text: str) -> dict[str, tuple[int, str]]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    scripts = data.get("scripts") if isinstance(data, dict) else None
    if not isinstance(scripts, dict):
        return {}
    lines = text.splitlines()
    found = {}
    for name, body in scripts.items():
        if isinstance(body, str):
            at = next((i for i, line in enumerate(lines) if f'"{name}"' in line and ":" in line), 0)
            found[name] = (at, body)
    return found


def _tox_envs(text: str) -> dict[str, tuple[int, str]]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return {}
    lines = text.splitlines()
    envs = {}
    for section in parser.sections():
        if section == "testenv" or section.startswith("testenv:"):
            commands = parser.get(section, "commands", fallback="")
            name = section.partition(":")[2] or "*"
            at = next((i for i, line in enumerate(lines) if line.strip() == f"[{section}]"), 0)
            envs[name] = (at, commands)
    return envs


def _nox_sessions(text: str) -> dict[str, tuple[int, list[tuple[int, str]]]]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return {}
    sessions = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.decorator_list:
            runs = []
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr in {"run", "run_always", "run_install"}
                ):
                    words = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    if words:
                        runs.append((call.lineno - 1, " ".join(words)))
            sessions[node.name] = (node.lineno - 1, runs)
    return sessions


def _hatch_scripts(text: str) -> dict[str, tuple[int, list[str]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}
    envs = data.get("tool", {}).get("hatch", {}).get("envs", {})
    found: dict[str, tuple[int, list[str]]] = {}
    lines = text.splitlines()
    for env, spec in envs.items() if isinstance(envs, dict) else ():
        scripts = spec.get("scripts", {}) if isinstance(spec, dict) else {}
        for name, body in scripts.items() if isinstance(scripts, dict) else ():
            at = next((i for i, line in enumerate(lines) if line.strip().startswith(f"{name}")), 0)
            bodies = [body] if isinstance(body, str) else [b for b in body if isinstance(b, str)]
            found[f"{env}:{name}"] = (at, bodies)
            found.setdefault(name, (at, bodies))
    return found


def _just_recipes(text: str) -> dict[str, tuple[int, list[tuple[int, str]]]]:
    recipes: dict[str, tuple[int, list[tuple[int, str]]]] = {}
    current: list[tuple[int, str]] | None = None
    head = compile_pattern(r"^@?([A-Za-z0-9_-]+)(?:\s+[^:]*)?:(.?)")
    for number, raw in enumerate(text.splitlines()):
        if raw[:1].isspace() and current is not None:
            if raw.strip():
                current.append((number, raw.strip().lstrip("@-").strip()))
            continue
        match = head.match(raw)
        current = None
        if match and match.group(2) != "=":  # `name := value` is an assignment
            current = []
            recipes[match.group(1)] = (number, current)
    return recipes


class Follower:
    """Expands commands into what they run, reading the repository's own task files."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def _in(self, folder: str, name: str) -> RepoFile | None:
        for candidate in ([posixpath.join(folder, name)] if folder else []) + [name]:
            found = self.read(posixpath.normpath(candidate))
            if found is not None:
                return found
        return None

    def expand(self, command: Command, folder: str = "", depth: int = 0) -> Iterator[Command]:
        """The command itself and everything it leads to (depth-limited, no cycles)."""
        yield command
        if depth >= MAX_DEPTH:
            return
        for nested in self._targets(command, folder):
            if nested.text and (nested.path, nested.line, nested.text) != (command.path, command.line, command.text):
                yield from self.expand(nested, folder, depth + 1)

    def _child(self, parent: Command, file: RepoFile, line: int, text: str) -> Command | None:
        normal = normalise(text)
        if not normal:
            return None
        return Command(normal, file.path, line + 1, (*parent.via, f"{parent.path}:{parent.line}"), parent.gating)

    def _targets(self, command: Command, folder: str) -> Iterator[Command]:
        tokens = _tokens(command.text)
        if not tokens:
            return
        program, args = posixpath.basename(tokens[0]), tokens[1:]
        if program in {"make", "gmake", "$(MAKE)"}:
            yield from self._make(command, folder, args)
        elif program in {"npm", "pnpm", "yarn", "bun"}:
            yield from self._npm(command, folder, program, args)
        elif program == "tox":
            yield from self._tox(command, folder, args)
        elif program == "nox":
            yield from self._nox(command, folder, args)
        elif program == "hatch" and args[:1] == ["run"]:
            yield from self._hatch(command, folder, args[1:])
        elif program == "just":
            yield from self._just(command, folder, args)
        elif program in {"bash", "sh", "source", "."} or program.endswith(".sh"):
            script = tokens[0] if program.endswith(".sh") else next((a for a in args if not a.startswith("-")), "")
            yield from self._script(command, folder, script)

    def _make(self, command: Command, folder: str, args: list[str]) -> Iterator[Command]:
        directory = folder
        wanted = []
        skip = False
        for i, arg in enumerate(args):
            if skip:
                skip = False
                continue
            if arg == "-C" and i + 1 < len(args):
                directory, skip = posixpath.join(folder, args[i + 1]), True
            elif not arg.startswith("-") and "=" not in arg:
                wanted.append(arg)
        file = next((f for n in ("Makefile", "makefile", "GNUmakefile") if (f := self._in(directory, n))), None)
        if file is None:
            return
        targets = _makefile_targets(file.text)
        for target in wanted or list(targets)[:1]:
            if target in targets:
                for line, text in targets[target][1]:
                    child = self._child(command, file, line, text.replace("$(MAKE)", "make"))
                    if child:
                        yield child

    def _npm(self, command: Command, folder: str, program: str, args: list[str]) -> Iterator[Command]:
        words, skip = [], False
        for arg in args:
            if skip:
                skip = False
            elif arg in _OPTIONS_WITH_VALUE or arg in {"-F", "-w", "--workspace"}:
                skip = True
            elif not arg.startswith("-"):
                words.append(arg)
        if not words:
            return
        name = words[1] if words[0] in {"run", "run-script"} and len(words) > 1 else words[0]
        if words[0] in {"install", "ci", "add", "i"}:
            return
        if words[0] == "t":
            name = "test"
        file = self._in(folder, "package.json")
        if file is None:
            return
        scripts = _package_scripts(file.text)
        for key in (name, f"pre{name}"):
            if key in scripts:
                line, body = scripts[key]
                for _, part in split_shell(body):
                    child = self._child(command, file, line, part)
                    if child:
                        yield child

    def _tox(self, command: Command, folder: str, args: list[str]) -> Iterator[Command]:
        file = self._in(folder, "tox.ini")
        if file is None:
            return
        envs = _tox_envs(file.text)
        wanted = []
        for i, arg in enumerate(args):
            if arg == "-e" and i + 1 < len(args):
                wanted += args[i + 1].split(",")
            elif arg.startswith("-e") and len(arg) > 2:
                wanted += arg[2:].lstrip("=").split(",")
        for name in wanted or list(envs):
            line, body = envs.get(name) or envs.get("*") or (0, "")
            for _, part in split_shell(body):
                child = self._child(command, file, line, part)
                if child:
                    yield child

    def _nox(self, command: Command, folder: str, args: list[str]) -> Iterator[Command]:
        file = self._in(folder, "noxfile.py")
        if file is None:
            return
        sessions = _nox_sessions(file.text)
        wanted = [args[i + 1] for i, a in enumerate(args[:-1]) if a in {"-s", "--session", "--sessions"}]
        for name in wanted or list(sessions):
            for line, text in sessions.get(name.replace("-", "_"), (0, []))[1]:
                child = self._child(command, file, line, text)
                if child:
                    yield child

    def _hatch(self, command: Command, folder: str, args: list[str]) -> Iterator[Command]:
        file = self._in(folder, "pyproject.toml") or self._in(folder, "hatch.toml")
        if file is None or not args:
            return
        scripts = _hatch_scripts(file.text)
        if args[0] in scripts:
            line, bodies = scripts[args[0]]
            for body in bodies:
                child = self._child(command, file, line, body)
                if child:
                    yield child
        else:  # `hatch run pytest`: the rest is the command itself
            child = self._child(command, file, 0, " ".join(args))
            if child:
                yield Command(child.text, command.path, command.line, command.via, command.gating)

    def _just(self, command: Command, folder: str, args: list[str]) -> Iterator[Command]:
        file = self._in(folder, "justfile") or self._in(folder, "Justfile")
        if file is None:
            return
        recipes = _just_recipes(file.text)
        for name in [a for a in args if not a.startswith("-")][:1] or list(recipes)[:1]:
            for line, text in recipes.get(name, (0, []))[1]:
                child = self._child(command, file, line, text)
                if child:
                    yield child

    def _script(self, command: Command, folder: str, script: str) -> Iterator[Command]:
        if not script:
            return
        file = self._in(folder, script.removeprefix("./"))
        if file is None:
            return
        for offset, part in split_shell(file.text):
            child = self._child(command, file, offset, part)
            if child:
                yield child
