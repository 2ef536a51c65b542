"""Facts of one Python file read through `ast`: what it imports, calls, decorates, subclasses and asserts.

Comments and docstrings are never code here: only syntax nodes become facts. Names are qualified through the
file's own imports and simple assignments (`client = Client()` makes `client.evaluate` read as
`langsmith.Client().evaluate`), so a table can name an SDK call however the learner spelled it.

The result is plain JSON (lists and dicts), so it can be cached by blob like every other per-file fact.
"""

from __future__ import annotations

import ast
import hashlib
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

# Keyword values kept verbatim when they are constants (numbers, strings, booleans, None); anything else is
# recorded as present with the value "<expr>".
EXPR = "<expr>"
_MAX_CALLS = 20_000  # a generated file with more calls says nothing more
# Facts cached with a file's metrics (they are computed from the metrics' own parse) are used only when this
# module is the one that made them.
FACTS_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
_DATASET_MIN = 3
_DATASET_SAMPLE = 50


def _const(node: ast.AST | None) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int | float | bool | type(None)):
        return node.value if not isinstance(node.value, str) else node.value[:200]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        value = node.operand.value
        return -value if isinstance(value, int | float) and not isinstance(value, bool) else EXPR
    return EXPR


class _Names:
    """Dotted names qualified through imports and `name = Call()` assignments."""

    def __init__(self) -> None:
        self.alias: dict[str, str] = {}

    def dotted(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.alias.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call):
            base = self.dotted(node.func)
            return f"{base}()" if base else None
        if isinstance(node, ast.Subscript):
            return self.dotted(node.value)
        if isinstance(node, ast.Await):
            return self.dotted(node.value)
        return None


def _imports(nodes: list[ast.AST], names: _Names) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                rows.append([alias.name, node.lineno])
                names.alias[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            rows.append([node.module, node.lineno])
            for alias in node.names:
                if alias.name != "*":
                    full = f"{node.module}.{alias.name}"
                    rows.append([full, node.lineno])
                    names.alias[alias.asname or alias.name] = full
    return rows


def _record_assignments(nodes: list[ast.AST], names: _Names) -> None:
    """`x = Factory(...)` and `x = other.attr` bind x to what it was made from (first binding wins)."""
    for node in nodes:
        targets: list[ast.expr] = []
        value: ast.AST | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            targets, value = [node.optional_vars], node.context_expr
        if value is None or not isinstance(value, ast.Call | ast.Attribute | ast.Await):
            continue
        qualified = names.dotted(value)
        if not qualified:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and target.id not in names.alias:
                names.alias[target.id] = qualified
            elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                names.alias.setdefault(f"self.{target.attr}", qualified)


class _Self(_Names):
    """Resolves `self.client` through `self.client = ...` bindings as well."""

    def dotted(self, node: ast.AST) -> str | None:
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and f"self.{node.attr}" in self.alias
        ):
            return self.alias[f"self.{node.attr}"]
        return super().dotted(node)


def _first_string(call: ast.Call) -> str | None:
    for arg in call.args[:2]:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value[:200]
    return None


def _call_row(call: ast.Call, names: _Names) -> list[Any] | None:
    name = names.dotted(call.func)
    if not name:
        return None
    kwargs = {kw.arg: _const(kw.value) for kw in call.keywords if kw.arg}
    return [name, call.lineno, kwargs, _first_string(call), getattr(call, "end_lineno", call.lineno)]


def _decorator_row(node: ast.expr, names: _Names) -> list[Any] | None:
    if isinstance(node, ast.Call):
        name = names.dotted(node.func)
        return [name, node.lineno, _first_string(node), [kw.arg for kw in node.keywords if kw.arg]] if name else None
    name = names.dotted(node)
    return [name, node.lineno, None, []] if name else None


def _numeric(node: ast.AST) -> bool:
    value = _const(node)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _compared_names(test: ast.AST, names: _Names) -> list[str] | None:
    """Names compared with a number (`score >= 0.8`, `mean(r) < THRESHOLD`), or None for any other test."""
    for node in ast.walk(test):
        if isinstance(node, ast.Compare) and any(
            isinstance(op, ast.Gt | ast.GtE | ast.Lt | ast.LtE) for op in node.ops
        ):
            sides = [node.left, *node.comparators]
            if any(_numeric(s) or (isinstance(s, ast.Name) and s.id.isupper()) for s in sides):
                found = []
                for side in sides:
                    for sub in ast.walk(side):
                        if isinstance(sub, ast.Name | ast.Attribute):
                            dotted = names.dotted(sub)
                            if dotted:
                                found.append(dotted)
                        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                            found.append(sub.value[:60])
                return found
    return None


