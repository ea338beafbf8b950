"""untk diff shows every change: facts outside the paragraphs, annexed instruments, drafts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.comparison import compare
from toolkit.readers import parse_text

RESOLUTION = """\
---
symbol: A/RES/80/9
adopted: 2025-11-24
meeting: 48th plenary meeting
agenda: 107
---

# 80/9. Political Declaration on Trafficking in Persons

*The General Assembly*

*Adopts* the Political Declaration annexed to the present resolution.

## Annex

Political Declaration on Trafficking in Persons

1. We, the States Members of the United Nations, welcome the anniversary of the Plan;

2. We recall and reaffirm our commitments to the 2030 Agenda;

3. We commit to end trafficking in persons.
"""


def _diff(tmp_path, old: str, new: str, *args: str):
    (tmp_path / "old.md").write_text(old, encoding="utf-8")
    (tmp_path / "new.md").write_text(new, encoding="utf-8")
    return CliRunner().invoke(main, ["diff", str(tmp_path / "old.md"), str(tmp_path / "new.md"), *args])


@pytest.mark.parametrize(
    "before, after, field",
    [
        ("# 80/9. Political Declaration on Trafficking in Persons", "# 80/9. Political Declaration on Trafficking", "metadata.title"),
        ("# 80/9. Political", "# 80/10. Political", "metadata.resolution_number"),
        ("adopted: 2025-11-24", "adopted: 2025-11-25", "metadata.adoption_date"),
        ("meeting: 48th plenary meeting", "meeting: 49th plenary meeting", "metadata.meeting"),
        ("agenda: 107", "agenda: 108", "metadata.agenda_items"),
        ("Political Declaration on Trafficking in Persons\n\n1.", "Declaration on Trafficking in Persons\n\n1.", "ANNEX1.title"),
    ],
)
def test_a_changed_fact_outside_the_paragraphs_is_a_difference(tmp_path, before, after, field):
    assert before in RESOLUTION
    result = _diff(tmp_path, RESOLUTION, RESOLUTION.replace(before, after, 1), "--format", "json")
    assert result.exit_code == 1, result.output
    out = json.loads(result.output)
    assert field in [f["field"] for f in out["fields"]]
    assert out["summary"]["identical"] is False and out["summary"]["fields"] >= 1
    text = _diff(tmp_path, RESOLUTION, RESOLUTION.replace(before, after, 1)).output
    assert f"{field}:" in text and "identical" not in text.splitlines()[0]


def test_the_same_text_is_identical(tmp_path):
    result = _diff(tmp_path, RESOLUTION, RESOLUTION, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["fields"] == []


def test_annexed_paragraphs_pair_by_their_own_ids(tmp_path):
    new = RESOLUTION.replace("recall and reaffirm", "recall and strongly reaffirm")
    result = _diff(tmp_path, RESOLUTION, new, "--format", "json")
    assert result.exit_code == 1
    changed = [p for p in json.loads(result.output)["pairs"] if p["op"] != "equal"]
    assert [(p["section"], p["old"], p["new"], p["op"]) for p in changed] == [
        ("annexes", ["ANNEX1.OP2"], ["ANNEX1.OP2"], "modify")
    ]
    assert ["+", "strongly "] in changed[0]["redline"]


def test_a_paragraph_inserted_in_the_declaration_renumbers_the_rest():
    old = parse_text(RESOLUTION, path="old.md")
    new = parse_text(
        RESOLUTION.replace("3. We commit", "3. We urge States to ratify the Protocol;\n\n4. We commit"), path="new.md"
    )
    pairs = [p for p in compare(old, new).pairs if p.section == "annexes"]
    assert [(p.op, p.old, p.new, p.renumbered) for p in pairs if p.changed] == [
        ("insert", (), ("ANNEX1.OP3",), False),
        ("equal", ("ANNEX1.OP3",), ("ANNEX1.OP4",), True),
    ]


def test_draft_mastheads_compare_field_by_field():
    draft = (
        "United Nations\nA/C.3/80/L.24\n\nGeneral Assembly\nDistr.: Limited\n31 October 2025\nOriginal: English\n\n"
        "Eightieth session\nThird Committee\nAgenda item 66\nReport of the Human Rights Council\n\n"
        "{sponsors}: draft resolution\n\nReport of the Human Rights Council\n\nThe General Assembly,\n\n"
        "Recalling its resolution 60/251 of 15 March 2006,\n\n1. Takes note of the report;\n\n"
        "2. Decides to remain seized of the matter.\n"
    )
    old = parse_text(draft.format(sponsors="Mauritania"), path="L.24")
    new = parse_text(draft.format(sponsors="Mauritania, Chile and Uruguay").replace("L.24", "L.24/Rev.1"), path="Rev.1")
    changes = {f.field: (f.old, f.new) for f in compare(old, new).fields}
    assert changes["draft.sponsors"] == ("Mauritania", "Mauritania, Chile, Uruguay")
    assert changes["draft.symbol"] == ("A/C.3/80/L.24", "A/C.3/80/L.24/Rev.1")
    assert changes["draft.revision"] == (None, "1")
    assert "draft.committee" not in changes


def test_history_traces_the_paragraphs_of_an_annexed_declaration():
    from toolkit.history import history

    v1 = parse_text(RESOLUTION, path="v1.md")
    v2 = parse_text(RESOLUTION.replace("recall and reaffirm", "recall and strongly reaffirm"), path="v2.md")
    v3 = parse_text(RESOLUTION.replace("3. We commit", "3. We urge ratification;\n\n4. We commit"), path="v3.md")
    h = history([v1, v2, v3])
    lineage = {l.id: l for l in h.paragraphs}
    assert lineage["ANNEX1.OP2"].changed_in == (1, 2)  # strengthened in v2, the word dropped again in v3
    assert lineage["ANNEX1.OP3"].first_version == 2  # new in v3
    assert lineage["ANNEX1.OP4"].ids == ("ANNEX1.OP3", "ANNEX1.OP3", "ANNEX1.OP4")
