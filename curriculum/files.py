"""Writing a file whole or not at all: the one way proofwork replaces a file on disk.

The data goes to a temporary file in the target's own folder (same file system, so the rename is atomic),
is flushed to disk, and is renamed over the target; the folder entry is flushed too. A reader, a crash or a
power cut sees the old file or the new one, never half of one. The target must be a new path or a regular
file (a symlink is followed to the file it names): a folder, a device such as /dev/full, a pipe or a socket
is refused, so writing never replaces something that is not a document.

A temporary file is locked (flock) for as long as its writer lives. One that nobody holds is left over from
a killed process, and the next write into that folder removes it, so killed backups do not pile up.
Everything that goes wrong on disk (no such folder, no permission, disk full, /proc) is one `UserError`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from curriculum.errors import UserError

TEMP_PREFIX = ".proofwork-tmp-"
# A temporary file is locked right after it is created; one this young may still be between the two steps.
_STALE_AFTER_S = 10.0
_SIDECARS = ("-journal", "-wal", "-shm")  # SQLite's files beside a database being written


def writable_target(path: Path, what: str = "") -> Path:
    """The file a write to `path` replaces (a symlink's target), checked: a new path or a regular file."""
    label = f"{what} {path}".strip()
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise UserError(f"cannot write {label}: {error.strerror or error}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UserError(f"{label} is a folder; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        raise UserError(f"{label} is not a regular file (a device, pipe or socket); give a file path")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{label if what else f'cannot write {path}'}: folder {folder} does not exist")
    return target


@contextmanager
def replacing(path: Path, what: str = "") -> Iterator[Path]:
    """A temporary path beside `path` for the caller to fill; renamed over `path` when the block ends cleanly.

    On any failure (an exception, Ctrl-C) the temporary file is removed and `path` is untouched.
    An existing target keeps its permissions; a new one is readable by its owner only, as the record is.
    """
    target = writable_target(path, what)
    label = f"{what} {path}".strip()
    sweep_stale(target.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=f"-{target.name[:80]}", dir=target.parent)
    except OSError as error:
        raise UserError(f"cannot write {label}: {error.strerror or error}") from None
    temporary = Path(name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # "in use": see sweep_stale
        yield temporary
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
        os.fsync(fd)  # the data, written through any descriptor, is on disk before the rename
        writable_target(path, what)  # still a file or nothing: never rename over a device made meanwhile
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(f"cannot write {label}: {error.strerror or error}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def write_atomic(path: Path, data: str | bytes, what: str = "") -> None:
    """Replace `path` with `data` (text is written as UTF-8), whole or not at all."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(path, what) as temporary, open(temporary, "wb") as stream:
        stream.write(payload)


def sweep_stale(folder: Path) -> list[Path]:
    """Remove temporary files left in `folder` by writers that were killed; returns what was removed."""
    removed: list[Path] = []
    try:
        names = [name for name in os.listdir(folder) if name.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    for name in names:
        candidate = folder / name
        base = next((name[: -len(end)] for end in _SIDECARS if name.endswith(end)), None)
        if base is not None:
            # A database's journal beside a temporary database (a backup being written) lives and dies with it.
            if not (folder / base).exists() and _old(candidate):
                candidate.unlink(missing_ok=True)
                removed.append(candidate)
            continue
        try:
            fd = os.open(candidate, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode) or time.time() - os.fstat(fd).st_mtime < _STALE_AFTER_S:
                continue
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live writer holds it
        else:
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
            for end in _SIDECARS:
                Path(f"{candidate}{end}").unlink(missing_ok=True)
        finally:
            os.close(fd)
    return removed


def _old(path: Path) -> bool:
    try:
        return time.time() - path.lstat().st_mtime >= _STALE_AFTER_S
    except OSError:
        return False


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk; some file systems refuse, which is fine.
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
