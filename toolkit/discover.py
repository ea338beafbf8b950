"""The files a command is given: named files as they are, directories searched for resolutions."""

from __future__ import annotations

import os

#: The suffixes of files a directory search reads: text, Markdown drafts, Word and PDF.
RESOLUTION_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")
#: Folders never searched: version control, environments, caches, build output.
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "build", "dist", "site-packages"})


def expand(paths: list[str]) -> list[tuple[str, bool]]:
    """Each path with whether it was found in a directory (``True``) or named (``False``).

    A named file is always read, whatever its name. In a directory, files with a
    resolution suffix are taken in sorted order, leaving out hidden files and
    folders and the folders of tools (``.git``, ``.venv``, ``node_modules`` ...);
    as ruff and yamllint do, a directory is searched to any depth.
    """
    found: list[tuple[str, bool]] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found += [(os.path.normpath(p), True) for p in _search(path)]
        else:
            found.append((path, False))
    return found


def _search(folder: str) -> list[str]:
    out: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(RESOLUTION_SUFFIXES):
                out.append(os.path.join(root, name))
    return out


def names_itself(doc) -> bool:
    """Whether a document found in a folder shows it is a resolution, draft or amendment:
    an organ line ("The General Assembly,"), a draft's masthead, an amendment's
    instructions, or a symbol with the adoption date or meeting that go with it. A README
    or a notes file that mentions a symbol does not."""
    meta = doc.metadata
    return bool(doc.organ_line or doc.draft or doc.instructions or (meta.symbol and (meta.adoption_date or meta.meeting)))
