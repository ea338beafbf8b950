"""Variants of A/RES/70/291 with one planted defect each: found at the right paragraph and category.

Each variant changes the sample as a drafter's slip would; the check must report a
finding of the defect's category at the paragraph it was planted in (None for the
title block and footer), beyond what the unchanged sample already gives. Traps from
DOMAIN.md §7 planted into the text must stay silent.
"""

from __future__ import annotations

import pytest

from conftest import SEED
from toolkit.checks import config as configuration
from toolkit.checks.context import Context
from toolkit.checks.engine import check
from toolkit.readers import parse_text

SOURCE = SEED.read_text(encoding="utf-8")

# (name, old text, new text, category, paragraphs where the finding may stand)
VARIANTS = [
    # footnotes
    ("note-removed", "\n3 Resolution 60/288.\n", "\n", "footnote", {"OP2"}),
    ("marker-removed", "Strategy3 and its four pillars", "Strategy and its four pillars", "footnote", {"FN3"}),
    ("markers-swapped", "Culture of Peace,1", "Culture of Peace,2", "footnote", {"PP6", "PP23", "FN1", "FN2"}),
    ("ibid-first", "1 Resolutions 53/243 A and B.", "1 Ibid.", "footnote", {"FN1"}),
    ("marker-repeated", "Strategy3 and its four pillars", "Strategy2 and its four pillars", "footnote", {"OP2", "FN3", "FN2"}),
    # internal references
    ("reference-missing", "requested in paragraph 71 above", "requested in paragraph 79 above", "internal-reference", {"OP72"}),
    ("reference-direction", "requested in paragraph 71 above", "requested in paragraph 71 below", "internal-reference", {"OP72"}),
    ("reference-self", "requested in paragraph 71 above", "requested in paragraph 72 above", "internal-reference", {"OP72"}),
    ("reference-not-request", "requested in paragraph 71 above", "requested in paragraph 70 above", "internal-reference", {"OP72"}),
    ("reference-below-missing", "as referred to in paragraph 22 of the report", "as referred to in paragraph 80 below", "internal-reference", {"OP5"}),
    # citations
    ("citation-calendar", "resolution 60/288 of 8 September 2006", "resolution 60/288 of 8 September 2005", "citation", {"PP1"}),
    ("citation-sc-year", "1373 (2001) of 28 September 2001", "1373 (2002) of 28 September 2001", "citation", {"OP67"}),
    ("citation-impossible-date", "70/254 of 12 February 2016", "70/254 of 31 February 2016", "citation", {"OP40"}),
    ("citation-glued-part", "Resolution 217 A (III).", "Resolution 217A (III).", "citation", {"FN7"}),
    ("citation-symbol-in-text", "General Assembly resolution 66/10 of 18 November 2011", "General Assembly resolution A/RES/66/10 of 18 November 2011", "citation", {"PP3"}),
    ("citation-after-adoption", "Recalling the pivotal role of the General Assembly", "Recalling its resolution 70/300 of 12 September 2016 and the pivotal role of the General Assembly", "citation", {"PP2"}),
    # symbols
    ("symbol-double-slash", "9 See A/70/674.", "9 See A/70//674.", "symbol", {"FN9"}),
    ("symbol-hrc", "2 A/HRC/25/59.", "2 A/HRC25/59.", "symbol", {"FN2"}),
    ("symbol-corrigendum", "4 A/70/826 and Corr.1.", "4 A/70/826 and Corr1.", "symbol", {"FN4"}),
    ("symbol-draft-no-dot", "contained in document S/", "contained in document S/", None, None),  # placeholder removed below
    # numbering
    ("op-duplicate", "\t3.\tStresses the importance", "\t4.\tStresses the importance", "numbering", {"OP4", "OP4-2", "OP3"}),
    ("op-gap", "\t10.\tEncourages civil society", "\t11.\tEncourages civil society", "numbering", {"OP11", "OP11-2", "OP10"}),
    ("footnote-marker-gap", "Extremism,9", "Extremism,10", "footnote", {"OP40", "FN9"}),
    ("note-renumbered", "\n9 See A/70/674.", "\n10 See A/70/674.", "numbering", {"FN10", "FN9"}),
    ("op-unnumbered-bis", "\t20. \tCalls upon States", "\t19 bis.\tCalls upon States", "numbering", {"OP19bis", "OP21", "OP20"}),
    # structure
    ("pp-opening", "\tRecalling the pivotal role", "\tThe pivotal role", "structure", {"PP2"}),
    ("op-opening", "\t1.\tReiterates its strong", "\t1.\tIts strong", "structure", {"OP1"}),
    ("pp-ending", "updating of the Strategy,\n", "updating of the Strategy;\n", "structure", {"PP2"}),
    ("op-ending", "including through the exchange of best practices;", "including through the exchange of best practices,", "structure", {"OP5"}),
    ("last-op-ending", "to respond to changes.\n", "to respond to changes;\n", "structure", {"OP72"}),
    # terminology
    ("secretary-general", "Requests the Secretary-General to submit", "Requests the Secretary General to submit", "terminology", {"OP71"}),
    ("oxford-spelling", "non-governmental, non-profit and charitable organizations by and for terrorists", "non-governmental, non-profit and charitable organisations by and for terrorists", "terminology", {"OP14"}),
    ("programme", "into their relevant programmes", "into their relevant programs", "terminology", {"OP12"}),
    ("abbreviation", "urges Member States and United Nations entities to integrate", "urges Member States and UN entities to integrate", "terminology", {"OP12"}),
    ("centre", "Encourages all Member States to collaborate with the United Nations Counter-Terrorism Centre", "Encourages all Member States to collaborate with the United Nations Counter-Terrorism Center", "terminology", {"OP46"}),
    # dates
    ("deadline-before-adoption", "no later than April 2018", "no later than April 2016", "date", {"OP71"}),
    ("session-before", "provisional agenda of its seventy-second session", "provisional agenda of its sixty-ninth session", "date", {"OP72"}),
    ("date-month-first", "resolution 60/288 of 8 September 2006", "resolution 60/288 of September 8, 2006", "date", {"PP1"}),
    ("date-ordinal", "on 30 June and 1 July 2016", "on 30th June and 1 July 2016", "date", {"OP5"}),
    ("deadline-by", "by June 2018, an examination", "by June 2015, an examination", "date", {"OP72"}),
    # metadata
    ("number-session", "70/291.\tThe United Nations", "71/291.\tThe United Nations", "metadata", {None}),
    ("draft-session", "(A/70/L.55)]", "(A/69/L.55)]", "metadata", {None}),
    ("meeting-in-words", "110th plenary meeting", "one hundred and tenth plenary meeting", "metadata", {None}),
    ("adoption-outside-session", "Resolution adopted by the General Assembly on 1 July 2016", "Resolution adopted by the General Assembly on 1 July 2017", "metadata", {None}),
    ("symbol-story", "<<ODS DOC SYMBOL1>>A/RES/70/291<<ODS DOC SYMBOL1>>", "<<ODS DOC SYMBOL1>>A/RES/70/292<<ODS DOC SYMBOL1>>", "metadata", {None}),
]
VARIANTS = [v for v in VARIANTS if v[3] is not None]

