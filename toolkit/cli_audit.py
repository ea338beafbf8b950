"""``untk audit``: a Word draft against the official text it must be based on."""

from __future__ import annotations

import sys

import click

from toolkit.cli import EXIT_FINDINGS, EXIT_OK, INPUT_FORMATS, emit, reports_errors

#: Audit formatters: name -> "module:function".
AUDIT_FORMATS = {
    "text": "toolkit.render.audit_text:render",
    "json": "toolkit.render.audit_json:render",
    "sarif": "toolkit.render.audit_sarif:render",
    "html": "toolkit.render.audit_html:render",
}


@click.command()
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option("--base", "base", required=True, type=click.Path(dir_okay=False), help="The official text the draft is based on (A/RES or issued L. document: .txt, .md, .docx, .pdf).")
@click.option("--format", "fmt", type=click.Choice(list(AUDIT_FORMATS)), default="text", show_default=True, help="text: for the terminal; json: for programs; sarif: for code-scanning dashboards; html: a page to read.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None, help="Read the base as this format instead of sniffing it.")
@click.option("--ignore-quotes", is_flag=True, help="Treat curly and straight quotes as the same.")
@click.option("--ignore-dashes", is_flag=True, help="Treat hyphens, en and em dashes as the same.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="The check configuration (default: .untk.yaml or pyproject.toml found upward from the draft).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None, help="The least severity of a check finding that makes the exit code 1 (default: error, or the configuration's).")
@click.option("--registry", "--db", "registry_db", type=click.Path(dir_okay=False), default=None, help="The registry cited resolutions are looked up in (default: $UNTK_DB, else ~/.local/share/untk/registry.sqlite3, when it exists).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@reports_errors
def audit(
    draft: str,
    base: str,
    fmt: str,
    input_format: str | None,
    ignore_quotes: bool,
    ignore_dashes: bool,
    config_path: str | None,
    fail_on: str | None,
    registry_db: str | None,
    output: str | None,
) -> None:
    """Audit a Word draft for submission: every change must be a tracked change.

    With every tracked change rejected, DRAFT must read as the official text
    (--base); each difference is an untracked change. Also reported: the
    tracked changes by author and date, the comments and the words they are
    on, text whose formatting hides a change (white, hidden, struck through
    or highlighted without tracking), and the check findings of the text
    with every change accepted. Exit code 0 when the draft complies, 1 when
    it has untracked or hidden changes (or findings at --fail-on), 2 on error.

    \b
    Examples:
      untk audit draft.docx --base A_RES_79_15.pdf
      untk audit draft.docx --base A_C.3_80_L.24.pdf --format html -o audit.html
      untk audit draft.docx --base A_RES_79_15.docx --format sarif -o audit.sarif
    """
    from toolkit.audit import audit as run_audit
    from toolkit.normalize import Normalization
    from toolkit.render import formatter

    normalization = Normalization(quotes=ignore_quotes, dashes=ignore_dashes)
    result = run_audit(draft, base, input_format, normalization, config_path, registry_db, fail_on)
    emit(formatter(AUDIT_FORMATS, fmt)(result), output, (draft, base))
    sys.exit(EXIT_OK if result.clean else EXIT_FINDINGS)
