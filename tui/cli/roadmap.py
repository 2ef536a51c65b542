"""The 10 stages and 12 weeks, with the learner's progress when a profile exists."""

from __future__ import annotations

from tui.cli.app import app
from tui.cli.context import console, emit_json, json_option


@app.command("roadmap")
@json_option
def roadmap(as_json: bool) -> None:
    """The learning path (10 stages) laid over the 90-day plan (12 weeks)."""
    from curriculum.catalog import load_catalog

    catalog = load_catalog()
    data = {
        "stages": [stage.model_dump(exclude={"prose"}) for stage in catalog.stages],
        "weeks": [week.model_dump() for week in catalog.plan.weeks],
        "months": [month.model_dump() for month in catalog.plan.months],
        "final_days": catalog.plan.final_days,
    }
    if as_json:
        emit_json(data)
        return
    from rich.table import Table

    stages = Table(title="Learning path")
    for column in ("#", "stage", "goal", "hours"):
        stages.add_column(column)
    for stage in catalog.stages:
        stages.add_row(str(stage.number), stage.title, stage.goal, str(stage.hours))
    weeks = Table(title="90-day plan")
    for column in ("week", "objective", "proof"):
        weeks.add_column(column)
    for week in catalog.plan.weeks:
        weeks.add_row(str(week.number), week.objective, week.proof_artifact)
    out = console()
    out.print(stages)
    out.print(weeks)
