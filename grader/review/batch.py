"""Reviews for a cohort: many repositories through the Message Batches API (half price), resumable.

`repos.txt` holds one `TARGET [LEARNER]` a line (`#` starts a comment). Every repository is graded statically,
its pack built, and the reviews go out as one batch. Two small files under the cache folder make the run
resumable: the batch layer's state (batch id, custom ids, model) and ours (the commit each repository was graded
at, and which custom ids were sent). A run interrupted while the batch is processing, or before its results were
stored, is picked up by the same command: the repositories are graded again at the same commits, so the answers
are checked against the files they were written about. Answers already in the review cache are not sent again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculum.errors import UserError
from grader.claude import BatchProgress, BatchRequest, BatchRun, ClaudeError, ClaudeSettings, check_budget, make_client
from grader.context import Context
from grader.report import GradeReport
from grader.review.model import ReviewAnswer
from grader.review.run import (
    PreparedReview,
    ReviewOptions,
    Spend,
    assemble,
    cache_key,
    failed_section,
    grade_with_context,
    prepare_review,
)
from grader.review_section import ReviewSection
from grader.settings import GraderSettings

if TYPE_CHECKING:
    import anthropic

_SIDE_VERSION = 1
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchEntry:
    line: int
    target: str
    learner: str | None = None


@dataclass
class BatchItem:
    entry: BatchEntry
    custom_id: str
    report: GradeReport | None = None
    error: str | None = None  # the static grade itself failed (bad URL, unreadable repository)
    context: Context | None = field(default=None, repr=False)
    prepared: PreparedReview | None = field(default=None, repr=False)


class BatchPending(Exception):
    """The batch is still processing after the allowed wait; the same command picks it up later."""

    def __init__(self, reason: str, batch_id: str | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.batch_id = batch_id


def read_repos_file(path: Path) -> list[BatchEntry]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read {path}: {error}") from None
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) > 2:
            raise UserError(f"{path}:{number}: expected TARGET [LEARNER], got {raw.strip()!r}")
        entries.append(BatchEntry(number, words[0], words[1] if len(words) == 2 else None))
    if not entries:
        raise UserError(f"{path} lists no repositories (one TARGET [LEARNER] a line)")
    targets = [e.target for e in entries]
    duplicates = sorted({t for t in targets if targets.count(t) > 1})
    if duplicates:
        raise UserError(f"{path} lists {duplicates[0]} more than once")
    return entries


def custom_id_for(index: int, target: str) -> str:
    return f"repo-{index:03d}-{hashlib.sha256(target.encode('utf-8')).hexdigest()[:10]}"


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class ReviewBatch:
    """Grade, pack and review many repositories as one resumable batch. `client`, `sleep`: injectable."""

    def __init__(
        self,
        entries: list[BatchEntry],
        settings: ClaudeSettings | None,
        options: ReviewOptions,
        state_dir: Path,
        *,
        grader_settings: GraderSettings | None = None,
        client: anthropic.Anthropic | None = None,
        poll_interval: float = 60.0,
        max_wait: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_poll: Callable[[BatchProgress], None] | None = None,
        on_graded: Callable[[int, int, str], None] | None = None,
    ) -> None:
        self.entries = entries
        self.disabled = settings is None  # --no-review: grade statically, send nothing
        self.settings = settings or ClaudeSettings.load(env={}, config={})
        self.options = options
        self.grader_settings = grader_settings
        self.client = client
        self.poll_interval = poll_interval
        self.max_wait = max_wait
        self.sleep = sleep
        self.on_poll = on_poll
        self.on_graded = on_graded
        material = json.dumps([[e.target, e.learner] for e in entries] + [self.settings.model])
        key = hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]
        self.state_path = state_dir / f"batch-{key}.json"
        self.side_path = state_dir / f"batch-{key}.repos.json"

    def _side(self) -> dict[str, Any]:
        try:
            data = json.loads(self.side_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise UserError(f"the batch file {self.side_path} is unreadable ({error}); delete it") from None
        return data if isinstance(data, dict) and data.get("version") == _SIDE_VERSION else {}

    @property
    def resuming(self) -> bool:
        return bool(self._side())

    def forget(self) -> None:
        """Call once the results are stored: the next run of the same list starts afresh."""
        self.state_path.unlink(missing_ok=True)
        self.side_path.unlink(missing_ok=True)

    def _grade(self, side: dict[str, Any]) -> list[BatchItem]:
        commits: dict[str, str] = side.get("commits", {})
        items = []
        for index, entry in enumerate(self.entries):
            item = BatchItem(entry, custom_id_for(index, entry.target))
            try:
                report, ctx = grade_with_context(
                    entry.target, ref=commits.get(item.custom_id), settings=self.grader_settings
                )
            except UserError as error:
                item.error = str(error)
            else:
                item.report, item.context = report, ctx
                item.prepared = prepare_review(report, ctx, self.options.token_budget)
            items.append(item)
            if self.on_graded:
                self.on_graded(index + 1, len(self.entries), entry.target)
        return items

    def _review(self, item: BatchItem, section: ReviewSection) -> None:
        assert item.report is not None
        item.report = item.report.model_copy(update={"review": section})

    def run(self) -> list[BatchItem]:
        """Every entry graded, with a review section (reviewed, skipped or failed) or a grading error.

        Raises `BatchPending` when the batch outlives `max_wait`, and `UserError` for a broken state file."""
        side = self._side()
        items = self._grade(side)
        graded = [item for item in items if item.prepared is not None]
        if self.disabled or (self.client is None and not self.settings.available):
            reason, kind = ("--no-review", "disabled") if self.disabled else (self.settings.skip_reason, "no_key")
            for item in graded:
                self._review(item, ReviewSection.skipped(reason or "no key", kind))
            return items
        to_send = self._select(graded, side)
        if not side:
            _write_json(
                self.side_path,
                {
                    "version": _SIDE_VERSION,
                    "commits": {item.custom_id: item.report.commit for item in graded if item.report},
                    "submitted": [item.custom_id for item in to_send],
                },
            )
        if to_send:
            self._send(to_send)
        return items

    def _select(self, graded: list[BatchItem], side: dict[str, Any]) -> list[BatchItem]:
        """Items to send: not cached, within --max-cost; on a resume, exactly those sent before."""
        submitted = set(side.get("submitted", [])) if side else None
        to_send = []
        for item in graded:
            assert item.prepared is not None and item.report is not None
            if self._answer_from_cache(item):
                continue
            if submitted is not None:
                if item.custom_id in submitted:
                    to_send.append(item)
                else:
                    self._review(item, ReviewSection.skipped("not part of the pending batch; grade again", "batch"))
                continue
            try:
                check_budget(
                    item.prepared.input_estimate,
                    self.settings.max_output_tokens,
                    self.settings.model,
                    self.options.max_cost,
                    batch=True,
                )
            except UserError as refused:
                problem = ClaudeError(str(refused), kind="max_cost")
                self._review(item, failed_section(item.prepared, problem, self.settings.model, "skipped"))
                continue
            to_send.append(item)
        return to_send

    def _answer_from_cache(self, item: BatchItem) -> bool:
        cache = self.options.cache
        if cache is None or item.prepared is None or item.report is None or item.context is None:
            return False
        hit = cache.get(cache_key(item.prepared, self.settings.model), ReviewAnswer)
        if hit is None:
            return False
        from grader.claude import TokenUsage

        answer = ReviewAnswer.model_validate(hit.parsed.model_dump())
        spend = Spend(hit.model, TokenUsage(), 0.0, cached=True, batch=True)
        self._review(item, assemble(item.report, item.context.snapshot, item.prepared, answer, spend))
        return True

    def _send(self, to_send: list[BatchItem]) -> None:
        requests = []
        for item in to_send:
            assert item.prepared is not None
            requests.append(
                BatchRequest(
                    item.custom_id,
                    system=item.prepared.system,
                    content=item.prepared.content,
                    max_tokens=self.settings.max_output_tokens,
                )
            )
        runner: BatchRun[ReviewAnswer] = BatchRun(
            self.client or make_client(self.settings),
            output=ReviewAnswer,
            state_path=self.state_path,
            settings=self.settings,
            poll_interval=self.poll_interval,
            max_wait=self.max_wait,
            sleep=self.sleep,
            on_poll=self.on_poll,
        )
        try:
            outcome = runner.run(requests)
        except ClaudeError as error:
            if error.kind == "batch_pending":
                raise BatchPending(error.reason, runner.batch_id) from None
            for item in to_send:
                self._review(item, failed_section(item.prepared, error, self.settings.model))
            return
        for item in to_send:
            assert item.prepared is not None and item.report is not None and item.context is not None
            answer = outcome.answers.get(item.custom_id)
            if answer is None:
                reason = outcome.errors.get(item.custom_id, "no result")
                kind = "invalid_output" if reason.startswith("invalid output") else "batch"
                problem = ClaudeError(f"batch {outcome.batch_id}: {reason}", kind=kind)
                self._review(item, failed_section(item.prepared, problem, self.settings.model))
                continue
            spend = Spend(
                answer.model,
                answer.usage,
                answer.cost_usd,
                answer.price_as_of,
                answer.cost_note,
                batch=True,
            )
            self._review(item, assemble(item.report, item.context.snapshot, item.prepared, answer.parsed, spend))
            if self.options.cache is not None:
                try:
                    self.options.cache.put(
                        cache_key(item.prepared, self.settings.model), answer.parsed, model=answer.model
                    )
                except OSError as exc:  # the answer is in the report and the record; the cache only saves money
                    log.warning("could not cache the review in %s: %s", self.options.cache.directory, exc)
