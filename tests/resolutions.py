"""Generated resolutions for property tests: a ground truth and its text layouts.

A :class:`Spec` is what a resolution says (metadata, paragraphs, subparagraphs,
footnotes with their markers); ``ods``, ``wrapped`` and ``draft`` write it the
way the UN document system, a PDF extraction and a drafter would. Readers must
recover the spec from every layout.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field

from hypothesis import strategies as st

from toolkit.dates import format_date
from toolkit.vocabulary import ordinal_words

# Running text: lower-case words, proper names and the traps of DOMAIN.md §7.
WORDS = (
    "the of and to in for on with by its all their States Member international national regional "
    "cooperation implementation efforts measures support capacity-building development security "
    "peace human rights law terrorism violent extremism programmes entities organizations "
    "United Nations Secretary-General Council Assembly Strategy framework counter-terrorism "
    "self-determination well-being strengthening coordination assistance prevention victims "
    "sustainable communities institutions"
).split()
TRAPS = (
    "article 12 of the Covenant",
    "Article 51 of the Charter",
    "resolution 1373 (2001) of 28 September 2001",
    "resolution 217 A (III)",
    "document A/70/L.55",
    "the 2030 Agenda",
    "target 16.2",
    "the COVID-19 pandemic",
    "agenda item 118",
    "annex I",
    "8.5 km",
)
PP_OPENERS = ("Recalling", "Reaffirming", "Noting with appreciation", "Deeply concerned", "Mindful", "Recognizing also", "Welcoming", "Stressing")
OP_VERBS = ("Decides", "Requests", "Calls upon", "Encourages", "Urges", "Also requests", "Takes note of", "Welcomes", "Reaffirms", "Stresses")
NOTE_TEXTS = ("Resolution 60/288.", "A/70/674.", "See A/70/826 and Corr.1.", "Resolution 217 A (III).", "A/HRC/25/59.", "Ibid., annex II.")


@dataclass(frozen=True)
class Marker:
    number: int
    offset: int  # in the clean text of its element


@dataclass(frozen=True)
class Element:
    label: str | None  # "1", "(a)", None for preambular paragraphs
    text: str
    markers: tuple[Marker, ...] = ()
    children: tuple["Element", ...] = ()


@dataclass(frozen=True)
class Spec:
    organ: str  # "General Assembly" or "Security Council"
    session: int
    number: int
    adopted: dt.date
    title: str
    meeting: int
    draft: int
    agenda: int
    preamble: tuple[Element, ...]
    operative: tuple[Element, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def ga(self) -> bool:
        return self.organ == "General Assembly"

    @property
    def symbol(self) -> str:
        return f"A/RES/{self.session}/{self.number}" if self.ga else f"S/RES/{self.number} ({self.adopted.year})"

    @property
    def resolution_number(self) -> str:
        return f"{self.session}/{self.number}" if self.ga else f"{self.number} ({self.adopted.year})"

    @property
    def meeting_line(self) -> str:
        return f"{_ordinal(self.meeting)} plenary meeting" if self.ga else f"{_ordinal(self.meeting)} meeting"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ---------------------------------------------------------------- strategies

@st.composite
def sentence(draw, min_words: int = 4, max_words: int = 30) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(words)))
        words.insert(at, draw(st.sampled_from(TRAPS)))
    if draw(st.booleans()) and len(words) > 3:
        at = draw(st.integers(1, len(words) - 1))
        words[at] = words[at] + ","
    return " ".join(words).replace(", ,", ",")


@st.composite
def specs(draw) -> Spec:
    """A whole resolution: metadata, preamble, operative part and footnotes."""
    organ = draw(st.sampled_from(("General Assembly", "Security Council")))
    session = draw(st.integers(31, 79))
    year = 1945 + session if organ == "General Assembly" else draw(st.integers(1990, 2024))
    adopted = dt.date(year, 10, 1) + dt.timedelta(days=draw(st.integers(0, 330)))
    title = " ".join(w.capitalize() if w not in ("of", "and", "the", "in") else w for w in draw(st.lists(st.sampled_from(WORDS[8:30]), min_size=2, max_size=7)))
    pp_count = draw(st.integers(0 if organ == "Security Council" else 1, 6))
    op_count = draw(st.integers(1, 7))
    notes: list[str] = []

    def with_markers(text: str) -> tuple[str, tuple[Marker, ...]]:
        """Place markers after some word ends (after a trailing comma), numbering notes in order."""
        inside_traps = {i for trap in TRAPS for start in _find_all(text, trap) for i in range(start, start + len(trap))}
        ends = [
            i
            for i, ch in enumerate(text)
            if ch.isalpha() and (i + 1 == len(text) or text[i + 1] in " ,;:.") and i not in inside_traps
        ]
        chosen = sorted(set(draw(st.lists(st.sampled_from(ends), max_size=2)))) if ends else []
        markers = []
        for pos in chosen:
            at = pos + 1
            if at < len(text) and text[at] in ",;:.":
                at += 1  # the marker follows punctuation ("Peace,1")
            notes.append(draw(st.sampled_from(NOTE_TEXTS)))
            markers.append(Marker(len(notes), at))
        return text, tuple(markers)

    preamble = []
    for _ in range(pp_count):
        text, markers = with_markers(f"{draw(st.sampled_from(PP_OPENERS))} {draw(sentence())}".rstrip(",") + ",")
        preamble.append(Element(None, text, markers))
    operative = []
    for i in range(1, op_count + 1):
        last = i == op_count
        n_subs = draw(st.integers(0, 3)) if draw(st.integers(0, 3)) == 0 else 0
        ending = ":" if n_subs else ("." if last else ";")
        text, markers = with_markers(f"{draw(st.sampled_from(OP_VERBS))} {draw(sentence())}".rstrip(",") + ending)
        children = []
        for j in range(n_subs):
            n_inner = draw(st.integers(0, 2)) if draw(st.booleans()) else 0
            sub_end = ":" if n_inner else ("." if last and j == n_subs - 1 else ";")
            sub_text, sub_markers = with_markers(_upper_first(draw(sentence())).rstrip(",") + sub_end)
            inner = []
            for k in range(n_inner):
                inner_end = "." if last and j == n_subs - 1 and k == n_inner - 1 else ";"
                inner_text, inner_markers = with_markers(_upper_first(draw(sentence())).rstrip(",") + inner_end)
                inner.append(Element(f"({_roman(k + 1)})", inner_text, inner_markers))
            children.append(Element(f"({chr(97 + j)})", sub_text, sub_markers, tuple(inner)))
        operative.append(Element(str(i), text, markers, tuple(children)))
    return Spec(
        organ=organ,
        session=session,
        number=draw(st.integers(1, 340 if organ == "General Assembly" else 2700)),
        adopted=adopted,
        title=title,
        meeting=draw(st.integers(20, 9000)),
        draft=draw(st.integers(1, 90)),
        agenda=draw(st.integers(5, 170)),
        preamble=tuple(preamble),
        operative=tuple(operative),
        notes=tuple(notes),
    )


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _find_all(text: str, part: str) -> list[int]:
    text, part = text.lower(), part.lower()
    found, at = [], text.find(part)
    while at != -1:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _roman(n: int) -> str:
    return ["i", "ii", "iii", "iv", "v"][n - 1]


# ---------------------------------------------------------------- layouts

def _marked(el: Element, style: str) -> str:
    """Element text with its markers written in a layout's style."""
    out = el.text
    for m in sorted(el.markers, key=lambda m: -m.offset):
        mark = {"glued": str(m.number), "draft": f"[^{m.number}]", "slash": f" {m.number}/"}[style]
        out = out[: m.offset] + mark + out[m.offset :]
    return out


