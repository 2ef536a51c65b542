"""The TUI's own preferences (the theme, for now), kept in a small JSON file under the user's config folder.

Not the learner's record: preferences belong to the person at this terminal, so they live beside the app, not
in the (possibly shared) database. A missing or unreadable file means defaults; it never stops the app.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_THEME = "textual-dark"


@dataclass
class Settings:
    theme: str = DEFAULT_THEME


def settings_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("proofwork", appauthor=False)) / "tui.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    theme = data.get("theme") if isinstance(data, dict) else None
    return Settings(theme=theme if isinstance(theme, str) and theme else DEFAULT_THEME)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (a temp file renamed over the old one), so a crash never leaves half a file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
