"""Audit a Word draft against the official text it must be based on.

The General Assembly Affairs Branch asks that a draft based on an earlier resolution
use the issued A/RES text as its base, with every new word and every change as a Word
tracked change (a revised draft uses the issued L. document). So, with every tracked
change rejected, the draft must read as the official text; each difference is an
*untracked change*. The two are compared through the aligner (renumbering, moves,
splits and merges are understood), footnotes included.

What one reader sees and the other cannot is not a difference: the job number,
distribution date, symbol and agenda title of a published masthead are page furniture
a Word body does not carry, and a draft has no adoption date, meeting or resolution
number yet, so a fact of that kind that only one side has is passed over; the same fact
worded differently on both sides is reported.

Besides the untracked changes the audit reports who proposed what (the tracked
changes by author and date), the comments with the text they are anchored to, text
whose formatting hides a change (white or background-coloured, hidden, struck through
without a tracked deletion, highlighted), and the ``untk check`` findings of the text
with every change accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.comparison import Comparison, FieldChange, Pair
from toolkit.model import Document
from toolkit.readers.docx_revisions import RevisionFacts

if TYPE_CHECKING:
    from toolkit.checks.engine import Report
    from toolkit.checks.rule import Rule
    from toolkit.normalize import Normalization

#: Facts that one side may carry and the other not without any edit: those of a published masthead or
#: running head, which a Word body does not have, and those of adoption (number, date, meeting, committee
#: line), which a draft does not have yet. One side without them is no change; both with them, worded
#: differently, is.
ONE_SIDED_FIELDS = frozenset(
    {"metadata.symbol", "metadata.agenda_title", "metadata.agenda_items", "metadata.session", "metadata.session_number",
     "metadata.organ", "metadata.resolution_number", "metadata.adoption_date", "metadata.meeting",
     "metadata.committee_line", "metadata.draft_symbol", "kind", "draft"}
)
#: How many words before a change are given to find it by.
CONTEXT_WORDS = 6


@dataclass(frozen=True, slots=True)
class Edit:
    """Words replaced without tracking: ``old`` (in the official text) became ``new`` (in the draft)."""

    old: str
    new: str
    before: str  # the words just before, to find the place


@dataclass(frozen=True, slots=True)
class UntrackedChange:
    """A difference between the official text and the draft with every tracked change rejected.

    ``base`` holds the ids in the official text, ``draft`` those in the draft with every
    change rejected, ``accepted`` the same paragraphs' ids with every change accepted (as
    the delegations see them); for a fact outside the paragraphs ``section`` is ``fields``
    and ``base`` names the fact (``metadata.title``).
    """

    section: str  # "paragraphs", "annexes", "footnotes" or "fields"
    op: str  # as in a comparison ("modify", "insert", …), "renumbered", or "field"
    base: tuple[str, ...]
    draft: tuple[str, ...]
    accepted: tuple[str, ...]
    kind: str | None  # technical, editorial, substantive
    edits: tuple[Edit, ...]
    base_line: int | None  # where the official text has it

    @property
    def paragraph(self) -> str:
        """The id to name it by: the draft's, else the official text's."""
        return "+".join(self.draft or self.base)


@dataclass(frozen=True, slots=True)
class AuthorSummary:
    """What one author proposed: counts of each kind of change, comments, first and last date."""

    author: str
    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    formatting: int = 0
    comments: int = 0
    first: str | None = None
    last: str | None = None


@dataclass(frozen=True)
class Audit:
    """Everything the audit found in one draft."""

    draft: Document  # with every change accepted
    base: Document
    untracked: tuple[UntrackedChange, ...]
    facts: RevisionFacts
    authors: tuple[AuthorSummary, ...]
    report: Report  # the check findings of the accepted text
    rules: tuple[Rule, ...] = ()
    fail_on: str = "error"

    @property
    def failing_findings(self) -> int:
        from toolkit.checks.finding import severity_rank

        return sum(1 for f in self.report.findings if severity_rank(f.severity) >= severity_rank(self.fail_on))

    @property
    def clean(self) -> bool:
        """No untracked change, no hiding formatting, no finding at the failing level."""
        return not self.untracked and not self.facts.hidden and not self.failing_findings


def untracked_changes(comparison: Comparison, accepted_ids: dict[str, tuple[str, ...]]) -> tuple[UntrackedChange, ...]:
    """The differences between the official text (``comparison.old``) and the draft with every change
    rejected (``comparison.new``); ``accepted_ids`` maps the latter's ids to the accepted reading's."""
    found: list[UntrackedChange] = []
    skip_fields = (comparison.old.draft is None) != (comparison.new.draft is None)  # a masthead on one side only
    for change in comparison.fields:
        if _furniture(change, skip_fields):
            continue
        found.append(
            UntrackedChange("fields", "field", (change.field,), (change.field,), (change.field,), None,
                            (Edit(change.old or "", change.new or "", ""),), None)
        )
    pairs = list(comparison.changes())
    old_notes, new_notes = comparison.old.footnotes, comparison.new.footnotes
    if len(old_notes) == len(new_notes):
        # As many notes on both sides: each is the one of its number (two notes with the same text, as
        # an "Ibid." list has, are not taken for each other moved).
        pairs = [p for p in pairs if p.section != "footnotes"] + _notes_by_number(comparison)
    for pair in pairs:
        accepted = tuple(dict.fromkeys(a for d in pair.new for a in accepted_ids.get(d, ())))
        op = "renumbered" if pair.op == "equal" else pair.op
        found.append(
            UntrackedChange(pair.section, op, pair.old, pair.new, accepted, pair.kind, edits(pair), _base_line(comparison.old, pair))
        )
    return tuple(found)


def _notes_by_number(comparison: Comparison) -> list[Pair]:
    from toolkit.change_kinds import classify
    from toolkit.redline import redline

    found = []
    normalization = comparison.normalization
    for old, new in zip(comparison.old.footnotes, comparison.new.footnotes):
        if old.number == new.number and normalization.apply(old.text) == normalization.apply(new.text):
            continue
        op = "modify" if old.number == new.number else "move"
        change = classify(op, old.text, new.text, old.id != new.id)
        found.append(Pair(op, "footnotes", (old.id,), (new.id,), 0.0, redline(old.text, new.text, normalization), old.id != new.id, change.kind, change.edits))
    return found


#: What an L. document's masthead says, and what is read from it: when one side shows the masthead
#: and the other does not (a Word draft keeps it in a page header, or leaves it to the Secretariat),
#: these differ without any edit.
_MASTHEAD_FACTS = frozenset({"kind", "metadata.title", "metadata.organ", "metadata.agenda_title", "metadata.agenda_items"})


def _furniture(change: FieldChange, drafts_differ: bool) -> bool:
    name = change.field
    if name.startswith("draft") or name in _MASTHEAD_FACTS:
        if drafts_differ:
            return True  # one side has a masthead the other does not show
    return name in ONE_SIDED_FIELDS and (change.old is None or change.new is None)


def _base_line(doc: Document, pair: Pair) -> int | None:
    for element_id in pair.old:
        element = doc.find(element_id)
        if element is not None:
            return element.span.start.line
    return None


def edits(pair: Pair) -> tuple[Edit, ...]:
    """The pair's redline as edits: each run of deleted and inserted words, with the words before it."""
    out: list[Edit] = []
    old: list[str] = []
    new: list[str] = []
    context = ""
    pending_space = ""

    def flush() -> None:
        if old or new:
            out.append(Edit(" ".join("".join(old).split()), " ".join("".join(new).split()), context))
        old.clear()
        new.clear()

    for sign, text in pair.redline:
        if sign == "=":
            if (old or new) and not text.strip():
                pending_space += text  # a space between two edits joins them
                continue
            flush()
            pending_space = ""
            context = " ".join((context + " " + text).split()[-CONTEXT_WORDS:])
            continue
        if pending_space:
            old.append(pending_space)
            new.append(pending_space)
            pending_space = ""
        (old if sign == "-" else new).append(text)
    flush()
    return tuple(out)


