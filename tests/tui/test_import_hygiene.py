"""The start-up path stays light: what the first frame needs loads, what it does not is imported where used.

Measured costs (bench/README.md has the method): SQLAlchemy's ORM costs more than Textual itself, pydantic
and the content models a third of it, click and the command modules a fifth; the DataTable of the task list
about as much as the rest of the first frame. So:
- `tui.app` and the Today screen import no database, content, grader, SDK or command-line module; each
  section screen is imported when first opened, and every record read runs in a worker.
- The remembered view (`tracker.today_cache`, `tracker.today_view`) is plain dataclasses and JSON.
- The first frame shows the tasks as text; the DataTable takes over after the frame is on the terminal.
- Bare `proofwork` goes straight to the app, without click.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "sqlalchemy",
    "alembic",
    "pydantic",
    "yaml",
    "click",
    "anthropic",
    "httpx",
    "radon",
    "lizard",
    "jinja2",
    "markdown_it",
    "fsrs",
    "re2",
    "curriculum.catalog",
    "tracker.models",
    "grader",
)


def loaded_after(code: str) -> list[str]:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    return sorted({m for m in modules for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")})


def test_the_app_and_its_first_screen_import_nothing_heavy():
    assert loaded_after("import tui.cli, tui.app, tui.screens.today, tui.screens.base, tui.widgets.task_marks") == []


def test_the_first_frame_needs_no_data_table():
    script = "import tui.app, tui.screens.today, sys\nassert 'textual.widgets._data_table' not in sys.modules\n"
    assert subprocess.run([sys.executable, "-c", script], env=os.environ).returncode == 0


def test_a_remembered_view_is_read_and_drawn_without_the_database_layer(ada, db_path: Path):
    assert ada("today", "--date", "2026-11-21").code == 0  # builds and remembers the view
    code = (
        "from datetime import date\n"
        "from tracker.today_cache import recall\n"
        "from tracker.heatmap import today_heatmap\n"
        "from tui.screens.today import headline, stats_text\n"
        "from tui.widgets.task_marks import task_cells\n"
        f"view = recall('sqlite:///{db_path}', None, date(2026, 11, 21))\n"
        "assert view is not None and 'Day 20 of 90' in headline(view)\n"
        "stats_text(view); today_heatmap(view); [task_cells(t) for t in view.tasks]\n"
    )
    assert loaded_after(code) == []


def test_bare_proofwork_skips_click():
    code = "import tui.cli, tui.cli.home, tui.app"
    assert "click" not in loaded_after(code)
