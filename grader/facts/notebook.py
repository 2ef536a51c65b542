"""Facts of a notebook's code cells: IPython magics and shell escapes are blanked, a cell that does not parse
is dropped on its own, and everything else is read like a Python file. Outputs are never code (the snapshot
keeps only code cells), so a printed score cannot pass for a metric computed in code.
"""

from __future__ import annotations

import ast
from typing import Any

from grader.facts.python import facts_of_tree

_MAGIC = ("%", "!", "?")
_MAX_REPAIRS = 25


def _neutralised(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        stripped = line.lstrip()
        # `!pip install x`, `%matplotlib inline`, `%%time`; `x = !ls` too. Blank keeps line numbers in place.
        shell = "= !" in line or "=!" in line
        if stripped.startswith(_MAGIC) or (stripped.endswith("?") and not stripped.startswith("#")) or shell:
            out.append("")
        else:
            out.append(line)
    return out


def _drop_block(lines: list[str], line: int) -> None:
    """Blank the top-level block holding the 1-based `line`: from the statement that opens it to the next
    unindented line, which is as much of one cell as can be lost without touching its neighbours."""
    index = max(0, min(line - 1, len(lines) - 1))
    start = index
    while start > 0 and (not lines[start].strip() or lines[start][:1].isspace()):
        start -= 1
    end = index + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][:1].isspace()):
        end += 1
    for i in range(start, end):
        lines[i] = ""


def notebook_facts(text: str) -> dict[str, Any]:
    lines = _neutralised(text.split("\n"))
    dropped = 0
    for _ in range(_MAX_REPAIRS):
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError as error:
            _drop_block(lines, error.lineno or 1)
            dropped += 1
            continue
        except (ValueError, RecursionError, MemoryError) as error:
            return {"error": f"{type(error).__name__}: {error}"}
        facts = facts_of_tree(tree)
        facts["dropped_blocks"] = dropped
        return facts
    return {"error": f"more than {_MAX_REPAIRS} blocks of the notebook do not parse"}
