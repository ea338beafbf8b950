"""The ``untk`` command line: thin commands over the library.

Imports of the library happen inside each command, so that ``untk --help`` and
the pre-commit hook start fast.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any, Callable

import click

from toolkit import __version__

#: Exit codes, the same for every command.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

INPUT_FORMATS = ("ods", "text", "draft")


def _fail(message: str) -> None:
    click.echo(f"untk: error: {message}", err=True)
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


def emit(text: str, output: str | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output and output != "-":
        from toolkit.atomic import write_text

        write_text(output, text)
    else:
        click.echo(text, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="untk")
def main() -> None:
    """untk: compare versions of UN resolutions and check their references and citations.

    \b
    Examples:
      untk show samples/A_RES_70_291.txt
      untk show samples/A_RES_70_291.txt --format json
    """


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
@reports_errors
def show(file: str, fmt: str, input_format: str | None, output: str | None) -> None:
    """Read a resolution and print its structure.

    \b
    Examples:
      untk show samples/A_RES_70_291.txt
      untk show resolution.txt --format json -o resolution.json
      untk show A_RES_70_291.txt --format draft -o draft.md
    """
    from toolkit.readers import read_document
    from toolkit.render import DOCUMENT_FORMATS, formatter

    doc = read_document(file, input_format)
    emit(formatter(DOCUMENT_FORMATS, fmt)(doc), output)


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
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="text: for the terminal; json: for programs; markdown: for a pull-request comment; html: a page to read.",
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
    """
    from toolkit.comparison import compare
    from toolkit.normalize import Normalization
    from toolkit.readers import read_document
    from toolkit.render import DIFF_FORMATS, formatter

    normalization = Normalization(
        case=ignore_case, whitespace=not strict_whitespace, quotes=ignore_quotes, dashes=ignore_dashes
    )
    comparison = compare(read_document(old, input_format), read_document(new, input_format), normalization)
    options = {"color": _color(output), "context": context} if fmt == "text" else {}
    emit(formatter(DIFF_FORMATS, fmt)(comparison, **options), output)
    sys.exit(EXIT_OK if comparison.identical else EXIT_FINDINGS)


@main.command()
@click.argument("versions", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None, help="Read every file as this format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file (atomically).")
@reports_errors
def history(versions: tuple[str, ...], fmt: str, input_format: str | None, output: str | None) -> None:
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
    docs = [read_document(path, input_format) for path in versions]
    emit(formatter(HISTORY_FORMATS, fmt)(trace(docs)), output)


if __name__ == "__main__":  # pragma: no cover
    main()
