"""Facts of one JavaScript or TypeScript file, read with a real parser (tree-sitter through ast-grep).

The rules that pick imports, routes, tests and assertions are data (`content/grader/js_facts.yaml`); this module
only runs them and shapes the result like the Python facts, so probes read both the same way: imports, calls
with their option keys (`new OpenAI({ timeout: 20000 })` has the keyword `timeout`), routes, test functions.
"""

from __future__ import annotations

import posixpath
from functools import cache
from typing import Any

from curriculum.resources import content_dir
from curriculum.yaml_models import read_mapping

_LANGUAGE = {
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".tsx": "tsx",
    ".mts": "typescript",
    ".cts": "typescript",
}
_MAX_CALLS = 20_000


@cache
def rules() -> dict[str, Any]:
    # Plain mappings the rules below index by name; their shape is checked by the facts tests, not a model.
    return read_mapping(content_dir() / "grader" / "js_facts.yaml")


def _unquote(text: str) -> str:
    return text.strip()[1:-1] if len(text.strip()) >= 2 and text.strip()[0] in "'\"`" else text.strip()


def _value(node: Any) -> Any:
    text = node.text()
    kind = node.kind()
    if kind == "number":
        try:
            return float(text) if "." in text else int(text.replace("_", ""))
        except ValueError:
            return "<expr>"
    if kind in {"true", "false"}:
        return kind == "true"
    if kind == "string":
        return _unquote(text)[:200]
    return "<expr>"


def _keywords(arguments: Any) -> dict[str, Any]:
    """Keys of object literals passed as arguments: the JS spelling of keyword arguments."""
    found: dict[str, Any] = {}
    if arguments is None:
        return found
    for child in arguments.children():
        if child.kind() != "object":
            continue
        for pair in child.children():
            if pair.kind() == "pair":
                key, value = pair.field("key"), pair.field("value")
                if key is not None:
                    found[_unquote(key.text())] = _value(value) if value is not None else "<expr>"
            elif pair.kind() == "shorthand_property_identifier":
                found[pair.text()] = "<expr>"
    return found


def _first_string(arguments: Any) -> str | None:
    if arguments is None:
        return None
    for child in arguments.children():
        if child.kind() in {"string", "template_string"}:
            return _unquote(child.text())[:200]
    return None


def _line(node: Any) -> int:
    return int(node.range().start.line) + 1


def js_facts(path: str, text: str) -> dict[str, Any]:
    """Facts of one JS/TS text in the same shape as `python_facts`, plus routes."""
    from ast_grep_py import SgRoot

    language = _LANGUAGE.get(posixpath.splitext(path)[1].lower(), "typescript")
    root = SgRoot(text, language).root()
    table = rules()
    imports: list[list[Any]] = []
    for rule in table["imports"]:
        for match in root.find_all(rule):
            source = match.get_match("SRC") or match
            imports.append([_unquote(source.text()), _line(match)])
    calls: list[list[Any]] = []
    for kind, field in (("call_expression", "function"), ("new_expression", "constructor")):
        for match in root.find_all(kind=kind):
            callee = match.field(field)
            if callee is None:
                continue
            arguments = match.field("arguments")
            name = " ".join(callee.text().split())[:200]
            calls.append(
                [name, _line(match), _keywords(arguments), _first_string(arguments), int(match.range().end.line) + 1]
            )
            if len(calls) >= _MAX_CALLS:
                break
    routes = []
    for rule in table["routes"]:
        for match in root.find_all(rule):
            handlers = [h for h in match.get_multiple_matches("HANDLERS") if h.kind() != ","]
            method, route = match.get_match("METHOD"), match.get_match("PATH")
            if method is not None and route is not None:
                routes.append([method.text().upper(), _unquote(route.text()), _line(match), len(handlers)])
    exported = []
    for match in root.find_all(kind="export_statement"):
        declaration = match.field("declaration")
        if declaration is None:
            continue
        declarators = (
            [declaration]
            if declaration.kind().endswith("function_declaration")
            else [d for d in declaration.children() if d.kind() == "variable_declarator"]
        )
        for node in declarators:
            named = node.field("name")
            if named is not None:
                exported.append([named.text(), _line(node)])
    tests = [
        [_unquote(title.text())[:120], _line(m)]
        for r in table["tests"]
        for m in root.find_all(r)
        if (title := m.get_match("NAME")) is not None
    ]
    assertions = sum(len(root.find_all(r)) for r in table["assertions"])
    return {
        "imports": imports,
        "calls": calls,
        "routes": routes,
        "exports": exported,
        "tests": tests,
        "assertions": assertions,
    }
