"""Roles: the twelve AI roles, what each needs, what each pays (source, year, region), and your closest next one.

The view is `tracker.roles.learner_roles`, what `proofwork roles` prints: with a self-assessment it carries the
fit to every role, the closest next role and what it needs that you lack. `r` switches the pay region.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.base import SectionScreen

if TYPE_CHECKING:
    from curriculum.roles import RolesView, RoleView


class RolesScreen(SectionScreen):
    SECTION = "roles"
    HELP = (
        "The twelve AI roles: what each needs on the seven competencies, its pay bands with their source and "
        "year, and the career decision matrix. With a self-assessment, your fit to each role and the closest "
        "next one, with what it needs that you lack. r switches the pay region (US, Europe, other markets)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "next_region", "Region"),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
    ]
    HOME = "#role-list"
    PAGE_SCROLL = "#role-detail"

    def __init__(self) -> None:
        super().__init__()
        self.view: RolesView | None = None
        self.pay_region = "us"
        self._shown: str | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="master-detail"):
            yield OptionList(id="role-list", classes="master")
            with VerticalScroll(classes="detail", id="role-detail"):
                yield Static("Loading the roles…", id="role-closest", classes="card")
                yield Static("", id="role-info")
                yield Static("", id="role-matrix", classes="card")

    def on_mount(self) -> None:
        self.query_one("#role-list").border_title = "Roles"
        self.query_one("#role-closest").border_title = "Closest next role"
        self.query_one("#role-matrix").border_title = "Career decision matrix"

    def reload(self) -> None:
        handle = self.proofwork.record.handle

        def load(session: Any) -> RolesView:
            from tracker.roles import learner_roles

            return learner_roles(session, handle)

        self.proofwork.session_job(load, self._loaded)

    def _loaded(self, view: RolesView) -> None:
        self.view = view
        roles = self.query_one("#role-list", OptionList)
        highlighted = roles.highlighted
        roles.clear_options()
        for role in view.roles:
            fit = f" [dim]{role.fit}%[/]" if role.fit is not None else ""
            roles.add_option(Option(f"{escape(role.title)}{fit}", id=role.key))
        if highlighted is None:
            keys = [role.key for role in view.roles]
            highlighted = keys.index(view.closest or view.target_role or keys[0])
        roles.highlighted = highlighted
        self.query_one("#role-closest", Static).update(closest_text(view))
        self.query_one("#role-matrix", Static).update(matrix_text(view))
        self._shown = None
        self._show(view.roles[highlighted].key)

    @on(OptionList.OptionHighlighted, "#role-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.view and event.option.id:
            self._show(event.option.id)

    def _show(self, key: str) -> None:
        if self.view is None or key == self._shown:
            return
        self._shown = key
        self.query_one("#role-info", Static).update(role_text(self.view, self.view.role(key), self.pay_region))

    def action_next_region(self) -> None:
        if self.view is None:
            return
        keys = [region.key for region in self.view.regions]
        self.pay_region = keys[(keys.index(self.pay_region) + 1) % len(keys)]
        title = next(region.title for region in self.view.regions if region.key == self.pay_region)
        self.notify(f"Pay shown for {title}", timeout=3, markup=False)
        if self._shown:
            shown, self._shown = self._shown, None
            self._show(shown)

    def palette(self) -> Iterable[SystemCommand]:
        yield SystemCommand("roles: switch pay region", "US, Europe or other markets", self.action_next_region)


def closest_text(view: RolesView) -> str:
    if view.closest is None:
        return "Take the self-assessment (section 3, key n) to see your fit to each role and the closest next one."
    role = view.role(view.closest)
    lacks = "\n".join(f"  {escape(lack.title)}: you {lack.you}, it needs {lack.needs}" for lack in role.lacks)
    needs = f"What it needs that you lack:\n{lacks}" if lacks else "Your scores meet every level it needs."
    target = ""
    if view.target_role and view.target_role != view.closest:
        aimed = view.role(view.target_role)
        target = f"\n[dim]Your target, {escape(aimed.title)}, fits {aimed.fit}%.[/]"
    return f"[b]{escape(role.title)}[/] · [b]{role.fit}%[/] fit\n{needs}{target}"


def role_text(view: RolesView, role: RoleView, region: str) -> str:
    region_title = next(r.title for r in view.regions if r.key == region)
    bands = " · ".join(f"{band.level} {band.text}" for band in role.regional[region]) or "no standard band yet"
    you = view.scores or {}
    needs = "\n".join(
        f"  {escape(view.competencies[key])}: {level}" + (f" [dim](you {you[key]})[/]" if key in you else "")
        for key, level in role.needs.items()
    )
    aliases = f" [dim](also {escape(', '.join(role.aliases))})[/]" if role.aliases else ""
    return (
        f"[b]{escape(role.title)}[/]{aliases}\n[dim]{escape(role.status)}[/]\n{escape(role.focus)}\n\n"
        f"[b]Needs (levels 1-5):[/]\n{needs}\n\n"
        f"[b]Pay, {escape(region_title)}:[/] {escape(bands)}\n"
        f"[dim]{escape(role.salary_notes)} Sources ({escape(role.salary_year)}): "
        f"{escape('; '.join(role.salary_sources))}.[/]\n\n"
        f"[b]Key skills:[/] {escape('; '.join(role.key_skills))}"
    )


def matrix_text(view: RolesView) -> str:
    lines = []
    for row in view.decision_matrix:
        names = " or ".join(
            f"[b]{escape(view.role(key).title)}[/]" if key == row.best_fit else escape(view.role(key).title)
            for key in row.roles
        )
        lines.append(f"{escape(row.profile)} → {names} [dim]({escape(row.timeline)})[/]")
    note = "\n[dim]In bold: the role your scores fit best in each row.[/]" if view.assessed else ""
    return "\n".join(lines) + note
