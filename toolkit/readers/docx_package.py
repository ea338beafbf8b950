"""Open a Word package (.docx) safely: bounded sizes, no entity expansion, clear errors.

A .docx is a ZIP archive of XML parts. Before python-docx or lxml sees any of
it, every entry's declared size is checked (Python's zipfile never inflates an
entry past its declared size, so the check bounds memory), and XML parts are
parsed with entities unresolved, no DTD, no network and lxml's default limits.
An XML part that declares a DOCTYPE is refused: Office never writes one, and it
is how entity-expansion attacks ("billion laughs") begin.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from toolkit.errors import InputError

if TYPE_CHECKING:
    from lxml import etree

#: Bounds for what a resolution's .docx may unpack to. The longest resolutions
#: with annexes have a document.xml of a few MiB; images do not compress.
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_ENTRIES = 5000
#: XML compresses about 10:1; a part that inflates more than this is a bomb.
MAX_RATIO = 200

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute: ``w("p")``."""
    return f"{{{W_NS}}}{tag}"


class Package:
    """The checked ZIP archive of a .docx: read its parts, parse its XML safely."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise InputError(path, f"not a readable .docx (damaged ZIP archive: {exc})") from None
        if len(infos) > MAX_ENTRIES:
            raise InputError(path, f"ZIP archive has {len(infos)} entries; a .docx has a few dozen (refused)")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(path, "encrypted ZIP archive; save the document without a password")
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                raise InputError(
                    path,
                    f"{info.filename} unpacks to {info.file_size / 2**20:.0f} MiB "
                    f"(a ZIP bomb?); untk reads parts of up to {MAX_PART_BYTES / 2**20:g} MiB",
                )
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(
                    path,
                    f"{info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1 (a ZIP bomb?); refused",
                )
        self.names = {info.filename for info in infos}
        if "word/document.xml" not in self.names and not any(n.endswith("document.xml") for n in self.names):
            raise InputError(path, _not_word(self.names))

    def read(self, name: str) -> bytes:
        """The bytes of one part (its name without a leading slash)."""
        try:
            with self.zip.open(name.lstrip("/")) as handle:
                data = handle.read(MAX_PART_BYTES + 1)
        except KeyError:
            raise InputError(self.path, f"the package names {name} but does not hold it") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, RuntimeError) as exc:
            raise InputError(self.path, f"damaged part {name}: {exc}") from None
        if len(data) > MAX_PART_BYTES:
            raise InputError(self.path, f"{name} is larger than declared (a ZIP bomb?); refused")
        return data

    def xml(self, name: str) -> etree._Element:
        """One XML part, parsed without entities, DTDs or network access."""
        return parse_xml(self.path, name, self.read(name))

    def check_xml_parts(self) -> None:
        """Refuse any XML part that declares a DOCTYPE (before python-docx parses them)."""
        for name in self.names:
            if name.endswith((".xml", ".rels")):
                data = self.read(name)
                if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                    raise InputError(self.path, f"{name} declares a DOCTYPE or entities (refused: Word never writes them)")


def parse_xml(path: str, name: str, data: bytes) -> etree._Element:
    """Parse XML bytes with every external and expanding feature off."""
    from lxml import etree

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError(path, f"{name} declares a DOCTYPE or entities (refused: Word never writes them)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"damaged XML in {name}: {exc}") from None


def _not_word(names: set[str]) -> str:
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file, not a .docx; save it in Word format (.docx)"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook, not a Word document"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation, not a Word document"
    return "a ZIP archive but not a Word document (no word/document.xml)"


def open_docx(path: str, data: bytes):
    """The checked package and the python-docx ``Document`` opened from it."""
    package = Package(path, data)
    package.check_xml_parts()
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"not a readable Word document: {exc}") from None
    except Exception as exc:  # python-docx raises assorted errors on damaged packages
        if type(exc).__name__ in ("XMLSyntaxError", "InvalidXmlError"):
            raise InputError(path, f"damaged XML in the Word document: {exc}") from None
        raise InputError(path, f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    return package, document
