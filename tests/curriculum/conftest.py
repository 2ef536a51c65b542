"""Shared fixtures: the shipped catalog, and a writable copy of the content folder to break on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from curriculum.catalog import Catalog, load_catalog
from curriculum.resources import content_dir


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A full copy of `content/` at `tmp_path/content`, so messages read `content/<file>` as in real use."""
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


@pytest.fixture
def edit_yaml(content_copy: Path) -> Callable[[str, Callable[[Any], None]], None]:
    """Load a copied YAML file, let the test change the data, and write it back."""

    def edit(relative: str, change: Callable[[Any], None]) -> None:
        path = content_copy / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    return edit
