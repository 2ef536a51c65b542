"""`proofwork export`: case study, resume, weekly retro, or everything, from the record with proof links.

Thin on purpose: each command calls one function of `tracker.exports` (the TUI's Export screen calls the same
ones) and decides only where the text goes. Output paths are checked before anything is rendered, so a bad
`-o` writes nothing. Linter findings go to stderr (or stdout with --check); `--strict` turns them into exit 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tui.cli.app import app
from tui.cli.context import emit_json, learner_scope

if TYPE_CHECKING:
    from tracker.exports import Document, Finding

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to FILE (its folder must exist); default: stdout.",
)
check_option = click.option("--check", is_flag=True, help="Only lint: list the claims a reader would doubt.")
strict_option = click.option("--strict", is_flag=True, help="Exit 1 when the linter finds anything.")
polish_option = click.option(
    "--polish", is_flag=True, help="Ask Claude to tighten the wording; rejected if it adds any fact."
)
json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print the document (or, with --check, the findings) as JSON."
)


class StrictFindings(click.ClickException):
    """--strict met findings: exit 1 and one line (`run` maps a ClickException to its exit code)."""

    exit_code = 1

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} finding{'s' if count != 1 else ''} (--strict)")


@app.group("export")
def export() -> None:
    """Case study, resume and weekly retro from your record, every claim linked to its proof."""


@export.command("case-study")
@click.option("--project", required=True, help="The project's name, as in `project list`.")
@output_option
@check_option
@strict_option
@json_option
@polish_option
@click.pass_context
def case_study(
    ctx: click.Context,
    project: str,
    output: Path | None,
    check: bool,
    strict: bool,
    as_json: bool,
    polish: bool,
) -> None:
    """A project's case study in Markdown: problem, decisions, evaluation, failure, trade-offs, proof."""
    from tracker.exports import lint_case_study, render_case_study

    _check_output(output)
    with learner_scope(ctx, read_only=True) as (session, learner):
        if check:
            findings = lint_case_study(session, learner, project)
        else:
            document = render_case_study(session, learner, project, polished=polish)
    if check:
        _report(findings, strict, as_json)
    else:
        _deliver(document, output, strict, as_json, f"case study of {project}")


@export.command("resume")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json", "html", "pdf"]),
    default="md",
    show_default=True,
    help="Output (pdf needs -o FILE).",
)
@output_option
@check_option
@strict_option
@json_option
@polish_option
@click.pass_context
def resume(
    ctx: click.Context, fmt: str, output: Path | None, check: bool, strict: bool, as_json: bool, polish: bool
) -> None:
    """Your resume: contact, summary, skills with the work that shows them, projects with proof, experience."""
    from curriculum.errors import UserError
    from tracker.exports import render_resume

    _check_output(output)
    if fmt == "pdf" and output is None and not check:
        raise UserError("a PDF goes to a file: add -o resume.pdf")
    with learner_scope(ctx, read_only=True) as (session, learner):
        document = render_resume(session, learner, fmt, polished=polish and not check)
    if check:
        _report(document.findings, strict, as_json)
    else:
        _deliver(document, output, strict, as_json, f"resume ({fmt})")


@export.command("retro")
@click.option("--week", required=True, help="The plan week, 1 to 12.")
@output_option
@json_option
@polish_option
@click.pass_context
def retro(ctx: click.Context, week: str, output: Path | None, as_json: bool, polish: bool) -> None:
    """A week's retro: shipped, slipped, drills, metrics moved, next sprint, and your own retro notes."""
    from tracker.exports import render_retro
    from tracker.inputs import parse_week

    number = parse_week(week)
    _check_output(output)
    with learner_scope(ctx, read_only=True) as (session, learner):
        document = render_retro(session, learner, number, polished=polish)
    _deliver(document, output, False, as_json, f"week {number} retro")


@export.command("all")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for the documents.")
@strict_option
@polish_option
@click.option("--json", "as_json", is_flag=True, help="Print what was written, and the findings, as JSON.")
@click.pass_context
def export_everything(ctx: click.Context, out_dir: Path, strict: bool, polish: bool, as_json: bool) -> None:
    """Every document (case studies, resume in md/json/html/pdf, retros) plus record.json, into one folder."""
    from tracker.exports import export_all
    from tracker.exports.output import check_output_dir

    check_output_dir(out_dir)
    with learner_scope(ctx, read_only=True) as (session, learner):
        bundle = export_all(session, learner, out_dir, polished=polish)
    checks = bundle.checks()
    if as_json:
        emit_json(
            {
                "folder": str(bundle.folder),
                "files": [str(path) for path in bundle.files],
                "findings": {name: [f.to_dict() for f in found] for name, found in bundle.findings.items()},
                "notes": bundle.notes,
            }
        )
    else:
        for path in bundle.files:
            click.echo(f"wrote {path}")
        for note in bundle.notes:
            click.echo(note, err=True)
        for finding, names in checks:
            click.echo(f"check {', '.join(names)}: {finding}", err=True)
    if strict and checks:
        raise StrictFindings(len(checks))


@export.command("templates")
@click.option("--copy", is_flag=True, help="Copy the shipped templates there to edit (never overwrites).")
def templates(copy: bool) -> None:
    """Where your own templates go (they override the shipped ones of the same name), and which exist."""
    import shutil

    from curriculum.resources import templates_dir
    from tracker.exports.render import user_templates_dir

    mine = user_templates_dir()
    click.echo(f"your templates: {mine}")
    if copy:
        mine.mkdir(parents=True, exist_ok=True)
    for shipped in sorted(templates_dir().glob("*.j2")):
        target = mine / shipped.name
        if copy and not target.exists():
            shutil.copyfile(shipped, target)
            click.echo(f"  {shipped.name} (copied)")
        else:
            click.echo(f"  {shipped.name}{' (yours)' if target.exists() else ''}")


def _check_output(output: Path | None) -> None:
    if output is not None:
        from tracker.exports.output import check_output_file

        check_output_file(output)


def _deliver(document: Document, output: Path | None, strict: bool, as_json: bool, what: str) -> None:
    for note in document.notes:
        click.echo(note, err=True)
    if document.polish_diff:
        click.echo(document.polish_diff, err=True, nl=False)
    if output is not None:
        from tracker.exports.output import write_bytes, write_text

        if document.binary:
            write_bytes(output, document.data)
        else:
            write_text(output, document.text)
    if as_json:
        emit_json(
            {
                "name": document.name,
                "format": document.fmt,
                "written_to": str(output) if output is not None else None,
                "text": document.text if output is None else None,
                "findings": [finding.to_dict() for finding in document.findings],
                "notes": document.notes,
            }
        )
    elif output is None:
        click.echo(document.text, nl=False)
    else:
        click.echo(f"wrote {output} ({what})")
    if not as_json:
        for finding in document.findings:
            click.echo(f"check: {finding}", err=True)
    if strict and document.findings:
        raise StrictFindings(len(document.findings))


def _report(findings: list[Finding], strict: bool, as_json: bool) -> None:
    if as_json:
        emit_json([finding.to_dict() for finding in findings])
    elif findings:
        for finding in findings:
            click.echo(str(finding))
    else:
        click.echo("no findings")
    if strict and findings:
        raise StrictFindings(len(findings))
