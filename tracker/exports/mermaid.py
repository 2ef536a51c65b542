"""The case study's architecture diagram, drawn from the decisions: one node per decision, in layer order.

The chain reads left to right from the people with the problem through each responsibility layer; a rejected
alternative hangs off its decision on a dotted edge, so the diagram shows the road not taken too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LABEL_LIMIT = 60


@dataclass(frozen=True)
class DiagramStep:
    layer_title: str
    decision: str
    rejected: str = ""


def mermaid_flowchart(users: str, steps: Sequence[DiagramStep]) -> str:
    lines = ["flowchart LR", f'    users(["{label(users or "Users")}"])']
    previous = "users"
    for index, step in enumerate(steps, start=1):
        node = f"d{index}"
        lines.append(f'    {node}["{label(step.layer_title)}: {label(step.decision)}"]')
        lines.append(f"    {previous} --> {node}")
        if step.rejected:
            lines.append(f'    r{index}["{label(step.rejected)}"]')
            lines.append(f"    {node} -. rejected .-> r{index}")
            lines.append(f"    class r{index} rejected")
        previous = node
    if any(step.rejected for step in steps):
        lines.append("    classDef rejected stroke-dasharray: 4 4")
    return "\n".join(lines)


def label(text: str, limit: int = LABEL_LIMIT) -> str:
    """One line, shortened, with the characters that end or break a Mermaid label written as entity codes."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;")):
        flat = flat.replace(char, code)
    return flat
