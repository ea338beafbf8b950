"""The workbench end to end: the real server (``untk serve``) driven by Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the workbench needs the web extra: pip install 'untk[web]'")
pytest.importorskip("uvicorn", reason="the workbench needs the web extra: pip install 'untk[web]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the Python package playwright (the test extra)")

from conftest import SAMPLES, SEED  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"needs Debian's Chromium at {CHROMIUM}, which is absent", allow_module_level=True)

REDRAFT = SAMPLES / "redraft-2018-review.md"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@contextlib.contextmanager
def started(*options: str):
    """``untk serve --no-open`` on a free loopback port; yields the address it printed."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from toolkit.cli import main; main()", "serve", "--no-open", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"untk serve printed {line!r}; stderr: {process.stderr.read() if process.poll() is not None else ''}"
        yield found.group(0)
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server():
    with started() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.refused = []  # messages of the Content-Security-Policy, which must say nothing
    opened.on("console", lambda m: "Content Security Policy" in m.text and opened.refused.append(m.text))
    yield opened
    context.close()


def compare(page, url: str, *paths: Path) -> None:
    page.goto(url)
    page.set_input_files("#files", [str(p) for p in paths])
    with page.expect_navigation():
        page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("body[data-ready]", state="attached")


def test_upload_see_the_redline_follow_a_finding_and_download_a_word_redline(server, page, tmp_path):
    from toolkit.comparison import compare as library_compare
    from toolkit.readers import read_document

    old, new = read_document(str(SEED)), read_document(str(REDRAFT))
    changes = library_compare(old, new).changes()
    compare(page, server, SEED, REDRAFT)

    assert page.locator(".pair.changed").count() == len(changes)
    assert page.locator("#main ins").first.is_visible()
    assert page.locator("#position").text_content() == f"{len(changes)} changes"

    # Renumbering alone is folded to its ids; the toolbar's button shows the wording.
    renumbered = page.locator(".pair.op-equal.renumbered .view-inline .text")
    assert renumbered.count() > 0 and not renumbered.first.is_visible()
    page.get_by_role("button", name="Show renumbered wording").click()
    assert renumbered.first.is_visible()
    page.get_by_role("button", name="Show renumbered wording").click()

    # Each moved or split paragraph's margin says where it stood, with a link.
    assert page.locator(".pair .wb-was a").count() == page.locator("#moves li").count() > 0

    # A finding: its link focuses its paragraph, and the paragraph links back to it.
    finding = page.locator(".wb-finding[data-pair]").first
    target = finding.get_attribute("data-pair")
    finding.locator(".wb-goto").click()
    assert page.evaluate("document.activeElement.id") == target
    assert "wb-focused" in page.locator(f"#{target}").get_attribute("class")
    assert page.locator(f"#{target}").is_visible()
    flag = page.locator(f"#{target} .wb-flag").first
    flag.click()
    assert page.evaluate("document.activeElement.id") == finding.get_attribute("id")

    # The keyboard goes from change to change.
    page.locator("body").press("Escape")
    page.keyboard.press("j")
    assert re.fullmatch(rf"Change \d+ of {len(changes)}", page.locator("#position").text_content())

    # The Word redline: accepting every change gives the new version's text.
    with page.expect_download() as download:
        page.get_by_role("link", name="redline.docx").click()
    saved = tmp_path / "redline.docx"
    download.value.save_as(saved)
    accepted = read_document(str(saved), revisions="accept")
    assert [p.full_text for p in accepted.paragraphs] == [p.full_text for p in new.paragraphs]
    assert [n.text for n in accepted.footnotes] == [n.text for n in new.footnotes]
    assert page.refused == []


def test_markup_in_the_versions_runs_nowhere_and_reads_as_text(server, page, tmp_path):
    old = tmp_path / "<img src=x onerror=alert(1)>.md"
    old.write_text("The General Assembly,\n\n1. Decides to act;\n\n2. Requests a report.\n", encoding="utf-8")
    new = tmp_path / "new.md"
    new.write_text(
        "The General Assembly,\n\n1. Decides <script>window.pwned=1</script> to act;[^1]\n\n"
        "2. Requests a report <img src=x onerror=window.pwned=2>.\n\n[^1]: See <b onmouseover=window.pwned=3>A/70/1</b>.\n",
        encoding="utf-8",
    )
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    compare(page, server, old, new)
    assert page.evaluate("window.pwned") is None and dialogs == []
    assert page.locator("#main img, #main b, #main script").count() == 0
    assert page.get_by_text("<script>window.pwned=1</script>", exact=False).first.is_visible()
    assert page.get_by_text("<img src=x onerror=alert(1)>.md", exact=False).first.is_visible()
    assert page.refused == []


def test_files_dropped_on_the_form_are_its_versions(server, page):
    page.goto(server)
    old, new = SEED.read_text(encoding="utf-8"), REDRAFT.read_text(encoding="utf-8")
    dropped = page.evaluate_handle(
        """([before, after]) => { const d = new DataTransfer();
             d.items.add(new File([before], "old.txt", {type: "text/plain"}));
             d.items.add(new File([after], "new.md", {type: "text/markdown"})); return d; }""",
        [old, new],
    )
    page.dispatch_event("#drop", "drop", {"dataTransfer": dropped})
    assert page.locator("#chosen li").all_text_contents() == ["v0  old.txt", "v1  new.md"]
    with page.expect_navigation():
        page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("body[data-ready]", state="attached")
    assert page.locator(".version-old code.path").text_content() == "old.txt"
    assert page.locator(".pair.changed").count() > 0


def test_keyboard_screen_reader_labels_and_print(server, page):
    page.goto(server)
    assert page.get_by_label(re.compile("Drop files here, or choose them")).count() == 1  # the file input, labelled
    compare(page, server, SEED, REDRAFT)
    findings = page.get_by_role("region", name=re.compile("^Findings"))
    assert findings.count() == 1
    # The keyboard alone: Tab first reaches the skip link, and Enter on a finding's link focuses its paragraph.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to the findings"
    link = findings.locator(".wb-finding[data-pair] .wb-goto").nth(1)
    target = link.get_attribute("data-pair")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == target
    # Printed: the redline and the findings, without the controls.
    page.emulate_media(media="print")
    assert not page.locator(".wb-bar").is_visible() and not page.locator(".toolbar").is_visible()
    assert not page.get_by_role("link", name="redline.docx").is_visible()
    assert page.locator(".wb-finding").first.is_visible() and page.locator("#main ins").first.is_visible()


def test_with_a_registry_each_paragraph_finds_its_agreed_language(page, tmp_path):
    from toolkit.registry.index import index
    from toolkit.registry.store import connect

    db = tmp_path / "registry.sqlite3"
    index(connect(db), [str(SEED)])
    with started("--registry", str(db)) as url:
        compare(page, url, SEED, REDRAFT)
        links = page.locator(".pair .wb-search-link")
        assert links.count() == page.locator(".pair .side-new .text").count() > 0
        with page.expect_navigation():
            page.locator(".pair.op-modify .wb-search-link").first.click()
        assert page.locator(".wb-hit").count() >= 1
        assert "A/RES/70/291" in page.locator(".wb-hit").first.text_content()
        assert page.refused == []
