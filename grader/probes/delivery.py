"""Delivery: steady commits over the last 90 days, from one `git log`.

The window is the 90 days up to today (settings.now pins it), so a portfolio left untouched for months
shows it. A repository younger than the window is judged on its own age: young single-author portfolios
are not penalised for being young.
"""

from __future__ import annotations

import math
from itertools import pairwise

from grader import textmatch
from grader.context import Context
from grader.history import Commit
from grader.probes.base import Result, failed, graded, not_applicable, probe

DAY = 86_400


def _window(ctx: Context) -> tuple[list[Commit], float, float]:
    """Commits in the window, the window's length in days (shorter for a young repository), and its start."""
    assert ctx.history is not None
    commits = ctx.history.commits
    window: int = ctx.tables.setting("delivery", "window_days")
    start = ctx.now - window * DAY
    first = min(c.timestamp for c in commits) if not ctx.history.truncated else start
    opened = max(first, start)
    in_window = [c for c in commits if c.timestamp >= start]
    return in_window, max(1.0, min(window, (ctx.now - opened) / DAY + 1)), opened


def _last_commit_days(ctx: Context) -> float:
    assert ctx.history is not None
    return (ctx.now - max(c.timestamp for c in ctx.history.commits)) / DAY


@probe(
    "delivery.commits",
    title="Commits in the last 90 days",
    why="Regular small commits show the work happened and make the history reviewable.",
    fix="Commit in small, described steps as you work, rather than in one upload at the end.",
    requires=("history",),
)
def commits(ctx: Context) -> Result:
    in_window, days, _ = _window(ctx)
    if not in_window:
        return failed(f"no commits in the last 90 days (last commit {_last_commit_days(ctx):.0f} days ago)")
    full: int = ctx.tables.setting("delivery", "commits_for_full_credit")
    expected = max(3.0, full * days / ctx.tables.setting("delivery", "window_days"))
    return graded(f"{len(in_window)} commits over {days:.0f} day(s)", min(1.0, len(in_window) / expected))


@probe(
    "delivery.active_weeks",
    title="Active weeks",
    why="Work spread over weeks shows a sustained project rather than a weekend dump.",
    fix="Ship something every week; even a small commit keeps the thread visible.",
    requires=("history",),
)
def active_weeks(ctx: Context) -> Result:
    in_window, days, _ = _window(ctx)
    weeks = max(1, math.ceil(days / 7))
    active = len({max(0.0, ctx.now - c.timestamp) // (7 * DAY) for c in in_window})
    full: float = ctx.tables.setting("delivery", "active_week_share_for_full_credit")
    return graded(f"active in {active} of the last {weeks} week(s)", min(1.0, active / weeks / full))


@probe(
    "delivery.cadence",
    title="Cadence (longest gap)",
    why="Long silences inside a project read as abandonment.",
    fix="Keep gaps between commits under two weeks while the project is live.",
    requires=("history",),
)
def cadence(ctx: Context) -> Result:
    in_window, days, opened = _window(ctx)
    if len(in_window) < 2 and days < 14:
        return not_applicable("too young to show a cadence")
    # Silence before the first commit in the window and since the last one counts as a gap too,
    # or a weekend dump would look perfectly regular.
    stamps = sorted(c.timestamp for c in in_window)
    gap = max(b - a for a, b in pairwise([opened, *stamps, max([ctx.now, *stamps])])) / DAY
    full = ctx.tables.setting("delivery", "longest_gap_days_full")
    zero = ctx.tables.setting("delivery", "longest_gap_days_zero")
    credit = 1.0 if gap <= full else max(0.0, (zero - gap) / (zero - full))
    return graded(f"longest gap without a commit in the last {days:.0f} day(s): {gap:.0f} day(s)", credit)


@probe(
    "delivery.messages",
    title="Descriptive commit messages",
    why="A history that says what changed and why is part of the proof of work.",
    fix="Write subjects that say what changed ('Add retrieval eval with 40 cases'), not 'update' or 'wip'.",
    requires=("history",),
)
def messages(ctx: Context) -> Result:
    assert ctx.history is not None
    recent = ctx.history.commits[:30]  # message quality does not depend on the date
    weak = textmatch.compile(ctx.tables.setting("delivery", "weak_messages"))
    poor = [c for c in recent if len(c.subject.strip()) < 10 or weak.match(c.subject.strip())]
    share = 1 - len(poor) / len(recent)
    examples = "; ".join(f"{c.sha[:7]} '{c.subject[:40]}'" for c in poor[:3])
    message = f"{len(recent) - len(poor)} of the last {len(recent)} subjects descriptive"
    return graded(message + (f" (weak: {examples})" if poor else ""), min(1.0, share / 0.8))
