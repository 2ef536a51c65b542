"""`proofwork grade` with the Claude review, end to end through the CLI: views, gates, saving, drills, batches."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import jsonschema
import pytest

from grader.claude import make_client
from tests.grader.claude.conftest import MockAPI, error, ok
from tests.grader.conftest import Repo
from tests.grader.review import repos
from tests.grader.review.conftest import recorded


@pytest.fixture(autouse=True)
def _fast_and_isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import anthropic._base_client

    monkeypatch.setattr(anthropic._base_client, "INITIAL_RETRY_DELAY", 0.001)
    monkeypatch.setenv("PROOFWORK_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def repo(tmp_path: Path) -> Callable[[dict[str, str]], Repo]:
    made = [0]

    def build(files: dict[str, str]) -> Repo:
        made[0] += 1
        built = Repo(tmp_path / f"repo{made[0]}")
        for path, text in files.items():
            built.write(path, text)
        built.commit("Add files")
        return built

    return build


@pytest.fixture
def claude_api(monkeypatch: pytest.MonkeyPatch) -> Callable[..., MockAPI]:
    """`claude_api(*replies)`: set a key and route the CLI's Claude traffic to a MockAPI."""

    def install(*replies: Any) -> MockAPI:
        api = MockAPI(*replies)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test")

        def client(settings: Any) -> Any:
            return make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(api)))

        monkeypatch.setattr("grader.review.run.make_client", client)
        monkeypatch.setattr("grader.review.batch.make_client", client)
        return api

    return install


def test_without_a_key_the_grade_is_complete_and_says_the_review_was_skipped(cli, repo):
    target = str(repo(repos.support_bot()).path)
    result = cli("grade", target)
    assert result.code == 0 and "review: skipped (no ANTHROPIC_API_KEY set); static grade only" in result.out
    data = json.loads(cli("grade", target, "--json", "--no-save").out)
    assert data["review"]["status"] == "skipped" and data["overall"] is not None
    assert cli("grade", target, "--json").err == ""  # a missing key is one line in the view, not an error
    markdown = cli("grade", target, "--format", "markdown", "--no-save").out
    assert "Review: skipped (no ANTHROPIC_API_KEY set); static grade only." in markdown


def test_terminal_view_shows_static_and_reviewed_scores_with_cited_critique(cli, repo, claude_api):
    api = claude_api(ok(recorded("support_bot")))
    result = cli("grade", str(repo(repos.support_bot()).path))
    assert result.code == 0, result.err
    out = result.out
    for text in (
        "Claude review",
        "static",
        "reviewed",
        "evals/run_evals.py:20-22",  # critique cites path:line
        "Strengths",
        "Improvements",
        "Resume bullets this repository supports",
        "Interview questions",
        "prices as of 2026-10-24",
    ):
        assert text in out, text
    assert len(api.requests) == 1


def test_markdown_json_and_sarif_views_of_a_reviewed_grade(cli, repo, claude_api):
    claude_api(ok(recorded("support_bot")))
    target = str(repo(repos.support_bot()).path)
    data = json.loads(cli("grade", target, "--json", "--no-save").out)
    jsonschema.validate(data, json.loads(cli("grade", "--schema").out))
    review = data["review"]
    assert review["status"] == "reviewed" and review["dimensions"]["evals"]["delta"] == -3
    assert set(review["usage"]) == {"input_tokens", "output_tokens", "cache_write_tokens", "cache_read_tokens"}
    assert review["cost_usd"] > 0 and review["price_as_of"] == "2026-10-24"
    static_evals = data["dimensions"]["evals"]["score"]
    markdown = cli("grade", target, "--format", "markdown", "--no-save").out
    assert "### Claude review" in markdown
    assert f"| evals | {static_evals} | {static_evals - 3} | -3 |" in markdown
    assert "`evals/run_evals.py:20-22`" in markdown and "Review cost: claude-sonnet-5-5" in markdown
    reviewed_sarif = json.loads(cli("grade", target, "--format", "sarif", "--no-save").out)
    static_sarif = json.loads(cli("grade", target, "--format", "sarif", "--no-save", "--no-review").out)
    assert reviewed_sarif == static_sarif  # SARIF keeps static findings only


