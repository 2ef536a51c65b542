"""Benchmark: grade a large real repository cold and warm, against radon's own CLIs on the same files.

    uv run python bench/grade.py [REPO]      (default: a langgraph mirror if one is on this machine)

Prints the ratios the grader is held to: cold grade <= 0.2x (radon cc + mi + raw), regrade of the same
commit <= 0.2x cold, no file over 2 s, peak memory <= 500 MB, both cores busy while measuring.
Nothing is cloned and nothing of the graded repository is kept.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_REPO = Path("/work/.mirror/langchain-ai+langgraph/repo")


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _radon(command: str, folder: Path) -> float:
    started = time.perf_counter()
    args = [sys.executable, "-m", "radon", command, str(folder)]
    if command == "cc":
        args.insert(4, "-s")
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", nargs="?", default=str(DEFAULT_REPO))
    parser.add_argument("--skip-radon", action="store_true", help="only time the grader")
    args = parser.parse_args()
    repo = Path(args.repo)
    if not repo.exists():
        print(f"no repository at {repo}; pass one (any local git repository)", file=sys.stderr)
        return 2

    from grader.grade import grade_repository
    from grader.settings import GraderSettings

    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())  # other work on the machine skews timings
    scratch = Path(tempfile.mkdtemp(prefix="proofwork-bench-"))
    try:
        settings = GraderSettings(cache_dir=scratch / "cache")
        cpu0, started = _cpu(), time.perf_counter()
        cold = grade_repository(str(repo), settings=settings)
        cold_s = time.perf_counter() - started
        cold_cpu = _cpu() - cpu0
        started = time.perf_counter()
        warm = grade_repository(str(repo), settings=settings)
        warm_s = time.perf_counter() - started
        assert warm.overall == cold.overall and warm.commit == cold.commit
        # The same regrade without reusing the commit's grade: only per-file metrics come from the cache.
        started = time.perf_counter()
        rescan = grade_repository(str(repo), settings=settings.model_copy(update={"reuse_grades": False}))
        rescan_s = time.perf_counter() - started
        assert rescan.overall == cold.overall

        # The same Python files the grader measured, written out for radon's CLIs.
        from grader.detect import load_tables
        from grader.snapshot import read_snapshot
        from grader.source import open_target

        checkout = open_target(str(repo), None, settings)
        snapshot = read_snapshot(checkout.git_dir, checkout.commit, settings, load_tables().skip)
        folder = scratch / "files"
        python = [f for f in snapshot.files.values() if f.kind == "python"]
        for file in python:
            target = folder / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(file.text, encoding="utf-8")
        lines = sum(f.text.count("\n") for f in python)
        print(f"repository: {repo} @ {cold.commit[:12]}")
        print(f"files read: {cold.coverage.files_read}, Python files: {len(python)} ({lines} lines)")
        print(f"cores: {os.cpu_count()}, load average at start: {load_before}")
        print(f"grade: overall {cold.overall}, assessed {cold.coverage.rubric_weight_assessed:.0%}")
        print(f"cold grade: {cold_s:.2f} s  (stages: {cold.timings})")
        print(f"cold CPU/wall: {cold_cpu / cold_s:.2f} (above 1 means more than one core was busy)")
        work, wall = cold.timings.get("metrics_file_s", 0.0), cold.timings.get("metrics", 1.0)
        print(f"metrics: {work:.1f} s of per-file work in {wall:.1f} s wall = {work / wall:.2f} at once")
        print(f"regrade, same commit: {warm_s:.2f} s  = {warm_s / cold_s:.3f}x cold (target <= 0.2)")
        print(f"regrade re-running probes (metrics from cache): {rescan_s:.2f} s = {rescan_s / cold_s:.3f}x")
        print(f"slowest single file: {cold.timings.get('slowest_file_s', 0):.2f} s (target <= 2)")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: grader process {own:.0f} MB, largest worker {kids:.0f} MB (target <= 500)")
        if not args.skip_radon:
            cpu0 = _cpu()
            radon = {cmd: _radon(cmd, folder) for cmd in ("cc", "mi", "raw")}
            radon_cpu = _cpu() - cpu0
            total = sum(radon.values())
            shown = ", ".join(f"radon {k} {v:.1f} s" for k, v in radon.items())
            print(f"{shown}; total {total:.1f} s")
            print(f"cold grade / radon total: {cold_s / total:.3f}x (target <= 0.2)")
            # CPU seconds compare work done, whatever else the machine was running at the time.
            print(f"CPU seconds: grade {cold_cpu:.1f}, radon {radon_cpu:.1f} = {cold_cpu / radon_cpu:.3f}x")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
