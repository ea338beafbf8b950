"""A rule: YAML data that configures one rule kind, with its own examples."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from toolkit.checks.finding import Finding, Fix
from toolkit.model import Document, Footnote, Location, Paragraph, Subparagraph

SCOPES = ("preamble", "operative", "footnotes", "metadata", "all")
#: How far a rule's fixes can be trusted (the YAML key ``fix``): ``safe`` fixes never
#: change what the text means and ``untk fix`` applies them; ``unsafe`` ones may, and are
#: applied only with ``--unsafe-fixes``; ``none``: the rule offers no fix.
FIX_SAFETY = ("safe", "unsafe", "none")
#: A pack that does not say is not trusted: its fixes wait for ``--unsafe-fixes``.
DEFAULT_FIX_SAFETY = "unsafe"

Element = Paragraph | Subparagraph | Footnote


@dataclass(frozen=True, slots=True)
class Example:
    text: str  # a whole resolution in the draft form, or a fragment the kind wraps (see examples.py)
    fails: bool
    note: str = ""


@dataclass(frozen=True)
class Rule:
    """A configured rule. ``options`` are validated against its kind's ``OPTIONS``."""

    id: str
    pack: str
    kind: str
    category: str
    severity: str
    message: str
    description: str
    scope: str
    options: Mapping[str, Any] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    fix_safety: str = DEFAULT_FIX_SAFETY

    def format(self, **values: Any) -> str:
        """The message with its ``{placeholders}`` filled; unknown ones are left as written."""
        return string.Formatter().vformat(self.message, (), _Lenient(values))

    def elements(self, doc: Document) -> Iterator[Element]:
        """The paragraphs, subparagraphs or footnotes in this rule's scope, in document order."""
        if self.scope in ("preamble", "all"):
            for para in doc.preamble:
                yield from para.walk()
        if self.scope in ("operative", "all"):
            for para in doc.operative:
                yield from para.walk()
        if self.scope == "all":
            # The paragraphs of an annexed instrument (ANNEX1.OP8) cite, mark notes and
            # spell as the resolution does; structure rules (scope preamble or operative)
            # keep to the resolution's own paragraphs.
            for para in doc.annex_paragraphs:
                yield from para.walk()
        if self.scope in ("footnotes", "all"):
            yield from doc.footnotes

    def at(
        self,
        doc: Document,
        element: Element | None,
        start: int = 0,
        end: int | None = None,
        fix: str | None = None,
        severity: str | None = None,
        **values: Any,
    ) -> Finding:
        """A finding at ``element``'s clean-text range ``start``..``end`` (or the document start)."""
        if element is None:
            loc = Location(1, 1, 0)
            end_offset = 0
        else:
            loc = doc.locate(element, start)
            stop = len(element.text) if end is None else end
            end_offset = doc.locate(element, max(stop - 1, start)).offset + (1 if stop > start else 0)
        return Finding(
            rule=self.id,
            category=self.category,
            severity=severity or self.severity,
            message=self.format(**values),
            paragraph=_paragraph_id(element),
            line=loc.line,
            column=loc.column,
            offset=loc.offset,
            end_offset=end_offset,
            fix=Fix(fix, loc.offset, end_offset) if fix is not None and self.fix_safety != "none" else None,
        )


def _paragraph_id(element: Element | None) -> str | None:
    return element.id if element is not None else None


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


WORD_BOUNDARY = re.compile(r"\b")
