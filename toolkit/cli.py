"""The ``untk`` command line: thin commands over the library.

Imports of the library happen inside each command, so that ``untk --help`` and
the pre-commit hook start fast.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any, Callable, Sequence

import click

from toolkit import __version__

#: Exit codes, the same for every command.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

INPUT_FORMATS = ("ods", "text", "draft", "docx", "pdf")


def _fail(message: str) -> None:
    from toolkit.render.safe import visible_name  # a file name may hold terminal escapes

    click.echo(f"untk: error: {visible_name(message)}", err=True)
    sys.exit(EXIT_ERROR)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from toolkit.errors import UntkError

        try:
            return command(*args, **kwargs)
        except UntkError as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: still one line, with a way to see more
            if os.environ.get("UNTK_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set UNTK_DEBUG=1 for the traceback)")

    return wrapper


def emit(data: str | bytes, output: str | None, inputs: Sequence[str] = ()) -> None:
    """Print ``data``, or write it atomically to ``output``; binary data never goes to a terminal.

    ``-o`` never replaces one of the command's ``inputs``, and text never goes into a
    file named ``.docx``: both would destroy a user's document.
    """
    if output and output != "-":
        from toolkit.atomic import write_bytes, write_text
        from toolkit.errors import InputError

        for source in inputs:
            if source != "-" and _same_file(source, output):
                raise InputError(output, f"-o would overwrite the input {source}; write the output to another file")
        if isinstance(data, str) and output.lower().endswith(".docx"):
            raise InputError(output, "this format writes text, not a Word document; use --format docx for a .docx")

        if isinstance(data, bytes):
            write_bytes(output, data)
        else:
            write_text(output, data)
    elif isinstance(data, bytes):
        if sys.stdout.isatty():
            raise click.UsageError("this format writes a binary file: give -o FILE.docx")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(data, nl=False)


def _same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (a link or another spelling of the path included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _revisions_value(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``accept``, ``reject`` or ``author=NAME[,NAME...]``; anything else is a one-line error (exit 2)."""
    if value in ("accept", "reject"):
        return value
    from toolkit.readers.docx_revisions import parse_revisions

    try:
        parse_revisions(value)
    except ValueError as exc:
        _fail(str(exc))
    return value


def _revisions_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--revisions",
        default="accept",
        show_default=True,
        metavar="accept|reject|author=NAME[,NAME...]",
        callback=_revisions_value,
        help="How tracked changes in a .docx are read: all accepted, all rejected, or those of the named "
        "authors accepted and the others rejected.",
    )(command)


# Commands that live in modules of their own, imported only when named (or listed by --help),
# so that start-up stays as cheap as the command run: name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "audit": "toolkit.cli_audit:audit",
    "rollover": "toolkit.cli_rollover:rollover",
    "serve": "toolkit.cli_serve:serve",  # the browser workbench (untk[web])
}


class _Commands(click.Group):
    """A group whose further commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None and name in LAZY_COMMANDS:
            import importlib

            # Not added to the group: the group's own commands stay those defined here,
            # whichever lazy ones have run (the import is cached by Python).
            module, _, attribute = LAZY_COMMANDS[name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="untk")
@click.option("-q", "--quiet", "quiet", is_flag=True, help="Say less: no warnings, no source lines, no progress.")
@click.option("-v", "--verbose", "verbose", count=True, help="Say more: configuration used and timings, on stderr.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: int) -> None:
    """untk: compare versions of UN resolutions and check their references and citations.

    \b
    Examples:
      untk show samples/A_RES_70_291.txt
      untk diff samples/A_RES_70_291.txt samples/redraft-2018-review.md
      untk check samples/redraft-2018-review.md --against samples/A_RES_70_291.txt

    Shell completion: eval "$(_UNTK_COMPLETE=bash_source untk)" (zsh_source, fish_source).
    """
    ctx.obj = {"verbosity": -1 if quiet else verbose}


def verbosity() -> int:
    """-1 with -q, 0 by default, 1 or more with -v."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return (root.obj or {}).get("verbosity", 0) if root else 0