def test_gates_use_static_scores_unless_asked_for_the_reviewed_ones(cli, repo, claude_api):
    claude_api(ok(recorded("support_bot")))
    target = str(repo(repos.support_bot()).path)
    data = json.loads(cli("grade", target, "--json", "--no-save").out)
    tests_reviewed = data["review"]["dimensions"]["tests"]["reviewed"]
    assert tests_reviewed == data["dimensions"]["tests"]["score"] + 10
    gate = f"tests={tests_reviewed}"
    static = cli("grade", target, "--json", "--no-save", "--min", gate)
    assert static.code == 1 and "gate failed: tests" in static.err
    assert cli("grade", target, "--json", "--no-save", "--min", gate, "--gate", "reviewed").code == 0


def test_gate_reviewed_without_a_review_falls_back_to_static_with_a_note(cli, repo):
    target = str(repo(repos.support_bot()).path)
    result = cli("grade", target, "--json", "--no-save", "--gate", "reviewed", "--fail-under", "1")
    assert result.code == 0 and "gating on the static scores" in result.err


def test_a_saved_review_records_tokens_and_cost_and_feeds_the_drills(ada, repo, claude_api):
    claude_api(ok(recorded("support_bot"), input_tokens=6000, output_tokens=2500, cache_write=2100))
    result = ada("grade", str(repo(repos.support_bot()).path))
    assert result.code == 0 and "saved as grade #1 to ada's record" in result.out
    from tracker.db import open_session
    from tracker.models import DrillCard, GradeRun

    with open_session() as session:
        run = session.query(GradeRun).one()
        assert (run.model, run.input_tokens, run.output_tokens, run.cache_write_tokens) == (
            "claude-sonnet-5-5",
            6000,
            2500,
            2100,
        )
        assert run.cost_usd == pytest.approx(0.04225)
        prompts = [card.prompt for card in session.query(DrillCard).order_by(DrillCard.id)]
        cards = {card.prompt: card for card in session.query(DrillCard)}
    assert prompts[0].startswith("Your golden set repeats six cases four times")
    points = [p["point"] for p in cards[prompts[0]].question["key_points"]]
    assert points[0] == "sample real tickets"
    assert len(prompts) > 5  # the template questions from the static findings are added too
    history = json.loads(ada("grades", "--json").out)
    assert history[0]["reviewed"] is True and history[0]["reviewed_overall"] is not None


def test_grades_lists_history_with_the_change_since_the_previous_grade(ada, repo):
    built = repo(repos.no_evals())
    target = str(built.path)
    assert ada("grade", target).code == 0
    built.write("tests/test_main.py", "def test_ask():\n    assert callable(__import__('main').ask)\n")
    built.commit("Add a test")
    assert ada("grade", target).code == 0
    rows = json.loads(ada("grades", "--json").out)
    assert len(rows) == 2 and rows[1]["change"] is None and rows[0]["change"] is not None
    assert rows[0]["source"] == target
    table = ada("grades").out
    assert "repository" in table and built.path.name in table and "+" in table
    assert json.loads(ada("grades", "--json", "--source", "/elsewhere").out) == []


def test_no_save_and_no_profile(cli, repo):
    target = str(repo(repos.no_evals()).path)
    assert cli("grade", target, "--no-save").code == 0
    assert json.loads(cli("grades", "--json").out) == []
    saved = cli("grade", target)
    assert "without a learner (no profile yet)" in saved.out
    assert len(json.loads(cli("grades", "--json").out)) == 1


def test_no_review_sends_nothing_even_with_a_key(cli, repo, claude_api):
    api = claude_api(ok(recorded("support_bot")))
    data = json.loads(cli("grade", str(repo(repos.support_bot()).path), "--json", "--no-review").out)
    assert data["review"]["reason"] == "--no-review" and not api.requests


