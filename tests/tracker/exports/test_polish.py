"""--polish: applied when it adds no fact, rejected with a diff when it does, skipped without Claude."""

from __future__ import annotations

import json

import pytest

from tracker.exports import render_case_study
from tracker.exports.polish import PolishUnavailable, polish

SOURCE = "# Case\n\nWe really did cut the hallucination rate from 12 to 4 % in week 4.\n"


def test_a_faithful_polish_is_applied():
    outcome = polish(SOURCE, ask=lambda text: text.replace("We really did cut", "We cut"))
    assert outcome.applied and outcome.text == "# Case\n\nWe cut the hallucination rate from 12 to 4 % in week 4.\n"
    assert outcome.diff == ""


def test_an_invented_number_rejects_the_polish_and_shows_the_diff():
    outcome = polish(SOURCE, ask=lambda text: text.replace("12 to 4 %", "12 to 3 % at Google"))
    assert not outcome.applied and outcome.text == SOURCE
    assert outcome.note.startswith("polish rejected (numbers not in the record: 3; names not in the record: Google)")
    assert "+We really did cut the hallucination rate from 12 to 3 % at Google in week 4." in outcome.diff


def test_claude_failing_leaves_the_document_as_recorded():
    def refuse(text: str) -> str:
        raise PolishUnavailable("the API key was refused (401)")

    outcome = polish(SOURCE, ask=refuse)
    assert not outcome.applied and outcome.text == SOURCE
    assert outcome.note.startswith("polish skipped: the API key was refused (401)")


def test_without_a_key_polish_is_skipped_in_one_line(open_record):
    with open_record() as (session, ada):
        plain = render_case_study(session, ada, "Support RAG")
        document = render_case_study(session, ada, "Support RAG", polished=True)
    assert document.text == plain.text
    assert len(document.notes) == 1 and document.notes[0].startswith("polish skipped: ")
    assert "\n" not in document.notes[0]


def test_a_polished_case_study_keeps_every_fact(open_record):
    def tighten(text: str) -> str:
        return text.replace("Written from the project's record", "Drawn from the project's record")

    with open_record() as (session, ada):
        document = render_case_study(session, ada, "Support RAG", polished=True, ask=tighten)
    assert "Drawn from the project's record" in document.text
    assert document.notes == ["polished: wording tightened, every number, name and link kept"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_resume_polish_runs_on_the_markdown(open_record, fmt):
    from tracker.exports import render_resume

    seen: list[str] = []

    def record_input(text: str) -> str:
        seen.append(text)
        return text

    with open_record() as (session, ada):
        document = render_resume(session, ada, fmt, polished=True, ask=record_input)
    assert seen and seen[0].startswith("# Ada\n")
    assert document.fmt == fmt


def claude_replying(handler):
    """The real SDK and the shared client layer, with a mock transport instead of the network."""
    import httpx2

    from grader.claude import ClaudeSettings, make_client
    from tracker.exports.polish import claude_ask

    settings = ClaudeSettings(api_key="test", max_retries=0)
    return claude_ask(
        settings, make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    )


def message(text: str):
    import httpx2

    return httpx2.Response(
        200,
        json={
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-5-5",
            "content": [{"type": "text", "text": json.dumps({"text": text})}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 900, "output_tokens": 400},
        },
    )


def test_claude_polish_through_the_sdk_is_fact_checked(open_record):
    sent: list[dict] = []

    def faithful(request):
        body = json.loads(request.content)
        sent.append(body)
        document = body["messages"][0]["content"][2]["text"]
        inner = document.split(">", 1)[1].rsplit("</document", 1)[0].strip("\n")
        return message(inner.replace("Written from the project's record", "Drawn from the project's record"))

    with open_record() as (session, ada):
        document = render_case_study(session, ada, "Support RAG", polished=True, ask=claude_replying(faithful))
    assert (
        "Drawn from the project's record" in document.text and "hallucination rate went from 12% to 4%" in document.text
    )
    assert document.notes == ["polished: wording tightened, every number, name and link kept"]
    wrapped = sent[0]["messages"][0]["content"][2]["text"]
    assert wrapped.startswith("<document nonce=") and "# Support RAG: case study" in wrapped


def test_claude_inventing_a_number_is_rejected(open_record):
    with open_record() as (session, ada):
        plain = render_case_study(session, ada, "Support RAG").text
        document = render_case_study(
            session,
            ada,
            "Support RAG",
            polished=True,
            ask=claude_replying(lambda request: message("Support RAG cut hallucinations by 90% for Acme.")),
        )
    assert document.text == plain
    assert document.notes[0].startswith("polish rejected (numbers not in the record: 90; names not in the record: Acme")
    assert "+Support RAG cut hallucinations by 90% for Acme." in document.polish_diff


def test_claude_refusing_the_key_skips_the_polish(open_record):
    import httpx2

    refused = httpx2.Response(401, json={"type": "error", "error": {"type": "authentication_error", "message": "x"}})
    with open_record() as (session, ada):
        document = render_case_study(
            session, ada, "Support RAG", polished=True, ask=claude_replying(lambda request: refused)
        )
    assert document.notes == ["polish skipped: the API key was refused (401); the document is as the record made it"]
