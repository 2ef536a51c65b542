"""The learner's record as SQLAlchemy 2.0 typed tables.

Every row belongs to a learner, so one database serves one person on a laptop or a whole cohort on
PostgreSQL. Schema changes go through Alembic migrations in tracker/migrations, never through
`create_all`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

TASK_STATUSES = ("todo", "doing", "done", "skipped")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    # Named constraints so migrations can alter them on SQLite (batch mode) and PostgreSQL alike.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Learner(Base):
    """The profile: who is learning, toward which role, since when, with how many hours a week."""

    __tablename__ = "learners"
    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    current_role: Mapped[str] = mapped_column(String(200), default="")
    target_role: Mapped[str] = mapped_column(String(80))
    start_date: Mapped[date] = mapped_column(Date)
    weekly_hours: Mapped[float] = mapped_column(Float, default=10)
    # How an employer reaches the learner: printed on the resume, in JSON Resume's `basics`.
    email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    location: Mapped[str] = mapped_column(String(200), default="", server_default="")
    website: Mapped[str] = mapped_column(String(500), default="", server_default="")
    github: Mapped[str] = mapped_column(String(500), default="", server_default="")
    linkedin: Mapped[str] = mapped_column(String(500), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Experience(Base):
    """A job the learner held, in their words: the resume's work history beside the shipped projects.

    Dates are ISO 8601 as resumes write them: a year, a month (`2023-03`) or a day; an empty end means the
    job is current.
    """

    __tablename__ = "experiences"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[str] = mapped_column(String(10), default="")
    end_date: Mapped[str] = mapped_column(String(10), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    highlights: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Assessment(Base):
    """One sitting of the self-assessment: a 1-5 score per competency, against a target role."""

    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    target_role: Mapped[str] = mapped_column(String(80))
    taken_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    scores: Mapped[list[AssessmentScore]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="AssessmentScore.id"
    )

    def as_dict(self) -> dict[str, int]:
        return {row.competency: row.score for row in self.scores}


class AssessmentScore(Base):
    __tablename__ = "assessment_scores"
    __table_args__ = (
        UniqueConstraint("assessment_id", "competency"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    competency: Mapped[str] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(Integer)
    assessment: Mapped[Assessment] = relationship(back_populates="scores")


class LogEntry(Base):
    """Time spent on a day, with what was done: the raw material of streaks and the heatmap."""

    __tablename__ = "log_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        # The dashboard asks "which days had a log" for one learner: one index serves it.
        Index("ix_log_entries_learner_day", "learner_id", "day"),
    )


class TaskState(Base):
    """Where the learner is on one plan task (todo, doing, done, skipped), with a note."""

    __tablename__ = "task_states"
    __table_args__ = (
        UniqueConstraint("learner_id", "task_key"),
        CheckConstraint("status IN ('todo', 'doing', 'done', 'skipped')", name="status_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    task_key: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(10), default="todo")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Project(Base):
    """A portfolio project: the problem it solves, for whom, and where its code lives."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("learner_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text, default="")
    users: Mapped[str] = mapped_column(Text, default="")
    constraints: Mapped[str] = mapped_column(Text, default="")
    non_goals: Mapped[str] = mapped_column(Text, default="")
    repo_url: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Decision.id"
    )


class Decision(Base):
    """One design decision on one responsibility layer, with the metric, failure and rejected option."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    layer: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text, default="")
    failure: Mapped[str] = mapped_column(Text, default="")
    mitigation: Mapped[str] = mapped_column(Text, default="")
    rejected: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    project: Mapped[Project] = relationship(back_populates="decisions")


class Artifact(Base):
    """A piece of shipped proof for a week: an eval report, a dashboard, a case study..."""

    __tablename__ = "artifacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    week: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300))
    link: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    shipped_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    metrics: Mapped[list[ArtifactMetric]] = relationship(
        back_populates="artifact", cascade="all, delete-orphan", order_by="ArtifactMetric.id"
    )
    project: Mapped[Project | None] = relationship()
    __table_args__ = (CheckConstraint("week BETWEEN 1 AND 12", name="week_range"),)


class ArtifactMetric(Base):
    """A measured result, ideally with its baseline: `hallucination rate 12 -> 4 %`."""

    __tablename__ = "artifact_metrics"
    id: Mapped[int] = mapped_column(primary_key=True)
    artifact_id: Mapped[int] = mapped_column(ForeignKey("artifacts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    baseline: Mapped[float | None] = mapped_column(Float)
    result: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")
    artifact: Mapped[Artifact] = relationship(back_populates="metrics")


class GradeRun(Base):
    """One grade of a repository at a pinned commit, with the full report and what the review cost."""

    __tablename__ = "grade_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(500))
    commit: Mapped[str] = mapped_column(String(64))
    overall: Mapped[float | None] = mapped_column(Float)  # null when no dimension could be assessed
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model: Mapped[str] = mapped_column(String(80), default="")
    input_tokens: Mapped[int] = mapped_column(Integer, default=0)
    output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cache_write_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cache_read_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_usd: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Story(Base):
    """An interview story in the six-part shape, linked to the proof behind it."""

    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    artifact_id: Mapped[int | None] = mapped_column(ForeignKey("artifacts.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    problem: Mapped[str] = mapped_column(Text, default="")
    constraints: Mapped[str] = mapped_column(Text, default="")
    design: Mapped[str] = mapped_column(Text, default="")
    metrics: Mapped[str] = mapped_column(Text, default="")
    failure: Mapped[str] = mapped_column(Text, default="")
    iteration: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class DrillCard(Base):
    """A spaced-repetition card: a theme from the bank, or a question drawn from the learner's own work."""

    __tablename__ = "drill_cards"
    __table_args__ = (UniqueConstraint("learner_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(120))
    theme: Mapped[str] = mapped_column(String(60))
    prompt: Mapped[str] = mapped_column(Text, default="")
    # A question drawn from the learner's own work, kept whole so its key points score the answer.
    question: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    fsrs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    due: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class DrillAttempt(Base):
    """One timed answer, its rubric score and the rating it fed to the scheduler."""

    __tablename__ = "drill_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("drill_cards.id", ondelete="SET NULL"))
    theme: Mapped[str] = mapped_column(String(60))
    question_key: Mapped[str] = mapped_column(String(120))
    answer: Mapped[str] = mapped_column(Text)
    seconds: Mapped[float | None] = mapped_column(Float)
    score: Mapped[int] = mapped_column(Integer)
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    rating: Mapped[int] = mapped_column(Integer)
    feedback: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Retro(Base):
    """The weekly retrospective: what shipped, what slipped, what comes next."""

    __tablename__ = "retros"
    __table_args__ = (UniqueConstraint("learner_id", "week"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    week: Mapped[int] = mapped_column(Integer)
    shipped: Mapped[str] = mapped_column(Text, default="")
    slipped: Mapped[str] = mapped_column(Text, default="")
    next: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
