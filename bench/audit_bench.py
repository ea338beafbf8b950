"""untk audit on the issued resolutions of sessions 78–80: false alarms, planted faults found, time.

For each A/RES PDF and each issued L. document (a revised draft's base) of
``../shared/corpus/unga-78-80`` with at least two preambular and five operative paragraphs, Word drafts are written from its text (tests/audit_files.py):
the text unchanged; three delegations' tracked proposals (a rewording, a new paragraph,
a deletion, a move, a comment); and the proposals with one planted fault each — a word
of OP5 changed without tracking, the first footnote edited silently, a phrase of OP3 set
in white. Each is audited against the PDF; a fault counts as found when the audit
reports it in the right paragraph, and nothing else.

    .venv/bin/python bench/audit_bench.py [--write]
"""

from __future__ import annotations

import argparse
import glob
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from audit_files import from_document, package  # noqa: E402
from test_audit import _op, honest  # noqa: E402

from toolkit.audit import audit  # noqa: E402
from toolkit.readers import read_document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "unga-78-80"


def _word_changed(base, draft):
    k = _op(draft, base, 5)
    words = draft.lines[k].text.split(" ")
    victim = next((w for w in words[3:] if w.isalpha() and len(w) > 4), None)
    if victim is None:
        return None
    draft.lines[k].text = draft.lines[k].text.replace(victim, "solemnly", 1)
    return ("untracked", "OP5")


def _note_edited(base, draft):
    if not base.footnotes:
        return None
    note = base.footnotes[0]
    draft.notes[note.number] = note.text.rstrip(".") + ", para. 3."
    return ("untracked", note.id)


def _white(base, draft):
    k = _op(draft, base, 3)
    text = draft.lines[k].text
    words = text.split(" ")
    if len(words) < 5 or "[[" in " ".join(words[2:4]):
        return None
    phrase = " ".join(words[2:4])
    start = text.index(phrase)
    draft.lines[k].text = f"{text[:start]}[[white|{phrase}]]{text[start + len(phrase):]}"
    return ("hidden", "OP3")


PLANTS = {"word changed without tracking": _word_changed, "footnote edited silently": _note_edited, "phrase in white": _white}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="print the Markdown block for bench/RESULTS.md")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 2
    times: list[float] = []
    clean = {"unchanged": [0, 0], "tracked proposals": [0, 0]}  # [clean, audited]
    found = {name: [0, 0] for name in PLANTS}
    misses: list[str] = []
    bases = drafts = 0
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "draft.docx")
        for pdf in sorted(glob.glob(str(CORPUS / "A_RES_*.pdf"))) + sorted(glob.glob(str(CORPUS / "A_*L.*.pdf"))):
            base = read_document(pdf)
            if len(base.operative) < 5 or len(base.preamble) < 2:
                continue
            bases += 1
            drafts += base.draft is not None
            for name, draft in (("unchanged", from_document(base)), ("tracked proposals", honest(base))):
                Path(path).write_bytes(package(draft))
                started = time.perf_counter()
                result = audit(path, pdf)
                times.append(time.perf_counter() - started)
                clean[name][1] += 1
                if not result.untracked and not result.facts.hidden:
                    clean[name][0] += 1
                else:
                    misses.append(f"{Path(pdf).name} {name}: false alarm")
            for name, plant in PLANTS.items():
                draft = honest(base)
                expected = plant(base, draft)
                if expected is None:
                    continue
                Path(path).write_bytes(package(draft))
                result = audit(path, pdf)
                found[name][1] += 1
                where = [u.paragraph for u in result.untracked] if expected[0] == "untracked" else [h.paragraph for h in result.facts.hidden]
                others = result.facts.hidden if expected[0] == "untracked" else result.untracked
                if where == [expected[1]] and not others:
                    found[name][0] += 1
                else:
                    misses.append(f"{Path(pdf).name} {name}: reported {where} (+{len(others)} other)")
    lines = [
        "<!-- audit:begin -->",
        "## Auditing Word submissions (`bench/audit_bench.py`)",
        "",
        f"{bases - drafts} issued resolutions and {drafts} issued drafts (L. documents) of sessions 78–80 (PDF) as bases; "
        "Word drafts written from their text, audited against the PDF.",
        "",
        "| Draft | Audited | Clean or found in the right paragraph, nothing else |",
        "|---|---|---|",
        *(f"| {name}: no untracked or hidden change reported | {n} | {ok} |" for name, (ok, n) in clean.items()),
        *(f"| {name} | {n} | {ok} |" for name, (ok, n) in found.items()),
        "",
        f"Time per audit (two readings of the draft, the PDF, two alignments, the checks): median "
        f"{statistics.median(times):.2f} s, slowest {max(times):.2f} s, on a shared 2-core machine.",
        "<!-- audit:end -->",
    ]
    print("\n".join(lines))
    for miss in misses:
        print("  " + miss, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