def note(message: str) -> None:
    """A line for -v: on stderr, never mixed with the output."""
    if verbosity() > 0:
        click.echo(f"untk: {message}", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["outline", "json", "draft"]),
    default="outline",
    show_default=True,
    help="outline: ids and opening words; json: the whole document model; draft: the Markdown draft form.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="Read FILE as this format instead of sniffing it.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@_revisions_option
@reports_errors
def show(file: str, fmt: str, input_format: str | None, output: str | None, revisions: str) -> None:
    """Read a resolution and print its structure.

    \b
    Examples:
      untk show samples/A_RES_70_291.txt
      untk show resolution.txt --format json -o resolution.json
      untk show A_RES_70_291.txt --format draft -o draft.md
    """
    from toolkit.readers import read_document
    from toolkit.render import DOCUMENT_FORMATS, formatter

    doc = read_document(file, input_format, revisions)
    if verbosity() < 0 and doc.diagnostics:
        import dataclasses

        doc = dataclasses.replace(doc, diagnostics=())
    emit(formatter(DOCUMENT_FORMATS, fmt)(doc), output, (file,))


def _color(output: str | None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if output and output != "-":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@main.command()
@click.argument("old", type=click.Path(dir_okay=True))
@click.argument("new", type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html", "docx", "amendments"]),
    default="text",
    show_default=True,
    help="text: for the terminal; json: for programs; markdown: for a pull-request comment; html: a page to read; "
    "docx: a Word document with tracked changes (needs -o); amendments: the changes as formal instructions "
    "(untk amend OLD reads them back).",
)
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None, help="Read both files as this format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@click.option("--ignore-case", is_flag=True, help="Treat wording that differs only in case as the same.")
@click.option("--ignore-quotes", is_flag=True, help="Treat curly and straight quotes as the same.")
@click.option("--ignore-dashes", is_flag=True, help="Treat hyphens, en and em dashes as the same.")
@click.option(
    "--strict-whitespace", is_flag=True, help="Count differences in white space (by default they are ignored)."
)
@click.option("--context", is_flag=True, help="text format: also list the paragraphs that did not change.")
@click.option(
    "--substantive",
    is_flag=True,
    help="text, markdown, html: show only substantive changes (technical and editorial ones are counted, not shown).",
)
@_revisions_option
@reports_errors
def diff(
    old: str,
    new: str,
    fmt: str,
    input_format: str | None,
    output: str | None,
    ignore_case: bool,
    ignore_quotes: bool,
    ignore_dashes: bool,
    strict_whitespace: bool,
    context: bool,
    substantive: bool,
    revisions: str,
) -> None:
    """Compare two versions of a resolution, paragraph by paragraph.

    Reports paragraphs that are new, deleted, moved, split, merged, reworded or
    only renumbered, with a word-level redline of each change. Exit code 0 when
    the versions are the same, 1 when they differ, 2 on error (like diff).

    \b
    Examples:
      untk diff A_RES_68_276.txt A_RES_70_291.txt
      untk diff old.txt new.txt --format html -o redline.html
      untk diff draft-v1.md draft-v2.md --format markdown --ignore-quotes
      untk diff A_RES_70_291.docx draft.docx --format docx -o redline.docx
    """
    from toolkit.comparison import compare
    from toolkit.normalize import Normalization
    from toolkit.readers import read_with_source
    from toolkit.render import DIFF_FORMATS, formats_taking, formatter, render
    from toolkit.render.options import RenderOptions, accepts

    normalization = Normalization(
        case=ignore_case, whitespace=not strict_whitespace, quotes=ignore_quotes, dashes=ignore_dashes
    )
    (old_doc, old_text), (new_doc, new_text) = (read_with_source(p, input_format, revisions) for p in (old, new))
    comparison = compare(old_doc, new_doc, normalization, (old_text, new_text))
    if substantive and not accepts(formatter(DIFF_FORMATS, fmt), "substantive"):
        *first, last = formats_taking(DIFF_FORMATS, "substantive")
        raise click.UsageError(f"--substantive is for the {', '.join(first)} and {last} formats: {fmt} keeps every change")
    change_authors = None
    if accepts(formatter(DIFF_FORMATS, fmt), "change_authors") and revisions == "accept" and new_doc.source.format == "docx":
        # A Word draft read with its changes accepted: each change credited to its authors.
        from toolkit.attribution import pair_authors
        from toolkit.readers.docx_revisions import read_revisions

        change_authors = pair_authors(comparison, read_revisions(new)[1])
    options = RenderOptions(color=_color(output), context=context, substantive=substantive, change_authors=change_authors)
    emit(render(DIFF_FORMATS, fmt, comparison, options), output, (old, new))
    sys.exit(EXIT_OK if comparison.identical else EXIT_FINDINGS)


@main.command()
@click.argument("draft", type=click.Path(dir_okay=False))
@click.argument("amendments", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "docx", "draft"]),
    default="text",
    show_default=True,
    help="text: what was applied, then the redline; json: for programs; docx: tracked changes by amendment "
    "(needs -o); draft: the amended text in the Markdown draft form.",
)
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None, help="Read the draft as this format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@_revisions_option
@reports_errors
def amend(draft: str, amendments: tuple[str, ...], fmt: str, input_format: str | None, output: str | None, revisions: str) -> None:
    """Apply amendments to a draft, as the Assembly would.

    Each AMENDMENT is an amendment document (A/C.3/80/L.65 as PDF, text or
    draft) or a numbered list of instructions (as 'untk diff --format
    amendments' writes it). Paragraphs are named as the draft numbers them;
    the result is renumbered. An instruction that does not apply (words not
    found or found twice, no such paragraph, two amendments on the same words)
    is reported on stderr and nothing is guessed: exit code 1. Exit code 0
    when every instruction applied, 2 on error.

    \b
    Examples:
      untk amend A_C.3_80_L.24.pdf A_C.3_80_L.65.pdf
      untk amend draft.md ours.txt theirs.pdf --format draft -o amended.md
      untk amend draft.docx A_C.3_80_L.65.pdf --format docx -o amended.docx
    """
    from toolkit.amend import Amended, from_document, from_text
    from toolkit.amend import amend as apply_amendments
    from toolkit.errors import InputError
    from toolkit.readers import read_document
    from toolkit.render import AMEND_FORMATS, render
    from toolkit.render.options import RenderOptions
    from toolkit.source import load

    base = read_document(draft, input_format, revisions)
    chosen = []
    for path in amendments:
        try:
            found = from_document(read_document(path))
        except InputError:
            found = None
        if found is None:
            raw = load(path)
            found = from_text(path, raw.text) if raw.kind == "text" else None
        if found is None:
            raise InputError(path, "no amendment instructions here (numbered instructions such as '1. Delete operative paragraph 2.')")
        chosen.append(found)
    result = apply_amendments(base, chosen)
    for problem in result.problems:
        from toolkit.render.safe import visible_name

        click.echo(visible_name(f"untk: {problem.amendment}: {problem.instruction}: not applied: {problem.reason}: {problem.text}"), err=True)
    data = render(AMEND_FORMATS, fmt, Amended(base, tuple(chosen), result), RenderOptions(color=_color(output)))
    emit(data, output, (draft, *amendments))
    sys.exit(EXIT_FINDINGS if result.problems else EXIT_OK)


