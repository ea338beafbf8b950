"""The text of a PDF's pages as runs of one font, size and baseline, with their boxes.

Two backends give the same :class:`Run` records to :mod:`toolkit.readers.pdf`:

* ``pdfium`` (the default): PDFium through pypdfium2. A run is one text object
  of the page (one ``Tj``/``TJ`` of the content stream): its text, font size
  (in points, scaled by the object's matrix), baseline (the matrix origin, so a
  raised superscript has a raised baseline), bounding box and font. One call a
  text object instead of one a character keeps a page at a few milliseconds.
* ``pdfminer``: pdfminer.six, one run a character (slower by about twenty
  times; kept for the benchmark and as a cross-check, installed with the
  ``bench`` extra).

Coordinates are measured down from the top of the page. pdfium: ``bottom`` is
the run's baseline and ``top`` the baseline less the font size; pdfminer: the
glyph box (its bottom lies below the baseline by the font's descent). Either way
``top`` of a line less ``bottom`` of the line above is its leading less the size.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from typing import Callable, Iterator

from toolkit.errors import InputError

BACKENDS = ("pdfium", "pdfminer")

#: A resolution's page holds a few hundred text objects (the densest of the corpus, 729),
#: and a few hundred more rules and images. Past this a page is refused before its text is
#: read: the reading costs time and memory for every object.
MAX_PAGE_OBJECTS = 20_000

#: A gap between two runs wider than this many times the type size is a space the
#: document did not write. PDFium's boxes are the glyphs' own, narrower than
#: pdfminer's (the advance widths), so its gaps come out wider.
WORD_GAP = {"pdfium": 0.3, "pdfminer": 0.25}

#: Ligatures spelled out; a soft hyphen, and the hyphen PDFium marks as breaking a line (U+0002), are hyphens;
#: line breaks inside a run are spaces.
LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\u00ad": "-", "\x02": "-", "\r": " ", "\n": " "}
)


@dataclass(slots=True)
class Run:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float  # the baseline
    size: float
    bold: bool
    italic: bool


class Timeout(Exception):
    """Raised by the reader's deadline; let through untouched."""


def pages(path: str, data: bytes, max_pages: int, backend: str = "pdfium") -> Iterator[list[Run]]:
    """The runs of every page, in content order; refuses what cannot or must not be read."""
    if backend == "pdfium":
        return _pdfium_pages(path, data, max_pages)
    if backend == "pdfminer":
        return _pdfminer_pages(path, data, max_pages)
    raise ValueError(f"unknown PDF backend {backend!r} (known: {', '.join(BACKENDS)})")


def _unreadable(path: str, detail: str) -> InputError:
    return InputError(path, f"not a readable PDF ({detail[:120]})")


def _encrypted(path: str) -> InputError:
    return InputError(path, "encrypted PDF (it needs a password); untk reads PDFs that open without one")


def _too_long(path: str, max_pages: int) -> InputError:
    return InputError(path, f"the PDF has more than {max_pages} pages; untk reads resolutions of up to {max_pages}")


# ----------------------------------------------------------------- PDFium


#: PDFium is not thread-safe: one document at a time in this process.
_PDFIUM_LOCK = threading.Lock()


def _pdfium_pages(path: str, data: bytes, max_pages: int) -> Iterator[list[Run]]:
    with _PDFIUM_LOCK:
        return iter(list(_pdfium_read(path, data, max_pages)))


