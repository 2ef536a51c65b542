"""The on-disk answer cache on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from grader.claude import AnswerCache, default_cache_dir
from grader.claude.cache import content_hash
from tests.grader.claude.conftest import Review


def test_round_trip(tmp_path: Path):
    cache = AnswerCache(tmp_path)
    key = AnswerCache.key(content_hash=content_hash({"a": 1}), model="m", prompt_version="1")
    assert cache.get(key, Review) is None
    path = cache.put(key, Review(score=3, summary="ok"), model="m-20260101")
    assert path.is_file() and path.is_relative_to(tmp_path)
    hit = cache.get(key, Review)
    assert hit is not None
    assert hit.parsed == Review(score=3, summary="ok") and hit.model == "m-20260101"
    assert list(tmp_path.rglob(".tmp-*")) == []


def test_key_depends_on_content_model_and_prompt_version():
    base = {"content_hash": content_hash({"a": 1}), "model": "m", "prompt_version": "1"}
    keys = {
        AnswerCache.key(**base),
        AnswerCache.key(**{**base, "content_hash": content_hash({"a": 2})}),
        AnswerCache.key(**{**base, "model": "n"}),
        AnswerCache.key(**{**base, "prompt_version": "2"}),
    }
    assert len(keys) == 4


def test_content_hash_ignores_key_order():
    assert content_hash({"a": 1, "b": [1, 2]}) == content_hash({"b": [1, 2], "a": 1})


def test_damaged_entry_is_a_miss(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    cache = AnswerCache(tmp_path)
    key = AnswerCache.key(content_hash="x", model="m", prompt_version="1")
    cache.put(key, Review(score=3, summary="ok"), model="m")
    path = next(tmp_path.rglob(f"{key}.json"))
    path.write_text("{not json")
    assert cache.get(key, Review) is None
    assert "unreadable" in caplog.text


def test_entry_that_no_longer_validates_is_a_miss(tmp_path: Path):
    class Other(BaseModel):
        verdict: bool

    cache = AnswerCache(tmp_path)
    key = AnswerCache.key(content_hash="x", model="m", prompt_version="1")
    cache.put(key, Review(score=3, summary="ok"), model="m")
    assert cache.get(key, Other) is None


def test_default_directory_is_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "proofwork" / "claude"
    assert AnswerCache().directory == tmp_path / "proofwork" / "claude"