@main.command()
@click.argument("versions", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None, help="Read every file as this format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@_revisions_option
@reports_errors
def history(versions: tuple[str, ...], fmt: str, input_format: str | None, output: str | None, revisions: str) -> None:
    """Trace each paragraph of the newest version back through earlier ones.

    Give the versions oldest first. For every paragraph of the last version:
    the version where it first appeared and each version that changed its
    wording; then the paragraphs dropped along the way.

    \b
    Examples:
      untk history A_RES_60_288.txt A_RES_68_276.txt A_RES_70_291.txt
      untk history v1.md v2.md v3.md --format json -o history.json
    """
    from toolkit.history import history as trace
    from toolkit.readers import read_document
    from toolkit.render import HISTORY_FORMATS, formatter

    if len(versions) < 2:
        raise click.UsageError("give at least two versions, oldest first")
    docs = [read_document(path, input_format, revisions) for path in versions]
    emit(formatter(HISTORY_FORMATS, fmt)(trace(docs)), output, versions)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github"]),
    default=None,
    help="text (default), json, sarif, or github annotations (the default under GitHub Actions).",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Use this configuration instead of searching upward for .untk.yaml or pyproject.toml.")
@click.option("--select", multiple=True, help="Run only these rules, packs or categories (repeatable).")
@click.option("--ignore", multiple=True, help="Do not run these rules, packs or categories (repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None, help="The least severity that makes the exit code 1 (default: error, or the configuration's).")
@click.option("--against", type=click.Path(dir_okay=True), default=None, help="The previous version: references copied from it that renumbering made stale are reported, with the fix.")
@click.option("--registry", "--db", "registry_db", type=click.Path(dir_okay=False), default=None, help="The registry file cited resolutions are looked up in (default: $UNTK_DB, else ~/.local/share/untk/registry.sqlite3, when it exists).")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None, help="Read the files as this format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@click.option("--baseline", type=click.Path(dir_okay=True), default=None, help="Report only findings introduced relative to this version (matched through the alignment).")
@click.option("--only-resolutions", is_flag=True, help="Skip files that are not resolutions instead of failing (for hooks run on every Markdown file).")
@click.option("--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help="Check files in this many processes.")
@click.option("-q", "--quiet", is_flag=True, help="text format: findings only, without source lines.")
@_revisions_option
@reports_errors
def check(
    files: tuple[str, ...],
    fmt: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    against: str | None,
    registry_db: str | None,
    input_format: str | None,
    output: str | None,
    baseline: str | None,
    only_resolutions: bool,
    jobs: int,
    quiet: bool,
    revisions: str,
) -> None:
    """Check references, footnotes, citations and editorial conventions.

    Exit code 0 when no finding reaches --fail-on, 1 when one does, 2 on a
    usage, configuration or input error.

    \b
    Examples:
      untk check samples/A_RES_70_291.txt
      untk check draft.md --against A_RES_70_291.txt
      untk check drafts/*.md --format sarif -o untk.sarif
      untk check draft.md --select footnote --fail-on warning
      untk check draft-rev1.md --baseline draft.md
    """
    from toolkit.checks.finding import severity_rank
    from toolkit.checks.run import Options, check_files
    from toolkit.render import FINDINGS_FORMATS, render
    from toolkit.render.options import RenderOptions

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    settings = Options(
        config_path, select, ignore, fail_on, against, registry_db, input_format, baseline, only_resolutions, revisions
    )
    import time

    started = time.perf_counter()
    quiet = quiet or verbosity() < 0
    checked = [c for c in check_files(list(files), settings, jobs)]
    if checked:
        rule_count = len({r.id for c in checked for r in c.rules})
        note(f"{len(checked)} file(s), {rule_count} rules, {time.perf_counter() - started:.2f} s")
        for sources in dict.fromkeys(c.configuration for c in checked):
            note(f"configuration: {' <- '.join(reversed(sources)) or 'none'}")
    from toolkit.render.safe import visible_name

    unreadable = [c for c in checked if c.error]
    for c in checked:
        if c.error:
            click.echo(f"untk: error: {visible_name(c.error)}", err=True)
        elif c.report is None and not quiet and (not c.discovered or verbosity() > 0):
            click.echo(f"untk: skipped {visible_name(c.path)}: {visible_name(c.skipped or '')}", err=True)
    checked = [c for c in checked if c.report is not None]
    reports = [c.report for c in checked]
    options = RenderOptions(
        color=_color(output), quiet=quiet, rules=tuple({r.id: r for c in checked for r in c.rules}.values())
    )
    emit(render(FINDINGS_FORMATS, fmt, reports, options), output, files)
    failing = any(
        severity_rank(f.severity) >= severity_rank(c.fail_on) for c in checked for f in c.report.findings
    )
    sys.exit(EXIT_ERROR if unreadable else EXIT_FINDINGS if failing else EXIT_OK)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--against", type=click.Path(dir_okay=True), default=None, help="The previous version: fix references that its renumbering made stale.")
@click.option("--write", "write_back", is_flag=True, help="Replace the files (atomically, keeping FILE.orig) instead of printing a diff.")
@click.option("--no-backup", is_flag=True, help="With --write: keep no FILE.orig.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply the fixes of rules whose fixes are unsafe (see 'untk rules show ID').")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
@click.option("--select", multiple=True, help="Apply only these rules', packs' or categories' fixes.")
@click.option("--ignore", multiple=True, help="Do not apply these rules', packs' or categories' fixes.")
@click.option("--only-resolutions", is_flag=True, help="Skip files that are not resolutions.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None)
@reports_errors
def fix(
    files: tuple[str, ...],
    against: str | None,
    write_back: bool,
    no_backup: bool,
    unsafe_fixes: bool,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    only_resolutions: bool,
    input_format: str | None,
) -> None:
    """Apply the unambiguous fixes findings offer: stale references, terminology, numbering.

    Only the fixes of rules whose fixes are safe are applied; --unsafe-fixes
    applies the others too, and a line on stderr says how many were left out.
    Without --write, prints a unified diff of exactly what --write would change
    and exits 1 if anything would. With --write, only the fixed characters
    change (line endings, form feeds, encoding and byte-order mark are kept);
    each file is replaced atomically (temporary file, fsync, rename), through a
    link to the file it names; FILE.orig keeps the old text; a read-only file,
    or one that changed since it was read, is not written.

    \b
    Examples:
      untk fix draft.md
      untk fix draft.md --against A_RES_70_291.txt --write
      untk fix draft.md --unsafe-fixes
    """
    from toolkit.checks.run import Options
    from toolkit.fixes import write
    from toolkit.fixing import fix_files
    from toolkit.render.fixed import not_applied, preview, written

    settings = Options(config_path, select, ignore, None, against, None, input_format)
    changed = False
    for fixed in fix_files(files, settings, unsafe_fixes, only_resolutions):
        for line in not_applied(fixed) if verbosity() >= 0 else ():
            click.echo(line, err=True)
        if not fixed.changed:
            continue
        changed = True
        if write_back:
            emit(written(fixed, write(fixed, backup=not no_backup)), None)
        else:
            emit(preview(fixed, terminal=sys.stdout.isatty()), None)
    sys.exit(EXIT_FINDINGS if changed and not write_back else EXIT_OK)


@main.group()
def rules() -> None:
    """List, show and test the rules.

    \b
    Examples:
      untk rules list
      untk rules show terminology-lost-hyphen
      untk rules test
    """


def _text_or_json(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help="text: for the terminal; json: for programs (schemas in toolkit/schemas/).",
    )(command)


@rules.command("list")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Also mark which rules this configuration turns on.")
@_text_or_json
@reports_errors
def rules_list(config_path: str | None, fmt: str) -> None:
    """List every bundled rule: id, severity, category, kind and its fixes' safety.

    \b
    Example:
      untk rules list
    """
    from toolkit.checks import config as configuration
    from toolkit.checks.packs import load_bundled
    from toolkit.render import RULE_LIST_FORMATS, render

    enabled = {r.id for r in configuration.load(config_path).rules}
    emit(render(RULE_LIST_FORMATS, fmt, [(rule, rule.id in enabled) for rule in load_bundled()]), None)


@rules.command("show")
@click.argument("rule_id")
@_text_or_json
@reports_errors
def rules_show(rule_id: str, fmt: str) -> None:
    """Show a rule: what it checks, whether its fix is safe, its options and its examples.

    \b
    Example:
      untk rules show terminology-lost-hyphen
    """
    from toolkit.checks.packs import load_bundled
    from toolkit.render import RULE_FORMATS, render

    found = {r.id: r for r in load_bundled()}
    if rule_id not in found:
        raise click.UsageError(f"no rule {rule_id!r} (see 'untk rules list')")
    emit(render(RULE_FORMATS, fmt, found[rule_id]), None)


@rules.command("test")
@click.option("-v", "--verbose", is_flag=True, help="text format: list every example, not only the failures.")
@_text_or_json
@reports_errors
def rules_test(verbose: bool, fmt: str) -> None:
    """Run every rule's own examples: each fail example must give a finding, each pass none.

    \b
    Example:
      untk rules test
    """
    from toolkit.checks.examples import run_examples
    from toolkit.checks.packs import load_bundled
    from toolkit.render import RULE_TEST_FORMATS, render
    from toolkit.render.options import RenderOptions

    run = run_examples(load_bundled())
    emit(render(RULE_TEST_FORMATS, fmt, run, RenderOptions(verbose=verbose)), None)
    sys.exit(EXIT_FINDINGS if run.failed else EXIT_OK)


def _db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    # One name and one order for every command: --registry (or --db), else $UNTK_DB, else XDG.
    return click.option(
        "--registry",
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="The registry file (default: $UNTK_DB, else ~/.local/share/untk/registry.sqlite3).",
    )(command)


@main.group()
def registry() -> None:
    """The embedded registry of known resolutions (SQLite).

    \b
    Examples:
      untk registry import un-resolutions.csv
      untk registry show "resolution 1373 (2001)"
      untk registry stats
    """


@registry.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False))
@_db_option
@click.option("--organ", default=None, help='The organ of a list whose symbols are bare numbers ("51/3"): "Human Rights Council".')
@reports_errors
def registry_import(csv_file: str, db: str | None, organ: str | None) -> None:
    """Import resolutions from a CSV or spreadsheet: a symbol,date,title list, UN voting
    data, or another organ's list (the Human Rights Council's, with --organ).

    Voting data (one row per Member State vote) is aggregated to one record per
    resolution; columns are recognised by meaning, and the mapping used is
    printed; a date is also found in a free-text column such as "Action taken".
    Each line not read, or read without its date, is listed. Importing the same
    file again changes nothing.

    \b
    Examples:
      untk registry import ../shared/registry/un-resolutions.csv
      untk registry import 2024_UNGA_Voting_Data.csv --registry votes.sqlite3
      untk registry import unhrc_resolutions.ods --organ "Human Rights Council"
    """
    from toolkit.registry.importer import import_csv
    from toolkit.registry.store import connect, default_path
    from toolkit.render.registry import import_text

    result = import_csv(connect(db), csv_file, organ)
    emit(import_text(csv_file, result, str(db or default_path())), None)


@registry.command("show")
@click.argument("symbol")
@_db_option
@_text_or_json
@reports_errors
def registry_show(symbol: str, db: str | None, fmt: str) -> None:
    """Show what the registry knows of a resolution.

    \b
    Examples:
      untk registry show S/RES/1373(2001)
      untk registry show 60/288
    """
    from toolkit.registry.lookup import Registry
    from toolkit.registry.store import connect
    from toolkit.render import REGISTRY_RECORD_FORMATS, render

    record = Registry(connect(db, create=False)).lookup(symbol)
    if record is None:
        from toolkit.render.safe import visible_name

        click.echo(f"{visible_name(symbol)}: not in the registry", err=True)
        sys.exit(EXIT_FINDINGS)
    emit(render(REGISTRY_RECORD_FORMATS, fmt, record), None)


@registry.command("stats")
@_db_option
@_text_or_json
@reports_errors
def registry_stats(db: str | None, fmt: str) -> None:
    """Count what the registry holds.

    \b
    Example:
      untk registry stats
    """
    from toolkit.registry.lookup import Registry
    from toolkit.registry.store import connect, default_path
    from toolkit.registry.summary import summarize
    from toolkit.render import REGISTRY_STATS_FORMATS, render

    summary = summarize(Registry(connect(db, create=False)), str(db or default_path()))
    emit(render(REGISTRY_STATS_FORMATS, fmt, summary), None)


@registry.command("conflicts")
@_db_option
@reports_errors
def registry_conflicts(db: str | None) -> None:
    """List resolutions whose dates disagree: between the adopted texts that cite them, or
    with the date the registry records (drafts never count).

    \b
    Example:
      untk index corpus/ && untk registry conflicts
    """
    from toolkit.registry.lookup import Registry
    from toolkit.registry.store import connect
    from toolkit.render.registry import conflicts_text

    found = Registry(connect(db, create=False)).conflicts()
    emit(conflicts_text(found), None)
    sys.exit(EXIT_FINDINGS if found else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@_db_option
@click.option("--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help="Parse files in this many local processes.")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Parse files on a Dask distributed cluster (tcp://host:8786).")
@reports_errors
def index(paths: tuple[str, ...], db: str | None, jobs: int, scheduler: str | None) -> None:
    """Store resolutions (files or folders) in the registry for search and citation checks.

    Metadata, paragraphs, footnotes and citations are stored; files whose
    content is already indexed are skipped.

    \b
    Examples:
      untk index samples/
      untk index corpus/ --jobs 4
      untk index corpus/ --scheduler tcp://10.0.0.5:8786
    """
    from toolkit.registry.index import index as run_index
    from toolkit.registry.store import connect, default_path
    from toolkit.render.registry import index_text

    conn = connect(db)
    show = sys.stderr.isatty() and verbosity() >= 0

    def progress(done: int, total: int) -> None:
        if show:
            width = 30
            filled = width * done // max(total, 1)
            click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", nl=done == total, err=True)

    result = run_index(conn, paths, jobs=jobs, scheduler=scheduler, progress=progress)
    for path, reason in result.failed if verbosity() >= 0 else ():
        click.echo(f"untk: warning: {reason}" if reason.startswith(path) else f"untk: warning: {path}: {reason}", err=True)
    for path, reason in result.skipped if verbosity() > 0 else ():
        click.echo(f"untk: skipped {path}: {reason}", err=True)
    for path, symbol, kept in result.copies if verbosity() >= 0 else ():
        click.echo(f"untk: warning: {path}: another copy of {symbol}; the registry keeps the text of {kept}", err=True)
    emit(index_text(result, str(db or default_path())), None)


@main.command()
@click.argument("text")
@_db_option
@click.option("--mode", type=click.Choice(["near", "exact"]), default="near", show_default=True, help="exact: the phrase as written; near: near-verbatim wording.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--include-drafts", is_flag=True, help="Search indexed drafts too (by default only adopted texts: agreed language).")
@reports_errors
def search(text: str, db: str | None, mode: str, limit: int, fmt: str, include_drafts: bool) -> None:
    """Find agreed language: indexed paragraphs with this wording, best first.

    \b
    Examples:
      untk search "calls upon Member States to prevent refugee status from being abused"
      untk search "comprehensive international framework" --mode exact --format json
    """
    from toolkit.registry.search import search as run_search
    from toolkit.registry.store import connect
    from toolkit.render import SEARCH_FORMATS, render
    from toolkit.render.options import RenderOptions

    hits = run_search(connect(db, create=False), text, mode, limit, drafts=include_drafts)
    emit(render(SEARCH_FORMATS, fmt, hits, RenderOptions(color=_color(None))), None)
    if not hits and fmt == "text":
        click.echo("no match", err=True)
    sys.exit(EXIT_OK if hits else EXIT_FINDINGS)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True))
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None)
@reports_errors
def provenance(file: str, db: str | None, fmt: str, input_format: str | None) -> None:
    """For each paragraph of a draft: agreed language (and where from), modified, or new.

    \b
    Examples:
      untk provenance samples/redraft-2018-review.md
      untk provenance draft.md --format json
    """
    from toolkit.readers import read_document
    from toolkit.registry.provenance import provenance as trace
    from toolkit.registry.store import connect
    from toolkit.render import PROVENANCE_FORMATS, render

    rows = trace(connect(db, create=False), read_document(file, input_format))
    emit(render(PROVENANCE_FORMATS, fmt, rows), None)


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "json"]), default="graphml", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@reports_errors
def graph(db: str | None, fmt: str, output: str | None) -> None:
    """The citation network of the registry: resolutions and who cites whom.

    \b
    Examples:
      untk graph -o citations.graphml
      untk graph --format json
    """
    from toolkit.registry.graph import citation_graph
    from toolkit.registry.store import connect
    from toolkit.render import GRAPH_FORMATS, render

    emit(render(GRAPH_FORMATS, fmt, citation_graph(connect(db, create=False))), output)


if __name__ == "__main__":  # pragma: no cover
    main()
