"""The `slidegen` command line."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from slidegen.build import BuildOptions, BuildResult, open_project, run_pipeline
from slidegen.diagnostics import Diagnostic, Report, Severity
from slidegen.fix import FixOutcome, fix_file
from slidegen.rebuild import Outcome, Session
from slidegen.scaffold import ScaffoldError, create_project
from slidegen.theme_list import list_themes
from slidegen.write import UnsafeOutputError, check_output_dir, write_output

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class Ui:
    """How much to print, passed to every command explicitly."""

    def __init__(self, project: Path, quiet: bool, verbose: bool) -> None:
        self.project = project
        self.quiet = quiet
        self.verbose = verbose

    def diagnostics(self, report: Report, infos: bool = False) -> None:
        """Print diagnostics to stderr; quiet mode keeps only errors, infos need -v or `infos`."""
        hidden = 0
        for diag in report:
            if self.quiet and diag.severity is not Severity.ERROR:
                continue
            if diag.severity is Severity.INFO and not (infos or self.verbose):
                hidden += 1
                continue
            click.echo(_styled(diag), err=True)
        if hidden:
            self.say(f"{hidden} note(s) not shown (long blocks split over slides); -v shows them")

    def outcome(self, outcome: Outcome) -> None:
        """Diagnostics and a one-line summary of a watch/serve build."""
        report = Report()
        report.extend(outcome.diagnostics)
        self.diagnostics(report)
        self.say(f"{time.strftime('%H:%M:%S')} {outcome.summary()}")

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
    result = run_pipeline(ui.project, BuildOptions(theme=theme), report)
    ui.diagnostics(report)
    code = _exit_code(report, strict)
    if result.output is None or result.project is None or (strict and code):
        ui.say(f"build failed: {_summary(report, result)}; nothing written")
        sys.exit(EXIT_CONTENT)
    target = out if out is not None else result.project.out_dir
    project = result.project
    try:
        check_output_dir(target, project.root, project.input_dirs())
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
            "infos": report.count(Severity.INFO),
            "diagnostics": [d.model_dump(mode="json") for d in report],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        ui.diagnostics(report, infos=True)  # check is where an editor looks for split blocks
        ui.say(f"checked {_summary(report, result)}")
    sys.exit(_exit_code(report, strict))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show the changes as a diff; write nothing.")
@click.pass_obj
def fix(ui: Ui, files: tuple[Path, ...], dry_run: bool) -> None:
    """Rewrite repaired deck files as clean JSON (keeps FILE.json.bak)."""
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
    report = Report()
    project = open_project(ui.project, BuildOptions(), report)
    folder = project.themes_dir if project else ui.project / "themes"
    current = project.config.theme if project else ""
    entries = list_themes(folder)
    width = max((len(e.origin) for e in entries), default=0)
    for entry in entries:
        mark = "*" if entry.name == current else " "
        line = f"{mark} {entry.name:<16} {entry.origin:<{width}}  {entry.description}".rstrip()
        click.echo(line + (f"\n    {entry.folder}" if ui.verbose else ""))


def _live_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options shared by `watch` and `serve`."""
    command = click.option(
        "--poll", is_flag=True, help="Poll for changes (network drives, containers)."
    )(command)
    command = click.option("--theme", help="Theme name, overriding slidegen.toml.")(command)
    return click.option(
        "--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder."
    )(command)


@main.command()
@_live_options
@click.pass_obj
def watch(ui: Ui, out: Path | None, theme: str | None, poll: bool) -> None:
    """Build, then rebuild whenever content, static files, themes or slidegen.toml change."""
    from slidegen import live

    live.watch(Session(ui.project, BuildOptions(theme=theme), out), ui.outcome, ui.say, poll)


@main.command()
@_live_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.pass_obj
def serve(
    ui: Ui,
    out: Path | None,
    theme: str | None,
    poll: bool,
    host: str,
    port: int,
    open_browser: bool,
) -> None:
    """Preview the site: build, serve it, rebuild and reload the page on every save."""
    from slidegen import live

    session = Session(ui.project, BuildOptions(theme=theme), out)
    live.serve(session, ui.outcome, ui.say, poll, host, port, open_browser)


# --- import (issue 7) ---------------------------------------------------------------------------


