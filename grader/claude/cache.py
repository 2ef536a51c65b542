"""On-disk cache of validated structured answers, keyed by (content hash, model, prompt version).

A hit sends nothing. Entries live under `platformdirs.user_cache_dir("proofwork")/claude/` (injectable), one
JSON file each, written atomically. A damaged or out-of-date entry is a miss (logged), never an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("proofwork")) / "claude"


def content_hash(payload: Any) -> str:
    """SHA-256 of a JSON-able payload in canonical form (sorted keys, no whitespace)."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class CachedAnswer(NamedTuple):
    parsed: BaseModel
    model: str
    created_at: str


class AnswerCache:
    """Validated answers on disk. `directory` defaults to the platform's user cache folder."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()

    @staticmethod
    def key(*, content_hash: str, model: str, prompt_version: str) -> str:
        return hashlib.sha256(f"{content_hash}\0{model}\0{prompt_version}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, output: type[T]) -> CachedAnswer | None:
        path = self._path(key)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable Claude cache entry %s: %s", path, exc)
            return None
        try:
            parsed = output.model_validate(record["parsed"])
            return CachedAnswer(parsed, str(record["model"]), str(record.get("created_at", "")))
        except (KeyError, TypeError, ValidationError) as exc:
            log.warning("ignoring Claude cache entry %s that no longer validates: %s", path, exc)
            return None

    def put(self, key: str, parsed: BaseModel, *, model: str) -> Path:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "model": model,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "parsed": parsed.model_dump(mode="json"),
        }
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(record, stream, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path
