"""Delivery: steady commits over the last 90 days, from one `git log`.

The window ends at the graded commit (so a grade of a commit is reproducible), and a repository younger
than the window is judged on its own age: young single-author portfolios are not penalised for being young.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise

from grader.context import Context
from grader.history import Commit
from grader.probes.base import Result, graded, not_applicable, probe

DAY = 86_400


def _window(ctx: Context) -> tuple[list[Commit], float]:
    """Commits in the window, and the window's length in days (shorter for a young repository)."""
    assert ctx.history is not None
    commits = ctx.history.commits
    days: int = ctx.tables.setting("delivery", "window_days")
    end = max(c.timestamp for c in commits)  # clocks skew: the newest stamp, not the tip's, ends the window
    start = end - days * DAY
    first = min(c.timestamp for c in commits) if not ctx.history.truncated else start
    in_window = [c for c in commits if c.timestamp >= start]
    return in_window, max(1.0, min(days, (end - max(first, start)) / DAY + 1))


@probe(
    "delivery.commits",
    title="Commits in the last 90 days",
    why="Regular small commits show the work happened and make the history reviewable.",
    fix="Commit in small, described steps as you work, rather than in one upload at the end.",
    requires=("history",),
)
def commits(ctx: Context) -> Result:
    in_window, days = _window(ctx)
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
    in_window, days = _window(ctx)
    end = max(c.timestamp for c in in_window)
    weeks = max(1, math.ceil(days / 7))
    active = len({(end - c.timestamp) // (7 * DAY) for c in in_window})
    share = active / weeks
    full: float = ctx.tables.setting("delivery", "active_week_share_for_full_credit")
    return graded(f"active in {active} of {weeks} week(s)", min(1.0, share / full))


@probe(
    "delivery.cadence",
    title="Cadence (longest gap)",
    why="Long silences inside a project read as abandonment.",
    fix="Keep gaps between commits under two weeks while the project is live.",
    requires=("history",),
)
def cadence(ctx: Context) -> Result:
    in_window, days = _window(ctx)
    if len(in_window) < 2:
        if days < 14:
            return not_applicable("too young to show a cadence")
        return graded("one commit in the window: no cadence to see", 0.2)
    assert ctx.history is not None
    window_days: int = ctx.tables.setting("delivery", "window_days")
    first = min(c.timestamp for c in ctx.history.commits)
    # The window opens at the repository's first commit or 90 days back: silence before the first commit
    # inside the window counts as a gap too, or a weekend dump would look perfectly regular.
    stamps = sorted(c.timestamp for c in in_window)
    opened = max(first, stamps[-1] - window_days * DAY)
    gap = max(b - a for a, b in pairwise([opened, *stamps])) / DAY
    full, zero = (
        ctx.tables.setting("delivery", "longest_gap_days_full"),
        ctx.tables.setting("delivery", "longest_gap_days_zero"),
    )
    credit = 1.0 if gap <= full else max(0.0, (zero - gap) / (zero - full))
    return graded(f"longest gap between commits: {gap:.0f} day(s)", credit)


@probe(
    "delivery.messages",
    title="Descriptive commit messages",
    why="A history that says what changed and why is part of the proof of work.",
    fix="Write subjects that say what changed ('Add retrieval eval with 40 cases'), not 'update' or 'wip'.",
    requires=("history",),
)
def messages(ctx: Context) -> Result:
    in_window, _ = _window(ctx)
    weak = re.compile(ctx.tables.setting("delivery", "weak_messages"))
    poor = [c for c in in_window if len(c.subject.strip()) < 10 or weak.match(c.subject.strip())]
    share = 1 - len(poor) / len(in_window)
    examples = "; ".join(f"{c.sha[:7]} '{c.subject[:40]}'" for c in poor[:3])
    message = f"{len(in_window) - len(poor)} of {len(in_window)} subjects descriptive" + (
        f" (weak: {examples})" if poor else ""
    )
    return graded(message, min(1.0, share / 0.8))
