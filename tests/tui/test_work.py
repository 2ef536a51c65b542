"""Work: artifacts with metrics (add, edit, bad input), projects, decisions per responsibility layer."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static, TabbedContent, TextArea

from tests.tui.conftest import errors, rows, settle, type_text
from tui.screens.work import WorkScreen
from tui.screens.work_forms import ArtifactForm, DecisionForm, ProjectForm


async def open_work(app, pilot) -> WorkScreen:
    await settle(pilot)
    await pilot.press("4")
    await pilot.pause()
    await settle(pilot)
    assert isinstance(app.screen, WorkScreen)
    return app.screen


def fill(form, **values: str) -> None:
    for name, value in values.items():
        widget = form.query_one(f"#{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        elif isinstance(widget, Select):
            widget.value = value
        else:
            widget.value = value


async def test_add_an_artifact_with_metrics(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_work(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ArtifactForm)
        assert form.query_one("#week", Input).value == "3"
        assert form.query_one("#kind", Select).value == form.default_kind  # the week's proof kind
        fill(
            form,
            title="Retrieval eval v1",
            link="https://github.com/ada/rag",
            metrics="recall@5=0.62->0.81\nlatency p95=900 ms",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        table = screen.query_one("#artifacts", DataTable)
        assert table.row_count == 1
        assert "recall@5=0.62->0.81" in str(screen.query_one("#artifact-detail", Static).content)
    assert rows(db_path, "SELECT week, title, link FROM artifacts") == [
        (3, "Retrieval eval v1", "https://github.com/ada/rag")
    ]
    assert rows(db_path, "SELECT name, baseline, result, unit FROM artifact_metrics ORDER BY id") == [
        ("recall@5", 0.62, 0.81, ""),
        ("latency p95", None, 900.0, "ms"),
    ]


async def test_a_bad_metric_week_or_link_keeps_the_form_open_and_saves_nothing(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_work(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        fill(form, title="Eval", metrics="recall went up a lot")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert any("metric" in message.lower() for message in errors(app))
        fill(form, metrics="", week="13")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("week 13" in message.lower() for message in errors(app))
        fill(form, week="3", link="not a link")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("neither a URL" in message for message in errors(app))
        fill(form, link="", title="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("title" in message.lower() for message in errors(app))
        assert app.screen is form
    assert rows(db_path, "SELECT count(*) FROM artifacts") == [(0,)]


async def test_edit_an_artifact(make_app, ada, db_path):
    assert (
        ada(
            "artifact",
            "add",
            "--week",
            "2",
            "--kind",
            "eval-report",
            "--title",
            "Draft",
            "--metric",
            "accuracy=70->82 %",
            "--date",
            "2026-11-20",  # before the app's pinned today
        ).code
        == 0
    )
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_work(app, pilot)
        screen.query_one("#artifacts").focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ArtifactForm)
        assert form.query_one("#title", Input).value == "Draft"
        assert form.query_one("#metrics", TextArea).text == "accuracy=70->82 %"
        fill(form, title="Eval report v2", metrics="accuracy=70->88 %")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert rows(db_path, "SELECT title, week FROM artifacts") == [("Eval report v2", 2)]
    assert rows(db_path, "SELECT result FROM artifact_metrics") == [(88.0,)]


async def test_projects_and_decisions_per_layer(make_app, ada, db_path):
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_work(app, pilot)
        await pilot.press("d")  # no project yet
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProjectForm)
        await pilot.press("ctrl+s")  # no name
        await settle(pilot)
        assert app.screen is form and any("name" in message.lower() for message in errors(app))
        fill(
            form,
            name="Support RAG",
            problem="Agents answer from stale docs",
            repo="https://github.com/ada/rag",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#projects", DataTable).row_count == 1
        screen.query_one(TabbedContent).active = "decisions-tab"
        await pilot.pause()
        decisions = screen.query_one("#decisions", DataTable)
        from curriculum.catalog import load_catalog

        layers = load_catalog().layers
        assert decisions.row_count == len(layers)
        decisions.focus()
        await pilot.press("down")
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DecisionForm)
        assert form.query_one("#layer", Select).value == layers[1].key
        fill(form, decision="Hybrid search with a reranker", metric="recall@5 0.62 -> 0.81")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "1/" in str(screen.query_one("#decisions", DataTable).border_title)
    assert rows(db_path, "SELECT layer, decision FROM decisions") == [(layers[1].key, "Hybrid search with a reranker")]


async def test_markup_in_what_a_learner_types_is_shown_as_text(make_app, ada, db_path):
    assert (
        ada(
            "artifact",
            "add",
            "--week",
            "3",
            "--kind",
            "eval-report",
            "--title",
            "[b]bold[/] claim [/]",
            "--description",
            "uses [link] and [/]",
        ).code
        == 0
    )
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_work(app, pilot)
        detail = screen.query_one("#artifact-detail", Static)
        assert "[b]bold[/] claim [/]" in str(detail.render())
        await pilot.press("1")
        await settle(pilot)
        await type_text(pilot, "")
