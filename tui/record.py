"""How the TUI reaches the learner's record: open a short session, find the learner, run one tracker service.

Nothing here decides anything. Each job is a tracker function the command line calls too; the session is
opened and closed around it, so a command line can write to the same SQLite file while the app is open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.models import Learner

Result = TypeVar("Result")


@dataclass(frozen=True)
class RecordAccess:
    """The `--db` and `--learner` values the app was started with."""

    db_url: str | None = None
    handle: str | None = None

    def run(self, job: Callable[[Session, Learner], Result]) -> Result:
        """Run `job(session, learner)` in one transaction: committed if it returns, rolled back if not."""
        from tracker.db import open_session
        from tracker.learners import current_learner

        with open_session(self.db_url) as session:
            return job(session, current_learner(session, self.handle))

    def run_without_learner(self, job: Callable[[Session], Result]) -> Result:
        """For jobs that come before a profile exists (onboarding)."""
        from tracker.db import open_session

        with open_session(self.db_url) as session:
            return job(session)