def _fails_run(body: list[ast.stmt], names: _Names) -> bool:
    """The branch stops the run: raise, sys.exit / exit, pytest.fail."""
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Raise):
                return True
            if isinstance(node, ast.Call):
                name = names.dotted(node.func) or ""
                if name in {"sys.exit", "exit", "quit", "pytest.fail", "os._exit"} or name.endswith(".fail"):
                    return True
    return False


def _gates(nodes: list[ast.AST], names: _Names) -> list[list[Any]]:
    """A number the run must reach or fail: `assert x >= 0.8`, or `if x < T: raise / sys.exit(1)`."""
    rows = []
    for node in nodes:
        if isinstance(node, ast.Assert):
            compared = _compared_names(node.test, names)
            if compared is not None:
                rows.append([node.lineno, compared])
        elif isinstance(node, ast.If):
            compared = _compared_names(node.test, names)
            if compared is not None and (_fails_run(node.body, names) or _fails_run(node.orelse, names)):
                rows.append([node.lineno, compared])
    return rows


def _keys_of(node: ast.AST) -> list[str] | None:
    """Keys of a record literal, with those of directly nested dicts ({"inputs": {"question": ...}})."""
    if isinstance(node, ast.Dict):
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        for value in node.values:
            if isinstance(value, ast.Dict):
                keys += [k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        return keys
    if isinstance(node, ast.Call) and node.keywords:  # Example(input=..., expected=...) / dict(input=...)
        return [kw.arg for kw in node.keywords if kw.arg]
    return None


def _datasets(nodes: list[ast.AST]) -> list[list[Any]]:
    """Lists of records written as Python literals: [name, line, records, keys of the records]."""
    rows = []
    for node in nodes:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.List | ast.Tuple):
            items = node.value.elts
            if len(items) < _DATASET_MIN:
                continue
            keys: set[str] = set()
            records = 0
            sample = items[:_DATASET_SAMPLE]  # the shape of a long list shows in its first records
            for item in sample:
                found = _keys_of(item)
                if found is None and isinstance(item, ast.Tuple) and item.elts:
                    found = [k for e in item.elts for k in (_keys_of(e) or [])]
                    records += bool(found) or all(isinstance(e, ast.Constant) for e in item.elts)
                else:
                    records += found is not None
                keys.update(found or [])
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            name = target.id if isinstance(target, ast.Name) else ""
            if records >= _DATASET_MIN:
                total = records if len(items) == len(sample) else round(records * len(items) / len(sample))
                rows.append([name, node.lineno, total, sorted(keys)[:30]])
    return rows


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef, names: _Names) -> list[list[Any]]:
    """[name, annotation, default] per parameter; Depends(verify) reads as `fastapi.Depends(verify)`."""
    args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    defaults: list[ast.expr | None] = [None] * (len(fn.args.posonlyargs) + len(fn.args.args) - len(fn.args.defaults))
    defaults += [*fn.args.defaults, *fn.args.kw_defaults]
    rows = []
    for arg, default in zip(args, defaults, strict=False):
        annotation = names.dotted(arg.annotation) if arg.annotation is not None else None
        inner = None
        for node in ast.walk(arg.annotation) if arg.annotation is not None else ():  # Annotated[X, Depends(f)]
            if isinstance(node, ast.Call):
                inner = node
                break
        if isinstance(default, ast.Call):
            inner = default
        elif isinstance(default, ast.Name):  # `_=auth_dependency`, a Depends(...) made elsewhere
            rows.append([arg.arg, annotation, default.id])
            continue
        made = None
        if inner is not None:
            made = names.dotted(inner.func)
            if made and inner.args:
                made += f"({names.dotted(inner.args[0]) or ''})"
        rows.append([arg.arg, annotation, made])
    return rows


def _checks(calls: list[list[Any]], asserts: list[ast.AST]) -> list[int]:
    """Sorted lines of every check: `assert` statements, assert*/expect calls, pytest.raises, fail()."""
    lines = [getattr(a, "lineno", 0) for a in asserts if isinstance(a, ast.Assert)]
    for name, line, *_ in calls:
        tail = name.rsplit(".", 1)[-1]
        if tail.startswith("assert") or name.endswith(("pytest.raises", "expect")) or tail == "fail":
            lines.append(line)
    return sorted(lines)


def _functions(nodes: list[ast.AST], names: _Names, checks: list[int], raises: list[int]) -> list[list[Any]]:
    """One row per function; its checks and raises are counted by line range (no second walk)."""
    rows = []
    for node in nodes:
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        end = getattr(node, "end_lineno", node.lineno)
        asserts = bisect_right(checks, end) - bisect_left(checks, node.lineno)
        raised = bisect_right(raises, end) - bisect_left(raises, node.lineno)
        decorators = [row for d in node.decorator_list if (row := _decorator_row(d, names))]
        rows.append(
            [
                node.name,
                node.lineno,
                getattr(node, "end_lineno", node.lineno),
                asserts,
                decorators,
                _params(node, names),
                raised,
            ]
        )
    return rows


