"""What an export hands back: the document's text and what the linter found in it.

The command line writes `text` to a file or stdout and lists `findings` on stderr; the TUI shows both.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Finding:
    """One thing a hiring manager would doubt: `code` is stable (tests, --json); `message` is for people."""

    code: str
    message: str
    section: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        where = f"[{self.section}] " if self.section else ""
        return f"{self.code}: {where}{self.message}"


@dataclass(frozen=True)
class Document:
    """A rendered export: `text` in `fmt` (Markdown, JSON or HTML) or `data` (PDF); `name` is the file
    `export all` writes."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    fmt: str = "md"
    name: str = ""
    notes: list[str] = field(default_factory=list)  # one line each, e.g. "polish skipped: ..."
    polish_diff: str = ""  # a rejected polish: what it would have changed
    data: bytes = b""  # a binary document (the PDF resume); `text` is then empty

    @property
    def binary(self) -> bool:
        return bool(self.data)

    @property
    def markdown(self) -> str:
        """The document's text (Markdown for case studies, retros and `md` resumes)."""
        return self.text
