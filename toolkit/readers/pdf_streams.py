"""Bound what a PDF's streams decode to before PDFium reads them: refuse decompression bombs.

PDFium decodes a stream through its whole filter chain (``/Filter [/ASCIIHexDecode
/FlateDecode]``) with no limit of its own, so every stream is decoded here first,
through the same chain, each stage's output bounded: a stream any stage of
which decodes to more than ``max_stream`` bytes, or streams that together come
to more than ``max_total``, are refused. Streams that PDFium parses into
objects (page contents, forms, object streams: all but fonts, images and
embedded files) have tighter bounds, ``max_content`` each and
``max_content_total`` together, since each object parsed costs memory.

Streams are found as PDFium finds them, by their dictionary and its ``/Length``
(direct or an indirect integer) when the keyword ``endstream`` follows it, else
up to the next ``endstream``. Every ``stream`` keyword after a dictionary is
checked, those inside another stream's data included, since PDFium reaches
objects through the cross-reference table, not by reading the file in order.
Image codecs (DCT, JPX, CCITT, JBIG2) end the chain: the reader does not render.
"""

from __future__ import annotations

import base64
import re
import zlib

from toolkit.errors import InputError

#: Bytes of stream data examined in all, candidates inside other streams included:
#: a real PDF is examined about once over, so this bounds the work a hostile one can cause.
MAX_SCANNED_BYTES = 256 * 1024 * 1024

#: The keyword that opens a stream's data (not the end of ``endstream``).
_STREAM = re.compile(rb"(?<![A-Za-z0-9])stream(?:\r\n|\n|\r)?")
#: What may stand between a dictionary's ``>>`` and ``stream``: white space and comments.
_BETWEEN = re.compile(rb"(?:[\x00\t\n\f\r ]|%[^\r\n]*)*")
#: The object number and generation before an ``obj`` keyword.
_HEADER = re.compile(rb"(?<![0-9])\d{1,10}[\x00\t\n\f\r ]+\d{1,5}[\x00\t\n\f\r ]+$")
_TOKEN = re.compile(
    rb"<<|>>|\[|\]|\((?:\\.|[^\\()])*\)|<[^<>]*>|/[^\x00\t\n\f\r ()<>\[\]{}/%]*|%[^\r\n]*"
    rb"|(\d+)[\x00\t\n\f\r ]+(\d+)[\x00\t\n\f\r ]+R\b|[^\x00\t\n\f\r ()<>\[\]{}/%]+",
    re.S,
)
_WHITE = b"\x00\t\n\f\r "
_END = re.compile(rb"[\x00\t\n\f\r ]*endstream")
_ABBREVIATIONS = {b"Fl": b"FlateDecode", b"LZW": b"LZWDecode", b"AHx": b"ASCIIHexDecode", b"A85": b"ASCII85Decode", b"RL": b"RunLengthDecode"}


class _TooLarge(Exception):
    pass


def check(path: str, data: bytes, max_stream: int, max_total: int, max_content: int, max_content_total: int) -> None:
    """Decode every stream of ``data`` with bounded output; refuse a decompression bomb."""
    objects = _Objects(data)
    total = content_total = 0
    scanned = 0
    for m in _STREAM.finditer(data):
        start = m.end()
        close = data.rfind(b">>", max(0, m.start() - 4096), m.start())
        if close == -1 or not _BETWEEN.fullmatch(data, close + 2, m.start()):
            continue  # not a stream object's keyword: words in a string, a stream's own bytes
        try:
            dictionary = _dictionary(data, close)
        except _NoHeader:
            raise InputError(
                path, f"a PDF stream's dictionary starts more than {MAX_DICTIONARY_BYTES // 1024} KiB before it ends; refused"
            ) from None
        if dictionary is None:
            continue
        filters = objects.filters(dictionary.get(b"/Filter"))
        if filters is None:
            raise InputError(path, "a PDF stream names its filters in a way untk cannot check; refused")
        end = _stream_end(data, start, objects.integer(dictionary.get(b"/Length")))
        scanned += end - start
        if scanned > MAX_SCANNED_BYTES:
            raise InputError(path, "the PDF's streams overlap too often to be checked (a decompression bomb?); refused")
        content = not _is_data(dictionary)
        try:
            size = _decoded_size(memoryview(data)[start:end], filters, max_content if content else max_stream)
        except _TooLarge:
            size = None
        if content and (size is None or content_total + size > max_content_total):
            raise InputError(
                path,
                f"a PDF content stream decodes to more than {max_content // 2**20} MiB, or all of them to more than "
                f"{max_content_total // 2**20} MiB (a decompression bomb?); refused",
            )
        if size is None or total + size > max_total:
            raise InputError(
                path,
                f"a PDF stream decodes to more than {max_stream // 2**20} MiB, or all streams to more than "
                f"{max_total // 2**20} MiB (a decompression bomb?); refused",
            )
        total += size
        if content:
            content_total += size


