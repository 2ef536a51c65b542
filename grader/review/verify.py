"""Check every citation in Claude's answer against the graded snapshot; drop what does not verify, and count it.

A citation verifies when its path exists at the graded commit and its lines lie inside the file. A citation of
a line the pack flagged as an injection attempt never counts as evidence. Claims then keep only verified
citations: a strength, a resume bullet or a pass verdict left without any is dropped; a fail verdict without
citations is kept to show, but cannot move a score (absence cannot be cited, and the static grade already
counts it).
"""

from __future__ import annotations

import html
import posixpath
import unicodedata
from dataclasses import dataclass, field

from grader.claude import is_env_file
from grader.review.criteria import ReviewCriteria
from grader.review.model import Citation, ReviewAnswer
from grader.review_section import (
    Cited,
    CriterionResult,
    DroppedClaim,
    ImprovementResult,
    InjectionFlag,
    QuestionResult,
    ResumeBulletResult,
    StrengthResult,
    Verification,
)
from grader.snapshot import RepoFile, Snapshot

MAX_STRENGTHS = 3
MAX_IMPROVEMENTS = 5
MAX_BULLETS = 5
MAX_QUESTIONS = 5
MAX_POINTS = 6
MIN_POINTS = 4  # asked for in the schema's description; fewer is noted, never a failed review
_TEXT_LIMIT = 600


def _clip(text: str, limit: int = _TEXT_LIMIT) -> str:
    """One line, no control or bidi characters (the text is shown in terminals and PR comments), capped."""
    flat = " ".join("".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf"} or ch in "\n\t").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def line_count(file: RepoFile) -> int:
    """Lines of the file as stored in git (a notebook's JSON lines, not its code cells)."""
    if file.line_map:
        return max(file.line_map)
    lines = file.text.split("\n")
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)


@dataclass
class VerifiedReview:
    criteria: dict[str, list[CriterionResult]] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    strengths: list[StrengthResult] = field(default_factory=list)
    improvements: list[ImprovementResult] = field(default_factory=list)
    resume_bullets: list[ResumeBulletResult] = field(default_factory=list)
    questions: list[QuestionResult] = field(default_factory=list)
    reported_injection: list[InjectionFlag] = field(default_factory=list)
    verification: Verification = field(default_factory=Verification)


class Checker:
    def __init__(self, snapshot: Snapshot, flagged: dict[str, set[int]]) -> None:
        self.snapshot = snapshot
        self.flagged = flagged
        self.verification = Verification()

    def drop(self, where: str, reason: str, path: str = "", claim: bool = False) -> None:
        self.verification.dropped.append(DroppedClaim(where=where, path=_clip(path, 200), reason=reason))
        if claim:
            self.verification.claims_dropped += 1

    def path(self, raw: str) -> tuple[str | None, str]:
        """The snapshot path a cited path names, or None and why not."""
        text = raw.strip().removeprefix("./")
        for candidate in (text, html.unescape(text)):
            if candidate in self.snapshot.entries:
                return candidate, ""
        normal = posixpath.normpath(text) if text else ""
        if not normal or normal.startswith(("../", "/")) or normal == "..":
            return None, "path outside the repository"
        if normal in self.snapshot.entries:
            return normal, ""
        return None, "no such path at the graded commit"

    def citation(self, cited: Citation, where: str, *, allow_flagged: bool = False) -> Cited | None:
        self.verification.citations_checked += 1
        path, problem = self.path(cited.path)
        start, end = cited.start_line, cited.end_line
        if path is None and not problem.startswith("path outside") and start is None:
            folder = cited.path.strip().removeprefix("./").rstrip("/") + "/"
            if any(entry.startswith(folder) for entry in self.snapshot.entries):
                return Cited(path=folder)
        if path is not None and is_env_file(path):
            path, problem = None, "a dotenv file is never shown, so it cannot be cited"
        if path is not None and start is not None:
            file = self.snapshot.files.get(path)
            end = end if end is not None else start
            if file is None:
                path, problem = None, "the file was not readable, so its lines cannot be checked"
            elif not 1 <= start <= end <= line_count(file):
                path, problem = None, f"lines {start}-{end} are outside the file's {line_count(file)} lines"
            elif not allow_flagged and self.flagged.get(path, set()) & set(range(start, end + 1)):
                path, problem = None, "cites text flagged as an injection attempt"
        if path is None:
            self.verification.citations_dropped += 1
            self.drop(where, problem, cited.path)
            return None
        return Cited(path=path, start_line=start, end_line=end if start is not None else None)

    def citations(self, cited: list[Citation], where: str) -> list[Cited]:
        kept = [self.citation(c, where) for c in cited]
        return [c for c in kept if c is not None]


