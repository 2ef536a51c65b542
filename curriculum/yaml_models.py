"""Loading a YAML file into a pydantic model, with one error format for every loader.

Every failure is one `UserError` line naming the file and the field, as a person editing the YAML needs it:
`content/plan.yaml: weeks[2].tasks[0].key: field required`, `content/layers.yaml: invalid YAML at line 3,
column 7: ...`. Only the first problem is reported: fixing a file one error at a time is the usual editing loop,
and a wall of follow-on errors hides the cause. The content catalog, the drill bank and the grader's own
data files (detection tables, rubric, review criteria, prices, secret rules, question templates, the drill-scoring
catalogues) load through here; a graded repository's YAML does not (grader/context.py and grader/facts/ read it
under their own limits).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from curriculum.errors import UserError

# The C loader parses YAML several times faster than the pure-Python one; fall back when libyaml is absent.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Model = TypeVar("Model", bound=BaseModel)


def file_error(shown: str, field: str | None, message: str) -> UserError:
    """One line: `<file>: <field>: <message>`, or `<file>: <message>` for the file as a whole."""
    return UserError(f"{shown}: {field}: {message}" if field else f"{shown}: {message}")


def field_path(loc: Sequence[int | str]) -> str:
    """Turn a pydantic error location into the dotted form a person reads: `weeks[2].tasks[0].key`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def first_problem(error: ValidationError) -> tuple[str | None, str]:
    """(field, message) of the first problem, the message in lower case as it reads after a colon."""
    first = error.errors(include_url=False)[0]
    message = first["msg"].splitlines()[0] if first["msg"] else "invalid value"
    message = message.removeprefix("Value error, ")
    return field_path(first["loc"]) or None, message[:1].lower() + message[1:]


def read_mapping(path: Path, shown: str | None = None) -> dict[str, Any]:
    """Parse a YAML file whose top level must be a mapping. `shown` names the file in messages (default: path)."""
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise file_error(shown, None, "file missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise file_error(shown, None, f"unreadable ({error})") from None
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "could not parse"
        place = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise file_error(shown, None, f"invalid YAML{place}: {problem}") from None
    if not isinstance(data, dict):
        raise file_error(shown, None, "expected a mapping of keys at the top level")
    return data


def validate(model: type[Model], data: Mapping[str, Any], shown: str) -> Model:
    """Validate parsed YAML against `model`, reporting the first error as one line naming file and field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise file_error(shown, *first_problem(error)) from None


def load_model(
    path: Path,
    model: type[Model],
    shown: str | None = None,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Model:
    """Read `path` into `model`; `prepare` may complete the parsed mapping first (e.g. add what the file implies)."""
    data = read_mapping(path, shown)
    return validate(model, prepare(data) if prepare else data, shown or str(path))
