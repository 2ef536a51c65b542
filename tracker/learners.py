"""The learner's profile: creating it, changing it, and finding whose record a command is about."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from tracker.inputs import slug
from tracker.models import Learner

ENV_LEARNER = "PROOFWORK_LEARNER"


@dataclass(frozen=True)
class ProfileInput:
    """A profile as typed. None means "not given": a new profile takes the default, an existing one keeps its
    value, so `init --force --hours 6` changes the hours and nothing else (the start date above all)."""

    name: str | None = None
    target_role: str | None = None
    start_date: date | None = None
    weekly_hours: float | None = None
    current_role: str | None = None
    handle: str | None = None
    email: str | None = None
    location: str | None = None
    website: str | None = None
    github: str | None = None
    linkedin: str | None = None


def create_profile(session: Session, profile: ProfileInput, *, force: bool = False) -> Learner:
    """Create a learner; with force, change the existing profile in place: only what is given (the record is kept)."""
    handle = profile.handle or (slug(profile.name) if profile.name else None)
    existing = session.scalar(select(Learner).where(Learner.handle == handle)) if handle else None
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
    if existing is not None:
        update_profile(session, existing, profile)
        return existing
    if not (profile.name or "").strip() or not (profile.target_role or "").strip():
        raise UserError("a new profile needs a name and a target role (--name, --target-role)")
    learner = Learner(
        handle=handle or slug(profile.name or ""),
        start_date=profile.start_date or date.today(),
        weekly_hours=10,
        current_role="",
    )
    update_profile(session, learner, profile)
    session.add(learner)
    session.flush()
    return learner


def update_profile(session: Session, learner: Learner, changes: ProfileInput) -> list[str]:
    """Apply the fields given (not None), each checked first; returns the names of the fields that changed."""
    values = checked_profile(changes)
    # Every check ran before the first field changes: a refused edit leaves the profile as it was.
    changed = [field for field, value in values.items() if getattr(learner, field, None) != value]
    for field, value in values.items():
        setattr(learner, field, value)
    if learner.id is not None:
        session.flush()
    return changed


def checked_profile(changes: ProfileInput) -> dict[str, object]:
    """The given fields as they are stored (a GitHub handle as its URL...), or a UserError naming the first
    wrong one. The commands and `data import` both check a profile here."""
    from tracker import contact

    values: dict[str, object] = {}
    if changes.name is not None:
        if not changes.name.strip():
            raise UserError("the name must not be empty")
        values["name"] = changes.name.strip()
    if changes.target_role is not None:
        values["target_role"] = load_catalog().role(changes.target_role).key
    if changes.weekly_hours is not None:
        if not 0 < changes.weekly_hours <= 100:
            raise UserError(f"{changes.weekly_hours:g} hours a week is not a plausible budget (1 to 100)")
        values["weekly_hours"] = changes.weekly_hours
    if changes.start_date is not None:
        values["start_date"] = changes.start_date
    if changes.current_role is not None:
        values["current_role"] = contact.one_line(changes.current_role, "the current role", 200)
    checks = {
        "email": contact.parse_email,
        "location": contact.parse_location,
        "website": contact.parse_website,
        "github": contact.parse_github,
        "linkedin": contact.parse_linkedin,
    }
    for field, check in checks.items():
        given = getattr(changes, field)
        if given is not None:
            values[field] = check(given)
    return values


def profile_dict(learner: Learner) -> dict[str, object]:
    return {
        "handle": learner.handle,
        "name": learner.name,
        "current_role": learner.current_role,
        "target_role": learner.target_role,
        "start_date": learner.start_date.isoformat(),
        "weekly_hours": learner.weekly_hours,
        "email": learner.email,
        "location": learner.location,
        "website": learner.website,
        "github": learner.github,
        "linkedin": learner.linkedin,
    }


def config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("proofwork", appauthor=False)) / "config.toml"


def configured_learner() -> str | None:
    """`learner = "HANDLE"` in config.toml: a cohort member sets it once instead of passing --learner."""
    path = config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UserError(f"cannot read {path}: {error}") from None
    value = data.get("learner")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise UserError(f'{path}: learner must be a handle in quotes, e.g. learner = "ada"')
    return value.strip()


def current_learner(session: Session, handle: str | None = None) -> Learner:
    """`--learner`, then PROOFWORK_LEARNER, then config.toml, then the only learner in the database."""
    wanted, source = handle, "--learner"
    if not wanted and os.environ.get(ENV_LEARNER):
        wanted, source = os.environ[ENV_LEARNER], ENV_LEARNER
    if not wanted:
        wanted, source = configured_learner(), str(config_path())
    if wanted:
        learner = session.scalar(select(Learner).where(Learner.handle == wanted))
        if learner is None:
            known = ", ".join(session.scalars(select(Learner.handle)).all()) or "none yet"
            raise UserError(f"no learner {wanted!r} in this database (named by {source}; learners: {known})")
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


def needs_profile(session: Session, handle: str | None = None) -> bool:
    """True when there is no profile to open: an empty database, or the asked-for learner is not in it."""
    wanted = handle or os.environ.get(ENV_LEARNER)
    query = select(Learner.id)
    if wanted:
        query = query.where(Learner.handle == wanted)
    return session.scalar(query.limit(1)) is None
