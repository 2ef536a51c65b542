"""Our linear raw counts and MI agree with radon; the cache and the pool are real; files are time-boxed."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from radon.metrics import mi_visit
from radon.raw import analyze

from grader.metrics import MetricsCache, collect_metrics, measure, measure_python
from grader.rawcount import _raw_counts_scan, _raw_counts_tokenize, raw_counts
from grader.snapshot import RepoFile

SAMPLES = [
    textwrap.dedent(
        '''
        """Module docstring
        spanning lines."""
        import os  # inline comment

        # a comment line

        def f(a: int, b: int = 2) -> int:
            """One-line docstring."""
            if a: return b
            x = {a: b}; y = lambda z: z
            data = [
                1,  # one

                2,
            ]
            return x, y, data


        class C:
            value: int = 3

            def m(self) -> str:
                s = """not a
        docstring"""
                return s
        '''
    ),
    "x = 1\n\n\n",
    "",
    "# only a comment\n",
    "if (n := len(x)) > 3: y = x[1:2]; z = {'a': 1}\nw = lambda q: q\n",
    'path = r"C:\\dir" + rb\'\\\'q\' + f"{x!r:>10}"  # mixed\n',
    "total = 1 + \\\n    2\nnames = [\n    'a',  # first\n\n    '''b\n    c''',\n]\n",
    "def f():\n    '''doc'''  # trailing comment\n    return '#not a comment'\n",
    "x = 1\r\ny = '''a\r\nb'''\r\n",
    "def g():\n    for i in range(3):\n        while i:\n            i -= 1\n"
    "    try:\n        pass\n    except E: pass\n",
]


@pytest.mark.parametrize("source", SAMPLES)
def test_raw_counts_and_mi_match_radon(source):
    radon = analyze(source)
    mine = raw_counts(source)
    for key in ("loc", "lloc", "sloc", "comments", "multi", "blank", "single_comments"):
        assert mine[key] == getattr(radon, key), key
    assert _raw_counts_scan(source) == _raw_counts_tokenize(source) == mine
    measured = measure_python(source)
    assert measured["mi"] == pytest.approx(mi_visit(source, True), abs=0.01)


def test_functions_carry_name_line_and_complexity():
    result = measure_python(SAMPLES[0])
    by_name = {name: (line, cc) for name, line, _end, cc in result["functions"]}
    assert by_name["f"][0] == 8
    assert by_name["C.m"][1] == 1


def _literal_file(rows: int) -> str:
    return "def f(x):\n    return x\n\nDATA = [\n" + "".join(f"    ({i}, 'row {i}'),\n" for i in range(rows)) + "]\n"


def _lines_run(function: Callable[..., object], *args: object) -> int:
    """How many lines of Python `function` runs: a count of work that no other load on the machine changes."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        count += event == "line"
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        function(*args)
    finally:
        sys.settrace(previous)
    return count


def test_large_literal_file_is_measured_whole_in_linear_work():
    # radon's own raw analysis is quadratic on a literal like this; ours is one scan. Counted in lines of
    # Python run, not seconds: twice the rows, twice the work (a quadratic scan would be four times).
    _, _, result = measure(("sha", "python", "big.py", _literal_file(20_000), 60.0))
    assert result["ok"] and result["loc"] == 20_005 and result["mi"] is not None and "partial" not in result
    small, double = (_lines_run(raw_counts, _literal_file(rows)) for rows in (2_000, 4_000))
    assert 1.8 < double / small < 2.2


def test_time_box_keeps_complexity_when_the_rest_runs_long(monkeypatch):
    import time

    import grader.metrics

    finished: list[str] = []  # what ran to its end: the box must stop the slow stage, not wait for it

    def slow(*args: object) -> None:
        time.sleep(5)
        finished.append("slow stage")

    monkeypatch.setattr(grader.metrics, "raw_counts", slow)
    _, _, boxed = measure(("sha", "python", "slow.py", "def f(x):\n    return x\n", 0.3))
    assert boxed["ok"] and boxed["functions"] and "skipped" in boxed["partial"]  # complexity kept, MI cut
    assert finished == []
    monkeypatch.setattr(grader.metrics, "measure_python", slow)
    _, _, nothing = measure(("sha", "python", "slow.py", "x = 1\n", 0.3))
    assert not nothing["ok"] and nothing["timed_out"] and finished == []


def test_facts_cut_short_by_the_time_box_leave_every_metric_in(monkeypatch):
    """The worker's facts come last in the box: cut short, the file keeps its metrics and no 'skipped' note
    (the facts layer then reads the file itself)."""
    import time

    import grader.facts.python

    def slow(tree: object) -> None:
        time.sleep(5)

    monkeypatch.setattr(grader.facts.python, "facts_of_tree", slow)
    _, _, result = measure(("sha", "python", "slow.py", "def f(x):\n    return x\n", 0.3))
    assert result["ok"] and result["mi"] is not None and result["functions"]
    assert "facts" not in result and "partial" not in result


def test_worker_facts_equal_the_facts_layer_on_a_large_file():
    """Every Python file's facts come from the worker's own parse (no size above which it parses twice)."""
    from grader.facts.python import FACTS_VERSION, python_facts

    head = "import anthropic\nclient = anthropic.Anthropic(timeout=30)\n"
    text = head + "x = client.messages.create(model='m')\n" * 9_000
    assert len(text) > 300_000
    _, _, result = measure(("sha", "python", "big.py", text, 60.0))
    assert result["facts"] == [FACTS_VERSION, python_facts(text)]


def test_python2_and_js(tmp_path):
    _, _, py2 = measure(("a", "python", "old.py", 'print "x"\n', 2.0))
    assert not py2["ok"] and py2["line"] == 1
    js = "function f(a) { if (a) { return 1 } else if (a > 2) { return 2 } return 3 }\n"
    _, _, result = measure(("b", "js", "f.js", js, 2.0))
    assert result["ok"] and result["functions"][0][0] == "f" and result["functions"][0][3] == 3


def _files(count: int) -> list[RepoFile]:
    return [
        RepoFile(
            path=f"m{i}.py",
            sha=f"{i:040x}",
            size=30,
            text=f"def f{i}(x):\n    return x + {i}\n",
            kind="python",
        )
        for i in range(count)
    ]


def test_cache_by_blob_sha_and_process_pool(tmp_path: Path):
    cache = tmp_path / "metrics.sqlite"
    files = _files(40)
    cold = collect_metrics(files, cache, workers=2, timeout=2.0)  # 40 misses: measured in two worker processes
    assert cold.cache_hits == 0 and len(cold.python_ok()) == 40
    warm = collect_metrics(files, cache, workers=2, timeout=2.0)
    assert warm.cache_hits == 40
    assert warm.results == cold.results
    stored = MetricsCache(cache)
    assert len(stored.get_many([MetricsCache.key("python", f.sha) for f in files])) == 40
    stored.close()
