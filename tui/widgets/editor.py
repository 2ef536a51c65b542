"""Long text in the learner's own editor: `$VISUAL` or `$EDITOR` (vi when neither is set), via suspend."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported


def editor_command() -> list[str]:
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def edit_text(app: App[object], text: str, *, suffix: str = ".md") -> str | None:
    """The text after the editor closes, or None when no editor could run (then the app says why)."""
    handle, name = tempfile.mkstemp(prefix="proofwork-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            with app.suspend():
                completed = subprocess.run([*editor_command(), str(path)], check=False)
        except SuspendNotSupported:
            app.notify("The editor needs a real terminal; type the text here instead.", severity="warning")
            return None
        except FileNotFoundError:
            app.notify(f"editor {editor_command()[0]!r} not found: set $EDITOR", severity="error")
            return None
        if completed.returncode != 0:
            app.notify(f"the editor exited with code {completed.returncode}; text unchanged", severity="warning")
            return None
        return path.read_text(encoding="utf-8").rstrip("\n")
    finally:
        path.unlink(missing_ok=True)
