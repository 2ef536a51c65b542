"""The Drill screen on a real record: a question against a countdown, scoring and rescheduling, stats, stories."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TabbedContent, TextArea

from tests.tui.conftest import SIZE, notifications, rows, settle
from tests.tui.test_cli_drill import STRONG
from tui.screens.drill import DrillScreen


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def open_drill(pilot, clock: FakeClock | None = None) -> DrillScreen:
    await settle(pilot)
    await pilot.press("7")
    await pilot.pause()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DrillScreen)
    if clock is not None:
        screen.clock = clock
        await pilot.press("enter")  # start answering: the clock starts, the answer box takes the keys
        await pilot.pause()
    return screen


def text(screen: DrillScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_the_clock_waits_for_the_learner_then_counts_down(make_app, ada):
    app = make_app()
    clock = FakeClock()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        screen.clock = clock
        assert screen.asked is not None
        assert screen.asked.question.prompt in text(screen, "#drill-question")
        assert not isinstance(app.focused, TextArea)  # reading the question: keys still switch sections
        clock.now += 30  # time spent reading does not count
        screen.tick()
        assert screen.started is None and "enter starts" in text(screen, "#drill-clock")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.started == clock.now and isinstance(app.focused, TextArea)
        screen.tick()
        assert "1:30 left" in text(screen, "#drill-clock")
        clock.now += 100  # past the time box: it keeps counting, over time
        screen.tick()
        assert "-0:10 over" in text(screen, "#drill-clock") and "$error" in text(screen, "#drill-clock")
        assert isinstance(app.focused, TextArea)


async def test_a_strong_answer_is_scored_saved_and_rescheduled(make_app, ada, db_path):
    app = make_app()
    clock = FakeClock()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        screen.query_one("#drill-theme").value = "rag-design"  # STRONG answers the first RAG question
        await settle(pilot)
        screen.clock = clock
        await pilot.press("enter")  # start answering
        await pilot.pause()
        asked = screen.asked
        assert asked is not None and asked.question.key == "rag-design-01"
        due_before = rows(db_path, "SELECT due FROM drill_cards WHERE id = ?", asked.card_id)[0][0]
        screen.query_one("#drill-answer", TextArea).load_text(STRONG)
        await pilot.press("x")  # typed keys land in the answer box
        clock.now += 80
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = rows(db_path, "SELECT question_key, score, seconds, answer FROM drill_attempts")
        assert len(saved) == 1
        key, score, seconds, answer = saved[0]
        assert key == asked.question.question.key and score >= 60 and seconds == 80.0 and answer == "x" + STRONG
        due_after = rows(db_path, "SELECT due FROM drill_cards WHERE id = ?", asked.card_id)[0][0]
        assert due_after > due_before
        rubric = text(screen, "#drill-score")
        assert f"Score {score}/100" in rubric and "key_points" in rubric and "comes back on" in rubric
        assert "skipped" in text(screen, "#drill-claude")  # no API key in tests: the skip line
        stats = screen.query_one("#drill-stats", DataTable)
        assert stats.get_row(asked.question.theme)[1] == "1"


async def test_the_first_keystroke_in_the_answer_box_starts_the_clock(make_app, ada):
    app = make_app()
    clock = FakeClock()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        screen.clock = clock
        screen.query_one("#drill-answer", TextArea).focus()  # tab or a click: nothing typed yet
        await pilot.pause()
        clock.now += 12
        assert screen.started is None
        await pilot.press("W")
        await pilot.pause()
        assert screen.started == clock.now
        await pilot.press("escape", "1")  # esc leaves the box, then the section key acts
        await pilot.pause()
        assert app.current_mode == "today"
        assert screen.query_one("#drill-answer", TextArea).text == "W"


async def test_scoring_before_starting_is_not_an_attempt(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_drill(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Not started" in n for n in notifications(app))
        assert rows(db_path, "SELECT id FROM drill_attempts") == []


async def test_an_empty_answer_is_not_an_attempt(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot, FakeClock())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("not an attempt" in n for n in notifications(app))
        assert rows(db_path, "SELECT id FROM drill_attempts") == []
        assert screen.started is not None  # the clock keeps running for the real answer
        screen.query_one("#drill-answer", TextArea).load_text(STRONG)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(rows(db_path, "SELECT id FROM drill_attempts")) == 1
        await pilot.press("ctrl+s")  # answered already: a warning, not a second attempt
        await settle(pilot)
        assert len(rows(db_path, "SELECT id FROM drill_attempts")) == 1


async def test_an_answer_the_rubric_cannot_read_is_said_and_not_saved(make_app, ada, db_path):
    french = (
        "Je commence par les données de production: nous avons pris 300 conversations réelles, et pour chaque "
        "changement nous lançons la suite dans la CI avec un seuil par catégorie, car une moyenne cache les "
        "régressions. Le juge est validé sur 200 étiquettes humaines avant de lui faire confiance."
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot, FakeClock())
        screen.query_one("#drill-answer", TextArea).load_text(french)
        await pilot.press("ctrl+s")
        await settle(pilot)
        rubric = " ".join(text(screen, "#drill-score").split())
        assert "not in English, German or Spanish" in rubric and "nothing was saved" in rubric
        assert rows(db_path, "SELECT id FROM drill_attempts") == []


async def test_next_question_and_theme_choice(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot, FakeClock())
        screen.query_one("#drill-theme").value = "cost-optimisation"
        await settle(pilot)
        assert screen.asked is not None and screen.asked.question.theme == "cost-optimisation"
        first = screen.asked.question.key
        await pilot.press("enter")
        screen.query_one("#drill-answer", TextArea).load_text("I would cut cost by caching.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.asked.question.theme == "cost-optimisation" and screen.asked.question.key != first
        assert screen.query_one("#drill-answer", TextArea).text == ""


async def test_the_stats_tab_lists_every_theme(make_app, ada):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        screen._show_tab("drill-stats-tab")
        await pilot.pause()
        table = screen.query_one("#drill-stats", DataTable)
        themes = [table.get_row_at(i)[0] for i in range(table.row_count)]
        assert len(themes) == 10 and {"RAG design", "Agent safety", "Cost optimisation"} <= set(themes)
        assert "rag-design" not in themes and "cost-optimisation" not in themes  # titles, never the theme keys


async def test_the_story_tab_shows_gaps(make_app, ada):
    ada("story", "add", "--title", "Cost cut", "--theme", "cost-optimisation")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        table = screen.query_one("#drill-stories", DataTable)
        assert table.row_count == 1 and "Cost cut" in str(table.get_row_at(0)[1])
        coverage = text(screen, "#drill-coverage")
        assert "RAG design" in coverage and "#1" in coverage and "rag-design" not in coverage
        assert screen.query_one("#drill-coverage", Static).border_title == "Story bank 1/12"


async def test_the_palette_has_the_drill_entries(make_app, ada):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drill(pilot)
        commands = {c.title: c for c in app.get_system_commands(screen)}
        assert {"drill: start", "drill: stats", "drill: stories"} <= set(commands)
        commands["drill: stories"].callback()
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "drill-stories-tab"
        commands["drill: start"].callback()
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "drill-tab"


async def test_readable_at_80x24(make_app, ada):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_drill(pilot, FakeClock())
        screen.tick()
        await pilot.pause()
        assert screen.query_one("#drill-clock").region.width >= 12
        assert screen.query_one("#drill-question").region.height >= 3
        assert screen.query_one("#drill-answer").region.height >= 5