def test_model_flag_and_max_cost(cli, repo, claude_api):
    api = claude_api(ok(recorded("support_bot"), model="claude-opus-5-5"))
    target = str(repo(repos.support_bot()).path)
    refused = cli("grade", target, "--json", "--no-save", "--max-cost", "0.0001")
    assert refused.code == 0 and not api.requests
    assert "above --max-cost" in json.loads(refused.out)["review"]["reason"]
    assert "review: skipped" in refused.err
    cli("grade", target, "--json", "--no-save", "--model", "claude-opus-5-5")
    assert api.models() == ["claude-opus-5-5"]


def test_a_refused_key_is_one_line_and_the_grade_completes(cli, repo, claude_api):
    claude_api(error(401, "authentication_error", "invalid x-api-key"))
    target = str(repo(repos.support_bot()).path)
    result = cli("grade", target, "--json", "--no-save")
    assert result.code == 0 and json.loads(result.out)["overall"] is not None
    assert result.err.strip() == "proofwork: review: failed: the API key was refused (401); static grade only"
    assert "the API key was refused (401)" in cli("grade", target, "--no-save").out


def test_injection_is_warned_about_in_every_view(cli, repo, claude_api):
    claude_api(ok(recorded("fooled_by_readme")))
    target = str(repo(repos.injection_readme()).path)
    data = json.loads(cli("grade", target, "--json", "--no-save").out)
    assert ("README.md", 11) in {(f["path"], f["line"]) for f in data["review"]["injection"]}
    assert all(abs(d["delta"]) <= 10 for d in data["review"]["dimensions"].values())
    assert "steer the grader" in cli("grade", target, "--no-save").out
    assert "steer the grader" in cli("grade", target, "--format", "markdown", "--no-save").out


def test_batch_grades_a_cohort_and_saves_each_repository(ada, repo, claude_api, tmp_path, monkeypatch):
    from grader.review.batch import custom_id_for
    from tests.grader.review.test_batch import BatchAPI

    good, bare = repo(repos.support_bot()), repo(repos.no_evals())
    listing = tmp_path / "repos.txt"
    listing.write_text(f"{good.path} ada\n{bare.path}\n")
    api = BatchAPI(
        {
            custom_id_for(0, str(good.path)): recorded("support_bot"),
            custom_id_for(1, str(bare.path)): recorded("hallucinated"),
        }
    )
    claude_api()
    monkeypatch.setattr(
        "grader.review.batch.make_client",
        lambda settings: make_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(api))),
    )
    monkeypatch.setattr("tui.cli.grade_batch.POLL_INTERVAL_S", 0.0)
    result = ada("grade", "--batch", str(listing), "--json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert [row["review"] for row in rows] == ["reviewed", "reviewed"]
    assert all(row["grade_id"] for row in rows) and rows[0]["learner"] == "ada"
    assert len(api.created) == 1
    assert len(json.loads(ada("grades", "--json").out)) == 2
    assert not list((tmp_path / "cache" / "batches").glob("*.json"))  # stored, so the state is gone


def test_a_bug_in_the_review_is_reported_and_the_static_grade_still_completes(
    cli, repo, claude_api, monkeypatch, caplog
):
    claude_api(ok(recorded("support_bot")))

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("pack exploded")

    monkeypatch.setattr("grader.review.run.build_pack", broken)
    result = cli("grade", str(repo(repos.support_bot()).path), "--json", "--no-save")
    data = json.loads(result.out)
    assert result.code == 0 and data["overall"] is not None
    assert data["review"]["kind"] == "bug" and "RuntimeError: pack exploded" in data["review"]["reason"]
    assert "review: failed: internal error" in result.err
    (record,) = [r for r in caplog.records if r.message == "the Claude review failed"]
    assert record.exc_info is not None  # logged with its traceback, never swallowed
