"""A finding in full: the conclusion, its evidence (file, lines, snippet), why it matters, the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tracker.grades import StoredFinding


def finding_markdown(finding: StoredFinding) -> str:
    lines = [
        f"## {finding.get('title') or finding.get('probe')}",
        f"`{finding.get('probe', '')}` · {finding.get('dimension', '')} · **{finding.get('outcome', '')}**",
        "",
        str(finding.get("message") or ""),
    ]
    evidence = finding.get("evidence") or []
    if evidence:
        lines += ["", "### Evidence"]
        for item in evidence:
            start, end = item.get("start_line"), item.get("end_line")
            span = f":{start}" + (f"-{end}" if end and end != start else "") if start else ""
            lines.append(f"- `{item.get('path', '')}{span}`")
            snippet = str(item.get("snippet") or "").rstrip()
            if snippet:
                lines += ["", "```", snippet, "```", ""]
    else:
        lines += ["", "_No evidence: nothing matching was found in the repository._"]
    for title, text in (("Why it matters", finding.get("why")), ("How to fix it", finding.get("remediation"))):
        if text:
            lines += ["", f"### {title}", str(text)]
    if finding.get("doc_url"):
        lines += ["", f"More: {finding['doc_url']}"]
    return "\n".join(lines)


class FindingScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "app.pop_screen", "Close")]

    def __init__(self, finding: StoredFinding) -> None:
        super().__init__()
        self.finding = finding

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide-dialog") as box:
            box.border_title = "Finding · esc closes"
            yield Markdown(finding_markdown(self.finding))
        yield KeyBar()
