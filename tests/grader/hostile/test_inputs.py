"""Every hostile input gives a grade, or one line and exit code 2: never a traceback."""

from __future__ import annotations

import logging

import pytest

from .conftest import fast_import, one_line, plain_git


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://github.com:abc/a/b", "not a valid URL"),
        ("https://github.com:99999/a/b", "not a valid URL"),
        ("https://[::1/a/b", "not a valid URL"),
        ("https://github.com＃@evil.example/a/b", "plain ASCII"),
        ("https://ｇithub.com/a/b", "plain ASCII"),
        ("https://github.com/a/b\u202e", "plain ASCII"),
    ],
)
def test_bad_urls_are_one_line(grade, url, words):
    code, _, _, err = grade(url)
    assert words in one_line(code, err)


def test_non_utf8_and_control_character_file_names(tmp_path, grade):
    files = {
        b"caf\xe9.py": "x = 1\n",
        b"esc\x1b]0;owned\x07\x1b[2J.py": "y = 2\n",
        "README.md": "# Demo\n",
    }
    code, report, _, _ = grade(fast_import(tmp_path / "r", files))
    assert code == 0 and report["coverage"]["files_read"] == 3


def test_a_missing_tree_is_one_line(tmp_path, grade):
    git_dir = fast_import(tmp_path / "r", {"a.py": "x = 1\n"})
    tree = plain_git(git_dir, "rev-parse", "main^{tree}").decode().strip()
    for pack in list((git_dir / "objects" / "pack").glob("*.pack")):  # fast-import packs: unpack to loose
        data = pack.read_bytes()
        for part in pack.parent.glob(pack.stem + ".*"):
            part.unlink()
        plain_git(git_dir, "unpack-objects", "-q", input=data)
    (git_dir / "objects" / tree[:2] / tree[2:]).unlink()
    code, _, _, err = grade(tmp_path / "r")
    assert "cannot read" in one_line(code, err)


def test_a_parser_crash_costs_one_file(tmp_path, grade, monkeypatch, capsys):
    """lizard raised IndexError on one TypeScript file of a real repository: that file goes unmeasured, the
    code-health dimension stays, and the report says so in one line; stderr stays clean."""
    import lizard

    real = lizard.analyze_file.analyze_source_code

    def fragile(path, text):
        if path.endswith("crash.ts"):
            raise IndexError("list index out of range")
        return real(path, text)

    monkeypatch.setattr(lizard.analyze_file, "analyze_source_code", fragile)
    logging.getLogger("grader").setLevel(logging.INFO)
    files = {
        "web/crash.ts": "export const f = (x: number) => x + 1;\n",
        "web/ok.ts": "export function g(a: number) { if (a) { return 1 } return 2 }\n",
        "app.py": "def h(x):\n    return x\n",
    }
    code, report, _, err = grade(fast_import(tmp_path / "r", files))
    assert code == 0 and "IndexError" not in err and "Traceback" not in err
    health = report["dimensions"]["code_health"]
    assert health["score"] is not None
    assert all(f["outcome"] != "error" for f in health["findings"])
    assert any("web/crash.ts" in note and "lizard" in note for note in report["notes"])
    assert report["coverage"]["js_files_measured"] == 1