def _walk(elements, depth=0):
    for el in elements:
        yield el, depth
        yield from _walk(el.children, depth + 1)


def ods(spec: Spec) -> str:
    """The UN document system's text export (General Assembly)."""
    lines = ["[Start1]", "", "", f"Resolution adopted by the {spec.organ} on {format_date(spec.adopted)}"]
    lines.append(f"[without reference to a Main Committee (A/{spec.session}/L.{spec.draft})]")
    lines.append(f"{spec.resolution_number}.\t{spec.title}")
    lines += ["", "", f"\tThe {spec.organ},"]
    for el in spec.preamble:
        lines.append("\t" + _marked(el, "glued"))
    for el, depth in _walk(spec.operative):
        lines.append(f"\t{el.label}{'.' if depth == 0 else ''}\t{_marked(el, 'glued')}")
    lines += ["", spec.meeting_line, format_date(spec.adopted), ""]
    lines += [f"{i} {text}" for i, text in enumerate(spec.notes, 1)]
    story = [
        "[Start1]<<ODS JOB NO>>N1234567E<<ODS JOB NO>>",
        f"<<ODS DOC SYMBOL1>>{spec.symbol}<<ODS DOC SYMBOL1>>",
        "<<ODS DOC SYMBOL2>><<ODS DOC SYMBOL2>>",
        "",
        f"United Nations{spec.symbol}{spec.organ}Distr.: General",
        f"{format_date(spec.adopted + dt.timedelta(days=14))}{ordinal_words(spec.session).capitalize()} session",
        f"Agenda item {spec.agenda}",
        "",
        "16-11111 (E)",
        "*1611111*Please recycle ",
        "",
        f"{spec.symbol}{spec.title}",
        "",
        "2/2",
    ]
    return "\n".join(lines + story) + "\n"