# ----------------------------------------------------------------- finding streams


def _dictionary(data: bytes, close: int) -> dict[bytes, object] | None:
    """The top-level entries of the stream dictionary that ends at ``close`` (its ``>>``)."""
    head = _header_end(data, close)
    if head is None:
        return None
    entries: dict[bytes, object] = {}
    depth = 0
    key: bytes | None = None
    value: list[object] | None = None  # an array being read at depth 2
    for token in _TOKEN.finditer(data, head, close + 2):
        text = token[0]
        if text.startswith(b"%"):
            continue
        if text in (b"<<", b"["):
            depth += 1
            if text == b"[" and depth == 2 and key is not None:
                value = []
            continue
        if text in (b">>", b"]"):
            depth -= 1
            if text == b"]" and depth == 1 and key is not None and value is not None:
                entries[key], key, value = value, None, None
            elif depth == 1 and key is not None and text == b">>":
                key = None  # a dictionary value: not needed
            continue
        reference = (int(token[1]), int(token[2])) if token[1] is not None else None
        item: object = reference if reference is not None else text
        if depth == 1:
            if key is None:
                key = text if text.startswith(b"/") else None
            else:
                entries[key], key = item, None
        elif depth == 2 and value is not None:
            value.append(item)
    return entries


#: Streams PDFium keeps as data, not parsed into objects: fonts, images, attachments.
_DATA_SUBTYPES = {b"/Image", b"/Type1C", b"/CIDFontType0C", b"/OpenType"}


def _is_data(dictionary: dict[bytes, object]) -> bool:
    return (
        dictionary.get(b"/Subtype") in _DATA_SUBTYPES
        or dictionary.get(b"/Type") == b"/EmbeddedFile"
        or any(key in dictionary for key in (b"/Length1", b"/Length2", b"/Length3"))
    )


#: How far before its ``>>`` a stream dictionary's ``N G obj`` header is looked for. Real
#: stream dictionaries are a few hundred bytes; looking back to the file's start for each
#: ``stream`` keyword, and reading the dictionary from there, was quadratic in a damaged file.
MAX_DICTIONARY_BYTES = 64 * 1024


class _NoHeader(Exception):
    pass


def _header_end(data: bytes, close: int) -> int | None:
    """Where the ``N G obj`` header of the object that holds offset ``close`` ends; None when
    there is none; :class:`_NoHeader` when an ``obj`` keyword stands further back than a
    dictionary can reach (that stream is not left unchecked: the file is refused)."""
    at = close
    floor = max(0, close - MAX_DICTIONARY_BYTES)
    for _ in range(64):  # "obj" inside the dictionary's own strings is passed over
        at = data.rfind(b"obj", floor, at)
        if at == -1:
            if floor and data.rfind(b"obj", 0, floor) != -1:
                raise _NoHeader
            return None
        if _HEADER.search(data, max(0, at - 24), at):
            return at + 3
    return None


def _stream_end(data: bytes, start: int, length: int | None) -> int:
    """Where a stream's data ends: at ``/Length`` when ``endstream`` follows it, else at ``endstream``."""
    if length is not None and 0 <= length <= len(data) - start and _END.match(data, start + length):
        return start + length
    end = data.find(b"endstream", start)
    return len(data) if end == -1 else end


class _Objects:
    """Small indirect objects (an integer, a name, an array of names), found once when first needed."""

    _SIMPLE = re.compile(
        rb"(?<![0-9])(\d{1,10})[\x00\t\n\f\r ]+(\d{1,5})[\x00\t\n\f\r ]+obj[\x00\t\n\f\r ]*"
        rb"(\d{1,12}|/[^\x00\t\n\f\r ()<>\[\]{}/%]+|\[[^\]\[()<>]{0,4096}\])[\x00\t\n\f\r ]*endobj"
    )

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.table: dict[tuple[int, int], bytes] | None = None

    def _lookup(self, reference: tuple[int, int]) -> bytes | None:
        if self.table is None:
            # The last definition wins, as in an incrementally updated file.
            self.table = {(int(m[1]), int(m[2])): m[3] for m in self._SIMPLE.finditer(self.data)}
        return self.table.get(reference)

    def integer(self, value: object) -> int | None:
        if isinstance(value, tuple):
            value = self._lookup(value)
        if isinstance(value, bytes) and value.isdigit() and len(value) <= 12:
            return int(value)
        return None

    def filters(self, value: object) -> list[bytes] | None:
        """The names of a stream's filters in order; ``None`` when they cannot be known."""
        if value is None or value == b"null":
            return []
        if isinstance(value, tuple):
            value = self._lookup(value)
            if value is not None and value.startswith(b"["):
                value = [t[0] for t in _TOKEN.finditer(value[1:-1]) if not t[0].startswith(b"%")]
        if isinstance(value, bytes):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, bytes) and v.startswith(b"/") for v in value):
            return None
        return [_ABBREVIATIONS.get(v[1:], v[1:]) for v in value]


