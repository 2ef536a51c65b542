"""Writing in the app what the command line's `story add/edit` and `retro add` write: a story, a week's retro.

The forms show every part, so what they save is the whole story or retro (`keep_blank=False`: a part emptied
here is emptied). They only collect text; `tracker.stories` and `tracker.retros` check and save it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Input, Select, SelectionList, TextArea

from tui.screens.dialogs import Dialog
from tui.screens.dialogs import field as form_row

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.models import Learner
    from tracker.stories import StoryListing

STORY_PARTS = (
    ("problem", "Problem", "the situation, and who had it"),
    ("constraints", "Constraints", "budget, latency, data, people"),
    ("design", "Design", "what you built and the alternative you rejected"),
    ("metrics", "Metrics", "before -> after, with numbers"),
    ("failure", "Failure", "what went wrong"),
    ("iteration", "Iteration", "what you changed because of it"),
)


@dataclass(frozen=True)
class StoryChoices:
    """What a story can point at: the drill themes, the learner's projects and artifacts."""

    themes: list[tuple[str, str]]  # (title, key)
    projects: list[tuple[int, str]]  # (id, name)
    artifacts: list[tuple[int, str]]  # (id, title)
    story: StoryListing | None = None  # the story being edited


def load_story_choices(session: Session, learner: Learner, story_id: int | None) -> StoryChoices:
    """Runs in a worker: the choices, and the story to edit."""
    from curriculum.drills import load_bank
    from tracker.artifacts import list_artifacts
    from tracker.projects import list_projects
    from tracker.stories import StoryListing, list_stories

    story = None
    if story_id is not None:
        story = next((StoryListing.of(s) for s in list_stories(session, learner) if s.id == story_id), None)
    return StoryChoices(
        themes=[(theme.title, theme.key) for theme in load_bank().themes],
        projects=[(project.id, project.name) for project, _count in list_projects(session, learner)],
        artifacts=[(artifact.id, artifact.title) for artifact in list_artifacts(session, learner)],
        story=story,
    )


class StoryForm(Dialog):
    """Add a story (`story_id` None) or edit one: the six parts, the themes it answers, the proof behind it."""

    HINT: ClassVar[str] = "ctrl+s saves · tab next field · space ticks a theme · ctrl+o $EDITOR · esc cancels"
    ENTER_SAVES = False

    def __init__(self, story_id: int | None = None) -> None:
        super().__init__()
        self.story_id = story_id
        self.choices: StoryChoices | None = None

    def dialog_title(self) -> str:
        return f"Edit story #{self.story_id}" if self.story_id else "Add a story to the bank"

    def compose_fields(self) -> ComposeResult:
        with VerticalScroll(classes="form-fields"):
            yield form_row("Title", Input(placeholder="a name you will recognise", id="title", compact=True))
            for key, label, hint in STORY_PARTS:
                box = TextArea(id=key, compact=True, soft_wrap=True, classes="short-text", placeholder=hint)
                yield form_row(label, box)
            yield form_row("Themes", SelectionList[str](id="themes", compact=True, classes="themes"))
            yield form_row("Project", Select[int]([], prompt="(none)", id="project", compact=True))
            yield form_row(
                "Artifact", Select[int]([], prompt="(none: the proof behind it)", id="artifact", compact=True)
            )

    def on_mount(self) -> None:
        self.query_one("#title").focus()
        story_id = self.story_id

        def load(session: Session, learner: Learner) -> StoryChoices:
            return load_story_choices(session, learner, story_id)

        self.proofwork.record_job(load, self._fill)

    def _fill(self, choices: StoryChoices) -> None:
        self.choices = choices
        story = choices.story
        themes = self.query_one("#themes", SelectionList)
        for title, key in choices.themes:
            themes.add_option((title, key, story is not None and key in story.themes))
        project = self.query_one("#project", Select)
        project.set_options([(name, project_id) for project_id, name in choices.projects])
        artifact = self.query_one("#artifact", Select)
        artifact.set_options([(f"#{artifact_id} {title}", artifact_id) for artifact_id, title in choices.artifacts])
        if story is not None:
            self.query_one("#title", Input).value = story.title
            parts = dict(story.parts())
            for key, _label, _hint in STORY_PARTS:
                self.query_one(f"#{key}", TextArea).load_text(parts[key] or "")
            if story.project_id in {pid for pid, _ in choices.projects}:
                project.value = story.project_id
            if story.artifact_id in {aid for aid, _ in choices.artifacts}:
                artifact.value = story.artifact_id

    def action_save(self) -> None:
        from tracker.stories import StoryInput

        if self.choices is None:
            self.notify("Still reading your projects and artifacts: save again in a moment.", timeout=3)
            return
        project = self.query_one("#project", Select).value
        artifact = self.query_one("#artifact", Select).value
        names = dict(self.choices.projects)
        entry = StoryInput(
            title=self.query_one("#title", Input).value,
            **{key: self.query_one(f"#{key}", TextArea).text for key, _label, _hint in STORY_PARTS},
            themes=[str(theme) for theme in self.query_one("#themes", SelectionList).selected],
            project=names.get(project) if isinstance(project, int) else None,
            artifact_id=artifact if isinstance(artifact, int) else None,
        )
        story_id = self.story_id

        def save(session: Session, learner: Learner) -> str:
            from tracker.stories import add_story, edit_story

            if story_id is None:
                row = add_story(session, learner, entry)
            else:
                row = edit_story(session, learner, story_id, entry, keep_blank=False)
            return f"Story #{row.id} saved: {row.title}"

        self.proofwork.record_job(save, self._saved)

    def _saved(self, text: str) -> None:
        self.notify(text, timeout=4, markup=False)
        self.dismiss(True)


