"""Many structured requests through the Message Batches API (half price, answers within 24 h), resumable.

`BatchRun.run(requests)` submits once, polls until the batch has ended, reads the JSONL results and validates
every answer. The batch id and custom ids go to a small JSON state file as soon as the batch exists, so a run
interrupted at any point (Ctrl-C, a closed laptop, a crash) is picked up by the next process with the same
state file instead of paying for a second batch. Resuming matches on custom ids and model, not on request
text: prompts that carry a fresh nonce differ from one process to the next.

No repair turn and no fallback model here: an invalid or errored answer is reported under its custom id.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from curriculum.errors import UserError
from grader.claude.errors import ClaudeError, ClaudeUnavailable, from_sdk_error
from grader.claude.pricing import TokenUsage, estimate_cost
from grader.claude.settings import ClaudeSettings
from grader.claude.structured import (
    ContentBlock,
    InvalidOutput,
    StructuredAnswer,
    prepare_request,
    read_answer,
)

if TYPE_CHECKING:
    import anthropic

T = TypeVar("T", bound=BaseModel)

_CUSTOM_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_STATE_VERSION = 1


def _batch_params(model: str, params: dict[str, Any]) -> Any:
    """One batch entry's `params`: the same body `ask_structured` sends, with the model."""
    return {"model": model, **params}


@dataclass(frozen=True)
class BatchRequest:
    """One request of a batch. `custom_id`: 1-64 letters, digits, `_` or `-`, unique within the batch."""

    custom_id: str
    system: str
    content: Sequence[ContentBlock]
    max_tokens: int | None = None