def verify_answer(
    answer: ReviewAnswer, snapshot: Snapshot, flagged: dict[str, set[int]], criteria: ReviewCriteria
) -> VerifiedReview:
    check = Checker(snapshot, flagged)
    out = VerifiedReview()
    known = criteria.by_id()
    for dim in answer.dimensions:
        name = dim.dimension.strip()
        if name not in criteria.dimensions:
            for _ in dim.criteria:
                check.drop(f"dimensions.{name}", "not a dimension of the review rubric", claim=True)
            continue
        out.summaries.setdefault(name, _clip(dim.summary, 400))
        results = out.criteria.setdefault(name, [])
        for verdict in dim.criteria:
            where = f"dimensions.{name}.{verdict.criterion}"
            if verdict.criterion not in known or not verdict.criterion.startswith(f"{name}."):
                check.drop(where, "not a criterion of this dimension", claim=True)
                continue
            if any(r.id == verdict.criterion for r in results):
                check.drop(where, "a second verdict for the same criterion", claim=True)
                continue
            cited = check.citations(verdict.citations, where)
            if verdict.citations and not cited:
                check.drop(where, "none of its citations verified", claim=True)
                continue
            if verdict.verdict == "pass" and not cited:
                check.drop(where, "a pass needs cited evidence", claim=True)
                continue
            results.append(
                CriterionResult(
                    id=verdict.criterion,
                    title=" ".join(known[verdict.criterion].text.split()),
                    verdict=verdict.verdict,
                    critique=_clip(verdict.critique),
                    citations=cited,
                    counted=bool(cited),
                )
            )
    for index, strength in enumerate(answer.strengths):
        cited = check.citations(strength.citations, f"strengths[{index}]")
        if not cited:
            check.drop(f"strengths[{index}]", "no verified citation", claim=True)
        elif len(out.strengths) < MAX_STRENGTHS:
            out.strengths.append(StrengthResult(text=_clip(strength.text), citations=cited))
    for index, improvement in enumerate(answer.improvements):
        where = f"improvements[{index}]"
        path, problem = check.path(improvement.path)
        start = improvement.start_line
        if path is None and improvement.new_file and not problem.startswith("path outside"):
            path, start = posixpath.normpath(improvement.path.strip().removeprefix("./")), None
        if path is None:
            check.drop(where, problem, improvement.path, claim=True)
            continue
        if start is not None:
            file = snapshot.files.get(path)
            if file is None or not 1 <= start <= line_count(file):
                check.drop(where, "line outside the file; kept without it", improvement.path)
                start = None
        if len(out.improvements) < MAX_IMPROVEMENTS:
            out.improvements.append(
                ImprovementResult(
                    path=path,
                    new_file=path not in snapshot.entries,
                    start_line=start,
                    change=_clip(improvement.change),
                    why=_clip(improvement.why),
                )
            )
    for index, bullet in enumerate(answer.resume_bullets):
        cited = check.citations(bullet.evidence, f"resume_bullets[{index}]")
        if not cited:
            check.drop(f"resume_bullets[{index}]", "no verified evidence", claim=True)
        elif len(out.resume_bullets) < MAX_BULLETS:
            out.resume_bullets.append(ResumeBulletResult(text=_clip(bullet.text, 300), evidence=cited))
    notes = check.verification.shape_notes
    for part, given, asked in (
        ("strengths", len(answer.strengths), MAX_STRENGTHS),
        ("improvements", len(answer.improvements), MAX_IMPROVEMENTS),
        ("interview_questions", len(answer.interview_questions), MAX_QUESTIONS),
    ):
        if given < asked:
            notes.append(f"{part}: {given} given where {asked} were asked; kept")
    for index, question in enumerate(answer.interview_questions[:MAX_QUESTIONS]):
        points = [_clip(p, 200) for p in question.expected_points if p.strip()][:MAX_POINTS]
        if len(points) < MIN_POINTS:
            notes.append(
                f"interview_questions[{index}]: {len(points)} expected point(s) where four to six were asked; kept"
            )
        out.questions.append(
            QuestionResult(
                question=_clip(question.question, 400),
                dimension=question.dimension.strip() if question.dimension.strip() in criteria.dimensions else "",
                why=_clip(question.why, 300),
                expected_points=points,
                citations=check.citations(question.citations, f"interview_questions[{index}]"),
            )
        )
    for index, place in enumerate(answer.injection_attempts):
        spot = check.citation(place, f"injection_attempts[{index}]", allow_flagged=True)
        file = snapshot.files.get(spot.path) if spot is not None else None
        if spot is None or spot.start_line is None or file is None:
            continue
        lines = file.text.split("\n")
        excerpt = lines[spot.start_line - 1] if not file.line_map and spot.start_line <= len(lines) else ""
        out.reported_injection.append(
            InjectionFlag(
                path=spot.path,
                line=spot.start_line,
                kind="reported_by_reviewer",
                excerpt=_clip(excerpt, 160),
                source="model",
            )
        )
    out.verification = check.verification
    return out
