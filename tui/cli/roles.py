"""`proofwork roles`: the twelve AI roles, what each needs, what each pays, and which one your scores fit next."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tui.cli.app import app
from tui.cli.context import console, emit_json, json_option, session_scope

if TYPE_CHECKING:
    from curriculum.roles import RolesView


@app.command("roles")
@click.option("--region", default="us", show_default=True, help="Show pay for: us, europe or other.")
@json_option
@click.pass_context
def roles(ctx: click.Context, region: str, as_json: bool) -> None:
    """The roles with their needs per competency, salary bands (source, year, region) and the decision matrix.

    With a self-assessment, also your fit to each role and the closest next one, with what it needs that you lack.
    """
    from curriculum.catalog import load_catalog
    from tracker.roles import learner_roles

    chosen = load_catalog().region(region)  # an unknown region is a one-line mistake, before any reading
    with session_scope(ctx, read_only=True) as session:
        view = learner_roles(session, (ctx.find_root().obj or {}).get("learner"))
    if as_json:
        emit_json(view.to_dict())
    else:
        _print(view, chosen.key, chosen.title)


def _print(view: RolesView, region: str, region_title: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    from curriculum.catalog import load_catalog

    catalog = load_catalog()
    codes = {c.key: "".join(word[0] for word in c.title.split() if word != "and").upper() for c in catalog.competencies}
    needs = Table(title="What each role needs, levels 1-5" + (" (your fit on the right)" if view.assessed else ""))
    needs.add_column("role")
    for code in codes.values():
        needs.add_column(code, justify="right")
    if view.assessed:
        needs.add_column("fit", justify="right")
    if view.scores is not None:
        needs.add_row("[bold]You[/]", *(f"[bold]{view.scores[key]}[/]" for key in codes), "", end_section=True)
    for role in view.roles:
        row = [escape(role.title), *(str(role.needs[key]) for key in codes)]
        if view.assessed:
            row.append(f"{role.fit}%")
        needs.add_row(*row)
    pay = Table(title=f"Base pay, {region_title} (US dollars a year)")
    for column in ("role", "entry", "mid", "senior"):
        pay.add_column(column)
    for role in view.roles:
        bands = {band.level: band.text for band in role.regional[region]}
        pay.add_row(escape(role.title), *(bands.get(level, "–") for level in ("entry", "mid", "senior")))
    out = console()
    out.print(needs)
    legend = ", ".join(f"{code} {catalog.competency(key).title}" for key, code in codes.items())
    out.print(f"[dim]{legend}.[/]")
    out.print(pay)
    sources = "; ".join(dict.fromkeys(source for role in view.roles for source in role.salary_sources))
    years = ", ".join(dict.fromkeys(role.salary_year for role in view.roles))
    out.print(f"[dim]{escape(view.salary_note)} Sources ({years}): {escape(sources)}.[/]")
    adjustments = ", ".join(f"{r.title} {r.lower[0]}-{r.lower[1]}% lower" for r in view.regions if any(r.lower))
    out.print(f"[dim]Regional adjustment: {adjustments} (--region to apply it).[/]")
    if view.closest is not None:
        closest = view.role(view.closest)
        out.print(f"\n[bold]Closest next role:[/] {escape(closest.title)} ({closest.fit}% fit)")
        for lack in closest.lacks:
            out.print(f"  {escape(lack.title)}: you {lack.you}, needs {lack.needs}")
        if not closest.lacks:
            out.print("  Your scores meet every level it needs.")
    elif not view.assessed:
        out.print("\nTake `proofwork assess` to see your fit to each role and the closest next one.")
    matrix = Table(title="Career decision matrix")
    for column in ("starting profile", "best next role", "timeline"):
        matrix.add_column(column)
    for entry in view.decision_matrix:
        names = [
            f"[bold]{escape(view.role(key).title)}[/]" if key == entry.best_fit else escape(view.role(key).title)
            for key in entry.roles
        ]
        matrix.add_row(escape(entry.profile), " or ".join(names), escape(entry.timeline))
    out.print(matrix)
