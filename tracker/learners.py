"""The learner's profile: creating it, changing it, and finding whose record a command is about."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from tracker.inputs import slug
from tracker.models import Learner

ENV_LEARNER = "PROOFWORK_LEARNER"


@dataclass(frozen=True)
class ProfileInput:
    name: str
    target_role: str
    start_date: date
    weekly_hours: float
    current_role: str = ""
    handle: str | None = None


def create_profile(session: Session, profile: ProfileInput, *, force: bool = False) -> Learner:
    """Create a learner; with force, update the existing profile in place (the record is kept)."""
    if not profile.name.strip():
        raise UserError("--name must not be empty")
    if not 0 < profile.weekly_hours <= 100:
        raise UserError(f"--hours {profile.weekly_hours:g} is not a plausible weekly budget (1 to 100)")
    role = load_catalog().role(profile.target_role)
    handle = profile.handle or slug(profile.name)
    existing = session.scalar(select(Learner).where(Learner.handle == handle))
    if existing is None and profile.handle is None:
        others = session.scalars(select(Learner.handle)).all()
        if others and not force:
            raise UserError(
                f"a profile already exists ({', '.join(others)}); use --force to replace it, "
                "or --handle to add another learner to this database"
            )
        if len(others) == 1 and force:
            existing = session.scalar(select(Learner).where(Learner.handle == others[0]))
    if existing is not None and not force:
        raise UserError(f"a profile for {existing.name} ({existing.handle}) exists; use --force to replace it")
    learner = existing or Learner(handle=handle)
    learner.name = profile.name.strip()
    learner.current_role = profile.current_role.strip()
    learner.target_role = role.key
    learner.start_date = profile.start_date
    learner.weekly_hours = profile.weekly_hours
    session.add(learner)
    session.flush()
    return learner


def current_learner(session: Session, handle: str | None = None) -> Learner:
    """`--learner`, then PROOFWORK_LEARNER, then the only learner in the database."""
    wanted = handle or os.environ.get(ENV_LEARNER)
    if wanted:
        learner = session.scalar(select(Learner).where(Learner.handle == wanted))
        if learner is None:
            known = ", ".join(session.scalars(select(Learner.handle)).all()) or "none yet"
            raise UserError(f"no learner {wanted!r} in this database (learners: {known})")
        return learner
    learners = session.scalars(select(Learner).limit(2)).all()
    if not learners:
        raise UserError(
            'no profile yet: start with `proofwork init --name NAME --target-role "AI Engineer" '
            "--start YYYY-MM-DD --hours 10`"
        )
    if len(learners) > 1:
        handles = ", ".join(session.scalars(select(Learner.handle)).all())
        raise UserError(f"several learners share this database ({handles}); pick one with --learner")
    return learners[0]