def by_author(facts: RevisionFacts) -> tuple[AuthorSummary, ...]:
    """One row per author of changes or comments, in order of first appearance."""
    rows: dict[str, dict] = {}

    def row(author: str) -> dict:
        return rows.setdefault(author, {"insertions": 0, "deletions": 0, "moves": 0, "formatting": 0, "comments": 0, "dates": []})

    column = {"insertion": "insertions", "paragraph-insertion": "insertions", "deletion": "deletions",
              "paragraph-deletion": "deletions", "move-to": "moves", "formatting": "formatting",
              "paragraph-formatting": "formatting"}
    for change in facts.changes:
        r = row(change.author)
        if change.kind in column:  # a move is counted once, where it arrives
            r[column[change.kind]] += 1
        if change.date:
            r["dates"].append(change.date)
    for comment in facts.comments:
        r = row(comment.author)
        r["comments"] += 1
        if comment.date:
            r["dates"].append(comment.date)
    return tuple(
        AuthorSummary(author, r["insertions"], r["deletions"], r["moves"], r["formatting"], r["comments"],
                      min(r["dates"], default=None), max(r["dates"], default=None))
        for author, r in rows.items()
    )


def audit(
    draft_path: str,
    base_path: str,
    base_format: str | None = None,
    normalization: Normalization | None = None,
    config_path: str | None = None,
    registry: str | None = None,
    fail_on: str | None = None,
) -> Audit:
    """Audit the Word draft at ``draft_path`` against the official text at ``base_path``."""
    from toolkit.checks import config as configuration
    from toolkit.checks.run import Options, document_checker
    from toolkit.comparison import compare
    from toolkit.normalize import Normalization
    from toolkit.readers import read_document
    from toolkit.readers.docx_revisions import read_revisions

    normalization = normalization or Normalization()
    accepted, facts = read_revisions(draft_path)
    rejected = read_document(draft_path, "docx", "reject")
    base = read_document(base_path, base_format)
    comparison = compare(base, rejected, normalization)
    accepted_ids: dict[str, tuple[str, ...]] = {}
    for pair in compare(rejected, accepted, normalization).pairs:
        for old_id in pair.old:
            accepted_ids[old_id] = pair.new
    untracked = untracked_changes(comparison, accepted_ids)
    config = configuration.load(config_path or configuration.find_config(draft_path), fail_on=fail_on)
    # References that renumbering made stale are judged against the official text.
    check = document_checker(Options(config_path=config_path, registry=registry), previous=base)
    report = check(accepted, config.rules)
    return Audit(accepted, base, untracked, facts, by_author(facts), report, tuple(config.rules), config.fail_on)
