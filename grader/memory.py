"""A snapshot built in memory from a dict of files, for testing probes one by one without git.

It reads each file through the same steps as a snapshot of a commit (skip rules, binary and LFS checks,
notebook code cells), so a probe sees exactly what it would see in a real grade of those files.
"""

from __future__ import annotations

import hashlib

from grader.context import Context
from grader.detect import Tables, load_tables
from grader.report import SkippedFile
from grader.snapshot import Snapshot, TreeEntry, _add_file, _skip_reason


def snapshot_from_files(files: dict[str, str | bytes], tables: Tables | None = None) -> Snapshot:
    rules = (tables or load_tables()).skip
    entries = {}
    for path, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        entries[path] = (TreeEntry(path=path, mode="100644", sha=hashlib.sha1(data).hexdigest()), data)
    snapshot = Snapshot(commit="0" * 40, entries={p: e for p, (e, _) in entries.items()}, files={})
    for path, (entry, data) in sorted(entries.items()):
        reason = _skip_reason(entry, rules)
        if reason is not None:
            snapshot.skipped.append(SkippedFile(path=path, reason=reason))
            continue
        _add_file(snapshot, entry, data)
    return snapshot


def context_from_files(files: dict[str, str | bytes], tables: Tables | None = None) -> Context:
    """The facts a probe reads, for these files only (no metrics, no history)."""
    tables = tables or load_tables()
    return Context(snapshot_from_files(files, tables), tables)
