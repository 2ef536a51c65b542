"""proofwork's settings, in one place: `config.toml`, the environment, and what the app remembers.

- `config.toml`, in the platform's config folder (`~/.config/proofwork/config.toml` on Linux): the learner a
  cohort member works as (`learner = "ada"`), and the `[claude]` and `[review]` tables the review reads
  (grader/review/config.py documents them; `config_table` below reads them).
- The environment: PROOFWORK_DB_URL and PROOFWORK_LEARNER (named below); the grader reads its own:
  PROOFWORK_MODEL, PROOFWORK_FALLBACK_MODEL, PROOFWORK_CLAUDE_TIMEOUT, PROOFWORK_REVIEW_TOKENS,
  ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN and ANTHROPIC_BASE_URL (grader/claude/settings.py,
  grader/review/config.py), PROOFWORK_CACHE_DIR and PROOFWORK_GRADER_HOSTS (grader/settings.py).
- `tui.json`, beside `config.toml`: what the app remembers for the person at this terminal (the theme). It is
  not the learner's record, which may be a database shared by a cohort.

Precedence everywhere: a command-line flag, then the environment, then `config.toml`, then the default.
Plain dataclasses, tomllib and json, not pydantic-settings: the app reads the remembered theme and the learner
setting before its first frame, on a path that imports no pydantic (the remembered Today view), and
`import pydantic` alone measures about 55 ms, a third of `import textual.app` (147 ms, `python -X importtime`);
pydantic-settings adds python-dotenv on top. The rules are three precedence lines, not worth that.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from curriculum.errors import UserError
from curriculum.files import write_atomic

APP_NAME = "proofwork"

ENV_DB_URL = "PROOFWORK_DB_URL"  # the record: a SQLite file path or a SQLAlchemy URL (`--db` wins)
ENV_LEARNER = "PROOFWORK_LEARNER"  # whose record, in a shared database (`--learner` wins)

DEFAULT_THEME = "textual-dark"


def config_folder() -> Path:
    from platformdirs import user_config_dir  # small, but only the paths that need a folder pay for it

    return Path(user_config_dir(APP_NAME, appauthor=False))


def cache_folder() -> Path:
    """The platform's cache folder for proofwork (remembered views, bytecode, review answers)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def data_folder() -> Path:
    """The platform's data folder: where the record lives by default."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    return config_folder() / "config.toml"


# -- config.toml ------------------------------------------------------------------------------------------


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed config file; {} when there is none. A file that cannot be read or parsed is one line."""
    path = path or config_path()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UserError(f"cannot read {path}: {error}") from None


def config_table(config: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The `[name]` table of a parsed config file; {} when it is absent, one line when it is not a table."""
    table = config.get(name) or {}
    if not isinstance(table, dict):
        raise UserError(f"{config_path()}: [{name}] must be a table")
    return table


def configured_learner(config: Mapping[str, Any] | None = None) -> str | None:
    """`learner = "HANDLE"` in config.toml: a cohort member sets it once instead of passing --learner."""
    value = (read_config() if config is None else config).get("learner")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise UserError(f'{config_path()}: learner must be a handle in quotes, e.g. learner = "ada"')
    return value.strip()


@dataclass(frozen=True)
class LearnerSetting:
    handle: str
    source: str  # what named it: --learner, PROOFWORK_LEARNER or the config file's path


def learner_setting(flag: str | None = None) -> LearnerSetting | None:
    """`--learner`, then PROOFWORK_LEARNER, then config.toml; None when nothing names a learner."""
    if flag:
        return LearnerSetting(flag, "--learner")
    if os.environ.get(ENV_LEARNER):
        return LearnerSetting(os.environ[ENV_LEARNER], ENV_LEARNER)
    configured = configured_learner()
    return LearnerSetting(configured, str(config_path())) if configured else None


# -- what the app remembers -------------------------------------------------------------------------------


@dataclass
class Remembered:
    """The app's preferences for the person at this terminal."""

    theme: str = DEFAULT_THEME


def remembered_path() -> Path:
    return config_folder() / "tui.json"


def load_remembered(path: Path | None = None) -> Remembered:
    """What the app remembered; a missing or unreadable file means the defaults, never a refusal to start."""
    path = path or remembered_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Remembered()
    theme = data.get("theme") if isinstance(data, dict) else None
    return Remembered(theme=theme if isinstance(theme, str) and theme else DEFAULT_THEME)


def save_remembered(remembered: Remembered, path: Path | None = None) -> None:
    """Written whole or not at all; raises UserError when the folder cannot be written."""
    path = path or remembered_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    write_atomic(path, json.dumps(asdict(remembered), indent=2) + "\n", durable=False)
