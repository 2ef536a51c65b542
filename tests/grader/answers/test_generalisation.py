"""Answers to bank questions outside the calibration set, written for these tests (not labelled by the interviewer).

The calibration set covers 30 questions; the scorer is judged on answers to the others. These answers, written by
the engineer who built the scorer, guard the two failures that would hurt there most: a sound answer capped by a
rule that misfires (a trap read into a rejection, a story premise missed, an off-topic flag between neighbouring
questions), and a fluent wrong answer that slips past the trap catalogue. They are a regression guard, not a
measure of accuracy: whoever writes the rules also wrote these answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.drills import load_bank
from grader.answers import score_answer
from grader.answers.pitfalls import sprung

CALIBRATED = {
    "agent-safety-01", "agent-safety-03", "agent-safety-06", "behavioural-01", "behavioural-03", "behavioural-04",
    "cost-optimisation-01", "cost-optimisation-02", "cost-optimisation-03", "cross-team-01", "cross-team-03",
    "cross-team-05", "eval-strategy-01", "eval-strategy-03", "eval-strategy-06", "hallucination-incident-01",
    "hallucination-incident-02", "hallucination-incident-06", "latency-spikes-01", "latency-spikes-03",
    "latency-spikes-06", "model-choice-01", "model-choice-04", "model-choice-05", "rag-design-01", "rag-design-02",
    "rag-design-05", "system-design-02", "system-design-03", "system-design-05",
}  # fmt: skip

GOOD = {
    "behavioural-02": (
        "Last year I had to choose a vector store for our support search before we had any real traffic, so I"
        " couldn't measure query patterns. The unknown was whether metadata filtering would dominate. Rather "
        "than debate it, I time-boxed a three-day spike: I loaded 200,000 real articles into pgvector and "
        "into a managed store and ran 50 sampled queries with our filters. pgvector met the p95 target of 150"
        " ms at a third of the cost, and because we kept retrieval behind one interface the choice was "
        "reversible. I rejected waiting a month for traffic data, since the launch date was fixed. I set a "
        "checkpoint: if p95 passed 300 ms or the index passed 5 million chunks we would revisit. My wrong "
        "assumption was that filters would be cheap; with tenant filters p95 doubled, and I added partial "
        "indexes. Six months later we hit the checkpoint and migrated in two weeks, which the interface made "
        "easy."
    ),
    "behavioural-05": (
        "In prompt engineering I kept hitting the limit of what a prompt can fix: the failures were in "
        "retrieval, evaluation and latency, not wording. So over the last six months I built a support "
        "assistant end to end and shipped it in my repository: hybrid retrieval with a re-ranker, an eval "
        "suite of 200 labelled questions that runs in CI, tracing with cost per request, and a fallback "
        "model. Recall@5 went from 0.61 to 0.84 and answer pass rate from 72% to 88%, with p95 at 2.1 s and "
        "$0.004 per answer. The decision I'm proudest of was gating merges on per-category thresholds instead"
        " of one average, because a refund-category drop once hid behind a rising mean. What broke: stale "
        "chunks after document edits, which I fixed with change-driven re-indexing. My honest gap is running "
        "this at production scale, so I'm now load-testing it and reading on queueing."
    ),
    "behavioural-06": (
        "Our team had to ship document search and the only store the platform team supported was Postgres "
        "with pgvector, which none of us had tuned. Queries took 1.8 seconds against a 200 ms target and I "
        "had a week. I skipped tutorials, read the pgvector docs and the HNSW section of the paper, and ran a"
        " spike with three index settings on a copy of production data, measuring recall@10 and p95 against "
        "exact search. A DBA from another team pointed out that our tenant filter prevented index use. With a"
        " partial index per large tenant, p95 went to 90 ms at 97% recall. I got it wrong at first by "
        "benchmarking on a cold cache. I wrote the settings and the benchmark script up in our wiki, and two "
        "teams have used it since; next I want to understand the planner better."
    ),
    "agent-safety-02": (
        "At my last job our coding agent looped overnight retrying a failing test and burned $1,800 of tokens"
        " before anyone noticed. I led the incident: first I killed the run and capped spend per run at $20 "
        "in the harness, not the prompt. Digging in, the agent saw the same error 400 times and kept editing "
        "one file. I added a step limit of 40, loop detection when the same tool call and error repeat three "
        "times, and a budget alert to the on-call channel at 50% of the cap. I rejected simply lowering the "
        "model's max tokens, since the loop was in the harness. Since then we've had zero runaway runs in "
        "four months, and the median cost per task went from $3.10 to $1.20 because stuck runs now stop "
        "early. The trade-off is that some long refactors hit the step limit and need a human to resume them."
    ),
    "cost-optimisation-04": (
        "It's a one-off batch of 3 million tickets, so I'd use the batch API at half price and plan cost from"
        " a pilot, not from guesses. First I run 2,000 tickets stratified by length: that gives tokens per "
        "ticket, failure rate and summary quality on a labelled sample of 200. Say that's 1,200 input and 150"
        " output tokens; with a small model on the batch API that's roughly $900 for the whole archive, "
        "against $4,000 with a frontier model, and the pilot tells me whether the small model's summaries "
        "pass our rubric. I'd chunk the job into resumable batches of 50,000 with idempotent writes keyed on "
        "ticket id, so a failure half way resumes instead of restarting. Throughput is bounded by batch "
        "limits and rate quotas, so I'd schedule it over a weekend. What can go wrong is long tickets blowing"
        " the context; I'd truncate with a map-reduce summary for the top 2%."
    ),
    "eval-strategy-07": (
        "I can't prove never, so I'd build an eval that bounds the rate and keep measuring in production. I'd"
        " write 600 adversarial prompts with a clinician: direct dosage questions, role-play, paraphrases, "
        "other languages and multi-turn attempts, plus 300 benign medical questions to measure over-refusal. "
        "A classifier checks outputs for dosage advice, validated against clinician labels on 200 samples "
        "with recall above 95%. The release bar is zero failures on the 600, which only bounds the rate at "
        "about 0.5% with 95% confidence, so I'd say that plainly and add production sampling: every "
        "dosage-adjacent conversation is classified and a sample reviewed weekly. The trade-off is refusing "
        "some legitimate questions; I'd cap over-refusal at 5%. Any failure becomes a regression case in CI."
    ),
    "latency-spikes-07": (
        "I'd protect my agent from the tool rather than wait for the other team. First, a hard timeout on the"
        " inventory call at about 2 seconds, since its normal p95 is 400 ms, and a circuit breaker that opens"
        " after five timeouts in a minute so we stop hammering it. When it's open, the agent answers with "
        "cached stock from the last five minutes, clearly labelled, or says it can't check stock right now. I"
        " wouldn't retry a hanging call, since retries multiply the hang; one retry with jitter only on fast "
        "failures. I'd trace the tool span separately and alert on timeout rate, and share the traces with "
        "the owning team with a proposal for an SLO. On a similar agent this took p95 from 6 s to 2.4 s while"
        " tool errors stayed visible."
    ),
    "rag-design-07": (
        "Isolation has to be enforced before anything reaches the model. Every chunk carries the account id, "
        "and retrieval always runs with a hard filter on the caller's account from the authenticated session,"
        " never from the prompt. For the biggest accounts I'd use separate indexes or namespaces; for the "
        "long tail, one index with a mandatory filter enforced in the query layer. Caches are keyed by "
        "account, logs are scoped, and eval sets use synthetic tenants. I'd write a test that fails if any "
        "query returns a chunk from another account, run on every deploy with 1,000 cross-tenant probes, and "
        "alert on any hit in production. Telling the model to ignore other customers' documents is not a "
        "control. The trade-off is some recall and cost for the per-tenant indexes, which I accept."
    ),
    "model-choice-03": (
        "A public benchmark is a claim about someone else's task, so I'd run our own eval before anyone "
        "switches. We have a 400-case set from production with per-category labels; I'd run the new model "
        "with our prompts adapted for it, since prompts tuned for the old model can handicap the new one, and"
        " compare pass rate per category, cost per request and p95. If it wins on our set, I'd ship it behind"
        " a flag in shadow mode for a week, then 10% of traffic, watching the same metrics and user feedback."
        " The last time a team switched on a press release, refusals doubled on one category. The trade-off "
        "is a week of delay against the risk of a silent regression."
    ),
    "system-design-04": (
        "Memory is selection, not storage. I'd keep three layers: the recent conversation verbatim, a rolling"
        " summary, and a small set of long-term facts the user has stated, like their role or preferences, "
        "extracted with a schema and shown to the user. Facts are retrieved by relevance for each turn, so "
        "the context stays under about 2,000 tokens. Users can see, edit and delete what is remembered, and "
        "anything sensitive is not stored without consent. I'd evaluate with scripted multi-session "
        "conversations: does the assistant recall the right fact, and does it avoid stale ones after a user "
        "changes them. What goes wrong is stale or wrong facts persisting, so each fact has a timestamp and a"
        " source turn, and newer statements override older ones."
    ),
}

WRONG = {
    "latency-spikes-02": (
        "Six calls at 1.5 s is 9 s, so the quickest win is decoding speed: I'd bump temperature up to 0.9 so "
        "the model commits to tokens sooner, which in my experience trims each call by a third. Then I'd run "
        "all six calls in parallel, even the ones that use the previous step's output, since the model can "
        "infer what it needs. That got us from 9.2 s to 3.1 s on our last agent. I'd also drop the per-call "
        "timeout, because timeouts were causing most of our failures, and quality held at 94% on the prompts "
        "we developed the agent with."
    ),
    "model-choice-06": (
        "After a 3-hour outage the answer is a second provider, but you don't need to test the fallback much "
        "because the same prompt works on any model; they're all trained on the same internet. I'd configure "
        "automatic failover and keep retrying the primary until it comes back so we never lose a request. On "
        "my last team this took availability from 99.2% to 100%, and since the providers guarantee their "
        "SLAs, there's basically no residual risk. Multi-provider is always better, full stop."
    ),
    "hallucination-incident-05": (
        "The model is good at arithmetic now, so I'd let it calculate invoice totals and usage directly from "
        "the raw records we paste into the prompt; that removes a whole service. To prevent made-up numbers "
        "I'd add a line to the system prompt telling it never to invent figures, and set temperature to 0, "
        "which guarantees the same number every time. We did this for 40,000 customers and error reports "
        "dropped from 3% to 0.1%, and I validated it by rerunning the 500 conversations we had used to write "
        "the prompt."
    ),
    "eval-strategy-04": (
        "If the eval went from 81% to 88%, the product did improve; satisfaction lags and users are just slow"
        " to notice. I wouldn't change the eval set, since it's what we optimised on and it's the most stable"
        " signal we have. I'd add more of the cases we already pass to push the score to 95% and show "
        "leadership the trend. Surveys are noisy, so I'd stop tracking satisfaction for this quarter. On my "
        "last team this approach took our eval to 96% in two months."
    ),
    "cost-optimisation-06": (
        "Fewer chunks can't hurt, because the model only needs the best one and the rest is noise. I'd just "
        "cut to 5 everywhere today: it's a 75% cut in context tokens, $11,000 a month saved, and latency from"
        " 2.8 s to 1.6 s. There's no need to run an eval for this, the top-5 are by definition the most "
        "relevant. If anything we could go to 2."
    ),
    "system-design-06": (
        "At 2 million posts a day humans can't keep up, so the LLM decides and removes posts without review; "
        "appeals just re-run the same model on the same post, which is consistent by definition. I'd set "
        "temperature to 0 so decisions are identical and skip human review entirely to save $40,000 a month. "
        "Precision was 97% on the 1,000 posts we used to write the moderation prompt, so it's very reliable."
    ),
}

VAGUE = (
    "I would take a holistic approach and make sure we follow best practices. It's really important to align with "
    "stakeholders and keep things robust and scalable, then iterate based on feedback."
)


def test_these_questions_are_outside_the_calibration_set() -> None:
    assert not (set(GOOD) | set(WRONG)) & CALIBRATED


@pytest.mark.parametrize("key", sorted(GOOD))
def test_a_sound_answer_is_not_capped_and_passes(key: str) -> None:
    result = score_answer(load_bank().question(key), GOOD[key], None)
    assert result.capped is None and result.off_topic is None and result.traps == [], result.capped
    assert not result.stuffed
    assert result.score >= 50, result.criteria
    assert score_answer(load_bank().question(key), VAGUE, None).score <= 20


@pytest.mark.parametrize("key", sorted(WRONG))
def test_a_fluent_wrong_answer_is_caught(key: str) -> None:
    result = score_answer(load_bank().question(key), WRONG[key], None)
    assert result.score <= 30
    assert result.traps or any("certainty" in issue for issue in result.form_issues)


def test_no_outline_and_no_strong_fixture_springs_a_trap() -> None:
    bank = load_bank()
    for question in bank.all_questions():
        assert sprung(question, "\n\n".join(question.outline.model_dump().values())) == [], question.key
    for path in (Path(__file__).parent / "fixtures").glob("*.strong.md"):
        key = path.name.removesuffix(".strong.md")
        assert sprung(bank.question(key), path.read_text(encoding="utf-8")) == [], key
