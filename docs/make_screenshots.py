"""Screenshots of the workbench for the README: ``python docs/make_screenshots.py``.

Starts ``untk serve --no-open``, drives Debian's Chromium with Playwright (the test
extra), compares the bundled samples and saves the pages as PNG files next to this
script.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> int:
    server = subprocess.Popen(
        [sys.executable, "-c", "from toolkit.cli import main; main()", "serve", "--no-open"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        found = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline())
        if not found:
            print("untk serve did not start", file=sys.stderr)
            return 2
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(found.group(0))
            page.screenshot(path=HERE / "workbench-start.png")
            page.set_input_files("#files", [str(SAMPLES / "A_RES_70_291.txt"), str(SAMPLES / "redraft-2018-review.md")])
            with page.expect_navigation():
                page.get_by_role("button", name="Compare").click()
            page.wait_for_selector("body[data-ready]", state="attached")
            page.screenshot(path=HERE / "workbench-comparison.png")
            # A finding followed to its paragraph: the redline beside the findings panel.
            page.get_by_role("link", name=re.compile(r"^OP72 line")).first.click()
            page.wait_for_timeout(400)
            page.screenshot(path=HERE / "workbench-finding.png")
            page.get_by_role("button", name="Side by side").click()
            page.wait_for_timeout(400)
            page.screenshot(path=HERE / "workbench-side-by-side.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
