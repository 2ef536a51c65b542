"""The focus model on every screen: a text box types, Esc leaves it, and then every section key works.

The boxes are found, not listed: a screen or dialog added later is covered by adding its opener below (section
screens need nothing: every mode in `SECTIONS` is visited, every tab of it opened).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Input, TabbedContent, TabPane, TextArea

from tests.tui.conftest import SIZE, notifications, rows, settle
from tui.app import SECTIONS
from tui.screens.base import SectionScreen, is_text_box

KEYS = [(key, mode) for mode, key, _label in SECTIONS]


def text_of(box: Widget) -> str:
    return box.text if isinstance(box, TextArea) else box.value if isinstance(box, Input) else ""


async def open_section(pilot: Any, mode: str, *, loaded: bool = False) -> SectionScreen:
    """Switch to `mode`; `loaded` when the screen has been open before (its data is there)."""
    app = pilot.app
    if app.current_mode != mode:
        await app.switch_mode(mode)
    await pilot.pause()
    if not loaded:
        await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SectionScreen) and mode == screen.SECTION
    return screen


async def show_tab(pilot: Any, screen: SectionScreen, tab: tuple[str, str] | None) -> None:
    if tab is not None:
        tabs_id, pane_id = tab
        screen.query_one(f"#{tabs_id}", TabbedContent).active = pane_id
        await pilot.pause()


async def boxes_of(pilot: Any, screen: SectionScreen) -> list[tuple[tuple[str, str] | None, int]]:
    """(tab to open, index among the screen's text boxes) for every text box the learner can reach."""
    found: list[tuple[tuple[str, str] | None, int]] = []
    tabs: list[tuple[str, str] | None] = [
        (str(tabbed.id), str(pane.id)) for tabbed in screen.query(TabbedContent) for pane in tabbed.query(TabPane)
    ] or [None]
    for tab in tabs:
        await show_tab(pilot, screen, tab)
        for index, box in enumerate(screen.query("Input, TextArea")):
            if is_text_box(box) and box.focusable and (None, index) not in found:
                found.append((tab, index))
    return found


async def test_sections_open_with_the_keys_free(make_app, ada):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for mode, _key, _label in SECTIONS:
            screen = await open_section(pilot, mode)
            assert not is_text_box(screen.focused), f"{mode} opens with {screen.focused} focused"


async def test_every_section_key_works_from_every_text_box_of_every_section(make_app, ada):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        visited = 0
        for mode, _key, _label in SECTIONS:
            screen = await open_section(pilot, mode)
            for tab, index in await boxes_of(pilot, screen):
                for key, target in KEYS:
                    screen = await open_section(pilot, mode, loaded=True)
                    await show_tab(pilot, screen, tab)
                    box = screen.query("Input, TextArea")[index]
                    box.focus()
                    await pilot.pause()
                    await pilot.press("x")  # a box types...
                    typed = text_of(box)
                    assert "x" in typed, f"{mode}: {box} did not take the key"
                    await pilot.press("escape", key)  # ...until esc: then the section key acts
                    await pilot.pause()
                    assert app.current_mode == target, f"{mode}: {key} from {box} stayed in {app.current_mode}"
                    assert text_of(box) == typed, f"{mode}: {key} went into {box}"
                    visited += 1
        assert visited >= 3 * len(KEYS)  # the grade, export and drill boxes at least


async def open_log_time(pilot: Any) -> None:
    await open_section(pilot, "today", loaded=True)
    await pilot.press("l")


async def open_task_note(pilot: Any) -> None:
    screen = await open_section(pilot, "today", loaded=True)
    screen.query_one("#tasks").focus()
    await pilot.press("n")


async def open_artifact_form(pilot: Any) -> None:
    await open_section(pilot, "work", loaded=True)
    await pilot.press("a")


async def open_project_form(pilot: Any) -> None:
    await open_section(pilot, "work", loaded=True)
    await pilot.press("p")


async def open_story_form(pilot: Any) -> None:
    await open_section(pilot, "drill", loaded=True)
    await pilot.press("a")
    await settle(pilot)


async def open_retro_form(pilot: Any) -> None:
    await open_section(pilot, "roadmap", loaded=True)
    await pilot.press("w")
    await settle(pilot)


DIALOGS = [open_log_time, open_task_note, open_artifact_form, open_project_form, open_story_form, open_retro_form]


@pytest.mark.parametrize("opener", DIALOGS, ids=lambda opener: opener.__name__)
async def test_esc_leaves_a_dialog_from_any_box_and_every_section_key_then_works(make_app, ada, opener):
    """Esc closes a dialog whichever box has focus, so each box is left once, with the section keys taking
    turns until every key has been pressed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for mode in ("today", "work", "drill", "roadmap"):
            await open_section(pilot, mode)
        await opener(pilot)
        await pilot.pause()
        count = len([box for box in app.screen.query("Input, TextArea") if is_text_box(box) and box.focusable])
        assert count, f"{opener.__name__} opened no text box"
        await pilot.press("escape")
        turns = [(turn % count, KEYS[turn % len(KEYS)]) for turn in range(max(count, len(KEYS)))]
        for index, (key, target) in turns:
            await opener(pilot)
            await pilot.pause()
            dialog = app.screen
            assert not isinstance(dialog, SectionScreen)
            boxes = [box for box in dialog.query("Input, TextArea") if is_text_box(box) and box.focusable]
            boxes[index].focus()
            await pilot.pause()
            await pilot.press("x")
            assert "x" in text_of(boxes[index])
            await pilot.press("escape", key)
            await pilot.pause()
            assert app.screen is not dialog and app.current_mode == target


async def test_a_second_enter_while_a_dialog_saves_does_not_save_twice(make_app, ada, db_path, monkeypatch):
    import threading

    import tracker.logs

    release = threading.Event()
    real_add_log = tracker.logs.add_log

    def slow_add_log(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)  # the first save of the day can wait for the database to open
        return real_add_log(*args, **kwargs)

    monkeypatch.setattr(tracker.logs, "add_log", slow_add_log)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "today")
        await pilot.press("l", "4", "5", "enter")
        await pilot.pause()
        await pilot.press("enter")  # impatient: the first save has not finished
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert rows(db_path, "SELECT minutes FROM log_entries") == [(45,)]
        assert any("Saving" in n for n in notifications(app))


@pytest.mark.parametrize(("mode", "scrolled"), [("today", "#today-body"), ("roadmap", "#week-scroll")])
async def test_page_keys_scroll_the_section_whatever_has_focus(make_app, ada, mode, scrolled):
    app = make_app()
    async with app.run_test(size=(80, 16)) as pilot:
        screen = await open_section(pilot, mode)
        column = screen.query_one(scrolled)
        assert column.max_scroll_y > 0, "the test needs a column taller than the terminal"
        assert screen.focused is not None  # the task table or the week list has focus, and keeps it
        focused = screen.focused
        await pilot.press("pagedown")
        await pilot.pause()
        assert column.scroll_y > 0 and screen.focused is focused
        await pilot.press("pageup")
        await pilot.pause()
        assert column.scroll_y == 0


async def test_alt_and_a_section_key_leaves_a_text_box_at_once(make_app, ada):
    """What a terminal sends for esc then a digit typed quickly (or alt+digit): the section, nothing typed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, "grade")
        box = screen.query_one("#grade-target", Input)
        box.focus()
        await pilot.press("x", "alt+6")
        await pilot.pause()
        assert app.current_mode == "export" and box.value == "x"
