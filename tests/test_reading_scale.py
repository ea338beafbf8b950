"""Reading work grows with the text, not with its square.

The work is counted as Python function calls (``sys.setprofile``), never timed: twice
the text must cost about twice the calls, where a quadratic step costs four times.
"""

from __future__ import annotations

import sys

from toolkit.readers import parse_text


def _calls(text: str) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        parse_text(text)
    finally:
        sys.setprofile(None)
    return count


def _grows_linearly(make) -> bool:
    parse_text(make(10))  # imports and compiled patterns are not the text's work
    small, large = _calls(make(1000)), _calls(make(2000))
    return large < 2.5 * small


def test_the_start_of_the_footnotes_is_found_in_one_pass():
    # Many lines that open like a note ("0 …") after a finished paragraph, with a
    # paragraph label below them: each used to be checked against every line below it.
    def make(n: int) -> str:
        return "The General Assembly,\n\n1. Decides this.\n\n" + "0 Note text here.\n\n" * n + "2. Decides that.\n"

    assert _grows_linearly(make)
