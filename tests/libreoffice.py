"""LibreOffice's own Accept All and Reject All on .docx files, through UNO.

``resolved(paths)`` starts one headless ``soffice`` with a private profile, loads
each file twice, runs ``.uno:AcceptAllTrackedChanges`` on one copy and
``.uno:RejectAllTrackedChanges`` on the other, and returns what LibreOffice then
has: the body's paragraphs, with each footnote reference written ``[^n]``
(numbered in the order of the references), a tab as ``\\t`` and a line break as
``\\n``, and the footnotes' texts in the same order.

The test environment's Python usually cannot import ``uno`` (it comes with
Debian's python3-uno for the system's Python), so this same file is run as a
script by a Python that can, and answers in JSON. Batch many files into one call:
each start of LibreOffice costs seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
Resolved = tuple[list[str], list[str]]  # paragraphs, footnote texts


def uno_python() -> str | None:
    """A Python that can import ``uno`` (this one, or the system's), or None."""
    for candidate in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        if not candidate or not os.path.exists(candidate):
            continue
        try:
            done = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return candidate
    return None


def missing() -> str | None:
    """Why LibreOffice cannot be driven here (a skip reason), or None when it can."""
    if SOFFICE is None:
        return "needs LibreOffice (soffice): apt-get install libreoffice-writer"
    if uno_python() is None:
        return "needs LibreOffice's Python bridge (import uno): apt-get install python3-uno"
    return None


def resolved(paths: list[Path], timeout: float = 600) -> dict[Path, dict[str, Resolved]]:
    """For each file, ``{"accept": (paragraphs, notes), "reject": (paragraphs, notes)}``."""
    python = uno_python()
    if SOFFICE is None or python is None:
        raise RuntimeError(missing())
    with tempfile.TemporaryDirectory(prefix="untk-lo-") as profile:
        request = {"soffice": SOFFICE, "profile": profile, "files": [str(Path(p).resolve()) for p in paths]}
        done = subprocess.run(
            [python, __file__],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    if done.returncode != 0:
        raise RuntimeError(f"LibreOffice script failed ({done.returncode}): {done.stderr[-2000:]}")
    answer = json.loads(done.stdout)
    return {
        Path(p): {mode: (answer[str(Path(p).resolve())][mode][0], answer[str(Path(p).resolve())][mode][1]) for mode in ("accept", "reject")}
        for p in paths
    }


# ------------------------------------------------------------------ the script (run by a Python with uno)


def _connect(soffice: str, profile: str):
    import time

    import uno

    pipe = "untk" + str(os.getpid())
    process = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 120
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.25)
    return process, context


def _text_of(paragraph, notes: list[str]) -> str:
    out = []
    portions = paragraph.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        kind = portion.TextPortionType
        if kind == "Footnote":
            notes.append(" ".join(portion.Footnote.getString().split()))
            out.append(f"[^{len(notes)}]")
        elif kind == "Text":
            out.append(portion.getString())
        # Annotations (margin comments), bookmarks and fields are no part of the text.
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n").replace("\u000b", "\n")


def _resolve(desktop, context, path: str, command: str) -> list[list[str]]:
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
    try:
        dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, command, "", 0, ())
        paragraphs, notes = [], []
        items = doc.Text.createEnumeration()
        while items.hasMoreElements():
            item = items.nextElement()
            if item.supportsService("com.sun.star.text.Paragraph"):
                paragraphs.append(_text_of(item, notes))
        return [paragraphs, notes]
    finally:
        doc.close(True)


def _main() -> None:
    request = json.load(sys.stdin)
    process, context = _connect(request["soffice"], request["profile"])
    try:
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        answer = {}
        for path in request["files"]:
            answer[path] = {
                "accept": _resolve(desktop, context, path, ".uno:AcceptAllTrackedChanges"),
                "reject": _resolve(desktop, context, path, ".uno:RejectAllTrackedChanges"),
            }
        json.dump(answer, sys.stdout)
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with the office
            pass
    finally:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    _main()