class RetroForm(Dialog):
    """The week's retro in the learner's words: what shipped, what slipped, what comes next."""

    HINT: ClassVar[str] = "ctrl+s saves · tab next field · ctrl+o $EDITOR · esc cancels"
    ENTER_SAVES = False
    PARTS: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("shipped", "Shipped", "what you finished and can link to"),
        ("slipped", "Slipped", "what did not happen, and why"),
        ("next", "Next", "the one thing next week starts with"),
    )

    def __init__(self, week: int) -> None:
        super().__init__()
        self.week = week

    def dialog_title(self) -> str:
        return f"Retro · week {self.week}"

    def compose_fields(self) -> ComposeResult:
        for key, label, hint in self.PARTS:
            box = TextArea(id=key, compact=True, soft_wrap=True, classes="short-text", placeholder=hint)
            yield form_row(label, box)

    def on_mount(self) -> None:
        self.query_one("#shipped").focus()
        week = self.week

        def load(session: Session, learner: Learner) -> dict[str, str]:
            from tracker.retros import get_retro

            retro = get_retro(session, learner, week)
            return {key: getattr(retro, key) for key, _l, _h in self.PARTS} if retro else {}

        self.proofwork.record_job(load, self._fill)

    def _fill(self, parts: dict[str, str]) -> None:
        for key, text in parts.items():
            box = self.query_one(f"#{key}", TextArea)
            if not box.text:  # never over what the learner typed meanwhile
                box.load_text(text or "")

    def action_save(self) -> None:
        week = self.week
        shipped, slipped, next_ = (self.query_one(f"#{key}", TextArea).text for key, _l, _h in self.PARTS)

        def save(session: Session, learner: Learner) -> str:
            from tracker.retros import write_retro

            write_retro(session, learner, week, shipped=shipped, slipped=slipped, next_=next_, keep_blank=False)
            return f"Retro for week {week} saved."

        self.proofwork.record_job(save, self._saved)

    def _saved(self, text: str) -> None:
        self.notify(escape(text), timeout=4)
        self.dismiss(True)
