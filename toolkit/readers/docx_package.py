"""Open a Word package (.docx) safely: bounded sizes, no entity expansion, clear errors.

A .docx is a ZIP archive of XML parts. Before python-docx or lxml sees any of
it, every entry's declared size is checked (Python's zipfile never inflates an
entry past its declared size, so the check bounds memory), and XML parts are
parsed with entities unresolved, no DTD, no network and lxml's default limits.
An XML part that declares a DOCTYPE is refused: Office never writes one, and it
is how entity-expansion attacks ("billion laughs") begin. The declaration is
looked for in the part's own encoding (UTF-16 and UTF-32 included), and a part
in an encoding that is neither Unicode nor ASCII-compatible is refused. Every
part is inflated once before python-docx opens the package, so a damaged part
is reported by name.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
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
#: A resolution with its annexes has a few thousand paragraphs and some tens of thousands of
#: runs; reading costs time and memory for each (600,000 paragraphs, a 3.6 MB file, took 300 s
#: and 1.5 GB), so a package with far more is refused before python-docx parses it.
MAX_PARAGRAPHS = 20_000
MAX_RUNS = 100_000
#: Parts whose paragraphs are read or parsed: the document, notes, headers, footers, comments.
_TEXT_PART = re.compile(r"word/[^/]+\.xml")
#: A paragraph or run element with any prefix (``<w:p>``, ``<w:r w:rsidR="…">``), not ``<w:pPr>``.
_PARAGRAPH = re.compile(rb"<[A-Za-z_][\w.-]*:p[\s/>]")
_RUN = re.compile(rb"<[A-Za-z_][\w.-]*:r[\s/>]")

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
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError, OSError) as exc:
            raise _error(path, f"not a readable .docx (damaged ZIP archive: {exc})") from None
        if len(infos) > MAX_ENTRIES:
            raise _error(path, f"ZIP archive has {len(infos)} entries; a .docx has a few dozen (refused)")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise _error(path, "encrypted ZIP archive; save the document without a password")
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                raise _error(
                    path,
                    f"{info.filename} unpacks to {info.file_size / 2**20:.0f} MiB "
                    f"(a ZIP bomb?); untk reads parts of up to {MAX_PART_BYTES / 2**20:g} MiB",
                )
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise _error(
                    path,
                    f"{info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1 (a ZIP bomb?); refused",
                )
        self.names = {info.filename for info in infos}
        if "word/document.xml" not in self.names and not any(n.endswith("document.xml") for n in self.names):
            raise _error(path, _not_word(self.names))

    def read(self, name: str) -> bytes:
        """The bytes of one part (its name without a leading slash)."""
        try:
            with self.zip.open(name.lstrip("/")) as handle:
                data = handle.read(MAX_PART_BYTES + 1)
        except KeyError:
            raise _error(self.path, f"the package names {name} but does not hold it") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, ValueError, EOFError, OSError, RuntimeError) as exc:
            raise _error(self.path, f"damaged part {name}: {exc}") from None
        if len(data) > MAX_PART_BYTES:
            raise _error(self.path, f"{name} is larger than declared (a ZIP bomb?); refused")
        return data

    def xml(self, name: str) -> etree._Element:
        """One XML part, parsed without entities, DTDs or network access."""
        return parse_xml(self.path, name, self.read(name))

    def check_parts(self) -> None:
        """Inflate every part and refuse any XML part that declares a DOCTYPE (before python-docx reads them)."""
        paragraphs = runs = 0
        for name in sorted(self.names):
            if name.endswith("/"):
                continue  # a folder entry
            data = self.read(name)
            if name.endswith((".xml", ".rels")):
                text = check_declarations(self.path, name, data)
                if _TEXT_PART.fullmatch(name):
                    paragraphs += len(_PARAGRAPH.findall(text))
                    runs += len(_RUN.findall(text))
        for count, limit, what in ((paragraphs, MAX_PARAGRAPHS, "paragraphs"), (runs, MAX_RUNS, "runs of text")):
            if count > limit:
                raise _error(self.path, f"the document has {count:,} {what}; untk reads resolutions of up to {limit:,} (refused)")


def parse_xml(path: str, name: str, data: bytes) -> etree._Element:
    """Parse XML bytes with every external and expanding feature off."""
    from lxml import etree

    check_declarations(path, name, data)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _error(path, f"damaged XML in {name}: {exc}") from None
    except (ValueError, LookupError) as exc:  # an encoding lxml does not know
        raise _error(path, f"unreadable XML in {name}: {exc}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:  # whatever the bytes looked like, the parser saw one
        raise _error(path, _declares(name))
    return root


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    """``text`` with control characters escaped: part names and library messages come from the file."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def _error(path: str, message: str) -> InputError:
    """An input error whose message stays on one line."""
    return InputError(path, one_line(message))


def _declares(name: str) -> str:
    return f"{name} declares a DOCTYPE or entities (refused: Word never writes them)"


#: Byte-order marks and the first bytes of ``<?`` in the encodings without one (XML 1.0, appendix F).
_UNICODE_STARTS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_DECLARED = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
#: Encodings in which ``<!DOCTYPE`` is written in ASCII bytes: a byte search finds it.
_ASCII_COMPATIBLE = re.compile(r"(?:utf-?8|us-ascii|ascii|iso-8859-\d{1,2}|latin-?1|windows-125\d|cp125\d)", re.I)
#: UTF-16 or UTF-32 declared in a part that starts as 8-bit text: libxml2 keeps reading it as 8-bit.
_UNICODE_DECLARED = re.compile(r"(?:utf-?16|utf-?32|ucs-?[24]|iso-10646-ucs-[24])(?:-?[bl]e)?", re.I)


def check_declarations(path: str, name: str, data: bytes) -> bytes:
    """Refuse an XML part that declares a DOCTYPE or entities, in whatever encoding it is written.

    Gives the part's markup as bytes in which ASCII markup can be searched for.
    """
    encoding = next((enc for start, enc in _UNICODE_STARTS if data.startswith(start)), None)
    if encoding is not None:
        # Decoded, not matched as bytes: "<!DOCTYPE" in UTF-16 has a zero byte after every letter.
        decoded = data.decode(encoding, "replace")
        found = "<!DOCTYPE" in decoded or "<!ENTITY" in decoded
        text = decoded.encode("utf-8", "replace") if not found else b""
    else:
        head = data.lstrip(b" \t\r\n")
        if head and not head.startswith(b"<"):
            # EBCDIC and the odd UCS-4 byte orders, which libxml2 would also try to read.
            raise _error(path, f"{name} is not XML in UTF-8 or UTF-16 (refused)")
        declared = _DECLARED.match(head)
        if declared is not None:
            label = declared[1].decode("ascii")
            if not (_ASCII_COMPATIBLE.fullmatch(label) or _UNICODE_DECLARED.fullmatch(label)):
                raise _error(path, f"{name} is written in the {label} encoding (refused: Word writes UTF-8 or UTF-16)")
        found = b"<!DOCTYPE" in data or b"<!ENTITY" in data
        text = data
    if found:
        raise _error(path, _declares(name))
    return text


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
    package.check_parts()
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise _error(path, f"not a readable Word document: {exc}") from None
    except Exception as exc:  # python-docx raises assorted errors on damaged packages
        if type(exc).__name__ in ("XMLSyntaxError", "InvalidXmlError"):
            raise _error(path, f"damaged XML in the Word document: {exc}") from None
        raise _error(path, f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    return package, document
