"""The `slidegen` command line."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from slidegen.build import BuildOptions, BuildResult, run_pipeline
from slidegen.diagnostics import Diagnostic, Report, Severity
from slidegen.fix import FixOutcome, fix_file
from slidegen.scaffold import ScaffoldError, create_project
from slidegen.theme import available_themes
from slidegen.write import UnsafeOutputError, check_output_dir, write_output

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class Ui:
    """How much to print, passed to every command explicitly."""

    def __init__(self, project: Path, quiet: bool, verbose: bool) -> None:
        self.project = project
        self.quiet = quiet
        self.verbose = verbose

    def diagnostics(self, report: Report) -> None:
        """Print diagnostics to stderr; quiet mode keeps only errors."""
        for diag in report:
            if self.quiet and diag.severity is not Severity.ERROR:
                continue
            click.echo(_styled(diag), err=True)

    def say(self, message: str) -> None:
        """A progress line, unless quiet."""
        if not self.quiet:
            click.echo(message, err=True)


def _styled(diag: Diagnostic) -> str:
    text = diag.format()
    label = f"{diag.severity.value}[{diag.code}]"
    return text.replace(label, click.style(label, fg=_COLOURS[diag.severity], bold=True), 1)


def _summary(report: Report, result: BuildResult) -> str:
    return f"{result.decks} deck(s), {report.errors} error(s), {report.warnings} warning(s)"


def _exit_code(report: Report, strict: bool) -> int:
    if report.errors or (strict and report.warnings):
        return EXIT_CONTENT
    return EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder (holds content/ and optionally slidegen.toml).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Print each deck as it is built.")
@click.version_option(package_name="slidegen")
@click.pass_context
def main(ctx: click.Context, project: Path, quiet: bool, verbose: bool) -> None:
    """Build kiosk slide shows from JSON deck files.

    \b
    Exit codes: 0 ok, 1 content errors (or warnings with --strict), 2 usage errors.
    """
    if ctx.invoked_subcommand != "new" and not project.is_dir():
        raise click.UsageError(f"project folder {project} does not exist")
    ctx.obj = Ui(project, quiet, verbose)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: build/).",
)
@click.option("--theme", help="Theme name, overriding slidegen.toml.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.pass_obj
def build(ui: Ui, out: Path | None, theme: str | None, strict: bool) -> None:
    """Build the site into the output folder; bad decks are reported and skipped."""
    started = time.perf_counter()
    report = Report()
    result = run_pipeline(ui.project, BuildOptions(out=out, theme=theme), report)
    ui.diagnostics(report)
    code = _exit_code(report, strict)
    if result.output is None or result.project is None or (strict and code):
        ui.say(f"build failed: {_summary(report, result)}; nothing written")
        sys.exit(EXIT_CONTENT)
    target = out if out is not None else result.project.out_dir
    project = result.project
    try:
        check_output_dir(
            target, project.root, [project.content_dir, project.static_dir, project.themes_dir]
        )
    except UnsafeOutputError as exc:
        raise click.UsageError(str(exc)) from exc
    write_output(result.output, target)
    if ui.verbose:
        for deck in json.loads(result.output.pages["manifest.json"])["decks"]:
            ui.say(f"  {deck['id']:<14} {deck['slides']:>3} slide(s)  {deck['title']}")
    elapsed = time.perf_counter() - started
    ui.say(
        f"built {_summary(report, result)} → {result.files} files in {target} ({elapsed:.2f} s);"
        f" open {(target / 'index.html').resolve().as_uri()}"
    )
    sys.exit(code)


@main.command()
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_obj
def check(ui: Ui, strict: bool, fmt: str) -> None:
    """Run every stage except writing, and report what is wrong."""
    report = Report()
    result = run_pipeline(ui.project, BuildOptions(), report)
    if fmt == "json":
        payload = {
            "decks": result.decks,
            "errors": report.errors,
            "warnings": report.warnings,
            "diagnostics": [d.model_dump(mode="json") for d in report],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        ui.diagnostics(report)
        ui.say(f"checked {_summary(report, result)}")
    sys.exit(_exit_code(report, strict))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show the changes as a diff; write nothing.")
@click.pass_obj
def fix(ui: Ui, files: tuple[Path, ...], dry_run: bool) -> None:
    """Rewrite repaired deck files as clean JSON (keeps FILE.json.bak)."""
    from slidegen.build import open_project

    report = Report()
    project = open_project(ui.project, BuildOptions(), report)
    if project is None:
        ui.diagnostics(report)
        sys.exit(EXIT_CONTENT)
    targets = [ui.project / f if not f.is_absolute() else f for f in files] or project.deck_files()
    counts = {outcome: 0 for outcome in FixOutcome}
    for path in targets:
        rel = project.rel(path)
        if not path.resolve().is_relative_to(project.root.resolve()):
            raise click.UsageError(f"{path} is outside the project")
        if not path.is_file():
            report.error("missing-file", "no such deck file", rel)
            counts[FixOutcome.FAILED] += 1
            continue
        outcome, diff = fix_file(path, rel, report, dry_run)
        counts[outcome] += 1
        if diff and dry_run:
            click.echo(diff)
        if outcome is FixOutcome.FIXED and not dry_run:
            ui.say(f"fixed {rel} (backup: {rel}.bak)")
        elif outcome is FixOutcome.FAILED:
            ui.say(f"left {rel} untouched: it cannot be repaired without guessing")
    ui.diagnostics(report)
    verb = "would fix" if dry_run else "fixed"
    ui.say(
        f"{verb} {counts[FixOutcome.FIXED]}, clean {counts[FixOutcome.CLEAN]},"
        f" failed {counts[FixOutcome.FAILED]}"
    )
    sys.exit(EXIT_CONTENT if counts[FixOutcome.FAILED] else EXIT_OK)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def new(ui: Ui, directory: Path) -> None:
    """Create a new project in DIRECTORY with a sample deck."""
    target = directory if directory.is_absolute() else ui.project / directory
    try:
        created = create_project(target)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    for path in created:
        ui.say(f"created {path}")
    ui.say(f"next: cd {target} && slidegen build")


@main.command()
@click.pass_obj
def themes(ui: Ui) -> None:
    """List the themes this project can use."""
    from slidegen.build import open_project

    report = Report()
    project = open_project(ui.project, BuildOptions(), report)
    folder = project.themes_dir if project else ui.project / "themes"
    for name, path in available_themes(folder).items():
        click.echo(f"{name:<16} {path}")
