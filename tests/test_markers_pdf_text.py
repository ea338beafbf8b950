"""Footnote markers in PDF text that lost their superscript, in the shapes of the
General Assembly documents of 2023–2025 (each case quotes the text of a real one)."""

from __future__ import annotations

import pytest

from toolkit.markers import find_candidates, select


def _markers(text: str, notes: list[int]) -> list[tuple[int, str]]:
    """Each marker chosen, with the word it follows."""
    chosen = select(find_candidates(0, text, spaced=True), notes)
    return [(c.number, text[: c.start].split()[-1]) for c in chosen]


@pytest.mark.parametrize(
    "text, notes, expected",
    [
        # A/RES/79/281 PP3: the marker against a year.
        ("the report of the Unit for 2024 and programme of work for 20252 and the note,", [1, 2], [(2, "2025")]),
        # A/RES/78/210 PP2: a list of dated resolutions, markers between its items.
        (
            "resolutions 34/8 of 23 March 2017, 4 35/34 of 23 June 2017, 5 37/27 of 23 March 2018,",
            [4, 5],
            [(4, "2017,"), (5, "2017,")],
        ),
        ("of 22 March 20197, 42/18 of 26 September 2019,", [7], [(7, "2019")]),
        # A/RES/78/66 OP5: after a comma a number is no reference to "resolutions".
        ("in violation of relevant Security Council resolutions, 3 urges full compliance", [3], [(3, "resolutions,")]),
        # A/RES/78/191 OP15: "at its sixtieth session 6" is no "session 6".
        ("the Council at its sixtieth session 6 and the evolving phenomenon", [6], [(6, "session")]),
        # A/RES/78/8 PP1: the paragraph's last word, its comma missing in the official text.
        ("Having received the report of the Agency for 2022 1", [1], [(1, "2022")]),
    ],
)
def test_a_marker_that_lost_its_superscript_is_found(text, notes, expected):
    assert _markers(text, notes) == expected


@pytest.mark.parametrize(
    "text, notes",
    [
        # A/RES/78/66 PP5: markers 1 and 2 come later, glued; this 3 is a number.
        ("entry into force, among which there are 3 nuclear-weapon States, Recalling,1 and Treaty;2", [1, 2, 3]),
        # A/C.1/80/L.40 OP4: "action 9 of the Final Document" is a reference.
        ("Tlatelolco9 to review their declarations, in accordance with action 9 of the Final Document", [9]),
        # "in paragraph 3 of" stays a reference.
        ("as requested in paragraph 3 of its resolution", [3]),
        # Years and numbers in lists stay text.
        ("in 2024 and 2025, 30 States and 12 organizations", [1, 2]),
        ("resolution 55/197 and the report", [7]),
        # S/RES/1454 (2002), annex: a unit's power is no marker, though set raised.
        ("with reactor volumes of 0.100 m\u00b3 (100 litres) and areas of 5 km\u00b2", [3]),
    ],
)
def test_numbers_that_are_no_markers_stay_text(text, notes):
    found = _markers(text, notes)
    assert all(word.endswith(("Recalling,", "Treaty;", "Tlatelolco")) for _, word in found), found
