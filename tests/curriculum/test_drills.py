"""The shipped bank loads and is big enough; a broken bank file fails with one line naming file and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from curriculum.drills import ANSWER_PARTS, DrillBank, bank_dir, load_bank, read_bank
from curriculum.errors import UserError
from grader.answers.signals import key_point_re

REQUIRED_THEMES = {
    "rag-design",
    "latency-spikes",
    "hallucination-incident",
    "model-choice",
    "eval-strategy",
    "cross-team",
    "agent-safety",
    "cost-optimisation",
}


@pytest.fixture(scope="module")
def bank() -> DrillBank:
    return load_bank()


def test_bank_has_enough_themes_and_questions(bank: DrillBank) -> None:
    keys = {theme.key for theme in bank.themes}
    assert keys >= REQUIRED_THEMES | {"system-design", "behavioural"}
    assert len(bank.themes) >= 8
    assert all(len(theme.questions) >= 6 for theme in bank.themes)
    assert len(bank.all_questions()) >= 60


def test_question_keys_are_unique_and_carry_their_theme(bank: DrillBank) -> None:
    keys = [q.key for q in bank.all_questions()]
    assert len(keys) == len(set(keys))
    for theme in bank.themes:
        for question in theme.questions:
            assert question.theme == theme.key
            assert question.key.startswith(theme.key + "-")


def test_every_question_is_complete(bank: DrillBank) -> None:
    for question in bank.all_questions():
        assert 4 <= len(question.key_points) <= 8, question.key
        assert question.pitfalls, question.key
        assert all(getattr(question.outline, part).strip() for part in ANSWER_PARTS)


def test_each_outline_mentions_most_of_its_own_key_points(bank: DrillBank) -> None:
    # If the model answer would miss its own key points, the match lists are wrong, not the answer.
    for question in bank.all_questions():
        outline = " ".join(question.outline.model_dump().values())
        hit = sum(bool(key_point_re(tuple(p.match)).search(outline)) for p in question.key_points)
        assert hit / len(question.key_points) >= 0.75, question.key


def test_lookups(bank: DrillBank) -> None:
    assert bank.theme("rag-design").title == "RAG design"
    assert bank.question("rag-design-03").theme == "rag-design"
    assert bank.questions("cross-team") == bank.theme("cross-team").questions
    assert bank.questions() == bank.all_questions()
    assert load_bank() is bank  # cached


def test_unknown_theme_lists_the_themes(bank: DrillBank) -> None:
    with pytest.raises(UserError) as raised:
        bank.theme("rag")
    message = str(raised.value)
    assert "'rag'" in message and "rag-design" in message and "behavioural" in message
    with pytest.raises(UserError):
        bank.questions("nope")


def test_unknown_question_is_a_user_error(bank: DrillBank) -> None:
    with pytest.raises(UserError, match="rag-design-99"):
        bank.question("rag-design-99")


# --- broken bank files ------------------------------------------------------------------


def _theme(key: str = "demo", **overrides: object) -> dict[str, object]:
    question = {
        "key": f"{key}-01",
        "prompt": "Your p95 is 9 s. What do you do?",
        "tests": "Troubleshooting.",
        "outline": {part: f"The {part}." for part in ANSWER_PARTS},
        "key_points": [{"point": f"point {n}", "match": [f"word{n}"]} for n in range(4)],
        "pitfalls": ["Guessing."],
    }
    theme: dict[str, object] = {
        "key": key,
        "title": "Demo",
        "tests": "Something.",
        "pattern": "Six parts.",
        "questions": [question],
    }
    theme.update(overrides)
    return theme


def _write(folder: Path, name: str, data: object) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_valid_custom_bank_reads(tmp_path: Path) -> None:
    _write(tmp_path, "demo", _theme())
    bank = read_bank(tmp_path)
    assert [q.key for q in bank.all_questions()] == ["demo-01"]


def test_missing_field_names_file_and_field_in_one_line(tmp_path: Path) -> None:
    data = _theme()
    del data["questions"][0]["outline"]["failure"]  # type: ignore[index]
    path = _write(tmp_path, "demo", data)
    with pytest.raises(UserError) as raised:
        read_bank(tmp_path)
    message = str(raised.value)
    assert "\n" not in message
    assert str(path) in message and "questions[0].outline.failure" in message


def test_too_few_key_points_is_reported(tmp_path: Path) -> None:
    data = _theme()
    data["questions"][0]["key_points"] = data["questions"][0]["key_points"][:3]  # type: ignore[index]
    _write(tmp_path, "demo", data)
    with pytest.raises(UserError, match=r"questions\[0\]\.key_points"):
        read_bank(tmp_path)


def test_unknown_field_is_an_error_not_ignored(tmp_path: Path) -> None:
    _write(tmp_path, "demo", _theme(titel="typo"))
    with pytest.raises(UserError, match="titel"):
        read_bank(tmp_path)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text("key: demo\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"demo\.yaml: invalid YAML at line \d"):
        read_bank(tmp_path)


def test_theme_key_must_match_file_name(tmp_path: Path) -> None:
    _write(tmp_path, "other", _theme())
    with pytest.raises(UserError, match=r"other\.yaml: key: 'demo' must match"):
        read_bank(tmp_path)


def test_question_key_must_belong_to_its_theme(tmp_path: Path) -> None:
    data = _theme()
    data["questions"][0]["key"] = "rag-design-01"  # type: ignore[index]
    _write(tmp_path, "demo", data)
    with pytest.raises(UserError, match=r"questions\[0\]\.key: 'rag-design-01' must look like 'demo-01'"):
        read_bank(tmp_path)


def test_duplicate_question_keys_are_rejected(tmp_path: Path) -> None:
    data = _theme()
    data["questions"] = [data["questions"][0], data["questions"][0]]  # type: ignore[index]
    _write(tmp_path, "demo", data)
    with pytest.raises(UserError, match="'demo-01' is already used"):
        read_bank(tmp_path)


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    _write(tmp_path, "demo", ["just", "a", "list"])
    with pytest.raises(UserError, match="expected a mapping"):
        read_bank(tmp_path)


def test_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no drill themes"):
        read_bank(tmp_path)


def test_bank_dir_is_inside_content() -> None:
    assert bank_dir().parent.name == "content"
    assert (bank_dir() / "rag-design.yaml").is_file()