@dataclass(frozen=True)
class BatchOutcome(Generic[T]):
    """Validated answers and one-line errors by custom id; every submitted id is in exactly one of them."""

    batch_id: str
    answers: dict[str, StructuredAnswer[T]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchProgress:
    """What one poll saw, for a progress bar."""

    batch_id: str
    status: str
    processing: int
    succeeded: int
    errored: int
    waited_s: float


class BatchRun(Generic[T]):
    """Submit-or-resume, poll, collect. `sleep` and `poll_interval` are injectable so tests never wait."""

    def __init__(
        self,
        client: anthropic.Anthropic,
        *,
        output: type[T],
        state_path: Path,
        settings: ClaudeSettings | None = None,
        poll_interval: float = 60.0,
        max_wait: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_poll: Callable[[BatchProgress], None] | None = None,
    ) -> None:
        self.client = client
        self.output = output
        self.state_path = state_path
        self.settings = settings or ClaudeSettings()
        self.poll_interval = poll_interval
        self.max_wait = max_wait
        self.sleep = sleep
        self.on_poll = on_poll

    # -- state file ------------------------------------------------------------------------------------------

    def _read_state(self) -> dict[str, Any] | None:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise UserError(f"the batch state file {self.state_path} is unreadable ({exc}); delete it") from exc
        if not isinstance(state, dict) or state.get("version") != _STATE_VERSION:
            raise UserError(f"the batch state file {self.state_path} is not one this version wrote; delete it")
        return state

    def _write_state(self, state: dict[str, Any]) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.state_path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(state, stream, indent=2)
            os.replace(temporary, self.state_path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @property
    def batch_id(self) -> str | None:
        state = self._read_state()
        return state.get("batch_id") if state else None

    def forget(self) -> None:
        """Delete the state file (after the results are safely stored), so the next run starts a new batch."""
        self.state_path.unlink(missing_ok=True)

    def _map(self, exc: BaseException) -> ClaudeError:
        return from_sdk_error(
            exc,
            model=self.settings.model,
            max_retries=self.settings.max_retries,
            timeout=self.settings.timeout,
        )

    # -- the three steps -------------------------------------------------------------------------------------

    def submit(self, requests: Sequence[BatchRequest]) -> str:
        """The batch id: the state file's when it matches these custom ids, else a newly created batch's."""
        import anthropic

        ids = [request.custom_id for request in requests]
        if not ids:
            raise ValueError("a batch needs at least one request")
        bad = [custom_id for custom_id in ids if not _CUSTOM_ID.fullmatch(custom_id)]
        if bad or len(set(ids)) != len(ids):
            raise ValueError(f"custom ids must be unique and match [A-Za-z0-9_-]{{1,64}}: {bad or 'duplicates'}")

        state = self._read_state()
        if state is not None:
            return self._resume(state, ids)

        prepared = {
            request.custom_id: prepare_request(
                system=request.system,
                content=request.content,
                output=self.output,
                max_tokens=request.max_tokens or self.settings.max_output_tokens,
                effort=self.settings.effort,
            )
            for request in requests
        }
        # Claim the state file first (exclusive create), so two processes cannot both create a batch.
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self.state_path.open("x", encoding="utf-8") as stream:
                json.dump({"version": _STATE_VERSION, "status": "creating", "custom_ids": ids}, stream)
        except FileExistsError:
            return self._resume(self._read_state() or {}, ids)
        try:
            batch = self.client.messages.batches.create(
                requests=[
                    {"custom_id": custom_id, "params": _batch_params(self.settings.model, request.params)}
                    for custom_id, request in prepared.items()
                ]
            )
        except anthropic.AnthropicError as exc:
            self.forget()
            raise self._map(exc) from exc
        except BaseException:
            self.forget()
            raise
        self._write_state(
            {
                "version": _STATE_VERSION,
                "status": "submitted",
                "batch_id": batch.id,
                "model": self.settings.model,
                "custom_ids": ids,
                "redactions": {custom_id: request.redactions for custom_id, request in prepared.items()},
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
        return str(batch.id)

    def _resume(self, state: dict[str, Any], ids: list[str]) -> str:
        if not state.get("batch_id"):
            raise UserError(
                f"another run is creating this batch (state file {self.state_path}); if none is, a run "
                "stopped while creating it: delete the state file and look in the Console for an unfinished "
                "batch"
            )
        if sorted(state.get("custom_ids", [])) != sorted(ids) or state.get("model") != self.settings.model:
            raise UserError(
                f"the state file {self.state_path} belongs to batch {state['batch_id']} with other requests "
                "or another model; delete it to start a new batch"
            )
        return str(state["batch_id"])

    def wait(self, batch_id: str) -> None:
        """Poll until the batch has ended. Past `max_wait` seconds: `ClaudeUnavailable`; the state is kept."""
        import anthropic

        waited = 0.0
        while True:
            try:
                batch = self.client.messages.batches.retrieve(batch_id)
            except anthropic.AnthropicError as exc:
                raise self._map(exc) from exc
            counts = batch.request_counts
            if self.on_poll is not None:
                self.on_poll(
                    BatchProgress(
                        batch_id,
                        batch.processing_status,
                        counts.processing,
                        counts.succeeded,
                        counts.errored,
                        waited,
                    )
                )
            if batch.processing_status == "ended":
                return
            if self.max_wait is not None and waited + self.poll_interval > self.max_wait:
                raise ClaudeUnavailable(
                    f"batch {batch_id} is still {batch.processing_status} after {waited:g} s; "
                    "run again later to pick it up",
                    kind="batch_pending",
                )
            self.sleep(self.poll_interval)
            waited += self.poll_interval

    def collect(self, batch_id: str) -> BatchOutcome[T]:
        """Read the ended batch's results and validate each answer against `output`."""
        import anthropic

        state = self._read_state() or {}
        expected = list(state.get("custom_ids", []))
        redactions: dict[str, int] = state.get("redactions", {})
        outcome: BatchOutcome[T] = BatchOutcome(batch_id)
        try:
            for item in self.client.messages.batches.results(batch_id):
                self._record(item, outcome, redactions.get(item.custom_id, 0))
        except anthropic.AnthropicError as exc:
            raise self._map(exc) from exc
        for custom_id in expected:
            if custom_id not in outcome.answers and custom_id not in outcome.errors:
                outcome.errors[custom_id] = "no result returned for this request"
        if state:
            self._write_state({**state, "status": "collected"})
        return outcome

    def _record(self, item: Any, outcome: BatchOutcome[T], redactions: int) -> None:
        result = item.result
        if result.type == "succeeded":
            message = result.message
            try:
                parsed = read_answer(message, self.output)
            except InvalidOutput as invalid:
                outcome.errors[item.custom_id] = "invalid output: " + " ".join(invalid.problem.split())[:240]
                return
            usage = TokenUsage.from_sdk(message.usage)
            estimate = estimate_cost(message.model, usage, batch=True)
            outcome.answers[item.custom_id] = StructuredAnswer(
                parsed=parsed,
                model=message.model,
                usage=usage,
                cost_usd=estimate.usd,
                price_as_of=estimate.as_of,
                cost_note=estimate.note,
                redactions=redactions,
            )
        elif result.type == "errored":
            error = result.error.error
            outcome.errors[item.custom_id] = f"errored: {error.type}: {' '.join(str(error.message).split())[:200]}"
        elif result.type == "expired":
            outcome.errors[item.custom_id] = "expired: not processed within 24 hours"
        else:
            outcome.errors[item.custom_id] = str(result.type)

    def run(self, requests: Sequence[BatchRequest]) -> BatchOutcome[T]:
        """Submit (or resume), wait, collect."""
        batch_id = self.submit(requests)
        self.wait(batch_id)
        return self.collect(batch_id)
