"""The learner's profile: creating it, changing it, and finding whose record a command is about.

Whose record: the learner setting, which is `--learner`, else PROOFWORK_LEARNER, else `learner = "..."` in
config.toml; with none of them, the only learner in the database. Every command goes through this, writes
included (`init --force`, `data import`), so on a shared database a setting that names ada never touches bob.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from curriculum.errors import UserError
from tracker.inputs import slug
from tracker.models import Learner
from tracker.rules import check_text_lengths, check_weekly_hours

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


def create_profile(
    session: Session, profile: ProfileInput, *, force: bool = False, named: str | None = None
) -> Learner:
    """Create a learner; with force, change the existing profile in place: only what is given (the record is kept).

    `named` is the `--learner` flag: when a learner setting names someone, the profile is theirs (it is
    created under their handle, or with force changed), never another learner's that the name happens to match.
    """
    setting = learner_setting(named)
    if setting and profile.handle and profile.handle != setting.handle:
        raise UserError(
            f"--handle {profile.handle} is not the learner {setting.source} names ({setting.handle}); "
            "drop --handle, or change the learner setting"
        )
    chosen = profile.handle or (setting.handle if setting else None)
    handle = chosen or (slug(profile.name) if profile.name else None)
    if handle is not None:
        check_text_lengths(Learner, {"handle": handle})  # before it is looked up: a long one is no learner
    existing = session.scalar(select(Learner).where(Learner.handle == handle)) if handle else None
    if existing is None and chosen is None:
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
        values["weekly_hours"] = check_weekly_hours(changes.weekly_hours, "--hours")
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
    # The column limits every write obeys (tracker.rules), checked here too so a refused edit names its field.
    check_text_lengths(Learner, values)
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


@dataclass(frozen=True)
class LearnerSetting:
    handle: str
    source: str  # what named it: --learner, PROOFWORK_LEARNER or the config file's path


def learner_setting(flag: str | None = None) -> LearnerSetting | None:
    """`--learner`, then PROOFWORK_LEARNER, then config.toml; None when nothing names a learner."""
    if flag:
        return LearnerSetting(flag, "--learner")
    if os.environ.get(ENV_LEARNER):
        return LearnerSetting(os.environ[ENV_LEARNER], ENV_LEARNER)
    configured = configured_learner()
    return LearnerSetting(configured, str(config_path())) if configured else None


def current_learner(session: Session, handle: str | None = None) -> Learner:
    """The learner the setting names (`handle` is the --learner flag), else the only learner in the database."""
    setting = learner_setting(handle)
    if setting:
        learner = session.scalar(select(Learner).where(Learner.handle == setting.handle))
        if learner is None:
            known = ", ".join(session.scalars(select(Learner.handle)).all()) or "none yet"
            raise UserError(
                f"no learner {setting.handle!r} in this database (named by {setting.source}; learners: {known})"
            )
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
    """True when there is no profile to open: an empty database, or the named learner is not in it."""
    setting = learner_setting(handle)
    query = select(Learner.id)
    if setting:
        query = query.where(Learner.handle == setting.handle)
    return session.scalar(query.limit(1)) is None


@contextmanager
def open_record(url: str | None, handle: str | None, *, read_only: bool = False) -> Iterator[tuple[Session, Learner]]:
    """A session and the learner it is about (`handle`: the --learner flag); all of it commits, or none.

    For a write, the learner is found first in a short read-only transaction, and the write transaction
    starts at the command's first statement of its own: on SQLite that is when the write lock is taken, so a
    command's own checks (loading the curriculum, parsing) run before it, not while every other writer waits.
    """
    from tracker.db import open_session

    if read_only:
        with open_session(url, read_only=True) as session:
            yield session, current_learner(session, handle)
        return
    with open_session(url, read_only=True) as lookup:
        found = current_learner(lookup, handle)
    with open_session(url) as session:
        yield session, session.merge(found, load=False)