@main.command("import")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
)
@click.option("--id", "deck_id", metavar="ID", help="The deck's ID, e.g. 1.2.3.")
@click.option("--under", metavar="ID", help="Use the next free ID under this one, e.g. 1.5.")
@click.option("--title", default="", help="Deck title (default: from the document).")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Deck file or folder (default: content/<ID>-<slug>.json).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["txt", "md", "html", "docx"]),
    help="Read the file(s) as this format (default: from the extension; stdin is sniffed).",
)
@click.option("--logo-title", help="Text beside the logo (default: as on the other decks).")
@click.option(
    "--logo", "logo_path", help="Logo image, e.g. /img/logo.png (default: as on the other decks)."
)
@click.option("--lang", help="The deck's language, e.g. kk or ru (default: the project's).")
@click.option("--force", is_flag=True, help="Replace an existing deck or file.")
@click.option("--dry-run", is_flag=True, help="Print the deck JSON instead of writing it.")
@click.pass_obj
def import_(
    ui: Ui,
    files: tuple[Path, ...],
    deck_id: str | None,
    under: str | None,
    title: str,
    out: Path | None,
    fmt: str | None,
    logo_title: str | None,
    logo_path: str | None,
    lang: str | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Turn documents (.txt, .md, .html, .docx; - for stdin) into deck files.

    \b
    Examples:
      slidegen import letter.docx --under 2
      slidegen import article.txt --id 1.3 --title "Ел Үміті"
      cat notes.md | slidegen import - --under 1 --dry-run
    """
    from slidegen.importer import Format, ImportRequest, ImportUsageError, run_import
    from slidegen.importer.notes import NOTE

    request = ImportRequest(
        files=list(files),
        deck_id=deck_id,
        under=under,
        title=title,
        out=out if out is None or out.is_absolute() else ui.project / out,
        format=Format(fmt) if fmt else None,
        logo_title=logo_title,
        logo_path=logo_path,
        lang=lang,
        force=force,
        dry_run=dry_run,
    )
    report = Report()
    try:
        result = run_import(request, ui.project, report)
    except ImportUsageError as exc:
        ui.diagnostics(report)
        raise click.UsageError(str(exc)) from exc
    for diag in report:
        if diag.severity is Severity.INFO and diag.code == NOTE:
            where = diag.file + (f":{diag.line}" if diag.line is not None else "")
            ui.say(f"import: {where}: {diag.message}")
        elif not ui.quiet or diag.severity is Severity.ERROR:
            click.echo(_styled(diag), err=True)
    root = ui.project.resolve()
    for plan in result.planned:
        if dry_run:
            click.echo(plan.deck.to_json(), nl=False)
            continue
        written = plan.target.path.resolve()
        shown = written.relative_to(root) if written.is_relative_to(root) else written
        verb = "replaced" if plan.target.replaces else "wrote"
        ui.say(
            f"{verb} {shown.as_posix()} (ID {plan.target.id}, {len(plan.deck.content)} blocks)"
            f" from {plan.source}"
            + (f" and {len(plan.doc.images)} picture(s) in static/img/" if plan.doc.images else "")
        )
    sys.exit(EXIT_CONTENT if result.failed or report.errors else EXIT_OK)


@main.command("export")
@click.option(
    "--zip",
    "zip_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the built site as one zip file (fixed dates, sorted names).",
)
@click.option(
    "--single-file",
    "single_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every page as one self-contained HTML file into this folder.",
)
@click.option("--theme", help="Theme name, overriding slidegen.toml.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.pass_obj
def export(
    ui: Ui, zip_file: Path | None, single_dir: Path | None, theme: str | None, strict: bool
) -> None:
    """Build, then package the site for a USB stick or another machine."""
    from slidegen.export import (
        ExportError,
        check_export_target,
        export_zip,
        single_file_output,
    )

    if zip_file is None and single_dir is None:
        raise click.UsageError("say what to export: --zip FILE and/or --single-file DIR")
    report = Report()
    result = run_pipeline(ui.project, BuildOptions(theme=theme), report)
    ui.diagnostics(report)
    code = _exit_code(report, strict)
    if result.output is None or result.project is None or (strict and code):
        ui.say(f"export failed: {_summary(report, result)}; nothing written")
        sys.exit(EXIT_CONTENT)
    project = result.project
    try:
        for target in (t for t in (zip_file, single_dir) if t is not None):
            check_export_target(target, project)
        if zip_file is not None:
            count = export_zip(result.output, zip_file)
            ui.say(f"exported {count} files → {zip_file} ({zip_file.stat().st_size:,} bytes)")
        if single_dir is not None:
            check_output_dir(single_dir, project.root, [])
            output, pages = single_file_output(result.output)
            write_output(output, single_dir)
            for page in pages:
                beside = f"; keep beside it: {', '.join(page.needs)}" if page.needs else ""
                ui.say(f"  {page.path} ({page.size:,} bytes){beside}")
            ui.say(f"exported {len(pages)} self-contained page(s) → {single_dir}")
    except (ExportError, UnsafeOutputError) as exc:
        raise click.UsageError(str(exc)) from exc
    sys.exit(code)
