"""`proofwork grade TARGET`: grade a portfolio repository; exit 1 under a gate, 2 on bad input."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from curriculum.errors import UserError
from tui.cli.app import app

if TYPE_CHECKING:
    from grader.report import GradeReport
    from tui.cli.grade_review import ReviewPlan

FORMATS = ("terminal", "json", "markdown", "sarif")


class GateFailed(click.ClickException):
    """A deterministic gate (--fail-under, --min) was not met: one line on stderr, exit 1."""

    exit_code = 1


def _gates(values: tuple[str, ...]) -> dict[str, int]:
    from grader.report import DIMENSIONS

    gates: dict[str, int] = {}
    for value in values:
        name, sep, number = value.partition("=")
        name = name.strip()
        if not sep or name not in DIMENSIONS:
            raise UserError(f"--min takes DIMENSION=N with a dimension from: {', '.join(DIMENSIONS)} (got {value!r})")
        try:
            gates[name] = int(number)
        except ValueError:
            raise UserError(f"--min {value!r}: N must be a whole number 0-100") from None
        if not 0 <= gates[name] <= 100:
            raise UserError(f"--min {value!r}: N must be between 0 and 100")
    return gates


@app.command("grade")
@click.argument("target", required=False)
@click.option("--ref", metavar="REF", help="Branch, tag or commit to grade (default: HEAD).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to a file.")
@click.option(
    "--fail-under", type=click.IntRange(0, 100), metavar="N", help="Exit 1 when the overall score is below N."
)
@click.option(
    "--min",
    "minimums",
    multiple=True,
    metavar="DIM=N",
    help="Exit 1 when a dimension is below N (repeatable).",
)
@click.option(
    "--profile",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rubric profile YAML overriding weights.",
)
@click.option("--schema", is_flag=True, help="Print the GradeReport JSON schema and exit.")
@click.option(
    "--review/--no-review",
    default=True,
    help="Add the Claude review (the default when an API key is configured); --no-review: static grade only.",
)
@click.option("--model", metavar="MODEL", help="Claude model for the review (or PROOFWORK_MODEL, or config.toml).")
@click.option(
    "--max-cost",
    type=click.FloatRange(min=0, min_open=True),
    metavar="USD",
    help="Refuse a review that could cost more than USD.",
)
@click.option(
    "--review-budget", type=click.IntRange(min=1), metavar="TOKENS", help="Token budget of the review's evidence pack."
)
@click.option(
    "--gate",
    type=click.Choice(["static", "reviewed"]),
    default="static",
    show_default=True,
    help="Which scores --fail-under and --min compare.",
)
@click.option(
    "--batch",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Grade every TARGET [LEARNER] line of a file; the reviews go through the Message Batches API.",
)
@click.option("--no-save", is_flag=True, help="Do not save the grade to your record.")
@click.pass_context
def grade(
    ctx: click.Context,
    target: str | None,
    ref: str | None,
    fmt: str,
    as_json: bool,
    output: Path | None,
    fail_under: int | None,
    minimums: tuple[str, ...],
    profile: Path | None,
    schema: bool,
    review: bool,
    model: str | None,
    max_cost: float | None,
    review_budget: int | None,
    gate: str,
    batch: Path | None,
    no_save: bool,
) -> None:
    """Grade a portfolio repository (local path or GitHub URL) for evals, tests, observability and more."""
    from grader.report import report_schema_json

    if schema:
        click.echo(report_schema_json())
        return
    from tui.cli.grade_review import ReviewPlan, check_learner, gate_report, save_report, tell_saved, warn_about_review

    if not target and batch is None:
        raise UserError("grade needs a TARGET: a repository path or a https://github.com/OWNER/REPO URL")
    if profile is not None and not profile.is_file():
        raise UserError(f"rubric profile {profile} does not exist")
    gates = _gates(minimums)
    fmt = "json" if as_json else fmt
    plan = ReviewPlan.from_flags(not review, model, max_cost, review_budget)
    if batch is not None:
        from tui.cli.grade_batch import grade_batch

        grade_batch(ctx, batch, plan, profile, fmt, save=not no_save)
        return
    assert target is not None
    if not no_save:
        check_learner(ctx)
    report = _grade_with_progress(target, ref, profile, plan)
    no_review = not review
    text = _render(report, fmt, no_review)
    if output is not None:
        try:
            output.write_text(text if fmt != "terminal" else _render(report, "markdown", no_review), encoding="utf-8")
        except OSError as error:
            raise UserError(f"cannot write {output}: {error.strerror}") from error
    if fmt != "terminal":
        click.echo(text, nl=not text.endswith("\n"))
    _step_summary(report)
    warn_about_review(report, fmt)
    if not no_save:
        tell_saved(save_report(ctx, report), fmt)
    failures = _gate_failures(gate_report(report, gate), fail_under, gates)  # type: ignore[arg-type]
    if failures:
        raise GateFailed("gate failed: " + "; ".join(failures))


def _grade_with_progress(
    target: str, ref: str | None, profile: Path | None, plan: ReviewPlan | None = None
) -> GradeReport:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from grader.grade import grade_repository
    from grader.settings import GraderSettings

    settings = GraderSettings(profile_path=profile)
    console = Console(stderr=True)
    labels = {
        "fetch": "fetching",
        "read": "reading files",
        "metrics": "measuring code",
        "probes": "running probes",
        "score": "scoring",
        "review": "reviewing with Claude",
    }
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bars:
        tasks: dict[str, object] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(labels.get(stage, stage), total=max(total, 1))
            bars.update(tasks[stage], completed=done, total=max(total, 1))  # type: ignore[arg-type]

        if plan is None:
            return grade_repository(target, ref=ref, settings=settings, progress=progress)
        from grader.review.run import grade_with_context

        report, context = grade_with_context(target, ref=ref, settings=settings, progress=progress)
        return plan.run(report, context, progress)


def _render(report: GradeReport, fmt: str, no_review: bool) -> str:
    if fmt == "json":
        return report.model_dump_json(indent=2)
    if fmt == "sarif":
        from grader.render.sarif import to_sarif

        return json.dumps(to_sarif(report), indent=2)
    if fmt == "markdown":
        from grader.render.markdown import to_markdown

        return to_markdown(report)
    from rich.console import Console

    from grader.render.review import render_review_terminal, status_line
    from grader.render.terminal import render_terminal

    render_terminal(report, Console(file=sys.stdout), status_line(report.review))
    render_review_terminal(report, Console(file=sys.stdout))
    return ""


def _step_summary(report: GradeReport) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from grader.render.markdown import to_markdown

    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(to_markdown(report) + "\n")
    except OSError as error:
        raise UserError(f"cannot append to $GITHUB_STEP_SUMMARY ({path}): {error.strerror}") from error


def _gate_failures(report: GradeReport, fail_under: int | None, gates: dict[str, int]) -> list[str]:
    failures = []
    if fail_under is not None and (report.overall is None or report.overall < fail_under):
        failures.append(f"overall {report.overall} < {fail_under}")
    for name, minimum in gates.items():
        score = report.dimensions[name].score
        if score is None or score < minimum:
            shown = "n/a (not assessed)" if score is None else score
            failures.append(f"{name} {shown} < {minimum}")
    return failures
