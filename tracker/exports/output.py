"""Where exports go: checked before anything is rendered, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from curriculum.errors import UserError
from curriculum.files import writable_target, write_atomic


def check_output_file(path: Path, option: str = "-o") -> Path:
    """A new path or a regular file, in a folder that exists (not a folder, not a device)."""
    writable_target(path, option)
    return path


def check_output_dir(path: Path, option: str = "--out") -> Path:
    """A folder that exists, or can be made because its parent exists."""
    if path.exists() and not path.is_dir():
        raise UserError(f"{option} {path} is a file; give a folder")
    if not path.exists() and not path.parent.is_dir():
        raise UserError(f"{option} {path}: folder {path.parent} does not exist")
    return path


def write_text(path: Path, text: str) -> None:
    """Atomic: a reader (or a crash) never sees half a document; a device or folder is refused."""
    write_atomic(path, text)


def write_bytes(path: Path, data: bytes) -> None:
    """Atomic, as `write_text`, for binary documents (the PDF resume)."""
    write_atomic(path, data)
