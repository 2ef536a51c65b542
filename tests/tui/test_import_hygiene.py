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

import ast
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


def test_the_command_line_loads_no_record_or_content_layer_before_a_command_needs_it():
    # `today --json` from the remembered view (bench/startup.py) goes through all of these.
    code = "import tui.cli.app, tui.cli.commands, tui.cli.context, tracker.db, tracker.today_cache, tracker.inputs"
    assert [module for module in loaded_after(code) if module.split(".")[0] != "click"] == []


def test_bare_proofwork_skips_click():
    code = "import tui.cli, tui.cli.home, tui.app"
    assert "click" not in loaded_after(code)


# Imports inside functions, per module: a ratchet. A module not listed imports everything at its top; a listed
# one may only lose lazy imports (lower its number when you hoist some). Why each group is lazy, measured:
LAZY_IMPORTS_ALLOWED = {
    # The first frame (bench/startup.py, the tests above): the app, its Today screen and the remembered view
    # load no database, content or command-line module; each section screen loads when first opened.
    "tui/app.py": 14,
    "tui/record.py": 3,
    "tui/screens/base.py": 7,
    "tui/screens/today.py": 8,
    "tui/widgets/nav.py": 1,
    "tracker/today_cache.py": 1,
    "tracker/inputs.py": 1,  # `day_option` parses --date with it on the remembered `today --json` path
    # The command line: `tui.cli.commands` imports every command module for any command, so a command's own
    # dependencies load inside it; `today --json` from the remembered view stays at 0.33x `import
    # sqlalchemy.orm` (bench/startup.py). Bare `proofwork` skips click altogether (tui/cli/home.py).
    "tui/cli/__init__.py": 3,
    "tui/cli/app.py": 2,
    "tui/cli/bytecode.py": 1,
    "tui/cli/context.py": 4,
    "tui/cli/daily.py": 11,
    "tui/cli/data.py": 14,
    "tui/cli/deleting.py": 1,
    "tui/cli/drill.py": 12,
    "tui/cli/export.py": 11,
    "tui/cli/grade.py": 15,
    "tui/cli/grade_batch.py": 5,
    "tui/cli/grade_review.py": 7,
    "tui/cli/grades.py": 3,
    "tui/cli/home.py": 5,
    "tui/cli/profile.py": 14,
    "tui/cli/record_edits.py": 9,
    "tui/cli/roadmap.py": 6,
    "tui/cli/roles.py": 5,
    "tui/cli/story.py": 4,
    "tui/cli/work.py": 15,
    # Section screens: the tracker and grader services a screen calls are imported inside its record jobs,
    # on the worker thread, so SQLAlchemy, the content models and the grader never load on the UI thread.
    "tui/screens/assessment.py": 3,
    "tui/screens/assessment_form.py": 4,
    "tui/screens/dialogs.py": 3,
    "tui/screens/drill.py": 9,
    "tui/screens/export.py": 8,
    "tui/screens/grade.py": 6,
    "tui/screens/grade_review.py": 9,
    "tui/screens/onboarding.py": 7,
    "tui/screens/roadmap.py": 4,
    "tui/screens/roles.py": 1,
    "tui/screens/work.py": 14,
    "tui/screens/work_delete.py": 3,
    "tui/screens/work_forms.py": 7,
    "tui/screens/writing_forms.py": 8,
    # The record: SQLAlchemy and Alembic load when a record is opened or migrated, not when a URL is resolved
    # for the remembered view; db, migrate and sqlite_file also import each other.
    "tracker/db.py": 15,
    "tracker/migrate.py": 9,
    "tracker/backup.py": 4,
    "tracker/sqlite_file.py": 1,
    "tracker/transfer.py": 1,
    # Costs only some calls pay: fsrs and the grader's question drawing (drills, rules), Typst (PDF),
    # the Claude client (polish), markdown-it (HTML).
    "tracker/drills.py": 4,
    "tracker/rules.py": 3,
    "tracker/exports/pdf.py": 1,
    "tracker/exports/polish.py": 2,
    "tracker/exports/render.py": 1,
}


def lazy_imports(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = {
        sub.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for sub in ast.walk(node)
        if isinstance(sub, ast.Import | ast.ImportFrom)
    }
    return len(lines)


def test_imports_sit_at_the_top_except_where_listed():
    root = Path(__file__).resolve().parents[2]
    found = {
        str(path.relative_to(root)): lazy_imports(path)
        for package in ("tui", "tracker")
        for path in sorted((root / package).rglob("*.py"))
        if "migrations" not in path.parts
    }
    over = {name: count for name, count in found.items() if count > LAZY_IMPORTS_ALLOWED.get(name, 0)}
    assert over == {}, "imports inside functions beyond LAZY_IMPORTS_ALLOWED: hoist them, or list them with a reason"
