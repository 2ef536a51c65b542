"""One due date wherever a theme's return is shown: the drill result, the Stats tab and `drill stats`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from textual.widgets import DataTable, Static, TextArea

from tests.tui.conftest import SIZE, rows, settle
from tests.tui.test_cli_drill import STRONG
from tracker.db import open_session
from tracker.drills import ensure_theme_cards
from tracker.learners import current_learner
from tracker.models import DrillCard
from tui.screens.drill import DrillScreen


def second_card_of_the_theme(db_path, theme: str, due: datetime) -> None:
    """A question drawn from the learner's own work, of the same theme, due soon after the bank card."""
    with open_session(f"sqlite:///{db_path}") as session:
        learner = current_learner(session)
        ensure_theme_cards(session, learner, datetime.now(UTC))
        session.add(DrillCard(learner_id=learner.id, key="project:0:x", theme=theme, prompt="?", due=due, fsrs={}))


async def test_the_result_and_the_stats_give_the_theme_the_same_day(make_app, ada, db_path):
    theme = "cost-optimisation"
    later = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=2)  # sooner than any rescheduled card
    second_card_of_the_theme(db_path, theme, later)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        screen.query_one("#drill-theme").value = theme
        await settle(pilot)
        assert screen.asked is not None and screen.asked.question.key != "project:0:x"  # the bank card first
        await pilot.press("enter")
        screen.query_one("#drill-answer", TextArea).load_text(STRONG)
        await pilot.press("ctrl+s")
        await settle(pilot)
        rubric = str(screen.query_one("#drill-score", Static).content)
        stats_due = screen.query_one("#drill-stats", DataTable).get_row(theme)[-1]
        assert f"comes back on {later:%Y-%m-%d}" in rubric and stats_due == f"{later:%Y-%m-%d}"
        answered = rows(db_path, "SELECT due FROM drill_cards WHERE id = ?", screen.asked.card_id)[0][0]
        assert answered[:10] > stats_due  # the answered card itself moved further out
    stats = json.loads(ada("drill", "stats", "--json").out)
    assert [row["due"][:10] for row in stats if row["theme"] == theme] == [f"{later:%Y-%m-%d}"]


def test_a_question_from_the_learners_repository_is_titled_in_words():
    from curriculum.drills import load_bank
    from tracker.drills import DrillQuestion
    from tui.screens.drill import Asked, question_title

    bank = load_bank().themes[0].questions[0]
    own = DrillQuestion(key="project:0:repo-evals-missing", theme=bank.theme, prompt=bank.prompt, question=bank)
    title = question_title(Asked(1, own, "Evaluation strategy"))
    assert title == "Evaluation strategy · about your repository" and "project:" not in title
    asked = DrillQuestion(key=bank.key, theme=bank.theme, prompt=bank.prompt, question=bank)
    assert question_title(Asked(2, asked, "RAG design")) == "RAG design"
