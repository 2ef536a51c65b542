"""Another repository is never read: whatever inside the folder points outside it is refused with one line."""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import fast_import, one_line, plain_git

SECRET_NAME = "other_secret_plan.py"


def _other(tmp_path: Path) -> Path:
    """A repository elsewhere on the machine, which must never be graded in the target's name."""
    fast_import(tmp_path / "other", {SECRET_NAME: "PLAN = 'private'\n"})
    return tmp_path / "other"


def _refused(grade, folder: Path, *words: str) -> None:
    code, _, out, err = grade(folder)
    line = one_line(code, err)
    assert SECRET_NAME not in out
    for word in words:
        assert word in line, line


def test_git_file_pointing_at_another_repository(tmp_path, grade):
    other = _other(tmp_path)
    target = tmp_path / "target"
    target.mkdir()
    (target / ".git").write_text("gitdir: ../other/.git\n")
    _refused(grade, target, "outside this folder", str(other / ".git"))


def test_linked_worktree_is_refused(tmp_path, grade):
    other = _other(tmp_path)
    plain_git(other, "worktree", "add", "-q", str(tmp_path / "wt"))
    _refused(grade, tmp_path / "wt", "linked worktree")


def test_git_symlink_to_another_repository(tmp_path, grade):
    other = _other(tmp_path)
    target = tmp_path / "target"
    target.mkdir()
    (target / ".git").symlink_to(other / ".git")
    _refused(grade, target, "symlink", "outside this folder")


def test_commondir_outside(tmp_path, grade):
    other = _other(tmp_path)
    target = fast_import(tmp_path / "target", {"a.py": "x = 1\n"})
    (target / "commondir").write_text(str(other / ".git") + "\n")
    _refused(grade, tmp_path / "target", "commondir")


def test_objects_folder_symlinked_outside(tmp_path, grade):
    other = _other(tmp_path)
    git_dir = fast_import(tmp_path / "target", {"a.py": "x = 1\n"})
    os.rename(git_dir / "objects", tmp_path / "moved")
    (git_dir / "objects").symlink_to(other / ".git" / "objects")
    _refused(grade, tmp_path / "target", "objects folder")


def test_alternates_outside(tmp_path, grade):
    other = _other(tmp_path)
    git_dir = fast_import(tmp_path / "target", {"a.py": "x = 1\n"})
    (git_dir / "objects" / "info").mkdir(exist_ok=True)
    (git_dir / "objects" / "info" / "alternates").write_text(f"{other / '.git' / 'objects'}\n")
    _refused(grade, tmp_path / "target", "alternates")


def test_nested_alternates_outside(tmp_path, grade):
    """An alternate inside the folder that itself borrows from outside: git would follow the chain."""
    other = _other(tmp_path)
    git_dir = fast_import(tmp_path / "target", {"a.py": "x = 1\n"})
    inner = tmp_path / "target" / "vendor" / "objects"
    (inner / "info").mkdir(parents=True)
    (inner / "info" / "alternates").write_text(f"{other / '.git' / 'objects'}\n")
    (git_dir / "objects" / "info").mkdir(exist_ok=True)
    (git_dir / "objects" / "info" / "alternates").write_text("../../vendor/objects\n")
    _refused(grade, tmp_path / "target", "alternates")


def test_git_file_pointing_inside_is_graded(tmp_path, grade):
    target = tmp_path / "target"
    fast_import(target, {"a.py": "x = 1\n"})
    os.rename(target / ".git", target / ".real-git")
    (target / ".git").write_text("gitdir: .real-git\n")
    code, report, _, _ = grade(target)
    assert code == 0 and report["coverage"]["files_read"] == 1


def test_loose_ref_symlinked_outside_is_ignored(tmp_path, grade):
    """A ref file that is a symlink is never read (it could name any file on the machine)."""
    target = tmp_path / "target"
    git_dir = fast_import(target, {"a.py": "x = 1\n"})
    (git_dir / "refs" / "heads" / "leak").symlink_to("/etc/hostname")
    code, report, _, _ = grade(target)
    assert code == 0 and report["coverage"]["files_read"] == 1


def test_head_naming_a_bad_ref(tmp_path, grade):
    git_dir = fast_import(tmp_path / "target", {"a.py": "x = 1\n"})
    (git_dir / "HEAD").write_text("ref: refs/heads/../../../../etc/passwd\n")
    _refused(grade, tmp_path / "target", "not a valid branch name")


def test_damaged_head(tmp_path, grade):
    git_dir = fast_import(tmp_path / "target", {"a.py": "x = 1\n"})
    (git_dir / "HEAD").write_bytes(b"\xff\xfe garbage")
    _refused(grade, tmp_path / "target", "damaged")


def test_reftable_repository_is_one_line(tmp_path, grade):
    git_dir = fast_import(tmp_path / "target", {"a.py": "x = 1\n"})
    (git_dir / "reftable").mkdir()
    _refused(grade, tmp_path / "target", "reftable")