def _classes(nodes: list[ast.AST], names: _Names) -> list[list[Any]]:
    rows = []
    for node in nodes:
        if isinstance(node, ast.ClassDef):
            bases = [b for b in (names.dotted(x) for x in node.bases) if b]
            fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
            rows.append([node.name, node.lineno, bases, fields[:40]])
    return rows


def python_facts(text: str) -> dict[str, Any]:
    """Facts of one Python source text; a file that does not parse yields only its error."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return {
            "error": f"{type(error).__name__}: {getattr(error, 'msg', error)}",
            "line": getattr(error, "lineno", None),
        }
    return facts_of_tree(tree)


_KINDS: dict[type, str] = {
    ast.Import: "import",
    ast.ImportFrom: "import",
    ast.Assign: "assign",
    ast.AnnAssign: "assign",
    ast.withitem: "assign",
    ast.Call: "call",
    ast.FunctionDef: "function",
    ast.AsyncFunctionDef: "function",
    ast.ClassDef: "class",
    ast.Assert: "gate",
    ast.If: "gate",
    ast.ExceptHandler: "handler",
    ast.Subscript: "subscript",
    ast.Raise: "raise",
    ast.Attribute: "attribute",
}


# Fields that never hold a node the facts read: names and flags (strings, numbers), and the leaf nodes of
# contexts and operators (`Load`, `Add`, `Eq`), which are a third of a tree's nodes and have no children.
_LEAF_FIELDS = frozenset(
    {"ctx", "op", "ops", "id", "attr", "arg", "module", "level", "is_async", "kind", "type_comment"}
)
_NODE_FIELDS: dict[type, tuple[str, ...]] = {}


def _walk(tree: ast.AST) -> list[ast.AST]:
    """Every node the facts read, in `ast.walk`'s order (breadth first, fields in order), without its generator
    per node and without the context and operator leaves: the walk is most of the facts' cost on a large file."""
    nodes = [tree]
    node_type = ast.AST
    fields_of = _NODE_FIELDS
    for node in nodes:  # the list grows while it is read: a queue without popping
        kind = type(node)
        fields = fields_of.get(kind)
        if fields is None:
            fields = fields_of[kind] = tuple(f for f in kind._fields if f not in _LEAF_FIELDS)
        for name in fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                nodes.extend(item for item in value if isinstance(item, node_type))
            elif isinstance(value, node_type):
                nodes.append(value)
    return nodes


def facts_of_tree(tree: ast.Module) -> dict[str, Any]:
    """One walk sorts the nodes by kind; each kind is then read once."""
    by_kind: dict[str, list[ast.AST]] = {k: [] for k in set(_KINDS.values())}
    for node in _walk(tree):
        kind = _KINDS.get(type(node))
        if kind is not None:
            by_kind[kind].append(node)
    names = _Self()
    imports = _imports(by_kind["import"], names)
    _record_assignments(by_kind["assign"], names)
    calls = []
    for node in by_kind["call"][:_MAX_CALLS]:
        assert isinstance(node, ast.Call)
        row = _call_row(node, names)
        if row is not None:
            calls.append(row)
    return {
        "imports": imports,
        "calls": calls,
        "functions": _functions(
            by_kind["function"],
            names,
            _checks(calls, by_kind["gate"]),
            sorted(getattr(n, "lineno", 0) for n in by_kind["raise"]),
        ),
        "classes": _classes(by_kind["class"], names),
        "gates": _gates(by_kind["gate"], names),
        "datasets": _datasets(by_kind["assign"]),
        "handlers": _handler_rows(by_kind["handler"], names),
        "attributes": _first_lines(by_kind["attribute"]),
        "env": [getattr(n, "lineno", 0) for n in by_kind["subscript"] if _is_environ(n, names)][:50],
    }


def _handler_rows(nodes: list[ast.AST], names: _Names) -> list[list[Any]]:
    """[line, caught exception names] per `except` clause; a bare `except:` catches ["*"]."""
    rows = []
    for node in nodes:
        assert isinstance(node, ast.ExceptHandler)
        kinds = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type] if node.type else []
        rows.append([node.lineno, [names.dotted(k) or "?" for k in kinds] or ["*"]])
    return rows


def _first_lines(nodes: list[ast.AST]) -> dict[str, int]:
    """Attribute names read anywhere in the file (`response.usage.total_tokens` gives usage, total_tokens)."""
    found: dict[str, int] = {}
    for node in nodes:
        assert isinstance(node, ast.Attribute)
        found.setdefault(node.attr, node.lineno)
    return found


def _is_environ(node: ast.AST, names: _Names) -> bool:
    """`os.environ["KEY"]`: configuration read from the environment without a call."""
    assert isinstance(node, ast.Subscript)
    return isinstance(node.value, ast.Attribute | ast.Name) and names.dotted(node.value) == "os.environ"
