"""Rows of an OpenDocument spreadsheet (.ods), read with the standard library alone.

Lists of resolutions come as spreadsheets too (the Human Rights Council list compiled from
OHCHR's pages). Only the text of cells is read; a sheet is chosen by name, or the first
whose header row names a symbol. Repeated rows and columns (how ODS stores runs of empty
cells) are expanded within bounds, and a file that declares a DOCTYPE or entities is
refused, as for Word files.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from toolkit.errors import InputError

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
#: ODS writes a sheet's trailing empty cells as one cell repeated 16,000 times or more.
MAX_REPEAT = 1000
MAX_CONTENT = 64 * 1024 * 1024


def sheets(path: str, data: bytes) -> dict[str, list[list[str]]]:
    """Each sheet's rows of cell texts, in order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("content.xml")
            if info.file_size > MAX_CONTENT:
                raise InputError(path, f"content.xml is {info.file_size / 2**20:.0f} MiB; untk reads spreadsheets of up to 64 MiB")
            content = package.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError) as exc:
        raise InputError(path, f"not an OpenDocument spreadsheet ({exc})") from None
    head = content[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in content.upper():
        raise InputError(path, "content.xml declares a DOCTYPE or entities (refused)")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise InputError(path, f"content.xml is not well-formed XML ({exc})") from None
    out: dict[str, list[list[str]]] = {}
    for table in root.iter(_T + "table"):
        rows: list[list[str]] = []
        for row in table.iter(_T + "table-row"):
            cells: list[str] = []
            for cell in row:
                if cell.tag not in (_T + "table-cell", _T + "covered-table-cell"):
                    continue
                repeat = min(int(cell.get(_T + "number-columns-repeated", "1") or 1), MAX_REPEAT)
                cells += [_text(cell)] * repeat
            while cells and not cells[-1]:
                cells.pop()
            repeat = min(int(row.get(_T + "number-rows-repeated", "1") or 1), MAX_REPEAT)
            if cells:
                rows += [cells] * repeat
        out[table.get(_T + "name", f"sheet{len(out) + 1}")] = rows
    return out


def _text(cell) -> str:
    """A cell's text: its paragraphs joined by a space, ``text:s`` as spaces."""
    parts: list[str] = []
    for p in cell.iter(_X + "p"):
        parts.append("".join(_inline(p)))
    return " ".join(s.strip() for s in parts if s.strip())


def _inline(node) -> list[str]:
    out = [node.text or ""]
    for child in node:
        if child.tag == _X + "s":
            out.append(" " * min(int(child.get(_X + "c", "1") or 1), 100))
        elif child.tag in (_X + "tab", _X + "line-break"):
            out.append(" ")
        else:
            out += _inline(child)
        out.append(child.tail or "")
    return out