TRAPS = (
    "Recalling article 12 of the Universal Declaration, Article 51 of the Charter, rule 78 of the rules of "
    "procedure, agenda item 118, annex I, Goal 5 and target 16.2 of the 2030 Agenda, the COVID-19 pandemic, "
    "paragraph 5 bis of the draft, document A/70/L.55, "
    "8.5 km, 1 per cent of the budget and the years 2015 and 2016,"
)


@pytest.fixture(scope="module")
def rules():
    return configuration.load().rules


@pytest.fixture(scope="module")
def baseline(rules):
    return _findings(SOURCE, rules)


def _findings(text: str, rules) -> set[tuple[str, str, str | None]]:
    report = check(parse_text(text, path="variant.txt"), rules, Context())
    return {(f.rule, f.category, f.paragraph) for f in report.findings if f.severity != "info"}


def test_there_are_enough_variants_and_every_category_is_covered():
    assert len(VARIANTS) >= 40
    categories = {v[3] for v in VARIANTS}
    assert categories == {"footnote", "internal-reference", "citation", "symbol", "numbering", "structure", "terminology", "date", "metadata"}


@pytest.mark.parametrize("name, old, new, category, where", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_planted_defect_is_found(rules, baseline, name, old, new, category, where):
    assert SOURCE.count(old) == 1, f"the variant's anchor must occur once in the sample: {old!r}"
    found = _findings(SOURCE.replace(old, new), rules) - baseline
    located = {(cat, para) for _, cat, para in found}
    assert any(cat == category and para in where for cat, para in located), sorted(found)


def test_traps_stay_silent(rules, baseline):
    # After the last preambular paragraph, so that no other paragraph changes its id.
    text = SOURCE.replace("\t1.\tReiterates", "\t" + TRAPS + "\n\t1.\tReiterates")
    assert _findings(text, rules) - baseline == set()


@pytest.mark.parametrize("name, old, new, category, where", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_fixing_a_variant_clears_its_fixable_findings(tmp_path, rules, name, old, new, category, where):
    """Where the planted defect's findings offer a fix, untk fix removes them and adds none."""
    from toolkit.fixes import fix_file, write

    path = tmp_path / "variant.txt"
    path.write_text(SOURCE.replace(old, new), encoding="utf-8")

    def run(text: str):
        return check(parse_text(text, path=str(path)), rules, Context())

    before = run(path.read_text())
    fixable = {(f.rule, f.paragraph) for f in before.findings if f.fix and f.severity != "info"}
    if not fixable:
        pytest.skip("no fix offered for this defect")
    fixed = fix_file(str(path), run)
    write(fixed, backup=False)
    after = {(f.rule, f.paragraph) for f in run(path.read_text()).findings if f.severity != "info"}
    assert not (fixable & after)
    assert after <= {(f.rule, f.paragraph) for f in before.findings if f.severity != "info"}
