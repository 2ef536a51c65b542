"""The story bank: interview stories in the six-part shape, linked to the proof behind them.

The playbook's target is twelve stories; the coverage matrix shows which interview themes have none
and which stories have no project or artifact behind them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.drills import load_bank
from curriculum.errors import UserError
from tracker.models import Artifact, Learner, Story
from tracker.projects import find_project
from tracker.rules import is_record_id

STORY_TARGET = 12
PARTS = ("problem", "constraints", "design", "metrics", "failure", "iteration")


@dataclass
class StoryInput:
    title: str
    problem: str = ""
    constraints: str = ""
    design: str = ""
    metrics: str = ""
    failure: str = ""
    iteration: str = ""
    themes: list[str] = field(default_factory=list)
    project: str | None = None
    artifact_id: int | None = None


def _checked_themes(themes: list[str]) -> list[str]:
    bank = load_bank()
    for theme in themes:
        bank.theme(theme)
    return list(dict.fromkeys(themes))


def add_story(session: Session, learner: Learner, entry: StoryInput) -> Story:
    if not entry.title.strip():
        raise UserError("--title must not be empty")
    story = Story(learner_id=learner.id, title=entry.title.strip())
    _apply(session, learner, story, entry)
    session.add(story)
    session.flush()
    return story


def edit_story(
    session: Session, learner: Learner, story_id: int, entry: StoryInput, *, keep_blank: bool = True
) -> Story:
    """Change a story. `keep_blank` (the command line): parts not given stay; a form that shows every part
    passes False, so a part emptied there is emptied, and no project or artifact means none."""
    story = session.get(Story, story_id) if is_record_id(story_id) else None
    if story is None or story.learner_id != learner.id:
        raise UserError(f"no story #{story_id}; `proofwork story list` shows them")
    if entry.title.strip():
        story.title = entry.title.strip()
    elif not keep_blank:
        raise UserError("--title must not be empty")
    _apply(session, learner, story, entry, keep_blank=keep_blank)
    session.flush()
    return story


def _apply(session: Session, learner: Learner, story: Story, entry: StoryInput, keep_blank: bool = False) -> None:
    for part in PARTS:
        value = getattr(entry, part).strip()
        if value or not keep_blank:
            setattr(story, part, value)
    if entry.themes or not keep_blank:
        story.themes = _checked_themes(entry.themes)
    if entry.project:
        project = find_project(session, learner, entry.project)
        story.project_id = project.id if project else None
    elif not keep_blank:
        story.project_id = None
    if entry.artifact_id is None and not keep_blank:
        story.artifact_id = None
    if entry.artifact_id is not None:
        artifact = session.get(Artifact, entry.artifact_id) if is_record_id(entry.artifact_id) else None
        if artifact is None or artifact.learner_id != learner.id:
            raise UserError(f"no artifact #{entry.artifact_id}; `proofwork artifact list` shows them")
        story.artifact_id = artifact.id


def list_stories(session: Session, learner: Learner) -> list[Story]:
    return list(session.scalars(select(Story).where(Story.learner_id == learner.id).order_by(Story.id)))


@dataclass(frozen=True)
class StoryCoverage:
    themes: list[str]
    matrix: dict[str, list[int]]  # theme -> ids of stories that cover it
    uncovered: list[str]
    without_proof: list[int]
    incomplete: list[int]
    count: int
    target: int = STORY_TARGET

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def story_coverage(session: Session, learner: Learner) -> StoryCoverage:
    stories = list_stories(session, learner)
    themes = [theme.key for theme in load_bank().themes]
    matrix = {theme: [s.id for s in stories if theme in (s.themes or [])] for theme in themes}
    return StoryCoverage(
        themes=themes,
        matrix=matrix,
        uncovered=[theme for theme, ids in matrix.items() if not ids],
        without_proof=[s.id for s in stories if s.project_id is None and s.artifact_id is None],
        incomplete=[s.id for s in stories if any(not getattr(s, part) for part in PARTS)],
        count=len(stories),
    )


# -- what the Work and Drill screens show and `story list --json` prints ---------------------------------
# Frozen listings built inside the session: screens read typed fields (a renamed one fails in mypy), and
# `to_dict()` is the --json output field for field, in order (tests/tui/test_work_json.py pins the bytes).


@dataclass(frozen=True)
class StoryListing:
    id: int
    title: str
    problem: str
    constraints: str
    design: str
    metrics: str  # the story's numbers, in words
    failure: str
    iteration: str
    themes: tuple[str, ...]  # drill theme keys
    project_id: int | None
    artifact_id: int | None

    @classmethod
    def of(cls, story: Story) -> StoryListing:
        s = story
        themes = tuple(s.themes or [])
        return cls(
            s.id, s.title, s.problem, s.constraints, s.design, s.metrics, s.failure, s.iteration, themes,
            s.project_id, s.artifact_id,
        )  # fmt: skip

    @property
    def has_proof(self) -> bool:
        return self.project_id is not None or self.artifact_id is not None

    @property
    def missing_parts(self) -> tuple[str, ...]:
        return tuple(name for name, text in self.parts() if not text)

    def parts(self) -> tuple[tuple[str, str], ...]:
        """The six parts in their order (`tracker.stories.PARTS`), as (name, text)."""
        return tuple((name, getattr(self, name)) for name in PARTS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            **dict(self.parts()),
            "themes": list(self.themes),
            "project_id": self.project_id,
            "artifact_id": self.artifact_id,
            "has_proof": self.has_proof,
            "missing_parts": list(self.missing_parts),
        }
