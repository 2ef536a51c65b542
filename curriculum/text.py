"""Name matching shared by lookups and checks, so "AI Engineer", "ai engineer" and "ai-engineer" agree."""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """Lower-case words joined by hyphens: `Platform Engineer (AI)` -> `platform-engineer-ai`."""
    return _NON_ALNUM.sub("-", name.lower()).strip("-")
