"""Markdown through templates/grade.md.j2, for a PR comment, a file, or $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from curriculum.resources import templates_dir
from grader.render import OUTCOME_LABEL, top_findings
from grader.render.review import cost_line, status_line, verification_line
from grader.render.safe import md_code, md_finalize
from grader.report import GradeReport


def bar(score: int | None, width: int = 10) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def to_markdown(report: GradeReport, template: str = "grade.md.j2") -> str:
    env = Environment(
        loader=FileSystemLoader(templates_dir()),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown, not HTML: md_finalize escapes every value for Markdown instead
        finalize=md_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["bar"] = bar
    env.filters["label"] = lambda outcome: OUTCOME_LABEL[outcome]
    env.filters["cell"] = lambda text: str(text).replace("\n", " ")  # md_finalize escapes the pipes
    env.filters["code"] = md_code
    env.filters["cost_line"] = cost_line
    env.filters["status_line"] = status_line
    env.filters["verification_line"] = verification_line
    skipped_total = sum(s.count for s in report.skipped)
    return env.get_template(template).render(report=report, top=top_findings(report), skipped_total=skipped_total)
