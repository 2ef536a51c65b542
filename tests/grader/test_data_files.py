"""The grader's own data files (detection tables, rubric, secret rules, prices, templates) load through
`curriculum.yaml_models`: any problem is one line naming the file and the field, in the one format."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.errors import UserError
from grader.detect import load_tables
from grader.secret_rules import load_rules


def _tables(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "skip.yaml").write_text("folders: [vendor]\n", encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_detection_tables_load_and_keep_their_settings(tmp_path: Path) -> None:
    folder = _tables(tmp_path, llm="signals:\n  sdk:\n    - {name: OpenAI, imports: [openai]}\nscopes: {sdk: code}\n")
    tables = load_tables(folder)
    assert [s.name for s in tables.signals("llm.sdk")] == ["OpenAI"]
    assert tables.setting("llm", "scopes") == {"sdk": "code"} and "signals" not in tables.config["llm"]
    assert tables.skip.folders == ["vendor"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"llm": "signals:\n  sdk:\n    - {imports: [openai]}\n"}, r"llm\.yaml: signals\.sdk\[0\]\.name: field"),
        ({"llm": "signals:\n  sdk:\n    - {name: x, imports: 3}\n"}, r"llm\.yaml: signals\.sdk\[0\]\.imports: "),
        ({"llm": "signals: [\n"}, r"llm\.yaml: invalid YAML at line 2"),
        ({"llm": "- a list\n"}, r"llm\.yaml: expected a mapping of keys at the top level"),
        ({"skip": "generated_folders: [dist]\n"}, r"skip\.yaml: folders: field required"),
    ],
)
def test_a_broken_detection_table_is_one_line_naming_file_and_field(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    with pytest.raises(UserError, match=message) as raised:
        load_tables(_tables(tmp_path, **files))
    assert "\n" not in str(raised.value)


def test_broken_secret_rules_are_one_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"rules\.yaml: invalid YAML at line 2"):
        load_rules(rules)
    with pytest.raises(UserError, match=r"absent\.yaml: file missing"):
        load_rules(tmp_path / "absent.yaml")
