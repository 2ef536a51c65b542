"""Today's view remembered between runs, so the learner's day is on screen before the database layer loads.

Opening the record costs more than drawing the app: SQLAlchemy and the curriculum's pydantic models take
longer to import than Textual itself. Today's view is a pure function of the record, the date, the content
and the code, so a view built once can be shown again, exactly, while none of those has changed:

- the record is fingerprinted by hashing the SQLite file and its write-ahead log. The committed state of a
  SQLite database is a function of those two files' bytes, so equal hashes mean an equal record; any write,
  by this app or a command line, changes them. A view is stored only when the fingerprint taken before it
  was built is still the one after, so a write racing the build is never cached.
- the key also holds the date, the learner asked for (`--learner`, PROOFWORK_LEARNER, config.toml), and the
  size and time stamp of every file of `content/`, `curriculum/` and `tracker/` (an edited plan, a new coach
  rule or an upgrade all miss).
PostgreSQL records, in-memory databases and files over `MAX_RECORD_BYTES` are never cached. A miss, a
corrupt entry or an unwritable cache folder only means the view is built from the record as usual.

Views are stored for today and the next day (`tracker.today.build_today` is cheap once loaded), so the first
open of a new day hits too when nothing was written overnight.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.today_view import TodayView, view_from_dict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.models import Learner

FORMAT = 1
MAX_RECORD_BYTES = 64 * 1024 * 1024  # hashing stays a few milliseconds; a bigger record just reads as usual
ENV_LEARNER = "PROOFWORK_LEARNER"
DAYS_AHEAD = 1  # tomorrow's view too: the first open of a new day hits when nothing changed overnight
_PACKAGES = ("curriculum", "tracker")


def record_file(url: str) -> Path | None:
    """The SQLite file behind a resolved URL, or None when the record is not a plain SQLite file."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    name = url[len(prefix) :]
    if name in ("", ":memory:"):
        return None
    return Path(name)


def fingerprint(database: Path) -> str | None:
    """A hash of the database file and its write-ahead log (None: missing, unreadable or too big)."""
    digest = hashlib.blake2b(digest_size=20)
    total = 0
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            with path.open("rb") as file:
                while block := file.read(1 << 20):
                    total += len(block)
                    if total > MAX_RECORD_BYTES:
                        return None
                    digest.update(block)
        except FileNotFoundError:
            if path == database:
                return None
            # No log and an empty log mean the same committed state: both hash as nothing.
        except OSError:
            return None
        digest.update(b"\0")  # where one file ends and the next begins
    return digest.hexdigest()


def code_stamp() -> str:
    """Size and modification time of every file the view is computed from: the code and `content/`."""
    from curriculum.resources import content_dir

    roots = [Path(__file__).resolve().parent.parent / name for name in _PACKAGES] + [content_dir()]
    digest = hashlib.blake2b(digest_size=20)
    for root in roots:
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(files):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def learner_key(handle: str | None) -> str:
    """Who the view is for: `--learner`, else PROOFWORK_LEARNER, else config.toml's learner (its stamp)."""
    if handle:
        return f"handle:{handle}"
    if os.environ.get(ENV_LEARNER):
        return f"env:{os.environ[ENV_LEARNER]}"
    from platformdirs import user_config_dir

    config = Path(user_config_dir("proofwork", appauthor=False)) / "config.toml"
    try:
        stat = config.stat()
    except OSError:
        return "only"
    return f"config:{stat.st_size}:{stat.st_mtime_ns}"


def cache_file(database: Path, handle: str | None) -> Path:
    from platformdirs import user_cache_dir

    name = hashlib.blake2b(f"{database.resolve()}\0{handle or ''}".encode(), digest_size=12).hexdigest()
    return Path(user_cache_dir("proofwork", appauthor=False)) / "today" / f"{name}.json"


class RecordState:
    """The fingerprint of a record taken before a view is built; `remember` checks it again after."""

    def __init__(self, url: str, handle: str | None) -> None:
        self.database = record_file(url)
        self.handle = handle
        self.fingerprint = fingerprint(self.database) if self.database else None

    def key(self) -> dict[str, str | int | None]:
        return {
            "format": FORMAT,
            "record": self.fingerprint,
            "code": code_stamp(),
            "learner": learner_key(self.handle),
        }


def recall(url: str, handle: str | None, day: date) -> TodayView | None:
    """Today's view for `day` as it was built from this very record, or None."""
    state = RecordState(url, handle)
    if state.database is None or state.fingerprint is None:
        return None
    try:
        entry = json.loads(cache_file(state.database, handle).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != state.key():
        return None
    view = (entry.get("views") or {}).get(day.isoformat())
    if view is None:
        return None
    try:
        return view_from_dict(view)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # written by another version of the view's shape: build it again


def remember(before: RecordState, views: Iterable[TodayView]) -> bool:
    """Store views built from the record `before` described, if it has not changed since. True if stored."""
    if before.database is None or before.fingerprint is None:
        return False
    if fingerprint(before.database) != before.fingerprint:
        return False  # written to while the view was built: the view may be of either state
    entry = {"key": before.key(), "views": {view.today.isoformat(): view.to_dict() for view in views}}
    path = cache_file(before.database, before.handle)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        # An unwritable cache folder costs speed, never the view: the next run builds it from the record.
        return False
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(entry, file)
        os.replace(temporary, path)  # atomic: a reader sees the old entry or the new one, never half
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    return True


def build_remembered(session: Session, learner: Learner, day: date, before: RecordState) -> TodayView:
    """Build today's view from the record, and remember it with tomorrow's for the next run."""
    from tracker.today import build_today

    views = [build_today(session, learner, day + timedelta(days=ahead)) for ahead in range(DAYS_AHEAD + 1)]
    remember(before, views)
    return views[0]
