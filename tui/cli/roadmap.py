"""The 10 stages and 12 weeks, each week's load set against the weekly hours, and what falls outside the 90 days."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tui.cli.app import app
from tui.cli.context import console, emit_json, json_option, session_scope

if TYPE_CHECKING:
    from curriculum.catalog import Catalog


@app.command("roadmap")
@click.option(
    "--hours",
    type=float,
    metavar="H",
    help="Plan for H hours a week (default: your profile's weekly hours, or the plan's default).",
)
@json_option
@click.pass_context
def roadmap(ctx: click.Context, hours: float | None, as_json: bool) -> None:
    """The learning path (10 stages) laid over the 90-day plan (12 weeks), sized to your weekly hours."""
    from curriculum.catalog import load_catalog
    from curriculum.errors import UserError

    catalog = load_catalog()
    if hours is not None:
        if not 0 < hours <= 100:  # also refuses nan
            raise UserError(f"--hours {hours:g} is not a plausible weekly budget (more than 0, at most 100)")
        budget, source = hours, "--hours"
    else:
        budget, source = _profile_hours(ctx, catalog)
    data = roadmap_data(catalog, budget, source)
    if as_json:
        emit_json(data)
    else:
        _print(data, catalog)


def _profile_hours(ctx: click.Context, catalog: Catalog) -> tuple[float, str]:
    from tracker.learners import current_learner, learner_setting, needs_profile

    handle = (ctx.find_root().obj or {}).get("learner")
    with session_scope(ctx, read_only=True) as session:
        if learner_setting(handle) is None and needs_profile(session):  # a learner named but absent is an error
            return catalog.plan.default_weekly_hours, "default"
        return current_learner(session, handle).weekly_hours, "profile"


def roadmap_data(catalog: Catalog, budget: float, source: str) -> dict[str, Any]:
    """The plan as JSON-ready data: every week with its load at `budget`, every stage with its exercises."""
    from dataclasses import asdict

    from curriculum.workload import exercise_coverage, plan_load, stage_hours_by_week

    loads = {load.number: load for load in plan_load(catalog.plan, budget)}
    shares = stage_hours_by_week(catalog.stages, catalog.plan)
    coverage = exercise_coverage(catalog.stages, catalog.plan, budget)
    weeks = []
    for week in catalog.plan.weeks:
        load = loads[week.number]
        required = {task.key: task.required for task in load.tasks}
        data = week.model_dump()
        for task in data["tasks"]:
            task["required"] = required[task["key"]]
        data["load"] = {
            "budget_hours": budget,
            "required_hours": load.required_hours,
            "stretch_hours": load.stretch_hours,
            "fits": load.fits,
            "required": load.required_keys,
            "stretch": [task.key for task in load.tasks if not task.required],
        }
        data["stage_hours"] = shares[week.number]
        weeks.append(data)
    by_exercise = {(item.stage, item.key): item for item in coverage}
    stages = []
    for stage in catalog.stages:
        data = stage.model_dump(exclude={"prose"})
        for exercise in data["exercises"]:
            item = by_exercise[(stage.key, exercise["key"])]
            exercise["status"] = item.status
            exercise["tasks"] = item.tasks
        stages.append(data)
    outside = [asdict(item) for item in coverage if item.status != "required"]
    return {
        "weekly_hours": budget,
        "hours_source": source,
        "min_weekly_hours": catalog.plan.min_weekly_hours,
        "totals": {
            "budget_hours": budget * len(catalog.plan.weeks),
            "required_hours": sum(load.required_hours for load in loads.values()),
            "stretch_hours": sum(load.stretch_hours for load in loads.values()),
            "path_hours": sum(stage.hours for stage in catalog.stages),
        },
        "stages": stages,
        "weeks": weeks,
        "outside_90_days": outside,
        "months": [month.model_dump() for month in catalog.plan.months],
        "rituals": [ritual.model_dump() for ritual in catalog.plan.rituals],
        "final_days": catalog.plan.final_days,
    }


def _print(data: dict[str, Any], catalog: Catalog) -> None:
    from rich.markup import escape
    from rich.table import Table

    stages = Table(title="Learning path")
    for column in ("#", "stage", "goal", "hours"):
        stages.add_column(column)
    for stage in catalog.stages:
        stages.add_row(str(stage.number), stage.title, stage.goal, str(stage.hours))
    budget = data["weekly_hours"]
    weeks = Table(title=f"90-day plan at {budget:g} hours a week ({data['hours_source']})")
    for column in ("week", "objective", "required", "stretch"):
        weeks.add_column(column, justify="right" if column in ("required", "stretch") else "left")
    for week in data["weeks"]:
        load = week["load"]
        required = f"{load['required_hours']:g} / {budget:g} h"
        weeks.add_row(
            str(week["number"]),
            escape(week["objective"]),
            required if load["fits"] else f"[red]{required}[/]",
            f"{load['stretch_hours']:g} h",
        )
    out = console()
    out.print(stages)
    out.print(weeks)
    totals = data["totals"]
    out.print(
        f"Required {totals['required_hours']:g} h of {totals['budget_hours']:g} h over the 12 weeks; "
        f"stretch {totals['stretch_hours']:g} h; the whole path is about {totals['path_hours']} h."
    )
    if budget < data["min_weekly_hours"]:
        out.print(
            f"[yellow]The plan is built for {data['min_weekly_hours']:g} hours a week or more: below that, "
            "a week's core tasks alone can exceed your budget.[/]"
        )
    outside = data["outside_90_days"]
    if not outside:
        out.print("Every stage exercise is worked through by a required task at this budget.")
        return
    hours = sum(item["hours"] for item in outside)
    out.print(
        f"Outside the 90 days at {budget:g} h a week: {len(outside)} stage exercises (about {hours:g} h), "
        "reached only by stretch tasks (s) or by no task at all (-):"
    )
    by_stage: dict[str, list[str]] = {}
    for item in outside:
        mark = "s" if item["status"] == "stretch" else "-"
        by_stage.setdefault(item["stage"], []).append(f"{escape(item['title'])} ({mark})")
    for key, titles in by_stage.items():
        out.print(f"  {escape(catalog.stage(key).title)}: {', '.join(titles)}")
