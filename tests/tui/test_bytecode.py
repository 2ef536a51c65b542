"""Bytecode goes to proofwork's cache folder only where Python could not write it itself."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.cli import bytecode


@pytest.fixture
def python_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def test_dont_write_bytecode_writes_into_the_cache_folder(python_state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    bytecode.cache_bytecode()
    assert sys.pycache_prefix == str(python_state / "cache" / "proofwork" / "bytecode")
    assert sys.dont_write_bytecode is False
    assert Path(sys.pycache_prefix).is_dir()


def test_read_only_install_writes_into_the_cache_folder(python_state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bytecode, "_install_is_writable", lambda: False)
    bytecode.cache_bytecode()
    assert sys.pycache_prefix == str(python_state / "cache" / "proofwork" / "bytecode")


def test_a_writable_install_is_left_as_python_has_it(python_state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bytecode, "_install_is_writable", lambda: True)
    bytecode.cache_bytecode()
    assert sys.pycache_prefix is None


def test_a_chosen_prefix_is_kept(python_state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", "/somewhere/chosen")
    bytecode.cache_bytecode()
    assert sys.pycache_prefix == "/somewhere/chosen"
    assert sys.dont_write_bytecode is True