def _pdfium_read(path: str, data: bytes, max_pages: int) -> Iterator[list[Run]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise _encrypted(path) from None
        raise _unreadable(path, str(exc).replace("Failed to load document ", "")) from None
    try:
        count = len(document)
        if count > max_pages:
            raise _too_long(path, max_pages)
        if count == 0:
            raise _unreadable(path, "no pages")
        reader = _PdfiumPage(raw)
        for index in range(count):
            try:
                runs = reader.runs(document.raw, index)
            except _PageError as exc:
                raise _unreadable(path, str(exc)) from None
            except _Crowded as exc:
                raise InputError(path, f"page {exc.index + 1} holds more than {MAX_PAGE_OBJECTS:,} objects (refused)") from None
            yield runs
    finally:
        document.close()


class _PdfiumPage:
    """Reads the text objects of a page with PDFium's C interface, buffers reused."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.buffer_chars = 2048
        self.buffer = (ctypes.c_ushort * self.buffer_chars)()
        self.left, self.bottom, self.right, self.top = (ctypes.c_float() for _ in range(4))
        self.matrix = raw.FS_MATRIX()
        self.size = ctypes.c_float()
        self.fonts: dict[int, tuple[bool, bool]] = {}
        self.page_text, self.cursor = "", 0
        self.name = ctypes.create_string_buffer(256)
        self.objects, self.index = 0, 0  # objects of the page being read, forms' included

    def runs(self, document, index: int) -> list[Run]:
        raw = self.raw
        page = raw.FPDF_LoadPage(document, index)
        if not page:
            raise _PageError(index)
        self.objects = raw.FPDFPage_CountObjects(page)
        if self.objects > MAX_PAGE_OBJECTS:
            raw.FPDF_ClosePage(page)
            raise _Crowded(index)
        self.index = index
        textpage = raw.FPDFText_LoadPage(page)
        try:
            if not textpage:
                raise _PageError(index)
            height = raw.FPDF_GetPageHeightF(page)
            self.fonts = {}  # by address, which a closed page's fonts may hand on
            count = raw.FPDFText_CountChars(textpage)
            if count > 0:
                buffer = (ctypes.c_ushort * (count + 1))()
                written = raw.FPDFText_GetText(textpage, 0, count, buffer)
                self.page_text = ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le", "replace")
            else:
                self.page_text = ""
            self.cursor = 0
            out: list[Run] = []
            try:
                self._objects(page, textpage, height, out, raw.FPDFPage_CountObjects(page), raw.FPDFPage_GetObject)
            except _FormText:
                out = self._characters(textpage, height)
            return out
        finally:
            if textpage:
                raw.FPDFText_ClosePage(textpage)
            raw.FPDF_ClosePage(page)

    def _objects(self, owner, textpage, height: float, out: list[Run], count: int, get: Callable) -> None:
        raw = self.raw
        TEXT, FORM = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM
        left, bottom, right, top = self.left, self.bottom, self.right, self.top
        bl, bb, br, bt = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        matrix, size = self.matrix, self.size
        bm, bs = ctypes.byref(matrix), ctypes.byref(size)
        pending = None  # the last run if its text ends with a space: (run, object, text as PDFium gave it)
        for k in range(count):
            obj = get(owner, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == FORM:
                # A form's objects count too: one form drawn many times costs as much as its copies.
                self.objects += raw.FPDFFormObj_CountObjects(obj)
                if self.objects > MAX_PAGE_OBJECTS:
                    raise _Crowded(self.index)
                self._form(obj, textpage, height, out)
                pending = None
                continue
            if kind != TEXT:
                continue
            n = raw.FPDFTextObj_GetText(obj, textpage, self.buffer, self.buffer_chars * 2)
            if n > self.buffer_chars * 2:
                self.buffer_chars = n
                self.buffer = (ctypes.c_ushort * n)()
                n = raw.FPDFTextObj_GetText(obj, textpage, self.buffer, self.buffer_chars * 2)
            # A text object whose text PDFium gives as empty is, in these PDFs, a space set on
            # its own ("[( )] TJ" between two words), which the text page leaves out.
            given = ctypes.string_at(self.buffer, n - 2).decode("utf-16-le", "replace") if n > 2 else " "
            raw.FPDFPageObj_GetMatrix(obj, bm)
            if abs(matrix.b) > 1e-3 or abs(matrix.c) > 1e-3 or matrix.a <= 0 or matrix.d <= 0:
                continue  # rotated or mirrored text: not part of the resolution's lines
            raw.FPDFTextObj_GetFontSize(obj, bs)
            raw.FPDFPageObj_GetBounds(obj, bl, bb, br, bt)
            points = size.value * matrix.d
            baseline = height - matrix.f
            if not given.strip():
                out.append(Run(" ", left.value, left.value, baseline - points, baseline, points, False, False))
                pending = None
                continue
            bold, italic = self._font(raw.FPDFTextObj_GetFont(obj))
            run = Run(given.translate(LIGATURES), left.value, right.value, baseline - points, baseline, points, bold, italic)
            if pending is not None:
                # PDFium ends an object's text with a space of its own where it guesses a word
                # ends ("assistanc " "e in"); it matters only when the next run follows closely.
                before, handle, text = pending
                if abs(before.bottom - baseline) < 2.5 and run.x0 - before.x1 < 0.5 * points:
                    if self._generated_space_after(textpage, handle, text):
                        before.text = before.text[:-1]
            out.append(run)
            pending = (run, obj, given) if given[-1] == " " else None

    def _generated_space_after(self, textpage, obj, text: str) -> bool:
        """Whether the space ending an object's text is one PDFium added ("assistanc " "e in").

        PDFium gives an object's characters followed by the space after them,
        its own or the document's. The page's text, read once, holds the
        object's characters (the one whose last character PDFium says belongs
        to the object), and PDFium says which spaces it made.
        """
        if text[-1:] != " " or not text[:-1].strip():
            return False
        raw, page, word = self.raw, self.page_text, text[:-1]
        key = ctypes.cast(obj, ctypes.c_void_p).value
        # Objects come in the content's order, the page's text in PDFium's reading order:
        # look from near where the last object was found, then from the top.
        for start in (max(0, self.cursor - 1000), 0):
            at = page.find(word, start)
            for _ in range(20):
                if at < 0:
                    break
                end = at + len(word)
                if ctypes.cast(raw.FPDFText_GetTextObject(textpage, end - 1), ctypes.c_void_p).value == key:
                    self.cursor = end
                    return end < len(page) and page[end] == " " and raw.FPDFText_IsGenerated(textpage, end) == 1
                at = page.find(word, at + 1)
        return False  # not found as it is in the object: keep the space

    def _form(self, form, textpage, height: float, out: list[Run]) -> None:
        # Text inside a form XObject: its matrix and bounds are those of the page
        # only when the form's own matrix is the identity; otherwise read it through
        # the text page, character by character (rare in the General Assembly's PDFs).
        raw = self.raw
        m = raw.FS_MATRIX()
        raw.FPDFPageObj_GetMatrix(form, ctypes.byref(m))
        if (m.a, m.b, m.c, m.d, m.e, m.f) == (1, 0, 0, 1, 0, 0):
            self._objects(form, textpage, height, out, raw.FPDFFormObj_CountObjects(form), raw.FPDFFormObj_GetObject)
        else:
            raise _FormText()

    def _font(self, font) -> tuple[bool, bool]:
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        found = self.fonts.get(key)
        if found is None:
            raw = self.raw
            n = raw.FPDFFont_GetBaseFontName(font, self.name, len(self.name)) if key else 0
            name = self.name.value.decode("latin-1", "replace") if n else ""
            found = ("Bold" in name or "Black" in name, "Italic" in name or "Oblique" in name)
            self.fonts[key] = found
        return found


    def _characters(self, textpage, height: float) -> list[Run]:
        """The slow way, for a page whose text sits in transformed forms: one run a character."""
        raw = self.raw
        l, r, b, t, x, y = (ctypes.c_double() for _ in range(6))
        out = []
        for i in range(raw.FPDFText_CountChars(textpage)):
            if raw.FPDFText_IsGenerated(textpage, i) == 1:
                continue
            code = raw.FPDFText_GetUnicode(textpage, i)
            if code in (0, 0x0D, 0x0A):
                continue
            raw.FPDFText_GetCharBox(textpage, i, ctypes.byref(l), ctypes.byref(r), ctypes.byref(b), ctypes.byref(t))
            raw.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(x), ctypes.byref(y))
            flags = ctypes.c_int()
            n = raw.FPDFText_GetFontInfo(textpage, i, self.name, len(self.name), ctypes.byref(flags))
            name = self.name.value.decode("latin-1", "replace") if n else ""
            points = raw.FPDFText_GetFontSize(textpage, i)
            baseline = height - y.value
            bold, italic = "Bold" in name or "Black" in name, "Italic" in name or "Oblique" in name
            out.append(Run(chr(code).translate(LIGATURES), l.value, r.value, baseline - points, baseline, points, bold, italic))
        return out


class _FormText(Exception):
    pass


class _Crowded(Exception):
    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


class _PageError(Exception):
    def __init__(self, index: int) -> None:
        super().__init__(f"page {index + 1} does not load")


# ----------------------------------------------------------------- pdfminer


def _pdfminer_pages(path: str, data: bytes, max_pages: int) -> Iterator[list[Run]]:
    import io

    try:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
    except ImportError:  # pragma: no cover - an optional backend
        raise InputError(path, "the pdfminer backend needs pdfminer.six (pip install 'untk[bench]')") from None

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _encrypted(path) from None
    except Timeout:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        raise _unreadable(path, f"{type(exc).__name__}: {exc}") from None
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    try:
        for index, page in enumerate(PDFPage.create_pages(document)):
            if index >= max_pages:
                raise _too_long(path, max_pages)
            interpreter.process_page(page)
            yield list(_pdfminer_runs(device.get_result()))
    except (InputError, Timeout):
        raise
    except Exception as exc:
        raise _unreadable(path, f"{type(exc).__name__}: {exc}") from None


def _pdfminer_runs(layout) -> Iterator[Run]:
    from pdfminer.layout import LTChar, LTContainer

    height = layout.y1
    stack = [layout]
    while stack:
        node = stack.pop()
        for obj in node:
            if isinstance(obj, LTChar):
                if not obj.upright:
                    continue
                text = obj.get_text().translate(LIGATURES)
                if text:
                    font = obj.fontname
                    yield Run(
                        text, obj.x0, obj.x1, height - obj.y1, height - obj.y0, obj.size,
                        "Bold" in font or "Black" in font, "Italic" in font or "Oblique" in font,
                    )
            elif isinstance(obj, LTContainer):
                stack.append(obj)
