"""The Work section's forms: an artifact with its metrics, a project, a decision on one responsibility layer.

Each form only turns what was typed into the tracker's input values (`ArtifactInput`, `ProjectInput`,
`DecisionInput`, through `tracker.inputs`) and hands them to the same service the command line uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Input, Select, TextArea

from curriculum.errors import UserError
from tui.screens.dialogs import Dialog, field

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.artifacts import ArtifactListing
    from tracker.models import Learner
    from tracker.projects import DecisionListing, ProjectListing

Choices = Sequence[tuple[str, str]]  # (shown, value)


def _text(value: object) -> str:
    return "" if value is None else str(value)


class ArtifactForm(Dialog):
    """Add (artifact None) or edit an artifact. Metrics go one per line: `name=BASELINE->RESULT unit`."""

    HINT: ClassVar[str] = "ctrl+s saves · enter/tab next field · ctrl+o $EDITOR · esc cancels"
    ENTER_SAVES = False

    def __init__(
        self,
        *,
        artifact: ArtifactListing | None,
        week: int,
        today: date,
        kinds: Choices,
        default_kind: str | None,
        stages: Choices,
        projects: Sequence[str],
    ) -> None:
        super().__init__()
        self.artifact = artifact
        self.week = week
        self.today = today
        self.kinds = list(kinds)
        self.default_kind = default_kind
        self.stages = list(stages)
        self.projects = list(projects)

    def dialog_title(self) -> str:
        return f"Edit artifact #{self.artifact.id}" if self.artifact else "Add an artifact (shipped proof)"

    def compose_fields(self) -> ComposeResult:
        from tracker.inputs import format_metric

        a = self.artifact
        metrics = "\n".join(format_metric(m.name, m.baseline, m.result, m.unit) for m in (a.metrics if a else ()))
        # Title first: it is what a person starts typing, and the cursor starts there. The week and the day
        # are filled in (this week, today) and rarely change.
        with VerticalScroll(classes="form-fields"):
            yield field(
                "Title",
                Input(_text(a and a.title), placeholder="what you shipped", id="title", compact=True),
            )
            yield field(
                "Kind",
                Select(
                    self.kinds,
                    value=(a and a.kind) or self.default_kind or Select.NULL,
                    prompt="(what kind of proof)",
                    id="kind",
                    compact=True,
                ),
            )
            yield field(
                "Metrics",
                TextArea(
                    metrics,
                    id="metrics",
                    compact=True,
                    classes="short-text",
                    placeholder="hallucination rate=12->4 %",
                ),
            )
            yield field(
                "Link",
                Input(_text(a and a.link), placeholder="https://... or a path", id="link", compact=True),
            )
            yield field(
                "Project",
                Select(
                    [(p, p) for p in self.projects],
                    value=(a and a.project) or Select.NULL,
                    prompt="(none)",
                    id="project",
                    compact=True,
                ),
            )
            yield field("Week", Input(_text(a.week if a else self.week), id="week", compact=True))
            yield field(
                "Shipped",
                Input(_text(a.shipped_on if a else self.today.isoformat()), id="shipped", compact=True),
            )
            yield field(
                "About",
                TextArea(
                    _text(a and a.description),
                    id="description",
                    compact=True,
                    soft_wrap=True,
                    classes="short-text",
                ),
            )
            yield field(
                "Stage",
                Select(
                    self.stages,
                    value=(a and a.stage) or Select.NULL,
                    prompt="(the week's stage)",
                    id="stage",
                    compact=True,
                ),
            )

    def on_mount(self) -> None:
        self.query_one("#title").focus()

    def action_save(self) -> None:
        from tracker.artifacts import ArtifactInput
        from tracker.inputs import parse_date, parse_metric, parse_week

        try:
            kind = self.query_one("#kind", Select).value
            stage = self.query_one("#stage", Select).value
            project = self.query_one("#project", Select).value
            entry = ArtifactInput(
                week=parse_week(self.query_one("#week", Input).value.strip()),
                kind=str(kind) if kind is not Select.NULL else "",
                title=self.query_one("#title", Input).value,
                link=self.query_one("#link", Input).value,
                stage=str(stage) if stage is not Select.NULL else "",
                project=str(project) if project is not Select.NULL else None,
                shipped_on=parse_date(self.query_one("#shipped", Input).value, "shipped"),
                metrics=[
                    parse_metric(line)
                    for line in self.query_one("#metrics", TextArea).text.splitlines()
                    if line.strip()
                ],
                description=self.query_one("#description", TextArea).text,
            )
        except UserError as error:
            self.proofwork.show_error(error)
            return
        artifact_id = self.artifact.id if self.artifact else None
        today = self.today

        def save(session: Session, learner: Learner) -> str:
            from tracker.artifacts import add_artifact, update_artifact

            if artifact_id is None:
                row = add_artifact(session, learner, entry, today=today)
            else:
                row = update_artifact(session, learner, artifact_id, entry, today=today)
            return f"Artifact #{row.id} saved for week {row.week}: {row.title}"

        self.proofwork.record_job(save, self._saved)

    def _saved(self, text: str) -> None:
        self.notify(text, timeout=4, markup=False)
        self.dismiss(True)


class ProjectForm(Dialog):
    """Add a project, or edit one (its name stays: artifacts and decisions refer to it)."""

    HINT: ClassVar[str] = "ctrl+s saves · enter/tab next field · ctrl+o $EDITOR · esc cancels"
    ENTER_SAVES = False

    def __init__(self, project: ProjectListing | None = None) -> None:
        super().__init__()
        self.project = project

    def dialog_title(self) -> str:
        return f"Edit project {escape(self.project.name)}" if self.project else "Add a project"

    def compose_fields(self) -> ComposeResult:
        p = self.project
        with VerticalScroll(classes="form-fields"):
            yield field("Name", Input(_text(p and p.name), id="name", compact=True, disabled=bool(p)))
            yield field(
                "Problem",
                TextArea(_text(p and p.problem), id="problem", compact=True, soft_wrap=True, classes="short-text"),
            )
            yield field(
                "Users",
                Input(_text(p and p.users), placeholder="who has the problem", id="users", compact=True),
            )
            yield field("Constraints", Input(_text(p and p.constraints), id="constraints", compact=True))
            yield field("Non-goals", Input(_text(p and p.non_goals), id="non_goals", compact=True))
            yield field(
                "Repo",
                Input(
                    _text(p and p.repo),
                    placeholder="https://github.com/you/project",
                    id="repo",
                    compact=True,
                ),
            )

    def on_mount(self) -> None:
        self.query_one("#problem" if self.project else "#name").focus()

    def action_save(self) -> None:
        values = {
            "problem": self.query_one("#problem", TextArea).text,
            "users": self.query_one("#users", Input).value,
            "constraints": self.query_one("#constraints", Input).value,
            "non_goals": self.query_one("#non_goals", Input).value,
            "repo_url": self.query_one("#repo", Input).value,
        }
        existing = self.project.name if self.project else None
        name = self.query_one("#name", Input).value

        def save(session: Session, learner: Learner) -> str:
            from tracker.projects import ProjectInput, add_project, update_project

            if existing is None:
                return add_project(session, learner, ProjectInput(name=name, **values)).name
            return update_project(session, learner, existing, **values).name

        self.proofwork.record_job(save, self._saved)

    def _saved(self, name: str) -> None:
        self.notify(f"Project saved: {name}", timeout=4, markup=False)
        self.dismiss(True)


class DecisionForm(Dialog):
    """A decision on one responsibility layer of a project: what, the metric, the failure, the mitigation."""

    HINT: ClassVar[str] = "ctrl+s saves · enter/tab next field · ctrl+o $EDITOR · esc cancels"
    ENTER_SAVES = False

    def __init__(
        self,
        *,
        project: str,
        layers: Choices,
        layer: str | None = None,
        decision: DecisionListing | None = None,
    ) -> None:
        super().__init__()
        self.project = project
        self.layer_choices = list(layers)
        self.chosen_layer: str | None = decision.layer if decision else layer
        self.decision = decision

    def dialog_title(self) -> str:
        return f"{'Edit the' if self.decision else 'A'} decision on {escape(self.project)}"

    def compose_fields(self) -> ComposeResult:
        d = self.decision
        with VerticalScroll(classes="form-fields"):
            yield field(
                "Layer",
                Select(
                    self.layer_choices,
                    value=self.chosen_layer or Select.NULL,
                    prompt="(responsibility layer)",
                    id="layer",
                    compact=True,
                ),
            )
            yield field(
                "Decision",
                TextArea(
                    _text(d and d.decision),
                    id="decision",
                    compact=True,
                    soft_wrap=True,
                    classes="short-text",
                ),
            )
            yield field(
                "Metric",
                Input(
                    _text(d and d.metric),
                    placeholder="the number that justified it",
                    id="metric",
                    compact=True,
                ),
            )
            yield field(
                "Failure",
                Input(_text(d and d.failure), placeholder="what failed, or would", id="failure", compact=True),
            )
            yield field("Mitigation", Input(_text(d and d.mitigation), id="mitigation", compact=True))
            yield field(
                "Rejected",
                Input(
                    _text(d and d.rejected),
                    placeholder="the alternative, and why not",
                    id="rejected",
                    compact=True,
                ),
            )

    def on_mount(self) -> None:
        self.query_one("#decision" if self.chosen_layer else "#layer").focus()

    def action_save(self) -> None:
        from tracker.projects import DecisionInput

        layer = self.query_one("#layer", Select).value
        entry = DecisionInput(
            layer=str(layer) if layer is not Select.NULL else "",
            decision=self.query_one("#decision", TextArea).text,
            metric=self.query_one("#metric", Input).value,
            failure=self.query_one("#failure", Input).value,
            mitigation=self.query_one("#mitigation", Input).value,
            rejected=self.query_one("#rejected", Input).value,
        )
        project = self.project
        decision_id = self.decision.id if self.decision else None

        def save(session: Session, learner: Learner) -> str:
            from tracker.projects import add_decision, update_decision

            if decision_id is None:
                return add_decision(session, learner, project, entry).layer
            return update_decision(session, learner, decision_id, entry).layer

        self.proofwork.record_job(save, self._saved)

    def _saved(self, layer: str) -> None:
        self.notify(f"Decision saved on layer {layer} of {self.project}.", timeout=4, markup=False)
        self.dismiss(True)
