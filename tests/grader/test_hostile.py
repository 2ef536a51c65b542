"""Hostile input: each case gives a grade or one clear line with exit 2; never a traceback or a read
outside the repository."""

from __future__ import annotations

import json

from tui.cli.app import run


def grade_json(capsys, target: str, *extra: str) -> tuple[int, dict | None, str]:
    code = run(["grade", "--format", "json", *extra, "--", target])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code in (0, 1) and out.strip() else None), err


def one_line_error(capsys, argv: list[str]) -> str:
    code = run(argv)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


def skipped(report: dict) -> dict[str, str]:
    return {s["path"]: s["reason"] for s in report["skipped"]}


def test_ext_url_is_refused(capsys):
    assert "transport" in one_line_error(capsys, ["grade", "--", "ext::sh -c 'touch /tmp/pwned'"])


def test_dash_url_is_refused(capsys):
    assert "'-'" in one_line_error(capsys, ["grade", "--", "-uhttps://github.com/a/b"])


def test_host_not_allowed(capsys):
    assert "not allowed" in one_line_error(capsys, ["grade", "https://gitlab.com/ada/rag"])


def test_dash_ref_is_refused(capsys, make_repo):
    repo = make_repo({"a.py": "x = 1\n"})
    assert "refusing ref" in one_line_error(capsys, ["grade", str(repo.path), "--ref", "--output=/tmp/x"])


def test_path_that_is_not_a_repository(capsys, tmp_path):
    (tmp_path / "plain").mkdir()
    assert "not a git repository" in one_line_error(capsys, ["grade", str(tmp_path / "plain")])


def test_folder_inside_a_repository_is_not_a_repository(capsys, make_repo):
    repo = make_repo({"sub/a.py": "x = 1\n"})
    assert "not a git repository" in one_line_error(capsys, ["grade", str(repo.path / "sub")])


def test_missing_path(capsys, tmp_path):
    assert "does not exist" in one_line_error(capsys, ["grade", str(tmp_path / "nope")])


def test_repository_with_no_commits(capsys, make_repo):
    repo = make_repo()
    assert "no commits" in one_line_error(capsys, ["grade", str(repo.path)])


def test_symlink_to_etc_passwd_is_never_followed(capsys, make_repo):
    repo = make_repo({"app.py": "print('hi')\n"})
    (repo.path / "passwd.py").symlink_to("/etc/passwd")
    (repo.path / "docs").symlink_to("/etc")
    repo.commit("Add links")
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    assert skipped(report)["passwd.py"].startswith("symlink")
    assert skipped(report)["docs"].startswith("symlink")
    assert "root:" not in json.dumps(report)


def test_50_mb_file_is_skipped(capsys, make_repo):
    repo = make_repo({"app.py": "x = 1\n", "data/big.csv": "a,b\n" + "1,2\n" * (50 * 1024 * 1024 // 4)})
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    assert "over" in skipped(report)["data/big.csv"]


def test_binary_named_py_and_nul_byte_source(capsys, make_repo):
    repo = make_repo(
        {
            "model.py": bytes(range(256)) * 64,
            "nul.py": b"def f():\n    return 1\n\x00\nx = 2\n",
            "ok.py": "def g():\n    return 2\n",
        }
    )
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    assert skipped(report)["model.py"].startswith("binary")
    assert skipped(report)["nul.py"].startswith("binary")
    assert report["coverage"]["python_files_measured"] == 1


def test_python2_syntax_is_reported_not_crashed(capsys, make_repo):
    repo = make_repo({"old.py": 'print "hello"\nexec "x = 1"\n', "new.py": "def f(x):\n    return x\n"})
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    parse = next(f for f in report["dimensions"]["code_health"]["findings"] if f["probe"] == "code_health.parse")
    assert parse["outcome"] == "failed"
    assert parse["evidence"][0]["path"] == "old.py"
    assert parse["evidence"][0]["start_line"] == 1


def test_non_utf8_text_is_decoded_with_replacement(capsys, make_repo):
    repo = make_repo(
        {"legacy.py": "name = 'caf\xe9'\n".encode("latin-1"), "README.md": "# caf\xe9\n".encode("latin-1")}
    )
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    assert report["coverage"]["files_read"] == 2


def test_twenty_thousand_tiny_files(capsys, make_repo):
    repo = make_repo()
    for i in range(20_000):
        repo.write(f"pkg{i // 1000}/m{i}.txt", "x\n")
    repo.write("README.md", "# many files\n")
    repo.commit("Add many files")
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    assert report["coverage"]["files_total"] == 20_001
    assert report["coverage"]["files_read"] == 10_000
    capped = [s for s in report["skipped"] if "cap" in s["reason"]]
    assert capped and capped[0]["count"] == 10_001
    assert "README.md" not in skipped(report)  # shallow files survive the cap


def test_notebook_with_broken_json(capsys, make_repo):
    repo = make_repo(
        {"nb/explore.ipynb": '{"cells": [ {"cell_type": "code", "source": ["import os"', "a.py": "x = 1\n"}
    )
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    assert "not valid JSON" in skipped(report)["nb/explore.ipynb"]


def test_lfs_pointer(capsys, make_repo):
    pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 123456789\n"
    repo = make_repo({"models/weights.py": pointer, "a.py": "x = 1\n"})
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    assert "LFS" in skipped(report)["models/weights.py"]


def test_vendored_trees_are_listed_once(capsys, make_repo):
    files = {f"node_modules/pkg{i}/index.js": "module.exports = 1\n" for i in range(30)}
    files |= {"web/app.min.js": "var a=1;", "src/app.js": "export const f = (x) => x + 1;\n"}
    repo = make_repo(files)
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    entries = {s["path"]: s for s in report["skipped"]}
    assert entries["node_modules/"]["count"] == 30
    assert "app.min.js" in " ".join(entries)
    assert report["coverage"]["js_files_measured"] == 1


def test_missing_blob_is_reported(capsys, make_repo, tmp_path):
    repo = make_repo({"a.py": "x = 1\n", "b.py": "y = 2\n"})
    sha = (
        repo.show("HEAD", "b.py")
        and __import__("subprocess")
        .run(["git", "rev-parse", "HEAD:b.py"], cwd=repo.path, capture_output=True, text=True, check=True)
        .stdout.strip()
    )
    (repo.path / ".git" / "objects" / sha[:2] / sha[2:]).unlink()
    code, report, _ = grade_json(capsys, str(repo.path))
    assert code == 0
    assert "missing" in skipped(report)["b.py"]


def test_bare_repository(capsys, make_repo, tmp_path):
    repo = make_repo({"a.py": "x = 1\n"})
    from tests.grader.conftest import git

    git(tmp_path, "clone", "-q", "--bare", str(repo.path), str(tmp_path / "bare.git"))
    code, report, _ = grade_json(capsys, str(tmp_path / "bare.git"))
    assert code == 0
    assert report["coverage"]["files_read"] == 1