def wrapped(spec: Spec, width: int = 72, page_every: int = 0) -> str:
    """Hard-wrapped text as extracted from a PDF, with page furniture between pages."""
    out: list[str] = []
    if spec.ga:
        out += [f"United Nations {spec.symbol}", "", f"{spec.organ} Distr.: General", format_date(spec.adopted), ""]
        out += [f"{ordinal_words(spec.session).capitalize()} session", f"Agenda item {spec.agenda}", ""]
        out += [f"Resolution adopted by the {spec.organ} on {format_date(spec.adopted)}", ""]
        out += [f"[without reference to a Main Committee (A/{spec.session}/L.{spec.draft})]", ""]
        out += [f"{spec.resolution_number}. {spec.title}", ""]
    else:
        out += [f"Resolution {spec.resolution_number}", ""]
        out += [f"Adopted by the Security Council at its {spec.meeting_line},", f"on {format_date(spec.adopted)}", ""]
    out += [f"The {spec.organ},", ""]
    style = "glued" if spec.ga else "slash"
    for el in spec.preamble:
        out += textwrap.wrap(_marked(el, style), width, break_long_words=False, break_on_hyphens=False) + [""]
    for el, depth in _walk(spec.operative):
        label = f"{el.label}." if depth == 0 else el.label
        out += textwrap.wrap(f"{label} {_marked(el, style)}", width, break_long_words=False, break_on_hyphens=False)
        out.append("")
    if spec.ga:
        out += [spec.meeting_line, format_date(spec.adopted), ""]
    out += [f"{i}{'' if spec.ga else '/'} {text}" for i, text in enumerate(spec.notes, 1)]
    if page_every:
        out = _paginate(out, page_every, spec)
    return "\n".join(out) + "\n"


