"""The one atomic writer: whole or nothing, only over regular files, and no temporary files left behind."""

from __future__ import annotations

import fcntl
import os
import stat
import time
from pathlib import Path

import pytest

from curriculum.errors import UserError
from curriculum.files import TEMP_PREFIX, replacing, sweep_stale, write_atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def test_writes_a_new_file_private_and_replaces_one_keeping_its_mode(tmp_path):
    new = tmp_path / "new.md"
    write_atomic(new, "é\n")
    assert new.read_bytes() == "é\n".encode()
    assert stat.S_IMODE(new.stat().st_mode) == 0o600

    shared = tmp_path / "shared.md"
    shared.write_text("old")
    shared.chmod(0o644)
    write_atomic(shared, b"new")
    assert shared.read_text() == "new" and stat.S_IMODE(shared.stat().st_mode) == 0o644
    assert leftovers(tmp_path) == []


def test_a_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_refuses_what_is_not_a_regular_file_and_leaves_it_be(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link_to_pipe = tmp_path / "to-pipe"
    link_to_pipe.symlink_to(pipe)
    for target in (pipe, link_to_pipe):
        with pytest.raises(UserError, match="is not a regular file"):
            write_atomic(target, "x")
    assert stat.S_ISFIFO(pipe.stat().st_mode) and link_to_pipe.is_symlink()
    with pytest.raises(UserError, match="is a folder"):
        write_atomic(tmp_path, "x")
    with pytest.raises(UserError, match=r"folder .* does not exist"):
        write_atomic(tmp_path / "nowhere" / "x.md", "x")
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_dev_full_stays_a_device():
    with pytest.raises(UserError, match="/dev/full is not a regular file"):
        write_atomic(Path("/dev/full"), "x")
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_folder_that_takes_no_files_is_one_user_error():
    with pytest.raises(UserError, match=r"cannot write /proc/x\.json"):
        write_atomic(Path("/proc/x.json"), "x")


def test_a_failure_while_writing_leaves_the_target_as_it_was_and_no_temporary_file(tmp_path):
    target = tmp_path / "doc.md"
    target.write_text("before")
    with pytest.raises(KeyboardInterrupt), replacing(target) as temporary:
        temporary.write_text("half")
        raise KeyboardInterrupt
    assert target.read_text() == "before" and leftovers(tmp_path) == []


def test_stale_temporary_files_are_swept_live_and_fresh_ones_are_kept(tmp_path):
    old = time.time() - 3600
    stale = tmp_path / f"{TEMP_PREFIX}dead-x.db"
    stale.write_text("left by a killed backup")
    orphan_journal = tmp_path / f"{TEMP_PREFIX}gone-y.db-journal"
    orphan_journal.write_text("journal of a removed file")
    live = tmp_path / f"{TEMP_PREFIX}live-z.db"
    live.write_text("being written")
    fresh = tmp_path / f"{TEMP_PREFIX}fresh-w.db"
    fresh.write_text("just created, not locked yet")
    for path in (stale, orphan_journal, live):
        os.utime(path, (old, old))
    holder = os.open(live, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        removed = sweep_stale(tmp_path)
    finally:
        os.close(holder)
    assert sorted(p.name for p in removed) == sorted([stale.name, orphan_journal.name])
    assert live.exists() and fresh.exists()
