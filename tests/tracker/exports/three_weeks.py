"""Three weeks of a learner's record, built as a learner builds it: the real command line on a real SQLite file.

Dates are relative to today (day 1 was 20 days ago), so every command's date rules hold on the day the tests
run. The record has two projects, artifacts of several kinds with metrics typed as people type them (decimal
commas, scientific notation, percent signs on both numbers), decisions with rejected alternatives, a story, a
job-market study that must stay off the resume, contact details, a job, a written retro, and a week whose proof
shipped six days late.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

START = date.today() - timedelta(days=20)
RAG_REPO = "https://github.com/grace/support-rag"
INVOICE_REPO = "https://github.com/grace/invoice-extractor"
EVAL_LINK = f"{RAG_REPO}/pull/12"
DASHBOARD_LINK = f"{RAG_REPO}/blob/main/docs/dashboard.md"
DEMO_LINK = f"{INVOICE_REPO}#demo"
CONTACT = {
    "email": "grace@example.com",
    "location": "Lisbon, Portugal",
    "github": "https://github.com/grace",
    "linkedin": "https://www.linkedin.com/in/grace-h",
    "website": "https://grace.dev",
}


def day(n: int) -> str:
    """Day n of the plan (day 1 is START) as YYYY-MM-DD."""
    return (START + timedelta(days=n - 1)).isoformat()


def ok(result: Any) -> Any:
    assert result.code == 0, result.err
    return result


def build_three_weeks(cli: Callable[..., Any]) -> None:
    ok(cli("init", "--name", "Grace", "--current-role", "Prompt Engineer", "--target-role", "AI Engineer",
           "--start", START.isoformat(), "--hours", "8"))  # fmt: skip
    ok(cli("profile", "edit", "--email", "grace@example.com", "--location", "Lisbon, Portugal",
           "--github", "@grace", "--linkedin", "in/grace-h", "--website", "grace.dev"))  # fmt: skip
    ok(cli("experience", "add", "--role", "Prompt Engineer", "--organisation", "Acme Support",
           "--location", "Remote", "--start", "Sep 2022",
           "--summary", "Owned the prompts behind the support assistant",
           "--highlight", "Cut escalations from 18% to 11% with a rewritten triage prompt",
           "--highlight", "Ran a weekly review of 50 assistant answers with the support leads"))  # fmt: skip
    # Self-ratings: a 5 and a 4 that no artifact shows; neither may reach the resume.
    ok(cli("assess", "--score", "instruction_design=4", "--score", "data_handling=2", "--score", "evaluation=3",
           "--score", "backend_integration=2", "--score", "model_economics=2",
           "--score", "safety_compliance=4", "--score", "product_thinking=5"))  # fmt: skip

    # Week 1: the job-market study (real proof for the plan, not for an employer).
    ok(cli("artifact", "add", "--week", "1", "--kind", "job-research", "--title", "Role brief: 20 JDs tallied",
           "--date", day(6)))  # fmt: skip
    ok(cli("log", "--minutes", "60", "read job descriptions", "--date", day(1)))
    ok(cli("log", "--minutes", "45", "tallied skills", "--date", day(3)))
    ok(cli("task", "done", "w01-collect-job-descriptions"))

    # Week 2: the invoice extractor; its demo is the week's proof and ships six days after the week ended.
    ok(cli("project", "add", "--name", "Invoice Extractor",
           "--problem", "finance clerks retype 300 invoices a week into the ledger",
           "--users", "accounts-payable clerks", "--non-goals", "no payment approval",
           "--repo", INVOICE_REPO))  # fmt: skip
    ok(cli("artifact", "add", "--project", "Invoice Extractor", "--week", "2", "--kind", "demo",
           "--title", "Invoice extraction CLI", "--description", "PDF in, validated JSON out",
           "--link", DEMO_LINK, "--metric", "field accuracy=0,81->0,93",
           "--metric", "cost per invoice=2e-3->8e-4 USD", "--date", day(20)))  # fmt: skip
    ok(cli("decision", "add", "--project", "Invoice Extractor", "--layer", "prompt_orchestration",
           "--decision", "one extraction prompt bound to a JSON schema",
           "--metric", "field accuracy 0.81 -> 0.93",
           "--rejected", "a regex pipeline: too brittle on new invoice layouts"))  # fmt: skip
    ok(cli("log", "--minutes", "90", "schema and prompt", "--date", day(9)))
    ok(cli("log", "--minutes", "30", "demo recording", "--date", day(20)))
    ok(cli("retro", "add", "--week", "2", "--shipped", "extraction prompt", "--slipped", "the demo, by a week"))

    # Week 3: the support RAG, an eval report and a dashboard, both on time.
    ok(cli("project", "add", "--name", "Support RAG",
           "--problem", "support agents wait minutes for answers buried in a 4,000-page wiki",
           "--users", "tier-1 support agents", "--constraints", "EU data residency; p95 under 2 s",
           "--non-goals", "no voice channel", "--repo", RAG_REPO))  # fmt: skip
    ok(cli("artifact", "add", "--project", "Support RAG", "--week", "3", "--kind", "eval-report",
           "--title", "Retrieval eval on 120 labelled queries", "--link", EVAL_LINK,
           "--metric", "recall@5=0.62->0.81", "--metric", "hallucination rate=12%->4%",
           "--date", day(17)))  # fmt: skip
    ok(cli("artifact", "add", "--project", "Support RAG", "--week", "3", "--kind", "dashboard",
           "--title", "Latency and error dashboard", "--link", DASHBOARD_LINK,
           "--metric", "latência p95=4,2->1,8 s", "--metric", "error rate=3.1->0.4 %", "--date", day(19)))  # fmt: skip
    ok(cli("decision", "add", "--project", "Support RAG", "--layer", "data_retrieval",
           "--decision", "hybrid BM25 and vector search", "--metric", "recall@5 from 0.62 to 0.81",
           "--rejected", "vector-only search: missed exact product codes"))  # fmt: skip
    ok(cli("decision", "add", "--project", "Support RAG", "--layer", "evaluation",
           "--decision", "block merges when recall@5 drops more than 2 points",
           "--failure", "the LLM judge drifted after a prompt change",
           "--mitigation", "weekly calibration on 20 human-labelled answers",
           "--rejected", "manual spot checks"))  # fmt: skip
    ok(cli("decision", "add", "--project", "Support RAG", "--layer", "runtime_infra",
           "--decision", "cache answers for an hour", "--metric", "latência p95 under 2 s",
           "--rejected", "a bigger model, because it doubled p95"))  # fmt: skip
    ok(cli("story", "add", "--title", "The judge that drifted", "--project", "Support RAG",
           "--problem", "scores rose while answers got worse", "--failure", "the judge drifted",
           "--iteration", "calibrate the judge weekly", "--theme", "eval-strategy"))  # fmt: skip
    ok(cli("log", "--minutes", "120", "labelled queries", "--date", day(16)))
    ok(cli("log", "--minutes", "75", "dashboard", "--date", day(19)))
    ok(cli("task", "done", "w03-label-queries"))