def published(spec: Spec, width: int = 80, page_lines: int = 12, blank_between: bool = True) -> str:
    """General Assembly text as PyMuPDF extracts a published PDF: hard-wrapped lines with
    a trailing space, operative numbers on lines of their own, the notes of each page
    under a rule at its foot, and running heads (symbol, title over two lines, job and
    page numbers) between pages, falling mid-sentence."""
    head = [f"United Nations ", spec.symbol, " ", f"{spec.organ} ", "Distr.: General ", format_date(spec.adopted) + " "]
    head += ["16-11111 (E) ", "*1611111* ", " ", f"{ordinal_words(spec.session).capitalize()} session ",
             f"Agenda item {spec.agenda} ", spec.title + " ", " "]
    head += [" Resolution adopted by the General Assembly ", f"on {format_date(spec.adopted)} ", " "]
    head += [f"[without reference to a Main Committee (A/{spec.session}/L.{spec.draft})] ", " "]
    head += [f"{spec.resolution_number}. {spec.title} ", " ", f"The {spec.organ}, ", " "]
    body: list[tuple[str, tuple[int, ...]]] = []  # each line with the note numbers it marks
    gap = [(" ", ())] if blank_between else []
    def lines_of(el: Element, text: str) -> list[tuple[str, tuple[int, ...]]]:
        # The notes of an element are printed at the foot of the page its last line is on.
        wrapped_lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
        return [(line + " ", _numbers_in(el) if k == len(wrapped_lines) - 1 else ()) for k, line in enumerate(wrapped_lines)]

    for el in spec.preamble:
        body += lines_of(el, _marked(el, "glued")) + gap
    for el, depth in _walk(spec.operative):
        if depth == 0:
            body.append((f"{el.label}. ", ()))
            text = _marked(el, "glued")
        else:
            text = f"{el.label} {_marked(el, 'glued')}"
        body += lines_of(el, text) + gap
    body += [(spec.meeting_line + " ", ()), (format_date(spec.adopted) + " ", ())]
    title = textwrap.wrap(spec.title, max(10, len(spec.title) // 2 + 1), break_long_words=False) or [spec.title]
    out = list(head)
    due: list[int] = []
    page = 1
    for i, (line, numbers) in enumerate(body, 1):
        out.append(line)
        due += [n for n in numbers if n not in due]
        if i % page_lines == 0 and i < len(body):
            page += 1
            out += _page_foot(spec, due)
            due = []
            out += ["", spec.symbol + " ", *[t + " " for t in title], " ", "16-11111", f"{page}/9 ", " "]
    out += _page_foot(spec, due)
    return "\n".join(out) + "\n"


def _numbers_in(el: Element) -> tuple[int, ...]:
    return tuple(m.number for m in el.markers)


def _page_foot(spec: Spec, numbers: list[int]) -> list[str]:
    if not numbers:
        return []
    out = ["__________________", " "]
    for n in sorted(numbers):
        out += [f"{n} {spec.notes[n - 1]} ", " "]
    return out


def _paginate(lines: list[str], every: int, spec: Spec) -> list[str]:
    """Insert a page break (job number, running head, page number) every so many lines."""
    paged: list[str] = []
    page = 1
    for i, line in enumerate(lines, 1):
        paged.append(line)
        if i % every == 0 and i < len(lines) - 3:
            page += 1
            paged += ["", "16-11111 (E)", "", spec.symbol, "", f"{page}/9", ""]
    return paged


def draft(spec: Spec) -> str:
    """The Markdown draft form."""
    out = ["---", f"organ: {spec.organ}", f"symbol: {spec.symbol}", f"adopted: {spec.adopted.isoformat()}"]
    out += [f"meeting: {spec.meeting_line}", "---", ""]
    out += [f"# {spec.resolution_number}. {spec.title}", "", f"*The {spec.organ},*", ""]
    for el in spec.preamble:
        words = _marked(el, "draft").split(" ", 1)
        out += [f"*{words[0]}* {words[1]}", ""]
    for el, depth in _walk(spec.operative):
        label = f"{el.label}." if depth == 0 else el.label
        out += ["   " * depth + f"{label} {_marked(el, 'draft')}", ""]
    out += [f"[^{i}]: {text}" for i, text in enumerate(spec.notes, 1)]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- comparison

def expected(spec: Spec) -> dict:
    """The parts of the document model a reader must recover from any layout."""

    def el(e: Element) -> tuple:
        return (e.label, e.text, tuple((m.number, m.offset) for m in e.markers), tuple(el(c) for c in e.children))

    return {
        "preamble": [el(e) for e in spec.preamble],
        "operative": [el(e) for e in spec.operative],
        "notes": list(enumerate(spec.notes, 1)),
        "symbol": spec.symbol,
        "adopted": spec.adopted,
        "organ": spec.organ,
    }


def observed(doc) -> dict:
    """The same parts, read from a :class:`~toolkit.model.Document`."""

    def el(e, top: bool) -> tuple:
        label = (e.number if top else e.label) if hasattr(e, "number") else e.label
        return (label, e.text, tuple((m.number, m.offset) for m in e.markers), tuple(el(c, False) for c in e.subparagraphs))

    return {
        "preamble": [el(p, True) for p in doc.preamble],
        "operative": [el(p, True) for p in doc.operative],
        "notes": [(n.number, n.text) for n in doc.footnotes],
        "symbol": doc.metadata.symbol,
        "adopted": doc.metadata.adoption_date,
        "organ": doc.metadata.organ,
    }
