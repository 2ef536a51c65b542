"""Benchmark: scoring one drill answer from the command line, against reading drill stats with the same command.

    uv run python bench/drill.py [--runs 5]

Each run spawns fresh processes in one session, so both sides share the machine's state:
- baseline: `proofwork drill stats --json` (starts the CLI, imports the record layer, opens the database and the
  learner: everything `drill score` does before and after scoring);
- score: `proofwork drill score --question ... --no-save --json` on a 230-word answer (the same, plus the bank,
  numpy and bm25s, the scoring data files, the BM25 index of the bank and the answer's judgement).
Then, in this process, every answer of the calibration set is scored warm (index built, data loaded).
The budget is score <= 1.6 x baseline (medians); the script exits 1 when it is over.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 1.6
ROOT = Path(__file__).resolve().parents[1]
ANSWER = json.loads((ROOT / "tests/grader/answers/data/drill_calibration.json").read_text(encoding="utf-8"))[26]


def _timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:3])} failed: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    cli = str(Path(sys.executable).parent / "proofwork")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "HOME": folder, "PROOFWORK_DB_URL": f"sqlite:///{folder}/bench.db"}
        env = {k: v for k, v in env.items() if not k.startswith("ANTHROPIC_")}
        init = [cli, "init", "--name", "Ada", "--current-role", "Prompt Engineer", "--target-role", "AI Engineer"]
        _timed([*init, "--start", "2026-11-02", "--hours", "10"], env)
        bank = [cli, "drill", "stats", "--json"]
        score = [cli, "drill", "score", "--theme", "eval-strategy", "--question", ANSWER["question_key"],
                 f"--answer={ANSWER['answer']}", "--no-save", "--json"]  # fmt: skip
        base, scored = [], []
        for _ in range(runs):
            base.append(_timed(bank, env))
            scored.append(_timed(score, env))
    ratio = statistics.median(scored) / statistics.median(base)
    print(f"drill stats  median {statistics.median(base):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in base)})")
    print(f"drill score  median {statistics.median(scored):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in scored)})")
    print(f"ratio {ratio:.2f}x (budget {BUDGET}x)")

    from curriculum.drills import load_bank
    from grader.answers import score_answer

    items = json.loads((ROOT / "tests/grader/answers/data/drill_calibration.json").read_text(encoding="utf-8"))
    bank_questions = load_bank()
    score_answer(bank_questions.question(items[0]["question_key"]), items[0]["answer"], None)  # warm
    started = time.perf_counter()
    for item in items:
        score_answer(bank_questions.question(item["question_key"]), item["answer"], item["seconds"])
    each = (time.perf_counter() - started) / len(items) * 1000
    print(f"warm, in process: {each:.0f} ms an answer over {len(items)} calibration answers")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
