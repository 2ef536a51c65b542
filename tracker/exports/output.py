"""Where exports go: checked before anything is rendered, written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from curriculum.errors import UserError


def check_output_file(path: Path, option: str = "-o") -> Path:
    """A file path whose folder exists and which is not itself a folder."""
    if path.is_dir():
        raise UserError(f"{option} {path} is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{option} {path}: folder {folder} does not exist")
    return path


def check_output_dir(path: Path, option: str = "--out") -> Path:
    """A folder that exists, or can be made because its parent exists."""
    if path.exists() and not path.is_dir():
        raise UserError(f"{option} {path} is a file; give a folder")
    if not path.exists() and not path.parent.is_dir():
        raise UserError(f"{option} {path}: folder {path.parent} does not exist")
    return path


def write_text(path: Path, text: str) -> None:
    """Atomic: a reader (or a crash) never sees half a document."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Atomic, as `write_text`, for binary documents (the PDF resume)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
