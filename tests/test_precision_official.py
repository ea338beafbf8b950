"""Precision on official texts: shapes the UN's editors cleared give nothing above info.

Each case is a paragraph as an adopted resolution of sessions 78–80 (or 73) prints it;
the rules once called it wrong (issue 10, item 5). Findings are compared by rule only.
Real defects of the same texts stay loud.
"""

from __future__ import annotations

import textwrap

import pytest

from toolkit.checks import config as configuration
from toolkit.checks.context import Context
from toolkit.checks.engine import check
from toolkit.readers import parse_text

#: The fragments stand in a text of the eightieth session, adopted after everything they cite.
WRAPPER = "---\norgan: General Assembly\nsession: Eightieth session\nnumber: 80/300\nadopted: 2025-12-19\n---\n\nThe General Assembly,\n\n"


@pytest.fixture(scope="module")
def rules():
    return configuration.load().rules


def findings(text: str, rules) -> dict[str, str]:
    """rule -> severity of every finding on a fragment wrapped as a General Assembly text of session 80."""
    doc = parse_text(WRAPPER + textwrap.dedent(text), path="<fragment>")
    return {f.rule: f.severity for f in check(doc, rules, Context()).findings}


def loud(text: str, rules) -> set[str]:
    return {rule for rule, severity in findings(text, rules).items() if severity != "info"}


# (where it is printed, the paragraph)
CLEARED = [
    ("A/RES/78/85 OP2: Security Council resolutions by number and year",
      "1. Supports the process of negotiations initiated by Security Council resolution 1754 (2007) and further "
     "sustained by Council resolutions 1783 (2007), 1813 (2008) and 2654 (2022), with a view to a solution."),
    ("A/RES/78/85 PP7: dates given with 'on'",
     "Underlining the adoption of Security Council resolutions 1754 (2007) on 30 April 2007 and 1783 (2007) on 31 October 2007,"),
    ("A/RES/79/183 OP1: another organ's resolutions, undated",
     "1. Takes note of the report submitted pursuant to Human Rights Council resolution S-35/1 and the report of "
     "the Special Rapporteur, submitted pursuant to Human Rights Council resolution 55/19."),
    ("A/RES/80/194 PP1: a Human Rights Council resolution on the Council's calendar",
     "Recalling all of its previous resolutions on the subject, including resolution 79/162 of 17 December 2024, and "
     "Human Rights Council resolutions on the subject, including resolution 60/5 of 6 October 2025,"),
    ("A/RES/78/191 PP1: the same in 2023",
     "Recalling all of its previous resolutions on the subject, and Human Rights Council resolutions on the subject, "
     "including resolution 54/3 of 11 October 2023,"),
    ("A/RES/80/57 PP: a named Human Rights Council resolution",
     "Taking note of General Assembly resolution 79/239 of 24 December 2024 and Human Rights Council resolution 51/22 of 7 October 2022,"),
    ("A/RES/78/193 FN2: corrigenda in full in a note",
     "Recalling the report,[^1]\n\n[^1]: See Official Records of the Economic and Social Council, 2005, Supplement No. 3 "
     "and corrigenda (E/2005/23, E/2005/23/Corr.1 and E/2005/23/Corr.2), chap. II, sect. A."),
    ("A/RES/80/78 FN1: an addendum's corrigendum in full",
     "Recalling the report,[^1]\n\n[^1]: Official Records of the General Assembly, Eightieth Session, Supplement No. 13 "
     "(A/80/13); and ibid., Supplement No. 13A and corrigendum (A/80/13/Add.1 and A/80/13/Add.1/Corr.1)."),
    ("A/RES/78/230 PP20: the OECD's own name",
     "Noting further the work of the Organisation for Economic Co-operation and Development on tax matters,"),
    ("A/RES/80/75 PP16: the OECD's name beside 'cooperation'",
     "Noting the cooperation of the Scientific Committee with the Nuclear Energy Agency of the Organisation for "
     "Economic Co-operation and Development,"),
    ("A/RES/80/3 FN11: a decision of a Conference of the Parties",
     "Recalling the Framework,[^1]\n\n[^1]: United Nations Environment Programme, document CBD/COP/15/17, decision 15/4, annex."),
]


@pytest.mark.parametrize("where, text", CLEARED, ids=[c[0] for c in CLEARED])
def test_official_shapes_are_not_loud(rules, where, text):
    assert loud(text, rules) == set()


def test_a_repeated_marker_is_noted_not_an_error(rules):
    # A/RES/73/7 (2018) marks note 1 in PP2 and again in OP2.
    text = """\
        Recalling the Rome Statute of the International Criminal Court,[^1]

        1. Welcomes the report of the Court;

        2. Calls upon all States parties to the Rome Statute of the International Criminal Court,[^1] to cooperate.

        [^1]: United Nations, Treaty Series, vol. 2187, No. 38544.
        """
    assert findings(text, rules).get("footnote-repeated-marker") == "info"
    assert loud(text, rules) == set()


def test_undated_security_council_citations_are_info(rules):
    got = findings("Recalling Security Council resolutions 1373 (2001) of 28 September 2001 and 2178 (2014),", rules)
    assert got.get("citation-other-first-mention-date") == "info"
    assert "citation-first-mention-date" not in got


# Real defects in official texts, read on the PDF page: still loud.
DEFECTS = [
    ("A/RES/78/276 PP1: 73/287 dated before session 73 opened", "citation-session-calendar",
     "Recalling its previous resolutions on the Joint Inspection Unit, in particular resolutions 72/269 of 4 April 2018 "
     "and 73/287 of 15 April 2018,"),
    ("a Human Rights Council resolution off the Council's calendar", "citation-session-calendar",
     "Recalling Human Rights Council resolution 60/5 of 6 October 2021,"),
    ("its own resolution undated at its first mention", "citation-first-mention-date", "Recalling its resolution 60/288,"),
    ("A/RES/80/57 PP12: 'Secretary General'", "terminology-un-variant",
     "Recalling the report of the Secretary General and the importance of inclusive discussions,"),
    ("an 'Organisation' that is no proper name", "terminology-oxford-spelling",
     "1. Encourages regional organisations and the Organisation of African Unity to cooperate."),
    ("the Assembly's own old-session resolution in the new form", "citation-session-style",
     "1. Recalls its resolution 25/2625 of 24 October 1970."),
]


@pytest.mark.parametrize("where, rule, text", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_real_defects_stay_loud(rules, where, rule, text):
    assert rule in loud(text, rules)


def test_the_calendar_message_names_the_resolution(rules):
    doc = parse_text(WRAPPER + "1. Recalls its resolution 68/276 of 13 June 2016.", path="<fragment>")
    [finding] = [f for f in check(doc, rules, Context()).findings if f.rule == "citation-session-calendar"]
    assert finding.message.startswith("resolution 68/276 is dated 13 June 2016")