# ----------------------------------------------------------------- decoding


def _decoded_size(raw: memoryview, filters: list[bytes], limit: int) -> int:
    """The largest size any stage of the chain decodes to (raises ``_TooLarge`` past ``limit``)."""
    data: bytes | memoryview = raw
    largest = 0
    for name in filters:
        decode = _DECODERS.get(name)
        if decode is None:
            break  # an image codec, a crypt filter or an unknown one: PDFium goes no further here
        data = decode(data, limit)
        largest = max(largest, len(data))
        if not data:
            break
    return largest


def _flate(data: bytes | memoryview, limit: int) -> bytes:
    """Inflate, keeping what comes before a damaged spot (PDFium keeps it too)."""
    out: list[bytes] = []
    size = 0
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):  # a zlib stream, else raw deflate
        inflater = zlib.decompressobj(wbits)
        pending: bytes | memoryview = data
        try:
            while True:
                # In steps, so that what was inflated before a damaged spot is counted.
                piece = inflater.decompress(pending, min(limit + 1 - size, 1 << 20))
                size += len(piece)
                out.append(piece)
                if size > limit:
                    raise _TooLarge()
                stalled = not piece and len(inflater.unconsumed_tail) == len(pending)
                pending = inflater.unconsumed_tail
                if inflater.eof or stalled or not (piece or pending):
                    break
        except zlib.error:
            pass
        if size:
            break
    return b"".join(out)


def _ascii_hex(data: bytes | memoryview, limit: int) -> bytes:
    text = bytes(data)
    end = text.find(b">")
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", text if end == -1 else text[:end])
    if len(digits) % 2:
        digits += b"0"
    if len(digits) // 2 > limit:
        raise _TooLarge()
    return bytes.fromhex(digits.decode("ascii"))


def _ascii85(data: bytes | memoryview, limit: int) -> bytes:
    text = bytes(data).translate(None, _WHITE)
    if text.startswith(b"<~"):
        text = text[2:]
    end = text.find(b"~>")
    text = text if end == -1 else text[:end]
    zeros = text.count(b"z")
    if 4 * zeros + (len(text) - zeros) * 4 // 5 > limit:
        raise _TooLarge()
    try:
        return base64.a85decode(text)
    except ValueError:
        return b""  # PDFium gives up on it too


def _run_length(data: bytes | memoryview, limit: int) -> bytes:
    src = bytes(data)
    out = bytearray()
    i, n = 0, len(src)
    while i < n:
        length = src[i]
        if length == 128:
            break
        if length < 128:
            out += src[i + 1 : i + 2 + length]
            i += 2 + length
        else:
            if i + 1 < n:
                out += src[i + 1 : i + 2] * (257 - length)
            i += 2
        if len(out) > limit:
            raise _TooLarge()
    return bytes(out)


def _lzw(data: bytes | memoryview, limit: int) -> bytes:
    """LZW as PDF writes it (9 to 12 bit codes, early change)."""
    src = bytes(data)
    out = bytearray()
    table: list[bytes] = [bytes((k,)) for k in range(256)] + [b"", b""]
    width, previous = 9, b""
    buffer, bits = 0, 0
    for byte in src:
        buffer = (buffer << 8) | byte
        bits += 8
        while bits >= width:
            bits -= width
            code = (buffer >> bits) & ((1 << width) - 1)
            buffer &= (1 << bits) - 1
            if code == 256:
                del table[258:]
                width, previous = 9, b""
                continue
            if code == 257:
                return bytes(out)
            full = len(table) >= 4096  # codes are 12 bits at most: the table grows no further
            if code < len(table):
                entry = table[code]
                if previous and not full:
                    table.append(previous + entry[:1])
            elif code == len(table) and previous and not full:
                entry = previous + previous[:1]
                table.append(entry)
            else:
                return bytes(out)  # a damaged stream: keep what came before
            out += entry
            if len(out) > limit:
                raise _TooLarge()
            previous = entry
            if len(table) >= (1 << width) - 1 and width < 12:
                width += 1
    return bytes(out)


_DECODERS = {
    b"FlateDecode": _flate,
    b"ASCIIHexDecode": _ascii_hex,
    b"ASCII85Decode": _ascii85,
    b"RunLengthDecode": _run_length,
    b"LZWDecode": _lzw,
}
