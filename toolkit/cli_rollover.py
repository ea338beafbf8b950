"""``untk rollover``: next year's technical update of a recurring resolution, as tracked changes."""

from __future__ import annotations

import datetime as dt

import click

from toolkit.cli import INPUT_FORMATS, _revisions_option, emit, reports_errors, verbosity


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is no date; write it as YYYY-MM-DD (2025-10-29)") from None


@click.command()
@click.argument("previous", type=click.Path(dir_okay=False))
@click.option("--session", type=click.IntRange(2, 199), required=True, help="The session the new text is for (81).")
@click.option("--adopted", callback=_date, default=None, metavar="YYYY-MM-DD", help="The date the new text is expected to be adopted on.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "text", "markdown", "json", "draft"]),
    default="docx",
    show_default=True,
    help="docx: the draft as tracked changes against PREVIOUS (needs -o); text, markdown: the edits and the "
    "passages to review; json: the same for programs; draft: the drafted text in the Markdown draft form.",
)
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None, help="Read PREVIOUS as this format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@_revisions_option
@reports_errors
def rollover(
    previous: str, session: int, adopted: dt.date | None, fmt: str, input_format: str | None, output: str | None, revisions: str
) -> None:
    """Draft next year's technical update of a recurring resolution.

    PREVIOUS is the official text last adopted. Sessions of the Assembly from
    PREVIOUS's own on advance, earlier ones stay; PREVIOUS joins the lists of
    recalled resolutions that end with the one it succeeded; documents of the
    new session become placeholders ("A/81/[…]"); years and deadlines are listed
    for review, never changed. Every edit is listed with its reason.

    \b
    Examples:
      untk rollover A_RES_79_7.pdf --session 80 -o draft.docx
      untk rollover A_RES_79_7.pdf --session 80 --format text
      untk rollover A_RES_79_7.pdf --session 80 --adopted 2025-10-29 --format draft -o draft.md
    """
    from toolkit.readers import read_document
    from toolkit.render.rollover import FORMATS
    from toolkit.rollover import rollover as roll

    result = roll(read_document(previous, input_format, revisions), session, adopted)
    emit(FORMATS[fmt](result), output, (previous,))
    if fmt in ("docx", "draft") and verbosity() >= 0:  # the edits and notes are not in those files
        click.echo(
            f"untk: {len(result.edits)} edits, {len(result.notes)} passages to review (--format text lists them)", err=True
        )
