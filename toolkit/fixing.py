"""``untk fix`` as a library: the fixes of each file's findings, file by file."""

from __future__ import annotations

from typing import Iterator, Sequence

from toolkit.checks.run import Options
from toolkit.fixes import Fixed

#: What a reader says of a file that is not a resolution (skipped with ``only_resolutions``).
NOT_A_RESOLUTION = "does not look like a resolution"


def fix_files(
    paths: Sequence[str], options: Options, unsafe_fixes: bool = False, only_resolutions: bool = False
) -> Iterator[Fixed]:
    """Each file's text with its findings' unambiguous fixes applied, in the order given.

    The rules are each file's configuration's (``options.config_path``, else the nearest
    ``.untk.yaml`` or ``pyproject.toml``), narrowed by ``options.select`` and ``ignore``;
    references are judged against ``options.against``. Files are fixed one by one, so a
    caller can report each before the next is read.
    """
    from toolkit.checks import config as configuration
    from toolkit.checks.run import document_checker
    from toolkit.errors import InputError
    from toolkit.fixes import fix_file
    from toolkit.readers import parse_text

    check = document_checker(options)
    for path in paths:
        rules = configuration.load(options.config_path or configuration.find_config(path), options.select, options.ignore).rules
        safety = {r.id: r.fix_safety for r in rules}

        def run(text: str, path: str = path):
            return check(parse_text(text, path=path, input_format=options.input_format), rules)

        try:
            yield fix_file(path, run, safety, unsafe_fixes)
        except InputError as exc:
            if only_resolutions and NOT_A_RESOLUTION in exc.message:
                continue
            raise
