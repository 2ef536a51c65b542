"""The claims linter: what a hiring manager would doubt in a case study or a resume, found before they do.

Pure functions over the view models, so the command line (`--check`) and the TUI get the same findings.
Each message says what is missing and which command records it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.exports.document import Finding

if TYPE_CHECKING:
    from tracker.exports.case_study import CaseStudyView
    from tracker.exports.resume import Bullet, ResumeView

# Words that claim impact without showing it (after Resume-Matcher's blacklist); matched as whole words.
BUZZWORDS = (
    "spearheaded",
    "leveraged",
    "leveraging",
    "utilized",
    "synergy",
    "synergies",
    "results-driven",
    "cutting-edge",
    "best-in-class",
    "world-class",
    "game-changer",
    "game-changing",
    "rockstar",
    "ninja",
    "guru",
    "passionate",
    "dynamic",
    "innovative",
    "revolutionized",
    "seamlessly",
    "robust",
    "thought leader",
    "go-getter",
    "detail-oriented",
)
_BUZZ = re.compile(r"(?<![\w-])(" + "|".join(re.escape(word) for word in BUZZWORDS) + r")(?![\w-])", re.I)


def buzzwords_in(text: str) -> list[str]:
    return sorted({match.lower() for match in _BUZZ.findall(text)})


def lint_case_study_view(view: CaseStudyView) -> list[Finding]:
    found: list[Finding] = []
    name = view.project

    def add(code: str, section: str, message: str) -> None:
        found.append(Finding(code, message, section))

    if not view.problem:
        add("no-problem", "Problem and user", f"no problem statement recorded for {name} (--problem)")
    if not view.non_goals:
        add(
            "no-non-goals",
            "Constraints and non-goals",
            f"no non-goals recorded for {name}: say what it deliberately does not do (--non-goals)",
        )
    if not view.metrics:
        add(
            "no-baseline",
            "Evaluation",
            'no metric recorded: add an artifact --metric "name=BASELINE->RESULT unit" to show the change',
        )
    elif not view.results:
        add("no-baseline", "Evaluation", "no metric has a baseline, so no result shows an improvement")
    for metric in view.metrics:
        if not metric.has_baseline:
            add(
                "metric-without-before",
                "Evaluation",
                f"'{metric.name}' (week {metric.week}, artifact #{metric.artifact_id}) has no before value: "
                f"record it as '{metric.name}=BEFORE->{metric.result_text}'",
            )
    if view.failure is None:
        add(
            "no-failure-story",
            "One failure and its fix",
            "no failure with its fix: record a decision with --failure and --mitigation, or a story",
        )
    found.extend(_unlinked_claims(view))
    return found


def _unlinked_claims(view: CaseStudyView) -> list[Finding]:
    found = []
    if not view.repo_url:
        found.append(
            Finding(
                "claim-without-link",
                f"{view.project} has no repository link (--repo URL)",
                "Proof",
            )
        )
    for artifact in view.artifacts:
        if not artifact.link:
            found.append(
                Finding(
                    "claim-without-link",
                    f"artifact #{artifact.id} '{artifact.title}' (week {artifact.week}) links to no proof",
                    "Proof",
                )
            )
    for section in view.layers:
        for decision in section.decisions:
            if decision.metric and decision.proof is None:
                found.append(
                    Finding(
                        "claim-without-link",
                        f"the {section.title} decision cites '{decision.metric}', which no artifact of this "
                        "project records: add it as an artifact --metric with a link",
                        "Decisions",
                    )
                )
    return found


def lint_bullet(bullet: Bullet) -> list[Finding]:
    found = []
    where = f"{bullet.project}: {bullet.text}"
    if not bullet.metric_ids:
        found.append(Finding("bullet-without-metric", f"no measured result in '{where}'", "Projects"))
    if not bullet.link:
        found.append(Finding("claim-without-link", f"no proof link for '{where}'", "Projects"))
    for word in buzzwords_in(bullet.text):
        found.append(Finding("buzzword", f"'{word}' claims without showing, in '{where}'", "Projects"))
    return found


def lint_resume_view(view: ResumeView) -> list[Finding]:
    found = [finding for project in view.projects for bullet in project.bullets for finding in lint_bullet(bullet)]
    for word in buzzwords_in(view.summary):
        found.append(Finding("buzzword", f"'{word}' in the summary", "Summary"))
    for claim in view.unbacked_claims:
        found.append(
            Finding(
                "skill-without-evidence",
                f"{claim.title} is self-rated {claim.score}/5 but no artifact shows it, so the resume leaves it out",
                "Skills",
            )
        )
    if not view.projects:
        found.append(Finding("no-projects", "no shipped artifacts yet: the resume has no proof to cite", "Projects"))
    if not view.email and not view.links:
        found.append(
            Finding(
                "no-contact",
                "no way to reach you: add `proofwork profile edit --email ... --github ... --linkedin ...`",
                "Contact",
            )
        )
    if not view.experience:
        found.append(
            Finding(
                "no-experience",
                'no job in your history: `proofwork experience add --role "..." --organisation ... --start 2023-03`',
                "Experience",
            )
        )
    return found
